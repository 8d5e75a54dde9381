"""The five-times chair stand from a 2-D skeleton (COCO-17 pixels): stands, times and flags.

**Signal.** The hip's height above the ankles in the image (mid-hip to
mid-ankle, vertical), in shank lengths (knee to ankle), low-pass filtered. It is
about 1.1-1.3 seated (the thigh horizontal, the hip at seat height) and 1.8-2.0
standing, in a frontal as in an oblique-side view; hip and knee angles are
reported beside it.

**Events** (each a :class:`~.marks.Mark`): a rise *starts* (``rise_start``) when
the hip has risen 5 % of the way from the seated level before it to the
standing level after it (seat-off), a stand is *complete* (``stand``) at 95 %;
on the way down ``sit_start`` (below 95 %) and ``seated`` (below 5 %). A rise
whose peak stays under :data:`FULL_STAND_SHARE` of the standing level is an
``incomplete`` stand. ``arm_use`` marks a rise during which a wrist stayed far
from the opposite shoulder (arms not crossed: pushing off).

**Times** (:func:`chair_stand_from_marks`, a pure function of the marks): the
timed interval runs from an operator ``start`` mark, else the first
``rise_start``, to the fifth ``stand``; per-repetition times are the intervals
between consecutive stands (the first from the start). Fewer than five stands
is the SPPB's "unable" (0 points), as is arm use; a stand-to-stand cycle longer
than the typical one by :data:`PAUSE_EXTRA_S` (and not holding an incomplete
attempt) is flagged as a pause.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np

from ..assessment.sppb import chair_stand_points
from ..callbacks import CancelFn, ProgressFn, check_cancel, no_progress
from ..errors import GaitScreenError
from ..i18n import N_
from ..skeleton import SkeletonSequence
from .filters import lowpass
from .marks import Mark, corrected, of_kind, sorted_marks

MIN_CONFIDENCE = 0.3
CUTOFF_HZ = 2.5
#: The seated level before a rise and the standing level after it: medians over this long.
PLATEAU_S = 0.5
RISE_START_SHARE = 0.05
STAND_DONE_SHARE = 0.95
#: A rise counts as a stand when its peak reaches 85 % of the way to the standing level.
FULL_STAND_SHARE = 0.85
#: Rises are found where the hip crosses 30 % of the seated-to-standing range.
DETECT_SHARE = 0.30
#: Hip height over the ankles (shank lengths): seated below, standing above. Seated the
#: hip is at seat height (≈ 1.1-1.3 shanks), standing at a leg length (≈ 2 shanks).
SEATED_MAX_SHANKS = 1.5
STANDING_MIN_SHANKS = 1.6
#: Wrist-to-opposite-shoulder distance (trunk lengths) above which the arms are not
#: crossed: crossed ≈ 0.2-0.35, hands on the thighs ≈ 1.0-1.3.
ARMS_CROSSED_MAX = 0.6
#: A stand-to-stand cycle this much longer than the patient's typical (median) cycle
#: holds a pause; within one patient cycles vary by about ±0.5 s (the dwells, seated
#: or standing, last 0.05-0.4 s when the patient does not stop).
PAUSE_EXTRA_S = 1.0
REQUIRED_STANDS = 5

# COCO-17
L_SH, R_SH, L_WR, R_WR, L_HIP, R_HIP, L_KNEE, R_KNEE, L_ANK, R_ANK = 5, 6, 9, 10, 11, 12, 13, 14, 15, 16


class ChairStandError(GaitScreenError):
    """The recording cannot be analysed as a chair stand."""


@dataclass
class ChairStandSignals:
    times: np.ndarray
    hip_height: np.ndarray  # shank lengths above the ankles
    hip_angle_deg: np.ndarray  # shoulder-hip-knee (180 upright)
    knee_angle_deg: np.ndarray  # hip-knee-ankle (180 straight)
    arms_off: np.ndarray  # wrist-to-opposite-shoulder, trunk lengths (larger wrist)
    seated_level: float
    standing_level: float
    shank_px: float


@dataclass
class ChairStandResult:
    marks: list[Mark]
    time_s: float | None
    repetitions: list[float]
    stands: int
    flags: dict[str, bool]
    points: int
    corrected: bool
    signals: ChairStandSignals | None = field(default=None, repr=False)

    @property
    def unable(self) -> bool:
        return self.flags["fewer_than_five"] or self.flags["arms_used"]

    def to_dict(self) -> dict[str, Any]:
        return {"time_s": None if self.time_s is None else round(self.time_s, 3),
                "repetitions": [round(r, 3) for r in self.repetitions], "stands": self.stands,
                "flags": dict(self.flags), "unable": self.unable, "sppb_points": self.points,
                "corrected_by_examiner": self.corrected, "marks": [m.to_dict() for m in self.marks]}


def _clean(sk: SkeletonSequence) -> np.ndarray:
    j = np.asarray(sk.joints, np.float64)[..., :2].copy()
    j[np.asarray(sk.confidence) < MIN_CONFIDENCE] = np.nan
    return lowpass(j.reshape(len(j), -1), sk.fps, CUTOFF_HZ).reshape(j.shape)


def _angle(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    u, v = a - b, c - b
    cos = (u * v).sum(-1) / (np.linalg.norm(u, axis=-1) * np.linalg.norm(v, axis=-1))
    return np.degrees(np.arccos(np.clip(cos, -1, 1)))


def chair_signals(sk: SkeletonSequence) -> ChairStandSignals:
    """Hip height, angles and arm position over time (NaN where the joints were not seen)."""
    if sk.layout != "coco17" or sk.dims != 2:
        raise ChairStandError(N_("The chair-stand analysis needs a 2-D COCO-17 skeleton from the pose stage."))
    j = _clean(sk)
    hip, ank, knee = j[:, [L_HIP, R_HIP]].mean(1), j[:, [L_ANK, R_ANK]].mean(1), j[:, [L_KNEE, R_KNEE]].mean(1)
    sh = j[:, [L_SH, R_SH]].mean(1)
    with warnings.catch_warnings():  # legs never seen: an all-NaN median, handled just below
        warnings.simplefilter("ignore", RuntimeWarning)
        shank = np.nanmedian(np.linalg.norm(j[:, [L_KNEE, R_KNEE]] - j[:, [L_ANK, R_ANK]], axis=-1))
    if not np.isfinite(shank) or shank <= 1:
        raise ChairStandError(N_("The patient's legs were not seen: keep the whole body, feet included, in view."))
    height = (ank[:, 1] - hip[:, 1]) / shank
    trunk = np.linalg.norm(sh - hip, axis=-1)
    finite = np.isfinite(height)
    if finite.sum() < 10:
        raise ChairStandError(N_("The patient's hips and ankles were seen in too few frames to analyse."))
    lo, hi = np.nanpercentile(height, 5), np.nanpercentile(height, 95)
    standing = height > lo + 0.8 * (hi - lo)
    trunk_len = np.nanmedian(trunk[standing]) if np.any(standing & np.isfinite(trunk)) else np.nanmedian(trunk)
    off = np.fmax(np.linalg.norm(j[:, L_WR] - j[:, R_SH], axis=-1), np.linalg.norm(j[:, R_WR] - j[:, L_SH], axis=-1))
    return ChairStandSignals(
        times=np.asarray(sk.timestamps, np.float64), hip_height=height,
        hip_angle_deg=_angle(sh, hip, knee), knee_angle_deg=_angle(hip, knee, ank),
        arms_off=off / trunk_len, seated_level=float(lo), standing_level=float(hi), shank_px=float(shank))


def _cross(t: np.ndarray, y: np.ndarray, i: int, level: float) -> float:
    """Time between samples i-1 and i where ``y`` crosses ``level`` (linear)."""
    y0, y1 = y[i - 1], y[i]
    if not (np.isfinite(y0) and np.isfinite(y1)) or y1 == y0:
        return float(t[i])
    return float(t[i - 1] + (level - y0) / (y1 - y0) * (t[i] - t[i - 1]))


def find_marks(sig: ChairStandSignals) -> list[Mark]:
    """Rise starts, stands, sit-downs, incomplete stands and arm use from the signals."""
    t = sig.times
    y = np.interp(np.arange(len(t)), np.flatnonzero(np.isfinite(sig.hip_height)),
                  sig.hip_height[np.isfinite(sig.hip_height)])
    lo, hi = sig.seated_level, sig.standing_level
    if hi < STANDING_MIN_SHANKS:  # never stood up fully: every rise is incomplete
        hi = max(hi, lo + (STANDING_MIN_SHANKS - lo) / FULL_STAND_SHARE)
    span = hi - lo
    up = y > lo + DETECT_SHARE * span
    d = np.diff(up.astype(np.int8))
    rises, falls = list(np.flatnonzero(d == 1) + 1), list(np.flatnonzero(d == -1) + 1)
    marks: list[Mark] = []
    prev_fall = 0
    dt = float(np.median(np.diff(t))) if len(t) > 1 else 1.0
    for r in rises:
        f = next((x for x in falls if x > r), len(y))
        win = max(2, int(round(PLATEAU_S / dt)))
        before = y[prev_fall:r]
        before = before[before < lo + DETECT_SHARE * span][-win:]
        base = float(np.median(before)) if before.size else lo
        peak_seg = y[r:f]
        if peak_seg.size == 0 or peak_seg.max() < base + FULL_STAND_SHARE * (hi - base):
            marks.append(Mark("incomplete", float(t[r + int(np.argmax(peak_seg))] if peak_seg.size else t[r])))
            prev_fall = f
            continue
        reach = r + int(np.argmax(peak_seg >= base + FULL_STAND_SHARE * (hi - base)))
        top = float(np.median(y[reach:min(reach + win, f)]))
        rng_ = top - base
        start_level, done_level = base + RISE_START_SHARE * rng_, base + STAND_DONE_SHARE * rng_
        i = r
        while i > prev_fall and y[i - 1] >= start_level:
            i -= 1
        rise_t = _cross(t, y, max(i, 1), start_level)
        k = r
        while k < f and y[k] < done_level:
            k += 1
        stand_t = _cross(t, y, min(k, len(y) - 1), done_level)
        marks += [Mark("rise_start", rise_t), Mark("stand", stand_t)]
        seg = sig.arms_off[max(i - int(0.3 / dt), 0):k + 1]
        if np.isfinite(seg).any() and float(np.nanmedian(seg)) > ARMS_CROSSED_MAX:
            marks.append(Mark("arm_use", rise_t))
        if f < len(y):  # the way down: last above 95 % before the fall, first below 5 % after it
            m = f
            while m > k and y[m - 1] < done_level:
                m -= 1
            marks.append(Mark("sit_start", _cross(t, y, max(m, 1), done_level)))
            q = f
            while q < len(y) and y[q] > start_level:
                q += 1
            if q < len(y):
                marks.append(Mark("seated", _cross(t, y, q, start_level)))
        prev_fall = f
    return sorted_marks(marks)


def chair_stand_from_marks(marks: Sequence[Mark]) -> ChairStandResult:
    """Times, repetitions, flags and SPPB points from the marks alone (after any edit)."""
    marks = sorted_marks(marks)
    stands = [m.time_s for m in of_kind(marks, "stand")]
    starts = [m.time_s for m in of_kind(marks, "start")]
    rises = [m.time_s for m in of_kind(marks, "rise_start")]
    begin = starts[0] if starts else (rises[0] if rises else None)
    if begin is not None:
        stands = [s for s in stands if s > begin]
    time_s = stands[REQUIRED_STANDS - 1] - begin if begin is not None and len(stands) >= REQUIRED_STANDS else None
    counted = stands[:REQUIRED_STANDS]
    reps = [b - a for a, b in zip([begin] + counted[:-1], counted)] if begin is not None else []
    end = counted[-1] if counted else None
    pause = False
    cycles = [(a, b) for a, b in zip(counted[:-1], counted[1:])
              if not any(a < m.time_s < b for m in of_kind(marks, "incomplete"))]
    if len(cycles) >= 2:
        typical = float(np.median([b - a for a, b in cycles]))
        pause = any(b - a > typical + PAUSE_EXTRA_S for a, b in cycles)
    flags = {"fewer_than_five": time_s is None,
             "arms_used": any(m.kind == "arm_use" and (end is None or m.time_s <= end) for m in marks),
             "incomplete_stand": any(m.kind == "incomplete" and (end is None or m.time_s <= end) for m in marks),
             "pause": pause}
    points = chair_stand_points(time_s, completed=not (flags["fewer_than_five"] or flags["arms_used"]))
    return ChairStandResult(marks, time_s, reps, len(stands), flags, points, corrected(marks))


def analyse_chair_stand(sk: SkeletonSequence, *, start_s: float | None = None,
                        progress: ProgressFn | None = None, should_cancel: CancelFn | None = None
                        ) -> ChairStandResult:
    """Find the stands of a five-times chair stand; ``start_s``: an operator-set start mark."""
    report = progress or no_progress
    report(0, 2, "Chair stand: signals")
    check_cancel(should_cancel)
    sig = chair_signals(sk)
    report(1, 2, "Chair stand: events")
    check_cancel(should_cancel)
    marks = find_marks(sig)
    if start_s is not None:
        marks.append(Mark("start", float(start_s), source="examiner"))
    result = chair_stand_from_marks(marks)
    result.signals = sig
    report(2, 2, "Chair stand: done")
    return result
