"""Visits, their manual measurements, camera setups and performance analyses — part of :class:`Study`.

A visit groups a patient's recordings (``recordings.visit_id``) and manual
measurements (``visit_measurements``, one row per kind, in the visit file's JSON
form). Entries are checked by :func:`~gaitscreen.core.assessment.visit_inputs.check_manual`
before anything is written, so a grip of 300 kg stores nothing. A setup is a named floor
calibration that recordings reference (``recordings.setup_id``). Every write is audited.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from dataclasses import asdict
from typing import Any

from ..core.assessment.visit import VisitMeasures
from ..core.assessment.visit_inputs import MANUAL_KINDS, AnalysedTest, Entry, VisitInputs, check_manual, combine
from ..core.calibration import FloorCalibration
from ..core.records import Measurement, PerformanceRecord, Recording, Setup, Visit
from ..core.i18n import _
from ._db import StudyBase, from_json, now, recording_of, to_json
from .errors import StudyError

_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d")
_VISIT_FIELDS = ("date", "time", "operator", "notes")
PERFORMANCE_TESTS = ("chair-stand", "balance")


def _visit_of(r: sqlite3.Row) -> Visit:
    return Visit(r["id"], r["patient_id"], r["date"], r["time"], r["operator"], r["notes"], r["created_at"])


def _setup_of(r: sqlite3.Row) -> Setup:
    size = None if r["frame_width"] is None else (r["frame_width"], r["frame_height"])
    return Setup(r["id"], r["name"], from_json(r["calibration"]), r["calibration_sha256"], r["frame_recording_id"],
                 r["frame_index"], size, r["created_by"], r["created_at"])


def _check_visit_fields(f: dict[str, Any]) -> dict[str, Any]:
    out = dict(f)
    if "date" in out:
        try:
            out["date"] = dt.date.fromisoformat(str(out["date"]).strip()).isoformat()
        except ValueError:
            raise StudyError(f"The visit date {out['date']!r} is not a date; give it as YYYY-MM-DD.") from None
    if out.get("time") is not None:
        out["time"] = str(out["time"]).strip() or None
        if out["time"] is not None and not _TIME.fullmatch(out["time"]):
            raise StudyError(f"The visit time {out['time']!r} is not a time; give it as HH:MM (24 h).")
    for k in ("operator", "notes"):
        if k in out:
            out[k] = str(out[k] or "").strip()
    return out


class VisitsMixin(StudyBase):
    # --- Visits -----------------------------------------------------------------------

    def add_visit(self, patient_id: int, date: str, *, time: str | None = None, operator: str = "",
                  notes: str = "") -> Visit:
        f = _check_visit_fields({"date": date, "time": time, "operator": operator, "notes": notes})
        self.patient(patient_id)  # type: ignore[attr-defined]
        with self._write() as conn:
            cur = conn.execute("INSERT INTO visits (patient_id, date, time, operator, notes, created_at) "
                               "VALUES (?,?,?,?,?,?)", (int(patient_id), f["date"], f["time"], f["operator"],
                                                        f["notes"], now()))
            visit = _visit_of(conn.execute("SELECT * FROM visits WHERE id = ?", (cur.lastrowid,)).fetchone())
            self._audit(conn, "visit.add", "visit", visit.id, None, asdict(visit))
        return visit

    def update_visit(self, visit_id: int, **fields: Any) -> Visit:
        unknown = sorted(set(fields) - set(_VISIT_FIELDS))
        if unknown:
            raise StudyError(f"Visits have no field {', '.join(unknown)}.")
        f = _check_visit_fields(fields)
        with self._write() as conn:
            before = self._visit_in(conn, visit_id)
            if f:
                sets = ", ".join(f"{k} = ?" for k in f)
                conn.execute(f"UPDATE visits SET {sets} WHERE id = ?", (*f.values(), int(visit_id)))
            after = self._visit_in(conn, visit_id)
            changed = [k for k in _VISIT_FIELDS if getattr(before, k) != getattr(after, k)]
            if changed:
                self._audit(conn, "visit.update", "visit", after.id, {k: getattr(before, k) for k in changed},
                            {k: getattr(after, k) for k in changed})
        return after

    @staticmethod
    def _visit_in(conn: sqlite3.Connection, visit_id: int) -> Visit:
        row = conn.execute("SELECT * FROM visits WHERE id = ?", (int(visit_id),)).fetchone()
        if row is None:
            raise StudyError(_("Visit {id} does not exist.").format(id=visit_id))
        return _visit_of(row)

    def visit(self, visit_id: int) -> Visit:
        return _visit_of(self._by_id("visits", visit_id, _("Visit {id} does not exist.").format(id=visit_id)))

    def visits(self, patient_id: int) -> list[Visit]:
        """A patient's visits, oldest first."""
        rows = self._rows("SELECT * FROM visits WHERE patient_id = ? ORDER BY date, COALESCE(time, ''), id",
                          (int(patient_id),))
        return [_visit_of(r) for r in rows]

    def last_operator(self) -> str:
        """The operator last entered in this study (on an exported report or a visit), or ""."""
        row = self._row("SELECT operator FROM (SELECT operator, created_at AS at FROM reports WHERE operator != '' "
                        "UNION ALL SELECT operator, created_at AS at FROM visits WHERE operator != '') "
                        "ORDER BY at DESC LIMIT 1")
        return "" if row is None else str(row["operator"])

    # --- Manual measurements --------------------------------------------------------------

    def measurements(self, visit_id: int) -> list[Measurement]:
        rows = self._rows("SELECT * FROM visit_measurements WHERE visit_id = ? ORDER BY kind", (int(visit_id),))
        return [Measurement(r["id"], r["visit_id"], r["kind"], from_json(r["value"]), r["entered_by"],
                            r["entered_at"]) for r in rows]

    def set_measurements(self, visit_id: int, values: dict[str, Any]) -> list[Measurement]:
        """Set (or, with None, clear) manual measurements of a visit, in the visit file's form
        (``{"calf_circumference_cm": {"value": 32.5, "source": "tape"}, "handgrip": {...}}``).
        All of them are checked together first: one invalid value stores nothing
        (AssessmentInputError saying which)."""
        self._require_writable()
        visit = self.visit(visit_id)
        patient = self.patient(visit.patient_id)  # type: ignore[attr-defined]
        current = {m.kind: m.value for m in self.measurements(visit_id)}
        merged = {**current, **values}
        merged = {k: v for k, v in merged.items() if v is not None}
        check_manual(merged, height_cm=None if "height_cm" in merged else patient.height_cm)
        try:
            json.dumps(values, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise StudyError(f"The measurements cannot be stored as JSON: {exc}.") from exc
        with self._write() as conn:
            for kind in MANUAL_KINDS:
                if kind not in values or current.get(kind) == values[kind]:
                    continue
                if values[kind] is None:
                    conn.execute("DELETE FROM visit_measurements WHERE visit_id = ? AND kind = ?",
                                 (visit.id, kind))
                else:
                    conn.execute("INSERT INTO visit_measurements (visit_id, kind, value, entered_by, entered_at) "
                                 "VALUES (?,?,?,?,?) ON CONFLICT (visit_id, kind) DO UPDATE SET "
                                 "value = excluded.value, entered_by = excluded.entered_by, "
                                 "entered_at = excluded.entered_at",
                                 (visit.id, kind, to_json(values[kind]), self.user, now()))
                self._audit(conn, "measurement.set", "visit", visit.id, {kind: current.get(kind)},
                            {kind: values[kind]})
        return self.measurements(visit_id)

    # --- Recordings of a visit ------------------------------------------------------------

    def link_recording(self, recording_id: int, visit_id: int | None, *, setup_id: int | None = None) -> None:
        """Put a recording into a visit of the same patient (None: out of any visit), and
        name the setup it was recorded with (``setup_id``; unchanged when None)."""
        with self._write() as conn:
            row = conn.execute("SELECT * FROM recordings WHERE id = ?", (int(recording_id),)).fetchone()
            if row is None:
                raise StudyError(_("Recording {id} does not exist.").format(id=recording_id))
            rec = recording_of(row)
            if visit_id is not None:
                visit = self._visit_in(conn, visit_id)
                if visit.patient_id != rec.patient_id:
                    raise StudyError(f"Recording {rec.id} is of another patient than visit {visit.id}.")
            if setup_id is not None and conn.execute("SELECT 1 FROM setups WHERE id = ?",
                                                     (int(setup_id),)).fetchone() is None:
                raise StudyError(_("Setup {id} does not exist.").format(id=setup_id))
            new_setup = rec.setup_id if setup_id is None else int(setup_id)
            conn.execute("UPDATE recordings SET visit_id = ?, setup_id = ? WHERE id = ?",
                         (visit_id, new_setup, rec.id))
            self._audit(conn, "recording.link", "recording", rec.id,
                        {"visit_id": rec.visit_id, "setup_id": rec.setup_id},
                        {"visit_id": visit_id, "setup_id": new_setup})

    def visit_recordings(self, visit_id: int) -> list[Recording]:
        rows = self._rows("SELECT * FROM recordings WHERE visit_id = ? ORDER BY COALESCE(captured_at, imported_at), id",
                          (int(visit_id),))
        return [recording_of(r) for r in rows]

    # --- Camera setups ----------------------------------------------------------------------

    def add_setup(self, name: str, calibration: dict[str, Any], *, frame_recording_id: int | None = None,
                  frame_index: int | None = None) -> Setup:
        """A named floor calibration (checked: CalibrationError when it is not valid)."""
        name = str(name or "").strip()
        if not name:
            raise StudyError("A camera setup needs a name.")
        cal = FloorCalibration.from_dict(calibration, name=name)
        if frame_recording_id is not None:
            self.recording(frame_recording_id)  # type: ignore[attr-defined]
        size = cal.frame_size
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM setups WHERE name = ?", (name,)).fetchone() is not None:
                raise StudyError(f"A camera setup named {name!r} already exists in this study.")
            cur = conn.execute(
                "INSERT INTO setups (name, calibration, calibration_sha256, frame_recording_id, frame_index, "
                "frame_width, frame_height, created_by, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
                (name, to_json(calibration), cal.sha256, frame_recording_id, frame_index,
                 None if size is None else int(size[0]), None if size is None else int(size[1]), self.user, now()))
            setup = _setup_of(conn.execute("SELECT * FROM setups WHERE id = ?", (cur.lastrowid,)).fetchone())
            self._audit(conn, "setup.add", "setup", setup.id, None,
                        {"name": name, "calibration_sha256": cal.sha256, "frame_recording_id": frame_recording_id,
                         "frame_index": frame_index})
        return setup

    def setups(self) -> list[Setup]:
        return [_setup_of(r) for r in self._rows("SELECT * FROM setups ORDER BY name COLLATE NOCASE")]

    def setup(self, setup_id: int) -> Setup:
        return _setup_of(self._by_id("setups", setup_id, _("Setup {id} does not exist.").format(id=setup_id)))

    # --- Performance analyses (chair stand, balance) ---------------------------------------

    def save_performance(self, recording_id: int, report: dict[str, Any]) -> PerformanceRecord:
        """Store a chair-stand or balance report (``core.performance.analyse_skeleton_file``)."""
        rec = self.recording(recording_id)  # type: ignore[attr-defined]
        test = report.get("test") if isinstance(report, dict) else None
        if test not in PERFORMANCE_TESTS:
            raise StudyError(f"A performance report must be of a {' or '.join(PERFORMANCE_TESTS)} test.")
        try:
            text = json.dumps(report, allow_nan=False, ensure_ascii=False, sort_keys=True)
        except (TypeError, ValueError) as exc:
            raise StudyError(f"The performance report cannot be stored as JSON: {exc}.") from exc
        with self._write() as conn:
            row = _insert_performance(conn, rec.id, test, text)
            self._audit(conn, "performance.save", "recording", rec.id, None,
                        {"performance_id": row["id"], "test": test, "sppb": report.get("sppb")})
        return _performance_of(row)

    def performance(self, performance_id: int) -> tuple[PerformanceRecord, dict[str, Any]]:
        """One stored performance analysis and its report."""
        row = self._by_id("performance_analyses", performance_id,
                          _("Performance analysis {id} does not exist.").format(id=performance_id))
        return (_performance_of(row),
                json.loads(row["report"]))

    def performances(self, recording_id: int) -> list[PerformanceRecord]:
        """Every stored performance analysis of a recording, oldest first (corrections keep the old ones)."""
        rows = self._rows("SELECT * FROM performance_analyses WHERE recording_id = ? ORDER BY id",
                          (int(recording_id),))
        return [_performance_of(r) for r in rows]

    def save_performance_correction(self, performance_id: int, report: dict[str, Any], *, examiner: str,
                                    before: dict[str, Any], after: dict[str, Any]) -> PerformanceRecord:
        """Store an examiner's corrected report as the recording's new analysis (the old one stays) and
        audit the change with its values ``before`` and ``after``."""
        old, _ = self.performance(performance_id)
        if report.get("test") != old.test:
            raise StudyError(f"A correction of a {old.test} analysis must stay a {old.test} report.")
        if not str(examiner).strip():
            raise StudyError("Name the examiner who corrected the marks.")
        try:
            text = json.dumps(report, allow_nan=False, ensure_ascii=False, sort_keys=True)
        except (TypeError, ValueError) as exc:
            raise StudyError(f"The corrected report cannot be stored as JSON: {exc}.") from exc
        with self._write() as conn:
            row = _insert_performance(conn, old.recording_id, old.test, text)
            self._audit(conn, "performance.correct", "recording", old.recording_id,
                        {"performance_id": old.id, **before},
                        {"performance_id": row["id"], "examiner": str(examiner).strip(), **after})
        return _performance_of(row)

    def performance_report(self, recording_id: int) -> dict[str, Any] | None:
        """The latest chair-stand or balance report of a recording."""
        row = self._row("SELECT report FROM performance_analyses WHERE recording_id = ? ORDER BY id DESC LIMIT 1",
                        (int(recording_id),))
        return None if row is None else json.loads(row["report"])

    # --- The assessment inputs -----------------------------------------------------------------

    def visit_inputs(self, visit_id: int) -> VisitInputs:
        """The visit's manual entries combined with what its analysed recordings measured
        (:func:`~gaitscreen.core.assessment.visit_inputs.combine`)."""
        visit = self.visit(visit_id)
        patient = self.patient(visit.patient_id)  # type: ignore[attr-defined]
        if patient.sex not in ("F", "M"):
            raise StudyError(f"Set patient {patient.code}'s sex first: the sarcopenia cut-offs are sex-specific.")
        age = None if patient.birth_year is None else int(visit.date[:4]) - patient.birth_year
        manual = {m.kind: Entry(m.value, m.entered_by, m.entered_at) for m in self.measurements(visit_id)}
        return combine(sex=patient.sex, age=age, height_cm=patient.height_cm, manual=manual,
                       tests=self.visit_tests(visit_id))

    def visit_measures(self, visit_id: int) -> VisitMeasures:
        return self.visit_inputs(visit_id).measures

    def visit_tests(self, visit_id: int) -> list[AnalysedTest]:
        """The visit's recordings that have an analysis, each with its latest report."""
        out = []
        for rec in self.visit_recordings(visit_id):
            if rec.protocol in PERFORMANCE_TESTS:
                report = self.performance_report(rec.id)
            else:
                latest = self.analysis(rec.id)  # type: ignore[attr-defined]
                report = None if latest is None else self.load_report(latest)  # type: ignore[attr-defined]
            if report is None:
                continue
            setup = None
            if rec.setup_id is not None:
                s = self.setup(rec.setup_id)
                setup = {"name": s.name, "calibration_sha256": s.calibration_sha256}
            out.append(AnalysedTest(rec.id, rec.protocol, rec.original_name, rec.sha256, report, setup))
        return out


def _performance_of(row: sqlite3.Row) -> PerformanceRecord:
    return PerformanceRecord(row["id"], row["recording_id"], row["test"], row["created_at"])


def _insert_performance(conn: sqlite3.Connection, recording_id: int, test: str, text: str) -> sqlite3.Row:
    """Add one performance analysis row (a first analysis or a correction) and return it as stored."""
    cur = conn.execute("INSERT INTO performance_analyses (recording_id, test, report, created_at) "
                       "VALUES (?,?,?,?)", (recording_id, test, text, now()))
    return conn.execute("SELECT * FROM performance_analyses WHERE id = ?", (cur.lastrowid,)).fetchone()
