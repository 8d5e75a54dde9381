"""Running a stability classifier: PyTorch or ONNX Runtime, ONNX export.

Both runtimes implement :class:`Classifier`: ``predict_proba(x, index_t)`` gives
P(unstable) per window, the softmax of the logits at the card's ``"unstable"``
class, computed in batches of 32.

``NAME.onnx`` beside ``NAME.pt`` is an export of exactly that file: its
``metadata_props`` record the .pt's sha256 (``gaitscreen.source_sha256``), the model
card and the input specification. :func:`open_classifier` uses it only when that
sha256 matches the .pt, so a retrained .pt never runs with a stale export.
"""

from __future__ import annotations

import copy
import json
import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from ..callbacks import CancelFn, ProgressFn, check_cancel
from ..errors import GaitScreenError, ModelError
from ..skeleton import SkeletonSequence
from .card import ModelCard, atomic_output
from .checkpoint import LoadedClassifier, check_input_compatible, load_classifier, read_card, resolve_model_path
from .inputs import Windows, index_t_for, make_windows, prepare_sequence

__all__ = [
    "BATCH_SIZE",
    "ONNX_OPSET",
    "Classifier",
    "OnnxClassifier",
    "TorchClassifier",
    "WindowScores",
    "classify_skeleton",
    "export_onnx",
    "onnx_path_for",
    "onnx_source_sha256",
    "open_classifier",
]

BATCH_SIZE = 32
ONNX_OPSET = 17
META_FORMAT = "gaitscreen.format"
META_SOURCE = "gaitscreen.source_sha256"
ONNX_FORMAT = "gaitscreen.classifier.onnx"


class Classifier(Protocol):
    """P(unstable) for classifier input windows."""

    card: ModelCard
    sha256: str  # of the .pt the weights come from
    runtime: str  # "torch" or "onnx"
    device: str

    def predict_proba(
        self, x: np.ndarray, index_t: np.ndarray, *,
        progress: ProgressFn | None = None, should_cancel: CancelFn | None = None,
    ) -> np.ndarray: ...


def _p_positive(logits: np.ndarray, index: int) -> np.ndarray:
    z = np.asarray(logits, dtype=np.float64)
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e[:, index] / e.sum(axis=1)


def _check_windows(x: np.ndarray, index_t: np.ndarray, card: ModelCard) -> tuple[np.ndarray, np.ndarray]:
    spec = card.input
    x = np.ascontiguousarray(x, dtype=np.float32)
    index_t = np.ascontiguousarray(index_t, dtype=np.float32)
    want = (spec.channels, spec.frames, 24, spec.persons)
    if x.ndim != 5 or x.shape[1:] != want:
        raise ValueError(f"x must have shape (N, {', '.join(map(str, want))}), got {x.shape}")
    if index_t.shape != (x.shape[0], spec.frames):
        raise ValueError(f"index_t must have shape ({x.shape[0]}, {spec.frames}), got {index_t.shape}")
    return x, index_t


def _run_batches(run, x: np.ndarray, index_t: np.ndarray, batch_size: int, index: int,
                 progress: ProgressFn | None, should_cancel: CancelFn | None, *,
                 source: str = "the model") -> np.ndarray:
    n = x.shape[0]
    out = np.empty(n, dtype=np.float64)
    for start in range(0, n, batch_size):
        check_cancel(should_cancel)
        stop = min(start + batch_size, n)
        if start == 0:
            out[start:stop] = _p_positive(_first_batch(run, x[start:stop], index_t[start:stop], source), index)
        else:
            out[start:stop] = _p_positive(run(x[start:stop], index_t[start:stop]), index)
        if progress is not None:
            progress(stop, n, "Classifying windows")
    return out


def _first_batch(run, x: np.ndarray, index_t: np.ndarray, source: str) -> np.ndarray:
    """Run the first batch; a model that cannot run at all (a broken export, a misfit
    graph) fails here, and the user gets one line naming the file, not a runtime traceback."""
    try:
        return run(x, index_t)
    except GaitScreenError:
        raise
    except Exception as exc:  # noqa: BLE001 - torch and ONNX Runtime raise their own types
        detail = " ".join(str(exc).split())[:240] or type(exc).__name__
        way_out = ("re-export it with `gaitscreen export-onnx` or use --runtime torch" if source.endswith(".onnx")
                   else "choose another model")
        raise ModelError(f"The model {source} failed on the first window ({detail}); {way_out}.") from exc


