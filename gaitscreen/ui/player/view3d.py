"""A small rotatable 3-D view of the patient: the lifted skeleton at the player's current frame.

The 3-D skeleton (world axes, z up, stored beside the 2-D one once an analysis with a
3-D model lifted it) is drawn as an orthographic view from the side, turned about the
vertical axis by a yaw angle the user sets by dragging across the view or with the
slider. It is plain 2-D pyqtgraph, no OpenGL, so it draws offscreen and over remote
desktops alike. Bones are coloured left / right / centre as the player's overlay
colours them (:data:`gaitscreen.core.overlay.SIDE_COLOURS`). The view's extent is fixed
per recording (all frames' joints fit), so the figure does not jump while it plays.
"""

from __future__ import annotations

import math
from typing import Optional

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QSlider, QVBoxLayout, QWidget

from gaitscreen.core.overlay import SIDE_COLOURS, bones
from gaitscreen.core.skeleton import SkeletonSequence

from ..retranslating import Retranslating

#: Degrees of yaw per pixel dragged.
DRAG_DEGREES_PER_PIXEL = 0.5
DEFAULT_YAW = 30.0


def project(joints: np.ndarray, yaw_deg: float) -> np.ndarray:
    """``(J, 3)`` world joints (z up) → ``(J, 2)`` orthographic view coordinates, the camera
    turned by ``yaw_deg`` about the vertical axis (0: looking along +y)."""
    c, s = math.cos(math.radians(yaw_deg)), math.sin(math.radians(yaw_deg))
    joints = np.asarray(joints, dtype=np.float64)
    return np.stack([joints[:, 0] * c - joints[:, 1] * s, joints[:, 2]], axis=1)


class _DragPlot(pg.PlotWidget):
    """A plot that turns the view on horizontal drags instead of panning."""

    dragged = Signal(float)  # pixels moved since the last event

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self._last_x: Optional[float] = None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self._last_x = event.position().x()
            event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self._last_x is not None:
            x = event.position().x()
            self.dragged.emit(x - self._last_x)
            self._last_x = x
            event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self._last_x = None
        event.accept()

    def wheelEvent(self, event) -> None:  # noqa: N802 - no zoom: the extent is fixed per recording
        event.ignore()


