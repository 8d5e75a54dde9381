"""Use cases: gather the study's labelled clips, export them, and train a model from them (no Qt).

* :func:`export_labels`: the consensus-labelled clips to ``<study>/exports/…`` as a
  published-layout clip npz plus a CSV (:mod:`gaitscreen.core.labels_export`).
* :func:`train_from_labels`: what ``gaitscreen train`` does, on the study's labels:
  gathers the clips whose raters reach a stable/unstable consensus, slices each
  recording's skeleton to them, runs subject-level cross-validation (patients never
  straddle folds) and trains the final model on everything, writes
  ``<study>/models/NAME-VERSION.pt`` with its card and metrics (through
  :func:`gaitscreen.core.model.results.write_trained_model`, the CLI's own writer)
  and registers it in the study, not active: the user decides.

The engine's jobs (:mod:`gaitscreen.engine.train_job`) run these in the worker.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from gaitscreen.core.callbacks import CancelFn, ProgressFn, check_cancel, no_progress
from gaitscreen.core.errors import GaitScreenError
from gaitscreen.core.i18n import N_, _, ngettext
from gaitscreen.core.labels_export import (ExportResult, check_trainable, export_labelled_clips,
                                           gather_labelled_clips)

if TYPE_CHECKING:  # the concrete study; imported for types only
    from gaitscreen.storage import Study

DEFAULT_NAME = "rater-labels"
LABEL_LIMITATION = N_("Trained on the study's rater labels of 3-s clips (majority of raters; ties and clips "
                      "judged unusable left out): the raters' judgement is its reference, not a clinical "
                      "outcome.")


@dataclass(frozen=True)
class TrainFromLabelsSettings:
    """Options of one training run from labels."""

    epochs: int = 5
    folds: int = 3
    architecture: str = "compact"
    persons: int = 1  # person slots of the input: our windows carry one subject (2 = the published input)
    batch_size: int = 16
    lr: float = 5e-4
    seed: int = 0
    device: str = "auto"
    train_stride: Optional[int] = None  # training windows start every this many samples (None: all, stride 8)
    name: str = DEFAULT_NAME
    version: str = ""  # "" → the start time, YYYYMMDD-HHMMSS
    raters: Optional[tuple[str, ...]] = None  # None: every rater votes
    min_subjects: int = 4
    init: Optional[str] = None  # checkpoint to fine-tune from (its size and persons are used); None: from scratch


@dataclass
class TrainFromLabelsResult:
    """What the training dialog shows when the run finishes."""

    model: Any  # core.records.ModelRecord (registered, not active)
    path: str
    card: dict[str, Any]
    folds: int
    summary: dict[str, Any]  # window metrics, mean/sd across folds
    clip_summary: dict[str, Any]  # clip metrics, mean/sd across folds
    data: dict[str, Any]  # counts of clips, windows, subjects, raters
    ties: list[str] = field(default_factory=list)  # clips left out for a tie
    skipped: list[str] = field(default_factory=list)


def train_from_labels(study: Study, settings: Optional[TrainFromLabelsSettings] = None, *,
                      progress: Optional[ProgressFn] = None,
                      should_cancel: Optional[CancelFn] = None) -> TrainFromLabelsResult:
    """Cross-validate and train a classifier on ``study``'s consensus labels (see the module notes)."""
    from gaitscreen.core.analysis.protocol_words import say
    from gaitscreen.core.model.crossval import cross_validate, train_final
    from gaitscreen.core.model.data import from_labelled_clips
    from gaitscreen.core.model.results import RECORDED_LIMITATIONS, write_trained_model
    from gaitscreen.core.model.training import TrainConfig, resolve_device

    s = settings or TrainFromLabelsSettings()
    progress = progress or no_progress
    if s.epochs < 1 or s.folds < 2:
        raise GaitScreenError(_("Training needs at least 1 epoch and 2 cross-validation folds."))
    parent, architecture, persons = None, s.architecture, s.persons
    if s.init:  # fine-tuning: the parent decides the network's size; refused before any data work
        from gaitscreen.core.model.finetune import fitting_preset, load_parent

        parent = load_parent(s.init)
        architecture, persons = fitting_preset(parent)
    gathered = gather_labelled_clips(study, raters=s.raters, progress=progress, should_cancel=should_cancel)
    check_trainable(gathered, min_subjects=max(s.min_subjects, s.folds))
    progress(0, 0, _("Preparing windows"))
    data = from_labelled_clips([c.training_item() for c in gathered.usable]).with_persons(persons)
    if len(data) == 0 or data.y.min() == data.y.max():
        raise GaitScreenError(ngettext(
            "The labelled clips give {n} window ({unstable} unstable); training needs both stable and unstable "
            "windows.",
            "The labelled clips give {n} windows ({unstable} unstable); training needs both stable and unstable "
            "windows.", len(data)).format(n=len(data), unstable=int(data.y.sum())))
    check_cancel(should_cancel)
    config = TrainConfig(epochs=s.epochs, batch_size=s.batch_size, lr=s.lr, seed=s.seed,
                         train_stride=s.train_stride, device=s.device, architecture=architecture, init=parent)
    device = resolve_device(s.device)
    cv = cross_validate(data, config, s.folds, progress=progress, should_cancel=should_cancel)
    final = train_final(data, config, cv=cv, progress=progress, should_cancel=should_cancel)
    check_cancel(should_cancel)

    version = s.version or dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = Path(study.folder) / "models"
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / f"{s.name}-{version}.pt"
    counts = gathered.describe()
    raters = ", ".join(gathered.raters)
    info: dict[str, Any] = {
        "synthetic": False, "source": "rater labels", "study": Path(study.folder).name,
        "description": say(N_("rater labels from study {study}, {clips} clips of {patients} patients, raters "
                              "{raters}"), study=Path(study.folder).name, clips=counts["training_clips"],
                           patients=counts["subjects"], raters=raters),
        "raters": list(gathered.raters),
        "consensus": "majority of the raters' labels; ties and 'unusable' majorities excluded",
        "excluded_ties": counts["ties"], "excluded_unusable": counts["unusable"],
        "window_labels": "clip label (rater consensus) for every window",
        "weights": f"final model trained on all {counts['subjects']} patients for {len(final.history)} epochs"
                   + (f", fine-tuned from {parent.name}" if parent is not None else ""),
    }
    info.update(data.describe())
    card = write_trained_model(out, final.model, name=s.name, version=version, spec=data.spec, info=info,
                               cv=cv, folds=s.folds, final=final, config=config, device=device,
                               threshold=final.threshold, limitations=[LABEL_LIMITATION, *RECORDED_LIMITATIONS])
    model = study.register_model(out, activate=False)
    progress(1, 1, _("Model registered"))
    return TrainFromLabelsResult(
        model=model, path=str(out), card=card.to_dict(), folds=s.folds, summary=cv.summary,
        clip_summary=cv.clip_summary, data=info, ties=[c.name for c in gathered.ties],
        skipped=list(gathered.skipped) + list(data.skipped),
    )


def export_labels(study: Study, folder: Optional[Path] = None, *, name: str = "labels",
                  raters: Optional[tuple[str, ...]] = None, progress: Optional[ProgressFn] = None,
                  should_cancel: Optional[CancelFn] = None) -> ExportResult:
    """The consensus-labelled clips (npz + CSV) into ``folder`` (default ``<study>/exports/labels-<time>``)."""
    progress = progress or no_progress
    gathered = gather_labelled_clips(study, raters=raters, progress=progress, should_cancel=should_cancel)
    if not gathered.clips:
        raise GaitScreenError(_("No clip of this study has a label yet; there is nothing to export."))
    folder = Path(folder) if folder is not None else \
        Path(study.folder) / "exports" / f"labels-{dt.datetime.now():%Y%m%d-%H%M%S}"
    progress(0, 0, _("Writing the export"))
    return export_labelled_clips(folder, gathered, name=name, should_cancel=should_cancel)
