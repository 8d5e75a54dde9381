"""Vectorised conversions between joint layouts.

Every converter takes ``joints`` of shape ``(..., J, C)`` (any leading batch
dimensions, ``C`` coordinates, usually 2 or 3) and optional ``conf`` of shape
``(..., J)``, and returns ``(joints, conf)`` in the target layout; ``conf`` is
returned as ``None`` when it was given as ``None``. Inputs are never modified.

Missing joints are NaN. NaN always propagates: a joint computed from a NaN joint
is NaN, a copied NaN stays NaN; nothing is replaced by zeros.

COCO-17 to H36M-17
------------------
Limb joints (hips, knees, ankles, shoulders, elbows, wrists) are copied. The five
H36M joints COCO lacks are synthesised:

* pelvis = midpoint of the two hips;
* thorax = midpoint of the two shoulders;
* spine  = midpoint of pelvis and thorax;
* head   = centre of the face: mean of the nose, eyes and ears whose confidence is
  at least ``face_threshold`` (and whose coordinates are finite), weighted by
  confidence; when none qualifies, the nose is used as is (possibly NaN);
* neck   = midpoint of thorax and head.

A synthesised joint gets the minimum confidence of the joints it is built from:
the two hips for the pelvis, both hips and both shoulders for the spine, the face
keypoints actually used for the head (the nose in the fallback), thorax and head
for the neck. Without ``conf`` every finite face keypoint counts as confident
(plain mean). Any output joint with a non-finite coordinate gets confidence 0.
"""

from __future__ import annotations

import numpy as np

from ..errors import SkeletonFormatError
from .joints import (
    COCO17_FACE,
    H36M17_FROM_COCO17_DIRECT,
    LAYOUTS,
    MODEL24_FROM_NTU25,
    NTU25_FROM_H36M17,
)

#: Default confidence a face keypoint needs to count towards the head centre.
FACE_THRESHOLD = 0.3

_NTU_IDX = np.asarray(NTU25_FROM_H36M17, dtype=np.intp)
_MODEL_IDX = np.asarray(MODEL24_FROM_NTU25, dtype=np.intp)
_H36M_DIRECT_DST = np.asarray(list(H36M17_FROM_COCO17_DIRECT.keys()), dtype=np.intp)
_H36M_DIRECT_SRC = np.asarray(list(H36M17_FROM_COCO17_DIRECT.values()), dtype=np.intp)
_FACE_IDX = np.asarray(COCO17_FACE, dtype=np.intp)

ConvertResult = tuple[np.ndarray, np.ndarray | None]


def _check(
    joints: np.ndarray, conf: np.ndarray | None, num_joints: int, what: str
) -> tuple[np.ndarray, np.ndarray | None]:
    """Validate shapes; return float arrays (integers become float64)."""
    joints = np.asarray(joints)
    if joints.ndim < 2 or joints.shape[-2] != num_joints:
        raise SkeletonFormatError(
            f"{what} joints must have shape (..., {num_joints}, C), got {joints.shape}."
        )
    if not np.issubdtype(joints.dtype, np.floating):
        joints = joints.astype(np.float64)
    if conf is not None:
        conf = np.asarray(conf)
        if conf.shape != joints.shape[:-1]:
            raise SkeletonFormatError(
                f"{what} confidence must have shape {joints.shape[:-1]}, got {conf.shape}."
            )
        if not np.issubdtype(conf.dtype, np.floating):
            conf = conf.astype(joints.dtype)
    return joints, conf


def _gather(
    joints: np.ndarray, conf: np.ndarray | None, idx: np.ndarray
) -> ConvertResult:
    out_conf = None if conf is None else conf[..., idx]
    return joints[..., idx, :], out_conf


def _min(*arrays: np.ndarray) -> np.ndarray:
    out = arrays[0]
    for a in arrays[1:]:
        out = np.minimum(out, a)
    return out


