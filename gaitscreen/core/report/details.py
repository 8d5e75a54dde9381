"""Report sections after the result: key frames, measures, quality, protocol, model, sign-off."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from ..analysis.protocol_words import flag_texts, stored_text
from ..i18n import _, format_number
from ..subject import UNCERTAIN_TEXT
from . import text as T
from .charts import skeleton_drawing
from .protocol_table import frontal_approach
from .method import recipe_sentence, rule_sentence
from .sections import Story, boxed, grid, heading, hex_colour, key_values, model_warning
from .styles import INK, font, LEFT_SIDE, RIGHT_SIDE, WARN, WARN_BG, markup, para, styles

MAX_CLIP_COLUMNS = 5


def keyframes_section(report: dict[str, Any], width: float) -> Story:
    frames = list(report.get("keyframes") or [])
    if not frames:
        return []
    threshold = T.number(((report.get("screening") or {}).get("settings") or {}).get("threshold"))
    threshold = 0.5 if threshold is None else threshold
    frames = frames[:8]
    gap = 2 * mm
    cell_w = min(30 * mm, (width - gap * (len(frames) - 1)) / len(frames))
    cells = [skeleton_drawing(f, width=cell_w, height=50 * mm, threshold=threshold) for f in frames]
    table = Table([cells], colWidths=[cell_w + gap] * (len(cells) - 1) + [cell_w], hAlign="LEFT")
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), gap),
                               ("RIGHTPADDING", (-1, 0), (-1, 0), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    # TRANSLATORS: {left_on}…{off} and {right_on}…{off} colour the words "left side" / "right side".
    caption = markup(_("Skeletons only, as the camera saw them: the patient faces the camera, so the patient's "
                       "{left_on}left side{off} appears on the right and the {right_on}right side{off} on the left; "
                       "head and trunk in grey. Each skeleton is scaled to fit its box; the head outline and neck "
                       "are drawn for orientation only. t: time in the recording; P: P(unstable) of the window "
                       "around the frame. Keypoints detected with low confidence are left out.")).format(
        left_on=f'<font color="{hex_colour(LEFT_SIDE)}"><b>', right_on=f'<font color="{hex_colour(RIGHT_SIDE)}"><b>',
        off="</b></font>")
    return [KeepTogether([heading(_("Key frames")), table, Spacer(1, 2),
                          Paragraph(caption, styles()["muted"])])]


def _clip_head(m: dict[str, Any], i: int) -> str:
    when = markup(T.span(m.get("start_s"), m.get("end_s")))
    return f'{markup(_("Clip {n}").format(n=i + 1))}<br/><font name="{font()}" size="6.8">{when}</font>'


def kinematics_section(report: dict[str, Any], width: float) -> Story:
    kin = report.get("kinematics") or {}
    overall = kin.get("overall")
    clips = list(kin.get("clips") or [])
    if not overall and not clips:
        return [heading(_("Movement measures")), para(_("Not available for this recording."), "muted")]
    out: Story = []
    chunks = [clips[i:i + MAX_CLIP_COLUMNS] for i in range(0, len(clips), MAX_CLIP_COLUMNS)] or [[]]
    st = styles()
    for n, chunk in enumerate(chunks):  # at most MAX_CLIP_COLUMNS clips side by side
        first = n * MAX_CLIP_COLUMNS
        spans = ([(markup(_("Whole walk")), overall)] if overall and n == 0 else []) + [
            (_clip_head(m, first + k), m) for k, m in enumerate(chunk)]
        head = [_("Measure"), _("Unit")] + [Paragraph(h, st["cell_head_r"]) for h, _m in spans]
        rows: list[list[Any]] = [head]
        for label, unit, get in T.KINEMATIC_ROWS:
            rows.append([_(label), unit] + [get(m) for _s, m in spans])
        label_w, unit_w = 46 * mm, 13 * mm
        value_w = (width - label_w - unit_w) / (MAX_CLIP_COLUMNS + 1)  # same columns in every chunk
        table = grid(rows, [label_w, unit_w] + [value_w] * len(spans), right=tuple(range(2, 2 + len(spans))))
        out += [KeepTogether([heading(_("Movement measures")), table]) if n == 0 else table, Spacer(1, 3)]
    notes = [_("Whole walk: {note}").format(note=note) for note in T.note_texts(overall)]
    for i, m in enumerate(clips):
        notes += [_("Clip {n}: {note}").format(n=i + 1, note=note) for note in T.note_texts(m)]
    for note in notes:
        out.append(para(note, "note"))
    out.append(para(_(T.KINEMATIC_NOTE), "muted"))
    return out


def gait_section(report: dict[str, Any], width: float) -> Story:
    gait = report.get("gait") or {}
    if not gait:
        return [heading(_("Gait parameters")), para(_("Not available for this recording."), "muted")]
    rows = [[_("Parameter"), _("Value")]] + [[k, v] for k, v in T.gait_rows(gait)]
    table = grid(rows, [50 * mm, width - 50 * mm])
    shown = T.number(gait.get("speed_m_per_s")) is None  # the speed row already gives the reason
    wording = gait.get("notes_wording")
    notes = [para(stored_text(note, wording), "note") for note in gait.get("notes") or []
             if not (shown and str(note).startswith("speed:"))]  # the stored English note's lead
    note = T.USUAL_SPEED_NOTE if gait.get("test") == "usual-walk" else T.SPEED_NOTE
    note = _(note)
    return [KeepTogether([heading(_("Gait parameters")), table]), Spacer(1, 2), para(note, "muted")] + (
        [para(_("Analysis notes:"), "muted")] + notes if notes else [])


def criteria_section(width: float) -> Story:
    rows = [[_("Criterion"), _("AWGS 2019 (Asia)"), _("EWGSOP2 (Europe)")]] + [[_(x) for x in r]
                                                                                for r in T.CRITERIA_ROWS]
    w0 = 40 * mm
    table = grid(rows, [w0, (width - w0) / 2, (width - w0) / 2])
    intro = _("Context for a follow-up assessment; none of these is measured by this test. A sarcopenia "
              "diagnosis rests on measured strength, muscle mass and physical performance.")
    return [KeepTogether([heading(_("Sarcopenia criteria (context)")), para(intro, "muted"), Spacer(1, 3), table])]


def quality_section(report: dict[str, Any], width: float) -> Story:
    q = (report.get("screening") or {}).get("quality") or {}
    pairs = [
        (_("Duration"), T.seconds(q.get("duration_s"))), (_("Frames"), T.fmt_int(q.get("frames"))),
        (_("Patient visible"), T.percent(q.get("coverage"))),
        (_("Frames interpolated"), T.fmt_int(q.get("frames_interpolated"))),
        (_("Mean keypoint confidence"), T.fmt(q.get("mean_keypoint_confidence"), 2)),
        (_("Windows not classified"), T.fmt_int(q.get("windows_excluded"))),
    ]
    half = width / 2
    rows = [[pairs[i][0], pairs[i][1], pairs[i + 3][0], pairs[i + 3][1]] for i in range(3)]
    table = grid(rows, [36 * mm, half - 36 * mm, 44 * mm, half - 44 * mm], header=False)
    flags = flag_texts(report)
    items = [para(f, "bullet") for f in flags] if flags else [para(_("No data-quality flags were raised."), "body")]
    for item in items:
        if flags:
            item.bulletText = "•"
    return [KeepTogether([heading(_("Data quality")), table, Spacer(1, 4),
                          para(_("Flags"), "h3")] + items)]


def protocol_section(report: dict[str, Any], width: float) -> Story:
    p = report.get("protocol") or {}
    r = report.get("recording") or {}
    s = (report.get("screening") or {}).get("settings") or {}
    size = _("{width} × {height} px, rotation {rotation}°").format(
        width=T.fmt_int(r.get('width')), height=T.fmt_int(r.get('height')),
        rotation=T.fmt_int(r.get('rotation'), missing='0'))
    pose = f"{p.get('pose_model') or _(T.NA)} (sha256 {T.short_hash(p.get('pose_model_sha256'))})"
    rate = T.number(p.get("pose_rate_hz"))
    if rate is not None:
        pose += _(", {rate} poses per second").format(rate=f"{rate:g}")
    subject = _("track {track}; persons seen: {persons}").format(track=T.fmt_int(p.get('subject_track')),
                                                                 persons=T.fmt_int(p.get('persons_seen')))
    chosen = report.get("subject") or {}
    if chosen.get("choice_uncertain"):
        subject += f"; {_(UNCERTAIN_TEXT)}"
    elif chosen.get("chosen_by") == "operator":
        subject += _("; chosen by the operator")
    settings = _("window unstable when P(unstable) > {threshold}; mostly unstable when R ≥ {cut}; window stride "
                 "{stride} model frames; clips of {clip} s; patient visible in at least {coverage} of the walk; "
                 "windows missing more than {missing} of the patient not counted").format(
        threshold=T.fmt(s.get('threshold'), 2), cut=T.fmt(s.get('risk_cut'), 2), stride=T.fmt_int(s.get('stride')),
        clip=T.fmt(s.get('clip_s'), 1), coverage=T.percent(s.get('min_coverage')),
        missing=T.percent(s.get('max_window_missing')))
    camera = T.stored(p.get("camera")) or _(T.NOT_RECORDED)
    pairs = [
        (_("Test"), _test_words(report)),
        (_("Camera"), camera if frontal_approach(report) else
         _("the protocol asks for: {camera}; this recording does not follow it (see Protocol check)").format(
             camera=camera)),
        (_("Recording"), f"{r.get('file') or _(T.NA)} ({r.get('codec') or _('codec unknown')})"),
        (_("Duration"), _("{duration}, {frames} frames at {fps} fps").format(
            duration=T.seconds(r.get('duration_s')), frames=T.fmt_int(r.get('frames')), fps=T.fmt(r.get('fps'), 2))),
        (_("Resolution"), size),
        (_("Pose model"), pose),
        (_("Patient"), subject),
        (_("Analysis settings"), settings),
        (_("Windows"), recipe_sentence(report.get("screening") or {})),
        (_("Rate rule"), rule_sentence(report.get("screening") or {})),
    ]
    return [KeepTogether([heading(_("Test protocol and conditions")), key_values(pairs, width)])]


def _test_words(report: dict[str, Any]) -> str:
    """The test's name; "toward a frontal camera" only when the protocol check agrees."""
    p = report.get("protocol") or {}
    name = _test_name(p)
    if frontal_approach(report):
        return name
    name = T.stored(str((p.get("test_name") or "")).replace(" toward a frontal camera", "")) or name
    return _("{test} (the protocol films it from the front; this recording was not filmed that way, see "
             "Protocol check)").format(test=name)


