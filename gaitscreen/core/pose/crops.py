"""Subject crops cut from the frame *at the scale of a full-frame pass*.

The network's keypoints depend on the scale at which it sees a person (on real
footage, a full-frame pass at 480 instead of 640 pixels moves 16 % of the
keypoints by more than 5 % of body height). So a crop is not zoomed in: the frame
is scaled exactly as a full-frame pass at ``long_side`` would scale it, and the
crop is a window of that letterboxed canvas, aligned to the network stride, around
the person plus a margin. The network then computes nearly what it would on the
whole frame, on a fraction of the pixels. A crop maps back to the frame through the
same scale-and-offset :class:`~gaitscreen.core.video.Letterbox` as a full-frame pass
(its pad is negative where the crop starts inside the canvas).
"""

from __future__ import annotations

import cv2
import numpy as np

from ..boxes import box_iou
from ..video import Letterbox
from .types import FramePoses
from .yolo import PAD_VALUE, STRIDE


class Canvas:
    """A frame letterboxed as a full-frame pass at ``long_side`` would see it."""

    def __init__(self, image: np.ndarray, long_side: int) -> None:
        h, w = image.shape[:2]
        self.scale = long_side / max(h, w)
        new_w, new_h = max(1, round(w * self.scale)), max(1, round(h * self.scale))
        self.height = int(np.ceil(new_h / STRIDE) * STRIDE)
        self.width = int(np.ceil(new_w / STRIDE) * STRIDE)
        self.pad_x, self.pad_y = (self.width - new_w) // 2, (self.height - new_h) // 2
        self.pixels = np.full((self.height, self.width, 3), PAD_VALUE, np.uint8)
        self.pixels[self.pad_y : self.pad_y + new_h, self.pad_x : self.pad_x + new_w] = cv2.resize(
            image, (new_w, new_h), interpolation=cv2.INTER_LINEAR
        )

    def window(self, box: np.ndarray, margin: float) -> tuple[np.ndarray, Letterbox] | None:
        """Stride-aligned window around frame ``box`` (x1, y1, x2, y2) with ``margin``
        of the box height on each side; None when the box is outside the frame."""
        x1, y1, x2, y2 = (np.asarray(box, np.float64) * self.scale + [self.pad_x, self.pad_y] * 2).tolist()
        m = margin * (y2 - y1)
        left = max(int(np.floor((x1 - m) / STRIDE)) * STRIDE, 0)
        top = max(int(np.floor((y1 - m) / STRIDE)) * STRIDE, 0)
        right = min(int(np.ceil((x2 + m) / STRIDE)) * STRIDE, self.width)
        bottom = min(int(np.ceil((y2 + m) / STRIDE)) * STRIDE, self.height)
        if right - left < STRIDE or bottom - top < STRIDE:
            return None
        crop = self.pixels[top:bottom, left:right].copy()
        return crop, Letterbox(self.scale, self.pad_x - left, self.pad_y - top)

    def downscaled(self, long_side: int) -> tuple[np.ndarray, Letterbox]:
        """The whole canvas shrunk to ``long_side`` (for cheap people detection)."""
        factor = long_side / max(self.height, self.width)
        if factor >= 1:
            return self.pixels, Letterbox(self.scale, self.pad_x, self.pad_y)
        size = (max(1, round(self.width * factor)), max(1, round(self.height * factor)))
        small = cv2.resize(self.pixels, size, interpolation=cv2.INTER_AREA)
        return small, Letterbox(self.scale * factor, self.pad_x * factor, self.pad_y * factor)


def pick_person(poses: FramePoses, transform: Letterbox, expected_box: np.ndarray,
                min_iou: float = 0.3) -> int | None:
    """Index of the detection in a crop that is the tracked person: the best
    overlap with the expected box, weighted by detection score."""
    if len(poses) == 0:
        return None
    corners = transform.boxes_to_original(poses.boxes)
    iou = box_iou(np.asarray(expected_box, np.float32)[None, :], corners)[0]
    best = int(np.argmax(iou * poses.scores))
    return best if iou[best] >= min_iou else None


def map_poses(poses: FramePoses, transform: Letterbox) -> FramePoses:
    """``poses`` found in a crop, in frame pixels."""
    return FramePoses(
        boxes=transform.boxes_to_original(poses.boxes).astype(np.float32),
        scores=poses.scores,
        keypoints=transform.to_original(poses.keypoints).astype(np.float32),
        keypoint_conf=poses.keypoint_conf,
    )
