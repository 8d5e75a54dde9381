"""Fitting an image into a fixed input size without cropping, and mapping points back."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np


@dataclass(frozen=True)
class Letterbox:
    """A scale-and-offset map between an original image and a scaled, padded or cropped one:
    ``letterboxed = original * scale + pad``.

    The one transform type of the project: the full-frame letterbox (:func:`letterbox`)
    and the pose stage's subject crops (``core.pose.crops``: a crop's pad is negative
    where the crop starts inside the canvas). Points keep a float32 input in float32
    (the pose stage's arrays) and are float64 otherwise.
    """

    scale: float
    pad_x: float
    pad_y: float

    def to_original(self, xy: np.ndarray) -> np.ndarray:
        """Map points (..., 2) in (x, y) pixels from the letterboxed image to the original."""
        pts = _points(xy)
        return (pts - np.array([self.pad_x, self.pad_y], pts.dtype)) / self.scale

    def to_letterboxed(self, xy: np.ndarray) -> np.ndarray:
        """Map points (..., 2) in (x, y) pixels from the original to the letterboxed image."""
        pts = _points(xy)
        return pts * self.scale + np.array([self.pad_x, self.pad_y], pts.dtype)

    def boxes_to_original(self, boxes: np.ndarray) -> np.ndarray:
        """Map boxes (N, 4) as (x1, y1, x2, y2) to the original image."""
        return self.to_original(np.asarray(boxes).reshape(-1, 2, 2)).reshape(-1, 4)


def _points(xy: np.ndarray) -> np.ndarray:
    pts = np.asarray(xy)
    return pts if pts.dtype == np.float32 else pts.astype(np.float64)

def letterbox(
    image: np.ndarray,
    size: tuple[int, int],
    color: tuple[int, int, int] = (0, 0, 0),
) -> tuple[np.ndarray, Letterbox]:
    """Scale ``image`` to fit ``size`` = (width, height), keeping its aspect, and pad the rest.

    Nothing is cropped; the image is centred (padding split as evenly as integers allow).
    Shrinking uses INTER_AREA, enlarging INTER_LINEAR. Points map through the returned
    :class:`Letterbox` to within half a pixel (the scaled size is rounded to integers).
    """
    out_w, out_h = int(size[0]), int(size[1])
    if out_w < 1 or out_h < 1:
        raise ValueError(f"size must be positive (width, height), got {size!r}")
    h, w = image.shape[:2]
    if h < 1 or w < 1:
        raise ValueError("cannot letterbox an empty image")
    scale = min(out_w / w, out_h / h)
    new_w = min(out_w, max(1, round(w * scale)))
    new_h = min(out_h, max(1, round(h * scale)))
    if (new_w, new_h) != (w, h):
        interp = cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR
        image = cv2.resize(image, (new_w, new_h), interpolation=interp)
    left = (out_w - new_w) // 2
    top = (out_h - new_h) // 2
    value = tuple(float(c) for c in color) if image.ndim == 3 else float(color[0])
    boxed = cv2.copyMakeBorder(
        image, top, out_h - new_h - top, left, out_w - new_w - left,
        cv2.BORDER_CONSTANT, value=value,
    )
    return boxed, Letterbox(scale=float(scale), pad_x=float(left), pad_y=float(top))
