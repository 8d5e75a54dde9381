"""Long recordings: the analysis after pose costs work in proportion to the walk's
length (counted, not timed), can be cancelled, and a video over the stated maximum
is refused before pose."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from test_kinematics import make_walk

from gaitscreen.core.analysis import filters, gait_parameters, measure_span, walk_measures
from gaitscreen.core.analysis.screening import clip_spans
from gaitscreen.core.errors import Cancelled, VideoError
from gaitscreen.core.skeleton import SkeletonSequence
from gaitscreen.core.video import MAX_RECORDING_S, check_length, probe


def long_walk(repeats: int) -> SkeletonSequence:
    """``repeats`` synthetic approach walks back to back (each about 10 s)."""
    parts = [make_walk(seed=k).skeleton for k in range(repeats)]
    dt = 1.0 / parts[0].fps
    joints, conf, stamps, offset = [], [], [], 0.0
    for p in parts:
        joints.append(p.joints)
        conf.append(p.confidence)
        stamps.append(p.timestamps + offset)
        offset = stamps[-1][-1] + dt
    return SkeletonSequence(joints=np.concatenate(joints), confidence=np.concatenate(conf),
                            timestamps=np.concatenate(stamps), layout="coco17", fps=parts[0].fps,
                            image_size=(1080, 1920))


def clips_of(skeleton: SkeletonSequence, clip_s: float = 3.0) -> list[tuple[int, float, float]]:
    spans = clip_spans(float(skeleton.timestamps[0]), float(skeleton.duration_s), clip_s)
    return [(k, s, e) for k, (s, e) in enumerate(spans)]


@pytest.fixture
def filter_work(monkeypatch):
    """Counts the samples (rows) and the runs the zero-phase filter processes."""
    work = {"rows": 0, "calls": 0}
    real = filters.sosfiltfilt

    def counting(sos, x, padlen):
        work["rows"] += len(x)
        work["calls"] += 1
        return real(sos, x, padlen)

    monkeypatch.setattr(filters, "sosfiltfilt", counting)
    return work


def test_kinematics_work_grows_linearly_with_the_walk(filter_work) -> None:
    """4x the frames → about 4x the filtered samples (the old per-clip recomputation
    gave about 16x: 4x the clips, each filtering the whole walk)."""
    short, long = long_walk(1), long_walk(4)
    walk_measures(short, clips_of(short))
    rows_short = filter_work["rows"]
    filter_work["rows"] = 0
    walk_measures(long, clips_of(long))
    frames_ratio = long.num_frames / short.num_frames
    assert frames_ratio == pytest.approx(4.0, rel=0.05)
    assert filter_work["rows"] / rows_short == pytest.approx(frames_ratio, rel=0.15)


def _screen(skeleton: SkeletonSequence, **callbacks):
    """The main job's steps after pose, on a synthetic skeleton (no video needed)."""
    from pathlib import Path

    from test_screening import SwayScorer

    from gaitscreen.core.pose import PoseRun, PoseSettings
    from gaitscreen.core.screen import screen_pose_run
    from gaitscreen.core.video import VideoInfo

    info = VideoInfo(path=Path("synthetic.mp4"), width=1080, height=1920, fps=skeleton.fps,
                     frame_count=skeleton.num_frames, duration_s=skeleton.duration_s, rotation=0, codec="none",
                     size_bytes=0)
    pose = PoseRun(video=info, video_sha256="0" * 64, skeleton=skeleton, subject_id=1, candidates=[], tracks=[],
                   settings=PoseSettings(), pose_model="none", pose_model_sha256="0" * 64, device="cpu")
    return screen_pose_run(pose, SwayScorer(), **callbacks)


class CancelAt:
    """Records the stages reported; asks to stop once ``stage`` has been reported."""

    def __init__(self, stage: str | None = None) -> None:
        self.stage, self.seen = stage, []

    def progress(self, done: int, total: int, stage: str) -> None:
        self.seen.append(stage)

    def should_cancel(self) -> bool:
        return self.stage is not None and self.stage in self.seen


