"""Throttled progress with a per-stage time-left estimate, for the engine's jobs (no Qt)."""

from __future__ import annotations

import time
from typing import Callable, Optional

#: Shortest interval between two progress signals of one job (about 20 per second).
PROGRESS_INTERVAL_S = 0.05
#: A stage's rate is not trusted before it has run this long (model loading, the first slow frames).
ETA_WARMUP_S = 1.0
_INT32_MAX = 2**31 - 1


def fit_int32(done: int, total: int) -> tuple[int, int]:
    """Scale ``done``/``total`` down together so both fit a Qt ``int`` (e.g. byte counts of big files)."""
    largest = max(abs(done), abs(total))
    if largest <= _INT32_MAX:
        return done, total
    factor = -(-largest // _INT32_MAX)  # ceiling division
    return done // factor, total // factor


class ProgressMeter:
    """Throttles one job's progress reports and estimates the time left per stage.

    ``report`` forwards at most one report per ``interval_s``, except the first
    report, the first of each new stage and a finished one (``done >= total``)
    which always go out; :meth:`flush` sends the last report if it was held back.
    ETA = what is left of the stage divided by the rate since the stage's first
    report; ``-1.0`` while unknown (no total, no progress measured yet, or the
    stage younger than ``warmup_s``: a first guess from a few slow steps misleads).
    """

    def __init__(self, emit: Callable[[str, int, int, float], None], *,
                 interval_s: float = PROGRESS_INTERVAL_S, clock: Callable[[], float] = time.monotonic,
                 warmup_s: float = ETA_WARMUP_S) -> None:
        self._emit = emit
        self._warmup = warmup_s
        self._interval = interval_s
        self._clock = clock
        self._stage: Optional[str] = None
        self._stage_t0 = 0.0
        self._stage_done0 = 0
        self._last_emit: Optional[float] = None
        self._held: Optional[tuple[str, int, int, float]] = None

    def report(self, done: int, total: int, stage: str) -> None:
        now = self._clock()
        done, total = fit_int32(int(done), int(total))
        new_stage = stage != self._stage
        if new_stage:
            self._stage, self._stage_t0, self._stage_done0 = stage, now, done
        eta = self._eta(done, total, now)
        finished = total > 0 and done >= total
        due = self._last_emit is None or now - self._last_emit >= self._interval
        if new_stage or finished or due:
            self._held = None
            self._last_emit = now
            self._emit(stage, done, total, eta)
        else:
            self._held = (stage, done, total, eta)

    def flush(self) -> None:
        if self._held is not None:
            held, self._held = self._held, None
            self._emit(*held)

    def _eta(self, done: int, total: int, now: float) -> float:
        if total <= 0:
            return -1.0
        if done >= total:
            return 0.0
        advanced = done - self._stage_done0
        elapsed = now - self._stage_t0
        if advanced <= 0 or elapsed <= 0 or elapsed < self._warmup:
            return -1.0
        return (total - done) * elapsed / advanced
