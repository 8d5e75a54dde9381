"""Crash-safe capture: closed one-second segments, their join, and recovery after a kill.

The killed recorder is a real subprocess recording from the local MJPEG server
(:mod:`tests.mjpeg_server`) and stopped with SIGKILL, so nothing in it gets to
clean up; the segment and join tests use synthetic frames whose index is painted
into them, so order and count can be checked after compression.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import cv2
import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import WALK_VIDEO  # noqa: E402
from mjpeg_server import serve  # noqa: F401,E402 - fixture
from mjpeg_server import encode_video_frames  # noqa: E402

from gaitscreen.core.capture import (  # noqa: E402
    MAX_DURATION_S,
    SEGMENT_S,
    CaptureError,
    describe_recovery,
    join_segments,
    record,
    recover_partial_captures,
)
from gaitscreen.core.capture.mp4join import read_track  # noqa: E402
from gaitscreen.core.capture.partial import SegmentedWriter  # noqa: E402
from gaitscreen.core.video import iter_frames, probe, read_timestamps  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
W, H = 160, 96


@pytest.fixture(scope="module")
def jpeg_frames() -> list[bytes]:
    return encode_video_frames(WALK_VIDEO, max_side=240, limit=60)


def _frame(i: int) -> np.ndarray:
    """A frame whose index can be read back after lossy compression (grey level of a block)."""
    img = np.full((H, W, 3), 40, np.uint8)
    img[:, : W // 2] = _level(i)
    cv2.putText(img, str(i), (W // 2 + 4, 60), cv2.FONT_HERSHEY_SIMPLEX, 1.0, (255, 255, 255), 2)
    return img


def _level(i: int) -> int:
    return 30 + (i * 37) % 200


def _decoded(path: Path) -> list[np.ndarray]:
    cap = cv2.VideoCapture(str(path))
    frames = []
    while True:
        ok, img = cap.read()
        if not ok:
            break
        frames.append(img)
    cap.release()
    return frames


def _leftover(folder: Path, frames: int, fps: float = 25.0) -> SegmentedWriter:
    """A part folder as a killed recorder leaves it: closed segments, an open one, no lock held."""
    writer = SegmentedWriter(folder / "walk.mp4", fps, W, H, ("mp4v",))
    for i in range(frames):
        writer.write(_frame(i))
    os.close(writer._lock_fd)  # the process is gone: its lock with it
    writer._lock_fd = None
    return writer


def test_segments_join_into_one_constant_rate_file_without_reencoding(tmp_path: Path) -> None:
    fps, n = 25.0, 77  # three full segments and a partial one
    writer = SegmentedWriter(tmp_path / "walk.mp4", fps, W, H, ("mp4v",))
    for i in range(n):
        writer.write(_frame(i))
    joined, how = writer.finish()
    assert how == "remux"
    assert [p.name for p in writer.segments] == [f"seg-{k:06d}.mp4" for k in range(4)]
    assert [len(_decoded(p)) for p in writer.segments] == [25, 25, 25, 2]
    info = probe(joined)
    assert info.frame_count == n and info.fps == pytest.approx(fps) and (info.width, info.height) == (W, H)
    times = read_timestamps(joined)
    assert len(times) == n
    np.testing.assert_allclose(np.diff(times), 1.0 / fps, atol=1e-6)  # one constant frame period
    track = read_track(joined)
    assert len(set(track.deltas)) == 1 and track.frames == n
    # Bit-exact: the joined file decodes to exactly the segments' pictures, in order.
    pieces = [img for p in writer.segments for img in _decoded(p)]
    whole = _decoded(joined)
    assert len(whole) == n and all(np.array_equal(a, b) for a, b in zip(whole, pieces))
    assert [round(float(img[:, : W // 4].mean())) for img in whole] == pytest.approx(
        [_level(i) for i in range(n)], abs=6)
    # ... and is readable frame by frame with the project's reader.
    assert sum(1 for _ in iter_frames(joined, prefetch=0)) == n
    writer.publish(joined)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["walk.mp4"]


def test_mismatched_segments_are_joined_by_reencoding(tmp_path: Path) -> None:
    paths = []
    for k, (w, h, count) in enumerate([(W, H, 10), (W * 2, H * 2, 7)]):
        path = tmp_path / f"s{k}.mp4"
        out = cv2.VideoWriter(str(path), cv2.CAP_FFMPEG, cv2.VideoWriter_fourcc(*"mp4v"), 20.0, (w, h))
        for i in range(count):
            out.write(cv2.resize(_frame(i), (w, h)))
        out.release()
        paths.append(path)
    frames, how = join_segments(paths, tmp_path / "joined.mp4", fps=20.0)
    assert (frames, how) == (17, "re-encode")
    info = probe(tmp_path / "joined.mp4")
    assert (info.frame_count, info.width, info.height) == (17, W, H)
    with pytest.raises(CaptureError, match="nothing to join"):
        join_segments([], tmp_path / "none.mp4", fps=20.0)


_RECORDER = """
import sys
from gaitscreen.core.capture import record
def report(done, total, stage):
    print(done, flush=True)
