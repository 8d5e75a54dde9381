"""Rotating online backups of ``study.sqlite`` and restoring one.

A backup is made with SQLite's online backup API (a consistent copy while the
study stays open) into ``<study>/backups/.study-<time>.sqlite.<pid>.tmp`` and
renamed to ``backups/study-<UTC time>.sqlite`` only when complete and flushed,
so a kill during a backup leaves the study and every older backup as they were
and at most a temporary file, which the next writable open removes. The study
makes one when it is opened for writing and after a write when the newest one is
older than :data:`BACKUP_EVERY_S`; the newest :data:`BACKUPS_KEPT` are kept.

:func:`restore_backup` works on a closed study: the current database (with its
``-wal``/``-shm`` files) goes to the study's trash folder, the backup is copied
in, and the restore is written to the audit log.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import logging
import os
import re
import shutil
import sqlite3
from pathlib import Path
from typing import Optional

from ..core.callbacks import CancelFn, ProgressFn, check_cancel, no_progress
from ..core.fileio import publish, temp_beside
from . import lock
from ._db import now, to_json
from .errors import StudyError
from .files import Layout, is_temp, move_to_trash, trash_stamp
from ..core.i18n import _

BACKUP_EVERY_S = 10 * 60  # a write makes a backup when the newest one is older than this
BACKUPS_KEPT = 10
BACKUP_STEP_PAGES = 256  # pages copied per step (progress and cancel between steps)
SQLITE_HEADER = b"SQLite format 3\x00"
_NAME = re.compile(r"^study-(\d{8}T\d{6})\.(\d{3})Z(?:-(\d+))?\.sqlite$")

log = logging.getLogger("gaitscreen.storage")


@dataclasses.dataclass(frozen=True)
class Backup:
    """One backup file: when it was made (UTC), its size and, when readable, how many
    recordings and labels it holds."""

    path: Path
    created_at: dt.datetime
    size_bytes: int
    recordings: Optional[int]
    labels: Optional[int]

    @property
    def name(self) -> str:
        return self.path.name

    def describe(self) -> str:
        """E.g. "2026-12-03 13:05:01 UTC · 4 recordings, 37 labels · 220 KB"."""
        when = self.created_at.strftime("%Y-%m-%d %H:%M:%S UTC")
        counts = "unreadable" if self.recordings is None else f"{self.recordings} recordings, {self.labels} labels"
        return f"{when} · {counts} · {max(1, round(self.size_bytes / 1024))} KB"


def list_backups(folder: str | os.PathLike[str]) -> list[Backup]:
    """The study's backups, newest first (temporary files of unfinished backups are not listed)."""
    layout = Layout(Path(folder).expanduser().absolute())
    found = []
    for path in _backup_files(layout):
        created = _created_at(path)
        try:
            size = path.stat().st_size
        except OSError:
            continue
        found.append(Backup(path, created, size, *_counts(path)))
    return found


def make_backup(conn: sqlite3.Connection, layout: Layout, *, keep: int = BACKUPS_KEPT,
                progress: ProgressFn | None = None, should_cancel: CancelFn | None = None) -> Path:
    """Copy the database behind ``conn`` to a new backup and drop all but the newest ``keep``."""
    progress = progress or no_progress
    layout.backups.mkdir(parents=True, exist_ok=True)
    final = _new_path(layout)
    tmp = layout.backups / f".{final.name}.{os.getpid()}.tmp"
    try:
        dst = sqlite3.connect(tmp, isolation_level=None)
        try:
            dst.execute("PRAGMA journal_mode = OFF")  # a half copy is thrown away, not rolled back

            def step(_status: int, remaining: int, total: int) -> None:
                progress(total - remaining, total, "Backing up the study")
                check_cancel(should_cancel)

            conn.backup(dst, pages=BACKUP_STEP_PAGES, progress=step)
            dst.execute("PRAGMA journal_mode = DELETE")  # a plain file: readable without -wal/-shm
        finally:
            dst.close()
        publish(tmp, final)
        _sync_folder(layout.backups)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    prune(layout, keep)
    log.info("study backup written: %s", final)
    return final


def newest_backup_time(layout: Layout) -> Optional[dt.datetime]:
    files = _backup_files(layout)
    return _created_at(files[0]) if files else None


def prune(layout: Layout, keep: int = BACKUPS_KEPT) -> list[Path]:
    """Delete all but the newest ``keep`` backups (rotation: they are copies, not the study)."""
    dropped = []
    for path in _backup_files(layout)[max(1, keep):]:
        with contextlib.suppress(OSError):
            path.unlink()
            dropped.append(path)
    return dropped


def clean_temporary(layout: Layout) -> list[Path]:
    """Remove what unfinished (killed) backups left in ``backups/``; a writable open calls it."""
    removed = []
    for path in _entries(layout.backups):
        if path.is_file() and is_temp(path):
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
                log.info("unfinished backup removed: %s", path)
    return removed


