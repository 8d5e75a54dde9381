"""Five-times chair stand: synthetic recordings with known times, the analysis, its flags and marks."""

from __future__ import annotations

import numpy as np
import pytest

from gaitscreen.core.analysis.chair_stand import analyse_chair_stand, chair_stand_from_marks
from gaitscreen.core.analysis.marks import EXAMINER, Mark
from gaitscreen.synth import generate_subject
from gaitscreen.synth.chair import generate_chair_stand, generate_chair_stand_set

TOLERANCE_S = 0.2


@pytest.fixture(scope="module")
def recordings():
    return generate_chair_stand_set(24, seed=5)


@pytest.fixture(scope="module")
def results(recordings):
    return [analyse_chair_stand(r.skeleton) for r in recordings]


def test_generator_is_deterministic_and_has_truth():
    a, b = generate_chair_stand_set(2, seed=9), generate_chair_stand_set(2, seed=9)
    assert np.array_equal(a[1].skeleton.joints, b[1].skeleton.joints)
    t = a[0].truth
    assert t["stands"] == 5 and len(t["rise_onsets_s"]) == 5
    assert t["time_s"] == pytest.approx(t["stand_times_s"][4] - t["rise_onsets_s"][0], abs=1e-3)
    assert all(s > o for s, o in zip(t["stand_times_s"], t["rise_onsets_s"]))
    assert a[0].skeleton.meta["truth"] == t and a[0].skeleton.layout == "coco17"


def test_time_within_tolerance_of_the_truth(recordings, results):
    timed = 0
    for rec, res in zip(recordings, results):
        assert res.stands == rec.truth["stands"], rec.recording_id
        if rec.truth["time_s"] is None:
            assert res.time_s is None
            continue
        timed += 1
        assert abs(res.time_s - rec.truth["time_s"]) <= TOLERANCE_S, rec.recording_id
        assert len(res.repetitions) == 5 and sum(res.repetitions) == pytest.approx(res.time_s)
    assert timed >= 18


def test_flags_match_the_truth(recordings, results):
    for rec, res in zip(recordings, results):
        t = rec.truth
        assert res.flags["arms_used"] == t["arms_used"], rec.recording_id
        assert res.flags["pause"] == bool(t["pause"]), rec.recording_id
        assert res.flags["incomplete_stand"] == bool(t["incomplete"]), rec.recording_id
        assert res.flags["fewer_than_five"] == (t["stands"] < 5), rec.recording_id


def test_arm_use_and_fewer_than_five_score_zero(recordings, results):
    kinds = {(r.truth["arms_used"], r.truth["stands"] < 5): res for r, res in zip(recordings, results)}
    assert kinds[(True, False)].points == 0 and kinds[(True, False)].unable
    assert kinds[(False, True)].points == 0 and kinds[(False, True)].time_s is None
    clean = kinds[(False, False)]
    assert clean.points >= 1 and not clean.unable


def test_times_recompute_from_edited_marks(results):
    res = next(r for r in results if r.time_s is not None and not r.unable)
    stands = [m for m in res.marks if m.kind == "stand"]
    # Deleting a stand leaves four: "unable".
    fewer = chair_stand_from_marks([m for m in res.marks if m is not stands[2]])
    assert fewer.time_s is None and fewer.flags["fewer_than_five"] and fewer.points == 0
    # Moving the fifth stand 0.5 s later lengthens the time by exactly 0.5 s.
    moved = [Mark("stand", m.time_s + 0.5, EXAMINER) if m is stands[4] else m for m in res.marks]
    again = chair_stand_from_marks(moved)
    assert again.time_s == pytest.approx(res.time_s + 0.5) and again.corrected and not res.corrected
    # An operator start mark 0.3 s before the first rise replaces it as the start.
    first = min(m.time_s for m in res.marks if m.kind == "rise_start")
    started = chair_stand_from_marks(list(res.marks) + [Mark("start", first - 0.3, EXAMINER)])
    assert started.time_s == pytest.approx(res.time_s + 0.3)
    # The same marks give the same result (a pure function).
    assert chair_stand_from_marks(res.marks).to_dict() == chair_stand_from_marks(list(reversed(res.marks))).to_dict()


def test_operator_start_argument():
    rng = np.random.default_rng(4)
    rec = generate_chair_stand(generate_subject(rng, subject_id="s"), rng)
    auto = analyse_chair_stand(rec.skeleton)
    start = rec.truth["rise_onsets_s"][0] - 0.5
    marked = analyse_chair_stand(rec.skeleton, start_s=start)
    first_rise = min(m.time_s for m in auto.marks if m.kind == "rise_start")
    assert marked.time_s == pytest.approx(auto.time_s + first_rise - start)
    assert marked.corrected and not auto.corrected


def test_to_dict_has_the_report_keys(results):
    d = results[0].to_dict()
    assert {"time_s", "repetitions", "stands", "flags", "sppb_points", "marks", "corrected_by_examiner"} <= set(d)
