"""Opening a live capture source (camera or network stream) with bounded waits.

Cameras open through V4L2 on Linux (the platform default elsewhere) and are asked
for the requested size and rate; what they really deliver is reported back.
Network streams open through OpenCV's FFmpeg backend (MJPEG over HTTP, RTSP) with
open and read timeouts, so a stopped stream makes :meth:`CaptureSource.read`
return ``None`` after the timeout instead of hanging. A source that cannot be
opened, or opens but sends no picture, raises :class:`CaptureError` with one
sentence naming it.
"""

from __future__ import annotations

import collections
import math
import os
import socket
import sys
import time
from typing import Optional
from urllib.parse import urlsplit

import cv2
import numpy as np

from .devices import CaptureError, SourceSpec, describe_source, is_stream_url, parse_source, quiet_opencv

_DEFAULT_PORTS = {"http": 80, "https": 443, "rtsp": 554, "rtsps": 322}
#: Frame times kept for :meth:`CaptureSource.measured_fps`.
_RATE_WINDOW = 30


def _short(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[-1].strip() if lines else type(exc).__name__


class CaptureSource:
    """An open camera or stream. Not thread-safe: use it from one thread.

    ``width``/``height`` are the size of the frames actually delivered (read from the
    first frame); ``fps`` is the rate the device reports, or 0.0 when unknown or not
    to be trusted (network streams: FFmpeg reports 25 for any MJPEG stream);
    :meth:`measured_fps` is the rate frames have really arrived at.
    """

    def __init__(self, source: SourceSpec, cap: "cv2.VideoCapture", first: np.ndarray, fps: float) -> None:
        self.source = source
        self.label = describe_source(source)
        self.is_stream = is_stream_url(source)
        self._cap: Optional[cv2.VideoCapture] = cap
        self._pending: Optional[np.ndarray] = first
        self.height, self.width = int(first.shape[0]), int(first.shape[1])
        self.fps = float(fps)
        self._times: collections.deque[float] = collections.deque(maxlen=_RATE_WINDOW)
        self._times.append(time.monotonic())
        self.frames_read = 1

    @property
    def closed(self) -> bool:
        return self._cap is None

    def read(self) -> Optional[np.ndarray]:
        """The next BGR frame (H, W, 3 uint8), or ``None`` when none came (stopped, timed out, closed).

        The frame read while opening is returned by the first call.
        """
        if self._pending is not None:
            frame, self._pending = self._pending, None
            return frame
        if self._cap is None:
            return None
        try:
            with quiet_opencv():  # a stream timeout is reported by our caller, not by OpenCV's log
                ok, frame = self._cap.read()
        except cv2.error:
            return None
        if not ok or frame is None or frame.size == 0:
            return None
        frame = _as_bgr(frame)
        self._times.append(time.monotonic())
        self.frames_read += 1
        return frame

    def measured_fps(self) -> float:
        """Frames per second over the last frames read (0.0 before ten frames)."""
        if len(self._times) < 10:
            return 0.0
        span = self._times[-1] - self._times[0]
        return (len(self._times) - 1) / span if span > 0 else 0.0

    def close(self) -> None:
        """Release the device or connection (idempotent)."""
        cap, self._cap = self._cap, None
        self._pending = None
        if cap is not None:
            cap.release()

    def __enter__(self) -> "CaptureSource":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:  # a dropped source must not keep the camera busy
        try:
            self.close()
        except Exception:  # noqa: BLE001 - interpreter shutdown
            pass


def _as_bgr(frame: np.ndarray) -> np.ndarray:
    if frame.ndim == 2:
        return cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)
    if frame.shape[2] == 4:
        return cv2.cvtColor(frame, cv2.COLOR_BGRA2BGR)
    return frame


