"""A one-line progress bar on stderr for the command line."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressBar:
    """Callable matching the core's ``progress(done, total, stage)`` signature.

    On a terminal it redraws one line at most ten times a second; in a log (CI,
    redirected stderr) it prints one line per stage so logs stay short.
    """

    def __init__(self, stream: TextIO | None = None, width: int = 28, enabled: bool = True) -> None:
        self.stream = stream or sys.stderr
        self.width = width
        self.enabled = enabled
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._stage = ""
        self._last_draw = 0.0
        self._drawn = False

    def __call__(self, done: int, total: int, stage: str) -> None:
        if not self.enabled:
            return
        if not self.tty:
            if stage != self._stage:
                print(f"{stage}…", file=self.stream, flush=True)
                self._stage = stage
            return
        now = time.monotonic()
        finished = total > 0 and done >= total
        if stage == self._stage and now - self._last_draw < 0.1 and not finished:
            return
        self._stage, self._last_draw = stage, now
        if total > 0:
            share = min(done / total, 1.0)
            filled = int(round(share * self.width))
            bar = "█" * filled + "·" * (self.width - filled)
            text = f"\r{stage:<22} {bar} {share:4.0%}"
        else:
            text = f"\r{stage:<22} {done}"
        self.stream.write(text)
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        """End the bar's line so the summary starts on a fresh one."""
        if self.enabled and self.tty and self._drawn:
            self.stream.write("\r" + " " * (self.width + 30) + "\r")
            self.stream.flush()
            self._drawn = False
