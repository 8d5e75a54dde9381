"""Pose estimation: backends, weights, and the video → patient skeleton pipeline."""

from .pipeline import PoseRun, PoseSettings
from .stage import run_pose
from .types import FramePoses
from .weights import PoseWeights, locate_weights
from .yolo import YoloPose

__all__ = ["FramePoses", "PoseRun", "PoseSettings", "PoseWeights", "YoloPose", "locate_weights", "run_pose"]
