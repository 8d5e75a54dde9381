"""The published pipeline on video: a 3-D model card runs the lifting path, a 2-D one does not.

The stability checkpoint is published-format (a bare state_dict of the NTU
configuration, no card) and the lifter is published-format (``model_pos`` with
``module.`` prefixes; a small PoseFormerV2 whose file records its configuration),
both with deterministic weights made here: the numbers mean nothing, the path,
the report and the refusals are under test.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import numpy as np
import pytest
import torch

from gaitscreen.cli import main
from gaitscreen.core.errors import LifterMissingError
from gaitscreen.core.fileio import sha256_file
from gaitscreen.core.lifting import PoseFormerV2Config, published_ntu_joints
from gaitscreen.core.lifting.path import (BUNDLED_LIFTER, PUBLISHED_LIFTER_NAME, classifier_skeleton, find_lifter,
                                          resolve_lifter)
from gaitscreen.core.lifting.poseformer import PoseFormerV2
from gaitscreen.core.model import SkateFormer, SkateFormerConfig
from gaitscreen.core.model.checkpoint import load_classifier
from pdf_text import pdf_text
from test_cli_analyze import _save as save_tiny_model
from test_skateformer_reference import _filled_state

TINY_LIFTER = PoseFormerV2Config(embed_dim_ratio=8, depth=1, num_heads=2, frames_kept=9, coeffs_kept=9)


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> dict[str, Path]:
    """published_checkpoint.pt (bare NTU state_dict) and a lifter file, deterministic weights."""
    folder = tmp_path_factory.mktemp("published")
    model = SkateFormer(SkateFormerConfig.ntu_sarcopenia())
    torch.save(_filled_state(model), folder / "published_checkpoint.pt")
    torch.manual_seed(0)
    net = PoseFormerV2(TINY_LIFTER)
    torch.save({"model_pos": {"module." + k: v for k, v in net.state_dict().items()},
                "config": TINY_LIFTER.to_dict(), "epoch": 1}, folder / "tiny_lifter.bin")
    return {"model": folder / "published_checkpoint.pt", "lifter": folder / "tiny_lifter.bin",
            "2d": save_tiny_model(folder, "tiny-2d", 2)}


@pytest.fixture()
def empty_models(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "models"
    folder.mkdir()
    monkeypatch.setenv("GAITSCREEN_MODELS_DIR", str(folder))
    return folder


def _analyze(video: Path, model: Path, out: Path, *extra: str) -> int:
    return main(["analyze", str(video), "--model", str(model), "--pdf", str(out / "r.pdf"),
                 "--json", str(out / "r.json"), "--device", "cpu", "-q", *extra])


def test_published_checkpoint_runs_the_3d_path_end_to_end(published, walk_video, tmp_path, empty_models,
                                                          capsys) -> None:
    out = tmp_path / "out"
    out.mkdir()
    assert _analyze(walk_video, published["model"], out, "--lifter", str(published["lifter"])) == 0
    report = json.loads((out / "r.json").read_text())
    model = report["screening"]["model"]
    assert model["name"] == "published_checkpoint" and model["sha256"] == sha256_file(published["model"])
    assert model["lifter"] == {"name": "tiny_lifter", "sha256": sha256_file(published["lifter"]),
                               "runtime": "torch", "device": "cpu", "architecture": "PoseFormerV2",
                               "lift_every": 1}
    assert report["screening"]["counted_windows"] >= 1
    assert report["screening"]["risk_group"] in ("mostly stable", "mostly unstable")
    assert len(report["keyframes"][0]["joints"][0]) == 2  # report skeleton stays the 2-D one
    assert (out / "r.pdf").stat().st_size > 0
    printed = capsys.readouterr().out
    assert "on 3-D from tiny_lifter" in printed

    # The same lifter found in the models folder by its name rule gives the same numbers.
    again = tmp_path / "again"
    again.mkdir()
    (empty_models / "site.lifter.pt").write_bytes(published["lifter"].read_bytes())
    assert _analyze(walk_video, published["model"], again) == 0
    second = json.loads((again / "r.json").read_text())
    assert second["screening"]["model"]["lifter"]["name"] == "site.lifter"
    assert second["screening"]["model"]["lifter"]["sha256"] == model["lifter"]["sha256"]
    assert [w["p_unstable"] for w in second["screening"]["windows"]] == \
        [w["p_unstable"] for w in report["screening"]["windows"]]


def test_pdf_names_both_models(published, walk_video, tmp_path, empty_models) -> None:
    assert _analyze(walk_video, published["model"], tmp_path, "--lifter", str(published["lifter"])) == 0
    text = pdf_text(tmp_path / "r.pdf")
    assert sha256_file(published["model"]) in text and sha256_file(published["lifter"]) in text
    assert "3-D lifter" in text and "tiny_lifter" in text


def test_2d_model_takes_the_2d_path_even_with_a_lifter(published, walk_video, tmp_path, empty_models) -> None:
    assert _analyze(walk_video, published["2d"], tmp_path, "--lifter", str(published["lifter"])) == 0
    model = json.loads((tmp_path / "r.json").read_text())["screening"]["model"]
    assert model["name"] == "tiny-2d" and model["lifter"] is None


def _one_line(capsys, *fragments: str) -> str:
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(err) == 1 and err[0].startswith("gaitscreen: error: "), err
    for fragment in fragments:
        assert fragment in err[0], err[0]
    return err[0]


def test_3d_model_without_lifter_names_what_to_supply(published, walk_video, tmp_path, empty_models,
                                                      capsys) -> None:
    assert _analyze(walk_video, published["model"], tmp_path) == 2
    _one_line(capsys, "3-D", "--lifter FILE", PUBLISHED_LIFTER_NAME, ".lifter.pt", str(empty_models))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["models"]


class _Trap:
    def __init__(self, marker: Path) -> None:
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


@pytest.mark.parametrize("case", ["wrong_architecture", "truncated", "malicious", "missing"])
def test_bad_lifter_file_one_line_nothing_written(published, walk_video, tmp_path, empty_models, capsys,
                                                  case) -> None:
    lifter = tmp_path / f"{case}.bin"
    marker = tmp_path / "ran.txt"
    if case == "wrong_architecture":  # the published size is assumed without a config entry
        torch.save({"model_pos": torch.load(published["lifter"], weights_only=True)["model_pos"]}, lifter)
        fragment = "does not fit the PoseFormerV2 lifter"
    elif case == "truncated":
        lifter.write_bytes(published["lifter"].read_bytes()[:3000])
        fragment = "truncated.bin"
    elif case == "malicious":
        lifter.write_bytes(pickle.dumps({"model_pos": _Trap(marker)}))
        fragment = "malicious.bin"
    else:
        fragment = "not found"
    out = tmp_path / "out"
    out.mkdir()
    assert _analyze(walk_video, published["model"], out, "--lifter", str(lifter)) == 2
    _one_line(capsys, fragment)
    assert list(out.iterdir()) == [] and not marker.exists()


def test_models_folder_rule(tmp_path) -> None:
    assert find_lifter(tmp_path / "absent") is None and find_lifter(tmp_path) is None
    (tmp_path / BUNDLED_LIFTER).write_bytes(b"x")  # ours: the last resort, so 3-D models run out of the box
    assert find_lifter(tmp_path).name == BUNDLED_LIFTER
    (tmp_path / "b.lifter.pt").write_bytes(b"x")
    (tmp_path / "a.lifter.pt").write_bytes(b"x")
    (tmp_path / "other.bin").write_bytes(b"x")
    assert find_lifter(tmp_path).name == "a.lifter.pt"
    (tmp_path / PUBLISHED_LIFTER_NAME).write_bytes(b"x")
    assert find_lifter(tmp_path).name == PUBLISHED_LIFTER_NAME


def test_classifier_skeleton_is_the_seed_path(published, empty_models) -> None:
    """The 3-D model's input: lifted, then the published NTU preparation; the 2-D model's: unchanged."""
    from gaitscreen.core.lifting import lift_skeleton
    from gaitscreen.synth import generate_dataset

    clip = generate_dataset(2, seed=3)[0]
    skeleton = clip.skeleton
    card = load_classifier(published["model"]).card
    with pytest.raises(LifterMissingError):
        resolve_lifter(card, None)
    lifter = resolve_lifter(card, published["lifter"])
    ntu = classifier_skeleton(skeleton, card, lifter)
    assert ntu.layout == "ntu25" and ntu.dims == 3
    want = published_ntu_joints(lift_skeleton(skeleton, lifter).joints)
    np.testing.assert_allclose(ntu.joints, want, atol=1e-6, equal_nan=True)
    two_d = load_classifier(published["2d"]).card
    assert resolve_lifter(two_d, published["lifter"]) is None
    assert classifier_skeleton(skeleton, two_d, None) is skeleton


def test_app_analysis_takes_the_same_path(published, walk_video, tmp_path, empty_models) -> None:
    """The engine's analysis job: a 3-D active model runs on the lifter chosen in the app (a worker
    resource) or found in the models folder; without one the failure is recorded, nothing stored."""
    import threading

    from gaitscreen.engine.jobs import LIFTER_RESOURCE, AnalyseJob, ImportJob
    from gaitscreen.engine.progress import ProgressMeter
    from gaitscreen.engine.worker import JobContext, ModelCache, WorkerResources
    from gaitscreen.storage import Study

    study = Study.open(tmp_path / "study", user="tester")
    try:
        resources = WorkerResources({"study": lambda: study})
        cache = ModelCache()

        def ctx() -> JobContext:
            return JobContext(1, "test", threading.Event(), ProgressMeter(lambda *a: None, interval_s=0.0), cache,
                              resources, lambda _d: None)

        patient = study.add_patient("P01", birth_year=1950, sex="F", height_cm=160)
        rec = ImportJob(study.folder, patient.id, walk_video).run(ctx()).recording
        study.register_model(published["model"], activate=True)
        with pytest.raises(LifterMissingError, match="3-D"):
            AnalyseJob(study.folder, rec.id).run(ctx())
        assert study.status(rec.id).last_error and not study.status(rec.id).analysed

        resources.set_factory(LIFTER_RESOURCE, lambda: published["lifter"])
        done = AnalyseJob(study.folder, rec.id).run(ctx())
        model = study.load_report(done.analysis)["screening"]["model"]
        assert model["sha256"] == sha256_file(published["model"])
        assert model["lifter"]["name"] == "tiny_lifter"
        assert model["lifter"]["sha256"] == sha256_file(published["lifter"])
    finally:
        study.close()


def test_onnx_export_of_the_lifter_gives_the_same_3d_input(published, tmp_path) -> None:
    """``--lifter NAME.onnx`` (the export of a lifter file) runs the same path on ONNX Runtime."""
    from gaitscreen.core.lifting import export_lifter_onnx, load_lifter
    from gaitscreen.core.lifting.path import open_lifter
    from gaitscreen.synth import generate_dataset

    onnx = export_lifter_onnx(load_lifter(published["lifter"]), tmp_path / "tiny_lifter.onnx")
    card = load_classifier(published["model"]).card
    skeleton = generate_dataset(2, seed=4)[0].skeleton
    via_onnx = open_lifter(onnx)
    assert via_onnx.runtime == "onnx" and via_onnx.sha256 == sha256_file(published["lifter"])
    got = classifier_skeleton(skeleton, card, via_onnx).joints
    want = classifier_skeleton(skeleton, card, open_lifter(published["lifter"])).joints
    np.testing.assert_allclose(got, want, atol=1e-4, equal_nan=True)
