"""Cohort statistics of instability rates against known diagnoses.

The published analysis: ROC-AUC of R against the diagnosis, Welch's t-test of R
between diagnosed and not diagnosed, a 2×2 chi-square without continuity
correction (risk group × diagnosis), the prevalence of the diagnosis in each risk
group, and the odds ratio with Woolf's 95 % confidence interval. A table with a
zero cell gets the Haldane–Anscombe correction (0.5 added to every cell) for the
odds ratio, and says so. The rates (and risk groups) are those of one rate rule
(:mod:`.rate`), which the statistics name: the published figures use non-overlapping
windows.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from ..i18n import N_
from ..model.metrics import roc_auc
from .protocol_words import notes_wording, say
from .rate import MOSTLY_UNSTABLE, RULE_LABELS, check_rule


@dataclass
class CohortStats:
    subjects: int
    diagnosed: int
    roc_auc: float | None
    welch_t: float | None
    welch_p: float | None
    table: dict[str, int]  # unstable_diagnosed, unstable_not, stable_diagnosed, stable_not
    chi2: float | None
    chi2_p: float | None
    prevalence_mostly_unstable: float | None
    prevalence_mostly_stable: float | None
    odds_ratio: float | None
    odds_ratio_ci95: tuple[float, float] | None
    notes: list[str] = field(default_factory=list)
    rate_rule: str | None = None  # which windows R counts ("non-overlapping" or "all-windows")

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-serialisable dict; ``notes_wording`` words the notes that carry values."""
        return {**asdict(self), "notes_wording": notes_wording(self.notes)}


def chi_square_2x2(a: int, b: int, c: int, d: int) -> tuple[float | None, float | None]:
    """Pearson chi-square (1 df, no continuity correction) and its p-value for [[a, b], [c, d]]."""
    n = a + b + c + d
    denominator = (a + b) * (c + d) * (a + c) * (b + d)
    if denominator == 0:
        return None, None
    chi2 = n * (a * d - b * c) ** 2 / denominator
    return chi2, math.erfc(math.sqrt(chi2 / 2))


def odds_ratio_woolf(a: int, b: int, c: int, d: int) -> tuple[float, tuple[float, float], bool]:
    """Odds ratio (a·d)/(b·c) with Woolf's 95 % CI; True when 0.5 was added to every cell."""
    corrected = 0 in (a, b, c, d)
    if corrected:
        a, b, c, d = (x + 0.5 for x in (a, b, c, d))
    ratio = (a * d) / (b * c)
    se = math.sqrt(1 / a + 1 / b + 1 / c + 1 / d)
    return ratio, (math.exp(math.log(ratio) - 1.96 * se), math.exp(math.log(ratio) + 1.96 * se)), corrected


def cohort_statistics(rates: list[float], groups: list[str], diagnosed: list[bool], *,
                      rate_rule: str | None = None) -> CohortStats:
    """Statistics over subjects with an instability rate, a risk group and a diagnosis;
    ``rate_rule`` names the rule the rates were counted by (recorded, and said in the notes)."""
    r = np.asarray(rates, float)
    y = np.asarray(diagnosed, bool)
    unstable = np.asarray([g == MOSTLY_UNSTABLE for g in groups], bool)
    notes: list[str] = []
    if rate_rule is not None:
        notes.append(say(N_("R and the risk groups count {rule}."), rule=RULE_LABELS[check_rule(rate_rule)]))
    a = int(np.sum(unstable & y))
    b = int(np.sum(unstable & ~y))
    c = int(np.sum(~unstable & y))
    d = int(np.sum(~unstable & ~y))
    auc = roc_auc(y.astype(int), r) if 0 < y.sum() < y.size else None
    if auc is None:
        notes.append(N_("ROC-AUC needs subjects with and without the diagnosis."))
    t = p_t = None
    if y.sum() >= 2 and (~y).sum() >= 2:
        from scipy.stats import ttest_ind

        test = ttest_ind(r[y], r[~y], equal_var=False)
        t, p_t = float(test.statistic), float(test.pvalue)
        if not math.isfinite(t):
            t = p_t = None
    else:
        notes.append(N_("Welch's t-test needs at least two subjects in each diagnosis group."))
    chi2, p_chi2 = chi_square_2x2(a, b, c, d)
    if chi2 is None:
        notes.append(N_("Chi-square needs both risk groups and both diagnoses present."))
    ratio = ci = None
    if (a + b) and (c + d) and (a + c) and (b + d):
        ratio, ci, corrected = odds_ratio_woolf(a, b, c, d)
        if corrected:
            notes.append(N_("A cell of the 2×2 table is empty: 0.5 was added to every cell for the odds ratio."))
    return CohortStats(
        subjects=int(y.size), diagnosed=int(y.sum()), roc_auc=auc, welch_t=t, welch_p=p_t,
        table={"unstable_diagnosed": a, "unstable_not": b, "stable_diagnosed": c, "stable_not": d},
        chi2=chi2, chi2_p=p_chi2,
        prevalence_mostly_unstable=a / (a + b) if a + b else None,
        prevalence_mostly_stable=c / (c + d) if c + d else None,
        odds_ratio=ratio, odds_ratio_ci95=ci, notes=notes, rate_rule=rate_rule,
    )
