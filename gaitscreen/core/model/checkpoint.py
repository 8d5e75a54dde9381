"""Classifier files: saving, loading (ours and the published checkpoint), checks.

``NAME.pt`` is a plain dict written with :func:`torch.save`::

    {"format": "gaitscreen.classifier", "version": 1,
     "state_dict": {name: tensor}, "config": {SkateFormerConfig fields},
     "input": {InputSpec fields}}

and is only ever read with ``torch.load(..., weights_only=True)``: tensors and
plain containers, never arbitrary pickled objects. ``NAME.card.json`` beside it
describes it (:class:`ModelCard`, carrying the .pt's sha256) and ``NAME.onnx`` may
hold an ONNX export (see :mod:`gaitscreen.core.model.runtime`).

The published SkateFormer checkpoint (a bare state_dict, or a dict holding one
under ``model``, ``state_dict``, ``model_state_dict`` or ``net``; ``module.``
prefixes from DataParallel stripped) loads strictly into
:meth:`SkateFormerConfig.ntu_sarcopenia`.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ModelError
from ..i18n import N_, _, ngettext
from ..paths import models_dir
from ..skeleton import can_convert
from .card import ModelCard, atomic_output, card_path, file_sha256
from .inputs import NORM_3D, InputSpec
from .recipe import published_recipe

__all__ = [
    "CHECKPOINT_FORMAT",
    "CHECKPOINT_VERSION",
    "DEFAULT_MODEL_NAME",
    "LoadedClassifier",
    "check_input_compatible",
    "default_model_path",
    "load_classifier",
    "read_card",
    "resolve_model_path",
    "save_classifier",
]

CHECKPOINT_FORMAT = "gaitscreen.classifier"
CHECKPOINT_VERSION = 1
DEFAULT_MODEL_NAME = "gaitscreen-stability-synthetic"
STATE_DICT_KEYS = ("model", "state_dict", "model_state_dict", "net")
PUBLISHED_DESCRIPTION = N_("published SkateFormer checkpoint; input 3-D NTU (published training data is 3-D)")
UNKNOWN_DESCRIPTION = N_("unknown: no model card beside the file")


def default_model_path() -> Path:
    """``models/gaitscreen-stability-synthetic.pt`` (whether or not it exists)."""
    return models_dir() / f"{DEFAULT_MODEL_NAME}.pt"


def resolve_model_path(path: str | os.PathLike[str] | None) -> Path:
    """``path`` if given, else the default model; ModelError when the file is missing."""
    if path is None:
        default = default_model_path()
        if not default.is_file():
            raise ModelError(_("No stability model found: {path} does not exist; train one with "
                               "`gaitscreen train` or pass --model.").format(path=default))
        return default
    path = Path(path)
    if path.suffix.lower() == ".onnx":
        raise ModelError(_("Pass the model's .pt file, not {name}; its ONNX export beside it is used "
                           "automatically.").format(name=path.name))
    if path.is_dir():
        raise ModelError(_("{path} is a folder; pass a model file (.pt).").format(path=path))
    if not path.is_file():
        raise ModelError(_("Model file not found: {path}").format(path=path))
    return path


@dataclass
class LoadedClassifier:
    """A classifier ready to run: torch module in eval mode and its description."""

    model: Any  # SkateFormer
    card: ModelCard
    sha256: str  # of the weights file
    path: Path
    source: str  # "gaitscreen" or "published"
    device: str


# --- Saving ---------------------------------------------------------------------------


def save_classifier(model: Any, card: ModelCard, path: str | os.PathLike[str]) -> ModelCard:
    """Write ``NAME.pt`` and ``NAME.card.json``; returns the card with sha256 and architecture."""
    import torch

    path = Path(path)
    if path.suffix != ".pt":
        raise ValueError(f"classifier files end in .pt, got {path.name}")
    config = model.config
    payload = {
        "format": CHECKPOINT_FORMAT,
        "version": CHECKPOINT_VERSION,
        "state_dict": {k: v.detach().cpu().clone() for k, v in model.state_dict().items()},
        "config": ModelCard.architecture_of(config)["config"],
        "input": card.input.to_dict(),
    }
    with atomic_output(path) as tmp:
        torch.save(payload, tmp)
    card = dataclasses.replace(card, sha256=file_sha256(path), architecture=ModelCard.architecture_of(config))
    card.save(card_path(path))
    return card


# --- Loading --------------------------------------------------------------------------


def _torch_load(path: Path) -> Any:
    import torch

    try:
        return torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as exc:
        found = re.search(r"GLOBAL (\S+)", str(exc))
        if found is None:
            raise ModelError(_("{name} is not a readable PyTorch checkpoint (not a torch file, or corrupt).").format(
                name=path.name)) from exc
        raise ModelError(_("{name} holds Python objects besides tensors ({found}); GaitScreen loads only plain "
                           "weight files (weights_only) and will not unpickle it.").format(
            name=path.name, found=found.group(1))) from exc
    except Exception as exc:  # noqa: BLE001 - zip, EOF, pickle and runtime errors of foreign bytes
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelError(_("{name} is not a readable PyTorch checkpoint (not a torch file, or corrupt): {why}").format(
            name=path.name, why=first)) from exc


def _is_state_dict(obj: Any) -> bool:
    import torch

    return (isinstance(obj, Mapping) and len(obj) > 0
            and all(isinstance(k, str) and isinstance(v, torch.Tensor) for k, v in obj.items()))


def _published_state(obj: Any, name: str) -> dict[str, Any]:
    if _is_state_dict(obj):
        state = obj
    else:
        state = None
        if isinstance(obj, Mapping):
            for key in STATE_DICT_KEYS:
                if _is_state_dict(obj.get(key)):
                    state = obj[key]
                    break
        if state is None:
            keys = sorted(map(str, obj))[:8] if isinstance(obj, Mapping) else type(obj).__name__
            raise ModelError(_("{name} holds no state_dict (looked for a bare one and under {looked}); it holds "
                               "{keys}.").format(name=name, looked=list(STATE_DICT_KEYS), keys=keys))
    return {k.removeprefix("module."): v for k, v in state.items()}


def _names(keys: list[str], limit: int = 4) -> str:
    shown = ", ".join(keys[:limit])
    return shown + (", …" if len(keys) > limit else "")


def _build(config: Any, state: dict[str, Any], name: str) -> Any:
    """SkateFormer(config) with ``state`` loaded strictly; differences → ModelError."""
    from .skateformer import SkateFormer

    model = SkateFormer(config)
    expected = model.state_dict()
    missing = [k for k in expected if k not in state]
    unexpected = [k for k in state if k not in expected]
    shapes = [
        f"{k} expected {tuple(v.shape)}, got {tuple(state[k].shape)}"
        for k, v in expected.items() if k in state and tuple(state[k].shape) != tuple(v.shape)
    ]
    problems = []
    if missing:
        problems.append(ngettext("{n} missing key ({keys})", "{n} missing keys ({keys})", len(missing)).format(
            n=len(missing), keys=_names(missing)))
    if unexpected:
        problems.append(ngettext("{n} unexpected key ({keys})", "{n} unexpected keys ({keys})",
                                 len(unexpected)).format(n=len(unexpected), keys=_names(unexpected)))
    if shapes:
        problems.append(_("shape mismatch: {shapes}").format(
            shapes="; ".join(shapes[:4]) + ("; …" if len(shapes) > 4 else "")))
    if problems:
        raise ModelError(_("{name} does not fit the SkateFormer it declares: {problems}.").format(
            name=name, problems=_("; ").join(problems)))
    try:
        model.load_state_dict(state, strict=True)
    except RuntimeError as exc:
        raise ModelError(_("{name} does not load into SkateFormer: {why}").format(
            name=name, why=str(exc).splitlines()[0])) from exc
    return model


def _unknown_card(path: Path, sha: str, config: Any, spec: InputSpec) -> ModelCard:
    from ..analysis.protocol_words import say  # the analysis package imports this module

    return ModelCard(
        name=path.stem,
        version="unknown",
        sha256=sha,
        architecture=ModelCard.architecture_of(config),
        input=spec,
        training_data={"description": UNKNOWN_DESCRIPTION, "synthetic": None},
        intended_use=N_("Research only; the model's provenance is unknown."),
        limitations=[say(N_("No model card ({card}) was found beside this file, so its training data, performance "
                            "and intended use are unknown."), card=card_path(path).name)],
        clinically_validated=False,
    )


def _published_card(path: Path, sha: str, config: Any) -> ModelCard:
    return ModelCard(
        name=path.stem,
        version="published",
        sha256=sha,
        architecture=ModelCard.architecture_of(config),
        input=InputSpec(dims=3, normalisation=NORM_3D),
        window_recipe=published_recipe(),
        training_data={"description": PUBLISHED_DESCRIPTION, "synthetic": False},
        intended_use=N_("Research comparison with the published sarcopenia stability classifier."),
        limitations=[
            N_("Trained on the published 3-D skeletons; GaitScreen's pose stage gives 2-D skeletons, "
               "so this model cannot classify GaitScreen's own walks."),
            N_("The time scale and normalisation of the published training pipeline are assumed, "
               "not verified."),
            N_("Windows follow the published inference (64 consecutive frames, starts range(0, T - 64, 8), "
               "absolute time index), which departs from the published training (about 3-s clips "
               "sampled to 64 frames, index over the clip)."),
        ],
        clinically_validated=False,
    )


def _card_beside(path: Path, sha: str) -> ModelCard | None:
    where = card_path(path)
    if not where.exists():
        return None
    card = ModelCard.load(where)
    if card.sha256 != sha:
        raise ModelError(_("The card describes a different file: {card} records sha256 {recorded}, {name} has "
                           "{sha}.").format(card=where.name, recorded=card.sha256[:12] or _("(none)"),
                                            name=path.name, sha=sha[:12]))
    return card


def _check_card_config(card: ModelCard, config: Any, name: str) -> None:
    declared = card.skateformer_config()
    if declared != config:
        diff = [f.name for f in dataclasses.fields(config) if getattr(declared, f.name) != getattr(config, f.name)]
        raise ModelError(_("The model card's SkateFormer configuration differs from {name}'s in {fields}.").format(
            name=name, fields=", ".join(diff)))


def _device(device: str) -> str:
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cuda" and not torch.cuda.is_available():
        raise ModelError(_("--device cuda was asked for, but no CUDA GPU is usable here."))
    return device


def load_classifier(path: str | os.PathLike[str], *, device: str = "cpu") -> LoadedClassifier:
    """Load our ``.pt`` format or the published checkpoint; see the module notes."""
    from .config import SkateFormerConfig

    path = resolve_model_path(path)
    sha = file_sha256(path)
    obj = _torch_load(path)
    card = _card_beside(path, sha)
    if isinstance(obj, Mapping) and obj.get("format") == CHECKPOINT_FORMAT:
        source = "gaitscreen"
        version = obj.get("version")
        if not isinstance(version, int) or version > CHECKPOINT_VERSION:
            raise ModelError(_("{name} uses classifier format version {version!r}; this GaitScreen reads up to "
                               "{newest}. Please update GaitScreen.").format(name=path.name, version=version,
                                                                             newest=CHECKPOINT_VERSION))
        if not _is_state_dict(obj.get("state_dict")) or not isinstance(obj.get("config"), Mapping):
            raise ModelError(_("{name} is a GaitScreen classifier file without a state_dict or config.").format(
                name=path.name))
        try:
            config = SkateFormerConfig(**obj["config"])
        except (TypeError, ValueError) as exc:
            raise ModelError(_("The SkateFormer configuration in {name} does not build: {why}").format(
                name=path.name, why=exc)) from exc
        state = dict(obj["state_dict"])
        spec = InputSpec.from_dict(dict(obj["input"])) if isinstance(obj.get("input"), Mapping) else None
        if card is None:
            card = _unknown_card(path, sha, config, spec or InputSpec())
        elif spec is not None and spec != card.input:
            raise ModelError(_("The model card's input specification differs from the one stored in {name}.").format(
                name=path.name))
    else:
        source = "published"
        state = _published_state(obj, path.name)
        config = card.skateformer_config() if card is not None else SkateFormerConfig.ntu_sarcopenia()
        if card is None:
            card = _published_card(path, sha, config)
    _check_card_config(card, config, path.name)
    model = _build(config, state, path.name)
    where = _device(device)
    return LoadedClassifier(model=model.to(where).eval(), card=card, sha256=sha, path=path,
                            source=source, device=where)


def read_card(path: str | os.PathLike[str]) -> tuple[ModelCard, str]:
    """The card of a model file and the file's sha256, without building the network when a card is beside it."""
    path = resolve_model_path(path)
    sha = file_sha256(path)
    card = _card_beside(path, sha)
    if card is None:
        loaded = load_classifier(path)
        card = loaded.card
    return card, sha


