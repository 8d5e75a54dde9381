"""Gait parameters of a frontal tandem walk: steps, cadence, step time, width, speed.

Step signal: the ankles' signed *vertical* image separation ``y_left - y_right``.
Walking toward a camera above the floor, the nearer foot appears lower in the image,
so the sign says which foot leads and flips once per step, when the swinging foot
passes the standing one. Two floor points one step apart in depth are
``~ f x camera height x step / distance²`` pixels apart while the body height is
``~ f x BH_m / distance``, so the separation is divided by ``BH² / median BH``: the
signal then measures the feet's depth separation about equally near and far. The
lateral separation is left out on purpose: tandem feet stay on one line, so it holds
almost no step information, mostly pose noise, and the 2-D distance would lose the
sign (which foot leads). The swing foot's lift makes it look further back, which
only delays the sign change. A camera at ankle height cannot see steps this way.

Filter: 4th-order Butterworth low-pass at 2 Hz, run forward and backward (zero
phase). Tandem steps are slow (about 45-110 steps/min), so the signed signal's
fundamental (one cycle per stride) lies near 0.4-0.9 Hz; 2 Hz keeps it and its first
harmonics and removes pose jitter.

Steps: a *lobe* is a run of the filtered signal beyond ±h, with
``h = 0.2 x its 90th-percentile magnitude`` (at least 0.004). Adjacent lobes of one
sign merge, and lobe peaks (largest magnitude) closer than 0.3 s drop the smaller
lobe. Each change of the leading foot between consecutive lobes is one step, timed at
the zero crossing between them (the feet passing: sharper than the broad lobe peak).
A walk that starts and ends in tandem stance, which has a leading foot, is counted
exactly; a foot stepping twice in a row (a shuffle) is not counted twice. Far from
the camera with quick steps the signal can sink into pose jitter and steps are missed.

Scale: without one, lengths are in BH and speed is unavailable. The patient's height
turns lateral lengths into cm (1 BH ≈ 0.88 x height) but gives no forward speed: the
distance to the camera follows from image size only with the focal length, which is
unknown. With the walkway length, speed = walkway / (walk end - walk start): the times
are given, or the lift-off of the first detected step and the landing of the last
(the swing of the stepping foot around its crossing, from the stance masks). The
walkway must be the distance covered between them; a note says when the recording
seems to start or end mid-walk (forward progress not stalled at its first or last
frame), as the walk may then extend beyond it.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, fields

import numpy as np

from ..errors import GaitScreenError
from ..i18n import N_
from ..skeleton import SkeletonSequence
from .filters import lowpass, true_runs
from .protocol_words import notes_wording, say_n
from .signals import HEAD_TO_ANKLE_OF_STATURE, L_ANKLE, R_ANKLE, STALL_FRACTION, FrameSignals, frame_signals

STEP_CUTOFF_HZ = 2.0
STEP_REL_THRESHOLD = 0.2
STEP_MIN_SEPARATION = 0.004
STEP_MIN_INTERVAL_S = 0.3


@dataclass
class GaitParameters:
    """Whole-walk gait parameters; None where not computable (reason in ``notes``)."""

    duration_s: float
    step_count: int | None = None
    cadence_steps_per_min: float | None = None
    step_time_mean_s: float | None = None
    step_time_cv_pct: float | None = None
    step_width_bh: float | None = None
    step_width_sd_bh: float | None = None
    step_width_cm: float | None = None
    cm_per_bh: float | None = None  # with the patient's height: 0.88 x height
    speed_m_per_s: float | None = None
    walk_start_s: float | None = None
    walk_end_s: float | None = None
    step_times_s: list[float] = field(default_factory=list)  # each step's crossing time
    step_feet: list[str] = field(default_factory=list)  # the foot that stepped
    height_cm: float | None = None
    walkway_m: float | None = None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """Plain JSON-serialisable dict; ``notes_wording`` words the notes that carry numbers."""
        return {**asdict(self), "notes_wording": notes_wording(self.notes)}


def step_signal(sig: FrameSignals) -> np.ndarray:
    """Filtered, distance-normalised signed vertical ankle separation (module notes)."""
    bh = sig.body_height
    if not np.isfinite(bh).any():
        return np.full(len(bh), np.nan)
    sep = (sig.raw[:, L_ANKLE, 1] - sig.raw[:, R_ANKLE, 1]) * np.nanmedian(bh) / bh**2
    return lowpass(sep, sig.fs, STEP_CUTOFF_HZ, keep_bridged=True)


def _lobes(seg: np.ndarray, t: np.ndarray, h: float) -> list[list[int]]:
    """Lobes ``[sign, start, end, peak]`` of one finite run, alternating in sign."""
    lobes = [
        [sgn, int(a), int(e), int(a + np.argmax(sgn * seg[a:e]))]
        for sgn in (1, -1)
        for a, e in zip(*true_runs(sgn * seg >= h))
    ]
    lobes.sort(key=lambda lobe: lobe[1])
    while True:
        merged: list[list[int]] = []
        for lobe in lobes:
            if merged and merged[-1][0] == lobe[0]:
                prev = merged[-1]
                prev[2] = lobe[2]
                if abs(seg[lobe[3]]) > abs(seg[prev[3]]):
                    prev[3] = lobe[3]
            else:
                merged.append(lobe)
        lobes = merged
        peaks = t[[lobe[3] for lobe in lobes]]
        close = np.flatnonzero(np.diff(peaks) < STEP_MIN_INTERVAL_S)
        if close.size == 0:
            return lobes
        k = int(close[0]) + 1
        del lobes[k if abs(seg[lobes[k][3]]) < abs(seg[lobes[k - 1][3]]) else k - 1]


def _crossing(seg: np.ndarray, t: np.ndarray, lo: int, hi: int) -> float:
    """Median zero-crossing time of ``seg`` between indices ``lo`` and ``hi``."""
    z = seg[lo : hi + 1]
    i = lo + np.flatnonzero(np.sign(z[:-1]) != np.sign(z[1:]))
    return float(np.median(t[i] + (t[i + 1] - t[i]) * seg[i] / (seg[i] - seg[i + 1])))


def detect_steps(sig: FrameSignals, notes: list[str]):
    """Steps: crossing times (None if no step signal), stepping feet, step intervals,
    and the frames of the lobe after each step."""
    sep = step_signal(sig)
    times: list[float] = []
    feet: list[str] = []
    intervals: list[float] = []
    landed: list[tuple[int, int]] = []
    if not np.isfinite(sep).any():
        notes.append(N_("steps: ankles or body height missing throughout"))
        return None, feet, intervals, landed
    h = max(STEP_MIN_SEPARATION, STEP_REL_THRESHOLD * float(np.nanpercentile(np.abs(sep), 90)))
    starts, ends = true_runs(np.isfinite(sep))
    if len(starts) > 1:
        notes.append(say_n("steps: {gaps} gap in the ankle signal; steps across it are not counted",
                           "steps: {gaps} gaps in the ankle signal; steps across gaps are not counted",
                           "gaps", gaps=len(starts) - 1))
    for s, e in zip(starts, ends):
        seg, ts = sep[s:e], sig.t[s:e]
        lobes = _lobes(seg, ts, h)
        run = [_crossing(seg, ts, prev[2] - 1, lobe[1]) for prev, lobe in zip(lobes, lobes[1:])]
        for lobe in lobes[1:]:
            nearer_left = lobe[0] > 0  # left ankle lower in the image
            feet.append("left" if nearer_left == sig.approaching else "right")
            landed.append((s + lobe[1], s + lobe[2]))
        times.extend(run)
        intervals.extend(np.diff(run).tolist())
    return times, feet, intervals, landed


def _step_widths(sig: FrameSignals, landed: list[tuple[int, int]]) -> list[float]:
    """Per step: |median lateral distance of the ankles| (from the line) in double support."""
    ank = sig.ankles
    lateral = (ank[..., 0] - sig.line_slope * ank[..., 1]) / sig.body_height[:, None]
    widths = []
    for a, e in landed:
        w = (lateral[a:e, 0] - lateral[a:e, 1])[sig.stance[a:e].all(axis=1)]
        w = w[np.isfinite(w)]
        if w.size:
            widths.append(abs(float(np.median(w))))
    return widths


def _swing_edge(sig: FrameSignals, foot: str, t_step: float, first: bool) -> float | None:
    """Lift-off (``first``) or landing time of the swing of ``foot`` around ``t_step``."""
    swinging = ~sig.stance[:, 0 if foot == "left" else 1]
    i = int(np.clip(np.searchsorted(sig.t, t_step), 0, len(sig.t) - 1))
    for a, e in zip(*true_runs(swinging)):
        if a <= i < e:
            return float(sig.t[a]) if first else float(sig.t[min(e, len(sig.t) - 1)])
    return None


def _walk_bounds(sig: FrameSignals, times: list[float], feet: list[str], notes: list[str]):
    """Lift-off of the first detected step and landing of the last (see the module notes)."""
    if sig.progress is not None:
        valid = np.flatnonzero(np.isfinite(sig.progress))
        moving = sig.progress[valid] >= STALL_FRACTION
        if moving[0]:
            notes.append(N_("walk bounds: already walking when the recording began"))
        if moving[-1]:
            notes.append(N_("walk bounds: still walking when the recording ended"))
    if not times:
        return None, None
    start = _swing_edge(sig, feet[0], times[0], True)
    end = _swing_edge(sig, feet[-1], times[-1], False)
    if start is None or end is None:
        notes.append(N_("walk bounds: a swing was not resolved; its step's crossing time is used"))
    return (times[0] if start is None else start), (times[-1] if end is None else end)


def _positive(value: float | None, what: str) -> float | None:
    if value is None:
        return None
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise GaitScreenError(f"{what} must be a number, got {value!r}.") from None
    if not (math.isfinite(v) and v > 0):
        raise GaitScreenError(f"{what} must be a positive number, got {value!r}.")
    return v


def _speed(g: GaitParameters, detected_bounds: bool) -> None:
    if g.walkway_m is None:
        if g.height_cm is not None:
            g.notes.append(N_(
                "speed: unavailable; the patient's height scales lateral and vertical lengths, "
                "but forward distance needs the walkway length (or the camera's focal length)"
            ))
        else:
            g.notes.append(N_("speed: unavailable without a scale; give the walkway length"))
    elif g.walk_start_s is None or g.walk_end_s is None or g.walk_end_s <= g.walk_start_s:
        g.notes.append(N_("speed: the start and end of the walk could not be determined"))
    else:
        g.speed_m_per_s = g.walkway_m / (g.walk_end_s - g.walk_start_s)
        if detected_bounds and any(n.startswith("walk bounds") for n in g.notes):
            g.notes.append(N_("speed: the walk may extend beyond the recording; speed may be too high"))


def gait_parameters(
    skeleton: SkeletonSequence,
    *,
    height_cm: float | None = None,
    walkway_m: float | None = None,
    walk_start_s: float | None = None,
    walk_end_s: float | None = None,
    signals: FrameSignals | None = None,
) -> GaitParameters:
    """Gait parameters of a whole walk (definitions in the module notes).

    ``height_cm`` (standing height) gives step width in cm; ``walkway_m`` (distance
    walked from walk start to end) gives speed; ``walk_start_s``/``walk_end_s``
    override the walk bounds found from forward progress. ``signals``: the
    skeleton's :func:`frame_signals`, when the caller has them already.
    """
    g = GaitParameters(
        duration_s=skeleton.duration_s,
        height_cm=_positive(height_cm, "Patient height (cm)"),
        walkway_m=_positive(walkway_m, "Walkway length (m)"),
    )
    if g.height_cm is not None:
        g.cm_per_bh = g.height_cm * HEAD_TO_ANKLE_OF_STATURE
    sig = signals if signals is not None else frame_signals(skeleton)
    times, feet, intervals, landed = detect_steps(sig, g.notes)
    if times is not None:
        g.step_count, g.step_times_s, g.step_feet = len(times), times, feet
    if intervals:
        st = np.asarray(intervals)
        g.step_time_mean_s = float(st.mean())
        g.cadence_steps_per_min = 60.0 / g.step_time_mean_s
        if st.size >= 2:
            g.step_time_cv_pct = float(100.0 * st.std(ddof=1) / st.mean())
    else:
        g.notes.append(N_("cadence: fewer than 2 consecutive steps detected"))

    widths = _step_widths(sig, landed)
    if widths:
        g.step_width_bh = float(np.mean(widths))
        g.step_width_sd_bh = float(np.std(widths, ddof=1)) if len(widths) >= 2 else None
        if g.cm_per_bh is not None:
            g.step_width_cm = g.step_width_bh * g.cm_per_bh
    else:
        g.notes.append(N_("step width: no double support of both feet found after the steps"))

    g.walk_start_s, g.walk_end_s = _walk_bounds(sig, times or [], feet, g.notes)
    if walk_start_s is not None:
        g.walk_start_s = float(walk_start_s)
    if walk_end_s is not None:
        g.walk_end_s = float(walk_end_s)
    _speed(g, detected_bounds=walk_start_s is None or walk_end_s is None)
    return g


def with_walkway(gait: dict, walkway_m: float) -> dict:
    """An analysis' gait dict once the walkway length is known: the speed from its stored walk
    start and end by the same rule as :func:`gait_parameters` (the bounds were detected)."""
    known = {f.name for f in fields(GaitParameters)}
    g = GaitParameters(**{k: v for k, v in gait.items() if k in known})
    g.walkway_m = _positive(walkway_m, "Walkway length (m)")
    g.speed_m_per_s = None
    g.notes = [n for n in g.notes if not str(n).startswith("speed:")]
    _speed(g, detected_bounds=True)
    out = {**gait, **g.to_dict()}
    out["notes_wording"] = notes_wording(g.notes, gait.get("notes_wording"))  # the kept notes keep theirs
    return out
