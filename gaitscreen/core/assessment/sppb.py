"""The Short Physical Performance Battery (SPPB): points tables and the 0-12 total.

Pure functions, no I/O. The SPPB (Guralnik et al., J Gerontol 1994) adds three
components of 0-4 points each:

* **balance**: side-by-side stand held 10 s → 1, semi-tandem 10 s → 1, tandem
  10 s → 2 (3.00-9.99 s → 1, < 3 s → 0). Sequence rule: the stances are done in
  that order and the battery stops after a failed stance (held < 10 s), so the
  stances after it score 0 whatever was recorded for them.
* **4-m gait speed** (time of the faster trial): < 4.82 s → 4, 4.82-6.20 → 3,
  6.21-8.70 → 2, > 8.70 → 1, unable → 0.
* **five-times chair stand**: ≤ 11.19 s → 4, 11.20-13.69 → 3, 13.70-16.69 → 2,
  16.70-60 → 1, > 60 s or unable (fewer than five stands, or arms used) → 0.

**Rounding.** The protocol records times to 0.01 s and its tables list
hundredths, so every time is first rounded half up to 0.01 s (11.194 → 11.19,
11.195 → 11.20, 4.815 → 4.82) and only then looked up; the tables then have no
gaps. Rounding uses the number's shortest decimal text (``repr``), so 11.195
means 11.195 and not its binary neighbour 11.19499999.

A component that was not measured (nor entered) is ``None``: its points are
``None`` and so is the total. Each component records where its value came from
(measured from which recording, or entered by hand).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..i18n import N_

HUNDREDTH = Decimal("0.01")
#: Hold time of a balance stance that scores full points.
BALANCE_FULL_S = Decimal("10.00")
#: Tandem stance held at least this long (but under 10 s) scores 1 point.
TANDEM_PARTIAL_S = Decimal("3.00")
#: Upper ends (inclusive, hundredths) of the chair-stand bands scoring 4, 3, 2, 1.
CHAIR_STAND_BANDS = ((Decimal("11.19"), 4), (Decimal("13.69"), 3), (Decimal("16.69"), 2), (Decimal("60.00"), 1))
#: Upper ends (inclusive) of the 4-m gait-time bands scoring 4, 3, 2; slower scores 1.
GAIT_BANDS = ((Decimal("4.81"), 4), (Decimal("6.20"), 3), (Decimal("8.70"), 2))
GAIT_DISTANCE_M = 4.0
STANCES = ("side_by_side", "semi_tandem", "tandem")

#: The sequence rule's note, by the failed stance and the later stances that were recorded
#: (stored English; the visit report shows it translated).
SEQUENCE_NOTES = {
    ("side_by_side", ("semi_tandem",)): N_("side-by-side stance failed: semi-tandem not scored (sequence rule)"),
    ("side_by_side", ("tandem",)): N_("side-by-side stance failed: tandem not scored (sequence rule)"),
    ("side_by_side", ("semi_tandem", "tandem")): N_(
        "side-by-side stance failed: semi-tandem and tandem not scored (sequence rule)"),
    ("semi_tandem", ("tandem",)): N_("semi-tandem stance failed: tandem not scored (sequence rule)"),
}
MEASURED, ENTERED = "measured", "entered"


def round_time(seconds: float | int | str | Decimal) -> Decimal:
    """A time rounded half up to 0.01 s, as the protocol records it."""
    value = Decimal(seconds) if isinstance(seconds, (Decimal, int, str)) else Decimal(repr(float(seconds)))
    if not value.is_finite() or value < 0:
        raise ValueError(f"a test time must be a finite, non-negative number of seconds, got {seconds!r}")
    return value.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def _band_points(time_s: float, bands: tuple[tuple[Decimal, int], ...], *, slower: int) -> int:
    """The points of the first band whose upper end the rounded time does not exceed; ``slower`` past the last."""
    t = round_time(time_s)
    for upper, points in bands:
        if t <= upper:
            return points
    return slower


def chair_stand_points(time_s: float | None, *, completed: bool = True) -> int:
    """Points for the five-times chair stand; ``None`` or not ``completed`` is "unable" (0)."""
    if time_s is None or not completed:
        return 0
    return _band_points(time_s, CHAIR_STAND_BANDS, slower=0)


def gait_speed_points(time_s: float | None) -> int:
    """Points for the 4-m walk time (the faster trial); ``None`` is "unable" (0)."""
    if time_s is None:
        return 0
    return _band_points(time_s, GAIT_BANDS, slower=1)


def stance_points(stance: str, hold_s: float) -> int:
    """Points of one balance stance held ``hold_s`` seconds (capped at the 10 s of the test)."""
    if stance not in STANCES:
        raise ValueError(f"unknown stance {stance!r}; expected one of {STANCES}")
    t = round_time(hold_s)
    if stance == "tandem":
        return 2 if t >= BALANCE_FULL_S else 1 if t >= TANDEM_PARTIAL_S else 0
    return 1 if t >= BALANCE_FULL_S else 0


def balance_points(side_by_side_s: float | None, semi_tandem_s: float | None = None,
                   tandem_s: float | None = None) -> int | None:
    """Balance points (0-4) with the sequence rule; ``None`` when a stance the sequence
    still needed was not measured."""
    total = 0
    for stance, hold in zip(STANCES, (side_by_side_s, semi_tandem_s, tandem_s)):
        if hold is None:
            return None
        points = stance_points(stance, hold)
        total += points
        if round_time(hold) < BALANCE_FULL_S:
            break  # the battery stops after a failed stance
    return total


@dataclass(frozen=True)
class Source:
    """Where a component's value came from: measured from a recording, or entered."""

    kind: str  # "measured" or "entered"
    recording: str = ""  # recording id or file (measured)
    by: str = ""  # who entered it (entered)

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "recording": self.recording, "by": self.by}


