"""The visit report's dict: every number the visit PDF shows (it is also the JSON).

Built from a visit's :class:`~gaitscreen.core.assessment.visit_inputs.VisitInputs` and
its analysed tests; :mod:`.visit_pdf` renders this dict and nothing else, so the JSON
written beside the PDF carries every number of it. Pure: no I/O, no Qt.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ... import __version__
from ..analysis.protocol_words import wording_in, wording_of
from ..assessment import AWGS, CUTOFFS, EWGSOP2, assess_visit
from ..assessment.visit_inputs import AnalysedTest, VisitInputs
from ..i18n import N_, language
from .text import number

VISIT_FORMAT = "gaitscreen.visit"
VISIT_VERSION = 1
RESEARCH_LABEL = N_("research measure: the instability rate R of a stability model trained on synthetic data; "
                  "not part of the sarcopenia assessment")
_UNITS = {"handgrip": "kg", "calf_circumference_cm": "cm", "asm": "kg", "height_cm": "cm", "chair_stand_s": "s",
          "sppb_score": "points", "sarc_f": "points"}


def _compare(measure: str, value: float | None, sex: str, *, applies: bool = True) -> list[dict[str, Any]]:
    """The value against each guideline's cut-offs of ``measure``."""
    out = []
    for g in (AWGS, EWGSOP2):
        for crit, cutoffs in CUTOFFS[g].items():
            for c in cutoffs:
                if c.measure != measure:
                    continue
                status = "not compared" if not applies else "missing" if value is None else \
                    ("met" if c.met(value, sex) else "not met")
                with language("en"):  # the JSON is the same in every language
                    cutoff = c.text(sex)
                out.append({"guideline": g, "criterion": crit.replace("_", " "), "cutoff": cutoff,
                            "status": status})
    return out


def timeline(report: dict[str, Any]) -> dict[str, Any] | None:
    """The numbers of a walk's gait chart from its analysis report (None without steps or duration)."""
    gait = report.get("gait") or {}
    metric = gait.get("metric") or {}
    duration = number(gait.get("duration_s")) or number((report.get("recording") or {}).get("duration_s"))
    times = [t for t in (number(x) for x in gait.get("step_times_s") or []) if t is not None]
    if duration is None or duration <= 0:
        return None
    return {"duration_s": duration, "step_times_s": times, "step_feet": list(gait.get("step_feet") or [])[:len(times)],
            "walk_start_s": gait.get("walk_start_s"), "walk_end_s": gait.get("walk_end_s"),
            "steady_start_s": metric.get("steady_start_s"), "steady_end_s": metric.get("steady_end_s"),
            "speed_m_per_s": metric.get("speed_m_per_s")}



#: The names the entries below store (English data; the PDF shows them translated).
VALUE_NAMES = (N_("gait speed"), N_("course"), N_("step length"), N_("step width"), N_("cadence"),
               N_("five-times chair stand"), N_("SPPB chair-stand points"), N_("SPPB balance points"),
               N_("tandem-walk speed: a measurement, no cut-off applies"), N_("unable"))


def _check_entry(c: dict[str, Any]) -> dict[str, Any]:
    """A protocol check as the visit JSON keeps it: the English message, and its template, values and
    advice, so a reader's PDF words it in the reader's language (``protocol_words.check_text``)."""
    return {"code": c.get("code"), "status": c.get("status"), "message": c.get("message"),
            "advice": c.get("advice") or "", "template": c.get("template") or "", "values": c.get("values") or {}}