def _check_reachable(url: str, timeout_s: float) -> None:
    """Raise CaptureError when nothing listens at the URL's host and port (quick, clear)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or _DEFAULT_PORTS.get(parts.scheme.lower(), 80)
    label = describe_source(url)
    try:
        with socket.create_connection((host, port), timeout=max(0.1, timeout_s)):
            pass
    except socket.gaierror:
        raise CaptureError(f"No video stream at {label}: the host name '{host}' could not be found.") from None
    except ConnectionRefusedError:
        raise CaptureError(f"No video stream at {label}: nothing is listening on port {port}.") from None
    except TimeoutError:
        raise CaptureError(f"No video stream at {label}: the address did not answer within {timeout_s:g} s.") from None
    except OSError as exc:
        raise CaptureError(f"No video stream at {label}: {exc.strerror or _short(exc)}.") from None


def _open_stream(url: str, timeout_s: float, read_timeout_s: float) -> "cv2.VideoCapture":
    _check_reachable(url, timeout_s)
    params = [
        cv2.CAP_PROP_OPEN_TIMEOUT_MSEC, int(timeout_s * 1000),
        cv2.CAP_PROP_READ_TIMEOUT_MSEC, int(read_timeout_s * 1000),
    ]
    try:
        with quiet_opencv():
            cap = cv2.VideoCapture(url, cv2.CAP_FFMPEG, params)
    except cv2.error as exc:
        raise CaptureError(f"No video stream at {describe_source(url)}: {_short(exc)}.") from None
    if not cap.isOpened():
        cap.release()
        raise CaptureError(
            f"No video stream at {describe_source(url)}: the server answered but sent no video "
            "that could be decoded."
        )
    return cap


def _camera_backend() -> int:
    if sys.platform.startswith("linux"):
        return cv2.CAP_V4L2
    return cv2.CAP_ANY


def _device_problem(path: str) -> Optional[str]:
    if not os.path.exists(path):
        return "the device does not exist (is the camera plugged in?)"
    if not os.access(path, os.R_OK | os.W_OK):
        return "permission denied (on Linux, add the user to the 'video' group)"
    return None


def _open_camera(source: SourceSpec, width: Optional[int], height: Optional[int],
                 fps: Optional[float], read_timeout_s: float) -> "cv2.VideoCapture":
    label = describe_source(source)
    name = label[0].upper() + label[1:]
    if isinstance(source, str):
        problem = _device_problem(source)
        if problem:
            raise CaptureError(f"Camera {source} could not be opened: {problem}.")
    try:
        with quiet_opencv():
            cap = cv2.VideoCapture(source, _camera_backend())
    except cv2.error as exc:
        raise CaptureError(f"{name} could not be opened: {_short(exc)}.") from None
    if not cap.isOpened():
        cap.release()
        why = ("no camera with that number was found" if isinstance(source, int)
               else "it is in use by another program or is not a video capture device")
        prefix = name if isinstance(source, int) else f"Camera {source}"
        raise CaptureError(f"{prefix} could not be opened: {why}.")
    with quiet_opencv():
        if width and height:
            cap.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter_fourcc(*"MJPG"))  # high sizes need MJPEG on USB
            cap.set(cv2.CAP_PROP_FRAME_WIDTH, int(width))
            cap.set(cv2.CAP_PROP_FRAME_HEIGHT, int(height))
        if fps:
            cap.set(cv2.CAP_PROP_FPS, float(fps))
        cap.set(cv2.CAP_PROP_READ_TIMEOUT_MSEC, int(read_timeout_s * 1000))
    return cap


def _first_frame(cap: "cv2.VideoCapture", deadline: float) -> Optional[np.ndarray]:
    while True:
        try:
            ok, frame = cap.read()
        except cv2.error:
            ok, frame = False, None
        if ok and frame is not None and frame.size:
            return _as_bgr(frame)
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.02)


def open_source(
    source: SourceSpec,
    *,
    width: Optional[int] = None,
    height: Optional[int] = None,
    fps: Optional[float] = None,
    timeout_s: float = 5.0,
    read_timeout_s: float = 2.0,
) -> CaptureSource:
    """Open a camera (index or device path) or stream URL and read its first frame.

    ``width``/``height``/``fps`` are requests to a camera (a stream delivers what its
    server sends); the returned source reports what is really delivered. Opening and
    the first frame together wait at most about ``timeout_s``; each later read waits
    at most ``read_timeout_s`` on a stream. Raises :class:`CaptureError` when the
    source cannot be opened or sends no picture.
    """
    source = parse_source(source)
    for name, value in (("width", width), ("height", height)):
        if value is not None and not 16 <= int(value) <= 8192:
            raise CaptureError(f"A capture {name} of {value} pixels is not possible; use 16 to 8192.")
    if fps is not None and not (math.isfinite(fps) and 1 <= fps <= 240):
        raise CaptureError(f"A capture rate of {fps} frames per second is not possible; use 1 to 240.")
    started = time.monotonic()
    stream = is_stream_url(source)
    if stream:
        cap = _open_stream(str(source), timeout_s, read_timeout_s)
    else:
        cap = _open_camera(source, width, height, fps, read_timeout_s)
    first = _first_frame(cap, started + max(timeout_s, 0.5))
    if first is None:
        cap.release()
        label = describe_source(source)
        if stream:
            raise CaptureError(f"No video stream at {label}: no picture arrived within {timeout_s:g} s.")
        raise CaptureError(f"Camera {label.removeprefix('camera ')} could not be opened: it sent no picture "
                           f"within {timeout_s:g} s.")
    reported = cap.get(cv2.CAP_PROP_FPS)
    nominal = 0.0 if stream or not (math.isfinite(reported) and 1 <= reported <= 240) else float(reported)
    return CaptureSource(source, cap, first, nominal)
