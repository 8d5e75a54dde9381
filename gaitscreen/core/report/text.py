"""Wording and number formatting of the screening report (no reportlab here).

Every function takes values from the report dict and returns plain strings; the
PDF layer escapes and lays them out.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from typing import Any

from ..analysis.protocol_words import stored_text
from ..i18n import N_, _, format_date, format_number, format_percent, ngettext

NA = N_("n/a")
NOT_RECORDED = N_("not recorded")

MOSTLY_UNSTABLE = "mostly unstable"
MOSTLY_STABLE = "mostly stable"
INSUFFICIENT = "insufficient data"
NOT_ASSESSABLE = "not assessable"  # a protocol check failed (core.analysis.protocol)

SYNTHETIC_WARNING = N_(
    "Trained on synthetic skeletons — demonstrates the workflow, not a validated clinical model."
)

DEFAULT_DISCLAIMER = N_(
    "GaitScreen is a screening aid. It does not diagnose sarcopenia or any other condition and is "
    "not a certified medical device."
)

STUDY_LIMITS = N_(
    "The method comes from a single-site study of community-dwelling adults aged 65–80 filmed "
    "from the front while walking heel to toe; for other ages, settings or camera views its "
    "results are less certain."
)


#: English texts that other core modules store in the report dict (core/screen.py), marked here so a
#: report in another language can show them translated; tests/test_i18n.py keeps them in step.
STORED_TEXTS = (
    N_("GaitScreen is a screening aid. It does not diagnose sarcopenia and is not a certified "
       "medical device. Interpret the result with grip strength, muscle mass and physical "
       "performance measured by established methods."),
    N_("Tandem (heel-to-toe) walk toward a frontal camera"),
    N_("Tandem (heel-to-toe) walk"),
    N_("Usual-pace walk over a measured course"),
    N_("single RGB camera in front of the patient, at about hip height, filming the approach"),
)


def stored(text: Any) -> str:
    """A text stored in the report dict, translated when the catalogue knows it (else as stored)."""
    return _(str(text)) if text else ""


def number(value: Any) -> float | None:
    """``value`` as a finite float, else None (bools and strings are not numbers)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    v = float(value)
    return v if math.isfinite(v) else None


def fmt(value: Any, digits: int = 2, unit: str = "", *, missing: str | None = None) -> str:
    """``value`` with ``digits`` decimals and an optional unit; ``missing`` (n/a) when unknown."""
    v = number(value)
    if v is None:
        return _(NA) if missing is None else missing
    text = format_number(v, digits)
    return f"{text} {unit}" if unit else text


def fmt_int(value: Any, *, missing: str | None = None) -> str:
    v = number(value)
    return (_(NA) if missing is None else missing) if v is None else f"{int(round(v))}"


def percent(value: Any, digits: int = 0, *, missing: str | None = None) -> str:
    """A share in [0, 1] as ``"62 %"``."""
    v = number(value)
    return (_(NA) if missing is None else missing) if v is None else format_percent(v, digits)


def rate_text(rate: Any) -> str:
    """The instability rate R as printed in the report's result box (e.g. ``"62 %"``)."""
    return percent(rate)


def seconds(value: Any, digits: int = 1) -> str:
    return fmt(value, digits, "s")


def span(start: Any, end: Any, digits: int = 1) -> str:
    """``"3.0–6.0 s"``."""
    if number(start) is None or number(end) is None:
        return _(NA)
    return f"{format_number(number(start), digits)}–{format_number(number(end), digits)} s"


def short_hash(sha: Any, n: int = 12) -> str:
    text = str(sha or "")
    return f"{text[:n]}…" if len(text) > n else (text or _(NA))


def created_text(created: Any) -> str:
    """``"2026-11-21T10:40:00"`` → ``"2026-11-21 10:40:00"`` (other text unchanged)."""
    return str(created).replace("T", " ", 1) if created else _(NOT_RECORDED)