@dataclass(frozen=True)
class Component:
    """One SPPB component: its value(s), points and source; ``points`` None = not measured."""

    name: str  # "balance", "gait_speed", "chair_stand"
    value: dict[str, Any]
    points: int | None
    source: Source | None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "value": dict(self.value), "points": self.points,
                "source": None if self.source is None else self.source.to_dict()}


@dataclass(frozen=True)
class SPPBResult:
    balance: Component
    gait_speed: Component
    chair_stand: Component
    notes: list[str] = field(default_factory=list)

    @property
    def total(self) -> int | None:
        parts = [self.balance.points, self.gait_speed.points, self.chair_stand.points]
        return None if any(p is None for p in parts) else int(sum(parts))  # type: ignore[arg-type]

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "balance_points": self.balance.points,
                "gait_speed_points": self.gait_speed.points, "chair_stand_points": self.chair_stand.points,
                "components": [c.to_dict() for c in (self.balance, self.gait_speed, self.chair_stand)],
                "notes": list(self.notes)}


def score_sppb(*, balance: dict[str, float | None] | None = None, balance_source: Source | None = None,
               gait_time_s: float | None = None, gait_unable: bool = False, gait_source: Source | None = None,
               chair_time_s: float | None = None, chair_unable: bool = False,
               chair_source: Source | None = None) -> SPPBResult:
    """The SPPB from whatever was measured or entered.

    ``balance`` maps stance names (:data:`STANCES`) to hold times (s); a missing
    component (no value, not "unable") stays ``None``. "Unable" scores 0.
    """
    notes: list[str] = []
    holds = {k: (balance or {}).get(k) for k in STANCES}
    b_points = balance_points(holds["side_by_side"], holds["semi_tandem"], holds["tandem"]) if balance else None
    if b_points is not None:
        for i, stance in enumerate(STANCES[:-1]):
            later = [s for s in STANCES[i + 1:] if holds[s] is not None]
            if round_time(holds[stance]) < BALANCE_FULL_S and later:  # type: ignore[arg-type]
                notes.append(SEQUENCE_NOTES[(stance, tuple(later))])
                break
    bal = Component("balance", {k: v for k, v in holds.items()}, b_points, balance_source if balance else None)
    measured_gait = gait_unable or gait_time_s is not None
    gait = Component("gait_speed", {"time_s": gait_time_s, "unable": bool(gait_unable),
                                    "distance_m": GAIT_DISTANCE_M,
                                    "speed_mps": None if not gait_time_s else round(GAIT_DISTANCE_M / gait_time_s, 3)},
                     (0 if gait_unable else gait_speed_points(gait_time_s)) if measured_gait else None,
                     gait_source if measured_gait else None)
    measured_chair = chair_unable or chair_time_s is not None
    chair = Component("chair_stand", {"time_s": chair_time_s, "unable": bool(chair_unable)},
                      chair_stand_points(chair_time_s, completed=not chair_unable) if measured_chair else None,
                      chair_source if measured_chair else None)
    return SPPBResult(bal, gait, chair, notes)
