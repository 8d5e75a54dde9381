"""Live capture from cameras and network streams (no Qt).

:func:`list_cameras`, :func:`parse_source` and :func:`parse_resolution` find
and check sources and sizes;
:func:`open_source` opens one with bounded waits, and :func:`record` writes a
fixed-duration mp4 whose timeline follows the wall clock, in closed one-second
segments so that :func:`recover_partial_captures` can make a killed recording
playable at the next start. Problems a user can cause raise :class:`CaptureError`
with one sentence.
"""

from __future__ import annotations

# First: importing ..video silences OpenCV's and FFmpeg's own warnings (absent cameras,
# stream timeouts, an H.264 encoder that is not there) before cv2 loads; our
# one-sentence errors replace them.
from .. import video as _video  # noqa: F401  (isort: skip)
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
from .mp4join import join_segments
from .partial import SEGMENT_S, RecoveredCapture, describe_recovery, recover_partial_captures
from .recorder import MAX_DURATION_S, CaptureResult, new_capture_path, record, snap_rate, writer_codec
from .source import CaptureSource, open_source

__all__ = [
    "MAX_DURATION_S",
    "SEGMENT_S",
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
    "describe_recovery",
    "join_segments",
    "probe_indices",
    "record",
    "recover_partial_captures",
    "RecoveredCapture",
    "redact_url",
    "snap_rate",
    "writer_codec",
]
