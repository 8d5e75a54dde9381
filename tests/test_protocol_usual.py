"""The usual-pace walk's protocol checks on synthetic walks through a known camera."""

from __future__ import annotations

import numpy as np
import pytest

from gaitscreen.core.analysis.protocol import FAIL, PASS, USUAL_WALK, WARN, ProtocolInputs, check_protocol, registered
from gaitscreen.core.calibration import FloorCalibration
from gaitscreen.synth import generate_subject, generate_walk, usual_pace
from gaitscreen.synth.detector import DetectorModel
from gaitscreen.synth.floor import course_calibration


@pytest.fixture(scope="module")
def walk_and_cal():
    rng = np.random.default_rng(5)
    subject = usual_pace(generate_subject(rng, subject_id="p"), 1.0)
    walk = generate_walk(subject, duration_s=6.0, rng=rng, step_width_m=0.1, micro_events=0, detector=DetectorModel())
    return walk, FloorCalibration.from_dict(dict(course_calibration(walk, course_m=4.0), walking_direction="toward"))


def _inputs(walk, cal, course):
    return ProtocolInputs(skeleton=walk.skeleton, image_size=walk.skeleton.image_size, floor_calibration=cal,
                          course_m=course)


def test_registered_checks() -> None:
    assert registered(USUAL_WALK) == ["course_covered", "steady_pace", "walking_direction", "in_frame"]


def test_a_good_usual_walk_passes(walk_and_cal) -> None:
    walk, cal = walk_and_cal
    result = check_protocol(_inputs(walk, cal, 4.0), USUAL_WALK)
    assert {c.code: c.status for c in result.checks} == {"course_covered": PASS, "steady_pace": PASS,
                                                               "walking_direction": PASS, "in_frame": PASS}
    assert result.assessable
    covered = result.checks[0]
    assert covered.value >= 4.0 and covered.details["calibration"]["sha256"] == cal.sha256


def test_course_not_covered_or_unknown_or_unusual(walk_and_cal) -> None:
    walk, cal = walk_and_cal
    by = lambda course: {c.code: c for c in check_protocol(_inputs(walk, cal, course), USUAL_WALK).checks}
    c = by(8.0)["course_covered"]
    assert c.status == FAIL and "of the 8-m course" in c.message and c.value is not None  # value kept
    assert by(5.0)["course_covered"].status == WARN
    assert by(None)["course_covered"].status == PASS  # from the calibration's start and end lines


def test_without_calibration_the_usual_walk_is_not_assessable(walk_and_cal) -> None:
    walk, _ = walk_and_cal
    result = check_protocol(_inputs(walk, None, 4.0), USUAL_WALK)
    assert not result.assessable
    assert {c.code for c in result.failed} == {"course_covered", "steady_pace"}


def _walk(heading: float, seed: int = 7):
    rng = np.random.default_rng(seed)
    subject = usual_pace(generate_subject(rng, subject_id="d"), 1.0)
    return generate_walk(subject, duration_s=6.0, rng=rng, step_width_m=0.1, micro_events=0,
                         detector=DetectorModel(), heading_deg=heading)


@pytest.fixture(scope="module")
def toward_and_across():
    return {"toward": _walk(0.0), "across": _walk(90.0), "oblique": _walk(40.0)}


@pytest.mark.parametrize(("walked", "stated", "status"), [
    ("toward", "toward", PASS), ("across", "across", PASS),
    ("toward", "across", FAIL), ("across", "toward", FAIL), ("across", "away", FAIL),
    ("oblique", "toward", WARN), ("toward", None, WARN)])
def test_walking_direction_against_the_setup(toward_and_across, walked, stated, status) -> None:
    """Walks rendered through the synthetic camera toward it and across its view, checked
    against what the setup states; the measured values stay when the check fails."""
    walk = toward_and_across[walked]
    definition = course_calibration(walk, course_m=4.0)
    if stated is not None:
        definition["walking_direction"] = stated
    result = check_protocol(_inputs(walk, FloorCalibration.from_dict(definition), 4.0), USUAL_WALK)
    check = {c.code: c for c in result.checks}["walking_direction"]
    assert check.status == status, check.message
    assert check.value is not None and check.details["measured"] == ("toward" if walked == "toward" else
                                                                     "across" if walked == "across" else
                                                                     check.details["measured"])
    assert result.assessable == (status != FAIL)
    assert {c.code: c for c in result.checks}["steady_pace"].details["speed_m_per_s"] > 0.8  # kept on a fail


def test_direction_words() -> None:
    from gaitscreen.core.analysis.protocol_usual import direction_of_travel

    assert [direction_of_travel(a) for a in (0, 44, 46, 134, 136, 180)] == \
        ["toward", "toward", "across", "across", "away", "away"]


def test_a_setup_direction_must_be_known(walk_and_cal) -> None:
    from gaitscreen.core.errors import CalibrationError

    walk, cal = walk_and_cal
    with pytest.raises(CalibrationError, match="not one of toward, away, across"):
        FloorCalibration.from_dict(dict(cal.to_dict(), walking_direction="sideways"))
    plain = FloorCalibration.from_dict({k: v for k, v in cal.to_dict().items() if k != "walking_direction"})
    assert plain.sha256 != cal.sha256 and plain.walking_direction is None
