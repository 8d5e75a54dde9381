"""The one-recording PDF of a chair-stand or balance analysis (the tandem walk has :mod:`.pdf`).

It shows what the JSON report holds, in the order an examiner checks it: whether
the recording met the protocol, the events found (the marks, and who set each),
the times and SPPB points they give, the values an examiner corrected by hand
(before and after), and what produced each number (file sha256, the pose model,
GaitScreen's version). The styles, tables and signature block are the tandem-walk
report's own (imported, not copied).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, KeepTogether, PageTemplate, Spacer

from ..callbacks import CancelFn, ProgressFn, check_cancel, no_progress
from ..errors import GaitScreenError
from ..fileio import atomic_output
from . import details
from .pdf import _NumberedCanvas
from .sections import Story, grid, heading, key_values
from .styles import FONT, PAGE_MARGIN, para, printable, pdf_target

TITLES = {"chair-stand": "Five-times chair stand", "balance": "Standing balance (SPPB stances)"}
_KIND_WORDS = {"rise_start": "rise onset", "stand": "full stand", "sit_start": "sitting down", "seated": "seated",
               "arm_use": "arms used", "incomplete": "incomplete stand", "start": "start (set by hand)",
               "stance_start": "stance start", "stance_end": "stance end", "support": "support used"}


class PerformancePdfError(GaitScreenError):
    """The performance report cannot be written as a PDF."""


def _fmt(value: Any, digits: int = 2, unit: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.{digits}f}{(' ' + unit) if unit else ''}"
    return f"{value}{(' ' + unit) if unit else ''}"


def _header(r: dict[str, Any], width: float) -> Story:
    prov = r.get("provenance") or {}
    out: Story = [para(TITLES[r["test"]], "title"),
                  key_values([("Recording", prov.get("recording") or prov.get("file") or "—"),
                              ("Assessable", "yes" if r.get("assessable") else f"no: {r.get('reason') or ''}")],
                             width)]
    return out


def _protocol(r: dict[str, Any], width: float) -> Story:
    rows = [["Check", "Result", "Value", "Why"]]
    for c in (r.get("protocol") or {}).get("checks") or []:
        rows.append([str(c.get("code", "")).replace("_", " "), c.get("status", ""), _fmt(c.get("value"), 3),
                     c.get("message") or ""])
    return [heading("Protocol check"), grid(rows, [40 * mm, 18 * mm, 20 * mm, width - 78 * mm])]


def _events(r: dict[str, Any], width: float) -> Story:
    section = r.get("chair_stand" if r["test"] == "chair-stand" else "balance") or {}
    rows = [["#", "Event", "Stance", "Time (s)", "Set by"]]
    marks = sorted(section.get("marks") or [], key=lambda m: (m["time_s"], m["kind"]))
    for i, m in enumerate(marks, 1):
        rows.append([str(i), _KIND_WORDS.get(m["kind"], m["kind"]), (m.get("detail") or "").replace("_", "-"),
                     f"{float(m['time_s']):.3f}", "examiner" if m.get("source") == "examiner" else "analysis"])
    out: Story = [heading("Events found"), grid(rows, [10 * mm, 40 * mm, 30 * mm, 22 * mm, width - 102 * mm])]
    deleted = r.get("deleted_marks") or []
    if deleted:
        out.append(para("Deleted by the examiner: " + "; ".join(
            f"{_KIND_WORDS.get(m['kind'], m['kind'])} at {float(m['time_s']):.3f} s" for m in deleted) + ".", "muted"))
    return out


def _results(r: dict[str, Any], width: float) -> Story:
    sppb = r.get("sppb") or {}
    if r["test"] == "chair-stand":
        cs = r.get("chair_stand") or {}
        flags = cs.get("flags") or {}
        pairs = [("Time, first rise to fifth stand", _fmt(cs.get("time_s"), 2, "s")),
                 ("Stands", _fmt(cs.get("stands"))),
                 ("Repetition times", ", ".join(f"{float(x):.2f}" for x in cs.get("repetitions") or []) or "—"),
                 *((k.replace("_", " "), _fmt(v)) for k, v in flags.items()),
                 ("SPPB chair-stand points", _fmt(sppb.get("chair_stand_points")))]
    else:
        b = r.get("balance") or {}
        pairs = [(f"{k.replace('_', '-')} hold", _fmt(v, 2, "s")) for k, v in (b.get("holds_s") or {}).items()]
        pairs.append(("SPPB balance points", _fmt(sppb.get("balance_points"))))
    return [heading("Times and points"), key_values(pairs, width, 60 * mm)]


def _corrections(r: dict[str, Any], width: float) -> Story:
    fixes = r.get("corrections") or {}
    if not fixes:
        return [heading("Values corrected by hand"), para("None: every value is the analysis's own.", "body")]
    rows = [["Value", "Analysis", "Corrected", "By"]]
    for path, c in sorted(fixes.items()):
        rows.append([path, _fmt(c.get("before"), 3), _fmt(c.get("after"), 3), r.get("examiner") or "examiner"])
    return [heading("Values corrected by hand"), grid(rows, [60 * mm, 30 * mm, 30 * mm, width - 120 * mm])]


def _provenance(r: dict[str, Any], width: float) -> Story:
    prov = r.get("provenance") or {}
    pose = prov.get("pose_model")
    pose_name = pose.get("name") if isinstance(pose, dict) else pose
    pose_sha = (pose.get("sha256") if isinstance(pose, dict) else None) or prov.get("pose_model_sha256")
    pairs = [("File sha256", prov.get("video_sha256") or prov.get("file_sha256") or "—"),
             ("Skeleton from", prov.get("skeleton_source") or f"pose model {pose_name or '—'}"),
             ("Pose model sha256", pose_sha or "—"),
             ("Frames, fps", f"{prov.get('frames', '—')}, {_fmt(prov.get('fps'), 2)}"),
             ("Times and points", f"GaitScreen {prov.get('gaitscreen_version') or ''}: marks found on the skeleton, "
                                  "times and points computed from the marks"
                                  + (" after the examiner's corrections" if r.get("corrections") else ""))]
    return [heading("What produced these numbers"), key_values(pairs, width, 42 * mm)]


def write_performance_pdf(report: dict[str, Any], path: Path, *, progress: ProgressFn | None = None,
                          should_cancel: CancelFn | None = None) -> Path:
    """Write the PDF of one chair-stand or balance report (``core.performance``) to ``path`` (atomically)."""
    progress = progress or no_progress
    if report.get("test") not in TITLES:
        raise PerformancePdfError("Only a chair-stand or balance analysis has this report; "
                                  "write a tandem-walk report with the ordinary --pdf.")
    path = pdf_target(path, lambda folder: PerformancePdfError(
        f"Cannot write the report: the folder {folder} does not exist."))
    width = A4[0] - 2 * PAGE_MARGIN
    parts = [_header, _protocol, _events, _results, _corrections, _provenance,
             lambda r, w: [Spacer(1, 6), KeepTogether(details.signature_block(w, r))]]
    story: list = []
    for i, part in enumerate(parts):
        check_cancel(should_cancel)
        progress(i, len(parts), "Composing the report")
        story.extend(part(report, width))
    prov = report.get("provenance") or {}
    program = f"GaitScreen {prov.get('gaitscreen_version') or ''}".strip()
    footer = printable(f"{program} · {TITLES[report['test']]} · {prov.get('recording') or ''}")
    with atomic_output(path) as tmp:
        doc = BaseDocTemplate(str(tmp), pagesize=A4, leftMargin=PAGE_MARGIN, rightMargin=PAGE_MARGIN,
                              topMargin=PAGE_MARGIN, bottomMargin=PAGE_MARGIN, invariant=1,
                              title=printable(TITLES[report["test"]]), author=program, creator=program,
                              initialFontName=FONT)
        frame = Frame(PAGE_MARGIN, PAGE_MARGIN, width, A4[1] - 2 * PAGE_MARGIN, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        doc.build(story, canvasmaker=partial(_NumberedCanvas, footer=footer, pdf_date=None))
    progress(len(parts), len(parts), "Report written")
    return path
