"""The one place that shows user-facing messages (errors, notices, yes/no questions).

Every widget calls :func:`show_error`, :func:`show_info` or :func:`ask_yes_no`
instead of building its own ``QMessageBox``. Tests (and headless runs) install a
hook so that no modal box ever blocks: a hook is a callable ``hook(kind, title,
text)`` with ``kind`` one of ``"error"``, ``"info"``, ``"question"``, ``"dialog"``;
the first hook in :data:`HOOKS` receives the message and, for questions, its return
value is the answer (``None`` means "use the default"). :func:`choose` (kind
``"choice"``: the answer is one of the options) and :func:`pick` (kind
``"pick"``: the answer is an index into the items) ask for one of several; a
hook answering ``False`` cancels them, ``True`` or ``None`` takes the default.
:func:`capture` is a context manager that records every message for a test;
:func:`headless` is the hook of runs nobody watches (``gaitscreen gui --screenshot``),
which prints instead of waiting. Modal dialogs run through :func:`run_modal`, which
opens none while a hook is in.
"""

from __future__ import annotations

import logging
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Optional, TextIO

from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox, QWidget

log = logging.getLogger("gaitscreen.ui")

Hook = Callable[[str, str, str], Any]
RunDialog = Callable[[QDialog], bool]  # how a window runs a modal dialog (tests pass their own)

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


def choose(parent: Optional[QWidget], title: str, text: str, options: list[str], *,
           default: Optional[str] = None, cancel: Optional[str] = None) -> Optional[str]:
    """Ask for one of ``options`` (buttons); None when the box is closed or a hook cancels.
    ``default`` is the preselected button (and the hooks' fallback), ``cancel`` the one
    Escape presses."""
    handled, answer = _hooked("choice", title, f"{text}\n[{' | '.join(options)}]")
    if handled:
        if answer is None or answer is True:
            return default
        return answer if answer in options else None
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
    role = QMessageBox.ButtonRole
    buttons = {box.addButton(option, role.RejectRole if option == cancel else role.ActionRole): option
               for option in options}
    for button, option in buttons.items():
        if option == default:
            box.setDefaultButton(button)
    box.exec()
    return buttons.get(box.clickedButton())


def pick(parent: Optional[QWidget], title: str, text: str, items: list[str]) -> Optional[int]:
    """Ask for one of ``items`` (a list, the first preselected); its index, or None."""
    handled, answer = _hooked("pick", title, "\n".join([text, *items]))
    if handled:
        if answer is None or answer is True:
            return 0 if items else None
        if answer is False or not isinstance(answer, int) or not 0 <= answer < len(items):
            return None
        return int(answer)
    item, ok = QInputDialog.getItem(parent, title, text, items, 0, False)
    return items.index(item) if ok and item in items else None


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