record(sys.argv[1], sys.argv[2], duration_s=60.0, progress=report)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_recorder_is_recovered_at_the_next_start(serve, tmp_path: Path) -> None:
    server = serve(fps=20)
    out = tmp_path / "walk_20261203-120000.mp4"
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen([sys.executable, "-c", _RECORDER, server.url, str(out)], env=env,
                            stdout=subprocess.PIPE, text=True)
    elapsed_ms = 0
    try:
        deadline = time.monotonic() + 120.0  # a loaded machine starts Python slowly; not a timing check
        while elapsed_ms < 2300 and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            elapsed_ms = int(line)
        os.kill(proc.pid, signal.SIGKILL)
        reported = [elapsed_ms] + [int(line) for line in proc.stdout]  # what it recorded up to the kill
    finally:
        proc.wait()
        proc.stdout.close()
    assert elapsed_ms >= 2300, "the recorder did not record for 2.3 s"
    elapsed_ms = max(reported)
    assert proc.returncode == -signal.SIGKILL
    parts = [p for p in tmp_path.iterdir() if p.name.endswith(".capture-part")]
    assert len(parts) == 1 and not out.exists()
    fps = json.loads((parts[0] / "capture.json").read_text())["fps"]

    found = recover_partial_captures(tmp_path)

    assert len(found) == 1 and found[0].removed
    recovered = found[0].path
    assert recovered == tmp_path / "walk_20261203-120000.recovered.mp4"
    assert sorted(p.name for p in tmp_path.iterdir()) == [recovered.name]  # the part folder is swept
    info = probe(recovered)
    segment = int(round(SEGMENT_S * fps))
    recorded = elapsed_ms / 1000.0 * fps  # frames on the timeline when it was last reported
    assert info.frame_count == found[0].frames and info.frame_count % segment == 0
    assert recorded - segment - 2 <= info.frame_count <= recorded + 2  # at most the open segment is lost
    assert sum(1 for _ in iter_frames(recovered, prefetch=0)) == info.frame_count
    np.testing.assert_allclose(np.diff(read_timestamps(recovered)), 1.0 / fps, atol=1e-6)
    assert "recovered" in describe_recovery(found) and recovered.name in describe_recovery(found)


def test_recovery_of_a_leftover_keeps_its_closed_segments(tmp_path: Path) -> None:
    writer = _leftover(tmp_path, 60)  # two closed segments and ten frames in the open one
    found = recover_partial_captures(tmp_path)
    assert [r.frames for r in found] == [50] and found[0].path == tmp_path / "walk.recovered.mp4"
    assert not writer.folder.exists()
    _leftover(tmp_path, 30)
    assert recover_partial_captures(tmp_path)[0].path == tmp_path / "walk.recovered_2.mp4"  # never overwrites