def restore_backup(folder: str | os.PathLike[str], backup: Backup | str | os.PathLike[str], *,
                   user: str = "") -> Optional[Path]:
    """Make ``backup`` the study's database; the study must be closed (StudyError otherwise,
    also for a backup that is not a sound SQLite file). The current database, if any,
    goes to ``trash/<time>/``; returns that folder (None when there was none)."""
    layout = Layout(Path(folder).expanduser().absolute())
    source = Path(backup.path if isinstance(backup, Backup) else backup).expanduser().absolute()
    _check_backup(source)
    if lock.held_here(layout.root):
        raise StudyError(_('Close the study {root} before restoring one of its backups.').format(root=layout.root))
    if not layout.root.is_dir():
        raise StudyError(_('There is no study folder {root}.').format(root=layout.root))
    lock.acquire(layout.root, user=user)  # StudyLockedError while another GaitScreen writes to it
    try:
        stamp = trash_stamp()
        trashed: Optional[Path] = None
        for suffix in ("", "-wal", "-shm", "-journal"):
            current = Path(f"{layout.db}{suffix}")
            if current.exists():
                trashed = move_to_trash(layout, current, stamp).parent
        tmp = temp_beside(layout.db)
        try:
            shutil.copyfile(source, tmp)
            publish(tmp, layout.db)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        _sync_folder(layout.root)
        _audit_restore(layout, source, trashed, user)
        log.warning("study %s restored from %s (the old database is in %s)", layout.root, source.name, trashed)
        return trashed
    except OSError as exc:
        raise StudyError(_('Could not restore {name} into {root}: {strerror}.')
            .format(name=source.name, root=layout.root, strerror=exc.strerror or exc)) from None
    finally:
        lock.release(layout.root)


# --- Helpers ---------------------------------------------------------------------------


def _entries(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except OSError:
        return []


def _backup_files(layout: Layout) -> list[Path]:
    """Finished backups, newest first (the name carries the time; it sorts)."""
    return sorted((p for p in _entries(layout.backups) if _NAME.match(p.name) and p.is_file()),
                  key=lambda p: p.name, reverse=True)


def _created_at(path: Path) -> dt.datetime:
    found = _NAME.match(path.name)
    assert found is not None
    stamp = dt.datetime.strptime(found.group(1), "%Y%m%dT%H%M%S")
    return stamp.replace(microsecond=int(found.group(2)) * 1000, tzinfo=dt.timezone.utc)


def _new_path(layout: Layout) -> Path:
    now = dt.datetime.now(dt.timezone.utc)
    base = f"study-{now:%Y%m%dT%H%M%S}.{now.microsecond // 1000:03d}Z"
    path, n = layout.backups / f"{base}.sqlite", 0
    while path.exists():
        n += 1
        path = layout.backups / f"{base}-{n}.sqlite"
    return path


def _connect_backup(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)


def _counts(path: Path) -> tuple[Optional[int], Optional[int]]:
    try:
        conn = _connect_backup(path)
        try:
            recordings = conn.execute("SELECT count(*) FROM recordings").fetchone()[0]
            labels = conn.execute("SELECT count(*) FROM annotations").fetchone()[0]
            return int(recordings), int(labels)
        finally:
            conn.close()
    except sqlite3.Error:
        return None, None


def _check_backup(path: Path) -> None:
    try:
        with open(path, "rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StudyError(_('Cannot read the backup {path}: {strerror}.')
            .format(path=path, strerror=exc.strerror or exc)) from None
    if header != SQLITE_HEADER:
        raise StudyError(_('{path} is not a GaitScreen study backup (not an SQLite file); choose another backup.')
            .format(path=path))
    try:
        conn = _connect_backup(path)
        try:
            verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        verdict = str(exc)
    if verdict != "ok":
        raise StudyError(_('The backup {name} is damaged ({verdict}); choose an older backup.')
            .format(name=path.name, verdict=verdict))


def _audit_restore(layout: Layout, source: Path, trashed: Optional[Path], user: str) -> None:
    """Write the restore into the restored database's audit log (best effort: an old
    backup without the table still restores)."""
    try:
        conn = sqlite3.connect(layout.db, isolation_level=None)
        try:
            conn.execute("INSERT INTO audit_log (at, user, action, entity, entity_id, before, after) "
                         "VALUES (?,?,?,?,?,?,?)",
                         (now(), user, "study.restore", "study", None,
                          to_json({"database": str(trashed) if trashed else None}),
                          to_json({"backup": source.name})))
        finally:
            conn.close()
    except sqlite3.Error as exc:
        log.warning("the restore of %s could not be written to the audit log: %s", layout.root, exc)


def _sync_folder(folder: Path) -> None:
    """fsync a folder so a rename in it survives a power cut (POSIX; no-op elsewhere)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
