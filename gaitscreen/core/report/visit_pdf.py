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

from ..analysis.protocol_words import check_name, check_text, stored_text
from ..assessment.cutoffs import SOURCES
from ..assessment.evaluate import LABELS
from ..i18n import N_, _, current_language, format_date
from ..callbacks import CancelFn, ProgressFn, check_cancel
from ..errors import GaitScreenError
from ..fileio import atomic_output
from . import details
from . import text as T
from .gait_chart import gait_chart
from .pdf import _NumberedCanvas
from .protocol_table import STATUS_WORDS
from .sections import Story, boxed, grid, heading, key_values
from .styles import FONT, NEUTRAL_BG, PAGE_MARGIN, RULE, WARN, WARN_BG, para, printable, render_report
from .visit_report import VISIT_FORMAT, VISIT_VERSION
from .visit_words import MEASURE_NAMES, cutoff_text, value_text, worded_assessment

TITLE = N_("Visit report: sarcopenia assessment")
_PROTOCOL_NAMES = {"usual-walk": N_("Usual-pace walk"), "tandem-walk": N_("Tandem walk"),
                   "chair-stand": N_("Five-times chair stand"), "balance": N_("Standing balance")}
#: Names of the manual measurements as visit_report stores them (English data).
_ROW_NAMES = (N_("handgrip (best)"), N_("calf circumference"), N_("SARC-F total"), N_("ASM / height²"),
              N_("height"), N_("age"), N_("five-times chair stand"), N_("gait speed (usual pace)"), N_("SPPB score"),
              N_("computed"), N_("years"), N_("right"), N_("left"), N_("strength"), N_("assistance walking"),
              N_("rise from chair"), N_("climb stairs"), N_("falls"), N_("side-by-side"), N_("semi-tandem"),
              N_("tandem"), N_("gait speed"), N_("chair stand"), N_("balance"))


def _row_name(name: str) -> str:
    """A stored measurement name in the reader's language (patterned names part by part)."""
    if name.startswith("handgrip ") and name.endswith(" (trials)"):
        return _("handgrip {hand} (trials)").format(hand=_(name[len("handgrip "):-len(" (trials)")]))
    if name.startswith("SARC-F ") and name != "SARC-F total":
        return "SARC-F " + _(name[len("SARC-F "):])
    if name.startswith("ASM (") and name.endswith(")"):
        return "ASM (" + name[5:]
    if name.endswith(" stance held"):
        return _("{stance} stance held").format(stance=_(name[:-len(" stance held")]))
    return _(name)


#: Value names of a test entry → the measure key of their cut-offs.
_MEASURE_KEYS = {"gait speed": "gait_speed_m_per_s", "five-times chair stand": "chair_stand_s"}
N_("sum of the components"), N_("model"), N_("stability classifier"), N_("pose"), N_("measured"), N_("entered")
N_("SARC-F + calf circumference")


def _source(r: dict[str, Any], text: Any) -> str:
    """A stored source (a recording, a calibration, who entered a value) in the reader's language."""
    return stored_text(text, r.get("source_wording"))


def _protocol(name: str) -> str:
    return _(_PROTOCOL_NAMES.get(name, name))





def _header(r: dict[str, Any], width: float) -> Story:
    p, v = r.get("patient") or {}, r.get("visit") or {}
    sw = r.get("software") or {}
    date = format_date(v.get("date")) if v.get("date") else _(T.NA)
    pairs = [(_("Patient"), p.get("id") or _(T.NA)), (_("Sex"), T.sex_text(p.get("sex"))),
             (_("Age at visit"), value_text(p.get("age"), "years")), (_("Height"), value_text(p.get("height_cm"), "cm")),
             (_("Visit"), f"{date} {v.get('time') or ''}".strip()),
             (_("Operator"), v.get("operator") or _(T.NOT_RECORDED))]
    out: Story = [para(_(TITLE), "title"),
                  para(_("{program} · report created {created}").format(
                      program=f"{sw.get('name') or 'GaitScreen'} {sw.get('version') or ''}".strip(),
                      created=T.created_text(r.get('created'))), "subtitle"), key_values(pairs, width)]
    if v.get("notes"):
        out += [para(_("Visit notes: {notes}").format(notes=v['notes']), "muted")]
    return out + [Spacer(1, 4)]


