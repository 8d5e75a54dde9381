"""Synthetic clips lifted to 3-D: training material for 3-D stability models of our own.

A 3-D model sees at run time what the lifting stage makes of a video's 2-D
skeleton, not the generator's exact 3-D truth, so it is trained on the same: the
detector-like 2-D skeleton of every synthetic walk, lifted whole (as a video is,
so clip edges are not padded), then cut back into its clips. Labels and
per-frame instability stay those of the clips.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from .. import SynthClip
from ...core.callbacks import CancelFn, ProgressFn, check_cancel
from ...core.skeleton import SkeletonSequence
from ...core.lifting.files import Lifter
from ...core.lifting.path import BUNDLED_LIFTER
from ...core.lifting.path import open_lifter as open_file
from ...core.lifting.stage import lift_skeleton

__all__ = ["BUNDLED_LIFTER", "lift_clips", "lift_for_training", "open_lifter"]


def open_lifter(path: str | os.PathLike[str] | None, *, device: str = "cpu") -> Lifter:
    """The lifter in ``path`` (an ``.onnx`` export or a checkpoint); None: the bundled one in ``models/``."""
    from ...core.paths import models_dir

    return open_file(Path(path) if path is not None else models_dir() / BUNDLED_LIFTER, device=device)


def _walk_of(clip: SynthClip) -> str:
    return str(clip.skeleton.meta.get("walk_id", clip.clip_id))


def _joined(clips: Sequence[SynthClip]) -> SkeletonSequence:
    """The consecutive clips of one walk as one 2-D skeleton (frames in walk order)."""
    first = clips[0].skeleton
    parts = [c.skeleton for c in clips]
    n = sum(p.num_frames for p in parts)
    return SkeletonSequence(
        joints=np.concatenate([p.joints for p in parts]), confidence=np.concatenate([p.confidence for p in parts]),
        timestamps=np.arange(n) / first.fps, layout=first.layout, fps=first.fps,
        present=np.concatenate([p.present for p in parts]), interpolated=np.concatenate([p.interpolated for p in parts]),
        frame_indices=np.arange(n, dtype=np.int64), image_size=first.image_size, source=first.source,
        meta=dict(first.meta),
    )


def lift_clips(clips: Sequence[SynthClip], lifter: Lifter, *, progress: ProgressFn | None = None,
               should_cancel: CancelFn | None = None) -> list[SynthClip]:
    """``clips`` with their 2-D ``skeleton`` replaced by the lifted 3-D one (H36M-17, world, z up).

    Consecutive clips of one walk (``cut_clips`` order) are lifted together.
    """
    groups: dict[str, list[int]] = {}
    for k, clip in enumerate(clips):
        groups.setdefault(_walk_of(clip), []).append(k)
    out: list[Any] = list(clips)
    for done, members in enumerate(groups.values()):
        check_cancel(should_cancel)
        members.sort(key=lambda k: int(clips[k].skeleton.meta.get("walk_frame_offset", 0)))
        lifted = lift_skeleton(_joined([clips[k] for k in members]), lifter, should_cancel=should_cancel)
        start = 0
        for k in members:
            own = clips[k].skeleton
            stop = start + own.num_frames
            meta = dict(own.meta, lifter=lifted.meta["lifter"])
            out[k] = replace(clips[k], skeleton=SkeletonSequence(
                joints=lifted.joints[start:stop].copy(), confidence=own.confidence.copy(),
                timestamps=own.timestamps.copy(), layout="h36m17", fps=own.fps, present=own.present.copy(),
                interpolated=own.interpolated.copy(), frame_indices=own.frame_indices.copy(),
                image_size=own.image_size, source=own.source, meta=meta))
            start = stop
        if progress is not None:
            progress(done + 1, len(groups), "Lifting the synthetic walks to 3-D")
    return out


def lift_for_training(clips: Sequence[SynthClip], lifter_path: str | os.PathLike[str] | None, *,
                      progress: ProgressFn | None = None,
                      should_cancel: CancelFn | None = None) -> tuple[list[SynthClip], dict[str, Any]]:
    """The clips lifted with the lifter in ``lifter_path`` (None: the bundled one) and what the card records."""
    lifter = open_lifter(lifter_path)
    lifted = lift_clips(clips, lifter, progress=progress, should_cancel=should_cancel)
    return lifted, {"lifter": {"name": lifter.name, "sha256": lifter.sha256, "runtime": lifter.runtime},
                    "skeletons": "detector-like 2-D skeletons lifted to 3-D by the lifting stage (world axes, z up)"}
