"""Core text in the reader's language: gettext catalogues, no Qt.

Every sentence that ``gaitscreen.core`` and the CLI show a person (report
sections, result wording, assessment conclusions, one-line results) is marked
with :func:`_` (or :func:`ngettext` for counted nouns) and looked up, at call
time, in the catalogue of the *current language*. Module-level constants are
marked with :func:`N_` (a no-op the extractor sees) and translated where they
are shown: ``_(SOME_CONSTANT)``.

The current language is a :class:`contextvars.ContextVar` on top of a process
default: :func:`set_language` sets the default (the app's or CLI's language),
:func:`language` overrides it for one block, so a worker thread can write a
report in the language the clinician chose at export while the app stays in
another. Error messages marked with ``_()`` are translated at raise time.

Catalogues live in ``gaitscreen/locale/<ll_CC>/LC_MESSAGES/gaitscreen.po``
(compiled to ``.mo`` by ``python -m gaitscreen.core.i18n.build``); English is
the source language and needs none. Adding a language is adding those two
files (docs/translating.md).
"""

from __future__ import annotations

import contextvars
import gettext as _gettext
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

DOMAIN = "gaitscreen"
SOURCE_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"

_default = SOURCE_LANGUAGE
_default_lock = threading.Lock()
_current: contextvars.ContextVar[str | None] = contextvars.ContextVar("gaitscreen_language", default=None)


def normalize(tag: str | None) -> str:
    """``"zh-TW"``, ``"zh_TW"``, ``"zh_TW.UTF-8"`` → ``"zh-TW"``; empty/None → English."""
    text = str(tag or "").split(".")[0].split("@")[0].strip().replace("_", "-")
    if not text or text.upper() in ("C", "POSIX"):
        return SOURCE_LANGUAGE
    parts = text.split("-")
    return "-".join([parts[0].lower()] + [p.upper() if len(p) == 2 else p.title() for p in parts[1:]])


def catalogue_dir(tag: str) -> str:
    """The folder name of a language's catalogue (``zh-TW`` → ``zh_TW``)."""
    return normalize(tag).replace("-", "_")


def available_languages() -> list[str]:
    """English plus every language with a compiled catalogue, as BCP-47 tags (``zh-TW``)."""
    found = sorted(p.parent.parent.name.replace("_", "-")
                   for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return [SOURCE_LANGUAGE] + [t for t in found if t != SOURCE_LANGUAGE]


def check_language(tag: str | None) -> str:
    """``tag`` normalised, or :class:`~gaitscreen.core.errors.GaitScreenError` for one with no catalogue."""
    from ..errors import GaitScreenError

    lang = normalize(tag)
    known = available_languages()
    if lang not in known:
        raise GaitScreenError(_("There is no translation for the language {lang}; the languages are {known}.")
                              .format(lang=tag, known=", ".join(known)))
    return lang


@lru_cache(maxsize=None)
def _translations(lang: str) -> _gettext.NullTranslations:
    if lang == SOURCE_LANGUAGE:
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[catalogue_dir(lang)], fallback=True)


def current_language() -> str:
    """The language text is produced in right now (the block's, else the process default)."""
    return _current.get() or _default


def set_language(tag: str | None) -> str:
    """Set the process-wide default language (unknown languages are refused); return it."""
    global _default
    lang = check_language(tag)
    with _default_lock:
        _default = lang
    return lang


@contextmanager
def language(tag: str | None) -> Iterator[str]:
    """Produce text in ``tag`` inside the block (None: keep the current language)."""
    lang = check_language(tag) if tag else current_language()
    token = _current.set(lang)
    try:
        yield lang
    finally:
        _current.reset(token)


def _(message: str) -> str:
    """``message`` in the current language (the English text when it has no translation)."""
    return _translations(current_language()).gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it now (translate it where shown)."""
    return message


def ngettext(singular: str, plural: str, n: object) -> str:
    """The form of ``singular``/``plural`` for count ``n`` under the language's plural rule."""
    try:
        count = int(n)  # type: ignore[arg-type]
        if float(n) != count:  # type: ignore[arg-type]
            count = 2  # a fraction counts as plural in English
    except (TypeError, ValueError):
        count = 2
    return _translations(current_language()).ngettext(singular, plural, count)


from .formats import format_date, format_number, format_percent  # noqa: E402  (uses the functions above)

__all__ = ["DOMAIN", "LOCALE_DIR", "N_", "SOURCE_LANGUAGE", "_", "available_languages", "catalogue_dir",
           "check_language", "current_language", "format_date", "format_number", "format_percent", "language",
           "ngettext", "normalize", "set_language"]
