"""2-D to 3-D lifting (PoseFormerV2) and the published study's 3-D path.

``PoseFormerV2`` (torch) lives in :mod:`.poseformer` and is imported on first use,
so running an ONNX export of a lifter never imports torch.
"""

from __future__ import annotations

from .config import PoseFormerV2Config
from .files import Lifter, LoadedLifter, OnnxLifter, TorchLifter, export_lifter_onnx, load_lifter
from .published import (
    RECEPTIVE_FIELD,
    camera_to_world,
    lift_camera,
    lift_sequence,
    mirror,
    published_ntu_joints,
    published_persons,
    screen_normalise,
    seed_world_joints,
    window_view,
)
from .stage import lift_skeleton

__all__ = [
    "RECEPTIVE_FIELD",
    "Lifter",
    "LoadedLifter",
    "OnnxLifter",
    "PoseFormerV2Config",
    "TorchLifter",
    "camera_to_world",
    "export_lifter_onnx",
    "lift_camera",
    "lift_sequence",
    "lift_skeleton",
    "load_lifter",
    "mirror",
    "published_ntu_joints",
    "published_persons",
    "screen_normalise",
    "seed_world_joints",
    "window_view",
]
