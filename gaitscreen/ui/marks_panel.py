"""The examiner's review of a chair-stand or balance recording: its event marks, movable and deletable.

Every event the analysis found (rise onsets, stands, stance starts and ends, ...)
is a row of the panel's table and a tick on the player's timeline. The examiner
moves a mark by dragging its tick, by nudging it one frame with the buttons (or
``[`` / ``]``), or by typing its time in the spin box, and deletes one with the
Delete button; each change goes at once through
:func:`gaitscreen.app.performance_review.correct_marks`, which recomputes the
times and SPPB points, stores the corrected analysis beside the old one and
audits it. The panel then shows the recomputed values.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Optional

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDoubleSpinBox, QHBoxLayout, QLabel, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from gaitscreen.app.performance_review import correct_marks
from gaitscreen.core.errors import GaitScreenError
from gaitscreen.core.i18n import format_number
from gaitscreen.core.performance_words import stance_words
from gaitscreen.core.report.performance_pdf import write_performance_pdf

from .player.controls import bind_keys
from .retranslating import Retranslating


def kind_text(kind: str) -> str:
    """A mark kind in words, translated (unknown kinds are shown as stored)."""
    names = {
        "rise_start": QCoreApplication.translate("MarksPanel", "rise onset"),
        "stand": QCoreApplication.translate("MarksPanel", "full stand"),
        "sit_start": QCoreApplication.translate("MarksPanel", "sitting down"),
        "seated": QCoreApplication.translate("MarksPanel", "seated"),
        "arm_use": QCoreApplication.translate("MarksPanel", "arms used"),
        "incomplete": QCoreApplication.translate("MarksPanel", "incomplete stand"),
        "start": QCoreApplication.translate("MarksPanel", "start (set by hand)"),
        "stance_start": QCoreApplication.translate("MarksPanel", "stance start"),
        "stance_end": QCoreApplication.translate("MarksPanel", "stance end"),
        "step": QCoreApplication.translate("MarksPanel", "step"),
        "support": QCoreApplication.translate("MarksPanel", "support used"),
    }
    return names.get(kind, kind)


class MarksPanel(Retranslating, QWidget):
    """The marks of the shown recording's latest performance analysis; see the module docstring."""

    marks_changed = Signal(object)  # the corrected report
    selection_changed = Signal(int)

    def __init__(self, parent: Optional[QWidget] = None, *, examiner: Callable[[], str] = lambda: "") -> None:
        super().__init__(parent)
        self._examiner = examiner
        self._study: Any = None
        self._performance_id: Optional[int] = None
        self._report: Optional[dict[str, Any]] = None
        self._frame_times = np.zeros(0, np.float64)
        self._updating = False
        self.error = ""
        self.dock: Any = None
        #: Called for the player's current frame times (they are known once the video is opened).
        self.frame_times_source: Optional[Callable[[], Any]] = None
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._on_selection)
        self.time_box = QDoubleSpinBox(self)
        self.time_box.setDecimals(3)
        self.time_box.setRange(0.0, 1e6)
        self.time_box.setKeyboardTracking(False)  # a typed time applies on Enter, not per digit
        self.time_box.valueChanged.connect(self._on_time_typed)
        self.earlier_button = QPushButton(self)
        self.later_button = QPushButton(self)
        self.delete_button = QPushButton(self)
        self.earlier_button.clicked.connect(lambda: self.nudge(-1))
        self.later_button.clicked.connect(lambda: self.nudge(1))
        self.delete_button.clicked.connect(self.delete_selected)
        self.export_button = QPushButton(self)
        self.export_button.clicked.connect(self._ask_export)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        for w in (self.earlier_button, self.time_box, self.later_button, self.delete_button):
            row.addWidget(w)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.export_button)
        layout.addWidget(self.status)
        self._keys = bind_keys(self, {Qt.Key.Key_BracketLeft: lambda: self.nudge(-1),
                                      Qt.Key.Key_BracketRight: lambda: self.nudge(1),
                                      Qt.Key.Key_Delete: self.delete_selected})
        self.retranslate()

    # ------------------------------------------------------------------ language

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("Event"), self.tr("Stance"), self.tr("Time (s)"),
                                              self.tr("Found by")])
        self.earlier_button.setText(self.tr("\u25c0 1 frame"))
        self.earlier_button.setToolTip(self.tr("Move the selected mark one frame earlier ([)"))
        self.later_button.setText(self.tr("1 frame \u25b6"))
        self.later_button.setToolTip(self.tr("Move the selected mark one frame later (])"))
        self.delete_button.setText(self.tr("Delete mark"))
        self.delete_button.setToolTip(self.tr("Delete the selected mark; the values are recomputed without it"))
        self.time_box.setToolTip(self.tr("The selected mark's time; type a time and press Enter to move it"))
        self.export_button.setText(self.tr("Export PDF…"))
        self.export_button.setToolTip(self.tr("This recording's report: protocol, events, times, points, "
                                              "corrections by hand"))
        if getattr(self, "dock", None) is not None:
            self.dock.setWindowTitle(self.tr("Marks"))
        self.refresh()


    # ------------------------------------------------------------------ data

    def show_recording(self, study: Any, recording_id: Optional[int], frame_times: Any = ()) -> bool:
        """Show the latest chair-stand or balance analysis of a recording; False when it has none."""
        self._study, self._performance_id, self._report = study, None, None
        self._frame_times = np.asarray(frame_times, np.float64)
        if study is not None and recording_id is not None and recording_id >= 0:
            try:
                records = study.performances(recording_id)
            except GaitScreenError:
                records = []
            if records:
                self._performance_id = records[-1].id
                self._report = study.performance(records[-1].id)[1]
        self.status.clear()
        self.refresh()
        return self._report is not None

    def set_frame_times(self, frame_times: Any) -> None:
        """The recording's frame times: a nudge moves a mark to the next or previous one."""
        self._frame_times = np.asarray(frame_times, np.float64)

    @property
    def report(self) -> Optional[dict[str, Any]]:
        return self._report

    @property
    def performance_id(self) -> Optional[int]:
        return self._performance_id

    def _section(self) -> dict[str, Any]:
        if self._report is None:
            return {}
        return self._report.get("chair_stand" if self._report.get("test") == "chair-stand" else "balance") or {}

    def marks(self) -> list[dict[str, Any]]:
        """The marks as stored, in time order (the table's row order)."""
        return sorted((dict(m) for m in self._section().get("marks", [])), key=lambda m: (m["time_s"], m["kind"]))

    def mark_times(self) -> list[float]:
        return [float(m["time_s"]) for m in self.marks()]

    def selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return rows[0].row() if rows else -1

    def select(self, row: int) -> None:
        if 0 <= row < self.table.rowCount():
            self.table.selectRow(row)

    # ------------------------------------------------------------------ display

    def refresh(self) -> None:
        """Re-render the table, the spin box and the summary from the current report."""
        keep = self.selected_row()
        marks = self.marks()
        self._updating = True
        self.table.setRowCount(len(marks))
        for r, m in enumerate(marks):
            source = self.tr("examiner") if m.get("source") == "examiner" else self.tr("analysis")
            for c, text in enumerate((kind_text(m["kind"]), stance_words(m.get("detail", "")),
                                      format_number(float(m["time_s"]), 3), source)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self._updating = False
        if self._report is None:
            self.title.setText(self.tr("No chair-stand or balance analysis for this recording."))
        elif self._report.get("test") == "chair-stand":
            self.title.setText(self.tr("Five-times chair stand: {n} mark(s)").format(n=len(marks)))
        else:
            self.title.setText(self.tr("Balance stands: {n} mark(s)").format(n=len(marks)))
        self.summary.setText(self.summary_text())
        has = bool(marks)
        self.export_button.setEnabled(self._report is not None)
        for w in (self.earlier_button, self.later_button, self.delete_button, self.time_box):
            w.setEnabled(has)
        self.select(min(keep, len(marks) - 1) if keep >= 0 else -1)
        self._sync_time_box()

    def summary_text(self) -> str:
        """The values the marks give now (times and SPPB points), in words."""
        r = self._report
        if r is None:
            return ""
        sppb = r.get("sppb") or {}
        points = lambda v: self.tr("not scored") if v is None else str(v)  # noqa: E731
        if r.get("test") == "chair-stand":
            cs = r.get("chair_stand") or {}
            time_s = cs.get("time_s")
            text = self.tr("Time {t} s over {n} stand(s); SPPB chair-stand points: {p}").format(
                t="—" if time_s is None else f"{float(time_s):.2f}", n=cs.get("stands", 0),
                p=points(sppb.get("chair_stand_points")))
        else:
            holds = (r.get("balance") or {}).get("holds_s") or {}
            parts = self.tr("; ", "between the stances' hold times").join(
                self.tr("{stance} {seconds} s").format(stance=stance_words(k), seconds=format_number(float(v), 2))
                for k, v in holds.items())
            text = self.tr("Hold times: {holds}; SPPB balance points: {p}").format(
                holds=parts or "—", p=points(sppb.get("balance_points")))
        if r.get("corrected_by_examiner"):
            text += "\n" + self.tr("Corrected by hand ({who}).").format(who=r.get("examiner", ""))
        return text

    def _sync_time_box(self) -> None:
        row = self.selected_row()
        marks = self.marks()
        self._updating = True
        if 0 <= row < len(marks):
            self.time_box.setValue(float(marks[row]["time_s"]))
        if self._frame_times.size > 1:
            self.time_box.setSingleStep(float(np.median(np.diff(self._frame_times))))
        self._updating = False

    def _on_selection(self) -> None:
        if self._updating:
            return
        self._sync_time_box()
        self.selection_changed.emit(self.selected_row())

    # ------------------------------------------------------------------ edits

    def _frame_time(self, t: float, delta: int) -> float:
        """The time ``delta`` frames from ``t`` (a frame interval of 1/30 s when no frame times are known)."""
        if self.frame_times_source is not None:
            self._frame_times = np.asarray(self.frame_times_source(), np.float64)
        ft = self._frame_times
        if ft.size < 2:
            return max(0.0, t + delta / 30.0)
        i = int(np.argmin(np.abs(ft - t)))
        return float(ft[int(np.clip(i + delta, 0, ft.size - 1))])

    def nudge(self, delta: int) -> None:
        """Move the selected mark ``delta`` frames."""
        row = self.selected_row()
        marks = self.marks()
        if 0 <= row < len(marks):
            self.move_mark(row, self._frame_time(float(marks[row]["time_s"]), delta))

    def _on_time_typed(self, value: float) -> None:
        if not self._updating and self.selected_row() >= 0:
            self.move_mark(self.selected_row(), float(value))

    def move_mark(self, row: int, time_s: float) -> bool:
        """Move mark ``row`` (table order) to ``time_s`` and store the recomputed analysis."""
        marks = self.marks()
        if not 0 <= row < len(marks) or abs(float(marks[row]["time_s"]) - time_s) < 1e-6:
            return False
        moved = {**marks[row], "time_s": round(float(time_s), 4)}
        new_marks = marks[:row] + marks[row + 1:] + [moved]
        if not self._apply(new_marks):
            return False
        order = self.marks()
        self.select(next((i for i, m in enumerate(order) if m["kind"] == moved["kind"]
                          and abs(m["time_s"] - moved["time_s"]) < 1e-6 and m.get("detail", "") ==
                          moved.get("detail", "")), -1))
        return True

    def delete_selected(self) -> bool:
        row = self.selected_row()
        marks = self.marks()
        if not 0 <= row < len(marks):
            return False
        return self._apply(marks[:row] + marks[row + 1:])

    def _apply(self, marks: list[dict[str, Any]]) -> bool:
        examiner = self._examiner().strip()
        if not examiner:
            self._show_error(self.tr("Set your name (File → Rater name…) before correcting marks: "
                                     "every correction names its examiner."))
            return False
        if self._study is None or self._performance_id is None:
            return False
        try:
            record, report = correct_marks(self._study, self._performance_id, marks, examiner=examiner)
        except GaitScreenError as exc:  # core text: shown as it comes
            self._show_error(str(exc))
            return False
        self._performance_id, self._report = record.id, report
        self.error = ""
        self.status.setText(self.tr("Saved; the change is in the audit log."))
        self.refresh()
        self.marks_changed.emit(report)
        return True

    def export_pdf(self, path: str | Path) -> Optional[Path]:
        """Write the shown analysis (with any corrections) as its one-recording PDF."""
        if self._report is None:
            return None
        try:
            written = write_performance_pdf(self._report, Path(path))
        except (GaitScreenError, OSError) as exc:
            self._show_error(str(exc))
            return None
        self.status.setText(self.tr("PDF written: {path}").format(path=str(written)))
        return written

    def _ask_export(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the recording's PDF"), "",
                                              self.tr("PDF files (*.pdf)"))
        if path:
            self.export_pdf(path if path.lower().endswith(".pdf") else path + ".pdf")

    def _show_error(self, message: str) -> None:
        self.error = message
        self.status.setText(message)
        self.refresh()  # a refused edit leaves the marks as stored


def attach_marks_panel(window: Any) -> MarksPanel:
    """A "Marks" dock on ``window`` (shown while the recording has a chair-stand or balance analysis),
    its marks drawn on the player's timeline and draggable there."""
    from PySide6.QtWidgets import QDockWidget

    panel = MarksPanel(examiner=lambda: window.rater)
    panel.frame_times_source = lambda: window.player.timestamps
    dock = QDockWidget(window)
    dock.setObjectName("dock_marks")
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.hide()
    panel.dock = dock
    panel.retranslate()
    player = window.player

    def draw(*_: Any) -> None:
        player.set_marks(panel.mark_times(), panel.selected_row())

    def show(recording_id: int) -> None:
        has = panel.show_recording(window.study, recording_id, player.timestamps)
        dock.setVisible(has)
        draw()

    def picked(row: int) -> None:
        draw()
        times = panel.mark_times()
        if 0 <= row < len(times):
            player.seek_time(times[row])

    panel.marks_changed.connect(draw)
    panel.selection_changed.connect(picked)
    player.timeline.mark_moved.connect(lambda row, t: panel.move_mark(row, t) or draw())
    player.timeline.mark_selected.connect(panel.select)
    window.recording_changed.connect(show)
    return panel
