"""The main job: video → pose → patient → windows → model → analysis → report data.

``screen_video`` returns the report as a plain JSON-able dict; the PDF is drawn
from that same dict (``gaitscreen.core.report.build_pdf``), so the JSON carries
every number of the PDF. ``write_outputs`` writes PDF, JSON and CSV together:
either all of them appear or none does.
"""

from __future__ import annotations

import csv
import datetime as dt
import inspect
import io
import json
import os
import re
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .. import __version__
from .analysis.gait_metric import measure_metric_gait
from .analysis.protocol import TANDEM_WALK, USUAL_WALK, apply_protocol, check_protocol, inputs_from_pose
from .analysis import protocol_tandem  # noqa: F401 (registers the tandem-walk checks at start-up, not mid-job)
from .analysis.screening import AnalysisSettings, ScreeningResult, analyse
from .analysis.walk import walk_measures
from .callbacks import CancelFn, ProgressFn, check_cancel, no_progress
from .errors import GaitScreenError
from .fileio import publish, temp_beside
from .model.checkpoint import check_input_compatible
from .pose import PoseRun, PoseSettings, YoloPose, run_pose
from .records import age_is_plausible
from .analysis.protocol_words import say
from .i18n import N_
from .subject import subject_summary
from .video import check_length, probe

REPORT_FORMAT = "gaitscreen.screening"
REPORT_VERSION = 1
REFERENCE = {"study_subjects": 124, "prevalence_mostly_stable": 0.143, "prevalence_mostly_unstable": 0.462}
DISCLAIMER = (
    "GaitScreen is a screening aid. It does not diagnose sarcopenia and is not a certified "
    "medical device. Interpret the result with grip strength, muscle mass and physical "
    "performance measured by established methods."
)
TEST_NAME = "Tandem (heel-to-toe) walk toward a frontal camera"
TEST_NAMES = {TANDEM_WALK: TEST_NAME, USUAL_WALK: "Usual-pace walk over a measured course"}
USUAL_WALK_R_FLAG = N_("The stability model was trained on tandem walks: its instability rate is not meaningful "
                       "for a usual-pace walk (a research measure only).")


@dataclass(frozen=True)
class PatientInfo:
    """Report header; ``id`` is a pseudonymous code, never a name."""

    id: str = "anonymous"
    age: int | None = None
    sex: str | None = None  # "F" or "M"
    height_cm: float | None = None
    operator: str | None = None
    test_date: str | None = None  # ISO date; today when not given

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[\w.\-]{1,64}", self.id or ""):
            raise GaitScreenError("Patient id must be 1–64 letters, digits, '-', '_' or '.' (a pseudonymous code).")
        if self.sex not in (None, "F", "M"):
            raise GaitScreenError("Sex must be F or M.")
        if self.age is not None and not age_is_plausible(self.age):
            raise GaitScreenError(f"Age {self.age} is not plausible.")
        if self.height_cm is not None and not 50 <= self.height_cm <= 250:
            raise GaitScreenError(f"Height {self.height_cm} cm is not plausible (50–250 cm).")


@dataclass
class Screening:
    """What one run of the main job produced."""

    report: dict[str, Any]
    pose: PoseRun
    result: ScreeningResult
    seconds: dict[str, float] = field(default_factory=dict)
    #: The 3-D skeleton (world H36M-17, z up) a 3-D model's path lifted; None on the 2-D path.
    lifted: Any = None


