"""Camera setups in the app: make, check, preview, reuse and change floor calibrations (no Qt).

A *setup* is a named floor calibration of the study (``Study.add_setup``) with the
frame it was made on (``setups/<id>.png``). The calibration dialog fills a
:class:`CalibrationDraft` (four clicked points, the sizes typed in metres, the walking
direction) and shows :func:`preview` of it: the calibration's checks (the
:class:`~gaitscreen.core.errors.CalibrationError` sentence when it is not valid), the
expected error at the walkway's far end, and a metric grid and the walkway to draw over
the frame. Saving makes or changes the setup; a recording names its setup
(:func:`assign_setup`); changing the setup or its calibration recomputes what depends on
it (:func:`recompute_recording`: the gait in metres and the usual-walk checks of each
recording's latest analysis, stored as a new analysis, so the visit assessment reads the
new values). The engine analyses a recording with :func:`analysis_options`.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from ..core.analysis.gait_metric import measure_metric_gait
from ..core.analysis.protocol import (NOT_ASSESSABLE, PASS, USUAL_WALK, ProtocolInputs, accepted_deviations,
                                      apply_protocol, check_protocol)
from ..core.calibration import WALKING_DIRECTIONS, FloorCalibration
from ..core.callbacks import CancelFn, ProgressFn, check_cancel, no_progress
from ..core.errors import CalibrationError, GaitScreenError
from ..core.records import AnalysisRecord, Recording, Setup

if TYPE_CHECKING:
    from ..storage import Study

RECTANGLE, TWO_LINES = "rectangle", "two-lines"
METHODS = (RECTANGLE, TWO_LINES)
#: Spacing of the confirmation grid drawn over the frame (m).
GRID_STEP_M = 0.5
#: How far the grid reaches beyond the calibrated rectangle (m), sideways and along the walkway.
GRID_MARGIN_M = (1.0, 2.0)


@dataclass
class CalibrationDraft:
    """What the calibration dialog holds. Points go round the rectangle: the start
    line's left and right ends, then the far line's right and left ends (so for the
    two-lines method the first two points are the start line, the last two the end line).
    ``length_m`` is the rectangle's length along the walkway (the distance between the
    lines), ``width_m`` across it."""

    points_px: list[tuple[float, float]] = field(default_factory=list)
    width_m: float | None = None
    length_m: float | None = None
    method: str = RECTANGLE
    #: Rectangle method: its near and far edges are the course's start and end lines.
    edges_are_course: bool = True
    walking_direction: str | None = "toward"
    frame_size: tuple[int, int] | None = None

    def definition(self) -> dict[str, Any]:
        """The calibration file's JSON (CalibrationError when a size is missing)."""
        if len(self.points_px) != 4:
            raise CalibrationError(f"Mark the four corners of the floor rectangle ({len(self.points_px)} of 4 marked).")
        if self.width_m is None or self.length_m is None:
            raise CalibrationError("Type the rectangle's width and length in metres.")
        if not all(np.isfinite(v) and v > 0 for v in (self.width_m, self.length_m)):
            raise CalibrationError("The rectangle's width and length must be positive numbers of metres.")
        if self.method not in METHODS:
            raise CalibrationError(f"Unknown calibration method {self.method!r}.")
        p = [[float(u), float(v)] for u, v in self.points_px]
        out: dict[str, Any]
        if self.method == TWO_LINES:
            out = {"lines_px": [[p[0], p[1]], [p[3], p[2]]], "line_distance_m": float(self.length_m),
                   "walkway_width_m": float(self.width_m)}
        else:
            w, length = float(self.width_m), float(self.length_m)
            out = {"image_points_px": p, "world_points_m": [[0.0, 0.0], [w, 0.0], [w, length], [0.0, length]]}
            if self.edges_are_course:
                out.update(start_line_m=0.0, end_line_m=length)
        if self.frame_size is not None:
            out["frame_size"] = [int(self.frame_size[0]), int(self.frame_size[1])]
        if self.walking_direction is not None:
            out["walking_direction"] = self.walking_direction
        return out

    @classmethod
    def of_setup(cls, setup: Setup) -> CalibrationDraft:
        """The draft that edits a stored setup (either file form)."""
        d = setup.calibration
        cal = FloorCalibration.from_dict(d, name=setup.name)
        world = cal.world_points_m
        draft = cls(points_px=[(float(u), float(v)) for u, v in cal.image_points_px],
                    width_m=float(np.linalg.norm(world[1] - world[0])),
                    length_m=float(np.linalg.norm(world[3] - world[0])),
                    method=TWO_LINES if "lines_px" in d else RECTANGLE,
                    edges_are_course=cal.start_line_m is not None, walking_direction=cal.walking_direction,
                    frame_size=cal.frame_size)
        return draft


