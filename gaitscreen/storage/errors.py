"""Errors of the study storage, each with one readable sentence."""

from __future__ import annotations

from ..core.errors import GaitScreenError


class StudyError(GaitScreenError):
    """A study folder cannot be opened, read or written, or a request does not fit it."""


class StudyLockedError(StudyError):
    """Another GaitScreen instance is writing to the study."""


class StudyDamagedError(StudyError):
    """An existing study whose database is missing, empty or unreadable: refused, nothing changed.

    ``problem`` is "missing", "empty", "unreadable", "not-sqlite" or "damaged";
    ``backups`` the study's backups, newest first (``gaitscreen.storage.backup.Backup``);
    ``readable`` whether opening the study read-only may still show (and export) its data.
    """

    def __init__(self, message: str, *, folder: object, problem: str, backups: list, readable: bool) -> None:
        super().__init__(message)
        self.folder = folder
        self.problem = problem
        self.backups = backups
        self.readable = readable
