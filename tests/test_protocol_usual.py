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
    return walk, FloorCalibration.from_dict(course_calibration(walk, course_m=4.0))


def _inputs(walk, cal, course):
    return ProtocolInputs(skeleton=walk.skeleton, image_size=walk.skeleton.image_size, floor_calibration=cal,
                          course_m=course)


def test_registered_checks() -> None:
    assert registered(USUAL_WALK) == ["course_covered", "steady_pace", "in_frame"]


def test_a_good_usual_walk_passes(walk_and_cal) -> None:
    walk, cal = walk_and_cal
    result = check_protocol(_inputs(walk, cal, 4.0), USUAL_WALK)
    assert {c.code: c.status for c in result.checks} == {"course_covered": PASS, "steady_pace": PASS, "in_frame": PASS}
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
