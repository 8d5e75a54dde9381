"""The SPPB balance stands from a 2-D skeleton (COCO-17 pixels): foot placement and hold times.

**Still periods.** The ankles (confident points, low-pass filtered) in statures
(the shoulders-to-ankles image height over 0.78, as in
:mod:`.protocol_measures`); where both ankles move slower than
:data:`MOVE_SPEED` for at least :data:`MIN_STILL_S` the feet are placed. A
stance starts when every ankle has come within :data:`STILL_STATURES` (about
4 cm) of its place and ends when one leaves it by more than that for
:data:`PERSIST_S` (a step, or the move to the next stance); the hold time is the
difference, capped at the test's 10 s. Marks: ``stance_start`` and
``stance_end`` (``detail`` = the stance).

**Placement.** From the ankles' distance across the view (a frontal camera):
feet together side by side ≈ 0.05-0.07 statures apart, semi-tandem (heel
beside the big toe) ≈ 0.02-0.035, tandem (heel against toe) ≈ 0-0.01; ordinary
standing ≥ 0.09 ("apart", not a test stance). COCO-17 has no heel or toe points,
so they are not used; the foot that appears lower in the image stands in front.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np

from ..assessment.sppb import STANCES, balance_points
from ..callbacks import CancelFn, ProgressFn, check_cancel, no_progress
from ..errors import GaitScreenError
from ..skeleton import SkeletonSequence
from .filters import lowpass, true_runs
from .marks import Mark, corrected, of_kind, sorted_marks
from .protocol_measures import SHOULDER_TO_ANKLE_OF_STATURE

MIN_CONFIDENCE = 0.3
CUTOFF_HZ = 3.0
#: Still periods are found on the ankles filtered at 1.5 Hz, where both move slower
#: than 0.05 statures/s (8 cm/s; a placing step averages 10-40 cm/s) for at least
#: MIN_STILL_S; their ends are then refined on the 3-Hz ankles (STILL_STATURES).
SLOW_CUTOFF_HZ = 1.5
MOVE_SPEED = 0.05
MIN_STILL_S = 0.5
MERGE_GAP_S = 0.3
#: A stance starts no earlier than this before the feet's slow (1.5-Hz) speed fell under
#: MOVE_SPEED: about the smear of that filter's step response. It bounds how early a
#: foot slid forward in depth, which the 4-cm displacement test cannot see, can start it.
START_MARGIN_S = 0.4
#: A foot has left its place beyond 0.025 statures (4 cm for a 1.6-m patient; placed
#: feet jitter by up to about 0.019 statures in the detector model, most when the rear
#: foot of a tandem stance is half hidden) ...
STILL_STATURES = 0.025
#: Two still periods whose median ankle positions differ by less than this are one
#: placement (medians over half a second or more vary by about 0.003 statures; moving
#: from side-by-side to semi-tandem shifts each ankle 0.015-0.02 across).
SAME_PLACE_STATURES = 0.008
#: ... for at least this long (a single-frame detector error is not a step).
PERSIST_S = 0.2
FULL_HOLD_S = 10.0
#: Ankle distance across the view (statures) separating the placements.
APART_MIN = 0.08
SIDE_BY_SIDE_MIN = 0.042
SEMI_TANDEM_MIN = 0.014
#: Ordinary standing is at least 0.03 statures wider than feet together (16-22 cm
#: against 8.5-10.5 cm); feet together are 0.017-0.02 wider than semi-tandem.
APART_MARGIN = 0.026
L_SH, R_SH, L_ANK, R_ANK = 5, 6, 15, 16


class BalanceError(GaitScreenError):
    """The recording cannot be analysed as balance stands."""


@dataclass
class Stance:
    stance: str  # side_by_side / semi_tandem / tandem / apart
    start_s: float
    end_s: float
    hold_s: float
    across_statures: float
    front_foot: str
    ended_by_recording: bool = False
    placement_seen: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"stance": self.stance, "start_s": round(self.start_s, 3), "end_s": round(self.end_s, 3),
                "hold_s": round(self.hold_s, 3),
                "across_statures": round(self.across_statures, 4) if np.isfinite(self.across_statures) else None,
                "front_foot": self.front_foot, "ended_by_recording": self.ended_by_recording,
                "placement_seen": self.placement_seen,
                "placement_differs": bool(self.placement_seen) and self.placement_seen != self.stance}


@dataclass
class BalanceResult:
    marks: list[Mark]
    stances: list[Stance]
    points: int | None
    corrected: bool
    holds: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"stances": [s.to_dict() for s in self.stances], "holds_s": dict(self.holds),
                "sppb_points": self.points, "corrected_by_examiner": self.corrected,
                "marks": [m.to_dict() for m in self.marks]}


def classify_placement(across_statures: float) -> str:
    """The stance a distance between the ankles across the view (statures) shows."""
    if across_statures >= APART_MIN:
        return "apart"
    if across_statures >= SIDE_BY_SIDE_MIN:
        return "side_by_side"
    return "semi_tandem" if across_statures >= SEMI_TANDEM_MIN else "tandem"


def _ankles(sk: SkeletonSequence) -> tuple[np.ndarray, float]:
    if sk.layout != "coco17" or sk.dims != 2:
        raise BalanceError("The balance analysis needs a 2-D COCO-17 skeleton from the pose stage.")
    j = np.asarray(sk.joints, np.float64)[..., :2].copy()
    j[np.asarray(sk.confidence) < MIN_CONFIDENCE] = np.nan
    with np.errstate(invalid="ignore"):
        stature = np.nanmedian(j[:, [L_ANK, R_ANK], 1].mean(1) - j[:, [L_SH, R_SH], 1].mean(1))
    stature = stature / SHOULDER_TO_ANKLE_OF_STATURE
    if not np.isfinite(stature) or stature <= 10:
        raise BalanceError("The patient's shoulders and feet were not seen: keep the whole body in view.")
    ank = lowpass(j[:, [L_ANK, R_ANK]].reshape(len(j), -1), sk.fps, CUTOFF_HZ).reshape(-1, 2, 2) / stature
    return ank, float(stature)


def _persistent(mask: np.ndarray, frames: int) -> tuple[np.ndarray, np.ndarray]:
    """Starts and ends of the True runs at least ``frames`` long."""
    ra, rb = true_runs(mask)
    keep = (rb - ra) >= frames
    return ra[keep], rb[keep]


def still_periods(sk: SkeletonSequence) -> list[Stance]:
    """Every period the feet stay placed, with its placement, from the ankles."""
    ank, _ = _ankles(sk)
    t = np.asarray(sk.timestamps, np.float64)
    dt = float(np.median(np.diff(t))) if len(t) > 1 else 1.0
    finite = np.isfinite(ank).all((1, 2))
    if finite.sum() < 10:
        raise BalanceError("The patient's feet were seen in too few frames to analyse.")
    idx = np.flatnonzero(finite)
    ank = np.stack([[np.interp(np.arange(len(t)), idx, ank[idx, k, c]) for c in (0, 1)] for k in (0, 1)]).transpose(2, 0, 1)
    slow = lowpass(ank.reshape(len(t), -1), 1.0 / dt, SLOW_CUTOFF_HZ).reshape(ank.shape)
    speed = np.linalg.norm(np.gradient(slow, dt, axis=0), axis=-1).max(1)
    starts, ends = true_runs(speed < MOVE_SPEED)
    gap = max(1, int(round(MERGE_GAP_S / dt)))
    if len(starts) > 1:  # a brief detector excursion does not split a still period
        join = (starts[1:] - ends[:-1]) <= gap
        starts = np.concatenate(([starts[0]], starts[1:][~join]))
        ends = np.concatenate((ends[:-1][~join], [ends[-1]]))
    persist = max(1, int(round(PERSIST_S / dt)))
    periods: list[Stance] = []
    refs: list[np.ndarray] = []
    for a, b in zip(starts, ends):
        if (b - a) * dt < MIN_STILL_S:
            continue
        ref = np.median(ank[a:b], axis=0)
        dist = np.linalg.norm(ank - ref[None], axis=-1).max(1)
        mid = (a + b) // 2
        before = _persistent(dist > STILL_STATURES, persist)[1]
        after = _persistent(dist > STILL_STATURES, persist)[0]
        before, after = before[before <= mid], after[after > mid]
        i = int(before[-1]) if before.size else 0
        k = int(after[0]) if after.size else len(t) - 1
        start_s, end_s = max(float(t[i]), float(t[a]) - START_MARGIN_S), float(t[k])
        if end_s - start_s < MIN_STILL_S:
            continue
        if refs and np.linalg.norm(ref - refs[-1], axis=-1).max() <= SAME_PLACE_STATURES:
            continue  # the same placement, split by a brief detector excursion
        if periods and start_s < periods[-1].end_s:
            # A move the camera sees poorly (a foot slid forward, in depth) ends the last stance.
            last = periods[-1]
            last.end_s, last.ended_by_recording = start_s, False
            last.hold_s = min(start_s - last.start_s, FULL_HOLD_S)
        across = float(abs(ref[0, 0] - ref[1, 0]))
        front = "left" if ref[0, 1] > ref[1, 1] else "right"
        if periods and start_s == periods[-1].end_s and classify_placement(across) == periods[-1].stance:
            last = periods[-1]  # contiguous and alike: one stance split by a slow stretch of the filter
            last.end_s, last.ended_by_recording = end_s, not after.size
            last.hold_s = min(end_s - last.start_s, FULL_HOLD_S)
            continue
        refs.append(ref)
        periods.append(Stance(classify_placement(across), start_s, end_s, min(end_s - start_s, FULL_HOLD_S),
                              across, front, not after.size))
    return periods


def label_stances(periods: Sequence[Stance], expected: Sequence[str] = STANCES) -> list[Stance]:
    """The test stances among the still periods, in the order tested.

    Leading periods of ordinary standing (feet wider apart than :data:`APART_MIN`
    and clearly wider than the next period) are skipped; the rest
    are the ``expected`` stances in order, and the sequence stops after a stance
    held under 10 s (the SPPB's rule). Each keeps the placement it looked like in
    ``placement_seen``; the detector's per-person bias in ankle position (up to
    about 0.02 statures) makes that a consistency check, not the label."""
    rest = list(periods)
    while rest and rest[0].across_statures >= APART_MIN and (
            len(rest) == 1 or rest[1].across_statures < rest[0].across_statures - APART_MARGIN):
        rest.pop(0)
    out = []
    for name, p in zip(expected, rest):
        out.append(Stance(name, p.start_s, p.end_s, p.hold_s, p.across_statures, p.front_foot,
                          p.ended_by_recording, placement_seen=p.stance))
        if p.hold_s < FULL_HOLD_S and not p.ended_by_recording:
            break
    return out


def find_marks(sk: SkeletonSequence, expected: Sequence[str] = STANCES) -> tuple[list[Mark], list[Stance]]:
    """Stance start and end marks and the stances found."""
    stances = label_stances(still_periods(sk), expected)
    marks = [m for s in stances for m in (Mark("stance_start", s.start_s, detail=s.stance),
                                          Mark("stance_end", s.end_s, detail=s.stance))]
    return sorted_marks(marks), stances


def balance_from_marks(marks: Sequence[Mark]) -> BalanceResult:
    """Hold times per stance and the SPPB balance points from the marks alone (after any edit).

    Each ``stance_start`` pairs with the next ``stance_end`` of the same stance;
    a stance tested twice keeps its longer hold (the SPPB's better trial)."""
    marks = sorted_marks(marks)
    ends = of_kind(marks, "stance_end")
    stances, holds = [], {}
    for m in of_kind(marks, "stance_start"):
        end = next((e for e in ends if e.detail == m.detail and e.time_s > m.time_s), None)
        if end is None:
            continue
        hold = min(end.time_s - m.time_s, FULL_HOLD_S)
        stances.append(Stance(m.detail, m.time_s, end.time_s, hold, float("nan"), ""))
        holds[m.detail] = max(holds.get(m.detail, 0.0), hold)
    points = balance_points(*(holds.get(s) for s in STANCES)) if "side_by_side" in holds else None
    return BalanceResult(marks, stances, points, corrected(marks), holds)


def analyse_balance(sk: SkeletonSequence, *, expected: Sequence[str] = STANCES, progress: ProgressFn | None = None,
                    should_cancel: CancelFn | None = None) -> BalanceResult:
    """Find the balance stands of a recording and their hold times."""
    report = progress or no_progress
    report(0, 1, "Balance: stances")
    check_cancel(should_cancel)
    marks, found = find_marks(sk, expected)
    result = balance_from_marks(marks)
    by_start = {(s.stance, round(s.start_s, 6)): s for s in found}
    result.stances = [by_start.get((s.stance, round(s.start_s, 6)), s) for s in result.stances]
    report(1, 1, "Balance: done")
    return result
