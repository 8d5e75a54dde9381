"""The pose stage as callers use it: one pass, and a second on the full canvas when
the fast detection canvas could not see the people.

People are detected on a small copy of each frame (``detect_long_side``, 320 px by
default) because that is four times cheaper than the full canvas. Far-away people
are then only a few pixels tall, and YOLO11n's recall drops: on the sample walk
pasted small into a 1920×1080 frame, a patient 52 px tall on the 320-px canvas was
found in 54 % of the detection frames, one 42 px tall in none, while the 640-px
canvas found both in every frame. So when nobody is found, or the chosen patient is
shorter than :data:`SMALL_PERSON_PX` on the detection canvas, the video is run again
with detection at ``pose_long_side`` (the scale the pose network sees anyway) and the
pass that covers the patient better is kept. Its settings record which one it was.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np

from ..callbacks import CancelFn, ProgressFn, check_cancel, no_progress
from ..errors import NoPersonError
from .pipeline import PoseRun, PoseSettings, run_pose_pass
from .yolo import YoloPose

#: Patients shorter than this on the detection canvas are re-detected on the full canvas.
SMALL_PERSON_PX = 64.0


def subject_height_on_detection_canvas(run: PoseRun) -> float:
    """Median box height of the chosen patient, in pixels of the detection canvas."""
    track = next((t for t in run.tracks if t.track_id == run.subject_id), None)
    if track is None or not track.boxes:
        return 0.0
    boxes = track.box_array()
    long_side = max(run.video.width, run.video.height, 1)
    return float(np.median(boxes[:, 3] - boxes[:, 1])) * run.settings.detect_long_side / long_side


def run_pose(
    video: str | Path,
    *,
    backend: YoloPose | None = None,
    settings: PoseSettings | None = None,
    subject: int | None = None,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
    **more,
) -> PoseRun:
    """Estimate the patient's COCO-17 skeleton in every frame of ``video`` (see the module)."""
    settings = settings or PoseSettings()
    progress = progress or no_progress
    backend = backend or YoloPose()
    full = dataclasses.replace(settings, detect_long_side=settings.pose_long_side)
    can_retry = full.detect_long_side > settings.detect_long_side
    try:
        first = run_pose_pass(video, backend=backend, settings=settings, subject=subject, progress=progress,
                              should_cancel=should_cancel, **more)
    except NoPersonError:
        if not can_retry:
            raise
        first, why = None, f"nobody was found at {settings.detect_long_side} px"
    else:
        height = subject_height_on_detection_canvas(first)
        # an explicit track id names a track of this pass: another pass would number them anew
        if not can_retry or subject is not None or height >= SMALL_PERSON_PX:
            return first
        why = f"the patient was {height:.0f} px tall at {settings.detect_long_side} px"
    check_cancel(should_cancel)

    def full_canvas(done: int, total: int, stage: str) -> None:
        progress(done, total, f"{stage} (full canvas)")

    try:
        second = run_pose_pass(video, backend=backend, settings=full, subject=subject, progress=full_canvas,
                               should_cancel=should_cancel, **more)
    except NoPersonError:
        if first is None:
            raise
        return first
    if first is not None and first.skeleton.coverage > second.skeleton.coverage:
        return first
    second.skeleton.meta["pose_detection_retry"] = f"{why}: detection repeated at {full.detect_long_side} px"
    second.stats["detection_passes"] = 2.0
    if first is not None:
        second.stats["seconds_total"] += first.stats.get("seconds_total", 0.0)
    return second
