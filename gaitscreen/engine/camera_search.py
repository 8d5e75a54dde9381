"""Looking for cameras off the UI thread.

:func:`~gaitscreen.core.capture.list_cameras` reads ``/dev`` on Linux, which is
quick, but elsewhere it opens camera indices one by one and can take a second
or more. :class:`CameraSearch` runs it in a ``QThread`` (the app's one idiom: a
``QObject`` moved to its own thread, heard back through queued signals) and
emits :attr:`CameraSearch.found` with the list in the UI thread.
"""

from __future__ import annotations

import logging
from typing import Optional

from PySide6.QtCore import QObject, QThread, Signal, Slot

from gaitscreen.core import capture

from .capture_worker import start_worker, stop_worker

log = logging.getLogger("gaitscreen.engine")


class _ListJob(QObject):
    done = Signal(object)  # list[CameraInfo]

    def __init__(self, timeout_s: float) -> None:
        super().__init__()
        self._timeout_s = timeout_s

    @Slot()
    def run(self) -> None:
        try:
            found = capture.list_cameras(timeout_s=self._timeout_s)
        except Exception:  # a driver error must not take the dialog down: offer no camera
            log.exception("Listing cameras failed")
            found = []
        self.done.emit(list(found))

    def stop(self) -> None:
        """Nothing to interrupt: a probe returns within its own timeout."""


class CameraSearch(QObject):
    """One camera search at a time; :attr:`found` carries its list (see module doc)."""

    found = Signal(object)  # list[CameraInfo]

    def __init__(self, parent: Optional[QObject] = None, *, timeout_s: float = 1.5) -> None:
        super().__init__(parent)
        self.timeout_s = timeout_s
        self._thread: Optional[QThread] = None
        self._job: Optional[_ListJob] = None

    def running(self) -> bool:
        return self._thread is not None

    def start(self) -> bool:
        """Start a search; False (and nothing started) while one is still running."""
        if self._thread is not None:
            return False
        job = _ListJob(self.timeout_s)
        job.done.connect(self._finish)
        self._job, self._thread = job, start_worker(job, self, name="gaitscreen-cameras")
        return True

    @Slot(object)
    def _finish(self, found: list) -> None:
        self._release(wait_ms=2000)
        self.found.emit(found)

    def stop(self) -> None:
        """Forget a running search without waiting for it: its result is dropped and its
        thread is freed when the probe returns."""
        if self._job is not None:
            self._job.done.disconnect(self._finish)
        self._release(wait_ms=0)

    def _release(self, wait_ms: int) -> None:
        thread, job = self._thread, self._job
        self._thread = self._job = None
        if thread is not None:
            stop_worker(job, thread, wait_ms=wait_ms)
