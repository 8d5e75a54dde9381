"""Study storage: schema and opening, patients, video import, read-only and shared
handles (single process; see test_storage_pose.py, test_storage_results.py and
test_storage_process.py for the rest)."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from gaitscreen.core.errors import Cancelled, VideoError
from gaitscreen.core.model.checkpoint import default_model_path
from gaitscreen.storage import Study, StudyError
from gaitscreen.storage.schema import LATEST, TABLES
from test_storage_support import files_in, make_pose_run, recording, study  # noqa: F401 - fixtures


# --- Schema -------------------------------------------------------------------------


def test_new_study_has_every_table_and_latest_version(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    with Study.open(folder) as s:
        assert s.folder == folder.absolute()
    conn = sqlite3.connect(folder / "study.sqlite")
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert set(TABLES) <= tables
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    for sub in ("videos", "pose", "analyses", "reports", "models", "exports"):
        assert (folder / sub).is_dir()


def test_empty_database_file_is_migrated(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "study.sqlite").write_bytes(b"")
    with Study.open(folder) as s:
        assert s.patients() == []
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
        assert s.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert s.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_newer_database_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    Study.open(folder).close()
    conn = sqlite3.connect(folder / "study.sqlite")
    conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.commit()
    conn.close()
    for read_only in (False, True):
        with pytest.raises(StudyError, match="newer GaitScreen"):
            Study.open(folder, read_only=read_only)
    conn = sqlite3.connect(folder / "study.sqlite")
    conn.execute(f"PRAGMA user_version = {LATEST}")
    conn.commit()
    conn.close()
    Study.open(folder).close()  # a refused open gave its lock back


def test_not_a_study(tmp_path: Path) -> None:
    with pytest.raises(StudyError, match="no GaitScreen study"):
        Study.open(tmp_path / "missing", create=False)
    with pytest.raises(StudyError, match="no GaitScreen study"):
        Study.open(tmp_path / "missing", read_only=True)
    assert not (tmp_path / "missing").exists()
    garbage = tmp_path / "garbage"
    garbage.mkdir()
    (garbage / "study.sqlite").write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StudyError, match="not a readable GaitScreen study"):
        Study.open(garbage)
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    with pytest.raises(StudyError, match="is a file"):
        Study.open(a_file)


def test_default_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("GAITSCREEN_STUDY_DIR", raising=False)
    assert Study.default_folder() == Path.home() / "Documents" / "GaitScreen" / "Default study"
    monkeypatch.setenv("GAITSCREEN_STUDY_DIR", str(tmp_path / "elsewhere"))
    assert Study.default_folder() == tmp_path / "elsewhere"


@contextlib.contextmanager
def _unwritable(folder: Path):
    """Make ``folder`` unwritable: chmod for ordinary users; root ignores permissions,
    so for root the folder is made immutable (chattr +i) where the file system allows."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    if not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(folder)],
                                                    capture_output=True).returncode != 0:
        pytest.skip("running as root and the folder cannot be made immutable")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_unwritable_folder(tmp_path: Path) -> None:
    folder = tmp_path / "study"
    with Study.open(folder) as study:
        study.add_patient("P-1")
    assert not (folder / "study.sqlite-wal").exists()
    with _unwritable(folder):
        with pytest.raises(StudyError, match="Cannot write to the study folder"):
            Study.open(folder)
        with Study.open(folder, read_only=True) as ro:  # reading still works
            assert [p.code for p in ro.patients()] == ["P-1"]
        with pytest.raises(StudyError, match="Cannot create the study folder"):
            Study.open(folder / "inner")
    Study.open(folder).close()  # the refused open gave its lock back


# --- Patients -----------------------------------------------------------------------


def test_patients_crud_search_and_audit(study: Study) -> None:
    a = study.add_patient("P-001", birth_year=1948, sex="F", height_cm=158.5, notes="knee surgery 2019")
    b = study.add_patient("Q-7")
    assert study.patient(a.id) == a
    assert study.patient_by_code("p-001") == a  # codes are case-insensitive
    assert study.patient_by_code("nobody") is None
    with pytest.raises(StudyError, match="already exists"):
        study.add_patient("p-001")
    with pytest.raises(StudyError, match="pseudonymous"):
        study.add_patient("John Smith")
    with pytest.raises(StudyError, match="Sex"):
        study.add_patient("X1", sex="female")
    assert [p.code for p in study.patients()] == ["P-001", "Q-7"]
    assert [p.code for p in study.patients("knee")] == ["P-001"]
    assert [p.code for p in study.patients("q-")] == ["Q-7"]
    assert study.patients("%") == []  # LIKE wildcards are taken literally

    changed = study.update_patient(b.id, height_cm=171, notes="new")
    assert (changed.height_cm, changed.notes, changed.code) == (171.0, "new", "Q-7")
    with pytest.raises(StudyError, match="already exists"):
        study.update_patient(b.id, code="P-001")
    with pytest.raises(StudyError, match="no field"):
        study.update_patient(b.id, name="Bob")
    entry = study.audit()[0]
    assert (entry.action, entry.entity, entry.entity_id, entry.user) == ("patient.update", "patient", b.id, "alice")
    assert entry.before == {"height_cm": None, "notes": ""}
    assert entry.after == {"height_cm": 171.0, "notes": "new"}


