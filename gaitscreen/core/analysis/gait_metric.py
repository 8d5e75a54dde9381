"""Gait in metres: the feet's floor contact points through a floor calibration.

Contact points: the ankle keypoints (raw, confidence-masked, as in
:mod:`.kinematics`) mapped to the floor by the calibration's homography, then pulled
toward the camera by the ankle's height above the floor (:mod:`..calibration.camera_pose`;
without that correction every distance along the camera's axis is ~6 % long). Feet
the homography puts behind the camera (beyond the floor's horizon) are refused when
they are more than a few stray frames: the calibration does not belong to the video.

Walking direction: the principal axis of the stance contact points (stance from
:func:`.kinematics.frame_signals`: each foot's still phases). Progress: the mean of the
feet in stance (a swinging foot is lifted, and a lifted point maps beyond the foot
by an amount that shrinks on approach, which would add ~1 % to the speed) along that axis, averaged over two step times (one stride, which removes the
in-step surge of the mid-point). Positions are weighted by 1 / (metres per pixel)² where
they are fitted or averaged, as a pixel of keypoint error is worth centimetres far
from the camera and millimetres near it. Steady part: where the progress rate is at least
``STEADY_SHARE`` of its median over the walk's middle half, the longest such run —
after the acceleration, before the deceleration. Speed: slope of a least-squares line
of progress on time over the steady part; also, when the calibration has start and
end lines (floor ``y``), the line distance over the time between the mid-feet point
crossing them.

Steps: each stance phase is a footfall at its median floor point; consecutive
footfalls of opposite feet make a step, its length along and its width across the
walking direction. Cadence from the times of the footfalls used for the steps. Step measures use the steps on
the course (between the start and end lines) when the calibration has them, else
those of the steady part, when there are more than ``MIN_STEPS``.

Errors: the calibration's pixel size at the farthest footfall used (the
coarsest pixels, whichever way the patient walks) times the stated
keypoint error gives the position error; step length and width errors are that
along and across the walk (x sqrt 2 for a difference of two points); the speed error
is sqrt 2 position errors over the steady distance. Every value carries the
calibration's name and sha256. A tandem-walk speed is a measurement only:
``cutoffs_apply`` is true for the usual-pace walk alone.
"""

from __future__ import annotations

import warnings
from dataclasses import asdict, dataclass, field

import numpy as np

from ..calibration import DEFAULT_KEYPOINT_ERROR_PX, FloorCalibration
from ..calibration.camera_pose import CameraPose, camera_pose, lower_to_floor
from ..calibration.homography import jacobian
from ..i18n import N_
from ..errors import CalibrationError
from ..skeleton import SkeletonSequence
from .filters import running_median, true_runs
from .kinematics import L_ANKLE, R_ANKLE, frame_signals
from .protocol_words import notes_wording, say, say_n

USUAL_WALK = "usual-walk"
TANDEM_WALK = "tandem-walk"
TESTS = (USUAL_WALK, TANDEM_WALK)
#: Ankle joint height as a share of stature, and without a stature (m).
ANKLE_OF_STATURE = 0.039
DEFAULT_ANKLE_HEIGHT_M = 0.065
STEADY_SHARE = 0.85
MIN_STEADY_S = 1.0
MIN_STEPS = 3
#: Share of foot positions behind the camera tolerated as stray detections.
MAX_BEHIND_SHARE = 0.02
WEIGHTED = True
#: Above this step-width error (cm) the result says the view cannot resolve step width
#: (walking across or obliquely to the camera puts it along the line of sight).
COARSE_WIDTH_CM = 5.0


