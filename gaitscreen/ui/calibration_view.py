"""The frame of the calibration dialog: click four floor points, drag them, zoom with the wheel.

Only shows and reacts: the points go out through :attr:`CalibrationView.points_changed`
and what is drawn over the frame (the metric grid, the walkway, the course lines) comes
in as a :class:`~gaitscreen.app.setups.Preview` (:meth:`CalibrationView.show_preview`).
"""

from __future__ import annotations

from typing import Any, Optional

import numpy as np
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPainterPath, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

HANDLE_RADIUS_PX = 7.0  # on screen, whatever the zoom
ZOOM_STEP = 1.25
GRID_COLOR = QColor(0, 220, 255, 170)
WALKWAY_COLOR = QColor(255, 200, 0, 230)
COURSE_COLOR = QColor(255, 60, 60, 230)


def qimage_of(bgr: np.ndarray) -> QImage:
    """A BGR uint8 frame as a QImage (copied: the array may go away)."""
    rgb = np.ascontiguousarray(bgr[..., ::-1])
    h, w = rgb.shape[:2]
    return QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


class _Handle(QGraphicsEllipseItem):
    """A draggable corner; tells the view when it moved."""

    def __init__(self, view: CalibrationView, index: int) -> None:
        r = HANDLE_RADIUS_PX
        super().__init__(-r, -r, 2 * r, 2 * r)
        self._view = view
        self.setBrush(QBrush(QColor(255, 200, 0, 200)))
        self.setPen(QPen(QColor(0, 0, 0), 1.5))
        self.setZValue(10)
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsMovable
                      | QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations
                      | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges)
        self.setCursor(Qt.CursorShape.SizeAllCursor)
        self.label = QGraphicsSimpleTextItem(str(index + 1), self)
        self.label.setBrush(QBrush(QColor(255, 255, 255)))
        self.label.setPos(r, -3 * r)

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            self._view._moved()
        return super().itemChange(change, value)


class CalibrationView(QGraphicsView):
    """A frame with up to four clickable, draggable floor points and the preview drawn over it."""

    points_changed = Signal()

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self._pixmap = QGraphicsPixmapItem()
        self._pixmap.setFlag(QGraphicsItem.GraphicsItemFlag.ItemClipsChildrenToShape)  # the grid stays on the frame
        self._pixmap.setShapeMode(QGraphicsPixmapItem.ShapeMode.BoundingRectShape)
        self.scene().addItem(self._pixmap)
        self._handles: list[_Handle] = []
        self._overlay: list[QGraphicsItem] = []
        self._quiet = False
        self._fitted = True  # the frame fills the view until the user zooms
        self.zoom = 1.0

    # --- the frame and the points -------------------------------------------------------
    def set_frame(self, bgr: Optional[np.ndarray]) -> None:
        if bgr is None:
            self._pixmap.setPixmap(QPixmap())
            return
        self._pixmap.setPixmap(QPixmap.fromImage(qimage_of(bgr)))
        self.scene().setSceneRect(self._pixmap.boundingRect())
        self.fit()

    def frame_size(self) -> Optional[tuple[int, int]]:
        pm = self._pixmap.pixmap()
        return None if pm.isNull() else (pm.width(), pm.height())

    def fit(self) -> None:
        self._fitted = True
        self.resetTransform()
        self.zoom = 1.0
        if not self._pixmap.pixmap().isNull():
            self.fitInView(self._pixmap, Qt.AspectRatioMode.KeepAspectRatio)
            self.zoom = self.transform().m11()

    def points(self) -> list[tuple[float, float]]:
        return [(h.pos().x(), h.pos().y()) for h in self._handles]

    def set_points(self, points: list[tuple[float, float]]) -> None:
        """Replace the points (programmatic, e.g. editing a setup or in tests)."""
        self._quiet = True
        for h in self._handles:
            self.scene().removeItem(h)
        self._handles = []
        for p in points[:4]:
            self._add_handle(QPointF(float(p[0]), float(p[1])))
        self._quiet = False
        self.points_changed.emit()

    def clear_points(self) -> None:
        self.set_points([])

    def _add_handle(self, at: QPointF) -> None:
        h = _Handle(self, len(self._handles))
        h.setPos(at)
        self.scene().addItem(h)
        self._handles.append(h)

    def _moved(self) -> None:
        if not self._quiet:
            self.points_changed.emit()

    # --- the preview over the frame ---------------------------------------------------------
    def show_preview(self, preview: Any) -> None:
        """Draw a :class:`~gaitscreen.app.setups.Preview`'s grid, walkway and course lines
        (nothing when the draft is not a valid calibration)."""
        for item in self._overlay:
            item.setParentItem(None)
            self.scene().removeItem(item)
        self._overlay = []
        if preview is None or not preview.ok:
            return
        self._path(preview.grid, GRID_COLOR, 1.0)
        if preview.walkway is not None:
            self._path([np.vstack([preview.walkway, preview.walkway[:1]])], WALKWAY_COLOR, 2.0)
        self._path(preview.course_lines, COURSE_COLOR, 2.5)

    def _path(self, lines: list[np.ndarray], color: QColor, width: float) -> None:
        if not lines:
            return
        path = QPainterPath()
        for line in lines:
            path.addPolygon(QPolygonF([QPointF(float(u), float(v)) for u, v in line]))
        item = QGraphicsPathItem(path, self._pixmap)  # a child of the frame: clipped to it
        pen = QPen(color, width)
        pen.setCosmetic(True)  # the same on-screen width at any zoom
        item.setPen(pen)
        item.setZValue(5)
        self._overlay.append(item)

    def overlay_items(self) -> list[QGraphicsItem]:
        """What the preview drew (the grid first), for tests and screenshots."""
        return list(self._overlay)

    # --- mouse and wheel ---------------------------------------------------------------------
    def mousePressEvent(self, event: Any) -> None:
        if event.button() == Qt.MouseButton.LeftButton and len(self._handles) < 4 \
                and not isinstance(self.itemAt(event.position().toPoint()), (_Handle, QGraphicsSimpleTextItem)):
            at = self.mapToScene(event.position().toPoint())
            if not self._pixmap.pixmap().isNull() and self._pixmap.boundingRect().contains(at):
                self._add_handle(at)
                self.points_changed.emit()
                return
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: Any) -> None:
        """A quick second click marks the next point (it is not a double-click action)."""
        self.mousePressEvent(event)

    def wheelEvent(self, event: Any) -> None:
        step = ZOOM_STEP if event.angleDelta().y() > 0 else 1.0 / ZOOM_STEP
        self.zoom_by(step)
        event.accept()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self._fitted:
            self.fit()

    def zoom_by(self, factor: float) -> None:
        self._fitted = False
        self.scale(factor, factor)
        self.zoom = self.transform().m11()
