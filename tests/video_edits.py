"""Videos made in the tests from the shared sample walk: mirrored, the walker blacked
out for a moment (an occlusion), a second copy of the walker pasted in crossing close
in front of the camera. Each edit writes a new mp4; the source is never changed."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import cv2
import numpy as np

from gaitscreen.core.skeleton.joints import LAYOUT_BONES


def read_frames(path: Path) -> tuple[list[np.ndarray], float]:
    cap = cv2.VideoCapture(str(path))
    fps = cap.get(cv2.CAP_PROP_FPS) or 30.0
    frames = []
    while True:
        ok, frame = cap.read()
        if not ok:
            break
        frames.append(frame)
    cap.release()
    return frames, fps


def write_frames(path: Path, frames: list[np.ndarray], fps: float) -> Path:
    h, w = frames[0].shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), fps, (w, h))
    for frame in frames:
        writer.write(frame)
    writer.release()
    return path


def edit(src: Path, dst: Path, change: Callable[[int, np.ndarray], np.ndarray]) -> Path:
    frames, fps = read_frames(src)
    return write_frames(dst, [change(i, f.copy()) for i, f in enumerate(frames)], fps)


def mirrored(src: Path, dst: Path) -> Path:
    return edit(src, dst, lambda i, f: np.ascontiguousarray(f[:, ::-1]))


def body_box(joints: np.ndarray, margin: float = 0.2) -> np.ndarray:
    """Box around a person's keypoints grown by ``margin`` of its height on every side."""
    x1, y1 = np.nanmin(joints, axis=0)
    x2, y2 = np.nanmax(joints, axis=0)
    m = margin * (y2 - y1)
    return np.array([x1 - m, y1 - 1.5 * m, x2 + m, y2 + m])


def blacked_out(src: Path, dst: Path, joints: np.ndarray, frames: range) -> Path:
    """The walker (per-frame COCO keypoints ``joints``) hidden by a black box in ``frames``."""
    def change(i: int, f: np.ndarray) -> np.ndarray:
        if i in frames:
            x1, y1, x2, y2 = body_box(joints[i], 0.06).round().astype(int)
            f[max(y1, 0):y2, max(x1, 0):x2] = 0
        return f
    return edit(src, dst, change)


def body_mask(shape: tuple[int, int], joints: np.ndarray) -> np.ndarray:
    """A rough silhouette (uint8 0/255) drawn from keypoints: thick bones, torso, head."""
    mask = np.zeros(shape, np.uint8)
    height = float(np.nanmax(joints[:, 1]) - np.nanmin(joints[:, 1]))
    thick = max(3, int(0.11 * height))
    pts = joints.round().astype(np.int32)
    for a, b in LAYOUT_BONES["coco17"]:
        cv2.line(mask, tuple(pts[a]), tuple(pts[b]), 255, thick)
    cv2.fillConvexPoly(mask, cv2.convexHull(pts[[5, 6, 12, 11]]), 255)
    cv2.circle(mask, tuple(pts[0]), int(0.09 * height), 255, -1)
    return cv2.GaussianBlur(mask, (0, 0), 0.01 * height + 1)


def with_passer_by(src: Path, dst: Path, joints: np.ndarray, frames: range, *, scale=(1.8, 1.3),
                   feet_x=(950.0, 150.0), feet_y=(1900.0, 1640.0), backwards: bool = True,
                   mirror: bool = False) -> Path:
    """A second copy of the walker pasted in, close to the camera and walking away from it.

    During ``frames`` the copy is taken from the source played backwards (its own
    steps run in reverse), scaled from ``scale[0]`` down to ``scale[1]`` (it recedes),
    with its feet moving from ``(feet_x[0], feet_y[0])`` to ``(feet_x[1], feet_y[1])``:
    across the view and up the image, passing in front of the walker. With
    ``backwards=False, mirror=True`` the copy is a mirrored twin walking forwards.
    """
    source, fps = read_frames(src)
    n = len(source)
    out = []
    for i, frame in enumerate(source):
        frame = frame.copy()
        if i in frames:
            w = (i - frames.start) / max(len(frames) - 1, 1)
            j = n - 1 - i if backwards else i
            s = scale[0] + w * (scale[1] - scale[0])
            fx, fy = feet_x[0] + w * (feet_x[1] - feet_x[0]), feet_y[0] + w * (feet_y[1] - feet_y[0])
            if mirror:
                width = source[j].shape[1]
                flipped = joints[j].copy()
                flipped[:, 0] = width - 1 - flipped[:, 0]
                _paste(frame, np.ascontiguousarray(source[j][:, ::-1]), flipped, s, fx, fy)
            else:
                _paste(frame, source[j], joints[j], s, fx, fy)
        out.append(frame)
    return write_frames(dst, out, fps)


def _paste(frame: np.ndarray, source: np.ndarray, joints: np.ndarray, s: float, fx: float, fy: float) -> None:
    mask = body_mask(source.shape[:2], joints)
    x1, y1, x2, y2 = body_box(joints, 0.1).round().astype(int)
    x1, y1 = max(x1, 0), max(y1, 0)
    x2, y2 = min(x2, source.shape[1]), min(y2, source.shape[0])
    crop, cmask = source[y1:y2, x1:x2], mask[y1:y2, x1:x2]
    size = (max(1, int((x2 - x1) * s)), max(1, int((y2 - y1) * s)))
    crop, cmask = cv2.resize(crop, size), cv2.resize(cmask, size)
    # feet point of the source (mean ankle) lands on (fx, fy)
    ankle = np.nanmean(joints[[15, 16]], axis=0)
    left = int(round(fx - (ankle[0] - x1) * s))
    top = int(round(fy - (ankle[1] - y1) * s))
    h, w = frame.shape[:2]
    a0, b0 = max(top, 0), max(left, 0)
    a1, b1 = min(top + size[1], h), min(left + size[0], w)
    if a1 <= a0 or b1 <= b0:
        return
    piece = crop[a0 - top:a1 - top, b0 - left:b1 - left].astype(np.float32)
    alpha = cmask[a0 - top:a1 - top, b0 - left:b1 - left, None].astype(np.float32) / 255.0
    region = frame[a0:a1, b0:b1].astype(np.float32)
    frame[a0:a1, b0:b1] = (alpha * piece + (1 - alpha) * region).round().astype(np.uint8)


def slowed(src: Path, dst: Path, repeat: int = 2) -> Path:
    """Every frame shown ``repeat`` times: the same walk, ``repeat`` times slower."""
    frames, fps = read_frames(src)
    return write_frames(dst, [f for f in frames for _ in range(repeat)], fps)


def beside_its_mirror(src: Path, dst: Path) -> Path:
    """Each frame with its mirror image beside it: two equal walkers, equally central."""
    return edit(src, dst, lambda i, f: np.ascontiguousarray(np.hstack([f, f[:, ::-1]])))
