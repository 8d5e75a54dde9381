"""Per-frame series of a frontal walk (2-D image skeletons), computed once per skeleton.

:func:`frame_signals` is shared by the span measures (:mod:`.kinematics`), the gait
parameters (:mod:`.gait`) and the floor measures (:mod:`.gait_metric`). The patient
walks toward a fixed camera: image x is mediolateral, image y (down) mixes height and
depth (nearer floor points appear lower). Joints with confidence < 0.3 count as missing.

Body height (BH, the length unit): vertical image extent from the head (H36M face
centre) to the lower ankle (the nearer, grounded foot), per frame, then a centred 1-s
running median (robust to single-frame errors, keeps the growth on approach), bridged
over gaps up to 1 s. 1 BH ≈ 0.88 x standing height.

Stance: ankle positions are low-passed at 2 Hz (zero phase); an ankle moves when its
speed exceeds ``max(0.03 BH/s, 0.3 x its 90th-percentile speed)``; as one foot swings
at a time in tandem gait, when both seem to move the slower stands; moves under
0.15 s are jitter and stance runs under 0.12 s are dropped. A stance phase's position
is its median ankle position (a grounded foot is still in the image).

Walking line: a straight walk projects to an image line ``x = a + b*y`` through the
grounded feet. ``b`` (the walk's direction): Tukey-bisquare IRLS fit, barely
ridge-shrunk toward vertical, over all stance phases of the sequence (``a`` per span:
:func:`.kinematics.span_phases`). Lateral positions are taken from the line at the
ground under the body: the ankles' mean image height averaged over one step
(perspective convergence is thus not mistaken for sway).

Angles use 0.5-s running medians, so a maximum is a posture held for about 0.25 s or
more, not a single-frame error; trunk lean is against the image vertical (a rolled or
steeply pitched camera biases it).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from ..errors import SkeletonFormatError
from ..i18n import N_
from ..skeleton import NTU25_FROM_H36M17, SkeletonSequence
from .filters import lowpass, running_median, true_runs

HEAD_TO_ANKLE_OF_STATURE = 0.88
MIN_CONFIDENCE = 0.3
JOINT_CUTOFF_HZ = 6.0
BODY_HEIGHT_MEDIAN_S = 1.0
BODY_HEIGHT_BRIDGE_S = 1.0
STANCE_CUTOFF_HZ = 2.0
STANCE_REL_SPEED = 0.3
STANCE_MIN_SPEED_BH = 0.03
STANCE_MIN_S = 0.12
SWING_MIN_S = 0.15
LINE_RIDGE_BH = 0.01
ANGLE_HOLD_S = 0.5  # angle maxima: of the running median over this window
STALL_WINDOW_S = (0.5, 1.5)  # progress window: the step time, kept in this range
STALL_FRACTION = 0.5
STALL_MIN_S = 0.5
MIN_PROGRESS_PER_S = 0.02

# H36M-17 joint indices.
PELVIS, R_ANKLE, L_ANKLE, THORAX, HEAD = 0, 3, 6, 8, 10
ARMS = {"left": (11, 12, 13), "right": (14, 15, 16)}  # shoulder, elbow, wrist
_NTU_TO_H36M = [NTU25_FROM_H36M17.index(h) for h in range(17)]


@dataclass(eq=False)
class FrameSignals:
    """Per-frame series of one skeleton, shared by the span measures and gait.py.

    ``raw``: H36M-17 pixels, low-confidence joints NaN. ``ground_y``: image height of
    the ground under the body (ankles' mean over one step). ``phases`` rows:
    ``(side, i0, i1, x, y, bh)``, side 0 left / 1 right, frames ``i0 <= i < i1``.
    ``arm_deg`` (left, right; + away from the body) and ``lean_deg`` (+ toward image
    right) are 0.5-s running medians. ``progress``: forward-progress rate relative to
    the walk's typical rate. ``stalls``: ``(start_s, end_s)`` of every stall;
    ``edge_stalls``: those touching the first or last frame.
    """

    t: np.ndarray
    fs: float
    raw: np.ndarray
    present: np.ndarray
    body_height: np.ndarray
    ankles: np.ndarray  # (T, 2, 2) low-passed [left, right] ankle positions
    ground_y: np.ndarray
    stance: np.ndarray  # (T, 2) bool [left, right]
    phases: np.ndarray
    step_time_s: float | None
    line_slope: float
    line_offset: float
    trunk_x: np.ndarray
    arm_deg: np.ndarray
    lean_deg: np.ndarray
    progress: np.ndarray | None
    approaching: bool
    stalls: list[tuple[float, float]]
    edge_stalls: list[tuple[float, float]]
    notes: list[str]


def _bridge(x: np.ndarray, t: np.ndarray, max_gap_s: float) -> np.ndarray:
    """Linearly fill interior NaN gaps no longer than ``max_gap_s``."""
    out = x.copy()
    for s, e in zip(*true_runs(~np.isfinite(x))):
        if s > 0 and e < len(x) and t[e] - t[s - 1] <= max_gap_s + 1e-9:
            out[s:e] = np.interp(t[s:e], [t[s - 1], t[e]], [x[s - 1], x[e]])
    return out


def _image_joints(skeleton: SkeletonSequence) -> np.ndarray:
    if skeleton.joints.shape[2] != 2:
        raise SkeletonFormatError(
            "Gait measures need 2-D image skeletons (x, y pixels); this one has "
            f"{skeleton.joints.shape[2]} coordinates per joint."
        )
    if skeleton.layout == "ntu25":
        joints, conf = skeleton.joints[:, _NTU_TO_H36M], skeleton.confidence[:, _NTU_TO_H36M]
    else:
        seq = skeleton.to_layout("h36m17")
        joints, conf = seq.joints, seq.confidence
    out = joints.astype(np.float64)
    out[conf < MIN_CONFIDENCE] = np.nan
    return out


def _stance(ankles: np.ndarray, t: np.ndarray, fs: float, bh: np.ndarray) -> np.ndarray:
    """Stance masks ``(T, 2)`` (see the module notes)."""
    if len(t) < 2:
        return np.zeros((len(t), 2), dtype=bool)
    vel = np.gradient(ankles, t, axis=0)
    speed = np.hypot(vel[..., 0], vel[..., 1]) / bh[:, None]
    moving = np.zeros(speed.shape, dtype=bool)
    for s in range(2):
        if np.isfinite(speed[:, s]).any():
            p90 = float(np.nanpercentile(speed[:, s], 90))
            moving[:, s] = speed[:, s] >= max(STANCE_MIN_SPEED_BH, STANCE_REL_SPEED * p90)
    both = moving.all(axis=1)
    slower = np.argmin(np.where(np.isfinite(speed), speed, np.inf), axis=1)
    moving[both, slower[both]] = False
    still = np.isfinite(speed) & ~moving
    for s in range(2):
        for a, e in zip(*true_runs(moving[:, s])):
            if e - a < SWING_MIN_S * fs and a > 0 and e < len(t):
                still[a:e, s] = np.isfinite(speed[a:e, s])
        for a, e in zip(*true_runs(still[:, s])):
            if e - a < STANCE_MIN_S * fs:
                still[a:e, s] = False
    return still


def _fit_line(x: np.ndarray, y: np.ndarray, scale_px: float) -> tuple[float, float]:
    """Robust (Tukey IRLS), ridge-shrunk fit of ``x = a + b*y``; returns (a, b)."""
    w = np.ones_like(x)
    lam = (LINE_RIDGE_BH * scale_px) ** 2
    a, b = float(np.median(x)), 0.0
    for _ in range(30):
        sw = w.sum()
        if sw < 2:
            break
        ym, xm = (w * y).sum() / sw, (w * x).sum() / sw
        b = float((w * (y - ym) * (x - xm)).sum() / ((w * (y - ym) ** 2).sum() + lam * sw))
        a = float(xm - b * ym)
        r = x - a - b * y
        u = r / (4.685 * max(1.4826 * float(np.median(np.abs(r))), 0.005 * scale_px))
        w = np.where(np.abs(u) < 1, (1 - u**2) ** 2, 0.0)
    return a, b


def _arm_angles(j: np.ndarray) -> np.ndarray:
    """Angle (deg) of each upper arm to the trunk axis, + when it points away from the body."""
    down = j[:, PELVIS] - j[:, THORAX]
    out = np.full((len(j), 2), np.nan)
    for k, (sh, el, wr) in enumerate(ARMS.values()):
        end = np.where(np.isfinite(j[:, el]).all(axis=1)[:, None], j[:, el], j[:, wr])
        arm, lateral = end - j[:, sh], j[:, sh] - j[:, THORAX]
        cross = down[:, 0] * arm[:, 1] - down[:, 1] * arm[:, 0]
        ang = np.degrees(np.arctan2(np.abs(cross), (down * arm).sum(axis=1)))
        side = down[:, 0] * lateral[:, 1] - down[:, 1] * lateral[:, 0]
        out[:, k] = np.where(np.sign(cross) * np.sign(side) >= 0, ang, -ang)
    return out


def _step_time(phases: np.ndarray, t: np.ndarray) -> float | None:
    """Median time between landings of alternate feet (starts of stance phases)."""
    ph = phases[phases[:, 1] > 0]
    d = np.diff(t[ph[:, 1].astype(int)])[ph[1:, 0] != ph[:-1, 0]]
    return float(np.median(d)) if d.size >= 2 else None


def _progress(t: np.ndarray, bh: np.ndarray, fs: float, window_s: float, notes: list[str]):
    """Forward-progress rate relative to typical, and whether the subject approaches.

    ``BH_ref / BH`` is proportional to the distance from the camera, so its decrease
    over a window is proportional to the walking speed. The window is one step time,
    so the normal slowing in double support averages out; near the ends it is shifted
    inwards to stay whole. A frame is stalled when the rate is below half the typical
    (median moving) rate: for a ramp-plateau-ramp exactly a plateau at least a
    window long (a shorter plateau L shows as ``2L - window``).
    """
    n = len(t)
    half = max(1, int(round(window_s * fs / 2)))
    rate = np.full(n, np.nan)
    if n > 2 * half and np.isfinite(bh).any():
        p = np.nanmedian(bh) / bh
        lo = np.clip(np.arange(n) - half, 0, n - 1 - 2 * half)
        rate = (p[lo] - p[lo + 2 * half]) / (t[lo + 2 * half] - t[lo])
    if np.isfinite(rate).sum() < 3:
        notes.append(N_("stops: too short, or body height unavailable; forward progress unknown"))
        return None, True
    direction = -1.0 if np.nanmedian(rate) < 0 else 1.0
    rate = rate * direction
    moving = rate > 0.1 * np.nanpercentile(rate, 90)
    typical = float(np.median(rate[moving])) if moving.any() else float("nan")
    if not typical >= MIN_PROGRESS_PER_S:
        notes.append(N_("stops: no forward progress toward or away from the camera was seen"))
        return None, direction > 0
    return rate / typical, direction > 0


def _stalls(t: np.ndarray, rel: np.ndarray, fs: float) -> tuple[list, list]:
    """All stalls of at least 0.5 s, and those touching the first or last known frame."""
    valid = np.flatnonzero(np.isfinite(rel))
    every, edge = [], []
    for s, e in zip(*true_runs(rel < STALL_FRACTION)):
        if t[e - 1] + 1.0 / fs - t[s] >= STALL_MIN_S - 1e-9:
            every.append((float(t[s]), float(t[e - 1] + 1.0 / fs)))
            if s <= valid[0] or e - 1 >= valid[-1]:
                edge.append(every[-1])
    return every, edge


def frame_signals(skeleton: SkeletonSequence) -> FrameSignals:
    """Compute every per-frame series once (definitions in the module notes).

    Filters take the samples as evenly spaced at the median frame interval.
    """
    raw = _image_joints(skeleton)
    t = skeleton.timestamps
    n = len(t)
    fs = float(1.0 / np.median(np.diff(t))) if n >= 2 else skeleton.fps
    notes: list[str] = []
    j = lowpass(raw, fs, JOINT_CUTOFF_HZ)
    h = np.fmax(raw[:, L_ANKLE, 1], raw[:, R_ANKLE, 1]) - raw[:, HEAD, 1]
    h[~(h > 0)] = np.nan
    bh = _bridge(running_median(h, fs, BODY_HEIGHT_MEDIAN_S, odd_ends=True), t, BODY_HEIGHT_BRIDGE_S)
    ankles = lowpass(raw[:, [L_ANKLE, R_ANKLE]], fs, STANCE_CUTOFF_HZ, keep_bridged=True)
    stance = _stance(ankles, t, fs, bh)
    rows = [
        (s, a, e, *np.median(ankles[a:e, s], axis=0), np.nanmedian(bh[a:e]))
        for s in range(2)
        for a, e in zip(*true_runs(stance[:, s]))
    ]
    phases = np.array(sorted(rows, key=lambda r: r[1]), dtype=np.float64).reshape(-1, 6)
    phases = phases[np.isfinite(phases[:, 3:]).all(axis=1)]
    if len(phases) >= 2:
        a, b = _fit_line(phases[:, 3], phases[:, 4], float(np.median(phases[:, 5])))
    else:
        notes.append(N_("walking line: fewer than 2 stance phases; taken as image-vertical"))
        a, b = (float(np.nanmedian(ankles[..., 0])) if np.isfinite(ankles).any() else 0.0), 0.0
    step_time = _step_time(phases, t)
    window = float(np.clip(step_time or STALL_WINDOW_S[0], *STALL_WINDOW_S))
    rel, approaching = _progress(t, bh, fs, window, notes)
    stalls, edge = _stalls(t, rel, fs) if rel is not None else ([], [])
    trunk = j[:, THORAX] - j[:, PELVIS]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        feet_y = np.nanmean(ankles[:, :, 1], axis=1) if n else np.zeros(0)
    lean = np.degrees(np.arctan2(trunk[:, 0], -trunk[:, 1]))
    return FrameSignals(
        t=t, fs=fs, raw=raw, present=skeleton.present, body_height=bh, ankles=ankles,
        ground_y=running_median(feet_y, fs, window, mean=True), stance=stance,
        phases=phases, step_time_s=step_time, line_slope=b, line_offset=a,
        trunk_x=0.5 * (j[:, PELVIS, 0] + j[:, THORAX, 0]),
        arm_deg=running_median(_arm_angles(j), fs, ANGLE_HOLD_S),
        lean_deg=running_median(lean, fs, ANGLE_HOLD_S), progress=rel,
        approaching=approaching, stalls=stalls, edge_stalls=edge, notes=notes,
    )  # fmt: skip
