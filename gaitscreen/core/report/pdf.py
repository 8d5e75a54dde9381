"""Build the PDF screening report from the report dict (the same dict the JSON holds).

``build_pdf`` renders every number from the dict and nothing else, so the JSON
written beside the PDF carries every number the PDF shows. The output is
deterministic: reportlab runs in invariant mode and the PDF's creation date is
the dict's ``created`` time, so the same dict gives byte-identical files.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, KeepTogether, PageTemplate

from ..callbacks import CancelFn, ProgressFn, check_cancel
from ..errors import GaitScreenError
from ..fileio import atomic_output
from . import details, protocol_table, sections
from . import text as T
from ..i18n import N_, _, current_language, format_date
from .styles import FONT, MUTED, PAGE_MARGIN, RULE, draw_text, printable, render_report

REPORT_FORMAT = "gaitscreen.screening"
REPORT_VERSION = 1
TITLE = N_("Tandem-walk stability screening")


class _NumberedCanvas(Canvas):
    """Canvas that holds pages until the end, then stamps "Page n of m" and the footer."""

    def __init__(self, *args: Any, footer: str, pdf_date: str | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._page_words = _("Page {page} of {total}")  # made now: save() may run outside the language block
        self._pages: list[dict[str, Any]] = []
        if pdf_date:
            self.setDateFormatter(lambda *_: pdf_date)

    def showPage(self) -> None:  # noqa: N802 (reportlab API)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._stamp(total)
            super().showPage()
        super().save()

    def _stamp(self, total: int) -> None:
        width, _height = self._pagesize
        y = PAGE_MARGIN - 7 * mm
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(PAGE_MARGIN, y + 9, width - PAGE_MARGIN, y + 9)
        self.setFillColor(MUTED)
        draw_text(self, PAGE_MARGIN, y, self._footer, 7)
        draw_text(self, width - PAGE_MARGIN, y, self._page_words.format(page=self._pageNumber, total=total), 7,
                  anchor="end")
        self.restoreState()


def _later_header(patient_id: str, test_date: str):
    title = _(TITLE)
    right = _("Patient {patient} · test date {date}").format(patient=patient_id, date=test_date)

    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        width, height = doc.pagesize
        canvas.saveState()
        canvas.setFillColor(MUTED)
        draw_text(canvas, PAGE_MARGIN, height - PAGE_MARGIN + 5 * mm, title, 7)
        draw_text(canvas, width - PAGE_MARGIN, height - PAGE_MARGIN + 5 * mm, right, 7, anchor="end")
        canvas.restoreState()

    return draw


def _check(report: Any) -> None:
    if not isinstance(report, dict):
        raise GaitScreenError("The screening report must be a dict as written to the report JSON.")
    if report.get("format", REPORT_FORMAT) != REPORT_FORMAT:
        raise GaitScreenError(f"Not a GaitScreen screening report (format {report.get('format')!r}).")
    version = report.get("version", REPORT_VERSION)
    if not isinstance(version, int) or version > REPORT_VERSION:
        raise GaitScreenError(_("Screening report version {version} is newer than this GaitScreen can print "
                                "(up to {newest}).").format(version=repr(version), newest=REPORT_VERSION))
    if not (report.get("patient") or {}).get("id"):
        raise GaitScreenError(_("The screening report has no patient id."))


_LAST_STEPS = 2  # layout, written


def _story(report: dict[str, Any], width: float, progress: ProgressFn,
           should_cancel: CancelFn | None) -> tuple[list, int]:
    """The flowables of every section, and how many composing steps were reported."""
    parts = [
        lambda: sections.header(report, width),
        lambda: sections.warning_box((report.get("screening") or {}).get("model") or {}, width),
        lambda: sections.result_box(report, width),
        lambda: sections.chart_section(report, width),
        lambda: sections.clip_table(report, width),
        lambda: details.disclaimer_section(report),
        lambda: details.keyframes_section(report, width),
        lambda: details.kinematics_section(report, width),
        lambda: details.gait_section(report, width),
        lambda: details.quality_section(report, width),
        lambda: protocol_table.protocol_check_section(report, width),
        lambda: details.protocol_section(report, width),
        lambda: details.criteria_section(width),
        lambda: [KeepTogether(details.model_section(report, width) + details.provenance_section(report, width)
                              + details.signature_block(width, report))],
    ]
    story: list = []
    for i, part in enumerate(parts):
        check_cancel(should_cancel)
        progress(i, len(parts) + _LAST_STEPS, _("Composing the report"))
        story.extend(part())
    return story, len(parts)


def build_pdf(report: dict[str, Any], path: str | os.PathLike[str], *, progress: ProgressFn | None = None,
              should_cancel: CancelFn | None = None, language: str | None = None) -> Path:
    """Render the screening report ``report`` to the PDF file ``path`` (written atomically).

    ``language`` (``"en"``, ``"zh-TW"``, …): the report's language; None: the current one
    (:func:`gaitscreen.core.i18n.set_language`). The numbers are the same in every language.

    Raises :class:`GaitScreenError` for a dict that is not a screening report and
    :class:`~gaitscreen.core.errors.Cancelled` when ``should_cancel`` asks to stop;
    either way no file (and no temporary) is left at ``path``.
    """
    return render_report(report, path, _build_pdf, check=_check, missing=lambda folder: GaitScreenError(
        _("Cannot write the report: the folder {folder} does not exist.").format(folder=folder)),
        progress=progress, should_cancel=should_cancel, language=language)


def _build_pdf(report: dict[str, Any], path: Path, progress: ProgressFn, should_cancel: CancelFn | None) -> Path:
    patient = report.get("patient") or {}
    patient_id = str(patient.get("id"))
    test_date = format_date(patient.get("test_date")) if patient.get("test_date") else _(T.NOT_RECORDED)
    recording = report.get("recording") or {}
    software = report.get("software") or {}
    program = f"{software.get('name') or 'GaitScreen'} {software.get('version') or ''}".strip()
    footer = printable(_("{program} · Patient {patient} · test date {date} · video sha256 {sha}").format(
        program=program, patient=patient_id, date=test_date, sha=T.short_hash(recording.get('sha256'))))
    width = A4[0] - 2 * PAGE_MARGIN
    story, steps = _story(report, width, progress, should_cancel)
    total = steps + _LAST_STEPS

    def after_page(*_: Any) -> None:
        check_cancel(should_cancel)

    with atomic_output(path) as tmp:
        doc = BaseDocTemplate(
            str(tmp), pagesize=A4, leftMargin=PAGE_MARGIN, rightMargin=PAGE_MARGIN, topMargin=PAGE_MARGIN,
            bottomMargin=PAGE_MARGIN, invariant=1, title=printable(f"{_(TITLE)} – {patient_id}"),
            author=program, subject=printable(_("Screening report for patient {patient}, test date {date}").format(
                patient=patient_id, date=test_date)),
            creator=program, keywords=_("tandem walk, stability, sarcopenia screening"), lang=current_language(),
            initialFontName=FONT,
        )
        frame = Frame(PAGE_MARGIN, PAGE_MARGIN, width, A4[1] - 2 * PAGE_MARGIN, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([
            PageTemplate(id="first", frames=[frame], onPageEnd=after_page, autoNextPageTemplate="later"),
            PageTemplate(id="later", frames=[frame], onPage=_later_header(patient_id, test_date),
                         onPageEnd=after_page),
        ])
        progress(steps, total, _("Laying out the pages"))
        doc.build(story, canvasmaker=partial(_NumberedCanvas, footer=footer,
                                             pdf_date=T.pdf_date(report.get("created"))))
    progress(total, total, _("Report written"))
    return path
