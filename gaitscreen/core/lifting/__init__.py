"""2-D to 3-D lifting (PoseFormerV2) and the published study's 3-D path.

``PoseFormerV2`` (torch) lives in :mod:`.poseformer` and is imported on first use,
so running an ONNX export of a lifter never imports torch.
"""

from __future__ import annotations

from .config import PoseFormerV2Config
from .files import Lifter, LoadedLifter, OnnxLifter, TorchLifter, export_lifter_onnx, load_lifter
from . import published
from .published import *  # noqa: F403 - the published 3-D path: the names its __all__ lists
from .stage import lift_skeleton

__all__ = [
    "Lifter",
    "LoadedLifter",
    "OnnxLifter",
    "PoseFormerV2Config",
    "TorchLifter",
    "export_lifter_onnx",
    "lift_skeleton",
    "load_lifter",
    *published.__all__,
]
