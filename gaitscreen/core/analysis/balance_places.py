"""Where the feet are placed during the balance stands (:mod:`.balance`), and their placing steps.

The ankle tracks (statures) are cut into still stretches by a piecewise-constant fit
(:func:`.balance_steps.piecewise_constant`); consecutive stretches are one placement
unless the feet were placed anew between them: a clear change of place (of a foot, or of
the feet's width across), or a smaller one made by a step that lifted a foot. The
detector's slow drift of a placed ankle is neither. Placements in the same place with no
step between them are one (a jitter burst cut it); a short placement that a foot's lift
passes through is part of the move (:func:`drop_passing`). Each placement is returned as
its frame range and the ankles' median place.
"""

from __future__ import annotations

import numpy as np

from .balance_steps import fit_step, hump_noise, piecewise_constant

#: Placements are the pieces of an optimal piecewise-constant fit of the (3-Hz) ankle
#: tracks (:func:`.balance_steps.piecewise_constant`). A new piece costs CHANGE_PENALTY (statures²): a change of
#: place of 0.02 statures (3 cm, the smallest between two test stances as the camera
#: sees it) between half-second pieces lowers the squared error by about 0.003; the
#: jitter of placed ankles (SD about 0.005, correlated over a few frames) lowers it by
#: well under 0.001. Pieces are at least MIN_PIECE_S; a placement lasts at least MIN_PLACED_S.
CHANGE_PENALTY = 0.0015
MIN_PIECE_S = 0.1
MIN_PLACED_S = 0.8
#: Placing steps last 0.4-0.8 s (a slow, careful step of an older adult; the test's
#: demonstration step is about half a second); the step fit searches that range.
STEP_S = (0.4, 0.8)
#: The step fit looks this far into the placements on either side (within them): a
#: foot's slow last approach can sit inside the next piece, and the still frames only
#: steady the fit.
FIT_MARGIN_S = 2.5
#: A foot whose place changed by less than this (about 1 cm, under the detector's jitter
#: of a still ankle's median) did not step.
MOVED_STATURES = 0.006
#: A change of place this large (4 cm in the image) is a new placement whatever the fit
#: says; the detector's slow drift of a placed ankle's median stays under about 0.018.
CLEAR_CHANGE_STATURES = 0.02
#: ... and so is a change of the feet's distance across of this much (4 cm; ordinary standing is
#: at least 0.03 statures wider than feet together): the feet moving apart or together, each by
#: less than CLEAR_CHANGE_STATURES, which the detector's drift (of each ankle on its own) is not.
CLEAR_WIDTH_STATURES = 0.026
#: A smaller change is a new placement when the fitted step lifts the foot by at least
#: this much (1.3 cm; a placing step lifts the foot 3-5 cm, seen at full size because it
#: is vertical, where the move itself may be foreshortened in depth).
LIFT_STATURES = 0.012
#: With a jittery detector the least lift is LIFT_JITTERS times the ankles' jitter (the
#: robust SD of placed ankles about their medians): a fitted hump is noise up to about
#: twice that SD.
LIFT_JITTERS = 3.0
#: ... and the step lies between the two still stretches (give or take the 0.1-s pieces
#: the partition may have cut from a step's slow ends and this much more): a hump fitted
#: across a still stretch is the detector's jitter.
IN_GAP_S = 0.3
#: A lift of a foot whose place hardly changed (by under SAME_PLACE_STATURES) is a step
#: only when it is NOISE_LIFTS times the largest hump that foot's jitter fits on the still
#: stretches either side (:func:`.balance_steps.hump_noise`): the fit takes the best of
#: many windows, and a burst of jitter in the gap itself (what made the partition cut
#: there) can reach that largest hump. Where the place changed too, the lift need only
#: exceed it.
NOISE_LIFTS = 2.0
#: Two still periods whose median ankle positions differ by less than this are one
#: placement (medians over half a second or more vary by about 0.003 statures; moving
#: from side-by-side to semi-tandem shifts each ankle 0.015-0.02 across).
SAME_PLACE_STATURES = 0.01
#: A core (still stretch) this long is a hold, not part of a move: a placing step and
#: its slow ends take under 1 s, so a shorter core merged into a placement may be half
#: of a step the partition cut in two; the next core is then also compared with the last
#: long one.
ANCHOR_S = 2.0


def _between(t0: float, dur: float, lo: float, hi: float) -> bool:
    """Whether a fitted step (onset ``t0``, duration ``dur``) lies between two still stretches
    ending at ``lo`` and starting at ``hi``: within the gap give or take IN_GAP_S, and touching
    it. Where the gap is shorter than a step (a change too small for a piece of its own, so
    the partition cut the move at one point and the still stretches took in its halves), the
    step may straddle the cut by up to its own length."""
    slack = IN_GAP_S + max(0.0, STEP_S[1] - (hi - lo))
    return t0 >= lo - slack and t0 + dur <= hi + slack and t0 <= hi + IN_GAP_S and t0 + dur >= lo - IN_GAP_S


