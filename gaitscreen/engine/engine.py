"""The engine façade widgets talk to: submit and cancel jobs, hear back through signals.

:class:`Engine` lives in the UI thread and owns one :class:`~.worker.JobWorker` in
a dedicated ``QThread``. Its methods never block on the worker (submitting or
cancelling takes a lock held only for a few list operations); results come back as
signals, delivered in the UI thread in the order the worker emitted them:

* ``job_started(job_id, title)``
* ``progress(job_id, stage, done, total, eta_s)`` (``eta_s`` = -1 when unknown;
  at most about 20 per second per job, always the first and the last report)
* ``job_finished(job_id, result)`` / ``job_failed(job_id, message)`` /
  ``job_cancelled(job_id)``: exactly one of them per submitted job
* ``queue_changed(n)``: whenever :meth:`Engine.pending` or :meth:`Engine.running`
  changes; ``n`` is the number of unfinished jobs (queued + running)
* ``device_changed(description)``: e.g. ``"GPU: NVIDIA H100 (CUDA)"`` or
  ``"CPU (no CUDA device)"``, detected in the worker when it starts.

The worker thread is stopped by :meth:`Engine.shutdown`, which also runs on the
application's ``aboutToQuit`` and when the engine object is destroyed.
"""

from __future__ import annotations

import atexit
import dataclasses
import itertools
import logging
from dataclasses import dataclass
from typing import Optional

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThread, Signal, Slot

from .worker import Job, JobQueue, JobSignals, JobWorker, QueuedJob, ResourceFactory, WorkerResources

log = logging.getLogger("gaitscreen.engine")

UNKNOWN_DEVICE = "Detecting device…"

#: Stoppers of engines whose thread may still run. Holding them here keeps each
#: QThread (and its worker) alive until it has been joined, however the Engine's
#: Python wrapper goes away; the atexit hook joins whatever is left.
_LIVE: set["_Stopper"] = set()


@dataclass
class JobInfo:
    """What the UI thread knows about one unfinished job."""

    job_id: int
    title: str
    state: str  # "queued" or "running"
    stage: str = ""
    done: int = 0
    total: int = 0
    eta_s: float = -1.0
    recording_id: Optional[int] = None  # the study recording the job works on, when it has one


class _Stopper:
    """Stops the worker thread; holds the thread so it outlives the Engine wrapper.

    Connected to ``aboutToQuit`` and the engine's ``destroyed`` signal, so it must
    not touch the Engine itself. Calling it again after success does nothing.
    """

    def __init__(self, jobs: JobQueue, thread: QThread, worker: JobWorker) -> None:
        self.jobs, self.thread, self.worker = jobs, thread, worker
        self.stopped = False
        _LIVE.add(self)

    def on_signal(self, *_args: object) -> None:
        """Slot for ``aboutToQuit`` / ``destroyed``. Returns None on purpose: PySide6
        mishandles the reference count of a value returned to a signal."""
        self.stop()

    def stop(self, timeout_s: float = 5.0) -> bool:
        if self.stopped:
            return True
        self.jobs.cancel_all()
        self.jobs.close()
        if QThread.currentThread() is self.thread:
            return False  # called from a job: the loop ends after it, nobody can join here
        if not self.thread.wait(max(0, int(timeout_s * 1000))):
            log.warning("The engine's worker thread did not stop within %.1f s.", timeout_s)
            return False
        self.stopped = True
        _LIVE.discard(self)
        return True


@atexit.register
def _stop_all_at_exit() -> None:
    for stopper in list(_LIVE):
        stopper.stop(timeout_s=5.0)


