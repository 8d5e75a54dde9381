"""Protocol checks on synthetic walks filmed toward, across and away from the camera, and on bad inputs.

The walks come from the synthetic generator's pinhole camera and detector-noise
model (several subjects, cameras and detectors per direction), so the thresholds
are held to material they were not tuned on; the real sample video's variants are
in ``test_protocol_video.py``.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from gaitscreen.core.analysis.protocol import (
    FAIL,
    NOT_ASSESSABLE,
    PASS,
    WARN,
    Check,
    ProtocolInputs,
    accept_in_report,
    apply_protocol,
    check_protocol,
    register,
    registered,
)
from gaitscreen.core.analysis.wording import plain_result
from gaitscreen.core.errors import GaitScreenError
from gaitscreen.core.skeleton import SkeletonSequence
from gaitscreen.core.tracking import Track
from gaitscreen.synth import generate_subject, generate_walk

CODES = ["approach_direction", "facing_camera", "in_frame", "duration", "tandem_steps", "walking", "other_walkers"]
SEEDS = (11, 12, 13)


def _walk(seed: int, heading: float | None, duration: float = 9.0) -> SkeletonSequence:
    rng = np.random.default_rng(seed)
    subject = generate_subject(rng, subject_id=f"p{seed}")
    return generate_walk(subject, duration_s=duration, rng=rng, heading_deg=heading).skeleton


def _check(skeleton: SkeletonSequence, others: list | None = None) -> dict[str, Check]:
    result = check_protocol(ProtocolInputs(skeleton, tuple(skeleton.image_size), others or [], None, 1.0))
    assert [c.code for c in result.checks] == CODES
    return {c.code: c for c in result.checks}


def _replace(skeleton: SkeletonSequence, joints: np.ndarray, confidence: np.ndarray | None = None,
             times: np.ndarray | None = None) -> SkeletonSequence:
    n = joints.shape[0]
    return dataclasses.replace(
        skeleton, joints=joints.astype(np.float32),
        confidence=(skeleton.confidence[:n] if confidence is None else confidence).astype(np.float32),
        timestamps=skeleton.timestamps[:n] if times is None else times, present=None, interpolated=None,
        frame_indices=None)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("heading", [None, 0.0, 30.0])
def test_walk_toward_the_camera_passes_every_check(seed, heading) -> None:
    checks = _check(_walk(seed, heading))
    assert {c.code: c.status for c in checks.values()} == dict.fromkeys(CODES, PASS)
    assert checks["approach_direction"].value < 45
    assert checks["duration"].threshold["fail_below_s"] == 1.0


@pytest.mark.parametrize("seed", SEEDS)
def test_walk_across_the_view_fails_the_approach(seed) -> None:
    checks = _check(_walk(seed, 90.0))
    assert checks["approach_direction"].status == FAIL
    assert "across" in checks["approach_direction"].message
    assert 75 < checks["approach_direction"].value < 105
    assert checks["walking"].status == PASS  # the patient did walk


@pytest.mark.parametrize("seed", SEEDS)
def test_walk_away_fails_approach_and_facing(seed) -> None:
    checks = _check(_walk(seed, 180.0))
    assert checks["approach_direction"].status == FAIL and "away" in checks["approach_direction"].message
    assert checks["facing_camera"].status == FAIL and "behind" in checks["facing_camera"].message
    assert checks["walking"].status == PASS


def test_mirrored_walk_passes_like_the_original() -> None:
    skeleton = _walk(SEEDS[0], 30.0)
    width = skeleton.image_size[0]
    joints = skeleton.joints.copy()
    joints[..., 0] = width - 1 - joints[..., 0]
    # a mirror image shows a front view again: the detector names the sides as before
    swap = [0, 2, 1, 4, 3, 6, 5, 8, 7, 10, 9, 12, 11, 14, 13, 16, 15]
    mirrored = _replace(skeleton, joints[:, swap], skeleton.confidence[:, swap])
    assert {c.status for c in _check(mirrored).values()} == {PASS}


def test_time_reversed_walk_walks_away() -> None:
    skeleton = _walk(SEEDS[1], 0.0)
    reversed_ = _replace(skeleton, skeleton.joints[::-1], skeleton.confidence[::-1])
    checks = _check(reversed_)
    assert checks["approach_direction"].status == FAIL and "away" in checks["approach_direction"].message
    assert checks["facing_camera"].status == PASS  # still facing the camera, walking backward


def test_ordinary_walking_is_not_a_tandem_walk() -> None:
    skeleton = _walk(SEEDS[2], 0.0)
    joints = skeleton.joints.copy()
    stature = (joints[:, 15:17, 1].mean(1) - joints[:, 5:7, 1].mean(1)) / 0.78
    half = 0.5 * 0.07 * stature  # ankles a step width (0.07 of stature) apart
    for left, right in ((13, 14), (15, 16)):  # knees and ankles
        joints[:, left, 0] += half
        joints[:, right, 0] -= half
    checks = _check(_replace(skeleton, joints))
    assert checks["tandem_steps"].status == WARN and checks["tandem_steps"].value > 0.035
    assert _check(skeleton)["tandem_steps"].status == PASS


def _still(skeleton: SkeletonSequence, seconds: float, rng: np.random.Generator) -> SkeletonSequence:
    n = int(seconds * skeleton.fps)
    joints = np.repeat(skeleton.joints[:1], n, 0) + rng.normal(0, 2.0, (n, 17, 2))
    times = np.arange(n) / skeleton.fps
    return _replace(skeleton, joints, np.repeat(skeleton.confidence[:1], n, 0), times)


def test_standing_still_is_not_walking() -> None:
    still = _still(_walk(SEEDS[0], 0.0), 6.0, np.random.default_rng(0))
    checks = _check(still)
    assert checks["walking"].status == FAIL and "stood still" in checks["walking"].message
    assert checks["approach_direction"].status == FAIL and "progress" in checks["approach_direction"].message


def test_sitting_is_not_walking() -> None:
    still = _still(_walk(SEEDS[1], 0.0), 6.0, np.random.default_rng(1))
    joints = still.joints.copy()
    shank = joints[:, 15:17, 1] - joints[:, 13:15, 1]
    lift = joints[:, 13:15, 1] - 0.15 * shank - joints[:, 11:13, 1]  # thighs point at the camera
    joints[:, 11:13, 1] += lift
    joints[:, :11, 1] += lift.mean(1, keepdims=True)  # the upper body sinks with the hips
    checks = _check(_replace(still, joints))
    assert checks["walking"].status == FAIL and "seated" in checks["walking"].message


def test_one_frame_fails_without_an_exception() -> None:
    skeleton = _walk(SEEDS[0], 0.0)
    one = _replace(skeleton, skeleton.joints[:1], skeleton.confidence[:1])
    checks = _check(one)
    assert checks["duration"].status == FAIL
    assert checks["approach_direction"].status == FAIL and checks["walking"].status == FAIL


def test_short_walk_warns_and_head_out_of_frame_fails() -> None:
    skeleton = _walk(SEEDS[0], 0.0, duration=4.0)
    assert _check(skeleton)["duration"].status == WARN
    conf = skeleton.confidence.copy()
    conf[: int(0.7 * len(conf)), :5] = 0.05  # head cut off for most of the walk
    checks = _check(_replace(skeleton, skeleton.joints, conf))
    assert checks["in_frame"].status == FAIL


def _track(skeleton: SkeletonSequence, track_id: int, every: int = 4) -> Track:
    """A detector track of a synthetic person: boxes around their keypoints."""
    track = Track(track_id)
    for i in range(0, skeleton.num_frames, every):
        k = skeleton.joints[i]
        pad = 0.08 * (k[:, 1].max() - k[:, 1].min())
        track.samples.append(i)
        track.timestamps.append(float(skeleton.timestamps[i]))
        track.boxes.append(np.array([k[:, 0].min() - pad, k[:, 1].min() - 2 * pad, k[:, 0].max() + pad,
                                     k[:, 1].max() + pad], np.float32))
        track.scores.append(0.9)
        track.keypoints.append(k)
        track.keypoint_conf.append(skeleton.confidence[i])
    return track


def test_someone_crossing_in_front_is_another_walker() -> None:
    patient = _walk(SEEDS[0], 0.0, duration=6.0)
    crosser = _walk(SEEDS[1], 90.0, duration=6.0)  # walks across the view, nearer than the patient's start
    checks = _check(patient, [_track(crosser, 7)])
    assert checks["other_walkers"].status == WARN and checks["other_walkers"].details["tracks"] == [7]


def test_a_bystander_standing_at_the_side_is_not() -> None:
    patient = _walk(SEEDS[0], 0.0, duration=6.0)
    rng = np.random.default_rng(3)
    bystander = _still(_walk(SEEDS[2], 0.0, duration=6.0), 6.0, rng)
    joints = bystander.joints.copy()
    joints[..., 0] += -joints[..., 0].min() + 5  # moved to the image's left edge
    joints[..., 1] = joints[..., 1] * 0.6 + 0.1 * patient.image_size[1]  # smaller: farther away
    checks = _check(patient, [_track(_replace(bystander, joints), 8)])
    assert checks["other_walkers"].status == PASS


def test_not_assessable_keeps_r_and_accepting_restores_the_group() -> None:
    away = _walk(SEEDS[0], 180.0)
    protocol = check_protocol(ProtocolInputs(away, tuple(away.image_size)))
    assert not protocol.assessable and {c.code for c in protocol.failed} >= {"approach_direction"}
    screening = {"risk_group": "mostly unstable", "risk_reason": "3 of 4", "instability_rate": 0.75}
    entries = apply_protocol(screening, protocol)
    assert screening["risk_group"] == NOT_ASSESSABLE and screening["instability_rate"] == 0.75
    assert "walk" in screening["risk_reason"] and "toward the camera" in screening["risk_reason"]
    assert entries["risk_group_if_assessable"] == "mostly unstable" and entries["assessable"] is False
    report = {"screening": screening, "protocol": entries}
    reasons = {c.code: "filmed for a research question" for c in protocol.failed}
    accepted = accept_in_report(report, reasons)
    assert accepted["screening"]["risk_group"] == "mostly unstable"
    assert accepted["protocol"]["assessable"] is False  # still a deviation, now accepted
    assert [a["code"] for a in accepted["protocol"]["accepted_deviations"]] == list(reasons)
    assert report["screening"]["risk_group"] == NOT_ASSESSABLE  # the original is untouched
    words = plain_result(NOT_ASSESSABLE, reason=screening["risk_reason"])
    assert words.title == "Not assessable" and "protocol" in words.text() and "heel to toe" in words.text()


def test_accepting_needs_a_known_failed_check_and_a_reason() -> None:
    away = _walk(SEEDS[0], 180.0)
    inputs = ProtocolInputs(away, tuple(away.image_size))
    with pytest.raises(GaitScreenError, match="Unknown protocol check"):
        check_protocol(inputs, accepted={"no_such_check": "x"})
    with pytest.raises(GaitScreenError, match="needs a reason"):
        check_protocol(inputs, accepted={"approach_direction": " "})
    with pytest.raises(GaitScreenError, match="passed"):
        check_protocol(inputs, accepted={"other_walkers": "x"})
    result = check_protocol(inputs, accepted={c: "research" for c in ("approach_direction", "facing_camera")})
    assert result.failed and not [c for c in result.blocking if c.code == "approach_direction"]


def test_a_later_test_adds_its_own_checks() -> None:
    @register("chair-stand-test-only", "rises")
    def rises(inputs: ProtocolInputs) -> Check:
        return Check("rises", PASS, 5, {"min": 5}, "Five rises were seen.")

    with pytest.raises(ValueError):
        register("chair-stand-test-only", "rises")(rises)
    skeleton = _walk(SEEDS[0], 0.0, duration=3.0)
    result = check_protocol(ProtocolInputs(skeleton, tuple(skeleton.image_size)), "chair-stand-test-only")
    assert [c.code for c in result.checks] == ["rises"] and result.assessable
    assert registered() == CODES
    with pytest.raises(GaitScreenError):
        registered("no-such-test")


def test_the_generator_walks_in_the_direction_asked() -> None:
    def distances(heading):
        rng = np.random.default_rng(21)
        walk = generate_walk(generate_subject(rng, subject_id="d"), duration_s=6.0, rng=rng, heading_deg=heading)
        return walk.skeleton.meta["start_distance_m"], walk.skeleton.meta["end_distance_m"], walk.skeleton
    start, end, _ = distances(None)
    assert start > end + 0.5  # the protocol's walk: toward the camera
    start, end, away = distances(180.0)
    assert end > start + 0.5
    assert np.median(away.confidence[:, :3]) < 0.3  # seen from behind the face is hidden
    start, end, across = distances(90.0)
    assert abs(end - start) < 0.2
    x = across.joints[:, 15:17, 0].mean(1)
    assert 0 < np.nanmin(x) and np.nanmax(x) < across.image_size[0]  # the whole walk fits the view
