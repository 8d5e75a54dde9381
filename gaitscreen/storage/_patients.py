"""Patients and their recordings (video import) — part of :class:`Study`."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import sqlite3
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..core.callbacks import CancelFn, ProgressFn
from ..core.records import ImportResult, Patient, Recording, RecordingStatus, birth_year_is_plausible
from ..core.video import probe
from ..core.i18n import _
from ._db import StudyBase, file_problem, now, patient_of, recording_of
from .errors import StudyError
from .files import copy_file, hash_file, move_to_trash, remove_quietly, safe_name, trash_stamp

log = logging.getLogger(__name__)

_CODE = re.compile(r"[\w.\-]{1,64}")
_PATIENT_FIELDS = ("code", "birth_year", "sex", "height_cm", "notes")


def check_code(code: str) -> str:
    """A patient code: the same rule as the report's pseudonymous id."""
    code = (code or "").strip()
    if not _CODE.fullmatch(code):
        raise StudyError("Patient code must be 1–64 letters, digits, '-', '_' or '.' (a pseudonymous code, "
                         "never a name).")
    return code


def _check_fields(fields: dict[str, Any]) -> dict[str, Any]:
    out = dict(fields)
    if "code" in out:
        out["code"] = check_code(out["code"])
    year = out.get("birth_year")
    if year is not None:
        if isinstance(year, bool) or not isinstance(year, int) or not birth_year_is_plausible(year):
            raise StudyError(f"Birth year {year!r} is not plausible.")
    if out.get("sex") is not None and out["sex"] not in ("F", "M"):
        raise StudyError("Sex must be F or M (or left empty).")
    height = out.get("height_cm")
    if height is not None:
        if isinstance(height, bool) or not isinstance(height, (int, float)) or not 50 <= height <= 250:
            raise StudyError(f"Height {height!r} cm is not plausible (50–250 cm).")
        out["height_cm"] = float(height)
    if "notes" in out:
        out["notes"] = str(out["notes"] or "")
    return out


def _dicts(conn: sqlite3.Connection, sql: str, params: tuple) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(sql, params).fetchall()]


def _recording_rows(conn: sqlite3.Connection, rid: int) -> dict[str, Any]:
    """Every row that goes with recording ``rid`` (kept as JSON in the trash when it is deleted)."""
    clips = "SELECT id FROM clips WHERE recording_id = ?"
    analyses = "SELECT id FROM analyses WHERE recording_id = ?"
    return {
        "recording": _dicts(conn, "SELECT * FROM recordings WHERE id = ?", (rid,)),
        "pose_results": _dicts(conn, "SELECT * FROM pose_results WHERE recording_id = ?", (rid,)),
        "clips": _dicts(conn, "SELECT * FROM clips WHERE recording_id = ?", (rid,)),
        "annotations": _dicts(conn, f"SELECT * FROM annotations WHERE clip_id IN ({clips})", (rid,)),
        "analyses": _dicts(conn, "SELECT * FROM analyses WHERE recording_id = ?", (rid,)),
        "predictions": _dicts(conn, f"SELECT * FROM predictions WHERE analysis_id IN ({analyses})", (rid,)),
        "reports": _dicts(conn, "SELECT * FROM reports WHERE recording_id = ?", (rid,)),
        "performance_analyses": _dicts(conn, "SELECT * FROM performance_analyses WHERE recording_id = ?", (rid,)),
    }


class _AlreadyThere(Exception):
    def __init__(self, recording: Recording):
        super().__init__(recording.id)
        self.recording = recording


