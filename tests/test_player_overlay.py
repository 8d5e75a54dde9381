"""Overlay geometry (no Qt): bone sides, colours, poses per frame and the hit test."""

from __future__ import annotations

import numpy as np
import pytest

import gaitscreen.core.pose  # noqa: F401  (tracking must not be the first of the two imported)
from gaitscreen.core.overlay import (
    SIDE_COLOURS,
    OverlayModel,
    bones,
    confidence_colour,
    hit_test,
    keypoint_box,
)
from gaitscreen.core.skeleton import SkeletonSequence
from gaitscreen.core.skeleton.joints import COCO17_NAMES
from gaitscreen.core.tracking import Track


def _track(track_id: int, times: list[float], x0: float, dx: float = 0.0) -> Track:
    t = Track(track_id)
    for k, ts in enumerate(times):
        x = x0 + dx * k
        t.samples.append(k)
        t.timestamps.append(ts)
        t.boxes.append(np.array([x, 100, x + 100, 400], np.float32))
        t.scores.append(0.9)
        t.keypoints.append(np.full((17, 2), [x + 50, 250], np.float32))
        t.keypoint_conf.append(np.full(17, 0.8 - 0.1 * (k % 2), np.float32))
    return t


def _skeleton(n: int = 10, absent: tuple[int, ...] = (), frame_step: int = 1) -> SkeletonSequence:
    joints = np.zeros((n, 17, 2), np.float32)
    joints[..., 0] = np.arange(n, dtype=np.float32)[:, None] * 10 + 100
    joints[..., 1] = np.arange(17, dtype=np.float32)[None, :] * 20 + 100
    conf = np.full((n, 17), 0.9, np.float32)
    present = np.ones(n, bool)
    for i in absent:
        joints[i], conf[i], present[i] = np.nan, 0.0, False
    idx = np.arange(n, dtype=np.int64) * frame_step
    return SkeletonSequence(joints, conf, idx / 30.0, "coco17", 30.0, present=present,
                            frame_indices=idx, track_id=1)


def test_bone_sides_follow_joint_names():
    by_pair = {(a, b): side for a, b, side in bones["coco17"]}
    name = {n: i for i, n in enumerate(COCO17_NAMES)}
    assert by_pair[(name["left_hip"], name["left_knee"])] == "L"
    assert by_pair[(name["right_knee"], name["right_ankle"])] == "R"
    assert by_pair[(name["left_shoulder"], name["right_shoulder"])] == "C"
    assert by_pair[(name["nose"], name["left_eye"])] == "L"
    assert len(bones["coco17"]) == 16
    assert {s for _, _, s in bones["h36m17"]} == {"L", "R", "C"}
    assert len({SIDE_COLOURS[s] for s in "LRC"}) == 3


def test_confidence_colours_run_red_to_green():
    low, mid, high = confidence_colour(0.1), confidence_colour(0.55), confidence_colour(0.95)
    assert low[0] > low[1] and high[1] > high[0]
    assert mid[0] > 150 and mid[1] > 150  # amber
    assert confidence_colour(0.0) == confidence_colour(0.3) == low
    assert confidence_colour(float("nan")) == low
    greens = [confidence_colour(c)[1] for c in np.linspace(0.3, 0.8, 6)]
    assert greens == sorted(greens)


def test_subject_by_frame_index_with_absent_and_interpolated_frames():
    model = OverlayModel(_skeleton(10, absent=(4,)))
    pose = model.subject_at(3)
    assert pose is not None and pose.track_id == 1
    assert pose.keypoints[0, 0] == pytest.approx(130)
    assert model.subject_at(4) is None
    assert model.subject_at(10) is None and model.subject_at(-1) is None
    sparse = OverlayModel(_skeleton(5, frame_step=4))  # samples at frames 0, 4, 8, ...
    mid = sparse.subject_at(6)  # halfway between samples 1 (x=110) and 2 (x=120)
    assert mid is not None and mid.interpolated
    assert mid.keypoints[0, 0] == pytest.approx(115)
    assert pose.box is not None  # from the keypoints when the subject has no track


def test_other_tracks_interpolate_within_an_interval_and_hold_half_of_one():
    dt = 8 / 60
    times = [0.0, dt, 2 * dt, 6 * dt]  # then a gap of 4 intervals
    other = _track(2, times, x0=500, dx=80)
    model = OverlayModel(_skeleton(), [_track(1, times, 0), other], subject_track_id=1)
    assert [p.track_id for p in model.others_at(0.0)] == [2]  # the subject is not an "other"
    half = model.others_at(0.5 * dt)[0]
    assert half.box[0] == pytest.approx(540)  # halfway between 500 and 580
    assert half.confidence[0] == pytest.approx(0.7)  # the lower of 0.8 and 0.7
    assert model.others_at(2 * dt + 0.4 * dt)[0].box[0] == pytest.approx(660)  # held
    assert model.others_at(4 * dt) == ()  # inside the long gap: unknown
    assert model.others_at(6 * dt + 0.6 * dt) == ()  # after the end, beyond half an interval
    assert model.others_at(-0.4 * dt)[0].box[0] == pytest.approx(500)


def test_hit_test_smallest_box_wins():
    big = np.array([0, 0, 100, 100], np.float32)
    small = np.array([40, 40, 60, 60], np.float32)
    assert hit_test([(1, big), (2, small)], 50, 50) == 2
    assert hit_test([(1, big), (2, small)], 10, 10) == 1
    assert hit_test([(1, big), (2, None)], 200, 10) is None


def test_model_hit_test_includes_the_subject_box_from_its_track():
    dt = 8 / 60
    times = [k * dt for k in range(4)]
    model = OverlayModel(_skeleton(30), [_track(1, times, 0), _track(2, times, 300)], subject_track_id=1)
    assert model.hit_test(0, 0.0, 50, 200) == 1
    assert model.hit_test(0, 0.0, 350, 200) == 2
    assert model.hit_test(0, 0.0, 250, 200) is None


def test_keypoint_box_ignores_unseen_joints():
    kp = np.array([[10, 10], [30, 50], [np.nan, np.nan], [500, 500]], np.float32)
    conf = np.array([0.9, 0.9, 0.9, 0.01], np.float32)
    box = keypoint_box(kp, conf, margin=0.0)
    np.testing.assert_allclose(box, [10, 10, 30, 50])
    assert keypoint_box(kp, np.zeros(4, np.float32)) is None
