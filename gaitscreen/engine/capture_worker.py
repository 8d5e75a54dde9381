"""The capture dialog's worker: live preview and recording in a QThread.

Same idiom as :class:`~gaitscreen.engine.worker.JobWorker`: a ``QObject`` moved to
its own ``QThread`` whose ``started`` signal runs :meth:`CaptureWorker.run`; the
UI talks to it through thread-safe requests (:meth:`request_recording`,
:meth:`cancel_recording`, :meth:`stop`) and hears back only through signals
(queued into the UI thread). One worker serves one source: it opens it, shows
frames, records on request with the same open source (a camera cannot be opened
twice), and ends when stopped or when the source is lost.

Every signal carries the worker's ``token`` first, so a dialog that switched
sources can ignore late signals from the worker it replaced.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import cv2
import numpy as np
from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtGui import QImage

from gaitscreen.core.capture import CaptureError, CaptureSource, SourceSpec, open_source, record
from gaitscreen.core.errors import Cancelled, GaitScreenError

log = logging.getLogger("gaitscreen.engine")


@dataclass(frozen=True)
class SourceInfo:
    """What the preview knows about the open source."""

    label: str
    width: int
    height: int
    fps: float  # the device's reported rate, 0.0 when unknown
    is_stream: bool


@dataclass(frozen=True)
class RecordingRequest:
    path: Path
    duration_s: float
    fps: Optional[float] = None


def to_qimage(frame: np.ndarray, max_side: int) -> QImage:
    """A BGR frame as an RGB ``QImage`` (own copy), downsized to ``max_side`` at most."""
    h, w = frame.shape[:2]
    if max(h, w) > max_side:
        s = max_side / max(h, w)
        frame = cv2.resize(frame, (max(1, round(w * s)), max(1, round(h * s))), interpolation=cv2.INTER_AREA)
    rgb = np.ascontiguousarray(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB))
    h, w = rgb.shape[:2]
    return QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


class CaptureWorker(QObject):
    """Opens one source, previews it and records from it on request (see module doc)."""

    opened = Signal(int, object)  # token, SourceInfo
    frame = Signal(int, object)  # token, QImage (throttled to preview_fps)
    failed = Signal(int, str)  # token, sentence: could not open, or lost while previewing
    recording_started = Signal(int, str)  # token, output path
    recording_progress = Signal(int, float, float)  # token, elapsed s, total s
    recorded = Signal(int, object)  # token, CaptureResult
    recording_failed = Signal(int, str)  # token, sentence (the worker then ends)
    recording_cancelled = Signal(int)
    stopped = Signal(int)  # token: the worker has ended and released the source

    def __init__(
        self,
        token: int,
        source: SourceSpec,
        *,
        width: Optional[int] = None,
        height: Optional[int] = None,
        fps: Optional[float] = None,
        open_timeout_s: float = 5.0,
        stall_s: float = 2.0,
        preview_fps: float = 15.0,
        preview_max_side: int = 640,
    ) -> None:
        super().__init__()
        self.token = token
        self.source = source
        self._open_args = dict(width=width, height=height, fps=fps, timeout_s=open_timeout_s, read_timeout_s=stall_s)
        self._stall_s = stall_s
        self._preview_period = 1.0 / preview_fps if preview_fps > 0 else 0.0
        self._preview_max_side = preview_max_side
        self._last_preview = 0.0
        self._lock = threading.Lock()
        self._request: Optional[RecordingRequest] = None
        self._stop = threading.Event()
        self._cancel = threading.Event()
        self.recording = False

    # --- requests (any thread) -------------------------------------------------
    def request_recording(self, path: Path, duration_s: float, fps: Optional[float] = None) -> None:
        """Record ``duration_s`` seconds to ``path`` as soon as the worker sees it."""
        with self._lock:
            self._request = RecordingRequest(Path(path), float(duration_s), fps)
        self._cancel.clear()

    def cancel_recording(self) -> None:
        """Stop the recording under way (its file is discarded); the preview goes on."""
        with self._lock:
            self._request = None
        self._cancel.set()

    def stop(self) -> None:
        """End the worker (cancelling any recording) and release the source."""
        self._stop.set()
        self._cancel.set()

    # --- worker thread ---------------------------------------------------------
    @Slot()
    def run(self) -> None:
        """The thread's body: open, preview, record on request, until stopped or lost."""
        src: Optional[CaptureSource] = None
        try:
            try:
                src = open_source(self.source, **self._open_args)
            except GaitScreenError as exc:
                if not self._stop.is_set():
                    self.failed.emit(self.token, str(exc))
                return
            self.opened.emit(self.token, SourceInfo(src.label, src.width, src.height, src.fps, src.is_stream))
            self._loop(src)
        except Exception as exc:  # noqa: BLE001 - a bug must end the worker visibly, not hang the dialog
            log.error("Capture worker failed", exc_info=True)
            self.failed.emit(self.token, f"Internal error in capture: {type(exc).__name__}: {exc}")
        finally:
            if src is not None:
                src.close()
            self.stopped.emit(self.token)
            if not QThread.isMainThread():  # run() called directly (tests) must not quit the app
                QThread.currentThread().quit()

    def _loop(self, src: CaptureSource) -> None:
        last_good = time.monotonic()
        while not self._stop.is_set():
            with self._lock:
                request, self._request = self._request, None
            if request is not None:
                if not self._record(src, request):
                    return
                last_good = time.monotonic()
                continue
            frame = src.read()
            now = time.monotonic()
            if frame is None:
                if now - last_good > self._stall_s:
                    if not self._stop.is_set():
                        self.failed.emit(self.token, f"The camera {src.label} stopped sending pictures.")
                    return
                time.sleep(0.01)
                continue
            last_good = now
            self._preview(frame)

    def _preview(self, frame: np.ndarray) -> None:
        now = time.monotonic()
        if now - self._last_preview < self._preview_period:
            return
        self._last_preview = now
        self.frame.emit(self.token, to_qimage(frame, self._preview_max_side))

    def _record(self, src: CaptureSource, request: RecordingRequest) -> bool:
        """Record one request; True when the preview can go on afterwards."""
        self.recording = True
        self.recording_started.emit(self.token, str(request.path))
        last = [0.0]

        def progress(done: int, total: int, stage: str) -> None:  # noqa: ARG001
            now = time.monotonic()
            if done >= total or now - last[0] >= 0.1:
                last[0] = now
                self.recording_progress.emit(self.token, done / 1000.0, total / 1000.0)

        try:
            result = record(
                src, request.path, duration_s=request.duration_s, fps=request.fps, stall_s=self._stall_s,
                progress=progress, should_cancel=self._cancel.is_set, on_frame=self._preview,
            )
        except Cancelled:
            self.recording_cancelled.emit(self.token)
            return True
        except CaptureError as exc:
            self.recording_failed.emit(self.token, str(exc))
            return False
        except GaitScreenError as exc:
            self.recording_failed.emit(self.token, str(exc))
            return False
        finally:
            self.recording = False
        self.recorded.emit(self.token, result)
        return result.complete  # a source that stopped is not previewed any more


