"""Exact random access to a video's frames, for the player.

:class:`FrameSource` returns frame ``index`` exactly as :func:`iter_frames` yields it
(same decode order, rotation, downsizing and timestamps), whether it is reached by
reading on or by seeking. Three paths, cheapest first:

* **cache**: a :class:`FrameCache` (LRU, bounded in bytes, thread-safe) of frames
  already decoded;
* **read on**: a frame at or a little ahead of the decoder's position is reached by
  ``grab()``-ing forward (frames passed over are not converted), so playing forward
  never seeks;
* **seek**: OpenCV's ``CAP_PROP_POS_FRAMES`` seek converts the index to a time with
  the container's average frame rate, so on variable-frame-rate video it lands on the
  wrong frame (measured: 9 of 30 random seeks off by one on a VFR H.264 clip; exact on
  constant-rate H.264). It is therefore used only to get *near*: the landed frame's
  presentation time (``CAP_PROP_POS_MSEC``) is looked up in the table of times recorded
  while reading sequentially, then the source grabs forward to the wanted frame, or seeks
  again further back when it overshot. Files whose landed frame cannot be identified
  (no PTS, e.g. MPEG-4 Part 2 in AVI) fall back to reopening and reading from the start.

The time table is filled as the sequential *scan* (from frame 0) advances, so seeking
is only used behind the scan front; a frame beyond it is reached by scanning on.
:meth:`FrameSource.scan` advances the front a few frames at a time (the player's
worker calls it while idle, which also fills the cache). Decoding cost on a 2-core
machine, 1080p H.264 with a keyframe every 2 s: about 4 ms per grabbed frame, so an
uncached seek costs up to one keyframe interval of decoding; see
``benchmarks/player_seek.py``.

A :class:`FrameSource` is used from one thread; its :attr:`FrameSource.cache` may be
read from any thread.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Optional

import cv2
import numpy as np

from ..errors import VideoError
from ._source import (
    FrameClock,
    PathLike,
    Source,
    VideoInfo,
    check_path,
    decode_error,
    fallback_dt,
    no_frames_error,
    open_source,
    probe,
)
from ..i18n import _

#: A wanted frame at most this many frames ahead of the decoder is reached by grabbing on.
READ_ON_LIMIT = 48
_MAX_SEEK_TRIES = 3


class FrameCache:
    """Least-recently-used store of decoded frames keyed by index, bounded in bytes.

    Safe to use from several threads. Stored arrays are made read-only.
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max(0, int(max_bytes))
        self._items: OrderedDict[int, np.ndarray] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, index: int) -> Optional[np.ndarray]:
        with self._lock:
            image = self._items.get(index)
            if image is not None:
                self._items.move_to_end(index)
            return image

    def __contains__(self, index: object) -> bool:
        with self._lock:
            return index in self._items

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    @property
    def nbytes(self) -> int:
        with self._lock:
            return self._bytes

    def has_room(self, nbytes: int) -> bool:
        with self._lock:
            return self._bytes + nbytes <= self.max_bytes

    def put(self, index: int, image: np.ndarray, *, evict: bool = True) -> bool:
        """Store ``image``; with ``evict=False`` only when it fits without evicting.

        Returns whether the frame is now cached.
        """
        size = int(image.nbytes)
        if size > self.max_bytes:
            return False
        image.flags.writeable = False
        with self._lock:
            old = self._items.pop(index, None)
            if old is not None:
                self._bytes -= int(old.nbytes)
            if not evict and self._bytes + size > self.max_bytes:
                if old is not None:  # put back what was there
                    self._items[index] = old
                    self._bytes += int(old.nbytes)
                return old is not None
            while self._items and self._bytes + size > self.max_bytes:
                _key, dropped = self._items.popitem(last=False)
                self._bytes -= int(dropped.nbytes)
            self._items[index] = image
            self._bytes += size
            return True

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0


