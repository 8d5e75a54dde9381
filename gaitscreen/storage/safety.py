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
from .errors import StudyDamagedError
from .files import DB_NAME, Layout

_WHAT = {
    "missing": f"its database {DB_NAME} is missing",
    "empty": f"its database {DB_NAME} is empty (0 bytes)",
    "unreadable": f"its database {DB_NAME} cannot be read",
    "not-sqlite": f"{DB_NAME} is not a readable GaitScreen study database (not an SQLite file)",
    "damaged": f"its database {DB_NAME} is damaged",
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
    what = _WHAT[problem] + (f" ({detail})" if detail else "")
    if backups:
        way = (f"restore the newest backup {backups[0].name} ({backups[0].describe()}) with File → Restore "
               "backup… (or gaitscreen.storage.restore_backup)")
    else:
        way = "it has no backup to restore; copy the folder somewhere safe before anything else"
    if readable:
        way += ", or open the study read-only to export what can still be read"
    message = (f"The study {layout.root} was not opened because {what}; {way} — nothing in the folder "
               "was changed.")
    return StudyDamagedError(message, folder=layout.root, problem=problem, backups=backups, readable=readable)