# --- Compatibility --------------------------------------------------------------------


def check_input_compatible(card: ModelCard, *, dims: int, layout: str) -> None:
    """ModelError unless a ``dims``-D skeleton in ``layout`` fits the model the card describes."""
    spec = card.input
    if spec.layout != "ntu24":
        raise ModelError(_("{model} expects joints in the {layout!r} layout; GaitScreen prepares only 'ntu24' "
                           "(24 NTU joints).").format(model=card.name, layout=spec.layout))
    if not can_convert(layout, "model24"):
        raise ModelError(_("A {layout!r} skeleton cannot be converted to the 24 NTU joints {model} expects.").format(
            layout=layout, model=card.name))
    if spec.dims != dims:
        raise ModelError((_("{model} expects {dims}-D skeletons; this skeleton is {given}-D (the pose stage gives "
                            "2-D skeletons).") if dims == 2 else
                          _("{model} expects {dims}-D skeletons; this skeleton is {given}-D.")).format(
            model=card.name, dims=spec.dims, given=dims))
    config = card.skateformer_config()
    declared = (
        (N_("{model}'s network takes {network} channels per joint, but its input specification gives {given}; "
            "the model cannot be run safely."), config.in_channels, spec.channels),
        (N_("{model}'s network takes {network} joints, but its input specification gives {given}; the model "
            "cannot be run safely."), config.num_points, 24),
        (N_("{model}'s network takes {network} persons, but its input specification gives {given}; the model "
            "cannot be run safely."), config.num_people, spec.persons),
        (N_("{model}'s network takes {network} frames per window, but its input specification gives {given}; "
            "the model cannot be run safely."), config.frames, spec.frames),
    )
    for text, network, given in declared:
        if network != given:
            raise ModelError(_(text).format(model=card.name, network=network, given=given))
    if config.num_classes != len(card.classes):
        raise ModelError(_("{model}'s network has {network} classes but its card names {named}.").format(
            model=card.name, network=config.num_classes, named=len(card.classes)))
