"""``gaitscreen pose`` end to end: output, bad input, weights, and no network."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from gaitscreen.core.skeleton import SkeletonSequence

ROOT = Path(__file__).resolve().parents[1]


def gaitscreen(*args: str, env: dict | None = None, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    return subprocess.run([*prefix, sys.executable, "-m", "gaitscreen", *args], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=300)


def assert_one_line_error(done: subprocess.CompletedProcess, *fragments: str) -> None:
    assert done.returncode == 2, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("gaitscreen: error: ")
    assert "Traceback" not in done.stderr
    for fragment in fragments:
        assert fragment in lines[0]


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory, walk_video) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bad")
    files = {"missing": folder / "missing.mp4", "empty": folder / "empty.mp4", "text": folder / "notes.mp4",
             "truncated": folder / "truncated.mp4", "folder": folder / "clips.mp4"}
    files["empty"].write_bytes(b"")
    files["text"].write_text("patient 12, walk 2\n" * 20)
    files["truncated"].write_bytes(walk_video.read_bytes()[: 150_000])
    files["folder"].mkdir()
    return files


@pytest.mark.parametrize("case,fragment", [
    ("missing", "not found"), ("empty", "empty"), ("text", "not a video"),
    ("truncated", "truncated.mp4"), ("folder", "folder"),
])
def test_bad_video_gives_one_line(bad_files, tmp_path, case, fragment) -> None:
    out = tmp_path / "out.npz"
    done = gaitscreen("pose", str(bad_files[case]), "-o", str(out), "-q")
    assert_one_line_error(done, fragment)
    assert not out.exists()


def test_video_without_a_person(tmp_path) -> None:
    import cv2

    path = tmp_path / "corridor.mp4"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), 25, (320, 240))
    for i in range(30):
        writer.write(np.full((240, 320, 3), 60 + 3 * i, np.uint8))
    writer.release()
    done = gaitscreen("pose", str(path), "-o", str(tmp_path / "o.npz"), "-q")
    assert_one_line_error(done, "No person")
    assert not (tmp_path / "o.npz").exists()


def test_unwritable_output_folder(walk_video, tmp_path) -> None:
    done = gaitscreen("pose", str(walk_video), "-o", str(tmp_path / "no" / "such" / "dir.npz"), "-q")
    assert_one_line_error(done, "does not exist")


def test_corrupt_and_wrong_weights(walk_video, tmp_path) -> None:
    import torch

    garbage_pt = tmp_path / "broken.pt"
    garbage_pt.write_bytes(os.urandom(4096))
    garbage_onnx = tmp_path / "broken.onnx"
    garbage_onnx.write_bytes(b"not an onnx graph" * 50)
    not_yolo = tmp_path / "classifier.pt"
    torch.save({"model": {"weights": torch.zeros(3)}}, not_yolo)
    wrong_onnx = tmp_path / "detector.onnx"
    torch.onnx.export(torch.nn.Conv2d(3, 10, 3), torch.zeros(1, 3, 64, 64), wrong_onnx, dynamo=False)
    for weights, fragment in ((garbage_pt, "broken.pt"), (garbage_onnx, "broken.onnx"),
                              (not_yolo, "classifier.pt"), (wrong_onnx, "not a COCO-17 pose model")):
        done = gaitscreen("pose", str(walk_video), "-o", str(tmp_path / "o.npz"), "-q",
                          "--pose-weights", str(weights), env={"GAITSCREEN_CACHE_DIR": str(tmp_path / "cache")})
        assert_one_line_error(done, fragment)


def test_pose_command_writes_requested_layout(walk_video, tmp_path) -> None:
    out = tmp_path / "walk.npz"
    done = gaitscreen("pose", str(walk_video), "-o", str(out), "--format", "ntu25", "-q")
    assert done.returncode == 0, done.stderr
    summary = done.stdout.strip().splitlines()[-1]
    assert "100 frames" in summary and "2 persons seen" in summary and "coverage 100%" in summary
    skeleton = SkeletonSequence.load_npz(out)
    assert skeleton.layout == "ntu25" and skeleton.joints.shape == (100, 25, 2)
    assert np.isfinite(skeleton.joints).all()


@pytest.mark.skipif(not shutil.which("unshare"), reason="unshare is not installed")
def test_pose_works_without_network_from_a_cold_cache(walk_video, tmp_path) -> None:
    probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("user namespaces are not available here")
    out = tmp_path / "offline.npz"
    done = gaitscreen("pose", str(walk_video), "-o", str(out), "-q", prefix=("unshare", "-rn"),
                      env={"GAITSCREEN_CACHE_DIR": str(tmp_path / "cold-cache"), "HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert SkeletonSequence.load_npz(out).num_frames == 100
    assert list((tmp_path / "cold-cache" / "pose").glob("*.onnx")), "the .pt weights were exported to ONNX"


_OFFLINE_PROBE = """
import json, os, socket, sys
asked = []
real = socket.getaddrinfo
socket.getaddrinfo = lambda host, *a, **k: asked.append(host) or real(host, *a, **k)
from gaitscreen.core.pose.weights import configure_ultralytics_offline
if sys.argv[1] == "before":
    import ultralytics.utils.checks  # imported first: its constants already read the environment