class FrameSource:
    """Frame-exact random access to one video (see the module docstring).

    ``max_side`` downsizes frames as :func:`iter_frames` does (INTER_AREA, longer side
    at most that many pixels); ``cache_bytes`` bounds the frame cache (0 disables it).
    Images are upright BGR uint8 and read-only when they come from the cache.
    Raises :class:`VideoError` for a file that is not a readable video.
    """

    def __init__(
        self,
        path: PathLike,
        *,
        max_side: Optional[int] = None,
        cache_bytes: int = 256 << 20,
        info: Optional[VideoInfo] = None,
    ) -> None:
        self.info = info if info is not None else probe(path)
        self.path = check_path(path)
        self.max_side = max_side
        self.cache = FrameCache(cache_bytes)
        self._src: Source = open_source(self.path)
        self._clock = FrameClock(fallback_dt(self._src))
        self._raw_ms: list[float] = []  # POS_MSEC of every scanned frame
        self._times: list[float] = []  # seconds from the first frame, as iter_frames gives
        self._index_of_ms: dict[float, int] = {}
        self._ambiguous_ms: set[float] = set()
        self._pos = 0  # index of the frame the next grab() yields
        self._grabbed = -1  # index of the frame grab() last produced, retrievable
        self._complete = False
        self._seek_ok = True
        self.stats = {"seeks": 0, "reopens": 0, "grabs": 0}

    # ------------------------------------------------------------------ facts

    @property
    def fps(self) -> float:
        """Average frame rate: from the decoded times once the scan is complete."""
        if self._complete and len(self._times) >= 2 and self._times[-1] > 0:
            return (len(self._times) - 1) / self._times[-1]
        return self.info.fps if self.info.fps > 0 else 1.0 / fallback_dt(self._src)

    @property
    def frame_count(self) -> int:
        """Decodable frames: exact once :attr:`complete`, the probed count before."""
        if self._complete:
            return len(self._times)
        return max(self.info.frame_count, len(self._times))

    @property
    def complete(self) -> bool:
        """Whether the sequential scan has reached the end of the video."""
        return self._complete

    @property
    def scanned(self) -> int:
        """Number of frames (from 0) whose presentation time is known."""
        return len(self._times)

    @property
    def size(self) -> tuple[int, int]:
        """Upright (width, height) of the video at full resolution."""
        return self._src.width, self._src.height

    def timestamps(self) -> np.ndarray:
        """Time (s from the first frame) of every frame; exact for scanned frames,
        extrapolated at the average rate beyond the scan front."""
        n = self.frame_count
        known = np.asarray(self._times[:n], np.float64)
        if known.size >= n:
            return known
        start = known[-1] if known.size else -1.0 / self.fps
        extra = start + (np.arange(1, n - known.size + 1, dtype=np.float64)) / self.fps
        return np.concatenate([known, extra])

    # ------------------------------------------------------------------ access

    def frame(self, index: int, *, cache: bool = True) -> np.ndarray:
        """The upright image of frame ``index`` (0-based decode order), exactly.

        Raises :class:`IndexError` when the video has no such frame and
        :class:`VideoError` when decoding fails.
        """
        index = int(index)
        if index < 0 or (self._complete and index >= len(self._times)):
            raise IndexError(f"frame {index} is outside the video ({self.frame_count} frames)")
        image = self.cache.get(index)
        if image is not None:
            return image
        self._reach(index)
        image = self._retrieve(index)
        if cache:
            self.cache.put(index, image)
        return image

    def scan(self, frames: int = 8, *, fill_cache: bool = True) -> bool:
        """Advance the sequential scan by up to ``frames`` frames, caching them while
        the cache has room (never evicting). Returns whether the scan is complete."""
        if self._complete:
            return True
        front = len(self._times)
        if self._pos != front:
            self._position_at(front - 1)
            while self._pos < front:
                self._grab()
        for _i in range(frames):
            index = self._pos
            if not self._grab():
                break
            if fill_cache and index not in self.cache:
                probe_size = self._frame_bytes()
                if self.cache.has_room(probe_size):
                    self.cache.put(index, self._retrieve(index), evict=False)
        return self._complete

    def close(self) -> None:
        self._src.release()

    def __enter__(self) -> "FrameSource":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ decoding

    def _frame_bytes(self) -> int:
        w, h = self.size
        if self.max_side is not None and max(w, h) > self.max_side:
            s = self.max_side / max(w, h)
            w, h = max(1, round(w * s)), max(1, round(h * s))
        return w * h * 3

    def _grab(self) -> bool:
        """Decode the next frame; record its time when it extends the scan."""
        try:
            ok = self._src.cap.grab()
        except cv2.error as exc:
            raise decode_error(self.path, exc) from None
        self.stats["grabs"] += 1
        if not ok:
            if self._pos < len(self._times):
                raise VideoError(_('Frame {pos} of {path} could not be decoded.')
                    .format(pos=self._pos, path=self.path))
            if self._pos >= len(self._times):
                if not self._times:
                    raise no_frames_error(self.path)
                self._complete = True
            self._grabbed = -1
            return False
        if self._pos == len(self._times):
            pos_ms = float(self._src.cap.get(cv2.CAP_PROP_POS_MSEC))
            self._times.append(self._clock(pos_ms))
            raw = round(pos_ms, 3)  # the key a later seek looks the frame up by
            self._raw_ms.append(raw)
            if raw in self._index_of_ms:
                self._ambiguous_ms.add(raw)
            else:
                self._index_of_ms[raw] = self._pos
        self._grabbed = self._pos
        self._pos += 1
        return True

    def _retrieve(self, index: int) -> np.ndarray:
        assert self._grabbed == index, (self._grabbed, index)
        try:
            ok, image = self._src.cap.retrieve()
        except cv2.error as exc:
            raise decode_error(self.path, exc) from None
        if not ok or image is None:
            raise VideoError(_('Frame {index} of {path} could not be decoded.').format(index=index, path=self.path))
        return self._src.upright(image, self.max_side)

    def _reach(self, index: int) -> None:
        """Leave the decoder with frame ``index`` grabbed (retrievable)."""
        if self._grabbed == index:
            return
        front = len(self._times)  # the decoder never stands beyond the scan front
        if index >= front:
            # Unknown time: read on from the front, getting there first if far behind it.
            if front - self._pos > READ_ON_LIMIT:
                self._position_at(front - 1)
        elif index < self._pos or index - self._pos > READ_ON_LIMIT:
            self._position_at(index)
        while self._pos <= index:
            if not self._grab():
                raise IndexError(f"frame {index} is outside the video ({len(self._times)} frames)")

    def _position_at(self, index: int) -> None:
        """Put the decoder on a frame at or before the known frame ``index``."""
        if self._seek_ok and index > 0:
            self._seek_near(index)
        elif index < self._pos:
            self._restart()

    def _restart(self) -> None:
        """Reopen the file so the next grab yields frame 0."""
        self._src.release()
        self._src = open_source(self.path)
        self._pos, self._grabbed = 0, -1
        self.stats["reopens"] += 1

    def _seek_near(self, index: int) -> None:
        """Seek so that the decoder sits on a known frame at or before ``index``."""
        target = index
        for _i in range(_MAX_SEEK_TRIES):
            self.stats["seeks"] += 1
            try:
                self._src.cap.set(cv2.CAP_PROP_POS_FRAMES, float(max(target, 0)))
                ok = self._src.cap.grab()
            except cv2.error as exc:
                raise decode_error(self.path, exc) from None
            landed = None
            if ok:
                raw = round(float(self._src.cap.get(cv2.CAP_PROP_POS_MSEC)), 3)
                if raw not in self._ambiguous_ms:
                    landed = self._index_of_ms.get(raw)
                if landed is None and self._raw_ms and raw > self._raw_ms[-1]:
                    landed = len(self._raw_ms)  # beyond the scan front: overshot
            if landed is None:
                break
            if landed <= index:
                self._grabbed, self._pos = landed, landed + 1
                return
            if target == 0:
                break
            target = max(0, target - 2 * (landed - index) - 1)
        # The landed frame cannot be identified: read from the start from now on.
        self._seek_ok = False
        self._restart()


__all__ = ["READ_ON_LIMIT", "FrameCache", "FrameSource"]
