"""Floor calibration: image pixels to metres on the floor (no Qt)."""

from .floor import DEFAULT_KEYPOINT_ERROR_PX, WALKING_DIRECTIONS, FloorCalibration, lines_to_points, undistort
from .homography import apply_homography, dlt_homography

__all__ = ["DEFAULT_KEYPOINT_ERROR_PX", "FloorCalibration", "WALKING_DIRECTIONS", "apply_homography", "dlt_homography",
           "lines_to_points", "undistort"]
