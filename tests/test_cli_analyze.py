"""``gaitscreen analyze``: the main job from video to PDF/JSON/CSV.

The classifier is a small SkateFormer with random weights (the numbers mean
nothing; the plumbing, the report and the refusals are under test).
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
from pathlib import Path

import cv2
import pytest
import torch

from gaitscreen.cli import main
from gaitscreen.core.model import SkateFormer, SkateFormerConfig
from gaitscreen.core.model.card import ModelCard
from gaitscreen.core.model.checkpoint import save_classifier
from gaitscreen.core.model.inputs import InputSpec
from gaitscreen.core.screen import PatientInfo, screen_video
from pdf_text import pdf_text

TINY = dataclasses.replace(SkateFormerConfig.ntu_sarcopenia(), num_heads=8, depths=(1, 1), channels=(16, 32))


def _save(folder: Path, name: str, dims: int) -> Path:
    torch.manual_seed(1)
    card = ModelCard(name=name, version="0.0.1", architecture=ModelCard.architecture_of(TINY),
                     input=InputSpec.for_dims(dims), training_data={"description": "random weights",
                                                                     "synthetic": True})
    save_classifier(SkateFormer(TINY).eval(), card, folder / f"{name}.pt")
    return folder / f"{name}.pt"


@pytest.fixture(scope="module")
def models(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("models")
    return {"2d": _save(folder, "tiny-random-2d", 2), "3d": _save(folder, "tiny-random-3d", 3)}


@pytest.fixture(scope="module")
def analysed(models, walk_video, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    args = ["analyze", str(walk_video), "--patient-id", "P-0042", "--age", "72", "--sex", "F", "--height-cm", "158",
            "--model", str(models["2d"]), "--pdf", str(out / "r.pdf"), "--json", str(out / "r.json"),
            "--csv", str(out / "r.csv"), "-q"]
    with contextlib.redirect_stdout(io.StringIO()) as printed:
        assert main(args) == 0
    (out / "stdout.txt").write_text(printed.getvalue(), encoding="utf-8")
    return out, args


def test_report_files_and_summary(analysed) -> None:
    out, _ = analysed
    report = json.loads((out / "r.json").read_text())
    screening = report["screening"]
    assert report["patient"]["id"] == "P-0042" and report["recording"]["frames"] == 100
    assert screening["counted_windows"] == 1  # a 1.7-s walk: one window resampled to 64 frames
    assert screening["risk_group"] in ("mostly stable", "mostly unstable")
    assert screening["model"]["name"] == "tiny-random-2d" and len(screening["model"]["sha256"]) == 64
    assert len(report["keyframes"]) == 6
    assert all((out / name).stat().st_mode & 0o777 == 0o644 for name in ("r.pdf", "r.json", "r.csv"))
    rows = (out / "r.csv").read_text().splitlines()
    assert rows[0].startswith("patient_id,window") and len(rows) == 2
    line = (out / "stdout.txt").read_text(encoding="utf-8")
    assert line.startswith("P-0042: R = ") and " non-overlapping window unstable;" in line  # "1 window", singular


def test_pdf_text_holds_the_result(analysed) -> None:
    out, _ = analysed
    report = json.loads((out / "r.json").read_text())
    text = pdf_text(out / "r.pdf")
    screening = report["screening"]
    assert "P-0042" in text
    assert f"{round(100 * screening['instability_rate'])} %" in text
    assert screening["risk_group"].capitalize() in text
    assert screening["model"]["sha256"] in " ".join(text.split())
    assert "not a certified" in text and "synthetic" in text.lower()


def test_same_inputs_same_json(analysed, models, walk_video, tmp_path) -> None:
    out, args = analysed
    again = [a.replace(str(out), str(tmp_path)) for a in args]
    assert main(again) == 0
    first, second = (json.loads((d / "r.json").read_text()) for d in (out, tmp_path))
    first.pop("created"), second.pop("created")
    assert first == second
    api = screen_video(walk_video, patient=PatientInfo(id="P-0042"), model=models["2d"])
    assert api.result.risk_group == first["screening"]["risk_group"]
    assert api.result.instability_rate == pytest.approx(first["screening"]["instability_rate"])


def _one_line(capsys, *fragments) -> None:
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(err) == 1 and err[0].startswith("gaitscreen: error: "), err
    for fragment in fragments:
        assert fragment in err[0]


def test_bad_inputs_leave_no_files(models, walk_video, tmp_path, capsys, monkeypatch) -> None:
    def run(video: Path, model: Path) -> int:
        return main(["analyze", str(video), "--model", str(model), "--pdf", str(tmp_path / "x.pdf"),
                     "--json", str(tmp_path / "x.json"), "--csv", str(tmp_path / "x.csv"), "-q"])

    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(200))
    assert run(broken, models["2d"]) == 2
    _one_line(capsys, "broken.mp4")

    no_lifter = tmp_path / "no-models"  # a models folder without a lifter (the bundled one would be found)
    no_lifter.mkdir()
    monkeypatch.setenv("GAITSCREEN_MODELS_DIR", str(no_lifter))
    assert run(walk_video, models["3d"]) == 2
    _one_line(capsys, "3-D")
    monkeypatch.delenv("GAITSCREEN_MODELS_DIR")
    no_lifter.rmdir()

    short = tmp_path / "short.mp4"  # the first 0.5 s of the walk: shorter than the model's minimum
    reader = cv2.VideoCapture(str(walk_video))
    writer = cv2.VideoWriter(str(short), cv2.VideoWriter_fourcc(*"mp4v"), 60, (540, 960))
    for _ in range(30):
        ok, frame = reader.read()
        writer.write(cv2.resize(frame, (540, 960)))
    writer.release()
    assert run(short, models["2d"]) == 2
    _one_line(capsys, "No screening result", "needs at least")

    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.mp4", "short.mp4"]


def test_wrong_shape_onnx_export_is_refused_before_pose(walk_video, tmp_path, capsys, monkeypatch) -> None:
    import gaitscreen.core.screen as screen
    from onnx_faults import make_wrong_shape

    model = _save(tmp_path, "tiny-random-2d", 2)
    make_wrong_shape(model)

    def no_pose(*args, **kwargs):
        raise AssertionError("the pose stage ran before the model was checked")

    monkeypatch.setattr(screen, "run_pose", no_pose)
    monkeypatch.delenv("GAITSCREEN_DEBUG", raising=False)
    out = tmp_path / "out"
    code = main(["analyze", str(walk_video), "--model", str(model), "--runtime", "onnx", "--pdf", str(out / "r.pdf"),
                 "--json", str(out / "r.json"), "-q"])
    assert code == 2
    _one_line(capsys, "tiny-random-2d.onnx takes input 'x' of shape (N, 3, 32, 24, 2)", "needs (N, 3, 64, 24, 2)")
    assert not list(out.glob("r.*"))


def test_missing_output_folders_are_created(models, walk_video, tmp_path) -> None:
    pdf, table = tmp_path / "a" / "b" / "r.pdf", tmp_path / "c" / "r.csv"
    assert main(["analyze", str(walk_video), "--model", str(models["2d"]), "--pdf", str(pdf), "--json",
                 str(pdf.with_suffix(".json")), "--csv", str(table), "-q"]) == 0
    assert pdf.is_file() and pdf.with_suffix(".json").is_file() and table.is_file()


def test_lang_zh_tw_writes_the_pdf_and_the_line_in_chinese_and_the_same_json(analysed, tmp_path) -> None:
    from gaitscreen.core.i18n import set_language

    out, args = analysed
    zh = [a for a in args if a != "-q"]
    for flag, name in (("--pdf", "zh.pdf"), ("--json", "zh.json"), ("--csv", "zh.csv")):
        zh[zh.index(flag) + 1] = str(tmp_path / name)
    try:
        with contextlib.redirect_stdout(io.StringIO()) as printed:
            assert main(zh + ["--lang", "zh-TW"]) == 0
    finally:
        set_language("en")
    line = printed.getvalue()
    assert line.startswith("P-0042：R = ") and "模型" in line
    text = pdf_text(tmp_path / "zh.pdf")
    assert "P-0042" in text and "不穩定率" in text.replace(" ", "") and "篩檢輔助工具" in text.replace(" ", "")
    ignore = {"created", "timings"}
    en, ch = (json.loads(p.read_text(encoding="utf-8")) for p in (out / "r.json", tmp_path / "zh.json"))
    assert {k: v for k, v in ch.items() if k not in ignore}.keys() == {k: v for k, v in en.items()
                                                                        if k not in ignore}.keys()
    assert ch["screening"]["risk_group"] == en["screening"]["risk_group"]
    assert ch["screening"]["instability_rate"] == en["screening"]["instability_rate"]
