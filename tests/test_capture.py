"""Capture core: sources, device listing and recording from a real MJPEG-over-HTTP stream.

The stream is served on 127.0.0.1 by :mod:`tests.mjpeg_server` from the sample walk
video, so OpenCV's FFmpeg backend is exercised exactly as with a network camera.
"""

from __future__ import annotations

import re
import socket
import sys
import time
from pathlib import Path

import cv2
import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import WALK_VIDEO  # noqa: E402
from mjpeg_server import serve  # noqa: F401,E402 - fixture
from mjpeg_server import MjpegServer, encode_video_frames  # noqa: E402

from gaitscreen.core.capture import (  # noqa: E402
    CameraInfo,
    CaptureError,
    CaptureSource,
    device_cameras,
    list_cameras,
    new_capture_path,
    open_source,
    parse_resolution,
    parse_source,
    record,
    snap_rate,
)
from gaitscreen.core.errors import Cancelled, GaitScreenError  # noqa: E402
from gaitscreen.core.video import iter_frames, probe  # noqa: E402

FRAME_W, FRAME_H = 134, 240  # the sample (1080x1920 portrait) downscaled to 240 on its long side


@pytest.fixture(scope="module")
def jpeg_frames() -> list[bytes]:
    return encode_video_frames(WALK_VIDEO, max_side=240, limit=60)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_record_from_mjpeg_stream(serve, jpeg_frames, tmp_path: Path) -> None:
    server = serve(fps=20)
    out = tmp_path / "walk.mp4"
    reports: list[tuple[int, int, str]] = []
    seen: list[np.ndarray] = []
    result = record(server.url, out, duration_s=2.0, progress=lambda *a: reports.append(a), on_frame=seen.append)
    assert result.complete and result.path == out
    assert _files(tmp_path) == ["walk.mp4"]  # no temporary file left beside it
    info = probe(out)
    assert (info.width, info.height) == (FRAME_W, FRAME_H) == (result.width, result.height)
    assert info.duration_s == pytest.approx(2.0, abs=0.1)
    assert result.fps == pytest.approx(20.0, abs=2.5) and info.fps == pytest.approx(result.fps, rel=0.02)
    assert info.frame_count == result.frames == round(2.0 * result.fps)
    assert result.captured_frames >= 0.75 * result.frames  # mostly real frames, not repeats
    assert len(seen) >= result.captured_frames
    assert reports[-1] == (2000, 2000, "recording")
    assert re.fullmatch(r"Recorded 2\.0 s at \d+(\.\d+)? frames/s \(134x240\)\.", result.message)
    # The pictures are the stream's: a recorded frame is close to one of the served frames.
    served = [cv2.imdecode(np.frombuffer(b, np.uint8), cv2.IMREAD_COLOR) for b in jpeg_frames]
    frame = next(f.image for f in iter_frames(out, start=10, stop=11, prefetch=0))
    best = min(float(np.mean(np.abs(frame.astype(np.int16) - s.astype(np.int16)))) for s in served)
    assert best < 8.0


def test_slow_source_keeps_wall_clock_duration(serve, tmp_path: Path) -> None:
    """A source delivering 10 frames/s recorded at 30 frames/s still lasts the time recorded."""
    server = serve(fps=10)
    result = record(server.url, tmp_path / "slow.mp4", duration_s=2.0, fps=30)
    info = probe(result.path)
    assert info.fps == pytest.approx(30.0, rel=0.02)
    assert info.duration_s == pytest.approx(2.0, abs=0.1)
    assert 15 <= result.captured_frames <= 24  # 20 distinct frames, each repeated about 3 times
    assert result.frames == 60


@pytest.mark.parametrize("hang", [False, True], ids=["connection-closed", "stalled"])
def test_stream_that_stops_keeps_what_was_recorded(serve, tmp_path: Path, hang: bool) -> None:
    server = serve(fps=20, stop_after=20, hang=hang)  # one second of pictures, then nothing
    out = tmp_path / "cut.mp4"
    started = time.monotonic()
    result = record(server.url, out, duration_s=30.0, stall_s=1.5)
    took = time.monotonic() - started
    assert not result.complete
    assert took < 20.0  # stopped about 1.5 s after the last frame, not at the full 30 s
    match = re.fullmatch(r"The camera stopped after (\d+\.\d) s; the \1 s recorded were kept\.", result.message)
    assert match, result.message
    assert float(match.group(1)) == pytest.approx(1.0, abs=0.25)
    assert _files(tmp_path) == ["cut.mp4"]
    assert probe(out).duration_s == pytest.approx(result.duration_s, abs=0.06)


