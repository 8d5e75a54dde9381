"""The protocol checks of the tandem (heel-to-toe) walk toward a frontal camera.

The published protocol: the patient walks heel to toe along a line toward a phone
in front of them at about hip height, 8-15 s per walk; raters judge 3-s clips and
the model reads 64-frame windows. Every threshold is a named constant with where
its value comes from; lengths are in statures (see :mod:`.protocol_measures`).
"""

from __future__ import annotations

import math

import numpy as np

from ..i18n import N_
from .protocol import FAIL, PASS, TANDEM_WALK, WARN, Check, ProtocolInputs, register
from .protocol_measures import assumed_focal_px

#: Walking direction (0° toward the camera, 90° across, 180° away) up to which the
#: walk counts as an approach: at 60° half of the motion still comes toward the
#: camera, and the direction estimate itself carries about ±7° from the assumed
#: focal length. The sample walk (a diagonal walkway) measures 40-46°.
APPROACH_PASS_MAX_DEG = 60.0
#: Beyond 75° (cos 75° ≈ 0.26: a quarter of the motion toward the camera) the camera
#: sees the walk from the side; beyond 105° the patient walks away from it.
APPROACH_FAIL_MIN_DEG = 75.0
AWAY_MIN_DEG = 105.0
#: The least net progress (statures) that is a walk: one heel-to-toe step is one foot
#: length, 0.15 of stature (Winter's segment proportions). A still video measures
#: 0.08 from detector jitter alone, the 1.7-s sample 0.36.
MIN_PROGRESS_STATURES = 0.15
#: Seated facing the camera the thigh points at it: its vertical image length falls
#: far below the shank's (thigh ≈ shank ≈ 0.245 of stature standing; seated ≪ 0.5).
SEATED_MAX_THIGH_TO_SHANK = 0.5
#: Face (nose and eyes) confidence: a frontal face gives > 0.8, the sample's blurred
#: face 0.33-0.40; seen from behind the detector guesses it at about 0.1.
FACE_FAIL_BELOW = 0.15
FACE_WARN_BELOW = 0.25
#: Share of frames with the patient's left shoulder and hip on the image's right (a
#: front view). From behind the order flips (share ≈ 0); from the side it is random.
FRONT_SHARE_FAIL_BELOW = 0.25
FRONT_SHARE_WARN_BELOW = 0.6
#: Head and both ankles inside the image and confident: "most of the walk" is 80 %;
#: under half, the analysis itself refuses (its minimum coverage is 50 %).
IN_FRAME_PASS_MIN = 0.8
IN_FRAME_FAIL_BELOW = 0.5
#: The published protocol's walk lasts 8-15 s (several 3-s clips); shorter walks are
#: analysed but give few windows.
PROTOCOL_MIN_WALK_S = 8.0
#: Heel to toe the ankles come onto one line; in ordinary walking they stay a step
#: width apart (0.05-0.07 of stature in older adults). The 10th percentile of the
#: ankles' distance across the walking direction must come within 0.035 of stature
#: (about two thirds of a foot's breadth, 0.055): the sample measures 0.016-0.022,
#: synthetic tandem walks 0.002, the same walks with feet a step width apart 0.05+.
TANDEM_MAX_GAP_STATURES = 0.035
TANDEM_GAP_PERCENTILE = 10
#: Another person counts as moving when their feet move by one tandem step (0.15 of
#: their stature) or their size changes by 10 % over the time they are in view.
OTHER_MIN_MOVE_STATURES = 0.15
OTHER_MIN_SIZE_CHANGE = 0.10
#: ... and as in the walkway when their feet come within a quarter of the patient's
#: stature of the patient's path; "in front" when larger than the patient and
#: overlapping them. Both must last this long (a detector flicker does not count).
WALKWAY_MARGIN_STATURES = 0.25
OTHER_MIN_OVERLAP_S = 0.3
#: A person's detector box is about 10 % taller than their nose-to-ankle keypoints (the
#: crown lies 0.08 of stature above the nose, the feet below the ankles).
BOX_OVER_KEYPOINTS = 1.1

