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
from typing import TYPE_CHECKING, Optional

from gaitscreen.core.errors import GaitScreenError

from . import messages
from .study_session import StudyDamagedError, backups_of, restore, wait_until_released

if TYPE_CHECKING:  # pragma: no cover
    from .main_window import MainWindow

RESTORE = "Restore backup…"
READ_ONLY = "Open read-only"
CANCEL = "Cancel"


def offer_recovery(window: "MainWindow", folder: Path, error: StudyDamagedError) -> bool:
    """The refused study's way out; True when a study (restored, or read-only) is open."""
    options = ([RESTORE] if error.backups else []) + ([READ_ONLY] if error.readable else []) + [CANCEL]
    chosen = messages.choose(window, "The study was not opened", str(error), options, default=CANCEL,
                             cancel=CANCEL)
    if chosen == RESTORE:
        return restore_from_backup(window, folder)
    if chosen == READ_ONLY:
        return window.open_study(folder, create=False, read_only=True)
    return False


def restore_from_backup(window: "MainWindow", folder: Optional[Path] = None) -> bool:
    """Choose a backup of ``folder`` (default: the open study), confirm, restore, reopen."""
    folder = Path(folder) if folder is not None else window.study_folder()
    if folder is None:
        messages.show_error(window, "Restore backup", "Open a study first to restore one of its backups.")
        return False
    backups = backups_of(folder)
    if not backups:
        messages.show_info(window, "Restore backup", f"The study {folder} has no backups yet.")
        return False
    index = messages.pick(window, "Restore backup", f"Backups of {folder.name}, newest first:",
                          [b.describe() for b in backups])
    if index is None:
        return False
    chosen = backups[index]
    if not messages.ask_yes_no(
            window, "Restore backup",
            f"Replace the study's database with the backup of {chosen.describe()}?\n\n"
            "The study is closed, its current database is moved to the study's trash folder (nothing is "
            "deleted) and the study reopens with the backup's patients, recordings and labels."):
        return False
    is_open = window.study_folder() is not None and Path(window.study_folder()).resolve() == folder.resolve()
    if is_open and not window.close_study():
        return False
    if not wait_until_released(folder):
        messages.show_error(window, "Restore backup", "The study is still in use by a background job; "
                            "try again when it has finished.")
        return False
    try:
        restore(folder, chosen, user=window.rater)
    except GaitScreenError as exc:
        messages.show_error(window, "Restore backup", str(exc))
        if is_open:
            window.open_study(folder, create=False)
        return False
    if not window.open_study(folder, create=False):
        return False
    window.statusBar().showMessage(f"Restored the backup of {chosen.describe()}", 15000)
    return True
