"""The Report tab: operator, clinician notes and conclusion, a PDF preview and Export PDF.

The panel shows data and calls back; it writes nothing itself. Exporting goes
through an *exporter* callable ``exporter(report, operator=..., notes=...,
conclusion=...) -> dict`` (e.g. :func:`gaitscreen.core.report.export.export_to_study`
bound to a study and recording, or :func:`folder_exporter`), whose dict holds at
least ``pdf_path`` and ``pdf_sha256``. Without an exporter the panel emits
``export_requested(dict)`` with the fields, so the engine can run the export as
a job and answer with :meth:`ReportPanel.show_exported` or
:meth:`ReportPanel.show_export_failed`.

The preview is the real PDF (built by the same core builder, in memory) rendered
with Qt PDF; without the Qt PDF module the panel says so in words. Opening the
exported file goes through :func:`open_with_system_viewer`, which tests replace.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from PySide6.QtCore import QBuffer, QByteArray, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..app.analysis_data import load_analysis_inputs
from ..core.errors import GaitScreenError
from ..core.report import build_pdf
from ..core.report import export as report_export
from ..core.report.export import signed_report

if TYPE_CHECKING:  # the concrete study; imported for types only
    from gaitscreen.storage import Study

try:
    from PySide6.QtPdf import QPdfDocument
except ImportError:  # pragma: no cover - depends on the installed Qt modules
    QPdfDocument = None  # type: ignore[assignment,misc]

Exporter = Callable[..., dict]
NOT_ANALYSED = "Not analysed yet. Analyse the recording (Ctrl+R) before writing its report."
NO_QTPDF = ("The PDF preview needs the Qt PDF module, which is not installed. Export PDF still writes the "
            "report and opens it in your PDF viewer.")


def open_with_system_viewer(path: str | os.PathLike[str]) -> bool:
    """Open ``path`` with the desktop's default application (tests replace this)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def folder_exporter(folder: str | os.PathLike[str]) -> Exporter:
    """An exporter that writes ``<folder>/<patient>_<date>_<n>.pdf`` (no study)."""

    def export(report: dict[str, Any], *, operator: str, notes: str, conclusion: str) -> dict:
        patient = report.get("patient") or {}
        path = report_export.next_report_path(folder, str(patient.get("id") or "patient"), patient.get("test_date"))
        return report_export.export_report(report, path, operator=operator, notes=notes, conclusion=conclusion)

    return export


def render_pdf_page(data: bytes, page: int, width_px: int) -> tuple[QPixmap | None, int]:
    """Page ``page`` of the PDF ``data`` as a pixmap ``width_px`` wide, and the page count."""
    if QPdfDocument is None:
        return None, 0
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QBuffer.OpenModeFlag.ReadOnly)
    doc = QPdfDocument()
    doc.load(buffer)
    count = doc.pageCount()
    if count <= 0:
        return None, 0
    page = min(max(page, 0), count - 1)
    size = doc.pagePointSize(page)
    height = int(round(width_px * size.height() / max(size.width(), 1.0)))
    image = doc.render(page, QSize(width_px, height))
    doc.close()
    buffer.close()
    return (QPixmap.fromImage(image) if not image.isNull() else None), count


def pdf_bytes(report: dict[str, Any]) -> bytes:
    """The PDF of ``report`` as bytes (built in a temporary file that is removed at once)."""
    with tempfile.TemporaryDirectory(prefix="gaitscreen-preview-") as folder:
        path = build_pdf(report, Path(folder) / "preview.pdf")
        return path.read_bytes()


