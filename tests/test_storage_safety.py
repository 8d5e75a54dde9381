"""A study is never destroyed by opening it: lost databases are refused, the sweep
moves to the trash, rotating backups and restoring one (single process; see
test_storage_process.py for kills and second processes)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from gaitscreen.storage import Study, StudyDamagedError, StudyError, list_backups, restore_backup
from gaitscreen.storage import backup as backup_mod
from test_storage_support import make_pose_run


def _snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (but the lock and backups) → sha256 of its bytes."""
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and rel != ".lock" and not rel.startswith("backups/"):
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.fixture
def full_study(tmp_path: Path, walk_video: Path) -> Path:
    """A closed study with a patient, a copied recording, its pose and a label."""
    folder = tmp_path / "study"
    with Study.open(folder, user="alice") as study:
        rec = study.import_video(study.add_patient("P-1").id, walk_video).recording
        study.save_pose(rec.id, make_pose_run(walk_video, rec.sha256))
        study.set_label(study.clips(rec.id)[0].id, "alice", "stable")
    return folder


def _break(folder: Path, how: str) -> None:
    db = folder / "study.sqlite"
    for side in ("-wal", "-shm"):
        Path(f"{db}{side}").unlink(missing_ok=True)
    if how == "empty":
        db.write_bytes(b"")
    elif how == "missing":
        db.unlink()
    elif how == "garbage":
        db.write_bytes(b"\x00garbage, not a database" * 200)
    elif how == "damaged":  # a valid header, then pages of noise
        data = bytearray(db.read_bytes())
        page = int.from_bytes(data[16:18], "big") or 65536
        data[page:] = b"\xa5" * (len(data) - page)
        db.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["empty", "missing", "garbage", "damaged"])
def test_a_lost_database_is_refused_and_nothing_changes(full_study: Path, how: str) -> None:
    _break(full_study, how)
    before = _snapshot(full_study)
    assert any(name.startswith("videos/") for name in before) and any(n.startswith("pose/") for n in before)
    newest = list_backups(full_study)[0]
    for kwargs in ({}, {"create": False}, {"create": True}):
        with pytest.raises(StudyDamagedError) as caught:
            Study.open(full_study, **kwargs)
        assert newest.name in str(caught.value) and "Restore backup" in str(caught.value)
        assert "nothing in the folder was changed" in str(caught.value)
        assert caught.value.backups[0].path == newest.path
        assert caught.value.readable == (how == "damaged")
        assert _snapshot(full_study) == before  # nothing deleted, nothing created
        assert not (full_study / "trash").exists()
    if how != "damaged":  # a damaged file may still be read; these cannot
        with pytest.raises(StudyDamagedError):
            Study.open(full_study, read_only=True)
    assert _snapshot(full_study) == before
    Study.open(full_study / "elsewhere").close()  # a refused open gave its lock back (and new folders work)


def test_the_message_says_when_there_is_no_backup(tmp_path: Path) -> None:
    folder = tmp_path / "old"
    (folder / "videos").mkdir(parents=True)
    (folder / "videos" / "a.mp4").write_bytes(b"x")
    with pytest.raises(StudyDamagedError, match="missing; it has no backup to restore"):
        Study.open(folder)
    assert sorted(p.name for p in folder.iterdir()) == ["videos"]  # not even a lock file made


def test_a_new_folder_is_still_created(tmp_path: Path) -> None:
    with Study.open(tmp_path / "new") as study:
        assert study.patients() == []
    assert len(list_backups(tmp_path / "new")) == 1


def test_restore_brings_a_refused_study_back(full_study: Path) -> None:
    _break(full_study, "empty")
    before = _snapshot(full_study)
    newest = list_backups(full_study)[0]
    assert (newest.recordings, newest.labels) == (1, 1)
    trashed = restore_backup(full_study, newest, user="bob")
    assert trashed is not None and (trashed / "study.sqlite").stat().st_size == 0  # the old one, kept
    with Study.open(full_study) as study:
        assert study.integrity_check() == "ok"
        assert [p.code for p in study.patients()] == ["P-1"] and len(study.recordings()) == 1
        assert [a.label for a in study.annotations()] == ["stable"]
        assert study.swept == []  # every file is known again
        assert [e.action for e in study.audit(limit=10)].count("study.restore") == 1
    after = _snapshot(full_study)
    assert {k: v for k, v in before.items() if k != "study.sqlite"}.items() <= after.items()


