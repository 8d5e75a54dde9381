"""The visit PDF: the sarcopenia assessment of one visit, rendered from the visit report dict.

Every number comes from the dict of :func:`.visit_report.visit_report` (the JSON
written beside it), so the JSON carries every number the PDF shows. The page layout,
fonts, tables and the signature block are the screening report's (:mod:`.sections`,
:mod:`.details`); the output is deterministic (reportlab's invariant mode, the PDF
date from the dict's ``created`` time).
"""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, KeepTogether, PageTemplate, Spacer

from ..assessment.cutoffs import SOURCES
from ..callbacks import CancelFn, ProgressFn, check_cancel, no_progress
from ..errors import GaitScreenError
from ..fileio import atomic_output
from . import details
from . import text as T
from .pdf import _NumberedCanvas
from .sections import Story, boxed, grid, heading, key_values
from .styles import FONT, NEUTRAL_BG, PAGE_MARGIN, RULE, WARN, WARN_BG, para, printable, register_fonts
from .visit_report import VISIT_FORMAT, VISIT_VERSION

TITLE = "Visit report: sarcopenia assessment"
MEASURE_NAMES = {"calf_circumference_cm": "calf circumference", "sarc_f_total": "SARC-F total",
                 "sarc_calf_total": "SARC-CalF total", "handgrip_kg": "grip strength", "gait_speed_m_per_s": "gait speed",
                 "sppb_score": "SPPB score", "chair_stand_s": "five-times chair stand", "asm_index_dxa": "ASM/height² (DXA)",
                 "asm_index_bia": "ASM/height² (BIA)"}
_PROTOCOL_NAMES = {"usual-walk": "Usual-pace walk", "tandem-walk": "Tandem walk", "chair-stand": "Five-times chair stand",
                   "balance": "Standing balance"}


def value_text(value: Any, unit: str = "") -> str:
    """A value as the PDF prints it (lists of trials joined; missing shown as such)."""
    if value is None:
        return T.NA
    if isinstance(value, list):
        return ", ".join(value_text(v) for v in value) + (f" {unit}" if unit else "")
    if isinstance(value, float):
        return f"{value:g}" + (f" {unit}" if unit else "")
    return f"{value}" + (f" {unit}" if unit else "")


def _header(r: dict[str, Any], width: float) -> Story:
    p, v = r.get("patient") or {}, r.get("visit") or {}
    sw = r.get("software") or {}
    pairs = [("Patient", p.get("id") or T.NA), ("Sex", T.sex_text(p.get("sex"))),
             ("Age at visit", value_text(p.get("age"), "years")), ("Height", value_text(p.get("height_cm"), "cm")),
             ("Visit", f"{v.get('date') or T.NA} {v.get('time') or ''}".strip()),
             ("Operator", v.get("operator") or T.NOT_RECORDED)]
    out: Story = [para(TITLE, "title"),
                  para(f"{sw.get('name') or 'GaitScreen'} {sw.get('version') or ''} · report created "
                       f"{T.created_text(r.get('created'))}", "subtitle"), key_values(pairs, width)]
    if v.get("notes"):
        out += [para(f"Visit notes: {v['notes']}", "muted")]
    return out + [Spacer(1, 4)]


def _conclusions(r: dict[str, Any], width: float) -> Story:
    out: Story = [heading("Conclusions")]
    for name, a in ((r.get("assessment") or {}).get("assessments") or {}).items():
        inner: Story = [para(f"{name}: {a.get('conclusion')}", "h3"), para(a.get("statement") or "", "body")]
        for m in a.get("missing") or []:
            inner.append(para(f"Missing: {m[0].upper() + m[1:]}.", "body"))
        out += [boxed(inner, width, background=NEUTRAL_BG, border=RULE, pad=5), Spacer(1, 3)]
    note = (r.get("assessment") or {}).get("note")
    if note:
        out.append(para(note, "muted"))
    return out


