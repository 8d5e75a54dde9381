"""The published study's 3-D path: lifting 2-D H36M-17 skeletons and preparing them for its classifier.

:func:`lift_sequence` follows the seed pipeline frame by frame: the lifter sees
the 81 frames centred on frame *i* (edge frames repeated at the ends), in screen
units ``X / w * 2 - [1, h / w]``, and its mirror image (x negated, left and right
joints swapped); the mirrored answer is mirrored back and the two are averaged.
The pelvis is set to 0, the joints are turned from camera to world axes by the
fixed quaternion the seed uses, and the lowest joint is put on the floor
(``z = 0``). Consecutive windows overlap in all but one frame, so they are a
strided view of one padded array, copied only batch by batch.

:func:`published_ntu_joints` then does the seed's classifier preparation of 3-D
skeletons: H36M-17 → NTU-25, a rotation of 100° about the x axis, and the spine
joint (NTU 1) of the first non-zero frame as the origin; :func:`published_persons`
lays that out as the two-person ``(C, T, V, M)`` array with the second person zero.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ..callbacks import CancelFn, ProgressFn, check_cancel
from ..errors import SkeletonFormatError
from ..skeleton import h36m17_to_ntu25
from .files import Lifter

__all__ = [
    "CAMERA_TO_WORLD",
    "H36M_LEFT",
    "H36M_RIGHT",
    "RECEPTIVE_FIELD",
    "camera_to_world",
    "lift_camera",
    "lift_sequence",
    "lifted_frames",
    "mirror",
    "published_ntu_joints",
    "published_persons",
    "screen_normalise",
    "seed_world_joints",
    "window_view",
]

#: Frames the seed feeds the lifter per output frame (40 either side).
RECEPTIVE_FIELD = 81
#: H36M-17 joints swapped by the mirror augmentation.
H36M_LEFT = (4, 5, 6, 11, 12, 13)
H36M_RIGHT = (1, 2, 3, 14, 15, 16)
#: The seed's camera-to-world rotation (w, x, y, z), as in VideoPose3D's demo.
CAMERA_TO_WORLD = (0.1407056450843811, -0.1500701755285263, -0.755240797996521, 0.6223280429840088)
#: The seed's rotation about x before its 3-D classifier, degrees.
PUBLISHED_X_ROTATION_DEG = 100.0

_SWAP = np.arange(17)
_SWAP[list(H36M_LEFT) + list(H36M_RIGHT)] = list(H36M_RIGHT) + list(H36M_LEFT)


def screen_normalise(joints: np.ndarray, frame_size: tuple[int, int]) -> np.ndarray:
    """Pixels of a ``(w, h)`` frame to the lifter's units ``X / w * 2 - [1, h / w]`` (float32)."""
    w, h = (float(v) for v in frame_size)
    if not (w > 0 and h > 0):
        raise ValueError(f"frame_size must be positive (width, height), got {frame_size!r}")
    out = np.asarray(joints, dtype=np.float64)[..., :2] / w * 2.0 - np.array([1.0, h / w])
    return out.astype(np.float32)


def mirror(joints: np.ndarray) -> np.ndarray:
    """x negated and left/right H36M joints swapped (joints on axis -2); a new array."""
    out = np.array(joints[..., _SWAP, :], copy=True)
    out[..., 0] *= -1
    return out


def window_view(normalised: np.ndarray, receptive_field: int = RECEPTIVE_FIELD) -> np.ndarray:
    """``(T, F, J, C)`` read-only view: frame *i*'s window is frames i−F//2 … i+F//2, edges repeated.

    Only the edge padding is a copy (``T + F − 1`` frames); the windows share its memory.
    """
    if receptive_field < 1 or receptive_field % 2 != 1:
        raise ValueError(f"receptive_field must be a positive odd number, got {receptive_field}")
    pad = receptive_field // 2
    padded = np.pad(normalised, ((pad, pad), (0, 0), (0, 0)), mode="edge")
    windows = sliding_window_view(padded, receptive_field, axis=0)  # (T, J, C, F)
    return np.moveaxis(windows, -1, 1)


