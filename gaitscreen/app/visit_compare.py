"""A patient's visits side by side and over time, as plain values (no Qt).

:func:`visit_summary` reads one visit: its manual measurements, the assessment's
conclusions (AWGS 2019, EWGSOP2) and, from its latest analysed tandem walk, R,
the kinematics and the gait parameters. :func:`compare_visits` lines two visits of
one patient up row by row (with the change where both are numbers), and
:func:`visit_trend` gives one row per visit for the visits table. Rows carry keys,
not sentences: the dialog translates the labels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..core.assessment import assess_visit
from ..core.errors import GaitScreenError

if TYPE_CHECKING:  # the concrete study; imported for types only
    from ..storage import Study

#: (section, key, unit) in the order the comparison shows them.
ROWS: tuple[tuple[str, str, str], ...] = (
    ("visit", "date", ""), ("visit", "time", ""), ("visit", "operator", ""),
    ("measurements", "gait_speed_m_per_s", "m/s"), ("measurements", "grip_kg", "kg"),
    ("measurements", "calf_cm", "cm"), ("measurements", "sarc_f", "/10"), ("measurements", "sppb", "/12"),
    ("measurements", "chair_stand_s", "s"), ("measurements", "asm_kg", "kg"),
    ("screening", "instability_rate", ""), ("screening", "risk_group", ""), ("screening", "windows", ""),
    ("kinematics", "sway_range_bh", "BH"), ("kinematics", "sway_sd_bh", "BH"),
    ("kinematics", "arm_abduction_max_deg", "°"), ("kinematics", "foot_dev_max_bh", "BH"),
    ("kinematics", "trunk_lean_max_deg", "°"), ("kinematics", "stops_count", ""),
    ("gait", "cadence_steps_per_min", "steps/min"), ("gait", "step_time_mean_s", "s"),
    ("gait", "step_time_cv_pct", "%"), ("gait", "step_width_cm", "cm"), ("gait", "speed_m_per_s", "m/s"),
    ("assessment", "awgs", ""), ("assessment", "ewgsop2", ""),
)
KINEMATICS = [k for s, k, _ in ROWS if s == "kinematics"]
GAIT = [k for s, k, _ in ROWS if s == "gait"]
TREND_KEYS = ("date", "time", "gait_speed_m_per_s", "grip_kg", "calf_cm", "sarc_f", "sppb", "instability_rate",
              "awgs", "ewgsop2")


def _value(entry: Any) -> float | None:
    """A number from a measurement's JSON form (``{"value": x}`` or a bare number)."""
    x = entry.get("value") if isinstance(entry, dict) else entry
    return None if x is None or isinstance(x, bool) else float(x)


def manual_values(measurements: dict[str, Any]) -> dict[str, Any]:
    """The visit's manual entries (``{kind: JSON}``) as the comparison's numbers."""
    grip = measurements.get("handgrip") or {}
    trials = [float(x) for hand in ("right_kg", "left_kg") for x in grip.get(hand) or []]
    sarc = measurements.get("sarc_f")
    asm = measurements.get("asm") or {}
    return {"grip_kg": max(trials) if trials else None,
            "calf_cm": _value(measurements.get("calf_circumference_cm")),
            "sarc_f": None if not sarc else int(sum(int(v) for v in sarc.values())),
            "sppb": _value(measurements.get("sppb_score")),
            "chair_stand_s": _value(measurements.get("chair_stand_s")),
            "asm_kg": _value(asm.get("kg")) if asm else None}


def visit_summary(study: Study, visit_id: int) -> dict[str, Any]:
    """Everything the comparison and the trend show for one visit (None where not measured)."""
    visit = study.visit(visit_id)
    out: dict[str, Any] = {key: None for _, key, _ in ROWS}
    out.update(id=visit.id, patient_id=visit.patient_id, date=visit.date, time=visit.time or "",
               operator=visit.operator, problem="")
    out.update(manual_values({m.kind: m.value for m in study.measurements(visit_id)}))
    try:
        measures = study.visit_measures(visit_id)
        out["gait_speed_m_per_s"] = (None if measures.gait_speed_m_per_s is None
                                     else measures.gait_speed_m_per_s.value)
        found = assess_visit(measures)["assessments"]
        out["awgs"], out["ewgsop2"] = found["AWGS 2019"]["conclusion"], found["EWGSOP2"]["conclusion"]
    except GaitScreenError as exc:
        out["problem"] = str(exc)  # e.g. the patient's sex is not set: no cut-offs apply
    walks = []
    for rec in study.visit_recordings(visit_id):
        analysis = study.analysis(rec.id) if rec.protocol == "tandem-walk" else None
        if analysis is not None:
            walks.append((rec, analysis))
    out["tandem_walks"] = len(walks)
    if walks:
        rec, analysis = walks[-1]  # the latest analysed tandem walk of the visit
        report = study.load_report(analysis)
        out.update(recording_id=rec.id, recording=rec.original_name, instability_rate=analysis.instability_rate,
                   risk_group=analysis.risk_group, windows=analysis.windows)
        overall = (report.get("kinematics") or {}).get("overall") or {}
        gait = report.get("gait") or {}
        out.update({k: overall.get(k) for k in KINEMATICS})
        out.update({k: gait.get(k) for k in GAIT})
    return out


def compare_visits(study: Study, first_id: int, second_id: int) -> list[dict[str, Any]]:
    """Two visits of one patient row by row: ``section, key, unit, a, b, change`` (b − a for
    numbers, else None). A visit of another patient is refused (GaitScreenError)."""
    a, b = visit_summary(study, first_id), visit_summary(study, second_id)
    if a["patient_id"] != b["patient_id"]:
        raise GaitScreenError("The two visits are of different patients; compare two visits of one patient.")
    rows = []
    for section, key, unit in ROWS:
        x, y = a.get(key), b.get(key)
        numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (x, y))
        rows.append({"section": section, "key": key, "unit": unit, "a": x, "b": y,
                     "change": round(y - x, 6) if numbers else None})
    return rows


def visit_trend(study: Study, patient_id: int) -> list[dict[str, Any]]:
    """One row per visit of the patient, oldest first: the keys of :data:`TREND_KEYS` and ``id``."""
    rows = []
    for visit in study.visits(patient_id):
        s = visit_summary(study, visit.id)
        rows.append({"id": visit.id, "problem": s["problem"], **{k: s.get(k) for k in TREND_KEYS}})
    return rows
