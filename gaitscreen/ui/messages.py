"""The one place that shows user-facing messages (errors, notices, yes/no questions).

Every widget calls :func:`show_error`, :func:`show_info` or :func:`ask_yes_no`
instead of building its own ``QMessageBox``. Tests (and headless runs) install a
hook so that no modal box ever blocks: a hook is a callable ``hook(kind, title,
text)`` with ``kind`` one of ``"error"``, ``"info"``, ``"question"``; the first
hook in :data:`HOOKS` receives the message and, for questions, its return value
is the answer (``None`` means "use the default"). :func:`capture` is a context
manager that records every message for a test.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Optional

from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger("gaitscreen.ui")

Hook = Callable[[str, str, str], Any]

#: Installed hooks; when not empty, the first one receives every message instead of a dialog.
HOOKS: list[Hook] = []


@dataclass(frozen=True)
class Message:
    kind: str  # "error", "info" or "question"
    title: str
    text: str


def _hooked(kind: str, title: str, text: str) -> tuple[bool, Any]:
    if not HOOKS:
        return False, None
    return True, HOOKS[0](kind, title, text)


def show_error(parent: Optional[QWidget], title: str, text: str) -> None:
    """Tell the user that something could not be done (one clear sentence in ``text``)."""
    log.info("error shown: %s: %s", title, text)
    handled, _ = _hooked("error", title, text)
    if not handled:
        QMessageBox.warning(parent, title, text)


def show_info(parent: Optional[QWidget], title: str, text: str) -> None:
    """Tell the user something worth knowing that is not an error."""
    log.info("info shown: %s: %s", title, text)
    handled, _ = _hooked("info", title, text)
    if not handled:
        QMessageBox.information(parent, title, text)


def ask_yes_no(parent: Optional[QWidget], title: str, text: str, *, default: bool = False) -> bool:
    """Ask a yes/no question; ``default`` is the preselected (and the hooks' fallback) answer."""
    handled, answer = _hooked("question", title, text)
    if handled:
        return default if answer is None else bool(answer)
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    chosen = QMessageBox.question(parent, title, text, yes | no, yes if default else no)
    return chosen == yes


@contextmanager
def capture(answer: Optional[bool] = None) -> Iterator[list[Message]]:
    """Record every message shown inside the ``with`` block; questions get ``answer``."""
    shown: list[Message] = []

    def hook(kind: str, title: str, text: str) -> Optional[bool]:
        shown.append(Message(kind, title, text))
        return answer

    HOOKS.insert(0, hook)
    try:
        yield shown
    finally:
        HOOKS.remove(hook)