class PatientsMixin(StudyBase):
    # --- Patients -------------------------------------------------------------------

    def add_patient(self, code: str, *, birth_year: int | None = None, sex: str | None = None,
                    height_cm: float | None = None, notes: str = "") -> Patient:
        f = _check_fields({"code": code, "birth_year": birth_year, "sex": sex, "height_cm": height_cm,
                           "notes": notes})
        with self._write() as conn:
            self._check_code_free(conn, f["code"], None)
            cur = conn.execute(
                "INSERT INTO patients (code, birth_year, sex, height_cm, notes, created_at) VALUES (?,?,?,?,?,?)",
                (f["code"], f["birth_year"], f["sex"], f["height_cm"], f["notes"], now()),
            )
            patient = patient_of(conn.execute("SELECT * FROM patients WHERE id = ?", (cur.lastrowid,)).fetchone())
            self._audit(conn, "patient.add", "patient", patient.id, None, asdict(patient))
        return patient

    def update_patient(self, id: int, **fields: Any) -> Patient:  # noqa: A002 - contract name
        unknown = sorted(set(fields) - set(_PATIENT_FIELDS))
        if unknown:
            raise StudyError(f"Patients have no field {', '.join(unknown)}.")
        f = _check_fields(fields)
        with self._write() as conn:
            row = conn.execute("SELECT * FROM patients WHERE id = ?", (int(id),)).fetchone()
            if row is None:
                raise StudyError(_("Patient {id} does not exist.").format(id=id))
            before = patient_of(row)
            if "code" in f:
                self._check_code_free(conn, f["code"], int(id))
            if f:
                sets = ", ".join(f"{k} = ?" for k in f)
                conn.execute(f"UPDATE patients SET {sets} WHERE id = ?", (*f.values(), int(id)))
            after = patient_of(conn.execute("SELECT * FROM patients WHERE id = ?", (int(id),)).fetchone())
            if after != before:
                changed = [k for k in _PATIENT_FIELDS if getattr(before, k) != getattr(after, k)]
                self._audit(conn, "patient.update", "patient", after.id,
                            {k: getattr(before, k) for k in changed}, {k: getattr(after, k) for k in changed})
        return after

    @staticmethod
    def _check_code_free(conn: sqlite3.Connection, code: str, own_id: int | None) -> None:
        row = conn.execute("SELECT id FROM patients WHERE code = ?", (code,)).fetchone()
        if row is not None and row["id"] != own_id:
            raise StudyError(f"A patient with the code {code} already exists in this study.")

    def patients(self, search: str = "") -> list[Patient]:
        """Patients ordered by code; ``search`` matches code or notes (case-insensitive)."""
        search = (search or "").strip()
        if not search:
            rows = self._rows("SELECT * FROM patients ORDER BY code COLLATE NOCASE")
        else:
            like = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            rows = self._rows("SELECT * FROM patients WHERE code LIKE ? ESCAPE '\\' OR notes LIKE ? ESCAPE '\\' "
                              "ORDER BY code COLLATE NOCASE", (like, like))
        return [patient_of(r) for r in rows]

    def patient(self, id: int) -> Patient:  # noqa: A002
        return patient_of(self._by_id("patients", id, _("Patient {id} does not exist.").format(id=id)))

    def patient_by_code(self, code: str) -> Patient | None:
        row = self._row("SELECT * FROM patients WHERE code = ?", ((code or "").strip(),))
        return patient_of(row) if row is not None else None

    # --- Recordings -------------------------------------------------------------------

    def import_video(self, patient_id: int, source: str | os.PathLike[str], *, copy: bool = True,
                     operator: str | None = None, captured_at: str | None = None,
                     protocol: str = "tandem-walk", progress: ProgressFn | None = None,
                     should_cancel: CancelFn | None = None) -> ImportResult:
        """Add a video to a patient: probe (VideoError for a bad file, nothing written),
        hash, copy into ``videos/`` (unless ``copy`` is False: the file is referenced
        where it is) and insert the row. The same video (same sha256) already in the
        study is returned with ``existing=True``. ``captured_at`` defaults to the
        file's modification time."""
        self._require_writable()
        self.patient(patient_id)
        info = probe(source)
        src = info.path
        sha = hash_file(src, progress=progress, should_cancel=should_cancel, stage="Checking video")
        found = self._recording_by_sha(sha)
        if found is not None:
            return ImportResult(found, existing=True)
        if captured_at is None:
            captured_at = dt.datetime.fromtimestamp(src.stat().st_mtime, dt.timezone.utc).isoformat(
                timespec="seconds")
        dest: Path | None = None
        if copy:
            dest = self.layout.videos / f"{sha[:16]}_{safe_name(src.name)}"
            try:
                copied_sha = copy_file(src, dest, progress=progress, should_cancel=should_cancel)
            except OSError as exc:
                raise file_problem(exc, self.layout.root) from exc
            if copied_sha != sha:
                remove_quietly(dest)
                raise StudyError(f"{src.name} changed while it was being imported; import it again.")
            stored = self.layout.stored(dest)
        else:
            stored = str(src.absolute())
        try:
            with self._write() as conn:
                row = conn.execute("SELECT * FROM recordings WHERE sha256 = ?", (sha,)).fetchone()
                if row is not None:  # another handle of this process imported it meanwhile
                    raise _AlreadyThere(recording_of(row))
                cur = conn.execute(
                    "INSERT INTO recordings (patient_id, video_path, copied, original_name, sha256, fps, "
                    "frame_count, duration_s, width, height, size_bytes, protocol, captured_at, imported_at, "
                    "operator) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (int(patient_id), stored, int(copy), src.name, sha, float(info.fps), int(info.frame_count),
                     float(info.duration_s), int(info.width), int(info.height), int(info.size_bytes),
                     protocol, captured_at, now(), operator),
                )
                rec = recording_of(conn.execute("SELECT * FROM recordings WHERE id = ?",
                                                (cur.lastrowid,)).fetchone())
                self._audit(conn, "recording.import", "recording", rec.id, None,
                            {"patient_id": rec.patient_id, "original_name": rec.original_name,
                             "sha256": rec.sha256, "copied": rec.copied})
            return ImportResult(rec, existing=False)
        except BaseException as exc:
            if dest is not None and self._recording_by_path(self.layout.stored(dest)) is None:
                remove_quietly(dest)
            if isinstance(exc, _AlreadyThere):
                return ImportResult(exc.recording, existing=True)
            raise

    def _recording_by_sha(self, sha: str) -> Recording | None:
        row = self._row("SELECT * FROM recordings WHERE sha256 = ?", (sha,))
        return recording_of(row) if row is not None else None

    def _recording_by_path(self, stored: str) -> Recording | None:
        row = self._row("SELECT * FROM recordings WHERE video_path = ?", (stored,))
        return recording_of(row) if row is not None else None

    def recordings(self, patient_id: int | None = None) -> list[Recording]:
        """Recordings (of one patient), oldest capture first."""
        order = "ORDER BY COALESCE(captured_at, imported_at), id"
        if patient_id is None:
            rows = self._rows(f"SELECT * FROM recordings {order}")
        else:
            rows = self._rows(f"SELECT * FROM recordings WHERE patient_id = ? {order}", (int(patient_id),))
        return [recording_of(r) for r in rows]

    def recording(self, id: int) -> Recording:  # noqa: A002
        return recording_of(self._by_id("recordings", id, _("Recording {id} does not exist.").format(id=id)))

    def video_path(self, recording: Recording | int) -> Path:
        """The video file of a recording (inside the study when copied)."""
        if not isinstance(recording, Recording):
            recording = self.recording(recording)
        return self.layout.resolve(recording.video_path)

    def status(self, recording_id: int) -> RecordingStatus:
        rid = int(recording_id)
        row = self._row(
            "SELECT r.last_error, "
            " EXISTS(SELECT 1 FROM pose_results p WHERE p.recording_id = r.id) AS pose_done, "
            " (EXISTS(SELECT 1 FROM analyses a WHERE a.recording_id = r.id) "
            "  OR EXISTS(SELECT 1 FROM performance_analyses f WHERE f.recording_id = r.id)) AS analysed, "
            " (SELECT COUNT(*) FROM clips c WHERE c.recording_id = r.id AND c.retired_at IS NULL) AS total, "
            " (SELECT COUNT(*) FROM clips c WHERE c.recording_id = r.id AND c.retired_at IS NULL "
            "    AND EXISTS(SELECT 1 FROM annotations n WHERE n.clip_id = c.id)) AS labelled, "
            " (SELECT COUNT(*) FROM reports p WHERE p.recording_id = r.id) AS reports "
            "FROM recordings r WHERE r.id = ?", (rid,))
        if row is None:
            raise StudyError(_("Recording {id} does not exist.").format(id=recording_id))
        return RecordingStatus(rid, bool(row["pose_done"]), bool(row["analysed"]), row["total"], row["labelled"],
                               row["reports"], row["last_error"])

    def set_error(self, recording_id: int, message: str | None) -> None:
        """Record (or clear, with None) why the last job on a recording failed."""
        with self._write() as conn:
            cur = conn.execute("UPDATE recordings SET last_error = ? WHERE id = ?", (message, int(recording_id)))
            if cur.rowcount == 0:
                raise StudyError(_("Recording {id} does not exist.").format(id=recording_id))

    # --- Rename and delete (files go to the study's trash, rows are kept there as JSON) -------

    def rename_recording(self, recording_id: int, name: str) -> Recording:
        """Give a recording another display name (the video file keeps its name); audited."""
        name = str(name or "").strip()
        if not name or len(name) > 200 or any(c in name for c in "\r\n\t"):
            raise StudyError("A recording name must be 1–200 characters on one line.")
        with self._write() as conn:
            row = conn.execute("SELECT * FROM recordings WHERE id = ?", (int(recording_id),)).fetchone()
            if row is None:
                raise StudyError(_("Recording {id} does not exist.").format(id=recording_id))
            if row["original_name"] != name:
                conn.execute("UPDATE recordings SET original_name = ? WHERE id = ?", (name, int(recording_id)))
                self._audit(conn, "recording.rename", "recording", int(recording_id),
                            {"original_name": row["original_name"]}, {"original_name": name})
            rec = recording_of(conn.execute("SELECT * FROM recordings WHERE id = ?", (int(recording_id),)).fetchone())
        return rec

    def delete_recording(self, recording_id: int) -> Path:
        """Delete a recording with its pose, clips, labels, analyses and reports.

        Nothing is lost silently: the rows are written to ``trash/<time>/deleted/`` as
        JSON and every file of the recording (the copied video, pose, analysis JSON,
        report PDFs) is moved to ``trash/<time>/``; the audit log says where. Returns
        that trash folder."""
        return self._delete("recording", int(recording_id))

    def delete_patient(self, patient_id: int) -> Path:
        """Delete a patient with all their recordings (as :meth:`delete_recording`) and visits."""
        return self._delete("patient", int(patient_id))

    def _delete(self, entity: str, entity_id: int) -> Path:
        self._require_writable()
        stamp = trash_stamp()
        folder = self.layout.trash / stamp
        with self._write() as conn:
            if entity == "patient":
                patient = conn.execute("SELECT * FROM patients WHERE id = ?", (entity_id,)).fetchone()
                if patient is None:
                    raise StudyError(_("Patient {id} does not exist.").format(id=entity_id))
                rids = [r["id"] for r in conn.execute("SELECT id FROM recordings WHERE patient_id = ?",
                                                      (entity_id,)).fetchall()]
                visits = "SELECT id FROM visits WHERE patient_id = ?"
                kept: dict[str, Any] = {
                    "patient": [dict(patient)],
                    "visits": _dicts(conn, "SELECT * FROM visits WHERE patient_id = ?", (entity_id,)),
                    "visit_measurements": _dicts(conn, f"SELECT * FROM visit_measurements WHERE visit_id IN "
                                                       f"({visits})", (entity_id,)),
                    "recordings": {str(rid): _recording_rows(conn, rid) for rid in rids}}
                summary = {"code": patient["code"], "recordings": len(rids), "visits": len(kept["visits"])}
            else:
                if conn.execute("SELECT 1 FROM recordings WHERE id = ?", (entity_id,)).fetchone() is None:
                    raise StudyError(_("Recording {id} does not exist.").format(id=entity_id))
                rids = [entity_id]
                kept = {"recordings": {str(entity_id): _recording_rows(conn, entity_id)}}
                rec = kept["recordings"][str(entity_id)]
                summary = {"original_name": rec["recording"][0]["original_name"],
                           "sha256": rec["recording"][0]["sha256"], "annotations": len(rec["annotations"]),
                           "reports": len(rec["reports"])}
            files = []
            for rid in rids:
                rows = kept["recordings"][str(rid)]
                files += [rows["recording"][0]["video_path"]] if rows["recording"][0]["copied"] else []
                files += [a["report_path"] for a in rows["analyses"]] + [r["pdf_path"] for r in rows["reports"]]
            rows_file = folder / "deleted" / f"{entity}_{entity_id}.json"
            rows_file.parent.mkdir(parents=True, exist_ok=True)
            rows_file.write_text(json.dumps(kept, indent=1, ensure_ascii=False, default=str), encoding="utf-8")
            for rid in rids:
                conn.execute("DELETE FROM annotations WHERE clip_id IN (SELECT id FROM clips WHERE recording_id = ?)",
                             (rid,))
                conn.execute("DELETE FROM reports WHERE recording_id = ?", (rid,))
                conn.execute("DELETE FROM recordings WHERE id = ?", (rid,))
            if entity == "patient":
                conn.execute("DELETE FROM visits WHERE patient_id = ?", (entity_id,))
                conn.execute("DELETE FROM patients WHERE id = ?", (entity_id,))
            self._audit(conn, f"{entity}.delete", entity, entity_id, summary,
                        {"trash": self.layout.stored(folder), "rows": self.layout.stored(rows_file)})
        for path in [self.layout.resolve(f) for f in files] + [self.layout.pose_dir(r) for r in rids]:
            if path.exists():
                try:
                    move_to_trash(self.layout, path, stamp)
                except OSError as exc:  # the orphan sweep moves it to the trash at the next open
                    log.warning("could not move %s to the study's trash: %s", path, exc)
        return folder