#: Threads whose worker did not stop in time (a driver stuck in a read), kept alive until they end.
_LINGERING: set[tuple[QThread, QObject]] = set()


def start_worker(worker: QObject, parent: Optional[QObject] = None, *, name: str = "gaitscreen-capture") -> QThread:
    """Move ``worker`` (a ``QObject`` with a ``run`` slot and a thread-safe ``stop``) to a
    new ``QThread`` (child of ``parent``) and start it."""
    thread = QThread(parent)
    thread.setObjectName(name)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    thread.start()
    return thread


def stop_worker(worker: QObject, thread: QThread, *, wait_ms: int = 8000) -> bool:
    """Stop ``worker``, wait for its thread and schedule both for deletion; False if it
    did not end within ``wait_ms`` (it is then freed when it does end). A thread left
    running is detached from its parent, so closing a dialog cannot destroy it while
    it runs."""
    worker.stop()
    thread.quit()
    if thread.isFinished() or (wait_ms > 0 and thread.wait(wait_ms)):
        thread.deleteLater()
        worker.deleteLater()
        return True
    thread.setParent(None)
    entry = (thread, worker)
    _LINGERING.add(entry)

    def ended() -> None:
        _LINGERING.discard(entry)
        thread.deleteLater()
        worker.deleteLater()

    thread.finished.connect(ended)
    return False


def lingering_workers() -> int:
    """How many worker threads are still running after their stop timed out."""
    return len(_LINGERING)
