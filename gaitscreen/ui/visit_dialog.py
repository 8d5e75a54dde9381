"""The patient's visits and the "New visit / measurements" dialog.

The widgets only collect text: parsing, checking and writing are
:mod:`gaitscreen.app.visit_forms` (Qt-free), so the app and the tests store a
visit the same way and a bad value stores nothing. Problems are shown inside the
dialog, which stays open until the values are valid or it is cancelled. The visits
dialog also writes a visit's report (PDF) in the language chosen there (the app's
by default, remembered per study; :mod:`.report_language`).
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any, Callable, Optional

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gaitscreen.core.assessment.visit import SARC_F_ITEMS
from gaitscreen.core.errors import GaitScreenError
from gaitscreen.app.study_manage import default_operator
from gaitscreen.app.visit_compare import TREND_KEYS, visit_trend
from gaitscreen.app.visit_forms import NUMBER_FIELDS, form_of_visit, save_visit_form
from gaitscreen.core.report.export import next_report_path

from .report_language import ReportLanguageChoice
from .visit_compare import VisitCompareDialog, row_label, value_text

if TYPE_CHECKING:  # the concrete study; imported for types only
    from gaitscreen.storage import Study

from . import messages
from .messages import RunDialog

UNITS = {"gait_speed_m_per_s": "m/s", "grip_kg": "kg", "calf_cm": "cm"}


def choose_visit_pdf(parent: QWidget, suggested: str) -> str:
    """Ask where to save a visit report (tests replace this); "" when cancelled."""
    return QFileDialog.getSaveFileName(parent, QCoreApplication.translate("VisitsDialog", "Save the visit report"), suggested, "PDF (*.pdf)")[0]


class VisitDialog(QDialog):
    """A visit's date, time, operator, notes and manual measurements; saves on OK."""

    def __init__(self, parent: Optional[QWidget], study: "Study", patient_id: int, visit_id: Optional[int] = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit visit") if visit_id else self.tr("New visit / measurements"))
        self.study, self.patient_id, self.visit_id = study, patient_id, visit_id
        self.saved: Any = None
        self.fields: dict[str, Any] = {}
        form = QFormLayout()

        def line(key: str, label: str, text: str = "") -> None:
            self.fields[key] = QLineEdit(text)
            form.addRow(label, self.fields[key])

        line("date", self.tr("Date (YYYY-MM-DD)"), _dt.date.today().isoformat())
        line("time", self.tr("Time (HH:MM)"))
        line("operator", self.tr("Operator"), default_operator(study))
        line("notes", self.tr("Notes"))
        line("dynamometer", self.tr("Dynamometer"))
        labels = self.number_labels()
        for key in NUMBER_FIELDS:
            line(key, labels[key])
            if key == "asm_kg":
                method = QComboBox()
                for text in ("", "DXA", "BIA"):
                    method.addItem(text or self.tr("method"), text)
                self.fields["asm_method"] = method
                form.addRow(self.tr("ASM method"), method)
                line("asm_device", self.tr("ASM device"))
        sarc_f_items = {"strength": self.tr("strength"), "assistance_walking": self.tr("assistance in walking"),
                        "rise_from_chair": self.tr("rise from a chair"), "climb_stairs": self.tr("climb stairs"),
                        "falls": self.tr("falls")}
        for item in SARC_F_ITEMS:
            box = QComboBox()
            for text in ("", "0", "1", "2"):
                box.addItem(text or self.tr("not answered"), text)
            self.fields[f"sarc_f_{item}"] = box
            form.addRow(self.tr("SARC-F {item}").format(item=sarc_f_items.get(item, item.replace("_", " "))), box)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #B00020")
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if visit_id is not None:
            self.set_form(form_of_visit(study, visit_id))


    def number_labels(self) -> dict[str, str]:
        """The number fields' labels (keys of ``NUMBER_FIELDS``) in the user's language."""
        return {
            "grip_right_kg": self.tr("Grip right (kg, trials separated by commas)"),
            "grip_left_kg": self.tr("Grip left (kg, trials separated by commas)"),
            "calf_cm": self.tr("Calf circumference (cm)"),
            "asm_kg": self.tr("ASM (kg)"),
            "height_cm": self.tr("Height at the visit (cm)"),
            "chair_stand_s": self.tr("Five-times chair stand, timed by hand (s)"),
            "sppb_score": self.tr("SPPB score, entered (0-12)"),
        }
    def set_form(self, values: dict[str, Any]) -> None:
        for key, value in values.items():
            widget = self.fields.get(key)
            if isinstance(widget, QLineEdit):
                widget.setText(str(value or ""))
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(0, widget.findData(str(value or ""))))

    def form(self) -> dict[str, Any]:
        return {k: (w.text().strip() if isinstance(w, QLineEdit) else w.currentData()) for k, w in self.fields.items()}

    def accept(self) -> None:  # noqa: D401 - Qt slot
        try:
            self.saved = save_visit_form(self.study, self.patient_id, self.form(), self.visit_id)
        except GaitScreenError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.error.hide()
        super().accept()


