"""Fine-tuning (``gaitscreen train --init``): from an NTU-120 checkpoint, our own model, the
published one; a checkpoint that does not fit is refused naming the first mismatch."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
import torch

from gaitscreen.cli import main
from gaitscreen.core.errors import ModelError
from gaitscreen.core.fileio import sha256_file
from gaitscreen.core.model import SkateFormer, SkateFormerConfig
from gaitscreen.core.model.checkpoint import load_classifier
from gaitscreen.core.model.finetune import check_fits, init_from, load_parent

NTU120_COMPACT = dataclasses.replace(SkateFormerConfig.compact(), num_classes=120)


@pytest.fixture(scope="module")
def ntu120(tmp_path_factory) -> Path:
    """A deterministic 120-class SkateFormer saved like the public SkateFormer_j.pt (bare state_dict)."""
    torch.manual_seed(7)
    net = SkateFormer(NTU120_COMPACT)
    path = tmp_path_factory.mktemp("parent") / "SkateFormer_j.pt"
    torch.save({"module." + k: v for k, v in net.state_dict().items()}, path)
    return path


def _train(out: Path, *extra: str) -> int:
    return main(["train", "--synthetic", "3", "--seed", "1", "--epochs", "1", "--batch", "16", "--folds", "0",
                 "--train-stride", "64", "--device", "cpu", "--architecture", "compact", "--out", str(out), "-q",
                 *extra])


def _distance(a: dict, b: dict) -> float:
    keys = [k for k in a if not k.startswith("head.") and a[k].is_floating_point()]
    return float(sum((a[k] - b[k]).abs().sum() for k in keys))


def test_head_is_replaced_and_every_other_weight_is_the_parents(ntu120) -> None:
    parent = load_parent(ntu120)
    assert parent.classes == 120 and parent.source == "published" and parent.sha256 == sha256_file(ntu120)
    model = SkateFormer(SkateFormerConfig.compact())
    entry = init_from(model, parent)
    assert entry["head"].startswith("replaced") and entry["sha256"] == parent.sha256
    state = model.state_dict()
    assert tuple(state["head.weight"].shape) == (2, 64) and tuple(state["head.bias"].shape) == (2,)
    for key, value in state.items():
        if key not in ("head.weight", "head.bias"):
            assert torch.equal(value, parent.state[key]), key


def test_train_from_ntu120_checkpoint_records_the_parent(ntu120, tmp_path) -> None:
    out = tmp_path / "tuned.pt"
    assert _train(out, "--init", str(ntu120)) == 0
    card = json.loads((tmp_path / "tuned.card.json").read_text())
    parent = card["training_data"]["parent_model"]
    assert parent["name"] == "SkateFormer_j" and parent["file"] == "SkateFormer_j.pt"
    assert parent["sha256"] == sha256_file(ntu120) and parent["classes"] == 120
    assert parent["head"] == "replaced: the parent's 120-class head by a new 2-class head"
    assert "fine-tuned from SkateFormer_j" in card["training_data"]["weights"]
    metrics = json.loads((tmp_path / "tuned.metrics.json").read_text())
    assert metrics["train_config"]["init"]["sha256"] == parent["sha256"]

    scratch = tmp_path / "scratch.pt"
    assert _train(scratch) == 0
    assert "parent_model" not in json.loads((tmp_path / "scratch.card.json").read_text())["training_data"]
    start = load_parent(ntu120).state
    tuned, fresh = load_classifier(out).model.state_dict(), load_classifier(scratch).model.state_dict()
    assert _distance(tuned, start) < 0.1 * _distance(fresh, start)  # one epoch moved it only a little

    again = tmp_path / "again.pt"  # our own model as the parent: its card names it, the head is kept
    assert _train(again, "--init", str(out)) == 0
    entry = json.loads((tmp_path / "again.card.json").read_text())["training_data"]["parent_model"]
    assert entry["name"] == "tuned 0.1.0" and entry["source"] == "gaitscreen"
    assert entry["sha256"] == sha256_file(out) and entry["head"].startswith("kept")


def test_published_stability_checkpoint_fits_the_ntu_configuration(tmp_path) -> None:
    path = tmp_path / "published_checkpoint.pt"
    torch.save(SkateFormer(SkateFormerConfig.ntu_sarcopenia()).state_dict(), path)
    parent = load_parent(path)
    assert check_fits(parent, SkateFormerConfig.ntu_sarcopenia()).startswith("kept")
    with pytest.raises(ModelError, match=r"first mismatch: joint_person_embedding has shape \(96, 48\)"):
        check_fits(parent, SkateFormerConfig.compact())


@pytest.mark.parametrize("extra, fragment", [
    (("--persons", "1"), "first mismatch: joint_person_embedding has shape (32, 48), the chosen configuration "
                         "needs (32, 24)"),
    (("--architecture", "ntu"), "first mismatch: joint_person_embedding has shape (32, 48), the chosen "
                                "configuration needs (96, 48)"),
])
def test_mismatching_checkpoint_is_refused_naming_the_first_mismatch(ntu120, tmp_path, capsys, extra,
                                                                     fragment) -> None:
    out = tmp_path / "m.pt"
    assert _train(out, "--init", str(ntu120), *extra) == 2
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(err) == 1 and "SkateFormer_j.pt does not fit" in err[0] and fragment in err[0], err
    assert list(tmp_path.iterdir()) == []


def test_bad_init_files(tmp_path, capsys) -> None:
    bad = tmp_path / "bad.pt"
    bad.write_bytes(b"garbage")
    for path, fragment in ((bad, "bad.pt is not a readable"), (tmp_path / "none.pt", "not found")):
        assert _train(tmp_path / "m.pt", "--init", str(path)) == 2
        err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
        assert len(err) == 1 and fragment in err[0], err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.pt"]