FILM_TOWARD = N_("Film the patient walking toward the camera, camera in front at about hip height.")


def _r(value: float | None, digits: int = 3) -> float | None:
    return None if value is None or not math.isfinite(value) else round(float(value), digits)


@register(TANDEM_WALK, "approach_direction")
def approach_direction(inputs: ProtocolInputs) -> Check:
    m = inputs.walk
    threshold = {"pass_max_deg": APPROACH_PASS_MAX_DEG, "fail_min_deg": APPROACH_FAIL_MIN_DEG,
                 "away_min_deg": AWAY_MIN_DEG, "min_progress_statures": MIN_PROGRESS_STATURES}
    progress = None if m.speed is None else m.speed * m.walk_s
    details = {"progress_statures": _r(progress), "depth_rate_statures_per_s": _r(m.depth_rate),
               "lateral_rate_statures_per_s": _r(m.lateral_rate), "feet_down_rate_statures_per_s": _r(m.feet_down_rate),
               "size_growth_per_s": _r(m.size_growth_per_s), "distance_statures": _r(m.distance_statures),
               "assumed_focal_px": _r(assumed_focal_px(inputs.image_size), 1)}
    angle = m.direction_deg
    if angle is None or progress is None or progress < MIN_PROGRESS_STATURES:
        return Check("approach_direction", FAIL, _r(angle, 1), threshold,
                     N_("The patient did not progress along a walkway (less than one heel-to-toe step)."),
                     FILM_TOWARD, details)
    if angle > AWAY_MIN_DEG:
        return Check("approach_direction", FAIL, _r(angle, 1), threshold,
                     N_("The patient walked away from the camera (direction {angle:.0f}°; 0° is straight toward it)."),
                     FILM_TOWARD, details, values={"angle": angle})
    if angle > APPROACH_FAIL_MIN_DEG:
        return Check("approach_direction", FAIL, _r(angle, 1), threshold,
                     N_("The patient walked across the view, not toward the camera (direction {angle:.0f}°)."),
                     FILM_TOWARD, details, values={"angle": angle})
    if angle > APPROACH_PASS_MAX_DEG:
        return Check("approach_direction", WARN, _r(angle, 1), threshold,
                     N_("The walk approached the camera at an angle ({angle:.0f}°; straight on is 0°)."),
                     N_("Place the camera in line with the walkway."), details, values={"angle": angle})
    return Check("approach_direction", PASS, _r(angle, 1), threshold,
                 N_("The patient walked toward the camera (direction {angle:.0f}°)."), "", details,
                 values={"angle": angle})


@register(TANDEM_WALK, "facing_camera")
def facing_camera(inputs: ProtocolInputs) -> Check:
    m = inputs.walk
    threshold = {"face_fail_below": FACE_FAIL_BELOW, "face_warn_below": FACE_WARN_BELOW,
                 "front_share_fail_below": FRONT_SHARE_FAIL_BELOW, "front_share_warn_below": FRONT_SHARE_WARN_BELOW}
    face, share = m.face_confidence, m.facing_share
    details = {"front_view_share": _r(share)}
    if face is None or share is None:
        return Check("facing_camera", FAIL, _r(face), threshold, N_("The patient's face and shoulders were not seen."),
                     FILM_TOWARD, details)
    if face < FACE_FAIL_BELOW or share < FRONT_SHARE_FAIL_BELOW:
        return Check("facing_camera", FAIL, _r(face), threshold,
                     N_("The patient was filmed from behind (face not visible)."), FILM_TOWARD, details)
    if face < FACE_WARN_BELOW or share < FRONT_SHARE_WARN_BELOW:
        return Check("facing_camera", WARN, _r(face), threshold,
                     N_("The patient's face was seen poorly or turned aside."), FILM_TOWARD, details)
    return Check("facing_camera", PASS, _r(face), threshold, N_("The patient faced the camera."), "", details)