class VisitsDialog(QDialog):
    """The patient's visits over time (speed, grip, calf, SARC-F, SPPB, R, conclusions); new, edit
    and compare two selected visits side by side."""

    def __init__(self, parent: Optional[QWidget], study: "Study", patient_id: int, run: RunDialog,
                 writable: bool = True, settings: Optional[QSettings] = None) -> None:
        super().__init__(parent)
        self.study, self.patient_id, self.run = study, patient_id, run
        self.setWindowTitle(self.tr("Visits of {code}").format(code=study.patient(patient_id).code))
        self.table = QTableWidget(0, len(TREND_KEYS))
        self.table.setHorizontalHeaderLabels([row_label(k) for k in TREND_KEYS])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.new_button = QPushButton(self.tr("New visit / measurements…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.compare_button = QPushButton(self.tr("Compare two visits…"))
        self.compare_button.setToolTip(self.tr("Select two visits to see them side by side"))
        self.new_button.clicked.connect(lambda: self.open_visit(None))
        self.edit_button.clicked.connect(lambda: self.open_visit(self.current_visit_id()))
        self.compare_button.clicked.connect(self.compare)
        self.report_button = QPushButton(self.tr("Visit report…"))
        self.report_button.setToolTip(self.tr("Write the selected visit's assessment report (PDF)"))
        self.report_button.clicked.connect(self.export_visit_report)
        self.language = ReportLanguageChoice(settings)
        self.language.setToolTip(self.tr("The language the visit report is written in"))
        self.language.set_study(study)
        for b in (self.new_button, self.edit_button):
            b.setEnabled(writable)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        for b in (self.new_button, self.edit_button, self.compare_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(QLabel(self.tr("Report language")))
        row.addWidget(self.language)
        row.addWidget(self.report_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.hint)
        layout.addLayout(row)
        layout.addWidget(close)
        self.rows: list[dict[str, Any]] = []
        self.refresh()

    def refresh(self) -> None:
        self.rows = visit_trend(self.study, self.patient_id)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, key in enumerate(TREND_KEYS):
                item = QTableWidgetItem(value_text(row[key], UNITS.get(key, ""), key))
                if row["problem"] and key in ("awgs", "ewgsop2"):
                    item.setToolTip(row["problem"])
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()

    def current_visit_id(self) -> Optional[int]:
        r = self.table.currentRow()
        return self.rows[r]["id"] if 0 <= r < len(self.rows) else None

    def selected_visit_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self.rows[r]["id"] for r in rows if 0 <= r < len(self.rows)]

    def compare(self) -> Optional[VisitCompareDialog]:
        ids = self.selected_visit_ids()
        if len(ids) != 2:
            self.hint.setText(self.tr("Select exactly two visits (Ctrl+click) to compare them."))
            return None
        self.hint.setText("")
        dialog = VisitCompareDialog(self, self.study, ids[0], ids[1])
        self.run(dialog)
        return dialog

    def export_visit_report(self) -> Optional[Path]:
        """Write the selected visit's PDF in the chosen language where the user says (None: not written)."""
        from gaitscreen.core.report.visit_pdf import build_visit_pdf
        from gaitscreen.storage.visit_export import study_visit_report

        visit_id = self.current_visit_id()
        if visit_id is None:
            self.hint.setText(self.tr("Select a visit to write its report."))
            return None
        visit = self.study.visit(visit_id)
        code = self.study.patient(self.patient_id).code
        suggested = next_report_path(self.study.folder / "reports", f"{code}_visit", visit.date)
        chosen = choose_visit_pdf(self, str(suggested))
        if not chosen:
            return None
        try:
            Path(chosen).parent.mkdir(parents=True, exist_ok=True)  # the study's reports folder may be new
            path = build_visit_pdf(study_visit_report(self.study, visit_id), chosen, language=self.language.language())
        except GaitScreenError as exc:
            self.hint.setText(self.tr("The visit report was not written: {error}").format(error=exc))
            return None
        except OSError as exc:
            self.hint.setText(self.tr("The visit report was not written: {error}").format(error=exc.strerror or exc))
            return None
        self.hint.setText(self.tr("Saved {path}.").format(path=path))
        return Path(path)

    def open_visit(self, visit_id: Optional[int]) -> None:
        dialog = VisitDialog(self, self.study, self.patient_id, visit_id)
        if self.run(dialog):
            self.refresh()


def show_visits(window: Any) -> None:
    """Menu action: the selected patient's visits (refused politely without a study or patient)."""
    patient_id = window.navigator.current_patient_id()
    if window.study is None or patient_id is None:
        messages.show_error(window, QCoreApplication.translate("VisitsDialog", "No patient"),
                            QCoreApplication.translate("VisitsDialog", "Select a patient first to see their visits."))
        return
    dialog = VisitsDialog(window, window.study, patient_id, window.run_dialog,
                          writable=not window.read_only_reason(), settings=getattr(window, "settings", None))
    window.run_dialog(dialog)
