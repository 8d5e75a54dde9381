"""Where the camera stands above the floor, recovered from the floor homography.

An ankle keypoint is a few centimetres above the floor, so mapping it with the floor
homography lands it beyond the foot, along the ray from the camera: by
``H / (H - h_ankle)`` of its ground distance from the camera's foot point (about 6 %
for a camera at 1.2 m, which would bias the speed by as much). Correcting it needs the
camera's height ``H`` and floor position. With the floor → image homography
``G ~ K [r1 r2 t]`` and ``K`` known (the calibration's camera matrix) or taken as
square pixels with the principal point at the frame centre (phones), the focal length
follows from ``r1 . r2 = 0`` and ``|r1| = |r2|`` (Zhang's single-plane constraints,
least squares for ``1/f²``; both equations have the same units, so a
near-degenerate one — e.g. zero yaw and roll make the first vanish — simply carries no weight), then ``R`` and ``t``, and the camera centre ``-R^T t``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class CameraPose:
    """The camera's floor position (m, floor frame), height above it (m), focal length (px)."""

    floor_xy: np.ndarray
    height_m: float
    focal_px: float


def camera_pose(floor_to_image: np.ndarray, principal_px: tuple[float, float],
                focal_px: float | None = None) -> CameraPose | None:
    """Camera pose from a floor → image homography; None when it is degenerate."""
    cx, cy = principal_px
    g = np.linalg.inv(np.array([[1.0, 0.0, cx], [0.0, 1.0, cy], [0.0, 0.0, 1.0]])) @ floor_to_image
    if focal_px is None:
        a1, a2 = g[:, 0], g[:, 1]
        rows = np.array([
            [a1[0] * a2[0] + a1[1] * a2[1], a1[2] * a2[2]],
            [a1[0] ** 2 + a1[1] ** 2 - a2[0] ** 2 - a2[1] ** 2, a1[2] ** 2 - a2[2] ** 2],
        ])
        # rows @ [s, 1] = 0 for s = 1 / f²: least squares in s.
        s = -float(rows[:, 0] @ rows[:, 1]) / float(rows[:, 0] @ rows[:, 0])
        if not (s > 0 and np.isfinite(s)):
            return None
        focal_px = 1.0 / np.sqrt(s)
    b = np.diag([1.0 / focal_px, 1.0 / focal_px, 1.0]) @ g
    lam = 2.0 / (np.linalg.norm(b[:, 0]) + np.linalg.norm(b[:, 1]))
    r1, r2, t = b[:, 0] * lam, b[:, 1] * lam, b[:, 2] * lam
    if t[2] < 0:  # the floor origin lies in front of the camera
        r1, r2, t = -r1, -r2, -t
    r = np.stack([r1, r2, np.cross(r1, r2)], axis=1)
    u, _, vt = np.linalg.svd(r)
    r = u @ vt
    centre = -r.T @ t
    if not np.isfinite(centre).all():
        return None
    return CameraPose(floor_xy=centre[:2].copy(), height_m=float(abs(centre[2])), focal_px=float(focal_px))


def lower_to_floor(xy: np.ndarray, pose: CameraPose, point_height_m: float) -> np.ndarray:
    """Floor positions of points ``point_height_m`` above the floor whose rays the
    homography ended on the floor (``xy``, m): pulled toward the camera's foot point."""
    k = (pose.height_m - point_height_m) / pose.height_m
    return pose.floor_xy + (np.asarray(xy, float) - pose.floor_xy) * k
