"""Use case: analyse recordings of a study (pose unless stored, then screening), without Qt.

What the app's Analyse / batch jobs and a headless caller share. The stages are
stored as they finish (the pose stage first, the analysis after), so a crash
loses at most the stage in flight; a failure is recorded on the recording
(``last_error``) so it can be rerun. Loaded models live in a :class:`ModelCache`
the caller keeps (the engine's worker keeps one for its lifetime).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional

from gaitscreen.core.callbacks import CancelFn, ProgressFn, check_cancel, never_cancel, no_progress
from gaitscreen.core.errors import Cancelled, GaitScreenError
from gaitscreen.core.i18n import _
from gaitscreen.core.records import AnalysisRecord, PerformanceRecord, Recording
from gaitscreen.storage.errors import StudyError

if TYPE_CHECKING:  # the concrete study; imported for types only
    from gaitscreen.core.screen import PatientInfo
    from gaitscreen.storage import Study


class ModelCache(dict):
    """Models kept loaded across analyses (touched by one thread only)."""

    def get_or_load(self, key: str, loader: Callable[[], Any]) -> Any:
        """The cached value for ``key``, loading (and keeping) it on first use."""
        if key not in self:
            self[key] = loader()
        return self[key]


@dataclass(frozen=True)
class AnalysisDone:
    """One analysed recording: the stored analysis and the timings."""

    recording_id: int
    analysis: AnalysisRecord | PerformanceRecord  # a chair stand's or balance test's: a PerformanceRecord
    pose_ran: bool
    seconds: dict[str, float]


@dataclass(frozen=True)
class BatchDone:
    """A batch: what was analysed and what failed."""

    done: list[AnalysisDone]
    failed: dict[int, str]  # recording id → one-line reason


def patient_info(study: Study, recording: Recording) -> PatientInfo:
    """The report header for ``recording``: the patient's pseudonymous code and details."""
    from gaitscreen.core.screen import PatientInfo

    patient = study.patient(recording.patient_id)
    test_date = recording.visit_date or None
    return PatientInfo(id=patient.code, age=patient.age_on(test_date), sex=patient.sex, height_cm=patient.height_cm,
                       operator=recording.operator or study.last_operator() or None, test_date=test_date)


def active_classifier(study: Study, models: ModelCache) -> tuple[Any, Any]:
    """The study's active model record and its loaded classifier (checked against its sha256)."""
    from gaitscreen.core.model.runtime import open_classifier

    model = study.active_model()
    if model is None:
        raise GaitScreenError(_("No stability model is active in this study: choose one under Models."))
    path = study.model_path(model)
    classifier = models.get_or_load(f"classifier:{model.sha256}", lambda: open_classifier(path))
    if classifier.sha256 != model.sha256:  # the file at that path was replaced after registration
        models.pop(f"classifier:{model.sha256}", None)
        raise GaitScreenError(_("The active model file {file} is no longer {model} {version} "
                                "(its sha256 changed since it was registered); choose the model again.").format(
                                    file=path.name, model=model.name, version=model.version))
    return model, classifier


def lifter_for(card: Any, models: ModelCache, chosen: Optional[Path] = None) -> Any:
    """The lifter a 3-D model's analysis runs with (loaded once per file); None for a 2-D model.

    ``chosen``: the file picked in the app (None: the models folder's)."""
    from gaitscreen.core.fileio import sha256_file
    from gaitscreen.core.lifting.path import find_lifter, lifter_missing, needs_lifter, open_lifter

    if not needs_lifter(card):
        return None
    path = Path(chosen) if chosen else find_lifter()
    if path is None:
        raise lifter_missing(card)
    if not path.is_file():
        raise GaitScreenError(_("The chosen 3-D lifter {path} no longer exists; choose it again.").format(path=path))
    return models.get_or_load(f"lifter:{sha256_file(path)}", lambda: open_lifter(path, device="auto"))


def stored_pose(study: Study, recording_id: int, video: Path) -> Any:
    """The recording's stored pose stage as a ``PoseRun`` (None before pose)."""
    from gaitscreen.core.pose.pipeline import rebuild_pose_run

    rec = study.pose(recording_id)
    if rec is None:
        return None
    return rebuild_pose_run(video, study.load_skeleton(rec), tracks=study.load_tracks(rec),
                            candidates=list(rec.candidates), subject_id=rec.subject_track_id,
                            video_sha256=study.recording(recording_id).sha256, pose_model=rec.pose_model,
                            pose_model_sha256=rec.pose_model_sha256, device=rec.device)


