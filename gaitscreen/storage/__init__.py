"""Study storage: the only layer that talks to SQLite.

A study is a folder holding ``study.sqlite`` and the files its rows name (see
:mod:`gaitscreen.storage.files`); :class:`Study` is the one entry point. It
returns the plain records of :mod:`gaitscreen.core.records` and imports no Qt
(checked by ``tests/test_architecture.py``).
"""

from __future__ import annotations

from .backup import Backup, list_backups, restore_backup
from .errors import StudyDamagedError, StudyError, StudyLockedError
from .study import Study

__all__ = ["Backup", "Study", "StudyDamagedError", "StudyError", "StudyLockedError", "list_backups",
           "restore_backup"]
