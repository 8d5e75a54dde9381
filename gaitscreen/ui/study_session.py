"""Opening a study for the window: writable when possible, read-only when locked.

:func:`open_for_window` opens the study the way the main window needs it: it
tries to open it for writing; when another GaitScreen process holds the study's
lock it reopens it read-only and returns a notice naming the holder (host and
process), which the window shows in its title and status bar. Any other problem
(unwritable folder, newer schema, not a study) raises ``StudyError`` with one
sentence, and the caller keeps whatever it had open before; a study whose
database is lost or damaged raises ``StudyDamagedError`` (the window then offers
to restore a backup or, where the file can still be read, to open it read-only).

:func:`backups_of`, :func:`restore` and :func:`wait_until_released` are what the
window's File → Restore backup… needs from the storage.

:func:`window_texts` gives the title and status texts, :func:`player_data` what
the player needs to show a recording (video and, once pose is done, overlay).

:class:`RecentStudies` keeps the most recently used study folders in QSettings.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from PySide6.QtCore import QCoreApplication, QSettings

from gaitscreen.storage import Backup, Study, list_backups, restore_backup
from gaitscreen.storage import lock as study_lock
from gaitscreen.storage.errors import StudyDamagedError, StudyLockedError

__all__ = ["OpenedStudy", "RecentStudies", "StudyDamagedError", "backups_of", "check_openable", "lock_holder",
           "open_for_window", "player_data", "restore", "startup_folder", "wait_until_released", "window_texts"]

MAX_RECENT = 8


@dataclass
class OpenedStudy:
    study: Study
    folder: Path
    read_only: bool
    notice: str  # "" when writable; else the sentence shown in the title / status bar
    damaged: bool = False  # opened read-only on purpose: its database is damaged (a restore may follow)


def lock_holder(folder: Path, error: Optional[BaseException] = None) -> str:
    """"host …, process …" of the instance holding ``folder``'s lock, as best known."""
    if error is not None:
        found = re.search(r"\((host [^)]*)\)", str(error))
        if found:
            return found.group(1)
    return study_lock.holder(Path(folder))


def open_for_window(folder: Path | str, *, user: str = "", create: bool = True,
                    read_only: bool = False) -> OpenedStudy:
    """Open ``folder`` writable, or read-only with a notice when another instance holds it
    (``read_only``: read-only on purpose, e.g. to export from a damaged study)."""
    folder = Path(folder).expanduser()
    if read_only:
        study = Study.open(folder, create=False, read_only=True, user=user)
        return OpenedStudy(study, folder, True, QCoreApplication.translate(
            "StudySession", "read-only: its database is damaged; export what you need, then restore a backup"),
            damaged=True)
    try:
        study = Study.open(folder, create=create, user=user)
        return OpenedStudy(study, folder, False, "")
    except StudyLockedError as exc:
        holder = lock_holder(folder, exc)
        study = Study.open(folder, create=False, read_only=True, user=user)
        notice = QCoreApplication.translate("StudySession", "read-only: open in another GaitScreen window ({holder})"
                                            ).format(holder=holder)
        return OpenedStudy(study, folder, True, notice)


def startup_folder(settings: QSettings, study_folder: Optional[Path | str]) -> Path:
    """The study a new window opens first: ``study_folder``, else the last one (while it has a
    database), else the default study."""
    last = settings.value("last_study")
    if study_folder is not None or not last or not (Path(str(last)) / "study.sqlite").is_file():
        return Path(study_folder or Study.default_folder()).expanduser()
    return Path(str(last))


def check_openable(folder: Path | str) -> None:
    """StudyDamagedError for a study the window would refuse (headless runs check first)."""
    Study.check(Path(folder).expanduser())


def backups_of(folder: Path | str) -> list[Backup]:
    """The study's backups, newest first."""
    return list_backups(Path(folder).expanduser())


def restore(folder: Path | str, backup: Backup, *, user: str = "") -> Optional[Path]:
    """Restore ``backup`` into the closed study ``folder``; the old database's trash folder."""
    return restore_backup(Path(folder).expanduser(), backup, user=user)


def wait_until_released(folder: Path | str, timeout_s: float = 10.0) -> bool:
    """Process events until no handle of this process holds the study (the engine's worker
    closes its own at the next job boundary); False when one still does."""
    deadline = time.monotonic() + timeout_s
    while study_lock.held_here(Path(folder).expanduser()):
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents()
        time.sleep(0.01)
    return True


def window_texts(opened: Optional[OpenedStudy]) -> tuple[str, str]:
    """The window title and the status-bar study text for ``opened`` (None: no study)."""
    tr = QCoreApplication.translate
    if opened is None:
        return "GaitScreen", tr("StudySession", "No study open")
    if not opened.notice:
        return (tr("StudySession", "{study} — GaitScreen").format(study=opened.folder.name),
                tr("StudySession", "Study: {folder}").format(folder=opened.folder))
    return (tr("StudySession", "{study} — GaitScreen [{notice}]").format(study=opened.folder.name, notice=opened.notice),
            tr("StudySession", "Study: {folder}  ·  {notice}").format(folder=opened.folder, notice=opened.notice))


def player_data(study: Study, recording_id: int) -> tuple[Path, dict[str, Any]]:
    """A recording's video file and the player's overlay arguments (empty before pose)."""
    recording = study.recording(recording_id)
    pose = study.pose(recording_id)
    overlay: dict[str, Any] = {}
    if pose is not None:
        overlay = {"skeleton": study.load_skeleton(pose), "tracks": study.load_tracks(pose),
                   "subject_track_id": pose.subject_track_id, "clips": study.clips(recording_id)}
    return study.video_path(recording), overlay


class RecentStudies:
    """Most recently used study folders, newest first, stored under ``recent_studies``."""

    KEY = "recent_studies"

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def folders(self) -> list[str]:
        value = self._settings.value(self.KEY, [])
        if isinstance(value, str):
            value = [value] if value else []
        return [str(v) for v in (value or [])]

    def add(self, folder: Path | str) -> None:
        folder = str(Path(folder))
        items = [folder] + [f for f in self.folders() if f != folder]
        self._settings.setValue(self.KEY, items[:MAX_RECENT])