def coco17_to_h36m17(
    joints: np.ndarray,
    conf: np.ndarray | None = None,
    *,
    face_threshold: float = FACE_THRESHOLD,
) -> ConvertResult:
    """COCO-17 ``(..., 17, C)`` to H36M-17 ``(..., 17, C)``; see the module notes."""
    joints, conf = _check(joints, conf, 17, "COCO-17")
    out = np.empty_like(joints)
    out[..., _H36M_DIRECT_DST, :] = joints[..., _H36M_DIRECT_SRC, :]

    pelvis = 0.5 * (joints[..., 11, :] + joints[..., 12, :])
    thorax = 0.5 * (joints[..., 5, :] + joints[..., 6, :])

    face = joints[..., _FACE_IDX, :]  # (..., 5, C)
    finite = np.isfinite(face).all(axis=-1)  # (..., 5)
    if conf is None:
        face_conf = np.ones(face.shape[:-1], dtype=joints.dtype)
    else:
        face_conf = np.nan_to_num(conf[..., _FACE_IDX], nan=0.0)
    used = finite & (face_conf >= face_threshold)
    weights = np.where(used, face_conf, 0.0)
    total = weights.sum(axis=-1)  # (...)
    have = total > 0
    safe_face = np.where(used[..., None], face, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        centre = (weights[..., None] * safe_face).sum(axis=-2) / total[..., None]
    head = np.where(have[..., None], centre, joints[..., 0, :])

    out[..., 0, :] = pelvis
    out[..., 8, :] = thorax
    out[..., 7, :] = 0.5 * (pelvis + thorax)
    out[..., 10, :] = head
    out[..., 9, :] = 0.5 * (thorax + head)

    if conf is None:
        return out, None

    out_conf = np.empty_like(conf)
    out_conf[..., _H36M_DIRECT_DST] = conf[..., _H36M_DIRECT_SRC]
    pelvis_c = _min(conf[..., 11], conf[..., 12])
    thorax_c = _min(conf[..., 5], conf[..., 6])
    big = np.asarray(np.inf, dtype=conf.dtype)
    head_used_c = np.where(used, face_conf, big).min(axis=-1)
    head_c = np.where(have, head_used_c, conf[..., 0])
    out_conf[..., 0] = pelvis_c
    out_conf[..., 8] = thorax_c
    out_conf[..., 7] = _min(pelvis_c, thorax_c)
    out_conf[..., 10] = head_c
    out_conf[..., 9] = _min(thorax_c, head_c)
    out_conf = np.where(np.isfinite(out).all(axis=-1), out_conf, 0.0).astype(conf.dtype)
    return out, out_conf


def coco17_to_h36m17_seed(joints: np.ndarray, conf: np.ndarray | None = None) -> ConvertResult:
    """COCO-17 ``(..., 17, 2)`` to H36M-17 as the published study's seed did before lifting.

    Limb joints are copied as in :func:`coco17_to_h36m17`; the others follow the
    seed's formulas (x right, y down, pixels):

    * head: x = mean x of the eyes and ears (COCO 1–4), y = y(1) + y(2) − y(0);
    * thorax: shoulder midpoint + (nose − shoulder midpoint) / 3, then its y moves
      up by 2/3 × (mean eye y − nose y);
    * pelvis: hip midpoint;
    * spine: mean of both shoulders and both hips, then its x moves away from the
      pelvis–thorax mean x by twice the difference;
    * neck: the nose moved a quarter of the way to the shoulder midpoint.

    A synthesised joint's confidence is the minimum over the COCO joints its
    formula uses. Used on the published 3-D path only; the 2-D path keeps
    :func:`coco17_to_h36m17`.
    """
    joints, conf = _check(joints, conf, 17, "COCO-17")
    if joints.shape[-1] != 2:
        raise SkeletonFormatError(f"The seed's COCO-17 conversion takes 2-D joints, got {joints.shape[-1]} coordinates.")
    out = np.empty_like(joints)
    out[..., _H36M_DIRECT_DST, :] = joints[..., _H36M_DIRECT_SRC, :]
    x, y = joints[..., 0], joints[..., 1]
    shoulders = 0.5 * (joints[..., 5, :] + joints[..., 6, :])
    nose = joints[..., 0, :]
    out[..., 10, 0] = x[..., 1:5].mean(axis=-1)
    out[..., 10, 1] = y[..., 1] + y[..., 2] - y[..., 0]
    thorax = shoulders + (nose - shoulders) / 3.0
    out[..., 0, :] = 0.5 * (joints[..., 11, :] + joints[..., 12, :])
    spine = joints[..., [5, 6, 11, 12], :].mean(axis=-2)
    spine[..., 0] += 2.0 * (spine[..., 0] - 0.5 * (out[..., 0, 0] + thorax[..., 0]))
    thorax[..., 1] -= (y[..., 1:3].mean(axis=-1) - y[..., 0]) * 2.0 / 3.0
    out[..., 7, :] = spine
    out[..., 8, :] = thorax
    out[..., 9, :] = nose - (nose - shoulders) / 4.0
    if conf is None:
        return out, None
    out_conf = np.empty_like(conf)
    out_conf[..., _H36M_DIRECT_DST] = conf[..., _H36M_DIRECT_SRC]
    uses = {10: (0, 1, 2, 3, 4), 8: (0, 1, 2, 5, 6), 0: (11, 12), 7: (0, 1, 2, 5, 6, 11, 12), 9: (0, 5, 6)}
    for dst, src in uses.items():
        out_conf[..., dst] = conf[..., list(src)].min(axis=-1)
    out_conf = np.where(np.isfinite(out).all(axis=-1), out_conf, 0.0).astype(conf.dtype)
    return out, out_conf


def h36m17_to_ntu25(joints: np.ndarray, conf: np.ndarray | None = None) -> ConvertResult:
    """H36M-17 ``(..., 17, C)`` to NTU-25 ``(..., 25, C)`` by the published table."""
    joints, conf = _check(joints, conf, 17, "H36M-17")
    return _gather(joints, conf, _NTU_IDX)


def ntu25_to_model24(joints: np.ndarray, conf: np.ndarray | None = None) -> ConvertResult:
    """NTU-25 ``(..., 25, C)`` to the classifier's 24-joint input order."""
    joints, conf = _check(joints, conf, 25, "NTU-25")
    return _gather(joints, conf, _MODEL_IDX)


#: Single conversion steps; :func:`convert` chains them.
_STEPS = {
    ("coco17", "h36m17"): coco17_to_h36m17,
    ("h36m17", "ntu25"): h36m17_to_ntu25,
    ("ntu25", "model24"): ntu25_to_model24,
}
_CHAIN = ("coco17", "h36m17", "ntu25", "model24")


def can_convert(src: str, dst: str) -> bool:
    """True when :func:`convert` supports ``src`` to ``dst``."""
    if src not in LAYOUTS or dst not in _CHAIN:
        return False
    return _CHAIN.index(src) <= _CHAIN.index(dst)


def convert(
    joints: np.ndarray,
    conf: np.ndarray | None,
    src: str,
    dst: str,
) -> ConvertResult:
    """Convert from layout ``src`` to ``dst`` along coco17 → h36m17 → ntu25 → model24.

    ``dst`` may also be ``"model24"`` (the classifier's input order). Converting a
    layout to itself returns copies. Unsupported directions (for example NTU-25
    back to COCO-17) raise :class:`SkeletonFormatError`.
    """
    if src not in LAYOUTS:
        raise SkeletonFormatError(
            f"Unknown source layout {src!r}; expected one of {sorted(LAYOUTS)}."
        )
    if not can_convert(src, dst):
        raise SkeletonFormatError(f"Cannot convert skeletons from {src!r} to {dst!r}.")
    joints, conf = _check(joints, conf, LAYOUTS[src], src)
    if src == dst:
        return joints.copy(), None if conf is None else conf.copy()
    i = _CHAIN.index(src)
    while _CHAIN[i] != dst:
        joints, conf = _STEPS[(_CHAIN[i], _CHAIN[i + 1])](joints, conf)
        i += 1
    return joints, conf
