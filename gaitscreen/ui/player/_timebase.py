"""Frame times, the loop, and the playback clock of the player.

A frame is showing from its timestamp until the next frame's, so the frame at time
``t`` is the last one whose timestamp is not later than ``t``. The clock gives media
time as ``anchor + elapsed wall time x speed`` from a :class:`QElapsedTimer`
(monotonic); it is re-anchored on every seek, speed change and loop wrap, so errors
cannot accumulate. :class:`PlaybackLog` records how far the screen fell behind it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Optional

import numpy as np
from PySide6.QtCore import QElapsedTimer

_EPS = 1e-6


class Timebase:
    """The video's frame times and the optional loop ``[start_s, end_s)``."""

    def __init__(self) -> None:
        self.times = np.zeros(0, np.float64)
        self.loop: Optional[tuple[float, float]] = None
        self.fallback_fps = 30.0

    @property
    def count(self) -> int:
        return int(self.times.size)

    def fps(self) -> float:
        t = self.times
        if t.size > 1 and t[-1] > t[0]:
            return (t.size - 1) / float(t[-1] - t[0])
        return self.fallback_fps

    def end(self) -> float:
        """Time at which the last frame stops showing."""
        return float(self.times[-1]) + 1.0 / self.fps() if self.times.size else 0.0

    def time_of(self, index: int) -> float:
        return float(self.times[index]) if 0 <= index < self.times.size else 0.0

    def frame_at(self, t: float) -> int:
        """The frame showing at time ``t``, clamped to the video."""
        if self.times.size == 0:
            return 0
        i = int(np.searchsorted(self.times, t + 1e-9, "right")) - 1
        return min(max(i, 0), self.times.size - 1)

    def loop_frames(self) -> Optional[tuple[int, int]]:
        """First and last frame starting inside the loop, or None without a loop."""
        if self.loop is None or self.times.size == 0:
            return None
        n = self.times.size
        first = min(int(np.searchsorted(self.times, self.loop[0] - _EPS, "left")), n - 1)
        last = int(np.searchsorted(self.times, self.loop[1] - _EPS, "left")) - 1
        return first, max(first, min(last, n - 1))

    def clamp(self, index: int) -> int:
        """``index`` limited to the video, and to the loop when one is set."""
        bounds = self.loop_frames()
        lo, hi = bounds if bounds is not None else (0, self.times.size - 1)
        return int(min(max(index, lo), hi))

    def wrap(self, t: float) -> tuple[float, bool]:
        """Media time ``t`` folded back into the loop; True when it wrapped."""
        if self.loop is None:
            return t, False
        start, end = self.loop[0], min(self.loop[1], self.end())
        if t < end:
            return t, False
        length = end - start
        return (start + (t - start) % length if length > 0 else start), True


class PlaybackClock:
    """Media time from a monotonic wall clock: ``anchor + elapsed x speed``."""

    def __init__(self) -> None:
        self._timer = QElapsedTimer()
        self._timer.start()
        self._anchor = 0.0
        self.speed = 1.0

    def anchor(self, media_t: float) -> None:
        """From now on, media time runs on from ``media_t``."""
        self._anchor = float(media_t)
        self._timer.restart()

    def time(self) -> float:
        return self._anchor + self._timer.nsecsElapsed() * 1e-9 * self.speed

    def set_speed(self, speed: float) -> None:
        self.anchor(self.time())
        self.speed = float(speed)


class PlaybackLog:
    """How far the frame on screen fell behind the clock's frame while playing."""

    def __init__(self) -> None:
        self.lags: list[int] = []
        self.frames_shown = 0

    def tick(self, clock_frame: int, shown_frame: int, *, new_frame: bool) -> None:
        self.frames_shown += int(new_frame)
        if shown_frame <= clock_frame:
            self.lags.append(clock_frame - shown_frame)

    def stats(self) -> dict[str, float]:
        """``max_lag``, ``mean_lag`` (frames), ``ticks``, ``frames_shown``."""
        lags = np.asarray(self.lags, np.float64)
        return {
            "max_lag": float(lags.max()) if lags.size else 0.0,
            "mean_lag": float(lags.mean()) if lags.size else 0.0,
            "ticks": float(lags.size),
            "frames_shown": float(self.frames_shown),
        }


def newest_decoded(get: Callable[[int], Optional[np.ndarray]], index: int, on_screen: int,
                   backtrack: int) -> tuple[int, Optional[np.ndarray]]:
    """The clock's frame ``index`` if decoded, else the newest decoded frame after the
    one ``on_screen`` (at most ``backtrack`` back): the decoder skips frames it could
    not deliver in time, and playback never waits for them."""
    oldest = on_screen if 0 <= on_screen <= index else index - 1
    shown, image = index, None
    for shown in range(index, max(oldest, index - backtrack), -1):
        image = get(shown)
        if image is not None:
            break
    return shown, image