def pdf_date(created: Any) -> str | None:
    """PDF date string (``D:YYYYMMDDHHmmSS`` plus offset when known) or None."""
    try:
        when = _dt.datetime.fromisoformat(str(created))
    except ValueError:
        return None
    text = when.strftime("D:%Y%m%d%H%M%S")
    offset = when.utcoffset()
    if offset is not None:
        minutes = int(offset.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "-"
        text += f"{sign}{abs(minutes) // 60:02d}'{abs(minutes) % 60:02d}'"
    return text


def sex_text(sex: Any) -> str:
    if sex in (None, ""):
        return _(NOT_RECORDED)
    return {"F": _("female"), "M": _("male")}.get(str(sex).upper(), str(sex))


def patient_fields(patient: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, value) pairs of the patient header, in print order."""
    age = number(patient.get("age"))
    height = number(patient.get("height_cm"))
    missing = _(NOT_RECORDED)
    date = patient.get("test_date")
    return [
        (_("Patient ID (pseudonymous)"), str(patient.get("id") or missing)),
        (_("Age"), _("{age} years").format(age=f"{age:.0f}") if age is not None else missing),
        (_("Sex"), sex_text(patient.get("sex"))),
        (_("Height"), f"{height:.0f} cm" if height is not None else missing),
        (_("Test date"), format_date(date) if date else missing),
        (_("Operator"), str(patient.get("operator") or missing)),
    ]


def group_title(group: str) -> str:
    return {MOSTLY_UNSTABLE: _("Mostly unstable"), MOSTLY_STABLE: _("Mostly stable"),
            INSUFFICIENT: _("No result: insufficient data"),
            NOT_ASSESSABLE: _("Not assessable")}.get(group, str(group).capitalize() or _(NA))


def group_explanation(group: str) -> str:
    """What the risk group means, in words a clinician can say to the patient."""
    if group == MOSTLY_UNSTABLE:
        return _("The walk looked unsteady in most of the time it was analysed. In the study behind "
                "this method, unsteady heel-to-toe walking went together with sarcopenia (loss of "
                "muscle mass and strength) more often, so a full sarcopenia assessment is worth "
                "considering. This result alone is not a diagnosis.")
    if group == MOSTLY_STABLE:
        return _("The walk looked steady in most of the time it was analysed. This lowers the concern "
                "raised by this test but does not rule out sarcopenia; other signs or complaints "
                "still deserve attention.")
    return _("The recording could not be assessed, so this test gives no result. Record the walk "
            "again (whole body in view, good light, one walker in front of the camera).")


def reference_text(reference: dict[str, Any]) -> str | None:
    """The study's prevalence figures, worded as group context, not as a probability."""
    n = number(reference.get("study_subjects"))
    p_stable = number(reference.get("prevalence_mostly_stable"))
    p_unstable = number(reference.get("prevalence_mostly_unstable"))
    if p_stable is None or p_unstable is None:
        return None
    cohort = (ngettext("{n} older adult", "{n} older adults", int(n)).format(n=f"{n:.0f}") if n is not None
              else _("older adults"))
    return _("For context: in the study this method comes from ({cohort}), sarcopenia was found in "
             "{stable} of the people whose walk was mostly stable and in "
             "{unstable} of those whose walk was mostly unstable. These are rates in "
             "groups of that study, not this patient's probability of having sarcopenia.").format(
        cohort=cohort, stable=format_percent(p_stable, 1), unstable=format_percent(p_unstable, 1))


def clip_label(clip: dict[str, Any]) -> str:
    label = clip.get("label")
    return {"stable": _("stable"), "unstable": _("unstable")}.get(str(label), str(label)) if label \
        else _("not assessed")


# --- Kinematics and gait ----------------------------------------------------------------

def _scaled(value: Any, factor: float) -> float | None:
    v = number(value)
    return None if v is None else v * factor


def _stops(m: dict[str, Any]) -> str:
    count = number(m.get("stops_count"))
    if count is None:
        return _(NA)
    total = number(m.get("stops_total_s"))
    return f"{count:.0f}" + (f" ({format_number(total, 1)} s)" if count and total is not None else "")


#: (label, unit, formatter) rows of the kinematic measures table.
#: Labels are marked N_() and translated where the table is drawn.
KINEMATIC_ROWS: tuple[tuple[str, str, Any], ...] = (
    (N_("Sway, range"), "BH", lambda m: fmt(m.get("sway_range_bh"), 3)),
    (N_("Sway, SD"), "BH", lambda m: fmt(m.get("sway_sd_bh"), 3)),
    (N_("Arm abduction, left"), "°", lambda m: fmt(m.get("arm_abduction_left_deg"), 0)),
    (N_("Arm abduction, right"), "°", lambda m: fmt(m.get("arm_abduction_right_deg"), 0)),
    (N_("Foot placement off line, max"), "BH", lambda m: fmt(m.get("foot_dev_max_bh"), 3)),
    (N_("Foot placement off line, RMS"), "BH", lambda m: fmt(m.get("foot_dev_rms_bh"), 3)),
    (N_("Stance phases"), "n", lambda m: fmt_int(m.get("stance_phases"))),
    (N_("Trunk lean, max"), "°", lambda m: fmt(m.get("trunk_lean_max_deg"), 0)),
    (N_("Stops (total time)"), "n (s)", _stops),
    (N_("Patient visible"), "%", lambda m: fmt(_scaled(m.get("coverage"), 100), 0)),
)

KINEMATIC_NOTE = N_(
    "BH = body height in the image (head to ankle, about 0.88 × standing height). Sway: sideways "
    "movement of the trunk centre around the walking line. Arm abduction: largest angle of an "
    "upper arm away from the trunk. Foot placement: sideways distance of each planted foot from "
    "the walking line. Trunk lean: largest tilt of the trunk from vertical in the image. Stops: "
    "pauses in forward progress of 0.5 s or longer."
)


def note_texts(measures: dict[str, Any] | None) -> list[str]:
    """The notes of a measures dict (a span's kinematics, the gait, the metric gait) in the
    current language, from the English notes and their ``notes_wording``."""
    m = measures or {}
    return [stored_text(n, m.get("notes_wording")) for n in m.get("notes") or []]


def speed_reason(gait: dict[str, Any]) -> str:
    """Why the tandem-walk speed is missing, from the gait notes."""
    for note in gait.get("notes") or []:
        if str(note).startswith("speed:"):  # the stored English note's lead; shown worded, its lead cut off
            text = stored_text(note, gait.get("notes_wording"))
            return re.split(r"[:：]", text, maxsplit=1)[-1].strip()
    return _("no reason recorded")


#: Where :func:`gait_rows` puts the speed row (the Analysis tab moves its reason under the table).
SPEED_ROW = 6


def gait_rows(gait: dict[str, Any]) -> list[tuple[str, str]]:
    """(parameter, value) rows of the gait table."""
    cm = number(gait.get("step_width_cm"))
    width = fmt(gait.get("step_width_bh"), 3, "BH")
    if cm is not None:
        width += f" ({format_number(cm, 1)} cm)"
    sd = number(gait.get("step_width_sd_bh"))
    if sd is not None:
        width += f", SD {format_number(sd, 3)} BH"
    speed = number(gait.get("speed_m_per_s"))
    walkway = number(gait.get("walkway_m"))
    if speed is not None:
        speed_text = f"{format_number(speed, 2)} m/s"
        if walkway is not None:
            speed_text = _("{speed} over {distance}").format(speed=speed_text,
                                                             distance=f"{format_number(walkway, 1)} m")
    else:
        speed_text = _("not available: {reason}").format(reason=speed_reason(gait))
    usual = gait.get("test") == "usual-walk"
    if usual and speed is None:
        metric = gait.get("metric") or {}
        speed_text = _("not available: {reason}").format(reason="; ".join(
            stored_text(n, metric.get("notes_wording")) for n in metric.get("notes") or [] if "not available" in n))
    return [
        (_("Steps detected"), fmt_int(gait.get("step_count"))),
        (_("Cadence"), fmt(gait.get("cadence_steps_per_min"), 1, _("steps/min"))),
        (_("Step time, mean"), fmt(gait.get("step_time_mean_s"), 2, "s")),
        (_("Step time variability (CV)"), fmt(gait.get("step_time_cv_pct"), 1, "%")),
        (_("Step width"), width),
        (_("Walking period"), span(gait.get("walk_start_s"), gait.get("walk_end_s"), 2)),
        (_("Usual gait speed") if usual else _("Tandem-walk speed"), speed_text),
    ] + metric_rows(gait.get("metric") or {})


def metric_rows(metric: dict[str, Any]) -> list[tuple[str, str]]:
    """Rows of the walk measured on the calibrated floor (none without a calibration)."""
    cal = metric.get("calibration")
    if not cal:
        return []

    def pm(key: str, err: str, nd: int, unit: str) -> str:
        text = fmt(metric.get(key), nd, unit)
        e = number(metric.get(err))
        return text + (f" ± {format_number(e, nd)}" if e is not None and number(metric.get(key)) is not None else "")

    return [
        (_("Floor calibration"), f"{cal['name']} (sha256 {cal['sha256'][:12]})"),
        (_("Speed on the floor (steady part)"), pm("speed_m_per_s", "speed_error_m_per_s", 2, "m/s")),
        (_("Speed between the course lines"), fmt(metric.get("speed_between_lines_m_per_s"), 2, "m/s")),
        (_("Step length (floor)"), pm("step_length_cm", "step_length_error_cm", 1, "cm")),
        (_("Step width (floor)"), pm("step_width_cm", "step_width_error_cm", 1, "cm")),
        (_("Cadence (floor steps)"), fmt(metric.get("cadence_steps_per_min"), 1, _("steps/min"))),
    ]


USUAL_SPEED_NOTE = N_(
    "The usual gait speed is measured on the calibrated floor over the steady part of the walk; "
    "the AWGS 2019 cut-off (< 1.0 m/s) refers to a 6-m course, EWGSOP2's (≤ 0.8 m/s) to usual pace."
)
SPEED_NOTE = N_(
    "The tandem-walk speed is a measurement of this heel-to-toe test only. The gait-speed "
    "cut-offs of the sarcopenia criteria below refer to walking at usual pace over a measured "
    "distance and must not be applied to it."
)

#: Sarcopenia criteria (AWGS 2019, EWGSOP2) as context for the follow-up assessment.
CRITERIA_ROWS: tuple[tuple[str, str, str], ...] = (
    (N_("Low handgrip strength"), N_("men < 28 kg, women < 18 kg"), N_("men < 27 kg, women < 16 kg")),
    (N_("Low physical performance"),
     N_("6-m usual gait speed < 1.0 m/s, or SPPB ≤ 9, or 5 chair stands ≥ 12 s"),
     N_("gait speed ≤ 0.8 m/s, SPPB ≤ 8, TUG ≥ 20 s, or chair stands > 15 s")),
    (N_("Low muscle mass (ASM/height²)"),
     N_("DXA: men < 7.0, women < 5.4 kg/m²; BIA: men < 7.0, women < 5.7 kg/m²"),
     N_("DXA: men < 7.0, women < 5.5 kg/m²")),
    (N_("Case finding"), N_("calf circumference men < 34 cm, women < 33 cm; SARC-F ≥ 4; SARC-CalF ≥ 11"),
     "SARC-F"),
)
