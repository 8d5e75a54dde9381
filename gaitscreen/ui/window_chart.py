"""The P(unstable)-per-window chart of the Analysis tab (pyqtgraph).

One point per sliding window at its centre time (windows the model could not
classify sit on the zero line as grey crosses), the decision threshold as a
dashed line, the share of the time axis of each unstable window shaded (windows
overlap, so each shades only the span nearest its centre, as in the PDF), the
3-s clips as faint vertical lines with their names, the raters' consensus label
per clip as a coloured strip below zero, the windows the rate rule counts into R
as larger outlined points, and the player's time as a cursor with
the window(s) around it highlighted. A left click emits ``seek_requested`` with
the clicked time.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QFont

from .chart_style import ChartColours, chart_colours

STRIP = (-0.15, -0.05)  # y span of the consensus strip
COUNTED_SIZE = 11  # point size of a window the rate rule counts into R (others: 8)
CONSENSUS_WORDS = {"stable": QT_TRANSLATE_NOOP("WindowChart", "stable"),
                   "unstable": QT_TRANSLATE_NOOP("WindowChart", "unstable"),
                   "unusable": QT_TRANSLATE_NOOP("WindowChart", "unusable"),
                   "disagree": QT_TRANSLATE_NOOP("WindowChart", "raters differ")}


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    v = float(value)
    return v if math.isfinite(v) else None


class WindowChart(pg.PlotWidget):
    """P(unstable) over time for one analysis; see the module docstring."""

    seek_requested = Signal(float)

    def __init__(self, parent=None) -> None:
        self._ready = False  # changeEvent fires while the base class is being built
        super().__init__(parent)
        self.windows: list[dict[str, Any]] = []
        self.centres: list[float] = []
        self.threshold = 0.5
        self.duration = 1.0
        self.highlighted: list[int] = []  # windows containing the cursor time
        self.current_window: int | None = None  # the one whose centre is nearest the cursor
        self.cursor_time: float | None = None
        self._clips: list[dict[str, Any]] = []
        self._consensus: dict[int, str] = {}
        self._extras: list[Any] = []  # items rebuilt on each report
        self.setMinimumHeight(200)
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        item = self.getPlotItem()
        item.setLabel("left", "P(unstable)")  # a symbol: not translated
        item.setLabel("bottom", self.tr("Time in the recording (s)"))
        item.getAxis("left").setTicks([[(p, f"{p:g}") for p in (0.0, 0.25, 0.5, 0.75, 1.0)]])
        item.showGrid(x=False, y=True, alpha=0.15)
        self.shading = pg.BarGraphItem(x0=[], x1=[], y0=[], y1=[])
        self.excluded = pg.BarGraphItem(x0=[], x1=[], y0=[], y1=[])
        self.region = pg.LinearRegionItem(movable=False)
        self.region.setZValue(-5)
        self.region.hide()
        self.line = pg.PlotDataItem(antialias=True, connect="finite")
        self.scatter = pg.ScatterPlotItem(antialias=True, hoverable=True, tip=self._tip)
        self.rings = pg.ScatterPlotItem(antialias=True)
        self.threshold_line = pg.InfiniteLine(angle=0, movable=False)
        self.threshold_label = pg.TextItem(anchor=(0, 1))
        self.cursor = pg.InfiniteLine(angle=90, movable=False)
        self.cursor.hide()
        for it in (self.excluded, self.shading, self.region, self.threshold_line, self.line, self.scatter,
                   self.rings, self.cursor, self.threshold_label):
            self.addItem(it)
        self.scene().sigMouseClicked.connect(self._on_click)
        self._colours: ChartColours = chart_colours(self)
        self._ready = True
        self._apply_colours()

    # -- data ------------------------------------------------------------------------

    def set_analysis(self, windows: Sequence[Mapping[str, Any]], clips: Sequence[Mapping[str, Any]], *,
                     threshold: float = 0.5, duration_s: float | None = None,
                     consensus: Mapping[int, str] | None = None) -> None:
        """Show one analysis: the report's ``screening.windows`` and ``clips``."""
        self.windows = [dict(w) for w in windows]
        self.centres = [((_num(w.get("start_s")) or 0.0) + (_num(w.get("end_s")) or 0.0)) / 2 for w in self.windows]
        self._clips = [dict(c) for c in clips]
        self._consensus = {int(k): str(v) for k, v in (consensus or {}).items() if v}
        self.threshold = threshold
        ends = [_num(w.get("end_s")) for w in self.windows] + [_num(c.get("end_s")) for c in self._clips]
        self.duration = max([v for v in ends if v is not None] + [_num(duration_s) or 0.0, 1.0])
        self._redraw()
        if self.cursor_time is not None:
            self.set_cursor_time(self.cursor_time)

    def point_count(self) -> int:
        """Points on the chart: one per window."""
        return len(self.scatter.data)

    def counted_points(self) -> list[int]:
        """Windows drawn as counted into R (the larger, outlined points)."""
        return sorted(int(d) for d, size in zip(self.scatter.data["data"], self.scatter.data["size"])
                      if size == COUNTED_SIZE)

    def windows_at(self, time_s: float) -> list[int]:
        """Indices of the windows whose span holds ``time_s``."""
        out = []
        for i, w in enumerate(self.windows):
            start, end = _num(w.get("start_s")), _num(w.get("end_s"))
            if start is not None and end is not None and start <= time_s <= end:
                out.append(i)
        return out

    def set_cursor_time(self, time_s: float) -> None:
        """Move the cursor to ``time_s`` and highlight the windows around it."""
        self.cursor_time = float(time_s)
        self.cursor.setPos(self.cursor_time)
        self.cursor.show()
        self.highlighted = self.windows_at(self.cursor_time)
        if self.highlighted:
            self.current_window = min(self.highlighted, key=lambda i: abs(self.centres[i] - self.cursor_time))
            w = self.windows[self.current_window]
            self.region.setRegion((_num(w.get("start_s")) or 0.0, _num(w.get("end_s")) or 0.0))
            self.region.show()
        else:
            self.current_window = None
            self.region.hide()
        xs = [self.centres[i] for i in self.highlighted]
        ys = [self._y(i) for i in self.highlighted]
        self.rings.setData(xs, ys)

    def view_to_widget(self, time_s: float, p: float = 0.5) -> QPointF:
        """Where the point (``time_s``, ``p``) lies in this widget's viewport (for tests and tools)."""
        scene = self.getPlotItem().vb.mapViewToScene(QPointF(time_s, p))
        return QPointF(self.mapFromScene(scene))

    # -- drawing ---------------------------------------------------------------------

    def _y(self, i: int) -> float:
        p = _num(self.windows[i].get("p_unstable"))
        return 0.0 if p is None else p

    def _stride(self) -> float | None:
        steps = sorted(b - a for a, b in zip(self.centres, self.centres[1:]) if b > a)
        return steps[len(steps) // 2] if steps else None

    def _redraw(self) -> None:
        c = self._colours
        for it in self._extras:
            self.removeItem(it)
        self._extras = []
        stride = self._stride()
        shade_x0, shade_x1, gray_x0, gray_x1 = [], [], [], []
        for w, centre in zip(self.windows, self.centres):
            half = stride / 2 if stride else ((_num(w.get("end_s")) or centre) - (_num(w.get("start_s")) or centre)) / 2
            p = _num(w.get("p_unstable"))
            if p is None:
                gray_x0.append(max(centre - half, 0.0))
                gray_x1.append(centre + half)
            elif p > self.threshold:
                shade_x0.append(max(centre - half, 0.0))
                shade_x1.append(centre + half)
        self.shading.setOpts(x0=shade_x0, x1=shade_x1, y0=[0.0] * len(shade_x0), y1=[1.0] * len(shade_x0),
                             brush=c.alpha(c.unstable, 45), pen=pg.mkPen(None))
        self.excluded.setOpts(x0=gray_x0, x1=gray_x1, y0=[0.0] * len(gray_x0), y1=[1.0] * len(gray_x0),
                              brush=c.alpha(c.unusable, 40), pen=pg.mkPen(None))
        ys = [_num(w.get("p_unstable")) for w in self.windows]
        self.line.setData(self.centres, [math.nan if y is None else y for y in ys])
        spots = []
        for i, (x, p) in enumerate(zip(self.centres, ys)):
            if p is None:
                spots.append({"pos": (x, 0.0), "symbol": "x", "size": 9, "brush": pg.mkBrush(c.unusable),
                              "pen": pg.mkPen(c.unusable, width=1.5), "data": i})
            else:
                colour = c.unstable if p > self.threshold else c.stable
                if self.windows[i].get("counted"):  # counted into R by the rate rule: larger, outlined
                    spots.append({"pos": (x, p), "symbol": "o", "size": COUNTED_SIZE, "brush": pg.mkBrush(colour),
                                  "pen": pg.mkPen(c.foreground, width=1.5), "data": i})
                else:
                    spots.append({"pos": (x, p), "symbol": "o", "size": 8, "brush": pg.mkBrush(colour),
                                  "pen": pg.mkPen(c.background, width=1), "data": i})
        self.scatter.setData(spots)
        self.threshold_line.setPos(self.threshold)
        self.threshold_label.setText(self.tr("threshold {value}").format(value=f"{self.threshold:g}"),
                                     color=c.foreground)
        self.threshold_label.setPos(0.0, self.threshold + 0.005)  # windows start at half a window in
        self._draw_clips()
        low = STRIP[0] - 0.03 if self._consensus else -0.04
        self.setXRange(0.0, self.duration, padding=0.01)
        self.setYRange(low, 1.1, padding=0.0)

    def _draw_clips(self) -> None:
        c = self._colours
        font = QFont()
        font.setPointSizeF(max(font.pointSizeF() - 1.5, 7.0))
        for i, clip in enumerate(self._clips):
            start, end = _num(clip.get("start_s")), _num(clip.get("end_s"))
            if start is None or end is None:
                continue
            for t in ((start, end) if i == len(self._clips) - 1 else (start,)):
                if t > 0:
                    line = pg.InfiniteLine(pos=t, angle=90, movable=False,
                                           pen=pg.mkPen(c.muted, width=1, style=Qt.PenStyle.DotLine))
                    self._add_extra(line)
            index = int(clip.get("index", i))
            name = pg.TextItem(self.tr("Clip {n}").format(n=index + 1) if end - start >= 1.5 else f"{index + 1}",
                               color=c.muted,
                               anchor=(0.5, 0))
            name.setFont(font)
            name.setPos((start + end) / 2, 1.1)
            self._add_extra(name)
            label = self._consensus.get(index)
            if label:
                colour = {"stable": c.stable, "unstable": c.unstable, "unusable": c.unusable}.get(label, c.disagree)
                bar = pg.BarGraphItem(x0=[start], x1=[end], y0=[STRIP[0]], y1=[STRIP[1]],
                                      brush=c.alpha(colour, 170), pen=pg.mkPen(c.background, width=1))
                self._add_extra(bar)
                word = QCoreApplication.translate("WindowChart", CONSENSUS_WORDS[label]) if label in CONSENSUS_WORDS \
                    else label
                text = pg.TextItem(word, color=c.foreground, anchor=(0.5, 0.5))
                text.setFont(font)
                text.setPos((start + end) / 2, sum(STRIP) / 2)
                self._add_extra(text)
        if self._consensus:
            ticks = [(p, f"{p:g}") for p in (0.0, 0.25, 0.5, 0.75, 1.0)] + [(sum(STRIP) / 2, self.tr("raters"))]
        else:
            ticks = [(p, f"{p:g}") for p in (0.0, 0.25, 0.5, 0.75, 1.0)]
        self.getPlotItem().getAxis("left").setTicks([ticks])

    def _add_extra(self, item: Any) -> None:
        self.addItem(item)
        self._extras.append(item)

    def _apply_colours(self) -> None:
        self._colours = c = chart_colours(self)
        c.style_plot(self)
        self.line.setPen(pg.mkPen(c.muted, width=1.5))
        self.threshold_line.setPen(pg.mkPen(c.foreground, width=1, style=Qt.PenStyle.DashLine))
        self.cursor.setPen(pg.mkPen(c.cursor, width=2))
        self.rings.setPen(pg.mkPen(c.cursor, width=2))
        self.rings.setBrush(pg.mkBrush(None))
        self.rings.setSize(15)
        self.region.setBrush(c.alpha(c.cursor, 28))
        for line in self.region.lines:
            line.setPen(pg.mkPen(c.alpha(c.cursor, 120), width=1))
        if self.windows or self._clips:
            self._redraw()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.PaletteChange and getattr(self, "_ready", False):
            self._apply_colours()
        elif event.type() == QEvent.Type.LanguageChange and getattr(self, "_ready", False):
            self.getPlotItem().setLabel("bottom", self.tr("Time in the recording (s)"))
            if self.windows or self._clips:
                self._redraw()
        super().changeEvent(event)

    # -- interaction -----------------------------------------------------------------

    def _tip(self, x: float, y: float, data: Any) -> str:
        i = int(data)
        w = self.windows[i] if 0 <= i < len(self.windows) else {}
        span = f"{_num(w.get('start_s')) or 0:.1f}–{_num(w.get('end_s')) or 0:.1f} s"
        p = _num(w.get("p_unstable"))
        what = self.tr("not classified (patient missing)") if p is None else f"P(unstable) = {p:.2f}"
        counted = "\n" + self.tr("counted in R") if w.get("counted") else ""
        return self.tr("Window {n}: {span}").format(n=i + 1, span=span) + f"\n{what}{counted}"

    def _on_click(self, event: Any) -> None:
        if event.button() != Qt.MouseButton.LeftButton or not self.windows and not self._clips:
            return
        vb = self.getPlotItem().vb
        pos = event.scenePos()
        if not vb.sceneBoundingRect().contains(pos):
            return
        time_s = min(max(vb.mapSceneToView(pos).x(), 0.0), self.duration)
        event.accept()
        self.seek_requested.emit(float(time_s))
