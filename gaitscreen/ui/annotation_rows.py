"""The annotation panel's undoable label command, its player protocol and two helpers.

:class:`LabelCommand` is one label change on a ``QUndoStack``; its redo and undo
each write the database at once (``set_label(new)`` / ``set_label(previous or
None)``). Also the small protocol the panel needs from the player
(:class:`ClipPlayer`) and two helpers for its keys and settings. The rows the
panel lists come from :mod:`gaitscreen.app.annotation_rows` (no Qt).
"""

from __future__ import annotations

from typing import Any, Callable, Optional, Protocol

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit


class ClipPlayer(Protocol):
    """What the panel needs from the player."""

    def set_loop(self, start_s: float, end_s: float) -> None: ...
    def clear_loop(self) -> None: ...
    def seek_time(self, seconds: float) -> None: ...
    def play(self) -> None: ...


class LabelCommand(QUndoCommand):
    """``rater`` labels a clip ``new`` (it was ``previous``); see the module notes.

    The first write happens before the command is pushed (so a failure can be
    reported and nothing is pushed); ``redo`` skips that first call.
    """

    def __init__(self, write: Callable[[int, str, Optional[str]], bool], clip_id: int, rater: str,
                 new: Optional[str], previous: Optional[str], text: str) -> None:
        super().__init__(text)
        self._write = write
        self.clip_id, self.rater, self.new, self.previous = clip_id, rater, new, previous
        self._skip_redo = True  # the push's redo: already written

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self._write(self.clip_id, self.rater, self.new)

    def undo(self) -> None:
        self._write(self.clip_id, self.rater, self.previous)


def typing_in_text_field() -> bool:
    """True while the keyboard focus is in a text field (its keys are not label keys)."""
    widget = QApplication.focusWidget()
    if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)):
        return not widget.isReadOnly()
    if isinstance(widget, QAbstractSpinBox):
        return True
    return isinstance(widget, QComboBox) and widget.isEditable()


def setting_bool(value: Any, default: bool) -> bool:
    """A QSettings value as a bool (INI files give back strings)."""
    if value is None:
        return default
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)
