"""A recording in progress as closed one-second segments, and recovery of the ones a crash left.

Why segments: an mp4 is playable only once its movie header (``moov``) is written,
which OpenCV's writer does when it is released, so a recorder killed mid-capture
used to leave one unplayable file. Here the frames go to ``seg-NNNNNN.open.mp4``
files of about :data:`SEGMENT_S` seconds each, in a hidden part folder beside the
target (``.<stem>.<random>.capture-part``); each is released, flushed to disk and
renamed ``seg-NNNNNN.mp4`` when full, so after a kill every closed segment plays
and at most the last second is lost. At the end the segments are joined
(:func:`~gaitscreen.core.capture.mp4join.join_segments`) into one constant-rate
mp4 that is then published under the target name.

The folder holds ``capture.json`` (target name, rate, size, codec, start time;
renamed ``published.json`` once the target exists) and ``lock``, held with an OS
lock while recording: the lock dies with the process, so
:func:`recover_partial_captures` can tell a killed recorder's folder from one
being written right now (by this or another GaitScreen).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

import cv2
import numpy as np

from ..errors import VideoError
from ..fileio import atomic_output, publish
from ..video import probe
from .devices import CaptureError, quiet_opencv
from .mp4join import join_segments, read_track

__all__ = ["PART_SUFFIX", "SEGMENT_S", "RecoveredCapture", "SegmentedWriter", "describe_recovery",
           "recover_partial_captures"]

#: Length of one closed segment: what a killed recorder loses at most.
SEGMENT_S = 1.0
PART_SUFFIX = ".capture-part"
_MANIFEST, _PUBLISHED, _LOCK = "capture.json", "published.json", "lock"
#: A part file of the recorder before segments (one mp4 without its header).
_LEGACY_SUFFIX = ".part.mp4"


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True


def _fsync(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _segment(folder: Path, index: int, *, open_: bool = False) -> Path:
    return folder / f"seg-{index:06d}{'.open' if open_ else ''}.mp4"


class SegmentedWriter:
    """Constant-rate frames to one-second closed segments in a part folder beside ``out``."""

    def __init__(self, out: Path, fps: float, width: int, height: int, codecs: tuple[str, ...], *,
                 started_at: str = "", source_label: str = "") -> None:
        self.out, self.fps, self.size = out, fps, (width, height)
        self.segment_frames = max(1, int(round(SEGMENT_S * fps)))
        self.written = 0
        self.segments: list[Path] = []
        try:
            self.folder = Path(tempfile.mkdtemp(prefix=f".{out.stem}.", suffix=PART_SUFFIX, dir=out.parent))
        except OSError as exc:
            raise CaptureError(f"Cannot write in {out.parent}: {exc.strerror or exc}.") from None
        self._lock_fd: Optional[int] = os.open(self.folder / _LOCK, os.O_RDWR | os.O_CREAT, 0o600)
        _try_lock(self._lock_fd)
        self._writer: Optional[cv2.VideoWriter] = None
        self.codec = self._pick_codec(codecs)
        with atomic_output(self.folder / _MANIFEST) as tmp:
            tmp.write_text(json.dumps({
                "target": out.name, "fps": fps, "width": width, "height": height, "codec": self.codec,
                "segment_frames": self.segment_frames, "started_at": started_at, "source": source_label,
            }, indent=1), encoding="utf-8")

    def _open(self, codec: str) -> Optional[cv2.VideoWriter]:
        path = _segment(self.folder, len(self.segments), open_=True)
        with quiet_opencv():
            writer = cv2.VideoWriter(str(path), cv2.CAP_FFMPEG, cv2.VideoWriter_fourcc(*codec), self.fps, self.size)
        if writer.isOpened():
            return writer
        writer.release()
        with contextlib.suppress(OSError):
            os.unlink(path)
        return None

    def _pick_codec(self, codecs: tuple[str, ...]) -> str:
        for codec in dict.fromkeys(codecs):
            self._writer = self._open(codec)
            if self._writer is not None:
                return codec
        self.discard()
        raise CaptureError(f"The video file {self.out.name} could not be created for writing.")

    def write(self, frame: np.ndarray) -> None:
        if self._writer is None:
            self._writer = self._open(self.codec)
            if self._writer is None:
                raise CaptureError(f"The recording {self.out.name} could not be continued after "
                                   f"{self.written / self.fps:.1f} s; what was recorded is kept and recovered "
                                   "when capture is opened next.")
        self._writer.write(frame)
        self.written += 1
        if self.written % self.segment_frames == 0:
            self._close_segment()

    def _close_segment(self) -> None:
        writer, self._writer = self._writer, None
        if writer is None:
            return
        writer.release()
        index = len(self.segments)
        done, path = _segment(self.folder, index), _segment(self.folder, index, open_=True)
        if self.written <= index * self.segment_frames:  # opened, nothing written: no segment
            with contextlib.suppress(OSError):
                os.unlink(path)
            return
        _fsync(path)
        os.replace(path, done)
        self.segments.append(done)

    def finish(self) -> tuple[Path, str]:
        """Close the last segment and join all into ``<folder>/joined.mp4``; (path, how it was joined)."""
        self._close_segment()
        joined = self.folder / "joined.mp4"
        frames, how = join_segments(self.segments, joined, fps=self.fps, codec=self.codec)
        if frames != self.written:
            raise CaptureError(f"The recording's segments hold {frames} frames of the {self.written} written.")
        return joined, how

    def publish(self, joined: Path) -> None:
        """Move the joined file to the target, mark the folder published, then remove it."""
        publish(joined, self.out)
        with contextlib.suppress(OSError):
            os.replace(self.folder / _MANIFEST, self.folder / _PUBLISHED)
        self.discard()

    def abandon(self) -> None:
        """Stop writing and leave the folder, unlocked, for :func:`recover_partial_captures`."""
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.release()
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    def discard(self) -> None:
        """Stop writing and remove the part folder (a cancel, nothing recorded, or after publishing)."""
        self.abandon()
        shutil.rmtree(self.folder, ignore_errors=True)


@dataclass(frozen=True)
class RecoveredCapture:
    """One leftover of an interrupted recording and what became of it.

    ``path`` is the playable file written from it (None when nothing could be
    recovered); ``removed`` says whether the leftover is gone (recovered, empty or
    already published) or was left in place for the user (``message`` says where).
    """

    leftover: Path
    path: Optional[Path]
    frames: int
    duration_s: float
    removed: bool
    message: str


def _recovered_name(folder: Path, target: str) -> Path:
    stem = Path(target).stem or "capture"
    path, n = folder / f"{stem}.recovered.mp4", 2
    while path.exists():
        path, n = folder / f"{stem}.recovered_{n}.mp4", n + 1
    return path


def _is_live(part: Path) -> bool:
    """True while a recorder holds the folder's lock (a folder without one is not live)."""
    try:
        fd = os.open(part / _LOCK, os.O_RDWR)
    except OSError:
        return False
    try:
        return not _try_lock(fd)
    finally:
        os.close(fd)  # closing releases the lock taken just now