def test_nothing_recoverable_is_reported_and_data_kept(tmp_path: Path) -> None:
    writer = _leftover(tmp_path, 10)  # less than one segment: only the open, headerless file
    open_seg = writer.folder / "seg-000000.open.mp4"
    open_seg.write_bytes(b"\x00\x00\x00\x1cftypisom" + os.urandom(4000))  # as a kill leaves it: no moov
    legacy = tmp_path / ".walk_1.abc123.part.mp4"  # what the recorder before segments left
    legacy.write_bytes(b"\x00\x00\x00\x1cftypisom" + os.urandom(4000))
    empty = tmp_path / ".walk_2.def456.part.mp4"
    empty.write_bytes(b"")
    found = {r.leftover.name: r for r in recover_partial_captures(tmp_path)}
    assert len(found) == 3 and all(r.path is None for r in found.values())
    assert not found[writer.folder.name].removed and open_seg.exists()
    assert "could not be recovered" in found[writer.folder.name].message
    assert not found[legacy.name].removed and legacy.exists()
    assert found[empty.name].removed and not empty.exists()
    text = describe_recovery(list(found.values()))
    assert str(writer.folder) in text and legacy.name in text


def test_a_folder_without_picture_is_swept_and_a_live_one_left_alone(tmp_path: Path) -> None:
    live = SegmentedWriter(tmp_path / "live.mp4", 25.0, W, H, ("mp4v",))
    for i in range(30):
        live.write(_frame(i))
    dead = _leftover(tmp_path, 0)
    (dead.folder / "seg-000000.open.mp4").unlink()
    found = recover_partial_captures(tmp_path)
    assert [r.leftover for r in found] == [dead.folder] and found[0].removed and describe_recovery(found) == ""
    assert live.folder.exists() and not dead.folder.exists()
    live.discard()
    assert recover_partial_captures(tmp_path / "missing") == []


def test_recordings_longer_than_ten_minutes_are_refused(serve, tmp_path: Path) -> None:
    assert MAX_DURATION_S == 600.0
    server = serve(fps=20)
    with pytest.raises(CaptureError, match=r"601 s is not possible; use up to 600 s \(10 minutes\)"):
        record(server.url, tmp_path / "long.mp4", duration_s=601.0)
    assert list(tmp_path.iterdir()) == []


def test_a_recorder_that_fails_mid_capture_leaves_its_segments_for_recovery(serve, tmp_path, monkeypatch) -> None:
    server = serve(fps=20)
    real_write = SegmentedWriter.write

    def failing_write(self, frame):
        if self.written == 45:
            raise OSError(28, "No space left on device")
        real_write(self, frame)

    monkeypatch.setattr(SegmentedWriter, "write", failing_write)
    with pytest.raises(CaptureError, match=r"failed \(No space left on device\); what was recorded is kept"):
        record(server.url, tmp_path / "full.mp4", duration_s=10.0, fps=20)
    monkeypatch.undo()
    found = recover_partial_captures(tmp_path)
    # the two closed segments and the open one, finished when the writer was released
    assert [(r.path.name, r.frames) for r in found] == [("full.recovered.mp4", 45)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full.recovered.mp4"]


def test_join_writes_64_bit_offsets_when_the_file_is_large(tmp_path, monkeypatch) -> None:
    from gaitscreen.core.capture import mp4join

    writer = SegmentedWriter(tmp_path / "walk.mp4", 25.0, W, H, ("mp4v",))
    for i in range(40):
        writer.write(_frame(i))
    writer._close_segment()
    monkeypatch.setattr(mp4join, "_OFFSET_LIMIT", 1000)  # as if the recording were over 4 GB
    frames, how = join_segments(writer.segments, tmp_path / "big.mp4", fps=25.0)
    assert (frames, how) == (40, "remux")
    data = (tmp_path / "big.mp4").read_bytes()
    assert b"co64" in data and b"stco" not in data and data[28:36] == b"\x00\x00\x00\x01mdat"
    assert [np.array_equal(a, b) for a, b in zip(_decoded(tmp_path / "big.mp4"),
                                                   [f for s in writer.segments for f in _decoded(s)])] == [True] * 40
    writer.discard()
