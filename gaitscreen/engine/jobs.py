"""The engine's concrete jobs (see docs/app_design.md, "Engine").

Each job runs in the worker thread and writes to the study through the worker's
own ``Study`` connection (the ``"study"`` worker resource the main window sets).

* :class:`ImportJob`: a video into the study.
* :class:`AnalyseJob`: pose (unless stored, or when redone for another subject)
  then classification, kinematics and gait; writes the pose stage as soon as it
  is done and the analysis after, so a crash loses at most the stage in flight.
  A failure is recorded on the recording (``last_error``) and can be rerun.
* :class:`BatchJob`: :class:`AnalyseJob` for many recordings, one after the
  other; a recording that fails is recorded and the batch goes on.

The pose model and classifiers are loaded once per worker (``ctx.models``).
Training from rater labels is :mod:`.train_job`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import datetime as dt
from dataclasses import dataclass
from typing import Any

from gaitscreen.core.errors import GaitScreenError
from gaitscreen.core.records import AnalysisRecord, ImportResult
from gaitscreen.storage.errors import StudyError

from .worker import Job, JobContext

if TYPE_CHECKING:  # the concrete study; imported for types only
    from gaitscreen.storage import Study


def worker_study(ctx: JobContext, study_folder: Optional[Path]):  # -> gaitscreen.storage.Study
    """The worker's writable ``Study`` for ``study_folder``; StudyError when it is not the open one."""
    if not ctx.resources.has("study"):
        raise StudyError("No study is open for writing.")
    study = ctx.resources.get("study")
    if study_folder is not None and Path(study.folder).resolve() != Path(study_folder).resolve():
        raise StudyError(f"The study changed before the job ran ({Path(study_folder).name} is no longer open).")
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
        self.title = f"Import {self.path.name}"

    def run(self, ctx: JobContext) -> ImportResult:
        study = worker_study(ctx, self.study_folder)
        ctx.progress(0, 0, "Checking video")
        return study.import_video(self.patient_id, self.path, copy=self.copy, operator=study.user or None,
                                  progress=ctx.progress, should_cancel=ctx.should_cancel)


# --- Analysis ------------------------------------------------------------------------


@dataclass(frozen=True)
class AnalysisDone:
    """What :class:`AnalyseJob` returns: the stored analysis and the timings."""

    recording_id: int
    analysis: AnalysisRecord
    pose_ran: bool
    seconds: dict[str, float]


def _pose_backend(ctx: JobContext) -> Any:
    from gaitscreen.core.pose import YoloPose

    return ctx.models.get_or_load("pose", YoloPose)


def _classifier(ctx: JobContext, study: Study) -> tuple[Any, Any]:
    from gaitscreen.core.model.runtime import open_classifier

    model = study.active_model()
    if model is None:
        raise GaitScreenError("No stability model is active in this study: choose one under Models.")
    path = study.model_path(model)
    classifier = ctx.models.get_or_load(f"classifier:{model.sha256}", lambda: open_classifier(path))
    if classifier.sha256 != model.sha256:  # the file at that path was replaced after registration
        ctx.models.pop(f"classifier:{model.sha256}", None)
        raise GaitScreenError(f"The active model file {path.name} is no longer {model.name} {model.version} "
                              "(its sha256 changed since it was registered); choose the model again.")
    return model, classifier


#: Worker resource holding the lifter file chosen in the app (a path; absent: the models folder's).
LIFTER_RESOURCE = "lifter_path"


def _lifter(ctx: JobContext, card: Any) -> Any:
    """The lifter a 3-D model's analysis runs with (loaded once per file); None for a 2-D model."""
    from gaitscreen.core.fileio import sha256_file
    from gaitscreen.core.lifting.path import find_lifter, lifter_missing, needs_lifter, open_lifter

    if not needs_lifter(card):
        return None
    chosen = ctx.resources.get(LIFTER_RESOURCE) if ctx.resources.has(LIFTER_RESOURCE) else None
    path = Path(chosen) if chosen else find_lifter()
    if path is None:
        raise lifter_missing(card)
    if not path.is_file():
        raise GaitScreenError(f"The chosen 3-D lifter {path} no longer exists; choose it again.")
    return ctx.models.get_or_load(f"lifter:{sha256_file(path)}", lambda: open_lifter(path, device="auto"))


def patient_info(study: Study, recording: Any) -> Any:
    """The report header for ``recording``: the patient's pseudonymous code and details."""
    from gaitscreen.core.screen import PatientInfo

    patient = study.patient(recording.patient_id)
    test_date = recording.visit_date or None
    return PatientInfo(id=patient.code, age=patient.age_on(test_date), sex=patient.sex, height_cm=patient.height_cm,
                       operator=recording.operator or study.user or None, test_date=test_date)