def _test_name(protocol: dict[str, Any]) -> str:
    """The test's name as stored, in the reader's language when it is one GaitScreen names."""
    name = str(protocol.get("test_name") or protocol.get("test") or "")
    known = {"tandem-walk": _("Tandem walk"), "usual-walk": _("Usual-pace walk")}
    return known.get(name) or T.stored(name) or _(T.NOT_RECORDED)


def model_section(report: dict[str, Any], width: float) -> Story:
    """Model card summary (plain list: the caller keeps it together with the sign-off)."""
    m = (report.get("screening") or {}).get("model") or {}
    validated = m.get("clinically_validated")
    wording = m.get("wording") or {}  # {} for a report stored before it: the card's texts show as stored
    pairs = [
        (_("Name and version"), f"{m.get('name') or _(T.NA)} {m.get('version') or ''}".strip()),
        (_("Architecture / runtime"), f"{m.get('architecture') or _(T.NA)} / {m.get('runtime') or _(T.NA)}"),
        ("sha256", para(str(m.get("sha256") or _(T.NA)), "mono")),
        (_("Training data"), (stored_text(m.get("training_data"), wording) or _(T.NOT_RECORDED))
         + (_(" (synthetic)") if m.get("synthetic_training_data") else "")),
        (_("Clinically validated"), _("yes") if validated is True else _("no")),
        (_("Summary"), stored_text(m.get("summary"), wording) or _(T.NA)),
    ]
    lifter = m.get("lifter")
    if isinstance(lifter, dict):  # the 3-D path: the lifter is part of the model that made the numbers
        pairs.insert(3, (_("3-D lifter"), [para(f"{lifter.get('name') or T.NA} ({lifter.get('architecture') or 'lifter'}, "
                                                f"{lifter.get('runtime') or T.NA}"
                                             f"{_every(lifter.get('lift_every'))})", "cell"),
                                        para(f"sha256 {lifter.get('sha256') or T.NA}", "mono")]))
    out: Story = [heading(_("Classifier (model card)")), key_values(pairs, width)]
    message = model_warning(m)
    if message:
        out += [Spacer(1, 4), boxed([para(_("Warning: {message}").format(message=message), "warning")], width, background=WARN_BG,
                                    border=WARN, pad=5)]
    return out


