"""Callback types shared by long-running core functions."""

from __future__ import annotations

from typing import Callable, Optional

from .errors import Cancelled

#: ``progress(done, total, stage)``: ``total`` may be 0 when unknown.
ProgressFn = Callable[[int, int, str], None]
#: ``should_cancel()`` returns True when the caller wants the work to stop.
CancelFn = Callable[[], bool]


def no_progress(done: int, total: int, stage: str) -> None:  # noqa: ARG001
    """Progress sink that ignores every report."""


def never_cancel() -> bool:
    """Cancellation source that never asks to stop."""
    return False


def check_cancel(should_cancel: Optional[CancelFn]) -> None:
    """Raise :class:`Cancelled` when ``should_cancel`` says so."""
    if should_cancel is not None and should_cancel():
        raise Cancelled("Cancelled by the user.")
