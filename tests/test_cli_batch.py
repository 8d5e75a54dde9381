"""``gaitscreen batch`` on a folder with a real walk and two bad files (tiny random-weight model)."""

from __future__ import annotations

import csv
import io
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


def _rows(out) -> list[dict]:
    return list(csv.DictReader((out / "summary.csv").open()))


def test_batch_colliding_names_get_suffixes_and_a_corrupt_video_is_one_row(walk_video, tmp_path, capsys) -> None:
    model = _save(tmp_path, "tiny-random-2d", 2)
    videos = tmp_path / "visit"
    videos.mkdir()
    for name in ("walk 1.mp4", "walk_1.mp4", "walk_1.mov"):  # all clean to walk_1
        shutil.copy(walk_video, videos / name)
    (videos / "walk_1-2.mp4").write_bytes(walk_video.read_bytes()[:150_000])  # truncated: a bad file
    out = tmp_path / "new" / "reports"  # created
    code = main(["batch", str(videos), "--out", str(out), "--model", str(model), "-q"])
    assert code == 0
    captured = capsys.readouterr()
    rows = {r["file"]: r for r in _rows(out)}
    assert {f: r["status"] for f, r in rows.items()} == {
        "walk 1.mp4": "ok", "walk_1-2.mp4": "skipped", "walk_1.mov": "ok", "walk_1.mp4": "ok"}
    names = [rows[f]["patient_id"] for f in ("walk 1.mp4", "walk_1.mov", "walk_1.mp4")]
    assert names == ["walk_1", "walk_1-3", "walk_1-4"]  # walk_1-2 belongs to the fourth file's name
    for name in names:
        assert (out / f"{name}.pdf").is_file()
        assert json.loads((out / f"{name}.json").read_text())["patient"]["id"] == name
    assert "renamed" in rows["walk_1.mov"]["message"] and "walk_1-3.pdf" in rows["walk_1.mov"]["message"]
    assert rows["walk 1.mp4"]["message"] == ""
    assert "3 of 4 videos screened" in captured.out and "walk_1.mp4: renamed" in captured.out
    assert "walk_1-2.mp4: skipped" in captured.err  # reported on stderr as it happens


