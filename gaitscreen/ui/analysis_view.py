"""The Analysis tab: P(unstable) over the walk beside the result in numbers and words.

``AnalysisView`` is built from plain data, so it works without a study or an
engine: ``show_report(report, consensus=..., trend=...)`` shows one analysis
(the report dict the analysis writes), ``show_message(text)`` replaces the chart
with a sentence (for a recording that has not been analysed, say what to do),
``set_cursor_time(s)`` follows the player and ``seek_requested(float)`` asks the
player to jump when the chart is clicked. ``connect_player(player)`` wires both
directions to a :class:`gaitscreen.ui.player.PlayerWidget`-like object
(``frame_changed(int, float)`` and ``seek_time(float)``).

Chart and side panel sit side by side when the tab is wide and one above the
other when it is tall (a narrow dock).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Optional

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QPushButton, QSplitter, QStackedWidget, QVBoxLayout, QWidget,
)

from ..app.analysis_data import NOT_ANALYSED, load_analysis_inputs
from ..core.analysis.rate import rescore
from ..core.errors import GaitScreenError
from ..core.i18n import _ as core_text
from ..core.model.recipe import RATE_RULES
from ..core.report import text as T
from ..core.report.method import rate_rule_of
from .analysis_summary import AnalysisSummary
from .rate_rule_pref import rule_label
from .window_chart import WindowChart

if TYPE_CHECKING:  # the concrete study; imported for types only
    from gaitscreen.storage import Study

# The messages in English (tests compare with them); shown through translate("AnalysisView", ...).
NO_RECORDING = QT_TRANSLATE_NOOP("AnalysisView", "Select a recording in the study to see its analysis.")
QUEUED = QT_TRANSLATE_NOOP("AnalysisView",
                           "Queued: the analysis of this recording starts when the jobs before it are done.")
RUNNING = QT_TRANSLATE_NOOP("AnalysisView", "Analysing this recording now (progress in the status bar).")
BLINDED = QT_TRANSLATE_NOOP("AnalysisView", "Hidden while you label blinded: the model's results would bias your "
                            "labels. Turn off Blinded in the Annotate tab to see them.")


def _shown(text: str) -> str:
    """One of the messages above in the current language."""
    return QCoreApplication.translate("AnalysisView", text)


class AnalysisView(QWidget):
    """Chart of P(unstable) per window plus the result summary of one recording."""

    seek_requested = Signal(float)
    action_requested = Signal()  # the message page's button (e.g. "Analyse now") was pressed
    deviation_accepted = Signal(int)  # recording id: its analysis was stored again (refresh the navigator)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: dict[str, Any] | None = None
        self.study: Optional[Study] = None
        self.recording_id = -1
        #: ``"queued"``/``"running"`` while a job works on a recording (the window passes the engine's).
        self.job_state: Callable[[int], Optional[str]] = lambda _recording_id: None
        self.chart = WindowChart()
        self.chart.seek_requested.connect(self.seek_requested)
        self.summary = AnalysisSummary()
        self.summary.protocol.accept_requested.connect(self.accept_deviation)
        self.summary.walkway_entered.connect(self.enter_walkway)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.stored: dict[str, Any] | None = None  # the report as stored; self.report is what is shown
        self.rule = QComboBox()
        for rule in RATE_RULES:
            self.rule.addItem(rule_label(rule), rule)
        self.rule.currentIndexChanged.connect(self._rule_changed)
        self.rule_note = QLabel()
        self.rule_note.setWordWrap(True)
        rule_row = QHBoxLayout()
        self._rule_label = QLabel()
        rule_row.addWidget(self._rule_label)
        rule_row.addWidget(self.rule)
        rule_row.addWidget(self.rule_note, 1)
        chart_box = QWidget()
        box = QVBoxLayout(chart_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(rule_row)
        box.addWidget(self.chart, 1)
        box.addWidget(self.legend)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(chart_box)
        self.splitter.addWidget(self.summary)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        self.message = QLabel(_shown(NO_RECORDING))
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.message.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.message.setFont(font)
        self.action = QPushButton()
        self.action.clicked.connect(self.action_requested)
        self.action.hide()
        message_page = QWidget()
        mbox = QVBoxLayout(message_page)
        mbox.addStretch(1)
        mbox.addWidget(self.message)
        mbox.addWidget(self.action, 0, Qt.AlignmentFlag.AlignHCenter)
        mbox.addStretch(2)

        self.stack = QStackedWidget()
        self.stack.addWidget(message_page)
        self.stack.addWidget(self.splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.stack)
        self.stack.setCurrentIndex(0)
        self.retranslate()

    def retranslate(self) -> None:
        """Fixed texts in the current language, then what is on show again."""
        self._rule_label.setText(self.tr("R counts:"))
        for i in range(self.rule.count()):
            self.rule.setItemText(i, rule_label(str(self.rule.itemData(i))))
        self.rule.setToolTip(self.tr("Which windows R counts. Switching re-computes R and the risk group from "
                                     "the stored window probabilities (the model is not run); the stored "
                                     "analysis keeps its rule."))
        if self.stored is not None:
            self._rule_changed(self.rule.currentIndex())
        elif self.study is not None:
            self.refresh()

    # -- public ----------------------------------------------------------------------

    def show_report(self, report: dict[str, Any] | None, *, consensus: Mapping[int, str] | None = None,
                    trend: Sequence[tuple[str, float | None]] | None = None, current_visit: int | None = None) -> None:
        """Show one analysis; ``None`` shows the not-analysed message instead.

        ``consensus``: the raters' label per clip index ("stable", "unstable",
        "unusable" or "disagree"); ``trend``: (date, R) of the patient's visits in
        time order, ``current_visit`` the index of this one (default: the last).
        """
        if report is None:
            self.show_message(core_text(NOT_ANALYSED))
            return
        self.stored = report
        self._shown = (consensus, trend, current_visit)
        rule = rate_rule_of(report.get("screening") or {})
        self.rule.blockSignals(True)
        self.rule.setCurrentIndex(max(self.rule.findData(rule), 0))
        self.rule.blockSignals(False)
        self._display(report)

    def shown_rule(self) -> str:
        """The rate rule of what is on show."""
        return str(self.rule.currentData())

    def _rule_changed(self, _index: int) -> None:
        if self.stored is None:
            return
        stored = self.stored.get("screening") or {}
        rule = self.shown_rule()
        if rule == rate_rule_of(stored):
            self._display(self.stored)
            return
        report = dict(self.stored)
        report["screening"] = rescore(stored, rule)
        self._display(report)

    def _display(self, report: dict[str, Any]) -> None:
        consensus, trend, current_visit = self._shown
        self.report = report
        stored_rule = rate_rule_of((self.stored or {}).get("screening") or {})
        self.rule_note.setText("" if stored_rule == self.shown_rule() else
                               f"re-computed from the stored window probabilities; the stored analysis "
                               f"counts {stored_rule} windows")
        s = report.get("screening") or {}
        threshold = T.number((s.get("settings") or {}).get("threshold"))
        duration = T.number((s.get("quality") or {}).get("duration_s")) or T.number(
            (report.get("recording") or {}).get("duration_s"))
        self.chart.set_analysis(list(s.get("windows") or []), list(s.get("clips") or []),
                                threshold=0.5 if threshold is None else threshold, duration_s=duration,
                                consensus=consensus)
        if trend and current_visit is None:
            current_visit = len(trend) - 1
        self.summary.show_report(report, trend=trend, current_visit=current_visit)
        self._show_legend(report, bool(consensus))
        self.stack.setCurrentIndex(1)

    def show_message(self, text: str, *, action: str | None = None) -> None:
        """Replace the chart with ``text`` (and a button that emits ``action_requested`` when ``action``)."""
        self.report = None
        self.stored = None
        self.message.setText(text)
        self.action.setText(action or "")
        self.action.setVisible(bool(action))
        self.stack.setCurrentIndex(0)

    @Slot(object)
    def set_study(self, study: Optional[Study]) -> None:
        """Read analyses from ``study`` (a :class:`gaitscreen.storage.Study` handle, or None)."""
        self.study = study
        self.show_recording(-1)

    @Slot(bool)
    def set_blinded(self, blinded: bool) -> None:
        """While a rater labels blinded, the model's output stays hidden here too."""
        self.blinded = bool(blinded)
        self.refresh()

    @Slot(int)
    def show_recording(self, recording_id: int) -> None:
        """Show the latest analysis of ``recording_id`` from the study (-1: none selected)."""
        self.recording_id = int(recording_id)
        if getattr(self, "blinded", False):
            self.show_message(_shown(BLINDED), action=self.tr("Show results (ends blinded labelling)"))
            return
        if self.study is None or self.recording_id < 0:
            self.show_message(_shown(NO_RECORDING))
            return
        try:
            inputs = load_analysis_inputs(self.study, self.recording_id)
        except GaitScreenError as exc:
            self.show_message(self.tr("The analysis of this recording cannot be shown: {error}").format(error=exc))
            return
        if inputs.report is None:
            state = self.job_state(self.recording_id)
            if state is not None:  # not "press Analyse" for a job already on its way
                self.show_message(_shown(RUNNING if state == "running" else QUEUED))
            else:
                self.show_message(inputs.message or core_text(NOT_ANALYSED),
                                  action=self.tr("Analyse again") if inputs.performance_done else self.tr("Analyse now"))
            return
        self.show_report(inputs.report, consensus=inputs.consensus, trend=inputs.trend,
                         current_visit=inputs.current_visit)

    @Slot(list, str)
    def accept_deviation(self, codes: list[str], reason: str) -> None:
        """Store the shown analysis again with ``codes`` accepted for ``reason`` (audit-logged)."""
        from ..core.analysis.protocol import accept_in_report

        if self.study is None or self.report is None or self.recording_id < 0:
            return
        try:
            analysis = self.study.analysis(self.recording_id)
            accepted = accept_in_report(self.report, {code: reason for code in codes})
            self.study.accept_deviation(analysis.id, accepted)
        except GaitScreenError as exc:
            self.summary.protocol.verdict.setText(
                self.tr("The deviation could not be accepted: {error}").format(error=exc))
            return
        self.refresh()
        self.deviation_accepted.emit(self.recording_id)

    @Slot(float)
    def enter_walkway(self, walkway_m: float) -> None:
        """Store the walkway length the clinician entered under the gait table; the speed then shows."""
        from ..app.analysis_data import enter_walkway

        if self.study is None or self.recording_id < 0:
            return
        try:
            enter_walkway(self.study, self.recording_id, walkway_m)
        except GaitScreenError as exc:
            if self.summary.speed_entry is not None:
                self.summary.speed_entry.show_error(str(exc))
            return
        self.refresh()
        self.deviation_accepted.emit(self.recording_id)  # a new analysis is stored: the navigator and report follow

    def refresh(self) -> None:
        """Read the current recording again (after an analysis finished or labels changed)."""
        self.show_recording(self.recording_id)

    def showing_chart(self) -> bool:
        return self.stack.currentIndex() == 1

    def message_text(self) -> str:
        return "" if self.showing_chart() else self.message.text()

    @Slot(float)
    def set_cursor_time(self, time_s: float) -> None:
        """Move the cursor to the player's time and highlight the window(s) that hold it."""
        self.chart.set_cursor_time(time_s)

    @Slot(int, float)
    def on_frame_changed(self, frame: int, time_s: float) -> None:  # noqa: ARG002 (the player's signature)
        self.chart.set_cursor_time(time_s)

    def connect_player(self, player: Any) -> None:
        """Follow ``player.frame_changed(int, float)``; clicking the chart calls ``player.seek_time``."""
        player.frame_changed.connect(self.on_frame_changed)
        self.seek_requested.connect(player.seek_time)

    # -- layout ----------------------------------------------------------------------

    def _show_legend(self, report: dict[str, Any], consensus: bool) -> None:
        c = self.chart._colours  # noqa: SLF001 (same package)
        s = report.get("screening") or {}
        n = len(s.get("windows") or [])
        parts = [f'<span style="color:{c.stable.name()}">●</span> ' + self.tr("stable window"),
                 f'<span style="color:{c.unstable.name()}">●</span> ' + self.tr("unstable window (shaded)"),
                 f'<span style="color:{c.unusable.name()}">✕</span> ' + self.tr("not classified"),
                 self.tr("large outlined ● counted in R"),
                 f'<span style="color:{c.cursor.name()}">│</span> ' + self.tr("player position")]
        if consensus:
            parts.append(self.tr("strip: raters' consensus per clip"))
        parts.append(self.tr("click the chart to jump there"))
        count = self.tr("%n window(s)", "", n)
        self.legend.setText(f"<small>{count} · " + " · ".join(parts) + "</small>")

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        size = event.size()
        wide = size.width() >= 1.3 * size.height() and size.width() >= 700
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() != orientation:
            self.splitter.setOrientation(orientation)
            total = size.width() if wide else size.height()
            share = 0.6 if wide else 0.45
            self.splitter.setSizes([int(total * share), int(total * (1 - share))])

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.report is not None and hasattr(self, "legend"):
            self._show_legend(self.report, bool(self.chart._consensus))  # noqa: SLF001