def screen_video(
    video: str | os.PathLike[str],
    *,
    patient: PatientInfo | None = None,
    classifier: Any = None,
    model: str | os.PathLike[str] | None = None,
    pose_backend: YoloPose | None = None,
    pose_settings: PoseSettings | None = None,
    subject: int | None = None,
    device: str = "auto",
    runtime: str = "auto",
    lifter: Any = None,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
    **screening: Any,
) -> Screening:
    """Run the whole screening on one video and return its report data.

    ``screening``: the keywords of :func:`screen_pose_run` that shape the screening
    after the pose stage (``analysis_settings``, ``walkway_m``, ``accepted_deviations``,
    ``test``, ``floor_calibration``, ``course_m``, ``lift_every``); declared there once.
    ``lifter`` (a lifter or its file) is used when the model card declares 3-D input;
    without one the models folder's is used (:mod:`gaitscreen.core.lifting.path`).
    """
    from .lifting.path import resolve_lifter
    from .model.runtime import open_classifier

    inspect.signature(screen_pose_run).bind(None, None, **screening)  # a wrong keyword fails before the work
    patient = patient or PatientInfo()
    progress = progress or no_progress
    seconds: dict[str, float] = {}
    t0 = time.perf_counter()
    info = probe(video)  # a bad or too long video fails before any model loads
    check_length(info)
    if classifier is None:
        classifier = open_classifier(model, runtime=runtime, device=device)
    lifter = resolve_lifter(classifier.card, lifter, device=device)  # a 3-D model without one fails here
    check_input_compatible(classifier.card, **_path_of(classifier.card))  # a misfit model fails before pose
    backend = pose_backend or YoloPose(device=device)
    seconds["startup"] = time.perf_counter() - t0

    t = time.perf_counter()
    pose = run_pose(info.path, backend=backend, settings=pose_settings, subject=subject,
                    progress=progress, should_cancel=should_cancel)
    seconds["pose"] = time.perf_counter() - t
    check_cancel(should_cancel)

    outcome = screen_pose_run(pose, classifier, patient=patient, lifter=lifter, progress=progress,
                              should_cancel=should_cancel, **screening)
    outcome.seconds = {**seconds, **outcome.seconds, "total": time.perf_counter() - t0}
    return outcome


def screen_pose_run(
    pose: PoseRun,
    classifier: Any,
    *,
    patient: PatientInfo | None = None,
    analysis_settings: AnalysisSettings | None = None,
    walkway_m: float | None = None,
    accepted_deviations: dict[str, str] | None = None,
    test: str = TANDEM_WALK,
    floor_calibration: Any = None,
    course_m: float | None = None,
    lifter: Any = None,
    lift_every: int = 1,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
) -> Screening:
    """The screening from a finished pose stage: windows → model → analysis → report data.

    ``test``: the recording's protocol (``tandem-walk`` or ``usual-walk``); with a
    ``floor_calibration`` (:class:`~gaitscreen.core.calibration.FloorCalibration`)
    ``gait.metric`` holds the walk measured in metres, and for a usual-pace walk
    ``gait.speed_m_per_s`` is that measured speed (None without a calibration).

    The desktop application stores the pose stage and calls this later (or again,
    with another model); :func:`screen_video` calls it right after the pose stage.
    The protocol checks (:mod:`gaitscreen.core.analysis.protocol`) run on the same
    pose stage; a failed check the operator did not accept (``accepted_deviations``:
    code → reason) makes the report's risk group "not assessable". A model whose card
    declares 3-D input classifies the skeleton lifted by ``lifter`` (a loaded lifter;
    LifterMissingError without one; ``lift_every`` > 1 lifts every N-th frame and interpolates
    the rest); everything else is measured on the 2-D skeleton.
    """
    from .lifting.path import classifier_inputs, lifter_description

    patient = patient or PatientInfo()
    progress = progress or no_progress
    card = classifier.card
    check_input_compatible(card, **_path_of(card))
    seconds: dict[str, float] = {}
    t = time.perf_counter()
    progress(0, 0, "Preparing windows")
    check_cancel(should_cancel)
    model_input, lifted = classifier_inputs(pose.skeleton, card, lifter, lift_every=lift_every,
                                            progress=progress, should_cancel=should_cancel)
    if model_input is not pose.skeleton:
        seconds["lift"] = time.perf_counter() - t
    t = time.perf_counter()
    result = analyse(model_input, classifier, analysis_settings, progress=progress, should_cancel=should_cancel)
    result.model["lifter"] = lifter_description(lifter if model_input is not pose.skeleton else None,
                                                lift_every=lift_every)
    check_cancel(should_cancel)
    seconds["classify"] = time.perf_counter() - t

    t = time.perf_counter()
    kinematics, gait = walk_measures(pose.skeleton, [(c.index, c.start_s, c.end_s) for c in result.clips],
                                     height_cm=patient.height_cm, walkway_m=walkway_m, progress=progress,
                                     should_cancel=should_cancel)
    metric = measure_metric_gait(pose.skeleton, floor_calibration, test=test, course_m=course_m,
                                 height_cm=patient.height_cm)
    gait["metric"] = metric.to_dict()
    gait["test"] = test
    if test == USUAL_WALK:
        gait["speed_m_per_s"] = metric.speed_m_per_s
    seconds["kinematics"] = time.perf_counter() - t

    t = time.perf_counter()
    inputs = inputs_from_pose(pose, min_duration_s=classifier.card.input.min_duration_s)
    inputs.floor_calibration, inputs.course_m = floor_calibration, course_m
    protocol = check_protocol(inputs, test, accepted_deviations)
    seconds["protocol"] = time.perf_counter() - t

    if test == USUAL_WALK:
        result.quality.flags.append(USUAL_WALK_R_FLAG)
    check_cancel(should_cancel)
    report = _assemble(patient, pose, result, kinematics, gait)
    label_stability_model(report["screening"], test)
    report["protocol"].update(test=test, test_name=TEST_NAMES[test])
    report["protocol"].update(apply_protocol(report["screening"], protocol))
    progress(1, 1, "Screening done")
    return Screening(report, pose, result, seconds, lifted)


