"""The 3-D path from the other commands: ``pose --lift`` without a file, ``classify`` on a lifted
skeleton, ``batch --lifter``.

The published-format stability checkpoint and the tiny lifter are made with deterministic
weights by ``test_published_path``'s fixture; the numbers mean nothing, the path does.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from gaitscreen.cli import main
from gaitscreen.core.fileio import sha256_file
from gaitscreen.core.skeleton import SkeletonSequence
from test_cli_analyze import _save as save_tiny_model
from test_published_path import _one_line, empty_models, published  # noqa: F401 (fixtures)


@pytest.fixture(scope="module")
def lifted(published, walk_video, tmp_path_factory, monkeypatch_module) -> Path:  # noqa: F811
    """``pose VIDEO --lift -o OUT`` with no FILE: the models folder's lifter is used."""
    folder = tmp_path_factory.mktemp("lifted")
    models = folder / "models"
    models.mkdir()
    shutil.copy(published["lifter"], models / "site.lifter.pt")
    monkeypatch_module.setenv("GAITSCREEN_MODELS_DIR", str(models))
    out = folder / "walk3d.npz"
    # --lift right before another option: the option is not taken for its FILE
    assert main(["pose", str(walk_video), "--lift", "-o", str(out), "--device", "cpu", "-q"]) == 0
    monkeypatch_module.delenv("GAITSCREEN_MODELS_DIR")
    return out


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_pose_lift_without_file_uses_the_models_folder(lifted, published) -> None:  # noqa: F811
    skeleton = SkeletonSequence.load_npz(lifted)
    assert skeleton.layout == "h36m17" and skeleton.dims == 3 and skeleton.joints.shape[1:] == (17, 3)
    assert skeleton.meta["lifter"]["name"] == "site.lifter"
    assert skeleton.meta["lifter"]["sha256"] == sha256_file(published["lifter"])


def test_pose_lift_without_file_and_no_lifter_names_what_to_supply(walk_video, tmp_path, empty_models,  # noqa: F811
                                                                  capsys) -> None:
    out = tmp_path / "out.npz"
    assert main(["pose", str(walk_video), "-o", str(out), "--lift", "-q"]) == 2
    _one_line(capsys, "--lift", "27_243_45.2.bin", ".lifter.pt", str(empty_models))
    assert not out.exists()


@pytest.mark.parametrize("model", ["published", "tiny-3d"])
def test_classify_lifted_skeleton_matches_analyze(lifted, published, walk_video, tmp_path,  # noqa: F811
                                                 empty_models, model) -> None:  # noqa: F811
    """classify on ``pose --lift``'s file gives the windows analyze gives on the video: the published
    NTU preparation is applied (without it the 3-D H36M skeleton would be windowed as it is, which
    the random tiny 3-D model, more sensitive to its input than the published one, tells apart)."""
    model = published["model"] if model == "published" else save_tiny_model(tmp_path, "tiny-3d", 3)
    csv_path = tmp_path / "w.csv"
    assert main(["classify", str(lifted), "--model", str(model), "--device", "cpu",
                 "--csv", str(csv_path), "-q"]) == 0
    got = [float(r["p_unstable"]) for r in csv.DictReader(csv_path.open())]
    assert main(["analyze", str(walk_video), "--model", str(model), "--lifter",
                 str(published["lifter"]), "--json", str(tmp_path / "r.json"), "--pdf", str(tmp_path / "r.pdf"),
                 "--device", "cpu", "-q"]) == 0
    report = json.loads((tmp_path / "r.json").read_text())
    want = [w["p_unstable"] for w in report["screening"]["windows"]]
    assert len(got) == len(want) >= 1
    np.testing.assert_allclose(got, want, atol=1e-5)


def test_classify_refuses_a_3d_model_on_a_2d_skeleton(published, tmp_path, capsys) -> None:  # noqa: F811
    from gaitscreen.synth import generate_dataset

    flat = tmp_path / "walk2d.npz"
    generate_dataset(1, seed=2)[0].skeleton.save_npz(flat)
    csv_path = tmp_path / "w.csv"
    assert main(["classify", str(flat), "--model", str(published["model"]), "--csv", str(csv_path), "-q"]) == 2
    _one_line(capsys, "3-D", "walk2d.npz is 2-D", "--lift", "--lifter FILE")
    assert not csv_path.exists()