def test_every_stage_after_pose_reports_progress_and_can_be_cancelled(tmp_path) -> None:
    from gaitscreen.core.screen import write_outputs

    skeleton = long_walk(2)
    full = CancelAt()
    screening = _screen(skeleton, progress=full.progress, should_cancel=full.should_cancel)
    stages = list(dict.fromkeys(full.seen))
    for stage in ("Preparing windows", "Measuring the walk", "Measuring the clips", "Gait parameters"):
        assert stage in stages
    for stage in stages[:-1]:  # the last one says it is done
        at = CancelAt(stage)
        with pytest.raises(Cancelled):
            _screen(skeleton, progress=at.progress, should_cancel=at.should_cancel)

    written = CancelAt()
    write_outputs(screening.report, pdf=tmp_path / "r.pdf", json_path=tmp_path / "r.json",
                  progress=written.progress, should_cancel=written.should_cancel)
    report_stages = list(dict.fromkeys(written.seen))
    assert report_stages[0] == "Writing report" and len(report_stages) > 1
    out = tmp_path / "cancelled"
    out.mkdir()
    for stage in report_stages:
        at = CancelAt(stage)
        with pytest.raises(Cancelled):
            write_outputs(screening.report, pdf=out / "r.pdf", json_path=out / "r.json",
                          progress=at.progress, should_cancel=at.should_cancel)
        assert list(out.iterdir()) == []


def test_screening_job_kinematics_work_is_linear(filter_work) -> None:
    """The job (windows, classifier, kinematics, gait, report data) on N and 4N frames."""
    short, long = long_walk(1), long_walk(4)
    first = _screen(short)
    rows_short = filter_work["rows"]
    filter_work["rows"] = 0
    second = _screen(long)
    assert len(second.report["kinematics"]["clips"]) >= 3 * len(first.report["kinematics"]["clips"])
    assert filter_work["rows"] / rows_short == pytest.approx(long.num_frames / short.num_frames, rel=0.15)


def test_whole_walk_series_computed_once_whatever_the_clip_count(filter_work) -> None:
    skeleton = long_walk(2)
    walk_measures(skeleton, clips_of(skeleton, clip_s=10.0))
    few = dict(filter_work)
    filter_work.update(rows=0, calls=0)
    many_clips = clips_of(skeleton, clip_s=0.5)
    assert len(many_clips) >= 10 * len(clips_of(skeleton, clip_s=10.0)) // 2
    walk_measures(skeleton, many_clips)
    assert filter_work == few


def test_clip_values_are_the_same_as_measuring_each_span_alone() -> None:
    skeleton = make_walk(seed=3, sway=(0.05, 4.0, 6.0)).skeleton
    clips = clips_of(skeleton)
    kinematics, gait = walk_measures(skeleton, clips, height_cm=165, walkway_m=2.7)
    for (index, start, end), got in zip(clips, kinematics["clips"], strict=True):
        assert got == dict(measure_span(skeleton, start, end).to_dict(), index=index)
    whole = measure_span(skeleton, float(skeleton.timestamps[0]),
                         float(skeleton.timestamps[0] + skeleton.duration_s))
    assert kinematics["overall"] == whole.to_dict()
    assert gait == gait_parameters(skeleton, height_cm=165, walkway_m=2.7).to_dict()


def test_cancel_during_kinematics_stops_with_cancelled() -> None:
    skeleton = long_walk(2)
    clips = clips_of(skeleton)
    seen: list[str] = []
    asked = {"n": 0}

    def cancel_on_third_question() -> bool:
        asked["n"] += 1
        return asked["n"] >= 3  # after the whole-walk series, during the clips

    with pytest.raises(Cancelled):
        walk_measures(skeleton, clips, progress=lambda d, t, s: seen.append(s),
                      should_cancel=cancel_on_third_question)
    assert "Measuring the clips" in seen
    assert len([s for s in seen if s == "Measuring the clips"]) < len(clips)


def _tiny_video(path, seconds: float, fps: float = 5.0) -> None:
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), fps, (64, 48))
    frame = np.zeros((48, 64, 3), np.uint8)
    for i in range(int(round(seconds * fps))):
        frame[:] = i % 256
        writer.write(frame)
    writer.release()


def test_video_over_the_maximum_is_refused_before_pose(tmp_path) -> None:
    from gaitscreen.core.pose import run_pose

    long_video, ok_video = tmp_path / "long.mp4", tmp_path / "ok.mp4"
    _tiny_video(long_video, MAX_RECORDING_S + 1)
    _tiny_video(ok_video, 2.0)
    assert probe(long_video).duration_s > MAX_RECORDING_S
    with pytest.raises(VideoError, match="longer than"):
        check_length(probe(long_video))
    check_length(probe(ok_video))  # no error

    class NoBackend:  # pose must not start: touching the backend fails the test
        def __getattr__(self, name):
            raise AssertionError(f"pose started ({name})")

    with pytest.raises(VideoError, match="10 minutes"):
        run_pose(long_video, backend=NoBackend())