def _conclusions(r: dict[str, Any], width: float) -> Story:
    out: Story = [heading(_("Conclusions"))]
    for name, a in ((r.get("assessment") or {}).get("assessments") or {}).items():
        conclusion, statement, missing = worded_assessment(name, a)
        inner: Story = [para(f"{name}: {conclusion}", "h3"), para(statement, "body")]
        for m in missing:
            inner.append(para(_("Missing: {what}.").format(what=m[0].upper() + m[1:]), "body"))
        out += [boxed(inner, width, background=NEUTRAL_BG, border=RULE, pad=5), Spacer(1, 3)]
    note = (r.get("assessment") or {}).get("note")
    if note:
        out.append(para(T.stored(note), "muted"))
    return out








def _assessment_tables(r: dict[str, Any], width: float) -> Story:
    out: Story = [heading(_("Assessment against the cut-offs"))]
    widths = [w * mm for w in (34, 34, 20, 36, 18)]
    widths.append(width - sum(widths))
    sex = (r.get("patient") or {}).get("sex")
    for name, a in ((r.get("assessment") or {}).get("assessments") or {}).items():
        rows = [[_("Criterion"), _("Measure"), _("Value"), _("Cut-off (sex-specific)"), _("Status"), _("Value from")]]
        shade = []
        for c in a.get("criteria") or []:
            label = T.stored(LABELS.get(c.get("criterion"), c.get("label")))
            for i, m in enumerate(c.get("measures") or []):
                rows.append([f"{label} ({_(c['status'])})" if i == 0 else "",
                             _(MEASURE_NAMES.get(m["measure"], m["measure"])),
                             value_text(m.get("value"), m.get("unit") or ""),
                             cutoff_text(name, m["measure"], sex, m.get("cutoff") or ""), T.stored(m.get("status")),
                             _source(r, m.get("note") or m.get("input_source")) or _(T.NA)])
                if m.get("status") == "met":
                    shade.append(len(rows) - 1)
        out += [para(name, "h3"), grid(rows, widths, shade=shade),
                para(_("Cut-offs: {source}.").format(source=SOURCES.get(name, name)), "muted"), Spacer(1, 3)]
    return out


def _sppb(r: dict[str, Any], width: float) -> Story:
    s = r.get("sppb") or {}
    rows = [[_("Component"), _("Value"), _("Points"), _("Source")]]
    for c in s.get("components") or []:
        v = c.get("value") or {}
        if c["name"] == "balance":
            shown = _("; ").join(f"{_(k.replace('_', '-'))} {T.fmt(x, 2, 's')}" for k, x in v.items())
        elif v.get("unable"):
            shown = _("unable")
        else:  # times to 0.01 s, as the SPPB records them (the JSON keeps the measured value)
            shown = T.fmt(v.get("time_s"), 2, "s")
        src = c.get("source") or {}
        where = _(T.NA) if not src else \
            f"{T.stored(src.get('kind'))}: {_source(r, src.get('recording') or src.get('by') or '')}".strip()
        rows.append([_(c["name"].replace("_", " ")), shown, value_text(c.get("points")), where])
    rows.append([_("total (0-12)"), "", value_text(s.get("total")), _("sum of the components") if s.get("total")
                 is not None else _("not every component measured")])
    out: Story = [heading(_("Short Physical Performance Battery")),
                  grid(rows, [30 * mm, 52 * mm, 16 * mm, width - 98 * mm])]
    if s.get("score") is not None:
        out.append(para(_("SPPB score used in the assessment: {score} points ({source}).").format(
            score=value_text(s['score']), source=_source(r, s.get('score_source'))), "body"))
    for n in s.get("notes") or []:
        out.append(para(T.stored(n), "muted"))
    return out


