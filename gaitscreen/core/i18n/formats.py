"""Numbers and dates in the current language's conventions (CLDR data via Babel).

Decimal separators come from the locale's CLDR data (English and Traditional
Chinese both use ``.``; German would use ``,``). The date order is a pattern in the
catalogue (msgid ``yyyy-MM-dd``, a CLDR date pattern), so a translator sets it
without code; English keeps ISO dates, as clinical records do.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal

from . import N_, _, catalogue_dir, current_language

#: The date pattern of the reports (a CLDR pattern; each catalogue gives its own).
DATE_PATTERN = N_("yyyy-MM-dd")


@lru_cache(maxsize=None)
def _locale(lang: str) -> Locale | None:
    try:
        return Locale.parse(catalogue_dir(lang))
    except (UnknownLocaleError, ValueError):
        return None


def format_number(value: float, digits: int = 2) -> str:
    """``value`` with exactly ``digits`` decimals, no grouping, the locale's decimal sign."""
    loc = _locale(current_language())
    if loc is None:
        return f"{value:.{digits}f}"
    pattern = "0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(round(float(value), digits), format=pattern, locale=loc, group_separator=False)


def format_percent(share: float, digits: int = 0) -> str:
    """A share in [0, 1] as the language writes a percentage (``62 %``)."""
    return _("{value} %").format(value=format_number(100.0 * share, digits))


def format_date(value: Any) -> str:
    """An ISO date (or date/datetime) in the language's date order; other text unchanged."""
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        try:
            day = dt.date.fromisoformat(str(value)[:10])
        except ValueError:
            return str(value)
        if len(str(value)) > 10:
            return str(value)
    loc = _locale(current_language())
    pattern = _(DATE_PATTERN)
    if loc is None or pattern == DATE_PATTERN:
        return day.isoformat()
    return _babel_date(day, format=pattern, locale=loc)
