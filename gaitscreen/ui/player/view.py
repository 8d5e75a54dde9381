"""The frame view: one video frame, scaled to fit, with skeletons drawn over it.

A plain :class:`QWidget` painting with :class:`QPainter` is the fastest choice here (one
image and a few dozen lines per frame; a QGraphicsView's scene bookkeeping buys nothing).
The frame's numpy buffer is wrapped in a :class:`QImage` without copying (the array is
kept alive alongside it) and drawn straight into the target rectangle.

Keypoints are in upright video pixels at full resolution (:meth:`FrameView.set_video_size`);
the image may be smaller (the player decodes at display size), so both are mapped
through the same video-to-widget transform.

Hovering shows what a click would do: the person under the mouse (the same hit test
as the click) is drawn in :data:`~gaitscreen.core.overlay.HOVER_COLOUR`, box and
skeleton, with a small label, and the cursor becomes a pointing hand over anyone who
can be made the patient.
"""

from __future__ import annotations

from typing import Optional

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from gaitscreen.core.overlay import (
    HOVER_COLOUR,
    MIN_DRAW_CONFIDENCE,
    OTHER_COLOUR,
    SIDE_COLOURS,
    FrameOverlay,
    PersonPose,
    bones,
    confidence_colour,
    hit_test,
    hover_text,
)

BACKGROUND = QColor(16, 16, 16)
PRIVACY_BACKGROUND = QColor(48, 48, 48)


