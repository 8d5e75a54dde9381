"""Which cameras exist, and what a user typed as a capture source.

A capture source is an OpenCV camera index (``0``), a device path (``/dev/video0``)
or a network stream URL (MJPEG over ``http://``/``https://``, ``rtsp://``).
:func:`list_cameras` finds cameras without hanging on a machine that has none;
:func:`parse_source` turns the text of the dialog's source field into a source or
raises :class:`CaptureError` with one sentence saying what is accepted.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union
from urllib.parse import urlsplit, urlunsplit

from ..errors import GaitScreenError

#: What a capture source is: a camera index, a device path or a stream URL.
SourceSpec = Union[int, str]

STREAM_SCHEMES = ("http", "https", "rtsp", "rtsps")
_HINT = "enter a camera number (0), a device path (/dev/video0) or a stream URL (http://… or rtsp://…)"
_MAX_INDEX = 99


class CaptureError(GaitScreenError):
    """A camera or stream cannot be opened, stops, or a capture setting is invalid."""


@dataclass(frozen=True)
class CameraInfo:
    """One camera that can be offered to the user: ``source`` opens it, ``label`` names it."""

    source: SourceSpec
    label: str


def is_stream_url(source: SourceSpec) -> bool:
    """True when ``source`` is a network stream URL (by its scheme)."""
    return isinstance(source, str) and urlsplit(source.strip()).scheme.lower() in STREAM_SCHEMES


def redact_url(url: str) -> str:
    """``url`` with any password replaced by ``***`` (for messages and labels)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    netloc = f"{parts.username or ''}:***@{host}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def describe_source(source: SourceSpec) -> str:
    """How messages name a source: ``camera 0``, ``/dev/video2``, or the (redacted) URL."""
    if isinstance(source, int):
        return f"camera {source}"
    return redact_url(source) if is_stream_url(source) else source


def parse_source(text: Union[str, int]) -> SourceSpec:
    """The capture source the user typed, checked for form (not for existence).

    Accepts a camera number, a device path (``/dev/…`` on Linux and macOS) or an
    ``http``/``https``/``rtsp``/``rtsps`` URL with a host. Raises :class:`CaptureError`.
    """
    if isinstance(text, int):
        if not 0 <= text <= _MAX_INDEX:
            raise CaptureError(f"Camera number {text} is out of range; use 0 to {_MAX_INDEX}.")
        return text
    value = str(text).strip()
    if not value:
        raise CaptureError(f"No capture source given; {_HINT}.")
    if value.isdigit():
        return parse_source(int(value))
    if "://" in value:
        return _parse_url(value)
    if value.startswith("/dev/"):
        if any(c.isspace() for c in value) or value.endswith("/"):
            raise CaptureError(f"'{value}' is not a valid device path; {_HINT}.")
        return value
    raise CaptureError(f"'{value}' is not a camera, device path or stream URL; {_HINT}.")


def _parse_url(value: str) -> str:
    try:
        parts = urlsplit(value)
        port = parts.port  # raises ValueError for a bad port
    except ValueError:
        raise CaptureError(f"'{redact_url(value)}' is not a valid stream URL; {_HINT}.") from None
    scheme = parts.scheme.lower()
    if scheme not in STREAM_SCHEMES:
        raise CaptureError(
            f"Stream type '{scheme}://' is not supported; use http://, https:// or rtsp:// "
            "(MJPEG over HTTP or RTSP)."
        )
    if not parts.hostname or any(c.isspace() for c in value):
        raise CaptureError(f"'{redact_url(value)}' is not a valid stream URL: it has no host name.")
    if port == 0:
        raise CaptureError(f"'{redact_url(value)}' is not a valid stream URL: port 0.")
    return value


def _numeric_key(path: Path) -> tuple[int, str]:
    match = re.search(r"(\d+)$", path.name)
    return (int(match.group(1)) if match else 1 << 30, path.name)


def _sysfs_name(sys_dir: Path, node: str) -> Optional[str]:
    try:
        name = (sys_dir / node / "name").read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return None
    return name or None