def _check_onnx_inputs(session, card: ModelCard, path: Path) -> None:
    """The export's fixed input dimensions must be the card's (the batch may be symbolic)."""
    spec = card.input
    want = {"x": (None, spec.channels, spec.frames, 24, spec.persons), "index_t": (None, spec.frames)}
    for node in session.get_inputs():
        expected = want.get(node.name)
        if expected is None:
            continue
        shape = list(node.shape or [])
        fits = len(shape) == len(expected) and all(
            e is None or not isinstance(d, int) or d <= 0 or d == e for d, e in zip(shape, expected))
        if not fits:
            show = ", ".join("N" if not isinstance(d, int) or d <= 0 else str(d) for d in shape)
            need = ", ".join("N" if e is None else str(e) for e in expected)
            raise ModelError(f"{path.name} takes input '{node.name}' of shape ({show}), but the model card of "
                             f"{card.name} {card.version} needs ({need}); re-export it with "
                             "`gaitscreen export-onnx` or use --runtime torch.")


class TorchClassifier:
    """A :class:`LoadedClassifier` run with PyTorch."""

    runtime = "torch"

    def __init__(self, loaded: LoadedClassifier, *, batch_size: int = BATCH_SIZE) -> None:
        self.loaded = loaded
        self.card = loaded.card
        self.sha256 = loaded.sha256
        self.device = loaded.device
        self.batch_size = int(batch_size)
        if str(self.device) == "cpu":
            import torch

            # Denormal activations make SkateFormer several times slower on x86 CPUs.
            torch.set_flush_denormal(True)

    def logits(self, x: np.ndarray, index_t: np.ndarray) -> np.ndarray:
        import torch

        with torch.inference_mode():
            xt = torch.from_numpy(x).to(self.device)
            it = torch.from_numpy(index_t).to(self.device)
            return self.loaded.model(xt, it).float().cpu().numpy()

    def predict_proba(self, x: np.ndarray, index_t: np.ndarray, *,
                      progress: ProgressFn | None = None, should_cancel: CancelFn | None = None) -> np.ndarray:
        """P(unstable) per window, ``(N,)`` float64."""
        x, index_t = _check_windows(x, index_t, self.card)
        return _run_batches(self.logits, x, index_t, self.batch_size, self.card.positive_index,
                            progress, should_cancel, source=Path(self.loaded.path).name)


def onnx_session(path: Path, device: str):
    """An ONNX Runtime session for ``path`` on ``device`` (the classifier's and the lifter's);
    a file ORT cannot open is a ModelError naming it."""
    import onnxruntime as ort

    from ..devices import onnx_providers

    options = ort.SessionOptions()
    options.log_severity_level = 4  # errors reach the user as one ModelError line, not ORT's log
    # ONNX Runtime's worker threads spin-wait between runs by default; on a 2-CPU
    # machine that takes the CPU from the other thread and made 49 windows take
    # 1.43 s instead of 1.04 s (docs/benchmarks.md).
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    try:
        return ort.InferenceSession(str(path), sess_options=options, providers=onnx_providers(device))
    except Exception as exc:  # noqa: BLE001 - ORT raises its own exception types for bad files
        raise ModelError(f"{path.name} is not a usable ONNX model: {str(exc).splitlines()[0]}") from exc