def _cores(ank: np.ndarray, dt: float) -> list[tuple[int, int]]:
    """Frame ranges where the feet stay in one place, at least MIN_PLACED_S long."""
    idx = np.flatnonzero(np.isfinite(ank).all((1, 2)))  # at least 10 frames (checked by the caller)
    x = np.stack([np.interp(np.arange(len(ank)), idx, ank[idx, k, c]) for k in (0, 1) for c in (0, 1)], 1)
    merged: list[list[int]] = []
    for a, b in piecewise_constant(x, CHANGE_PENALTY, max(2, int(round(MIN_PIECE_S / dt)))):
        shift = x[a:b].mean(0) - x[merged[-1][0]:merged[-1][1]].mean(0) if merged else None
        if shift is not None and np.linalg.norm(shift.reshape(2, 2), axis=-1).max() <= SAME_PLACE_STATURES:
            merged[-1][1] = b  # next to each other and alike: the jitter split one placement
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged if (b - a) * dt >= MIN_PLACED_S]


def placing_steps(t: np.ndarray, raw: np.ndarray, ref_a: np.ndarray, ref_b: np.ndarray, lo: float, hi: float,
                  bounds: tuple[float, float] = (-np.inf, np.inf), lift: float = LIFT_STATURES
                  ) -> list[tuple[float, float, float, int]]:
    """The fitted placing step (onset, duration, lift, foot 0/1) of each foot whose place changed between
    still stretches ending at ``lo`` and starting at ``hi`` (the fit reaches FIT_MARGIN_S
    into them, within ``bounds``: the placements' own extents). ``lift``: the least lift
    above the detector's jitter (see :func:`placements`)."""
    gap = (lo, hi)
    lo, hi = max(lo - FIT_MARGIN_S, bounds[0]), min(hi + FIT_MARGIN_S, bounds[1])
    out = []
    for k in (0, 1):
        step = fit_step(t, raw[:, k], ref_a[k], ref_b[k], lo, hi, STEP_S, earliest=bounds[0], lift_only=True)
        if step is None:
            continue
        # A foot stepped when its place changed, or when it was lifted (a step straight
        # toward the camera can hardly change its place in the image), or a bit of both: a
        # change under SAME_PLACE_STATURES is within what a still foot's median varies and
        # a lift under ``lift`` within the jitter, but each is evidence of the same step,
        # so they add (in quadrature, as independent measurements do).
        change = float(np.linalg.norm(ref_b[k] - ref_a[k]))
        evidence = np.hypot(change / SAME_PLACE_STATURES, step[2] / lift)
        # A foot lifted and put back in its place (a place unchanged) is seen only by its
        # lift: it takes twice the least lift, and it must lie between the two placements.
        # Within a placement the feet were found still, and a hump fitted there is a burst
        # of the detector's jitter (the fit's window reaches FIT_MARGIN_S into both).
        in_gap = _between(step[0], step[1], *gap)
        if (change > MOVED_STATURES and evidence >= 1.0) or (step[2] <= -2 * LIFT_STATURES and in_gap):
            out.append((*step, k))
    return out


def _placed_anew(t: np.ndarray, raw: np.ndarray, ref_a: np.ndarray, ref_b: np.ndarray, lo: float, hi: float,
                 lift: float = 0.0, bounds: tuple[float, float] = (-np.inf, np.inf),
                 noise: np.ndarray = np.zeros(2)) -> bool:
    """Whether the feet were placed anew between two still stretches: a clear change of place,
    or a smaller one with a foot lifted (a step) clearly above that foot's jitter
    (``noise``: its largest fitted hump on the still stretches either side), not the
    detector's slow drift or a burst of its jitter."""
    change = np.linalg.norm(ref_b - ref_a, axis=-1)
    if change.max() <= SAME_PLACE_STATURES:
        return False
    if change.max() >= CLEAR_CHANGE_STATURES or abs(abs(ref_b[0, 0] - ref_b[1, 0]) - abs(ref_a[0, 0] - ref_a[1, 0])
                                                  ) >= CLEAR_WIDTH_STATURES:
        return True
    return any(-h >= max(lift, LIFT_STATURES, noise[k]) and _between(t0, d, lo, hi)
               and (change[k] > SAME_PLACE_STATURES or -h >= NOISE_LIFTS * noise[k])
               for t0, d, h, k in placing_steps(t, raw, ref_a, ref_b, lo, hi, bounds, lift))