def provenance_section(report: dict[str, Any], width: float) -> Story:
    sw = report.get("software") or {}
    r = report.get("recording") or {}
    video = [para(str(r.get("file") or T.NA), "cell"), para(f"sha256 {r.get('sha256') or T.NA}", "mono")]
    pairs = [
        (_("Software"), _("{program} (report format {format}, version {version})").format(
            program=f"{sw.get('name') or 'GaitScreen'} {sw.get('version') or T.NA}",
            format=report.get('format') or T.NA, version=report.get('version', T.NA))),
        (_("Report created"), T.created_text(report.get("created"))),
        (_("Input video"), video),
    ]
    return [heading(_("Provenance")), key_values(pairs, width)]


def disclaimer_section(report: dict[str, Any]) -> Story:
    text = T.stored(report.get("disclaimer") or T.DEFAULT_DISCLAIMER)  # a site's own text stays as typed
    return [KeepTogether([heading(_("About this report")), para(text, "disclaimer"), Spacer(1, 2),
                          para(_(T.STUDY_LIMITS), "disclaimer")])]


def _paragraphs(text: str, style: str = "body") -> Story:
    """Free text typed by a person: one paragraph per non-empty line."""
    return [para(line.strip(), style) for line in str(text).splitlines() if line.strip()]