@pytest.fixture(scope="module")
def pose_backend():
    from gaitscreen.core.pose import YoloPose

    return YoloPose(runtime="onnx", device="cpu")


@pytest.fixture(scope="module")
def unbounded(walk_video, pose_backend):
    from gaitscreen.core.pose import run_pose

    return run_pose(walk_video, backend=pose_backend, crop_budget_bytes=2**40)


def _same_skeleton(a, b) -> None:
    assert a.subject_id == b.subject_id
    assert np.array_equal(a.skeleton.present, b.skeleton.present)
    assert np.allclose(a.skeleton.joints, b.skeleton.joints, atol=0.5, equal_nan=True)
    assert np.allclose(a.skeleton.confidence, b.skeleton.confidence, atol=0.01)


def test_crops_held_for_the_tracks_stay_under_the_budget(walk_video, pose_backend, unbounded) -> None:
    """The sample (a walker and a bystander): with a budget a fifth of what all its
    crops take, the crops held never pass the budget by more than one detection
    interval's cut, the bystander's are dropped, and the skeleton is the same."""
    from gaitscreen.core.pose import run_pose

    everything = unbounded.stats["crop_bytes_peak"]
    assert unbounded.stats["crops_dropped"] == 0 and unbounded.stats["frames_recut"] == 0
    budget = int(everything / 5)
    bounded = run_pose(walk_video, backend=pose_backend, crop_budget_bytes=budget)
    assert bounded.stats["crop_bytes_peak"] <= 1.5 * budget
    assert bounded.stats["crops_dropped"] > 0
    assert bounded.stats["crops_posed_early"] > 0
    assert bounded.stats["frames_recut"] == 0  # the walker led throughout: nothing to cut again
    assert bounded.stats["pose_frames"] == unbounded.stats["pose_frames"]
    _same_skeleton(bounded, unbounded)


def test_pose_can_be_cancelled_while_the_patient_is_posed(walk_video, pose_backend, unbounded) -> None:
    from gaitscreen.core.pose import run_pose

    for budget in (2**40, int(unbounded.stats["crop_bytes_peak"] / 5)):  # posed at the end / as it goes
        for stage in ("Detecting people", "Estimating pose"):
            at = CancelAt(stage)
            with pytest.raises(Cancelled):
                run_pose(walk_video, backend=pose_backend, crop_budget_bytes=budget, progress=at.progress,
                         should_cancel=at.should_cancel)


def test_a_patient_whose_crops_were_dropped_is_cut_again(walk_video, pose_backend, unbounded,
                                                          monkeypatch) -> None:
    """If the ranking so far puts the patient last (e.g. the patient enters late),
    the patient's dropped frames are cut again in a second pass: same skeleton."""
    from gaitscreen.core.pose import pipeline, run_pose

    real = pipeline._ranking
    monkeypatch.setattr(pipeline, "_ranking", lambda *a: list(reversed(real(*a))))
    budget = int(unbounded.stats["crop_bytes_peak"] / 5)
    bounded = run_pose(walk_video, backend=pose_backend, crop_budget_bytes=budget)
    assert bounded.stats["frames_recut"] > 0
    assert bounded.stats["crop_bytes_peak"] <= 1.5 * budget
    _same_skeleton(bounded, unbounded)
    at = CancelAt("Estimating pose")  # the second pass stops too
    with pytest.raises(Cancelled):
        run_pose(walk_video, backend=pose_backend, crop_budget_bytes=budget, progress=at.progress,
                 should_cancel=at.should_cancel)


def test_cli_refuses_a_video_over_the_maximum_in_one_line(tmp_path, capsys) -> None:
    from gaitscreen.cli import main

    video = tmp_path / "eleven minutes.mp4"
    _tiny_video(video, 660.0, fps=2.0)
    for command in (["analyze", str(video), "--pdf", str(tmp_path / "r.pdf"), "--json", str(tmp_path / "r.json")],
                    ["pose", str(video), "-o", str(tmp_path / "p.npz")]):
        assert main(command + ["--quiet"]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "longer than the 10 minutes" in err[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["eleven minutes.mp4"]
