"""Opening a study for the window: writable when possible, read-only when locked.

:func:`open_for_window` opens the study the way the main window needs it: it
tries to open it for writing; when another GaitScreen process holds the study's
lock it reopens it read-only and returns a notice naming the holder (host and
process), which the window shows in its title and status bar. Any other problem
(unwritable folder, newer schema, not a study) raises ``StudyError`` with one
sentence, and the caller keeps whatever it had open before.

:func:`window_texts` gives the title and status texts, :func:`player_data` what
the player needs to show a recording (video and, once pose is done, overlay).

:class:`RecentStudies` keeps the most recently used study folders in QSettings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from PySide6.QtCore import QSettings

from gaitscreen.storage import Study
from gaitscreen.storage.errors import StudyLockedError

MAX_RECENT = 8


@dataclass
class OpenedStudy:
    study: Any  # gaitscreen.storage.Study
    folder: Path
    read_only: bool
    notice: str  # "" when writable; else the sentence shown in the title / status bar


def lock_holder(folder: Path, error: Optional[BaseException] = None) -> str:
    """"host …, process …" of the instance holding ``folder``'s lock, as best known."""
    if error is not None:
        found = re.search(r"\((host [^)]*)\)", str(error))
        if found:
            return found.group(1)
    try:
        text = (folder / ".lock").read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        text = ""
    return text or "unknown host and process"


def open_for_window(folder: Path | str, *, user: str = "", create: bool = True) -> OpenedStudy:
    """Open ``folder`` writable, or read-only with a notice when another instance holds it."""
    folder = Path(folder).expanduser()
    try:
        study = Study.open(folder, create=create, user=user)
        return OpenedStudy(study, folder, False, "")
    except StudyLockedError as exc:
        holder = lock_holder(folder, exc)
        study = Study.open(folder, create=False, read_only=True, user=user)
        notice = f"read-only: open in another GaitScreen window ({holder})"
        return OpenedStudy(study, folder, True, notice)


def window_texts(opened: Optional[OpenedStudy]) -> tuple[str, str]:
    """The window title and the status-bar study text for ``opened`` (None: no study)."""
    if opened is None:
        return "GaitScreen", "No study open"
    notice = f" [{opened.notice}]" if opened.notice else ""
    return (f"{opened.folder.name} — GaitScreen{notice}",
            f"Study: {opened.folder}" + (f"  ·  {opened.notice}" if opened.notice else ""))


def player_data(study: Any, recording_id: int) -> tuple[Path, dict[str, Any]]:
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