def _measurements(r: dict[str, Any], width: float) -> Story:
    rows = [[_("Measure"), _("Value"), _("Source")]]
    rows += [[_row_name(m["measure"]), value_text(m.get("value"), m.get("unit") or ""), _source(r, m.get("source"))]
             for m in r.get("measurements") or []]
    if len(rows) == 1:
        return [heading(_("Measurements")), para(_("No measurement was entered for this visit."), "muted")]
    return [heading(_("Measurements")), grid(rows, [46 * mm, 34 * mm, width - 80 * mm])]


def _tests(r: dict[str, Any], width: float) -> Story:
    out: Story = [heading(_("Tests of the visit"))]
    if not r.get("tests"):
        return out + [para(_("No analysed recording belongs to this visit."), "muted")]
    sex = (r.get("patient") or {}).get("sex")
    for t in r["tests"]:
        pc = t.get("protocol_check") or {}
        verdict = _("assessable") if pc.get("assessable") else _("not assessable")
        failed = ", ".join(check_name(code) for code in pc.get("failed") or []) or _("none")
        inner: Story = [para(_("{test}: recording {id} ({file}, sha256 {sha})").format(
                            test=_protocol(t['protocol']), id=t['recording_id'], file=t.get('file'),
                            sha=T.short_hash(t.get('video_sha256'))), "h3"),
                        para(_("Protocol check: {verdict}; failed checks: {failed}.").format(
                            verdict=verdict, failed=failed), "body")]
        inner += [para(_("{check} ({status}): {text}").format(
                      check=check_name(c.get("code")), status=_(STATUS_WORDS[c["status"]]), text=check_text(c)),
                      "muted")
                  for c in pc.get("checks") or [] if c.get("status") in ("warn", "fail") and check_text(c)]
        rows = [[_("Value"), _("Measured"), _("Against the cut-offs")]]
        for v in t.get("values") or []:
            against = "; ".join(f"{a['guideline']} {cutoff_text(a['guideline'], _MEASURE_KEYS.get(v['name'], ''), sex, a['cutoff'])}"
                                f": {T.stored(a['status'])}" for a in v.get("against") or [])
            rows.append([_row_name(v["name"]), value_text(v.get("value"), v.get("unit") or ""),
                         T.stored(v.get("note")) or against or ""])
        if len(rows) > 1:
            inner.append(grid(rows, [42 * mm, 30 * mm, width - 72 * mm]))
        if t.get("calibration"):
            inner.append(para(_("Floor calibration {name} (sha256 {sha}).").format(
                name=t['calibration'].get('name'), sha=T.short_hash(t['calibration'].get('sha256'))), "muted"))
        if t.get("timeline"):
            inner += [Spacer(1, 2), gait_chart(t["timeline"], width=width)]
        out += [KeepTogether(inner), Spacer(1, 3)]
    return out


def _corrections(r: dict[str, Any], width: float) -> Story:
    """Which values an examiner changed by moving or deleting a mark (none: no section)."""
    rows = [[_("Recording"), _("Value"), _("Found"), _("Corrected"), _("Examiner")]]
    for t in r.get("tests") or []:
        for c in t.get("corrected_by_examiner") or []:
            rows.append([f"{_protocol(t['protocol'])} {t['recording_id']}",
                         _(c["value"].replace("_", " ")), value_text(c.get("before")), value_text(c.get("after")),
                         c.get("examiner") or ""])
    if len(rows) == 1:
        return []
    return [heading(_("Values corrected by hand")),
            para(_("The examiner moved or deleted marks the analysis found; these values were recomputed "
                   "from the corrected marks."), "body"),
            grid(rows, [34 * mm, 50 * mm, 22 * mm, 22 * mm, width - 128 * mm])]


def _research(r: dict[str, Any], width: float) -> Story:
    if not r.get("research"):
        return []
    out: Story = [heading(_("Research measure (not part of the assessment)"))]
    for x in r["research"]:
        label = T.stored(x['label'])
        out.append(boxed([para(_("Tandem walk, recording {id}: R = {rate}. {label}.").format(
                               id=x['recording_id'], rate=T.rate_text(x.get('instability_rate')),
                               label=label[:1].upper() + label[1:]), "body")], width, background=WARN_BG, border=WARN, pad=5))
    return out


