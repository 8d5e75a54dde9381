"""The pose stage's crops map back to the frame through the one transform type, Letterbox."""

from __future__ import annotations

import numpy as np

from gaitscreen.core.pose.crops import Canvas
from gaitscreen.core.video import Letterbox


def test_a_crop_window_maps_its_pixels_back_to_the_frame():
    frame = np.zeros((1080, 1920, 3), np.uint8)
    frame[500:520, 900:940] = 255  # a bright patch to find again in the crop
    canvas = Canvas(frame, 640)
    crop, transform = canvas.window(np.array([850, 400, 1000, 700]), margin=0.1)
    assert isinstance(transform, Letterbox)
    ys, xs = np.nonzero(crop[..., 0] > 128)
    corners = np.array([[xs.min(), ys.min()], [xs.max() + 1, ys.max() + 1]], np.float32)
    back = transform.to_original(corners)
    assert back.dtype == np.float32  # the pose stage keeps its arrays in float32
    np.testing.assert_allclose(back, [[900, 500], [940, 520]], atol=1 / canvas.scale + 1e-3)
    np.testing.assert_allclose(transform.to_letterboxed(back), corners, atol=1e-3)
    boxes = transform.boxes_to_original(corners.reshape(1, 4))
    np.testing.assert_allclose(boxes, back.reshape(1, 4))


def test_the_downscaled_canvas_maps_like_a_full_frame_letterbox():
    frame = np.zeros((720, 1280, 3), np.uint8)
    canvas = Canvas(frame, 640)
    _small, transform = canvas.downscaled(320)
    corner = transform.to_original(np.array([[transform.pad_x, transform.pad_y]], np.float32))
    np.testing.assert_allclose(corner, [[0.0, 0.0]], atol=1e-4)
    far = transform.to_letterboxed(np.array([[1280.0, 720.0]]))
    assert far.dtype == np.float64 and far[0, 0] <= 320 + 1e-6