def _test_entry(t: AnalysedTest, sex: str) -> dict[str, Any]:
    r = t.report
    protocol = r.get("protocol") or {}
    entry: dict[str, Any] = {
        "recording_id": t.recording_id, "protocol": t.protocol, "file": t.name, "video_sha256": t.video_sha256,
        "protocol_check": {"assessable": protocol.get("assessable", r.get("assessable")),
                           "failed": list(protocol.get("failed") or []),
                           "checks": [_check_entry(c) for c in protocol.get("checks") or []]},
        "values": [], "calibration": None, "model": None, "instability_rate": None,
        "corrected_by_examiner": [{"value": k, "before": c.get("before"), "after": c.get("after"),
                                   "examiner": r.get("examiner")} for k, c in sorted((r.get("corrections")
                                                                                    or {}).items())],
    }
    if t.protocol in ("usual-walk", "tandem-walk"):
        metric = ((r.get("gait") or {}).get("metric")) or {}
        entry["calibration"] = metric.get("calibration")
        entry["timeline"] = timeline(r)
        speed = metric.get("speed_m_per_s")
        usual = t.protocol == "usual-walk"
        entry["values"].append({"name": "gait speed", "value": speed, "unit": "m/s",
                                "note": None if usual else "tandem-walk speed: a measurement, no cut-off applies",
                                "against": _compare("gait_speed_m_per_s", speed, sex, applies=usual)})
        for key, name, unit in (("course_m", "course", "m"), ("step_length_cm", "step length", "cm"),
                                ("step_width_cm", "step width", "cm"),
                                ("cadence_steps_per_min", "cadence", "steps/min")):
            if metric.get(key) is not None:
                entry["values"].append({"name": name, "value": metric[key], "unit": unit, "note": None,
                                        "against": []})
        screening = r.get("screening") or {}
        entry["model"] = screening.get("model") or None
        if t.protocol == "tandem-walk":
            entry["instability_rate"] = screening.get("instability_rate")
    elif t.protocol == "chair-stand":
        cs = r.get("chair_stand") or {}
        entry["values"].append({"name": "five-times chair stand", "value": cs.get("time_s"), "unit": "s",
                                "note": "unable" if cs.get("unable") else None,
                                "against": _compare("chair_stand_s", None if cs.get("unable") else cs.get("time_s"),
                                                    sex)})
        entry["values"].append({"name": "SPPB chair-stand points", "value": (r.get("sppb") or {}).get(
            "chair_stand_points"), "unit": "points", "note": None, "against": []})
    elif t.protocol == "balance":
        for s in (r.get("balance") or {}).get("stances") or []:
            entry["values"].append({"name": f"{str(s.get('stance')).replace('_', '-')} stance held",
                                    "value": s.get("hold_s"), "unit": "s", "note": None, "against": []})
        entry["values"].append({"name": "SPPB balance points", "value": (r.get("sppb") or {}).get("balance_points"),
                                "unit": "points", "note": None, "against": []})
    return entry


def _manual_rows(inputs: VisitInputs) -> list[dict[str, Any]]:
    m = inputs.measures
    rows: list[dict[str, Any]] = []

    def add(name: str, value: Any, unit: str, source: str | None) -> None:
        if value is not None:
            rows.append({"measure": name, "value": value, "unit": unit, "source": source})

    for hand, trials in m.handgrip_trials.items():
        add(f"handgrip {hand.removesuffix('_kg')} (trials)", list(trials), "kg", None)
    add("handgrip (best)", None if m.handgrip_kg is None else m.handgrip_kg.value, "kg",
        None if m.handgrip_kg is None else m.handgrip_kg.source)
    add("calf circumference", None if m.calf_circumference_cm is None else m.calf_circumference_cm.value, "cm",
        None if m.calf_circumference_cm is None else m.calf_circumference_cm.source)
    if m.sarc_f_items is not None:
        for k, v in m.sarc_f_items.items():
            add(f"SARC-F {k.replace('_', ' ')}", v, "points", None)
        add("SARC-F total", m.sarc_f_total, "points", m.sarc_f_source)
    if m.asm_kg is not None:
        add(f"ASM ({m.asm_method})", m.asm_kg.value, "kg", m.asm_kg.source)
        add("ASM / height²", m.asm_index, "kg/m²", "computed")
    add("height", m.height_cm, "cm", None)
    add("age", m.age, "years", None)
    add("five-times chair stand", None if m.chair_stand_s is None else m.chair_stand_s.value, "s",
        None if m.chair_stand_s is None else m.chair_stand_s.source)
    add("gait speed (usual pace)", None if m.gait_speed_m_per_s is None else m.gait_speed_m_per_s.value, "m/s",
        None if m.gait_speed_m_per_s is None else m.gait_speed_m_per_s.source)
    add("SPPB score", None if m.sppb_score is None else m.sppb_score.value, "points",
        None if m.sppb_score is None else m.sppb_score.source)
    return rows


