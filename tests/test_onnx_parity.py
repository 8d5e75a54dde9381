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


def test_optimised_copy_is_cached_reused_and_gives_the_same_probabilities(exported: Path, tmp_path, monkeypatch) -> None:
    """The classifier opens a basic-optimised copy of its export kept in the user cache:
    made once, reused, same probabilities; a damaged copy is replaced by the export
    itself, and without a writable cache the export is opened directly."""
    import onnxruntime as ort

    from gaitscreen.core.model import runtime

    monkeypatch.setenv("GAITSCREEN_CACHE_DIR", str(tmp_path / "cache"))
    onnx_file = onnx_path_for(exported)
    loaded = load_classifier(exported)
    x, index_t = _windows(3)
    want = TorchClassifier(loaded).predict_proba(x, index_t)

    first = OnnxClassifier(onnx_file, loaded.card, loaded.sha256)
    copies = list((tmp_path / "cache" / "onnx-optimized").glob("*.onnx"))
    assert len(copies) == 1 and ort.__version__ in copies[0].name
    assert len(onnx.load(str(copies[0])).graph.node) < len(onnx.load(str(onnx_file)).graph.node)
    stamp = copies[0].stat().st_mtime_ns
    second = OnnxClassifier(onnx_file, loaded.card, loaded.sha256)
    assert copies[0].stat().st_mtime_ns == stamp  # reused, not rewritten
    for clf in (first, second):
        np.testing.assert_allclose(clf.predict_proba(x, index_t), want, atol=1e-4, rtol=0)

    copies[0].write_bytes(b"not an onnx file")
    damaged = OnnxClassifier(onnx_file, loaded.card, loaded.sha256)
    np.testing.assert_allclose(damaged.predict_proba(x, index_t), want, atol=1e-4, rtol=0)
    assert not copies[0].exists()  # dropped; the next opening makes it again

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("GAITSCREEN_CACHE_DIR", str(blocked))
    assert runtime._optimized_copy(onnx_file, ort) is None
    direct = OnnxClassifier(onnx_file, loaded.card, loaded.sha256)
    np.testing.assert_allclose(direct.predict_proba(x, index_t), want, atol=1e-4, rtol=0)
