"""A floor calibration as a clinician would make it for a synthetic walk.

The four corners of a walkway rectangle (on the floor, in the walk's line frame:
``x`` = lateral, ``y`` = metres walked) projected through the walk's own camera:
what clicking the taped corners on a frame would give, without click error. Used by
the metric-gait tests and ``benchmarks/gait_speed_accuracy.py``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .camera import CameraModel, WalkLine
from .dataset import SynthClip


def walked_m(walk: SynthClip) -> float:
    """Metres walked by the pelvis along the line by the last frame."""
    line = WalkLine.from_dict(walk.skeleton_3d.meta["walk_line"])
    return float(line.to_line(walk.skeleton_3d.joints[-1, 0])[2])


def course_calibration(walk: SynthClip, *, course_m: float = 4.0, width_m: float = 1.0,
                       end_margin_m: float = 0.8) -> dict[str, Any]:
    """Calibration definition of a ``course_m`` x ``width_m`` rectangle ending
    ``end_margin_m`` before the walk's end, with its start and end lines."""
    cam = CameraModel.from_dict(walk.skeleton.meta["camera"])
    line = WalkLine.from_dict(walk.skeleton_3d.meta["walk_line"])
    end = walked_m(walk) - end_margin_m
    start = end - course_m
    half = 0.5 * width_m
    floor = np.array([[-half, start], [half, start], [half, end], [-half, end]])
    world = line.to_world(np.stack([floor[:, 0], np.zeros(4), floor[:, 1]], -1))
    image = cam.project(world)[0]
    return {"name": f"synthetic course {course_m:g} m", "image_points_px": image.tolist(),
            "world_points_m": floor.tolist(), "frame_size": list(cam.image_size),
            "start_line_m": start, "end_line_m": end}


def true_stride_speed(walk: SynthClip, start_s: float, end_s: float) -> float:
    """Ground-truth speed (m/s) over [start_s, end_s]: slope of the feet's mean
    forward position averaged over one stride (the same definition as the measure)."""
    from ..core.analysis.filters import running_median

    line = WalkLine.from_dict(walk.skeleton_3d.meta["walk_line"])
    fwd = line.to_line(walk.skeleton_3d.joints)[:, [3, 6], 2].mean(axis=1)
    t = walk.skeleton_3d.timestamps
    cadence = float(walk.skeleton.meta["subject"]["cadence_spm"])
    stride = 2.0 * 60.0 / cadence
    smooth = running_median(fwd, walk.fps, stride, mean=True)
    half = int(round(0.5 * stride * walk.fps))
    sel = (t >= start_s) & (t <= end_s) & np.isfinite(smooth)
    sel[:half] = sel[len(sel) - half:] = False
    return float(np.polyfit(t[sel], smooth[sel], 1)[0])


def true_step_width_m(walk: SynthClip, lo_m: float, hi_m: float) -> float:
    """Mean lateral distance between consecutive footfalls landing within [lo_m, hi_m]."""
    ff = np.asarray(walk.skeleton_3d.meta["footfalls"], dtype=np.float64)
    ff = ff[np.argsort(ff[:, 1])]
    ff = ff[(ff[:, 3] >= lo_m) & (ff[:, 3] <= hi_m)]
    return float(np.abs(np.diff(ff[:, 4])).mean())
