"""``gaitscreen analyze VIDEO --test chair-stand|balance``: pose, then the skeleton path's analysis.

The shared clip is a 100-frame walk (no chair, nobody seated): the chair-stand
analysis must refuse points with the protocol's sentence and still record what
produced the numbers (the video's and the pose model's sha256)."""

from __future__ import annotations

import json

import pytest

from gaitscreen.cli import main
from gaitscreen.core.fileio import sha256_file

@pytest.mark.slow  # runs the real pose model on the 100-frame clip
def test_walk_video_as_chair_stand_is_not_assessable(walk_video, tmp_path, capsys):
    from pdf_text import pdf_text

    out, pdf = tmp_path / "cs.json", tmp_path / "cs.pdf"
    assert main(["analyze", str(walk_video), "--test", "chair-stand", "--json", str(out), "--pdf", str(pdf),
                 "-q"]) == 0
    d = json.loads(out.read_text())
    assert "Nobody was seen seated" in pdf_text(pdf) and d["provenance"]["pose_model_sha256"] in pdf_text(pdf)
    assert d["test"] == "chair-stand" and d["assessable"] is False
    assert "Nobody was seen seated" in d["reason"]
    assert "seated_start" in d["protocol"]["failed"]
    assert d["sppb"]["chair_stand_points"] is None and d["sppb"]["total"] is None
    prov = d["provenance"]
    assert prov["video_sha256"] == sha256_file(walk_video)
    assert prov["pose_model"] and len(prov["pose_model_sha256"]) == 64
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1 and "Nobody was seen seated" in lines[0]


def test_a_pdf_into_a_missing_folder_is_refused_before_pose(walk_video, tmp_path, capsys):
    out, pdf = tmp_path / "b.json", tmp_path / "missing" / "b.pdf"
    assert main(["analyze", str(walk_video), "--test", "balance", "--json", str(out), "--pdf", str(pdf)]) == 2
    assert not out.exists() and not pdf.exists()
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_broken_video_fails_in_one_line_without_output(tmp_path, capsys):
    broken, out = tmp_path / "broken.mp4", tmp_path / "c.json"
    broken.write_bytes(b"not a video")
    assert main(["analyze", str(broken), "--test", "chair-stand", "--json", str(out), "-q"]) == 2
    assert not out.exists()
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "broken.mp4" in err[0]
