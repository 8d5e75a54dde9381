"""Export an analysis as a signed-off PDF report (no Qt): the app's "Export PDF".

The desktop app and the command line print through the same builder
(:func:`gaitscreen.core.report.build_pdf`). Exporting adds what a person typed
(operator, clinician notes, conclusion) to a copy of the analysis' report dict,
under ``sign_off`` (the operator also goes to the patient header), and renders
that. The analysis itself is never changed, so exporting the same analysis with
the same fields again gives the same numbers (and, at the same ``created`` time, the
same bytes). The report's ``created`` is the moment the PDF is written; the
analysis' own time moves to ``analysed``, which the PDF lists separately.

:func:`export_report` only writes the PDF; :func:`export_to_study` also files
it in a study (``reports/<patient code>_<date>_<n>.pdf`` plus a report row with
the PDF's, video's and model's sha256). The study is passed in, so this module
does not depend on the storage layer and an engine job can call it from its own
thread with its own study connection.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import re
from pathlib import Path
from typing import Any, Protocol

from ..callbacks import CancelFn, ProgressFn
from ..errors import GaitScreenError
from ..fileio import sha256_file
from ..records import AnalysisRecord, ReportRecord
from .pdf import build_pdf

MAX_FIELD_CHARS = 20_000


def _field(name: str, value: str | None) -> str:
    text = (value or "").replace("\r\n", "\n").strip()
    if len(text) > MAX_FIELD_CHARS:
        raise GaitScreenError(f"The {name} is too long for the report (at most {MAX_FIELD_CHARS} characters).")
    return text


def now_text() -> str:
    """The local time with its offset, to the second (the ``created`` of a written report)."""
    return dt.datetime.now().astimezone().replace(microsecond=0).isoformat()


def signed_report(report: dict[str, Any], *, operator: str | None = None, notes: str | None = None,
                  conclusion: str | None = None, created: str | None = None) -> dict[str, Any]:
    """A deep copy of ``report`` with the sign-off fields set (``report`` is left unchanged).

    ``created``: when the PDF is written (None keeps the report's own time, as the
    preview does); the analysis' time is then kept as ``analysed``."""
    out = copy.deepcopy(report)
    if created is not None:
        out.setdefault("analysed", report.get("analysed") or report.get("created"))
        out["created"] = created
    operator_text = _field("operator name", operator)
    sign = {"operator": operator_text, "notes": _field("notes", notes), "conclusion": _field("conclusion", conclusion)}
    if operator_text:
        out.setdefault("patient", {})
        out["patient"] = dict(out.get("patient") or {}, operator=operator_text)
    else:
        sign["operator"] = str((out.get("patient") or {}).get("operator") or "")
    out["sign_off"] = sign
    return out


def report_numbers(report: dict[str, Any]) -> dict[str, Any]:
    """The numbers a report states, for comparing two exports of the same analysis."""
    s = report.get("screening") or {}
    return {
        "patient_id": (report.get("patient") or {}).get("id"),
        "instability_rate": s.get("instability_rate"),
        "rate_rule": s.get("rate_rule"),
        "instability_rate_all_windows": s.get("instability_rate_all_windows"),
        "counted": [k for k, w in enumerate(s.get("windows") or []) if w.get("counted")],
        "risk_group": s.get("risk_group"),
        "unstable_windows": s.get("unstable_windows"),
        "counted_windows": s.get("counted_windows"),
        "p_unstable": [w.get("p_unstable") for w in s.get("windows") or []],
        "video_sha256": (report.get("recording") or {}).get("sha256"),
        "model_sha256": (s.get("model") or {}).get("sha256"),
    }


