"""The sarcopenia assessment of a visit under AWGS 2019 and EWGSOP2 (pure functions).

Per criterion: each measure's value, its sex-specific cut-off with the source, and
*met / not met / missing*. A criterion is met when any of its measures is, not met
when at least one is present and none is met, missing otherwise: a missing input is
never taken as normal. A gait speed counts only when it comes from a usual-pace walk
(a tandem-walk speed is shown, marked "not comparable"). Conclusions follow the
consensus algorithms (module :mod:`.cutoffs` for the sources):

* AWGS 2019: case finding by calf circumference, SARC-F or SARC-CalF; *possible
  sarcopenia* from low strength or low physical performance; *sarcopenia* with low
  muscle mass besides; *severe sarcopenia* with all three.
* EWGSOP2: *probable sarcopenia* from low strength; *confirmed* with low muscle
  quantity; *severe* with low performance besides.

Where a step cannot be decided, the conclusion says so and names what to add.

The result dict (the JSON) is always in English, so the same inputs give the same
JSON in every language; :func:`describe` words a stored result in the current
language (the visit PDF, the CLI line) from its criteria's statuses.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ..analysis.protocol_words import say
from ..i18n import N_, _, language
from .cutoffs import AWGS, CUTOFFS, EWGSOP2, to_add
from .visit import USUAL_WALK, VisitMeasures

MET, NOT_MET, MISSING = "met", "not met", "missing"
LABELS = {
    "case_finding": N_("case finding"),
    "low_strength": N_("low muscle strength"),
    "low_performance": N_("low physical performance"),
    "low_muscle_mass": N_("low muscle mass"),
}
#: The conclusions (the JSON's ``conclusion`` values) and the statuses, marked for the catalogue.
CONCLUSIONS = (N_("incomplete"), N_("no sarcopenia"), N_("possible sarcopenia"), N_("sarcopenia"),
               N_("severe sarcopenia"), N_("probable sarcopenia"), N_("sarcopenia (confirmed)"))
STATUSES = (N_("met"), N_("not met"), N_("missing"), N_("not compared"))
#: AWGS 2019: 10 points are added to SARC-F when calf circumference is below these (cm).
SARC_CALF_CALF_CM = {"M": 34.0, "F": 33.0}


@dataclass
class MeasureResult:
    measure: str
    value: float | None
    unit: str
    cutoff: str
    source: str  # of the cut-off
    input_source: str | None
    status: str
    note: str | None = None


@dataclass
class CriterionResult:
    criterion: str
    label: str
    status: str
    measures: list[MeasureResult] = field(default_factory=list)


@dataclass
class GuidelineResult:
    guideline: str
    criteria: list[CriterionResult]
    conclusion: str  # short category
    statement: str  # plain words
    missing: list[str] = field(default_factory=list)  # "add ... to ..."

    def criterion(self, name: str) -> CriterionResult:
        return next(c for c in self.criteria if c.criterion == name)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


#: A walking test as a sentence names it (the visit file stores its protocol id).
_TEST_WORDS = {"tandem-walk": N_("tandem walk"), "usual-walk": N_("usual-pace walk")}

def _values(v: VisitMeasures) -> dict[str, tuple[float | None, str | None, str | None]]:
    """Measure key → (value, its source, a note why it is not comparable)."""
    out: dict[str, tuple[float | None, str | None, str | None]] = {}

    def put(key: str, m: Any) -> None:
        out[key] = (None, None, None) if m is None else (m.value, m.source, None)

    put("handgrip_kg", v.handgrip_kg)
    put("calf_circumference_cm", v.calf_circumference_cm)
    put("chair_stand_s", v.chair_stand_s)
    put("sppb_score", v.sppb_score)
    total = v.sarc_f_total
    out["sarc_f_total"] = (total, v.sarc_f_source, None) if total is not None else (None, None, None)
    if total is not None and v.calf_circumference_cm is not None:
        calf_low = v.calf_circumference_cm.value < SARC_CALF_CALF_CM[v.sex]
        out["sarc_calf_total"] = (total + (10 if calf_low else 0), "SARC-F + calf circumference", None)
    else:
        out["sarc_calf_total"] = (None, None, None)
    idx = v.asm_index
    for method in ("DXA", "BIA"):
        key = f"asm_index_{method.lower()}"
        out[key] = (idx, v.asm_kg.source, None) if idx is not None and v.asm_method == method else (None, None, None)
    speed = v.gait_speed_m_per_s
    if speed is None:
        out["gait_speed_m_per_s"] = (None, None, None)
    elif v.gait_test != USUAL_WALK:
        out["gait_speed_m_per_s"] = (None, speed.source, say(N_(
            "{speed:g} m/s measured on a {test}: a measurement only, not compared with the usual gait-speed cut-off"),
            speed=speed.value, test=_TEST_WORDS.get(v.gait_test, v.gait_test)))
    else:
        source = say(N_("{source} over {course} m"), source=speed.source, course=v.gait_course_m) \
            if v.gait_course_m else speed.source
        out["gait_speed_m_per_s"] = (speed.value, source, None)
    return out


def _criterion(name: str, guideline: str, v: VisitMeasures, values: dict) -> CriterionResult:
    results = []
    for c in CUTOFFS[guideline][name]:
        value, src, note = values[c.measure]
        if c.measure.startswith("asm_index") and v.asm_method and not c.measure.endswith(v.asm_method.lower()):
            continue  # the other method's cut-off
        status = MISSING if value is None else (MET if c.met(value, v.sex) else NOT_MET)
        results.append(MeasureResult(c.measure, None if value is None else round(float(value), 3), c.unit,
                                     c.text(v.sex), c.source, src, status, note))
    states = {r.status for r in results}
    status = MET if MET in states else NOT_MET if NOT_MET in states else MISSING
    return CriterionResult(name, LABELS[name], status, results)


def assess(v: VisitMeasures, guideline: str) -> GuidelineResult:
    """The assessment of one visit under one guideline (module notes), worded in English."""
    if guideline not in (AWGS, EWGSOP2):
        raise ValueError(f"unknown guideline {guideline!r}")
    with language("en"):
        values = _values(v)
        crit = [_criterion(n, guideline, v, values) for n in CUTOFFS[guideline]]
        conclusion, statement, missing = describe(guideline, {c.criterion: c.status for c in crit})
    return GuidelineResult(guideline, crit, conclusion, statement, missing)


def describe(guideline: str, statuses: dict[str, str]) -> tuple[str, str, list[str]]:
    """(conclusion, statement, what to add) of criteria ``statuses`` in the current language.

    The conclusion is the English category when the current language is English (the
    JSON value); the statement and the list are plain words for the reader."""
    conclusion, statement, missing = (_awgs if guideline == AWGS else _ewgsop2)(statuses)
    if statuses["case_finding"] == MISSING:
        missing.append(_("add {what} for case finding").format(what=to_add("case_finding", guideline)))
    return _(conclusion), statement, missing


def _add(criterion: str, guideline: str, why: str) -> str:
    return _("add {what} to {why}").format(what=to_add(criterion, guideline), why=_(why))


N_("complete the assessment"), N_("confirm or rule out sarcopenia"), N_("grade its severity")
N_("confirm the diagnosis")


def _awgs(s: dict[str, str]) -> tuple[str, str, list[str]]:
    strength, perf, mass = s["low_strength"], s["low_performance"], s["low_muscle_mass"]
    missing: list[str] = []
    if MET not in (strength, perf):
        if MISSING in (strength, perf):
            for k in ("low_strength", "low_performance"):
                if s[k] == MISSING:
                    missing.append(_add(k, AWGS, "complete the assessment"))
            return "incomplete", _("Muscle strength and physical performance are not both assessed; no "
                                   "conclusion."), missing
        return "no sarcopenia", _("Muscle strength and physical performance are within the AWGS 2019 limits."), missing
    met = [_(LABELS[k]) for k in ("low_strength", "low_performance") if s[k] == MET]
    found = met[0] if len(met) == 1 else _("{first} and {second}").format(first=met[0], second=met[1])
    if mass == MISSING:
        missing.append(_add("low_muscle_mass", AWGS, "confirm or rule out sarcopenia"))
        return "possible sarcopenia", _("Possible sarcopenia ({found}); muscle mass not measured.").format(
            found=found), missing
    if mass == NOT_MET:
        text = _("{found} with normal muscle mass: not sarcopenia by AWGS 2019.").format(found=found)
        return "no sarcopenia", text[:1].upper() + text[1:], missing
    if strength == MET and perf == MET:
        return "severe sarcopenia", _("Severe sarcopenia: low muscle mass, low strength and low physical "
                                      "performance."), missing
    other = "low_performance" if strength == MET else "low_strength"
    if s[other] == MISSING:
        missing.append(_add(other, AWGS, "grade its severity"))
    return "sarcopenia", _("Sarcopenia: low muscle mass with {found}.").format(found=found), missing


def _ewgsop2(s: dict[str, str]) -> tuple[str, str, list[str]]:
    strength, perf, mass = s["low_strength"], s["low_performance"], s["low_muscle_mass"]
    missing: list[str] = []
    if strength == MISSING:
        missing.append(_add("low_strength", EWGSOP2, "complete the assessment"))
        return "incomplete", _("Muscle strength is not assessed; EWGSOP2 starts from it, so no conclusion."), missing
    if strength == NOT_MET:
        return "no sarcopenia", _("Muscle strength is within the EWGSOP2 limits: sarcopenia is not probable."), missing
    if mass == MISSING:
        missing.append(_add("low_muscle_mass", EWGSOP2, "confirm the diagnosis"))
        return "probable sarcopenia", _("Probable sarcopenia (low muscle strength); muscle quantity not "
                                        "measured."), missing
    if mass == NOT_MET:
        return "probable sarcopenia", _("Probable sarcopenia (low muscle strength); muscle quantity is normal, so "
                                        "the diagnosis is not confirmed: look for other causes of low strength."), missing
    if perf == MET:
        return "severe sarcopenia", _("Severe sarcopenia: low strength, low muscle quantity and low physical "
                                      "performance."), missing
    if perf == MISSING:
        missing.append(_add("low_performance", EWGSOP2, "grade its severity"))
    return "sarcopenia (confirmed)", _("Sarcopenia confirmed: low muscle strength and low muscle quantity."), missing


def assess_visit(v: VisitMeasures) -> dict[str, Any]:
    """Both guidelines' assessments of a visit, with its inputs (the JSON of ``assess``)."""
    return {"inputs": v.to_dict(),
            "assessments": {g: assess(v, g).to_dict() for g in (AWGS, EWGSOP2)},
            "note": NOTE}


NOTE = N_("A screening aid: the conclusion is the clinician's.")
