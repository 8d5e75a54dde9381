"""The report's "Protocol check" table and the words the result box uses for it."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from ..analysis.protocol_words import check_name, check_text, not_assessable_reason, threshold_words
from ..i18n import N_, _
from . import text as T
from .sections import Story, grid, heading
from .styles import para

STATUS_WORDS = {"pass": N_("pass"), "warn": N_("warning"), "fail": N_("FAIL")}


def checks(report: dict[str, Any]) -> list[dict[str, Any]]:
    return list((report.get("protocol") or {}).get("checks") or [])


def check_status(report: dict[str, Any], code: str) -> str | None:
    """The status of check ``code`` ("pass", "warn", "fail"), None for reports without it."""
    return next((c.get("status") for c in checks(report) if c.get("code") == code), None)


def frontal_approach(report: dict[str, Any]) -> bool:
    """May the report say the walk was toward a frontal camera? (Old reports: yes, as before.)"""
    return all(check_status(report, code) in (None, "pass", "warn") for code in ("approach_direction", "facing_camera"))


def accepted_text(report: dict[str, Any]) -> str:
    accepted = (report.get("protocol") or {}).get("accepted_deviations") or []
    return "; ".join(f"{a.get('code')}: {a.get('reason')}" for a in accepted)


def _value(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return _(T.NA) if value is None else str(value)
    if isinstance(value, (int, float)):
        return f"{value:g}"
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value)
    return _(value) if value in ("toward", "away", "across") else str(value)


def _threshold(threshold: Any) -> str:
    if not isinstance(threshold, dict):
        return _value(threshold)
    return ", ".join(f"{threshold_words(k)} {_value(v)}" for k, v in threshold.items())


def protocol_check_section(report: dict[str, Any], width: float) -> Story:
    """Every check with its status, value, thresholds and sentence; accepted deviations below."""
    rows = checks(report)
    if not rows:
        return []
    accepted = {a.get("code") for a in (report.get("protocol") or {}).get("accepted_deviations") or []}
    table_rows = [[_("Check"), _("Result"), _("Value"), _("Thresholds"), _("Finding")]]
    for c in rows:
        status = _(STATUS_WORDS.get(str(c.get("status")), str(c.get("status"))))
        if c.get("code") in accepted:
            status += _(" (accepted)")
        table_rows.append([check_name(c.get("code")), status, _value(c.get("value")), _threshold(c.get("threshold")),
                           check_text(c)])
    widths = [30 * mm, 20 * mm, 15 * mm, 50 * mm, width - 115 * mm]
    p = report.get("protocol") or {}
    verdict = (_("The recording follows the protocol: it can be assessed.") if p.get("assessable", True) else
               _("A check failed: the recording is not assessable unless the accepted deviation is justified.")
               if accepted else _("A check failed: the recording is not assessable."))
    failed = [i for i, c in enumerate(rows, start=1) if c.get("status") == "fail"]
    out: Story = [heading(_("Protocol check")), para(verdict, "body"), Spacer(1, 3),
                  grid(table_rows, widths, shade=failed)]
    if accepted:
        out += [Spacer(1, 3), para(_("Accepted deviation(s) — {deviations}").format(
            deviations=accepted_text(report)), "body")]
    return [KeepTogether(out)]


def not_assessable_box(report: dict[str, Any]) -> tuple[Story, Story]:
    """Left and right cells of the result box for a recording that is not assessable."""
    s = report.get("screening") or {}
    rate = T.number(s.get("instability_rate"))
    left: Story = [para(_("Instability rate R"), "big_caption"),
                   para(T.rate_text(rate) if rate is not None else _("No result"), "h2"),
                   para(_("not used: the recording is not assessable"), "big_caption")]
    right: Story = [para(_("Not assessable"), "h2"),
                    para(not_assessable_reason(report) or _("A protocol check failed."), "body"), Spacer(1, 3),
                    para(_("No risk group is given for this recording. The protocol check below lists what was "
                           "wrong; record the walk again as the protocol asks."), "muted")]
    return left, right
