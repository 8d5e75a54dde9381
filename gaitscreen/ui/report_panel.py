"""The Report tab: operator, clinician notes and conclusion, a PDF preview and Export PDF.

The panel shows data and calls back; it writes nothing itself. Exporting goes
through an *exporter* callable ``exporter(report, operator=..., notes=...,
conclusion=..., language=...) -> dict`` (e.g. :func:`gaitscreen.core.report.export.export_to_study`
bound to a study and recording, or :func:`folder_exporter`), whose dict holds at
least ``pdf_path`` and ``pdf_sha256``. Without an exporter the panel emits
``export_requested(dict)`` with the fields, so the engine can run the export as
a job and answer with :meth:`ReportPanel.show_exported` or
:meth:`ReportPanel.show_export_failed`.

The preview is the real PDF (built by the same core builder, in memory) rendered
with Qt PDF (:mod:`.report_preview`: pages, zoom, fit to width). In a study the
PDF goes to the folder shown above Export (the study's ``reports`` folder unless
another was chosen; remembered per study), the operator defaults to the one last
entered in the study, and :func:`link_navigator` makes the recordings list show
the new report count at once. The PDF's language is the "Report language" choice
(:mod:`.report_language`: the app's language unless another is chosen, remembered
per study); the preview shows that language too. Opening the exported file goes through
:func:`open_with_system_viewer`, which tests replace; when it fails the panel says so.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..app.analysis_data import load_analysis_inputs
from ..app.study_manage import default_operator
from ..core.errors import GaitScreenError
from ..core.report import export as report_export
from ..core.report.export import signed_report
from .report_language import ReportLanguageChoice
from .report_preview import PdfPreview, pdf_bytes, render_pdf_page  # noqa: F401 - re-exported
from .retranslating import Retranslating

if TYPE_CHECKING:  # the concrete study; imported for types only
    from gaitscreen.storage import Study

Exporter = Callable[..., dict]


def open_with_system_viewer(path: str | os.PathLike[str]) -> bool:
    """Open ``path`` with the desktop's default application (tests replace this)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def choose_folder(parent: QWidget, start: str) -> str:
    """Ask for a folder (tests replace this); "" when cancelled."""
    return QFileDialog.getExistingDirectory(parent, QCoreApplication.translate("ReportPanel", "Save reports in"), start)


def folder_key(study: Any) -> str:
    """The settings key of a study's remembered report folder (one per study folder)."""
    return "report/folder/" + hashlib.sha256(str(Path(study.folder).resolve()).encode()).hexdigest()[:16]


def link_navigator(panel: ReportPanel, navigator: Any) -> None:
    """After each export the recordings list re-reads its badges (the report count shows at once)."""
    panel.exported.connect(lambda _result: navigator.refresh())


def folder_exporter(folder: str | os.PathLike[str]) -> Exporter:
    """An exporter that writes ``<folder>/<patient>_<date>_<n>.pdf`` (no study)."""

    def export(report: dict[str, Any], *, operator: str, notes: str, conclusion: str,
               language: str | None = None) -> dict:
        patient = report.get("patient") or {}
        path = report_export.next_report_path(folder, str(patient.get("id") or "patient"), patient.get("test_date"))
        return report_export.export_report(report, path, operator=operator, notes=notes, conclusion=conclusion,
                                           language=language)

    return export


