"""The report's method sentences: how windows were cut, and which windows R counts.

A reader comparing a patient's R with the study's figures must know both: the
study's figures count non-overlapping windows, and a model's probabilities hold
only for windows cut the way it was trained or validated. An analysis stored
before the rate rule was recorded counted all stride windows.
"""

from __future__ import annotations

from typing import Any

from ..analysis.protocol_words import stored_text
from ..i18n import N_, _, format_number
from .text import number

LEGACY_RULE = "all-windows"  # what GaitScreen counted before the rule was recorded


def rate_rule_of(screening: dict[str, Any]) -> str:
    """The rule a stored screening used (``all-windows`` for results older than the rule)."""
    return str(screening.get("rate_rule") or LEGACY_RULE)


def recipe_sentence(screening: dict[str, Any]) -> str:
    """One sentence: the window recipe, and whether the model card recorded it."""
    recipe = screening.get("window_recipe") or {}
    # the stored English sentence in the reader's language (its template and values under ``wording``)
    description = stored_text(recipe.get("description"), recipe.get("wording")).rstrip(".。")
    if not description:
        return _("Windows: the window recipe of this analysis was not recorded.")
    if recipe.get("recorded") is False:
        return _("{recipe}; the window recipe was not recorded in the model card, so GaitScreen's default was "
                 "used.").format(recipe=description)
    return _("{recipe}, as recorded in the model card.").format(recipe=description)


def rule_sentence(screening: dict[str, Any]) -> str:
    """One sentence: which windows R counts, with the other rule's R beside it."""
    rule = rate_rule_of(screening)
    if rule == "non-overlapping":
        other, key = _("all overlapping windows"), "instability_rate_all_windows"
        said = _("R counts non-overlapping windows (the first, then each next window starting where the last "
                 "counted one ended), the study's evaluation rule behind its quoted figures")
    else:
        other, key = _("non-overlapping windows (the study's rule)"), "instability_rate_non_overlapping"
        said = _("R counts all overlapping stride windows, the published inference script's rule")
    value = number(screening.get(key))
    beside = _("; over {windows} R = {rate}").format(windows=other, rate=format_number(value, 2)) \
        if value is not None else ""
    low = _("; low confidence: only one non-overlapping window") if screening.get("low_confidence") else ""
    # TRANSLATORS: ends a sentence built of the parts before (use your language's full stop).
    return _("{sentence}.").format(sentence=f"{said}{beside}{low}")


#: Beside R when the rate rests on one non-overlapping window (R is then 0 or 1).
LOW_CONFIDENCE_SHORT = N_("low confidence — one window")


def rule_words(screening: dict[str, Any]) -> str:
    """``non-overlapping`` or ``all-windows``, for captions (in the reader's language)."""
    return _rule_name(rate_rule_of(screening))


def _rule_name(rule: str) -> str:
    return {"non-overlapping": _("non-overlapping"), "all-windows": _("all-windows")}.get(rule, rule)


def other_rate_text(screening: dict[str, Any]) -> str:
    """The other rule's R, labelled, for beside the headline rate ('' when not recorded)."""
    rule = rate_rule_of(screening)
    key, label = (("instability_rate_all_windows", "all-windows") if rule == "non-overlapping"
                  else ("instability_rate_non_overlapping", "non-overlapping"))
    value = number(screening.get(key))
    text = f"{_rule_name(label)} R = {format_number(value, 2)}" if value is not None else ""
    if screening.get("low_confidence"):
        text = (text + " · " if text else "") + _(LOW_CONFIDENCE_SHORT)
    return text
