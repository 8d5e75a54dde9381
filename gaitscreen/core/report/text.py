"""Wording and number formatting of the screening report (no reportlab here).

Every function takes values from the report dict and returns plain strings; the
PDF layer escapes and lays them out.
"""

from __future__ import annotations

import datetime as _dt
import math
from typing import Any

NA = "n/a"
NOT_RECORDED = "not recorded"

MOSTLY_UNSTABLE = "mostly unstable"
MOSTLY_STABLE = "mostly stable"
INSUFFICIENT = "insufficient data"
NOT_ASSESSABLE = "not assessable"  # a protocol check failed (core.analysis.protocol)

SYNTHETIC_WARNING = (
    "Trained on synthetic skeletons — demonstrates the workflow, not a validated clinical model."
)

DEFAULT_DISCLAIMER = (
    "GaitScreen is a screening aid. It does not diagnose sarcopenia or any other condition and is "
    "not a certified medical device."
)

STUDY_LIMITS = (
    "The method comes from a single-site study of community-dwelling adults aged 65–80 filmed "
    "from the front while walking heel to toe; for other ages, settings or camera views its "
    "results are less certain."
)


def number(value: Any) -> float | None:
    """``value`` as a finite float, else None (bools and strings are not numbers)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    v = float(value)
    return v if math.isfinite(v) else None


def fmt(value: Any, digits: int = 2, unit: str = "", *, missing: str = NA) -> str:
    """``value`` with ``digits`` decimals and an optional unit; ``missing`` when unknown."""
    v = number(value)
    if v is None:
        return missing
    text = f"{v:.{digits}f}"
    return f"{text} {unit}" if unit else text


def fmt_int(value: Any, *, missing: str = NA) -> str:
    v = number(value)
    return missing if v is None else f"{int(round(v))}"


def percent(value: Any, digits: int = 0, *, missing: str = NA) -> str:
    """A share in [0, 1] as ``"62 %"``."""
    v = number(value)
    return missing if v is None else f"{100.0 * v:.{digits}f} %"


def rate_text(rate: Any) -> str:
    """The instability rate R as printed in the report's result box (e.g. ``"62 %"``)."""
    return percent(rate)


def seconds(value: Any, digits: int = 1) -> str:
    return fmt(value, digits, "s")


def span(start: Any, end: Any, digits: int = 1) -> str:
    """``"3.0–6.0 s"``."""
    if number(start) is None or number(end) is None:
        return NA
    return f"{number(start):.{digits}f}–{number(end):.{digits}f} s"


def short_hash(sha: Any, n: int = 12) -> str:
    text = str(sha or "")
    return f"{text[:n]}…" if len(text) > n else (text or NA)


def created_text(created: Any) -> str:
    """``"2026-11-21T10:40:00"`` → ``"2026-11-21 10:40:00"`` (other text unchanged)."""
    return str(created).replace("T", " ", 1) if created else NOT_RECORDED


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
        return NOT_RECORDED
    return {"F": "female", "M": "male"}.get(str(sex).upper(), str(sex))


