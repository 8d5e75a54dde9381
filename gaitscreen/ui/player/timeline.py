"""The player's timeline: playhead, 3-second clip boundaries, coloured spans, loop.

Times are seconds from the first frame; the frame under a point is the one showing at
that time (the last frame whose timestamp is not later), so a click seeks to exactly
the frame the timeline shows there. Clicking or dragging emits
:attr:`Timeline.seek_requested` with a frame index.

Event marks (chair-stand rises and stands, balance stance starts and ends) are drawn
as coloured ticks over the groove; pressing within a few pixels of one and dragging
moves it (snapped to a frame time), and :attr:`Timeline.mark_moved` reports the mark's
index and new time on release.
"""

from __future__ import annotations

from typing import Any, Iterable, Optional, Sequence, Union

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

ColourLike = Union[QColor, str, tuple]

_MARGIN = 8.0
_GROOVE = QColor(60, 60, 60)
_CLIP_LINE = QColor(200, 200, 200)
_PLAYHEAD = QColor(255, 80, 80)
_LOOP = QColor(255, 255, 255, 40)
_MARK = QColor(255, 200, 40)
_MARK_SELECTED = QColor(80, 200, 255)
_GRAB_PX = 5.0


def _as_colour(value: ColourLike) -> QColor:
    if isinstance(value, QColor):
        return QColor(value)
    if isinstance(value, tuple):
        return QColor(*value)
    return QColor(value)


def _span(item: Any) -> tuple[float, float]:
    """(start_s, end_s) from a tuple or from an object with ``start_s``/``end_s`` (a Clip)."""
    if hasattr(item, "start_s") and hasattr(item, "end_s"):
        return float(item.start_s), float(item.end_s)
    start, end = item[0], item[1]
    return float(start), float(end)