# --- Import -------------------------------------------------------------------------


def test_import_copies_and_probes(study: Study, recording, walk_video: Path) -> None:
    rec = recording
    assert rec.copied and rec.video_path.startswith("videos/")
    assert rec.video_path.endswith("_walk_frontal_bystander.mp4")
    path = study.video_path(rec)
    assert path.is_file() and path.read_bytes() == walk_video.read_bytes()
    assert rec.sha256[:16] in path.name
    assert (rec.fps, rec.frame_count, rec.width, rec.height) == (pytest.approx(60.0, rel=1e-3), 100, 1080, 1920)
    assert rec.size_bytes == walk_video.stat().st_size and rec.operator == "op"
    assert study.recordings(rec.patient_id) == [rec] and study.recording(rec.id) == rec
    again = study.import_video(rec.patient_id, walk_video)
    assert again.existing and again.recording == rec
    assert len(files_in(study.folder / "videos")) == 1
    status = study.status(rec.id)
    assert (status.pose_done, status.analysed, status.clips_total, status.reports) == (False, False, 0, 0)


def test_import_reports_progress_and_can_be_cancelled(study: Study, walk_video: Path) -> None:
    patient = study.add_patient("P-9")
    seen = []
    calls = {"n": 0}

    def cancel_during_copy() -> bool:
        calls["n"] += 1
        return any(stage == "Copying video" for _, _, stage in seen)

    with pytest.raises(Cancelled):
        study.import_video(patient.id, walk_video, progress=lambda d, t, s: seen.append((d, t, s)),
                           should_cancel=cancel_during_copy)
    assert ("Checking video" in {s for _, _, s in seen}) and calls["n"] > 0
    assert seen[0][1] == walk_video.stat().st_size
    assert files_in(study.folder / "videos") == [] and study.recordings() == []
    assert study.import_video(patient.id, walk_video).existing is False


def test_bad_video_writes_nothing(study: Study, tmp_path: Path) -> None:
    patient = study.add_patient("P-2")
    text = tmp_path / "notes.txt"
    text.write_text("not a video")
    fake = tmp_path / "fake.mp4"
    fake.write_text("not a video either, despite the name\n" * 50)
    for bad in (text, fake, tmp_path / "missing.mp4"):
        with pytest.raises(VideoError):
            study.import_video(patient.id, bad)
    assert study.recordings() == [] and files_in(study.folder / "videos") == []
    with pytest.raises(StudyError, match="does not exist"):
        study.import_video(9999, text)


def test_referenced_import(study: Study, walk_video: Path, tmp_path: Path) -> None:
    source = tmp_path / "elsewhere" / "walk.MP4"
    source.parent.mkdir()
    shutil.copy(walk_video, source)
    patient = study.add_patient("P-3")
    rec = study.import_video(patient.id, source, copy=False, captured_at="2026-01-02T03:04:05+00:00").recording
    assert not rec.copied and Path(rec.video_path).is_absolute()
    assert study.video_path(rec) == source.absolute()
    assert rec.captured_at == "2026-01-02T03:04:05+00:00"
    assert files_in(study.folder / "videos") == []


# --- Read-only handles ------------------------------------------------------------------


def test_read_only_handle_reads_and_refuses_writes(study: Study, recording, walk_video: Path) -> None:
    with Study.open(study.folder, read_only=True) as ro:
        assert ro.read_only and ro.patients() == study.patients()
        study.add_patient("LATER")  # the writer keeps writing; the reader sees it
        assert ro.patient_by_code("LATER") is not None
        attempts = [
            lambda: ro.add_patient("X"),
            lambda: ro.update_patient(1, notes="x"),
            lambda: ro.import_video(1, walk_video),
            lambda: ro.save_pose(recording.id, make_pose_run(walk_video, recording.sha256)),
            lambda: ro.set_label(1, "a", "stable"),
            lambda: ro.register_model(default_model_path()),
            lambda: ro.set_active_model(1),
            lambda: ro.save_analysis(recording.id, 1, {}),
            lambda: ro.add_report(1, walk_video),
            lambda: ro.set_error(recording.id, "x"),
        ]
        for attempt in attempts:
            with pytest.raises(StudyError, match="read-only"):
                attempt()
        with pytest.raises(sqlite3.OperationalError):
            ro.conn.execute("DELETE FROM patients")  # even raw SQL cannot write
    assert study.patient_by_code("P-001") is not None


def test_two_writable_handles_in_one_process(study: Study) -> None:
    other = Study.open(study.folder, user="engine")
    try:
        p = other.add_patient("FROM-ENGINE")
        assert study.patient(p.id).code == "FROM-ENGINE"
        assert study.audit(limit=1)[0].user == "engine"
    finally:
        other.close()
    study.add_patient("STILL-WRITABLE")  # closing one handle keeps the other's lock
    other.close()  # idempotent


def test_set_error_shows_in_status(study: Study, recording, walk_video: Path) -> None:
    study.set_error(recording.id, "Pose failed: no person found.")
    assert study.status(recording.id).last_error == "Pose failed: no person found."
    study.save_pose(recording.id, make_pose_run(walk_video, recording.sha256))
    assert study.status(recording.id).last_error is None
