"""Video input: probing, upright frame decoding with real timestamps, letterboxing.

No Qt here. Every problem a user's file can cause raises
:class:`~gaitscreen.core.errors.VideoError` with one sentence naming the file.
"""

from __future__ import annotations

import os
from pathlib import Path

# FFmpeg and OpenCV print their own warnings for damaged files (and core.capture's
# absent cameras and stream timeouts); we report those in one sentence ourselves,
# so keep their noise off the user's terminal. Set before any cv2 import.
os.environ.setdefault("OPENCV_FFMPEG_LOGLEVEL", "-8")
os.environ.setdefault("OPENCV_LOG_LEVEL", "ERROR")

from ..errors import VideoError
from ..fileio import sha256_file as _sha256_file
from ._frames import DECODER_THREAD_NAME, Frame, iter_frames
from ._letterbox import Letterbox, letterbox
from ._source import (
    MAX_RECORDING_S,
    SUPPORTED_EXTENSIONS,
    PathLike,
    VideoInfo,
    check_length,
    probe,
    read_timestamps,
)
from .frame_source import FrameCache, FrameSource
from ..i18n import _


def sha256_file(path: PathLike, *, chunk: int = 1 << 20) -> str:
    """Hex SHA-256 of a file's bytes, read ``chunk`` bytes at a time (any extension).

    Raises :class:`VideoError` when the file is missing, a folder or unreadable.
    """
    p = Path(os.fspath(path)).expanduser()
    try:
        return _sha256_file(p, chunk=chunk)
    except FileNotFoundError:
        raise VideoError(_('File not found: {p}.').format(p=p)) from None
    except IsADirectoryError:
        raise VideoError(_('{p} is a folder, not a file.').format(p=p)) from None
    except OSError as exc:
        raise VideoError(_('Cannot read file {p}: {strerror}.').format(p=p, strerror=exc.strerror or exc)) from None


__all__ = [
    "DECODER_THREAD_NAME",
    "MAX_RECORDING_S",
    "SUPPORTED_EXTENSIONS",
    "Frame",
    "FrameCache",
    "FrameSource",
    "Letterbox",
    "VideoInfo",
    "check_length",
    "iter_frames",
    "letterbox",
    "probe",
    "read_timestamps",
    "sha256_file",
]
