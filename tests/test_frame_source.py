"""FrameSource: exact random access against sequential decoding, and its frame cache."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import cv2
import numpy as np
import pytest

from gaitscreen.core.errors import VideoError
from gaitscreen.core.video import iter_frames, read_timestamps
from gaitscreen.core.video.frame_source import FrameCache, FrameSource
from test_video import read_counter  # the frame-number pattern both modules draw

imageio_ffmpeg = pytest.importorskip("imageio_ffmpeg")

W, H = 320, 240
X264 = ["-c:v", "libx264", "-preset", "veryfast", "-bf", "2", "-pix_fmt", "yuv420p"]


def _ffmpeg(*args: str, stdin: bytes | None = None) -> None:
    cmd = [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", *args]
    subprocess.run(cmd, input=stdin, check=True, capture_output=True)


def _counter_video(out: Path, n: int, codec: list[str], vf: str | None = None) -> Path:
    """Frame i shows i as 8 binary squares (white = 1) plus a gradient, so frames differ."""
    frames = np.full((n, H, W, 3), 40, np.uint8)
    frames[:, :60, :, 2] = np.linspace(0, 255, W, dtype=np.uint8)[None, None, :]
    for i in range(n):
        for k in range(8):
            if (i >> k) & 1:
                frames[i, 104:136, 16 + 36 * k : 48 + 36 * k] = 255
    args = ["-f", "rawvideo", "-pix_fmt", "bgr24", "-s", f"{W}x{H}", "-r", "30", "-i", "-"]
    if vf:
        args += ["-vf", vf, "-fps_mode", "vfr"]
    _ffmpeg(*args, *codec, str(out), stdin=frames.tobytes())
    return out


def _digest(image: np.ndarray) -> str:
    return hashlib.sha1(np.ascontiguousarray(image).tobytes()).hexdigest()


@pytest.fixture(scope="module")
def videos(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("frame_source")
    v = {
        "cfr": _counter_video(d / "cfr.mp4", 90, X264 + ["-g", "30"]),
        # Irregular gaps: every 7th frame is followed by a 20 ms longer pause.
        "vfr": _counter_video(d / "vfr.mp4", 80, X264 + ["-g", "25"],
                              vf="setpts='(N/30+floor(N/7)*0.02)/TB'"),
        "avi": _counter_video(d / "bframes.avi", 60, ["-c:v", "mpeg4", "-q:v", "2", "-bf", "2", "-g", "20"]),
    }
    v["rot"] = d / "rot.mp4"
    _ffmpeg("-display_rotation", "90", "-i", str(v["vfr"]), "-c", "copy", str(v["rot"]))
    return v


def _sequential(path: Path, max_side: int | None = None) -> tuple[list[str], np.ndarray]:
    frames = list(iter_frames(path, max_side=max_side, prefetch=0))
    return [_digest(f.image) for f in frames], np.array([f.timestamp_s for f in frames])


def _visit_order(n: int, seed: int) -> list[int]:
    rng = np.random.default_rng(seed)
    order = [int(i) for i in rng.integers(0, n, 40)]
    # jumps far ahead (beyond the scan front), backwards, the ends, single steps both ways
    return [n - 1, 3, *order, 0, n - 2, n - 1, 10, 9, 8, 11]


@pytest.mark.parametrize("kind", ["cfr", "vfr", "avi", "rot"])
def test_random_access_returns_the_sequentially_decoded_frame(videos, kind):
    ref, times = _sequential(videos[kind])
    with FrameSource(videos[kind], cache_bytes=0) as src:
        for i in _visit_order(len(ref), seed=len(kind)):
            assert _digest(src.frame(i)) == ref[i], f"frame {i}"
        if kind != "rot":
            assert read_counter(src.frame(len(ref) // 2)) == len(ref) // 2
        assert src.stats["seeks"] > 0  # the test did exercise seeking, not only reading on
        src.scan(10_000)
        assert src.complete and src.frame_count == len(ref)
        np.testing.assert_array_equal(src.timestamps(), times)


def test_opencv_frame_seek_is_wrong_on_variable_rate_video(videos):
    """The fact FrameSource works around: POS_FRAMES seeks by average rate."""
    ref, _ = _sequential(videos["vfr"])
    cap = cv2.VideoCapture(str(videos["vfr"]), cv2.CAP_FFMPEG)
    wrong = 0
    try:
        for i in range(5, len(ref), 5):
            cap.set(cv2.CAP_PROP_POS_FRAMES, i)
            ok, image = cap.read()
            wrong += (not ok) or _digest(image) != ref[i]
    finally:
        cap.release()
    assert wrong > 0


def test_downsized_frames_match_iter_frames_with_max_side(videos):
    ref, _ = _sequential(videos["cfr"], max_side=160)
    with FrameSource(videos["cfr"], max_side=160) as src:
        for i in (50, 7, 89, 0, 8):
            image = src.frame(i)
            assert image.shape == (120, 160, 3)
            assert _digest(image) == ref[i]
        assert src.size == (W, H)  # full-resolution size stays available


def test_frames_are_cached_read_only_and_reused(videos):
    with FrameSource(videos["cfr"]) as src:
        first = src.frame(40)
        grabs = src.stats["grabs"]
        assert src.frame(40) is first
        assert src.stats["grabs"] == grabs
        with pytest.raises(ValueError):
            first[0, 0, 0] = 1


def test_scan_learns_times_and_fills_cache_within_budget(videos):
    one = W * H * 3
    with FrameSource(videos["cfr"], cache_bytes=10 * one) as src:
        assert not src.complete and src.scanned == 0
        assert src.frame_count == 90  # probed count before the scan
        while not src.scan(16):
            pass
        assert src.scanned == 90
        assert sorted(i for i in range(90) if i in src.cache) == list(range(10))
        np.testing.assert_array_equal(src.timestamps(), read_timestamps(videos["cfr"]))


def test_timestamps_before_the_scan_are_extrapolated(videos):
    with FrameSource(videos["cfr"]) as src:
        src.frame(5)
        ts = src.timestamps()
        assert ts.shape == (90,)
        np.testing.assert_allclose(ts, np.arange(90) / 30, atol=1e-3)


def test_out_of_range_and_bad_files(videos, tmp_path):
    with FrameSource(videos["avi"]) as src:
        with pytest.raises(IndexError):
            src.frame(-1)
        with pytest.raises(IndexError):
            src.frame(60)  # the scan reaches the end and finds no frame 60
        assert src.complete and src.frame_count == 60
        assert read_counter(src.frame(59)) == 59
    bad = tmp_path / "notes.mp4"
    bad.write_text("not a video")
    with pytest.raises(VideoError):
        FrameSource(bad)


def test_frame_cache_is_a_bounded_lru():
    a = np.zeros((10, 10, 3), np.uint8)  # 300 bytes each
    cache = FrameCache(1000)
    for i in range(3):
        assert cache.put(i, a.copy())
    assert cache.nbytes == 900 and len(cache) == 3
    cache.get(0)  # 0 becomes the most recently used
    assert not cache.put(3, a.copy(), evict=False)  # no room without evicting
    assert 3 not in cache
    assert cache.put(3, a.copy())
    assert 1 not in cache and {0, 2, 3} <= {i for i in range(4) if i in cache}
    assert not cache.put(9, np.zeros((20, 20, 3), np.uint8))  # larger than the budget
    cache.clear()
    assert len(cache) == 0 and cache.nbytes == 0
