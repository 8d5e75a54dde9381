"""Our own lifter: MPJPE metrics, the synthetic training material, ``gaitscreen train-lifter``,
and the bundled ``models/gaitscreen-lifter-synthetic.pt`` (card, ONNX parity, accuracy, ``pose --lift``)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from gaitscreen.cli import main
from gaitscreen.core.errors import ModelError
from gaitscreen.core.fileio import sha256_file
from gaitscreen.core.lifting import OnnxLifter, PoseFormerV2Config, TorchLifter, load_lifter, seed_world_joints
from gaitscreen.synth.lifter.card import read_lifter_card
from gaitscreen.core.lifting.metrics import mpjpe, p_mpjpe
from gaitscreen.synth.lifter.synthetic import camera_targets, lifter_inputs, lifter_pixels, synthetic_walks
from gaitscreen.synth.lifter.training import ModelLifter, evaluate_lifter
from gaitscreen.core.skeleton import SkeletonSequence

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "models" / "gaitscreen-lifter-synthetic.pt"
TINY_ARGS = ("--embed-ratio", "4", "--depth", "1", "--heads", "2", "--frames-kept", "5", "--receptive-field", "27")


def _rotation(axis: np.ndarray, angle: float) -> np.ndarray:
    axis = axis / np.linalg.norm(axis)
    k = np.array([[0, -axis[2], axis[1]], [axis[2], 0, -axis[0]], [-axis[1], axis[0], 0]])
    return np.eye(3) + np.sin(angle) * k + (1 - np.cos(angle)) * k @ k


def test_mpjpe_on_made_up_poses() -> None:
    rng = np.random.default_rng(3)
    target = rng.normal(0, 0.3, (5, 17, 3))
    # A rotated, scaled and shifted copy is the same shape: P-MPJPE 0, MPJPE not.
    copy = 1.7 * target @ _rotation(np.array([0.3, -1.0, 0.5]), 0.8).T + np.array([0.4, -2.0, 3.0])
    assert p_mpjpe(copy, target) == pytest.approx(0.0, abs=1e-9)
    assert mpjpe(copy, target) > 0.1
    # MPJPE aligns the root only: a shifted copy scores 0, one joint 0.17 m off scores 0.17 / 17.
    assert mpjpe(target + np.array([1.0, 2.0, 3.0]), target) == pytest.approx(0.0, abs=1e-12)
    moved = target.copy()
    moved[:, 5, 1] += 0.17
    assert mpjpe(moved, target) == pytest.approx(0.01)
    assert mpjpe(moved, target, root=None) == pytest.approx(0.01)
    # A mirror image is not a rotation: Procrustes may not reflect it away.
    assert p_mpjpe(target * np.array([-1.0, 1.0, 1.0]), target) > 0.05
    with pytest.raises(ValueError):
        mpjpe(target[:, :, :2], target[:, :, :2])


def test_training_material_is_in_the_published_lifters_frame() -> None:
    walk = synthetic_walks(1, seed=5, split="check")[0]
    cam = camera_targets(walk)
    x = lifter_inputs(walk)
    assert cam.shape == (walk.num_frames, 17, 3) and x.shape == (walk.num_frames, 17, 2)
    assert np.allclose(cam[:, 0], 0)
    # Camera axes (x right, y down, z forward): walking toward the camera, the subject's left hip
    # (H36M 4) is on the camera's right, the head (10) is up, i.e. at negative y.
    assert (cam[:, 4, 0] > 0).all() and (cam[:, 1, 0] < 0).all() and (cam[:, 10, 1] < -0.4).all()
    # The seed's post-processing turns it into the world frame both lifters end in: z up, floor at 0.
    world = seed_world_joints(cam)
    assert (world[:, 10, 2] > world[:, 0, 2] + 0.4).all() and (world[:, 0, 2] > world[:, [3, 6], 2].max(1)).all()
    assert np.allclose(world[:, :, 2].min(axis=1), 0)
    # The input is the seed's conversion of the detector-like pixels, screen-normalised.
    w, h = walk.skeleton.image_size
    assert np.allclose(x, lifter_pixels(walk) / w * 2 - np.array([1.0, h / w]), atol=1e-5)
    # Another split never shares a subject; the same split and seed are the same walks.
    other = synthetic_walks(1, seed=5, split="train")[0]
    assert other.subject_id != walk.subject_id
    assert np.array_equal(synthetic_walks(1, seed=5, split="check")[0].skeleton.joints, walk.skeleton.joints)


def test_train_lifter_writes_a_loadable_lifter_with_its_card(tmp_path: Path, capsys) -> None:
    out = tmp_path / "tiny-lifter.pt"
    code = main(["train-lifter", "--out", str(out), "--subjects", "3", "--test-subjects", "1", "--epochs", "1",
                 "--frame-stride", "8", "--seed", "4", "--version", "0.0.1", "-q", *TINY_ARGS])
    assert code == 0
    assert "tiny-lifter 0.0.1: MPJPE" in capsys.readouterr().out
    card = read_lifter_card(out)
    assert card["sha256"] == sha256_file(out) and card["name"] == "tiny-lifter"
    assert card["training_data"]["synthetic"] is True and card["training_data"]["subjects"] == 3
    assert card["input"]["receptive_field"] == 27 and card["output"]["units"] == "m"
    for key in ("mpjpe_mm", "p_mpjpe_mm", "mean_pose_mpjpe_mm", "held_out_subjects", "frames"):
        assert key in card["metrics"]
    assert card["metrics"]["held_out_subjects"] == 1 and card["metrics"]["p_mpjpe_mm"] <= card["metrics"]["mpjpe_mm"]
    loaded = load_lifter(out)  # the configuration comes from the file
    assert loaded.config == PoseFormerV2Config(**card["architecture"]["config"])
    assert loaded.config.embed_dim_ratio == 4 and loaded.config.receptive_field == 27
    onnx = OnnxLifter(out.with_suffix(".onnx"), sha256=card["sha256"], device="cpu")
    assert onnx.frames == 27 and card["onnx"]["sha256"] == sha256_file(out.with_suffix(".onnx"))
    # The card's numbers are what the saved file does on those held-out subjects.
    again = evaluate_lifter(TorchLifter(loaded), synthetic_walks(1, seed=4, split="test"), receptive_field=27)
    assert again["mpjpe_mm"] == pytest.approx(card["metrics"]["mpjpe_mm"], abs=0.02)
    # A card beside another file is refused.
    out.write_bytes(out.read_bytes() + b"\0")
    with pytest.raises(ModelError, match="describes another file"):
        read_lifter_card(out)


def test_train_lifter_refuses_bad_arguments_and_writes_nothing(tmp_path: Path, capsys) -> None:
    out = tmp_path / "bad.pt"
    assert main(["train-lifter", "--out", str(out), "--epochs", "0", "-q"]) == 2
    assert main(["train-lifter", "--out", str(out), "--embed-ratio", "5", "--heads", "4", "-q"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and "--epochs must be at least 1" in err[0] and "does not build" in err[1]
    assert list(tmp_path.iterdir()) == []


# --- the bundled lifter ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> tuple[TorchLifter, dict]:
    card = read_lifter_card(BUNDLED)  # also checks the card's sha256 against the file
    return TorchLifter(load_lifter(BUNDLED)), card


def test_bundled_lifter_card_matches_its_files(bundled) -> None:
    lifter, card = bundled
    assert card["name"] == "gaitscreen-lifter-synthetic" and card["training_data"]["synthetic"] is True
    assert "synthetic" in card["limitations"] and card["clinically_validated"] is False
    assert lifter.loaded.config.to_dict() == card["architecture"]["config"]
    assert card["input"]["receptive_field"] == 81  # the lifting stage's default window
    assert sum(p.numel() for p in lifter.loaded.model.parameters()) == card["architecture"]["parameters"]
    assert BUNDLED.stat().st_size < 4_000_000
    onnx_path = BUNDLED.with_suffix(".onnx")
    assert card["onnx"]["sha256"] == sha256_file(onnx_path)
    onnx = OnnxLifter(onnx_path, sha256=card["sha256"], device="cpu")
    x = lifter_inputs(synthetic_walks(1, seed=99, split="parity")[0])[:81][None]
    assert np.abs(onnx.predict(x) - lifter.predict(x)).max() < 1e-4


def test_bundled_lifter_is_accurate_on_new_synthetic_subjects(bundled) -> None:
    """Held-out subjects of a seed and split never used in training.

    Bound: halfway between the card's MPJPE and the error of answering the mean
    training pose for every frame (what a lifter that ignores its input reaches;
    random weights are far worse). Six new subjects scatter around the card's
    40-subject figure by much less than that margin.
    """
    lifter, card = bundled
    walks = synthetic_walks(6, seed=2027, split="check")
    card_m = card["metrics"]
    got = evaluate_lifter(lifter, walks, receptive_field=81)
    bound = 0.5 * (card_m["mpjpe_mm"] + card_m["mean_pose_mpjpe_mm"])
    assert got["mpjpe_mm"] < bound, (got, card_m)
    assert got["p_mpjpe_mm"] < 0.5 * (card_m["p_mpjpe_mm"] + card_m["mean_pose_mpjpe_mm"]), (got, card_m)


def test_random_weights_fail_the_accuracy_bound(bundled) -> None:
    """The bound of the test above is a real check: the same architecture untrained misses it."""
    import torch

    from gaitscreen.core.lifting.poseformer import PoseFormerV2

    _, card = bundled
    torch.manual_seed(0)
    untrained = PoseFormerV2(PoseFormerV2Config(**card["architecture"]["config"])).eval()
    got = evaluate_lifter(ModelLifter(untrained), synthetic_walks(1, seed=2027, split="check"), receptive_field=81)
    assert got["mpjpe_mm"] > 0.5 * (card["metrics"]["mpjpe_mm"] + card["metrics"]["mean_pose_mpjpe_mm"])


def test_pose_lift_with_the_bundled_lifter(walk_video: Path, tmp_path: Path) -> None:
    """The shared video through ``pose --lift`` with our lifter (checkpoint and ONNX): an upright walker."""
    from test_cli_pose import gaitscreen

    for lifter_file, runtime in ((BUNDLED, "torch"), (BUNDLED.with_suffix(".onnx"), "onnx")):
        out = tmp_path / f"walk3d_{runtime}.npz"
        done = gaitscreen("pose", str(walk_video), "-o", str(out), "--lift", str(lifter_file), "--device", "cpu", "-q")
        assert done.returncode == 0, done.stderr
        assert f"lifted to 3-D with gaitscreen-lifter-synthetic ({runtime}, cpu)" in done.stdout
        skeleton = SkeletonSequence.load_npz(out)
        assert skeleton.dims == 3 and skeleton.layout == "h36m17"
        assert skeleton.meta["lifter"]["sha256"] == json.loads(BUNDLED.with_suffix(".card.json").read_text())["sha256"]
        j = skeleton.joints[skeleton.present]
        # Upright: head above thorax above pelvis above both ankles, in nearly every frame.
        upright = (j[:, 10, 2] > j[:, 8, 2]) & (j[:, 8, 2] > j[:, 0, 2]) & (j[:, 0, 2] > j[:, [3, 6], 2].max(1))
        assert upright.mean() > 0.95
