"""The capture dialog's widgets and layout (split from :mod:`.capture_dialog`, which reacts to them).

The widgets are made as attributes of the dialog, so the dialog and its tests reach them
by name (``source_combo``, ``start_button``, ``setup_combo``, ...). Texts are in the
``CaptureDialog`` translation context and set by :func:`label_capture_layout`, which the
dialog calls again when the language changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional, Sequence

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


def _t(text: str) -> str:
    return QCoreApplication.translate("CaptureDialog", text)


def row(*widgets: QWidget) -> QHBoxLayout:
    out = QHBoxLayout()
    for i, widget in enumerate(widgets):
        out.addWidget(widget, 1 if i == 0 else 0)
    return out


def build_capture_layout(d: CaptureDialog, duration_s: float, countdown_s: int, setups: Sequence[Setup]) -> None:
    """Make the dialog's widgets and lay them out (their texts: :func:`label_capture_layout`)."""
    d.source_combo = QComboBox(editable=True, insertPolicy=QComboBox.InsertPolicy.NoInsert)
    d.source_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    d.refresh_button = QPushButton(clicked=lambda: d.refresh_cameras())
    d.preview_button = QPushButton(clicked=d.start_preview)
    source_row = row(d.source_combo, d.refresh_button, d.preview_button)
    d.resolution = QComboBox(editable=True)
    d.resolution.addItems(["", *RESOLUTIONS[1:]])
    d.fps = QSpinBox(minimum=0, maximum=240)
    d.duration = QDoubleSpinBox(minimum=1.0, maximum=MAX_DURATION_S, decimals=1, value=duration_s)
    d.countdown = QSpinBox(minimum=0, maximum=30, value=countdown_s)
    d.resolution.activated.connect(d._camera_settings_changed)
    d.fps.editingFinished.connect(d._camera_settings_changed)
    d.setup_combo = QComboBox()
    d.setup_combo.addItem("", None)
    for s in setups:
        d.setup_combo.addItem(s.name, s.id)
    form = QFormLayout()
    d.form_labels = [QLabel() for _ in range(6)]
    for label, field in zip(d.form_labels, (source_row, d.resolution, d.fps, d.duration, d.countdown, d.setup_combo)):
        form.addRow(label, field)

    d.preview = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, minimumSize=QSize(320, 240))
    d.preview.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)  # no growth from pixmaps
    d.preview.setStyleSheet("background: #202020; color: #c0c0c0;")
    d.info = QLabel()
    d.status = QLabel(styleSheet="font-weight: bold;")
    d.progress = QProgressBar(minimum=0, maximum=1000, value=0, textVisible=False)
    d.message = QLabel(wordWrap=True, textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
    d.start_button = QPushButton(default=True, clicked=d.start_capture)
    d.cancel_button = QPushButton(clicked=d.cancel)

    layout = QVBoxLayout(d)
    layout.addLayout(form)
    layout.addWidget(d.preview, 1)
    for widget in (d.info, d.status, d.progress, d.message):
        layout.addWidget(widget)
    buttons = row(d.start_button, d.cancel_button)
    buttons.insertStretch(0, 1)
    layout.addLayout(buttons)
    label_capture_layout(d)
    d.resize(720, 640)


def label_capture_layout(d: CaptureDialog) -> None:
    """The layout's fixed texts in the current language (the Start / Close row: the dialog's state)."""
    d.source_combo.lineEdit().setPlaceholderText(_t("camera number, /dev/video0, http://… or rtsp://…"))
    d.refresh_button.setText(_t("Refresh"))
    d.preview_button.setText(_t("Preview"))
    d.resolution.setItemText(0, _t("Camera default"))  # the shown text follows when it is chosen
    d.fps.setSpecialValueText(_t("Camera default"))
    d.fps.setSuffix(_t(" frames/s"))
    d.duration.setSuffix(_t(" s"))
    d.countdown.setSuffix(_t(" s"))
    d.setup_combo.setItemText(0, _t("No setup (not calibrated)"))
    for label, text in zip(d.form_labels, (_t("Source"), _t("Resolution"), _t("Frame rate"), _t("Duration"),
                                           _t("Countdown"), _t("Camera setup"))):
        label.setText(text)
    d.start_button.setText(_t("Start"))


def describe_source(info: Optional[Any]) -> str:
    """An open source (a :class:`~gaitscreen.engine.capture_worker.SourceInfo`) in words; "" for none."""
    if info is None:
        return ""
    if info.fps:
        text = (_t("{label}: stream, {w} x {h}, {fps:g} frames/s") if info.is_stream else
                _t("{label}: camera, {w} x {h}, {fps:g} frames/s"))
    else:
        text = (_t("{label}: stream, {w} x {h}") if info.is_stream else
                _t("{label}: camera, {w} x {h}"))
    return text.format(label=info.label, w=info.width, h=info.height, fps=info.fps or 0)
