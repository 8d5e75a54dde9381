"""A visit's measurements for the sarcopenia assessment, checked on entry.

Every measure may be missing (None); a present one carries its source (the
dynamometer, "manual stopwatch", "video:<sha256>", a DXA/BIA device ...). Values out
of any plausible human range are refused with one sentence (AssessmentInputError),
so a typo (a grip of 300 kg) never reaches a conclusion. JSON form (``gaitscreen
assess --visit``)::

    {"sex": "F", "age": 74, "height_cm": 158,
     "handgrip": {"dynamometer": "Jamar", "right_kg": [17.5, 18.2], "left_kg": [16.0]},
     "calf_circumference_cm": {"value": 32.5, "source": "tape"},
     "sarc_f": {"strength": 1, "assistance_walking": 0, "rise_from_chair": 1,
                "climb_stairs": 1, "falls": 0},
     "asm": {"kg": 14.2, "method": "BIA", "source": "InBody 270"},
     "gait_speed": {"m_per_s": 0.92, "course_m": 6, "test": "usual-walk", "source": "video:..."},
     "chair_stand_s": {"value": 13.1, "source": "manual stopwatch"},
     "sppb_score": {"value": 9, "source": "manual"}}
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any

from ..errors import AssessmentInputError
from ..i18n import N_, _

SARC_F_ITEMS = ("strength", "assistance_walking", "rise_from_chair", "climb_stairs", "falls")
USUAL_WALK = "usual-walk"
TESTS = ("usual-walk", "tandem-walk")
#: Plausible ranges (inclusive) of each entered value.
#: The measures of RANGES as an error names them.
FIELD_NAMES = {"age": N_("age"), "height_cm": N_("height"), "handgrip_kg": N_("grip strength"),
               "calf_circumference_cm": N_("calf circumference"), "asm_kg": N_("appendicular skeletal muscle mass"),
               "gait_speed_m_per_s": N_("gait speed"), "course_m": N_("course length"),
               "chair_stand_s": N_("five-times chair stand"), "sppb_score": N_("SPPB score")}
#: Default sources of a value (the visit file's when it names none).
N_("manual"), N_("questionnaire")

RANGES = {
    "age": (18, 120, "years"),
    "height_cm": (100.0, 230.0, "cm"),
    "handgrip_kg": (0.0, 100.0, "kg"),
    "calf_circumference_cm": (15.0, 70.0, "cm"),
    "asm_kg": (5.0, 50.0, "kg"),
    "gait_speed_m_per_s": (0.05, 3.0, "m/s"),
    "course_m": (2.0, 20.0, "m"),
    "chair_stand_s": (2.0, 120.0, "s"),
    "sppb_score": (0, 12, "points"),
}


@dataclass(frozen=True)
class Measure:
    """One entered value and where it came from."""

    value: float
    source: str = "manual"


@dataclass(frozen=True)
class VisitMeasures:
    """The inputs of the assessment (see the module notes)."""

    sex: str
    age: int | None = None
    height_cm: float | None = None
    handgrip_kg: Measure | None = None  # best trial of either hand
    handgrip_trials: dict[str, list[float]] = field(default_factory=dict)
    calf_circumference_cm: Measure | None = None
    sarc_f_items: dict[str, int] | None = None
    sarc_f_source: str = "questionnaire"
    asm_kg: Measure | None = None
    asm_method: str | None = None  # "DXA" or "BIA"
    gait_speed_m_per_s: Measure | None = None
    gait_test: str | None = None  # protocol of the walk the speed comes from
    gait_course_m: float | None = None
    chair_stand_s: Measure | None = None
    sppb_score: Measure | None = None

    @property
    def sarc_f_total(self) -> int | None:
        return None if self.sarc_f_items is None else int(sum(self.sarc_f_items.values()))

    @property
    def asm_index(self) -> float | None:
        """ASM / height² (kg/m²), when both are entered; to 4 decimals, so a value
        entered at a cut-off compares as that cut-off (no floating-point residue)."""
        if self.asm_kg is None or self.height_cm is None:
            return None
        return round(self.asm_kg.value / (self.height_cm / 100.0) ** 2, 4)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["sarc_f_total"] = self.sarc_f_total
        d["asm_index_kg_m2"] = None if self.asm_index is None else round(self.asm_index, 3)
        return d

    @classmethod
    def from_dict(cls, d: Any) -> VisitMeasures:
        """Check the JSON form and build the inputs (AssessmentInputError if invalid)."""
        if not isinstance(d, dict):
            raise AssessmentInputError(_("A visit must be a JSON object with at least the patient's sex."))
        unknown = sorted(set(d) - VISIT_KEYS)
        if unknown:  # a misspelt measurement must not be read as a missing one
            raise AssessmentInputError(_('The visit has entries GaitScreen does not know: {unknown} (known: {known}).')
                .format(unknown=', '.join(map(repr, unknown)), known=', '.join(sorted(VISIT_KEYS))))
        sex = d.get("sex")
        if sex not in ("F", "M"):
            raise AssessmentInputError(_("The visit's sex must be 'F' or 'M' (the cut-offs are sex-specific), got {sex!r}.")
                .format(sex=sex))
        grip, trials = _handgrip(d.get("handgrip"))
        items = _sarc_f(d.get("sarc_f"))
        asm = method = None
        if d.get("asm") is not None:
            a = _obj(d["asm"], "asm")
            method = a.get("method")
            if method not in ("DXA", "BIA"):
                raise AssessmentInputError(_("The ASM method must be 'DXA' or 'BIA', got {method!r}.")
                    .format(method=method))
            asm = Measure(_num(a.get("kg"), "asm_kg"), str(a.get("source") or method))
        speed = test = course = None
        if d.get("gait_speed") is not None:
            g = _obj(d["gait_speed"], "gait_speed")
            test = g.get("test")
            if test not in TESTS:
                raise AssessmentInputError(_("The gait speed's test must be one of {tests}, got {test!r}.")
                    .format(tests=', '.join(TESTS), test=test))
            speed = Measure(_num(g.get("m_per_s"), "gait_speed_m_per_s"), str(g.get("source") or "manual"))
            course = None if g.get("course_m") is None else _num(g["course_m"], "course_m")
        age = None if d.get("age") is None else int(_num(d["age"], "age"))
        height = None if d.get("height_cm") is None else _num(d["height_cm"], "height_cm")
        if asm is not None and height is None:
            raise AssessmentInputError(_("ASM was entered without the patient's height; add height_cm for ASM/height²."))
        return cls(
            sex=sex, age=age, height_cm=height, handgrip_kg=grip, handgrip_trials=trials,
            calf_circumference_cm=_measure(d.get("calf_circumference_cm"), "calf_circumference_cm"),
            sarc_f_items=items, asm_kg=asm, asm_method=method, gait_speed_m_per_s=speed, gait_test=test,
            gait_course_m=course, chair_stand_s=_measure(d.get("chair_stand_s"), "chair_stand_s"),
            sppb_score=_measure(d.get("sppb_score"), "sppb_score", integer=True),
        )


#: The entries of a visit file: the measurements read above and what describes the visit.
VISIT_KEYS = frozenset({"sex", "age", "height_cm", "handgrip", "sarc_f", "asm", "gait_speed", "calf_circumference_cm",
                        "chair_stand_s", "sppb_score", "patient_id", "date", "time", "operator", "notes"})


def _obj(v: Any, key: str) -> dict:
    if not isinstance(v, dict):
        raise AssessmentInputError(_("The visit's {key!r} must be an object (see the visit file format).")
            .format(key=key))
    return v


def _num(v: Any, key: str, *, integer: bool = False) -> float:
    lo, hi, unit = RANGES[key]
    name = _(FIELD_NAMES[key]) if key in FIELD_NAMES else key.replace("_", " ")
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        raise AssessmentInputError(_("The visit's {name} must be a number of {unit}, got {v!r}.")
            .format(name=name, unit=unit, v=v))
    if integer and v != int(v):
        raise AssessmentInputError(_("The visit's {name} must be a whole number, got {v!r}.").format(name=name, v=v))
    if not lo <= v <= hi:
        raise AssessmentInputError(
            _("The visit's {name} of {v:g} {unit} is outside {lo:g}-{hi:g} {unit}; check the entry.")
                .format(name=name, v=v, unit=unit, lo=lo, hi=hi))
    return float(v)


def _measure(v: Any, key: str, *, integer: bool = False) -> Measure | None:
    """A bare number or ``{"value": x, "source": "..."}``."""
    if v is None:
        return None
    if isinstance(v, dict):
        return Measure(_num(v.get("value"), key, integer=integer), str(v.get("source") or "manual"))
    return Measure(_num(v, key, integer=integer))


def _handgrip(v: Any) -> tuple[Measure | None, dict[str, list[float]]]:
    if v is None:
        return None, {}
    g = _obj(v, "handgrip")
    trials: dict[str, list[float]] = {}
    for hand in ("right_kg", "left_kg"):
        vals = g.get(hand)
        if vals is None:
            continue
        vals = vals if isinstance(vals, list) else [vals]
        trials[hand] = [_num(x, "handgrip_kg") for x in vals]
    if not any(trials.values()):
        raise AssessmentInputError(_('The handgrip entry has no trial; give right_kg and/or left_kg (kg per trial).'))
    if not g.get("dynamometer"):
        raise AssessmentInputError(_('Name the dynamometer used for the handgrip (cut-offs depend on the device).'))
    best = max(x for vals in trials.values() for x in vals)
    return Measure(best, str(g["dynamometer"])), trials


def _sarc_f(v: Any) -> dict[str, int] | None:
    if v is None:
        return None
    s = _obj(v, "sarc_f")
    items: dict[str, int] = {}
    for k in SARC_F_ITEMS:
        x = s.get(k)
        if isinstance(x, bool) or not isinstance(x, (int, float)) or x not in (0, 1, 2):
            raise AssessmentInputError(_('SARC-F item {k!r} must be 0, 1 or 2, got {x!r}.').format(k=k, x=x))
        items[k] = int(x)
    extra = sorted(set(s) - set(SARC_F_ITEMS) - {"source"})
    if extra:
        raise AssessmentInputError(_('Unknown SARC-F item {extra!r}; the items are {items}.')
            .format(extra=extra[0], items=', '.join(SARC_F_ITEMS)))
    return items