def _sysfs_index(sys_dir: Path, node: str) -> Optional[int]:
    try:
        return int((sys_dir / node / "index").read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return None


def device_cameras(
    dev_dir: Union[str, Path] = "/dev", sys_dir: Union[str, Path] = "/sys/class/video4linux"
) -> list[CameraInfo]:
    """The ``/dev/video*`` nodes (Linux), named from sysfs when it says.

    Nothing is opened, so this is instant. Nodes whose sysfs ``index`` is not 0 are the
    metadata/secondary nodes of a camera that has another node; they are listed last.
    """
    dev_dir, sys_dir = Path(dev_dir), Path(sys_dir)
    try:
        nodes = sorted(dev_dir.glob("video*"), key=_numeric_key)
    except OSError:
        return []
    main: list[CameraInfo] = []
    extra: list[CameraInfo] = []
    for node in nodes:
        if not re.fullmatch(r"video\d+", node.name):
            continue
        name = _sysfs_name(sys_dir, node.name)
        label = f"{name} ({node})" if name else str(node)
        index = _sysfs_index(sys_dir, node.name)
        (main if index in (None, 0) else extra).append(CameraInfo(str(node), label))
    return main + extra


_quiet_lock = threading.Lock()
_quiet_depth = 0
_quiet_saved = 0


@contextlib.contextmanager
def quiet_opencv() -> Iterator[None]:
    """Silence OpenCV's own log meanwhile (probing absent cameras and stream timeouts make
    it print warnings that our one-sentence errors replace). Safe across threads: the
    level is restored when the last user leaves."""
    global _quiet_depth, _quiet_saved
    import cv2

    logging = getattr(getattr(cv2, "utils", None), "logging", None)
    if logging is None:
        yield
        return
    with _quiet_lock:
        if _quiet_depth == 0:
            _quiet_saved = logging.getLogLevel()
            logging.setLogLevel(logging.LOG_LEVEL_SILENT)
        _quiet_depth += 1
    try:
        yield
    finally:
        with _quiet_lock:
            _quiet_depth -= 1
            if _quiet_depth == 0:
                logging.setLogLevel(_quiet_saved)


def _probe_indices(indices: list[int], found: list[int], done: threading.Event) -> None:
    import cv2

    try:
        with quiet_opencv():
            for index in indices:
                if done.is_set():
                    return
                try:
                    cap = cv2.VideoCapture(index)
                    try:
                        if cap.isOpened():
                            found.append(index)
                    finally:
                        cap.release()
                except cv2.error:
                    continue
    finally:
        done.set()


def probe_indices(max_index: int = 4, *, timeout_s: float = 2.0) -> list[int]:
    """OpenCV camera indices ``0..max_index-1`` that open, found within ``timeout_s``.

    The probe runs in a daemon thread: a driver that blocks cannot hang the caller, which
    gets the indices found so far when the time is up.
    """
    found: list[int] = []
    done = threading.Event()
    thread = threading.Thread(
        target=_probe_indices, args=(list(range(max_index)), found, done),
        name="gaitscreen-camera-probe", daemon=True,
    )
    thread.start()
    finished = done.wait(timeout_s)
    if not finished:
        done.set()  # ask the probe to stop after the index it is stuck on
    else:
        thread.join(timeout=0.5)
    return list(found)


def list_cameras(
    *,
    max_index: int = 4,
    timeout_s: float = 2.0,
    probe: Optional[bool] = None,
    dev_dir: Union[str, Path] = "/dev",
    sys_dir: Union[str, Path] = "/sys/class/video4linux",
) -> list[CameraInfo]:
    """Cameras to offer: device paths on Linux, then OpenCV indices that open.

    On Linux an index ``n`` is ``/dev/video<n>``, so indices are probed only when
    ``probe=True`` and only those without a listed device path are added; elsewhere
    (``probe=None``) indices ``0..max_index-1`` are probed, bounded by ``timeout_s``
    in all. A machine without cameras gets an empty list, quickly.
    """
    linux = sys.platform.startswith("linux")
    cameras = device_cameras(dev_dir, sys_dir) if linux else []
    if probe is None:
        probe = not linux
    if probe and max_index > 0:
        listed = {c.source for c in cameras}
        for index in probe_indices(max_index, timeout_s=timeout_s):
            if not linux or f"/dev/video{index}" not in listed:
                cameras.append(CameraInfo(index, f"Camera {index}"))
    return cameras


_SIZE = re.compile(r"^\s*(\d{2,4})\s*[x×X*]\s*(\d{2,4})\s*$")


def parse_resolution(text: str) -> tuple[int, int]:
    """``"1280 x 720"`` (also ``1280x720``, ``1280×720``) → (1280, 720); CaptureError otherwise."""
    match = _SIZE.match(text)
    if not match:
        raise CaptureError(f"Resolution '{text.strip()}' is not understood; write it as width x height, "
                           "e.g. 1280 x 720.")
    return int(match.group(1)), int(match.group(2))
