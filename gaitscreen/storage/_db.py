"""The connection underneath a :class:`~gaitscreen.storage.study.Study`.

Short write transactions (``BEGIN IMMEDIATE``), the audit log, row → record
conversion and the translation of SQLite failures into :class:`StudyError`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from ..core.records import (
    AnalysisRecord,
    Annotation,
    AuditEntry,
    Clip,
    ModelRecord,
    Patient,
    PoseRecord,
    Recording,
    ReportRecord,
)
from .errors import StudyError
from .files import Layout
from ..core.i18n import N_, _

READ_ONLY_MESSAGE = N_("This study is open read-only; changes can only be made where it is open for writing.")


def now() -> str:
    """Current time, ISO-8601 UTC with milliseconds."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds")


def to_json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def from_json(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def sqlite_problem(exc: sqlite3.Error, where: str) -> StudyError:
    """A StudyError with one sentence for a failure SQLite reported."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return StudyError(_('The study {where} is busy (another program is writing to it); try again.')
            .format(where=where))
    if "readonly" in text or "read-only" in text:
        return StudyError(_('The study {where} cannot be written: {text}.').format(where=where, text=text))
    if "not a database" in text or "malformed" in text:
        return StudyError(_('{where} is not a readable GaitScreen study database ({text}).')
            .format(where=where, text=text))
    if "disk" in text or "full" in text:
        return StudyError(_('The study {where} could not be written: {text}.').format(where=where, text=text))
    return StudyError(_('The study database {where} reported an error: {text}.').format(where=where, text=text))


def file_problem(exc: OSError, root: Any) -> StudyError:
    """A StudyError for a file the study could not write (disk full, permissions, ...)."""
    name = f" {exc.filename}" if getattr(exc, "filename", None) else ""
    return StudyError(_('Cannot write{name} in the study {root}: {strerror}.')
        .format(name=name, root=root, strerror=exc.strerror or exc))


class StudyBase:
    """Connection, transactions and audit shared by the Study's parts."""

    layout: Layout
    read_only: bool
    user: str
    _conn: sqlite3.Connection | None

    # --- Connection ---------------------------------------------------------------

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StudyError(_('The study has been closed.'))
        return self._conn

    def _require_writable(self) -> None:
        if self.read_only:
            raise StudyError(_(READ_ONLY_MESSAGE))
        if self._conn is None:
            raise StudyError(_('The study has been closed.'))

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One short write transaction: ``BEGIN IMMEDIATE`` … ``COMMIT`` (rolled back on error)."""
        self._require_writable()
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise sqlite_problem(exc, str(self.layout.root)) from exc
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.IntegrityError):
                raise StudyError(_("The change does not fit the study's data: {exc}.").format(exc=exc)) from exc
            if isinstance(exc, sqlite3.Error):
                raise sqlite_problem(exc, str(self.layout.root)) from exc
            if isinstance(exc, OSError):
                raise file_problem(exc, self.layout.root) from exc
            raise
        self._after_commit()

    def _after_commit(self) -> None:
        """Called after each committed write (the Study makes its periodic backups here)."""

    def _rows(self, sql: str, params: tuple | list = ()) -> list[sqlite3.Row]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise sqlite_problem(exc, str(self.layout.root)) from exc

    def _row(self, sql: str, params: tuple | list = ()) -> sqlite3.Row | None:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    def _existing(self, sql: str, params: tuple | list, missing: str) -> sqlite3.Row:
        """The one row ``sql`` finds; a :class:`StudyError` saying ``missing`` when there is none."""
        row = self._row(sql, params)
        if row is None:
            raise StudyError(missing)
        return row

    def _by_id(self, table: str, row_id: int, missing: str) -> sqlite3.Row:
        """The row of ``table`` with id ``row_id`` (a table name of this module, never user text)."""
        return self._existing(f"SELECT * FROM {table} WHERE id = ?", (int(row_id),), missing)

    def _audit(self, conn: sqlite3.Connection, action: str, entity: str, entity_id: int | None,
               before: Any, after: Any) -> None:
        conn.execute(
            "INSERT INTO audit_log (at, user, action, entity, entity_id, before, after) VALUES (?,?,?,?,?,?,?)",
            (now(), self.user, action, entity, entity_id, to_json(before), to_json(after)),
        )

    def log_event(self, action: str, entity: str, entity_id: int | None = None, *,
                  before: Any = None, after: Any = None) -> None:
        """Write a decision that changes no row (e.g. a rater ending blinded labelling) to the audit log."""
        with self._write() as conn:
            self._audit(conn, action, entity, entity_id, before, after)

    def audit(self, limit: int = 200) -> list[AuditEntry]:
        """The latest changes, newest first."""
        rows = self._rows("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", (int(limit),))
        return [AuditEntry(r["id"], r["at"], r["user"], r["action"], r["entity"], r["entity_id"],
                           from_json(r["before"]), from_json(r["after"])) for r in rows]


# --- Rows → records ------------------------------------------------------------------


def patient_of(r: sqlite3.Row) -> Patient:
    return Patient(r["id"], r["code"], r["birth_year"], r["sex"], r["height_cm"], r["notes"], r["created_at"])


def recording_of(r: sqlite3.Row) -> Recording:
    return Recording(
        id=r["id"], patient_id=r["patient_id"], video_path=r["video_path"], copied=bool(r["copied"]),
        original_name=r["original_name"], sha256=r["sha256"], fps=r["fps"], frame_count=r["frame_count"],
        duration_s=r["duration_s"], width=r["width"], height=r["height"], size_bytes=r["size_bytes"],
        protocol=r["protocol"], captured_at=r["captured_at"], imported_at=r["imported_at"],
        operator=r["operator"], visit_id=r["visit_id"], setup_id=r["setup_id"],
    )


def pose_of(r: sqlite3.Row) -> PoseRecord:
    return PoseRecord(r["id"], r["recording_id"], r["skeleton_path"], r["tracks_path"], r["subject_track_id"],
                      from_json(r["candidates"]), r["pose_model"], r["pose_model_sha256"], r["device"],
                      r["created_at"])


def clip_of(r: sqlite3.Row) -> Clip:
    return Clip(r["id"], r["recording_id"], r["idx"], r["start_s"], r["end_s"])


def annotation_of(r: sqlite3.Row) -> Annotation:
    return Annotation(r["id"], r["clip_id"], r["rater"], r["label"], r["note"], r["created_at"], r["updated_at"])


def model_of(r: sqlite3.Row) -> ModelRecord:
    synthetic = None if r["synthetic"] is None else bool(r["synthetic"])
    return ModelRecord(r["id"], r["name"], r["version"], r["sha256"], r["path"], synthetic, bool(r["active"]),
                       r["registered_at"], from_json(r["card"]))


def analysis_of(r: sqlite3.Row) -> AnalysisRecord:
    return AnalysisRecord(r["id"], r["recording_id"], r["model_id"], r["report_path"], r["instability_rate"],
                          r["risk_group"], r["windows"], r["created_at"])


def report_of(r: sqlite3.Row) -> ReportRecord:
    return ReportRecord(r["id"], r["analysis_id"], r["recording_id"], r["pdf_path"], r["pdf_sha256"],
                        r["video_sha256"], r["model_sha256"], r["operator"], r["notes"], r["conclusion"],
                        r["created_at"])
