"""A stored protocol check, and the "not assessable" reason, worded in the reader's language.

The report JSON is the same in every language: a check stores its English
``message`` and, since templates exist, the ``template`` (its English wording with
named placeholders, also its catalogue key) and the ``values`` that fill it. The
PDF, the app and the CLI word a check here, at display time: the template's
translation filled with the values; words among the values (``"toward the
camera"``) are translated too. A check stored before templates, or one whose
template the catalogue's translation cannot fill, shows its stored English text.
"""

from __future__ import annotations

from typing import Any

from ..i18n import _

NOT_ASSESSABLE = "not assessable"


def _fill(template: str, values: dict[str, Any]) -> str | None:
    """``template`` translated and filled, None when the translation does not fit the values."""
    words = {k: _(v) if isinstance(v, str) and v else v for k, v in values.items()}
    try:
        return _(template).format(**words) if words else _(template)
    except (KeyError, IndexError, ValueError, TypeError):
        try:  # a broken translation: the English template still fits
            return template.format(**values) if values else template
        except (KeyError, IndexError, ValueError, TypeError):
            return None


def check_message(check: dict[str, Any]) -> str:
    """What check ``check`` (a ``protocol.checks`` entry) found, in the current language."""
    template = check.get("template")
    if template:
        text = _fill(str(template), dict(check.get("values") or {}))
        if text is not None:
            return text
    message = check.get("message")
    return _(str(message)) if message else ""


def check_advice(check: dict[str, Any]) -> str:
    """What to do about the check, in the current language ("" for none)."""
    advice = check.get("advice")
    return _(str(advice)) if advice else ""


def check_text(check: dict[str, Any]) -> str:
    """The finding and the advice as one text."""
    return f"{check_message(check)} {check_advice(check)}".strip()


def not_assessable_reason(report: dict[str, Any]) -> str:
    """Why the recording is not assessable and what to do, in the current language.

    Rebuilt from the blocking checks (failed, not accepted) as
    :func:`.protocol.not_assessable_reason` wrote it in English; a report whose
    checks have no templates shows its stored reason.
    """
    s = report.get("screening") or {}
    p = report.get("protocol") or {}
    stored = str(s.get("risk_reason") or "")
    accepted = {a.get("code") for a in p.get("accepted_deviations") or []}
    blocking = [c for c in p.get("checks") or [] if c.get("status") == "fail" and c.get("code") not in accepted]
    if not blocking or not all(c.get("template") for c in blocking):
        return _(stored) if stored else ""
    why = " ".join(check_message(c) for c in blocking)
    todo = " ".join(dict.fromkeys(check_advice(c) for c in blocking if c.get("advice")))
    return _("Not assessable: {why} {todo}").format(why=why, todo=todo).strip()


def not_assessable_why(report: dict[str, Any]) -> str:
    """:func:`not_assessable_reason` without its "Not assessable:" lead (for a result line)."""
    text = not_assessable_reason(report)
    lead = _("Not assessable: {why} {todo}").split("{why}")[0]
    return text[len(lead):].strip() if lead and text.startswith(lead) else text.removeprefix("Not assessable: ")


def risk_reason(report: dict[str, Any]) -> str:
    """The report's stored risk reason in the current language where it can be worded (else as stored)."""
    s = report.get("screening") or {}
    if s.get("risk_group") == NOT_ASSESSABLE:
        return not_assessable_reason(report)
    reason = s.get("risk_reason")
    return _(str(reason)) if reason else ""
