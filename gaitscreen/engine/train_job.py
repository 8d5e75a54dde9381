"""Engine jobs that run the training use cases of :mod:`gaitscreen.app.training` in the worker.

* :class:`ExportLabelsJob`: :func:`~gaitscreen.app.training.export_labels`.
* :class:`TrainFromLabelsJob`: :func:`~gaitscreen.app.training.train_from_labels`
  (the model is registered, not active: the dialog offers "Make active").

Both use the worker's own ``Study`` connection (resource ``"study"``, which the
main window provides only for a writable study).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Optional

from gaitscreen.app.training import (DEFAULT_NAME, LABEL_LIMITATION, TrainFromLabelsResult, TrainFromLabelsSettings,
                                     export_labels, train_from_labels)
from gaitscreen.core.errors import GaitScreenError
from gaitscreen.core.labels_export import ExportResult

from .worker import Job, JobContext

if TYPE_CHECKING:  # the concrete study; imported for types only
    from gaitscreen.storage import Study

__all__ = ["DEFAULT_NAME", "LABEL_LIMITATION", "ExportLabelsJob", "TrainFromLabelsJob", "TrainFromLabelsResult",
           "TrainFromLabelsSettings", "study_of"]


def study_of(ctx: JobContext) -> Study:
    """The worker's writable Study; GaitScreenError when the window gave none (read-only study)."""
    if not ctx.resources.has("study"):
        raise GaitScreenError("The study is open read-only here, so labels cannot be exported or trained on.")
    return ctx.resources.get("study")


class TrainFromLabelsJob(Job):
    """Cross-validate and train a classifier on the study's consensus labels."""

    title = "Train model from labels"

    def __init__(self, settings: Optional[TrainFromLabelsSettings] = None) -> None:
        self.settings = settings or TrainFromLabelsSettings()

    def run(self, ctx: JobContext) -> TrainFromLabelsResult:
        s = self.settings
        if s.epochs < 1 or s.folds < 2:  # refused before the study is touched
            raise GaitScreenError("Training needs at least 1 epoch and 2 cross-validation folds.")
        return train_from_labels(study_of(ctx), s, progress=ctx.progress, should_cancel=ctx.should_cancel)


class ExportLabelsJob(Job):
    """Export the consensus-labelled clips (npz + CSV) into ``folder`` (default ``<study>/exports/labels-…``)."""

    title = "Export labelled clips"

    def __init__(self, folder: Optional[Path] = None, *, name: str = "labels",
                 raters: Optional[tuple[str, ...]] = None) -> None:
        self.folder = None if folder is None else Path(folder)
        self.name = name
        self.raters = raters

    def run(self, ctx: JobContext) -> ExportResult:
        return export_labels(study_of(ctx), self.folder, name=self.name, raters=self.raters,
                             progress=ctx.progress, should_cancel=ctx.should_cancel)
