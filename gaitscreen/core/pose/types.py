"""Plain data produced by pose backends."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

NUM_KEYPOINTS = 17  # COCO-17, the layout every pose backend returns


@dataclass
class FramePoses:
    """Every person a pose backend found in one image.

    Coordinates are pixels of the image that was given to the backend (x right,
    y down). ``boxes`` are ``(N, 4)`` x1, y1, x2, y2; ``scores`` ``(N,)`` person
    confidence; ``keypoints`` ``(N, 17, 2)``; ``keypoint_conf`` ``(N, 17)``.
    """

    boxes: np.ndarray
    scores: np.ndarray
    keypoints: np.ndarray
    keypoint_conf: np.ndarray

    @classmethod
    def empty(cls) -> "FramePoses":
        return cls(
            boxes=np.zeros((0, 4), np.float32),
            scores=np.zeros((0,), np.float32),
            keypoints=np.zeros((0, NUM_KEYPOINTS, 2), np.float32),
            keypoint_conf=np.zeros((0, NUM_KEYPOINTS), np.float32),
        )

    def __len__(self) -> int:
        return int(self.scores.shape[0])

    def select(self, index: np.ndarray | list[int]) -> "FramePoses":
        idx = np.asarray(index, dtype=np.int64)
        return FramePoses(self.boxes[idx], self.scores[idx], self.keypoints[idx], self.keypoint_conf[idx])