@dataclass
class MetricGait:
    """Gait measures in metres; None where not available (reason in ``notes``)."""

    test: str
    calibration: dict | None = None  # {"name", "sha256"}
    cutoffs_apply: bool = False
    speed_m_per_s: float | None = None
    speed_error_m_per_s: float | None = None
    speed_between_lines_m_per_s: float | None = None
    course_m: float | None = None
    distance_m: float | None = None  # mid-feet progress from first to last frame
    steady_start_s: float | None = None
    steady_end_s: float | None = None
    steady_distance_m: float | None = None
    step_count: int | None = None
    cadence_steps_per_min: float | None = None
    step_length_cm: float | None = None
    step_length_sd_cm: float | None = None
    step_length_error_cm: float | None = None
    step_width_cm: float | None = None
    step_width_sd_cm: float | None = None
    step_width_error_cm: float | None = None
    position_error_cm: float | None = None
    keypoint_error_px: float = DEFAULT_KEYPOINT_ERROR_PX
    camera_height_m: float | None = None
    ankle_height_m: float | None = None
    #: Angle on the floor between the direction of travel and the direction from the walk's
    #: middle to the camera: 0 straight toward it, 90 across the view, 180 straight away.
    travel_angle_deg: float | None = None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """Plain JSON-serialisable dict; ``notes_wording`` words the notes that carry numbers."""
        return {**asdict(self), "notes_wording": notes_wording(self.notes)}


def _r(x: float | None, nd: int) -> float | None:
    return None if x is None or not np.isfinite(x) else round(float(x), nd)


def floor_contacts(raw: np.ndarray, image_size: tuple[int, int] | None, cal: FloorCalibration,
                   ankle_height_m: float, notes: list[str]) -> tuple[np.ndarray, CameraPose | None]:
    """Ankles ``(T, 2, 2)`` on the floor (m), lowered by the ankle height, from the
    H36M pixel joints ``raw``; and the camera's pose (None: not recoverable)."""
    px = raw[:, [L_ANKLE, R_ANKLE]]
    xy, front = cal.to_floor(px)
    finite = np.isfinite(px).all(-1)
    behind = finite & ~front
    if finite.any() and behind.sum() > MAX_BEHIND_SHARE * finite.sum():
        raise CalibrationError(
            f"The floor calibration {cal.name!r} maps {100 * behind.sum() / finite.sum():.0f} % of the patient's "
            "foot positions behind the camera (beyond the floor's horizon); it was not made for this camera view.")
    if behind.any():
        notes.append(say_n("{n} foot position beyond the floor's horizon was left out",
                           "{n} foot positions beyond the floor's horizon were left out", "n", n=int(behind.sum())))
    size = cal.frame_size or image_size
    if cal.camera_matrix is not None:
        k = cal.camera_matrix
        pose = camera_pose(np.linalg.inv(cal.homography), (k[0, 2], k[1, 2]), float(np.sqrt(k[0, 0] * k[1, 1])))
    elif size is not None:
        pose = camera_pose(np.linalg.inv(cal.homography), (0.5 * size[0], 0.5 * size[1]))
    else:
        pose = None
    if pose is None or not 0.2 < pose.height_m < 5.0:
        notes.append(N_("camera height not recoverable from the calibration: ankle positions not lowered to the "
                        "floor"))
        return xy, None
    return lower_to_floor(xy, pose, ankle_height_m), pose


def _too_few_footfalls(count: int) -> str:
    return say_n("speed not available: only {n} footfall found on the floor",
                 "speed not available: only {n} footfalls found on the floor", "n", n=count)


def _footfalls(sig, floor: np.ndarray) -> np.ndarray:
    """Rows ``(t_strike, foot, x, y, i0, i1)`` of the stance phases, by time; a foot
    standing twice in a row (a shuffle) keeps its later phase."""
    rows = []
    for s in range(2):
        for a, e in zip(*true_runs(sig.stance[:, s])):
            pts = floor[a:e, s]
            ok = np.isfinite(pts).all(-1)
            if ok.sum() >= max(2, 0.5 * (e - a)):
                rows.append((sig.t[a], s, *np.median(pts[ok], axis=0), a, e))
    rows.sort()
    out: list[tuple] = []
    for r in rows:
        if out and out[-1][1] == r[1]:
            out[-1] = r
        else:
            out.append(r)
    return np.array(out, dtype=np.float64).reshape(-1, 6)


