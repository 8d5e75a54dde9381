"""Never destroy a study by opening it: checks made before a study is opened.

An existing study folder (one with ``videos/``, ``pose/``, ``analyses/``,
``reports/``, ``backups/`` or a ``.lock``) whose ``study.sqlite`` is missing,
empty, unreadable, not SQLite or fails SQLite's ``quick_check`` is refused with
:class:`StudyDamagedError`: opening it for writing would create a fresh database
and the orphan sweep would then see every file as an orphan. The message names
the way out: the newest backup and File → Restore backup…
(:func:`gaitscreen.storage.restore_backup`), or a read-only look where the file
can still be read. A brand-new folder (none of those) is created as before.
"""

from __future__ import annotations

import sqlite3
from typing import Optional

from .backup import SQLITE_HEADER, list_backups
from ..core.i18n import N_, _
from .errors import StudyDamagedError
from .files import DB_NAME, Layout

_WHAT = {
    "missing": N_("its database {db} is missing"),
    "empty": N_("its database {db} is empty (0 bytes)"),
    "unreadable": N_("its database {db} cannot be read"),
    "not-sqlite": N_("{db} is not a readable GaitScreen study database (not an SQLite file)"),
    "damaged": N_("its database {db} is damaged"),
}


def database_problem(layout: Layout) -> tuple[str, str]:
    """("", "") when ``study.sqlite`` looks like a database, else (problem, detail)."""
    try:
        with open(layout.db, "rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return "missing", ""
    except OSError as exc:
        return "unreadable", str(exc.strerror or exc)
    if not header:
        return "empty", ""
    if header != SQLITE_HEADER:
        return "not-sqlite", ""
    return "", ""


def check_before_open(layout: Layout, *, existing: bool) -> Optional[str]:
    """Raise StudyDamagedError for an existing study (``existing``: it has a study's
    folders or lock) whose database is missing, empty or not SQLite; a file that is not
    SQLite is refused in any folder. Returns the problem that is harmless here ("missing"
    or "empty" in a new folder: create the study), else None."""
    problem, detail = database_problem(layout)
    if not problem:
        return None
    if problem == "not-sqlite" or problem == "unreadable" or existing:
        raise damaged(layout, problem, detail)
    return problem


def quick_check(conn: sqlite3.Connection, layout: Layout) -> None:
    """StudyDamagedError unless SQLite's ``quick_check`` says the database is sound."""
    try:
        verdict = "; ".join(str(r[0]) for r in conn.execute("PRAGMA quick_check").fetchall())
    except sqlite3.OperationalError:
        raise  # busy, cannot open, ...: not a verdict on the file
    except sqlite3.DatabaseError as exc:
        verdict = str(exc)
    if verdict != "ok":
        raise damaged(layout, "damaged", verdict[:200])


def damaged(layout: Layout, problem: str, detail: str = "") -> StudyDamagedError:
    """The one-sentence refusal, naming the newest backup (if any) and the way out."""
    backups = list_backups(layout.root)
    readable = problem == "damaged"
    what = _(_WHAT[problem]).format(db=DB_NAME) + (f" ({detail})" if detail else "")
    if backups and readable:
        message = _("The study {folder} was not opened because {what}; restore the newest backup {backup} ({when}) "
                    "with File → Restore backup… (or gaitscreen.storage.restore_backup), or open the study "
                    "read-only to export what can still be read — nothing in the folder was changed.")
    elif backups:
        message = _("The study {folder} was not opened because {what}; restore the newest backup {backup} ({when}) "
                    "with File → Restore backup… (or gaitscreen.storage.restore_backup) — nothing in the folder "
                    "was changed.")
    elif readable:
        message = _("The study {folder} was not opened because {what}; it has no backup to restore; copy the folder "
                    "somewhere safe before anything else, or open the study read-only to export what can still be "
                    "read — nothing in the folder was changed.")
    else:
        message = _("The study {folder} was not opened because {what}; it has no backup to restore; copy the folder "
                    "somewhere safe before anything else — nothing in the folder was changed.")
    message = message.format(folder=layout.root, what=what, backup=backups[0].name if backups else "",
                             when=backups[0].describe() if backups else "")
    return StudyDamagedError(message, folder=layout.root, problem=problem, backups=backups, readable=readable)