def sign_off_fields(report: dict[str, Any]) -> tuple[str, str, str]:
    """(operator, notes, conclusion) of the report's optional ``sign_off`` entry ("" when absent)."""
    sign = report.get("sign_off") or {}
    return tuple(str(sign.get(k) or "").strip() for k in ("operator", "notes", "conclusion"))  # type: ignore[return-value]


def signature_block(width: float, report: dict[str, Any] | None = None) -> Story:
    """The clinician's notes and conclusion (typed in the app, else lines to write on) and the signature."""
    _operator, notes, conclusion = sign_off_fields(report or {})
    w = (width - 10 * mm) / 3
    sign = Table([["", "", "", "", ""], [para(_("Name"), "label"), "", para(_("Signature"), "label"), "",
                                         para(_("Date"), "label")]],
                 colWidths=[w, 5 * mm, w, 5 * mm, w], rowHeights=[12 * mm, None])
    sign.setStyle(TableStyle([("LINEBELOW", (0, 0), (0, 0), 0.5, INK), ("LINEBELOW", (2, 0), (2, 0), 0.5, INK),
                              ("LINEBELOW", (4, 0), (4, 0), 0.5, INK), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("TOPPADDING", (0, 1), (-1, 1), 1), ("FONTNAME", (0, 0), (-1, -1), font())]))
    if notes or conclusion:
        out: Story = [heading(_("Clinician's notes and conclusion"))]
        if notes:
            out += [para(_("Notes"), "h3")] + _paragraphs(notes)
        out += [para(_("Conclusion"), "h3")] + (_paragraphs(conclusion) or
                                                [para(_("No conclusion was entered."), "muted")])
        return out + [Spacer(1, 4), sign]
    lines = Table([[""]] * 4, colWidths=[width], rowHeights=[7 * mm] * 4)
    lines.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, INK), ("FONTNAME", (0, 0), (-1, -1), font())]))
    return [heading(_("Clinician's conclusion")), para(_("To be completed by the responsible clinician."), "muted"),
            lines, Spacer(1, 4), sign]


def _every(lift_every: object) -> str:
    """The lift-every note of the lifter cell: empty for every frame (the published study's way)."""
    return _(", one frame in {n} lifted, the rest interpolated").format(n=lift_every) if isinstance(lift_every, int) \
        and lift_every > 1 else ""