class Engine(JobSignals):
    """UI-thread façade of the background worker (see the module docstring); it passes the
    worker's :class:`JobSignals` on and adds the queue length."""

    queue_changed = Signal(int)

    def __init__(self, parent: Optional[QObject] = None, *,
                 resources: Optional[dict[str, ResourceFactory]] = None,
                 detect_device: bool = True) -> None:
        """``resources``: name → factory, each called lazily in the worker thread
        (e.g. ``{"study": lambda: Study.open(folder)}``); see :meth:`set_resource_factory`."""
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._jobs: dict[int, JobInfo] = {}
        self._device = ""
        self._shut = False
        self._queue = JobQueue()
        self._resources = WorkerResources(resources)
        self._thread = QThread()
        self._thread.setObjectName("gaitscreen-engine")
        self._worker = JobWorker(self._queue, self._resources, detect_device=detect_device)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.loop)
        self._worker.job_started.connect(self._on_started)
        self._worker.progress.connect(self._on_progress)
        self._worker.job_finished.connect(self._on_finished)
        self._worker.job_failed.connect(self._on_failed)
        self._worker.job_cancelled.connect(self._on_cancelled)
        self._worker.device_changed.connect(self._on_device)
        self._stopper = _Stopper(self._queue, self._thread, self._worker)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._stopper.on_signal)
        self.destroyed.connect(self._stopper.on_signal)
        self._thread.start()

    # ------------------------------------------------------------------ commands
    def submit(self, job: Job) -> int:
        """Queue ``job`` (run after the jobs already queued); returns its id."""
        if self._shut:
            raise RuntimeError("The engine has been shut down.")
        if not callable(getattr(job, "run", None)):
            raise TypeError(f"{job!r} is not a job: it has no run(ctx) method")
        job_id = next(self._ids)
        item = QueuedJob(job_id, job)
        recording = getattr(job, "recording_id", None)
        self._jobs[job_id] = JobInfo(job_id, item.title, "queued",
                                     recording_id=recording if isinstance(recording, int) else None)
        self._queue.put(item)
        self._emit_queue()
        return job_id

    def cancel(self, job_id: int) -> bool:
        """Cancel a job: a queued one is dropped at once (``job_cancelled`` emitted
        here), a running one is asked to stop (``job_cancelled`` follows from the
        worker). False when the job is unknown or already over."""
        where = self._queue.cancel(job_id)
        if where == "queued":
            self._forget(job_id)
            self.job_cancelled.emit(job_id)
            self._emit_queue()
        return where is not None

    def cancel_all(self) -> int:
        """Cancel every queued job and the running one; returns how many were affected."""
        removed, running = self._queue.cancel_all()
        for job_id in removed:
            self._forget(job_id)
            self.job_cancelled.emit(job_id)
        if removed:
            self._emit_queue()
        return len(removed) + (running is not None)

    def shutdown(self, timeout_s: float = 5.0) -> bool:
        """Cancel everything, stop the worker thread and join it (safe to call twice).

        Returns True once the thread has stopped. Signals the worker sent before it
        stopped are delivered before this returns.
        """
        if not self._shut:
            self._shut = True
            self.cancel_all()
        stopped = self._stopper.stop(timeout_s)
        if stopped:
            QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)
        return stopped

    def set_resource_factory(self, name: str, factory: Optional[ResourceFactory]) -> None:
        """Replace the factory of a worker resource (``None`` removes it); the old
        instance is closed in the worker thread as soon as no job is running."""
        self._resources.set_factory(name, factory)
        self._queue.request_housekeeping()

    def clear_models(self) -> None:
        """Forget the worker's cached models before the next job (e.g. a new active model)."""
        self._worker.request_clear_models()

    # -------------------------------------------------------------------- state
    def pending(self) -> list[JobInfo]:
        """Queued jobs in the order they will run (copies)."""
        return [dataclasses.replace(i) for i in self._jobs.values() if i.state == "queued"]

    def running(self) -> Optional[JobInfo]:
        """The running job with its latest progress, or None when idle."""
        for info in self._jobs.values():
            if info.state == "running":
                return dataclasses.replace(info)
        return None

    def job_state(self, recording_id: int) -> Optional[str]:
        """``"running"`` or ``"queued"`` while a job works on (or waits for) ``recording_id``; else None."""
        states = {i.state for i in self._jobs.values() if i.recording_id == recording_id}
        return "running" if "running" in states else ("queued" if states else None)

    def device_description(self) -> str:
        """The compute device as detected by the worker (``"Detecting device…"`` until then)."""
        return self._device or UNKNOWN_DEVICE

    @property
    def is_running(self) -> bool:
        """True while the worker thread runs."""
        return self._thread.isRunning()

    # ---------------------------------------------------- from the worker thread
    @Slot(int, str)
    def _on_started(self, job_id: int, title: str) -> None:
        info = self._jobs.get(job_id)
        if info is not None:
            info.state = "running"
        self.job_started.emit(job_id, title)
        self._emit_queue()

    @Slot(int, str, int, int, float)
    def _on_progress(self, job_id: int, stage: str, done: int, total: int, eta: float) -> None:
        info = self._jobs.get(job_id)
        if info is not None:
            info.stage, info.done, info.total, info.eta_s = stage, done, total, eta
        self.progress.emit(job_id, stage, done, total, eta)

    @Slot(int, object)
    def _on_finished(self, job_id: int, result: object) -> None:
        self._forget(job_id)
        self.job_finished.emit(job_id, result)
        self._emit_queue()

    @Slot(int, str)
    def _on_failed(self, job_id: int, message: str) -> None:
        self._forget(job_id)
        self.job_failed.emit(job_id, message)
        self._emit_queue()

    @Slot(int)
    def _on_cancelled(self, job_id: int) -> None:
        self._forget(job_id)
        self.job_cancelled.emit(job_id)
        self._emit_queue()

    @Slot(str)
    def _on_device(self, description: str) -> None:
        self._device = description
        self.device_changed.emit(description)

    def _forget(self, job_id: int) -> None:
        self._jobs.pop(job_id, None)

    def _emit_queue(self) -> None:
        self.queue_changed.emit(len(self._jobs))
