"""File → Restore backup…, and what the window offers when a study is refused.

:func:`restore_from_backup` lists the study's backups (date and time, counts,
size), asks which one and for confirmation, closes the study (the engine's
worker lets go of its own handle), restores (the current database goes to the
study's trash folder, nothing is deleted) and reopens the study.

:func:`offer_recovery` is shown when opening a study was refused because its
database is lost or damaged: Restore backup… / Open read-only (only where the
file can still be read) / Cancel. Every box goes through :mod:`.messages`, so
tests and headless runs are never blocked by one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QStatusBar, QWidget

from gaitscreen.core.errors import GaitScreenError

from . import messages
from .study_session import StudyDamagedError, backups_of, restore, wait_until_released


class RestoreHost(Protocol):
    """What the flows need of the window (the main window meets it; typed here, never imported)."""

    rater: str

    def study_folder(self) -> Optional[Path]: ...
    def open_study(self, folder: Path | str, *, create: bool = True, read_only: bool = False) -> bool: ...
    def close_study(self) -> bool: ...
    def statusBar(self) -> QStatusBar: ...  # noqa: N802 - Qt's name


def _tr(text: str) -> str:
    return QCoreApplication.translate("RestoreFlow", text)


def _parent(window: RestoreHost) -> Optional[QWidget]:
    return window if isinstance(window, QWidget) else None


def offer_recovery(window: RestoreHost, folder: Path, error: StudyDamagedError) -> bool:
    """The refused study's way out; True when a study (restored, or read-only) is open."""
    restore_text, read_only_text, cancel_text = _tr("Restore backup…"), _tr("Open read-only"), _tr("Cancel")
    options = ([restore_text] if error.backups else []) + ([read_only_text] if error.readable else []) + [cancel_text]
    chosen = messages.choose(_parent(window), _tr("The study was not opened"), str(error), options,
                             default=cancel_text, cancel=cancel_text)
    if chosen == restore_text:
        return restore_from_backup(window, folder)
    if chosen == read_only_text:
        return window.open_study(folder, create=False, read_only=True)
    return False


def restore_from_backup(window: RestoreHost, folder: Optional[Path] = None) -> bool:
    """Choose a backup of ``folder`` (default: the open study), confirm, restore, reopen."""
    parent, title = _parent(window), _tr("Restore backup")
    folder = Path(folder) if folder is not None else window.study_folder()
    if folder is None:
        messages.show_error(parent, title, _tr("Open a study first to restore one of its backups."))
        return False
    backups = backups_of(folder)
    if not backups:
        messages.show_info(parent, title, _tr("The study {folder} has no backups yet.").format(folder=folder))
        return False
    index = messages.pick(parent, title, _tr("Backups of {study}, newest first:").format(study=folder.name),
                          [b.describe() for b in backups])
    if index is None:
        return False
    chosen = backups[index]
    if not messages.ask_yes_no(
            parent, title,
            _tr("Replace the study's database with the backup of {backup}?\n\n"
                "The study is closed, its current database is moved to the study's trash folder (nothing is "
                "deleted) and the study reopens with the backup's patients, recordings and labels.").format(
                    backup=chosen.describe())):
        return False
    is_open = window.study_folder() is not None and Path(window.study_folder()).resolve() == folder.resolve()
    if is_open and not window.close_study():
        return False
    if not wait_until_released(folder):
        messages.show_error(parent, title, _tr("The study is still in use by a background job; "
                                               "try again when it has finished."))
        return False
    try:
        restore(folder, chosen, user=window.rater)
    except GaitScreenError as exc:
        messages.show_error(parent, title, str(exc))
        if is_open:
            window.open_study(folder, create=False)
        return False
    if not window.open_study(folder, create=False):
        return False
    window.statusBar().showMessage(_tr("Restored the backup of {backup}").format(backup=chosen.describe()), 15000)
    return True
