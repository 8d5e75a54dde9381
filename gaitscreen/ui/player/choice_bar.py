"""The bar under the video that asks to confirm a new patient after a click.

A dialog over the player would hide the very picture the operator is checking (is
that really the patient?), so the question sits in a slim bar between the video and
the timeline: the video stays visible and playable, and the bar waits until the
operator answers, clicks someone else (the question changes) or opens another video
(the question goes). Its buttons take no keyboard focus, so Space and the arrow
keys stay the player's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

BAR_STYLE = "QFrame#subjectChoiceBar { background: #3a3413; border: 1px solid #f0e442; border-radius: 3px; }"


class SubjectChoiceBar(QFrame):
    """Non-modal "make person N the patient?" question; see the module docstring."""

    confirmed = Signal(int)
    cancelled = Signal()

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName("subjectChoiceBar")
        self.setStyleSheet(BAR_STYLE)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.accept_button = QPushButton(self.tr("Re-analyse with this person"), self)
        self.cancel_button = QPushButton(self.tr("Keep the current patient"), self)
        for b in (self.accept_button, self.cancel_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.accept_button.clicked.connect(self._accept)
        self.cancel_button.clicked.connect(self.dismiss)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 3, 6, 3)
        row.addWidget(self.message, 1)
        row.addWidget(self.accept_button)
        row.addWidget(self.cancel_button)
        self._pending: Optional[int] = None
        self._on_confirm: Optional[Callable[[], None]] = None
        self.hide()

    @property
    def pending(self) -> Optional[int]:
        """Track id the bar is asking about (None when hidden)."""
        return self._pending

    def ask(self, track_id: int, text: str, on_confirm: Optional[Callable[[], None]] = None) -> None:
        """Show the question for ``track_id``; ``on_confirm`` runs when the operator agrees."""
        self._pending, self._on_confirm = int(track_id), on_confirm
        self.message.setText(text)
        self.show()

    def dismiss(self) -> None:
        """Hide the question without acting on it."""
        asked = self._pending is not None
        self._pending, self._on_confirm = None, None
        self.hide()
        if asked:
            self.cancelled.emit()

    def _accept(self) -> None:
        track_id, action = self._pending, self._on_confirm
        self._pending, self._on_confirm = None, None
        self.hide()
        if track_id is not None:
            self.confirmed.emit(track_id)
            if action is not None:
                action()
