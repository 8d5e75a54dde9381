"""Detector-like corruption of projected keypoints, as GaitScreen's pose stage outputs them.

Applied to exact projected COCO-17 keypoints:

* a per-clip bias of every joint (a fixed share of the person's pixel height);
* white Gaussian pixel noise plus temporally correlated jitter (AR(1)), with an
  SD that grows with the subject's distance and is larger for joints a detector
  localises worse (hips, wrists, ankles) and for low-confidence detections;
* confidences: a logistic of a per-joint base, lowered with distance, for the
  rear leg when it hides behind the front leg, and outside the image;
* dropouts: short runs where one joint's confidence falls to 0.02-0.3 and its
  position is wrong (displaced, or left and right legs swapped), or NaN;
* the pose stage's sampling: pose runs every ``pose_stride``-th frame and the
  frames in between are linearly interpolated (not flagged); a sample where the
  person is missed is filled the same way and flagged ``interpolated``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from scipy.signal import lfilter

#: Localisation noise multiplier per COCO joint.
NOISE_MULT = np.array([0.6, 0.55, 0.55, 0.8, 0.8, 1.0, 1.0, 1.2, 1.2, 1.4, 1.4, 1.6, 1.6, 1.2, 1.2, 1.3, 1.3])
#: Confidence logit per COCO joint for a frontal person at 2 m.
CONF_LOGIT = np.array([3.4, 3.3, 3.3, 1.6, 1.6, 3.5, 3.5, 2.8, 2.8, 2.3, 2.3, 2.9, 2.9, 2.7, 2.7, 2.3, 2.3])
#: How likely each joint is to drop out (relative).
DROP_WEIGHT = np.array([0.3, 0.3, 0.3, 1.0, 1.0, 0.3, 0.3, 0.8, 0.8, 1.5, 1.5, 0.6, 0.6, 1.0, 1.0, 1.5, 1.5])
#: Left/right pairs of COCO joints (left index, right index).
LR_PAIRS = ((1, 2), (3, 4), (5, 6), (7, 8), (9, 10), (11, 12), (13, 14), (15, 16))
LEG_PAIRS = ((13, 14), (15, 16))
#: Nose this much farther than the ears (m): the face is fully turned away (the nose
#: sits about 0.1 m in front of the ear line, so half of that is a clear back view).
FACE_HIDDEN_DEPTH_M = 0.05


@dataclass(frozen=True)
class DetectorModel:
    """Knobs of the corruption (pixels refer to the full-resolution image)."""

    noise_px: float = 1.5  # white-noise SD at distance 0 (px)
    noise_px_per_m: float = 0.35  # growth of the SD per metre of distance
    jitter_ratio: float = 0.8  # SD of the correlated jitter relative to the white noise
    jitter_rho: float = 0.85  # AR(1) coefficient of the jitter per frame
    bias_share: float = 0.006  # SD of the per-clip joint bias, share of body height
    conf_per_m: float = 0.18  # confidence logit lost per metre beyond 2 m
    dropouts_per_s: float = 0.5  # dropout runs per second (whole skeleton)
    dropout_frames: tuple[int, int] = (1, 6)
    swap_share: float = 0.3  # share of leg dropouts that swap left and right
    nan_dropouts: bool = False  # dropped joints become NaN (confidence 0)
    miss_prob: float = 0.003  # chance per pose sample that the person is missed
    pose_stride: int = 2  # GaitScreen runs pose at ~15 Hz on ~30 fps video

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["dropout_frames"] = list(self.dropout_frames)
        return d


def sample_detector(rng: np.random.Generator) -> DetectorModel:
    """Per-walk variation of detector quality around the defaults."""
    scale = float(rng.uniform(0.7, 1.4))
    return DetectorModel(
        noise_px=1.5 * scale,
        noise_px_per_m=0.35 * scale,
        bias_share=0.006 * float(rng.uniform(0.5, 1.5)),
        dropouts_per_s=0.5 * float(rng.uniform(0.3, 1.5)),
    )


def _ar1(rng: np.random.Generator, shape: tuple[int, ...], rho: float) -> np.ndarray:
    """Unit-variance AR(1) noise along axis 0."""
    white = rng.normal(size=shape)
    out = lfilter([np.sqrt(1.0 - rho * rho)], [1.0, -rho], white, axis=0)
    out[0] = white[0]
    return out


def corrupt(
    uv: np.ndarray,
    depth: np.ndarray,
    image_size: tuple[int, int],
    fps: float,
    rng: np.random.Generator,
    model: DetectorModel,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Noisy keypoints ``(T, 17, 2)`` float32, confidences ``(T, 17)`` float32 and
    ``interpolated`` ``(T,)`` from exact ``uv`` and camera ``depth`` (T, 17)."""
    n = uv.shape[0]
    uv = uv.astype(np.float64).copy()
    dist = depth[:, 11:13].mean(1)  # hips
    body_px = np.maximum(uv[:, 15:17, 1].max(1) - uv[:, 0, 1], 1.0) * 1.08  # nose to ankles, plus the crown

    # Confidence.
    logit = CONF_LOGIT[None, :] - model.conf_per_m * np.maximum(dist - 2.0, 0.0)[:, None]
    logit = logit + 0.35 * _ar1(rng, uv.shape[:2], 0.9)
    for li, ri in LEG_PAIRS:  # the rear leg hides behind the front one
        gap = np.abs(uv[:, li, 0] - uv[:, ri, 0]) / (0.04 * body_px)
        hidden = np.clip(1.0 - gap, 0.0, 1.0)
        rear_left = depth[:, li] > depth[:, ri]
        logit[:, li] -= 1.2 * hidden * rear_left
        logit[:, ri] -= 1.2 * hidden * ~rear_left
    # Seen from behind (the nose farther than the ears: walking away) the face is
    # hidden and a detector guesses it with low confidence; a frontal view is unchanged.
    away = np.clip((depth[:, 0] - depth[:, 3:5].mean(1)) / FACE_HIDDEN_DEPTH_M, 0.0, 1.0)
    logit[:, :3] -= 5.0 * away[:, None]
    logit[:, 3:5] -= 2.0 * away[:, None]
    w, h = image_size
    outside = (uv[..., 0] < 0) | (uv[..., 0] >= w) | (uv[..., 1] < 0) | (uv[..., 1] >= h)
    logit -= 4.0 * outside
    conf = 1.0 / (1.0 + np.exp(-logit))

    # Position errors.
    sd = (model.noise_px + model.noise_px_per_m * dist)[:, None] * NOISE_MULT[None, :]
    sd = sd * (1.0 + (1.0 - conf))
    bias = rng.normal(0.0, model.bias_share, size=(17, 2))[None] * body_px[:, None, None]
    white = rng.normal(size=uv.shape)
    jitter = model.jitter_ratio * _ar1(rng, uv.shape, model.jitter_rho)
    uv += bias + (white + jitter) * sd[..., None]

    # Dropouts.
    n_drop = int(rng.poisson(model.dropouts_per_s * n / fps))
    p = DROP_WEIGHT / DROP_WEIGHT.sum()
    legs = {j: pair for pair in LEG_PAIRS for j in pair}
    for _ in range(n_drop):
        j = int(rng.choice(17, p=p))
        length = int(rng.integers(model.dropout_frames[0], model.dropout_frames[1] + 1))
        a = int(rng.integers(0, max(n - length, 1)))
        sl = slice(a, min(a + length, n))
        conf[sl, j] = rng.uniform(0.02, 0.3)
        if model.nan_dropouts:
            uv[sl, j] = np.nan
            conf[sl, j] = 0.0
        elif j in legs and rng.random() < model.swap_share:
            li, ri = legs[j]
            uv[sl, li], uv[sl, ri] = uv[sl, ri].copy(), uv[sl, li].copy()
            conf[sl, li] = conf[sl, ri] = np.minimum(conf[sl, li], conf[sl, ri])
        else:
            uv[sl, j] += rng.normal(0.0, 1.0, 2) * (3.0 * sd[sl, j, None] + 0.03 * body_px[sl, None])

    interp = np.zeros(n, dtype=bool)
    if model.pose_stride > 1 or model.miss_prob > 0:
        uv, conf, interp = _pose_sampling(uv, conf, model, rng)
    return uv.astype(np.float32), np.clip(conf, 0.0, 1.0).astype(np.float32), interp