@register(TANDEM_WALK, "in_frame")
def in_frame(inputs: ProtocolInputs) -> Check:
    share = inputs.walk.in_frame_share
    threshold = {"pass_min": IN_FRAME_PASS_MIN, "fail_below": IN_FRAME_FAIL_BELOW}
    values = {"share": share, "needed": IN_FRAME_FAIL_BELOW}
    advice = N_("Keep the whole body, head to feet, in the picture for the whole walk.")
    if share < IN_FRAME_FAIL_BELOW:
        return Check("in_frame", FAIL, _r(share), threshold,
                     N_("Head and both ankles were in view in {share:.0%} of the walk (at least {needed:.0%} needed)."),
                     advice, values=values)
    words = N_("Head and both ankles were in view in {share:.0%} of the walk.")
    if share < IN_FRAME_PASS_MIN:
        return Check("in_frame", WARN, _r(share), threshold, words, advice, values=values)
    return Check("in_frame", PASS, _r(share), threshold, words, values=values)


@register(TANDEM_WALK, "duration")
def duration(inputs: ProtocolInputs) -> Check:
    walk = inputs.walk.walk_s
    threshold = {"fail_below_s": inputs.min_duration_s, "protocol_min_s": PROTOCOL_MIN_WALK_S,
                 "protocol_max_s": 15.0, "clip_s": 3.0}
    if walk < inputs.min_duration_s - 1e-6:  # a frame-rate rounding is no shortfall
        return Check("duration", FAIL, _r(walk, 2), threshold,
                     N_("The walk lasts {walk:.1f} s; the model needs at least {minimum:.1f} s."),
                     N_("Film a walk of 8-15 s."), values={"walk": walk, "minimum": inputs.min_duration_s})
    if walk < PROTOCOL_MIN_WALK_S - 1e-6:
        return Check("duration", WARN, _r(walk, 2), threshold,
                     N_("The walk lasts {walk:.1f} s, shorter than the protocol's 8-15 s: few windows are analysed."),
                     N_("Film a walk of 8-15 s."), values={"walk": walk})
    return Check("duration", PASS, _r(walk, 2), threshold, N_("The walk lasts {walk:.1f} s."),
                 values={"walk": walk})


@register(TANDEM_WALK, "tandem_steps")
def tandem_steps(inputs: ProtocolInputs) -> Check:
    gap = inputs.walk.across_gap(TANDEM_GAP_PERCENTILE)
    threshold = {"max_gap_statures": TANDEM_MAX_GAP_STATURES, "percentile": TANDEM_GAP_PERCENTILE}
    if gap is None:
        return Check("tandem_steps", WARN, None, threshold, N_("Heel-to-toe placement could not be measured."),
                     N_("Check in the video that the patient walked heel to toe."))
    if gap > TANDEM_MAX_GAP_STATURES:
        return Check("tandem_steps", WARN, _r(gap), threshold,
                     N_("The feet stayed apart as in ordinary walking, not heel to toe on one line."),
                     N_("This test is the tandem walk: ask the patient to place heel against toe."))
    return Check("tandem_steps", PASS, _r(gap), threshold, N_("The feet came onto one line (heel to toe)."))


@register(TANDEM_WALK, "walking")
def walking(inputs: ProtocolInputs) -> Check:
    m = inputs.walk
    progress = None if m.speed is None else m.speed * m.walk_s
    threshold = {"min_progress_statures": MIN_PROGRESS_STATURES, "seated_max_thigh_to_shank": SEATED_MAX_THIGH_TO_SHANK}
    details = {"thigh_to_shank": _r(m.thigh_to_shank), "stepping_statures": _r(m.stepping)}
    advice = N_("Film the patient walking the whole walkway.")
    if m.thigh_to_shank is not None and m.thigh_to_shank < SEATED_MAX_THIGH_TO_SHANK:
        return Check("walking", FAIL, _r(progress), threshold, N_("The patient appears to be seated, not walking."),
                     advice, details)
    if progress is None or progress < MIN_PROGRESS_STATURES:
        return Check("walking", FAIL, _r(progress), threshold,
                     N_("The patient stood still: no walking was seen."), advice, details)
    return Check("walking", PASS, _r(progress), threshold,
                 N_("The patient walked ({progress:.1f} body heights of progress)."), "", details,
                 values={"progress": progress})


