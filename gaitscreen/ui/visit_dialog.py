"""The patient's visits and the "New visit / measurements" dialog.

The widgets only collect text: parsing, checking and writing are
:mod:`gaitscreen.app.visit_forms` (Qt-free), so the app and the tests store a
visit the same way and a bad value stores nothing. Problems are shown inside the
dialog, which stays open until the values are valid or it is cancelled.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any, Callable, Optional

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
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
from gaitscreen.app.visit_forms import NUMBER_FIELDS, form_of_visit, save_visit_form, visit_rows

if TYPE_CHECKING:  # the concrete study; imported for types only
    from gaitscreen.storage import Study

from . import messages

RunDialog = Callable[[QDialog], bool]
COLUMNS = (("date", "Date"), ("time", "Time"), ("operator", "Operator"), ("measurements", "Entries"),
           ("recordings", "Recordings"), ("awgs", "AWGS 2019"), ("ewgsop2", "EWGSOP2"))


class VisitDialog(QDialog):
    """A visit's date, time, operator, notes and manual measurements; saves on OK."""

    def __init__(self, parent: Optional[QWidget], study: "Study", patient_id: int, visit_id: Optional[int] = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit visit" if visit_id else "New visit / measurements")
        self.study, self.patient_id, self.visit_id = study, patient_id, visit_id
        self.saved: Any = None
        self.fields: dict[str, Any] = {}
        form = QFormLayout()

        def line(key: str, label: str, text: str = "") -> None:
            self.fields[key] = QLineEdit(text)
            form.addRow(label, self.fields[key])

        line("date", "Date (YYYY-MM-DD)", _dt.date.today().isoformat())
        line("time", "Time (HH:MM)")
        line("operator", "Operator", getattr(study, "user", "") or "")
        line("notes", "Notes")
        line("dynamometer", "Dynamometer")
        for key, label in NUMBER_FIELDS.items():
            line(key, label)
            if key == "asm_kg":
                method = QComboBox()
                for text in ("", "DXA", "BIA"):
                    method.addItem(text or "method", text)
                self.fields["asm_method"] = method
                form.addRow("ASM method", method)
                line("asm_device", "ASM device")
        for item in SARC_F_ITEMS:
            box = QComboBox()
            for text in ("", "0", "1", "2"):
                box.addItem(text or "not answered", text)
            self.fields[f"sarc_f_{item}"] = box
            form.addRow(f"SARC-F {item.replace('_', ' ')}", box)
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
    """The patient's visits over time, with their conclusions; new and edit buttons."""

    def __init__(self, parent: Optional[QWidget], study: "Study", patient_id: int, run: RunDialog,
                 writable: bool = True) -> None:
        super().__init__(parent)
        self.study, self.patient_id, self.run = study, patient_id, run
        self.setWindowTitle(f"Visits of {study.patient(patient_id).code}")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([c[1] for c in COLUMNS])
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.new_button = QPushButton("New visit / measurements…")
        self.edit_button = QPushButton("Edit…")
        self.new_button.clicked.connect(lambda: self.open_visit(None))
        self.edit_button.clicked.connect(lambda: self.open_visit(self.current_visit_id()))
        for b in (self.new_button, self.edit_button):
            b.setEnabled(writable)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.edit_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(close)
        self.rows: list[dict[str, Any]] = []
        self.refresh()

    def refresh(self) -> None:
        self.rows = visit_rows(self.study, self.patient_id)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, (key, _) in enumerate(COLUMNS):
                self.table.setItem(r, c, QTableWidgetItem(str(row[key])))
        self.table.resizeColumnsToContents()

    def current_visit_id(self) -> Optional[int]:
        r = self.table.currentRow()
        return self.rows[r]["id"] if 0 <= r < len(self.rows) else None

    def open_visit(self, visit_id: Optional[int]) -> None:
        dialog = VisitDialog(self, self.study, self.patient_id, visit_id)
        if self.run(dialog):
            self.refresh()


def show_visits(window: Any) -> None:
    """Menu action: the selected patient's visits (refused politely without a study or patient)."""
    patient_id = window.navigator.current_patient_id()
    if window.study is None or patient_id is None:
        messages.show_error(window, "No patient", "Select a patient first to see their visits.")
        return
    dialog = VisitsDialog(window, window.study, patient_id, window.run_dialog,
                          writable=not window.read_only_reason())
    window.run_dialog(dialog)
