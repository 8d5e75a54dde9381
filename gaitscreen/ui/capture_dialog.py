"""Dialog that records a walk from a camera or a network stream into the study.

The user picks a listed camera or types a device path or stream URL, sets the
resolution, rate, duration (the protocol's, 15 s by default) and countdown, sees
a live preview, and presses Start: a countdown, then a recording with a progress
bar and the elapsed time. The mp4 is written only inside ``output_dir``; on
success :attr:`CaptureDialog.capture_result` and :attr:`result_path` hold it and
:attr:`recorded` is emitted (the caller imports it for the selected patient).
What a killed recorder left in ``output_dir`` is recovered when the dialog opens
(:func:`~gaitscreen.core.capture.recover_partial_captures`) and said in the message line.

Preview and recording run in a :class:`~gaitscreen.engine.capture_worker.CaptureWorker`
in its own ``QThread``, and the camera list is filled by a background
:class:`~gaitscreen.engine.camera_search.CameraSearch`. Problems (a source that
cannot open, a stream that stops) are shown in the dialog's message line through
:meth:`show_error`, never in a modal box, and the dialog stays usable.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Optional, Sequence

from PySide6.QtCore import QThread, QTimer, Qt, Signal, Slot
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDialog, QWidget

from gaitscreen.core.capture import (CameraInfo, CaptureError, CaptureResult, SourceSpec,
                                     describe_recovery, new_capture_path, parse_resolution, parse_source,
                                     recover_partial_captures)
from gaitscreen.engine.camera_search import CameraSearch
from gaitscreen.core.records import Setup
from gaitscreen.engine.capture_worker import CaptureWorker, SourceInfo, start_worker, stop_worker

from .capture_layout import build_capture_layout, describe_source, label_capture_layout
from .retranslating import Retranslating

_STOP_WAIT_MS = 8000


class CaptureDialog(Retranslating, QDialog):
    """Capture a recording to ``output_dir`` (see the module docstring).

    A language change re-labels it and words the status, source and message lines again
    from the dialog's state (what a worker or the core said stays as it was said)."""

    recorded = Signal(object)  # CaptureResult
    #: Emitted with every message shown in the dialog's message line (tests listen here).
    error_shown = Signal(str)

    def __init__(
        self,
        output_dir: Path,
        parent: Optional[QWidget] = None,
        *,
        duration_s: float = 15.0,
        countdown_s: int = 3,
        cameras: Optional[Sequence[CameraInfo]] = None,
        source: Optional[SourceSpec] = None,
        file_stem: str = "capture",
        open_timeout_s: float = 5.0,
        close_on_success: bool = True,
        setups: Optional[Sequence[Setup]] = None,
        setup_id: Optional[int] = None,
    ) -> None:
        super().__init__(parent)
        self._status_text: Callable[[], str] = str  # the status line's wording, asked again on a language change
        self._message_text: Callable[[], str] = str  # the message line's
        self.output_dir = Path(output_dir)
        self.file_stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", file_stem) or "capture"
        self.open_timeout_s = open_timeout_s
        self.close_on_success = close_on_success
        self.result_path: Optional[Path] = None
        self.capture_result: Optional[CaptureResult] = None
        self.last_error = ""
        self.source_info: Optional[SourceInfo] = None
        self.preview_frames = 0
        self.state = "idle"  # idle | opening | previewing | countdown | recording
        self._worker: Optional[CaptureWorker] = None
        self._thread: Optional[QThread] = None
        self._token = 0
        self._start_when_open = False
        self._countdown_left = 0
        self.stopped_cleanly = True  # False when the last worker's thread did not end in time
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        self._search = CameraSearch(self)
        self._search.found.connect(self._fill_cameras)
        build_capture_layout(self, duration_s, countdown_s, setups or [])
        self.retranslate()
        self.recovered = recover_partial_captures(self.output_dir)  # what a killed recorder left
        if describe_recovery(self.recovered):
            self.show_notice(self._recovery_text(), wording=self._recovery_text)
        self.refresh_cameras(cameras)
        if source is not None:
            self.source_combo.setEditText(str(source))
        if setup_id is not None and self.setup_combo.findData(setup_id) >= 0:
            self.setup_combo.setCurrentIndex(self.setup_combo.findData(setup_id))
        self._update_buttons()

    def retranslate(self) -> None:
        """The fixed texts in the current language, then the lines that say the dialog's state."""
        self.setWindowTitle(self.tr("Record a walk"))
        label_capture_layout(self)
        if self.preview.pixmap().isNull():
            self.preview.setText(self.tr("No preview"))
        self.info.setText(describe_source(self.source_info))
        self.status.setText(self._status_text())
        self.message.setText(self._message_text())
        self._update_buttons()

    def _set_status(self, text: Callable[[], str]) -> None:
        """Show ``text()`` on the status line (asked again when the language changes)."""
        self._status_text = text
        self.status.setText(text())

    def _recovery_text(self) -> str:
        return self.tr("{what} (in {folder})").format(what=describe_recovery(self.recovered), folder=self.output_dir)

    @property
    def chosen_setup_id(self) -> Optional[int]:
        """The camera setup the recording is made with (None: not calibrated); the caller
        names it on the imported recording (``app.setups.assign_setup``)."""
        return self.setup_combo.currentData()

    # --- sources and settings --------------------------------------------------
    def refresh_cameras(self, cameras: Optional[Sequence[CameraInfo]] = None) -> None:
        """Fill the source list with ``cameras``, or look for cameras in the background
        (probing camera indices can take seconds) and fill it when they are found."""
        if cameras is not None:
            self._fill_cameras(list(cameras))
        elif self._search.start():
            self._set_status(lambda: self.tr("Looking for cameras…"))
            self._update_buttons()

    @Slot(object)
    def _fill_cameras(self, found: list) -> None:
        text = self.source_combo.currentText()
        self.source_combo.clear()
        for camera in found:
            self.source_combo.addItem(camera.label, camera.source)
        self.source_combo.setEditText(text if text else (found[0].label if found else ""))
        if self.state == "idle":
            self._set_status(str if found or text else
                             lambda: self.tr("No camera found: type a device path or a stream URL."))
        self._update_buttons()

    def selected_source(self) -> SourceSpec:
        """The source the combo names (a listed camera or typed text); CaptureError if invalid."""
        text = self.source_combo.currentText().strip()
        index = self.source_combo.findText(text)
        if index >= 0 and self.source_combo.itemData(index) is not None:
            return self.source_combo.itemData(index)
        return parse_source(text)

    def requested_size(self) -> tuple[Optional[int], Optional[int]]:
        """(width, height) typed or chosen, (None, None) for the camera's default."""
        text = self.resolution.currentText().strip()
        if not text or text == self.resolution.itemText(0):
            return None, None
        return parse_resolution(text)

    def requested_fps(self) -> Optional[float]:
        return float(self.fps.value()) or None

    @Slot()
    def _camera_settings_changed(self) -> None:
        """A camera is asked for its size and rate when opened: reopen it to apply new ones."""
        if self.state == "previewing" and self.source_info is not None and not self.source_info.is_stream:
            self.start_preview()

    # --- messages ----------------------------------------------------------------
    def show_error(self, text: str, *, wording: Optional[Callable[[], str]] = None) -> None:
        """Show a problem in the dialog's message line (never modal); ``wording`` words it again
        when the language changes (without it, ``text`` stays as it was said)."""
        self.last_error = text
        self._message_text = wording or (lambda: text)
        self.message.setStyleSheet("color: #b00020;")
        self.message.setText(text)
        self.error_shown.emit(text)

    def show_notice(self, text: str, *, wording: Optional[Callable[[], str]] = None) -> None:
        self._message_text = wording or (lambda: text)
        self.message.setStyleSheet("")
        self.message.setText(text)

    # --- preview -------------------------------------------------------------------
    @Slot()
    def start_preview(self) -> bool:
        """(Re)open the chosen source in a new worker; False (with a message) if the input is bad."""
        if self.state in ("countdown", "recording"):
            return False
        try:
            source = self.selected_source()
            width, height = self.requested_size()
        except CaptureError as exc:
            self.show_error(str(exc))
            return False
        self.stop_preview()
        self._token += 1
        worker = CaptureWorker(self._token, source, width=width, height=height, fps=self.requested_fps(),
                               open_timeout_s=self.open_timeout_s)
        for name in ("opened", "frame", "failed", "recording_started", "recording_progress", "recorded",
                     "recording_failed", "recording_cancelled", "stopped"):
            getattr(worker, name).connect(getattr(self, f"_on_{name}"))
        self.source_info = None
        self.show_notice("")
        source_text = self.source_combo.currentText().strip()
        self._set_status(lambda: self.tr("Connecting to {source}…").format(source=source_text))
        self._set_state("opening")
        self._worker, self._thread = worker, start_worker(worker, self)
        return True

    def stop_preview(self) -> None:
        """Stop the worker (cancelling a recording) and wait for its thread to end."""
        worker, thread = self._worker, self._thread
        self._worker = self._thread = None
        self._timer.stop()
        self._start_when_open = False
        if worker is not None and thread is not None:
            self.stopped_cleanly = stop_worker(worker, thread, wait_ms=_STOP_WAIT_MS)
        if self.state != "idle":
            self._set_state("idle")

    def _current(self, token: int) -> bool:
        return self._worker is not None and token == self._token

    @Slot(int, object)
    def _on_opened(self, token: int, info: SourceInfo) -> None:
        if not self._current(token):
            return
        self.source_info = info
        self.info.setText(describe_source(self.source_info))
        self._set_status(lambda: self.tr("Preview"))
        self._set_state("previewing")
        if self._start_when_open:
            self._start_when_open = False
            self._begin_countdown()

    @Slot(int, object)
    def _on_frame(self, token: int, image: QImage) -> None:
        if not self._current(token):
            return
        self.preview_frames += 1
        pixmap = QPixmap.fromImage(image)
        self.preview.setPixmap(pixmap.scaled(self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation))

    @Slot(int, str)
    def _on_failed(self, token: int, text: str) -> None:
        if not self._current(token):
            return
        self.preview.setText(self.tr("No preview"))
        self._stopped_by(text)

    def _stopped_by(self, error: str) -> None:
        """A preview or a recording failed: stop the camera and say why."""
        self.stop_preview()
        self._set_status(str)
        self.show_error(error)

    @Slot(int)
    def _on_stopped(self, token: int) -> None:
        if self._current(token):
            self.stop_preview()

    # --- recording -----------------------------------------------------------------
    def next_output_path(self) -> Path:
        """A new file name in ``output_dir`` (never an existing file)."""
        return new_capture_path(self.output_dir, self.file_stem)

    @Slot()
    def start_capture(self) -> None:
        """Start button: countdown then record (connecting first when there is no preview)."""
        if self.state in ("countdown", "recording"):
            return
        if self.state == "previewing":
            self._begin_countdown()
        elif self.state == "opening":
            self._start_when_open = True
        elif self.start_preview():
            self._start_when_open = True

    def _begin_countdown(self) -> None:
        self.show_notice("")
        self._countdown_left = int(self.countdown.value())
        self._set_state("countdown")
        if self._countdown_left <= 0:
            self._record_now()
            return
        self._say_countdown()
        self._timer.start()

    @Slot()
    def _tick(self) -> None:
        self._countdown_left -= 1
        if self._countdown_left > 0:
            self._say_countdown()
            return
        self._timer.stop()
        self._record_now()

    def _say_countdown(self) -> None:
        n = self._countdown_left
        self._set_status(lambda: self.tr("Recording starts in {n}…").format(n=n))

    def _record_now(self) -> None:
        if self._worker is None:
            self._set_state("idle")
            return
        try:
            self.output_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._set_state("previewing")
            self._set_status(str)
            why = exc.strerror or exc
            wording = lambda: self.tr("The folder {folder} cannot be created: {why}.").format(  # noqa: E731
                folder=self.output_dir, why=why)
            self.show_error(wording(), wording=wording)
            return
        self._set_state("recording")
        self.progress.setValue(0)
        self._set_status(lambda: self.tr("Recording…"))
        self._worker.request_recording(self.next_output_path(), self.duration.value(), self.requested_fps())

    @Slot(int, str)
    def _on_recording_started(self, token: int, path: str) -> None:  # noqa: ARG002
        if self._current(token):
            self._say_progress(0.0, self.duration.value())

    @Slot(int, float, float)
    def _on_recording_progress(self, token: int, elapsed: float, total: float) -> None:
        if not self._current(token) or total <= 0:
            return
        self.progress.setValue(int(1000 * min(1.0, elapsed / total)))
        self._say_progress(elapsed, total)

    def _say_progress(self, done: float, total: float) -> None:
        self._set_status(lambda: self.tr("Recording {done:.1f} / {total:.1f} s").format(done=done, total=total))

    @Slot(int, object)
    def _on_recorded(self, token: int, result: CaptureResult) -> None:
        if token != self._token:
            return
        self.capture_result = result
        self.result_path = Path(result.path)
        self.progress.setValue(1000 if result.complete else self.progress.value())
        name = self.result_path.name
        self._set_status(lambda: self.tr("Saved {name} ({s:.1f} s)").format(name=name, s=result.duration_s))
        if result.complete:
            self.show_notice(result.message)
            self._set_state("previewing")
        else:
            self.stop_preview()
            self.show_error(result.message)
        self.recorded.emit(result)
        if result.complete and self.close_on_success:
            self.accept()

    @Slot(int, str)
    def _on_recording_failed(self, token: int, text: str) -> None:
        if not self._current(token):
            return
        self.progress.setValue(0)
        self._stopped_by(text)

    @Slot(int)
    def _on_recording_cancelled(self, token: int) -> None:
        if not self._current(token):
            return
        self.progress.setValue(0)
        self._set_status(lambda: self.tr("Recording cancelled; nothing was saved."))
        self._set_state("previewing")

    # --- buttons and closing ------------------------------------------------------------
    @Slot()
    def cancel(self) -> None:
        """Cancel the countdown or the recording; when neither runs, close the dialog."""
        if self.state == "countdown":
            self._timer.stop()
            self._set_status(lambda: self.tr("Countdown cancelled."))
            self._set_state("previewing")
        elif self.state == "recording" and self._worker is not None:
            self._set_status(lambda: self.tr("Cancelling…"))
            self._worker.cancel_recording()
        else:
            self.reject()

    def _set_state(self, state: str) -> None:
        self.state = state
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self.state in ("countdown", "recording")
        for widget in (self.source_combo, self.refresh_button, self.preview_button, self.resolution,
                       self.fps, self.duration, self.countdown, self.setup_combo):
            widget.setEnabled(not busy)
        self.refresh_button.setEnabled(not busy and not self._search.running())
        self.start_button.setEnabled(not busy)
        self.cancel_button.setText(self.tr("Cancel") if busy else self.tr("Close"))

    def done(self, result: int) -> None:  # accept, reject and closing all end here
        self._search.stop()
        self.stop_preview()
        super().done(result)

    def closeEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt's naming; a hidden dialog skips done()
        self._search.stop()
        self.stop_preview()
        super().closeEvent(event)
