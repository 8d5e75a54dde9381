"""The player's decoding worker: a QObject living in its own QThread (the engine's idiom).

It owns the :class:`~gaitscreen.core.video.frame_source.FrameSource` (so the UI thread
never decodes) and works in small steps driven by a zero-interval timer in its thread,
so that new requests are picked up between steps. Order of work in each step:

1. the frame the UI last asked for with :meth:`DecodeWorker.want` (older asks are
   dropped: dragging the timeline only decodes where the drag is now);
2. while playing, the next uncached frames ahead of the playhead (every ``stride``-th),
   starting one measured decode time ahead, so that a slow machine skips frames
   instead of delivering them late;
3. otherwise the sequential scan from frame 0, which learns the exact frame times and
   fills the cache while it has room, then the frames around the playhead.

The UI reads decoded frames straight from the source's thread-safe cache, which it
receives with :attr:`DecodeWorker.opened`.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass
from typing import Optional

import numpy as np
import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot

from gaitscreen.core.errors import GaitScreenError
from gaitscreen.core.video import VideoInfo
from gaitscreen.core.video.frame_source import FrameCache, FrameSource

_SCAN_CHUNK = 2
_AROUND = 15  # frames kept decoded either side of a paused playhead


@dataclass(frozen=True)
class SourceState:
    """What the worker tells the UI about the open video."""

    generation: int
    cache: FrameCache
    frame_count: int
    timestamps: np.ndarray
    complete: bool


class DecodeWorker(QObject):
    """Decodes frames on request; lives in the thread given to :meth:`start`."""

    opened = Signal(object)  # SourceState
    updated = Signal(object)  # SourceState, when the scan completes
    frame_ready = Signal(int, int, object)  # generation, index, image
    failed = Signal(int, str)  # generation, message
    _wake = Signal()
    _open = Signal(int, object, object, int)  # generation, path, info, cache bytes
    _close = Signal()

    def __init__(self, max_side: Optional[int]) -> None:
        super().__init__()
        self.max_side = max_side
        self._lock = threading.Lock()
        self._wanted: Optional[int] = None
        self._playhead = 0
        self._playing = False
        self._stride = 1
        self._lookahead = 8
        self._rate = 30.0
        self._decode_s = 0.01  # recent time to decode one frame while playing (EMA)
        self._source: Optional[FrameSource] = None
        self._generation = 0
        self._timer: Optional[QTimer] = None
        self._wake.connect(self._kick)
        self._open.connect(self._do_open)
        self._close.connect(self._do_close)

    # ------------------------------------------------------------ from the UI thread

    def open(self, generation: int, path: str, info: VideoInfo, cache_bytes: int) -> None:
        with self._lock:
            self._wanted, self._playhead, self._playing = None, 0, False
        self._open.emit(generation, path, info, cache_bytes)

    def close_source(self) -> None:
        self._close.emit()

    def want(self, index: int) -> None:
        """Ask for frame ``index``; answered by :attr:`frame_ready`."""
        with self._lock:
            self._wanted = int(index)
        self._wake.emit()

    def set_playhead(self, index: int, *, playing: bool, stride: int = 1, lookahead: int = 8,
                     rate: float = 30.0) -> None:
        """Where the UI is, so the worker decodes ahead of it (thread-safe). While
        playing, the playhead moves ``rate`` frames per second and the UI shows every
        ``stride``-th frame."""
        with self._lock:
            changed = (index, playing) != (self._playhead, self._playing)
            self._playhead, self._playing = int(index), bool(playing)
            self._stride, self._lookahead = max(1, int(stride)), max(1, int(lookahead))
            self._rate = max(float(rate), 0.0)
        if changed:
            self._wake.emit()

    # ------------------------------------------------------------ in the worker thread

    @Slot(int, object, object, int)
    def _do_open(self, generation: int, path: str, info: VideoInfo, cache_bytes: int) -> None:
        self._do_close()
        self._generation = generation
        try:
            self._source = FrameSource(path, max_side=self.max_side, cache_bytes=cache_bytes, info=info)
        except GaitScreenError as exc:
            self.failed.emit(generation, str(exc))
            return
        self.opened.emit(self._state())
        self._kick()

    @Slot()
    def _do_close(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        if self._source is not None:
            self._source.close()
            self._source.cache.clear()
            self._source = None

    @Slot()
    def _finish(self) -> None:
        """Runs in the ending thread: release the video and hand this object back to
        the application's thread so it can be deleted from there."""
        self._do_close()
        app = QCoreApplication.instance()
        if app is not None:
            self.moveToThread(app.thread())

    def _state(self) -> SourceState:
        src = self._source
        assert src is not None
        return SourceState(self._generation, src.cache, src.frame_count, src.timestamps(), src.complete)

    @Slot()
    def _kick(self) -> None:
        if self._timer is None:
            self._timer = QTimer(self)
            self._timer.setInterval(0)
            self._timer.timeout.connect(self._step)
        if self._source is not None and not self._timer.isActive():
            self._timer.start()

    @Slot()
    def _step(self) -> None:
        src = self._source
        if src is None:
            self._timer.stop()  # type: ignore[union-attr]
            return
        try:
            if not self._do_one(src):
                self._timer.stop()  # type: ignore[union-attr]
        except GaitScreenError as exc:
            self._timer.stop()  # type: ignore[union-attr]
            self.failed.emit(self._generation, str(exc))

    def _do_one(self, src: FrameSource) -> bool:
        """One unit of work; False when there is nothing left to do."""
        with self._lock:
            wanted, self._wanted = self._wanted, None
            playhead, playing = self._playhead, self._playing
            stride, lookahead, rate = self._stride, self._lookahead, self._rate
        if wanted is not None:
            was_complete = src.complete
            try:
                image = src.frame(wanted)
            except IndexError:
                image = None
            if src.complete and not was_complete:
                self.updated.emit(self._state())
            if image is not None:
                self.frame_ready.emit(self._generation, wanted, image)
            return True
        count = src.frame_count
        if playing:
            # Frames closer than one decode time ahead would be late: skip them.
            lead = math.ceil(self._decode_s * rate)
            for k in range(max(lookahead, lead // stride + 4)):
                index = playhead + k * stride
                if index >= count:
                    break
                if index >= playhead + lead and index not in src.cache:
                    started = time.perf_counter()
                    self._decode(src, index)
                    took = time.perf_counter() - started
                    self._decode_s = 0.7 * self._decode_s + 0.3 * took
                    return True
            return False
        if not src.complete:
            if src.scan(_SCAN_CHUNK):
                self.updated.emit(self._state())
            return True
        for index in range(max(0, playhead - _AROUND), min(count, playhead + _AROUND + 1)):
            if index not in src.cache:
                self._decode(src, index)
                return True
        return False

    def _decode(self, src: FrameSource, index: int) -> None:
        was_complete = src.complete
        try:
            src.frame(index)
        except IndexError:
            pass
        if src.complete and not was_complete:
            self.updated.emit(self._state())


class WorkerThread:
    """A :class:`DecodeWorker` moved to its own :class:`QThread`; :meth:`stop` joins it."""

    def __init__(self, max_side: Optional[int]) -> None:
        self.thread = QThread()
        self.thread.setObjectName("gaitscreen-player-decoder")
        self.worker = DecodeWorker(max_side)
        self.worker.moveToThread(self.thread)
        self.thread.finished.connect(self.worker._finish)
        self.thread.start()

    def stop(self) -> None:
        if not shiboken6.isValid(self.thread):  # already torn down with the application
            return
        if self.thread.isRunning():
            self.worker.close_source()
            self.thread.quit()
            self.thread.wait()
