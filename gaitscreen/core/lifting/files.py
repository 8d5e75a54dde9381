"""Lifter files: loading a PoseFormerV2 checkpoint, running it, exporting it to ONNX.

A lifter checkpoint is what PoseFormerV2's training script writes: a dict whose
``model_pos`` entry is the state_dict (names prefixed ``module.`` when the model
was wrapped in ``DataParallel``; a bare state_dict, or names without the prefix,
are accepted too). It is read with ``torch.load(..., weights_only=True)`` only and
loaded strictly into :class:`PoseFormerV2` of the given configuration: the
``config`` argument, else a ``config`` entry of the file (a dict of
:class:`PoseFormerV2Config` fields, for lifters of other sizes), else the published
27_243_45.2.bin configuration. Anything else is one :class:`ModelError` line.

Both runtimes implement :class:`Lifter`: ``predict(x)`` maps ``(N, F, 17, 2)``
screen-normalised windows to ``(N, 17, 3)`` camera-space joints of their centre
frames. ``NAME.onnx`` made by :func:`export_lifter_onnx` records the checkpoint's
sha256 and its window length.
"""

from __future__ import annotations

import copy
import json
import os
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from ..errors import ModelError
from ..fileio import atomic_output, sha256_file
from ..model.checkpoint import _device, _torch_load
from ..model.runtime import ONNX_OPSET, onnx_session
from .config import PoseFormerV2Config

if TYPE_CHECKING:  # pragma: no cover
    from .poseformer import PoseFormerV2

__all__ = [
    "LIFTER_ONNX_FORMAT",
    "Lifter",
    "LoadedLifter",
    "OnnxLifter",
    "TorchLifter",
    "export_lifter_onnx",
    "load_lifter",
]

STATE_KEYS = ("model_pos", "state_dict", "model")
LIFTER_ONNX_FORMAT = "gaitscreen.lifter.onnx"
META_FORMAT = "gaitscreen.format"
META_SOURCE = "gaitscreen.source_sha256"
META_FRAMES = "gaitscreen.frames"


class Lifter(Protocol):
    """2-D windows to the 3-D joints of their centre frames."""

    name: str
    sha256: str  # of the checkpoint the weights come from
    runtime: str  # "torch" or "onnx"
    device: str

    def predict(self, x: np.ndarray) -> np.ndarray: ...


@dataclass
class LoadedLifter:
    """A PoseFormerV2 in eval mode and where it came from."""

    model: Any  # PoseFormerV2
    config: PoseFormerV2Config
    sha256: str
    path: Path
    device: str


def _state_of(obj: Any, name: str) -> dict[str, Any]:
    import torch

    def is_state(value: Any) -> bool:
        return (isinstance(value, Mapping) and len(value) > 0
                and all(isinstance(k, str) and isinstance(v, torch.Tensor) for k, v in value.items()))

    if is_state(obj):
        state = obj
    else:
        found = [obj[k] for k in STATE_KEYS if isinstance(obj, Mapping) and is_state(obj.get(k))]
        if not found:
            held = sorted(map(str, obj))[:6] if isinstance(obj, Mapping) else type(obj).__name__
            raise ModelError(f"{name} is not a PoseFormerV2 lifter checkpoint: it holds no state_dict "
                             f"under {list(STATE_KEYS)} (it holds {held}).")
        state = found[0]
    return {k.removeprefix("module."): v for k, v in state.items()}


def _config_of(obj: Any, name: str) -> PoseFormerV2Config:
    stored = obj.get("config") if isinstance(obj, Mapping) else None
    if stored is None:
        return PoseFormerV2Config.published()
    try:
        return PoseFormerV2Config(**dict(stored))
    except (TypeError, ValueError) as exc:
        raise ModelError(f"The PoseFormerV2 configuration stored in {name} does not build: {exc}.") from exc


def _first_mismatch(model: Any, state: Mapping[str, Any]) -> str | None:
    expected = model.state_dict()
    for key, tensor in expected.items():
        if key not in state:
            return f"missing tensor {key}"
        if tuple(state[key].shape) != tuple(tensor.shape):
            return f"{key} has shape {tuple(state[key].shape)}, expected {tuple(tensor.shape)}"
    for key in state:
        if key not in expected:
            return f"unexpected tensor {key}"
    return None


