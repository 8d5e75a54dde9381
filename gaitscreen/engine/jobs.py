"""The engine's concrete jobs (see docs/app_design.md, "Engine").

Each job runs in the worker thread and writes to the study through the worker's
own ``Study`` connection (the ``"study"`` worker resource the main window sets).

* :class:`ImportJob`: a video into the study.
* :class:`AnalyseJob` / :class:`BatchJob`: run the use case
  :func:`gaitscreen.app.analyse.analyse_recording` / ``analyse_batch`` (pose
  unless stored, then screening, stored stage by stage; failures recorded) in
  the worker, with the worker's model cache and the lifter chosen in the app.

The pose model and classifiers are loaded once per worker (``ctx.models``).
Training from rater labels is :mod:`.train_job`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from gaitscreen.app.analyse import AnalysisDone, BatchDone, analyse_batch, analyse_recording, patient_info
from gaitscreen.core.i18n import _, ngettext
from gaitscreen.core.records import ImportResult
from gaitscreen.storage.errors import StudyError

from .worker import Job, JobContext

if TYPE_CHECKING:  # the concrete study; imported for types only
    from gaitscreen.storage import Study

__all__ = ["AnalyseJob", "AnalysisDone", "BatchDone", "BatchJob", "ImportJob", "LIFTER_RESOURCE", "patient_info",
           "worker_study"]

#: Worker resource holding the lifter file chosen in the app (a path; absent: the models folder's).
LIFTER_RESOURCE = "lifter_path"


def worker_study(ctx: JobContext, study_folder: Optional[Path]) -> Study:
    """The worker's writable ``Study`` for ``study_folder``; StudyError when it is not the open one."""
    if not ctx.resources.has("study"):
        raise StudyError(_("No study is open for writing."))
    study = ctx.resources.get("study")
    if study_folder is not None and Path(study.folder).resolve() != Path(study_folder).resolve():
        raise StudyError(_("The study changed before the job ran ({name} is no longer open).")
                         .format(name=Path(study_folder).name))
    return study


class ImportJob(Job):
    """Import one video for one patient: probe, hash, copy (or reference) and link it.

    Returns the :class:`~gaitscreen.core.records.ImportResult` (``existing`` is True
    when the same video, by sha256, was already in the study: nothing is copied).
    """

    def __init__(self, study_folder: Optional[str | os.PathLike[str]], patient_id: int,
                 path: str | os.PathLike[str], copy: bool = True) -> None:
        self.study_folder = Path(study_folder) if study_folder is not None else None
        self.patient_id = int(patient_id)
        self.path = Path(path)
        self.copy = bool(copy)
        self.title = _("Import {name}").format(name=self.path.name)

    def run(self, ctx: JobContext) -> ImportResult:
        study = worker_study(ctx, self.study_folder)
        ctx.progress(0, 0, _("Checking video"))
        return study.import_video(self.patient_id, self.path, copy=self.copy, operator=study.user or None,
                                  progress=ctx.progress, should_cancel=ctx.should_cancel)


# --- Analysis ------------------------------------------------------------------------


def _lifter_path(ctx: JobContext) -> Optional[Path]:
    chosen = ctx.resources.get(LIFTER_RESOURCE) if ctx.resources.has(LIFTER_RESOURCE) else None
    return Path(chosen) if chosen else None


class AnalyseJob(Job):
    """Screen one recording; ``subject`` (a track id) redoes the pose stage for that person."""

    def __init__(self, study_folder: Optional[str | os.PathLike[str]], recording_id: int, *,
                 redo_pose: bool = False, subject: Optional[int] = None, name: str = "",
                 rate_rule: Optional[str] = None) -> None:
        self.study_folder = Path(study_folder) if study_folder is not None else None
        self.recording_id = int(recording_id)
        self.rate_rule = rate_rule
        self.redo_pose = bool(redo_pose)
        self.subject = None if subject is None else int(subject)
        what = name or _("recording {id}").format(id=recording_id)
        # TRANSLATORS: a background job's title; {what} is a video's file name or "recording 3"
        self.title = (_("Analyse person {person} in {what}").format(person=subject, what=what) if subject is not None
                      else _("Analyse {what}").format(what=what))

    def run(self, ctx: JobContext) -> AnalysisDone:
        study = worker_study(ctx, self.study_folder)
        return analyse_recording(study, self.recording_id, models=ctx.models, redo_pose=self.redo_pose,
                                 subject=self.subject, rate_rule=self.rate_rule, lifter_path=_lifter_path(ctx),
                                 progress=ctx.progress, should_cancel=ctx.should_cancel)


class BatchJob(Job):
    """Analyse many recordings in turn; failures are recorded and the batch goes on."""

    def __init__(self, study_folder: Optional[str | os.PathLike[str]], recording_ids: list[int], *,
                 rate_rule: Optional[str] = None) -> None:
        self.study_folder = Path(study_folder) if study_folder is not None else None
        self.recording_ids = [int(r) for r in recording_ids]
        self.rate_rule = rate_rule
        n = len(self.recording_ids)
        self.title = ngettext("Analyse {n} recording", "Analyse {n} recordings", n).format(n=n)

    def run(self, ctx: JobContext) -> BatchDone:
        study = worker_study(ctx, self.study_folder)
        return analyse_batch(study, self.recording_ids, models=ctx.models, rate_rule=self.rate_rule,
                             lifter_path=_lifter_path(ctx), progress=ctx.progress, should_cancel=ctx.should_cancel)