class ReportPanel(Retranslating, QWidget):
    """Fields, preview and Export PDF for the report of one analysed recording."""

    export_requested = Signal(dict)  # {"operator", "notes", "conclusion", "language"}: only without an exporter
    exported = Signal(dict)  # the exporter's result after a successful export

    def __init__(self, exporter: Exporter | None = None, *, export_in_study: bool = True,
                 settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        """``export_in_study``: with a writable study and no exporter, export into the study here
        (a fraction of a second); False leaves it to whoever hears ``export_requested``."""
        super().__init__(parent)
        self.exporter = exporter
        self._given_exporter = exporter
        self._export_in_study = export_in_study
        self.settings = settings if settings is not None else QSettings()
        self.study: Optional[Study] = None
        self.recording_id = -1
        self.analysis_id: int | None = None
        self.report: dict[str, Any] | None = None
        self.last_result: dict[str, Any] | None = None
        self._stale = False  # the preview waits until the tab is shown
        self._history = 0
        self._latest: Any = None

        self.operator, self.notes, self.conclusion = QLineEdit(), QPlainTextEdit(), QPlainTextEdit()
        for edit in (self.notes, self.conclusion):
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(48)
        self.folder = QLineEdit()
        self.folder.setReadOnly(True)
        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(self.choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose_button)
        self.form = form = QFormLayout()
        self.language = ReportLanguageChoice(self.settings)
        self.language.activated.connect(lambda _: self.refresh_preview())
        self._labels = [QLabel() for _ in range(5)]
        for label, field in zip(self._labels, (self.operator, self.notes, self.conclusion, folder_row,
                                               self.language)):
            form.addRow(label, field)
        self.open_after = QCheckBox()
        self.open_after.setChecked(True)
        self.export_button = QPushButton()
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

        self.viewer = PdfPreview()
        self.preview, self.page_label = self.viewer.label, self.viewer.page_label
        self.prev_page, self.next_page = self.viewer.prev_page, self.viewer.next_page
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(left)
        splitter.addWidget(self.viewer)
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
        self.retranslate()
        self.set_report(None)

    def retranslate(self) -> None:
        """The fixed texts (called again when the language changes)."""
        self.operator.setPlaceholderText(self.tr("Who filmed and analysed the walk"))
        self.notes.setPlaceholderText(self.tr("Clinician notes (observations, context, other test results)"))
        self.conclusion.setPlaceholderText(self.tr("Conclusion and next step, e.g. refer for grip strength and DXA"))
        for label, text in zip(self._labels, (self.tr("Operator"), self.tr("Notes"), self.tr("Conclusion"),
                                              self.tr("Save in"), self.tr("Report language"))):
            label.setText(text)
        self.language.setToolTip(self.tr("The language the PDF is written in (remembered for this study)"))
        self.language.follow_app()
        self.folder.setPlaceholderText(self.tr("the study's reports folder"))
        self.choose_button.setText(self.tr("Choose…"))
        self.choose_button.setToolTip(self.tr("Choose the folder the PDF is saved in (remembered for this study)"))
        self.open_after.setText(self.tr("Open the PDF after export"))
        self.export_button.setText(self.tr("Export PDF"))
        self.export_button.setToolTip(self.tr("Write the PDF report, store it in the study and open it"))
        if self.report is None:
            self.viewer.show_text(self.not_analysed_text())
        else:
            self.refresh_preview()  # the preview follows a report language that follows the app


    def not_analysed_text(self) -> str:
        if getattr(self, "performance_test", None):
            return self.tr("A chair stand or balance test has its own PDF: export it from the Marks panel "
                           "(Export PDF…), with the examiner's corrections. Its SPPB points go into the visit "
                           "report (Patient → Visits and measurements…).")
        return self.tr("Not analysed yet. Analyse the recording (Ctrl+R) before writing its report.")

    # -- public ----------------------------------------------------------------------

    def set_report(self, report: dict[str, Any] | None, *, operator: str | None = None, notes: str = "",
                   conclusion: str = "", history: Sequence[Any] = ()) -> None:
        """Show the report of one analysis (None: not analysed) and prefill the fields.

        ``history``: earlier reports of this recording (objects or dicts with
        ``pdf_path``, ``created_at`` and the fields); the latest one's fields are
        used when none are given. The operator otherwise defaults to the one last
        entered in the study; without a study, to the report's own.
        """
        self.report = report
        self.last_result = None
        latest = history[-1] if history else None
        if latest is not None and not (notes or conclusion):
            notes, conclusion = _get(latest, "notes") or "", _get(latest, "conclusion") or ""
            operator = operator or _get(latest, "operator")
        if not operator and self.study is not None:
            operator = default_operator(self.study)
        if operator is None and report is not None and self.study is None:
            operator = (report.get("patient") or {}).get("operator") or ""
        for edit, text in ((self.operator, operator or ""), (self.notes, notes), (self.conclusion, conclusion)):
            edit.blockSignals(True)
            if isinstance(edit, QLineEdit):
                edit.setText(text)
            else:
                edit.setPlainText(text)
            edit.blockSignals(False)
        enabled = report is not None
        for w in (self.operator, self.notes, self.conclusion, self.export_button, self.open_after,
                  self.choose_button):
            w.setEnabled(enabled)
        self._history, self._latest = len(history), latest
        self.status.setText(self._history_text())
        self.viewer.page = 0
        self.refresh_preview()

    def _history_text(self) -> str:
        if self._latest is None:
            return ""
        return self.tr("%n report(s) exported before; latest: {path} ({date}).", "", self._history).format(
            path=_get(self._latest, "pdf_path"), date=_get(self._latest, "created_at") or self.tr("date unknown"))

    def set_study(self, study: Optional[Study]) -> None:
        """Export into ``study`` (a :class:`gaitscreen.storage.Study` handle, or None)."""
        self.study = study
        remembered = "" if study is None else str(self.settings.value(folder_key(study), "") or "")
        self.folder.setText(remembered if remembered and Path(remembered).is_dir() else
                            ("" if study is None else str(study.folder / "reports")))
        self.language.set_study(study)
        self.show_recording(-1)

    def export_folder(self) -> Path | None:
        """Where a study export goes when it is not the study's own reports folder (None: there)."""
        text = self.folder.text().strip()
        if self.study is None or not text or Path(text).resolve() == (self.study.folder / "reports").resolve():
            return None
        return Path(text)

    def choose_folder(self) -> None:
        folder = choose_folder(self, self.folder.text() or str(Path.home()))
        if folder:
            self.folder.setText(folder)
            if self.study is not None:
                self.settings.setValue(folder_key(self.study), folder)

    def show_recording(self, recording_id: int) -> None:
        """Show the report of ``recording_id``'s latest analysis in the study (-1: none)."""
        self.recording_id = int(recording_id)
        self.exporter = self._given_exporter
        self.analysis_id = None
        self.performance_test = None
        if self.study is None or self.recording_id < 0:
            self.set_report(None)
            return
        try:
            inputs = load_analysis_inputs(self.study, self.recording_id)
        except GaitScreenError as exc:
            self.set_report(None)
            self.status.setText(self.tr("The analysis of this recording cannot be read: {error}").format(error=exc))
            return
        read_only = bool(getattr(self.study, "read_only", False))
        if self.exporter is None and self._export_in_study and not read_only:
            study, rid = self.study, self.recording_id
            self.exporter = lambda _report, **f: report_export.export_to_study(
                study, rid, folder=self.export_folder(), **f)
        self.analysis_id = inputs.analysis_id
        self.performance_test = inputs.performance_test
        self.set_report(inputs.report, history=inputs.history)
        if inputs.report is not None and self.exporter is None and read_only:
            self.export_button.setEnabled(False)
            self.status.setText(self.tr("The study is open read-only (another GaitScreen is using it), so reports "
                                        "cannot be saved into it now."))

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
        fields = dict(self.fields(), language=self.language.language())
        if self.exporter is None:
            self.status.setText(self.tr("Exporting…"))
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
            self.show_export_failed(self.tr("The report could not be written: {error}.").format(
                error=exc.strerror or exc))
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
        text = self.tr("Saved {path} (sha256 {sha}…).").format(path=path, sha=sha[:12])
        if path.is_file():
            self.viewer.show_pdf(path.read_bytes())
        self.exported.emit(self.last_result)
        if self.open_after.isChecked():
            if not path.is_file():
                text += " " + self.tr("It cannot be opened: the file is not there any more.")
            elif not open_with_system_viewer(path):
                text += " " + self.tr("It could not be opened: no PDF viewer is set up on this computer; "
                                      "open it from its folder.")
        self.status.setText(text)

    def show_export_failed(self, message: str) -> None:
        self.export_button.setEnabled(self.report is not None)
        self.status.setText(self.tr("Export failed: {message}").format(message=message))

    def refresh_preview(self) -> None:
        """Rebuild the preview from the report and the current fields (when the panel is on screen)."""
        self._refresh.stop()
        if self.report is not None and not self.isVisible():
            self._stale = True
            return
        self._stale = False
        if self.report is None:
            self.viewer.show_text(self.not_analysed_text())
            return
        try:
            data = pdf_bytes(signed_report(self.report, **self.fields()), language=self.language.language())
        except GaitScreenError as exc:
            self.viewer.show_text(self.tr("No preview: {error}").format(error=exc))
            return
        self.viewer.show_pdf(data)

    def preview_pixmap(self) -> QPixmap | None:
        return self.viewer.pixmap()

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if self._stale:
            self.refresh_preview()


def _get(item: Any, name: str) -> Any:
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)