def test_nothing_listening_fails_fast_and_leaves_no_file(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{_free_port()}/stream.mjpg"
    started = time.monotonic()
    with pytest.raises(CaptureError, match=r"^No video stream at http://127\.0\.0\.1:\d+/stream\.mjpg: nothing is listening"):
        record(url, tmp_path / "none.mp4", duration_s=2.0)
    assert time.monotonic() - started < 15.0  # refused, not retried for the whole timeout
    assert _files(tmp_path) == []


def test_password_is_not_shown_in_messages() -> None:
    url = f"rtsp://nurse:s3cret@127.0.0.1:{_free_port()}/live"
    with pytest.raises(CaptureError) as info:
        open_source(url, timeout_s=1.0)
    assert "s3cret" not in str(info.value) and "nurse:***@127.0.0.1" in str(info.value)


def test_server_that_sends_no_picture_times_out(serve) -> None:
    server = serve(fps=20, stop_after=0, hang=True)  # answers, then sends nothing
    started = time.monotonic()
    with pytest.raises(CaptureError, match=r"^No video stream at http://127\.0\.0\.1"):
        open_source(server.url, timeout_s=1.0)
    assert time.monotonic() - started < 15.0  # gave up, did not hang


def test_cancel_discards_the_partial_file(serve, tmp_path: Path) -> None:
    server = serve(fps=20)
    seen: list[int] = []
    with pytest.raises(Cancelled):
        record(server.url, tmp_path / "c.mp4", duration_s=5.0,
               on_frame=lambda f: seen.append(1), should_cancel=lambda: len(seen) >= 30)
    assert len(seen) == 30  # it really recorded a while (past the rate warm-up) before the cancel
    assert _files(tmp_path) == []


def test_open_source_reports_the_stream_and_records_from_it(serve, tmp_path: Path) -> None:
    server = serve(fps=20)
    with open_source(server.url) as src:
        assert isinstance(src, CaptureSource) and src.is_stream
        assert (src.width, src.height) == (FRAME_W, FRAME_H)
        assert src.fps == 0.0  # FFmpeg's 25 for any MJPEG stream is not trusted
        for _ in range(15):
            assert src.read() is not None
        assert src.measured_fps() == pytest.approx(20.0, rel=0.25)
        result = record(src, tmp_path / "a.mp4", duration_s=1.0)  # an open source stays open
        assert not src.closed and src.read() is not None
    assert src.closed and src.read() is None
    assert result.complete and result.fps == 20.0


def test_no_frames_at_all_raises_and_leaves_no_file(serve, tmp_path: Path) -> None:
    server = serve(fps=20, stop_after=1, hang=True)
    src = open_source(server.url)  # the one frame is read while opening
    assert src.read() is not None
    with pytest.raises(CaptureError, match="nothing was recorded"):
        record(src, tmp_path / "x.mp4", duration_s=2.0, stall_s=0.5)
    src.close()
    assert _files(tmp_path) == []


@pytest.mark.parametrize("bad, words", [
    ("", "No capture source given"),
    ("webcam", "is not a camera, device path or stream URL"),
    ("ftp://host/cam", "'ftp://' is not supported"),
    ("http://", "has no host name"),
    ("http://host:99999/x", "is not a valid stream URL"),
    ("/dev/video 0", "is not a valid device path"),
    ("123", "out of range"),
])
def test_parse_source_rejects_bad_input(bad: str, words: str) -> None:
    with pytest.raises(CaptureError, match=re.escape(words)) as info:
        parse_source(bad)
    assert isinstance(info.value, GaitScreenError) and str(info.value).endswith(".")


@pytest.mark.parametrize("text, source", [
    (" 0 ", 0), ("2", 2), ("/dev/video0", "/dev/video0"),
    ("http://10.0.0.5:8080/video", "http://10.0.0.5:8080/video"),
    ("RTSP://cam.local/stream1", "RTSP://cam.local/stream1"),
])
def test_parse_source_accepts(text: str, source) -> None:
    assert parse_source(text) == source


def test_missing_cameras_give_clear_errors() -> None:
    with pytest.raises(CaptureError, match=r"^Camera /dev/video97 could not be opened: the device does not exist"):
        open_source("/dev/video97")
    with pytest.raises(CaptureError, match=r"^Camera 9 could not be opened"):
        open_source(9, timeout_s=1.0)
    with pytest.raises(CaptureError, match="1 to 240"):
        open_source(0, fps=1000)


def test_listing_cameras_does_not_hang() -> None:
    started = time.monotonic()
    found = list_cameras(probe=True, max_index=3, timeout_s=2.0)
    assert time.monotonic() - started < 15.0  # the probe's deadline held: no hang
    assert all(isinstance(c, CameraInfo) for c in found)
    if not Path("/dev/video0").exists():
        assert list_cameras() == []


def test_device_cameras_read_names_from_sysfs(tmp_path: Path) -> None:
    dev, sysfs = tmp_path / "dev", tmp_path / "sys"
    dev.mkdir()
    for name in ("video10", "video2", "video1", "video0", "videox", "vbi0"):
        (dev / name).touch()
    for node, label, index in (("video0", "HD Webcam", 0), ("video1", "HD Webcam", 1), ("video2", "", 0)):
        (sysfs / node).mkdir(parents=True)
        (sysfs / node / "name").write_text(label + "\n")
        (sysfs / node / "index").write_text(f"{index}\n")
    cams = device_cameras(dev, sysfs)
    assert [c.source for c in cams] == [str(dev / n) for n in ("video0", "video2", "video10", "video1")]
    assert cams[0].label == f"HD Webcam ({dev / 'video0'})" and cams[1].label == str(dev / "video2")


def test_snap_rate() -> None:
    assert snap_rate(29.4) == 30.0 and snap_rate(14.2) == 15.0 and snap_rate(0.0) == 30.0
    assert snap_rate(37.0) == 37.0


def test_parse_resolution_and_new_capture_paths(tmp_path) -> None:
    assert parse_resolution("1280 x 720") == (1280, 720)
    assert parse_resolution("640x480") == parse_resolution(" 640 × 480 ") == (640, 480)
    for bad in ("big", "1280", "1280 x", "12345 x 10"):
        with pytest.raises(CaptureError, match="is not understood"):
            parse_resolution(bad)
    first = new_capture_path(tmp_path, "P-001")
    assert first.parent == tmp_path and first.name.startswith("P-001_") and first.suffix == ".mp4"
    first.write_bytes(b"x")
    second = new_capture_path(tmp_path, "P-001")
    assert second != first and not second.exists()
