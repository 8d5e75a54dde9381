"""How a visit's stored assessment reads: measure names, values, cut-offs and conclusions in the
reader's language. Shared by the visit PDF and ``gaitscreen assess`` (no reportlab here)."""

from __future__ import annotations

from typing import Any

from ..assessment.cutoffs import CUTOFFS
from ..assessment.evaluate import LABELS, describe
from ..i18n import N_, _
from . import text as T

MEASURE_NAMES = {"calf_circumference_cm": N_("calf circumference"), "sarc_f_total": N_("SARC-F total"),
                 "sarc_calf_total": N_("SARC-CalF total"), "handgrip_kg": N_("grip strength"),
                 "gait_speed_m_per_s": N_("gait speed"), "sppb_score": N_("SPPB score"),
                 "chair_stand_s": N_("five-times chair stand"), "asm_index_dxa": N_("ASM/height² (DXA)"),
                 "asm_index_bia": N_("ASM/height² (BIA)")}


def value_text(value: Any, unit: str = "") -> str:
    """A value as the PDF prints it (lists of trials joined; missing shown as such)."""
    if value is None:
        return _(T.NA)
    unit = _(unit) if unit in ("points", "years", "steps/min") else unit
    if isinstance(value, list):
        return ", ".join(value_text(v) for v in value) + (f" {unit}" if unit else "")
    if isinstance(value, float):
        return f"{value:g}" + (f" {unit}" if unit else "")
    return f"{value}" + (f" {unit}" if unit else "")


def worded_assessment(guideline: str, a: dict[str, Any]) -> tuple[str, str, list[str]]:
    """A stored assessment's conclusion, statement and what to add, in the reader's language."""
    statuses = {c.get("criterion"): c.get("status") for c in a.get("criteria") or []}
    if set(LABELS) <= set(statuses) and guideline in CUTOFFS:
        return describe(guideline, statuses)
    return T.stored(a.get("conclusion")), T.stored(a.get("statement")), [T.stored(m) for m in a.get("missing") or []]


def cutoff_text(guideline: str, measure: str, sex: Any, stored: str) -> str:
    """The cut-off of ``measure`` worded in the reader's language (the stored text when unknown)."""
    for cutoffs in CUTOFFS.get(guideline, {}).values():
        for c in cutoffs:
            if c.measure == measure and sex in ("M", "F"):
                return c.text(sex)
    return stored