def _stored_pose(study: Study, recording_id: int, video: Path) -> Any:
    from gaitscreen.core.pose.pipeline import rebuild_pose_run

    rec = study.pose(recording_id)
    if rec is None:
        return None
    return rebuild_pose_run(video, study.load_skeleton(rec), tracks=study.load_tracks(rec),
                            candidates=list(rec.candidates), subject_id=rec.subject_track_id,
                            video_sha256=study.recording(recording_id).sha256, pose_model=rec.pose_model,
                            pose_model_sha256=rec.pose_model_sha256, device=rec.device)


def analyse_recording(ctx: JobContext, study: Study, recording_id: int, *, redo_pose: bool = False,
                      subject: Optional[int] = None, rate_rule: Optional[str] = None) -> AnalysisDone:
    """Pose (when needed) and screening of one recording, stored as each stage finishes.

    ``rate_rule`` chooses the windows R counts (None: the model card's recipe, non-overlapping);
    the stored report records the rule, so the analysis keeps it.
    """
    from gaitscreen.app.setups import analysis_options
    from gaitscreen.core.analysis import AnalysisSettings
    from gaitscreen.core.pose import run_pose
    from gaitscreen.core.screen import screen_pose_run

    started = dt.datetime.now()
    recording = study.recording(recording_id)
    video = study.video_path(recording)
    seconds: dict[str, float] = {}
    try:
        if not video.is_file():
            raise StudyError(f"The video of recording {recording_id} is missing: {video}.")
        model, classifier = _classifier(ctx, study)
        lifter = _lifter(ctx, classifier.card)  # a 3-D model without a lifter fails before pose
        pose = None if (redo_pose or subject is not None) else _stored_pose(study, recording_id, video)
        pose_ran = pose is None
        if pose is None:
            backend = _pose_backend(ctx)
            pose = run_pose(video, backend=backend, subject=subject, progress=ctx.progress,
                            should_cancel=ctx.should_cancel)
            ctx.check_cancel()
            study.save_pose(recording_id, pose)
            seconds["pose"] = pose.stats.get("seconds_total", 0.0)
        screening = screen_pose_run(pose, classifier, patient=patient_info(study, recording), lifter=lifter,
                                    walkway_m=study.walkway(recording_id),
                                    analysis_settings=AnalysisSettings(rate_rule=rate_rule),
                                    **analysis_options(study, recording),  # its protocol and setup, as the CLI
                                    progress=ctx.progress, should_cancel=ctx.should_cancel)
        ctx.check_cancel()
        analysis = study.save_analysis(recording_id, model.id, screening.report)
        if screening.lifted is not None:  # the player's 3-D view shows it
            study.save_skeleton3d(recording_id, screening.lifted)
    except GaitScreenError as exc:
        if not _is_cancel(exc):
            study.set_error(recording_id, str(exc))
        raise
    seconds.update(screening.seconds)
    seconds["total"] = (dt.datetime.now() - started).total_seconds()
    return AnalysisDone(recording_id, analysis, pose_ran, seconds)


def _is_cancel(exc: BaseException) -> bool:
    from gaitscreen.core.errors import Cancelled

    return isinstance(exc, Cancelled)


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
        what = f"person {subject} in " if subject is not None else ""
        self.title = f"Analyse {what}{name or f'recording {recording_id}'}"

    def run(self, ctx: JobContext) -> AnalysisDone:
        study = worker_study(ctx, self.study_folder)
        return analyse_recording(ctx, study, self.recording_id, redo_pose=self.redo_pose, subject=self.subject,
                                 rate_rule=self.rate_rule)


@dataclass(frozen=True)
class BatchDone:
    """What :class:`BatchJob` returns."""

    done: list[AnalysisDone]
    failed: dict[int, str]  # recording id → one-line reason


class BatchJob(Job):
    """Analyse many recordings in turn; failures are recorded and the batch goes on."""

    def __init__(self, study_folder: Optional[str | os.PathLike[str]], recording_ids: list[int], *,
                 rate_rule: Optional[str] = None) -> None:
        self.study_folder = Path(study_folder) if study_folder is not None else None
        self.recording_ids = [int(r) for r in recording_ids]
        self.rate_rule = rate_rule
        self.title = f"Analyse {len(self.recording_ids)} recordings"

    def run(self, ctx: JobContext) -> BatchDone:
        study = worker_study(ctx, self.study_folder)
        done: list[AnalysisDone] = []
        failed: dict[int, str] = {}
        total = len(self.recording_ids)
        for i, rid in enumerate(self.recording_ids):
            ctx.check_cancel()
            ctx.progress(i, total, f"Recording {i + 1} of {total}")
            try:
                done.append(analyse_recording(_Quiet(ctx), study, rid, rate_rule=self.rate_rule))
            except GaitScreenError as exc:
                if _is_cancel(exc):
                    raise
                failed[rid] = str(exc)
        ctx.progress(total, total, "Batch done")
        return BatchDone(done, failed)


class _Quiet:
    """A job context whose progress is the batch's, not each recording's."""

    def __init__(self, ctx: JobContext) -> None:
        self._ctx = ctx

    def progress(self, done: int, total: int, stage: str) -> None:
        pass

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ctx, name)