def _qrot(q: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Rotate vectors ``v`` (..., 3) by the unit quaternion ``q`` (w, x, y, z)."""
    qvec = np.broadcast_to(q[1:], v.shape)
    uv = np.cross(qvec, v)
    uuv = np.cross(qvec, uv)
    return v + 2.0 * (q[0] * uv + uuv)


def camera_to_world(joints: np.ndarray) -> np.ndarray:
    """The seed's camera-to-world rotation (translation 0) of ``(..., 3)`` joints."""
    q = np.asarray(CAMERA_TO_WORLD, dtype=np.float32)
    return _qrot(q, np.asarray(joints, dtype=np.float32)).astype(np.float32)


def seed_world_joints(camera: np.ndarray) -> np.ndarray:
    """The seed's post-processing of lifted joints ``(..., 17, 3)``: pelvis to 0,
    camera to world, lowest joint of each frame to z = 0."""
    out = np.array(camera, dtype=np.float32, copy=True)
    out[..., 0, :] = 0.0
    out = camera_to_world(out)
    out[..., 2] -= out[..., 2].min(axis=-1, keepdims=True)
    return out


def _check_2d(joints: np.ndarray) -> np.ndarray:
    joints = np.asarray(joints)
    if joints.ndim != 3 or joints.shape[1] != 17 or joints.shape[2] != 2:
        raise SkeletonFormatError(f"The 2-D H36M-17 skeleton must have shape (T, 17, 2), got {joints.shape}.")
    if joints.shape[0] == 0:
        raise SkeletonFormatError("The skeleton has no frames; there is nothing to lift.")
    if not np.isfinite(joints).all():
        raise SkeletonFormatError("The 2-D skeleton has missing joints; fill the gaps before lifting it to 3-D.")
    return joints


def lifted_frames(total: int, every: int = 1) -> np.ndarray:
    """The frames the lifter runs on when lifting every ``every``-th frame: 0, every, 2·every, …
    and always the last, so the frames in between are interpolated, never extrapolated."""
    if every < 1:
        raise ValueError(f"every must be a positive number of frames, got {every}")
    return np.unique(np.r_[np.arange(0, total, every), total - 1])


def _interpolate_frames(picked: np.ndarray, values: np.ndarray, total: int) -> np.ndarray:
    """``values`` (one per ``picked`` frame) linearly interpolated to frames 0 … total−1."""
    frames = np.arange(total)
    right = np.clip(np.searchsorted(picked, frames), 1, max(len(picked) - 1, 1))
    if len(picked) == 1:
        return np.repeat(values, total, axis=0)
    left = right - 1
    w = ((frames - picked[left]) / (picked[right] - picked[left])).astype(np.float32)[:, None, None]
    return ((1 - w) * values[left] + w * values[right]).astype(np.float32)


def lift_camera(skeleton_2d_h36m: np.ndarray, lifter: Lifter, *, frame_size: tuple[int, int],
                receptive_field: int = RECEPTIVE_FIELD, batch_size: int = 64, every: int = 1,
                progress: ProgressFn | None = None, should_cancel: CancelFn | None = None) -> np.ndarray:
    """The flip-averaged lifter output ``(T, 17, 3)`` in camera axes, before the seed's post-processing.

    ``every`` > 1 runs the lifter only on :func:`lifted_frames` and interpolates the
    frames in between linearly (faster by about that factor; the seed lifts every frame).
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be positive, got {batch_size}")
    windows = window_view(screen_normalise(_check_2d(skeleton_2d_h36m), frame_size), receptive_field)
    picked = lifted_frames(windows.shape[0], every)
    total = len(picked)
    out = np.empty((total, 17, 3), dtype=np.float32)
    for start in range(0, total, batch_size):
        check_cancel(should_cancel)
        stop = min(start + batch_size, total)
        batch = np.ascontiguousarray(windows[picked[start:stop]])  # the only copy: one batch of windows
        both = lifter.predict(np.concatenate([batch, mirror(batch)], axis=0))
        n = stop - start
        out[start:stop] = 0.5 * (both[:n] + mirror(both[n:]))
        if progress is not None:
            progress(stop, total, "Lifting the skeleton to 3-D")
    return out if total == windows.shape[0] else _interpolate_frames(picked, out, windows.shape[0])


def lift_sequence(skeleton_2d_h36m: np.ndarray, lifter: Lifter, *, frame_size: tuple[int, int],
                  receptive_field: int = RECEPTIVE_FIELD, batch_size: int = 64, every: int = 1,
                  progress: ProgressFn | None = None, should_cancel: CancelFn | None = None) -> np.ndarray:
    """World 3-D H36M-17 joints ``(T, 17, 3)`` float32 for 2-D pixel joints ``(T, 17, 2)``.

    ``frame_size`` is the video's ``(width, height)``. Every joint must be finite
    (fill gaps first). The lifter runs on ``2 × batch_size`` windows at a time
    (each window and its mirror); see the module notes for the steps, and
    :func:`lift_camera` for ``every``.
    """
    camera = lift_camera(skeleton_2d_h36m, lifter, frame_size=frame_size, receptive_field=receptive_field,
                         batch_size=batch_size, every=every, progress=progress, should_cancel=should_cancel)
    return seed_world_joints(camera)


def _rotate_x(joints: np.ndarray, degrees: float) -> np.ndarray:
    """Row-vector rotation about x: y' = c·y + s·z, z' = −s·y + c·z."""
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    out = np.array(joints, dtype=np.float64, copy=True)
    y, z = joints[..., 1].astype(np.float64), joints[..., 2].astype(np.float64)
    out[..., 1] = c * y + s * z
    out[..., 2] = -s * y + c * z
    return out


def published_ntu_joints(world_h36m: np.ndarray) -> np.ndarray:
    """The seed's 3-D classifier preparation: ``(T, 17, 3)`` world H36M-17 → ``(T, 25, 3)`` NTU-25.

    NaN frames (subject absent) stay NaN; the origin is NTU joint 1 (spine) of the
    first frame that is finite and not all zero.
    """
    world = np.asarray(world_h36m)
    if world.ndim != 3 or world.shape[1:] != (17, 3):
        raise SkeletonFormatError(f"3-D H36M-17 joints must have shape (T, 17, 3), got {world.shape}.")
    ntu, _ = h36m17_to_ntu25(world)
    ntu = _rotate_x(ntu, PUBLISHED_X_ROTATION_DEG)
    usable = np.isfinite(ntu).all(axis=(1, 2)) & (ntu != 0).any(axis=(1, 2))
    if not usable.any():
        raise SkeletonFormatError("The 3-D skeleton has no frame with joints; there is nothing to classify.")
    first = int(np.flatnonzero(usable)[0])
    return (ntu - ntu[first, 1]).astype(np.float32)


def published_persons(ntu: np.ndarray) -> np.ndarray:
    """``(T, 25, 3)`` joints as the published ``(3, T, 25, 2)`` input: person 1, person 2 all zero."""
    ntu = np.asarray(ntu, dtype=np.float32)
    out = np.zeros((3, ntu.shape[0], ntu.shape[1], 2), dtype=np.float32)
    out[..., 0] = ntu.transpose(2, 0, 1)
    return out
