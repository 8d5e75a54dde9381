"""A UI-thread heartbeat that measures how long the event loop was kept from running.

A :class:`Heartbeat` started in the UI thread ticks a ``QTimer`` every
``interval_ms``; the gaps between ticks show how responsive the event loop was.
A gap well above the interval means something held the UI thread (or the
interpreter lock) for that long. Used by the engine's responsiveness test and
``benchmarks/ui_responsiveness.py``.

On Linux each gap is also split using the UI thread's scheduler statistics
(``/proc/self/task/<tid>/schedstat``): the time the thread was runnable but
waiting for a CPU is the operating system's doing (other processes, or more busy
threads than cores), not the interpreter lock's. ``longest_own_ms`` is the
longest gap without that part: what the application itself (a worker holding
the GIL, slow UI code) cost.
"""

from __future__ import annotations

import threading
import time
from typing import IO, Optional

from PySide6.QtCore import QObject, Qt, QTimer, Slot


class Heartbeat(QObject):
    """Records the time between consecutive ticks of a precise ``QTimer``."""

    def __init__(self, interval_ms: int = 10, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self.interval_ms = interval_ms
        self.gaps_ms: list[float] = []
        self.cpu_wait_ms: list[float] = []  # per gap; stays empty where schedstat is unknown
        self._last: Optional[float] = None
        self._last_wait: Optional[float] = None
        self._schedstat: Optional[IO[str]] = None
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        """Start ticking; call in the thread to watch (the UI thread)."""
        self.gaps_ms.clear()
        self.cpu_wait_ms.clear()
        self._schedstat = _open_schedstat()
        self._last_wait = self._read_wait()
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._tick()  # a stall right before stopping counts too
        self._last = None
        if self._schedstat is not None:
            self._schedstat.close()
            self._schedstat = None

    @Slot()
    def _tick(self) -> None:
        now = time.perf_counter()
        wait = self._read_wait()
        if self._last is not None:
            self.gaps_ms.append((now - self._last) * 1000.0)
            if wait is not None and self._last_wait is not None:
                self.cpu_wait_ms.append(wait - self._last_wait)
        self._last, self._last_wait = now, wait

    def _read_wait(self) -> Optional[float]:
        if self._schedstat is None:
            return None
        try:
            self._schedstat.seek(0)
            return int(self._schedstat.read().split()[1]) / 1e6
        except (OSError, ValueError, IndexError):
            self._schedstat = None
            return None

    @property
    def knows_cpu_wait(self) -> bool:
        return len(self.cpu_wait_ms) == len(self.gaps_ms) > 0

    @property
    def longest_own_ms(self) -> float:
        """Longest gap minus the time the thread waited for a CPU (the gap itself
        where that is unknown)."""
        if not self.knows_cpu_wait:
            return self.longest_ms
        return max(g - w for g, w in zip(self.gaps_ms, self.cpu_wait_ms))

    @property
    def total_cpu_wait_ms(self) -> float:
        return sum(self.cpu_wait_ms)

    @property
    def ticks(self) -> int:
        return len(self.gaps_ms)

    @property
    def longest_ms(self) -> float:
        return max(self.gaps_ms, default=0.0)

    def percentile_ms(self, q: float) -> float:
        """The ``q``-th percentile (0–100) of the gaps, nearest-rank."""
        if not self.gaps_ms:
            return 0.0
        ordered = sorted(self.gaps_ms)
        rank = min(len(ordered) - 1, max(0, int(round(q / 100.0 * len(ordered))) - 1))
        return ordered[rank]


def _open_schedstat() -> Optional[IO[str]]:
    """The calling thread's scheduler statistics file (Linux), or None."""
    try:
        return open(f"/proc/self/task/{threading.get_native_id()}/schedstat", encoding="ascii")
    except OSError:
        return None
