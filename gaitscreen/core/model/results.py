"""Writing a trained classifier: weights, model card and metrics report.

Shared by ``gaitscreen train`` and the application's "Train model from labels"
job so that both write the same three files, ``NAME.pt``, ``NAME.card.json`` and
``NAME.metrics.json``, with the same card metrics (mean and SD across
subject-level cross-validation folds) and the same limitations.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from ..i18n import N_
from .card import ModelCard, atomic_output
from .metrics import json_safe

# GaitScreen's own card texts: stored in English in the card, shown through the catalogue.
SYNTHETIC_LIMITATIONS = [
    N_("Trained on synthetic skeletons from GaitScreen's generator, not on patients: this model "
       "demonstrates the workflow and is not a validated clinical model."),
    N_("Its cross-validated metrics measure how well it recognises the generator's own instability "
       "events; they say nothing about accuracy on real older adults."),
    N_("Not a medical device; do not use its output for decisions about a person's care."),
]
RECORDED_LIMITATIONS = [
    N_("Not clinically validated: the metrics are cross-validated on the training dataset only, "
       "not measured on an independent clinical population."),
    N_("Not a medical device; a screening aid for research."),
]
SYNTHETIC_USE = N_("Demonstrating and testing GaitScreen's screening workflow; not for decisions about patients.")
RECORDED_USE = N_("Research on sarcopenia risk screening from tandem gait; a screening aid, not a diagnosis.")

_CARD_KEYS = (("accuracy", "accuracy"), ("balanced_accuracy", "balanced_accuracy"), ("precision", "precision"),
              ("recall", "recall"), ("f1", "f1"), ("roc_auc", "auc"))


def card_metrics(cv: Any, folds: int) -> dict[str, Any]:
    """The card's ``metrics``: mean/SD per window metric across folds and the clip-level ROC-AUC."""
    if cv is None:
        return {"cross_validation": "none"}
    s, c = cv.summary, cv.clip_summary
    out: dict[str, Any] = {"cross_validation": f"{folds}-fold, subject-level", "level": "window"}
    for key, short in _CARD_KEYS:
        out[f"mean_{short}"] = s[key]["mean"]
        out[f"sd_{short}"] = s[key]["sd"]
    out["clip_mean_auc"] = c["roc_auc"]["mean"]
    out["clip_sd_auc"] = c["roc_auc"]["sd"]
    return out


def write_trained_model(out: Path, model: Any, *, name: str, version: str, spec: Any, info: dict[str, Any],
                        cv: Any, folds: int, final: Any, config: Any, device: str, threshold: float,
                        limitations: list[str] | None = None, intended_use: str | None = None,
                        recipe: Any = None) -> ModelCard:
    """Write ``out`` (``.pt``), its card and ``NAME.metrics.json``; returns the saved card.

    ``info`` is the card's ``training_data`` (its ``synthetic`` flag picks the default
    intended use and limitations); ``final`` is the :class:`TrainOutcome` of the model
    trained on all data, or None when ``model`` is a cross-validation fold's model;
    ``recipe`` the :class:`WindowRecipe` the training windows were cut with (GaitScreen's
    default when None), recorded in the card so inference cuts the same windows.
    """
    from .recipe import default_recipe
    from .checkpoint import save_classifier

    parent = getattr(config, "init", None)
    if parent is not None:  # fine-tuned: the card names the model it started from
        from .finetune import head_note

        info = {**info, "parent_model": parent.describe(head_note(parent, model.config.num_classes))}
    info = with_description_wording(info)
    synthetic = info.get("synthetic") is True
    card = ModelCard(
        name=name, version=version, architecture=ModelCard.architecture_of(model.config), input=spec,
        training_data=json_safe(info), metrics=json_safe(card_metrics(cv, folds)),
        intended_use=intended_use or (SYNTHETIC_USE if synthetic else RECORDED_USE),
        limitations=list(limitations or (SYNTHETIC_LIMITATIONS if synthetic else RECORDED_LIMITATIONS)),
        clinically_validated=False, threshold=threshold,
        window_recipe=recipe or default_recipe(spec.frames, spec.stride),
    )
    card = save_classifier(model.cpu(), card, out)
    report = {
        "model": name, "version": version, "sha256": card.sha256,
        "created": datetime.datetime.now().isoformat(timespec="seconds"),
        "device": device, "data": info, "train_config": config.to_dict(),
        "model_config": ModelCard.architecture_of(model.config)["config"],
        "cross_validation": None if cv is None else cv.to_dict(),
        "threshold": threshold,
        "final": None if final is None else {"epochs": len(final.history), "seconds": final.seconds,
                                             "step_seconds": final.step_seconds, "history": final.history},
    }
    with atomic_output(metrics_path(out)) as tmp:
        tmp.write_text(json.dumps(json_safe(report), indent=2, allow_nan=False) + "\n", encoding="utf-8")
    return card


def with_description_wording(info: dict[str, Any]) -> dict[str, Any]:
    """``info`` with ``description_wording`` (template and values) beside a description GaitScreen
    worded with :func:`~gaitscreen.core.analysis.protocol_words.say`, so the card's reader sees it
    in their language (:meth:`ModelCard.description`); other descriptions stay as written."""
    entry = getattr(info.get("description"), "entry", None)
    if not isinstance(entry, dict) or not entry.get("template"):
        return info
    return {**info, "description": str(info["description"]),
            "description_wording": {"template": entry["template"], "values": dict(entry.get("values") or {})}}


def metrics_path(weights: Path) -> Path:
    """``NAME.metrics.json`` beside ``NAME.pt``."""
    weights = Path(weights)
    return weights.with_name(weights.stem + ".metrics.json")
