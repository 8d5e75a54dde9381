"""Cohort statistics against hand-computed values."""

from __future__ import annotations

import math

import pytest

from gaitscreen.core.analysis.cohort import chi_square_2x2, cohort_statistics, odds_ratio_woolf


def test_chi_square_without_continuity_correction() -> None:
    # The study's groups: 12 of 26 mostly-unstable and 14 of 98 mostly-stable subjects diagnosed
    # (46.2 % and 14.3 %). Hand computation: N (ad - bc)^2 / ((a+b)(c+d)(a+c)(b+d)).
    a, b, c, d = 12, 14, 14, 84
    expected = 124 * (12 * 84 - 14 * 14) ** 2 / (26 * 98 * 26 * 98)
    chi2, p = chi_square_2x2(a, b, c, d)
    assert chi2 == pytest.approx(expected)
    assert chi2 == pytest.approx(12.593, abs=0.001)  # 124·812² / 2548²
    assert p == pytest.approx(math.erfc(math.sqrt(expected / 2)))
    assert chi_square_2x2(0, 0, 5, 5) == (None, None)


def test_odds_ratio_with_woolf_interval() -> None:
    ratio, (low, high), corrected = odds_ratio_woolf(12, 14, 14, 84)
    assert ratio == pytest.approx(12 * 84 / (14 * 14))
    se = math.sqrt(1 / 12 + 1 / 14 + 1 / 14 + 1 / 84)
    assert low == pytest.approx(ratio * math.exp(-1.96 * se)) and high == pytest.approx(ratio * math.exp(1.96 * se))
    assert not corrected
    assert odds_ratio_woolf(3, 0, 1, 5)[2] is True


def test_cohort_statistics_from_rates() -> None:
    rates = [0.9, 0.7, 0.6, 0.2, 0.1, 0.3, 0.55, 0.05]
    groups = ["mostly unstable" if r >= 0.5 else "mostly stable" for r in rates]
    diagnosed = [True, True, False, False, False, True, False, False]
    stats = cohort_statistics(rates, groups, diagnosed)
    assert stats.table == {"unstable_diagnosed": 2, "unstable_not": 2, "stable_diagnosed": 1, "stable_not": 3}
    assert stats.prevalence_mostly_unstable == pytest.approx(0.5)
    assert stats.prevalence_mostly_stable == pytest.approx(0.25)
    # AUC by hand: diagnosed {0.9, 0.7, 0.3} vs not {0.6, 0.2, 0.1, 0.55, 0.05}: 3·5 pairs, 13 won.
    assert stats.roc_auc == pytest.approx(13 / 15)
    assert stats.welch_t is not None and 0 < stats.welch_p < 1
    assert stats.odds_ratio == pytest.approx(2 * 3 / (2 * 1))
