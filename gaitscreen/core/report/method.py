"""The report's method sentences: how windows were cut, and which windows R counts.

A reader comparing a patient's R with the study's figures must know both: the
study's figures count non-overlapping windows, and a model's probabilities hold
only for windows cut the way it was trained or validated. An analysis stored
before the rate rule was recorded counted all stride windows.
"""

from __future__ import annotations

from typing import Any

from .text import number

LEGACY_RULE = "all-windows"  # what GaitScreen counted before the rule was recorded


def rate_rule_of(screening: dict[str, Any]) -> str:
    """The rule a stored screening used (``all-windows`` for results older than the rule)."""
    return str(screening.get("rate_rule") or LEGACY_RULE)


def recipe_sentence(screening: dict[str, Any]) -> str:
    """One sentence: the window recipe, and whether the model card recorded it."""
    recipe = screening.get("window_recipe") or {}
    description = str(recipe.get("description") or "").rstrip(".")
    if not description:
        return "Windows: the window recipe of this analysis was not recorded."
    if recipe.get("recorded") is False:
        return f"{description}; the window recipe was not recorded in the model card, so GaitScreen's default was used."
    return f"{description}, as recorded in the model card."


def rule_sentence(screening: dict[str, Any]) -> str:
    """One sentence: which windows R counts, with the other rule's R beside it."""
    rule = rate_rule_of(screening)
    if rule == "non-overlapping":
        other, key = "all overlapping windows", "instability_rate_all_windows"
        said = ("R counts non-overlapping windows (the first, then each next window starting where the last "
                "counted one ended), the study's evaluation rule behind its quoted figures")
    else:
        other, key = "non-overlapping windows (the study's rule)", "instability_rate_non_overlapping"
        said = "R counts all overlapping stride windows, the published inference script's rule"
    value = number(screening.get(key))
    beside = f"; over {other} R = {value:.2f}" if value is not None else ""
    low = "; low confidence: only one non-overlapping window" if screening.get("low_confidence") else ""
    return f"{said}{beside}{low}."


#: Beside R when the rate rests on one non-overlapping window (R is then 0 or 1).
LOW_CONFIDENCE_SHORT = "low confidence — one window"


def rule_words(screening: dict[str, Any]) -> str:
    """``non-overlapping`` or ``all-windows``, for captions."""
    return rate_rule_of(screening)


def other_rate_text(screening: dict[str, Any]) -> str:
    """The other rule's R, labelled, for beside the headline rate ('' when not recorded)."""
    rule = rate_rule_of(screening)
    key, label = (("instability_rate_all_windows", "all-windows") if rule == "non-overlapping"
                  else ("instability_rate_non_overlapping", "non-overlapping"))
    value = number(screening.get(key))
    text = f"{label} R = {value:.2f}" if value is not None else ""
    if screening.get("low_confidence"):
        text = (text + " · " if text else "") + LOW_CONFIDENCE_SHORT
    return text
