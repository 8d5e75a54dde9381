"""Tests for gaitscreen.core.video on clips made here with imageio-ffmpeg's ffmpeg."""

from __future__ import annotations

import hashlib
import os
import pathlib
import shutil
import struct
import subprocess
import threading
from pathlib import Path

import cv2
import numpy as np
import pytest

from gaitscreen.core.errors import Cancelled, VideoError
from gaitscreen.core.video import (
    DECODER_THREAD_NAME,
    SUPPORTED_EXTENSIONS,
    Letterbox,
    iter_frames,
    letterbox,
    probe,
    read_timestamps,
    sha256_file,
)
from gaitscreen.core.video import _source

imageio_ffmpeg = pytest.importorskip("imageio_ffmpeg")

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "walk_frontal_bystander.mp4"
W, H = 320, 240  # size of the generated clips
N = 60  # frames in the constant-rate clips (2 s at 30 fps)
X264 = ["-c:v", "libx264", "-preset", "veryfast", "-crf", "16", "-pix_fmt", "yuv420p"]
# 10 frames 0.1 s apart, then 30 frames 1/30 s apart: 40 frames over 1.9667 s.
VFR_TIMES = np.concatenate([np.arange(10) / 10, 1 + np.arange(30) / 30])


# --------------------------------------------------------------------------- helpers


def _ffmpeg(*args: str, stdin: bytes | None = None) -> None:
    cmd = [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", *args]
    subprocess.run(cmd, input=stdin, check=True, capture_output=True)


def _counter_frames(n: int) -> bytes:
    """Frame i shows i in binary: 8 squares, white for a 1 bit, on dark grey."""
    frames = np.full((n, H, W, 3), 40, np.uint8)
    for i in range(n):
        for k in range(8):
            if (i >> k) & 1:
                frames[i, 104:136, 16 + 36 * k : 48 + 36 * k] = 255
    return frames.tobytes()


def read_counter(image: np.ndarray) -> int:
    h, w = image.shape[:2]
    sx, sy = w / W, h / H
    value = 0
    for k in range(8):
        cx, cy = (32 + 36 * k) * sx, 120 * sy
        patch = image[int(cy - 8 * sy) : int(cy + 8 * sy), int(cx - 8 * sx) : int(cx + 8 * sx)]
        if patch.mean() > 150:
            value |= 1 << k
    return value


def _encode_counter(out: Path, n: int, codec: list[str], vf: str | None = None) -> Path:
    args = ["-f", "rawvideo", "-pix_fmt", "bgr24", "-s", f"{W}x{H}", "-r", "30", "-i", "-"]
    if vf:
        args += ["-vf", vf, "-fps_mode", "vfr"]
    _ffmpeg(*args, *codec, str(out), stdin=_counter_frames(n))
    return out


def _mdat_offset(data: bytes) -> int:
    pos = 0
    while pos + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[pos : pos + 8])
        if kind == b"mdat":
            return pos
        pos += size
    raise AssertionError("no mdat box")


def _decoder_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == DECODER_THREAD_NAME and t.is_alive()]


def _white_box(image: np.ndarray) -> tuple[float, float]:
    ys, xs = np.nonzero(image.min(axis=2) > 200)
    return float(xs.mean()), float(ys.mean())


