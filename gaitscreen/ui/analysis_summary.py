"""The side panel of the Analysis tab: the result in numbers and in plain words.

Shows R as a percentage, the risk group with what it means for the patient
(:mod:`gaitscreen.core.analysis.wording`), the model in use (with a plain yellow
warning for the synthetic demo model or any model not clinically validated), the
data-quality numbers and flags, the movement measures (whole walk and per clip)
and gait parameters with units, and the patient's trend of R over visits. All
values come from the report dict; number formatting is the PDF's own
(:mod:`gaitscreen.core.report.text`), so screen and paper agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.analysis.protocol_words import risk_reason, stored_text
from ..core.analysis.wording import model_warning, report_plain_result, windows_not_classified, windows_unstable
from ..core.i18n import _
from ..core.report import text as T
from ..core.report.method import (LOW_CONFIDENCE_SHORT, other_rate_text, recipe_sentence, rule_sentence,
                                  rule_words)
from ..core.report.sections import basis_text
from .chart_style import chart_colours
from .protocol_panel import ProtocolPanel
from .speed_entry import SpeedEntry
from .trend_view import TrendView

WARNING_STYLE = ("QLabel { background: #FFF1D6; color: #5A3200; border: 1px solid #8A4B00; "
                 "border-radius: 4px; padding: 6px; font-weight: bold; }")


def _label(text: str = "", *, rich: bool = False, muted: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if muted:
        label.setEnabled(True)
        label.setStyleSheet("color: palette(placeholder-text);")
    return label


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    label.setContentsMargins(0, 8, 0, 0)
    return label


def _table(rows: Sequence[Sequence[str]], headers: Sequence[str], *, right_from: int = 1,
           fit: bool = False, first_width: int = 0) -> QTableWidget:
    """A read-only table sized to its rows; ``fit``: as wide as the panel, the last column taking
    what the first ones leave and wrapping (no horizontal scrolling, nothing cut off); ``first_width``:
    the first column that wide (its text wraps), measured from the text by the caller."""
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(str(value))
            if c >= right_from:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(fit)
    if fit:
        table.setWordWrap(True)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    if first_width:
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        table.setColumnWidth(0, first_width)
    table.resizeRowsToContents()
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    height = header.sizeHint().height() + sum(table.rowHeight(r) for r in range(table.rowCount())) + 2 * table.frameWidth()
    table.setFixedHeight(height + (2 if fit else 18))  # room for a horizontal scroll bar when the panel is narrow
    return table


class AnalysisSummary(QScrollArea):
    """R, risk group in words, model, quality, measures and trend for one report."""

    walkway_entered = Signal(float)  # metres, from the entry under the gait table

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMinimumWidth(260)
        body = QWidget()
        self._layout = QVBoxLayout(body)
        self._layout.setContentsMargins(8, 4, 8, 8)
        self.rate = QLabel()
        self.rate.setAlignment(Qt.AlignmentFlag.AlignLeft)
        self.rate.setWordWrap(True)  # "low confidence — one window" beside R must not widen the panel
        font = self.rate.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setWeight(QFont.Weight.Bold)
        self.rate.setFont(font)
        self.counts = _label(muted=True)
        self.group = _label(rich=True)
        self.words = _label()
        self.reason = _label(muted=True)
        self.method = _label(muted=True)  # the window recipe and the rate rule, one sentence each
        self.model = _label(rich=True)
        self.warning = _label()
        self.warning.setStyleSheet(WARNING_STYLE)
        self.subject = _label()  # who the patient is, and whether to confirm the choice
        self.quality = _label()
        self.flags = _label(rich=True)
        self.kinematics: QTableWidget | None = None
        self.gait: QTableWidget | None = None
        self.speed_entry: SpeedEntry | None = None
        self.kinematics_tables: list[QTableWidget] = []  # the movement table, split to fit the width
        self._chunk = 0
        self.trend = TrendView()
        self.protocol = ProtocolPanel()
        for w in (self.rate, self.counts, self.group, self.words, self.reason, self.method):
            self._layout.addWidget(w)
        self._headings = [_heading(""), _heading(""), _heading(""), _heading("")]
        self._last: tuple[dict[str, Any], Any, Any] | None = None  # what show_report had, for a language change
        self._layout.addWidget(self._headings[0])
        self._layout.addWidget(self.protocol)
        self._layout.addWidget(self.warning)
        self._layout.addWidget(self.subject)
        self._layout.addWidget(self._headings[1])
        self._layout.addWidget(self.model)
        self._layout.addWidget(self._headings[2])
        self._layout.addWidget(self.quality)
        self._layout.addWidget(self.flags)
        self._tables = QWidget()
        self._tables_layout = QVBoxLayout(self._tables)
        self._tables_layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self._tables)
        self._layout.addWidget(self._headings[3])
        self._layout.addWidget(self.trend)
        self._layout.addStretch(1)
        self.setWidget(body)
        self.retranslate()

    def retranslate(self) -> None:
        """Headings in the current language, and the report on show drawn again."""
        for label, text in zip(self._headings, (self.tr("Protocol check"), self.tr("Model"), self.tr("Data quality"),
                                                self.tr("Earlier visits of this patient"))):
            label.setText(text)
        if self._last is not None:
            report, trend, current = self._last
            self.show_report(report, trend=trend, current_visit=current)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _measure_width(self, rows: list[list[str]]) -> int:
        """The measure column: its longest name on two lines (no word cut: the longest word fits)."""
        fm = self.fontMetrics()
        longest = max(fm.horizontalAdvance(str(r[0])) for r in rows)
        word = max(fm.horizontalAdvance(w) for r in rows for w in str(r[0]).split())
        return max(word, int(longest * 0.6)) + 12  # lines break at words, so a little over half

    def _columns_that_fit(self, rows: list[list[str]], headers: list[str]) -> int:
        """How many value columns of the movement table fit beside measure and unit at this width
        (the widest value column decides, measured on a table that is never shown)."""
        probe = _table(rows, headers, right_from=2, first_width=self._measure_width(rows))
        header = probe.horizontalHeader()
        width = [max(probe.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in range(len(headers))]
        probe.deleteLater()
        fixed = self._measure_width(rows) + width[1] + 2 * probe.frameWidth()
        room = self.viewport().width() - 2 * 8 - 24 - fixed  # the body margins, slack for header padding
        return max(1, min(len(headers) - 2, room // max(max(width[2:]), 1)))

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        if getattr(self, "_last", None) is not None and getattr(self, "kinematics_tables", None):
            kin = self._last[0].get("kinematics") or {}
            spans = (1 if kin.get("overall") else 0) + len(kin.get("clips") or [])
            heads = [t.horizontalHeaderItem(c).text() for t in self.kinematics_tables[:1] for c in range(2)]
            rows = [[t.item(r, c).text() for c in range(t.columnCount())] for t in self.kinematics_tables
                    for r in range(t.rowCount())]
            if self._columns_that_fit(rows, heads + ["0"] * spans) != self._chunk:
                self._show_tables(self._last[0])  # re-split the movement table for the new width

    # -- public ----------------------------------------------------------------------

    def show_report(self, report: dict[str, Any], *, trend: Sequence[tuple[str, float | None]] | None = None,
                    current_visit: int | None = None) -> None:
        self._last = (report, trend, current_visit)
        s = report.get("screening") or {}
        settings = s.get("settings") or {}
        colours = chart_colours(self)
        group = str(s.get("risk_group") or T.INSUFFICIENT)
        rate = T.number(s.get("instability_rate"))
        accent = {T.MOSTLY_UNSTABLE: colours.unstable, T.MOSTLY_STABLE: colours.stable}.get(group, colours.unusable)
        if group == T.NOT_ASSESSABLE:
            self.rate.setText(self.tr("Not assessable"))
            self.counts.setText(self.tr("R = {rate} was computed but is not used: a protocol check failed.").format(
                rate=T.rate_text(rate)) if rate is not None else self.tr("R was not computed for this recording."))
        elif rate is None:
            self.rate.setText(self.tr("No result"))
            self.counts.setText(self.tr("R was not computed for this recording."))
        elif s.get("low_confidence"):  # one window: R is 0 or 1, not a verdict to show in red
            self.rate.setText(f'R = {T.rate_text(rate)} <span style="font-size:small">'
                              f"{_esc(_(LOW_CONFIDENCE_SHORT))}</span>")
            accent = colours.unusable
            self.counts.setText(self.tr("{unstable} of 1 {rule} window unstable: record a longer walk for a result "
                                        "to rely on").format(unstable=T.fmt_int(s.get("unstable_windows")),
                                                             rule=rule_words(s)))
        else:
            self.rate.setText(f"R = {T.rate_text(rate)}")
            beside = other_rate_text(s)
            counts = self.tr("{counts} (instability rate R)").format(counts=windows_unstable(s))
            self.counts.setText(self.tr("{counts}; {other}").format(counts=counts, other=beside) if beside
                                else counts)
        self.rate.setStyleSheet(f"color: {accent.name()};")
        plain = report_plain_result(report)
        self.group.setText(f'<span style="color:{accent.name()}; font-weight:bold; font-size:large">'
                           f"{_esc(T.group_title(group))}</span>")
        self.words.setText(plain.text())
        reason = basis_text(s) if group in (T.MOSTLY_STABLE, T.MOSTLY_UNSTABLE) else risk_reason(report)
        self.reason.setText(self.tr("Basis: {reason}").format(reason=reason or _(T.NA)))
        self.reason.setVisible(group != T.NOT_ASSESSABLE)  # the protocol check below says why
        if group == T.NOT_ASSESSABLE:
            none = self.tr("No risk group: the recording is not assessable")
            self.group.setText(f'<span style="color:{accent.name()}; font-weight:bold">{_esc(none)}</span>')
        self.protocol.show_report(report)
        self.method.setText(self.tr("{recipe} {rule}", "two sentences; no space between them in Chinese").format(
            recipe=recipe_sentence(s), rule=rule_sentence(s)))
        self._show_model(s.get("model") or {})
        self._show_quality(s.get("quality") or {})
        self._show_subject(report.get("subject") or {})
        self._show_tables(report)
        cut = T.number(settings.get("risk_cut"))
        self.trend.set_trend(trend, current=current_visit, threshold=0.5 if cut is None else cut)

    def warning_text(self) -> str:
        """The model warning on show ("" when none)."""
        return self.warning.text() if not self.warning.isHidden() else ""

    # -- sections --------------------------------------------------------------------

    def _show_model(self, m: dict[str, Any]) -> None:
        name = f"{m.get('name') or T.NA} {m.get('version') or ''}".strip()
        bits = [f"<b>{_esc(name)}</b>"]
        if m.get("architecture") or m.get("runtime"):
            bits.append(_esc(f"{m.get('architecture') or T.NA} · {m.get('runtime') or T.NA}"))
        bits.append(f"sha256 <tt>{_esc(T.short_hash(m.get('sha256')))}</tt>")
        wording = m.get("wording") or {}  # the card's texts in the reader's language (as stored without it)
        if m.get("training_data"):
            bits.append(_esc(self.tr("Training data: {data}").format(data=stored_text(m["training_data"], wording))))
        self.model.setText("<br>".join(bits))
        self.model.setToolTip(stored_text(m.get("summary"), wording))
        warning = model_warning(m)
        self.warning.setText(f"⚠ {warning}" if warning else "")
        self.warning.setVisible(bool(warning))

    def _show_subject(self, subject: dict[str, Any]) -> None:
        uncertain = bool(subject.get("choice_uncertain"))
        text = stored_text(subject.get("note"), subject.get("note_wording"))
        if uncertain:
            text = "⚠ " + self.tr("{note} Click the patient in the player to re-analyse with them.").format(note=text)
        self.subject.setText(text)
        self.subject.setStyleSheet(WARNING_STYLE if uncertain else "")
        self.subject.setVisible(bool(text))

    def _show_quality(self, q: dict[str, Any]) -> None:
        self.quality.setText(self.tr(
            "Duration {duration} · {frames} frames · patient visible {coverage} · {interpolated} frames "
            "interpolated · mean keypoint confidence {confidence} · {not_classified}").format(
                duration=T.seconds(q.get("duration_s")), frames=T.fmt_int(q.get("frames")),
                coverage=T.percent(q.get("coverage")), interpolated=T.fmt_int(q.get("frames_interpolated")),
                confidence=T.fmt(q.get("mean_keypoint_confidence"), 2),
                not_classified=windows_not_classified(q.get("windows_excluded"))))
        flags = [stored_text(f, q.get("wording")) for f in q.get("flags") or []]
        if flags:
            self.flags.setText("<ul style='margin-left:-20px'>" + "".join(f"<li>{_esc(f)}</li>" for f in flags)
                               + "</ul>")
        else:
            self.flags.setText(self.tr("No data-quality flags were raised."))

    def _show_tables(self, report: dict[str, Any]) -> None:
        while self._tables_layout.count():
            w = self._tables_layout.takeAt(0).widget()
            if w is not None:
                w.hide()  # until it is deleted it would still paint where it was
                w.deleteLater()
        kin = report.get("kinematics") or {}
        overall, clips = kin.get("overall"), list(kin.get("clips") or [])
        spans = ([(self.tr("Whole walk"), overall)] if overall else []) + [
            (self.tr("Clip {n}").format(n=int(m.get("index", i)) + 1), m) for i, m in enumerate(clips)]
        widgets: list[QWidget] = [_heading(self.tr("Movement measures"))]
        self.kinematics_tables = []
        if spans:
            rows = [[_(label), unit] + [get(m) for _, m in spans] for label, unit, get in T.KINEMATIC_ROWS]
            heads = [self.tr("Measure"), self.tr("Unit")]
            self._chunk = n = self._columns_that_fit(rows, heads + [h for h, _ in spans])
            for first in range(0, len(spans), n):  # as many tables as it takes to show every column
                part = [r[:2] + r[2 + first:2 + first + n] for r in rows]
                table = _table(part, heads + [h for h, _ in spans[first:first + n]], right_from=2, fit=True,
                               first_width=self._measure_width(rows))
                table.setToolTip(_(T.KINEMATIC_NOTE))
                self.kinematics_tables.append(table)
            self.kinematics = self.kinematics_tables[0]
            widgets += [*self.kinematics_tables, _small(_(T.KINEMATIC_NOTE))]
        else:
            self.kinematics = None
            widgets.append(_small(self.tr("Not available for this recording.")))
        gait = report.get("gait") or {}
        widgets.append(_heading(self.tr("Gait parameters")))
        self.speed_entry = None
        if gait:
            rows = [list(r) for r in T.gait_rows(gait)]
            # the speed row (by place and stored value: its words are the reader's language)
            missing = rows[T.SPEED_ROW] if T.number(gait.get("speed_m_per_s")) is None else None
            if missing is not None:  # the reason goes under the table, beside what would give the speed
                reason, missing[1] = missing[1], self.tr("not available (see below)")
            self.gait = _table(rows, [self.tr("Parameter"), self.tr("Value")], right_from=1, fit=True)
            widgets.append(self.gait)
            if missing is not None and gait.get("test") != "usual-walk":
                self.speed_entry = SpeedEntry(reason)
                self.speed_entry.walkway_entered.connect(self.walkway_entered)
                widgets.append(self.speed_entry)
            elif missing is not None:
                widgets.append(_small(reason))
            widgets.append(_small(_(T.USUAL_SPEED_NOTE if gait.get("test") == "usual-walk" else T.SPEED_NOTE)))
        else:
            self.gait = None
            widgets.append(_small(self.tr("Not available for this recording.")))
        for w in widgets:
            self._tables_layout.addWidget(w)


def _small(text: str) -> QLabel:
    label = _label(text, muted=True)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    label.setFont(font)
    return label


def _esc(text: object) -> str:
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