def visit_report(inputs: VisitInputs, *, patient: dict[str, Any], visit: dict[str, Any],
                 tests: list[AnalysedTest] = (), setups: list[dict[str, Any]] = (),
                 created: str | None = None) -> dict[str, Any]:
    """The visit report dict (module notes). ``patient``: ``{"id": code, "sex", "birth_year"}``;
    ``visit``: ``{"id", "date", "time", "operator", "notes"}``; ``setups``: the calibrations used."""
    sex = inputs.measures.sex
    entries = [_test_entry(t, sex) for t in tests]
    models, seen = [], set()
    for t, e in zip(tests, entries):
        mdl = e["model"]
        if mdl and mdl.get("sha256") not in seen:
            seen.add(mdl.get("sha256"))
            models.append({"role": "stability classifier", "name": mdl.get("name"), "version": mdl.get("version"),
                           "sha256": mdl.get("sha256"), "synthetic": mdl.get("synthetic_training_data")})
        pose = t.report.get("protocol") or {}
        if pose.get("pose_model") and pose.get("pose_model_sha256") not in seen:
            seen.add(pose.get("pose_model_sha256"))
            models.append({"role": "pose", "name": pose["pose_model"], "version": None,
                           "sha256": pose.get("pose_model_sha256"), "synthetic": None})
    calibrations, seen = [], set()
    for c in [e["calibration"] for e in entries if e["calibration"]] + list(setups):
        sha = c.get("sha256") or c.get("calibration_sha256")
        if sha not in seen:
            seen.add(sha)
            calibrations.append({"name": c.get("name"), "sha256": sha})
    report = {
        "format": VISIT_FORMAT, "version": VISIT_VERSION,
        "created": created or dt.datetime.now().astimezone().replace(microsecond=0).isoformat(),
        "software": {"name": "GaitScreen", "version": __version__},
        "patient": {"id": str(patient.get("id") or ""), "sex": sex, "birth_year": patient.get("birth_year"),
                    "age": inputs.measures.age, "height_cm": inputs.measures.height_cm},
        "visit": {k: visit.get(k) for k in ("id", "date", "time", "operator", "notes")},
        "tests": entries,
        "measurements": _manual_rows(inputs),
        "sppb": {**inputs.sppb.to_dict(),
                 "score": None if inputs.measures.sppb_score is None else inputs.measures.sppb_score.value,
                 "score_source": None if inputs.measures.sppb_score is None else inputs.measures.sppb_score.source},
        "assessment": assess_visit(inputs.measures),
        "research": [{"recording_id": e["recording_id"], "instability_rate": e["instability_rate"],
                      "label": RESEARCH_LABEL} for e in entries if e["protocol"] == "tandem-walk"],
        "models": models,
        "calibrations": calibrations,
        "notes": list(inputs.notes),
        "notes_wording": wording_of(inputs.notes),  # the notes' templates and values, worded where shown
        "sign_off": {"operator": visit.get("operator") or "", "notes": "", "conclusion": ""},
    }
    # The sources' sentences (recordings, calibrations, who entered what) with their templates and
    # values, worded where shown; the report stores them in English.
    report["source_wording"] = wording_in({k: report[k] for k in ("measurements", "sppb", "assessment")})
    return report
