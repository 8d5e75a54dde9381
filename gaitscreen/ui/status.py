"""Status bar contents: compute device, job queue, the running job's progress and Cancel.

:class:`JobStatus` listens to the engine's signals (``device_changed``,
``queue_changed``, ``job_started``, ``progress``, ``job_finished`` /
``job_failed`` / ``job_cancelled``) and never calls back into the engine except
``engine.cancel(job_id)`` when the user presses Cancel.
"""

from __future__ import annotations

from typing import Any, Optional

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from ..engine.device import CPU_ONLY, gpu_name_of
from .retranslating import Retranslating


def show_progress(bar: QProgressBar, done: int, total: int) -> None:
    """Fill ``bar`` to ``done`` of ``total``; an unknown total (0) makes it a busy bar."""
    if total > 0:
        bar.setRange(0, total)
        bar.setValue(min(done, total))
    else:
        bar.setRange(0, 0)


def format_eta(seconds: float) -> str:
    """``"about 1 min 05 s left"``-style text; empty when unknown (negative) or nothing is left."""
    if seconds is None or seconds < 0:
        return ""
    seconds = int(round(seconds))
    if seconds < 1:
        return ""  # never "0 s left"
    tr = QCoreApplication.translate
    if seconds < 60:
        return tr("JobStatus", "{s} s left").format(s=seconds)
    minutes, secs = divmod(seconds, 60)
    if minutes < 60:
        return tr("JobStatus", "{m} min {s} s left").format(m=minutes, s=f"{secs:02d}")
    hours, minutes = divmod(minutes, 60)
    return tr("JobStatus", "{h} h {m} min left").format(h=hours, m=f"{minutes:02d}")


class JobStatus(Retranslating, QWidget):
    """Device, queue length, current job title, progress bar, ETA and a Cancel button."""

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self._engine: Any = None
        self._job_id: Optional[int] = None
        self._device_text = ""  # "" until the engine says which device it found
        self._waiting = 0
        self.device = QLabel()
        self.queue = QLabel("")
        self.job = QLabel("")
        self.bar = QProgressBar()
        self.bar.setFixedWidth(160)
        self.bar.setTextVisible(True)
        self.eta = QLabel("")
        self.cancel = QPushButton()
        self.cancel.clicked.connect(self._cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.job)
        layout.addWidget(self.bar)
        layout.addWidget(self.eta)
        layout.addWidget(self.cancel)
        layout.addSpacing(12)
        layout.addWidget(self.queue)
        layout.addSpacing(12)
        layout.addWidget(self.device, 0, Qt.AlignmentFlag.AlignRight)
        self._idle()
        self.retranslate()

    def retranslate(self) -> None:
        """The fixed texts in the current language (also after a language change)."""
        self.device.setToolTip(self.tr("Where pose estimation and the stability model run"))
        self.cancel.setText(self.tr("Cancel"))
        self.cancel.setToolTip(self.tr("Stop the running job (its partial results are discarded)"))
        self.set_device(self._device_text)
        self.set_queue(self._waiting)


    # -- wiring ---------------------------------------------------------------------

    def attach(self, engine: Any) -> None:
        """Listen to ``engine``'s signals (an :class:`gaitscreen.engine.engine.Engine`)."""
        self._engine = engine
        engine.device_changed.connect(self.set_device)
        engine.queue_changed.connect(self.set_queue)
        engine.job_started.connect(self.on_started)
        engine.progress.connect(self.on_progress)
        engine.job_finished.connect(lambda job_id, _result: self.on_ended(job_id))
        engine.job_failed.connect(lambda job_id, _text: self.on_ended(job_id))
        engine.job_cancelled.connect(self.on_ended)

    @property
    def current_job(self) -> Optional[int]:
        return self._job_id

    # -- slots ----------------------------------------------------------------------

    @Slot(str)
    def set_device(self, description: str) -> None:
        self._device_text = description
        self.device.setText(self.tr("Device: {device}").format(device=self._device_words(description))
                            if description else self.tr("Device: detecting…"))

    def _device_words(self, description: str) -> str:
        """The engine's English device description in the current language (other text as given)."""
        if description == CPU_ONLY:
            return self.tr("CPU (no CUDA device)")
        name = gpu_name_of(description)
        return self.tr("GPU: {name} (CUDA)").format(name=name) if name is not None else description

    @Slot(int)
    def set_queue(self, waiting: int) -> None:
        self._waiting = waiting
        self.queue.setText(self.tr("%n job(s) queued", "", waiting) if waiting > 0 else "")

    @Slot(int, str)
    def on_started(self, job_id: int, title: str) -> None:
        self._job_id = job_id
        self.job.setText(title)
        self.bar.setRange(0, 0)  # busy until the first progress report
        self.eta.setText("")
        for widget in (self.job, self.bar, self.eta, self.cancel):
            widget.show()
        self.cancel.setEnabled(True)

    @Slot(int, str, int, int, float)
    def on_progress(self, job_id: int, stage: str, done: int, total: int, eta: float) -> None:
        if job_id != self._job_id:
            return
        show_progress(self.bar, done, total)
        self.bar.setFormat(f"{stage} %p%" if total > 0 else stage)
        self.eta.setText(format_eta(eta) if total > 0 and 0 < done < total else "")  # none on an empty or full bar

    @Slot(int)
    def on_ended(self, job_id: int) -> None:
        if job_id == self._job_id:
            self._idle()

    def _idle(self) -> None:
        self._job_id = None
        self.job.setText("")
        self.bar.reset()
        for widget in (self.job, self.bar, self.eta, self.cancel):
            widget.hide()

    def _cancel(self) -> None:
        if self._engine is not None and self._job_id is not None:
            self.cancel.setEnabled(False)
            self._engine.cancel(self._job_id)