def placements(t: np.ndarray, ank: np.ndarray, raw: np.ndarray, dt: float
               ) -> tuple[list[list[int]], list[np.ndarray], float]:
    """The placements (frame ranges, in order), each one's median ankle place (2, 2) and the
    least lift that counts as a step in this recording (above its ankles' jitter)."""
    groups: list[list[int]] = []
    refs: list[np.ndarray] = []
    cores = _cores(ank, dt)
    with np.errstate(invalid="ignore"):
        dev = np.concatenate([np.abs(raw[a:b] - np.nanmedian(raw[a:b], axis=0)).ravel() for a, b in cores] or [[0.0]])
        lift = max(LIFT_STATURES, LIFT_JITTERS * 1.4826 * float(np.nanmedian(dev)))
        # How big a lift each foot's jitter fakes on each still stretch (vertical image axis).
        noise = np.nan_to_num([[hump_noise(t[a:b], raw[a:b, k, 1], STEP_S) for k in (0, 1)] for a, b in cores])
        anchor: tuple[np.ndarray, int, int] | None = None  # the group's last long core: place, end, index
        last = -1  # the index of the last core taken into a placement
        for c, (a, b) in enumerate(cores):
            ref = np.nanmedian(raw[a:b], axis=0)
            # The step fit stays within the two placements: a window reaching past the new one
            # would fit the step that ends it (a loss of balance soon after a short hold).
            if refs and not _placed_anew(t, raw, refs[-1], ref, float(t[groups[-1][1] - 1]), float(t[a]), lift,
                                         (float(t[groups[-1][0]]), float(t[b - 1])), noise[[last, c]].max(0)):
                if anchor is not None and _placed_anew(
                        t, raw, anchor[0], ref, float(t[anchor[1] - 1]), float(t[a]), lift,
                        (float(t[groups[-1][0]]), float(t[b - 1])), noise[[anchor[2], c]].max(0)):
                    # Placed anew from where the feet last stood still for long, though not from the
                    # placement's median (which jitter bursts earlier in it pulled toward the new
                    # place). A short core merged since was part of the move (a step the partition
                    # cut in two, each half too small to tell from drift): the placement ended before it.
                    if anchor[1] < groups[-1][1]:
                        groups[-1][1] = anchor[1]
                        refs[-1] = np.nanmedian(raw[groups[-1][0]:anchor[1]], axis=0)
                else:
                    groups[-1][1] = b  # the same placement: the detector drifted, nobody stepped
                    refs[-1] = np.nanmedian(raw[groups[-1][0]:b], axis=0)
                    if (b - a) * dt >= ANCHOR_S:
                        anchor = (ref, b, c)
                    last = c
                    continue
            groups.append([a, b])
            refs.append(ref)
            anchor = (ref, b, c) if (b - a) * dt >= ANCHOR_S else None
            last = c
    _rejoin(t, raw, groups, refs, lift)
    return groups, refs, lift


def _rejoin(t: np.ndarray, raw: np.ndarray, groups: list[list[int]], refs: list[np.ndarray], lift: float) -> None:
    """Join (in place) two placements in the same place (within SAME_PLACE_STATURES), next to each
    other or with only a short one (under ANCHOR_S) between them, where no placing step is fitted
    from the one to the other: a burst of the detector's jitter moved the ankles' median for a
    moment (a core that looked placed anew from the one before) and cut one held stance. The
    SPPB's feet never return to a placement they left; a foot lifted and put back in its place
    shows as a step, and then they stay apart."""
    g = 0
    while g < len(groups) - 1:
        for skip in (0, 1):
            if g + 1 + skip >= len(groups) or (skip and (t[groups[g + 1][1] - 1] - t[groups[g + 1][0]]) >= ANCHOR_S):
                continue
            before, after = groups[g], groups[g + 1 + skip]
            gap = (float(t[before[1] - 1]), float(t[after[0]]))
            if (np.linalg.norm(refs[g + 1 + skip] - refs[g], axis=-1).max() <= SAME_PLACE_STATURES
                    and not placing_steps(t, raw, refs[g], refs[g + 1 + skip], *gap,
                                          (float(t[before[0]]), float(t[after[1] - 1])), lift)):
                with np.errstate(invalid="ignore"):
                    refs[g] = np.nanmedian(raw[before[0]:after[1]], axis=0)
                before[1] = after[1]
                del groups[g + 1:g + 2 + skip], refs[g + 1:g + 2 + skip]
                break
        else:
            g += 1


