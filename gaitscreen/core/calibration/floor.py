"""Floor calibration: the homography from image pixels to metres on the floor plane.

Made from four image points of a floor rectangle of known size, or from two lines
across the walkway at a known distance plus the walkway width (their ends are the
rectangle's corners). File format (what the CLI takes)::

    {"name": "room 2 tripod",
     "image_points_px": [[u, v], [u, v], [u, v], [u, v]],
     "world_points_m":  [[x, y], [x, y], [x, y], [x, y]],
     "frame_size": [width, height],                 # optional, enables the in-image check
     "camera_matrix": [[fx,0,cx],[0,fy,cy],[0,0,1]],  # optional lens distortion
     "dist_coeffs": [k1, k2, p1, p2, k3],             #   (OpenCV order)
     "start_line_m": 0.0, "end_line_m": 4.0,          # optional course lines on floor y
     "walking_direction": "toward"}                   # optional: toward, away or across the camera

or, instead of the two point lists, ``"lines_px": [[[u,v],[u,v]], [[u,v],[u,v]]]``
(each line's left then right end, the start line first), ``"line_distance_m"`` and
``"walkway_width_m"``. Floor ``y`` runs along the walkway from the first line.

The sha256 is that of the canonical JSON of the geometry (everything but the name),
so two calibrations with the same points have the same hash whatever they are called.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import CalibrationError
from .homography import apply_homography, check_points, check_quad, dlt_homography, jacobian
from ..i18n import _

#: How the patient walks relative to the camera, as a setup may state it.
WALKING_DIRECTIONS = ("toward", "away", "across")

#: Keypoint error assumed for the expected-error figure (px at full resolution).
DEFAULT_KEYPOINT_ERROR_PX = 5.0


def _array(d: dict[str, Any], key: str, shape: tuple[int, ...] | None = None) -> np.ndarray:
    try:
        a = np.asarray(d[key], dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise CalibrationError(_("The floor calibration's {key!r} is not a list of numbers; fix the file.")
            .format(key=key)) from exc
    if shape is not None and a.shape != shape:
        raise CalibrationError(_("The floor calibration's {key!r} must have shape {shape}, got {got}.")
            .format(key=key, shape=list(shape), got=list(a.shape)))
    return a


def lines_to_points(lines_px: Any, line_distance_m: float, walkway_width_m: float) -> tuple[np.ndarray, np.ndarray]:
    """Two lines across the walkway (left end, right end) → the four corners, image and floor."""
    try:
        lines = np.asarray(lines_px, dtype=np.float64)
        d, w = float(line_distance_m), float(walkway_width_m)
    except (TypeError, ValueError) as exc:
        raise CalibrationError(_("The two-line calibration needs 'lines_px' as two pairs of [u, v] points and numeric 'line_distance_m' and 'walkway_width_m'.")) from exc
    if lines.shape != (2, 2, 2):
        raise CalibrationError(_("The two-line calibration needs exactly two lines of two [u, v] points each (each line's left end, then its right end)."))
    if not (math.isfinite(d) and math.isfinite(w) and d > 0 and w > 0):
        raise CalibrationError(_('The distance between the lines and the walkway width must be positive metres.'))
    image = np.array([lines[0, 0], lines[0, 1], lines[1, 1], lines[1, 0]])
    world = np.array([[0.0, 0.0], [w, 0.0], [w, d], [0.0, d]])
    return image, world


@dataclass(frozen=True)
class FloorCalibration:
    """A checked image → floor homography with its provenance."""

    name: str
    image_points_px: np.ndarray  # (4, 2) as clicked (distorted, when distortion is given)
    world_points_m: np.ndarray  # (4, 2)
    homography: np.ndarray  # undistorted pixels → floor metres
    sha256: str
    frame_size: tuple[int, int] | None = None
    camera_matrix: np.ndarray | None = None
    dist_coeffs: np.ndarray | None = None
    start_line_m: float | None = None
    end_line_m: float | None = None
    walking_direction: str | None = None  # toward / away / across the camera, when the setup says
    canonical: dict[str, Any] = field(default_factory=dict, repr=False)

    # -- construction -------------------------------------------------------------
    @classmethod
    def from_dict(cls, d: Any, *, name: str | None = None) -> FloorCalibration:
        """Check a calibration definition (the file format above) and build it."""
        if not isinstance(d, dict):
            raise CalibrationError(_("A floor calibration must be a JSON object with 'image_points_px' and 'world_points_m'."))
        if "lines_px" in d:
            image, world = lines_to_points(d["lines_px"], d.get("line_distance_m"), d.get("walkway_width_m"))
            start = 0.0 if d.get("start_line_m") is None else d["start_line_m"]
            end = float(d["line_distance_m"]) if d.get("end_line_m") is None else d["end_line_m"]
        else:
            for key in ("image_points_px", "world_points_m"):
                if key not in d:
                    raise CalibrationError(_('The floor calibration has no {key!r}; give four [x, y] points in it.')
                        .format(key=key))
            image, world = _array(d, "image_points_px"), _array(d, "world_points_m")
            start, end = d.get("start_line_m"), d.get("end_line_m")
        image = image.reshape(-1, 2) if image.size % 2 == 0 and image.ndim >= 1 else image
        world = world.reshape(-1, 2) if world.size % 2 == 0 and world.ndim >= 1 else world
        check_points(image, "image points", "px")
        check_points(world, "floor points", "m")

        frame = None
        if d.get("frame_size") is not None:
            fs = _array(d, "frame_size", (2,))
            if not (np.isfinite(fs).all() and (fs > 0).all()):
                raise CalibrationError(_("The calibration's frame_size must be two positive numbers [width, height]."))
            frame = (int(fs[0]), int(fs[1]))
            if ((image < 0) | (image > np.array(frame))).any():
                raise CalibrationError(
                    _("A calibration point lies outside the {width}x{height} image; mark the four points on the frame itself (or give the frame's true size).")
                        .format(width=frame[0], height=frame[1]))
        k = dist = None
        undist = image
        if d.get("camera_matrix") is not None or d.get("dist_coeffs") is not None:
            k = _array(d, "camera_matrix", (3, 3))
            dist = _array(d, "dist_coeffs").ravel()
            if dist.size not in (4, 5, 8, 12, 14) or not (np.isfinite(k).all() and np.isfinite(dist).all()):
                raise CalibrationError(_('The lens distortion needs a finite 3x3 camera_matrix and 4, 5, 8, 12 or 14 OpenCV dist_coeffs.'))
            undist = undistort(image, k, dist)
        check_quad(undist, world)
        h = dlt_homography(undist, world)
        _uv, w = apply_homography(h, undist)
        if not (np.all(w > 0) or np.all(w < 0)):
            raise CalibrationError(
                _("The calibration's points lie on both sides of the floor's horizon, so part of the rectangle would be behind the camera; check the point order and the sizes."))
        h = h * np.sign(w[0])  # floor in front of the camera: w > 0
        if frame is not None:
            # The bottom of the frame shows the floor nearest the camera; beyond the
            # horizon it would be behind the camera (an upside-down or foreign calibration).
            _uv, wb = apply_homography(h, np.array([[0.5 * frame[0], float(frame[1])]]))
            if not wb[0] > 0:
                raise CalibrationError(
                    _("The calibration puts the bottom of the image beyond the floor's horizon, so the patient's feet would map behind the camera; check that the points were marked on this camera's frame."))
        lines = [None if v is None else _finite(v, key) for v, key in ((start, "start_line_m"), (end, "end_line_m"))]
        canon: dict[str, Any] = {
            "image_points_px": _rounded(image), "world_points_m": _rounded(world),
            "frame_size": list(frame) if frame else None,
            "camera_matrix": _rounded(k) if k is not None else None,
            "dist_coeffs": _rounded(dist) if dist is not None else None,
            "start_line_m": lines[0], "end_line_m": lines[1],
        }
        direction = d.get("walking_direction")
        if direction is not None:
            if direction not in WALKING_DIRECTIONS:
                raise CalibrationError(_('The walking direction {direction!r} is not one of {directions}; say how the patient walks past the camera.')
                    .format(direction=direction, directions=', '.join(WALKING_DIRECTIONS)))
            canon["walking_direction"] = direction  # only when stated: older calibrations keep their sha256
        digest = hashlib.sha256(json.dumps(canon, sort_keys=True, separators=(",", ":")).encode()).hexdigest()
        label = name or str(d.get("name") or f"floor-{digest[:8]}")
        return cls(name=label, image_points_px=image, world_points_m=world, homography=h, sha256=digest,
                   frame_size=frame, camera_matrix=k, dist_coeffs=dist, start_line_m=lines[0],
                   end_line_m=lines[1], walking_direction=direction, canonical=canon)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> FloorCalibration:
        """Read and check a calibration file (CalibrationError for unreadable or invalid ones)."""
        try:
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
        except OSError as exc:
            raise CalibrationError(_('Cannot read the floor calibration {path!r}: {strerror}.')
                .format(path=os.fspath(path), strerror=exc.strerror)) from exc
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CalibrationError(_("The floor calibration {path!r} is not a JSON file; give a file with 'image_points_px' and 'world_points_m'.")
                .format(path=os.fspath(path))) from exc
        return cls.from_dict(data, name=None if isinstance(data, dict) and data.get("name") else
                             os.path.splitext(os.path.basename(os.fspath(path)))[0])

    # -- use -------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The definition back as JSON (round-trips through :meth:`from_dict`)."""
        return {"name": self.name, **self.canonical}

    @property
    def course_m(self) -> float | None:
        """The course between the start and end lines (None when they are not calibrated)."""
        if self.start_line_m is None or self.end_line_m is None:
            return None
        return round(abs(self.end_line_m - self.start_line_m), 3)

    def provenance(self) -> dict[str, str]:
        """What every value measured with this calibration records."""
        return {"name": self.name, "sha256": self.sha256}

    def undistorted(self, pts: np.ndarray) -> np.ndarray:
        if self.camera_matrix is None:
            return np.asarray(pts, float)
        return undistort(pts, self.camera_matrix, self.dist_coeffs)

    def to_floor(self, pts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Image points ``(..., 2)`` → floor metres ``(..., 2)`` and a mask of points in
        front of the camera (False: at or beyond the horizon, mapped to NaN)."""
        pts = np.asarray(pts, float)
        flat = self.undistorted(pts.reshape(-1, 2))
        xy, w = apply_homography(self.homography, flat)
        front = w > 1e-12 * np.abs(self.homography).max()
        xy[~front] = np.nan
        return xy.reshape(pts.shape), front.reshape(pts.shape[:-1]) | ~np.isfinite(pts).all(-1)

    def to_image(self, xy: np.ndarray) -> np.ndarray:
        """Floor metres → undistorted image pixels (for drawing the grid)."""
        uv, _w = apply_homography(np.linalg.inv(self.homography), np.asarray(xy, float))
        return uv

    def metres_per_px(self, image_pt: np.ndarray) -> float:
        """Largest floor displacement (m) per pixel of image displacement at ``image_pt``."""
        j = jacobian(self.homography, self.undistorted(np.asarray(image_pt, float)[None])[0])
        return float(np.linalg.svd(j, compute_uv=False)[0])

    def expected_error(self, keypoint_error_px: float = DEFAULT_KEYPOINT_ERROR_PX,
                       far_point_px: np.ndarray | None = None) -> dict[str, Any]:
        """Position error on the floor at the walkway's far end: metres per pixel there
        times the stated keypoint error. The far end is ``far_point_px`` or, by default,
        the calibration corner with the coarsest pixels (the one farthest away)."""
        pts = self.image_points_px if far_point_px is None else np.asarray(far_point_px, float)[None]
        scales = [self.metres_per_px(p) for p in pts]
        i = int(np.argmax(scales))
        return {"keypoint_error_px": float(keypoint_error_px),
                "far_point_px": [round(float(v), 2) for v in pts[i]],
                "m_per_px_far": round(scales[i], 6),
                "position_error_m": round(scales[i] * float(keypoint_error_px), 4)}


def _finite(v: Any, key: str) -> float:
    try:
        f = float(v)
    except (TypeError, ValueError) as exc:
        raise CalibrationError(_("The calibration's {key} must be a number of metres.").format(key=key)) from exc
    if not math.isfinite(f):
        raise CalibrationError(_("The calibration's {key} must be a finite number of metres.").format(key=key))
    return f


def _rounded(a: np.ndarray) -> list:
    return np.round(np.asarray(a, float), 6).tolist()


def undistort(pts: np.ndarray, k: np.ndarray, dist: np.ndarray) -> np.ndarray:
    """Lens-distorted pixels → ideal pinhole pixels of the same camera matrix."""
    import cv2

    src = np.ascontiguousarray(np.asarray(pts, np.float64).reshape(-1, 1, 2))
    ok = np.isfinite(src).all(-1).ravel()
    out = np.full(src.shape, np.nan)
    if ok.any():
        out[ok] = cv2.undistortPoints(src[ok], k, dist, P=k)
    return out.reshape(np.asarray(pts).shape)
