"""Published sarcopenia cut-offs, sex-specific, each with its source.

AWGS 2019: Chen L-K et al., "Asian Working Group for Sarcopenia: 2019 Consensus
Update on Sarcopenia Diagnosis and Treatment", J Am Med Dir Assoc 2020;21:300-307.
EWGSOP2: Cruz-Jentoft AJ et al., "Sarcopenia: revised European consensus on
definition and diagnosis", Age Ageing 2019;48:16-31 (Table 3).

EWGSOP2 lists the five-times chair stand (> 15 s) as a measure of *strength*
(an alternative to grip), not of performance; AWGS 2019 lists it (>= 12 s) under
physical performance. Both are kept as published. The gait-speed cut-offs apply to
usual-pace walking over a measured course only (AWGS 2019: 6 m).
"""

from __future__ import annotations

import operator
from dataclasses import dataclass

from ..i18n import N_, _

AWGS = "AWGS 2019"
EWGSOP2 = "EWGSOP2"
SOURCES = {
    AWGS: "AWGS 2019 (Chen et al., J Am Med Dir Assoc 2020;21:300-307)",
    EWGSOP2: "EWGSOP2 (Cruz-Jentoft et al., Age Ageing 2019;48:16-31, Table 3)",
}
_OPS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


@dataclass(frozen=True)
class Cutoff:
    """``value <op> threshold`` means the criterion is met (the value is abnormal)."""

    guideline: str
    measure: str  # key of the visit measure
    op: str
    men: float
    women: float
    unit: str

    def threshold(self, sex: str) -> float:
        return self.men if sex == "M" else self.women

    def met(self, value: float, sex: str) -> bool:
        return bool(_OPS[self.op](value, self.threshold(sex)))

    def text(self, sex: str) -> str:
        unit = _(self.unit) if self.unit == "points" else self.unit
        text = f"{self.op} {self.threshold(sex):g} {unit}"
        return (_("{cutoff} (men)") if sex == "M" else _("{cutoff} (women)")).format(cutoff=text)

    @property
    def source(self) -> str:
        return SOURCES[self.guideline]


def _c(guideline: str, measure: str, op: str, men: float, women: float, unit: str) -> Cutoff:
    return Cutoff(guideline, measure, op, men, women, unit)


#: Per guideline and criterion, the cut-offs of its measures (any one met meets it).
CUTOFFS: dict[str, dict[str, list[Cutoff]]] = {
    AWGS: {
        "case_finding": [
            _c(AWGS, "calf_circumference_cm", "<", 34.0, 33.0, "cm"),
            _c(AWGS, "sarc_f_total", ">=", 4, 4, "points"),
            _c(AWGS, "sarc_calf_total", ">=", 11, 11, "points"),
        ],
        "low_strength": [_c(AWGS, "handgrip_kg", "<", 28.0, 18.0, "kg")],
        "low_performance": [
            _c(AWGS, "gait_speed_m_per_s", "<", 1.0, 1.0, "m/s"),
            _c(AWGS, "sppb_score", "<=", 9, 9, "points"),
            _c(AWGS, "chair_stand_s", ">=", 12.0, 12.0, "s"),
        ],
        "low_muscle_mass": [
            _c(AWGS, "asm_index_dxa", "<", 7.0, 5.4, "kg/m²"),
            _c(AWGS, "asm_index_bia", "<", 7.0, 5.7, "kg/m²"),
        ],
    },
    EWGSOP2: {
        "case_finding": [_c(EWGSOP2, "sarc_f_total", ">=", 4, 4, "points")],
        "low_strength": [
            _c(EWGSOP2, "handgrip_kg", "<", 27.0, 16.0, "kg"),
            _c(EWGSOP2, "chair_stand_s", ">", 15.0, 15.0, "s"),
        ],
        "low_muscle_mass": [
            _c(EWGSOP2, "asm_index_dxa", "<", 7.0, 5.5, "kg/m²"),
            _c(EWGSOP2, "asm_index_bia", "<", 7.0, 5.5, "kg/m²"),
        ],
        "low_performance": [
            _c(EWGSOP2, "gait_speed_m_per_s", "<=", 0.8, 0.8, "m/s"),
            _c(EWGSOP2, "sppb_score", "<=", 8, 8, "points"),
        ],
    },
}

#: What to add when a criterion cannot be decided, per guideline.
ADD = {
    "case_finding": N_("calf circumference or the SARC-F questionnaire"),
    "low_strength": {AWGS: N_("grip strength"), EWGSOP2: N_("grip strength (or a five-times chair stand)")},
    "low_performance": {AWGS: N_("a usual-pace 6-m gait speed, the SPPB or a five-times chair stand"),
                        EWGSOP2: N_("a usual-pace gait speed or the SPPB")},
    "low_muscle_mass": N_("appendicular skeletal muscle mass (DXA or BIA) and height"),
}
N_("points")  # the unit word of SARC-F and SPPB cut-offs


def to_add(criterion: str, guideline: str) -> str:
    """What to add for ``criterion``, in the current language."""
    item = ADD[criterion]
    return _(item[guideline] if isinstance(item, dict) else item)