def load_lifter(path: str | os.PathLike[str], *, config: PoseFormerV2Config | None = None,
                device: str = "cpu") -> LoadedLifter:
    """Load a PoseFormerV2 checkpoint strictly; ModelError (one line) when it is not one."""
    path = Path(path)
    if not path.is_file():
        raise ModelError(f"Lifter file not found: {path}" if not path.is_dir()
                         else f"{path} is a folder; pass a lifter checkpoint file.")
    from .poseformer import PoseFormerV2

    with warnings.catch_warnings():  # torch warns on stderr about foreign pickles; the error says it all
        warnings.simplefilter("ignore")
        obj = _torch_load(path)
    cfg = config or _config_of(obj, path.name)
    state = _state_of(obj, path.name)
    model = PoseFormerV2(cfg)
    problem = _first_mismatch(model, state)
    if problem is not None:
        raise ModelError(f"{path.name} does not fit the PoseFormerV2 lifter "
                         f"({cfg.frames_kept} frames, depth {cfg.depth}): {problem}.")
    try:
        model.load_state_dict(state, strict=True)
    except RuntimeError as exc:  # e.g. a dtype that cannot be copied
        raise ModelError(f"{path.name} does not load into PoseFormerV2: {str(exc).splitlines()[0]}") from exc
    where = _device(device)
    return LoadedLifter(model=model.to(where).eval(), config=cfg, sha256=sha256_file(path),
                        path=path, device=where)


class TorchLifter:
    """A :class:`LoadedLifter` run with PyTorch."""

    runtime = "torch"

    def __init__(self, loaded: LoadedLifter) -> None:
        self.loaded = loaded
        self.name = loaded.path.stem
        self.sha256 = loaded.sha256
        self.device = loaded.device

    def predict(self, x: np.ndarray) -> np.ndarray:
        import torch

        with torch.inference_mode():
            xt = torch.from_numpy(np.ascontiguousarray(x, dtype=np.float32)).to(self.device)
            return self.loaded.model(xt)[:, 0].float().cpu().numpy()


class OnnxLifter:
    """An ONNX export of a lifter run with ONNX Runtime (CUDA when present and asked for)."""

    runtime = "onnx"

    def __init__(self, path: str | os.PathLike[str], *, sha256: str | None = None, device: str = "auto") -> None:
        self.path = Path(path)
        self.name = self.path.stem
        self.session = onnx_session(self.path, device)
        meta = self.session.get_modelmeta().custom_metadata_map
        if meta.get(META_FORMAT) != LIFTER_ONNX_FORMAT:
            raise ModelError(f"{self.path.name} is not a GaitScreen lifter export.")
        self.sha256 = meta.get(META_SOURCE, "")
        if sha256 is not None and self.sha256 != sha256:
            raise ModelError(f"{self.path.name} was exported from a different lifter file "
                             f"(sha256 {self.sha256[:12] or 'unknown'}, expected {sha256[:12]}).")
        self.frames = int(meta.get(META_FRAMES, "0"))
        self.device = "cuda" if self.session.get_providers()[0] == "CUDAExecutionProvider" else "cpu"

    def predict(self, x: np.ndarray) -> np.ndarray:
        x = np.ascontiguousarray(x, dtype=np.float32)
        if x.ndim != 4 or x.shape[1] != self.frames:
            raise ValueError(f"{self.path.name} takes windows of {self.frames} frames, got shape {x.shape}")
        return self.session.run(None, {"x": x})[0][:, 0]


def _example(config: PoseFormerV2Config, frames: int, batch: int) -> np.ndarray:
    rng = np.random.default_rng(0)
    return (0.3 * rng.standard_normal((batch, frames, config.num_joints, config.in_chans))).astype(np.float32)


def export_lifter_onnx(loaded: LoadedLifter, path: str | os.PathLike[str], *, frames: int = 81,
                       opset: int = ONNX_OPSET, verify: bool = True) -> Path:
    """Export ``loaded`` for windows of ``frames`` frames (dynamic batch) to ``path``, atomically.

    With ``verify`` the export's joints on three windows must match PyTorch's to 1e-4.
    """
    import onnx
    import torch

    out = Path(path)
    model = loaded.model if loaded.device == "cpu" else copy.deepcopy(loaded.model).cpu()
    model.eval()
    meta = {
        META_FORMAT: LIFTER_ONNX_FORMAT,
        META_SOURCE: loaded.sha256,
        META_FRAMES: str(int(frames)),
        "gaitscreen.lifter_name": loaded.path.stem,
        "gaitscreen.lifter_config": json.dumps(loaded.config.to_dict()),
    }
    with atomic_output(out) as tmp:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                model, (torch.from_numpy(_example(loaded.config, frames, 2)),), str(tmp),
                input_names=["x"], output_names=["joints"],
                dynamic_axes={"x": {0: "batch"}, "joints": {0: "batch"}},
                opset_version=opset, do_constant_folding=True, dynamo=False,
            )
        proto = onnx.load(str(tmp))
        del proto.metadata_props[:]
        for key, value in meta.items():
            proto.metadata_props.add(key=key, value=value)
        onnx.checker.check_model(proto)
        onnx.save(proto, str(tmp))
        if verify:
            x = _example(loaded.config, frames, 3)
            want = TorchLifter(LoadedLifter(model, loaded.config, loaded.sha256, loaded.path, "cpu")).predict(x)
            got = OnnxLifter(tmp, sha256=loaded.sha256, device="cpu").predict(x)
            error = float(np.abs(want - got).max())
            if not error <= 1e-4:
                raise ModelError(f"The lifter's ONNX export disagrees with PyTorch (max error {error:.2e}); "
                                 "it was not written.")
    return out
