"""Instability events: what they are, how they are drawn, and the labelling rule.

An event has a ``kind`` (see :data:`EVENT_KINDS`), a time span in seconds and a
``severity`` in [0, 1] that scales its effect linearly (see
``docs/synthetic_data.md`` for the effect of each kind at severity 1). Labelled
events have severity ≥ :data:`MIN_LABELLED_SEVERITY`; weaker "micro adjustments"
of the same kinds also occur in stable walks and are *not* instability.

Labelling rule (:func:`is_unstable_interval`): an interval is unstable when some
event overlaps it by at least :data:`MIN_OVERLAP_S` seconds or by at least
:data:`MIN_OVERLAP_FRACTION` of the event's own duration.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

#: Event kinds and the body part they mainly act on.
EVENT_KINDS: tuple[str, ...] = (
    "ml_sway",  # mediolateral excursion of pelvis and body
    "arm_abduction",  # one or both arms raised sideways for balance
    "side_step",  # a foot placed off the line, then brought back
    "trunk_lean",  # trunk tilted sideways
    "hesitation",  # the walker stops for a moment
    "corrective_steps",  # extra quick, short, wide steps
)
#: Kinds realised by changing the step sequence (their times snap to the steps).
STEP_KINDS: frozenset[str] = frozenset({"side_step", "corrective_steps", "hesitation"})
#: Relative frequency of kinds when events are drawn at random.
KIND_WEIGHTS: dict[str, float] = {
    "ml_sway": 0.22,
    "arm_abduction": 0.20,
    "side_step": 0.16,
    "trunk_lean": 0.14,
    "hesitation": 0.14,
    "corrective_steps": 0.14,
}
#: Kinds that also occur, weakly, as unlabelled normal variability.
MICRO_KINDS: tuple[str, ...] = ("ml_sway", "arm_abduction", "trunk_lean", "hesitation")

MIN_LABELLED_SEVERITY = 0.2
MICRO_SEVERITY = (0.02, 0.12)
MIN_OVERLAP_S = 0.5
MIN_OVERLAP_FRACTION = 0.5
SIDES = ("left", "right", "both", "")


@dataclass(frozen=True)
class InstabilityEvent:
    """A balance disturbance from ``start_s`` to ``end_s`` (seconds, walk time).

    ``side`` is the subject's side the event acts towards ("left"/"right"), or
    "both" (arm abduction of both arms), or "" when it has no side.
    """

    kind: str
    start_s: float
    end_s: float
    severity: float
    side: str = ""

    def __post_init__(self) -> None:
        if self.kind not in EVENT_KINDS:
            raise ValueError(f"Unknown event kind {self.kind!r}; expected one of {EVENT_KINDS}.")
        if not (np.isfinite(self.start_s) and np.isfinite(self.end_s) and self.end_s > self.start_s):
            raise ValueError(f"Event times must be finite with end > start, got {self.start_s}, {self.end_s}.")
        if not 0.0 <= self.severity <= 1.0:
            raise ValueError(f"Event severity must lie in [0, 1], got {self.severity}.")
        if self.side not in SIDES:
            raise ValueError(f"Event side must be one of {SIDES}, got {self.side!r}.")

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s

    def overlap_s(self, start_s: float, end_s: float) -> float:
        """Seconds of this event inside ``[start_s, end_s)``."""
        return max(0.0, min(self.end_s, end_s) - max(self.start_s, start_s))

    def shifted(self, offset_s: float) -> InstabilityEvent:
        """The same event with times moved by ``offset_s``."""
        return replace(self, start_s=self.start_s + offset_s, end_s=self.end_s + offset_s)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "start_s": round(float(self.start_s), 4),
            "end_s": round(float(self.end_s), 4),
            "severity": round(float(self.severity), 4),
            "side": self.side,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> InstabilityEvent:
        return cls(d["kind"], float(d["start_s"]), float(d["end_s"]), float(d["severity"]), d.get("side", ""))


def counts_for_interval(event: InstabilityEvent, start_s: float, end_s: float) -> bool:
    """The labelling rule for one event and one interval."""
    ov = event.overlap_s(start_s, end_s)
    return ov > 0 and (ov >= MIN_OVERLAP_S - 1e-9 or ov >= MIN_OVERLAP_FRACTION * event.duration_s - 1e-9)


def is_unstable_interval(events: Sequence[InstabilityEvent], start_s: float, end_s: float) -> bool:
    """True when some event counts for ``[start_s, end_s)`` (see module notes)."""
    return any(counts_for_interval(e, start_s, end_s) for e in events)


def instability_curve(events: Sequence[InstabilityEvent], times: np.ndarray) -> np.ndarray:
    """Per-sample max severity of the events active at ``times`` (float32, 0..1)."""
    times = np.asarray(times, dtype=np.float64)
    out = np.zeros(times.shape, dtype=np.float32)
    for e in events:
        active = (times >= e.start_s) & (times < e.end_s)
        out[active] = np.maximum(out[active], np.float32(e.severity))
    return out


def envelope(times: np.ndarray, start_s: float, end_s: float, ramp_s: float = 0.3) -> np.ndarray:
    """0 outside the event, 1 inside, raised-cosine ramps of up to ``ramp_s`` inside it."""
    t = np.asarray(times, dtype=np.float64)
    ramp = max(1e-3, min(ramp_s, (end_s - start_s) / 3.0))
    up = np.clip((t - start_s) / ramp, 0.0, 1.0)
    down = np.clip((end_s - t) / ramp, 0.0, 1.0)
    return 0.5 - 0.5 * np.cos(np.pi * np.minimum(up, down))


def draw_severity(rng: np.random.Generator) -> float:
    """A labelled event's severity: 0.2 + 0.8 · Beta(1.6, 2.2) (mean ≈ 0.54)."""
    return float(MIN_LABELLED_SEVERITY + (1.0 - MIN_LABELLED_SEVERITY) * rng.beta(1.6, 2.2))