class ReportPanel(QWidget):
    """Fields, preview and Export PDF for the report of one analysed recording."""

    export_requested = Signal(dict)  # {"operator", "notes", "conclusion"}: only when there is no exporter
    exported = Signal(dict)  # the exporter's result after a successful export

    def __init__(self, exporter: Exporter | None = None, *, export_in_study: bool = True,
                 parent: QWidget | None = None) -> None:
        """``export_in_study``: with a writable study and no exporter, export into the study here
        (a fraction of a second); False leaves it to whoever hears ``export_requested``."""
        super().__init__(parent)
        self.exporter = exporter
        self._given_exporter = exporter
        self._export_in_study = export_in_study
        self.study: Optional[Study] = None
        self.recording_id = -1
        self.analysis_id: int | None = None
        self.report: dict[str, Any] | None = None
        self.last_result: dict[str, Any] | None = None
        self._pdf: bytes | None = None
        self._stale = False  # the preview waits until the tab is shown
        self._page = 0
        self._pages = 0

        self.operator = QLineEdit()
        self.operator.setPlaceholderText("Who filmed and analysed the walk")
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("Clinician notes (observations, context, other test results)")
        self.conclusion = QPlainTextEdit()
        self.conclusion.setPlaceholderText("Conclusion and next step, e.g. refer for grip strength and DXA")
        for edit in (self.notes, self.conclusion):
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(48)
        form = QFormLayout()
        form.addRow("Operator", self.operator)
        form.addRow("Notes", self.notes)
        form.addRow("Conclusion", self.conclusion)
        self.open_after = QCheckBox("Open the PDF after export")
        self.open_after.setChecked(True)
        self.export_button = QPushButton("Export PDF")
        self.export_button.setToolTip("Write the PDF report, store it in the study and open it")
        self.export_button.clicked.connect(self.export)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_after)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addLayout(form, 1)
        left_box.addLayout(buttons)
        left_box.addWidget(self.status)

        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.preview.setWordWrap(True)
        self.scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(False)
        scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        scroll.setMinimumSize(220, 140)
        scroll.setWidget(self.preview)
        self.prev_page = QPushButton("◀")
        self.next_page = QPushButton("▶")
        self.page_label = QLabel()
        for b, step in ((self.prev_page, -1), (self.next_page, 1)):
            b.setFixedWidth(36)
            b.clicked.connect(lambda _=False, s=step: self._turn(s))
        pager = QHBoxLayout()
        pager.addWidget(QLabel("Preview"))
        pager.addStretch(1)
        pager.addWidget(self.prev_page)
        pager.addWidget(self.page_label)
        pager.addWidget(self.next_page)
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        right_box.addLayout(pager)
        right_box.addWidget(scroll, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(700)
        self._refresh.timeout.connect(self.refresh_preview)
        self.operator.textEdited.connect(lambda _: self._refresh.start())
        self.notes.textChanged.connect(self._refresh.start)
        self.conclusion.textChanged.connect(self._refresh.start)
        self.set_report(None)

    # -- public ----------------------------------------------------------------------

    def set_report(self, report: dict[str, Any] | None, *, operator: str | None = None, notes: str = "",
                   conclusion: str = "", history: Sequence[Any] = ()) -> None:
        """Show the report of one analysis (None: not analysed) and prefill the fields.

        ``history``: earlier reports of this recording (objects or dicts with
        ``pdf_path``, ``created_at`` and the fields); the latest one's fields are
        used when none are given.
        """
        self.report = report
        self.last_result = None
        latest = history[-1] if history else None
        if latest is not None and not (notes or conclusion):
            notes, conclusion = _get(latest, "notes") or "", _get(latest, "conclusion") or ""
            operator = operator or _get(latest, "operator")
        if operator is None and report is not None:
            operator = (report.get("patient") or {}).get("operator") or ""
        for edit, text in ((self.operator, operator or ""), (self.notes, notes), (self.conclusion, conclusion)):
            edit.blockSignals(True)
            if isinstance(edit, QLineEdit):
                edit.setText(text)
            else:
                edit.setPlainText(text)
            edit.blockSignals(False)
        enabled = report is not None
        for w in (self.operator, self.notes, self.conclusion, self.export_button, self.open_after):
            w.setEnabled(enabled)
        if latest is not None:
            self.status.setText(f"{len(history)} report(s) exported before; latest: {_get(latest, 'pdf_path')} "
                                f"({_get(latest, 'created_at') or 'date unknown'}).")
        else:
            self.status.setText("")
        self._page = 0
        self.refresh_preview()

    def set_study(self, study: Optional[Study]) -> None:
        """Export into ``study`` (a :class:`gaitscreen.storage.Study` handle, or None)."""
        self.study = study
        self.show_recording(-1)

    def show_recording(self, recording_id: int) -> None:
        """Show the report of ``recording_id``'s latest analysis in the study (-1: none)."""
        self.recording_id = int(recording_id)
        self.exporter = self._given_exporter
        self.analysis_id = None
        if self.study is None or self.recording_id < 0:
            self.set_report(None)
            return
        try:
            inputs = load_analysis_inputs(self.study, self.recording_id)
        except GaitScreenError as exc:
            self.set_report(None)
            self.status.setText(f"The analysis of this recording cannot be read: {exc}")
            return
        read_only = bool(getattr(self.study, "read_only", False))
        if self.exporter is None and self._export_in_study and not read_only:
            study, rid = self.study, self.recording_id
            self.exporter = lambda _report, **f: report_export.export_to_study(study, rid, **f)
        self.analysis_id = inputs.analysis_id
        self.set_report(inputs.report, history=inputs.history)
        if inputs.report is not None and self.exporter is None and read_only:
            self.export_button.setEnabled(False)
            self.status.setText("The study is open read-only (another GaitScreen is using it), so reports "
                                "cannot be saved into it now.")

    def refresh(self) -> None:
        """Reload when the recording's latest analysis changed (what was typed is kept otherwise)."""
        if self.study is None or self.recording_id < 0:
            return
        latest = self.study.analysis(self.recording_id)
        if (latest.id if latest is not None else None) != self.analysis_id:
            self.show_recording(self.recording_id)

    def fields(self) -> dict[str, str]:
        return {"operator": self.operator.text().strip(), "notes": self.notes.toPlainText().strip(),
                "conclusion": self.conclusion.toPlainText().strip()}

    def export(self) -> dict[str, Any] | None:
        """Export now (the button): through the exporter, or by asking the engine (signal)."""
        if self.report is None:
            return None
        fields = self.fields()
        if self.exporter is None:
            self.status.setText("Exporting…")
            self.export_button.setEnabled(False)
            self.export_requested.emit(fields if self.recording_id < 0 else dict(fields, recording_id=self.recording_id))
            return None
        self.setCursor(Qt.CursorShape.WaitCursor)
        try:
            result = self.exporter(self.report, **fields)
        except GaitScreenError as exc:
            self.show_export_failed(str(exc))
            return None
        except OSError as exc:
            self.show_export_failed(f"The report could not be written: {exc.strerror or exc}.")
            return None
        finally:
            self.unsetCursor()
        self.show_exported(result)
        return result

    export_report = export  # the main window's "Export report…" action calls this

    def show_exported(self, result: dict[str, Any]) -> None:
        """An export finished: say where the PDF is, preview it and open it (if asked)."""
        self.last_result = dict(result)
        self.export_button.setEnabled(self.report is not None)
        path = Path(str(result.get("pdf_path")))
        sha = str(result.get("pdf_sha256") or "")
        self.status.setText(f"Saved {path} (sha256 {sha[:12]}…).")
        if path.is_file():
            self._show_pdf(path.read_bytes())
        self.exported.emit(self.last_result)
        if self.open_after.isChecked() and path.is_file():
            open_with_system_viewer(path)

    def show_export_failed(self, message: str) -> None:
        self.export_button.setEnabled(self.report is not None)
        self.status.setText(f"Export failed: {message}")

    def refresh_preview(self) -> None:
        """Rebuild the preview from the report and the current fields (when the panel is on screen)."""
        self._refresh.stop()
        if self.report is not None and not self.isVisible():
            self._stale = True
            return
        self._stale = False
        if self.report is None:
            self._pdf = None
            self._pages = 0
            self._set_text(NOT_ANALYSED)
            self._update_pager()
            return
        try:
            data = pdf_bytes(signed_report(self.report, **self.fields()))
        except GaitScreenError as exc:
            self._pdf = None
            self._set_text(f"No preview: {exc}")
            self._update_pager()
            return
        self._show_pdf(data)

    def preview_pixmap(self) -> QPixmap | None:
        pixmap = self.preview.pixmap()
        return None if pixmap is None or pixmap.isNull() else pixmap

    # -- internals -------------------------------------------------------------------

    def _show_pdf(self, data: bytes) -> None:
        self._pdf = data
        self._render()

    def _render(self) -> None:
        if self._pdf is None:
            return
        if QPdfDocument is None:
            self._pages = 0
            self._set_text(NO_QTPDF)
            self._update_pager()
            return
        bar = self.scroll.verticalScrollBar()
        width = max(self.scroll.viewport().width() - (0 if bar.isVisible() else bar.sizeHint().width()) - 4, 200)
        ratio = self.devicePixelRatioF()
        pixmap, self._pages = render_pdf_page(self._pdf, self._page, int(width * ratio))
        if pixmap is None:
            self._set_text("The PDF could not be rendered for the preview.")
        else:
            pixmap.setDevicePixelRatio(ratio)
            self.preview.setPixmap(pixmap)
            self.preview.resize(pixmap.size() / ratio)
        self._update_pager()

    def _set_text(self, text: str) -> None:
        self.preview.setPixmap(QPixmap())
        self.preview.setText(text)
        self.preview.setFixedWidth(max(self.scroll.viewport().width() - 4, 200))
        self.preview.adjustSize()
        self.preview.setMinimumWidth(0)
        self.preview.setMaximumWidth(16777215)

    def _turn(self, step: int) -> None:
        self._page = min(max(self._page + step, 0), max(self._pages - 1, 0))
        self._render()

    def _update_pager(self) -> None:
        self.page_label.setText(f"Page {self._page + 1} of {self._pages}" if self._pages else "")
        self.prev_page.setEnabled(self._page > 0)
        self.next_page.setEnabled(self._page + 1 < self._pages)

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if self._stale:
            self.refresh_preview()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        pixmap = self.preview_pixmap()
        if pixmap is not None and abs(pixmap.width() / pixmap.devicePixelRatio()
                                      - self.scroll.viewport().width()) > 40:
            self._render()


def _get(item: Any, name: str) -> Any:
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)
