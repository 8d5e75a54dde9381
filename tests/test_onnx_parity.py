"""ONNX export of the full NTU SkateFormer (random weights) against PyTorch.

The export is made once for the module; it has random weights, nothing is trained.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import onnx
import pytest
import torch

from gaitscreen.core.errors import ModelError
from gaitscreen.core.model import SkateFormer, SkateFormerConfig
from gaitscreen.core.model.card import ModelCard, file_sha256
from gaitscreen.core.model.checkpoint import load_classifier, save_classifier
from gaitscreen.core.model.inputs import InputSpec, index_t_for
from gaitscreen.core.model.runtime import (
    OnnxClassifier,
    TorchClassifier,
    export_onnx,
    onnx_path_for,
    onnx_source_sha256,
    open_classifier,
)


def _save_random_ntu(path: Path, seed: int) -> None:
    torch.manual_seed(seed)
    model = SkateFormer(SkateFormerConfig.ntu_sarcopenia()).eval()
    card = ModelCard(name=f"random-ntu-{seed}", version="0", architecture=ModelCard.architecture_of(model.config),
                     input=InputSpec(), training_data={"description": "random weights", "synthetic": True})
    save_classifier(model, card, path)


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    """A random-weight NTU model saved and exported beside itself (no built-in check)."""
    folder = tmp_path_factory.mktemp("onnx")
    pt = folder / "random-ntu.pt"
    _save_random_ntu(pt, seed=3)
    export_onnx(load_classifier(pt), verify=False)
    return pt


def _windows(n: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(7)
    x = np.zeros((n, 3, 64, 24, 2), dtype=np.float32)
    x[..., 0] = rng.normal(0.0, 0.4, size=(n, 3, 64, 24))
    return x, index_t_for(64, n)


def test_random_ntu_torch_and_onnx_runtime_agree(exported: Path) -> None:
    loaded = load_classifier(exported)
    x, index_t = _windows(4)
    want = TorchClassifier(loaded).predict_proba(x, index_t)
    # Batches of 3 then 1, neither the batch size the export was traced with (2).
    onnx_model = OnnxClassifier(onnx_path_for(exported), loaded.card, loaded.sha256, batch_size=3)
    got = onnx_model.predict_proba(x, index_t)
    assert got.shape == (4,) and ((got > 0) & (got < 1)).all()
    assert np.ptp(want) > 1e-4  # the windows differ, so agreement is not trivial
    np.testing.assert_allclose(got, want, atol=1e-4, rtol=0)


def test_export_is_valid_and_records_its_source(exported: Path) -> None:
    onnx_file = onnx_path_for(exported)
    model = onnx.load(str(onnx_file))
    onnx.checker.check_model(model)
    assert max(op.version for op in model.opset_import if op.domain in ("", "ai.onnx")) >= 17
    assert onnx_source_sha256(onnx_file) == file_sha256(exported)
    batch = model.graph.input[0].type.tensor_type.shape.dim[0]
    assert batch.dim_param == "batch"
    # Only the batch axis is dynamic: no shape arithmetic in the graph (a traced export
    # that read tensor sizes had ~4,700 nodes and took ONNX Runtime 0.65 s to open).
    ops = [node.op_type for node in model.graph.node]
    assert "Shape" not in ops, ops.count("Shape")
    assert not list(exported.parent.glob("*.tmp"))


def test_auto_runtime_uses_onnx_only_when_its_source_sha_matches(exported: Path, tmp_path: Path) -> None:
    assert open_classifier(exported, runtime="auto", device="cpu").runtime == "onnx"
    assert open_classifier(exported, runtime="torch", device="cpu").runtime == "torch"
    # Another .pt with the first one's ONNX export beside it: the export is stale.
    other = tmp_path / "other.pt"
    _save_random_ntu(other, seed=4)
    shutil.copy(onnx_path_for(exported), onnx_path_for(other))
    classifier = open_classifier(other, runtime="auto", device="cpu")
    assert classifier.runtime == "torch" and classifier.sha256 == file_sha256(other)
    with pytest.raises(ModelError, match="No usable ONNX export of other.pt with a matching sha256: "
                                         ".*exported from a different model file"):
        open_classifier(other, runtime="onnx", device="cpu")
