"""The one-recording PDF of a chair-stand or balance analysis (the tandem walk has :mod:`.pdf`).

It shows what the JSON report holds, in the order an examiner checks it: whether
the recording met the protocol, the events found (the marks, and who set each),
the times and SPPB points they give, the values an examiner corrected by hand
(before and after), and what produced each number (file sha256, the pose model,
GaitScreen's version). The styles, tables and signature block are the tandem-walk
report's own (imported, not copied).
"""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, KeepTogether, PageTemplate, Spacer

from ..analysis.protocol_words import check_name, check_text
from ..callbacks import CancelFn, ProgressFn, check_cancel
from ..errors import GaitScreenError
from ..fileio import atomic_output
from ..i18n import N_, _, current_language
from ..performance_words import reason_words, stance_words
from . import details
from .pdf import _NumberedCanvas
from .protocol_table import STATUS_WORDS
from .sections import Story, grid, heading, key_values
from .styles import FONT, PAGE_MARGIN, para, printable, render_report

TITLES = {"chair-stand": N_("Five-times chair stand"), "balance": N_("Standing balance (SPPB stances)")}
_KIND_WORDS = {"rise_start": N_("rise onset"), "stand": N_("full stand"), "sit_start": N_("sitting down"),
               "seated": N_("seated"), "arm_use": N_("arms used"), "incomplete": N_("incomplete stand"),
               "start": N_("start (set by hand)"), "stance_start": N_("stance start"),
               "stance_end": N_("stance end"), "support": N_("support used")}
#: The chair stand's flags (stored keys) and the balance stances (stored names, "_" as "-") for a reader.
_FLAG_WORDS = {"fewer_than_five": N_("fewer than five"), "arms_used": N_("arms used"),
               "incomplete_stand": N_("incomplete stand"), "pause": N_("pause")}


class PerformancePdfError(GaitScreenError):
    """The performance report cannot be written as a PDF."""


def _words(table: dict[str, str], key: Any) -> str:
    """A stored key in the reader's language (the key itself when it has no words)."""
    words = table.get(str(key))
    return _(words) if words else str(key)


def _fmt(value: Any, digits: int = 2, unit: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float):
        return f"{value:.{digits}f}{(' ' + unit) if unit else ''}"
    return f"{value}{(' ' + unit) if unit else ''}"


def _header(r: dict[str, Any], width: float) -> Story:
    prov = r.get("provenance") or {}
    assessable = _("yes") if r.get("assessable") else _("no: {reason}").format(reason=reason_words(r))
    out: Story = [para(_(TITLES[r["test"]]), "title"),
                  key_values([(_("Recording"), prov.get("recording") or prov.get("file") or "—"),
                              (_("Assessable"), assessable)], width)]
    return out


def _protocol(r: dict[str, Any], width: float) -> Story:
    rows = [[_("Check"), _("Result"), _("Value"), _("Why")]]
    for c in (r.get("protocol") or {}).get("checks") or []:
        status = str(c.get("status", ""))
        rows.append([check_name(c.get("code", "")), _words(STATUS_WORDS, status), _fmt(c.get("value"), 3),
                     check_text(c)])
    return [heading(_("Protocol check")), grid(rows, [40 * mm, 18 * mm, 20 * mm, width - 78 * mm])]


def _events(r: dict[str, Any], width: float) -> Story:
    section = r.get("chair_stand" if r["test"] == "chair-stand" else "balance") or {}
    rows = [["#", _("Event"), _("Stance"), _("Time (s)"), _("Set by")]]
    marks = sorted(section.get("marks") or [], key=lambda m: (m["time_s"], m["kind"]))
    for i, m in enumerate(marks, 1):
        rows.append([str(i), _words(_KIND_WORDS, m["kind"]), stance_words(m.get("detail")) if m.get("detail") else "",
                     f"{float(m['time_s']):.3f}", _("examiner") if m.get("source") == "examiner" else _("analysis")])
    out: Story = [heading(_("Events found")), grid(rows, [10 * mm, 40 * mm, 30 * mm, 22 * mm, width - 102 * mm])]
    deleted = r.get("deleted_marks") or []
    if deleted:
        out.append(para(_("Deleted by the examiner: {marks}.").format(marks="; ".join(
            _("{event} at {time} s").format(event=_words(_KIND_WORDS, m["kind"]), time=f"{float(m['time_s']):.3f}")
            for m in deleted)), "muted"))
    return out


