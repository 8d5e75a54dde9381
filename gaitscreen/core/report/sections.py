"""The report's sections as lists of platypus flowables, built from the report dict."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from ..analysis.protocol_words import risk_reason, stored_text
from . import text as T
from ..i18n import _, format_number, language, ngettext
from .charts import instability_chart
from .method import other_rate_text, rule_words
from .styles import (
    GROUP_COLOURS,
    HEAD_BG,
    INK,
    MUTED,
    NEUTRAL_BG,
    RULE,
    UNSTABLE_BG,
    WARN,
    WARN_BG,
    ZEBRA,
    markup,
    para,
    styles,
    wraps_cjk,
)

Story = list[Flowable]


def hex_colour(colour: Any) -> str:
    return colour.hexval().replace("0x", "#")


def _cell(value: Any, style: str = "cell") -> Paragraph:
    return value if isinstance(value, (Flowable, list)) else para(str(value), style)


def grid(rows: Sequence[Sequence[Any]], widths: Sequence[float], *, header: bool = True,
         right: Sequence[int] = (), shade: Sequence[int] = (), repeat: bool = True) -> Table:
    """A ruled table of paragraphs; ``right``: right-aligned columns; ``shade``: highlighted rows.

    Cells may be plain text (escaped here), a flowable or a list of flowables.
    """
    body = []
    for r, row in enumerate(rows):
        head = header and r == 0
        body.append([
            _cell(v, ("cell_head_r" if c in right else "cell_head") if head else ("cell_r" if c in right else "cell"))
            for c, v in enumerate(row)
        ])
    table = Table(body, colWidths=list(widths), repeatRows=1 if header and repeat else 0, hAlign="LEFT")
    cmds = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
        ("LINEABOVE", (0, 0), (-1, 0), 0.6, INK),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if header:
        cmds.append(("BACKGROUND", (0, 0), (-1, 0), HEAD_BG))
    start = 1 if header else 0
    for r in range(start, len(rows)):
        if r in shade:
            cmds.append(("BACKGROUND", (0, r), (-1, r), UNSTABLE_BG))
        elif (r - start) % 2 == 1:
            cmds.append(("BACKGROUND", (0, r), (-1, r), ZEBRA))
    table.setStyle(TableStyle(cmds))
    return table


def key_values(pairs: Sequence[tuple[str, Any]], width: float, label_w: float = 42 * mm) -> Table:
    """Two-column label/value table (values may be flowables)."""
    rows = [[para(k, "cell_head"), v if isinstance(v, (Flowable, list)) else para(str(v), "cell")]
            for k, v in pairs]
    return grid(rows, [label_w, width - label_w], header=False)


def heading(title: str, level: str = "h2") -> Paragraph:
    return para(title, level)


def boxed(flowables: Story, width: float, *, background, border, pad: float = 6) -> Table:
    """Flowables inside a coloured box."""
    table = Table([[flowables]], colWidths=[width])
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), background), ("BOX", (0, 0), (-1, -1), 1.0, border),
        ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), pad - 1), ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
    ]))
    return table


# --- Page 1 -------------------------------------------------------------------------


def header(report: dict[str, Any], width: float) -> Story:
    software = report.get("software") or {}
    sub = _("{program} · report created {created}").format(
        program=f"{software.get('name') or 'GaitScreen'} {software.get('version') or ''}".strip(),
        created=T.created_text(report.get('created')))
    if report.get("analysed"):  # an exported report: written later than the analysis it shows
        sub += _(" · analysed {analysed}").format(analysed=T.created_text(report.get('analysed')))
    fields = [(k, "—" if v == _(T.NOT_RECORDED) else v) for k, v in T.patient_fields(report.get("patient") or {})]
    # Languages written without spaces have short labels and a longer date ("2026年11月21日").
    widths = [w * mm for w in ((34, 20, 16, 22, 36) if wraps_cjk() else (38, 24, 22, 22, 28))]
    widths.append(width - sum(widths))
    table = Table([[para(k, "label") for k, _v in fields], [para(v, "value") for _k, v in fields]],
                  colWidths=widths, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 0.6, RULE), ("BACKGROUND", (0, 0), (-1, -1), ZEBRA),
        ("LEFTPADDING", (0, 0), (-1, -1), 5), ("TOPPADDING", (0, 0), (-1, 0), 4),
        ("BOTTOMPADDING", (0, 1), (-1, 1), 5), ("TOPPADDING", (0, 1), (-1, 1), 0),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return [para(_("Tandem-walk stability screening"), "title"), para(sub, "subtitle"), table, Spacer(1, 6)]


def model_warning(model: dict[str, Any]) -> str | None:
    """The model warning sentence, or None for a validated model trained on real data."""
    if model.get("synthetic_training_data"):
        return _(T.SYNTHETIC_WARNING)
    if model.get("clinically_validated") is not True:
        return _("This model has not been clinically validated; treat the result as experimental.")
    return None


def warning_box(model: dict[str, Any], width: float) -> Story:
    message = model_warning(model)
    if message is None:
        return []
    return [boxed([para(_("Warning: {message}").format(message=message), "warning")], width, background=WARN_BG, border=WARN, pad=5),
            Spacer(1, 6)]


def _basis(s: dict[str, Any], rule: str) -> str:
    counted = T.number(s.get("counted_windows")) or 0
    return ngettext("{unstable} of {counted} {rule} window unstable (R = {rate}; R ≥ {cut} reads mostly unstable).",
                    "{unstable} of {counted} {rule} windows unstable (R = {rate}; R ≥ {cut} reads mostly unstable).",
                    counted).format(unstable=T.fmt_int(s.get("unstable_windows")), counted=T.fmt_int(counted),
                                    rule=rule, rate=T.fmt(s.get("instability_rate"), 2),
                                    cut=T.fmt((s.get("settings") or {}).get("risk_cut"), 2))


def basis_text(s: dict[str, Any]) -> str:
    """The stored reason for the risk group, in the reader's language when it is the rate rule's sentence."""
    stored = str(s.get("risk_reason") or "")
    rule = str(s.get("rate_rule") or "all-windows")
    with language("en"):
        english = _basis(s, rule)
    if stored != english:
        return stored_text(stored, (s.get("quality") or {}).get("wording")) or _(T.NA)
    return _basis(s, rule_words(s))


def result_box(report: dict[str, Any], width: float) -> Story:
    from . import protocol_table  # builds on this module's tables

    s = report.get("screening") or {}
    group = str(s.get("risk_group") or T.INSUFFICIENT)
    rate = T.number(s.get("instability_rate"))
    accent, background = GROUP_COLOURS.get(group, (MUTED, NEUTRAL_BG))
    st = styles()
    if group in (T.MOSTLY_STABLE, T.MOSTLY_UNSTABLE) and rate is not None:
        left: Story = [para(_("Instability rate R"), "big_caption"),
                       Paragraph(f'<font color="{hex_colour(accent)}">{markup(T.rate_text(rate))}</font>', st["big"]),
                       para(ngettext("{unstable} of {counted} {rule} window unstable",
                                     "{unstable} of {counted} {rule} windows unstable",
                                     T.number(s.get("counted_windows")) or 0).format(
                           unstable=T.fmt_int(s.get('unstable_windows')), counted=T.fmt_int(s.get('counted_windows')),
                           rule=rule_words(s)), "big_caption")]
        beside = other_rate_text(s)
        if beside:
            left.append(para(beside, "big_caption"))
        title = f'<font color="{hex_colour(accent)}">{markup(T.group_title(group))}</font>'
        right: Story = [Paragraph(title, st["group"]),
                        para(T.group_explanation(group)), Spacer(1, 3),
                        para(_("Basis: {reason}").format(reason=basis_text(s)), "muted")]
        if protocol_table.accepted_text(report):
            right += [Spacer(1, 3), para(_("Accepted protocol deviation — {deviation}").format(
                deviation=protocol_table.accepted_text(report)), "warning")]
    elif group == T.NOT_ASSESSABLE:
        left, right = protocol_table.not_assessable_box(report)
    else:
        left = [para(_("Instability rate R"), "big_caption"),
                Paragraph(f'<font size="16">{markup(_("No result"))}</font>', st["big"]),
                para(_("R was not computed"), "big_caption")]
        right = [Paragraph(markup(T.group_title(T.INSUFFICIENT)), st["group"]),
                 para(_("Reason: {reason}").format(reason=risk_reason(report) or _(T.NOT_RECORDED)), "body"),
                 Spacer(1, 3),
                 para(T.group_explanation(T.INSUFFICIENT))]
    reference = T.reference_text(report.get("reference") or {})
    if reference and rate is not None:
        right += [Spacer(1, 4), para(reference, "muted")]
    table = Table([[left, right]], colWidths=[46 * mm, width - 46 * mm])
    table.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 1.2, accent), ("BACKGROUND", (0, 0), (0, 0), background),
        ("VALIGN", (0, 0), (0, 0), "MIDDLE"), ("VALIGN", (1, 0), (1, 0), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 7), ("RIGHTPADDING", (0, 0), (-1, -1), 7),
        ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
    ]))
    return [table, Spacer(1, 4)]


def chart_section(report: dict[str, Any], width: float) -> Story:
    s = report.get("screening") or {}
    windows = list(s.get("windows") or [])
    out: Story = [heading(_("Instability over the walk"))]
    if not windows:
        return out + [para(_("No analysis window could be formed or classified, so there is nothing to plot."),
                           "muted")]
    threshold = T.number((s.get("settings") or {}).get("threshold"))
    threshold = 0.5 if threshold is None else threshold
    duration = T.number((s.get("quality") or {}).get("duration_s")) or T.number(
        (report.get("recording") or {}).get("duration_s"))
    chart = instability_chart(windows, list(s.get("clips") or []), threshold=threshold, duration_s=duration,
                              width=width, height=66 * mm)
    lengths = sorted((T.number(w.get("end_s")) or 0) - (T.number(w.get("start_s")) or 0) for w in windows)
    length = lengths[len(lengths) // 2]
    caption = _("Each point is one analysis window of about {length} s of walking, plotted at its centre; "
                "a window counts as unstable when P(unstable) > {threshold}. Windows overlap, so each is shaded "
                "only over its own share of the time axis.").format(length=format_number(length, 1),
                                                                     threshold=f"{threshold:g}")
    if any(w.get("counted") for w in windows):
        caption += " " + _("Ringed points are the windows R counts ({rule} rule).").format(rule=rule_words(s))
    return out + [chart, para(caption, "muted")]


def clip_table(report: dict[str, Any], width: float) -> Story:
    clips = list((report.get("screening") or {}).get("clips") or [])
    if not clips:
        return []
    rows: list[list[Any]] = [[_("Clip"), _("Time span"), _("Windows"), _("Mean P(unstable)"), _("Unstable share"),
                              _("Predicted label")]]
    shade = []
    for i, c in enumerate(clips):
        n = len(c.get("windows") or [])
        rows.append([f"{int(c.get('index', i)) + 1}", T.span(c.get("start_s"), c.get("end_s")), str(n),
                     T.fmt(c.get("p_mean"), 2), T.percent(c.get("unstable_share")), T.clip_label(c)])
        if c.get("label") == "unstable":
            shade.append(len(rows) - 1)
    widths = [14 * mm, 32 * mm, 20 * mm, 32 * mm, 32 * mm]
    widths.append(width - sum(widths))
    clip_s = T.number(((report.get("screening") or {}).get("settings") or {}).get("clip_s")) or 3.0
    note = _("Clips are consecutive {clip}-s pieces of the walk, the unit expert raters label; a window "
             "belongs to the clip that holds its centre (only classified windows are counted). A clip reads "
             "unstable when at least half of its windows are unstable.").format(clip=f"{clip_s:g}")
    return [KeepTogether([heading(_("Clips")), grid(rows, widths, right=(0, 2, 3, 4), shade=shade)]),
            para(note, "muted")]