class Timeline(QWidget):
    """A horizontal time axis over the whole video."""

    seek_requested = Signal(int)
    mark_moved = Signal(int, float)  # mark index, new time (s)
    mark_selected = Signal(int)

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMouseTracking(False)
        self._times = np.zeros(0, np.float64)
        self._duration = 0.0
        self._frame = -1
        self._clips: list[tuple[float, float]] = []
        self._spans: list[tuple[float, float, QColor]] = []
        self._loop: Optional[tuple[float, float]] = None
        self._marks: list[float] = []
        self._selected_mark = -1
        self._dragging = -1

    def sizeHint(self) -> QSize:
        return QSize(400, 34)

    def minimumSizeHint(self) -> QSize:
        return QSize(100, 28)

    # ------------------------------------------------------------------ data

    def set_timestamps(self, timestamps: Sequence[float], duration_s: Optional[float] = None) -> None:
        """Frame times; ``duration_s`` defaults to the last time plus one frame interval."""
        self._times = np.asarray(timestamps, np.float64)
        if duration_s is None:
            t = self._times
            step = float(np.median(np.diff(t))) if t.size > 1 else 0.0
            duration_s = float(t[-1]) + step if t.size else 0.0
        self._duration = max(float(duration_s), 0.0)
        self.update()

    @property
    def duration(self) -> float:
        return self._duration

    def reset(self) -> None:
        """No video: no frames, clips, spans, loop or position."""
        self.set_timestamps(np.zeros(0, np.float64), 0.0)
        self.set_clips([])
        self.set_spans([])
        self.set_loop(None)
        self.set_position(-1)

    def set_position(self, frame: int) -> None:
        if frame != self._frame:
            self._frame = int(frame)
            self.update()

    def set_clips(self, clips: Iterable[Any]) -> None:
        """Clip boundaries: ``(start_s, end_s)`` pairs or objects with ``start_s``/``end_s``."""
        self._clips = sorted(_span(c) for c in clips)
        self.update()

    def set_spans(self, spans: Iterable[Sequence[Any]]) -> None:
        """Coloured spans ``(start_s, end_s, colour)``; colour a QColor, name or RGB(A) tuple."""
        self._spans = [(float(s[0]), float(s[1]), _as_colour(s[2])) for s in spans]
        self.update()

    def set_marks(self, times: Iterable[float], selected: int = -1) -> None:
        """Event marks at ``times`` (s); ``selected`` is drawn highlighted."""
        self._marks = [float(t) for t in times]
        self._selected_mark = int(selected)
        self._dragging = -1
        self.update()

    @property
    def marks(self) -> list[float]:
        return list(self._marks)

    def mark_at_x(self, x: float) -> int:
        """Index of the mark within a few pixels of ``x``, or -1."""
        best, index = _GRAB_PX, -1
        for i, t in enumerate(self._marks):
            d = abs(self.x_for_time(t) - x)
            if d <= best:
                best, index = d, i
        return index

    def snapped_time(self, x: float) -> float:
        """The time of the frame showing at ``x``."""
        if self._times.size == 0:
            return max(0.0, self.time_for_x(x))
        return float(self._times[self.frame_for_x(x)])

    def set_loop(self, span: Optional[tuple[float, float]]) -> None:
        self._loop = None if span is None else (float(span[0]), float(span[1]))
        self.update()

    # ------------------------------------------------------------------ geometry

    def _track(self) -> QRectF:
        return QRectF(_MARGIN, 4.0, max(1.0, self.width() - 2 * _MARGIN), max(1.0, self.height() - 8.0))

    def x_for_time(self, t: float) -> float:
        track = self._track()
        if self._duration <= 0:
            return track.left()
        return track.left() + track.width() * min(max(t / self._duration, 0.0), 1.0)

    def time_for_x(self, x: float) -> float:
        track = self._track()
        return (x - track.left()) / track.width() * self._duration

    def frame_for_x(self, x: float) -> int:
        if self._times.size == 0:
            return 0
        t = self.time_for_x(x)
        return int(np.clip(np.searchsorted(self._times, t + 1e-9, "right") - 1, 0, self._times.size - 1))

    def boundary_times(self) -> list[float]:
        """Every distinct clip start and end, sorted."""
        values = sorted({round(v, 6) for clip in self._clips for v in clip})
        return [float(v) for v in values]

    def boundary_positions(self) -> list[float]:
        """x (widget pixels) of every clip boundary."""
        return [self.x_for_time(t) for t in self.boundary_times()]

    def playhead_x(self) -> Optional[float]:
        if not 0 <= self._frame < self._times.size:
            return None
        return self.x_for_time(float(self._times[self._frame]))

    # ------------------------------------------------------------------ painting

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: ARG002
        p = QPainter(self)
        track = self._track()
        groove = QRectF(track.left(), track.center().y() - 5, track.width(), 10)
        p.fillRect(groove, _GROOVE)
        for start, end, colour in self._spans:
            x1, x2 = self.x_for_time(start), self.x_for_time(end)
            p.fillRect(QRectF(x1, groove.top(), max(1.0, x2 - x1), groove.height()), colour)
        if self._loop is not None:
            x1, x2 = self.x_for_time(self._loop[0]), self.x_for_time(self._loop[1])
            p.fillRect(QRectF(x1, track.top(), max(1.0, x2 - x1), track.height()), _LOOP)
        p.setPen(QPen(_CLIP_LINE, 1))
        for x in self.boundary_positions():
            p.drawLine(QPointF(x, groove.top() - 4), QPointF(x, groove.bottom() + 4))
        for i, t in enumerate(self._marks):
            mx = self.x_for_time(t)
            p.setPen(QPen(_MARK_SELECTED if i == self._selected_mark else _MARK, 3))
            p.drawLine(QPointF(mx, track.top()), QPointF(mx, groove.bottom() + 2))
        x = self.playhead_x()
        if x is not None:
            p.setPen(QPen(_PLAYHEAD, 2))
            p.drawLine(QPointF(x, track.top()), QPointF(x, track.bottom()))
        p.end()

    # ------------------------------------------------------------------ mouse

    def mousePressEvent(self, event: QMouseEvent) -> None:
        grab = self.mark_at_x(event.position().x()) if event.button() == Qt.MouseButton.LeftButton else -1
        if grab >= 0:
            self._dragging = self._selected_mark = grab
            self.mark_selected.emit(grab)
            self.update()
            event.accept()
        elif event.button() == Qt.MouseButton.LeftButton and self._times.size:
            self.seek_requested.emit(self.frame_for_x(event.position().x()))
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._dragging >= 0 and event.buttons() & Qt.MouseButton.LeftButton:
            self._marks[self._dragging] = self.snapped_time(event.position().x())
            self.update()
            event.accept()
        elif event.buttons() & Qt.MouseButton.LeftButton and self._times.size:
            frame = self.frame_for_x(event.position().x())
            if frame != self._frame:
                self.seek_requested.emit(frame)
            event.accept()
        else:
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._dragging >= 0 and event.button() == Qt.MouseButton.LeftButton:
            index, self._dragging = self._dragging, -1
            self.mark_moved.emit(index, self.snapped_time(event.position().x()))
            event.accept()
        else:
            super().mouseReleaseEvent(event)