class OnnxClassifier:
    """An ONNX export of a classifier run with ONNX Runtime."""

    runtime = "onnx"

    def __init__(self, path: str | os.PathLike[str], card: ModelCard, sha256: str, *,
                 device: str = "cpu", batch_size: int = BATCH_SIZE, session=None) -> None:
        self.path = Path(path)
        self.card = card
        self.sha256 = sha256
        self.batch_size = int(batch_size)
        self.session = session if session is not None else onnx_session(self.path, device)
        recorded = self.session.get_modelmeta().custom_metadata_map.get(META_SOURCE, "")
        if recorded != sha256:
            raise ModelError(f"{self.path.name} was exported from a different model file "
                             f"(sha256 {recorded[:12] or 'unknown'}, expected {sha256[:12]}).")
        names = [i.name for i in self.session.get_inputs()]
        if names not in (["x", "index_t"], ["x"]):  # ["x"]: a network without the index_t encoding
            raise ModelError(f"{self.path.name} has inputs {names}; a GaitScreen export has ['x', 'index_t'].")
        _check_onnx_inputs(self.session, card, self.path)  # a misfit export fails here, before any pose stage
        self._takes_index_t = "index_t" in names
        provider = self.session.get_providers()[0]
        self.device = "cuda" if provider == "CUDAExecutionProvider" else "cpu"

    def logits(self, x: np.ndarray, index_t: np.ndarray) -> np.ndarray:
        feed = {"x": x, "index_t": index_t} if self._takes_index_t else {"x": x}
        return self.session.run(None, feed)[0]

    def predict_proba(self, x: np.ndarray, index_t: np.ndarray, *,
                      progress: ProgressFn | None = None, should_cancel: CancelFn | None = None) -> np.ndarray:
        """P(unstable) per window, ``(N,)`` float64."""
        x, index_t = _check_windows(x, index_t, self.card)
        return _run_batches(self.logits, x, index_t, self.batch_size, self.card.positive_index,
                            progress, should_cancel, source=self.path.name)


def onnx_path_for(pt_path: str | os.PathLike[str]) -> Path:
    """``NAME.onnx`` beside ``NAME.pt``."""
    return Path(pt_path).with_suffix(".onnx")


def onnx_source_sha256(path: str | os.PathLike[str]) -> str:
    """The .pt sha256 an ONNX export records ('' when it records none)."""
    import onnx

    model = onnx.load(str(path), load_external_data=False)
    return {p.key: p.value for p in model.metadata_props}.get(META_SOURCE, "")


def _example(card: ModelCard, batch: int) -> tuple[np.ndarray, np.ndarray]:
    spec = card.input
    rng = np.random.default_rng(0)
    x = rng.standard_normal((batch, spec.channels, spec.frames, 24, spec.persons)).astype(np.float32)
    x[..., 1:] = 0.0
    return x, index_t_for(spec.frames, batch)


def export_onnx(loaded: LoadedClassifier, path: str | os.PathLike[str] | None = None, *,
                opset: int = ONNX_OPSET, verify: bool = True,
                progress: ProgressFn | None = None, should_cancel: CancelFn | None = None) -> Path:
    """Export ``loaded`` to ONNX (dynamic batch) at ``path`` (default: beside the .pt), atomically.

    The file passes :func:`onnx.checker.check_model`; with ``verify`` its
    probabilities on a batch of three windows must match PyTorch's to 1e-4.
    """
    import onnx
    import torch

    out = Path(path) if path is not None else onnx_path_for(loaded.path)
    if opset < 17:
        raise ValueError(f"opset must be at least 17, got {opset}")
    check_cancel(should_cancel)
    if progress is not None:
        progress(0, 2, "Exporting to ONNX")
    model = loaded.model if loaded.device == "cpu" else copy.deepcopy(loaded.model).cpu()
    model.eval()
    x, index_t = _example(loaded.card, 2)
    meta = {
        META_FORMAT: ONNX_FORMAT,
        META_SOURCE: loaded.sha256,
        "gaitscreen.model_name": loaded.card.name,
        "gaitscreen.model_version": loaded.card.version,
        "gaitscreen.input": json.dumps(loaded.card.input.to_dict()),
        "gaitscreen.card": loaded.card.to_json(),
    }
    with atomic_output(out) as tmp:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                model, (torch.from_numpy(x), torch.from_numpy(index_t)), str(tmp),
                input_names=["x", "index_t"], output_names=["logits"],
                dynamic_axes={"x": {0: "batch"}, "index_t": {0: "batch"}, "logits": {0: "batch"}},
                opset_version=opset, do_constant_folding=True, dynamo=False,
            )
        proto = onnx.load(str(tmp))
        del proto.metadata_props[:]
        for key, value in meta.items():
            proto.metadata_props.add(key=key, value=value)
        proto.doc_string = loaded.card.summary()
        onnx.checker.check_model(proto)
        onnx.save(proto, str(tmp))
        check_cancel(should_cancel)
        if verify:
            if progress is not None:
                progress(1, 2, "Checking the ONNX export")
            _verify(loaded, tmp)
    if progress is not None:
        progress(2, 2, "Checking the ONNX export" if verify else "Exporting to ONNX")
    return out


