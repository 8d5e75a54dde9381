"""Protocol checks of the SPPB chair stand and balance stands (see :mod:`.protocol`).

Chair stand (SPPB): the patient sits on a chair with the arms crossed over the
chest and stands up fully and sits down five times as quickly as possible;
the camera sees the whole body and the chair from the front or obliquely from
the side. Balance stands: the patient stands with the feet side by side, in
semi-tandem and in tandem for 10 s each; the feet must be visible. There are no
chair keypoints, so "chair in view" is checked through its user: the hips and
knees of a seated patient in view. Thresholds are named with their reasons.
"""

from __future__ import annotations

import math

import numpy as np

from ..i18n import N_
from .chair_stand import ARMS_CROSSED_MAX, SEATED_MAX_SHANKS, ChairStandError, ChairStandSignals, chair_signals
from .protocol import FAIL, PASS, WARN, Check, ProtocolInputs, register
from .protocol_measures import MIN_CONFIDENCE

CHAIR_STAND, BALANCE = "chair-stand", "balance"
#: Five stands take at least ~6 s even for fit older adults (SPPB 4 points ≤ 11.19 s);
#: under 5 s of recording cannot hold them.
CHAIR_MIN_S = 5.0
#: One stance is held 10 s; under 3 s (the tandem stance's 1-point threshold) nothing
#: can be scored.
BALANCE_MIN_S = 3.0
#: Head, hips, knees and ankles in view and confident: "the whole test" is 80 %,
#: under half the analysis cannot be trusted.
IN_FRAME_PASS_MIN = 0.8
IN_FRAME_FAIL_BELOW = 0.5
#: Arms crossed (wrists near the opposite shoulders) in this share of the frames.
ARMS_PASS_MIN = 0.8
ARMS_FAIL_BELOW = 0.5
#: Face seen from behind (as in the tandem-walk checks).
FACE_FAIL_BELOW = 0.15
#: Standing for the balance stands: the thigh's vertical image length against the
#: shank's is ≈ 1 standing and ≪ 0.5 seated facing the camera.
STANDING_MIN_THIGH_TO_SHANK = 0.5
HEAD, LEGS = (0, 1, 2, 3, 4), (11, 12, 13, 14, 15, 16)


def _r(v: float | None, digits: int = 3) -> float | None:
    return None if v is None or not math.isfinite(v) else round(float(v), digits)


def _in_view(inputs: ProtocolInputs, joints: tuple[int, ...]) -> float:
    sk = inputs.skeleton
    j, c = np.asarray(sk.joints, np.float64), np.asarray(sk.confidence)
    w, h = inputs.image_size
    inside = (c >= MIN_CONFIDENCE) & (j[..., 0] >= 0) & (j[..., 0] < w) & (j[..., 1] >= 0) & (j[..., 1] < h)
    ok = inside[:, list(HEAD)].any(1) & inside[:, list(joints)].all(1)
    return float(ok.mean()) if ok.size else 0.0


def _signals(inputs: ProtocolInputs) -> ChairStandSignals | None:
    """The chair-stand signals, computed once per inputs (None when the legs were not seen)."""
    if "_chair_signals" not in inputs.__dict__:
        try:
            inputs.__dict__["_chair_signals"] = chair_signals(inputs.skeleton)
        except ChairStandError:
            inputs.__dict__["_chair_signals"] = None
    return inputs.__dict__["_chair_signals"]


def _duration(inputs: ProtocolInputs, code: str, minimum: float, what: str, advice: str) -> Check:
    d = inputs.skeleton.duration_s
    threshold = {"fail_below_s": minimum}
    values = {"seconds": d, "what": what, "minimum": minimum}
    if d < minimum - 1e-6:
        return Check(code, FAIL, _r(d, 2), threshold,
                     N_("The recording lasts {seconds:.1f} s, too short for {what} (at least {minimum:.0f} s)."),
                     advice, values=values)
    return Check(code, PASS, _r(d, 2), threshold, N_("The recording lasts {seconds:.1f} s."), values=values)


def _whole_body(inputs: ProtocolInputs, code: str, advice: str) -> Check:
    share = _in_view(inputs, LEGS)
    threshold = {"pass_min": IN_FRAME_PASS_MIN, "fail_below": IN_FRAME_FAIL_BELOW}
    words = N_("Head, hips, knees and feet were in view in {share:.0%} of the recording.")
    status = FAIL if share < IN_FRAME_FAIL_BELOW else WARN if share < IN_FRAME_PASS_MIN else PASS
    return Check(code, status, _r(share), threshold, words, "" if status == PASS else advice,
                 values={"share": share})


