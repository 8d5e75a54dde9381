"""``Study``: the one entry point to a study folder (see docs/app_design.md, "Storage").

A ``Study`` is used from the thread that opened it; the engine's worker opens
its own. Opening for writing takes the folder's instance lock (shared by every
handle in this process), refuses an existing study whose database is missing,
empty or damaged (:mod:`.safety`: nothing is created or deleted then), applies
the schema migrations, makes a backup (:mod:`.backup`), moves files a killed
instance left without a row to the study's trash, and registers the bundled
classifier. Read-only handles open the database with ``mode=ro`` and refuse
every write. After a write, a backup is made when the newest is older than
:data:`~.backup.BACKUP_EVERY_S`.

SQLite runs in WAL mode with ``synchronous=FULL`` so that a committed change
(a label, above all) survives a killed process or a power cut.
"""

from __future__ import annotations

import datetime as dt
import getpass
import logging
import os
import sqlite3
import tempfile
from pathlib import Path
from types import TracebackType

from ..core.errors import GaitScreenError
from ..core.model.card import ModelCard, card_path
from ..core.model.checkpoint import default_model_path
from . import backup, lock, safety
from ._db import StudyBase, sqlite_problem
from ._patients import PatientsMixin
from ._pose import PoseMixin
from ._protocol import ProtocolMixin
from ._results import ResultsMixin
from ._setups import SetupsMixin
from ._visits import VisitsMixin
from .errors import StudyError
from .files import Layout, SweepResult, sweep
from .schema import LATEST, TABLES, check_version, migrate, schema_version

ENV_STUDY_DIR = "GAITSCREEN_STUDY_DIR"
BUSY_TIMEOUT_MS = 5000

log = logging.getLogger("gaitscreen.storage")


def _default_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name available (some services, containers)
        return ""