def _verify(loaded: LoadedClassifier, onnx_file: Path) -> None:
    x, index_t = _example(loaded.card, 3)  # another batch size than the export's
    want = TorchClassifier(loaded).predict_proba(x, index_t)
    got = OnnxClassifier(onnx_file, loaded.card, loaded.sha256, device="cpu").predict_proba(x, index_t)
    error = float(np.abs(want - got).max())
    if not error <= 1e-4:
        raise ModelError(f"The ONNX export disagrees with PyTorch (max |Δp| = {error:.2e}); it was not written.")


def _matching_onnx(pt: Path, card: ModelCard, sha: str, device: str,
                   batch_size: int) -> tuple[OnnxClassifier | None, str]:
    """The export beside ``pt`` when it matches and runs on ``device``, else None and why not."""
    onnx_file = onnx_path_for(pt)
    if not onnx_file.is_file():
        return None, f"there is no {onnx_file.name} beside it"
    try:
        found = OnnxClassifier(onnx_file, card, sha, device=device, batch_size=batch_size)
    except ModelError as exc:
        return None, str(exc)
    if device == "cuda" and found.device != "cuda":
        return None, "ONNX Runtime cannot use the GPU here"
    return found, ""


def open_classifier(path: str | os.PathLike[str] | None = None, runtime: str = "auto", device: str = "auto", *,
                    batch_size: int = BATCH_SIZE, progress: ProgressFn | None = None,
                    should_cancel: CancelFn | None = None) -> Classifier:
    """Open a model file: its matching ``NAME.onnx`` on ONNX Runtime when allowed, else PyTorch.

    ``runtime="onnx"`` insists on a matching export; ``"torch"`` never uses one.
    """
    if runtime not in ("auto", "onnx", "torch"):
        raise ValueError(f"runtime must be 'auto', 'onnx' or 'torch', got {runtime!r}")
    pt = resolve_model_path(path)
    if progress is not None:
        progress(0, 0, "Loading the classifier")
    check_cancel(should_cancel)
    if runtime != "torch":
        card, sha = read_card(pt)
        try:
            import onnxruntime  # noqa: F401
        except ImportError:
            if runtime == "onnx":
                raise ModelError("ONNX Runtime is not installed; use --runtime torch.") from None
        else:
            found, why = _matching_onnx(pt, card, sha, device, batch_size)
            if found is not None:
                return found
            if runtime == "onnx":
                raise ModelError(f"No usable ONNX export of {pt.name} with a matching sha256: {why.rstrip('.')}; "
                                 "run `gaitscreen export-onnx` or use --runtime torch.")
    check_cancel(should_cancel)
    return TorchClassifier(load_classifier(pt, device=device), batch_size=batch_size)


@dataclass
class WindowScores:
    """P(unstable) for every window of one walk."""

    windows: Windows
    p_unstable: np.ndarray  # (N,)
    threshold: float

    @property
    def unstable(self) -> np.ndarray:
        """Window unstable when P(unstable) > threshold."""
        return self.p_unstable > self.threshold

    @property
    def unstable_share(self) -> float:
        return float(self.unstable.mean()) if len(self.p_unstable) else 0.0


def classify_skeleton(classifier: Classifier, skeleton: SkeletonSequence, *, stride: int | None = None,
                      progress: ProgressFn | None = None, should_cancel: CancelFn | None = None) -> WindowScores:
    """Check compatibility, prepare, window and classify ``skeleton``; N may be 0 (too short)."""
    card = classifier.card
    check_input_compatible(card, dims=int(skeleton.joints.shape[2]), layout=skeleton.layout)
    windows = make_windows(prepare_sequence(skeleton, card.input), card.input, stride=stride, recipe=card.recipe)
    if len(windows) == 0:
        return WindowScores(windows, np.zeros(0), card.threshold)
    p = classifier.predict_proba(windows.x, windows.index_t, progress=progress, should_cancel=should_cancel)
    return WindowScores(windows, p, card.threshold)