def export_report(report: dict[str, Any], pdf_path: str | os.PathLike[str], *, operator: str | None = None,
                  notes: str | None = None, conclusion: str | None = None, created: str | None = None,
                  language: str | None = None, progress: ProgressFn | None = None,
                  should_cancel: CancelFn | None = None) -> dict[str, Any]:
    """Write the PDF of ``report`` with the sign-off fields to ``pdf_path`` (atomically).

    ``language`` (``"en"``, ``"zh-TW"``; None: the current one) is the PDF's language only:
    the numbers, the returned dict and what a study stores are the same in every language.

    ``created`` (default: now) is the report's creation time; the analysis time
    goes to ``analysed``. Returns ``pdf_path``, ``pdf_sha256``, ``video_sha256``,
    ``model_sha256``, the sign-off fields as written, ``created``, ``analysed`` and
    ``numbers`` (:func:`report_numbers`).
    Raises :class:`GaitScreenError` for a bad report or an unwritable folder.
    """
    signed = signed_report(report, operator=operator, notes=notes, conclusion=conclusion,
                           created=created or now_text())
    path = build_pdf(signed, pdf_path, progress=progress, should_cancel=should_cancel, language=language)
    numbers = report_numbers(signed)
    return {
        "pdf_path": str(path),
        "pdf_sha256": sha256_file(path),
        "video_sha256": numbers["video_sha256"] or "",
        "model_sha256": numbers["model_sha256"] or "",
        "operator": signed["sign_off"]["operator"],
        "notes": signed["sign_off"]["notes"],
        "conclusion": signed["sign_off"]["conclusion"],
        "created": signed["created"],
        "analysed": signed.get("analysed"),
        "numbers": numbers,
    }


def _safe(text: Any) -> str:
    return re.sub(r"[^\w.\-]+", "_", str(text or "")).strip("_") or "report"


def next_report_path(folder: str | os.PathLike[str], patient_code: str, test_date: str | None) -> Path:
    """``folder/<patient code>_<date>_<n>.pdf`` with the first ``n`` (1, 2, …) not yet taken."""
    folder = Path(folder)
    stem = f"{_safe(patient_code)}_{_safe(test_date or 'undated')}"
    n = 1
    while (folder / f"{stem}_{n}.pdf").exists():
        n += 1
    return folder / f"{stem}_{n}.pdf"


def _free(folder: Path, name: str) -> Path:
    """``folder/name``, or ``<stem>_<n>.pdf`` with the first free ``n`` when it is taken."""
    if not (folder / name).exists():
        return folder / name
    stem = Path(name).stem.rsplit("_", 1)[0]
    n = 2
    while (folder / f"{stem}_{n}.pdf").exists():
        n += 1
    return folder / f"{stem}_{n}.pdf"


class ReportStudy(Protocol):
    """What :func:`export_to_study` needs of a writable study (:class:`gaitscreen.storage.Study` meets it)."""

    def analysis(self, recording_id: int) -> AnalysisRecord | None: ...
    def load_report(self, rec: AnalysisRecord | int) -> dict[str, Any]: ...
    def new_report_path(self, analysis_id: int) -> Path: ...
    def add_report(self, analysis_id: int, pdf_path: str | os.PathLike[str], *, operator: str = "",
                   notes: str = "", conclusion: str = "") -> ReportRecord: ...


def export_to_study(study: ReportStudy, recording_id: int, *, operator: str | None = None, notes: str | None = None,
                    conclusion: str | None = None, folder: str | os.PathLike[str] | None = None,
                    language: str | None = None, progress: ProgressFn | None = None,
                    should_cancel: CancelFn | None = None) -> dict[str, Any]:
    """Export the latest analysis of a recording into ``study`` and add its report row.

    ``study`` is a writable :class:`gaitscreen.storage.Study`. The PDF goes to the
    study's ``reports`` folder, or to ``folder`` when one is chosen (the study then
    keeps a copy in ``reports/`` with the row, so the study stays complete); if the
    row cannot be added, the PDF written here is removed again. ``language``: the PDF's
    (:func:`export_report`). Returns
    :func:`export_report`'s dict (``pdf_path``: where the user asked) plus
    ``record`` (the ReportRecord) and ``analysis_id``.
    """
    analysis = study.analysis(recording_id)
    if analysis is None:
        raise GaitScreenError("This recording has not been analysed yet; analyse it before exporting a report.")
    report = study.load_report(analysis)
    path = Path(study.new_report_path(analysis.id))  # reports/<patient code>_<date>_<n>.pdf
    if folder is not None:
        if not Path(folder).is_dir():
            raise GaitScreenError(f"The folder {folder} does not exist; choose another folder for the report.")
        path = _free(Path(folder), path.name)
    path.parent.mkdir(parents=True, exist_ok=True)
    result = export_report(report, path, operator=operator, notes=notes, conclusion=conclusion,
                           language=language, progress=progress, should_cancel=should_cancel)
    try:
        record = study.add_report(analysis.id, path, operator=result["operator"], notes=result["notes"],
                                  conclusion=result["conclusion"])
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return dict(result, record=record, analysis_id=analysis.id)
