"""The capture dialog's widgets and layout (split from :mod:`.capture_dialog`, which reacts to them).

The widgets are made as attributes of the dialog, so the dialog and its tests reach them
by name (``source_combo``, ``start_button``, ``setup_combo``, ...). Texts are in the
``CaptureDialog`` translation context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gaitscreen.core.capture import MAX_DURATION_S
from gaitscreen.core.records import Setup

if TYPE_CHECKING:
    from .capture_dialog import CaptureDialog

#: The resolutions offered; the first item is the camera's default (its text is translated).
RESOLUTIONS = ("Camera default", "640 x 480", "1280 x 720", "1920 x 1080")


def row(*widgets: QWidget) -> QHBoxLayout:
    out = QHBoxLayout()
    for i, widget in enumerate(widgets):
        out.addWidget(widget, 1 if i == 0 else 0)
    return out


def build_capture_layout(d: CaptureDialog, duration_s: float, countdown_s: int, setups: Sequence[Setup]) -> None:
    """Make the dialog's widgets and lay them out."""
    tr = QCoreApplication.translate
    d.source_combo = QComboBox(editable=True, insertPolicy=QComboBox.InsertPolicy.NoInsert)
    d.source_combo.lineEdit().setPlaceholderText(tr("CaptureDialog", "camera number, /dev/video0, http://… or rtsp://…"))
    d.source_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    d.refresh_button = QPushButton(tr("CaptureDialog", "Refresh"), clicked=lambda: d.refresh_cameras())
    d.preview_button = QPushButton(tr("CaptureDialog", "Preview"), clicked=d.start_preview)
    source_row = row(d.source_combo, d.refresh_button, d.preview_button)
    d.resolution = QComboBox(editable=True)
    d.resolution.addItems([tr("CaptureDialog", "Camera default"), *RESOLUTIONS[1:]])
    d.fps = QSpinBox(minimum=0, maximum=240, specialValueText=tr("CaptureDialog", "Camera default"),
                     suffix=" frames/s")
    d.duration = QDoubleSpinBox(minimum=1.0, maximum=MAX_DURATION_S, decimals=1, suffix=" s", value=duration_s)
    d.countdown = QSpinBox(minimum=0, maximum=30, suffix=" s", value=countdown_s)
    d.resolution.activated.connect(d._camera_settings_changed)
    d.fps.editingFinished.connect(d._camera_settings_changed)
    d.setup_combo = QComboBox()
    d.setup_combo.addItem(tr("CaptureDialog", "No setup (not calibrated)"), None)
    for s in setups:
        d.setup_combo.addItem(s.name, s.id)
    form = QFormLayout()
    for label, field in ((tr("CaptureDialog", "Source"), source_row),
                         (tr("CaptureDialog", "Resolution"), d.resolution),
                         (tr("CaptureDialog", "Frame rate"), d.fps), (tr("CaptureDialog", "Duration"), d.duration),
                         (tr("CaptureDialog", "Countdown"), d.countdown),
                         (tr("CaptureDialog", "Camera setup"), d.setup_combo)):
        form.addRow(label, field)

    d.preview = QLabel(tr("CaptureDialog", "No preview"), alignment=Qt.AlignmentFlag.AlignCenter,
                       minimumSize=QSize(320, 240))
    d.preview.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)  # no growth from pixmaps
    d.preview.setStyleSheet("background: #202020; color: #c0c0c0;")
    d.info = QLabel()
    d.status = QLabel(styleSheet="font-weight: bold;")
    d.progress = QProgressBar(minimum=0, maximum=1000, value=0, textVisible=False)
    d.message = QLabel(wordWrap=True, textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
    d.start_button = QPushButton(tr("CaptureDialog", "Start"), default=True, clicked=d.start_capture)
    d.cancel_button = QPushButton(tr("CaptureDialog", "Close"), clicked=d.cancel)

    layout = QVBoxLayout(d)
    layout.addLayout(form)
    layout.addWidget(d.preview, 1)
    for widget in (d.info, d.status, d.progress, d.message):
        layout.addWidget(widget)
    buttons = row(d.start_button, d.cancel_button)
    buttons.insertStretch(0, 1)
    layout.addLayout(buttons)
    d.resize(720, 640)