def _stride_mean(x: np.ndarray, fs: float, step_s: float) -> np.ndarray:
    """Running mean over one stride (two steps); NaN within a step of either end of
    the finite data, where a partial window would lead or lag."""
    out = running_median(x, fs, 2.0 * step_s, mean=True)
    half = int(round(step_s * fs))
    fin = np.flatnonzero(np.isfinite(x))
    if fin.size:
        out[: fin[0] + half] = np.nan
        out[max(fin[-1] + 1 - half, 0):] = np.nan
    return out


def _px_weights(cal: FloorCalibration, ankles_px: np.ndarray) -> np.ndarray:
    """Per-frame weights 1 / (m per px)² of the mean of the finite ankles ``(N, k, 2)``:
    a keypoint error of a pixel is centimetres far away and millimetres near, so near
    frames count more (inverse-variance weighting)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        px = np.nanmean(ankles_px, axis=1)
    a, _ = cal.to_floor(px)
    b, _ = cal.to_floor(px + [0.0, 1.0])
    c, _ = cal.to_floor(px + [1.0, 0.0])
    scale2 = np.maximum(np.sum((b - a) ** 2, axis=1), np.sum((c - a) ** 2, axis=1))
    w = 1.0 / np.where(np.isfinite(scale2) & (scale2 > 0), scale2, np.inf)
    return w if w.any() else np.ones(len(w))


def _wmean(x: np.ndarray, w: np.ndarray) -> float:
    return float(np.sum(x * w) / np.sum(w)) if np.sum(w) > 0 else float(np.mean(x))


def _direction(pts: np.ndarray) -> np.ndarray:
    """Unit principal axis of floor points, pointing from the first to the last."""
    u = np.linalg.svd(pts - pts.mean(axis=0), full_matrices=False)[2][0]
    return -u if (pts[-1] - pts[0]) @ u < 0 else u


def _forward_only(falls: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Drop footfalls behind the last kept one (left/right swaps, far-field jitter):
    in a walk each footfall lands ahead of the one before; then re-merge a foot's
    repeated stance phases."""
    keep: list[np.ndarray] = []
    for r in falls:
        if keep and (r[2:4] - keep[-1][2:4]) @ u <= 0.0:
            continue
        if keep and keep[-1][1] == r[1]:
            keep[-1] = r
        else:
            keep.append(r)
    return np.array(keep).reshape(-1, 6)


