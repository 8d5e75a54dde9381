"""A small chart of one patient's instability rate R over visits (the Analysis tab's "Compare").

Each visit is a point at its position in time order, labelled with its date on the
x axis; the dashed line is the risk cut (R ≥ 0.5 reads "mostly unstable"). Visits
without a result (insufficient data) are listed but not plotted. Plain data in,
nothing else: ``set_trend([("2026-03-02", 0.31), ("2026-11-21", 0.60)], current=1)``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QStackedLayout, QVBoxLayout, QWidget

from .chart_style import ChartColours, chart_colours


class TrendView(QWidget):
    """R per visit of the same patient, oldest left; the current visit drawn larger."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: list[tuple[str, float | None]] = []
        self._current: int | None = None
        self._threshold = 0.5
        self.plot = pg.PlotWidget()
        self.plot.setMinimumHeight(120)
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.setYRange(0.0, 1.0, padding=0.05)
        self.plot.getPlotItem().getAxis("left").setTicks([[(0.0, "0"), (0.5, "0.5"), (1.0, "1")]])
        self.plot.setLabel("left", "R")
        self.scatter = pg.ScatterPlotItem(antialias=True)
        self.line = pg.PlotDataItem(antialias=True, connect="finite")
        self.threshold_line = pg.InfiniteLine(angle=0, pos=self._threshold, movable=False)
        for item in (self.threshold_line, self.line, self.scatter):
            self.plot.addItem(item)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self._stack = QStackedLayout()
        holder = QWidget()
        holder.setLayout(self._stack)
        self._stack.addWidget(self.empty)
        self._stack.addWidget(self.plot)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(holder)
        layout.addWidget(self.caption)
        self._apply_colours()
        self.retranslate()

    def retranslate(self) -> None:
        """The fixed text and the caption in the current language."""
        self.empty.setText(self.tr("No other analysed recording of this patient yet."))
        if self._points:
            self._redraw()

    # -- public ----------------------------------------------------------------------

    def set_trend(self, points: Sequence[tuple[str, float | None]] | None, *, current: int | None = None,
                  threshold: float = 0.5) -> None:
        """Show ``(date label, R or None)`` per visit in time order; ``current``: index of this visit."""
        self._points = [(str(label), _finite(r)) for label, r in (points or [])]
        self._current = current if current is not None and 0 <= current < len(self._points) else None
        self._threshold = threshold
        self._redraw()

    def plotted_count(self) -> int:
        """How many visits have a point (a result) on the chart."""
        return sum(r is not None for _, r in self._points)

    # -- drawing ---------------------------------------------------------------------

    def _redraw(self) -> None:
        points = self._points
        if len(points) < 2:
            self._stack.setCurrentWidget(self.empty)
            self.caption.setText("")
            return
        self._stack.setCurrentWidget(self.plot)
        colours = chart_colours(self)
        xs = list(range(len(points)))
        ys = [math.nan if r is None else r for _, r in points]
        self.line.setData(xs, ys)
        spots = []
        for i, (_, r) in enumerate(points):
            if r is None:
                continue
            colour = colours.unstable if r >= self._threshold else colours.stable
            spots.append({"pos": (i, r), "size": 12 if i == self._current else 8, "brush": pg.mkBrush(colour),
                          "pen": pg.mkPen(colours.foreground if i == self._current else colour, width=1.5)})
        self.scatter.setData(spots)
        self.threshold_line.setPos(self._threshold)
        ticks = [(i, _short_date(label)) for i, (label, _) in enumerate(points)]
        self.plot.getPlotItem().getAxis("bottom").setTicks([ticks])
        self.plot.setXRange(-0.5, len(points) - 0.5, padding=0.02)
        parts = [self.tr("{date}: no result").format(date=_short_date(label)) if r is None else
                 self.tr("{date}: R = {percent} %").format(date=_short_date(label), percent=f"{100 * r:.0f}")
                 for label, r in points]
        self.caption.setText(self.tr("Visits: {visits}").format(visits=" · ".join(parts)))

    def _apply_colours(self) -> None:
        colours: ChartColours = chart_colours(self)
        colours.style_plot(self.plot)
        self.line.setPen(pg.mkPen(colours.muted, width=1.5))
        self.threshold_line.setPen(pg.mkPen(colours.foreground, width=1, style=Qt.PenStyle.DashLine))
        if self._points:
            self._redraw()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "line"):
            self._apply_colours()
        elif event.type() == QEvent.Type.LanguageChange and hasattr(self, "caption"):
            self.retranslate()
        super().changeEvent(event)


def _finite(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(float(value)) else None


def _short_date(label: str) -> str:
    """ISO date-time → its date part; other labels unchanged."""
    return label[:10] if len(label) >= 10 and label[4:5] == "-" else label

