"""``gaitscreen analyze --test usual-walk --floor-calibration FILE``: the plumbing.

The bundled video is a tandem walk with no floor markings, so the calibration here is
a plausible floor trapezoid, not a measured one: what is under test is that the
calibration reaches the JSON (name, sha256), the usual-walk checks run, the speed is
reported from the floor measure, and a bad calibration file stops the job before any
output. The accuracy of the measure is tested in tests/test_gait_metric.py.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
import torch

from gaitscreen.cli import main
from gaitscreen.core.model import SkateFormer, SkateFormerConfig
from gaitscreen.core.model.card import ModelCard
from gaitscreen.core.model.checkpoint import save_classifier
from gaitscreen.core.model.inputs import InputSpec

TINY = dataclasses.replace(SkateFormerConfig.ntu_sarcopenia(), num_heads=8, depths=(1, 1), channels=(16, 32))
FLOOR = {"name": "sample floor (assumed)", "frame_size": [1080, 1920],
         "image_points_px": [[300, 1850], [800, 1850], [700, 1250], [380, 1250]],
         "world_points_m": [[0, 0], [1, 0], [1, 4], [0, 4]], "start_line_m": 0.0, "end_line_m": 4.0}


@pytest.fixture(scope="module")
def model(tmp_path_factory) -> Path:
    torch.manual_seed(1)
    card = ModelCard(name="tiny-random-2d", version="0.0.1", architecture=ModelCard.architecture_of(TINY),
                     input=InputSpec.for_dims(2), training_data={"description": "random weights", "synthetic": True})
    path = tmp_path_factory.mktemp("m") / "tiny.pt"
    save_classifier(SkateFormer(TINY).eval(), card, path)
    return path


def _args(video: Path, model: Path, out: Path, *extra: str) -> list[str]:
    return ["analyze", str(video), "--model", str(model), "--pdf", str(out / "r.pdf"),
            "--json", str(out / "r.json"), "-q", *extra]


def test_usual_walk_with_a_floor_calibration(model, walk_video, tmp_path, capsys) -> None:
    cal = tmp_path / "floor.json"
    cal.write_text(json.dumps(FLOOR))
    code = main(_args(walk_video, model, tmp_path, "--test", "usual-walk", "--floor-calibration", str(cal),
                      "--course-m", "4", "--accept-deviation", "course_covered,steady_pace", "--reason",
                      "plumbing test on a tandem video"))
    assert code == 0
    line = capsys.readouterr().out
    assert "usual gait speed" in line and "stability model not applicable" in line and "R = " not in line
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["screening"]["stability_model_applies"] is False
    assert "trained on tandem walks" in report["screening"]["not_applicable_reason"]
    from gaitscreen.core.calibration import FloorCalibration

    sha = FloorCalibration.load(cal).sha256
    metric = report["gait"]["metric"]
    assert metric["calibration"] == {"name": FLOOR["name"], "sha256": sha}
    assert metric["test"] == "usual-walk" and metric["cutoffs_apply"] is True
    assert report["gait"]["speed_m_per_s"] == metric["speed_m_per_s"]
    assert report["protocol"]["test"] == "usual-walk"
    codes = [c["code"] for c in report["protocol"]["checks"]]
    assert codes == ["course_covered", "steady_pace", "walking_direction", "in_frame"]
    assert any("trained on tandem walks" in f for f in report["screening"]["quality"]["flags"])
    from gaitscreen.core.report.text import gait_rows

    rows = dict(gait_rows(report["gait"]))  # the PDF's gait table
    assert "Usual gait speed" in rows and "Tandem-walk speed" not in rows
    assert rows["Floor calibration"] == f"{FLOOR['name']} (sha256 {sha[:12]})"
    from pypdf import PdfReader

    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(tmp_path / "r.pdf").pages)
    assert "Usual gait speed" in text and sha[:12] in text and "Usual-pace walk over a measured course" in text


def test_tandem_walk_stays_the_default(model, walk_video, tmp_path) -> None:
    assert main(_args(walk_video, model, tmp_path)) == 0
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["protocol"]["test"] == "tandem-walk"
    assert report["screening"]["stability_model_applies"] is True
    assert report["gait"]["metric"]["calibration"] is None
    assert report["gait"]["metric"]["cutoffs_apply"] is False
    from gaitscreen.core.report.text import gait_rows

    rows = dict(gait_rows(report["gait"]))
    assert "Tandem-walk speed" in rows and "Floor calibration" not in rows


@pytest.mark.parametrize(("content", "words"), [
    ("not json", "not a JSON file"),
    (json.dumps(dict(FLOOR, image_points_px=FLOOR["image_points_px"][:3])), "exactly four"),
    (json.dumps(dict(FLOOR, world_points_m=[[0, 0], [1, 0], [float("nan"), 4], [0, 4]])), "NaN"),
])
def test_bad_calibration_one_line_no_files(model, walk_video, tmp_path, capsys, content, words) -> None:
    cal = tmp_path / "floor.json"
    cal.write_text(content)
    out = tmp_path / "out"
    out.mkdir()
    assert main(_args(walk_video, model, out, "--test", "usual-walk", "--floor-calibration", str(cal))) == 2
    err = capsys.readouterr().err.strip()
    assert words in err and "\n" not in err
    assert list(out.iterdir()) == []


def test_a_usual_walk_too_short_for_a_window_still_writes_its_measures(model, walk_video, tmp_path, capsys) -> None:
    """The stability model's "no result" (fewer frames than one window) stops a tandem walk
    but not a usual-pace walk, where R does not apply: its measures and checks are written."""
    import cv2

    short = tmp_path / "short.mp4"
    cap = cv2.VideoCapture(str(walk_video))
    fps = cap.get(cv2.CAP_PROP_FPS) or 30.0
    writer = None
    for _ in range(40):
        ok, frame = cap.read()
        if not ok:
            break
        if writer is None:
            writer = cv2.VideoWriter(str(short), cv2.VideoWriter_fourcc(*"mp4v"), fps, (frame.shape[1], frame.shape[0]))
        writer.write(frame)
    writer.release()
    cap.release()
    cal = tmp_path / "floor.json"
    cal.write_text(json.dumps(FLOOR))
    tandem = tmp_path / "tandem"
    tandem.mkdir()
    assert main(_args(short, model, tandem)) == 2
    assert "No screening result" in capsys.readouterr().err and list(tandem.iterdir()) == []
    assert main(_args(short, model, tmp_path, "--test", "usual-walk", "--floor-calibration", str(cal))) == 0
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["screening"]["risk_group"] == "not assessable"  # the course was not covered
    assert report["gait"]["metric"]["calibration"]["name"] == FLOOR["name"]
    assert {c["code"] for c in report["protocol"]["checks"]} >= {"course_covered", "walking_direction"}
