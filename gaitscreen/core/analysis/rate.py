"""The instability rate R under each rate rule, and re-scoring a stored result.

R = unstable / counted windows, where the *rate rule* says which windows count:
``non-overlapping`` (the published evaluation behind the quoted 14.3 % / 46.2 %
figures: stride-8 windows, then every 8th one, starts 0, 64, 128, …) or
``all-windows`` (every stride window, the published inference script). A window
the analysis could not classify (too much of the patient missing) is never counted.

Both rates are computed for every result; the chosen rule sets the risk group. A
stored result holds each window's P(unstable) and times, so :func:`rescore`
switches the rule without running the model again.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import GaitScreenError
from ..model.recipe import ALL_WINDOWS, NON_OVERLAPPING, RATE_RULES, counted_windows
from ..i18n import N_
from ..words import plural
from .protocol_words import say

__all__ = ["RULE_LABELS", "RateCount", "check_rule", "low_confidence_note", "rates_for", "rescore"]

MOSTLY_UNSTABLE = "mostly unstable"
MOSTLY_STABLE = "mostly stable"
INSUFFICIENT = "insufficient data"

LOW_CONFIDENCE_START = "Low confidence: the walk gives only one non-overlapping window"
RULE_LABELS = {
    NON_OVERLAPPING: N_("non-overlapping windows (the study's evaluation rule)"),
    ALL_WINDOWS: N_("all stride windows (overlapping)"),
}


class RateRuleError(GaitScreenError):
    """An unknown rate rule was asked for."""


def check_rule(rule: str) -> str:
    if rule not in RATE_RULES:
        raise RateRuleError(f"Unknown rate rule {rule!r}; choose {' or '.join(RATE_RULES)}.")
    return rule


@dataclass
class RateCount:
    """R under one rule: which windows it counts and how many of them are unstable."""

    rule: str
    windows: list[int]  # positions the rule picks (indices into the result's windows)
    counted: int  # of those, classified
    unstable: int

    @property
    def rate(self) -> float | None:
        return self.unstable / self.counted if self.counted else None

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "instability_rate": self.rate, "unstable_windows": self.unstable,
                "counted_windows": self.counted, "windows": list(self.windows)}


def rates_for(start_s, end_s, p_unstable, threshold: float) -> dict[str, RateCount]:
    """R under both rules from window times and P(unstable) (None/NaN: not classified)."""
    p = np.array([np.nan if v is None else float(v) for v in p_unstable], dtype=np.float64)
    out = {}
    for rule in RATE_RULES:
        picked = counted_windows(start_s, end_s, rule)
        classified = [int(k) for k in picked if np.isfinite(p[k])]
        unstable = sum(1 for k in classified if p[k] > threshold)
        out[rule] = RateCount(rule, [int(k) for k in picked], len(classified), int(unstable))
    return out


def low_confidence_note(count: RateCount) -> str:
    """The flag for a rate resting on a single window ('' otherwise)."""
    if count.rule == NON_OVERLAPPING and count.counted == 1:
        return (LOW_CONFIDENCE_START + ", so R is 0 or 1; record a longer walk.")
    return ""


def group_of(count: RateCount, risk_cut: float) -> tuple[str, str]:
    """Risk group and its reason for R under one rule."""
    rate = count.rate
    if rate is None:
        return INSUFFICIENT, say(N_("No window counted by the {rule} rule could be classified."), rule=count.rule)
    group = MOSTLY_UNSTABLE if rate >= risk_cut else MOSTLY_STABLE
    return group, (f"{count.unstable} of {count.counted} {count.rule} {plural(count.counted, 'window')} unstable "
                   f"(R = {rate:.2f}; "
                   f"R ≥ {risk_cut:.2f} reads mostly unstable).")


def rescore(screening: dict[str, Any], rule: str) -> dict[str, Any]:
    """A copy of a stored ``screening`` dict with R and the risk group under ``rule``,
    re-computed from its windows' stored P(unstable); the model is not run.

    A result whose risk group is not a rate outcome (insufficient data, or a group
    another check set) keeps its group; only the rates are filled in.
    """
    check_rule(rule)
    out = copy.deepcopy(screening)
    windows = out.get("windows") or []
    settings = out.get("settings") or {}
    threshold = float(settings.get("threshold", 0.5))
    cut = float(settings.get("risk_cut", 0.5))
    counts = rates_for([w["start_s"] for w in windows], [w["end_s"] for w in windows],
                       [w.get("p_unstable") for w in windows], threshold)
    apply_counts(out, counts, rule, cut)
    return out


def apply_counts(screening: dict[str, Any], counts: dict[str, RateCount], rule: str, risk_cut: float) -> None:
    """Write the rate keys of ``screening`` (JSON form) for ``counts`` under ``rule``."""
    chosen = counts[rule]
    # A group set by the rate (or missing for want of counted windows) follows the rule;
    # one set by another check (too short, patient not visible, not assessable) stays.
    rated = (screening.get("risk_group") in (MOSTLY_STABLE, MOSTLY_UNSTABLE, INSUFFICIENT, None)
             and counts[ALL_WINDOWS].counted > 0)
    screening["rate_rule"] = rule
    screening["rate_rule_label"] = RULE_LABELS[rule]
    screening["instability_rate"] = chosen.rate
    screening["unstable_windows"] = chosen.unstable
    screening["counted_windows"] = chosen.counted
    screening["instability_rate_non_overlapping"] = counts[NON_OVERLAPPING].rate
    screening["instability_rate_all_windows"] = counts[ALL_WINDOWS].rate
    screening["rates"] = {r: c.to_dict() for r, c in counts.items()}
    members = set(chosen.windows)
    non_overlapping = set(counts[NON_OVERLAPPING].windows)
    for k, w in enumerate(screening.get("windows") or []):
        w["non_overlapping"] = k in non_overlapping
        w["counted"] = k in members and w.get("p_unstable") is not None
    note = low_confidence_note(chosen)
    screening["low_confidence"] = bool(note)
    quality = screening.get("quality")
    if isinstance(quality, dict):
        flags = [f for f in quality.get("flags") or [] if not f.startswith(LOW_CONFIDENCE_START)]
        quality["flags"] = flags + ([note] if note else [])
    if rated:
        screening["risk_group"], screening["risk_reason"] = group_of(chosen, risk_cut)
    if isinstance(screening.get("settings"), dict):
        screening["settings"]["rate_rule"] = rule
