"""``gaitscreen analyze SKELETON.npz --test chair-stand|balance --json OUT.json``."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import numpy as np
import pytest

from gaitscreen.cli import main
from gaitscreen.synth import generate_subject
from gaitscreen.synth.balance import generate_balance
from gaitscreen.synth.chair import generate_chair_stand


@pytest.fixture(scope="module")
def chair_npz(tmp_path_factory):
    rng = np.random.default_rng(31)
    rec = generate_chair_stand(generate_subject(rng, subject_id="cli"), rng)
    path = tmp_path_factory.mktemp("cs") / "chair.npz"
    rec.skeleton.save_npz(path)
    return rec, path


def test_chair_stand_json(chair_npz, tmp_path):
    rec, path = chair_npz
    out = tmp_path / "out.json"
    assert main(["analyze", str(path), "--test", "chair-stand", "--json", str(out)]) == 0
    d = json.loads(out.read_text())
    assert abs(d["chair_stand"]["time_s"] - rec.truth["time_s"]) <= 0.2
    assert len(d["chair_stand"]["repetitions"]) == 5
    assert d["sppb"]["chair_stand_points"] >= 1
    assert d["sppb"]["balance_points"] is None and d["sppb"]["gait_speed_points"] is None
    assert d["sppb"]["total"] is None and d["balance"] is None
    assert d["provenance"]["file_sha256"] and d["assessable"] is True


def test_balance_json(tmp_path):
    rng = np.random.default_rng(32)
    rec = generate_balance(generate_subject(rng, subject_id="b"), rng)
    path = tmp_path / "bal.npz"
    rec.skeleton.save_npz(path)
    out = tmp_path / "b.json"
    assert main(["analyze", str(path), "--test", "balance", "--json", str(out)]) == 0
    d = json.loads(out.read_text())
    holds = [s["hold_s"] for s in d["balance"]["stances"]]
    assert holds and all(0 <= h <= 10 for h in holds)
    assert d["sppb"]["chair_stand_points"] is None


def test_too_short_recording_gets_no_points(chair_npz, tmp_path, capsys):
    rec, _ = chair_npz
    sk = rec.skeleton
    n = int(3 * sk.fps)
    short = replace(sk, joints=sk.joints[:n], confidence=sk.confidence[:n], timestamps=sk.timestamps[:n],
                    present=sk.present[:n], interpolated=sk.interpolated[:n], frame_indices=sk.frame_indices[:n])
    path = tmp_path / "short.npz"
    short.save_npz(path)
    out = tmp_path / "s.json"
    assert main(["analyze", str(path), "--test", "chair-stand", "--json", str(out)]) == 0
    d = json.loads(out.read_text())
    assert d["assessable"] is False and "too short" in d["reason"]
    assert d["sppb"]["chair_stand_points"] is None


def test_user_errors_exit_2_without_output(chair_npz, tmp_path, capsys):
    _, path = chair_npz
    out = tmp_path / "x.json"
    assert main(["analyze", str(path), "--json", str(out)]) == 2  # no --test for a skeleton
    assert main(["analyze", str(path), "--test", "chair-stand"]) == 2  # neither --json nor --pdf
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"not a zip")
    assert main(["analyze", str(broken), "--test", "balance", "--json", str(out)]) == 2
    assert not out.exists()
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3 and all(line for line in err)


def test_chair_stand_pdf_beside_the_json(chair_npz, tmp_path):
    from pdf_text import pdf_text

    _, path = chair_npz
    out, pdf = tmp_path / "out.json", tmp_path / "out.pdf"
    assert main(["analyze", str(path), "--test", "chair-stand", "--json", str(out), "--pdf", str(pdf)]) == 0
    d = json.loads(out.read_text())
    text = pdf_text(pdf)
    assert "Five-times chair stand" in text and f"{d['chair_stand']['time_s']:.2f} s" in text
    assert main(["analyze", str(path), "--test", "chair-stand", "--pdf", str(tmp_path / "no" / "x.pdf")]) == 2


def test_chair_out_of_view_gets_a_protocol_fail_and_no_points(chair_npz, tmp_path):
    """The camera aimed too high: the seat, knees and feet fall below the picture all along."""
    rec, _ = chair_npz
    sk = rec.skeleton
    w, h = sk.image_size
    joints = np.array(sk.joints, np.float64)
    knee_y = np.nanmedian(joints[:, [13, 14], 1])  # COCO-17 knees
    joints[..., 1] += h - knee_y + 0.02 * h  # the knees just below the bottom edge
    conf = np.array(sk.confidence)
    conf[joints[..., 1] >= h] = 0.05  # a detector gives no confident point outside the picture
    path = tmp_path / "cropped.npz"
    replace(sk, joints=joints.astype(sk.joints.dtype), confidence=conf).save_npz(path)
    out = tmp_path / "c.json"
    assert main(["analyze", str(path), "--test", "chair-stand", "--json", str(out)]) == 0
    d = json.loads(out.read_text())
    assert d["assessable"] is False and d["reason"]
    assert d["chair_stand"] is None or d["chair_stand"].get("time_s") is None
    assert d["sppb"]["chair_stand_points"] is None and d["sppb"]["total"] is None


def test_the_printed_line_is_in_the_readers_language(chair_npz, tmp_path, capsys):
    _, path = chair_npz
    out = tmp_path / "zh.json"
    assert main(["analyze", str(path), "--test", "chair-stand", "--json", str(out), "--lang", "zh-TW"]) == 0
    line = capsys.readouterr().out.strip().splitlines()[-1]
    assert "起立坐下" in line and "SPPB" in line
    words = re.findall(r"[A-Za-z]{2,}", line.replace(path.name, "").replace(str(out), ""))
    assert set(words) <= {"SPPB"}, line
    assert json.loads(out.read_text())["test"] == "chair-stand"  # the JSON stays English data
