"""Opening a video with OpenCV: path checks, orientation, timestamps and probing.

Facts about OpenCV 5.0's FFmpeg backend that this module relies on, as measured
(``tests/test_video.py`` pins the first two):

* ``CAP_PROP_ORIENTATION_META`` is the display-matrix rotation as *clockwise* degrees
  (90 for a phone held upright, whose stored picture is landscape). With the default
  ``CAP_PROP_ORIENTATION_AUTO=1`` OpenCV rotates frames itself and reports the upright
  size. We switch auto-rotation off and rotate ourselves, after any downsizing, so the
  rotation is applied exactly once and on the smallest image.
* ``CAP_PROP_POS_MSEC`` read after each ``grab()`` is the decoded frame's presentation
  time, correct for variable-frame-rate MP4/MOV/MKV, B-frames and edit lists. For
  MPEG-4 Part 2 with B-frames in AVI (no PTS stored) each frame reads the next frame's
  time and the last reads 0; :class:`FrameClock` makes times relative to the first
  frame and replaces a time that repeats or goes backwards by extrapolation.
* ``CAP_PROP_FPS`` is the container's average rate, which can be far off for VFR video
  (18.75 for a clip whose timestamps average 19.8 frames/s); ``CAP_PROP_FRAME_COUNT``
  is estimated from duration x fps for Matroska.
* With ``CAP_PROP_FORMAT=-1`` (raw packets, no decoding) ``POS_MSEC`` gives packet
  times: cheap and right for the average rate, but edit lists are ignored, so they are
  used only by :func:`probe`.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

import cv2
import numpy as np

from ..callbacks import CancelFn, check_cancel
from ..errors import VideoError
from ..i18n import _

PathLike = Union[str, "os.PathLike[str]"]

SUPPORTED_EXTENSIONS = (".mp4", ".mov", ".avi", ".mkv", ".m4v")

_ROTATE_CODES = {
    90: cv2.ROTATE_90_CLOCKWISE,
    180: cv2.ROTATE_180,
    270: cv2.ROTATE_90_COUNTERCLOCKWISE,
}
#: Packet scans in :func:`probe` stop here (10 min at 60 fps) and fall back to the header.
_MAX_SCAN_PACKETS = 36_000


def _backend() -> int:
    try:
        if cv2.videoio_registry.hasBackend(cv2.CAP_FFMPEG):
            return cv2.CAP_FFMPEG
    except (AttributeError, cv2.error):
        pass
    return cv2.CAP_ANY


@dataclass(frozen=True)
class VideoInfo:
    """What :func:`probe` learns about a video.

    ``fps`` is the true average rate, ``(n - 1) / (t_last - t_first)`` over the packet
    timestamps, so it is right for variable-frame-rate phone video; ``duration_s`` is
    ``frame_count / fps``. ``frame_count`` is counted from the container's packets
    without decoding (the header's count when that scan is not possible); it can exceed
    the frames :func:`iter_frames` yields for trimmed (edit-list) or damaged files, and
    for those ``fps`` comes from the packet times, not from decoded frames. Use
    :func:`read_timestamps` when exact per-frame times are needed. ``rotation`` is the
    clockwise rotation applied to make frames upright; ``width``/``height`` are upright.
    """

    path: Path
    width: int
    height: int
    fps: float
    frame_count: int
    duration_s: float
    rotation: int
    codec: str
    size_bytes: int


#: The longest recording the analysis accepts, in seconds. A tandem-walk test lasts
#: well under a minute; ten minutes leaves room for several trials and waiting in one
#: file, and is what the long-recording benchmark measures (time linear in length,
#: peak memory under 1.5 GB; ``docs/benchmarks.md``). Capture stops at it too.
MAX_RECORDING_S = 600.0


def check_length(info: VideoInfo) -> None:
    """Refuse a video longer than :data:`MAX_RECORDING_S` (before any pose work)."""
    if info.duration_s > MAX_RECORDING_S + 1e-6:
        raise VideoError(
            _('{name} lasts {minutes:.1f} minutes, longer than the {limit:.0f} minutes GaitScreen analyses; trim it to the walk and try again.')
                .format(name=info.path.name, minutes=info.duration_s / 60, limit=MAX_RECORDING_S / 60)
        )


def check_path(path: PathLike) -> Path:
    """Return ``path`` as a :class:`Path` after checking it can be a readable video file."""
    p = Path(os.fspath(path)).expanduser()
    try:
        if not p.exists():
            raise VideoError(_('Video file not found: {p}.').format(p=p))
        if p.is_dir():
            raise VideoError(_('{p} is a folder, not a video file.').format(p=p))
        if not p.is_file():
            raise VideoError(_('{p} is not a regular file.').format(p=p))
        if p.suffix.lower() not in SUPPORTED_EXTENSIONS:
            kind = f"'{p.suffix}'" if p.suffix else "(no extension)"
            raise VideoError(
                _('{p} has an unsupported file type {kind}; supported video types are {types}.')
                    .format(p=p, kind=kind, types=', '.join(SUPPORTED_EXTENSIONS))
            )
        if p.stat().st_size == 0:
            raise VideoError(_('Video file {p} is empty (0 bytes).').format(p=p))
        with p.open("rb") as fh:
            fh.read(1)
    except PermissionError:
        raise VideoError(_('Cannot read video file {p}: permission denied.').format(p=p)) from None
    except OSError as exc:
        raise VideoError(_('Cannot read video file {p}: {strerror}.')
            .format(p=p, strerror=exc.strerror or exc)) from None
    return p


@dataclass
class Source:
    """An open capture with auto-rotation off, plus what is needed to read it upright."""

    path: Path
    cap: cv2.VideoCapture
    rotation: int  # clockwise degrees still to apply to retrieved frames
    reported_rotation: int  # the file's rotation metadata, whoever applies it
    width: int  # upright size
    height: int
    header_fps: float
    header_count: int
    codec: str

    def release(self) -> None:
        self.cap.release()

    def upright(self, image: np.ndarray, max_side: Optional[int] = None) -> np.ndarray:
        """Downsize (INTER_AREA) so the longer side is at most ``max_side``, then rotate."""
        if max_side is not None:
            h, w = image.shape[:2]
            if max(h, w) > max_side:
                s = max_side / max(h, w)
                size = (max(1, round(w * s)), max(1, round(h * s)))
                image = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
        if self.rotation in (90, 270):
            h, w = image.shape[:2]
            if (w > h) == (self.width > self.height) and w != h:
                return image  # the backend already rotated it: never rotate twice
        code = _ROTATE_CODES.get(self.rotation)
        return image if code is None else cv2.rotate(image, code)


def _normalise_rotation(value: float) -> int:
    if not math.isfinite(value):
        return 0
    return int(round(value / 90.0)) % 4 * 90


def _fourcc(value: float) -> str:
    code = int(value) if math.isfinite(value) and value > 0 else 0
    text = code.to_bytes(4, "little").decode("latin-1")
    return text.strip("\x00 ") if text.isprintable() else ""


def open_source(path: Path) -> Source:
    """Open ``path`` (already checked) for decoding; raise :class:`VideoError` if impossible."""
    try:
        cap = cv2.VideoCapture(str(path), _backend())
        if not cap.isOpened():
            cap.release()
            if _looks_like_text(path):
                raise VideoError(_('{path} is a text file, not a video.').format(path=path))
            raise VideoError(
                _('{path} could not be opened as a video; it is damaged, incomplete or not a video file.')
                    .format(path=path)
            )
        meta = _normalise_rotation(cap.get(cv2.CAP_PROP_ORIENTATION_META))
        cap.set(cv2.CAP_PROP_ORIENTATION_AUTO, 0)
        we_rotate = cap.get(cv2.CAP_PROP_ORIENTATION_AUTO) == 0
        w = int(cap.get(cv2.CAP_PROP_FRAME_WIDTH))
        h = int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT))
        if we_rotate and meta in (90, 270):
            w, h = h, w
        fps = cap.get(cv2.CAP_PROP_FPS)
        count = cap.get(cv2.CAP_PROP_FRAME_COUNT)
        return Source(
            path=path,
            cap=cap,
            rotation=meta if we_rotate else 0,
            reported_rotation=meta,
            width=w,
            height=h,
            header_fps=fps if math.isfinite(fps) and fps > 0 else 0.0,
            header_count=int(count) if math.isfinite(count) and count > 0 else 0,
            codec=_fourcc(cap.get(cv2.CAP_PROP_FOURCC)),
        )
    except cv2.error as exc:
        raise VideoError(_('{path} could not be opened as a video: {exc}.')
            .format(path=path, exc=_short(exc))) from None


def _looks_like_text(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
        return b"\x00" not in head and bool(head.decode("utf-8").strip())
    except (OSError, UnicodeDecodeError):
        return False


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[-1].strip() if text else type(exc).__name__


def decode_error(path: Path, exc: BaseException) -> VideoError:
    """Wrap an OpenCV/OS failure met while decoding ``path``."""
    return VideoError(f"Decoding {path} failed: {_short(exc)}.")


def no_frames_error(path: Path) -> VideoError:
    return VideoError(f"{path} contains no decodable video frames.")


class FrameClock:
    """Turn ``CAP_PROP_POS_MSEC`` readings into seconds from the first frame.

    A reading that is missing (OpenCV reports 0), repeats or goes backwards is replaced by
    the previous time plus the last good frame interval (``fallback_dt`` at first).
    """

    def __init__(self, fallback_dt: float) -> None:
        self._t0: Optional[float] = None
        self._prev = 0.0
        self._dt = fallback_dt

    def __call__(self, pos_msec: float) -> float:
        t = pos_msec / 1000.0
        if self._t0 is None:
            self._t0 = t if math.isfinite(t) else 0.0
            return 0.0
        rel = t - self._t0
        if not math.isfinite(rel) or rel <= self._prev:
            rel = self._prev + self._dt
        else:
            self._dt = rel - self._prev
        self._prev = rel
        return rel


def fallback_dt(src: Source) -> float:
    return 1.0 / src.header_fps if src.header_fps > 0 else 1.0 / 30.0


def _packet_times(path: Path) -> Optional[np.ndarray]:
    """Sorted presentation times (s) of the video packets, read without decoding."""
    try:
        cap = cv2.VideoCapture(str(path), _backend())
        try:
            if not cap.isOpened() or not cap.set(cv2.CAP_PROP_FORMAT, -1):
                return None
            times = []
            while len(times) < _MAX_SCAN_PACKETS and cap.grab():
                times.append(cap.get(cv2.CAP_PROP_POS_MSEC) / 1000.0)
            if len(times) >= _MAX_SCAN_PACKETS:
                return None
        finally:
            cap.release()
    except cv2.error:
        return None
    arr = np.sort(np.asarray(times, dtype=np.float64))
    return arr if arr.size and np.all(np.isfinite(arr)) else None


def probe(path: PathLike) -> VideoInfo:
    """Describe a video after checking it opens and its first frame decodes.

    Cost: one decoded frame plus a scan of the packets without decoding (about 35 ms
    for a 5 s 1080p60 clip). Raises :class:`VideoError` for anything that is not a
    readable, supported video.
    """
    p = check_path(path)
    size = p.stat().st_size
    src = open_source(p)
    try:
        if not src.cap.grab():
            raise no_frames_error(p)
    except cv2.error as exc:
        raise decode_error(p, exc) from None
    finally:
        src.release()
    count, fps = src.header_count, src.header_fps
    times = _packet_times(p)
    if times is not None and times.size >= 2 and times[-1] > times[0]:
        count = int(times.size)
        fps = (times.size - 1) / float(times[-1] - times[0])
    elif times is not None and times.size:
        count = int(times.size)
    return VideoInfo(
        path=p,
        width=src.width,
        height=src.height,
        fps=float(fps),
        frame_count=int(count),
        duration_s=float(count / fps) if fps > 0 else 0.0,
        rotation=src.reported_rotation,
        codec=src.codec,
        size_bytes=size,
    )


def read_timestamps(path: PathLike, *, should_cancel: Optional[CancelFn] = None) -> np.ndarray:
    """Presentation times (s from the first frame) of every frame, as float64.

    The same values :func:`iter_frames` gives each frame. Cost: every frame is decoded
    (``grab`` without colour conversion or rotation), about half the time of a full
    :func:`iter_frames` pass. Packet times read without decoding are not used here
    because they ignore edit lists (trimmed phone clips).
    """
    p = check_path(path)
    src = open_source(p)
    clock = FrameClock(fallback_dt(src))
    times: list[float] = []
    try:
        while True:
            if len(times) % 8 == 0:
                check_cancel(should_cancel)
            if not src.cap.grab():
                break
            times.append(clock(src.cap.get(cv2.CAP_PROP_POS_MSEC)))
    except cv2.error as exc:
        raise decode_error(p, exc) from None
    finally:
        src.release()
    if not times:
        raise no_frames_error(p)
    return np.asarray(times, dtype=np.float64)
