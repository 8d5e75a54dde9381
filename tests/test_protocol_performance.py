"""Protocol checks of the chair stand and the balance stands on synthetic recordings."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from gaitscreen.core.analysis.protocol import FAIL, PASS, ProtocolInputs, check_protocol, registered
from gaitscreen.synth import generate_subject
from gaitscreen.synth.balance import generate_balance
from gaitscreen.synth.chair import generate_chair_stand


def _inputs(sk):
    return ProtocolInputs(sk, sk.image_size)


def _cut(sk, seconds):
    n = int(round(seconds * sk.fps))
    return replace(sk, joints=sk.joints[:n], confidence=sk.confidence[:n], timestamps=sk.timestamps[:n],
                   present=sk.present[:n], interpolated=sk.interpolated[:n], frame_indices=sk.frame_indices[:n])


@pytest.fixture(scope="module")
def chair():
    rng = np.random.default_rng(21)
    return generate_chair_stand(generate_subject(rng, subject_id="c"), rng)


@pytest.fixture(scope="module")
def balance():
    rng = np.random.default_rng(22)
    return generate_balance(generate_subject(rng, subject_id="b"), rng)


def _by_code(result):
    return {c.code: c for c in result.checks}


def test_tests_are_registered():
    assert registered("chair-stand") == ["duration", "camera_view", "in_frame", "seated_start", "arms_crossed"]
    assert registered("balance") == ["duration", "feet_visible", "standing", "camera_view"]


def test_a_proper_chair_stand_passes(chair):
    res = check_protocol(_inputs(chair.skeleton), "chair-stand")
    assert res.assessable, [c.message for c in res.failed]
    assert all(c.status == PASS for c in res.checks)


def test_too_short_chair_stand_fails_with_a_sentence(chair):
    res = check_protocol(_inputs(_cut(chair.skeleton, 3.0)), "chair-stand")
    d = _by_code(res)["duration"]
    assert d.status == FAIL and "too short" in d.message and not res.assessable


def test_nobody_seated_fails(balance):
    res = check_protocol(_inputs(balance.skeleton), "chair-stand")
    s = _by_code(res)["seated_start"]
    assert s.status == FAIL and "Nobody was seen seated" in s.message


def test_arms_pushing_off_fail_the_arms_check():
    rng = np.random.default_rng(23)
    rec = generate_chair_stand(generate_subject(rng, subject_id="p"), rng, arms="push")
    a = _by_code(check_protocol(_inputs(rec.skeleton), "chair-stand"))["arms_crossed"]
    assert a.status == FAIL and "crossed" in a.message


def test_balance_passes_and_short_or_feetless_fails(balance):
    assert check_protocol(_inputs(balance.skeleton), "balance").assessable
    short = _by_code(check_protocol(_inputs(_cut(balance.skeleton, 2.0)), "balance"))["duration"]
    assert short.status == FAIL
    sk = balance.skeleton
    conf = sk.confidence.copy()
    conf[:, 15:17] = 0.05  # feet out of view / not detected
    feet = _by_code(check_protocol(_inputs(replace(sk, confidence=conf)), "balance"))["feet_visible"]
    assert feet.status == FAIL and "feet" in feet.message


def test_seated_patient_fails_the_balance_standing_check(chair):
    seated = _cut(chair.skeleton, 1.0)
    res = _by_code(check_protocol(_inputs(seated), "balance"))
    assert res["standing"].status == FAIL and "seated" in res["standing"].message
