"""The annotation panel's undo command, player protocol, keys, two helpers and the question that ends blinding.

:class:`LabelCommand` is one label change on a ``QUndoStack``; its redo and undo
each write the database at once (``set_label(new)`` / ``set_label(previous or
None)``). Also the small protocol the panel needs from the player
(:class:`ClipPlayer`) and two helpers for its keys and settings. The rows the
panel lists come from :mod:`gaitscreen.app.annotation_rows` (no Qt).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Optional, Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QUndoCommand
from PySide6.QtWidgets import (QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit,
                               QWidget)

from . import messages

if TYPE_CHECKING:  # the concrete study; imported for types only
    from gaitscreen.storage import Study


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


def install_keys(host: QWidget, actions: list[tuple[str, Callable[[], None]]]) -> None:
    """One shortcut per ``(key, slot)`` on ``host`` and its children, silent while typing in a text field."""
    for key, slot in actions:
        shortcut = QShortcut(QKeySequence(key), host)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.setAutoRepeat(False)
        shortcut.activated.connect(lambda slot=slot: None if typing_in_text_field() else slot())


def setting_bool(value: Any, default: bool) -> bool:
    """A QSettings value as a bool (INI files give back strings)."""
    if value is None:
        return default
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)




def confirm_unblinding(parent: Any, study: Optional[Study], rater: str) -> bool:
    """Ask before a rater sees the model's output (it biases the labels that follow); audit a yes
    (a read-only study stores no labels, so there is nothing to audit there)."""
    question = QCoreApplication.translate(
        "AnnotationRows", "Show the model's results and the other raters' labels? Labels you give afterwards are "
        "no longer blinded, and ending blinding is written to the study's audit log.")
    title = QCoreApplication.translate("AnnotationRows", "End blinded labelling")
    if not messages.ask_yes_no(parent, title, question, default=False):
        return False
    if study is not None and not getattr(study, "read_only", False):
        study.log_event("blinding.end", "rater", None, before={"blinded": True},
                        after={"blinded": False, "rater": rater})
    return True
