"""The lifting stage between pose and windows: a 2-D skeleton in, its 3-D skeleton out."""

from __future__ import annotations

import numpy as np

from ..callbacks import CancelFn, ProgressFn
from ..errors import SkeletonFormatError
from ..skeleton import SkeletonSequence, coco17_to_h36m17_seed
from .files import Lifter
from .published import RECEPTIVE_FIELD, lift_sequence

__all__ = ["lift_skeleton"]


def _h36m_2d(skeleton: SkeletonSequence) -> tuple[np.ndarray, np.ndarray]:
    """H36M-17 pixel joints and confidence; COCO goes through the seed's conversion."""
    if skeleton.layout == "coco17":
        joints, conf = coco17_to_h36m17_seed(skeleton.joints, skeleton.confidence)
    elif skeleton.layout == "h36m17":
        joints, conf = skeleton.joints.copy(), skeleton.confidence.copy()
    else:
        raise SkeletonFormatError(f"Only COCO-17 or H36M-17 skeletons can be lifted to 3-D, not {skeleton.layout!r}.")
    return np.asarray(joints, dtype=np.float64), np.asarray(conf, dtype=np.float32)


def _fill_over_frames(joints: np.ndarray, frames: np.ndarray) -> np.ndarray:
    """Missing coordinates linearly interpolated over frame numbers, edges held."""
    flat = joints.reshape(joints.shape[0], -1).copy()
    for col in range(flat.shape[1]):
        ok = np.isfinite(flat[:, col])
        if not ok.any():
            raise SkeletonFormatError("A joint is never detected in the skeleton, so it cannot be lifted to 3-D.")
        if not ok.all():
            flat[~ok, col] = np.interp(frames[~ok], frames[ok], flat[ok, col])
    return flat.reshape(joints.shape)


def lift_skeleton(skeleton: SkeletonSequence, lifter: Lifter, *, receptive_field: int = RECEPTIVE_FIELD,
                  batch_size: int = 64, every: int = 1, progress: ProgressFn | None = None,
                  should_cancel: CancelFn | None = None) -> SkeletonSequence:
    """The 3-D H36M-17 skeleton (world axes, z up, floor at 0) of a 2-D one.

    Gaps are interpolated over frame numbers for the lifter's input only; samples
    where the subject is absent stay absent (NaN) in the result. The lifter's name
    and sha256 go into ``meta["lifter"]``. ``every`` > 1 lifts every ``every``-th frame and
    interpolates the rest (:func:`~gaitscreen.core.lifting.published.lift_camera`).
    """
    if skeleton.dims != 2:
        raise SkeletonFormatError(f"The skeleton is already {skeleton.dims}-D; only 2-D skeletons are lifted.")
    if skeleton.image_size is None:
        raise SkeletonFormatError("The skeleton does not record its video's frame size, which lifting needs.")
    if not skeleton.present.any():
        raise SkeletonFormatError("The skeleton has no frame with the subject present; there is nothing to lift.")
    joints, conf = _h36m_2d(skeleton)
    joints[~skeleton.present] = np.nan
    filled = _fill_over_frames(joints, skeleton.frame_indices.astype(np.float64))
    world = lift_sequence(filled, lifter, frame_size=skeleton.image_size, receptive_field=receptive_field,
                          batch_size=batch_size, every=every, progress=progress, should_cancel=should_cancel)
    world[~skeleton.present] = np.nan
    conf[~skeleton.present] = 0.0
    meta = dict(skeleton.meta)
    meta["lifter"] = {"name": lifter.name, "sha256": lifter.sha256, "runtime": lifter.runtime,
                      "receptive_field": int(receptive_field), "lift_every": int(every), "coco_conversion": "seed"
                      if skeleton.layout == "coco17" else "none", "axes": "world, z up, lowest joint at z = 0"}
    return SkeletonSequence(
        joints=world, confidence=conf, timestamps=skeleton.timestamps.copy(), layout="h36m17",
        fps=skeleton.fps, present=skeleton.present.copy(), interpolated=skeleton.interpolated.copy(),
        frame_indices=skeleton.frame_indices.copy(), image_size=skeleton.image_size,
        source=skeleton.source, source_sha256=skeleton.source_sha256, track_id=skeleton.track_id, meta=meta,
    )