def _provenance(r: dict[str, Any], width: float) -> Story:
    rows = [[_("Used"), _("Name"), "sha256"]]
    rows += [[T.stored(m.get("role")) or _("model"), f"{m.get('name')} {m.get('version') or ''}".strip()
              + (_(" (trained on synthetic data)") if m.get("synthetic") else ""), para(str(m.get("sha256")), "mono")]
             for m in r.get("models") or []]
    rows += [[_("floor calibration"), c.get("name") or "", para(str(c.get("sha256")), "mono")]
             for c in r.get("calibrations") or []]
    out: Story = [heading(_("Models and calibrations used"))]
    out += [grid(rows, [32 * mm, 50 * mm, width - 82 * mm])] if len(rows) > 1 else \
        [para(_("No model or calibration was used: every value was entered by hand."), "muted")]
    for n in r.get("notes") or []:
        out.append(para(stored_text(n, r.get("notes_wording")), "muted"))
    return out


def _check(r: Any) -> None:
    if not isinstance(r, dict) or r.get("format") != VISIT_FORMAT:
        raise GaitScreenError("Not a GaitScreen visit report (it must be the dict of visit_report).")
    if not isinstance(r.get("version"), int) or r["version"] > VISIT_VERSION:
        raise GaitScreenError(f"Visit report version {r.get('version')!r} is newer than this GaitScreen can print.")


def build_visit_pdf(report: dict[str, Any], path: str | os.PathLike[str], *, progress: ProgressFn | None = None,
                    should_cancel: CancelFn | None = None, language: str | None = None) -> Path:
    """Render the visit report dict to ``path`` (atomically: no partial file on failure).

    ``language``: the report's language (None: the current one); the dict is the same in every language."""
    return render_report(report, path, _build, check=_check, missing=lambda folder: GaitScreenError(
        _("Cannot write the visit report: the folder {folder} does not exist.").format(folder=folder)),
        progress=progress, should_cancel=should_cancel, language=language)


def _build(report: dict[str, Any], path: Path, progress: ProgressFn, should_cancel: CancelFn | None) -> Path:
    width = A4[0] - 2 * PAGE_MARGIN
    parts = [_header, _conclusions, _assessment_tables, _sppb, _measurements, _tests, _corrections, _research,
             _provenance,
             lambda r, w: [KeepTogether(details.signature_block(w, r))]]
    story: list = []
    for i, part in enumerate(parts):
        check_cancel(should_cancel)
        progress(i, len(parts) + 1, _("Composing the visit report"))
        story.extend(part(report, width))
    patient = (report.get("patient") or {}).get("id") or ""
    date = (report.get("visit") or {}).get("date") or ""
    date = format_date(date) if date else ""
    sw = report.get("software") or {}
    program = f"{sw.get('name') or 'GaitScreen'} {sw.get('version') or ''}".strip()
    footer = printable(_("{program} · Patient {patient} · visit {date}").format(program=program, patient=patient,
                                                                                date=date))
    with atomic_output(path) as tmp:
        doc = BaseDocTemplate(str(tmp), pagesize=A4, leftMargin=PAGE_MARGIN, rightMargin=PAGE_MARGIN,
                              topMargin=PAGE_MARGIN, bottomMargin=PAGE_MARGIN, invariant=1,
                              title=printable(f"{_(TITLE)} – {patient}"), author=program, creator=program,
                              subject=printable(_("Visit report for patient {patient}, {date}").format(
                                  patient=patient, date=date)), lang=current_language(),
                              initialFontName=FONT)
        frame = Frame(PAGE_MARGIN, PAGE_MARGIN, width, A4[1] - 2 * PAGE_MARGIN, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=lambda *_: check_cancel(should_cancel))])
        progress(len(parts), len(parts) + 1, _("Laying out the pages"))
        doc.build(story, canvasmaker=partial(_NumberedCanvas, footer=footer, pdf_date=T.pdf_date(report.get("created"))))
    progress(len(parts) + 1, len(parts) + 1, _("Visit report written"))
    return path