def _assessment_tables(r: dict[str, Any], width: float) -> Story:
    out: Story = [heading("Assessment against the cut-offs")]
    widths = [w * mm for w in (34, 34, 20, 36, 18)]
    widths.append(width - sum(widths))
    for name, a in ((r.get("assessment") or {}).get("assessments") or {}).items():
        rows = [["Criterion", "Measure", "Value", "Cut-off (sex-specific)", "Status", "Value from"]]
        shade = []
        for c in a.get("criteria") or []:
            for i, m in enumerate(c.get("measures") or []):
                rows.append([f"{c['label']} ({c['status']})" if i == 0 else "",
                             MEASURE_NAMES.get(m["measure"], m["measure"]), value_text(m.get("value"), m.get("unit") or ""),
                             m.get("cutoff") or "", m.get("status") or "",
                             m.get("note") or m.get("input_source") or T.NA])
                if m.get("status") == "met":
                    shade.append(len(rows) - 1)
        out += [para(name, "h3"), grid(rows, widths, shade=shade),
                para(f"Cut-offs: {SOURCES.get(name, name)}.", "muted"), Spacer(1, 3)]
    return out


def _sppb(r: dict[str, Any], width: float) -> Story:
    s = r.get("sppb") or {}
    rows = [["Component", "Value", "Points", "Source"]]
    for c in s.get("components") or []:
        v = c.get("value") or {}
        if c["name"] == "balance":
            shown = "; ".join(f"{k.replace('_', '-')} {T.fmt(x, 2, 's')}" for k, x in v.items())
        elif v.get("unable"):
            shown = "unable"
        else:  # times to 0.01 s, as the SPPB records them (the JSON keeps the measured value)
            shown = T.fmt(v.get("time_s"), 2, "s")
        src = c.get("source") or {}
        where = T.NA if not src else f"{src.get('kind')}: {src.get('recording') or src.get('by') or ''}".strip()
        rows.append([c["name"].replace("_", " "), shown, value_text(c.get("points")), where])
    rows.append(["total (0-12)", "", value_text(s.get("total")), "sum of the components" if s.get("total")
                 is not None else "not every component measured"])
    out: Story = [heading("Short Physical Performance Battery"),
                  grid(rows, [30 * mm, 52 * mm, 16 * mm, width - 98 * mm])]
    if s.get("score") is not None:
        out.append(para(f"SPPB score used in the assessment: {value_text(s['score'])} points ({s.get('score_source')}).",
                        "body"))
    for n in s.get("notes") or []:
        out.append(para(n, "muted"))
    return out


def _measurements(r: dict[str, Any], width: float) -> Story:
    rows = [["Measure", "Value", "Source"]]
    rows += [[m["measure"], value_text(m.get("value"), m.get("unit") or ""), m.get("source") or ""]
             for m in r.get("measurements") or []]
    if len(rows) == 1:
        return [heading("Measurements"), para("No measurement was entered for this visit.", "muted")]
    return [heading("Measurements"), grid(rows, [46 * mm, 34 * mm, width - 80 * mm])]


def _tests(r: dict[str, Any], width: float) -> Story:
    out: Story = [heading("Tests of the visit")]
    if not r.get("tests"):
        return out + [para("No analysed recording belongs to this visit.", "muted")]
    for t in r["tests"]:
        pc = t.get("protocol_check") or {}
        verdict = "assessable" if pc.get("assessable") else "not assessable"
        failed = ", ".join(pc.get("failed") or []) or "none"
        inner: Story = [para(f"{_PROTOCOL_NAMES.get(t['protocol'], t['protocol'])}: recording {t['recording_id']} "
                             f"({t.get('file')}, sha256 {T.short_hash(t.get('video_sha256'))})", "h3"),
                        para(f"Protocol check: {verdict}; failed checks: {failed}.", "body")]
        rows = [["Value", "Measured", "Against the cut-offs"]]
        for v in t.get("values") or []:
            against = "; ".join(f"{a['guideline']} {a['cutoff']}: {a['status']}" for a in v.get("against") or [])
            rows.append([v["name"], value_text(v.get("value"), v.get("unit") or ""),
                         v.get("note") or against or ""])
        if len(rows) > 1:
            inner.append(grid(rows, [42 * mm, 30 * mm, width - 72 * mm]))
        if t.get("calibration"):
            inner.append(para(f"Floor calibration {t['calibration'].get('name')} (sha256 "
                              f"{T.short_hash(t['calibration'].get('sha256'))}).", "muted"))
        out += [KeepTogether(inner), Spacer(1, 3)]
    return out


def _corrections(r: dict[str, Any], width: float) -> Story:
    """Which values an examiner changed by moving or deleting a mark (none: no section)."""
    rows = [["Recording", "Value", "Found", "Corrected", "Examiner"]]
    for t in r.get("tests") or []:
        for c in t.get("corrected_by_examiner") or []:
            rows.append([f"{_PROTOCOL_NAMES.get(t['protocol'], t['protocol'])} {t['recording_id']}",
                         c["value"].replace("_", " "), value_text(c.get("before")), value_text(c.get("after")),
                         c.get("examiner") or ""])
    if len(rows) == 1:
        return []
    return [heading("Values corrected by hand"),
            para("The examiner moved or deleted marks the analysis found; these values were recomputed "
                 "from the corrected marks.", "body"),
            grid(rows, [34 * mm, 50 * mm, 22 * mm, 22 * mm, width - 128 * mm])]


