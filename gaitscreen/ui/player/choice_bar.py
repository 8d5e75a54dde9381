"""The bar under the video that asks to confirm a new patient after a click.

A dialog over the player would hide the very picture the operator is checking (is
that really the patient?), so the question sits in a slim bar between the video and
the timeline: the video stays visible and playable, and the bar waits until the
operator answers, clicks someone else (the question changes) or opens another video
(the question goes). Its buttons take no keyboard focus, so Space and the arrow
keys stay the player's. A language change re-labels the buttons and asks the
pending question again in the new language (the bar words it from the track id,
unless the caller gave its own text).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ..retranslating import Retranslating

BAR_STYLE = "QFrame#subjectChoiceBar { background: #3a3413; border: 1px solid #f0e442; border-radius: 3px; }"


class SubjectChoiceBar(Retranslating, QFrame):
    """Non-modal "make person N the patient?" question; see the module docstring."""

    confirmed = Signal(int)
    cancelled = Signal()

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName("subjectChoiceBar")
        self.setStyleSheet(BAR_STYLE)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.accept_button = QPushButton(self)
        self.cancel_button = QPushButton(self)
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
        self._text: Optional[str] = None  # the caller's own wording (None: the bar's, re-worded on a change)
        self._on_confirm: Optional[Callable[[], None]] = None
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        """The buttons, and the pending question, in the current language."""
        self.accept_button.setText(self.tr("Re-analyse with this person"))
        self.cancel_button.setText(self.tr("Keep the current patient"))
        self.message.setText(self.question())

    def question(self) -> str:
        """What the bar asks now ("" when nothing is pending)."""
        if self._pending is None:
            return ""
        if self._text is not None:
            return self._text
        return self.tr("Make person {track} the patient in this video? Their pose is estimated again and the "
                       "recording re-analysed.").format(track=self._pending)

    @property
    def pending(self) -> Optional[int]:
        """Track id the bar is asking about (None when hidden)."""
        return self._pending

    def ask(self, track_id: int, text: Optional[str] = None, on_confirm: Optional[Callable[[], None]] = None) -> None:
        """Show the question for ``track_id`` (``text``: the caller's wording, kept as given on a
        language change; None: the bar's own, re-worded); ``on_confirm`` runs when the operator agrees."""
        self._pending, self._text, self._on_confirm = int(track_id), text, on_confirm
        self.message.setText(self.question())
        self.show()

    def dismiss(self) -> None:
        """Hide the question without acting on it."""
        asked = self._pending is not None
        self._pending, self._text, self._on_confirm = None, None, None
        self.message.clear()
        self.hide()
        if asked:
            self.cancelled.emit()

    def _accept(self) -> None:
        track_id, action = self._pending, self._on_confirm
        self._pending, self._text, self._on_confirm = None, None, None
        self.message.clear()
        self.hide()
        if track_id is not None:
            self.confirmed.emit(track_id)
            if action is not None:
                action()
