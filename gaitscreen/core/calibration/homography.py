"""Plane-to-plane homography by the normalised DLT, and the geometric checks on it.

Four point pairs fix a homography exactly; Hartley's normalisation (centroid to the
origin, mean distance sqrt 2) keeps the 8x9 system well conditioned when pixel
coordinates are in the thousands and floor coordinates in metres. The checks reject
inputs that give a homography but not a floor: collinear or coincident points, a
quadrilateral of (near) zero area, a crossed (bow-tie) order, and points on both
sides of the image's vanishing line (the horizon of the floor).
"""

from __future__ import annotations

from itertools import combinations

import numpy as np

from ..errors import CalibrationError
from ..i18n import _

#: A triangle of three points is called degenerate below this share of its longest side squared.
COLLINEAR_SHARE = 0.01
#: Smallest floor rectangle accepted (m²) and smallest image quadrilateral (px²).
MIN_WORLD_AREA_M2 = 0.05
MIN_IMAGE_AREA_PX2 = 400.0


def _normaliser(pts: np.ndarray) -> np.ndarray:
    """Similarity moving ``pts`` to zero mean and mean distance sqrt(2)."""
    c = pts.mean(axis=0)
    d = np.linalg.norm(pts - c, axis=1).mean()
    s = np.sqrt(2.0) / d if d > 0 else 1.0
    return np.array([[s, 0.0, -s * c[0]], [0.0, s, -s * c[1]], [0.0, 0.0, 1.0]])


def dlt_homography(src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """3x3 ``H`` with ``dst ~ H @ [src, 1]`` from at least four pairs (normalised DLT)."""
    src, dst = np.asarray(src, float), np.asarray(dst, float)
    ts, td = _normaliser(src), _normaliser(dst)
    s = (np.c_[src, np.ones(len(src))] @ ts.T)[:, :2]
    d = (np.c_[dst, np.ones(len(dst))] @ td.T)[:, :2]
    rows = []
    for (x, y), (u, v) in zip(s, d):
        rows.append([-x, -y, -1.0, 0.0, 0.0, 0.0, u * x, u * y, u])
        rows.append([0.0, 0.0, 0.0, -x, -y, -1.0, v * x, v * y, v])
    _u, _s, vt = np.linalg.svd(np.asarray(rows))
    hn = vt[-1].reshape(3, 3)
    h = np.linalg.inv(td) @ hn @ ts
    return h / np.linalg.norm(h)


def apply_homography(h: np.ndarray, pts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Map ``(..., 2)`` points; also return the homogeneous ``w`` (its sign says the side
    of the vanishing line)."""
    pts = np.asarray(pts, float)
    hom = pts @ h[:, :2].T + h[:, 2]
    w = hom[..., 2]
    with np.errstate(divide="ignore", invalid="ignore"):
        out = hom[..., :2] / w[..., None]
    return out, w


def jacobian(h: np.ndarray, pt: np.ndarray) -> np.ndarray:
    """2x2 derivative of the mapped point with respect to the source point at ``pt``."""
    x = np.array([pt[0], pt[1], 1.0])
    hom = h @ x
    w = hom[2]
    return (h[:2, :2] * w - np.outer(hom[:2], h[2, :2])) / (w * w)


def polygon_area(pts: np.ndarray) -> float:
    """Signed shoelace area of a polygon given in order."""
    x, y = pts[:, 0], pts[:, 1]
    return 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(np.roll(x, -1), y))


def _is_convex(pts: np.ndarray) -> bool:
    """True when the polygon in the given order turns the same way at every corner."""
    e = np.roll(pts, -1, axis=0) - pts
    cross = e[:, 0] * np.roll(e, -1, axis=0)[:, 1] - e[:, 1] * np.roll(e, -1, axis=0)[:, 0]
    return bool(np.all(cross > 0) or np.all(cross < 0))


def check_points(pts: np.ndarray, what: str, unit: str) -> None:
    """Four finite points, no three on one line (CalibrationError otherwise)."""
    if pts.shape != (4, 2):
        raise CalibrationError(
            _('The floor calibration needs exactly four {what} as [x, y] pairs, got {count}; give the four corners of the floor rectangle in the same order in both lists.')
                .format(what=what, count=pts.shape[0] if pts.ndim else 0))
    if not np.isfinite(pts).all():
        raise CalibrationError(_("The floor calibration's {what} contain NaN or infinite values; enter four real coordinates.")
            .format(what=what))
    for tri in combinations(range(4), 3):
        p = pts[list(tri)]
        area = abs(polygon_area(p))
        side = max(np.sum((p[i] - p[j]) ** 2) for i, j in ((0, 1), (1, 2), (0, 2)))
        if side == 0 or area < COLLINEAR_SHARE * side:
            raise CalibrationError(
                _("Three of the floor calibration's {what} lie on one line (or coincide); mark four corners of a rectangle, no three in a row ({unit}).")
                    .format(what=what, unit=unit))


def check_quad(image: np.ndarray, world: np.ndarray) -> None:
    """The same (uncrossed) corner order in image and floor, and areas large enough."""
    if not _is_convex(world):
        raise CalibrationError(
            _('The floor points are not in order around the rectangle (their outline crosses itself); list the corners in order, going round the rectangle.'))
    if not _is_convex(image):
        raise CalibrationError(
            _('The image points are not in the same order as the floor points (their outline crosses itself); click the corners going round the rectangle in the order of the floor points.'))
    if abs(polygon_area(world)) < MIN_WORLD_AREA_M2:
        raise CalibrationError(
            _('The floor rectangle has (nearly) zero area ({area:.3f} m²); measure a rectangle of at least {minimum} m² on the floor.')
                .format(area=abs(polygon_area(world)), minimum=MIN_WORLD_AREA_M2))
    if abs(polygon_area(image)) < MIN_IMAGE_AREA_PX2:
        raise CalibrationError(
            _('The floor rectangle covers (nearly) no area in the image; mark corners that are further apart.'))
