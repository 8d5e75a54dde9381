"""Live capture from cameras and network streams (no Qt).

:func:`list_cameras`, :func:`parse_source` and :func:`parse_resolution` find
and check sources and sizes;
:func:`open_source` opens one with bounded waits, and :func:`record` writes a
fixed-duration mp4 whose timeline follows the wall clock. Problems a user can
cause raise :class:`CaptureError` with one sentence.
"""

from __future__ import annotations

import os

# OpenCV and FFmpeg print their own warnings (absent cameras, stream timeouts, an H.264
# encoder that is not there); our one-sentence errors replace them.
os.environ.setdefault("OPENCV_FFMPEG_LOGLEVEL", "-8")
os.environ.setdefault("OPENCV_LOG_LEVEL", "ERROR")

from .devices import (
    CameraInfo,
    CaptureError,
    SourceSpec,
    describe_source,
    device_cameras,
    is_stream_url,
    list_cameras,
    parse_resolution,
    parse_source,
    probe_indices,
    redact_url,
)
from .recorder import CaptureResult, new_capture_path, record, snap_rate, writer_codec
from .source import CaptureSource, open_source

__all__ = [
    "CameraInfo",
    "CaptureError",
    "CaptureResult",
    "CaptureSource",
    "SourceSpec",
    "describe_source",
    "device_cameras",
    "is_stream_url",
    "list_cameras",
    "new_capture_path",
    "open_source",
    "parse_resolution",
    "parse_source",
    "probe_indices",
    "record",
    "redact_url",
    "snap_rate",
    "writer_codec",
]