def held_in_gaps(t: np.ndarray, raw: np.ndarray, groups: list[list[int]], refs: list[np.ndarray], lift: float,
                 min_held_s: float) -> list[int]:
    """Insert (in place) a placement between two placements wherever the placing steps fitted
    between them leave both feet at rest for ``min_held_s`` or more: a short stance, lost
    within a second or so, whose still stretch the detector's jitter cut into pieces each
    too short to be a placement (:data:`MIN_PLACED_S`). The fits see it: one foot comes to
    rest, and only a while later does a foot move on. A rest in the place of the placement
    before (or after) is that placement held longer (reached sooner): it is extended instead.
    Returns the indices inserted at."""
    added: list[int] = []
    g = 1
    while g < len(groups):
        gap = (float(t[groups[g - 1][1] - 1]), float(t[groups[g][0]]))
        bounds = (float(t[groups[g - 1][0]]), float(t[groups[g][1] - 1]))
        steps = sorted(placing_steps(t, raw, refs[g - 1], refs[g], *gap, bounds, lift))
        for i in range(1, len(steps)):
            rest = max(gap[0], max(s0 + d for s0, d, _, _ in steps[:i]))
            on = min(gap[1], steps[i][0])
            a, b = int(np.searchsorted(t, rest)), int(np.searchsorted(t, on))
            if on - rest >= min_held_s and np.isfinite(raw[a:b]).all((1, 2)).sum() >= 2:
                with np.errstate(invalid="ignore"):
                    ref = np.nanmedian(raw[a:b], axis=0)
                if np.linalg.norm(ref - refs[g - 1], axis=-1).max() <= SAME_PLACE_STATURES:
                    groups[g - 1][1] = b  # the placement before, still held (its still stretch was cut short)
                elif np.linalg.norm(ref - refs[g], axis=-1).max() <= SAME_PLACE_STATURES:
                    groups[g][0] = a  # the placement after, reached earlier
                else:
                    refs.insert(g, ref)
                    groups.insert(g, [a, b])
                    added.append(g)
                break
        g += 1
    return added


def _passed_through(t: np.ndarray, raw: np.ndarray, groups: list[list[int]], refs: list[np.ndarray], g: int,
                    lift: float, min_held_s: float) -> bool:
    """Whether placement ``g`` is a moment of the move from placement g-1 to g+1 rather than a
    placement: the placing steps fitted from the place before to the place after (one per foot)
    lift a foot by at least ``lift`` with the top of the lift (the step's middle) inside it, and
    leave both feet at rest there for under ``min_held_s``. A foot's lift, slow at its top, can
    look still for the 0.8 s of a placement (its median place then lifted off the floor); a foot
    in the air is no stance."""
    (a, b), ref_a, ref_c = groups[g], refs[g - 1], refs[g + 1]
    lo, hi = float(t[groups[g - 1][1] - 1]), float(t[groups[g + 1][0]])
    bounds = (float(t[groups[g - 1][0]]), float(t[groups[g + 1][1] - 1]))
    win = (max(lo - FIT_MARGIN_S, bounds[0]), min(hi + FIT_MARGIN_S, bounds[1]))
    t_a, t_b = float(t[a]), float(t[b - 1])
    moving: list[tuple[float, float]] = []
    lifted = False
    for k in (0, 1):
        step = fit_step(t, raw[:, k], ref_a[k], ref_c[k], *win, STEP_S, earliest=bounds[0], lift_only=True)
        if step is None:
            continue
        if np.linalg.norm(ref_c[k] - ref_a[k]) > MOVED_STATURES or -step[2] >= lift:
            moving.append((step[0], step[0] + step[1]))
        lifted |= -step[2] >= lift and t_a <= step[0] + 0.5 * step[1] <= t_b
    if not lifted:
        return False
    edges = sorted({t_a, t_b} | {min(max(e, t_a), t_b) for m in moving for e in m})
    rest = max((e1 - e0 for e0, e1 in zip(edges, edges[1:])
                if not any(m0 < 0.5 * (e0 + e1) < m1 for m0, m1 in moving)), default=0.0)
    return rest < min_held_s


def drop_passing(t: np.ndarray, raw: np.ndarray, groups: list[list[int]], refs: list[np.ndarray], lift: float,
                 min_held_s: float, keep: tuple[list[int], ...] = ()) -> None:
    """Remove (in place) the placements between two others that are moments of the move between
    them (:func:`_passed_through`), shorter than ANCHOR_S; those in ``keep`` (the same list
    objects) stay."""
    g = 1
    while g < len(groups) - 1:
        if (not any(groups[g] is k for k in keep) and (t[groups[g][1] - 1] - t[groups[g][0]]) < ANCHOR_S
                and _passed_through(t, raw, groups, refs, g, lift, min_held_s)):
            del groups[g], refs[g]
        else:
            g += 1