@dataclass
class Preview:
    """What the dialog draws and says for a draft: ``error`` (one sentence) or the
    calibration with its expected error, grid lines and walkway outline in image pixels."""

    error: str | None = None
    calibration: FloorCalibration | None = None
    expected_error: dict[str, Any] | None = None
    grid: list[np.ndarray] = field(default_factory=list)  # polylines (N, 2) px
    walkway: np.ndarray | None = None  # the rectangle's outline (4, 2) px
    course_lines: list[np.ndarray] = field(default_factory=list)  # start and end lines (2, 2) px

    @property
    def ok(self) -> bool:
        return self.error is None


def preview(draft: CalibrationDraft, *, grid_step_m: float = GRID_STEP_M) -> Preview:
    """Check a draft and build what confirms it on the frame (never raises for the user's input)."""
    try:
        cal = FloorCalibration.from_dict(draft.definition())
    except CalibrationError as exc:
        return Preview(error=str(exc))
    world = cal.world_points_m
    lo, hi = world.min(axis=0), world.max(axis=0)
    mx, my = GRID_MARGIN_M
    xs = _steps(lo[0] - mx, hi[0] + mx, grid_step_m)
    ys = _steps(lo[1] - my, hi[1] + my, grid_step_m)
    grid = []
    for x in xs:
        grid += _visible(cal, np.stack([np.full(64, x), np.linspace(ys[0], ys[-1], 64)], -1))
    for y in ys:
        grid += _visible(cal, np.stack([np.linspace(xs[0], xs[-1], 64), np.full(64, y)], -1))
    lines = []
    for y in (cal.start_line_m, cal.end_line_m):
        if y is not None:
            lines += _visible(cal, np.array([[lo[0], y], [hi[0], y]]))
    return Preview(calibration=cal, expected_error=cal.expected_error(), grid=grid,
                   walkway=cal.to_image(world), course_lines=lines)


def _steps(a: float, b: float, step: float) -> np.ndarray:
    return np.arange(np.floor(a / step) * step, b + 1e-9, step)


def _visible(cal: FloorCalibration, floor_xy: np.ndarray) -> list[np.ndarray]:
    """The parts of a floor polyline in front of the camera and near the frame, in pixels."""
    uv = cal.to_image(floor_xy)
    # Floor point X maps to lambda [u, v, 1] by the inverse homography; it lies in front of
    # the camera when lambda > 0 (the calibration is scaled so that image points in front have w > 0).
    lam = (np.c_[floor_xy, np.ones(len(floor_xy))] @ np.linalg.inv(cal.homography).T)[:, 2]
    ok = (lam > 0) & np.isfinite(uv).all(-1)
    if cal.frame_size is not None:
        w, h = cal.frame_size
        ok &= (uv[:, 0] > -w) & (uv[:, 0] < 2 * w) & (uv[:, 1] > -h) & (uv[:, 1] < 2 * h)
    runs, cur = [], []
    for keep, pt in zip(ok, uv):
        if keep:
            cur.append(pt)
        elif cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return [np.asarray(r) for r in runs if len(r) >= 2]


# --- Setups: make, change, list, delete --------------------------------------------------


@dataclass(frozen=True)
class SetupRow:
    """One line of the setups manager."""

    setup: Setup
    recordings: int
    walking_direction: str | None
    course_m: float | None
    position_error_cm: float | None

    @property
    def deletable(self) -> bool:
        return self.recordings == 0


def setup_rows(study: Study) -> list[SetupRow]:
    rows = []
    for s in study.setups():
        cal = FloorCalibration.from_dict(s.calibration, name=s.name)
        rows.append(SetupRow(s, len(study.setup_recordings(s.id)), cal.walking_direction, cal.course_m,
                             round(100 * cal.expected_error()["position_error_m"], 1)))
    return rows


def encode_frame(image: np.ndarray) -> bytes:
    """A BGR frame as PNG bytes (what the study keeps)."""
    import cv2

    ok, buf = cv2.imencode(".png", np.ascontiguousarray(image))
    if not ok:
        raise GaitScreenError("The frame could not be encoded as an image.")
    return buf.tobytes()