def _results(r: dict[str, Any], width: float) -> Story:
    sppb = r.get("sppb") or {}
    if r["test"] == "chair-stand":
        cs = r.get("chair_stand") or {}
        flags = cs.get("flags") or {}
        pairs = [(_("Time, first rise to fifth stand"), _fmt(cs.get("time_s"), 2, "s")),
                 (_("Stands"), _fmt(cs.get("stands"))),
                 (_("Repetition times"), ", ".join(f"{float(x):.2f}" for x in cs.get("repetitions") or []) or "—"),
                 *((_words(_FLAG_WORDS, k) if k in _FLAG_WORDS else k.replace("_", " "), _fmt(v))
                   for k, v in flags.items()),
                 (_("SPPB chair-stand points"), _fmt(sppb.get("chair_stand_points")))]
    else:
        b = r.get("balance") or {}
        pairs = [(_("{stance} hold").format(stance=stance_words(k)), _fmt(v, 2, "s"))
                 for k, v in (b.get("holds_s") or {}).items()]
        pairs.append((_("SPPB balance points"), _fmt(sppb.get("balance_points"))))
    return [heading(_("Times and points")), key_values(pairs, width, 60 * mm)]


def _corrections(r: dict[str, Any], width: float) -> Story:
    fixes = r.get("corrections") or {}
    if not fixes:
        return [heading(_("Values corrected by hand")), para(_("None: every value is the analysis's own."), "body")]
    rows = [[_("Value"), _("Analysis"), _("Corrected"), _("By")]]
    for path, c in sorted(fixes.items()):
        rows.append([path, _fmt(c.get("before"), 3), _fmt(c.get("after"), 3), r.get("examiner") or _("examiner")])
    return [heading(_("Values corrected by hand")), grid(rows, [60 * mm, 30 * mm, 30 * mm, width - 120 * mm])]


def _provenance(r: dict[str, Any], width: float) -> Story:
    prov = r.get("provenance") or {}
    pose = prov.get("pose_model")
    pose_name = pose.get("name") if isinstance(pose, dict) else pose
    pose_sha = (pose.get("sha256") if isinstance(pose, dict) else None) or prov.get("pose_model_sha256")
    how = (_("GaitScreen {version}: marks found on the skeleton, times and points computed from the marks after "
             "the examiner's corrections") if r.get("corrections") else
           _("GaitScreen {version}: marks found on the skeleton, times and points computed from the marks"))
    pairs = [(_("File sha256"), prov.get("video_sha256") or prov.get("file_sha256") or "—"),
             (_("Skeleton from"), prov.get("skeleton_source")
              or _("pose model {name}").format(name=pose_name or "—")),
             (_("Pose model sha256"), pose_sha or "—"),
             (_("Frames, fps"), f"{prov.get('frames', '—')}, {_fmt(prov.get('fps'), 2)}"),
             (_("Times and points"), how.format(version=prov.get("gaitscreen_version") or ""))]
    return [heading(_("What produced these numbers")), key_values(pairs, width, 42 * mm)]


def _check(report: Any) -> None:
    if not isinstance(report, dict) or report.get("test") not in TITLES:
        raise PerformancePdfError(_("Only a chair-stand or balance analysis has this report; "
                                    "write a tandem-walk report with the ordinary --pdf."))


def write_performance_pdf(report: dict[str, Any], path: str | os.PathLike[str], *,
                          progress: ProgressFn | None = None, should_cancel: CancelFn | None = None,
                          language: str | None = None) -> Path:
    """Write the PDF of one chair-stand or balance report (``core.performance``) to ``path`` (atomically).

    ``language``: the report's language (None: the current one); the numbers are the same in every language."""
    return render_report(report, path, _build, check=_check, missing=lambda folder: PerformancePdfError(
        _("Cannot write the report: the folder {folder} does not exist.").format(folder=folder)),
        progress=progress, should_cancel=should_cancel, language=language)


def _build(report: dict[str, Any], path: Path, progress: ProgressFn, should_cancel: CancelFn | None) -> Path:
    width = A4[0] - 2 * PAGE_MARGIN
    parts = [_header, _protocol, _events, _results, _corrections, _provenance,
             lambda r, w: [Spacer(1, 6), KeepTogether(details.signature_block(w, r))]]
    story: list = []
    for i, part in enumerate(parts):
        check_cancel(should_cancel)
        progress(i, len(parts), _("Composing the report"))
        story.extend(part(report, width))
    prov = report.get("provenance") or {}
    program = f"GaitScreen {prov.get('gaitscreen_version') or ''}".strip()
    title = _(TITLES[report["test"]])
    footer = printable(f"{program} · {title} · {prov.get('recording') or ''}")
    with atomic_output(path) as tmp:
        doc = BaseDocTemplate(str(tmp), pagesize=A4, leftMargin=PAGE_MARGIN, rightMargin=PAGE_MARGIN,
                              topMargin=PAGE_MARGIN, bottomMargin=PAGE_MARGIN, invariant=1,
                              title=printable(title), author=program, creator=program, lang=current_language(),
                              initialFontName=FONT)
        frame = Frame(PAGE_MARGIN, PAGE_MARGIN, width, A4[1] - 2 * PAGE_MARGIN, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        doc.build(story, canvasmaker=partial(_NumberedCanvas, footer=footer, pdf_date=None))
    progress(len(parts), len(parts), _("Report written"))
    return path