@register(TANDEM_WALK, "other_walkers")
def other_walkers(inputs: ProtocolInputs) -> Check:
    threshold = {"min_move_statures": OTHER_MIN_MOVE_STATURES, "min_size_change": OTHER_MIN_SIZE_CHANGE,
                 "walkway_margin_statures": WALKWAY_MARGIN_STATURES, "min_overlap_s": OTHER_MIN_OVERLAP_S}
    found = [tid for tid in (_intrudes(t, inputs) for t in inputs.others) if tid is not None]
    if found:
        return Check("other_walkers", WARN, len(found), threshold,
                     N_("{n} other person(s) moved in the walkway or between the camera and the patient."),
                     N_("Check in the player that the right person was analysed; film with the walkway clear."),
                     {"tracks": found}, values={"n": len(found)})
    return Check("other_walkers", PASS, 0, threshold, N_("Nobody else moved in the walkway or in front of the patient."))


def _intrudes(track, inputs: ProtocolInputs) -> int | None:
    """The track's id when that person moves in the walkway or stands in front of the patient."""
    if len(track.boxes) < 2:
        return None
    sk = inputs.skeleton
    t = np.asarray(track.timestamps, np.float64)
    boxes = np.asarray(track.boxes, np.float64).reshape(-1, 4)
    st = np.asarray(sk.timestamps, np.float64)
    joints = np.asarray(sk.joints, np.float64)
    idx = np.clip(np.searchsorted(st, t), 0, len(st) - 1)
    together = np.asarray(sk.present, bool)[idx] & np.isfinite(joints[idx, 15:17]).all((1, 2))
    if together.sum() < 2 or float(np.ptp(t[together])) < OTHER_MIN_OVERLAP_S:
        return None
    pj = joints[idx[together]]
    p_top, p_feet = np.nanmin(pj[..., 1], 1), pj[:, 15:17, 1].mean(1)
    p_height = np.maximum(p_feet - p_top, 1.0)
    b = boxes[together]
    tt = t[together]
    heights = np.maximum(b[:, 3] - b[:, 1], 1.0)
    feet_x = (b[:, 0] + b[:, 2]) / 2
    move = abs(np.polyfit(tt, feet_x / np.median(heights), 1)[0]) * np.ptp(tt)
    size_change = abs(np.polyfit(tt, np.log(heights), 1)[0]) * np.ptp(tt)
    moving = move >= OTHER_MIN_MOVE_STATURES or size_change >= OTHER_MIN_SIZE_CHANGE
    ankles_x = pj[:, 15:17, 0]
    margin = WALKWAY_MARGIN_STATURES * np.median(p_height)
    in_walkway = (feet_x >= np.nanmin(ankles_x) - margin) & (feet_x <= np.nanmax(ankles_x) + margin)
    p_left, p_right = np.nanmin(pj[..., 0], 1), np.nanmax(pj[..., 0], 1)
    overlap = (b[:, 0] < p_right) & (b[:, 2] > p_left)
    in_front = (heights > BOX_OVER_KEYPOINTS * p_height) & overlap
    dt = float(np.median(np.diff(tt))) if tt.size > 1 else 0.0
    if (moving and in_walkway.sum() * dt >= OTHER_MIN_OVERLAP_S) or in_front.sum() * dt >= OTHER_MIN_OVERLAP_S:
        return int(track.track_id)
    return None