def label_stability_model(screening: dict[str, Any], test: str) -> None:
    """Say in the report whether the tandem-walk stability model applies to this test: on a
    usual-pace walk its windows and R are kept but labelled not applicable (research only)."""
    applies = test == TANDEM_WALK
    screening["stability_model_applies"] = applies
    screening["not_applicable_reason"] = None if applies else USUAL_WALK_R_FLAG


def _path_of(card: Any) -> dict[str, Any]:
    """``dims`` and ``layout`` the classifier is given: 2-D COCO as detected, or NTU-25 lifted to 3-D."""
    from .lifting.path import model_layout

    dims, layout = model_layout(card)
    return {"dims": dims, "layout": layout}


def _assemble(patient: PatientInfo, pose: PoseRun, result: ScreeningResult, kinematics: dict,
              gait: dict) -> dict[str, Any]:
    info = pose.video
    quality_flags = result.quality.flags
    subject = subject_summary(pose)
    if subject["choice_uncertain"]:
        quality_flags.append(subject["note"])
    elif pose.persons_seen > 1 and not pose.subject_override:
        quality_flags.append(say(N_("{n} people were in view; the patient was chosen automatically (person {chosen}). "
                                    "Check the key frames."), n=int(pose.persons_seen), chosen=int(pose.subject_id)))
    header = asdict(patient)
    header["test_date"] = patient.test_date or dt.date.today().isoformat()
    return {
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "created": dt.datetime.now().astimezone().replace(microsecond=0).isoformat(),
        "software": {"name": "GaitScreen", "version": __version__},
        "patient": header,
        "recording": {
            "file": info.path.name, "sha256": pose.video_sha256, "fps": info.fps, "duration_s": info.duration_s,
            "frames": pose.skeleton.num_frames, "width": info.width, "height": info.height,
            "rotation": info.rotation, "codec": info.codec,
        },
        "protocol": {
            "test_name": TEST_NAME,
            "camera": "single RGB camera in front of the patient, at about hip height, filming the approach",
            "pose_model": pose.pose_model, "pose_model_sha256": pose.pose_model_sha256,
            "pose_runtime": f"{pose.skeleton.meta.get('pose_runtime', '?')} on {pose.device}",
            "pose_rate_hz": pose.settings.pose_rate_hz, "subject_track": pose.subject_id,
            "persons_seen": pose.persons_seen, "trials": 1,
        },
        "subject": subject,
        "screening": result.to_dict(),
        "kinematics": kinematics,
        "gait": gait,
        "keyframes": _keyframes(pose, result),
        "reference": dict(REFERENCE),
        "disclaimer": DISCLAIMER,
    }


