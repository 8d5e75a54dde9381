"""Choosing the classifier's input path from its model card: 2-D as detected, or lifted to 3-D.

A card whose ``input.dims`` is 2 takes the pose stage's 2-D skeleton as it is. A
card declaring 3-D input needs a lifter, and runs the published study's 3-D path
automatically when one is available:

1. the lifter file given explicitly (``--lifter FILE``, or the app's model settings);
2. else one found in the models folder (:func:`~gaitscreen.core.paths.models_dir`):
   the published checkpoint's own name :data:`PUBLISHED_LIFTER_NAME` first (the
   lifter the study used), else the first ``NAME.lifter.pt`` in name order, else
   GaitScreen's own bundled lifter :data:`BUNDLED_LIFTER` (trained on synthetic
   skeletons: the report names it, so a published 3-D model run on it says so).

Without one, :class:`~gaitscreen.core.errors.LifterMissingError` says what to supply:
a 3-D model never runs on 2-D input. The 3-D path (:func:`classifier_skeleton`) is
the seed's: COCO-17 → H36M-17 with the seed conversion, PoseFormerV2 with flip
averaging, camera → world, H36M-17 → NTU-25, the 100° turn about x and the spine of
the first frame as the origin (:mod:`.published`). The result is an NTU-25 3-D
skeleton that :mod:`gaitscreen.core.model.inputs` windows like any 3-D skeleton.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..callbacks import CancelFn, ProgressFn
from ..errors import LifterMissingError, ModelError
from ..paths import models_dir
from ..skeleton import SkeletonSequence, h36m17_to_ntu25
from .files import Lifter, OnnxLifter, TorchLifter, load_lifter
from .published import published_ntu_joints
from .stage import lift_skeleton

__all__ = [
    "LIFTER_SUFFIX",
    "PUBLISHED_LIFTER_NAME",
    "classifier_inputs",
    "classifier_skeleton",
    "default_lifter",
    "find_lifter",
    "lifter_description",
    "lifter_missing",
    "model_layout",
    "needs_lifter",
    "open_lifter",
    "published_model_input",
    "resolve_lifter",
]

#: The published PoseFormerV2 checkpoint's file name (H36M, 27 frames kept of 243).
PUBLISHED_LIFTER_NAME = "27_243_45.2.bin"
#: Lifter files of any other name are found in the models folder by this ending.
LIFTER_SUFFIX = ".lifter.pt"
#: Our own lifter, shipped in models/ (trained on synthetic skeletons; see its card).
BUNDLED_LIFTER = "gaitscreen-lifter-synthetic.pt"


def needs_lifter(card: Any) -> bool:
    """True when the model card declares 3-D input (the published checkpoint does)."""
    return int(card.input.dims) == 3


def model_layout(card: Any) -> tuple[int, str]:
    """(dims, layout) of the skeleton the classifier is given on this card's path."""
    return (3, "ntu25") if needs_lifter(card) else (2, "coco17")


def find_lifter(folder: str | os.PathLike[str] | None = None) -> Path | None:
    """The lifter file of the models folder by the rule in the module notes; None when there is none."""
    folder = Path(folder) if folder is not None else models_dir()
    if not folder.is_dir():
        return None
    published = folder / PUBLISHED_LIFTER_NAME
    if published.is_file():
        return published
    named = sorted(p for p in folder.iterdir() if p.name.endswith(LIFTER_SUFFIX) and p.is_file())
    if named:
        return named[0]
    bundled = folder / BUNDLED_LIFTER
    return bundled if bundled.is_file() else None


def open_lifter(path: str | os.PathLike[str], *, device: str = "cpu") -> Lifter:
    """A lifter file ready to run: an ``.onnx`` export on ONNX Runtime, else the PoseFormerV2
    checkpoint loaded strictly (weights only) on PyTorch."""
    path = Path(path)
    if path.suffix.lower() == ".onnx":
        if not path.is_file():
            raise ModelError(f"Lifter file not found: {path}")
        return OnnxLifter(path, device=device)
    return TorchLifter(load_lifter(path, device=device))


def lifter_missing(card: Any) -> LifterMissingError:
    """The one-line error naming what to supply when a 3-D model has no lifter."""
    return LifterMissingError(
        f"{card.name} expects 3-D skeletons and no 3-D lifter is available: supply a PoseFormerV2 lifter "
        f"checkpoint with --lifter FILE (e.g. the published {PUBLISHED_LIFTER_NAME}), choose one in the app's "
        f"Models menu, or put {PUBLISHED_LIFTER_NAME} or a NAME{LIFTER_SUFFIX} file in {models_dir()}."
    )


