"""Errors of 3-D poses: MPJPE and Procrustes-aligned MPJPE (the Human3.6M protocols #1 and #2).

Both take ``(..., J, 3)`` predictions and targets in the same units and return the
mean over all joints and poses of the Euclidean distance. :func:`mpjpe` first puts
the root joint (pelvis, 0) of each pose at the origin, as lifters are scored;
:func:`p_mpjpe` first aligns each predicted pose to its target by the similarity
transform (rotation, uniform scale, translation) that minimises the squared error
(Umeyama's closed form), so it scores the pose's shape alone.
"""

from __future__ import annotations

import numpy as np

__all__ = ["mpjpe", "p_mpjpe", "procrustes_align"]


def _check(pred: np.ndarray, target: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    pred, target = np.asarray(pred, dtype=np.float64), np.asarray(target, dtype=np.float64)
    if pred.shape != target.shape or pred.ndim < 2 or pred.shape[-1] != 3:
        raise ValueError(f"poses must both have shape (..., J, 3); got {pred.shape} and {target.shape}")
    return pred, target


def mpjpe(pred: np.ndarray, target: np.ndarray, *, root: int | None = 0) -> float:
    """Mean per-joint position error after moving each pose's ``root`` joint to 0 (None: as given)."""
    pred, target = _check(pred, target)
    if root is not None:
        pred = pred - pred[..., root: root + 1, :]
        target = target - target[..., root: root + 1, :]
    return float(np.linalg.norm(pred - target, axis=-1).mean())


def procrustes_align(pred: np.ndarray, target: np.ndarray) -> np.ndarray:
    """``pred`` moved onto ``target`` pose by pose by the best rotation, uniform scale and translation."""
    pred, target = _check(pred, target)
    shape = pred.shape
    p = pred.reshape(-1, shape[-2], 3)
    t = target.reshape(-1, shape[-2], 3)
    mu_p, mu_t = p.mean(axis=1, keepdims=True), t.mean(axis=1, keepdims=True)
    p0, t0 = p - mu_p, t - mu_t
    cov = np.einsum("nji,njk->nik", t0, p0)  # Σ t pᵀ per pose
    u, s, vt = np.linalg.svd(cov)
    sign = np.sign(np.linalg.det(u @ vt))  # no reflections
    d = np.ones_like(s)
    d[:, -1] = sign
    rot = u @ (d[:, :, None] * vt)  # maps centred pred onto centred target
    var_p = (p0 ** 2).sum(axis=(1, 2))
    scale = (s * d).sum(axis=1) / np.where(var_p > 0, var_p, 1.0)
    aligned = scale[:, None, None] * np.einsum("nik,njk->nji", rot, p0) + mu_t
    return aligned.reshape(shape)


def p_mpjpe(pred: np.ndarray, target: np.ndarray) -> float:
    """Mean per-joint position error after Procrustes alignment of each pose (see the module notes)."""
    pred, target = _check(pred, target)
    return float(np.linalg.norm(procrustes_align(pred, target) - target, axis=-1).mean())