def _keyframes(pose: PoseRun, result: ScreeningResult, count: int = 6) -> list[dict[str, Any]]:
    """Evenly spaced frames with the patient, each with the P of the window centred nearest."""
    skeleton = pose.skeleton
    present = np.flatnonzero(skeleton.present)
    if present.size == 0:
        return []
    picks = np.unique(present[np.linspace(0, present.size - 1, min(count, present.size)).round().astype(int)])
    centres = np.array([(w.start_s + w.end_s) / 2 for w in result.windows]) if result.windows else np.zeros(0)
    frames = []
    for i in picks:
        t = float(skeleton.timestamps[i])
        p = None
        if centres.size:
            w = result.windows[int(np.argmin(np.abs(centres - t)))]
            p = w.p_unstable
        joints = [[round(float(x), 1), round(float(y), 1)] for x, y in skeleton.joints[i]]
        frames.append({"time_s": round(t, 3), "frame": int(skeleton.frame_indices[i]), "joints": joints,
                       "confidence": [round(float(c), 3) for c in skeleton.confidence[i]], "window_p": p})
    return frames


def report_json(report: dict[str, Any]) -> str:
    """The JSON text of a report: sorted keys, so equal reports give equal text."""
    return json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"


def windows_csv(report: dict[str, Any]) -> str:
    """One row per window: times, P(unstable), unstable, missing share, clip."""
    screening = report["screening"]
    clip_of = {i: c["index"] for c in screening["clips"] for i in c["windows"]}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["patient_id", "window", "start_s", "end_s", "p_unstable", "unstable", "missing_share", "clip"])
    for i, w in enumerate(screening["windows"]):
        writer.writerow([report["patient"]["id"], i, f"{w['start_s']:.3f}", f"{w['end_s']:.3f}",
                         "" if w["p_unstable"] is None else f"{w['p_unstable']:.6f}",
                         "" if w["unstable"] is None else int(w["unstable"]), f"{w['missing_share']:.3f}",
                         clip_of.get(i, "")])
    return out.getvalue()


def write_outputs(report: dict[str, Any], *, pdf: Path | None = None, json_path: Path | None = None,
                  csv_path: Path | None = None, progress: ProgressFn | None = None,
                  should_cancel: CancelFn | None = None) -> list[Path]:
    """Write the requested files; all appear together or none (temporary files, then rename)."""
    from .report import build_pdf

    progress = progress or no_progress
    targets = [p for p in (pdf, json_path, csv_path) if p is not None]
    for target in targets:
        if not target.parent.is_dir():
            raise GaitScreenError(f"Output folder does not exist: {target.parent}")
    staged: list[tuple[Path, Path]] = []
    try:
        progress(0, 0, "Writing report")
        check_cancel(should_cancel)
        if json_path is not None:
            staged.append((_stage_text(json_path, report_json(report)), json_path))
        if csv_path is not None:
            staged.append((_stage_text(csv_path, windows_csv(report)), csv_path))
        if pdf is not None:
            tmp = temp_beside(pdf)
            staged.append((tmp, pdf))
            build_pdf(report, tmp, progress=progress, should_cancel=should_cancel)
        check_cancel(should_cancel)
        for tmp, final in staged:
            publish(tmp, final)
    finally:
        for tmp, _ in staged:
            if tmp.exists():
                tmp.unlink()
    return targets


def _stage_text(path: Path, text: str) -> Path:
    tmp = temp_beside(path)
    tmp.write_text(text, encoding="utf-8")
    return tmp