@pytest.fixture(scope="session")
def clips(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("clips")
    c: dict[str, Path] = {}
    c["mp4"] = _encode_counter(d / "counter.mp4", N, X264)
    c["mkv"] = _encode_counter(d / "counter.mkv", N, X264)
    c["mov"] = _encode_counter(d / "counter.mov", N, X264)
    # MPEG-4 part 2 with B-frames in AVI: no PTS in the container.
    c["avi"] = _encode_counter(d / "counter.avi", N, ["-c:v", "mpeg4", "-q:v", "2", "-bf", "2"])
    c["m4v"] = d / "counter.m4v"
    shutil.copy(c["mp4"], c["m4v"])
    setpts = "setpts='if(lt(N,10),N/10,1+(N-10)/30)/TB'"
    c["vfr"] = _encode_counter(d / "vfr.mp4", len(VFR_TIMES), X264, vf=setpts)
    c["vfr_mkv"] = _encode_counter(d / "vfr.mkv", len(VFR_TIMES), X264, vf=setpts)
    # Edit list: stream copy from 0.5 s of a 4 s clip with one keyframe every 2 s.
    long = _encode_counter(d / "long.mp4", 120, X264 + ["-g", "60"])
    c["trimmed"] = d / "trimmed.mp4"
    _ffmpeg("-ss", "0.5", "-i", str(long), "-c", "copy", str(c["trimmed"]))
    # Asymmetric marker: white 80x60 block in the top-left corner of a landscape frame.
    marker = d / "marker.mp4"
    _ffmpeg("-f", "lavfi", "-i", f"color=c=black:size={W}x{H}:rate=30:duration=0.5",
             "-vf", "drawbox=x=0:y=0:w=80:h=60:color=white:t=fill", *X264, str(marker))
    for name, ccw in (("rot_cw90", "-90"), ("rot_ccw90", "90"), ("rot_180", "180")):
        c[name] = d / f"{name}.mp4"  # -display_rotation is counter-clockwise degrees
        _ffmpeg("-display_rotation", ccw, "-i", str(marker), "-c", "copy", str(c[name]))
    faststart = _encode_counter(d / "faststart.mp4", N, X264 + ["-movflags", "+faststart"])
    data = faststart.read_bytes()
    c["no_frames"] = d / "no_frames.mp4"  # header intact, sample data cut off
    c["no_frames"].write_bytes(data[: _mdat_offset(data) + 8])
    c["trunc_faststart"] = d / "trunc_faststart.mp4"
    c["trunc_faststart"].write_bytes(data[: int(len(data) * 0.6)])
    sample = SAMPLE.read_bytes()
    c["trunc_sample"] = d / "trunc_sample.mp4"
    c["trunc_sample"].write_bytes(sample[: int(len(sample) * 0.6)])
    return c


# --------------------------------------------------------------------------- probe


@pytest.mark.parametrize("kind", ["mp4", "mkv", "mov", "avi", "m4v"])
def test_probe_containers(clips, kind):
    info = probe(clips[kind])
    assert (info.width, info.height) == (W, H)
    assert info.fps == pytest.approx(30.0, rel=1e-3)
    assert info.frame_count == N
    assert info.duration_s == pytest.approx(2.0, rel=1e-3)
    assert info.rotation == 0
    assert info.codec
    assert info.size_bytes == clips[kind].stat().st_size
    assert info.path == clips[kind]


@pytest.mark.parametrize("kind", ["mp4", "mkv", "mov", "avi"])
def test_constant_rate_frames_and_timestamps(clips, kind):
    frames = list(iter_frames(clips[kind]))
    assert [f.index for f in frames] == list(range(N))
    assert [read_counter(f.image) for f in frames] == list(range(N))
    ts = np.array([f.timestamp_s for f in frames])
    np.testing.assert_allclose(ts, np.arange(N) / 30, atol=1e-3)
    np.testing.assert_array_equal(read_timestamps(clips[kind]), ts)
    assert all(f.image.shape == (H, W, 3) and f.image.dtype == np.uint8 for f in frames)


def test_opencv_pos_msec_is_real_pts_for_vfr(clips):
    """The fact the module relies on: POS_MSEC after grab() is the frame's PTS."""
    cap = cv2.VideoCapture(str(clips["vfr"]), cv2.CAP_FFMPEG)
    ms = []
    while cap.grab():
        ms.append(cap.get(cv2.CAP_PROP_POS_MSEC))
    cap.release()
    np.testing.assert_allclose(np.array(ms) / 1000, VFR_TIMES, atol=1e-3)


@pytest.mark.parametrize("kind", ["vfr", "vfr_mkv"])
def test_variable_frame_rate(clips, kind):
    true_fps = (len(VFR_TIMES) - 1) / VFR_TIMES[-1]  # 19.83 frames/s
    info = probe(clips[kind])
    assert info.fps == pytest.approx(true_fps, rel=2e-3)
    assert info.frame_count == len(VFR_TIMES)
    ts = read_timestamps(clips[kind])
    np.testing.assert_allclose(ts, VFR_TIMES, atol=1.5e-3)
    frames = list(iter_frames(clips[kind], step=3))
    assert [read_counter(f.image) for f in frames] == list(range(0, len(VFR_TIMES), 3))
    np.testing.assert_array_equal([f.timestamp_s for f in frames], ts[::3])


def test_edit_list_trim_is_honoured(clips):
    frames = list(iter_frames(clips["trimmed"], max_side=160))
    assert read_counter(frames[0].image) == 15  # 0.5 s into the 30 fps source
    assert len(frames) == 105
    ts = np.array([f.timestamp_s for f in frames])
    np.testing.assert_allclose(ts, np.arange(105) / 30, atol=1e-3)
    assert probe(clips["trimmed"]).fps == pytest.approx(30.0, rel=1e-3)


# --------------------------------------------------------------------------- rotation


def test_opencv_orientation_facts(clips):
    """OpenCV reports clockwise rotation and, by default, rotates frames itself."""
    cap = cv2.VideoCapture(str(clips["rot_cw90"]), cv2.CAP_FFMPEG)
    assert cap.get(cv2.CAP_PROP_ORIENTATION_META) == 90
    assert cap.get(cv2.CAP_PROP_ORIENTATION_AUTO) == 1
    assert (cap.get(cv2.CAP_PROP_FRAME_WIDTH), cap.get(cv2.CAP_PROP_FRAME_HEIGHT)) == (H, W)
    cap.set(cv2.CAP_PROP_ORIENTATION_AUTO, 0)
    assert (cap.get(cv2.CAP_PROP_FRAME_WIDTH), cap.get(cv2.CAP_PROP_FRAME_HEIGHT)) == (W, H)
    ok, image = cap.read()
    assert ok and image.shape == (H, W, 3)
    cap.release()


def _ffmpeg_upright_first_frame(path: Path, w: int, h: int) -> np.ndarray:
    cmd = [imageio_ffmpeg.get_ffmpeg_exe(), "-loglevel", "error", "-i", str(path),
           "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "bgr24", "-"]
    raw = subprocess.run(cmd, check=True, capture_output=True).stdout
    return np.frombuffer(raw, np.uint8).reshape(h, w, 3)


@pytest.mark.parametrize(
    "kind, rotation, size, centre",
    [
        ("rot_cw90", 90, (H, W), (H - 30, 40)),  # phone held upright: top-right
        ("rot_ccw90", 270, (H, W), (30, W - 40)),  # bottom-left
        ("rot_180", 180, (W, H), (W - 40, H - 30)),  # bottom-right
    ],
)
def test_rotated_clip_comes_out_upright_once(clips, kind, rotation, size, centre):
    info = probe(clips[kind])
    assert info.rotation == rotation
    assert (info.width, info.height) == size
    frames = list(iter_frames(clips[kind]))
    assert len(frames) == 15
    image = frames[0].image
    assert image.shape == (size[1], size[0], 3)
    assert _white_box(image) == pytest.approx(centre, abs=1.5)
    reference = _ffmpeg_upright_first_frame(clips[kind], *size)  # ffmpeg's own autorotate
    assert np.abs(image.astype(int) - reference).mean() < 3
    small = next(iter(iter_frames(clips[kind], max_side=80))).image
    assert max(small.shape[:2]) == 80 and (small.shape[1], small.shape[0]) == (
        size[0] * 80 // max(size), size[1] * 80 // max(size))
    assert _white_box(small) == pytest.approx(np.array(centre) * 80 / max(size), abs=1.5)


# --------------------------------------------------------------------------- real sample


def test_real_sample():
    info = probe(SAMPLE)
    assert (info.width, info.height) == (1080, 1920)
    assert info.fps == pytest.approx(60.0, rel=1e-3)
    assert info.frame_count == 100 and info.rotation == 0
    first = next(iter(iter_frames(SAMPLE, stop=1))).image
    assert first.shape == (1920, 1080, 3)
    frames = list(iter_frames(SAMPLE, max_side=320))
    assert len(frames) == 100 and frames[0].image.shape == (320, 180, 3)
    ts = np.array([f.timestamp_s for f in frames])
    assert ts[0] == 0 and np.all(np.diff(ts) > 0)
    assert ts[-1] == pytest.approx(99 / 60, abs=1e-3)
    assert (DATA / "walk_frontal_bystander.NOTICE").is_file()


# --------------------------------------------------------------------------- selection


def test_step_start_stop(clips):
    frames = list(iter_frames(clips["mp4"], step=7, start=5, stop=50))
    expected = list(range(5, 50, 7))
    assert [f.index for f in frames] == expected
    assert [read_counter(f.image) for f in frames] == expected
    np.testing.assert_allclose([f.timestamp_s for f in frames], np.array(expected) / 30, atol=1e-3)
    assert list(iter_frames(clips["mp4"], start=10, stop=10)) == []
    assert [f.index for f in iter_frames(clips["mp4"], start=58)] == [58, 59]
    assert [f.index for f in iter_frames(clips["mp4"], stop=500, step=25)] == [0, 25, 50]


def test_prefetch_zero_matches_thread(clips):
    a = list(iter_frames(clips["mp4"], step=4, prefetch=0))
    b = list(iter_frames(clips["mp4"], step=4, prefetch=1))
    assert [f.index for f in a] == [f.index for f in b]
    assert all(np.array_equal(x.image, y.image) for x, y in zip(a, b))
    assert [f.timestamp_s for f in a] == [f.timestamp_s for f in b]


def test_max_side(clips):
    frames = list(iter_frames(clips["mp4"], max_side=100, stop=5))
    assert all(f.image.shape == (75, 100, 3) for f in frames)
    assert [read_counter(f.image) for f in frames] == list(range(5))
    big = next(iter(iter_frames(clips["mp4"], max_side=1000))).image
    assert big.shape == (H, W, 3)


@pytest.mark.parametrize("kwargs", [{"step": 0}, {"start": -1}, {"stop": -2}, {"prefetch": -1},
                                    {"max_side": 0}])
def test_bad_arguments(clips, kwargs):
    with pytest.raises(ValueError):
        iter_frames(clips["mp4"], **kwargs)


def test_progress_reports(clips):
    calls = []
    frames = list(iter_frames(clips["mp4"], step=10, progress=lambda *a: calls.append(a)))
    assert len(frames) == 6
    assert calls == [(i, 6, "decode") for i in range(1, 7)]
    calls.clear()  # header says 60 frames, the truncated file has fewer: still ends at 100 %
    frames = list(iter_frames(clips["trunc_faststart"], progress=lambda *a: calls.append(a)))
    assert calls[0] == (1, 60, "decode") and calls[-1] == (len(frames), len(frames), "decode")


# --------------------------------------------------------------------------- threads


def test_early_break_stops_decoder_thread(clips):
    for frame in iter_frames(clips["mp4"], prefetch=2):
        if frame.index == 3:
            break
    assert _decoder_threads() == []


def test_consumer_exception_stops_decoder_thread(clips):
    with pytest.raises(KeyError):
        for frame in iter_frames(clips["mp4"]):
            if frame.index == 2:
                raise KeyError("consumer failed")
    assert _decoder_threads() == []


def test_close_on_kept_iterator(clips):
    it = iter_frames(clips["mp4"], prefetch=1)
    assert next(it).index == 0
    assert len(_decoder_threads()) == 1
    it.close()
    assert _decoder_threads() == []


@pytest.mark.parametrize("prefetch", [0, 4])
def test_cancel(clips, prefetch):
    seen = []
    with pytest.raises(Cancelled):
        for frame in iter_frames(clips["mp4"], prefetch=prefetch,
                                 should_cancel=lambda: len(seen) >= 3):
            seen.append(frame.index)
    assert seen == [0, 1, 2]
    assert _decoder_threads() == []
    with pytest.raises(Cancelled):
        read_timestamps(clips["mp4"], should_cancel=lambda: True)


@pytest.mark.parametrize("prefetch", [0, 3])
def test_decoder_error_surfaces_as_video_error(clips, monkeypatch, prefetch):
    def broken(self, image, max_side=None):
        raise cv2.error("simulated decoder failure")

    monkeypatch.setattr(_source.Source, "upright", broken)
    with pytest.raises(VideoError, match="counter.mp4"):
        list(iter_frames(clips["mp4"], prefetch=prefetch))
    assert _decoder_threads() == []


# --------------------------------------------------------------------------- bad input


def _bad_file(kind: str, tmp_path: Path, clips, monkeypatch) -> tuple[Path, str]:
    if kind == "missing":
        return tmp_path / "nowhere.mp4", "not found"
    if kind == "folder":
        (tmp_path / "folder.mp4").mkdir()
        return tmp_path / "folder.mp4", "folder"
    if kind == "empty":
        (tmp_path / "empty.mp4").write_bytes(b"")
        return tmp_path / "empty.mp4", "empty"
    if kind == "extension":
        (tmp_path / "clip.gif").write_bytes(b"GIF89a" + bytes(64))
        return tmp_path / "clip.gif", ", ".join(SUPPORTED_EXTENSIONS)
    if kind == "text":
        (tmp_path / "notes.mp4").write_text("Patient walked 10 m.\n" * 20)
        return tmp_path / "notes.mp4", "not a video"
    if kind == "no_frames":
        return clips["no_frames"], "no decodable video frames"
    assert kind == "permission"
    p = tmp_path / "locked.mp4"
    shutil.copy(clips["mp4"], p)
    p.chmod(0)
    if os.access(p, os.R_OK):  # root reads anything: make opening fail as it would
        real_open = pathlib.Path.open

        def deny(self, *args, **kwargs):
            if self == p:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)

        monkeypatch.setattr(pathlib.Path, "open", deny)
    return p, "permission denied"


@pytest.mark.parametrize(
    "kind", ["missing", "folder", "empty", "extension", "text", "no_frames", "permission"]
)
@pytest.mark.parametrize("call", ["probe", "iter_frames", "read_timestamps"])
def test_bad_input_raises_video_error(kind, call, tmp_path, clips, monkeypatch):
    path, words = _bad_file(kind, tmp_path, clips, monkeypatch)
    fn = {"probe": probe, "read_timestamps": read_timestamps,
          "iter_frames": lambda p: list(iter_frames(p))}[call]
    with pytest.raises(VideoError) as err:
        fn(path)
    message = str(err.value)
    assert path.name in message and words in message
    assert "\n" not in message and "Traceback" not in message


@pytest.mark.parametrize("kind", ["trunc_sample", "trunc_faststart"])
def test_truncated_file_yields_good_frames_or_video_error(clips, kind):
    try:
        info = probe(clips[kind])
        frames = list(iter_frames(clips[kind]))
    except VideoError as exc:
        assert clips[kind].name in str(exc)
        return
    assert 0 < len(frames) <= info.frame_count
    ts = [f.timestamp_s for f in frames]
    assert all(b > a for a, b in zip(ts, ts[1:]))
    if kind == "trunc_faststart":  # all but a partly stored last frame are intact
        assert [read_counter(f.image) for f in frames[:-1]] == list(range(len(frames) - 1))


# --------------------------------------------------------------------------- letterbox, hash


@pytest.mark.parametrize("shape, size", [((1920, 1080, 3), (640, 640)), ((240, 320, 3), (256, 256)),
                                         ((90, 160, 3), (192, 256)), ((50, 40, 3), (640, 480))])
def test_letterbox_keeps_everything(shape, size):
    h, w = shape[:2]
    image = np.full(shape, 128, np.uint8)
    corners = {(0, 0): (255, 0, 0), (w - 1, 0): (0, 255, 0),
               (0, h - 1): (0, 0, 255), (w - 1, h - 1): (255, 255, 255)}
    r = max(2, min(h, w) // 10)
    for (x, y), colour in corners.items():
        image[max(0, y - r + 1) : y + r, max(0, x - r + 1) : x + r] = colour
    boxed, lb = letterbox(image, size, color=(7, 7, 7))
    assert isinstance(lb, Letterbox)
    assert boxed.shape == (size[1], size[0], 3)
    # the whole image fits: its extreme corners land inside the output
    tl = lb.to_letterboxed(np.array([0.0, 0.0]))
    br = lb.to_letterboxed(np.array([w, h], dtype=float))
    assert tl.min() >= 0 and br[0] <= size[0] + 0.5 and br[1] <= size[1] + 0.5
    assert min(size[0] - (br[0] - tl[0]), size[1] - (br[1] - tl[1])) < 1  # touches two sides
    for (x, y), colour in corners.items():
        bx, by = np.round(lb.to_letterboxed(np.array([x + 0.5, y + 0.5])) - 0.5).astype(int)
        bx, by = np.clip([bx, by], 0, [size[0] - 1, size[1] - 1])
        assert np.abs(boxed[by, bx].astype(int) - colour).max() <= 40
    if lb.pad_x >= 1:
        assert (boxed[:, 0] == 7).all()
    if lb.pad_y >= 1:
        assert (boxed[0] == 7).all()
    pts = np.random.default_rng(0).uniform([0, 0], [w, h], size=(5, 17, 2))
    np.testing.assert_allclose(lb.to_original(lb.to_letterboxed(pts)), pts, atol=1e-9)
    np.testing.assert_allclose(lb.to_letterboxed(lb.to_original(pts)), pts, atol=1e-9)


def test_letterbox_values():
    _, lb = letterbox(np.zeros((1920, 1080, 3), np.uint8), (640, 640))
    assert (lb.scale, lb.pad_x, lb.pad_y) == (pytest.approx(1 / 3), 140.0, 0.0)
    np.testing.assert_allclose(lb.to_original(np.array([[140.0, 0.0], [500.0, 640.0]])),
                               [[0, 0], [1080, 1920]])
    gray, _ = letterbox(np.zeros((10, 20), np.uint8), (40, 40), color=(9, 9, 9))
    assert gray.shape == (40, 40) and gray[0, 0] == 9


def test_sha256_file(clips, tmp_path):
    data = clips["mp4"].read_bytes()
    assert sha256_file(clips["mp4"], chunk=1000) == hashlib.sha256(data).hexdigest()
    with pytest.raises(VideoError, match="not found"):
        sha256_file(tmp_path / "gone.mp4")


def test_numpy_integers_accepted(clips):
    frames = list(iter_frames(clips["mp4"], step=np.int64(20), stop=np.int32(50)))
    assert [f.index for f in frames] == [0, 20, 40]
    empty = iter_frames(clips["mp4"], start=30, stop=5)
    assert list(empty) == []
    empty.close()
