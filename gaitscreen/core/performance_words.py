"""A chair-stand or balance result in the reader's language: what the CLI line and the app's Analysis tab say.

The stored report stays English data (``core.performance``); the words are made here, at display
time, so one wording serves every place that states the result.
"""

from __future__ import annotations

from typing import Any

from .analysis.protocol_words import not_assessable_reason
from .i18n import N_, _, format_number, ngettext

TESTS = {"chair-stand": N_("Five-times chair stand"), "balance": N_("Balance stands")}
STANCES = {"side-by-side": N_("side-by-side"), "semi-tandem": N_("semi-tandem"), "tandem": N_("tandem")}


def test_words(test: Any) -> str:
    """``chair-stand`` / ``balance`` as the reader says it."""
    key = str(test or "")
    return _(TESTS[key]) if key in TESTS else key


def stance_words(name: Any) -> str:
    """A stored stance name (``semi_tandem``) in the reader's language."""
    key = str(name or "").replace("_", "-")
    return _(STANCES[key]) if key in STANCES else key


def _points(value: Any) -> str:
    return _("not measured") if value is None else str(value)


def result_words(report: dict[str, Any]) -> str:
    """The measured values and their SPPB points (``not measured`` where there are none)."""
    sppb = report.get("sppb") or {}
    if report.get("test") == "chair-stand":
        cs = report.get("chair_stand") or {}
        stands = int(cs.get("stands") or 0)
        time_s = cs.get("time_s")
        return ngettext("time {time}, {stands} stand, SPPB points {points}",
                        "time {time}, {stands} stands, SPPB points {points}", stands).format(
            time=_("not measured") if time_s is None else format_number(time_s, 2) + " s",
            stands=stands, points=_points(sppb.get("chair_stand_points")))
    holds = (report.get("balance") or {}).get("holds_s") or {}
    shown = _(", ").join(_("{stance} {seconds} s").format(stance=stance_words(k), seconds=format_number(v, 2))
                         for k, v in holds.items())
    return _("holds {holds}, SPPB points {points}").format(holds=shown or _("none"),
                                                           points=_points(sppb.get("balance_points")))


def reason_words(report: dict[str, Any]) -> str:
    """Why the recording gives no points and what to do, in the reader's language ("" when it does):
    rebuilt from the failed protocol checks, or the analysis' own stored sentence."""
    return "" if report.get("assessable") else not_assessable_reason(report)
