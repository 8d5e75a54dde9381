"""Dialog to create or edit a patient: pseudonymous code, birth year, sex, height, notes.

The code is checked with the same rule as the report header
(:class:`gaitscreen.core.screen.PatientInfo`), so a patient the app accepts can
always be printed on a report. Problems are shown inside the dialog (no message
box), and the dialog stays open until the values are valid or it is cancelled.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gaitscreen.core.errors import GaitScreenError
from gaitscreen.core.records import Patient
from gaitscreen.core.screen import PatientInfo

from . import messages
from .messages import RunDialog

if TYPE_CHECKING:  # the concrete study; imported for types only
    from gaitscreen.storage import Study


FIRST_BIRTH_YEAR = 1900  # the spin box's minimum means "not given"
NOT_GIVEN = "not given"


def validate_patient(values: dict[str, Any], *, existing_codes: Iterable[str] = ()) -> Optional[str]:
    """One sentence saying what is wrong with ``values``, or None when they are valid."""
    code = values.get("code") or ""
    if code in set(existing_codes):
        return QCoreApplication.translate("PatientDialog", "A patient with the code {code} already exists in this study.").format(
            code=code)
    birth_year = values.get("birth_year")
    age = None
    if birth_year is not None:
        age = _dt.date.today().year - int(birth_year)
        if age <= 0:
            return QCoreApplication.translate("PatientDialog", "Birth year {year} is in the future.").format(year=birth_year)
    try:
        PatientInfo(id=code, age=age, sex=values.get("sex"), height_cm=values.get("height_cm"))
    except GaitScreenError as exc:
        return str(exc)
    return None


class PatientDialog(QDialog):
    """New patient (``patient=None``) or edit of ``patient``; read :meth:`values` after accept."""

    def __init__(self, parent: Optional[QWidget] = None, patient: Optional[Patient] = None, *,
                 existing_codes: Iterable[str] = ()) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit patient") if patient else self.tr("New patient"))
        self._existing = {c for c in existing_codes if patient is None or c != patient.code}

        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("pseudonymous code, e.g. P-0012 (never a name)"))
        self.birth_year = QSpinBox()
        self.birth_year.setRange(FIRST_BIRTH_YEAR, _dt.date.today().year)
        self.birth_year.setSpecialValueText(self.tr("not given"))
        self.sex = QComboBox()
        self.sex.addItem(self.tr("not given"), None)
        self.sex.addItem(self.tr("F (female)"), "F")
        self.sex.addItem(self.tr("M (male)"), "M")
        self.height_cm = QDoubleSpinBox()
        self.height_cm.setRange(0.0, 250.0)
        self.height_cm.setDecimals(1)
        self.height_cm.setSuffix(" cm")
        self.height_cm.setSpecialValueText(self.tr("not given"))
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(self.tr("clinical notes (no names or other identifying data)"))
        self.notes.setFixedHeight(80)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        self.error.hide()

        form = QFormLayout()
        form.addRow(self.tr("Code:"), self.code)
        form.addRow(self.tr("Birth year:"), self.birth_year)
        form.addRow(self.tr("Sex:"), self.sex)
        form.addRow(self.tr("Height:"), self.height_cm)
        form.addRow(self.tr("Notes:"), self.notes)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        if patient is not None:
            self.set_values(patient)
        self.setMinimumWidth(380)

    def set_values(self, patient: Patient) -> None:
        self.code.setText(patient.code)
        self.birth_year.setValue(patient.birth_year or FIRST_BIRTH_YEAR)
        self.sex.setCurrentIndex(max(0, self.sex.findData(patient.sex)) if patient.sex else 0)
        self.height_cm.setValue(float(patient.height_cm or 0.0))
        self.notes.setPlainText(patient.notes or "")

    def values(self) -> dict[str, Any]:
        """The fields as :meth:`Study.add_patient` takes them (None where not given)."""
        year = self.birth_year.value()
        height = self.height_cm.value()
        return {
            "code": self.code.text().strip(),
            "birth_year": None if year == self.birth_year.minimum() else year,
            "sex": self.sex.currentData(),
            "height_cm": None if height == self.height_cm.minimum() else round(height, 1),
            "notes": self.notes.toPlainText().strip(),
        }

    def problem(self) -> Optional[str]:
        return validate_patient(self.values(), existing_codes=self._existing)

    def accept(self) -> None:  # noqa: D401 - Qt slot
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        self.error.hide()
        super().accept()


def exec_dialog(dialog: QDialog) -> bool:
    return messages.run_modal(dialog)


def add_patient_with_dialog(parent: Optional[QWidget], study: Study, run: RunDialog = exec_dialog) -> Optional[Patient]:
    """Ask for a new patient and add it to ``study``; None when cancelled or refused (message shown)."""
    dialog = PatientDialog(parent, existing_codes=[p.code for p in study.patients()])
    if not run(dialog):
        return None
    try:
        return study.add_patient(**dialog.values())
    except GaitScreenError as exc:
        messages.show_error(parent, QCoreApplication.translate("PatientDialog", "Cannot add the patient"), str(exc))
        return None


def edit_patient_with_dialog(parent: Optional[QWidget], study: Study, patient_id: int,
                             run: RunDialog = exec_dialog) -> Optional[Patient]:
    """Edit patient ``patient_id`` of ``study``; the changed patient, or None when nothing changed."""
    dialog = PatientDialog(parent, study.patient(patient_id), existing_codes=[p.code for p in study.patients()])
    if not run(dialog):
        return None
    try:
        return study.update_patient(patient_id, **dialog.values())
    except GaitScreenError as exc:
        messages.show_error(parent, QCoreApplication.translate("PatientDialog", "Cannot change the patient"), str(exc))
        return None
