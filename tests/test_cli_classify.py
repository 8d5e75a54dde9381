"""``gaitscreen classify`` and ``gaitscreen export-onnx`` on a tiny random-weight model.

The model is a small SkateFormer with random weights: the probabilities mean
nothing, only the plumbing is tested.
"""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import numpy as np
import pytest
import torch

from gaitscreen.cli import main
from gaitscreen.core.model import SkateFormer, SkateFormerConfig
from gaitscreen.core.model.card import ModelCard, file_sha256
from gaitscreen.core.model.checkpoint import save_classifier
from gaitscreen.core.model.inputs import InputSpec
from gaitscreen.core.skeleton import SkeletonSequence

TINY = dataclasses.replace(SkateFormerConfig.ntu_sarcopenia(), num_heads=8, depths=(1, 1), channels=(16, 32))


def _coco_walk(frames: int, fps: float = 30.0, dims: int = 2) -> SkeletonSequence:
    """A COCO-17 subject 800 px tall swaying sideways, one sample per frame."""
    t = np.arange(frames) / fps
    pose = np.array([[500, 500]] * 5 + [[580, 620], [420, 620], [600, 750], [400, 750], [610, 870],
                                        [390, 870], [540, 900], [460, 900], [545, 1100], [455, 1100],
                                        [550, 1300], [450, 1300]], dtype=np.float64)
    joints = np.repeat(pose[None], frames, axis=0)
    joints[..., 0] += 20 * np.sin(2 * np.pi * t)[:, None]
    if dims == 3:
        joints = np.concatenate([joints / 500, np.ones((frames, 17, 1))], axis=2)
    return SkeletonSequence(joints=joints, confidence=np.ones((frames, 17)), timestamps=t, layout="coco17", fps=fps)