class FrameView(QWidget):
    """Shows a frame and its overlay; a click on a person emits :attr:`subject_clicked`."""

    subject_clicked = Signal(int)
    hover_changed = Signal(int)  # track id under the mouse, -1 for none

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 120)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._array: Optional[np.ndarray] = None
        self._qimage: Optional[QImage] = None
        self._index = -1
        self._video_size: Optional[tuple[int, int]] = None
        self._overlay = FrameOverlay(None, ())
        self.show_skeleton = True
        self.show_others = True
        self.privacy = False
        self.smooth = True
        self.setMouseTracking(True)
        self._mouse: Optional[QPointF] = None
        self._hover: Optional[int] = None

    # ------------------------------------------------------------------ data

    @property
    def frame_index(self) -> int:
        """Index of the frame on screen (-1 for none)."""
        return self._index

    @property
    def frame_array(self) -> Optional[np.ndarray]:
        """The BGR image on screen, as decoded."""
        return self._array

    @property
    def overlay(self) -> FrameOverlay:
        return self._overlay

    def set_video_size(self, width: int, height: int) -> None:
        self._video_size = (int(width), int(height))
        self.update()

    def set_frame(self, image: Optional[np.ndarray], index: int = -1) -> None:
        """Show ``image`` (BGR uint8, H x W x 3), kept by reference, never copied."""
        if image is None:
            self._array, self._qimage, self._index = None, None, -1
        else:
            if image.dtype != np.uint8 or image.ndim != 3 or image.shape[2] != 3:
                raise ValueError(f"expected a BGR uint8 image, got {image.dtype} {image.shape}")
            if not image.flags.c_contiguous:
                image = np.ascontiguousarray(image)
            h, w = image.shape[:2]
            self._array = image
            self._qimage = QImage(image.data, w, h, image.strides[0], QImage.Format.Format_BGR888)
            self._index = int(index)
            if self._video_size is None:
                self._video_size = (w, h)
        self.update()

    def set_overlay(self, overlay: FrameOverlay) -> None:
        self._overlay = overlay
        if self._mouse is not None:  # people move under a still mouse
            self._set_hover(self.person_at(self._mouse))
        self.update()

    def set_options(self, *, skeleton: Optional[bool] = None, others: Optional[bool] = None,
                    privacy: Optional[bool] = None) -> None:
        if skeleton is not None:
            self.show_skeleton = bool(skeleton)
        if others is not None:
            self.show_others = bool(others)
        if privacy is not None:
            self.privacy = bool(privacy)
        self.update()

    # ------------------------------------------------------------------ geometry

    def video_rect(self) -> QRectF:
        """Where the video is drawn in the widget (aspect ratio kept, centred)."""
        if self._video_size is None:
            return QRectF()
        vw, vh = self._video_size
        scale = min(self.width() / vw, self.height() / vh)
        w, h = vw * scale, vh * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def to_widget(self, x: float, y: float) -> QPointF:
        r = self.video_rect()
        vw, vh = self._video_size or (1, 1)
        return QPointF(r.x() + x * r.width() / vw, r.y() + y * r.height() / vh)

    def to_video(self, point: QPointF) -> Optional[tuple[float, float]]:
        r = self.video_rect()
        if r.isEmpty() or not r.contains(point):
            return None
        vw, vh = self._video_size or (1, 1)
        return ((point.x() - r.x()) * vw / r.width(), (point.y() - r.y()) * vh / r.height())

    # ------------------------------------------------------------------ painting

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: ARG002
        p = QPainter(self)
        p.fillRect(self.rect(), BACKGROUND)
        target = self.video_rect()
        if not target.isEmpty():
            if self.privacy or self._qimage is None:
                p.fillRect(target, PRIVACY_BACKGROUND)
            else:
                p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, self.smooth)
                p.drawImage(target, self._qimage)
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            unit = max(1.5, min(6.0, target.height() / 300.0))
            if self.show_others:
                for person in self._overlay.others:
                    self._draw_other(p, person, unit)
            if self.show_skeleton and self._overlay.subject is not None:
                self._draw_subject(p, self._overlay.subject, unit)
            hovered = next((q for q in self._overlay.persons() if self._hover is not None
                            and q.track_id == self._hover), None)
            if hovered is not None:
                self._draw_hover(p, hovered, unit)
        p.end()

    def _points(self, person: PersonPose) -> list[Optional[QPointF]]:
        pts: list[Optional[QPointF]] = []
        for (x, y), c in zip(person.keypoints, person.confidence):
            ok = np.isfinite(x) and np.isfinite(y) and c >= MIN_DRAW_CONFIDENCE
            pts.append(self.to_widget(float(x), float(y)) if ok else None)
        return pts

    def _draw_subject(self, p: QPainter, person: PersonPose, unit: float) -> None:
        pts = self._points(person)
        for a, b, side in bones.get(person.layout, ()):
            if pts[a] is None or pts[b] is None:
                continue
            pen = QPen(QColor(*SIDE_COLOURS[side]), 1.6 * unit)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            p.setPen(pen)
            p.drawLine(pts[a], pts[b])
        p.setPen(QPen(QColor(20, 20, 20), 0.6 * unit))
        radius = 1.6 * unit
        for pt, c in zip(pts, person.confidence):
            if pt is not None:
                p.setBrush(QColor(*confidence_colour(float(c))))
                p.drawEllipse(pt, radius, radius)

    def _draw_other(self, p: QPainter, person: PersonPose, unit: float) -> None:
        pts = self._points(person)
        lines = [(pts[a], pts[b]) for a, b, _ in bones.get(person.layout, ())
                 if pts[a] is not None and pts[b] is not None]
        # A faint dark halo under faint grey lines keeps them visible on light walls too.
        for colour, width in ((QColor(0, 0, 0, 70), 2.0 * unit), (QColor(*OTHER_COLOUR, 160), 1.0 * unit)):
            pen = QPen(colour, width)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            p.setPen(pen)
            for a_pt, b_pt in lines:
                p.drawLine(a_pt, b_pt)
        if person.box is not None:
            x1, y1, x2, y2 = (float(v) for v in person.box)
            top_left, bottom_right = self.to_widget(x1, y1), self.to_widget(x2, y2)
            box_pen = QPen(QColor(*OTHER_COLOUR, 90), 1.0, Qt.PenStyle.DashLine)
            p.setPen(box_pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRectF(top_left, bottom_right))
            if person.track_id is not None:
                font = QFont(self.font())
                font.setPointSizeF(max(7.0, 3.0 * unit + 4))
                p.setFont(font)
                p.setPen(QColor(*OTHER_COLOUR, 200))
                p.drawText(top_left + QPointF(3, -4), f"#{person.track_id}")

    def _draw_hover(self, p: QPainter, person: PersonPose, unit: float) -> None:
        """The person a click would choose: their skeleton and box in the hover colour, labelled."""
        colour = QColor(*HOVER_COLOUR)
        pts = self._points(person)
        pen = QPen(colour, 1.2 * unit)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        for a, b, _ in bones.get(person.layout, ()):
            if pts[a] is not None and pts[b] is not None:
                p.drawLine(pts[a], pts[b])
        if person.box is None:
            return
        x1, y1, x2, y2 = (float(v) for v in person.box)
        rect = QRectF(self.to_widget(x1, y1), self.to_widget(x2, y2)).intersected(self.video_rect())
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(colour, 2.0))
        p.drawRect(rect)
        font = QFont(self.font())
        font.setPointSizeF(max(8.0, 3.0 * unit + 5))
        font.setBold(True)
        p.setFont(font)
        subject = self._overlay.subject
        text = hover_text(int(person.track_id), subject is not None and subject.track_id == person.track_id)
        metrics = QFontMetricsF(font)
        box = QRectF(rect.left(), rect.top(), metrics.horizontalAdvance(text) + 8, metrics.height() + 4)
        video = self.video_rect()
        box.moveBottom(rect.top() - 2 if rect.top() - box.height() - 2 >= video.top() else rect.top() + box.height())
        box.moveLeft(max(video.left(), min(box.left(), video.right() - box.width())))
        p.fillRect(box, QColor(0, 0, 0, 170))
        p.setPen(colour)
        p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    # ------------------------------------------------------------------ clicks

    @property
    def hover_id(self) -> Optional[int]:
        """Track id of the person under the mouse (None for none)."""
        return self._hover

    def hover_label(self) -> str:
        """The label drawn beside the person under the mouse ("" for none)."""
        if self._hover is None:
            return ""
        subject = self._overlay.subject
        return hover_text(self._hover, subject is not None and subject.track_id == self._hover)

    def _set_hover(self, hit: Optional[int]) -> None:
        if hit == self._hover:
            return
        self._hover = hit
        subject = self._overlay.subject
        choosable = hit is not None and (subject is None or hit != subject.track_id)
        self.setCursor(Qt.CursorShape.PointingHandCursor if choosable else Qt.CursorShape.ArrowCursor)
        self.hover_changed.emit(-1 if hit is None else hit)
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._mouse = event.position()
        self._set_hover(self.person_at(self._mouse))
        super().mouseMoveEvent(event)

    def leaveEvent(self, event) -> None:  # noqa: ANN001
        self._mouse = None
        self._set_hover(None)
        super().leaveEvent(event)

    def person_at(self, point: QPointF) -> Optional[int]:
        """Track id of the person under widget point ``point`` (smallest box wins)."""
        video = self.to_video(point)
        if video is None:
            return None
        persons = self._overlay.persons()
        if not self.show_others:
            persons = tuple(q for q in persons if q is self._overlay.subject)
        return hit_test([(q.track_id, q.box) for q in persons if q.track_id is not None], *video)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            hit = self.person_at(event.position())
            subject = self._overlay.subject
            if hit is not None and (subject is None or hit != subject.track_id):
                self.subject_clicked.emit(hit)
                event.accept()
                return
        super().mousePressEvent(event)