class SkeletonView3D(Retranslating, QWidget):
    """The lifted 3-D skeleton of one frame, turned by a yaw the user drags or slides."""

    yaw_changed = Signal(float)

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self._skeleton: Optional[SkeletonSequence] = None
        self._sample = -1
        self._yaw = DEFAULT_YAW
        self.plot = _DragPlot(self)
        self.plot.setMinimumSize(180, 200)
        self.plot.setAspectLocked(True)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        for axis in ("left", "bottom"):
            self.plot.hideAxis(axis)
        self.plot.dragged.connect(lambda dx: self.set_yaw(self._yaw + dx * DRAG_DEGREES_PER_PIXEL))
        self._bones = bones.get("h36m17", ())
        self._lines = [self.plot.plot(pen=pg.mkPen(SIDE_COLOURS[side], width=3)) for _a, _b, side in self._bones]
        self._points = pg.ScatterPlotItem(size=6, brush=pg.mkBrush(225, 225, 225), pen=None)
        self.plot.addItem(self._points)
        self.floor = self.plot.plot(pen=pg.mkPen(120, 120, 120, width=1, style=Qt.PenStyle.DashLine))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(-180, 180)
        self.slider.setValue(int(round(self._yaw)))
        self.slider.valueChanged.connect(lambda v: self.set_yaw(float(v)))
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.slider)
        layout.addWidget(self.note)
        self.retranslate()

    def retranslate(self) -> None:
        """The tooltips, and the note on the shown skeleton's lifter, in the current language."""
        self.plot.setToolTip(self.tr("Drag sideways to turn the patient"))
        self.slider.setToolTip(self.tr("Turn the view about the vertical axis (degrees)"))
        skeleton = self._skeleton
        lifter = (skeleton.meta.get("lifter") or {}).get("name") if skeleton is not None else None
        self.note.setText(self.tr("Lifted to 3-D by {lifter}").format(lifter=lifter) if lifter else "")

    # -- data -------------------------------------------------------------------------

    @property
    def has_skeleton(self) -> bool:
        return self._skeleton is not None

    @property
    def yaw(self) -> float:
        return self._yaw

    @property
    def sample(self) -> int:
        """The skeleton sample shown (-1: none)."""
        return self._sample

    def set_skeleton(self, skeleton: Optional[SkeletonSequence]) -> None:
        """Show ``skeleton`` (3-D, H36M-17; None or anything else clears the view)."""
        if skeleton is not None and (skeleton.dims != 3 or skeleton.layout != "h36m17"):
            skeleton = None
        self._skeleton, self._sample = skeleton, -1
        self.retranslate()  # the note names this skeleton's lifter
        if skeleton is not None:
            self._fit(skeleton.joints)
            self.show_frame(int(skeleton.frame_indices[0]) if skeleton.num_frames else 0)
        else:
            self._draw(None)

    def show_frame(self, frame_index: int) -> None:
        """Draw the sample of video frame ``frame_index`` (the nearest sample)."""
        skeleton = self._skeleton
        if skeleton is None or skeleton.num_frames == 0:
            return
        frames = skeleton.frame_indices
        i = int(np.clip(np.searchsorted(frames, frame_index), 0, len(frames) - 1))
        if i > 0 and abs(frames[i - 1] - frame_index) <= abs(frames[i] - frame_index):
            i -= 1
        self._sample = i
        self._draw(skeleton.joints[i] if skeleton.present[i] else None)

    def set_yaw(self, degrees: float) -> None:
        """Turn the view to ``degrees`` (wrapped to −180 … 180)."""
        yaw = (float(degrees) + 180.0) % 360.0 - 180.0
        if yaw == self._yaw:
            return
        self._yaw = yaw
        self.slider.blockSignals(True)
        self.slider.setValue(int(round(yaw)))
        self.slider.blockSignals(False)
        if self._skeleton is not None and self._sample >= 0:
            self.show_frame(int(self._skeleton.frame_indices[self._sample]))
        self.yaw_changed.emit(yaw)

    def projected(self) -> Optional[np.ndarray]:
        """The ``(J, 2)`` view coordinates drawn now; None when no joints are drawn."""
        if self._skeleton is None or self._sample < 0 or not self._skeleton.present[self._sample]:
            return None
        return project(self._skeleton.joints[self._sample], self._yaw)

    # -- drawing ----------------------------------------------------------------------

    def _fit(self, joints: np.ndarray) -> None:
        """A fixed extent in which every frame fits at any yaw (radius about the vertical axis)."""
        finite = joints[np.isfinite(joints).all(axis=-1)]
        if finite.size == 0:
            return
        radius = max(float(np.hypot(finite[:, 0], finite[:, 1]).max()), 0.05) * 1.1
        top, bottom = float(finite[:, 2].max()), float(finite[:, 2].min())
        self.plot.setXRange(-radius, radius, padding=0.05)
        self.plot.setYRange(bottom - 0.05 * (top - bottom), top * 1.05, padding=0.05)
        self._radius, self._floor = radius, bottom

    def _draw(self, joints: Optional[np.ndarray]) -> None:
        if joints is None or not np.isfinite(joints).any():
            for line in self._lines:
                line.setData([], [])
            self._points.setData([], [])
            self.floor.setData([], [])
            return
        xy = project(joints, self._yaw)
        for line, (a, b, _side) in zip(self._lines, self._bones):
            line.setData(xy[[a, b], 0], xy[[a, b], 1], connect="finite")
        ok = np.isfinite(xy).all(axis=1)
        self._points.setData(xy[ok, 0], xy[ok, 1])
        self.floor.setData([-self._radius, self._radius], [self._floor, self._floor])
