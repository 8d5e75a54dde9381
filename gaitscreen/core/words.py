"""Counted nouns in the texts the CLI, the app and the PDF print ("1 window", "2 windows")."""

from __future__ import annotations

from typing import Any


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
