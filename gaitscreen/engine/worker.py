"""The application's one threading idiom: a long-lived worker in a QThread.

A :class:`JobWorker` lives in its own ``QThread`` and takes :class:`Job` objects
from a FIFO :class:`JobQueue` (a deque guarded by a condition variable: the thread
sleeps while there is nothing to do, it never polls). Each job runs with a
:class:`JobContext` that hands the core functions their ``progress`` and
``should_cancel`` callbacks, the worker's model cache (kept across jobs, so the
pose network and the classifier load once) and lazily created per-thread
resources (for instance a ``Study`` connection, which SQLite wants used in the
thread that opened it).

The worker only *emits* signals; they reach objects living in the UI thread
through Qt's queued connections, so the UI never waits on the worker.
:class:`~gaitscreen.engine.engine.Engine` is the façade widgets use.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from PySide6.QtCore import QObject, QThread, Signal, Slot

from gaitscreen.app.analyse import ModelCache  # the models a worker keeps loaded across jobs
from gaitscreen.core.callbacks import check_cancel
from gaitscreen.core.errors import Cancelled, GaitScreenError

from .device import describe_device
from .progress import ProgressMeter

log = logging.getLogger("gaitscreen.engine")

ResourceFactory = Callable[[], Any]


class Job:
    """One unit of background work. Subclasses set ``title`` and implement :meth:`run`.

    ``run`` executes in the worker thread; it should pass ``ctx.progress`` and
    ``ctx.should_cancel`` to the core functions it calls, or call
    ``ctx.check_cancel()`` itself between steps. Raising
    :class:`~gaitscreen.core.errors.GaitScreenError` reports its sentence to the
    user; :class:`~gaitscreen.core.errors.Cancelled` reports a cancellation.
    """

    title: str = "Job"

    def run(self, ctx: "JobContext") -> object:
        raise NotImplementedError

    def on_cancelled(self, ctx: "JobContext") -> None:
        """Called in the worker thread after ``run`` stopped with Cancelled (clean-up)."""


class FunctionJob(Job):
    """A job made of a title and a function ``fn(ctx) -> result``."""

    def __init__(self, title: str, fn: Callable[["JobContext"], object]) -> None:
        self.title = title
        self._fn = fn

    def run(self, ctx: "JobContext") -> object:
        return self._fn(ctx)


class WorkerResources:
    """Objects created lazily in the worker thread from factories set by the engine.

    Factories may be replaced from any thread; the instance made by an old
    factory is closed (its ``close()`` called, in the worker thread) the next
    time it is asked for or at the next job boundary.
    """

    def __init__(self, factories: Optional[dict[str, ResourceFactory]] = None) -> None:
        self._lock = threading.Lock()
        self._generation = 0
        self._factories: dict[str, tuple[int, ResourceFactory]] = {}
        self._instances: dict[str, tuple[int, Any]] = {}
        for name, factory in (factories or {}).items():
            self.set_factory(name, factory)

    def set_factory(self, name: str, factory: Optional[ResourceFactory]) -> None:
        """Use ``factory`` for ``name`` from now on (``None`` removes it). Any thread."""
        with self._lock:
            self._generation += 1
            if factory is None:
                self._factories.pop(name, None)
            else:
                self._factories[name] = (self._generation, factory)

    def has(self, name: str) -> bool:
        with self._lock:
            return name in self._factories

    def get(self, name: str) -> Any:
        """The resource ``name``, created on first use. Worker thread only."""
        with self._lock:
            entry = self._factories.get(name)
        if entry is None:
            raise KeyError(f"no resource named {name!r}")
        generation, factory = entry
        held = self._instances.get(name)
        if held is not None and held[0] == generation:
            return held[1]
        if held is not None:
            self._close(name)
        value = factory()
        self._instances[name] = (generation, value)
        return value

    __getitem__ = get

    def sweep(self) -> None:
        """Close instances whose factory was replaced or removed. Worker thread only."""
        with self._lock:
            current = {name: gen for name, (gen, _) in self._factories.items()}
        for name, (generation, _) in list(self._instances.items()):
            if current.get(name) != generation:
                self._close(name)

    def close_all(self) -> None:
        for name in list(self._instances):
            self._close(name)

    def _close(self, name: str) -> None:
        _, value = self._instances.pop(name)
        closer = getattr(value, "close", None)
        if callable(closer):
            try:
                closer()
            except Exception:  # noqa: BLE001 - a failing close must not stop the worker
                log.exception("Closing worker resource %r failed", name)


class JobContext:
    """What a running job gets: callbacks, the model cache and worker resources."""

    def __init__(self, job_id: int, title: str, cancel_event: threading.Event, meter: ProgressMeter,
                 models: ModelCache, resources: WorkerResources,
                 set_device: Callable[[str], None]) -> None:
        self.job_id = job_id
        self.title = title
        self.models = models
        self.resources = resources
        self._event = cancel_event
        self._meter = meter
        self._set_device = set_device

    def progress(self, done: int, total: int, stage: str) -> None:
        """``ProgressFn`` for core functions (throttled before it becomes a signal)."""
        self._meter.report(done, total, stage)

    def should_cancel(self) -> bool:
        """``CancelFn`` for core functions: True once the user cancelled this job."""
        return self._event.is_set()

    def check_cancel(self) -> None:
        """Raise :class:`Cancelled` if the user cancelled this job."""
        check_cancel(self.should_cancel)

    def set_device(self, description: str) -> None:
        """Tell the UI which device the work actually runs on (e.g. after a model loaded)."""
        self._set_device(description)


@dataclass
class QueuedJob:
    job_id: int
    job: Job
    cancel: threading.Event = field(default_factory=threading.Event)

    @property
    def title(self) -> str:
        return str(getattr(self.job, "title", type(self.job).__name__))


#: Returned by :meth:`JobQueue.take` when the worker should tidy up (no job).
HOUSEKEEPING = object()


class JobQueue:
    """FIFO of :class:`QueuedJob` shared by the UI thread and the worker thread."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._items: deque[QueuedJob] = deque()
        self._current: Optional[QueuedJob] = None
        self._closed = False
        self._housekeeping = False

    def put(self, item: QueuedJob) -> None:
        with self._cond:
            if self._closed:
                raise RuntimeError("the engine has been shut down")
            self._items.append(item)
            self._cond.notify()

    def take(self) -> object:
        """Block until there is something to do: a job (it becomes the current one),
        :data:`HOUSEKEEPING` when asked for, or None once the queue is closed."""
        with self._cond:
            while not self._items and not self._closed and not self._housekeeping:
                self._cond.wait()
            if self._closed:
                return None
            if self._housekeeping:
                self._housekeeping = False
                return HOUSEKEEPING
            self._current = self._items.popleft()
            return self._current

    def request_housekeeping(self) -> None:
        """Wake the worker to close stale resources / drop models (after the running job)."""
        with self._cond:
            self._housekeeping = True
            self._cond.notify()

    def done(self, item: QueuedJob) -> None:
        with self._cond:
            if self._current is item:
                self._current = None

    def cancel(self, job_id: int) -> Optional[str]:
        """Remove a queued job ("queued") or flag the running one ("running"); None if unknown."""
        with self._cond:
            for item in self._items:
                if item.job_id == job_id:
                    self._items.remove(item)
                    item.cancel.set()
                    return "queued"
            if self._current is not None and self._current.job_id == job_id:
                self._current.cancel.set()
                return "running"
        return None

    def cancel_all(self) -> tuple[list[int], Optional[int]]:
        """Empty the queue and flag the running job; returns (removed ids, running id)."""
        with self._cond:
            removed = [item.job_id for item in self._items]
            for item in self._items:
                item.cancel.set()
            self._items.clear()
            running = self._current.job_id if self._current is not None else None
            if self._current is not None:
                self._current.cancel.set()
        return removed, running

    def close(self) -> None:
        """Wake the worker and make it stop after the current job."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    @property
    def closed(self) -> bool:
        with self._cond:
            return self._closed


class JobSignals(QObject):
    """A job's life as signals (the job id first): declared once for the worker that emits them
    and the :class:`~gaitscreen.engine.engine.Engine` that passes them on to the widgets."""

    job_started = Signal(int, str)
    progress = Signal(int, str, int, int, float)
    job_finished = Signal(int, object)
    job_failed = Signal(int, str)
    job_cancelled = Signal(int)
    device_changed = Signal(str)


class JobWorker(JobSignals):
    """Runs queued jobs one after the other in the thread it was moved to.

    Connect ``QThread.started`` to :meth:`loop`; the loop returns (and quits the
    thread) once the queue is closed.
    """

    stopped = Signal()

    def __init__(self, jobs: JobQueue, resources: Optional[WorkerResources] = None, *,
                 detect_device: bool = True) -> None:
        super().__init__()
        self._jobs = jobs
        self.models = ModelCache()
        self.resources = resources or WorkerResources()
        self._detect_device = detect_device
        self._device = ""
        self._clear_models = threading.Event()

    def request_clear_models(self) -> None:
        """Drop cached models once the running job (if any) is over (any thread)."""
        self._clear_models.set()
        self._jobs.request_housekeeping()

    @Slot()
    def loop(self) -> None:
        """The worker thread's body: wait for jobs and run them until the queue closes."""
        try:
            if self._detect_device:
                self._set_device(describe_device())
            while True:
                item = self._jobs.take()
                if item is None:
                    break
                if item is HOUSEKEEPING:
                    self._prepare()
                    continue
                try:
                    self._prepare()
                    self._run(item)
                finally:
                    self._jobs.done(item)
        finally:
            self.resources.close_all()
            self.models.clear()
            self.stopped.emit()
            thread = QThread.currentThread()
            if thread is not None:
                thread.quit()

    def _prepare(self) -> None:
        if self._clear_models.is_set():
            self._clear_models.clear()
            self.models.clear()
        self.resources.sweep()

    def _set_device(self, description: str) -> None:
        if description and description != self._device:
            self._device = description
            self.device_changed.emit(description)

    def _run(self, item: QueuedJob) -> None:
        job_id, title = item.job_id, item.title
        if item.cancel.is_set():  # cancelled between take() and here
            self.job_cancelled.emit(job_id)
            return
        meter = ProgressMeter(lambda stage, done, total, eta: self.progress.emit(job_id, stage, done, total, eta))
        ctx = JobContext(job_id, title, item.cancel, meter, self.models, self.resources, self._set_device)
        self.job_started.emit(job_id, title)
        try:
            result = item.job.run(ctx)
        except Cancelled:
            meter.flush()
            self._call_on_cancelled(item.job, ctx)
            self.job_cancelled.emit(job_id)
        except GaitScreenError as exc:
            meter.flush()
            self.job_failed.emit(job_id, _one_line(str(exc)) or type(exc).__name__)
        except Exception as exc:  # noqa: BLE001 - any bug in a job is reported, the queue goes on
            meter.flush()
            log.error("Job %d (%s) failed", job_id, title, exc_info=True)
            self.job_failed.emit(job_id, f"Internal error in {title}: {type(exc).__name__}: {_one_line(str(exc))}")
        else:
            meter.flush()
            self.job_finished.emit(job_id, result)

    @staticmethod
    def _call_on_cancelled(job: Job, ctx: JobContext) -> None:
        handler = getattr(job, "on_cancelled", None)
        if handler is None:
            return
        try:
            handler(ctx)
        except Exception:  # noqa: BLE001
            log.exception("on_cancelled of %s failed", ctx.title)


def _one_line(text: str) -> str:
    return " ".join(text.split())
