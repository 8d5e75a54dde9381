"""The phone camera (pinhole) and where the walk lies in front of it.

World frame (metres): origin on the floor below the camera, ``X`` to the
camera's right, ``Y`` up, ``Z`` along the camera's horizontal viewing direction
(depth). The subject walks along a straight line on the floor towards the
camera (towards -Z), so the subject's left is the camera's right (+X).
Image coordinates are pixels, x right and y down, as the pose stage outputs.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

import numpy as np

from .subjects import SynthSubject

DEG = np.pi / 180.0
#: Horizontal field of view of the long image side (deg): a phone's main camera
#: (about 26 mm full-frame equivalent, ~69°) narrowed a little by video
#: stabilisation cropping.
FOV_LONG_SIDE_DEG = (62.0, 70.0)
CAMERA_HEIGHT_M = (1.0, 1.5)
LANDSCAPE = (1920, 1080)
PORTRAIT = (1080, 1920)
#: Share of the vertical field of view the whole body may use at the closest point.
FIT_SHARE = 0.85


@dataclass(frozen=True)
class CameraModel:
    """Pinhole camera: intrinsics in pixels, pose in the world frame.

    ``pitch_deg`` tilts the view down, ``yaw_deg`` turns it towards +X, and
    ``roll_deg`` rotates the image about the viewing axis.
    """

    image_size: tuple[int, int]  # (width, height)
    focal_px: float
    principal_px: tuple[float, float]
    height_m: float
    pitch_deg: float = 0.0
    yaw_deg: float = 0.0
    roll_deg: float = 0.0
    x_m: float = 0.0

    @property
    def portrait(self) -> bool:
        return self.image_size[1] > self.image_size[0]

    @property
    def hfov_deg(self) -> float:
        """Horizontal field of view of the image (deg)."""
        return float(2.0 * np.arctan(0.5 * self.image_size[0] / self.focal_px) / DEG)

    @property
    def vfov_deg(self) -> float:
        """Vertical field of view of the image (deg)."""
        return float(2.0 * np.arctan(0.5 * self.image_size[1] / self.focal_px) / DEG)

    def axes(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Unit vectors of the camera's right, down and forward axes in the world."""
        p, y, r = self.pitch_deg * DEG, self.yaw_deg * DEG, self.roll_deg * DEG
        fwd = np.array([np.cos(p) * np.sin(y), -np.sin(p), np.cos(p) * np.cos(y)])
        right0 = np.array([np.cos(y), 0.0, -np.sin(y)])
        down0 = np.array([-np.sin(p) * np.sin(y), -np.cos(p), -np.sin(p) * np.cos(y)])
        right = np.cos(r) * right0 + np.sin(r) * down0
        down = -np.sin(r) * right0 + np.cos(r) * down0
        return right, down, fwd

    def project(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """World points ``(..., 3)`` to pixels ``(..., 2)`` and depth ``(...)`` (m)."""
        right, down, fwd = self.axes()
        rel = np.asarray(points, dtype=np.float64) - np.array([self.x_m, self.height_m, 0.0])
        z = rel @ fwd
        zs = np.where(z > 1e-3, z, 1e-3)
        u = self.focal_px * (rel @ right) / zs + self.principal_px[0]
        v = self.focal_px * (rel @ down) / zs + self.principal_px[1]
        return np.stack([u, v], -1), z

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CameraModel:
        """Inverse of :meth:`to_dict` (as stored in a clip's ``meta["camera"]``)."""
        d = dict(d)
        d["image_size"] = tuple(int(v) for v in d["image_size"])
        d["principal_px"] = tuple(float(v) for v in d["principal_px"])
        return cls(**d)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["image_size"] = list(self.image_size)
        d["principal_px"] = [round(float(v), 3) for v in self.principal_px]
        for k in ("focal_px", "height_m", "pitch_deg", "yaw_deg", "roll_deg", "x_m"):
            d[k] = round(float(d[k]), 5)
        return d


def sample_camera(rng: np.random.Generator, *, portrait: bool | None = None) -> CameraModel:
    """A tripod phone: orientation, FOV, height, small roll; aimed later by :func:`place_walk`."""
    if portrait is None:
        portrait = bool(rng.random() < 0.5)
    size = PORTRAIT if portrait else LANDSCAPE
    fov = float(rng.uniform(*FOV_LONG_SIDE_DEG))
    focal = 0.5 * max(size) / np.tan(0.5 * fov * DEG)
    principal = (0.5 * size[0] + rng.normal(0.0, 4.0), 0.5 * size[1] + rng.normal(0.0, 4.0))
    return CameraModel(
        image_size=size,
        focal_px=float(focal),
        principal_px=(float(principal[0]), float(principal[1])),
        height_m=float(rng.uniform(*CAMERA_HEIGHT_M)),
        roll_deg=float(np.clip(rng.normal(0.0, 1.0), -3.0, 3.0)),
    )


@dataclass(frozen=True)
class WalkLine:
    """The tandem line on the floor: ``origin`` (line-frame zero) and unit axes."""

    origin: np.ndarray  # (3,) world
    left: np.ndarray  # (3,) world direction of +lat
    forward: np.ndarray  # (3,) world direction of +fwd (towards the camera)

    def to_world(self, pts: np.ndarray) -> np.ndarray:
        """Line-frame ``(..., 3)`` (lat, up, fwd) to world ``(..., 3)``."""
        pts = np.asarray(pts, dtype=np.float64)
        return self.origin + pts[..., :1] * self.left + pts[..., 1:2] * np.array([0.0, 1.0, 0.0]) + pts[..., 2:3] * self.forward

    def to_line(self, pts: np.ndarray) -> np.ndarray:
        """World ``(..., 3)`` to line-frame (lat, up, fwd)."""
        rel = np.asarray(pts, dtype=np.float64) - self.origin
        return np.stack([rel @ self.left, rel[..., 1], rel @ self.forward], -1)

    def to_dict(self) -> dict[str, Any]:
        return {k: [round(float(v), 6) for v in getattr(self, k)] for k in ("origin", "left", "forward")}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> WalkLine:
        return cls(*(np.asarray(d[k], dtype=np.float64) for k in ("origin", "left", "forward")))


def min_fit_distance(camera: CameraModel, top_m: float) -> float:
    """Closest distance (m) at which floor to ``top_m`` spans ≤ FIT_SHARE of the vertical FOV."""
    d = np.linspace(1.0, 8.0, 281)
    extent = np.arctan(np.abs(top_m - camera.height_m) / d) * np.sign(top_m - camera.height_m) + np.arctan(camera.height_m / d)
    ok = extent <= FIT_SHARE * camera.vfov_deg * DEG
    return float(d[np.argmax(ok)]) if ok.any() else float(d[-1])


def place_walk(
    camera: CameraModel,
    subject: SynthSubject,
    walked_m: float,
    rng: np.random.Generator,
    *,
    aim: bool = True,
    heading_deg: float | None = None,
) -> tuple[CameraModel, WalkLine, float]:
    """Lay the line so the walk ends where the whole body still fits the image.

    Returns the camera (pitched and yawed towards the walk when ``aim``), the
    line, and the final distance (m) of the pelvis from the camera.

    ``heading_deg`` sets the walking direction on the floor for protocol tests:
    0 walks straight toward the camera, 90 across the view (to the camera's
    right), 180 away from it; the walk is then laid so that its point nearest
    the camera is where the whole body still fits. None (the protocol's walk)
    draws a heading within ±5° of straight on.
    """
    top = subject.stature_m + 0.05
    end = max(float(rng.uniform(1.9, 2.4)), min_fit_distance(camera, top))
    explicit = heading_deg is not None
    heading = (float(heading_deg) if explicit else float(np.clip(rng.normal(0.0, 2.0), -5.0, 5.0))) * DEG
    end_x = float(rng.uniform(-0.25, 0.25))
    forward = np.array([np.sin(heading), 0.0, -np.cos(heading)])
    left = np.array([np.cos(heading), 0.0, np.sin(heading)])
    if explicit:
        # Nearest point at ``end``; across the view, far enough for the walk to fit the width.
        fit = 0.5 * walked_m * abs(np.sin(heading)) / np.tan(0.45 * camera.hfov_deg * DEG)
        mid = np.array([end_x, 0.0, max(end, fit) + 0.5 * walked_m * abs(np.cos(heading))])
        origin, end_point = mid - 0.5 * walked_m * forward, mid + 0.5 * walked_m * forward
        end = float(min(origin[2], end_point[2]))
    else:
        end_point = np.array([end_x, 0.0, end])
        origin = end_point - walked_m * forward
    if aim:
        d_aim = 1.3 * end
        centre = 0.5 * (np.arctan(camera.height_m / d_aim) - np.arctan((top - camera.height_m) / d_aim))
        mid = 0.5 * (origin + end_point)
        pitch = centre / DEG + float(np.clip(rng.normal(0.0, 1.0), -2.0, 2.0))
        yaw = np.arctan2(mid[0] - camera.x_m, mid[2]) / DEG + float(np.clip(rng.normal(0.0, 1.0), -2.5, 2.5))
        camera = replace(camera, pitch_deg=float(pitch), yaw_deg=float(yaw))
    return camera, WalkLine(origin=origin, left=left, forward=forward), end