def test_restore_round_trip_and_refusals(tmp_path: Path) -> None:
    folder = tmp_path / "study"
    with Study.open(folder) as study:
        study.add_patient("BEFORE")
        first = study.backup_now()
        study.add_patient("AFTER")
        with pytest.raises(StudyError, match="Close the study"):
            restore_backup(folder, first)
    (folder / "backups" / "study-20000101T000000.000Z.sqlite").write_bytes(b"nope")
    with pytest.raises(StudyError, match="not a GaitScreen study backup"):
        restore_backup(folder, folder / "backups" / "study-20000101T000000.000Z.sqlite")
    backups = list_backups(folder)
    assert backups[-1].recordings is None  # the bad file is listed as unreadable, oldest
    restore_backup(folder, first)
    with Study.open(folder) as study:
        assert [p.code for p in study.patients()] == ["BEFORE"]
    trash = list((folder / "trash").iterdir())
    assert len(trash) == 1
    old = sqlite3.connect(f"file:{trash[0] / 'study.sqlite'}?mode=ro", uri=True)
    assert [r[0] for r in old.execute("SELECT code FROM patients ORDER BY id")] == ["BEFORE", "AFTER"]
    old.close()


def test_backup_on_open_and_rotation(tmp_path: Path) -> None:
    folder = tmp_path / "study"
    with Study.open(folder) as study:
        assert len(list_backups(folder)) == 1  # made on opening for writing
        study.add_patient("P-0")
        assert len(list_backups(folder)) == 1  # the newest is younger than the interval
        study.backup_every_s = 0  # now every write makes one
        for k in range(backup_mod.BACKUPS_KEPT + 5):
            study.add_patient(f"P-{k + 1}")
        backups = list_backups(folder)
        assert len(backups) == backup_mod.BACKUPS_KEPT
        assert [b.created_at for b in backups] == sorted((b.created_at for b in backups), reverse=True)
        newest = sqlite3.connect(f"file:{backups[0].path}?mode=ro", uri=True)
        assert newest.execute("SELECT count(*) FROM patients").fetchone()[0] == backup_mod.BACKUPS_KEPT + 6
        assert newest.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        newest.close()
    assert not [p for p in (folder / "backups").iterdir() if p.name.startswith(".")]


def test_the_sweep_moves_orphans_to_the_trash(tmp_path: Path) -> None:
    folder = tmp_path / "study"
    Study.open(folder).close()
    (folder / "reports" / "old.pdf").write_bytes(b"%PDF")
    (folder / "videos" / ".x.mp4.abc.tmp").write_bytes(b"part")  # not a video: a killed copy
    with Study.open(folder) as study:
        assert sorted(p.name for p in study.swept) == [".x.mp4.abc.tmp", "old.pdf"]
        for source, target in study.sweep_result.moved.items():
            assert not source.exists() and target.is_file()
            assert target.relative_to(folder / "trash").parts[1:] == source.relative_to(folder).parts
    # a video no recording names while the database knows none: not this database's files
    (folder / "videos" / "abc_walk.mp4").write_bytes(b"video")
    (folder / "reports" / "other.pdf").write_bytes(b"%PDF")
    with Study.open(folder) as study:
        assert study.swept == [] and "knows 0 recording(s) but videos/ holds 1" in study.sweep_result.refused
    assert (folder / "reports" / "other.pdf").is_file() and (folder / "videos" / "abc_walk.mp4").is_file()


def test_a_failed_backup_does_not_stop_the_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "study"
    with Study.open(folder) as study:
        study.backup_every_s = 0

        def full_disk(*_a, **_k):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(backup_mod, "publish", full_disk)
        study.add_patient("STILL-SAVED")
        assert [p.code for p in study.patients()] == ["STILL-SAVED"]
    assert len(list_backups(folder)) == 1
    assert not [p for p in (folder / "backups").iterdir() if p.name.startswith(".")]


@pytest.mark.skipif(os.name != "posix", reason="flock")
def test_lock_falls_back_to_the_lock_file_where_folders_cannot_be_locked(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import fcntl
    import stat

    real = fcntl.flock

    def no_folder_locks(fd: int, op: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EBADF, "Bad file descriptor")  # what NFS answers
        real(fd, op)

    monkeypatch.setattr(fcntl, "flock", no_folder_locks)
    folder = tmp_path / "study"
    with Study.open(folder, user="nfs") as study:
        other = os.open(folder / ".lock", os.O_RDWR)  # another open file description, as another process
        try:
            with pytest.raises(BlockingIOError):
                real(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
        finally:
            os.close(other)
        study.add_patient("P-1")
    other = os.open(folder / ".lock", os.O_RDWR)
    real(other, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released with the study
    os.close(other)
