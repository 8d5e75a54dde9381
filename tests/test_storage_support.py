"""Helpers of the storage tests (no tests here): a hand-made PoseRun and subprocess tools."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from gaitscreen.core.pose import PoseRun, PoseSettings
from gaitscreen.core.skeleton import SkeletonSequence
from gaitscreen.core.tracking import SubjectScore, Track
from gaitscreen.core.video import probe
from gaitscreen.storage import Study

ROOT = Path(__file__).resolve().parents[1]


def make_track(track_id: int, n: int, x0: float, fps: float = 30.0, step: int = 2) -> Track:
    rng = np.random.default_rng(track_id)
    track = Track(track_id)
    for k in range(n):
        box = np.array([x0, 100 + k, x0 + 80, 400 + 2 * k], np.float32)
        track.samples.append(k)
        track.timestamps.append(k * step / fps)
        track.boxes.append(box)
        track.scores.append(0.9 - 0.01 * k)
        track.keypoints.append(rng.uniform(0, 500, (17, 2)).astype(np.float32))
        track.keypoint_conf.append(rng.uniform(0, 1, 17).astype(np.float32))
    track.velocity = np.array([0.5, 1.0, 0.5, 2.0], np.float32)
    return track


def make_pose_run(video: Path, sha256: str, duration_s: float = 7.5, fps: float = 30.0,
                  subject_id: int = 1) -> PoseRun:
    """A PoseRun built by hand (no pose model): a ``duration_s`` skeleton and two tracks."""
    n = int(round(duration_s * fps))
    rng = np.random.default_rng(n)
    joints = rng.uniform(100, 900, (n, 17, 2)).astype(np.float32)
    conf = rng.uniform(0.3, 1.0, (n, 17)).astype(np.float32)
    joints[5:8] = np.nan  # the patient missing for a few frames
    conf[5:8] = 0.0
    skeleton = SkeletonSequence(joints=joints, confidence=conf, timestamps=np.arange(n) / fps, layout="coco17",
                                fps=fps, image_size=(1080, 1920), source=video.name, source_sha256=sha256,
                                track_id=subject_id, meta={"pose_stride": 2})
    tracks = [make_track(1, 12, 500.0), make_track(2, 9, 20.0)]
    candidates = [SubjectScore(1, 1.0, 0.4, 0.9, 0.1, 0.5), SubjectScore(2, 0.7, 0.2, 0.1, 0.0, 0.05)]
    if subject_id == 2:
        candidates.reverse()
    return PoseRun(video=probe(video), video_sha256=sha256, skeleton=skeleton, subject_id=subject_id,
                   candidates=candidates, tracks=tracks, settings=PoseSettings(), pose_model="yolo11n-pose",
                   pose_model_sha256="ab" * 32, device="cpu", stats={"seconds_total": 1.0})


def start_python(code: str) -> subprocess.Popen:
    """Run ``code`` in a fresh interpreter from the repository root (stdout piped)."""
    return subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def wait_for_line(proc: subprocess.Popen, expected: str, timeout: float = 20.0) -> str:
    """Read the child's stdout until a line equal to ``expected``; fail on exit or timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            raise AssertionError(f"child exited early ({proc.wait()}): {proc.stderr.read()[-2000:]}")
        if line.strip() == expected:
            return line
    raise AssertionError(f"child never printed {expected!r}")


def run_python(code: str, timeout: float = 30.0) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def study(tmp_path: Path):
    """A new writable study opened by user "alice"."""
    s = Study.open(tmp_path / "study", user="alice")
    yield s
    s.close()


@pytest.fixture
def recording(study: Study, walk_video: Path):
    """Patient P-001 with the walk video imported (copied)."""
    patient = study.add_patient("P-001", birth_year=1950, sex="F", height_cm=160)
    return study.import_video(patient.id, walk_video, operator="op").recording


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []
