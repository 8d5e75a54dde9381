"""Writing a lifter of our own: the checkpoint, its card and its ONNX export.

The checkpoint is what :func:`~gaitscreen.core.lifting.load_lifter` reads: a dict
with ``model_pos`` (the state_dict) and ``config`` (the :class:`PoseFormerV2Config`
fields), plain tensors and numbers only, so ``weights_only=True`` loads it. The card
``NAME.card.json`` (``format`` ``"gaitscreen.lifter_card"``) records the file's
sha256, the architecture, what goes in and comes out, the synthetic training data
and the held-out scores. Every file is written atomically.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
from pathlib import Path
from typing import Any

from ... import __version__
from .. import GENERATOR_NAME, GENERATOR_VERSION
from ...core.analysis.protocol_words import say
from ...core.errors import ModelError
from ...core.i18n import N_, _
from ...core.fileio import atomic_output, sha256_file
from ...core.model.card import card_path
from .training import TrainedLifter

__all__ = ["LIFTER_CARD_FORMAT", "read_lifter_card", "write_trained_lifter"]

LIFTER_CARD_FORMAT = "gaitscreen.lifter_card"
LIFTER_CARD_VERSION = 1

INPUT = {
    "layout": "h36m17",
    "dims": 2,
    "conversion": "COCO-17 → H36M-17 as the published study's seed (coco17_to_h36m17_seed)",
    "normalisation": "screen: X / w * 2 − [1, h / w] (pixels of a w × h frame)",
    "flip_average": True,
}
OUTPUT = {
    "layout": "h36m17",
    "units": "m",
    "axes": "camera (x right, y down, z forward), pelvis at 0, as the published PoseFormerV2",
    "world": "after seed_world_joints (the lifting stage): world axes of the seed, z up, lowest joint at z = 0",
}
# GaitScreen's own card texts: stored in English in the card, shown through the catalogue.
LIMITATIONS = N_(
    "Trained only on GaitScreen's synthetic skeletons (a parametric model of older adults' tandem walking toward "
    "a phone camera, with detector-like 2-D noise), never on motion capture of real people. Its 3-D answers for "
    "real videos, other movements, other viewpoints or other bodies are unverified; its scores are on held-out "
    "synthetic subjects only."
)
INTENDED_USE = N_("Lifting 2-D skeletons of tandem-walk videos to 3-D inside GaitScreen, so 3-D stability models "
                  "run without the published Human3.6M lifter.")
DESCRIPTION = N_("{subjects} synthetic subjects, one 8–15-s tandem walk each toward a phone camera (0–2 instability "
                 "events), from {generator} {version}, seed {seed}: detector-like 2-D COCO input, exact 3-D H36M-17 "
                 "targets. No real person's data.")


def _card(trained: TrainedLifter, *, name: str, version: str, sha256: str, onnx: dict[str, Any] | None) -> dict:
    cfg = trained.config
    params = int(sum(p.numel() for p in trained.model.parameters()))
    description = say(DESCRIPTION, subjects=trained.training_subjects, generator=GENERATOR_NAME,
                      version=GENERATOR_VERSION, seed=cfg.seed)
    return {
        "format": LIFTER_CARD_FORMAT,
        "format_version": LIFTER_CARD_VERSION,
        "name": name,
        "version": version,
        "sha256": sha256,
        "created": _dt.date.today().isoformat(),
        "gaitscreen_version": __version__,
        "architecture": {"name": "PoseFormerV2", "config": cfg.model.to_dict(), "parameters": params},
        "input": dict(INPUT, receptive_field=cfg.model.receptive_field),
        "output": dict(OUTPUT),
        "training_data": {
            "synthetic": True,
            "generator": GENERATOR_NAME,
            "generator_version": GENERATOR_VERSION,
            "seed": cfg.seed,
            "subjects": trained.training_subjects,
            "frames": trained.training_frames,
            "description": str(description),
            "description_wording": dict(description.entry),
        },
        "training": {"epochs": cfg.epochs, "batch_size": cfg.batch_size, "lr": cfg.lr,
                     "weight_decay": cfg.weight_decay, "frame_stride": cfg.frame_stride,
                     "loss": "MPJPE (metres)", "augmentation": "half of each batch mirrored",
                     "history": trained.history, "seconds": round(trained.seconds, 1)},
        "metrics": dict(trained.metrics, split=f"{trained.metrics['held_out_subjects']} held-out synthetic "
                        f"subjects (seed {cfg.seed}, split 'test'), every frame, flip-averaged",
                        protocol="MPJPE: pelvis-aligned; P-MPJPE: after per-frame Procrustes (rotation, scale, "
                        "translation)"),
        "onnx": onnx,
        "licence": "AGPL-3.0-or-later (GaitScreen's own weights, trained on synthetic data only)",
        "intended_use": INTENDED_USE,
        "limitations": LIMITATIONS,
        "clinically_validated": False,
    }


def write_trained_lifter(path: str | os.PathLike[str], trained: TrainedLifter, *, name: str | None = None,
                         version: str = "0.1.0", onnx: bool = True) -> dict[str, Any]:
    """Write ``NAME.pt``, ``NAME.card.json`` and (``onnx``) ``NAME.onnx``, checked for parity; the card."""
    import torch

    from ...core.lifting.files import export_lifter_onnx, load_lifter

    path = Path(path)
    name = name or path.stem
    state = {k: v.detach().cpu().contiguous() for k, v in trained.model.state_dict().items()}
    with atomic_output(path) as tmp:
        torch.save({"model_pos": state, "config": trained.config.model.to_dict()}, tmp)
    sha = sha256_file(path)
    export = None
    if onnx:
        onnx_path = path.with_suffix(".onnx")
        export_lifter_onnx(load_lifter(path), onnx_path, frames=trained.config.model.receptive_field)
        export = {"file": onnx_path.name, "sha256": sha256_file(onnx_path), "frames":
                  trained.config.model.receptive_field, "parity": "≤ 1e-4 against PyTorch (checked at export)"}
    card = _card(trained, name=name, version=version, sha256=sha, onnx=export)
    with atomic_output(card_path(path)) as tmp:
        tmp.write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return card


def read_lifter_card(weights: str | os.PathLike[str]) -> dict[str, Any]:
    """The card beside a lifter file, checked to describe that very file (ModelError otherwise)."""
    weights = Path(weights)
    path = card_path(weights)
    try:
        card = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(_("The lifter card {name} cannot be read: {why}.").format(name=path.name, why=exc)) from exc
    if not isinstance(card, dict) or card.get("format") != LIFTER_CARD_FORMAT:
        raise ModelError(_("{name} is not a GaitScreen lifter card.").format(name=path.name))
    if int(card.get("format_version", 0)) > LIFTER_CARD_VERSION:
        raise ModelError(_("{name} was written by a newer GaitScreen; update GaitScreen to read it.").format(
            name=path.name))
    if card.get("sha256") != sha256_file(weights):
        raise ModelError(_("{name} describes another file than {weights} (sha256 differs).").format(
            name=path.name, weights=weights.name))
    return card
