"""Where the gait table says the speed is not available: why, and the walkway length that gives it.

The tandem-walk speed needs the distance walked: the walkway length. (The
patient's height scales step width only; it cannot give forward distance, see
:mod:`gaitscreen.core.analysis.gait`.) :class:`SpeedEntry` shows the reason the
analysis recorded (core text, not translated here) and a field for the length;
"Compute speed" emits :attr:`SpeedEntry.walkway_entered`, and the Analysis view
stores it through :func:`gaitscreen.app.analysis_data.enter_walkway`.
"""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDoubleSpinBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from .retranslating import Retranslating


class SpeedEntry(Retranslating, QWidget):
    """The reason the speed is missing, a walkway-length field and a button."""

    walkway_entered = Signal(float)  # metres

    def __init__(self, reason: str, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.reason = QLabel(reason)
        self.reason.setWordWrap(True)
        self._label = QLabel()
        self.metres = QDoubleSpinBox()
        self.metres.setRange(0.5, 100.0)
        self.metres.setDecimals(2)
        self.metres.setSingleStep(0.5)
        self.metres.setValue(4.0)
        self.metres.setSuffix(" m")  # a unit: not translated
        self.button = QPushButton()
        self.button.clicked.connect(lambda: self.walkway_entered.emit(float(self.metres.value())))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        row = QHBoxLayout()
        row.addWidget(self._label)
        row.addWidget(self.metres)
        row.addWidget(self.button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addWidget(self.reason)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.retranslate()

    def retranslate(self) -> None:
        self._label.setText(self.tr("Walkway length:"))
        self.metres.setToolTip(self.tr("The distance the patient walked, from the start line to the end line"))
        self.button.setText(self.tr("Compute speed"))

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

