"""Balance stands: synthetic recordings with known hold times, the analysis and its marks.

In a frontal view a foot slid forward into semi-tandem or tandem is foreshortened to
about a third in the image; the analysis times each placing step as a whole
(``balance_steps.fit_step``) instead of a displacement threshold. Issue 18 asks for
every stance within 0.2 s; on this seed 39 of 40 are (the other 0.23 s), so the test
holds the analysis to that and fails if it gets worse (docs/benchmarks.md has the
figures on other seeds).
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from gaitscreen.core.analysis.balance import (Stance, analyse_balance, balance_from_marks, classify_placement,
                                              label_stances)
from gaitscreen.core.analysis.balance_steps import fit_step, piecewise_constant
from gaitscreen.core.analysis.marks import EXAMINER, Mark
from gaitscreen.synth.balance import STANCES, generate_balance, generate_balance_set, generate_support_set
from gaitscreen.synth.subjects import generate_subject

TOLERANCE_S = 0.2


@pytest.fixture(scope="module")
def pairs():
    recs = generate_balance_set(20, seed=2)
    out = []
    for r in recs:
        truth = r.truth["stances"]
        # A one-stance recording is told which stance was tested; the others run the SPPB order.
        expected = (truth[0]["stance"],) if len(truth) == 1 else STANCES
        out.append((r, analyse_balance(r.skeleton, expected=expected)))
    return out


def _matches(pairs):
    for rec, res in pairs:
        for want in rec.truth["stances"]:
            got = [s for s in res.stances if s.stance == want["stance"] and abs(s.start_s - want["start_s"]) < 1.0]
            yield rec, want, (got[0] if got else None)


def test_generator_truth_is_consistent():
    a, b = generate_balance_set(3, seed=4), generate_balance_set(3, seed=4)
    assert np.array_equal(a[2].skeleton.joints, b[2].skeleton.joints)
    for rec in a:
        for s in rec.truth["stances"]:
            assert 0 <= s["hold_s"] <= 10.0 and s["end_s"] > s["start_s"]
            assert s["failed"] == (s["hold_s"] < 10.0)


def test_hold_times_against_the_truth(pairs):
    matches = list(_matches(pairs))
    found = [(w, g) for _, w, g in matches if g is not None]
    assert len(found) == len(matches)  # every stance found, the foreshortened tandem ones too
    errors = np.array([g.hold_s - w["hold_s"] for w, g in found])
    assert np.mean(np.abs(errors) <= TOLERANCE_S) >= 0.95
    assert np.abs(errors).max() <= 0.3
    starts = np.array([g.start_s - w["start_s"] for w, g in found])
    assert np.mean(np.abs(starts) <= TOLERANCE_S) >= 0.9  # the start itself, not only the capped hold
    full = [(w, g) for w, g in found if w["hold_s"] >= 10.0]
    assert full and all(g.hold_s == pytest.approx(10.0) for w, g in full)


def test_generator_truth_starts_when_the_feet_are_at_rest():
    rec = generate_balance_set(3, seed=9)[0]
    t = np.asarray(rec.skeleton_3d.timestamps)
    ank = np.asarray(rec.skeleton_3d.joints)[:, 15:17]
    for s in rec.truth["stances"]:
        i = int(np.searchsorted(t, s["start_s"]))
        held = (t >= s["start_s"]) & (t < s["end_s"] - 1e-3)  # the truth's times are rounded to 0.1 ms
        away = np.linalg.norm(ank[held] - ank[i], axis=-1).max(1)
        assert away[: int(0.5 * held.sum())].max() < 1e-6  # placed: nothing moves in the hold's first half
        assert away.max() <= 0.04 + 1e-6  # and until the end no ankle has left its place by 4 cm
        before = (t >= s["start_s"] - 0.2) & (t < s["start_s"])
        assert np.ptp(ank[before], axis=0).max() > 1e-4  # and a foot was still moving just before


def test_step_fit_times_a_foreshortened_step_with_lift():
    rng = np.random.default_rng(0)
    t = np.arange(0, 4, 1 / 30)
    onset, dur = 1.73, 0.62
    tau = np.clip((t - onset) / dur, 0, 1)
    m = tau**3 * (10 - 15 * tau + 6 * tau**2)
    a, b = np.array([0.50, 1.00]), np.array([0.505, 1.012])  # 0.013 statures: a move in depth
    xy = a + (b - a) * m[:, None]
    xy[:, 1] -= 0.02 * np.sin(np.pi * tau)  # the lift, upward in the image
    xy += rng.normal(0, 0.004, xy.shape)
    got = fit_step(t, xy, a, b, 0.0, 4.0)
    assert got is not None
    assert abs(got[0] + got[1] - (onset + dur)) <= 0.1 and got[2] < -0.01


def test_piecewise_constant_finds_a_change_of_place():
    rng = np.random.default_rng(1)
    x = np.concatenate([np.zeros((60, 2)), np.full((60, 2), 0.03)]) + rng.normal(0, 0.004, (120, 2))
    pieces = piecewise_constant(x, 0.0015, 3)
    assert [p for p in pieces if p[1] - p[0] >= 20] == [(0, 60), (60, 120)]


def test_a_loss_of_balance_step_ends_the_stance_on_time(pairs):
    ends = [(w, g) for _, w, g in _matches(pairs) if g is not None and w["failed"]]
    assert len(ends) >= 5
    # Read off the fitted loss-of-balance step, not the filtered track's crossing of the
    # 4-cm line (which was up to 0.17 s late on this set): within 0.1 s.
    assert all(abs(g.end_s - w["end_s"]) <= 0.1 for w, g in ends), [g.end_s - w["end_s"] for w, g in ends]


def test_sequence_rule_and_points(pairs):
    for rec, res in pairs:
        names = [s.stance for s in res.stances]
        for i, s in enumerate(res.stances[:-1]):
            assert s.hold_s >= 10.0, f"{rec.recording_id}: a stance after a failed one was scored"
        if names[:3] == list(STANCES) and all(s.hold_s >= 10 for s in res.stances):
            assert res.points == 4


def test_hold_recomputes_from_edited_marks():
    marks = [Mark("stance_start", 2.0, detail="side_by_side"), Mark("stance_end", 13.0, detail="side_by_side"),
             Mark("stance_start", 14.0, detail="semi_tandem"), Mark("stance_end", 25.0, detail="semi_tandem"),
             Mark("stance_start", 26.0, detail="tandem"), Mark("stance_end", 30.5, detail="tandem")]
    res = balance_from_marks(marks)
    assert res.holds == {"side_by_side": 10.0, "semi_tandem": 10.0, "tandem": 4.5} and res.points == 3
    moved = marks[:-1] + [Mark("stance_end", 28.5, EXAMINER, "tandem")]
    again = balance_from_marks(moved)
    assert again.holds["tandem"] == pytest.approx(2.5) and again.points == 2 and again.corrected
    assert balance_from_marks(marks[2:]).points is None  # side-by-side deleted: not measured
    json.dumps(again.to_dict(), allow_nan=False)  # stances rebuilt from marks alone stay JSON-clean


@pytest.mark.parametrize("across, stance", [(0.12, "apart"), (0.08, "apart"), (0.0799, "side_by_side"),
                                            (0.042, "side_by_side"), (0.0419, "semi_tandem"),
                                            (0.014, "semi_tandem"), (0.0139, "tandem"), (0.0, "tandem")])
def test_placement_boundaries(across, stance):
    assert classify_placement(across) == stance


@pytest.fixture(scope="module")
def support_pairs():
    return [(r, analyse_balance(r.skeleton)) for r in generate_support_set(6, seed=3)]


def test_support_used_ends_the_hold(support_pairs):
    for rec, res in support_pairs:
        want = next(s for s in rec.truth["stances"] if s["support_used"])
        got = [s for s in res.stances if s.stance == want["stance"]]
        assert got and got[0].support_used, rec.recording_id
        assert abs(got[0].hold_s - want["hold_s"]) <= TOLERANCE_S
        assert res.stances[-1] is got[0]  # a stance lost to support stops the sequence
        support = [m for m in res.marks if m.kind == "support"]
        assert [m.detail for m in support] == [want["stance"]]
        assert balance_from_marks(res.marks).stances[-1].support_used  # kept through the marks alone
        assert json.loads(json.dumps(res.to_dict()))["stances"][-1]["support_used"] is True


def test_arm_sway_and_arms_thrown_out_are_not_support(pairs):
    # The generated set has arm sway in every stance and arms thrown out with every loss-of-balance step.
    assert not any(s.support_used for _, res in pairs for s in res.stances)
    assert not any(m.kind == "support" for _, res in pairs for m in res.marks)


def test_support_mark_removed_by_the_examiner_clears_the_flag():
    marks = [Mark("stance_start", 2.0, detail="side_by_side"), Mark("stance_end", 7.5, detail="side_by_side"),
             Mark("support", 7.5, detail="side_by_side")]
    assert balance_from_marks(marks).stances[0].support_used
    assert not balance_from_marks(marks[:2]).stances[0].support_used


def test_feet_together_that_look_wide_are_not_skipped_as_ordinary_standing():
    # The detector's bias can make feet together look 0.08 statures apart; they are still
    # clearly narrower (by more than APART_MARGIN) than the ordinary standing before them.
    def period(start, across, hold=10.0):
        return Stance(classify_placement(across), start, start + hold, hold, across, "left")
    periods = [period(0.0, 0.121, 1.4), period(2.5, 0.082), period(15.0, 0.044), period(27.0, 0.022, 5.5)]
    got = label_stances(periods)
    assert [(s.stance, s.start_s) for s in got] == [("side_by_side", 2.5), ("semi_tandem", 15.0), ("tandem", 27.0)]
    assert got[0].placement_seen == "apart"  # what it looked like is kept as the consistency check


def test_standing_seen_only_as_the_recording_lead_in_still_counts():
    # A jittery detector can cut the standing before the test into pieces too short to be a
    # period; the feet's width as the recording starts (0.16 statures) is then the standing,
    # and feet together that look 0.085 apart are clearly narrower than it: the side-by-side.
    def period(start, across, hold=10.0):
        return Stance(classify_placement(across), start, start + hold, hold, across, "left")
    periods = [period(3.0, 0.0854), period(15.3, 0.038, 8.2)]
    got = label_stances(periods, lead_in_across=0.164)
    assert [(s.stance, s.start_s) for s in got] == [("side_by_side", 3.0), ("semi_tandem", 15.3)]
    # Without the lead-in it looks like ordinary standing, skipped.
    assert [(s.stance, s.start_s) for s in label_stances(periods)] == [("side_by_side", 15.3)]
    # A lead-in as narrow as feet together (the patient already placed) says nothing.
    assert [s.start_s for s in label_stances(periods, lead_in_across=0.06)] == [15.3]


@pytest.fixture(scope="module")
def short_fail_pairs():
    # A tandem stance lost after about 1.5 s: its loss-of-balance step is within the step
    # fit's margin of the placing step before it.
    out = []
    for i, ss in enumerate(np.random.SeedSequence(5).spawn(6)):
        rng = np.random.default_rng(ss)
        subject = generate_subject(rng, subject_id=f"short{i}")
        rec = generate_balance(subject, rng, fail_at={"tandem": float(rng.uniform(1.3, 1.8))}, recording_id=f"short{i}")
        out.append((rec, analyse_balance(rec.skeleton)))
    return out


def test_a_short_failed_stance_is_found(short_fail_pairs):
    matches = list(_matches(short_fail_pairs))
    assert all(g is not None for _, _, g in matches), [r.recording_id for r, _, g in matches if g is None]
    assert all(abs(g.hold_s - w["hold_s"]) <= TOLERANCE_S for _, w, g in matches if w["failed"])


def test_a_placing_step_cut_in_two_by_the_partition_is_still_a_new_placement():
    # Recording 10 of seed 41: the move from side-by-side to semi-tandem was split into two
    # still pieces, each changing the place by under the clear-change threshold; the old
    # code took both for drift, and semi-tandem was swallowed by side-by-side.
    rec = generate_balance_set(11, seed=41)[10]
    res = analyse_balance(rec.skeleton)
    for want in rec.truth["stances"]:
        got = [s for s in res.stances if s.stance == want["stance"]]
        assert got and abs(got[0].start_s - want["start_s"]) <= TOLERANCE_S, want
        assert abs(got[0].hold_s - want["hold_s"]) <= TOLERANCE_S


@pytest.fixture(scope="module")
def seed123():
    return generate_balance_set(16, seed=123)


def _all_stances_within(rec):
    res = analyse_balance(rec.skeleton)
    for want in rec.truth["stances"]:
        got = [s for s in res.stances if s.stance == want["stance"]]
        assert got and abs(got[0].start_s - want["start_s"]) <= TOLERANCE_S, (rec.recording_id, want)
        assert abs(got[0].hold_s - want["hold_s"]) <= TOLERANCE_S, (rec.recording_id, want, got[0])


def test_a_burst_of_jitter_on_the_rear_foot_is_no_step(seed123):
    # Recording 10 of seed 123: mid-way through a 10-s tandem hold the half-hidden rear
    # foot's jitter fitted a "lift" just over the recording's least lift, with its place
    # changed by under 1 cm (and the other foot a "lift" downward as large): the old code
    # took it for a step and split the hold in two (4.6 s).
    _all_stances_within(seed123[10])


def test_a_pause_half_way_through_a_move_is_no_stance(seed123):
    # Recording 15 of seed 123: one foot placed, a quarter-second pause, then the other foot
    # into semi-tandem; the old code took the pause for a failed semi-tandem stance (0.5 s)
    # and stopped the sequence there (tandem not found).
    _all_stances_within(seed123[15])


@pytest.mark.parametrize(("seed", "index", "what"), [
    # a burst of the detector's jitter inside a held stance took the place of a lift-only step
    # and ended the stance about 3 s early (the lift must lie between the two placements)
    (503, 1, "failed stance ended ~3 s early by jitter"),
    (502, 18, "failed stance ended ~3.8 s early by jitter"),
    # a small change of place and a small lift, each under its own threshold, are one step
    (302, 1, "tandem start 0.76 s early"),
    # a short stance whose still stretch the jitter cut into pieces too short to be a placement
    (302, 7, "short semi-tandem not found"),
    # the standing before the test, a little narrower than APART_MIN for this subject's bias,
    # was taken for a failed side-by-side stance and the sequence stopped there
    (703, 15, "standing before the test taken for side-by-side"),
    (706, 11, "standing before the test taken for side-by-side"),
])
def test_fourth_round_cases_are_timed_within_tolerance(seed, index, what):
    """The cases of the fresh seeds that the third round missed (docs/benchmarks.md)."""
    _benchmark_case_within(seed, index, what)


@pytest.mark.parametrize(("seed", "index", "what"), [
    # the move semi-tandem -> tandem changed the place too little for a piece of its own: the
    # partition cut it at one point, each still stretch took in half of it, and a step
    # straddling the cut was not "between" them (the tandem was merged into the semi-tandem)
    (801, 11, "tandem merged into semi-tandem (adjacent still stretches)"),
    (804, 16, "semi-tandem and tandem merged (adjacent still stretches)"),
    # a jittery detector cut the standing before the test into pieces too short to be a
    # placement; feet together looking 0.085 statures apart were then skipped as ordinary standing
    (801, 12, "side-by-side skipped as standing (standing seen only as the recording's lead-in)"),
    # jitter bursts early in a long semi-tandem pulled its median toward the tandem place; the
    # tandem is placed anew from where the feet last stood still for long
    (805, 0, "tandem merged into semi-tandem (placement median pulled by jitter)"),
    # a foot's lift, slow at its top, looked still for 0.8 s: a "placement" in the air, which
    # started the stance 0.5 s late or took the tandem's place
    (803, 12, "semi-tandem started 0.5 s late (a lifted foot taken for a placement)"),
    (705, 16, "a lifted foot's 0.8 s taken for the tandem"),
    # a jitter burst made a short core look placed anew and cut a held side-by-side in two:
    # placements in the same place with no step between them are one
    (904, 12, "side-by-side cut in two by a jitter burst (4.25 s)"),
    # ordinary standing narrowed to feet together by each foot moving ~0.015 statures (under the
    # clear change for one foot) with lifts hidden in a very jittery detector: the width changed
    (904, 2, "side-by-side merged with the standing before it (timed from 0 s)"),
])
def test_fifth_round_cases_are_timed_within_tolerance(seed, index, what):
    """The cases of the fresh seeds 801-806 and 901-906 (and 705) that the fourth round missed
    (docs/benchmarks.md)."""
    _benchmark_case_within(seed, index, what)


def _benchmark_case_within(seed, index, what):
    """One recording of the benchmark's sets of 20 (the set's size is part of what it generates),
    analysed as the benchmark does (a recording of one stance is told which stance it is):
    every stance found and timed within the tolerance."""
    rec = generate_balance_set(20, seed=seed)[index]
    truth = rec.truth["stances"]
    res = analyse_balance(rec.skeleton, expected=(truth[0]["stance"],) if len(truth) == 1 else STANCES)
    for want in truth:
        got = [s for s in res.stances if s.stance == want["stance"] and abs(s.start_s - want["start_s"]) < 1.0]
        assert got and abs(got[0].hold_s - want["hold_s"]) <= TOLERANCE_S, (rec.recording_id, what, want, got)
