"""``gaitscreen batch`` on a folder with a real walk and two bad files (tiny random-weight model)."""

from __future__ import annotations

import csv
import json
import shutil

from gaitscreen.cli import main
from test_cli_analyze import _save


def test_batch_skips_bad_files_and_writes_summary(walk_video, tmp_path, capsys) -> None:
    model = _save(tmp_path, "tiny-random-2d", 2)
    videos = tmp_path / "visit"
    videos.mkdir()
    shutil.copy(walk_video, videos / "P-001.mp4")
    (videos / "P-002.mp4").write_text("not a video")
    (videos / "notes.txt").write_text("ignored: not a video extension")
    (tmp_path / "dx.csv").write_text("file,sarcopenia\nP-001.mp4,1\nP-002.mp4,0\n")
    out = tmp_path / "reports"
    code = main(["batch", str(videos), "--out", str(out), "--model", str(model),
                 "--diagnoses", str(tmp_path / "dx.csv"), "-q"])
    assert code == 0
    printed = capsys.readouterr().out
    assert "P-002.mp4: skipped" in printed and "1 of 2 videos screened" in printed
    rows = list(csv.DictReader((out / "summary.csv").open()))
    assert [(r["file"], r["status"]) for r in rows] == [("P-001.mp4", "ok"), ("P-002.mp4", "skipped")]
    assert (out / "P-001.pdf").is_file() and (out / "P-001.json").is_file()
    assert not (out / "P-002.pdf").exists()
    cohort = json.loads((out / "cohort.json").read_text())
    assert cohort["subjects"] == 1 and cohort["roc_auc"] is None and cohort["notes"]
