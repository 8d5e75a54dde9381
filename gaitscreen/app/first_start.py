"""What the getting-started panel needs to know about a study (no Qt).

The panel is shown while an open study has no recording; it marks the steps
already done (a patient exists) so the next one stands out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:  # the concrete study; imported for types only
    from gaitscreen.storage import Study


@dataclass(frozen=True)
class FirstSteps:
    """Where a study stands on the way to its first report."""

    show: bool  # the getting-started panel is shown (a study is open and has no recording)
    has_patient: bool
    writable: bool


def first_steps(study: Optional[Study], *, writable: bool = True) -> FirstSteps:
    """The getting-started state of ``study`` (None: no study open, nothing to show)."""
    if study is None:
        return FirstSteps(show=False, has_patient=False, writable=False)
    return FirstSteps(show=not study.recordings(), has_patient=bool(study.patients()), writable=writable)