def test_batch_into_a_folder_that_cannot_exist_is_refused_before_any_work(walk_video, tmp_path, capsys,
                                                                         monkeypatch) -> None:
    import gaitscreen.core.pose as pose

    videos = tmp_path / "visit"
    videos.mkdir()
    shutil.copy(walk_video, videos / "P-001.mp4")
    blocker = tmp_path / "a-file"
    blocker.write_text("a file where the folder should be")  # fails for root too, unlike chmod

    def no_pose(*args, **kwargs):
        raise AssertionError("the pose model was loaded before the output folder was checked")

    monkeypatch.setattr(pose, "YoloPose", no_pose)
    monkeypatch.delenv("GAITSCREEN_DEBUG", raising=False)
    code = main(["batch", str(videos), "--out", str(blocker / "reports"), "-q"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and "Cannot write into the output folder" in err[0], err


def test_batch_stops_cleanly_on_a_full_disk(walk_video, tmp_path, capsys, monkeypatch) -> None:
    import errno

    import gaitscreen.core.screen as screen

    model = _save(tmp_path, "tiny-random-2d", 2)
    videos = tmp_path / "visit"
    videos.mkdir()
    for name in ("A.mp4", "B.mp4", "C.mp4"):
        shutil.copy(walk_video, videos / name)
    real = screen.temp_beside

    def temp_beside(path):
        if path.name.startswith("B."):
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real(path)

    monkeypatch.setattr(screen, "temp_beside", temp_beside)
    monkeypatch.delenv("GAITSCREEN_DEBUG", raising=False)
    out = tmp_path / "reports"
    code = main(["batch", str(videos), "--out", str(out), "--model", str(model), "-q"])
    captured = capsys.readouterr()
    assert code == 2
    assert [(r["file"], r["status"]) for r in _rows(out)] == [
        ("A.mp4", "ok"), ("B.mp4", "failed"), ("C.mp4", "not processed")]
    assert (out / "A.pdf").is_file() and not list(out.glob("B*")) and not list(out.glob(".*tmp"))
    last = captured.err.strip().splitlines()[-1]
    assert last.startswith("gaitscreen: error: The disk is full") and "after 1 of 3 videos" in last


def test_batch_prints_the_summary_when_it_cannot_be_written(walk_video, tmp_path, capsys, monkeypatch) -> None:
    import errno

    import gaitscreen.core.fileio as fileio

    model = _save(tmp_path, "tiny-random-2d", 2)
    videos = tmp_path / "visit"
    videos.mkdir()
    shutil.copy(walk_video, videos / "A.mp4")
    real = fileio.temp_beside

    def temp_beside(path):
        if path.name == "summary.csv":
            raise OSError(errno.EDQUOT, "Disk quota exceeded", str(path))
        return real(path)

    monkeypatch.setattr(fileio, "temp_beside", temp_beside)
    monkeypatch.delenv("GAITSCREEN_DEBUG", raising=False)
    out = tmp_path / "reports"
    code = main(["batch", str(videos), "--out", str(out), "--model", str(model), "-q"])
    captured = capsys.readouterr()
    assert code == 2 and not (out / "summary.csv").exists() and (out / "A.pdf").is_file()
    printed = list(csv.DictReader(io.StringIO(captured.out[captured.out.index("file,patient_id"):])))
    assert printed[0]["file"] == "A.mp4" and printed[0]["status"] == "ok"
    assert "Could not write" in captured.err.strip().splitlines()[-1]


def test_batch_goes_on_when_the_model_fails_on_a_video(walk_video, tmp_path, capsys) -> None:
    from onnx_faults import make_failing_at_run

    model = _save(tmp_path, "tiny-random-2d", 2)
    make_failing_at_run(model)  # a matching export that cannot run a window: auto runtime picks it
    videos = tmp_path / "visit"
    videos.mkdir()
    for name in ("A.mp4", "B.mp4"):
        shutil.copy(walk_video, videos / name)
    out = tmp_path / "reports"
    code = main(["batch", str(videos), "--out", str(out), "--model", str(model), "-q"])
    captured = capsys.readouterr()
    rows = _rows(out)
    assert code == 2 and [(r["file"], r["status"]) for r in rows] == [("A.mp4", "skipped"), ("B.mp4", "skipped")]
    assert all("tiny-random-2d.onnx failed on the first window" in r["message"] for r in rows)
    assert "Traceback" not in captured.err and "0 of 2 videos screened" in captured.out


def test_batch_with_a_wrong_shape_export_runs_on_pytorch(walk_video, tmp_path, capsys) -> None:
    from onnx_faults import make_wrong_shape

    model = _save(tmp_path, "tiny-random-2d", 2)
    make_wrong_shape(model)
    videos = tmp_path / "visit"
    videos.mkdir()
    shutil.copy(walk_video, videos / "A.mp4")
    out = tmp_path / "reports"
    assert main(["batch", str(videos), "--out", str(out), "--model", str(model), "-q"]) == 0
    assert _rows(out)[0]["status"] == "ok"
    assert json.loads((out / "A.json").read_text())["screening"]["model"]["runtime"] == "torch"


def test_an_interrupted_batch_still_writes_its_summary(walk_video, tmp_path, capsys, monkeypatch) -> None:
    import gaitscreen.core.screen as screen

    model = _save(tmp_path, "tiny-random-2d", 2)
    videos = tmp_path / "visit"
    videos.mkdir()
    for name in ("A.mp4", "B.mp4"):
        shutil.copy(walk_video, videos / name)
    real = screen.screen_video

    def screen_video(video, **kwargs):
        if video.name == "B.mp4":
            raise KeyboardInterrupt  # Ctrl-C during the second video
        return real(video, **kwargs)

    monkeypatch.setattr(screen, "screen_video", screen_video)
    out = tmp_path / "reports"
    assert main(["batch", str(videos), "--out", str(out), "--model", str(model), "-q"]) == 130
    assert [(r["file"], r["status"]) for r in _rows(out)] == [("A.mp4", "ok"), ("B.mp4", "not processed")]
    assert (out / "A.pdf").is_file()


def test_batch_into_a_read_only_folder_is_refused(walk_video, tmp_path, capsys, monkeypatch) -> None:
    import os

    import pytest

    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders (the file-in-the-way test covers root)")
    videos = tmp_path / "visit"
    videos.mkdir()
    shutil.copy(walk_video, videos / "P-001.mp4")
    out = tmp_path / "reports"
    out.mkdir()
    out.chmod(0o500)
    monkeypatch.delenv("GAITSCREEN_DEBUG", raising=False)
    try:
        code = main(["batch", str(videos), "--out", str(out), "-q"])
    finally:
        out.chmod(0o700)
    assert code == 2 and "Cannot write into the output folder" in capsys.readouterr().err
    assert list(out.iterdir()) == []
