"""Scale-free measures of how a walk was filmed, for the protocol checks (pure numpy).

Everything is measured relative to the patient's own height in pixels, so the
same thresholds hold for any resolution, distance or phone:

* **Stature in pixels** ``H_px``: the vertical image distance from the shoulders'
  midpoint to the ankles' midpoint divided by :data:`SHOULDER_TO_ANKLE_OF_STATURE`
  (shoulders and ankles are seen from the front, the back and the side alike).
* **Distance in statures** ``Z/H = f / H_px`` for a pinhole camera of focal length
  ``f`` pixels; ``f`` is not known for a phone video, so it is taken from a typical
  phone's field of view (:data:`ASSUMED_FOV_LONG_SIDE_DEG`).
* **Motion on the floor**: the slope over time of ``ln H_px`` gives the motion in
  depth (``d(Z/H)/dt = -(Z/H) d ln H_px/dt``); the slope of the ankles' image x over
  ``H_px`` the motion across the view. Their direction is the walking direction
  (0° straight toward the camera, 90° across, 180° away).
* **Stepping**: how much the two ankles move relative to each other; a person who
  stands or sits keeps them still, a walker alternates them.

Least-squares slopes over every usable frame keep single-frame detector errors from
deciding the direction.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..skeleton import SkeletonSequence

#: Shoulder (0.818 H) to ankle (0.039 H) height as a share of stature, from adult
#: segment proportions (Drillis & Contini, as tabulated by Winter, *Biomechanics and
#: Motor Control of Human Movement*): 0.78.
SHOULDER_TO_ANKLE_OF_STATURE = 0.78
#: Field of view of a phone's main camera along the image's long side (the synthetic
#: camera's range is 62-70°, see ``gaitscreen/synth/camera.py``); a focal length off by
#: ±25 % moves a 45° walking direction by about ±7°.
ASSUMED_FOV_LONG_SIDE_DEG = 66.0
#: A joint counts when the detector's confidence reaches this (as in the kinematics).
MIN_CONFIDENCE = 0.3

# COCO-17 indices.
NOSE, L_EYE, R_EYE, L_EAR, R_EAR = 0, 1, 2, 3, 4
L_SHOULDER, R_SHOULDER, L_HIP, R_HIP, L_KNEE, R_KNEE, L_ANKLE, R_ANKLE = 5, 6, 11, 12, 13, 14, 15, 16
FACE = (NOSE, L_EYE, R_EYE)
HEAD = (NOSE, L_EYE, R_EYE, L_EAR, R_EAR)


@dataclass(frozen=True, eq=False)
class WalkMeasures:
    """How the patient moved in front of the camera (lengths in statures, ``None`` when
    too few frames were usable)."""

    usable_frames: int
    walk_s: float  # first to last frame with the patient
    stature_px: float | None  # median
    distance_statures: float | None  # median Z/H
    depth_rate: float | None  # statures/s, negative = approaching
    lateral_rate: float | None  # statures/s, sign = image right
    feet_down_rate: float | None  # statures/s of the ankles' image y (positive = down the image)
    size_growth_per_s: float | None  # slope of ln H_px
    stepping: float | None  # statures: spread (5th-95th percentile) of the ankle-to-ankle vector
    thigh_to_shank: float | None  # median vertical thigh / shank (≈1 standing, ≈0 seated facing the camera)
    face_confidence: float | None  # median over frames of the nose's and eyes' mean confidence
    facing_share: float | None  # share of frames with the left shoulder/hip on the image right (front view)
    in_frame_share: float  # share of the walk's frames with head and both ankles inside and confident
    ankle_gap: float | None  # median |x_left - x_right| of the ankles, statures
    across: np.ndarray | None = None  # per usable frame: ankles' distance across the walking direction, statures

    def across_gap(self, percentile: float) -> float | None:
        """A low percentile of :attr:`across`: how close the feet come to one line."""
        return None if self.across is None or self.across.size < 3 else float(np.percentile(self.across, percentile))

    @property
    def speed(self) -> float | None:
        if self.depth_rate is None or self.lateral_rate is None:
            return None
        return math.hypot(self.depth_rate, self.lateral_rate)

    @property
    def direction_deg(self) -> float | None:
        """Walking direction on the floor: 0 toward the camera, 90 across, 180 away."""
        if self.depth_rate is None or self.lateral_rate is None:
            return None
        return math.degrees(math.atan2(abs(self.lateral_rate), -self.depth_rate))


def _ok(conf: np.ndarray, joints: Sequence[int]) -> np.ndarray:
    return np.all(conf[:, list(joints)] >= MIN_CONFIDENCE, axis=1)


def _slope(t: np.ndarray, y: np.ndarray) -> float:
    t = t - t.mean()
    return float(np.dot(t, y - y.mean()) / np.dot(t, t))


def assumed_focal_px(image_size: tuple[int, int]) -> float:
    """Focal length (px) of a typical phone camera for an image of ``image_size``."""
    return 0.5 * max(image_size) / math.tan(math.radians(0.5 * ASSUMED_FOV_LONG_SIDE_DEG))


def walk_measures(skeleton: SkeletonSequence, image_size: tuple[int, int] | None = None) -> WalkMeasures:
    """Measure the patient's walk from the skeleton (COCO-17 pixels)."""
    if skeleton.layout != "coco17":
        skeleton = skeleton.to_layout("coco17")
    size = tuple(image_size or skeleton.image_size or (0, 0))
    j = np.asarray(skeleton.joints, np.float64)
    c = np.where(np.isfinite(j).all(-1), np.asarray(skeleton.confidence, np.float64), 0.0)
    c[~np.asarray(skeleton.present, bool)] = 0.0
    t = np.asarray(skeleton.timestamps, np.float64)
    present = np.flatnonzero(skeleton.present)
    # Each frame stands for one frame interval, so the span matches the recording's duration.
    frame_s = 1.0 / skeleton.fps if skeleton.fps > 0 else 0.0
    walk_s = float(t[present[-1]] - t[present[0]]) + frame_s if present.size else 0.0

    body = _ok(c, (L_SHOULDER, R_SHOULDER, L_ANKLE, R_ANKLE))
    shoulders = j[:, [L_SHOULDER, R_SHOULDER]].mean(1)
    ankles = j[:, [L_ANKLE, R_ANKLE]].mean(1)
    stature = (ankles[:, 1] - shoulders[:, 1]) / SHOULDER_TO_ANKLE_OF_STATURE
    body &= np.nan_to_num(stature) > 1.0
    in_frame = _in_frame(j, c, size) if present.size else np.zeros(0, bool)
    in_share = float(in_frame[present[0]:present[-1] + 1].mean()) if present.size else 0.0
    none = dict(stature_px=None, distance_statures=None, depth_rate=None, lateral_rate=None, feet_down_rate=None,
                size_growth_per_s=None, stepping=None, thigh_to_shank=None, ankle_gap=None)
    face = _face(c, j, body)
    idx = np.flatnonzero(body)
    if idx.size < 3 or t[idx[-1]] - t[idx[0]] <= 0 or not size[0]:
        return WalkMeasures(int(idx.size), walk_s, in_frame_share=in_share, **face, **none)

    h = stature[idx]
    tt = t[idx]
    h_med = float(np.median(h))
    zh = assumed_focal_px(size) / h_med  # type: ignore[arg-type]
    growth = _slope(tt, np.log(h))
    lateral = _slope(tt, ankles[idx, 0]) / h_med
    down = _slope(tt, ankles[idx, 1]) / h_med
    gap = (j[idx, L_ANKLE] - j[idx, R_ANKLE]) / h[:, None]
    spread = np.percentile(gap, 95, axis=0) - np.percentile(gap, 5, axis=0)
    legs = idx[_ok(c[idx], (L_HIP, R_HIP, L_KNEE, R_KNEE))]
    thigh = j[legs][:, [L_KNEE, R_KNEE], 1].mean(1) - j[legs][:, [L_HIP, R_HIP], 1].mean(1)
    shank = ankles[legs, 1] - j[legs][:, [L_KNEE, R_KNEE], 1].mean(1)
    ratio = float(np.median(thigh / np.maximum(shank, 1.0))) if legs.size else None
    # The walking direction in the image (ankles' motion); distances across it show heel-to-toe placement.
    direction = np.array([lateral, down])
    norm = float(np.linalg.norm(direction))
    normal = np.array([-direction[1], direction[0]]) / norm if norm > 0 else np.array([1.0, 0.0])
    across = np.abs(gap @ normal)
    return WalkMeasures(
        usable_frames=int(idx.size), walk_s=walk_s, stature_px=h_med, distance_statures=float(zh),
        depth_rate=float(-zh * growth), lateral_rate=float(lateral), feet_down_rate=float(down),
        size_growth_per_s=float(growth), stepping=float(spread.max()), thigh_to_shank=ratio,
        in_frame_share=in_share, ankle_gap=float(np.median(np.abs(gap[:, 0]))), across=across, **face,
    )


def _face(c: np.ndarray, j: np.ndarray, body: np.ndarray) -> dict:
    """Face confidence and the left/right order of shoulders and hips (front vs back view)."""
    seen = np.flatnonzero(c.max(axis=1) > 0)
    face = float(np.median(c[seen][:, list(FACE)].mean(1))) if seen.size else None
    pairs = [(L_SHOULDER, R_SHOULDER), (L_HIP, R_HIP)]
    votes = []
    for left, right in pairs:
        ok = np.flatnonzero(_ok(c, (left, right)))
        if ok.size:
            votes.append(j[ok, left, 0] > j[ok, right, 0])
    share = float(np.concatenate(votes).mean()) if votes else None
    return {"face_confidence": face, "facing_share": share}


def _in_frame(j: np.ndarray, c: np.ndarray, size: tuple) -> np.ndarray:
    """Per frame: some head point and both ankles confident and inside the image."""
    w, h = size if size[0] else (np.inf, np.inf)
    x, y = j[..., 0], j[..., 1]
    inside = (c >= MIN_CONFIDENCE) & (x >= 0) & (x < w) & (y >= 0) & (y < h)
    return inside[:, list(HEAD)].any(axis=1) & inside[:, L_ANKLE] & inside[:, R_ANKLE]
