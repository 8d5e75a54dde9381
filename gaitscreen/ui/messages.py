"""The one place that shows user-facing messages (errors, notices, yes/no questions).

Every widget calls :func:`show_error`, :func:`show_info` or :func:`ask_yes_no`
instead of building its own ``QMessageBox``. Tests (and headless runs) install a
hook so that no modal box ever blocks: a hook is a callable ``hook(kind, title,
text)`` with ``kind`` one of ``"error"``, ``"info"``, ``"question"``, ``"dialog"``;
the first hook in :data:`HOOKS` receives the message and, for questions, its return
value is the answer (``None`` means "use the default"). :func:`capture` is a context
manager that records every message for a test; :func:`headless` is the hook of runs
nobody watches (``gaitscreen gui --screenshot``), which prints instead of waiting.
Modal dialogs run through :func:`run_modal`, which opens none while a hook is in.
"""

from __future__ import annotations

import logging
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Optional, TextIO

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

log = logging.getLogger("gaitscreen.ui")

Hook = Callable[[str, str, str], Any]

#: Installed hooks; when not empty, the first one receives every message instead of a dialog.
HOOKS: list[Hook] = []


@dataclass(frozen=True)
class Message:
    kind: str  # "error", "info", "question" or "dialog"
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


def run_modal(dialog: QDialog) -> bool:
    """``dialog.exec()``, True when accepted; with a hook installed the dialog is not
    opened at all (the hook hears of it) and counts as cancelled."""
    handled, _ = _hooked("dialog", dialog.windowTitle(), "")
    if handled:
        return False
    return dialog.exec() == QDialog.DialogCode.Accepted


def unattended() -> bool:
    """True while a hook is installed: a file or text prompt must not open either."""
    return bool(HOOKS)


_PREFIX = {"error": "error", "info": "note", "question": "question (default answer taken)",
           "dialog": "dialog not opened"}


@contextmanager
def headless(stream: Optional[TextIO] = None) -> Iterator[list[Message]]:
    """Nothing modal ever waits inside the block: each message goes to ``stream``
    (stderr) as one line, ``gaitscreen: error: TITLE: TEXT``, and is recorded;
    questions take their default, dialogs stay closed."""
    shown: list[Message] = []

    def hook(kind: str, title: str, text: str) -> None:
        shown.append(Message(kind, title, text))
        line = " ".join(f"{title}: {text}".split()) if text else title
        print(f"gaitscreen: {_PREFIX.get(kind, kind)}: {line}", file=stream or sys.stderr, flush=True)
        return None

    HOOKS.insert(0, hook)
    try:
        yield shown
    finally:
        HOOKS.remove(hook)