class Study(PatientsMixin, PoseMixin, ResultsMixin, ProtocolMixin, VisitsMixin, SetupsMixin, StudyBase):
    """An open study folder; create it with :meth:`open`."""

    def __init__(self, layout: Layout, conn: sqlite3.Connection, *, read_only: bool, user: str,
                 locked: bool) -> None:
        self.layout = layout
        self._conn = conn
        self.read_only = read_only
        self.user = user
        self._locked = locked
        self.swept: list[Path] = []  # what open() moved to the trash (orphans of a killed instance)
        self.sweep_result = SweepResult({})  # ... with where each went, or why the sweep did not run
        self.backup_every_s: float = backup.BACKUP_EVERY_S
        self._last_backup: dt.datetime | None = None
        self._unsaved_writes = False  # committed writes the newest backup does not hold

    # --- Opening and closing ----------------------------------------------------------

    @classmethod
    def open(cls, folder: str | os.PathLike[str], *, create: bool = True, read_only: bool = False,
             user: str = "") -> Study:
        """Open (or create) the study in ``folder``; see the module notes."""
        folder = Path(folder).expanduser().absolute()
        user = (user or "").strip() or _default_user()
        if folder.exists() and not folder.is_dir():
            raise StudyError(f"{folder} is a file, not a study folder.")
        layout = Layout(folder)
        existing = layout.looks_like_study()  # before the lock file is made
        if read_only:
            return cls._open_read_only(layout, user)
        if not layout.db.is_file() and not create and not existing:
            raise StudyError(f"There is no GaitScreen study in {folder}.")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except PermissionError:
            raise StudyError(f"Cannot create the study folder {folder}: permission denied.") from None
        except OSError as exc:
            raise StudyError(f"Cannot create the study folder {folder}: {exc.strerror or exc}.") from None
        if existing:
            safety.check_before_open(layout, existing=True)  # a lost database: refused, nothing made
        first = lock.acquire(folder, user=user)
        conn = None
        try:
            fresh = safety.check_before_open(layout, existing=existing)  # again, under the lock
            try:
                layout.make_folders()
                _probe_writable(folder)
            except OSError as exc:
                raise StudyError(f"Cannot write to the study folder {folder}: {exc.strerror or exc}. "
                                 "Open it read-only or choose a folder you can write to.") from None
            conn = _connect(layout, "rwc")
            try:
                if first and fresh is None:
                    safety.quick_check(conn, layout)
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = FULL")
                migrate(conn, str(folder))
            except sqlite3.Error as exc:
                raise sqlite_problem(exc, str(folder)) from exc
            study = cls(layout, conn, read_only=False, user=user, locked=True)
            if first:
                backup.clean_temporary(layout)
                study._last_backup = dt.datetime.now(dt.timezone.utc)  # one backup below, not one per write
                study._sweep()
            study._register_bundled_model()
            if first:
                study.backup_now()
            return study
        except BaseException:
            if conn is not None:
                conn.close()
            lock.release(folder)
            raise

    @classmethod
    def check(cls, folder: str | os.PathLike[str]) -> None:
        """Raise StudyDamagedError where :meth:`open` would refuse a lost or damaged
        database; touches nothing (headless runs check before they show a window)."""
        layout = Layout(Path(folder).expanduser().absolute())
        if safety.check_before_open(layout, existing=layout.looks_like_study()) is not None:
            return  # a new folder (or one with an empty database): it will be created
        if not layout.db.is_file():
            return
        try:
            conn = _connect(layout, "ro")
        except StudyError:
            return  # not ours to judge here: open() says what is wrong
        try:
            safety.quick_check(conn, layout)
        except sqlite3.OperationalError:
            return  # e.g. a read-only WAL without its index: open() says what is wrong
        finally:
            conn.close()

    @classmethod
    def _open_read_only(cls, layout: Layout, user: str) -> Study:
        if layout.looks_like_study():
            safety.check_before_open(layout, existing=True)
        if not layout.db.is_file():
            raise StudyError(f"There is no GaitScreen study in {layout.root}.")
        conn = _connect(layout, "ro")
        try:
            try:
                try:
                    version = schema_version(conn)
                except sqlite3.OperationalError:
                    # A folder we cannot write to (read-only share, medium): SQLite cannot
                    # create the WAL index, so read the file as immutable when no writer left a WAL.
                    if Path(f"{layout.db}-wal").exists():
                        raise
                    conn.close()
                    conn = _connect(layout, "ro&immutable=1")
                    version = schema_version(conn)
                conn.execute("PRAGMA query_only = ON")
                tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            except sqlite3.Error as exc:
                raise sqlite_problem(exc, str(layout.root)) from exc
            check_version(version, str(layout.root))
            if version < LATEST:
                if not set(TABLES) & tables:
                    raise StudyError(f"{layout.db} is not a GaitScreen study database.")
                raise StudyError(f"The study {layout.root} was made by an older GaitScreen; open it for writing "
                                 "once to bring it up to date.")
        except BaseException:
            conn.close()
            raise
        return cls(layout, conn, read_only=True, user=user, locked=False)

    @staticmethod
    def default_folder() -> Path:
        """``~/Documents/GaitScreen/Default study`` (``GAITSCREEN_STUDY_DIR`` overrides)."""
        override = os.environ.get(ENV_STUDY_DIR)
        if override:
            return Path(override).expanduser()
        return Path.home() / "Documents" / "GaitScreen" / "Default study"

    @property
    def folder(self) -> Path:
        return self.layout.root

    @property
    def closed(self) -> bool:
        return self._conn is None

    def close(self) -> None:
        """Back up what this handle wrote since the last backup, close the connection and give
        back this handle's share of the lock (idempotent)."""
        if self._unsaved_writes and self._conn is not None:
            self.backup_now()  # what this handle wrote since the last backup is not lost with the file
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()
        if self._locked:
            self._locked = False
            lock.release(self.layout.root)

    def __enter__(self) -> Study:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "closed" if self.closed else "read-only" if self.read_only else "writable"
        return f"Study({str(self.layout.root)!r}, {mode})"

    def integrity_check(self) -> str:
        """SQLite's ``PRAGMA integrity_check`` verdict ("ok" when sound)."""
        return "; ".join(str(r[0]) for r in self._rows("PRAGMA integrity_check"))

    # --- Housekeeping -------------------------------------------------------------------

    def backup_now(self, *, progress=None, should_cancel=None) -> Path | None:
        """Write a backup of the database now (rotating); None when it failed (logged:
        a backup that cannot be written, e.g. on a full disk, never stops the work)."""
        self._require_writable()
        try:
            path = backup.make_backup(self.conn, self.layout, progress=progress, should_cancel=should_cancel)
        except (OSError, sqlite3.Error) as exc:
            log.warning("could not back up the study %s: %s", self.layout.root, exc)
            self._last_backup = dt.datetime.now(dt.timezone.utc)  # try again an interval later
            return None
        self._last_backup = dt.datetime.now(dt.timezone.utc)
        self._unsaved_writes = False
        return path

    def _after_commit(self) -> None:
        """A backup when the newest one (of any handle) is older than ``backup_every_s``."""
        self._unsaved_writes = True
        current = dt.datetime.now(dt.timezone.utc)
        if self._last_backup is not None and (current - self._last_backup).total_seconds() < self.backup_every_s:
            return
        newest = backup.newest_backup_time(self.layout)
        if newest is not None and (current - newest).total_seconds() < self.backup_every_s:
            self._last_backup = newest
            return
        self.backup_now()

    def _sweep(self) -> None:
        """Move orphans of a killed instance to the trash (see :func:`.files.sweep`), logged
        in the audit log too."""
        referenced = [r[0] for r in self._rows("SELECT video_path FROM recordings WHERE copied = 1")]
        referenced += [r[0] for r in self._rows("SELECT report_path FROM analyses")]
        referenced += [r[0] for r in self._rows("SELECT pdf_path FROM reports")]
        pose_ids = [r[0] for r in self._rows("SELECT recording_id FROM pose_results")]
        recordings = self._row("SELECT count(*) AS n FROM recordings")["n"]
        result = sweep(self.layout, referenced, pose_ids, recordings)
        self.sweep_result = result
        self.swept = list(result.moved)
        if result.moved:
            moved = {self.layout.stored(src): self.layout.stored(dst) for src, dst in result.moved.items()}
            with self._write() as conn:
                self._audit(conn, "study.sweep", "study", None, None, {"moved_to_trash": moved})
        elif result.refused:
            with self._write() as conn:
                self._audit(conn, "study.sweep_skipped", "study", None, None, {"reason": result.refused})

    def _register_bundled_model(self) -> None:
        """Register the classifier shipped with GaitScreen (a broken or missing bundled
        model is skipped: the study still opens).

        After an update the bundled file is a new model (new sha256) at the old path; when
        the active model was the bundled one, the new one becomes active (audited), since
        the old record no longer describes the file at its path.
        """
        weights = default_model_path()
        card_file = card_path(weights)
        if not (weights.is_file() and card_file.is_file()):
            return
        try:
            card = ModelCard.load(card_file)
            active = self.active_model()
            replaced = active is not None and active.sha256 != card.sha256 \
                and Path(active.path).resolve() == weights.resolve()
            known = self._row("SELECT id FROM models WHERE sha256 = ?", (card.sha256,)) if card.sha256 else None
            if known is None:
                self.register_model(weights, activate=active is None or replaced)
            elif active is None or replaced:
                self.set_active_model(known["id"])
        except GaitScreenError:
            return


def _probe_writable(folder: Path) -> None:
    """OSError unless a file can be created in ``folder`` (permissions, read-only media)."""
    fd, name = tempfile.mkstemp(prefix=".write-check.", suffix=".tmp", dir=folder)
    os.close(fd)
    os.unlink(name)


def _connect(layout: Layout, mode: str) -> sqlite3.Connection:
    uri = f"{layout.db.absolute().as_uri()}?mode={mode}"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise sqlite_problem(exc, str(layout.root)) from exc
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
    except sqlite3.Error as exc:
        conn.close()
        raise sqlite_problem(exc, str(layout.root)) from exc
    return conn
