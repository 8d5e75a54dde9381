"""The protocol checks of the usual-pace walk over a measured course (4 m or 6 m).

The gait-speed cut-offs (AWGS 2019: 6-m usual gait speed < 1.0 m/s; EWGSOP2
<= 0.8 m/s) hold for a walk at the patient's usual pace over a measured distance, so
the recording must cover the course on a calibrated floor, keep the feet in view,
reach a steady pace, and go the way the camera setup was made for (toward, away from
or across the camera: the view decides what it resolves). Measured values stay in the report when a check fails.
"""

from __future__ import annotations

import math

from ..i18n import N_
from .gait_metric import MIN_STEADY_S, MetricGait, measure_metric_gait
from .protocol import FAIL, PASS, USUAL_WALK, WARN, Check, ProtocolInputs, register
from .protocol_tandem import IN_FRAME_FAIL_BELOW, IN_FRAME_PASS_MIN

#: The consensus courses; a course of other length is measured but warned about.
STANDARD_COURSES_M = (4.0, 6.0)
#: The feet must cover the whole course: a walk that stops 5 % short (20 cm of 4 m,
#: about a third of a step) is within the floor position error at the far end.
COURSE_COVERED_MIN_SHARE = 0.95


def metric(inputs: ProtocolInputs) -> MetricGait:
    """The walk measured in metres, once per inputs (shared by the checks)."""
    cached = inputs.__dict__.get("_metric_gait")
    if cached is None:
        cached = measure_metric_gait(inputs.skeleton, inputs.floor_calibration, test=USUAL_WALK,
                                     course_m=inputs.course_m)
        inputs.__dict__["_metric_gait"] = cached
    return cached


@register(USUAL_WALK, "course_covered")
def course_covered(inputs: ProtocolInputs) -> Check:
    threshold = {"min_share": COURSE_COVERED_MIN_SHARE, "course_m": inputs.course_m,
                 "standard_courses_m": list(STANDARD_COURSES_M)}
    if inputs.floor_calibration is None:
        return Check("course_covered", FAIL, None, threshold,
                     N_("Without a floor calibration the distance walked cannot be measured."),
                     N_("Calibrate the floor (four taped corners or two lines across the walkway) and analyse again."))
    m = metric(inputs)
    course = inputs.course_m
    if course is None and None not in (inputs.floor_calibration.start_line_m, inputs.floor_calibration.end_line_m):
        course = abs(inputs.floor_calibration.end_line_m - inputs.floor_calibration.start_line_m)
    details = {"calibration": m.calibration, "distance_m": m.distance_m}
    if course is None:
        return Check("course_covered", FAIL, m.distance_m, threshold,
                     N_("The course length is not known, so a gait speed over it cannot be reported."),
                     N_("Give the course length (4 m or 6 m) or calibrate its start and end lines."), details)
    walked = m.distance_m or 0.0
    if walked < COURSE_COVERED_MIN_SHARE * course:
        return Check("course_covered", FAIL, m.distance_m, threshold,
                     N_("The feet covered {walked:.1f} m of the {course:g}-m course."),
                     N_("Record the whole course, from before the start line to past the end line."), details,
                     values={"walked": walked, "course": course})
    if not any(math.isclose(course, c) for c in STANDARD_COURSES_M):
        return Check("course_covered", WARN, m.distance_m, threshold,
                     N_("The course is {course:g} m; the consensus gait-speed tests use 4 m or 6 m (AWGS 2019: 6 m)."),
                     N_("Use a 4-m or 6-m course for a speed comparable with the cut-offs."), details,
                     values={"course": course})
    return Check("course_covered", PASS, m.distance_m, threshold,
                 N_("The feet covered {walked:.1f} m, the whole {course:g}-m course."), details=details,
                 values={"walked": walked, "course": course})


@register(USUAL_WALK, "steady_pace")
def steady_pace(inputs: ProtocolInputs) -> Check:
    threshold = {"min_steady_s": MIN_STEADY_S}
    if inputs.floor_calibration is None:
        return Check("steady_pace", FAIL, None, threshold, N_("Without a floor calibration the pace cannot be measured."),
                     N_("Calibrate the floor and analyse again."))
    m = metric(inputs)
    if m.speed_m_per_s is None:
        return Check("steady_pace", FAIL, None, threshold,
                     N_("The walk never kept a steady pace for 1 s, so no usual gait speed can be given."),
                     N_("Ask the patient to walk at their usual pace without stopping, and record again."),
                     {"notes": list(m.notes)})
    steady = m.steady_end_s - m.steady_start_s
    return Check("steady_pace", PASS, round(steady, 2), threshold,
                 N_("Steady pace for {steady:.1f} s ({speed:.2f} m/s)."),
                 details={"speed_m_per_s": m.speed_m_per_s, "calibration": m.calibration},
                 values={"steady": steady, "speed": m.speed_m_per_s})


