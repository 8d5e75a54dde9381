"""Playback of :class:`~gaitscreen.ui.player.player.PlayerWidget`: play, pause, speed, loop, the tick.

A mixin so the player module stays small; it uses the player's timebase
(``_tb``), clock, log, tick timer, cache and worker (see the player's docstring
for why playback never drifts).
"""

from __future__ import annotations

import math

from ._timebase import PlaybackLog, newest_decoded
from .controls import SPEEDS

_MAX_DISPLAY_FPS = 60.0
_MAX_BACKTRACK = 120  # frames searched back for the newest decoded one


class PlaybackMixin:
    """Play / pause / speed / loop and the timer tick of the player."""

    # ------------------------------------------------------------------ playback

    def toggle_play(self) -> None:
        self.pause() if self._playing else self.play()

    def play(self) -> None:
        if self._info is None or self._playing or self._tb.times.size == 0:
            return
        start = max(self._target, 0)
        bounds = self._tb.loop_frames()
        last = bounds[1] if bounds is not None else self._tb.times.size - 1
        if start >= last:
            start = bounds[0] if bounds is not None else 0
        self._playing = True
        self._log = PlaybackLog()
        self._clock.anchor(float(self._tb.times[start]))
        self._request(start)
        self._tick.start(self._tick_ms())
        self.controls.set_playing(self._playing)
        self.playing_changed.emit(True)

    def pause(self) -> None:
        if not self._playing:
            return
        self._playing = False
        self._tick.stop()
        self.controls.set_playing(self._playing)
        if self._worker is not None:
            self._worker.worker.set_playhead(max(self._target, 0), playing=False)
        self._request(self._target)
        self.view.smooth = True
        self.view.update()
        self.playing_changed.emit(False)

    def set_speed(self, speed: float) -> None:
        """Playback speed, 0.25 to 2 (times real time)."""
        speed = float(speed)
        if not (math.isfinite(speed) and SPEEDS[0] <= speed <= SPEEDS[-1]):
            raise ValueError(f"speed must lie in [{SPEEDS[0]}, {SPEEDS[-1]}], got {speed}")
        self._clock.set_speed(speed)
        self.controls.set_speed(speed)
        if self._playing:
            self._tick.setInterval(self._tick_ms())

    def set_loop(self, start_s: float, end_s: float) -> None:
        """Keep the playhead inside ``[start_s, end_s)``; playback wraps at its end."""
        if not end_s > start_s:
            raise ValueError(f"loop end must be after its start, got {start_s}..{end_s}")
        self._tb.loop = (float(start_s), float(end_s))
        self.timeline.set_loop(self._tb.loop)
        bounds = self._tb.loop_frames()
        if bounds is not None and not bounds[0] <= self._target <= bounds[1]:
            self.seek_frame(bounds[0])

    def clear_loop(self) -> None:
        self._tb.loop = None
        self.timeline.set_loop(None)

    def playback_stats(self) -> dict[str, float]:
        """Lag of the frame on screen behind the clock's frame, over the ticks since
        :meth:`play` (frames): ``max_lag``, ``mean_lag``, ``ticks``, ``frames_shown``."""
        return self._log.stats()

    def _tick_ms(self) -> int:
        """Half a frame interval at the current speed, between 4 and 16 ms."""
        frame_ms = 1000.0 / (self._tb.fps() * self._clock.speed)
        return int(min(16.0, max(4.0, frame_ms / 2)))

    def _on_tick(self) -> None:
        if not self._playing or self._tb.times.size == 0:
            return
        t, wrapped = self._tb.wrap(self._clock.time())
        if wrapped:
            self._clock.anchor(t)
        elif self._tb.loop is None and t >= self._tb.end():
            self._request(self._tb.times.size - 1)
            self.pause()
            return
        index = self._tb.clamp(self.frame_at_time(t))
        self._target = index
        before = self.view.frame_index
        rate = self._tb.fps() * self._clock.speed
        stride = max(1, int(rate / _MAX_DISPLAY_FPS))
        shown_index, image = (index, None) if self._cache is None else \
            newest_decoded(self._cache.get, index, before, _MAX_BACKTRACK)
        if image is not None and shown_index != before:
            self._display(shown_index, image)
        self._log.tick(index, self.view.frame_index, new_frame=self.view.frame_index != before)
        if self._worker is not None:
            lookahead = max(4, int(0.5 * rate / stride))
            self._worker.worker.set_playhead(index, playing=True, stride=stride, lookahead=lookahead, rate=rate)
