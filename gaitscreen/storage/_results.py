"""Models, analyses with their predictions, and PDF reports — part of :class:`Study`."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path
from typing import Any

from ..core.fileio import atomic_output, sha256_file
from ..core.model.card import CARD_SUFFIX
from ..core.model.checkpoint import read_card
from ..core.records import AnalysisRecord, ModelRecord, Prediction, ReportRecord
from ..core.i18n import _
from ._db import StudyBase, analysis_of, file_problem, model_of, now, report_of
from .errors import StudyError
from .files import copy_file, remove_quietly


def _plain(value: Any) -> Any:
    for method in ("tolist", "item"):
        if hasattr(value, method):
            return getattr(value, method)()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _opt_float(value: Any) -> float | None:
    return None if value is None else float(value)


def _opt_bool(value: Any) -> int | None:
    return None if value is None else int(bool(value))


class ResultsMixin(StudyBase):
    # --- Models ---------------------------------------------------------------------

    def register_model(self, path: str | os.PathLike[str], *, activate: bool = False) -> ModelRecord:
        """Add a classifier (its ``.pt``, or its ``.card.json``) to the study's models.

        The card is read (ModelError when it is missing, invalid or describes another
        file). A model already registered (same sha256) is returned as it is. The
        model becomes active with ``activate`` or when no model is active yet.
        """
        self._require_writable()
        path = Path(path)
        if path.name.endswith(CARD_SUFFIX):
            path = path.with_name(path.name[: -len(CARD_SUFFIX)] + ".pt")
        card, sha = read_card(path)
        row = self._row("SELECT * FROM models WHERE sha256 = ?", (sha,))
        if row is None:
            synthetic = card.training_data.get("synthetic")
            with self._write() as conn:
                cur = conn.execute(
                    "INSERT INTO models (name, version, sha256, path, synthetic, active, registered_at, card) "
                    "VALUES (?,?,?,?,?,0,?,?)",
                    (card.name, card.version, sha, self.layout.stored(path),
                     None if synthetic is None else int(bool(synthetic)), now(),
                     json.dumps(card.to_dict(), default=_plain, ensure_ascii=False)),
                )
                model_id = int(cur.lastrowid)
                self._audit(conn, "model.register", "model", model_id, None,
                            {"name": card.name, "version": card.version, "sha256": sha})
        else:
            model_id = int(row["id"])
        if activate or self.active_model() is None:
            self.set_active_model(model_id)
        return self.model(model_id)

    def models(self) -> list[ModelRecord]:
        return [model_of(r) for r in self._rows("SELECT * FROM models ORDER BY registered_at, id")]

    def model(self, model_id: int) -> ModelRecord:
        return model_of(self._by_id("models", model_id, f"Model {model_id} is not registered in this study."))

    def active_model(self) -> ModelRecord | None:
        row = self._row("SELECT * FROM models WHERE active = 1")
        return model_of(row) if row is not None else None

    def set_active_model(self, model_id: int) -> ModelRecord:
        with self._write() as conn:
            row = conn.execute("SELECT * FROM models WHERE id = ?", (int(model_id),)).fetchone()
            if row is None:
                raise StudyError(f"Model {model_id} is not registered in this study.")
            old = conn.execute("SELECT id FROM models WHERE active = 1").fetchone()
            if old is None or old["id"] != row["id"]:
                conn.execute("UPDATE models SET active = 0 WHERE active = 1")
                conn.execute("UPDATE models SET active = 1 WHERE id = ?", (row["id"],))
                self._audit(conn, "model.activate", "model", row["id"],
                            None if old is None else {"active_model_id": old["id"]},
                            {"active_model_id": row["id"], "name": row["name"], "version": row["version"]})
        return self.model(model_id)

    def model_path(self, model: ModelRecord | int) -> Path:
        if not isinstance(model, ModelRecord):
            model = self.model(model)
        return self.layout.resolve(model.path)

    # --- Analyses ---------------------------------------------------------------------

    def save_analysis(self, recording_id: int, model_id: int, report: dict[str, Any]) -> AnalysisRecord:
        """Store a screening report (the dict of ``screen_video(...).report``, or a
        ``ScreeningResult.to_dict()``): ``analyses/<id>.json`` plus one prediction row
        per window and per clip."""
        self._require_writable()
        rec = self.recording(recording_id)  # type: ignore[attr-defined]
        self.model(model_id)
        if not isinstance(report, dict):
            raise StudyError("An analysis report must be a dict.")
        screening = report["screening"] if isinstance(report.get("screening"), dict) else report
        video_sha = (report.get("recording") or {}).get("sha256")
        if video_sha and video_sha != rec.sha256:
            raise StudyError(f"The report describes another video than recording {rec.id} ({rec.original_name}).")
        windows = list(screening.get("windows") or [])
        clips = list(screening.get("clips") or [])
        try:
            text = json.dumps(report, ensure_ascii=False, indent=1, allow_nan=False, default=_plain)
        except (TypeError, ValueError) as exc:
            raise StudyError(f"The analysis report cannot be stored as JSON: {exc}.") from exc
        written: Path | None = None
        try:
            with self._write() as conn:
                cur = conn.execute(
                    "INSERT INTO analyses (recording_id, model_id, report_path, instability_rate, risk_group, "
                    "windows, created_at) VALUES (?,?,?,?,?,?,?)",
                    (rec.id, int(model_id), "", _opt_float(screening.get("instability_rate")),
                     str(screening.get("risk_group") or ""), len(windows), now()),
                )
                analysis_id = int(cur.lastrowid)
                target = self.layout.analyses / f"{analysis_id}.json"
                conn.execute("UPDATE analyses SET report_path = ? WHERE id = ?",
                             (self.layout.stored(target), analysis_id))
                rows = [(analysis_id, "window", i, float(w["start_s"]), float(w["end_s"]),
                         _opt_float(w.get("p_unstable")), _opt_bool(w.get("unstable")), None)
                        for i, w in enumerate(windows)]
                rows += [(analysis_id, "clip", int(c.get("index", i)), float(c["start_s"]), float(c["end_s"]),
                          _opt_float(c.get("p_mean")),
                          None if c.get("label") is None else int(c["label"] == "unstable"), c.get("label"))
                         for i, c in enumerate(clips)]
                conn.executemany("INSERT INTO predictions (analysis_id, kind, idx, start_s, end_s, p_unstable, "
                                 "unstable, label) VALUES (?,?,?,?,?,?,?,?)", rows)
                conn.execute("UPDATE recordings SET last_error = NULL WHERE id = ?", (rec.id,))
                self.layout.analyses.mkdir(parents=True, exist_ok=True)
                with atomic_output(target) as tmp:
                    tmp.write_text(text, encoding="utf-8")
                written = target
                row = conn.execute("SELECT * FROM analyses WHERE id = ?", (analysis_id,)).fetchone()
        except (KeyError, TypeError, ValueError) as exc:
            if written is not None:
                remove_quietly(written)
            raise StudyError(f"The analysis report lacks window or clip times: {exc}.") from exc
        except BaseException:
            if written is not None:
                remove_quietly(written)
            raise
        return analysis_of(row)

    def analysis(self, recording_id: int) -> AnalysisRecord | None:
        """The latest analysis of a recording."""
        row = self._row("SELECT * FROM analyses WHERE recording_id = ? ORDER BY id DESC LIMIT 1",
                        (int(recording_id),))
        return analysis_of(row) if row is not None else None

    def analyses(self, patient_id: int) -> list[AnalysisRecord]:
        """Every analysis of a patient's recordings, oldest capture first (for the trend)."""
        rows = self._rows("SELECT a.* FROM analyses a JOIN recordings r ON r.id = a.recording_id "
                          "WHERE r.patient_id = ? ORDER BY COALESCE(r.captured_at, r.imported_at), r.id, a.id",
                          (int(patient_id),))
        return [analysis_of(r) for r in rows]

    def load_report(self, rec: AnalysisRecord | int) -> dict[str, Any]:
        if not isinstance(rec, AnalysisRecord):
            row = self._by_id("analyses", rec, _("Analysis {id} does not exist.").format(id=rec))
            rec = analysis_of(row)
        path = self.layout.resolve(rec.report_path)
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise StudyError(f"The analysis file {path.name} cannot be read: {exc}.") from exc

    def predictions(self, recording_id: int, model_id: int | None = None) -> list[Prediction]:
        """Window and clip predictions of the recording's latest analysis (by ``model_id``)."""
        sql, params = "SELECT id FROM analyses WHERE recording_id = ?", [int(recording_id)]
        if model_id is not None:
            sql += " AND model_id = ?"
            params.append(int(model_id))
        latest = self._row(sql + " ORDER BY id DESC LIMIT 1", params)
        if latest is None:
            return []
        rows = self._rows("SELECT * FROM predictions WHERE analysis_id = ? ORDER BY kind DESC, idx", (latest["id"],))
        return [Prediction(r["analysis_id"], r["kind"], r["idx"], r["start_s"], r["end_s"], r["p_unstable"],
                           None if r["unstable"] is None else bool(r["unstable"]), r["label"]) for r in rows]

    # --- Walkway length (gives the walking speed) ---------------------------------------

    def walkway(self, recording_id: int) -> float | None:
        """The walkway length entered for a recording (metres), None when not entered."""
        row = self._existing("SELECT walkway_m FROM recordings WHERE id = ?", (int(recording_id),),
                             _("Recording {id} does not exist.").format(id=recording_id))
        return None if row["walkway_m"] is None else float(row["walkway_m"])

    def set_walkway(self, recording_id: int, walkway_m: float | None) -> None:
        """Store (None: forget) the walkway length of a recording; audited."""
        self._require_writable()
        value = None if walkway_m is None else float(walkway_m)
        if value is not None and not (value > 0 and value < 1000):
            raise StudyError(f"The walkway length must be a positive number of metres, got {walkway_m!r}.")
        with self._write() as conn:
            old = conn.execute("SELECT walkway_m FROM recordings WHERE id = ?", (int(recording_id),)).fetchone()
            if old is None:
                raise StudyError(_("Recording {id} does not exist.").format(id=recording_id))
            conn.execute("UPDATE recordings SET walkway_m = ? WHERE id = ?", (value, int(recording_id)))
            self._audit(conn, "recording.walkway", "recording", int(recording_id), {"walkway_m": old["walkway_m"]},
                        {"walkway_m": value})

    # --- Reports ----------------------------------------------------------------------

    def new_report_path(self, analysis_id: int) -> Path:
        """A free ``reports/<patient code>_<date>_<n>.pdf`` for an analysis's PDF."""
        row = self._row("SELECT p.code FROM analyses a JOIN recordings r ON r.id = a.recording_id "
                        "JOIN patients p ON p.id = r.patient_id WHERE a.id = ?", (int(analysis_id),))
        if row is None:
            raise StudyError(_("Analysis {id} does not exist.").format(id=analysis_id))
        code = re.sub(r"[^\w.\-]", "_", row["code"], flags=re.ASCII)
        prefix = f"{code}_{dt.date.today().isoformat()}_"
        used = {Path(r[0]).name for r in self._rows("SELECT pdf_path FROM reports")}
        n = 1
        while (self.layout.reports / f"{prefix}{n}.pdf").exists() or f"{prefix}{n}.pdf" in used:
            n += 1
        return self.layout.reports / f"{prefix}{n}.pdf"

    def add_report(self, analysis_id: int, pdf_path: str | os.PathLike[str], *, operator: str = "",
                   notes: str = "", conclusion: str = "") -> ReportRecord:
        """Record a PDF made from an analysis (copied into ``reports/`` when it is
        elsewhere) with the sha256 of the PDF, the video and the model."""
        self._require_writable()
        row = self._row("SELECT a.id, a.recording_id, r.sha256 AS video_sha, m.sha256 AS model_sha "
                        "FROM analyses a JOIN recordings r ON r.id = a.recording_id "
                        "JOIN models m ON m.id = a.model_id WHERE a.id = ?", (int(analysis_id),))
        if row is None:
            raise StudyError(_("Analysis {id} does not exist.").format(id=analysis_id))
        pdf = Path(pdf_path)
        if not pdf.is_file():
            raise StudyError(_("The report file {path} does not exist.").format(path=pdf))
        copied: Path | None = None
        if pdf.resolve().parent != self.layout.reports.resolve():
            copied = self.new_report_path(analysis_id)
            try:
                copy_file(pdf, copied, stage="Copying report")
            except OSError as exc:
                raise file_problem(exc, self.layout.root) from exc
            pdf = copied
        try:
            with self._write() as conn:
                cur = conn.execute(
                    "INSERT INTO reports (analysis_id, recording_id, pdf_path, pdf_sha256, video_sha256, "
                    "model_sha256, operator, notes, conclusion, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (row["id"], row["recording_id"], self.layout.stored(pdf), sha256_file(pdf), row["video_sha"],
                     row["model_sha"], str(operator or ""), str(notes or ""), str(conclusion or ""), now()),
                )
                report = report_of(conn.execute("SELECT * FROM reports WHERE id = ?", (cur.lastrowid,)).fetchone())
                self._audit(conn, "report.add", "report", report.id, None,
                            {"analysis_id": report.analysis_id, "pdf": report.pdf_path,
                             "pdf_sha256": report.pdf_sha256, "conclusion": report.conclusion})
        except BaseException:
            if copied is not None:
                remove_quietly(copied)
            raise
        return report

    def reports(self, recording_id: int) -> list[ReportRecord]:
        rows = self._rows("SELECT * FROM reports WHERE recording_id = ? ORDER BY id", (int(recording_id),))
        return [report_of(r) for r in rows]

    def report_path(self, report: ReportRecord) -> Path:
        return self.layout.resolve(report.pdf_path)

