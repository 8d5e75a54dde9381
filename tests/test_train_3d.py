"""``gaitscreen train --input 3d``: synthetic walks lifted by our lifter train a 3-D stability model."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from gaitscreen.cli import main
from gaitscreen.core.fileio import sha256_file
from gaitscreen.synth.lifter.lifted import lift_clips, open_lifter
from gaitscreen.synth import cut_clips, generate_subject, generate_walk

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "models" / "gaitscreen-lifter-synthetic.pt"


def test_clips_of_a_walk_are_lifted_as_the_whole_walk() -> None:
    """Lifting the clips equals lifting their walk and cutting it (no padding at clip edges)."""
    from gaitscreen.core.lifting import lift_skeleton

    rng = np.random.default_rng(8)
    walk = generate_walk(generate_subject(rng, subject_id="s"), duration_s=9.5, unstable_events=1, rng=rng)
    clips = cut_clips(walk)
    lifter = open_lifter(BUNDLED)
    lifted = lift_clips(clips, lifter)
    whole = lift_skeleton(walk.skeleton, lifter).joints
    m = clips[0].num_frames
    for k, clip in enumerate(lifted):
        assert clip.skeleton.dims == 3 and clip.skeleton.layout == "h36m17" and clip.label == clips[k].label
        # The last clip's later frames see the walk's dropped tail frames in a whole-walk lift; compare
        # frames at least 40 (half a window) before the clips' end.
        stop = m if k < len(lifted) - 1 else m - 40
        assert np.allclose(clip.skeleton.joints[:stop], whole[k * m: k * m + stop], atol=1e-5)
        assert clip.skeleton.meta["lifter"]["sha256"] == sha256_file(BUNDLED)


def test_train_input_3d_writes_a_3d_model_recording_its_lifter(tmp_path: Path) -> None:
    from gaitscreen.core.model.checkpoint import load_classifier

    out = tmp_path / "three_d.pt"
    code = main(["train", "--synthetic", "3", "--seed", "1", "--epochs", "1", "--batch", "16",
                 "--train-stride", "64", "--device", "cpu", "--architecture", "compact", "--persons", "1",
                 "--folds", "0", "--input", "3d", "--out", str(out), "-q"])
    assert code == 0
    card = json.loads((tmp_path / "three_d.card.json").read_text())
    assert card["input"]["dims"] == 3 and card["input"]["normalisation"] == "spine-origin/metres"
    assert card["training_data"]["lifter"]["sha256"] == sha256_file(BUNDLED)
    assert "lifted to 3-D with gaitscreen-lifter-synthetic" in card["training_data"]["description"]
    assert load_classifier(out).card.input.dims == 3


def test_train_input_2d_with_published_layouts_is_refused(tmp_path: Path, capsys) -> None:
    npz = tmp_path / "clips.npz"
    np.savez(npz, **{"1_001_0to90_0": np.zeros((90, 51), np.float32)})
    assert main(["train", "--published-npz", str(npz), "--input", "2d", "--out", str(tmp_path / "m.pt"), "-q"]) == 2
    assert "hold 3-D skeletons" in capsys.readouterr().err
    assert not (tmp_path / "m.pt").exists()


def test_lifter_without_input_3d_is_refused(tmp_path: Path, capsys) -> None:
    out = tmp_path / "m.pt"
    assert main(["train", "--synthetic", "3", "--lifter", str(BUNDLED), "--out", str(out), "-q"]) == 2
    assert "--lifter applies only to --synthetic N --input 3d" in capsys.readouterr().err
    assert not out.exists()