def draw_kind(rng: np.random.Generator, exclude: Sequence[str] = ()) -> str:
    kinds = [k for k in EVENT_KINDS if k not in exclude]
    p = np.asarray([KIND_WEIGHTS[k] for k in kinds])
    return str(kinds[int(rng.choice(len(kinds), p=p / p.sum()))])


def default_duration(kind: str, severity: float, rng: np.random.Generator) -> float:
    """Nominal duration (s). Step kinds are re-timed to their steps later."""
    if kind == "hesitation":
        return 0.5 + 1.7 * severity + float(rng.uniform(-0.1, 0.2))
    if kind == "side_step":
        return float(rng.uniform(0.8, 1.3))
    if kind == "corrective_steps":
        return float(rng.uniform(0.6, 1.2))
    if kind == "arm_abduction":
        return float(rng.uniform(0.8, 2.2))
    return float(rng.uniform(0.8, 1.9))  # ml_sway, trunk_lean


def draw_side(kind: str, rng: np.random.Generator) -> str:
    if kind == "arm_abduction":
        return str(rng.choice(["left", "right", "both"], p=[0.25, 0.25, 0.5]))
    if kind in ("ml_sway", "side_step", "trunk_lean"):
        return "left" if rng.random() < 0.5 else "right"
    return ""


def draw_event(
    rng: np.random.Generator,
    window: tuple[float, float],
    *,
    kind: str | None = None,
    severity: float | None = None,
    exclude: Sequence[str] = (),
) -> InstabilityEvent | None:
    """One event placed inside ``window`` (s); None when the window is too short."""
    kind = kind or draw_kind(rng, exclude)
    sev = draw_severity(rng) if severity is None else float(severity)
    lo, hi = window
    dur = default_duration(kind, sev, rng)
    if kind in ("side_step", "corrective_steps"):
        # Starts early: the disturbance is timed from the next step after start_s.
        latest = min(lo + 0.6, hi - dur)
    else:
        dur = min(dur, hi - lo - 0.3)
        latest = hi - dur - 0.15
    if dur < 0.4 or latest < lo + 0.1:
        return None
    start = float(rng.uniform(lo + 0.1, latest))
    return InstabilityEvent(kind, start, start + dur, sev, draw_side(kind, rng))


def draw_micro_events(
    rng: np.random.Generator, duration_s: float, n: int | None = None, rate_per_s: float = 0.15
) -> list[InstabilityEvent]:
    """Weak unlabelled adjustments (normal variability): ``n`` of them, or a
    Poisson number (``rate_per_s``) when ``n`` is None."""
    if n is None:
        n = int(rng.poisson(rate_per_s * duration_s))
    out = []
    for _ in range(n):
        kind = str(rng.choice(MICRO_KINDS))
        sev = float(rng.uniform(*MICRO_SEVERITY))
        dur = float(rng.uniform(0.5, 1.2)) if kind != "hesitation" else float(rng.uniform(0.3, 0.6))
        start = float(rng.uniform(0.5, max(0.6, duration_s - dur - 0.2)))
        out.append(InstabilityEvent(kind, start, start + dur, sev, draw_side(kind, rng)))
    return out