def _travel_angle(u: np.ndarray, falls: np.ndarray, raw: np.ndarray, cal: FloorCalibration,
                  pose: CameraPose | None) -> float | None:
    """Angle (deg) between the direction of travel ``u`` and the floor direction from the
    walk's middle footfall to the camera's foot point; without a camera pose, the floor
    direction of "down the image" there (image rows grow toward the camera)."""
    mid = falls[len(falls) // 2]
    here = mid[2:4]
    if pose is not None:
        to_cam = pose.floor_xy - here
    else:
        px = np.nanmedian(raw[int(mid[4]):int(mid[5]), [L_ANKLE, R_ANKLE][int(mid[1])]], axis=0)
        if not np.isfinite(px).all():
            return None
        a, _ = cal.to_floor(px)
        b, _ = cal.to_floor(px + [0.0, 10.0])
        to_cam = b - a
    norm = float(np.linalg.norm(to_cam))
    if not np.isfinite(norm) or norm == 0:
        return None
    return float(np.degrees(np.arccos(np.clip(u @ to_cam / norm, -1.0, 1.0))))


def _crossing(t: np.ndarray, y: np.ndarray, line: float) -> float | None:
    ok = np.isfinite(y)
    t, y = t[ok], y[ok] - line
    idx = np.flatnonzero(np.sign(y[:-1]) * np.sign(y[1:]) < 0)
    if idx.size == 0:
        return None
    i = int(idx[0])
    return float(t[i] - y[i] * (t[i + 1] - t[i]) / (y[i + 1] - y[i]))


def measure_metric_gait(
    skeleton: SkeletonSequence,
    calibration: FloorCalibration | None,
    *,
    test: str = TANDEM_WALK,
    course_m: float | None = None,
    height_cm: float | None = None,
    keypoint_error_px: float = DEFAULT_KEYPOINT_ERROR_PX,
) -> MetricGait:
    """Metric gait measures of one walk (module notes); without a calibration every
    metric value stays None ("not available")."""
    if test not in TESTS:
        raise ValueError(f"test must be one of {TESTS}, got {test!r}")
    m = MetricGait(test=test, cutoffs_apply=test == USUAL_WALK, course_m=course_m, keypoint_error_px=keypoint_error_px)
    if test == TANDEM_WALK:
        m.notes.append(N_("tandem-walk speed is a measurement, not compared with usual gait-speed cut-offs"))
    if calibration is None:
        m.notes.append(N_("speed not available: no floor calibration"))
        return m
    cal = calibration
    m.calibration = cal.provenance()
    if cal.frame_size and skeleton.image_size and tuple(cal.frame_size) != tuple(skeleton.image_size):
        raise CalibrationError(
            f"The floor calibration {cal.name!r} was made on a {cal.frame_size[0]}x{cal.frame_size[1]} frame but the "
            f"video is {skeleton.image_size[0]}x{skeleton.image_size[1]}; calibrate on this camera's frame.")
    m.ankle_height_m = ANKLE_OF_STATURE * height_cm / 100.0 if height_cm else DEFAULT_ANKLE_HEIGHT_M
    sig = frame_signals(skeleton)
    floor, pose = floor_contacts(sig.raw, skeleton.image_size, cal, m.ankle_height_m, m.notes)
    m.camera_height_m = None if pose is None else pose.height_m
    falls = _footfalls(sig, floor)
    if len(falls) < MIN_STEPS:
        m.notes.append(_too_few_footfalls(len(falls)))
        return m

    # Walking direction and progress.
    u = _direction(falls[:, 2:4])
    falls = _forward_only(falls, u)
    if len(falls) < MIN_STEPS:
        m.notes.append(_too_few_footfalls(len(falls)))
        return m
    pts = falls[:, 2:4]
    u = _direction(pts)
    n = np.array([-u[1], u[0]])
    m.travel_angle_deg = _r(_travel_angle(u, falls, sig.raw, cal, pose), 1)
    grounded = np.where(sig.stance[..., None], floor, np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        mid = np.nanmean(grounded, axis=1)
    times = falls[:, 0]
    step_s = float(np.clip(np.median(np.diff(times)), 0.3, 1.5))
    prog = (mid - pts[0]) @ u
    smooth = _stride_mean(prog, sig.fs, step_s)
    t = sig.t
    ok = np.isfinite(smooth)
    if ok.sum() < 3:
        m.notes.append(N_("speed not available: too few frames with both feet on the floor"))
        return m
    m.distance_m = _r(smooth[ok][-1] - smooth[ok][0], 3)
    rate = np.full(len(t), np.nan)
    rate[ok] = np.gradient(smooth[ok], t[ok])
    fin = np.flatnonzero(ok)
    middle = fin[len(fin) // 4: max(len(fin) // 4 + 1, 3 * len(fin) // 4)]
    plateau = float(np.nanmedian(rate[middle]))
    if plateau > 0:
        fast = np.nan_to_num(rate, nan=-np.inf) >= STEADY_SHARE * plateau
        slow_s, slow_e = true_runs(~fast)
        for a, e in zip(slow_s, slow_e):  # dips shorter than a step are noise, not stops
            if a > 0 and e < len(fast) and t[e - 1] - t[a] < step_s:
                fast[a:e] = True
        starts, ends = true_runs(fast)
        k = int(np.argmax(ends - starts)) if len(starts) else -1
        if k >= 0 and t[ends[k] - 1] - t[starts[k]] >= MIN_STEADY_S:
            i0, i1 = int(starts[k]), int(ends[k])
            sel = np.arange(i0, i1)[np.isfinite(smooth[i0:i1])]
            w = _px_weights(cal, sig.raw[sel][:, [L_ANKLE, R_ANKLE]])
            slope = float(np.polyfit(t[sel], smooth[sel], 1, w=np.sqrt(w) if WEIGHTED else None)[0])
            m.speed_m_per_s = _r(slope, 3)
            m.steady_start_s, m.steady_end_s = _r(t[i0], 3), _r(t[i1 - 1], 3)
            m.steady_distance_m = _r(slope * (t[i1 - 1] - t[i0]), 3)
    if m.speed_m_per_s is None:
        m.notes.append(N_("speed not available: no steady part of at least 1 s (the walk keeps stopping or is too "
                          "short)"))
    if cal.start_line_m is not None and cal.end_line_m is not None:
        ys = _stride_mean(mid[:, 1], sig.fs, step_s)
        t0, t1 = _crossing(t, ys, cal.start_line_m), _crossing(t, ys, cal.end_line_m)
        if t0 is not None and t1 is not None and t1 > t0:
            m.speed_between_lines_m_per_s = _r(abs(cal.end_line_m - cal.start_line_m) / (t1 - t0), 3)
        else:
            m.notes.append(N_("the walk did not cross both the start and the end line"))

    # Steps: those on the course when it has lines, else those of the steady part.
    lines = (cal.start_line_m, cal.end_line_m)
    on_course = np.zeros(len(falls), bool)
    if None not in lines:
        on_course = (falls[:, 3] >= min(lines)) & (falls[:, 3] <= max(lines))
    if on_course.sum() > MIN_STEPS:
        use = falls[on_course]
    elif m.steady_start_s is not None:
        steady = (falls[:, 0] >= m.steady_start_s - 0.5 * step_s) & (falls[:, 0] <= m.steady_end_s)
        use = falls[steady] if steady.sum() > MIN_STEPS else falls
    else:
        use = falls
    d = np.diff(use[:, 2:4], axis=0)
    length, width = d @ u, np.abs(d @ n)
    wf = np.array([_px_weights(cal, sig.raw[int(r[4]):int(r[5]), [L_ANKLE, R_ANKLE][int(r[1])]][:, None]).mean()
                   for r in use])
    ws = 1.0 / (1.0 / wf[1:] + 1.0 / wf[:-1])  # a step: the difference of two footfalls
    m.step_count = int(len(falls) - 1)
    span = float(use[-1, 0] - use[0, 0])
    m.cadence_steps_per_min = _r(60.0 * (len(use) - 1) / span, 1) if span > 0 else None
    if len(d):
        m.step_length_cm, m.step_width_cm = _r(100 * _wmean(length, ws), 1), _r(100 * _wmean(width, ws), 1)
        if len(d) > 1:
            m.step_length_sd_cm, m.step_width_sd_cm = _r(100 * length.std(ddof=1), 1), _r(100 * width.std(ddof=1), 1)

    # Errors from the pixel size at the footfall with the coarsest pixels (the farthest).
    far = use[int(np.argmin(wf))]
    i0, i1, s = int(far[4]), int(far[5]), int(far[1])
    px = np.nanmedian(sig.raw[i0:i1, [L_ANKLE, R_ANKLE][s]], axis=0)
    if np.isfinite(px).all():
        jac = jacobian(cal.homography, cal.undistorted(px[None])[0])
        e_pos = keypoint_error_px * float(np.linalg.svd(jac, compute_uv=False)[0])
        m.position_error_cm = _r(100 * e_pos, 1)
        m.step_length_error_cm = _r(100 * np.sqrt(2) * keypoint_error_px * np.linalg.norm(jac.T @ u), 1)
        m.step_width_error_cm = _r(100 * np.sqrt(2) * keypoint_error_px * np.linalg.norm(jac.T @ n), 1)
        if m.step_width_error_cm is not None and m.step_width_error_cm > COARSE_WIDTH_CM:
            m.notes.append(say(N_("step width is coarse in this view (± {error:.0f} cm): the feet's side-to-side "
                                  "distance lies along the camera's line of sight; film the walk head-on"),
                               error=m.step_width_error_cm))
        if m.speed_m_per_s is not None and m.steady_distance_m:
            m.speed_error_m_per_s = _r(m.speed_m_per_s * np.sqrt(2) * e_pos / m.steady_distance_m, 3)
    return m
