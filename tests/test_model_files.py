"""Classifier files: our format with its card, the published checkpoint, and refusals.

Every model here has random weights; nothing is trained.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
import torch

from gaitscreen.core.errors import ModelError
from gaitscreen.core.model import SkateFormer, SkateFormerConfig
from gaitscreen.core.model.card import ModelCard, card_path, file_sha256
from gaitscreen.core.model.checkpoint import (
    DEFAULT_MODEL_NAME,
    check_input_compatible,
    load_classifier,
    resolve_model_path,
    save_classifier,
)
from gaitscreen.core.model.inputs import NORM_3D, InputSpec

TINY = dataclasses.replace(SkateFormerConfig.ntu_sarcopenia(), num_heads=8, depths=(1, 1), channels=(16, 32))


def random_model(config: SkateFormerConfig = TINY, seed: int = 0) -> SkateFormer:
    torch.manual_seed(seed)
    return SkateFormer(config).eval()


def make_card(config: SkateFormerConfig = TINY, **changes) -> ModelCard:
    card = ModelCard(
        name="random-test-model", version="0.0.1", architecture=ModelCard.architecture_of(config),
        input=InputSpec(), training_data={"description": "none: random weights", "synthetic": True,
                                          "subjects": 0, "clips": 0, "seed": 0},
        metrics={"mean_accuracy": 0.5}, intended_use="tests", limitations=["random weights"],
    )
    return dataclasses.replace(card, **changes)


@pytest.fixture(scope="module")
def ntu_state() -> dict[str, torch.Tensor]:
    return random_model(SkateFormerConfig.ntu_sarcopenia(), seed=1).state_dict()


def test_random_model_save_load_round_trip(tmp_path: Path) -> None:
    model = random_model()
    card = save_classifier(model, make_card(), tmp_path / "m.pt")
    assert card.sha256 == file_sha256(tmp_path / "m.pt")
    on_disk = json.loads(card_path(tmp_path / "m.pt").read_text())
    assert on_disk["format"] == "gaitscreen.model_card" and on_disk["sha256"] == card.sha256
    assert on_disk["input"]["dims"] == 2 and on_disk["classes"] == ["stable", "unstable"]
    loaded = load_classifier(tmp_path / "m.pt")
    assert loaded.sha256 == card.sha256 and loaded.source == "gaitscreen"
    assert loaded.card.to_dict() == card.to_dict()
    assert not loaded.model.training
    got = loaded.model.state_dict()
    for name, tensor in model.state_dict().items():
        assert torch.equal(got[name], tensor), name
    assert "random-test-model 0.0.1" in card.summary() and "not clinically validated" in card.summary()
    assert not list(tmp_path.glob("*.tmp"))  # atomic writes leave nothing behind


def test_checkpoint_is_a_plain_weights_only_dict(tmp_path: Path) -> None:
    save_classifier(random_model(), make_card(), tmp_path / "m.pt")
    payload = torch.load(tmp_path / "m.pt", weights_only=True)
    assert payload["format"] == "gaitscreen.classifier" and payload["version"] == 1
    assert set(payload) >= {"state_dict", "config"}
    assert SkateFormerConfig(**payload["config"]) == TINY


def test_our_format_without_card_gets_an_unknown_provenance_card(tmp_path: Path) -> None:
    save_classifier(random_model(), make_card(), tmp_path / "m.pt")
    card_path(tmp_path / "m.pt").unlink()
    loaded = load_classifier(tmp_path / "m.pt")
    assert loaded.card.version == "unknown" and "unknown" in loaded.card.training_data["description"]
    assert loaded.card.input == InputSpec() and not loaded.card.clinically_validated


@pytest.mark.parametrize("wrap", ["bare", "model", "state_dict", "model_state_dict", "net"])
def test_random_published_style_checkpoint_loads_strictly(tmp_path: Path, ntu_state: dict, wrap: str) -> None:
    state = {f"module.{k}": v for k, v in ntu_state.items()} if wrap != "bare" else dict(ntu_state)
    obj = state if wrap == "bare" else {wrap: state, "epoch": 65, "best_acc": 0.9}
    torch.save(obj, tmp_path / "published.pt")
    loaded = load_classifier(tmp_path / "published.pt")
    assert loaded.source == "published"
    assert loaded.model.config == SkateFormerConfig.ntu_sarcopenia()
    assert loaded.card.input.dims == 3 and loaded.card.input.normalisation == NORM_3D
    assert "published SkateFormer checkpoint" in loaded.card.training_data["description"]
    assert loaded.card.sha256 == file_sha256(tmp_path / "published.pt")
    got = loaded.model.state_dict()
    for name, tensor in ntu_state.items():
        assert torch.equal(got[name], tensor), name


def test_published_checkpoint_with_its_own_card(tmp_path: Path, ntu_state: dict) -> None:
    torch.save(ntu_state, tmp_path / "published.pt")
    card = make_card(SkateFormerConfig.ntu_sarcopenia(), name="published-with-card",
                     sha256=file_sha256(tmp_path / "published.pt"),
                     input=InputSpec(dims=3, normalisation=NORM_3D, fps=29.91))
    card.save(card_path(tmp_path / "published.pt"))
    assert load_classifier(tmp_path / "published.pt").card.name == "published-with-card"


def test_wrong_shape_names_key_and_shapes(tmp_path: Path, ntu_state: dict) -> None:
    state = dict(ntu_state)
    state["head.weight"] = torch.zeros(3, 192)
    state["head.bias"] = torch.zeros(3)
    torch.save({"model": state}, tmp_path / "bad.pt")
    with pytest.raises(ModelError, match=r"head\.weight expected \(2, 192\), got \(3, 192\)"):
        load_classifier(tmp_path / "bad.pt")


def test_missing_and_unexpected_keys_are_counted_and_named(tmp_path: Path, ntu_state: dict) -> None:
    state = {k: v for k, v in ntu_state.items() if not k.startswith("stages.3.")}
    state["classifier.weight"] = torch.zeros(2, 192)
    torch.save(state, tmp_path / "bad.pt")
    with pytest.raises(ModelError) as info:
        load_classifier(tmp_path / "bad.pt")
    message = str(info.value)
    n_missing = sum(k.startswith("stages.3.") for k in ntu_state)
    assert f"{n_missing} missing keys (stages.3." in message
    assert "1 unexpected key (classifier.weight)" in message


@pytest.mark.parametrize("content,fragment", [
    (b"", "not a readable PyTorch checkpoint"),
    (b"\x00\x01garbage" * 100, "not a readable PyTorch checkpoint"),
    (b"PK\x03\x04 truncated zip", "not a readable PyTorch checkpoint"),
])
def test_garbage_file_is_refused(tmp_path: Path, content: bytes, fragment: str) -> None:
    (tmp_path / "junk.pt").write_bytes(content)
    with pytest.raises(ModelError, match=fragment):
        load_classifier(tmp_path / "junk.pt")


class _Payload:
    """An arbitrary class: a weights-only load must never instantiate it."""


def test_pickled_objects_are_never_unpickled(tmp_path: Path) -> None:
    torch.save({"model": _Payload()}, tmp_path / "objects.pt")
    with pytest.raises(ModelError, match="will not unpickle"):
        load_classifier(tmp_path / "objects.pt")


def test_non_state_dict_content_is_refused(tmp_path: Path) -> None:
    torch.save({"epoch": 3, "weights": [1, 2]}, tmp_path / "other.pt")
    with pytest.raises(ModelError, match="holds no state_dict"):
        load_classifier(tmp_path / "other.pt")


def test_card_for_another_file_is_refused(tmp_path: Path) -> None:
    save_classifier(random_model(seed=0), make_card(), tmp_path / "m.pt")
    card_text = card_path(tmp_path / "m.pt").read_text()
    save_classifier(random_model(seed=1), make_card(), tmp_path / "m.pt")  # new weights ...
    card_path(tmp_path / "m.pt").write_text(card_text)  # ... old card
    with pytest.raises(ModelError, match="card describes a different file"):
        load_classifier(tmp_path / "m.pt")


def test_card_whose_architecture_does_not_build_is_refused(tmp_path: Path) -> None:
    save_classifier(random_model(), make_card(), tmp_path / "m.pt")
    where = card_path(tmp_path / "m.pt")
    data = json.loads(where.read_text())
    data["architecture"]["config"]["num_heads"] = 12
    where.write_text(json.dumps(data))
    with pytest.raises(ModelError, match="configuration does not build.*num_heads"):
        load_classifier(tmp_path / "m.pt")


def test_newer_card_format_is_refused(tmp_path: Path) -> None:
    data = make_card().to_dict()
    data["format_version"] = 99
    (tmp_path / "x.card.json").write_text(json.dumps(data))
    with pytest.raises(ModelError, match="update GaitScreen"):
        ModelCard.load(tmp_path / "x.card.json")


def test_default_model_missing_is_a_clear_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("GAITSCREEN_MODELS_DIR", str(tmp_path))
    with pytest.raises(ModelError, match="No stability model found.*gaitscreen train.*--model"):
        resolve_model_path(None)
    save_classifier(random_model(), make_card(), tmp_path / f"{DEFAULT_MODEL_NAME}.pt")
    assert resolve_model_path(None) == tmp_path / f"{DEFAULT_MODEL_NAME}.pt"


def test_model_loading_errors_in_the_users_language(tmp_path: Path, monkeypatch) -> None:
    """The missing-model and bad-checkpoint sentences a user causes come in the chosen language."""
    from gaitscreen.core.i18n import language

    monkeypatch.setenv("GAITSCREEN_MODELS_DIR", str(tmp_path))
    (tmp_path / "junk.pt").write_bytes(b"\x00\x01garbage" * 100)
    with language("zh-TW"):
        with pytest.raises(ModelError, match="找不到穩定度模型.*gaitscreen train.*--model"):
            resolve_model_path(None)
        with pytest.raises(ModelError, match="找不到模型檔"):
            resolve_model_path(tmp_path / "none.pt")
        with pytest.raises(ModelError, match="junk.pt 不是可讀取的 PyTorch 檢查點"):
            load_classifier(tmp_path / "junk.pt")
        with pytest.raises(ModelError, match="找不到模型卡"):
            ModelCard.load(tmp_path / "none.card.json")


@pytest.mark.parametrize("layout", ["coco17", "h36m17", "ntu25"])
def test_compatible_inputs_pass(layout: str) -> None:
    check_input_compatible(make_card(), dims=2, layout=layout)


def test_check_input_compatible_refusals() -> None:
    card_3d = make_card(input=InputSpec(dims=3, normalisation=NORM_3D))
    with pytest.raises(ModelError, match="expects 3-D skeletons; this skeleton is 2-D"):
        check_input_compatible(card_3d, dims=2, layout="coco17")
    with pytest.raises(ModelError, match="expects 2-D skeletons; this skeleton is 3-D"):
        check_input_compatible(make_card(), dims=3, layout="ntu25")
    with pytest.raises(ModelError, match="cannot be converted"):
        check_input_compatible(make_card(), dims=2, layout="openpose25")
    two_channels = make_card(architecture=ModelCard.architecture_of(dataclasses.replace(TINY, in_channels=2)))
    with pytest.raises(ModelError, match="takes 2 channels per joint.*gives 3"):
        check_input_compatible(two_channels, dims=2, layout="coco17")
    one_person = make_card(architecture=ModelCard.architecture_of(
        dataclasses.replace(TINY, num_people=1, type_2_size=(8, 12), type_4_size=(8, 12))))
    with pytest.raises(ModelError, match="persons"):
        check_input_compatible(one_person, dims=2, layout="coco17")
    with pytest.raises(ModelError, match="layout"):
        check_input_compatible(dataclasses.replace(make_card(), input=_foreign_layout()), dims=2, layout="coco17")


def _foreign_layout() -> InputSpec:
    spec = InputSpec()
    object.__setattr__(spec, "layout", "coco17")  # as a card from another tool might declare
    return spec


def test_onnx_path_never_imports_torch():
    """Opening the bundled model on ONNX Runtime and checking its inputs stays torch-free
    (importing torch costs about 2 s of every screening's start-up)."""
    import subprocess
    import sys

    code = ("import sys\n"
            "from gaitscreen.core.model.runtime import open_classifier\n"
            "from gaitscreen.core.model.checkpoint import check_input_compatible\n"
            "c = open_classifier(None, runtime='onnx')\n"
            "check_input_compatible(c.card, dims=2, layout='coco17')\n"
            "print('torch' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
