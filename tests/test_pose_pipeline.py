"""The pose stage on the real sample walk: patient chosen, every frame covered."""

from __future__ import annotations

import os

import numpy as np
import pytest

from gaitscreen.core.errors import Cancelled, NoSubjectError
from gaitscreen.core.pose import PoseSettings, YoloPose, run_pose
from gaitscreen.core.tracking import IoUTracker, score_tracks
from gaitscreen.core.pose.types import FramePoses


@pytest.fixture(scope="module")
def backend() -> YoloPose:
    return YoloPose(runtime="onnx", device="cpu")


@pytest.fixture(scope="module")
def run(walk_video, backend):
    return run_pose(walk_video, backend=backend)


def test_every_frame_has_the_subject(run) -> None:
    skeleton = run.skeleton
    assert run.video.frame_count == 100
    assert skeleton.num_frames == 100
    assert skeleton.present.all()
    assert np.isfinite(skeleton.joints).all()
    assert skeleton.layout == "coco17"
    assert np.all(np.diff(skeleton.timestamps) > 0)
    assert skeleton.timestamps[-1] == pytest.approx(99 / 60, abs=1e-3)


def test_portrait_size_and_keypoints_inside_frame(run) -> None:
    assert (run.video.width, run.video.height) == (1080, 1920)
    assert run.skeleton.image_size == (1080, 1920)
    xy = run.skeleton.joints
    assert xy[..., 0].min() >= 0 and xy[..., 0].max() <= 1080
    assert xy[..., 1].min() >= 0 and xy[..., 1].max() <= 1920


def test_subject_is_the_walker_not_the_bystander(run) -> None:
    assert run.persons_seen >= 2
    centre_x = np.nanmean(run.skeleton.joints[..., 0])
    assert centre_x > 300, "the patient walks in the middle; the bystander stands at the far left"
    by_id = {c.track_id: c for c in run.candidates}
    walker = by_id[run.subject_id]
    others = [c for c in run.candidates if c.track_id != run.subject_id]
    assert all(walker.size > o.size and walker.centrality > o.centrality for o in others)


def test_skeleton_is_tied_to_its_video_and_model(run) -> None:
    skeleton = run.skeleton
    assert skeleton.source == "walk_frontal_bystander.mp4"
    assert len(skeleton.source_sha256) == 64
    assert skeleton.track_id == run.subject_id
    assert skeleton.meta["pose_model"] == "yolo11n-pose"
    assert len(skeleton.meta["pose_model_sha256"]) == 64


def test_explicit_subject_overrides_the_choice(walk_video, backend, run) -> None:
    bystander = next(c.track_id for c in run.candidates if c.track_id != run.subject_id)
    other = run_pose(walk_video, backend=backend, subject=bystander)
    assert other.subject_id == bystander
    assert np.nanmean(other.skeleton.joints[..., 0]) < 250


def test_unknown_subject_is_a_clear_error(walk_video, backend) -> None:
    with pytest.raises(NoSubjectError, match="Track 99 does not exist"):
        run_pose(walk_video, backend=backend, subject=99)


def test_cancel_stops_the_run(walk_video, backend) -> None:
    with pytest.raises(Cancelled):
        run_pose(walk_video, backend=backend, should_cancel=lambda: True)


def test_onnx_and_torch_runtimes_agree(walk_video, backend) -> None:
    from gaitscreen.core.video import iter_frames

    frame = next(iter_frames(walk_video, prefetch=0)).image
    torch_backend = YoloPose(runtime="torch", device="cpu")
    a = backend.predict([frame], (640, 384))[0]
    b = torch_backend.predict([frame], (640, 384))[0]
    assert len(a) == len(b) >= 2
    order_a, order_b = np.argsort(a.boxes[:, 0]), np.argsort(b.boxes[:, 0])
    assert np.abs(a.keypoints[order_a] - b.keypoints[order_b]).max() < 1.0  # pixels of a 1080×1920 frame


def test_lanes_give_the_same_skeleton_as_one_pass_at_a_time(walk_video, backend, run) -> None:
    """Two lanes (the CPU default) run detections ahead of the tracker and crops side by
    side; the result must be what one pass at a time gives: same frames, same subject,
    keypoints equal up to ONNX Runtime's thread-count rounding."""
    assert backend.lanes == (2 if (os.cpu_count() or 1) >= 2 else 1)
    single = YoloPose(backend.weights, runtime="onnx", device="cpu", lanes=1)
    assert single.lanes == 1
    one = run_pose(walk_video, backend=single)
    assert one.subject_id == run.subject_id
    assert [t.track_id for t in one.tracks] == [t.track_id for t in run.tracks]
    assert np.array_equal(one.skeleton.present, run.skeleton.present)
    diff = np.nanmax(np.abs(one.skeleton.joints - run.skeleton.joints))
    assert diff < 0.05, diff  # pixels of a 1080×1920 frame
    assert one.stats["detection_frames"] == run.stats["detection_frames"]