def _research(r: dict[str, Any], width: float) -> Story:
    if not r.get("research"):
        return []
    out: Story = [heading("Research measure (not part of the assessment)")]
    for x in r["research"]:
        out.append(boxed([para(f"Tandem walk, recording {x['recording_id']}: R = "
                               f"{T.rate_text(x.get('instability_rate'))}. {x['label'][0].upper()}{x['label'][1:]}.",
                               "body")], width, background=WARN_BG, border=WARN, pad=5))
    return out


def _provenance(r: dict[str, Any], width: float) -> Story:
    rows = [["Used", "Name", "sha256"]]
    rows += [[m.get("role") or "model", f"{m.get('name')} {m.get('version') or ''}".strip()
              + (" (trained on synthetic data)" if m.get("synthetic") else ""), para(str(m.get("sha256")), "mono")]
             for m in r.get("models") or []]
    rows += [["floor calibration", c.get("name") or "", para(str(c.get("sha256")), "mono")]
             for c in r.get("calibrations") or []]
    out: Story = [heading("Models and calibrations used")]
    out += [grid(rows, [32 * mm, 50 * mm, width - 82 * mm])] if len(rows) > 1 else \
        [para("No model or calibration was used: every value was entered by hand.", "muted")]
    for n in r.get("notes") or []:
        out.append(para(n, "muted"))
    return out


def _check(r: Any) -> None:
    if not isinstance(r, dict) or r.get("format") != VISIT_FORMAT:
        raise GaitScreenError("Not a GaitScreen visit report (it must be the dict of visit_report).")
    if not isinstance(r.get("version"), int) or r["version"] > VISIT_VERSION:
        raise GaitScreenError(f"Visit report version {r.get('version')!r} is newer than this GaitScreen can print.")


def build_visit_pdf(report: dict[str, Any], path: str | os.PathLike[str], *, progress: ProgressFn | None = None,
                    should_cancel: CancelFn | None = None) -> Path:
    """Render the visit report dict to ``path`` (atomically: no partial file on failure)."""
    _check(report)
    progress = progress or no_progress
    path = Path(path)
    if not path.parent.is_dir():
        raise GaitScreenError(f"Cannot write the visit report: the folder {path.parent} does not exist.")
    register_fonts()
    width = A4[0] - 2 * PAGE_MARGIN
    parts = [_header, _conclusions, _assessment_tables, _sppb, _measurements, _tests, _corrections, _research,
             _provenance,
             lambda r, w: [KeepTogether(details.signature_block(w, r))]]
    story: list = []
    for i, part in enumerate(parts):
        check_cancel(should_cancel)
        progress(i, len(parts) + 1, "Composing the visit report")
        story.extend(part(report, width))
    patient = (report.get("patient") or {}).get("id") or ""
    date = (report.get("visit") or {}).get("date") or ""
    sw = report.get("software") or {}
    program = f"{sw.get('name') or 'GaitScreen'} {sw.get('version') or ''}".strip()
    footer = printable(f"{program} · Patient {patient} · visit {date}")
    with atomic_output(path) as tmp:
        doc = BaseDocTemplate(str(tmp), pagesize=A4, leftMargin=PAGE_MARGIN, rightMargin=PAGE_MARGIN,
                              topMargin=PAGE_MARGIN, bottomMargin=PAGE_MARGIN, invariant=1,
                              title=printable(f"{TITLE} – {patient}"), author=program, creator=program,
                              subject=printable(f"Visit report for patient {patient}, {date}"), lang="en",
                              initialFontName=FONT)
        frame = Frame(PAGE_MARGIN, PAGE_MARGIN, width, A4[1] - 2 * PAGE_MARGIN, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=lambda *_: check_cancel(should_cancel))])
        progress(len(parts), len(parts) + 1, "Laying out the pages")
        doc.build(story, canvasmaker=partial(_NumberedCanvas, footer=footer, pdf_date=T.pdf_date(report.get("created"))))
    progress(len(parts) + 1, len(parts) + 1, "Visit report written")
    return path