def _facing(inputs: ProtocolInputs, code: str, advice: str) -> Check:
    face = inputs.walk.face_confidence
    threshold = {"face_fail_below": FACE_FAIL_BELOW}
    if face is None or face < FACE_FAIL_BELOW:
        return Check(code, FAIL, _r(face), threshold, N_("The patient was filmed from behind (face not visible)."),
                     advice)
    return Check(code, PASS, _r(face), threshold, N_("The camera saw the patient from the front or the side."))


CHAIR_ADVICE = N_("Film the patient and the chair whole, from the front or obliquely from the side.")


# The checks the chair stand shares with the balance stance, in the order they are reported.
register(CHAIR_STAND, "duration")(lambda inputs: _duration(
    inputs, "duration", CHAIR_MIN_S, N_("five chair stands"), N_("Film the whole five chair stands from start to end.")))
register(CHAIR_STAND, "camera_view")(lambda inputs: _facing(inputs, "camera_view", CHAIR_ADVICE))
register(CHAIR_STAND, "in_frame")(lambda inputs: _whole_body(inputs, "in_frame", CHAIR_ADVICE))


@register(CHAIR_STAND, "seated_start")
def seated_start(inputs: ProtocolInputs) -> Check:
    sig = _signals(inputs)
    threshold = {"seated_max_shanks": SEATED_MAX_SHANKS}
    level = None if sig is None else sig.seated_level
    if level is None or level > SEATED_MAX_SHANKS:
        return Check("seated_start", FAIL, _r(level), threshold,
                     N_("Nobody was seen seated: the chair stand starts and ends each repetition sitting on a chair."),
                     N_("Film the patient sitting on the chair, hips and knees (and the chair) in view."))
    return Check("seated_start", PASS, _r(level), threshold,
                 N_("The patient was seen seated (hip {level:.2f} shank lengths above the ankles)."),
                 values={"level": level})


@register(CHAIR_STAND, "arms_crossed")
def arms_crossed(inputs: ProtocolInputs) -> Check:
    sig = _signals(inputs)
    threshold = {"crossed_max_trunk_lengths": ARMS_CROSSED_MAX, "pass_min": ARMS_PASS_MIN,
                 "fail_below": ARMS_FAIL_BELOW}
    seen = None if sig is None else sig.arms_off[np.isfinite(sig.arms_off)]
    if seen is None or seen.size == 0:
        return Check("arms_crossed", WARN, None, threshold, N_("The arms were not seen."),
                     N_("Keep the arms in view, crossed over the chest."))
    share = float(np.mean(seen <= ARMS_CROSSED_MAX))
    words = N_("The arms were crossed over the chest in {share:.0%} of the recording.")
    advice = N_("Ask the patient to cross the arms over the chest and not to push off with the hands.")
    status = FAIL if share < ARMS_FAIL_BELOW else WARN if share < ARMS_PASS_MIN else PASS
    return Check("arms_crossed", status, _r(share), threshold, words, "" if status == PASS else advice,
                 values={"share": share})


BALANCE_ADVICE = N_("Film the patient standing, from the front, with both feet in view.")


register(BALANCE, "duration")(lambda inputs: _duration(
    inputs, "duration", BALANCE_MIN_S, N_("a balance stance"), N_("Film the whole balance stance from start to end.")))
register(BALANCE, "feet_visible")(lambda inputs: _whole_body(inputs, "feet_visible", BALANCE_ADVICE))


@register(BALANCE, "standing")
def balance_standing(inputs: ProtocolInputs) -> Check:
    ratio = inputs.walk.thigh_to_shank
    threshold = {"standing_min_thigh_to_shank": STANDING_MIN_THIGH_TO_SHANK}
    if ratio is None:
        return Check("standing", FAIL, None, threshold, N_("The patient's legs were not seen."), BALANCE_ADVICE)
    if ratio < STANDING_MIN_THIGH_TO_SHANK:
        return Check("standing", FAIL, _r(ratio), threshold, N_("The patient appears to be seated, not standing."),
                     BALANCE_ADVICE)
    return Check("standing", PASS, _r(ratio), threshold, N_("The patient stood."))


@register(BALANCE, "camera_view")
def balance_view(inputs: ProtocolInputs) -> Check:
    return _facing(inputs, "camera_view", BALANCE_ADVICE)