def analyse_recording(study: Study, recording_id: int, *, models: Optional[ModelCache] = None,
                      redo_pose: bool = False, subject: Optional[int] = None, rate_rule: Optional[str] = None,
                      lifter_path: Optional[Path] = None, progress: Optional[ProgressFn] = None,
                      should_cancel: Optional[CancelFn] = None) -> AnalysisDone:
    """Pose (when needed, or redone for ``subject``) and screening of one recording, stored stage by stage.

    ``rate_rule`` chooses the windows R counts (None: the model card's recipe, non-overlapping);
    the stored report records the rule, so the analysis keeps it.
    """
    from gaitscreen.app.setups import analysis_options
    from gaitscreen.core.analysis import AnalysisSettings
    from gaitscreen.core.performance import PERFORMANCE_TESTS
    from gaitscreen.core.screen import screen_pose_run

    models = ModelCache() if models is None else models
    progress = progress or no_progress
    should_cancel = should_cancel or never_cancel
    started = dt.datetime.now()
    recording = study.recording(recording_id)
    video = study.video_path(recording)
    seconds: dict[str, float] = {}
    try:
        if not video.is_file():
            raise StudyError(_("The video of recording {id} is missing: {path}.").format(id=recording_id, path=video))
        if recording.protocol in PERFORMANCE_TESTS:  # no stability model: the chair stand's or balance analysis
            return _analyse_performance(study, recording, video, models, redo_pose=redo_pose, subject=subject,
                                        started=started, progress=progress, should_cancel=should_cancel)
        model, classifier = active_classifier(study, models)
        lifter = lifter_for(classifier.card, models, lifter_path)  # a 3-D model without a lifter fails before pose
        pose, pose_s = _pose_of(study, recording_id, video, models, redo_pose=redo_pose, subject=subject,
                                progress=progress, should_cancel=should_cancel)
        pose_ran = pose_s is not None
        if pose_ran:
            seconds["pose"] = pose_s
        screening = screen_pose_run(pose, classifier, patient=patient_info(study, recording), lifter=lifter,
                                    walkway_m=study.walkway(recording_id),
                                    analysis_settings=AnalysisSettings(rate_rule=rate_rule),
                                    **analysis_options(study, recording),  # its protocol and setup, as the CLI
                                    progress=progress, should_cancel=should_cancel)
        check_cancel(should_cancel)
        analysis = study.save_analysis(recording_id, model.id, screening.report)
        if screening.lifted is not None:  # the player's 3-D view shows it
            study.save_skeleton3d(recording_id, screening.lifted)
    except GaitScreenError as exc:
        if not isinstance(exc, Cancelled):
            study.set_error(recording_id, str(exc))
        raise
    seconds.update(screening.seconds)
    seconds["total"] = (dt.datetime.now() - started).total_seconds()
    return AnalysisDone(recording_id, analysis, pose_ran, seconds)


def _pose_of(study: Study, recording_id: int, video: Path, models: ModelCache, *, redo_pose: bool,
             subject: Optional[int], progress: ProgressFn, should_cancel: CancelFn) -> tuple[Any, float | None]:
    """The stored pose stage, or a new one (stored at once); with its seconds when it ran."""
    from gaitscreen.core.pose import YoloPose, run_pose

    pose = None if (redo_pose or subject is not None) else stored_pose(study, recording_id, video)
    if pose is not None:
        return pose, None
    backend = models.get_or_load("pose", YoloPose)
    pose = run_pose(video, backend=backend, subject=subject, progress=progress, should_cancel=should_cancel)
    check_cancel(should_cancel)
    study.save_pose(recording_id, pose)
    return pose, pose.stats.get("seconds_total", 0.0)


def _analyse_performance(study: Study, recording: Recording, video: Path, models: ModelCache, *, redo_pose: bool,
                         subject: Optional[int], started: dt.datetime, progress: ProgressFn,
                         should_cancel: CancelFn) -> AnalysisDone:
    """A chair-stand or balance recording: pose, then times, marks and SPPB points (``core.performance``),
    stored as a performance analysis; the Marks panel shows and corrects it."""
    from gaitscreen.core.performance import analyse_pose_run

    pose, pose_s = _pose_of(study, recording.id, video, models, redo_pose=redo_pose, subject=subject,
                            progress=progress, should_cancel=should_cancel)
    report = analyse_pose_run(pose, recording.protocol, name=recording.original_name,
                              duration_s=recording.duration_s, progress=progress, should_cancel=should_cancel)
    check_cancel(should_cancel)
    record = study.save_performance(recording.id, report)
    seconds = {"total": (dt.datetime.now() - started).total_seconds()}
    if pose_s is not None:
        seconds["pose"] = pose_s
    return AnalysisDone(recording.id, record, pose_s is not None, seconds)


def analyse_batch(study: Study, recording_ids: list[int], *, models: Optional[ModelCache] = None,
                  rate_rule: Optional[str] = None, lifter_path: Optional[Path] = None,
                  progress: Optional[ProgressFn] = None, should_cancel: Optional[CancelFn] = None) -> BatchDone:
    """Analyse ``recording_ids`` in turn; a recording that fails is recorded and the batch goes on
    (a cancel stops it). Progress counts recordings, not each one's stages."""
    models = ModelCache() if models is None else models
    progress = progress or no_progress
    done: list[AnalysisDone] = []
    failed: dict[int, str] = {}
    total = len(recording_ids)
    for i, rid in enumerate(recording_ids):
        check_cancel(should_cancel)
        progress(i, total, _("Recording {i} of {n}").format(i=i + 1, n=total))
        try:
            done.append(analyse_recording(study, rid, models=models, rate_rule=rate_rule, lifter_path=lifter_path,
                                          should_cancel=should_cancel))
        except GaitScreenError as exc:
            if isinstance(exc, Cancelled):
                raise
            failed[rid] = str(exc)
    progress(total, total, _("Batch done"))
    return BatchDone(done, failed)


def unanalysed_recordings(study: Study, patient_id: int) -> list[int]:
    """The patient's recordings that have no analysis yet (what "Analyse all" queues)."""
    return [r.id for r in study.recordings(patient_id) if not study.status(r.id).analysed]
