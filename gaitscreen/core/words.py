"""Result wording shared by the CLI, the app and the PDF: risk groups and counted nouns.

:func:`plural` / :func:`counted` are the English-only helpers older code uses; new
text that is shown to a reader uses :func:`gaitscreen.core.i18n.ngettext`, which
knows each language's plural rule (English "1 window" / "2 windows"; Chinese has one
form), and :func:`risk_group_words` for the risk group in the reader's language.
"""

from __future__ import annotations

from typing import Any

from .i18n import N_, _, ngettext

#: The risk groups as the JSON stores them (English data) and their words for the reader.
RISK_GROUPS = {"mostly stable": N_("mostly stable"), "mostly unstable": N_("mostly unstable"),
               "insufficient data": N_("insufficient data"), "not assessable": N_("not assessable")}


def risk_group_words(group: Any) -> str:
    """The risk group ``group`` (a JSON value) in the current language."""
    key = str(group or "")
    return _(RISK_GROUPS[key]) if key in RISK_GROUPS else key


def windows_text(count: Any) -> str:
    """``"1 window"`` / ``"3 windows"`` in the current language."""
    n = int(count) if isinstance(count, (int, float)) and not isinstance(count, bool) else 0
    return ngettext("{n} window", "{n} windows", n).format(n=count)


def plural(count: Any, noun: str, many: str | None = None) -> str:
    """``noun`` for a count of exactly one, else ``many`` (default ``noun + "s"``).

    Only the noun, so it can follow other words ("1 of 1 non-overlapping window")."""
    try:
        one = int(count) == 1 and float(count) == 1.0
    except (TypeError, ValueError):
        one = False
    return noun if one else (many or noun + "s")


def counted(count: Any, noun: str, many: str | None = None) -> str:
    """``"1 window"`` / ``"3 windows"``: the count, then its noun."""
    return f"{count} {plural(count, noun, many)}"