def test_predict_many_keeps_the_order(walk_video, backend) -> None:
    from gaitscreen.core.video import iter_frames

    frames = [f.image for f, _ in zip(iter_frames(walk_video, step=20, prefetch=0), range(4))]
    requests = [([frame], (320, 192)) for frame in frames] + [(frames[:2], (640, 384))]
    many = backend.predict_many(requests)
    assert len(many) == len(requests)
    for (images, size), got in zip(requests, many):
        want = backend.predict(images, size)
        assert len(got) == len(want)
        for g, w in zip(got, want):
            assert len(g) == len(w)
            assert np.allclose(g.keypoints, w.keypoints, atol=0.05)


def test_full_rate_pose_without_interpolation(walk_video, backend) -> None:
    result = run_pose(walk_video, backend=backend, settings=PoseSettings(pose_rate_hz=60.0))
    assert result.skeleton.meta["pose_stride"] == 1
    assert result.stats["pose_frames"] == 100
    assert result.skeleton.present.all()


def _poses(*boxes: tuple[float, float, float, float]) -> FramePoses:
    n = len(boxes)
    return FramePoses(np.asarray(boxes, np.float32).reshape(n, 4), np.full(n, 0.9, np.float32),
                      np.zeros((n, 17, 2), np.float32), np.ones((n, 17), np.float32))


def test_tracker_keeps_identities_through_a_missed_detection() -> None:
    tracker = IoUTracker()
    walker = lambda t: (400 - 5 * t, 300 - 10 * t, 600 + 5 * t, 900 + 10 * t)  # noqa: E731
    bystander = (0, 300, 120, 760)
    ids = []
    for t in range(12):
        boxes = [walker(t)] + ([bystander] if t != 5 else [])  # bystander missed once
        ids.append(tracker.update(t, t / 7.5, _poses(*boxes)))
    assert {i[0] for i in ids} == {1}
    assert {i[1] for i in ids if len(i) > 1} == {2}
    scores = score_tracks(tracker.tracks, 12, 1080, 1920)
    assert scores[0].track_id == 1 and scores[0].approach > 0


def test_video_without_people(tmp_path, backend) -> None:
    import cv2

    path = tmp_path / "empty_room.mp4"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), 30, (320, 240))
    for i in range(45):
        frame = np.full((240, 320, 3), 40 + i, np.uint8)
        cv2.rectangle(frame, (20 + i, 60), (90 + i, 120), (200, 180, 60), -1)
        writer.write(frame)
    writer.release()
    with pytest.raises(NoSubjectError, match="No person"):
        run_pose(path, backend=backend)


def _walk_pasted_small(walk_video, path, factor: float, size=(1920, 1080)):
    """The sample walk shrunk by ``factor`` and pasted in the middle of a large grey frame:
    a patient far from the camera."""
    import cv2

    reader = cv2.VideoCapture(str(walk_video))
    fps = reader.get(cv2.CAP_PROP_FPS)
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), fps, size)
    while True:
        ok, frame = reader.read()
        if not ok:
            break
        small = cv2.resize(frame, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
        canvas = np.full((size[1], size[0], 3), 90, np.uint8)
        y, x = (size[1] - small.shape[0]) // 2, (size[0] - small.shape[1]) // 2
        canvas[y : y + small.shape[0], x : x + small.shape[1]] = small
        writer.write(canvas)
    writer.release()
    return path


@pytest.mark.parametrize("factor,first_pass", [(0.3, "nobody"), (0.4, "small")])
def test_small_walkers_are_found_on_the_full_canvas(walk_video, backend, tmp_path, factor, first_pass) -> None:
    """At 0.3 the fast 320-px detection canvas sees nobody; at 0.4 it sees the patient in
    only about half the detection frames. Both are re-detected at 640 px."""
    from gaitscreen.core.errors import NoPersonError
    from gaitscreen.core.pose.pipeline import run_pose_pass
    from gaitscreen.core.pose.stage import SMALL_PERSON_PX, subject_height_on_detection_canvas

    video = _walk_pasted_small(walk_video, tmp_path / f"far-{factor}.mp4", factor)
    if first_pass == "nobody":
        with pytest.raises(NoPersonError):
            run_pose_pass(video, backend=backend)
    else:
        fast = run_pose_pass(video, backend=backend)
        assert subject_height_on_detection_canvas(fast) < SMALL_PERSON_PX
    found = run_pose(video, backend=backend)
    assert found.settings.detect_long_side == 640 and found.stats["detection_passes"] == 2
    assert "detection repeated at 640 px" in found.skeleton.meta["pose_detection_retry"]
    assert found.skeleton.coverage > 0.9
    assert found.skeleton.meta["pose_settings"]["detect_long_side"] == 640


def test_a_patient_tall_enough_is_detected_once(run) -> None:
    assert run.settings.detect_long_side == 320 and "detection_passes" not in run.stats
    assert "pose_detection_retry" not in run.skeleton.meta
