"""Colours of the analysis charts, taken from the widget's palette (light or dark).

The accents match the PDF report (stable blue, unstable red), brightened on a
dark background so they stay readable.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class ChartColours:
    dark: bool
    background: QColor
    foreground: QColor
    muted: QColor
    stable: QColor
    unstable: QColor
    cursor: QColor
    unusable: QColor
    disagree: QColor

    def alpha(self, colour: QColor, a: int) -> QColor:
        c = QColor(colour)
        c.setAlpha(a)
        return c

    def style_plot(self, plot: pg.PlotWidget) -> None:
        """Background, axes and label colours of ``plot`` from this palette."""
        plot.setBackground(self.background)
        item = plot.getPlotItem()
        for name in ("left", "bottom", "top", "right"):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen(self.muted))
            axis.setTextPen(pg.mkPen(self.foreground))
            if axis.label is not None:
                axis.label.setDefaultTextColor(self.foreground)


def chart_colours(widget: QWidget) -> ChartColours:
    """The chart colours for ``widget``'s current palette."""
    palette = widget.palette()
    background = palette.color(QPalette.ColorRole.Base)
    foreground = palette.color(QPalette.ColorRole.Text)
    dark = background.lightness() < 128
    muted = QColor(foreground)
    muted.setAlpha(150)
    if dark:
        return ChartColours(True, background, foreground, muted, QColor("#5DA9E9"), QColor("#FF6B5B"),
                            QColor("#F0A030"), QColor("#9AA5B1"), QColor("#E0B040"))
    return ChartColours(False, background, foreground, muted, QColor("#1F6FB2"), QColor("#C0392B"),
                        QColor("#D9730D"), QColor("#7B8794"), QColor("#B7791F"))
