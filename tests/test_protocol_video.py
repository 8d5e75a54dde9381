"""Protocol checks on videos made from the shared walk: as filmed, mirrored, reversed in time,
one frame held still, a single frame; and what the CLI, JSON, PDF and batch make of them."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from gaitscreen.cli import main
from gaitscreen.core.analysis.protocol import FAIL, PASS, WARN, check_protocol, inputs_from_pose
from gaitscreen.core.pose import YoloPose, run_pose
from gaitscreen.core.report import pdf as pdf_module
from test_cli_analyze import _save
from video_edits import read_frames, write_frames

ALL = ["approach_direction", "facing_camera", "in_frame", "duration", "tandem_steps", "walking", "other_walkers"]


@pytest.fixture(scope="module")
def videos(walk_video, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("protocol_videos")
    frames, fps = read_frames(walk_video)
    return {
        "sample": walk_video,
        "mirrored": write_frames(folder / "mirrored.mp4", [f[:, ::-1].copy() for f in frames], fps),
        "reversed": write_frames(folder / "reversed.mp4", frames[::-1], fps),
        "still": write_frames(folder / "still.mp4", [frames[50]] * 90, fps),
        "one_frame": write_frames(folder / "one_frame.mp4", [frames[50]], fps),
    }


@pytest.fixture(scope="module")
def statuses(videos) -> dict[str, dict[str, str]]:
    backend = YoloPose(device="cpu")
    out = {}
    for name, video in videos.items():
        result = check_protocol(inputs_from_pose(run_pose(video, backend=backend), min_duration_s=1.0))
        out[name] = {c.code: c.status for c in result.checks}
    return out


def test_the_sample_passes_with_a_short_walk_warning(statuses) -> None:
    # 1.7 s is one (resampled) window: above the card's 1-s minimum, below the protocol's 8 s.
    assert statuses["sample"] == {**dict.fromkeys(ALL, PASS), "duration": WARN}


def test_mirrored_sample_still_passes(statuses) -> None:
    assert statuses["mirrored"] == statuses["sample"]


def test_reversed_sample_walks_away(statuses) -> None:
    assert statuses["reversed"]["approach_direction"] == FAIL
    assert statuses["reversed"]["walking"] == PASS and statuses["reversed"]["facing_camera"] == PASS


def test_a_held_frame_is_nobody_walking(statuses) -> None:
    assert statuses["still"]["walking"] == FAIL and statuses["still"]["approach_direction"] == FAIL


def test_a_single_frame_fails(statuses) -> None:
    assert statuses["one_frame"]["duration"] == FAIL and statuses["one_frame"]["walking"] == FAIL


@pytest.fixture(scope="module")
def model(tmp_path_factory) -> Path:
    return _save(tmp_path_factory.mktemp("model"), "tiny-random-2d", 2)


def _analyze(video: Path, out: Path, model: Path, *extra: str) -> list[str]:
    return ["analyze", str(video), "--patient-id", "P-7", "--model", str(model), "--pdf", str(out / "r.pdf"),
            "--json", str(out / "r.json"), "-q", *extra]


def _story_text(report: dict) -> str:
    story, _ = pdf_module._story(report, 500.0, lambda *a: None, None)
    texts = []

    def walk(item) -> None:
        if isinstance(item, (list, tuple)):
            for x in item:
                walk(x)
        elif hasattr(item, "getPlainText"):
            texts.append(item.getPlainText())
        for attr in ("_content", "_cellvalues"):
            if hasattr(item, attr):
                walk(getattr(item, attr))

    walk(story)
    return " ".join(texts)


def test_cli_says_not_assessable_and_why(videos, model, tmp_path, capsys) -> None:
    assert main(_analyze(videos["reversed"], tmp_path, model)) == 0
    line = capsys.readouterr().out
    assert "not assessable" in line and "walked away" in line and "toward the camera" in line
    report = json.loads((tmp_path / "r.json").read_text())
    p = report["protocol"]
    assert p["test"] == "tandem-walk" and p["assessable"] is False and p["accepted_deviations"] == []
    assert [c["code"] for c in p["checks"]] == ALL
    assert all(set(c) >= {"code", "status", "value", "threshold", "message"} for c in p["checks"])
    assert report["screening"]["risk_group"] == "not assessable"
    assert report["screening"]["instability_rate"] is not None and report["screening"]["windows"]
    text = _story_text(report)
    # the check by its name (its code, what --accept-deviation takes, is in the JSON above)
    assert "Not assessable" in text and "Protocol check" in text and "Approach direction" in text
    assert "walk toward a frontal camera" not in text and "was not filmed that way" in text
    assert (tmp_path / "r.pdf").is_file()


def test_cli_accepted_deviation_is_named_beside_the_result(videos, model, tmp_path, capsys) -> None:
    args = _analyze(videos["reversed"], tmp_path, model, "--accept-deviation", "approach_direction",
                    "--reason", "walks backward on purpose")
    assert main(args) == 0
    line = capsys.readouterr().out
    assert "not assessable" not in line and "accepted protocol deviation: approach_direction" in line
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["screening"]["risk_group"] in ("mostly stable", "mostly unstable")
    assert report["protocol"]["accepted_deviations"] == [{"code": "approach_direction",
                                                          "reason": "walks backward on purpose"}]
    assert "Accepted protocol deviation" in _story_text(report)


def test_cli_refuses_unknown_codes_and_missing_reasons(videos, model, tmp_path, capsys) -> None:
    assert main(_analyze(videos["reversed"], tmp_path, model, "--accept-deviation", "nonsense", "--reason", "x")) == 2
    assert main(_analyze(videos["reversed"], tmp_path, model, "--accept-deviation", "approach_direction")) == 2
    err = capsys.readouterr().err
    assert "Unknown protocol check nonsense" in err and "--reason" in err
    assert not (tmp_path / "r.json").exists()


def test_sample_report_is_unchanged_but_for_the_protocol_entries(videos, model, tmp_path, capsys) -> None:
    assert main(_analyze(videos["sample"], tmp_path, model)) == 0
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["screening"]["risk_group"] == report["protocol"]["risk_group_if_assessable"]
    assert report["screening"]["risk_group"] in ("mostly stable", "mostly unstable")
    assert report["protocol"]["assessable"] is True and report["protocol"]["subject_track"] == 1
    text = _story_text(report)
    assert "Tandem (heel-to-toe) walk toward a frontal camera" in text


def test_batch_marks_not_assessable_and_leaves_it_out_of_the_cohort(videos, model, tmp_path, capsys) -> None:
    folder = tmp_path / "visit"
    folder.mkdir()
    for name in ("sample", "reversed"):
        (folder / f"{name}.mp4").write_bytes(videos[name].read_bytes())
    (tmp_path / "dx.csv").write_text("file,sarcopenia\nsample.mp4,1\nreversed.mp4,0\n")
    out = tmp_path / "reports"
    assert main(["batch", str(folder), "--out", str(out), "--model", str(model), "--diagnoses",
                 str(tmp_path / "dx.csv"), "-q"]) == 0
    rows = {r["file"]: r for r in csv.DictReader((out / "summary.csv").open())}
    assert rows["sample.mp4"]["assessable"] == "1" and rows["sample.mp4"]["failed_checks"] == ""
    assert rows["reversed.mp4"]["assessable"] == "0" and rows["reversed.mp4"]["status"] == "not assessable"
    assert rows["reversed.mp4"]["failed_checks"] == "approach_direction"
    assert (out / "reversed.json").is_file()  # R is data: the report is still written
    cohort = json.loads((out / "cohort.json").read_text())
    assert cohort["subjects"] == 1 and any("1 recording(s) left out" in n for n in cohort["notes"])
    assert "1 not assessable left out" in capsys.readouterr().out