#: The direction of travel may turn this far (deg) from the one the setup states and pass;
#: beyond ``DIRECTION_FAIL_DEG`` the walk is more the other way than the stated one (the
#: toward/across boundary is 45°), which changes what the view resolves (step width
#: head-on, step length across).
DIRECTION_PASS_DEG = 30.0
DIRECTION_FAIL_DEG = 50.0
_DIRECTION_WORDS = {"toward": N_("toward the camera"), "away": N_("away from the camera"),
                    "across": N_("across the view")}


def direction_of_travel(angle_deg: float) -> str:
    """toward / away / across for an angle between travel and the direction to the camera."""
    if angle_deg <= 45.0:
        return "toward"
    return "away" if angle_deg >= 135.0 else "across"


def _deviation(expected: str, angle_deg: float) -> float:
    """How far (deg) the travel is from the ``expected`` direction."""
    if expected == "toward":
        return angle_deg
    if expected == "away":
        return 180.0 - angle_deg
    return abs(90.0 - angle_deg)


@register(USUAL_WALK, "walking_direction")
def walking_direction(inputs: ProtocolInputs) -> Check:
    cal = inputs.floor_calibration
    expected = None if cal is None else cal.walking_direction
    threshold = {"expected": expected, "pass_within_deg": DIRECTION_PASS_DEG,
                 "fail_beyond_deg": DIRECTION_FAIL_DEG}
    if cal is None:
        return Check("walking_direction", WARN, None, threshold,
                     N_("Without a floor calibration the direction of travel cannot be measured."),
                     N_("Calibrate the floor and analyse again."))
    m = metric(inputs)
    angle = m.travel_angle_deg
    if angle is None:
        return Check("walking_direction", WARN, None, threshold,
                     N_("The direction of travel on the floor could not be measured."),
                     N_("Record the whole walk with the feet in view."), {"calibration": m.calibration})
    measured = direction_of_travel(angle)
    details = {"calibration": m.calibration, "measured": measured, "travel_angle_deg": angle}
    if expected is None:
        return Check("walking_direction", WARN, angle, threshold,
                     N_("The camera setup does not say which way the patient walks; the walk went {measured}."),
                     N_("Name the walking direction (toward, away or across) in the camera setup."), details,
                     values={"measured": _DIRECTION_WORDS[measured]})
    off = _deviation(expected, angle)
    details["deviation_deg"] = round(off, 1)
    if off > DIRECTION_FAIL_DEG:
        return Check("walking_direction", FAIL, angle, threshold,
                     N_("The patient walked {measured}, but the camera setup says {expected}."),
                     N_("Record the walk in the direction the setup was made for, or choose the setup of this "
                        "camera placement."), details,
                     values={"measured": _DIRECTION_WORDS[measured], "expected": _DIRECTION_WORDS[expected]})
    if off > DIRECTION_PASS_DEG:
        return Check("walking_direction", WARN, angle, threshold,
                     N_("The walk ran {off:.0f}° off {expected}, obliquely to the camera."),
                     N_("Walk straight along the marked course."), details,
                     values={"off": off, "expected": _DIRECTION_WORDS[expected]})
    return Check("walking_direction", PASS, angle, threshold,
                 N_("The patient walked {expected}, as the camera setup says."), details=details,
                 values={"expected": _DIRECTION_WORDS[expected]})


@register(USUAL_WALK, "in_frame")
def in_frame(inputs: ProtocolInputs) -> Check:
    share = inputs.walk.in_frame_share
    threshold = {"pass_min": IN_FRAME_PASS_MIN, "fail_below": IN_FRAME_FAIL_BELOW}
    value = round(float(share), 3)
    if share < IN_FRAME_FAIL_BELOW:
        return Check("in_frame", FAIL, value, threshold,
                     N_("The head and both feet are in view in only {percent:.0f} % of the walk."),
                     N_("Place the camera so the whole course and the patient's feet stay in view."),
                     values={"percent": 100 * share})
    if share < IN_FRAME_PASS_MIN:
        return Check("in_frame", WARN, value, threshold,
                     N_("The head and both feet are in view in {percent:.0f} % of the walk."),
                     N_("Keep the whole course in view."), values={"percent": 100 * share})
    return Check("in_frame", PASS, value, threshold, N_("The patient is fully in view in {percent:.0f} % of the walk."),
                 values={"percent": 100 * share})
