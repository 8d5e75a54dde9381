"""The report's "Protocol check" table and the words the result box uses for it."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer

from . import text as T
from .sections import Story, grid, heading
from .styles import para

STATUS_WORDS = {"pass": "pass", "warn": "warning", "fail": "FAIL"}


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
        return T.NA if value is None else str(value)
    if isinstance(value, (int, float)):
        return f"{value:g}"
    return str(value)


def _threshold(threshold: Any) -> str:
    if not isinstance(threshold, dict):
        return _value(threshold)
    return ", ".join(f"{k.replace('_', ' ')} {_value(v)}" for k, v in threshold.items())


def protocol_check_section(report: dict[str, Any], width: float) -> Story:
    """Every check with its status, value, thresholds and sentence; accepted deviations below."""
    rows = checks(report)
    if not rows:
        return []
    accepted = {a.get("code") for a in (report.get("protocol") or {}).get("accepted_deviations") or []}
    table_rows = [["Check", "Result", "Value", "Thresholds", "Finding"]]
    for c in rows:
        status = STATUS_WORDS.get(str(c.get("status")), str(c.get("status")))
        if c.get("code") in accepted:
            status += " (accepted)"
        table_rows.append([str(c.get("code")), status, _value(c.get("value")), _threshold(c.get("threshold")),
                           f"{c.get('message') or ''} {c.get('advice') or ''}".strip()])
    widths = [30 * mm, 20 * mm, 15 * mm, 50 * mm, width - 115 * mm]
    p = report.get("protocol") or {}
    verdict = ("The recording follows the protocol: it can be assessed." if p.get("assessable", True) else
               "A check failed: the recording is not assessable" +
               (" unless the accepted deviation is justified." if accepted else "."))
    failed = [i for i, c in enumerate(rows, start=1) if c.get("status") == "fail"]
    out: Story = [heading("Protocol check"), para(verdict, "body"), Spacer(1, 3),
                  grid(table_rows, widths, shade=failed)]
    if accepted:
        out += [Spacer(1, 3), para(f"Accepted deviation(s) — {accepted_text(report)}", "body")]
    return [KeepTogether(out)]


def not_assessable_box(report: dict[str, Any]) -> tuple[Story, Story]:
    """Left and right cells of the result box for a recording that is not assessable."""
    s = report.get("screening") or {}
    rate = T.number(s.get("instability_rate"))
    left: Story = [para("Instability rate R", "big_caption"),
                   para(T.rate_text(rate) if rate is not None else "No result", "h2"),
                   para("not used: the recording is not assessable", "big_caption")]
    right: Story = [para("Not assessable", "h2"),
                    para(str(s.get("risk_reason") or "A protocol check failed."), "body"), Spacer(1, 3),
                    para("No risk group is given for this recording. The protocol check below lists what was "
                         "wrong; record the walk again as the protocol asks.", "muted")]
    return left, right
