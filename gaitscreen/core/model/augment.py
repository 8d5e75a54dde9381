"""Training-time augmentations of classifier windows (normalised model-24 joints).

They act on the subject (person 0) only; the second person stays zero. Units are
those of the normalised input: body heights in 2-D, metres in 3-D. In order:

1. temporal crop of 80-100 % of the window, stretched back to the full length
   (a crop and a slow-down in one; ``index_t`` is untouched, as at inference);
2. joint dropout: one joint over 8-24 frames replaced by the linear interpolation
   between its neighbouring frames, which is how the input stage fills detector gaps;
3. left-right mirror: x negated and left/right joints swapped (:data:`MIRROR24`);
   a mirrored walk is as (un)stable as the original, so the label is kept;
4. small rotation about the camera axis (in-plane roll, ±8°);
5. rotation about the vertical axis (±20°): a true rotation of x and z in 3-D, the
   foreshortening of x (x · cos) in 2-D;
6. isotropic scale jitter (±10 %), translation (±0.05), Gaussian joint noise (SD 0.005).

2-D windows keep their third channel at zero.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..skeleton import MODEL24_NAMES

__all__ = ["MIRROR24", "AugmentConfig", "augment", "mirror"]


def _other_side(name: str) -> str:
    for a, b in (("left_", "right_"), ("right_", "left_")):
        if name.startswith(a):
            return b + name[len(a):]
    return name


#: ``MIRROR24[j]`` is the model-24 joint whose data joint ``j`` takes when mirrored.
MIRROR24: tuple[int, ...] = tuple(MODEL24_NAMES.index(_other_side(n)) for n in MODEL24_NAMES)


@dataclass(frozen=True)
class AugmentConfig:
    """Augmentation strengths; probabilities are per window."""

    time_p: float = 0.5
    min_crop: float = 0.8
    dropout_p: float = 0.2
    dropout_frames: tuple[int, int] = (8, 24)
    mirror_p: float = 0.5
    rotate_deg: float = 8.0
    yaw_deg: float = 20.0
    scale: float = 0.1
    translate: float = 0.05
    noise_std: float = 0.005


def mirror(x: np.ndarray) -> np.ndarray:
    """Left-right mirror of windows ``(B, C, T, 24, M)``: x negated, left and right joints swapped."""
    out = x[:, :, :, list(MIRROR24), :].copy()
    out[:, 0] *= -1.0
    return out


def augment(x: np.ndarray, rng: np.random.Generator, cfg: AugmentConfig, *, dims: int = 2) -> np.ndarray:
    """Randomly transformed copy of windows ``(B, C, T, 24, M)``, in the order of the module notes."""
    x = np.array(x, dtype=np.float32, copy=True)
    p = x[..., 0].astype(np.float64)  # the subject: (B, C, T, V)
    b, _, t, v = p.shape
    for i in np.flatnonzero(rng.random(b) < cfg.time_p):  # temporal crop + stretch
        length = rng.uniform(cfg.min_crop, 1.0) * (t - 1)
        pos = rng.uniform(0.0, (t - 1) - length) + np.linspace(0.0, length, t)
        lo = np.minimum(np.floor(pos).astype(int), t - 2)
        w = pos - lo
        p[i] = p[i][:, lo] * (1 - w)[None, :, None] + p[i][:, lo + 1] * w[None, :, None]
    lo_f, hi_f = cfg.dropout_frames
    for i in np.flatnonzero(rng.random(b) < cfg.dropout_p):  # a detector gap, filled as at inference
        j, n = int(rng.integers(v)), int(rng.integers(lo_f, min(hi_f, t - 2) + 1))
        a = int(rng.integers(0, t - n + 1))
        left = p[i, :, a - 1, j] if a > 0 else p[i, :, a + n, j]
        right = p[i, :, a + n, j] if a + n < t else left
        w = np.arange(1, n + 1) / (n + 1)
        p[i, :, a:a + n, j] = left[:, None] * (1 - w) + right[:, None] * w
    flip = rng.random(b) < cfg.mirror_p
    p[flip] = p[flip][:, :, :, list(MIRROR24)]
    p[flip, 0] *= -1.0
    roll = np.deg2rad(rng.uniform(-cfg.rotate_deg, cfg.rotate_deg, b))[:, None, None]
    px, py = p[:, 0].copy(), p[:, 1].copy()
    p[:, 0], p[:, 1] = np.cos(roll) * px - np.sin(roll) * py, np.sin(roll) * px + np.cos(roll) * py
    yaw = np.deg2rad(rng.uniform(-cfg.yaw_deg, cfg.yaw_deg, b))[:, None, None]
    if dims == 3:
        px, pz = p[:, 0].copy(), p[:, 2].copy()
        p[:, 0], p[:, 2] = np.cos(yaw) * px + np.sin(yaw) * pz, -np.sin(yaw) * px + np.cos(yaw) * pz
    else:
        p[:, 0] *= np.cos(yaw)
    p[:, :dims] *= rng.uniform(1 - cfg.scale, 1 + cfg.scale, (b, 1, 1, 1))
    p[:, :dims] += rng.uniform(-cfg.translate, cfg.translate, (b, dims, 1, 1))
    p[:, :dims] += rng.normal(0.0, cfg.noise_std, p[:, :dims].shape)
    if dims == 2:
        p[:, 2] = 0.0
    x[..., 0] = p
    return x