def _pose_sampling(
    uv: np.ndarray, conf: np.ndarray, model: DetectorModel, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Keep every ``pose_stride``-th frame, drop missed samples, interpolate the rest."""
    n = uv.shape[0]
    stride = max(1, int(model.pose_stride))
    samples = np.arange(0, n, stride)
    missed = rng.random(samples.shape[0]) < model.miss_prob
    missed[0] = missed[-1] = False
    kept = samples[~missed]
    frames = np.arange(n)
    pos = np.searchsorted(kept, frames, side="right")
    left = kept[np.clip(pos - 1, 0, len(kept) - 1)]
    right = kept[np.clip(pos, 0, len(kept) - 1)]
    span = np.maximum(right - left, 1)
    wgt = np.where(right > left, (frames - left) / span, 0.0)[:, None, None]
    out_uv = (1.0 - wgt) * uv[left] + wgt * uv[right]
    out_conf = np.where(right[:, None] > left[:, None], np.minimum(conf[left], conf[right]), conf[left])
    on_sample = np.isin(frames, kept)
    out_uv[on_sample], out_conf[on_sample] = uv[on_sample], conf[on_sample]
    # Flagged: frames in a gap around a missed sample, and held frames past the last sample.
    interp = (~on_sample) & (((right - left) > stride) | (frames > kept[-1]))
    return out_uv, out_conf, interp