configure_ultralytics_offline()
import ultralytics.nn.tasks as tasks, ultralytics.utils as u, ultralytics.utils.checks as checks
import ultralytics.utils.events as events
print(json.dumps({"env": os.environ["YOLO_OFFLINE"], "online": [u.ONLINE, checks.ONLINE, events.ONLINE],
                  "autoinstall": [u.AUTOINSTALL, checks.AUTOINSTALL], "safe_load": [u.SAFE_LOAD, tasks.SAFE_LOAD],
                  "dns": asked}))
"""


def test_ultralytics_is_forced_offline_whatever_the_environment(tmp_path) -> None:
    """An inherited YOLO_OFFLINE=0 (or ULTRALYTICS_SAFE_LOAD=0, YOLO_AUTOINSTALL=1) must not
    turn ultralytics' online checks, auto-install or unsafe unpickling back on."""
    import json

    env = {**os.environ, "YOLO_OFFLINE": "0", "YOLO_AUTOINSTALL": "1", "ULTRALYTICS_SAFE_LOAD": "0",
           "YOLO_CONFIG_DIR": str(tmp_path / "ultralytics"), "PYTHONPATH": str(ROOT)}
    for order in ("after", "before"):
        if order == "before":
            env["YOLO_OFFLINE"] = "1"  # only so the early import does not look up DNS itself
        done = subprocess.run([sys.executable, "-c", _OFFLINE_PROBE, order], cwd=ROOT, capture_output=True,
                              text=True, env=env, timeout=300)
        assert done.returncode == 0, done.stderr
        state = json.loads(done.stdout.strip().splitlines()[-1])
        assert state == {"env": "1", "online": [False] * 3, "autoinstall": [False] * 2, "safe_load": [True] * 2,
                         "dns": []}, (order, state)


def _cut_walk(walk_video, path: Path, keep: int, blank: int = 0) -> Path:
    """The first ``keep`` frames of the sample, then ``blank`` empty grey frames."""
    import cv2

    reader = cv2.VideoCapture(str(walk_video))
    fps = reader.get(cv2.CAP_PROP_FPS)
    frames = [reader.read()[1] for _ in range(keep)]
    h, w = frames[0].shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), fps, (w, h))
    for frame in frames + [np.full_like(frames[0], 100)] * blank:
        writer.write(frame)
    writer.release()
    return path


def test_one_frame_video_is_an_error(walk_video, tmp_path) -> None:
    video = _cut_walk(walk_video, tmp_path / "one.mp4", keep=1)
    done = gaitscreen("pose", str(video), "-o", str(tmp_path / "one.npz"), "-q")
    assert_one_line_error(done, "one.mp4: The walk lasts 0.0 s", "--allow-low-coverage")
    assert not (tmp_path / "one.npz").exists()


def test_low_coverage_is_an_error_unless_allowed(walk_video, tmp_path) -> None:
    video = _cut_walk(walk_video, tmp_path / "gone.mp4", keep=35, blank=65)  # the patient in 35 % of frames
    out = tmp_path / "gone.npz"
    done = gaitscreen("pose", str(video), "-o", str(out), "-q")
    assert_one_line_error(done, "The patient was visible in only 3", "at least 50% needed")
    assert not out.exists()
    done = gaitscreen("pose", str(video), "-o", str(out), "-q", "--allow-low-coverage")
    assert done.returncode == 0, done.stderr
    assert 0.25 < SkeletonSequence.load_npz(out).coverage < 0.4  # sampled at 15 Hz: 33 % measured


def test_result_line_in_each_language(tmp_path) -> None:
    """The one-line result from the core catalogue: English as before (with "1 person" for one),
    zh-TW with only file, model, device names and units left in Latin letters."""
    from types import SimpleNamespace

    from gaitscreen.cli.pose_cmd import result_line
    from gaitscreen.core.i18n import language

    lifter = SimpleNamespace(name="27_243_45.2.bin", runtime="onnx", device="cpu")  # the line reads only these
    values = dict(name="walk.mp4", frames=100, persons=2, track=1, uncertain=True, coverage=1.0, speed=31.5,
                  real_time=1.05, device="cpu", lifter=lifter, output=tmp_path / "walk.npz")
    english = result_line(**values)
    assert english.startswith("walk.mp4: 100 frames, 2 persons seen, subject track 1 (patient choice uncertain")
    assert "coverage 100%, 31.5 frames/s (1.1× real time, cpu), lifted to 3-D with 27_243_45.2.bin (onnx, cpu)" \
        in english
    assert "1 person seen" in result_line(**{**values, "persons": 1})
    with language("zh-TW"):
        words = result_line(**values)
    assert "100 個影格" in words and "看到 2 人" in words and "100%" in words and "31.5" in words, words
    rest = words.replace(str(tmp_path / "walk.npz"), "").replace("walk.mp4", "").replace("27_243_45.2.bin", "")
    assert not re.search(r"\b(?!onnx\b|cpu\b)[A-Za-z]{3,}\b", rest), words


def test_pose_takes_a_language(bad_files) -> None:
    done = gaitscreen("pose", str(bad_files["missing"]), "-o", "out.npz", "-q", "--lang", "zh-TW")
    assert done.returncode == 2, done.stderr
    assert "gaitscreen: error" not in done.stderr and re.search(r"[\u3400-\u9fff]", done.stderr), done.stderr
