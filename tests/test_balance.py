"""Balance stands: synthetic recordings with known hold times, the analysis and its marks.

Known limit (docs/benchmarks.md): in a frontal view a foot slid forward into
semi-tandem or tandem hardly moves in the image, so such a stance's start can be
found up to about 0.7 s early; these tests hold the analysis to what it achieves now
and fail if it gets worse.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from gaitscreen.core.analysis.balance import analyse_balance, balance_from_marks, classify_placement
from gaitscreen.core.analysis.marks import EXAMINER, Mark
from gaitscreen.synth.balance import STANCES, generate_balance_set

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
    found = [(w, g) for _, w, g in _matches(pairs) if g is not None]
    total = sum(1 for _ in _matches(pairs))
    assert len(found) >= 0.75 * total
    errors = np.array([g.hold_s - w["hold_s"] for w, g in found])
    assert np.mean(np.abs(errors) <= TOLERANCE_S) >= 0.85
    assert errors.max() <= 0.8 and errors.min() >= -TOLERANCE_S  # early starts only lengthen a hold
    full = [(w, g) for w, g in found if w["hold_s"] >= 10.0]
    assert full and all(g.hold_s == pytest.approx(10.0) for w, g in full)


def test_a_loss_of_balance_step_ends_the_stance_on_time(pairs):
    ends = [(w, g) for _, w, g in _matches(pairs) if g is not None and w["failed"]]
    assert len(ends) >= 5
    assert all(abs(g.end_s - w["end_s"]) <= TOLERANCE_S for w, g in ends)


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