def patient_fields(patient: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, value) pairs of the patient header, in print order."""
    age = number(patient.get("age"))
    height = number(patient.get("height_cm"))
    return [
        ("Patient ID (pseudonymous)", str(patient.get("id") or NOT_RECORDED)),
        ("Age", f"{age:.0f} years" if age is not None else NOT_RECORDED),
        ("Sex", sex_text(patient.get("sex"))),
        ("Height", f"{height:.0f} cm" if height is not None else NOT_RECORDED),
        ("Test date", str(patient.get("test_date") or NOT_RECORDED)),
        ("Operator", str(patient.get("operator") or NOT_RECORDED)),
    ]


def group_title(group: str) -> str:
    return {MOSTLY_UNSTABLE: "Mostly unstable", MOSTLY_STABLE: "Mostly stable",
            INSUFFICIENT: "No result: insufficient data", NOT_ASSESSABLE: "Not assessable"}.get(group, str(group).capitalize() or NA)


def group_explanation(group: str) -> str:
    """What the risk group means, in words a clinician can say to the patient."""
    if group == MOSTLY_UNSTABLE:
        return ("The walk looked unsteady in most of the time it was analysed. In the study behind "
                "this method, unsteady heel-to-toe walking went together with sarcopenia (loss of "
                "muscle mass and strength) more often, so a full sarcopenia assessment is worth "
                "considering. This result alone is not a diagnosis.")
    if group == MOSTLY_STABLE:
        return ("The walk looked steady in most of the time it was analysed. This lowers the concern "
                "raised by this test but does not rule out sarcopenia; other signs or complaints "
                "still deserve attention.")
    return ("The recording could not be assessed, so this test gives no result. Record the walk "
            "again (whole body in view, good light, one walker in front of the camera).")


def reference_text(reference: dict[str, Any]) -> str | None:
    """The study's prevalence figures, worded as group context, not as a probability."""
    n = number(reference.get("study_subjects"))
    p_stable = number(reference.get("prevalence_mostly_stable"))
    p_unstable = number(reference.get("prevalence_mostly_unstable"))
    if p_stable is None or p_unstable is None:
        return None
    cohort = f"{n:.0f} older adults" if n is not None else "older adults"
    return (f"For context: in the study this method comes from ({cohort}), sarcopenia was found in "
            f"{100 * p_stable:.1f} % of the people whose walk was mostly stable and in "
            f"{100 * p_unstable:.1f} % of those whose walk was mostly unstable. These are rates in "
            "groups of that study, not this patient's probability of having sarcopenia.")


def clip_label(clip: dict[str, Any]) -> str:
    label = clip.get("label")
    return str(label) if label else "not assessed"


# --- Kinematics and gait ----------------------------------------------------------------

def _scaled(value: Any, factor: float) -> float | None:
    v = number(value)
    return None if v is None else v * factor


def _stops(m: dict[str, Any]) -> str:
    count = number(m.get("stops_count"))
    if count is None:
        return NA
    total = number(m.get("stops_total_s"))
    return f"{count:.0f}" + (f" ({total:.1f} s)" if count and total is not None else "")


#: (label, unit, formatter) rows of the kinematic measures table.
KINEMATIC_ROWS: tuple[tuple[str, str, Any], ...] = (
    ("Sway, range", "BH", lambda m: fmt(m.get("sway_range_bh"), 3)),
    ("Sway, SD", "BH", lambda m: fmt(m.get("sway_sd_bh"), 3)),
    ("Arm abduction, left", "°", lambda m: fmt(m.get("arm_abduction_left_deg"), 0)),
    ("Arm abduction, right", "°", lambda m: fmt(m.get("arm_abduction_right_deg"), 0)),
    ("Foot placement off line, max", "BH", lambda m: fmt(m.get("foot_dev_max_bh"), 3)),
    ("Foot placement off line, RMS", "BH", lambda m: fmt(m.get("foot_dev_rms_bh"), 3)),
    ("Stance phases", "n", lambda m: fmt_int(m.get("stance_phases"))),
    ("Trunk lean, max", "°", lambda m: fmt(m.get("trunk_lean_max_deg"), 0)),
    ("Stops (total time)", "n (s)", _stops),
    ("Patient visible", "%", lambda m: fmt(_scaled(m.get("coverage"), 100), 0)),
)

KINEMATIC_NOTE = (
    "BH = body height in the image (head to ankle, about 0.88 × standing height). Sway: sideways "
    "movement of the trunk centre around the walking line. Arm abduction: largest angle of an "
    "upper arm away from the trunk. Foot placement: sideways distance of each planted foot from "
    "the walking line. Trunk lean: largest tilt of the trunk from vertical in the image. Stops: "
    "pauses in forward progress of 0.5 s or longer."
)


def speed_reason(gait: dict[str, Any]) -> str:
    """Why the tandem-walk speed is missing, from the gait notes."""
    for note in gait.get("notes") or []:
        text = str(note)
        if text.startswith("speed:"):
            return text.split(":", 1)[1].strip()
    return "no reason recorded"