def _closed(segment: Path) -> bool:
    """An ``.open`` segment the writer did finish (released, but not renamed before a failure)."""
    try:
        read_track(segment)
    except Exception:  # noqa: BLE001 - any parse failure: a file without its header
        return False
    return True


def _recover_folder(part: Path) -> RecoveredCapture:
    if (part / _PUBLISHED).exists():
        shutil.rmtree(part, ignore_errors=True)
        return RecoveredCapture(part, None, 0, 0.0, True, f"A finished recording's leftover {part.name} was removed.")
    try:
        manifest = json.loads((part / _MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    target = str(manifest.get("target") or part.name.lstrip(".").split(".")[0] + ".mp4")
    segments = sorted((p for p in part.glob("seg-*.mp4") if not p.name.endswith(".open.mp4") or _closed(p)),
                      key=lambda p: p.name.split(".")[0])
    data = [p for p in part.iterdir() if p.suffix == ".mp4" and p.stat().st_size > 0]
    if not segments:
        if not data:
            shutil.rmtree(part, ignore_errors=True)
            return RecoveredCapture(part, None, 0, 0.0, True,
                                    f"An interrupted recording of {target} had no picture; nothing to recover.")
        return RecoveredCapture(part, None, 0, 0.0, False, f"An interrupted recording of {target} could not be "
                                f"recovered (less than {SEGMENT_S:g} s was recorded); its data was left in {part}.")
    fps = float(manifest.get("fps") or 0) or 30.0
    joined = part / "recovered.mp4"
    frames, _how = join_segments(segments, joined, fps=fps, codec=str(manifest.get("codec") or "mp4v"))
    info = probe(joined)
    dest = _recovered_name(part.parent, target)
    publish(joined, dest)
    shutil.rmtree(part, ignore_errors=True)
    return RecoveredCapture(part, dest, frames, info.duration_s, True,
                            f"An interrupted recording was recovered: {dest.name} ({info.duration_s:.1f} s).")


def _recover_legacy(part: Path) -> RecoveredCapture:
    """A whole-file part of the recorder before segments: playable only if it was finished."""
    if part.stat().st_size == 0:
        part.unlink()
        return RecoveredCapture(part, None, 0, 0.0, True, f"An empty leftover {part.name} was removed.")
    try:
        info = probe(part)
    except VideoError:
        return RecoveredCapture(part, None, 0, 0.0, False, f"An interrupted recording {part.name} is not playable "
                                f"and could not be recovered; it was left in {part.parent}.")
    target = part.name.lstrip(".").split(".")[0] + ".mp4"
    dest = _recovered_name(part.parent, target)
    os.replace(part, dest)
    return RecoveredCapture(part, dest, info.frame_count, info.duration_s, True,
                            f"An interrupted recording was recovered: {dest.name} ({info.duration_s:.1f} s).")


def recover_partial_captures(folder: Union[str, os.PathLike[str]]) -> list[RecoveredCapture]:
    """Recover what killed recorders left in the capture ``folder``; one entry per leftover.

    A part folder's closed segments are joined into ``<name>.recovered.mp4`` beside
    it and the folder is removed; a leftover with no picture is removed; one that
    holds data but cannot be made playable is left where it is and reported.
    Folders being recorded into right now are not touched. A missing folder has
    no leftovers.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found: list[RecoveredCapture] = []
    for part in sorted(folder.iterdir()):
        if not part.name.startswith("."):
            continue
        try:
            if part.is_dir() and part.name.endswith(PART_SUFFIX) and not _is_live(part):
                found.append(_recover_folder(part))
            elif part.is_file() and part.name.endswith(_LEGACY_SUFFIX):
                found.append(_recover_legacy(part))
        except (OSError, CaptureError, VideoError) as exc:
            found.append(RecoveredCapture(part, None, 0, 0.0, False, f"An interrupted recording in {part} could "
                                          f"not be recovered ({exc}); it was left in place."))
    return found


def describe_recovery(found: list[RecoveredCapture]) -> str:
    """The leftovers in one line for the capture dialog (empty when there were none worth saying)."""
    return " ".join(r.message for r in found if r.path is not None or not r.removed)
