"""``gaitscreen batch --test usual-walk --floor-calibration FILE``: every video measured on the floor.

The calibration is test_cli_analyze_usual's plausible floor trapezoid (the bundled video has
no floor markings): what is under test is that batch applies it to every video, as analyze
does, that the summary carries the measured speed with the calibration it came from, and that
a bad file stops the batch before any video is touched.
"""

from __future__ import annotations

import csv
import json
import shutil

import pytest

from gaitscreen.cli import main
from test_cli_analyze import _save
from test_cli_analyze_usual import FLOOR


def test_batch_measures_every_video_on_the_floor_calibration(walk_video, tmp_path) -> None:
    from gaitscreen.core.calibration import FloorCalibration

    model = _save(tmp_path, "tiny-random-2d", 2)
    videos = tmp_path / "visit"
    videos.mkdir()
    for name in ("P-001.mp4", "P-002.mp4"):
        shutil.copy(walk_video, videos / name)
    cal = tmp_path / "floor.json"
    cal.write_text(json.dumps(FLOOR))
    out = tmp_path / "reports"
    code = main(["batch", str(videos), "--out", str(out), "--model", str(model), "--test", "usual-walk",
                 "--floor-calibration", str(cal), "--course-m", "4", "-q"])
    assert code == 0
    rows = list(csv.DictReader((out / "summary.csv").open()))
    sha = FloorCalibration.load(cal).sha256
    assert len(rows) == 2
    for row in rows:
        report = json.loads((out / f"{row['patient_id']}.json").read_text())  # written also when a check fails
        metric = report["gait"]["metric"]
        assert report["protocol"]["test"] == "usual-walk" == row["test"]
        assert metric["calibration"]["sha256"] == sha == row["floor_calibration_sha256"]
        assert metric["course_m"] == 4.0 and metric["cutoffs_apply"] is True
        # the 1.7-s sample is too short for footfalls: the speed is "not available" in both
        assert report["gait"]["speed_m_per_s"] is None and row["gait_speed_m_per_s"] == ""
        assert row["status"] == "not assessable" and "course_covered" in row["failed_checks"]


def test_the_summary_carries_the_measured_speed_and_its_calibration() -> None:
    from gaitscreen.cli.batch_cmd import SUMMARY_FIELDS, _gait_columns

    report = {"protocol": {"test": "usual-walk"},
              "gait": {"speed_m_per_s": 0.934, "metric": {"speed_m_per_s": 0.934,
                                                          "calibration": {"name": "hall", "sha256": "ab" * 32}}}}
    columns = _gait_columns(report)
    assert columns == {"test": "usual-walk", "gait_speed_m_per_s": 0.934, "floor_calibration_sha256": "ab" * 32}
    assert set(columns) <= set(SUMMARY_FIELDS)
    tandem = _gait_columns({"protocol": {"test": "tandem-walk"}, "gait": {"speed_m_per_s": None, "metric": {}}})
    assert tandem == {"test": "tandem-walk", "gait_speed_m_per_s": None, "floor_calibration_sha256": ""}


def test_batch_without_calibration_leaves_the_speed_blank(walk_video, tmp_path) -> None:
    model = _save(tmp_path, "tiny-random-2d", 2)
    videos = tmp_path / "visit"
    videos.mkdir()
    shutil.copy(walk_video, videos / "P-001.mp4")
    out = tmp_path / "reports"
    assert main(["batch", str(videos), "--out", str(out), "--model", str(model), "-q"]) == 0
    [row] = list(csv.DictReader((out / "summary.csv").open()))
    assert row["status"] == "ok" and row["test"] == "tandem-walk"
    assert row["gait_speed_m_per_s"] == "" and row["floor_calibration_sha256"] == ""


@pytest.mark.parametrize(("content", "words"), [
    ("not json", "not a JSON file"),
    (json.dumps(dict(FLOOR, image_points_px=FLOOR["image_points_px"][:3])), "exactly four"),
])
def test_a_bad_calibration_stops_the_batch_before_any_video(walk_video, tmp_path, capsys, monkeypatch,
                                                            content, words) -> None:
    import gaitscreen.core.model.runtime as runtime
    import gaitscreen.core.pose as pose

    def not_reached(*args, **kwargs):
        raise AssertionError("a model was loaded before the calibration was checked")

    monkeypatch.setattr(pose, "YoloPose", not_reached)
    monkeypatch.setattr(runtime, "open_classifier", not_reached)
    monkeypatch.delenv("GAITSCREEN_DEBUG", raising=False)
    videos = tmp_path / "visit"
    videos.mkdir()
    shutil.copy(walk_video, videos / "P-001.mp4")
    cal = tmp_path / "floor.json"
    cal.write_text(content)
    out = tmp_path / "reports"
    code = main(["batch", str(videos), "--out", str(out), "--test", "usual-walk", "--floor-calibration", str(cal)])
    err = capsys.readouterr().err.strip()
    assert code == 2 and words in err and "\n" not in err
    assert not out.exists()  # not even the output folder was made
