"""An examiner's edit of a chair-stand or balance recording's marks, recomputed into a new report.

Every time, flag and point of these tests is a pure function of the marks
(``chair_stand_from_marks``, ``balance_from_marks``), so a corrected report is
the old one with its section and SPPB recomputed from the edited marks. A mark
the examiner added or moved gets ``source: examiner``; the report then lists the
values that differ from what the analysis found (``corrected_by_examiner``,
and ``corrections``: per value its ``before``, ``after`` and ``source``), across
successive corrections (``before`` stays the analysis's own value).
"""

from __future__ import annotations

import copy
from typing import Any, Iterable

from .analysis.balance import balance_from_marks
from .analysis.chair_stand import chair_stand_from_marks
from .analysis.marks import EXAMINER, Mark
from .assessment.sppb import MEASURED, Source
from .errors import GaitScreenError
from .performance import performance_sppb

SECTIONS = {"chair-stand": "chair_stand", "balance": "balance"}
#: Section keys that are bookkeeping, not measured values.
_NOT_VALUES = ("marks", "corrected_by_examiner", "stances")
SPPB_KEY = {"chair-stand": "chair_stand_points", "balance": "balance_points"}


class MarkEditError(GaitScreenError):
    """The edited marks cannot be used."""


def _key(m: Mark) -> tuple[str, float, str]:
    return m.kind, round(float(m.time_s), 4), m.detail


def _as_marks(marks: Iterable[Mark | dict[str, Any]]) -> list[Mark]:
    try:
        return [m if isinstance(m, Mark) else Mark.from_dict(m) for m in marks]
    except (KeyError, TypeError, ValueError) as exc:
        raise MarkEditError(f"An edited mark is not valid ({exc}): each needs a kind and a finite time.") from exc


def tag_edits(old: Iterable[Mark], new: Iterable[Mark]) -> tuple[list[Mark], list[Mark]]:
    """The new marks with ``source: examiner`` on those added or moved, and the old marks deleted."""
    known = {_key(m): m for m in old}
    tagged = [known.get(_key(m)) or Mark(m.kind, m.time_s, EXAMINER, m.detail) for m in new]
    kept = {_key(m) for m in tagged}
    return tagged, [m for k, m in known.items() if k not in kept]


def _values(report: dict[str, Any], test: str) -> dict[str, Any]:
    """The measured values of a report, flattened to ``section.key[.sub]`` paths."""
    section = SECTIONS[test]
    out: dict[str, Any] = {}
    for k, v in (report.get(section) or {}).items():
        if k in _NOT_VALUES:
            continue
        if isinstance(v, dict):
            out.update({f"{section}.{k}.{sub}": x for sub, x in v.items()})
        else:
            out[f"{section}.{k}"] = v
    out[f"sppb.{SPPB_KEY[test]}"] = (report.get("sppb") or {}).get(SPPB_KEY[test])
    return out


def recompute_report(report: dict[str, Any], marks: Iterable[Mark | dict[str, Any]], *,
                     examiner: str) -> dict[str, Any]:
    """The report recomputed from the edited ``marks`` (the whole list, after moves and deletions)."""
    test = report.get("test")
    if test not in SECTIONS:
        raise MarkEditError(f"Only a chair-stand or balance analysis has marks to correct, not {test!r}.")
    section = SECTIONS[test]
    old_marks = [Mark.from_dict(d) for d in (report.get(section) or {}).get("marks", [])]
    tagged, deleted = tag_edits(old_marks, _as_marks(marks))
    result = chair_stand_from_marks(tagged) if test == "chair-stand" else balance_from_marks(tagged)
    new = copy.deepcopy(report)
    body = result.to_dict()
    if test == "balance":  # keep what the analysis saw of a stance the edit left in place
        seen = {(s["stance"], s["start_s"], s["end_s"]): s for s in (report.get("balance") or {}).get("stances", [])}
        body["stances"] = [seen.get((s["stance"], s["start_s"], s["end_s"]), s) for s in body["stances"]]
    body["corrected_by_examiner"] = True
    new[section] = body
    assessable = bool((report.get("protocol") or {}).get("assessable", report.get("assessable")))
    new["assessable"] = assessable
    new["reason"] = "" if assessable else report.get("reason", "")
    prov = report.get("provenance") or {}
    source = Source(MEASURED, recording=str(prov.get("recording") or prov.get("file") or ""), by=examiner)
    new["sppb"] = performance_sppb(result, assessable=assessable, source=source).to_dict()

    before, after = _values(report, test), _values(new, test)
    earlier = report.get("corrections") or {}
    corrections = {}
    for path in sorted(set(before) | set(after) | set(earlier)):
        first = earlier[path]["before"] if path in earlier else before.get(path)
        if first != after.get(path):
            corrections[path] = {"before": first, "after": after.get(path), "source": EXAMINER}
    new["corrections"] = corrections
    new["corrected_by_examiner"] = sorted(corrections)
    new["deleted_marks"] = [*(report.get("deleted_marks") or []), *(m.to_dict() for m in deleted)]
    new["examiner"] = examiner
    return new


def changed_values(old: dict[str, Any], new: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The values this one edit changed, before and after (for the audit log)."""
    test = new["test"]
    a, b = _values(old, test), _values(new, test)
    paths = [p for p in sorted(set(a) | set(b)) if a.get(p) != b.get(p)]
    return {p: a.get(p) for p in paths}, {p: b.get(p) for p in paths}