@pytest.fixture(scope="module")
def tiny_random_model(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("tiny")
    torch.manual_seed(0)
    model = SkateFormer(TINY).eval()
    card = ModelCard(name="tiny-random", version="0.0.1", architecture=ModelCard.architecture_of(TINY),
                     input=InputSpec(), training_data={"description": "random weights", "synthetic": True})
    save_classifier(model, card, folder / "tiny-random.pt")
    return folder / "tiny-random.pt"


@pytest.fixture(scope="module")
def walk_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("walk") / "walk.npz"
    _coco_walk(120).save_npz(path)  # 4 s at 30 fps: 1 + (120 - 64) // 8 = 8 windows
    return path


def _one_line_error(capsys, code: int, *fragments: str) -> None:
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 2 and len(lines) == 1 and lines[0].startswith("gaitscreen: error: "), err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def _read_csv(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_tiny_random_model_export_then_classify_with_onnx_and_torch(tiny_random_model, walk_file, tmp_path,
                                                                     capsys, monkeypatch) -> None:
    monkeypatch.delenv("GAITSCREEN_DEBUG", raising=False)
    assert main(["export-onnx", "--model", str(tiny_random_model), "-q"]) == 0
    out = capsys.readouterr().out
    onnx_file = tiny_random_model.with_suffix(".onnx")
    assert onnx_file.is_file() and str(onnx_file) in out and "opset 17" in out

    sha = file_sha256(tiny_random_model)[:12]
    results = {}
    for runtime in ("onnx", "torch"):
        table = tmp_path / f"{runtime}.csv"
        code = main(["classify", str(walk_file), "--model", str(tiny_random_model), "--runtime", runtime,
                     "--device", "cpu", "--csv", str(table), "-q"])
        assert code == 0
        lines = capsys.readouterr().out.strip().splitlines()
        assert len(lines) == 1 + 8 + 1  # header, 8 windows, summary
        assert "P(unstable)" in lines[0]
        summary = lines[-1]
        assert summary.startswith("walk.npz: 8 windows, ")
        assert f"tiny-random 0.0.1 (sha256 {sha}, {runtime} on cpu)" in summary
        assert "not clinically validated" in summary
        rows = _read_csv(table)
        assert [r["window"] for r in rows] == [str(i) for i in range(1, 9)]
        assert float(rows[1]["start_s"]) == pytest.approx(8 / 30, abs=1e-4)
        assert float(rows[0]["end_s"]) == pytest.approx(64 / 30, abs=1e-4)
        n_unstable = sum(r["unstable"] == "1" for r in rows)
        assert f"{n_unstable} unstable" in summary
        results[runtime] = np.array([float(r["p_unstable"]) for r in rows])
    np.testing.assert_allclose(results["onnx"], results["torch"], atol=1e-5)


def test_export_onnx_to_a_missing_folder(tiny_random_model, tmp_path, capsys) -> None:
    code = main(["export-onnx", "--model", str(tiny_random_model), "-o", str(tmp_path / "no" / "x.onnx"), "-q"])
    _one_line_error(capsys, code, "Output folder does not exist")


def test_export_onnx_into_a_read_only_folder(tiny_random_model, tmp_path, capsys, monkeypatch) -> None:
    """A frozen build keeps its model in the installation folder, which users cannot
    write to: the default output there is refused with a way out, nothing is written.
    (The tests run as root, which may write anywhere, so the permission is faked.)"""
    import gaitscreen.cli.export_onnx_cmd as cmd

    folder = tiny_random_model.parent
    real_access = cmd.os.access
    monkeypatch.setattr(cmd.os, "access", lambda path, mode: False if Path(path) == folder else real_access(path, mode))
    before = sorted(p.name for p in folder.iterdir())
    code = main(["export-onnx", "--model", str(tiny_random_model), "-q"])
    _one_line_error(capsys, code, f"Cannot write into {folder}", "pass -o OUT.onnx")
    assert sorted(p.name for p in folder.iterdir()) == before


def test_classify_too_short_walk(tiny_random_model, tmp_path, capsys) -> None:
    _coco_walk(20).save_npz(tmp_path / "short.npz")
    code = main(["classify", str(tmp_path / "short.npz"), "--model", str(tiny_random_model), "-q"])
    _one_line_error(capsys, code, "too short", "at least 1 s")


def test_classify_refuses_3d_model_on_2d_skeleton(tmp_path, walk_file, capsys) -> None:
    torch.manual_seed(1)
    state = SkateFormer(SkateFormerConfig.ntu_sarcopenia()).state_dict()
    torch.save({"model": state}, tmp_path / "published-random.pt")  # published-style: a 3-D model
    code = main(["classify", str(walk_file), "--model", str(tmp_path / "published-random.pt"), "-q"])
    _one_line_error(capsys, code, "expects 3-D skeletons and walk.npz is 2-D")


def test_classify_without_a_model_says_how_to_get_one(walk_file, tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("GAITSCREEN_MODELS_DIR", str(tmp_path))
    code = main(["classify", str(walk_file), "-q"])
    _one_line_error(capsys, code, "No stability model found", "gaitscreen train", "--model")


def test_classify_bad_model_file(walk_file, tmp_path, capsys) -> None:
    (tmp_path / "junk.pt").write_bytes(b"not a checkpoint")
    code = main(["classify", str(walk_file), "--model", str(tmp_path / "junk.pt"), "-q"])
    _one_line_error(capsys, code, "junk.pt is not a readable PyTorch checkpoint")


def test_classify_with_broken_onnx_exports_says_which_file(tmp_path, walk_file, capsys, monkeypatch) -> None:
    """A matching export that declares the wrong input shape is refused when opened; one
    that loads but cannot run fails on the first window: one line each, naming the file."""
    import shutil

    from onnx_faults import make_failing_at_run, make_wrong_shape

    monkeypatch.delenv("GAITSCREEN_DEBUG", raising=False)
    torch.manual_seed(0)
    card = ModelCard(name="tiny-random", version="0.0.1", architecture=ModelCard.architecture_of(TINY),
                     input=InputSpec(), training_data={"description": "random weights", "synthetic": True})
    for make, fragment in ((make_wrong_shape, "tiny-random.onnx takes input 'x' of shape"),
                           (make_failing_at_run, "The model tiny-random.onnx failed on the first window")):
        folder = tmp_path / make.__name__
        folder.mkdir()
        save_classifier(SkateFormer(TINY).eval(), card, folder / "tiny-random.pt")
        make(folder / "tiny-random.pt")
        code = main(["classify", str(walk_file), "--model", str(folder / "tiny-random.pt"), "--runtime", "onnx",
                     "-q"])
        _one_line_error(capsys, code, fragment)
        shutil.rmtree(folder)


def test_classify_marks_the_windows_each_rate_rule_counts(tiny_random_model, walk_file, tmp_path, capsys) -> None:
    """120 frames: 8 windows; non-overlapping counts only the first (a second needs 128 frames)."""
    for rule, counted in (("non-overlapping", ["1", "0", "0", "0", "0", "0", "0", "0"]), ("all-windows", ["1"] * 8)):
        table = tmp_path / f"{rule}.csv"
        args = ["classify", str(walk_file), "--model", str(tiny_random_model), "--runtime", "torch",
                "--device", "cpu", "--csv", str(table), "-q"]
        assert main(args + ([] if rule == "non-overlapping" else ["--rate-rule", rule])) == 0
        summary = capsys.readouterr().out.strip().splitlines()[-1]
        rows = _read_csv(table)
        assert [r["counted"] for r in rows] == counted
        n = counted.count("1")
        unstable = sum(r["unstable"] == "1" and r["counted"] == "1" for r in rows)
        assert f"R = {unstable / n:.2f} over {n} {rule} window" in summary
        # The fixture's card was written without a recipe: today's windows, and the summary says so.
        assert "window recipe not recorded in the model card; GaitScreen's default used" in summary