def default_lifter() -> Path:
    """The models folder's lifter (:func:`find_lifter`); LifterMissingError naming what to supply
    when there is none (``pose --lift`` without a file)."""
    path = find_lifter()
    if path is None:
        raise LifterMissingError(
            f"No 3-D lifter was found: give the PoseFormerV2 lifter checkpoint after --lift (e.g. the published "
            f"{PUBLISHED_LIFTER_NAME}), or put {PUBLISHED_LIFTER_NAME} or a NAME{LIFTER_SUFFIX} file in "
            f"{models_dir()}."
        )
    return path


def resolve_lifter(card: Any, lifter: Lifter | str | os.PathLike[str] | None = None, *,
                   device: str = "cpu") -> Lifter | None:
    """The lifter this card's path runs with: None for a 2-D model (any lifter given is not used),
    else ``lifter`` (opened when it is a path) or the models folder's; LifterMissingError when none."""
    if not needs_lifter(card):
        return None
    if lifter is not None and not isinstance(lifter, (str, os.PathLike)):
        return lifter
    path = Path(lifter) if lifter is not None else find_lifter()
    if path is None:
        raise lifter_missing(card)
    return open_lifter(path, device=device)


def classifier_skeleton(skeleton: SkeletonSequence, card: Any, lifter: Lifter | None, *,
                        progress: ProgressFn | None = None,
                        should_cancel: CancelFn | None = None) -> SkeletonSequence:
    """The skeleton the classifier of ``card`` is given: ``skeleton`` itself for a 2-D model,
    its published-path NTU-25 3-D skeleton for a 3-D model (LifterMissingError without a lifter)."""
    return classifier_inputs(skeleton, card, lifter, progress=progress, should_cancel=should_cancel)[0]


def classifier_inputs(skeleton: SkeletonSequence, card: Any, lifter: Lifter | None, *, lift_every: int = 1,
                      progress: ProgressFn | None = None, should_cancel: CancelFn | None = None
                      ) -> tuple[SkeletonSequence, SkeletonSequence | None]:
    """(:func:`classifier_skeleton`, the lifted world H36M-17 skeleton it came from or None on the
    2-D path): the study stores the second beside the 2-D one for the player's 3-D view.
    ``lift_every`` > 1 lifts every N-th frame and interpolates the rest (the seed lifts all)."""
    if not needs_lifter(card):
        return skeleton, None
    if lifter is None:
        raise lifter_missing(card)
    if skeleton.dims != 2:
        raise ModelError(f"{card.name} takes 2-D pose skeletons to lift; this skeleton is already "
                         f"{skeleton.dims}-D.")
    world = lift_skeleton(skeleton, lifter, every=lift_every, progress=progress, should_cancel=should_cancel)
    return published_model_input(world), world


def published_model_input(world: SkeletonSequence) -> SkeletonSequence:
    """The published classifier's NTU-25 input from a lifted 3-D H36M-17 skeleton (world axes,
    as :func:`lift_skeleton` and ``gaitscreen pose --lift`` give it)."""
    if world.dims != 3 or world.layout != "h36m17":
        raise ModelError(f"The published 3-D preparation takes a lifted 3-D H36M-17 skeleton, not a "
                         f"{world.dims}-D {world.layout} one.")
    joints = published_ntu_joints(world.joints)  # NaN where the subject is absent
    _, confidence = h36m17_to_ntu25(world.joints, world.confidence)
    meta = dict(world.meta)
    meta["classifier_path"] = "published 3-D: H36M-17 → NTU-25, 100° about x, spine of the first frame at 0"
    return SkeletonSequence(
        joints=joints, confidence=confidence, timestamps=world.timestamps, layout="ntu25", fps=world.fps,
        present=world.present, interpolated=world.interpolated, frame_indices=world.frame_indices,
        image_size=world.image_size, source=world.source, source_sha256=world.source_sha256,
        track_id=world.track_id, meta=meta,
    )


def lifter_description(lifter: Lifter | None, *, lift_every: int = 1) -> dict[str, Any] | None:
    """Name, sha256 and runtime of the lifter behind a 3-D result, and every how many frames it
    ran (1: all, as the seed; None on the 2-D path)."""
    if lifter is None:
        return None
    return {"name": lifter.name, "sha256": lifter.sha256, "runtime": lifter.runtime,
            "device": lifter.device, "architecture": "PoseFormerV2", "lift_every": int(lift_every)}