def recording_frame(study: Study, recording_id: int, index: int = 0) -> np.ndarray:
    """Frame ``index`` of a recording (upright BGR), to calibrate on (VideoError when unreadable)."""
    from ..core.video import FrameSource

    source = FrameSource(study.video_path(study.recording(recording_id)), cache_bytes=0)
    try:
        return np.array(source.frame(max(0, int(index))))
    finally:
        source.close()


def setup_frame(study: Study, setup_id: int) -> np.ndarray | None:
    """The frame a setup was made on, as the study keeps it (None when it has none)."""
    import cv2

    path = study.setup_frame_path(setup_id)
    return None if path is None else cv2.imread(str(path), cv2.IMREAD_COLOR)


def create_setup(study: Study, name: str, draft: CalibrationDraft, *, frame: np.ndarray | None = None,
                 frame_recording_id: int | None = None, frame_index: int | None = None) -> Setup:
    """Save a draft as a new setup with the frame it was made on; an invalid draft
    (CalibrationError) or name (StudyError) stores nothing."""
    definition = draft.definition()
    FloorCalibration.from_dict(definition, name=name)  # checked before any write
    png = None if frame is None else encode_frame(frame)
    setup = study.add_setup(name, definition, frame_recording_id=frame_recording_id, frame_index=frame_index)
    if png is not None:
        study.save_setup_frame(setup.id, png)
    return setup


def change_setup(study: Study, setup_id: int, *, name: str | None = None, draft: CalibrationDraft | None = None,
                 frame: np.ndarray | None = None, frame_recording_id: int | None = None,
                 frame_index: int | None = None, progress: ProgressFn | None = None,
                 should_cancel: CancelFn | None = None) -> RecomputeResult:
    """Rename a setup and/or give it a new calibration; a new calibration recomputes
    every recording that uses it."""
    old = study.setup(setup_id)
    definition = None if draft is None else draft.definition()
    new = study.update_setup(setup_id, name=name, calibration=definition, frame_recording_id=frame_recording_id,
                             frame_index=frame_index)
    if frame is not None:
        study.save_setup_frame(new.id, encode_frame(frame))
    if new.calibration_sha256 == old.calibration_sha256:
        return RecomputeResult()
    return recompute_setup(study, new.id, progress=progress, should_cancel=should_cancel)


def delete_setup(study: Study, setup_id: int) -> None:
    """Delete a setup no recording uses (StudyError saying how many do otherwise)."""
    study.delete_setup(setup_id)


def assign_setup(study: Study, recording_id: int, setup_id: int | None, *, progress: ProgressFn | None = None,
                 should_cancel: CancelFn | None = None) -> RecomputeResult:
    """Name a recording's setup and recompute its metric values when that changed it."""
    before = study.recording(recording_id).setup_id
    study.set_recording_setup(recording_id, setup_id)
    if before == setup_id:
        return RecomputeResult()
    return recompute_recordings(study, [recording_id], progress=progress, should_cancel=should_cancel)


def setup_calibration(study: Study, recording: Recording) -> FloorCalibration | None:
    """The checked calibration of a recording's setup (None without one)."""
    if recording.setup_id is None:
        return None
    s = study.setup(recording.setup_id)
    return FloorCalibration.from_dict(s.calibration, name=s.name)


def analysis_options(study: Study, recording: Recording) -> dict[str, Any]:
    """``screen_pose_run``'s test arguments for a recording: its protocol, its setup's
    calibration (the course from the calibration's start and end lines)."""
    test = recording.protocol if recording.protocol in ("tandem-walk", USUAL_WALK) else "tandem-walk"
    cal = setup_calibration(study, recording)
    return {"test": test, "floor_calibration": cal, "course_m": None if cal is None else cal.course_m}


# --- Recompute what a setup's calibration decides ----------------------------------------


@dataclass
class RecomputeResult:
    """What a recompute did: new analyses by recording, and why others were left."""

    analyses: dict[int, AnalysisRecord] = field(default_factory=dict)
    skipped: dict[int, str] = field(default_factory=dict)  # recording id -> one sentence


def recompute_setup(study: Study, setup_id: int, *, progress: ProgressFn | None = None,
                    should_cancel: CancelFn | None = None) -> RecomputeResult:
    ids = [r.id for r in study.setup_recordings(setup_id)]
    return recompute_recordings(study, ids, progress=progress, should_cancel=should_cancel)


