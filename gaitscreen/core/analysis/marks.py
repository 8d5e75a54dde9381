"""Events on a recording's timeline that an examiner can move or delete.

The chair-stand and balance analyses return their events as a list of
:class:`Mark` (kind, time). Every time and flag they report is a pure function
of that list (``chair_stand_from_marks``, ``balance_from_marks``), so after an
examiner moves or deletes a mark the values are recomputed from the edited list
and nothing else. ``source`` says whether the analysis found the mark or a person
set it (``"examiner"``); the report can then say which values were corrected.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any, Iterable

AUTO, EXAMINER = "auto", "examiner"


@dataclass(frozen=True)
class Mark:
    kind: str
    time_s: float
    source: str = AUTO
    detail: str = ""  # e.g. the stance of a balance mark

    def __post_init__(self) -> None:
        if not isinstance(self.time_s, (int, float)) or not math.isfinite(self.time_s):
            raise ValueError(f"a mark needs a finite time, got {self.time_s!r}")

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["time_s"] = round(float(self.time_s), 4)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Mark:
        return cls(str(d["kind"]), float(d["time_s"]), str(d.get("source", AUTO)), str(d.get("detail", "")))


def sorted_marks(marks: Iterable[Mark]) -> list[Mark]:
    return sorted(marks, key=lambda m: (m.time_s, m.kind))


def of_kind(marks: Iterable[Mark], *kinds: str) -> list[Mark]:
    return [m for m in sorted_marks(marks) if m.kind in kinds]


def corrected(marks: Iterable[Mark]) -> bool:
    """True when an examiner set or moved any mark."""
    return any(m.source == EXAMINER for m in marks)