def gait_rows(gait: dict[str, Any]) -> list[tuple[str, str]]:
    """(parameter, value) rows of the gait table."""
    cm = number(gait.get("step_width_cm"))
    width = fmt(gait.get("step_width_bh"), 3, "BH")
    if cm is not None:
        width += f" ({cm:.1f} cm)"
    sd = number(gait.get("step_width_sd_bh"))
    if sd is not None:
        width += f", SD {sd:.3f} BH"
    speed = number(gait.get("speed_m_per_s"))
    walkway = number(gait.get("walkway_m"))
    if speed is not None:
        speed_text = f"{speed:.2f} m/s" + (f" over {walkway:.1f} m" if walkway is not None else "")
    else:
        speed_text = f"not available: {speed_reason(gait)}"
    usual = gait.get("test") == "usual-walk"
    if usual and speed is None:
        speed_text = "not available: " + "; ".join(
            n for n in (gait.get("metric") or {}).get("notes", []) if "not available" in n)
    return [
        ("Steps detected", fmt_int(gait.get("step_count"))),
        ("Cadence", fmt(gait.get("cadence_steps_per_min"), 1, "steps/min")),
        ("Step time, mean", fmt(gait.get("step_time_mean_s"), 2, "s")),
        ("Step time variability (CV)", fmt(gait.get("step_time_cv_pct"), 1, "%")),
        ("Step width", width),
        ("Walking period", span(gait.get("walk_start_s"), gait.get("walk_end_s"), 2)),
        ("Usual gait speed" if usual else "Tandem-walk speed", speed_text),
    ] + metric_rows(gait.get("metric") or {})


def metric_rows(metric: dict[str, Any]) -> list[tuple[str, str]]:
    """Rows of the walk measured on the calibrated floor (none without a calibration)."""
    cal = metric.get("calibration")
    if not cal:
        return []

    def pm(key: str, err: str, nd: int, unit: str) -> str:
        text = fmt(metric.get(key), nd, unit)
        e = number(metric.get(err))
        return text + (f" ± {e:.{nd}f}" if e is not None and number(metric.get(key)) is not None else "")

    return [
        ("Floor calibration", f"{cal['name']} (sha256 {cal['sha256'][:12]})"),
        ("Speed on the floor (steady part)", pm("speed_m_per_s", "speed_error_m_per_s", 2, "m/s")),
        ("Speed between the course lines", fmt(metric.get("speed_between_lines_m_per_s"), 2, "m/s")),
        ("Step length (floor)", pm("step_length_cm", "step_length_error_cm", 1, "cm")),
        ("Step width (floor)", pm("step_width_cm", "step_width_error_cm", 1, "cm")),
        ("Cadence (floor steps)", fmt(metric.get("cadence_steps_per_min"), 1, "steps/min")),
    ]


USUAL_SPEED_NOTE = (
    "The usual gait speed is measured on the calibrated floor over the steady part of the walk; "
    "the AWGS 2019 cut-off (< 1.0 m/s) refers to a 6-m course, EWGSOP2's (≤ 0.8 m/s) to usual pace."
)
SPEED_NOTE = (
    "The tandem-walk speed is a measurement of this heel-to-toe test only. The gait-speed "
    "cut-offs of the sarcopenia criteria below refer to walking at usual pace over a measured "
    "distance and must not be applied to it."
)

#: Sarcopenia criteria (AWGS 2019, EWGSOP2) as context for the follow-up assessment.
CRITERIA_ROWS: tuple[tuple[str, str, str], ...] = (
    ("Low handgrip strength", "men < 28 kg, women < 18 kg", "men < 27 kg, women < 16 kg"),
    ("Low physical performance",
     "6-m usual gait speed < 1.0 m/s, or SPPB ≤ 9, or 5 chair stands ≥ 12 s",
     "gait speed ≤ 0.8 m/s, SPPB ≤ 8, TUG ≥ 20 s, or chair stands > 15 s"),
    ("Low muscle mass (ASM/height²)",
     "DXA: men < 7.0, women < 5.4 kg/m²; BIA: men < 7.0, women < 5.7 kg/m²",
     "DXA: men < 7.0, women < 5.5 kg/m²"),
    ("Case finding", "calf circumference men < 34 cm, women < 33 cm; SARC-F ≥ 4; SARC-CalF ≥ 11",
     "SARC-F"),
)
