"""Training of the stability classifier: data, splits, metrics, augmentations, CLI."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pytest

from gaitscreen.core.errors import Cancelled, GaitScreenError, SkeletonFormatError
from gaitscreen.core.model.augment import MIRROR24, AugmentConfig, augment, mirror
from gaitscreen.core.model.data import (
    WindowDataset,
    from_labelled_clips,
    from_published_npz,
    from_synthetic,
    parse_clip_name,
    read_partition,
    window_labels,
)
from gaitscreen.core.model.inputs import InputSpec
from gaitscreen.core.model.metrics import binary_metrics, roc_auc, summarise, youden_threshold
from gaitscreen.core.model.crossval import subject_folds
from gaitscreen.core.model.training import TrainConfig, train_model
from gaitscreen.core.skeleton import MODEL24_NAMES, save_published_npz


@pytest.fixture(scope="module")
def clips():
    from gaitscreen.synth import generate_dataset

    return generate_dataset(6, seed=3)


# --- Splits ----------------------------------------------------------------------------


@pytest.mark.parametrize("k", [2, 3, 5])
def test_subject_folds_are_disjoint_cover_everyone_and_stratify(k):
    labels = {f"s{i:02d}": int(i % 3 == 0) for i in range(23)}
    sizes = {s: 1 + i % 4 for i, s in enumerate(labels)}
    folds = subject_folds(labels, k, seed=1, sizes=sizes)
    assert len(folds) == k
    flat = [s for f in folds for s in f]
    assert sorted(flat) == sorted(labels) and len(flat) == len(set(flat))
    for a, b in itertools.combinations(folds, 2):
        assert not set(a) & set(b)
    unstable = [sum(labels[s] for s in f) for f in folds]
    assert max(unstable) - min(unstable) <= 1  # 8 unstable subjects spread evenly
    assert max(map(len, folds)) - min(map(len, folds)) <= 1
    assert folds == subject_folds(labels, k, seed=1, sizes=sizes)  # seeded


def test_subject_folds_refuse_too_few_subjects():
    with pytest.raises(GaitScreenError, match="at least 3 subjects"):
        subject_folds({"a": 0, "b": 1}, 3)
    with pytest.raises(GaitScreenError):
        subject_folds({"a": 0, "b": 1}, 1)


def test_dataset_subject_labels_use_clip_majority(clips):
    data = from_synthetic(clips)
    labels = data.subject_labels()
    assert set(labels) == set(data.subjects)
    for s, lab in labels.items():
        clip_labels = {c.clip_id: c.label for c in clips if c.subject_id == s}
        assert lab == int(2 * sum(clip_labels.values()) >= len(clip_labels))


# --- Metrics ---------------------------------------------------------------------------


def _pairwise_auc(y, s):
    pos, neg = s[y == 1], s[y == 0]
    return np.mean([(p > n) + 0.5 * (p == n) for p in pos for n in neg])


def test_roc_auc_hand_computed_values():
    assert roc_auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == pytest.approx(0.75)
    # ties between classes count half: (0.5 + 1 + 1 + 1) / 4
    assert roc_auc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9]) == pytest.approx(0.875)
    assert roc_auc([0, 1, 0, 1], [0.3, 0.3, 0.3, 0.3]) == pytest.approx(0.5)
    assert roc_auc([1, 1, 0], [0.0, 0.1, 0.9]) == pytest.approx(0.0)
    assert np.isnan(roc_auc([1, 1], [0.2, 0.3]))
    rng = np.random.default_rng(0)
    y, s = rng.integers(0, 2, 200), rng.integers(0, 6, 200).astype(float)  # many ties
    assert roc_auc(y, s) == pytest.approx(_pairwise_auc(y, s))


def test_youden_threshold():
    assert youden_threshold([0, 0, 1, 1], [0.1, 0.3, 0.6, 0.8]) == pytest.approx(0.45)
    assert youden_threshold([0, 1, 0, 1], [0.40, 0.42, 0.41, 0.43]) == pytest.approx(0.415)
    assert youden_threshold([1, 1], [0.2, 0.3]) == 0.5
    assert youden_threshold([0, 1], [0.995, 0.999]) == 0.99  # kept inside the card's (0, 1)


def test_binary_metrics_confusion_and_scores():
    m = binary_metrics([1, 1, 0, 0, 1], [0.9, 0.4, 0.6, 0.1, 0.5], threshold=0.5)
    # P > 0.5 is unstable (as at inference): predictions 1, 0, 1, 0, 0
    assert m["confusion"] == [[1, 1], [2, 1]]
    assert m["accuracy"] == pytest.approx(2 / 5)
    assert m["precision"] == pytest.approx(1 / 2) and m["recall"] == pytest.approx(1 / 3)
    assert m["f1"] == pytest.approx(2 * 0.5 * (1 / 3) / (0.5 + 1 / 3))
    s = summarise([{**m, "accuracy": 0.5}, {**m, "accuracy": 0.7}, {**m, "roc_auc": float("nan")}])
    assert s["accuracy"]["mean"] == pytest.approx((0.5 + 0.7 + 0.4) / 3)
    assert s["accuracy"]["sd"] == pytest.approx(np.std([0.5, 0.7, 0.4], ddof=1))
    assert s["roc_auc"]["folds"] == 2


# --- Augmentations ---------------------------------------------------------------------


def _windows(b: int = 5, dims: int = 2, seed: int = 0) -> np.ndarray:
    x = np.zeros((b, 3, 64, 24, 2), np.float32)
    x[:, :dims, :, :, 0] = np.random.default_rng(seed).normal(size=(b, dims, 64, 24))
    return x


def test_mirror_swaps_left_and_right_and_is_an_involution():
    names = MODEL24_NAMES
    assert all(MIRROR24[MIRROR24[j]] == j for j in range(24))
    x = _windows()
    m = mirror(x)
    for j, name in enumerate(names):
        other = name.replace("left_", "@").replace("right_", "left_").replace("@", "right_")
        k = names.index(other)
        np.testing.assert_array_equal(m[:, 0, :, j], -x[:, 0, :, k])
        np.testing.assert_array_equal(m[:, 1:, :, j], x[:, 1:, :, k])
    assert names[MIRROR24[names.index("left_wrist")]] == "right_wrist"
    assert names[MIRROR24[names.index("spine_mid")]] == "spine_mid"
    np.testing.assert_array_equal(mirror(m), x)


@pytest.mark.parametrize("dims", [2, 3])
def test_augment_keeps_shapes_second_person_and_flat_z(dims):
    x = _windows(dims=dims)
    out = augment(x, np.random.default_rng(1), AugmentConfig(time_p=1.0, dropout_p=1.0), dims=dims)
    assert out.shape == x.shape and out.dtype == np.float32
    assert np.isfinite(out).all()
    assert not np.any(out[..., 1])  # the empty second person stays empty
    if dims == 2:
        assert not np.any(out[:, 2])
    assert not np.allclose(out, x)
    np.testing.assert_array_equal(x, _windows(dims=dims))  # input untouched


def test_augment_without_strength_is_identity_and_mirror_only_is_mirror():
    x = _windows()
    off = AugmentConfig(time_p=0, dropout_p=0, mirror_p=0, rotate_deg=0, yaw_deg=0, scale=0,
                        translate=0, noise_std=0)
    np.testing.assert_allclose(augment(x, np.random.default_rng(0), off), x, atol=1e-6)
    only_mirror = AugmentConfig(**{**off.__dict__, "mirror_p": 1.0})
    np.testing.assert_allclose(augment(x, np.random.default_rng(0), only_mirror), mirror(x), atol=1e-6)


# --- Data ------------------------------------------------------------------------------


def test_parse_clip_name():
    assert parse_clip_name("1_023_120to210_1") == ("1_023", 120, 210, 1)
    assert parse_clip_name("2_105_0to90_0") == ("2_105", 0, 90, 0)
    for bad in ("3_023_120to210_1", "1_023_120-210_1", "1_023_120to210_2", "clip"):
        with pytest.raises(SkeletonFormatError):
            parse_clip_name(bad)


def test_window_labels_follow_the_interval_rule():
    fps = 30.0
    t = np.arange(90) / fps
    starts = np.array([0.0, 1.0]), np.array([64 / fps, 1.0 + 64 / fps])
    inst = np.zeros(90, np.float32)
    inst[70:85] = 0.6  # a 0.5-s event wholly inside the clip: only window 2 holds it
    assert window_labels(inst, t, fps, *starts).tolist() == [0, 1]
    inst = np.zeros(90, np.float32)
    inst[55:70] = 0.6  # 0.5 s; window 1 holds 9 frames (0.3 s) = 60 % of it
    assert window_labels(inst, t, fps, *starts).tolist() == [1, 1]
    inst = np.zeros(90, np.float32)
    inst[:10] = 0.6  # fragment at the clip edge: only the 0.5-s criterion applies
    assert window_labels(inst, t, fps, *starts).tolist() == [0, 0]


def test_synthetic_windows_have_labels_subjects_and_clips(clips):
    data = from_synthetic(clips)
    assert data.x.shape[1:] == (3, 64, 24, 2) and len(data) >= len(clips)
    assert data.spec.dims == 2 and not np.any(data.x[:, 2])
    assert set(data.subjects) == {c.subject_id for c in clips}
    assert not data.y[data.clip_label == 0].any()  # no event in a stable clip's windows
    plain = from_synthetic(clips, window_rule=False)
    np.testing.assert_array_equal(plain.y, plain.clip_label)


def test_published_npz_and_labelled_clips(tmp_path, clips):
    names = [f"{1 + i % 2}_{i // 2:03d}_{30 * i}to{30 * i + 90}_{c.label}" for i, c in enumerate(clips[:4])]
    path = tmp_path / "clips.npz"
    save_published_npz(path, {n: c.skeleton_3d for n, c in zip(names, clips)})
    data = from_published_npz(path)
    assert data.spec.dims == 3 and np.any(data.x[:, 2])
    assert set(data.clip) == set(names)
    for n in names:
        assert set(data.subject[data.clip == n]) == {n.rsplit("_", 2)[0]}
        assert set(data.y[data.clip == n]) == {int(n[-1])}
    labelled = from_labelled_clips([(c.skeleton, c.label, c.subject_id) for c in clips[:3]])
    assert labelled.spec.dims == 2 and len(np.unique(labelled.clip)) == 3
    np.testing.assert_array_equal(labelled.y, labelled.clip_label)


def test_read_partition_padded_clips_and_ready_windows(tmp_path, clips):
    n, pad = 3, 120
    x = np.zeros((n, pad, 51), np.float32)
    lengths = []
    for k, c in enumerate(clips[:n]):
        t = c.skeleton_3d.num_frames - 5 * k
        x[k, :t] = c.skeleton_3d.joints[:t].reshape(t, 51)
        lengths.append(t)
    names = np.array(["1_001_0to90_1", "1_001_90to180_0", "2_007_0to90_0"])
    ready = np.random.default_rng(0).normal(size=(4, 3, 64, 25, 1)).astype(np.float32)
    path = tmp_path / "partition1.npz"
    np.savez(path, x_train=x, y_train=np.array([1, 0, 0]), len_train=np.array(lengths), clips_train=names,
             x_test=ready, y_test=np.eye(2)[[0, 1, 1, 0]])
    parts = read_partition(path)
    assert set(parts) == {"train", "test"}
    train, test = parts["train"], parts["test"]
    assert set(train.subject) == {"1_001", "2_007"} and train.spec == InputSpec.for_dims(3)
    assert set(train.y[train.clip == "1_001_0to90_1"]) == {1}
    assert test.x.shape == (4, 3, 64, 24, 2) and not np.any(test.x[..., 1])
    np.testing.assert_array_equal(test.y, [0, 1, 1, 0])
    np.testing.assert_array_equal(test.x[:, :, :, 0, 0], ready[:, :, :, 6, 0])  # model joint 0 = NTU 6

    bad = tmp_path / "bad.npz"
    np.savez(bad, x_train=np.zeros((2, 64, 40)), y_train=np.array([0, 1]))
    with pytest.raises(SkeletonFormatError, match=r"\(2, 64, 40\)"):
        read_partition(bad)


# --- Training --------------------------------------------------------------------------


def _tiny(clips) -> WindowDataset:
    return from_synthetic(clips, stride=64)


def test_training_honours_progress_and_cancel(clips):
    data = _tiny(clips)
    calls = []

    def progress(done, total, stage):
        calls.append((done, total, stage))

    with pytest.raises(Cancelled):
        train_model(data, TrainConfig(epochs=1, batch_size=2, device="cpu"), progress=progress,
                    should_cancel=lambda: len(calls) >= 1)
    assert calls == [(1, (len(data) + 1) // 2, "Training")]


def _train_tiny(out, *extra: str) -> int:
    """``gaitscreen train`` on 3 synthetic subjects, one epoch, compact, on the CPU."""
    from gaitscreen.cli import main

    return main(["train", "--synthetic", "3", "--seed", "1", "--epochs", "1", "--batch", "16",
                 "--train-stride", "64", "--device", "cpu", "--architecture", "compact",
                 "--out", str(out), "-q", *extra])


def test_train_command_end_to_end(tmp_path):
    from gaitscreen.core.model.checkpoint import load_classifier

    out = tmp_path / "tiny.pt"
    assert _train_tiny(out, "--folds", "2", "--version", "9") == 0
    card = json.loads((tmp_path / "tiny.card.json").read_text())
    assert card["architecture"]["config"]["channels"] == [32, 64, 64, 64]
    assert card["threshold"] == 0.5  # the published rule unless --tune-threshold
    assert card["training_data"]["synthetic"] is True
    assert card["training_data"]["seed"] == 1 and card["training_data"]["generator_version"]
    assert card["clinically_validated"] is False
    assert any("not a validated clinical model" in s for s in card["limitations"])
    assert card["name"] == "tiny" and card["version"] == "9"
    assert card["window_recipe"]["sampling"] == "consecutive" and card["window_recipe"]["index"] == "per-window"
    metrics = json.loads((tmp_path / "tiny.metrics.json").read_text())
    folds = metrics["cross_validation"]["folds"]
    assert len(folds) == 2
    assert not set(folds[0]["test_subjects"]) & set(folds[1]["test_subjects"])
    for f in folds:
        assert np.array(f["metrics"]["confusion"]).sum() == f["metrics"]["n"]
    assert set(metrics["cross_validation"]["summary"]) >= {"accuracy", "precision", "recall", "f1", "roc_auc"}
    loaded = load_classifier(out)  # the file and card load back, sha256 checked
    assert loaded.card.input.dims == 2 and loaded.sha256 == card["sha256"]


def test_span_recipe_trains_and_the_card_records_it(tmp_path):
    """--window-recipe span: 3-s spans sampled to 64 frames with the index over the span; the card
    records it, and classification cuts the same windows."""
    from gaitscreen.core.model import data as d
    from gaitscreen.core.model.checkpoint import load_classifier
    from gaitscreen.core.model.recipe import span_recipe
    from gaitscreen.synth import generate_dataset

    out = tmp_path / "span.pt"
    assert _train_tiny(out, "--folds", "0", "--persons", "1", "--window-recipe", "span") == 0
    card = json.loads((tmp_path / "span.card.json").read_text())
    assert card["window_recipe"] == span_recipe(3.0).to_dict()
    assert load_classifier(out).card.recipe == span_recipe(3.0)
    windows = d.from_synthetic(generate_dataset(2, seed=3), recipe=span_recipe(3.0))
    assert len(windows) and windows.index_t.min() >= -1.0 and windows.index_t.max() < 1.0
    assert len(windows) < len(d.from_synthetic(generate_dataset(2, seed=3)))  # one span per 3-s clip


def test_one_person_model_trains_and_classifies(tmp_path, clips):
    """--persons 1: the windows, the network and the card all carry one person slot, and
    the model classifies a walk prepared from its card (the same path as the app)."""
    from gaitscreen.core.model.checkpoint import load_classifier
    from gaitscreen.core.model.runtime import TorchClassifier

    out = tmp_path / "one.pt"
    assert _train_tiny(out, "--folds", "0", "--persons", "1") == 0
    card = json.loads((tmp_path / "one.card.json").read_text())
    assert card["input"]["persons"] == 1 and card["architecture"]["config"]["num_people"] == 1
    loaded = load_classifier(out)
    assert loaded.model.config.num_people == 1
    data = from_synthetic(clips[:2], spec=loaded.card.input)
    assert data.x.shape[-1] == 1
    p = TorchClassifier(loaded).predict_proba(data.x, data.index_t)
    assert p.shape == (len(data),) and np.all((p >= 0) & (p <= 1))


def test_with_persons_pads_and_cuts_only_empty_slots(clips):
    data = _tiny(clips)
    assert data.x.shape[-1] == 2 and not data.x[..., 1].any()
    one = data.with_persons(1)
    assert one.x.shape[-1] == 1 and one.spec.persons == 1
    np.testing.assert_array_equal(one.x[..., 0], data.x[..., 0])
    back = one.with_persons(2)
    np.testing.assert_array_equal(back.x, data.x)
    assert back.spec == data.spec
    crowded = data.subset(np.arange(2))
    crowded.x[..., 1] = 1.0
    with pytest.raises(GaitScreenError, match="cannot be cut to 1"):
        crowded.with_persons(1)


def test_architecture_presets():
    from gaitscreen.core.model.skateformer import SkateFormerConfig

    ntu, compact = SkateFormerConfig.named("ntu"), SkateFormerConfig.named("compact")
    assert ntu == SkateFormerConfig.ntu_sarcopenia()
    # Same inputs, narrower network.
    for name in ("num_points", "num_people", "in_channels", "frames", "depths", "type_2_size"):
        assert getattr(compact, name) == getattr(ntu, name)
    assert compact.channels == (32, 64, 64, 64) and compact.num_heads == 8
    with pytest.raises(ValueError, match="unknown SkateFormer size"):
        SkateFormerConfig.named("huge")


def test_train_command_user_errors(tmp_path, capsys):
    from gaitscreen.cli import main

    assert main(["train", "--synthetic", "3", "--out", str(tmp_path / "no" / "m.pt")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["train", "--partition", str(tmp_path / "missing.npz"), "--out", str(tmp_path / "m.pt")]) == 2
    assert "not found" in capsys.readouterr().err


def test_train_command_with_partition_files(tmp_path):
    from gaitscreen.cli import main

    rng = np.random.default_rng(0)
    paths = []
    for k in range(2):
        names = {split: np.array([f"{1 + i % 2}_{10 * k + i:03d}_0to90_{i % 2}" for i in range(n)])
                 for split, n in (("train", 6), ("test", 3))}
        arrays = {}
        for split, clips_ in names.items():
            arrays[f"x_{split}"] = rng.normal(size=(len(clips_), 3, 64, 25, 2)).astype(np.float32)
            arrays[f"y_{split}"] = np.array([int(c[-1]) for c in clips_])
            arrays[f"clips_{split}"] = clips_
        paths.append(tmp_path / f"partition{k + 1}.npz")
        np.savez(paths[-1], **arrays)
    out = tmp_path / "pub.pt"
    code = main(["train", "--partition", *map(str, paths), "--epochs", "1", "--no-final", "--device", "cpu",
                 "--out", str(out), "-q"])
    assert code == 0
    card = json.loads((tmp_path / "pub.card.json").read_text())
    assert card["training_data"]["synthetic"] is False and card["clinically_validated"] is False
    assert card["input"]["dims"] == 3 and "fold-1" in card["training_data"]["weights"]
    metrics = json.loads((tmp_path / "pub.metrics.json").read_text())
    assert [f["metrics"]["n"] for f in metrics["cross_validation"]["folds"]] == [3, 3]


def test_bf16_training_keeps_float32_weights_and_really_changes_the_arithmetic(clips):
    """--precision bf16 autocasts forward passes only: the trained weights stay float32,
    the loss stays finite, and the run differs from float32 (the autocast is in effect)."""
    import torch

    data = _tiny(clips).with_persons(1)
    runs = {}
    for precision in ("fp32", "bf16"):
        config = TrainConfig(epochs=1, batch_size=4, device="cpu", architecture="compact", precision=precision)
        outcome = train_model(data, config, seed=3)
        state = outcome.model.state_dict()
        assert all(v.dtype in (torch.float32, torch.int64) for v in state.values())
        assert np.isfinite(outcome.history[0]["loss"])
        runs[precision] = state
    diff = max(float((runs["fp32"][k].float() - runs["bf16"][k].float()).abs().max()) for k in runs["fp32"])
    assert diff > 1e-6
    with pytest.raises(GaitScreenError, match="precision"):
        train_model(data, TrainConfig(epochs=1, batch_size=4, device="cpu", precision="fp8"))