def test_batch_passes_the_lifter_on(published, walk_video, tmp_path, empty_models, capsys) -> None:  # noqa: F811
    videos = tmp_path / "visit"
    videos.mkdir()
    shutil.copy(walk_video, videos / "P-001.mp4")
    out = tmp_path / "reports"
    # without a lifter the 3-D model is refused before any video is screened
    assert main(["batch", str(videos), "--out", str(out), "--model", str(published["model"]), "-q"]) == 2
    _one_line(capsys, "3-D", "--lifter FILE")
    assert not (out / "summary.csv").exists()
    assert main(["batch", str(videos), "--out", str(out), "--model", str(published["model"]),
                 "--lifter", str(published["lifter"]), "--device", "cpu", "-q"]) == 0
    rows = list(csv.DictReader((out / "summary.csv").open()))
    assert [(r["file"], r["status"]) for r in rows] == [("P-001.mp4", "ok")]
    lifter = json.loads((out / "P-001.json").read_text())["screening"]["model"]["lifter"]
    assert lifter["name"] == "tiny_lifter" and lifter["sha256"] == sha256_file(published["lifter"])


def test_lift_every_runs_the_lifter_on_a_subset_and_interpolates(published) -> None:  # noqa: F811
    """Frames 0, N, 2N, … and the last are the full lift's own; those in between lie on the line
    between their neighbours; the lifter sees only the picked windows."""
    from gaitscreen.core.lifting import lift_skeleton
    from gaitscreen.core.lifting.path import open_lifter
    from gaitscreen.core.lifting.published import lift_camera, lifted_frames
    from gaitscreen.core.skeleton import coco17_to_h36m17_seed
    from gaitscreen.synth import generate_subject, generate_walk

    assert list(lifted_frames(10, 3)) == [0, 3, 6, 9] and list(lifted_frames(11, 3)) == [0, 3, 6, 9, 10]
    assert list(lifted_frames(5, 1)) == [0, 1, 2, 3, 4] and list(lifted_frames(1, 4)) == [0]
    with pytest.raises(ValueError):
        lifted_frames(5, 0)
    rng = np.random.default_rng(6)
    skeleton = generate_walk(generate_subject(rng, subject_id="S6"), duration_s=4.0, fps=30.0, rng=rng).skeleton
    lifter = open_lifter(published["lifter"])
    calls: list[int] = []
    predict = lifter.predict
    lifter.predict = lambda x: (calls.append(len(x)), predict(x))[1]
    joints, _ = coco17_to_h36m17_seed(skeleton.joints, skeleton.confidence)
    joints = np.where(np.isfinite(joints), joints, np.nanmean(joints, axis=0))[:101]
    assert len(joints) == 101
    full = lift_camera(joints, lifter, frame_size=skeleton.image_size)
    calls.clear()
    sparse = lift_camera(joints, lifter, frame_size=skeleton.image_size, every=4)
    assert sum(calls) == 2 * 26  # frames 0, 4, …, 100, each with its mirror
    picked = lifted_frames(101, 4)
    np.testing.assert_allclose(sparse[picked], full[picked], atol=1e-6)
    np.testing.assert_allclose(sparse[2], (full[0] + full[4]) / 2, atol=1e-6)
    np.testing.assert_allclose(sparse[99], full[96] + (full[100] - full[96]) * 3 / 4, atol=1e-6)
    calls.clear()
    lift_camera(joints[:99], lifter, frame_size=skeleton.image_size, every=4)
    assert sum(calls) == 2 * 26  # 0, 4, …, 96 and the last frame, 98
    assert lift_skeleton(skeleton, lifter, every=3).meta["lifter"]["lift_every"] == 3


def test_analyze_lift_every_is_recorded_and_checked(published, walk_video, tmp_path, empty_models,  # noqa: F811
                                                   capsys) -> None:
    out = tmp_path / "out"
    assert main(["analyze", str(walk_video), "--model", str(published["model"]), "--lifter",
                 str(published["lifter"]), "--lift-every", "3", "--json", str(out / "r.json"), "--pdf",
                 str(out / "r.pdf"), "--device", "cpu", "-q"]) == 0
    lifter = json.loads((out / "r.json").read_text())["screening"]["model"]["lifter"]
    assert lifter["lift_every"] == 3 and lifter["name"] == "tiny_lifter"
    bad = tmp_path / "bad"
    assert main(["analyze", str(walk_video), "--model", str(published["model"]), "--lifter",
                 str(published["lifter"]), "--lift-every", "0", "--json", str(bad / "r.json"), "--pdf",
                 str(bad / "r.pdf"), "-q"]) == 2
    _one_line(capsys, "--lift-every", "1 or more")
    assert not bad.exists()
