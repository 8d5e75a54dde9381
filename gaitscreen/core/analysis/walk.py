"""Kinematics and gait of a whole walk, with the per-frame series computed once.

Every span measure (the whole walk, each 3-s clip) and the gait parameters read the
same per-frame series (:func:`~.kinematics.frame_signals`: filtered joints, body
height, stance, walking line, progress). Computing them once and indexing into them
makes the cost linear in the recording's length; computing them again for every
clip made a 10-minute video's kinematics quadratic (200 clips x the whole walk).
The numbers are the same either way: a span measure always used the series of the
whole walk, so its filters never saw the span's edges.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..callbacks import CancelFn, ProgressFn, check_cancel, no_progress
from ..skeleton import SkeletonSequence
from .gait import gait_parameters
from .kinematics import _measure, frame_signals


def walk_measures(
    skeleton: SkeletonSequence,
    clips: Sequence[tuple[int, float, float]],
    *,
    height_cm: float | None = None,
    walkway_m: float | None = None,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The report's ``kinematics`` (overall and per clip) and ``gait`` dicts.

    ``clips``: ``(index, start_s, end_s)`` of each clip. Cancelling is checked
    between the whole-walk series and every clip.
    """
    progress = progress or no_progress
    total = len(clips) + 2
    progress(0, total, "Measuring the walk")
    check_cancel(should_cancel)
    sig = frame_signals(skeleton)
    start = float(skeleton.timestamps[0])
    overall = _measure(sig, start, start + float(skeleton.duration_s)).to_dict()
    per_clip = []
    for k, (index, start_s, end_s) in enumerate(clips):
        check_cancel(should_cancel)
        per_clip.append(dict(_measure(sig, start_s, end_s).to_dict(), index=index))
        progress(k + 1, total, "Measuring the clips")
    check_cancel(should_cancel)
    gait = gait_parameters(skeleton, height_cm=height_cm, walkway_m=walkway_m, signals=sig).to_dict()
    progress(total, total, "Gait parameters")
    return {"overall": overall, "clips": per_clip}, gait