def recompute_recordings(study: Study, recording_ids: list[int], *, progress: ProgressFn | None = None,
                         should_cancel: CancelFn | None = None) -> RecomputeResult:
    """:func:`recompute_recording` for each, with progress; a recording whose stored
    pose no longer fits the calibration is listed in ``skipped`` and the rest go on."""
    progress = progress or no_progress
    out = RecomputeResult()
    total = len(recording_ids)
    for i, rid in enumerate(recording_ids):
        check_cancel(should_cancel)
        progress(i, total, f"Recomputing recording {i + 1} of {total}")
        try:
            rec = recompute_recording(study, rid)
        except CalibrationError as exc:
            out.skipped[rid] = str(exc)
            continue
        if rec is None:
            out.skipped[rid] = "not analysed yet: it is measured with this setup when it is analysed"
        else:
            out.analyses[rid] = rec
    progress(total, total, "Recomputed")
    return out


def recompute_recording(study: Study, recording_id: int) -> AnalysisRecord | None:
    """A recording's latest analysis again with its setup's current calibration: the gait
    in metres, and for a usual-pace walk its protocol checks and the speed (accepted
    deviations kept where they still apply); stored as a new analysis with the same model.
    None when the recording has no analysis or no stored pose."""
    recording = study.recording(recording_id)
    latest = study.analysis(recording_id)
    pose_rec = study.pose(recording_id)
    if latest is None or pose_rec is None:
        return None
    report = copy.deepcopy(study.load_report(latest))
    skeleton = study.load_skeleton(pose_rec)
    report["gait"] = recomputed_gait(study, recording, report, skeleton)
    if recording.protocol == USUAL_WALK:
        _recheck_usual_walk(study, recording, report, skeleton)
    return study.save_analysis(recording_id, latest.model_id, report)


def recomputed_gait(study: Study, recording: Recording, report: dict[str, Any], skeleton: Any) -> dict[str, Any]:
    """The report's ``gait`` with the metric measures of the recording's current setup."""
    from ..core.screen import USUAL_WALK_R_FLAG, label_stability_model

    options = analysis_options(study, recording)
    test = options["test"]
    height = study.patient(recording.patient_id).height_cm
    metric = measure_metric_gait(skeleton, options["floor_calibration"], test=test, course_m=options["course_m"],
                                 height_cm=height)
    gait = dict(report.get("gait") or {})
    gait["metric"], gait["test"] = metric.to_dict(), test
    if test == USUAL_WALK:
        gait["speed_m_per_s"] = metric.speed_m_per_s
        flags = report.setdefault("screening", {}).setdefault("quality", {}).setdefault("flags", [])
        if USUAL_WALK_R_FLAG not in flags:
            flags.append(USUAL_WALK_R_FLAG)
    label_stability_model(report.setdefault("screening", {}), test)
    return gait


def _recheck_usual_walk(study: Study, recording: Recording, report: dict[str, Any], skeleton: Any) -> None:
    """The usual-walk checks against the current calibration, written into ``report``."""
    from ..core.screen import TEST_NAMES

    size = tuple(skeleton.image_size) if skeleton.image_size else (recording.width, recording.height)
    options = analysis_options(study, recording)
    inputs = ProtocolInputs(skeleton, size, floor_calibration=options["floor_calibration"],
                            course_m=options["course_m"])
    old = report.get("protocol") or {}
    result = check_protocol(inputs, USUAL_WALK)
    status = {c.code: c.status for c in result.checks}
    still = [(a["code"], a["reason"]) for a in old.get("accepted_deviations") or []
             if status.get(a["code"]) not in (None, PASS)]
    result.accepted = accepted_deviations(result.checks, still)
    screening = report["screening"]
    if screening.get("risk_group") == NOT_ASSESSABLE and "risk_group_if_assessable" in old:
        screening["risk_group"] = old["risk_group_if_assessable"]
        screening["risk_reason"] = old.get("risk_reason_if_assessable")
    protocol = dict(old)
    protocol.update(test=USUAL_WALK, test_name=TEST_NAMES[USUAL_WALK])
    protocol.update(apply_protocol(screening, result))
    report["protocol"] = protocol


__all__ = ["METHODS", "RECTANGLE", "TWO_LINES", "WALKING_DIRECTIONS", "CalibrationDraft", "Preview",
           "RecomputeResult", "SetupRow", "analysis_options", "assign_setup", "change_setup", "create_setup",
           "delete_setup", "preview", "recording_frame", "setup_frame", "recompute_recording", "recompute_recordings", "recompute_setup",
           "setup_calibration", "setup_rows"]
