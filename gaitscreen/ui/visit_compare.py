"""Two visits of one patient side by side (R, kinematics, gait parameters, measurements,
the assessment). The rows come from :func:`gaitscreen.app.visit_compare.compare_visits`;
this dialog only labels and formats them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from gaitscreen.app.visit_compare import compare_visits
from gaitscreen.core.i18n import _, format_date
from gaitscreen.core.report import text as T

if TYPE_CHECKING:  # the concrete study; imported for types only
    from gaitscreen.storage import Study


def row_label(key: str) -> str:
    """The translated label of a comparison / trend row."""
    t = lambda s: QCoreApplication.translate("VisitCompare", s)  # noqa: E731 - lupdate reads the literals below
    labels = {
        "date": t("Date"), "time": t("Time"), "operator": t("Operator"),
        "gait_speed_m_per_s": t("Gait speed (assessment)"), "grip_kg": t("Grip strength, best"),
        "calf_cm": t("Calf circumference"), "sarc_f": t("SARC-F"), "sppb": t("SPPB"),
        "chair_stand_s": t("Five-times chair stand"), "asm_kg": t("ASM"),
        "instability_rate": t("Instability rate R (research measure)"), "risk_group": t("Risk group"),
        "windows": t("Windows"), "sway_range_bh": t("Sway range"), "sway_sd_bh": t("Sway SD"),
        "arm_abduction_max_deg": t("Arm abduction, max"), "foot_dev_max_bh": t("Foot deviation, max"),
        "trunk_lean_max_deg": t("Trunk lean, max"), "stops_count": t("Stops"),
        "cadence_steps_per_min": t("Cadence"), "step_time_mean_s": t("Step time, mean"),
        "step_time_cv_pct": t("Step time CV"), "step_width_cm": t("Step width"), "speed_m_per_s": t("Walk speed"),
        "awgs": t("AWGS 2019"), "ewgsop2": t("EWGSOP2"),
    }
    return labels.get(key, key)


#: Rows whose values are stored English words (the JSON's data), worded where shown.
WORDED = {"awgs", "ewgsop2"}


def value_text(value: Any, unit: str = "", key: str = "") -> str:
    """A row's value as the reader's language writes it: numbers with the locale's decimal sign, a date
    in its date pattern, a conclusion or risk group in words."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        text = str(value)
    elif isinstance(value, float):  # zh-TW writes the decimal point as English does
        text = f"{value:.3g}" if abs(value) < 10 else f"{value:.1f}"
    elif key == "date":
        text = format_date(value)
    elif key == "risk_group":
        text = T.group_title(str(value))
    elif key in WORDED:
        text = _(str(value))
    else:
        text = str(value)
    return f"{text} {unit}".strip() if isinstance(value, (int, float)) and not isinstance(value, bool) else text


def _visit_title(date: str, time: Optional[str]) -> str:
    return f"{format_date(date)} {time or ''}".strip()


class VisitCompareDialog(QDialog):
    """A table: row label, first visit, second visit, change."""

    def __init__(self, parent: Optional[QWidget], study: "Study", first_id: int, second_id: int) -> None:
        super().__init__(parent)
        self.rows = compare_visits(study, first_id, second_id)
        a, b = study.visit(first_id), study.visit(second_id)
        self.setWindowTitle(self.tr("Visits {first} and {second}").format(first=format_date(a.date),
                                                                         second=format_date(b.date)))
        self.table = QTableWidget(len(self.rows), 4)
        self.table.setHorizontalHeaderLabels([self.tr("Measure"), _visit_title(a.date, a.time),
                                              _visit_title(b.date, b.time), self.tr("Change")])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, row in enumerate(self.rows):
            change = row["change"]
            cells = (row_label(row["key"]), value_text(row["a"], row["unit"], row["key"]),
                     value_text(row["b"], row["unit"], row["key"]),
                     "" if change is None else f"{change:+.3g} {row['unit']}".strip())
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(close)
        self.resize(720, 640)
