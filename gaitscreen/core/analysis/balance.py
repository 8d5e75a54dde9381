"""The SPPB balance stands from a 2-D skeleton (COCO-17 pixels): foot placement and hold times.

**Still periods.** The ankles (confident points) in statures (the
shoulders-to-ankles image height over 0.78, as in :mod:`.protocol_measures`).
Their places come from a piecewise-constant fit; a change of place is a new
placement when it is clear, or when a foot was lifted for it (the detector's
drift is neither). Between two placements each foot's placing step is fitted as
a whole: the stance starts when the last foot comes to rest, since a step toward
the camera is foreshortened to about a third in the image and a displacement
threshold fires too early; it ends when a foot leaves its place by
:data:`STILL_STATURES` (about 4 cm) for :data:`PERSIST_S`, or half-way through
the next step where the image shows less. The hold time is the difference,
capped at the test's 10 s. Marks: ``stance_start`` and ``stance_end``
(``detail`` = the stance).

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
from ..i18n import N_
from ..skeleton import SkeletonSequence
from .balance_places import SAME_PLACE_STATURES, drop_passing, held_in_gaps, placements, placing_steps
from .balance_support import support_time
from .filters import lowpass, true_runs
from .marks import Mark, corrected, of_kind, sorted_marks
from .protocol_measures import SHOULDER_TO_ANKLE_OF_STATURE

MIN_CONFIDENCE = 0.3
CUTOFF_HZ = 3.0
#: Placements (:mod:`.balance_places`) shorter than MIN_STILL_S are parts of a move (a
#: placing step lasts 0.4-0.8 s), not a stance.
MIN_STILL_S = 0.45
#: When the recording starts (ends) less than a placement's least length before (after) it,
#: the feet's place over its first (last) LEAD_S still times the step next to it.
LEAD_S = 0.3
#: A foot has left its place beyond 0.025 statures (4 cm for a 1.6-m patient; placed
#: feet jitter by up to about 0.019 statures in the detector model, most when the rear
#: foot of a tandem stance is half hidden) ...
STILL_STATURES = 0.025
#: ... for at least this long (a single-frame detector error is not a step).
PERSIST_S = 0.2
FULL_HOLD_S = 10.0
#: A hand coming to rest out at the side this shortly (or less) before a foot leaves its
#: place was thrown out to catch the balance with that step, not put on a support.
ARMS_WITH_STEP_S = 0.5
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
    support_used: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"stance": self.stance, "start_s": round(self.start_s, 3), "end_s": round(self.end_s, 3),
                "hold_s": round(self.hold_s, 3),
                "across_statures": round(self.across_statures, 4) if np.isfinite(self.across_statures) else None,
                "front_foot": self.front_foot, "ended_by_recording": self.ended_by_recording,
                "placement_seen": self.placement_seen, "support_used": self.support_used,
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


def _ankles(sk: SkeletonSequence) -> tuple[np.ndarray, np.ndarray, float]:
    """The ankles in statures: low-pass filtered (NaN kept) and raw (NaN where unsure)."""
    if sk.layout != "coco17" or sk.dims != 2:
        raise BalanceError(N_("The balance analysis needs a 2-D COCO-17 skeleton from the pose stage."))
    j = np.asarray(sk.joints, np.float64)[..., :2].copy()
    j[np.asarray(sk.confidence) < MIN_CONFIDENCE] = np.nan
    with np.errstate(invalid="ignore"):
        stature = np.nanmedian(j[:, [L_ANK, R_ANK], 1].mean(1) - j[:, [L_SH, R_SH], 1].mean(1))
    stature = stature / SHOULDER_TO_ANKLE_OF_STATURE
    if not np.isfinite(stature) or stature <= 10:
        raise BalanceError(N_("The patient's shoulders and feet were not seen: keep the whole body in view."))
    raw = j[:, [L_ANK, R_ANK]] / stature
    if np.isfinite(raw).all((1, 2)).sum() < 10:
        raise BalanceError(N_("The patient's feet were seen in too few frames to analyse."))
    ank = lowpass(raw.reshape(len(j), -1), sk.fps, CUTOFF_HZ).reshape(-1, 2, 2)
    return ank, raw, float(stature)


def _persistent(mask: np.ndarray, frames: int) -> tuple[np.ndarray, np.ndarray]:
    """Starts and ends of the True runs at least ``frames`` long."""
    ra, rb = true_runs(mask)
    keep = (rb - ra) >= frames
    return ra[keep], rb[keep]


def _fitted_leave(onset: float, dur: float, lift: float, move: np.ndarray) -> float | None:
    """When a fitted step (onset, duration, lift, image move) takes the foot STILL_STATURES
    from its place, or None where the image never shows that much."""
    tau = np.linspace(0.0, 1.0, 201)
    m = tau**3 * (10 - 15 * tau + 6 * tau * tau)
    disp = np.hypot(move[0] * m, move[1] * m + lift * np.sin(np.pi * tau))
    over = np.flatnonzero(disp > STILL_STATURES)
    return onset + float(tau[over[0]]) * dur if over.size else None


def still_periods(sk: SkeletonSequence) -> tuple[list[Stance], float | None]:
    """Every period the feet stay placed, with its placement, from the ankles, and how far apart
    (statures across) the feet were when the recording started, where that was too short to be a
    period of its own (None otherwise).

    Still stretches whose ankles sit in the same place are one placement; between
    two placements each foot that moved gets its placing step fitted
    (:func:`.balance_steps.fit_step`): the next placement starts when the last foot comes to rest,
    and the one before ends when a foot leaves its place by STILL_STATURES, or, where
    the camera sees less than that (a move in depth), half-way through the first step."""
    ank, raw, stature = _ankles(sk)
    t = np.asarray(sk.timestamps, np.float64)
    dt = float(np.median(np.diff(t))) if len(t) > 1 else 1.0
    groups, refs, lift = placements(t, ank, raw, dt)
    lead = int(round(LEAD_S / dt))
    pseudo: set[int] = set()  # the places at the recording's ends: they time a step, they are no stance
    lead_in: float | None = None
    if groups and groups[0][0] >= 2 * lead:  # the feet's place when the recording starts, to time the first step
        with np.errstate(invalid="ignore"):
            refs.insert(0, np.nanmedian(raw[:lead], axis=0))
        groups.insert(0, [0, lead])
        pseudo.add(0)
        across = float(abs(refs[0][0, 0] - refs[0][1, 0]))
        lead_in = across if np.isfinite(across) else None
    n = len(t)
    if groups and n - groups[-1][1] >= 2 * lead:  # ... and where they are when it ends, to time the last step
        with np.errstate(invalid="ignore"):
            tail = np.nanmedian(raw[n - lead:], axis=0)
        if np.linalg.norm(tail - refs[-1], axis=-1).max() > SAME_PLACE_STATURES:
            refs.append(tail)
            groups.append([n - lead, n])
            pseudo.add(len(groups) - 1)
    ends_of_recording = [groups[g] for g in pseudo]
    drop_passing(t, raw, groups, refs, lift, MIN_STILL_S, keep=tuple(ends_of_recording))
    held_in_gaps(t, raw, groups, refs, lift, MIN_STILL_S)
    pseudo = {g for g, grp in enumerate(groups) if any(grp is e for e in ends_of_recording)}
    persist = max(1, int(round(PERSIST_S / dt)))
    starts, ends = [float(t[groups[0][0]])] if groups else [], []
    moved_in: list[set[int]] = [set()]  # the feet whose placing steps led into each placement
    left_at: list[float] = []  # when the first step out of each placement began
    for g in range(1, len(groups)):
        gap = (float(t[groups[g - 1][1] - 1]), float(t[groups[g][0]]))
        bounds = (float(t[groups[g - 1][0]]), float(t[groups[g][1] - 1]))
        steps = placing_steps(t, raw, refs[g - 1], refs[g], *gap, bounds, lift) or [(gap[0], gap[1] - gap[0], 0.0, -1)]
        first = min(steps)
        dist = np.linalg.norm(ank - refs[g - 1][None], axis=-1).max(1)
        left = _persistent(dist > STILL_STATURES, persist)[0]
        left = left[(t[left] > starts[g - 1]) & (t[left] <= first[0] + first[1])]
        # The stance ends when the first step out takes a foot STILL_STATURES from its place:
        # read off the fitted step (its move and lift, every frame of it averaged) rather
        # than the filtered track's noisy crossing. Where the image never shows that much (a
        # move in depth, foreshortened) the track's crossing can only be late; half-way
        # through the fitted step is the 4-cm point of a step of about 8 cm.
        cross = [c for c in (_fitted_leave(s0, d, h, refs[g][k] - refs[g - 1][k]) for s0, d, h, k in steps
                             if k >= 0) if c is not None]
        half = first[0] + 0.5 * first[1]
        ends.append(min(cross) if cross else min(float(t[left[0]]), half) if left.size else half)
        starts.append(max(s0 + d for s0, d, _, _ in steps))
        moved_in.append({k for *_, k in steps if k >= 0})
        left_at.append(first[0])
    periods: list[Stance] = []
    for g, ((a, b), ref) in enumerate(zip(groups, refs)):
        by_recording = False
        if g < len(ends):
            end_s = ends[g]
        else:
            dist = np.linalg.norm(ank - ref[None], axis=-1).max(1)
            left = _persistent(dist > STILL_STATURES, persist)[0]
            left = left[left > (a + b) // 2]
            end_s, by_recording = (float(t[left[0]]), False) if left.size else (float(t[-1]), True)
        start_s = starts[g]
        if end_s - start_s < MIN_STILL_S or g in pseudo:
            continue
        if len(moved_in[g]) == 1 and g < len(left_at) and left_at[g] - start_s < MIN_STILL_S:
            # One foot placed and a foot moving on within a moment: a pause half-way through the
            # move into the next stance (the other foot still to come), not a stance held.
            continue
        touch = support_time(sk.joints, sk.confidence, t, 1.0 / dt, stature, start_s, end_s)
        if touch is not None and not by_recording and end_s - touch < ARMS_WITH_STEP_S:
            touch = None  # arms thrown out with a loss-of-balance step: the step ends the stance
        if touch is not None:  # a hand found a support: that ends the stance (the SPPB's rule)
            end_s, by_recording = touch, False
        across = float(abs(ref[0, 0] - ref[1, 0]))
        front = "left" if ref[0, 1] > ref[1, 1] else "right"
        periods.append(Stance(classify_placement(across), start_s, end_s, min(end_s - start_s, FULL_HOLD_S),
                              across, front, by_recording, support_used=touch is not None))
    return periods, lead_in


def _standing_before_the_test(rest: Sequence[Stance], standing: float | None) -> bool:
    """Whether the recording's first period, a little narrower than :data:`APART_MIN` (the detector's
    per-person bias), is the standing before the test: held under 10 s and followed by a clearly
    narrower placement. A failed side-by-side stance is followed by a step out, which widens the
    feet, never by a narrower stance (the SPPB stops there)."""
    first = rest[0]
    return (standing is None and len(rest) > 1 and first.across_statures >= SIDE_BY_SIDE_MIN
            and first.hold_s < FULL_HOLD_S and not first.ended_by_recording
            and rest[1].across_statures < first.across_statures - APART_MARGIN)


def label_stances(periods: Sequence[Stance], expected: Sequence[str] = STANCES,
                  lead_in_across: float | None = None) -> list[Stance]:
    """The test stances among the still periods, in the order tested.

    Leading periods of ordinary standing (feet wider apart than :data:`APART_MIN`, or the first
    period a little narrower, held under 10 s, see :func:`_standing_before_the_test`; and clearly
    wider than the next period) are skipped, but not one clearly
    narrower than the standing already skipped: feet brought together from
    ordinary standing are the side-by-side stance even where the detector's bias
    makes them look wider than :data:`APART_MIN`; the rest
    are the ``expected`` stances in order, and the sequence stops after a stance
    held under 10 s (the SPPB's rule). Each keeps the placement it looked like in
    ``placement_seen``; the detector's per-person bias in ankle position (up to
    about 0.02 statures) makes that a consistency check, not the label.

    ``lead_in_across``: how far apart the feet were as the recording started, where that was too
    short to be a period (the patient already moving into the first stance, or a jittery
    detector cutting the standing before the test into pieces): at :data:`APART_MIN` or wider it
    is ordinary standing already seen."""
    rest = list(periods)
    # how wide the ordinary standing skipped so far was
    standing = lead_in_across if lead_in_across is not None and lead_in_across >= APART_MIN else None
    while rest and (rest[0].across_statures >= APART_MIN or _standing_before_the_test(rest, standing)) and (
            len(rest) == 1 or rest[1].across_statures < rest[0].across_statures - APART_MARGIN) and (
            standing is None or rest[0].across_statures >= standing - APART_MARGIN):
        standing = rest[0].across_statures if standing is None else max(standing, rest[0].across_statures)
        rest.pop(0)
    out = []
    for name, p in zip(expected, rest):
        out.append(Stance(name, p.start_s, p.end_s, p.hold_s, p.across_statures, p.front_foot,
                          p.ended_by_recording, placement_seen=p.stance, support_used=p.support_used))
        if p.hold_s < FULL_HOLD_S and not p.ended_by_recording:
            break
    return out


def find_marks(sk: SkeletonSequence, expected: Sequence[str] = STANCES) -> tuple[list[Mark], list[Stance]]:
    """Stance start and end marks and the stances found."""
    periods, lead_in = still_periods(sk)
    stances = label_stances(periods, expected, lead_in)
    marks = [m for s in stances for m in (Mark("stance_start", s.start_s, detail=s.stance),
                                          Mark("stance_end", s.end_s, detail=s.stance))]
    marks += [Mark("support", s.end_s, detail=s.stance) for s in stances if s.support_used]
    return sorted_marks(marks), stances


def balance_from_marks(marks: Sequence[Mark]) -> BalanceResult:
    """Hold times per stance and the SPPB balance points from the marks alone (after any edit).

    Each ``stance_start`` pairs with the next ``stance_end`` of the same stance (a
    ``support`` mark within it flags support used, :mod:`.balance_support`);
    a stance tested twice keeps its longer hold (the SPPB's better trial)."""
    marks = sorted_marks(marks)
    ends = of_kind(marks, "stance_end")
    stances, holds = [], {}
    for m in of_kind(marks, "stance_start"):
        end = next((e for e in ends if e.detail == m.detail and e.time_s > m.time_s), None)
        if end is None:
            continue
        hold = min(end.time_s - m.time_s, FULL_HOLD_S)
        held_on = any(u.detail == m.detail and m.time_s < u.time_s <= end.time_s + 1e-6
                      for u in of_kind(marks, "support"))
        stances.append(Stance(m.detail, m.time_s, end.time_s, hold, float("nan"), "", support_used=held_on))
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
