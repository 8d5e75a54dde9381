"""Study safety across processes: a kill during a backup, a deleted lock file, and the
holder named in every refusal."""

from __future__ import annotations

import hashlib
import signal
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from gaitscreen.storage import Study, StudyLockedError, list_backups
from test_storage_process import children  # noqa: F401 - fixture
from test_storage_support import start_python, wait_for_line

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL and flock")


def _add_ballast(folder: Path, megabytes: int) -> None:
    """Grow the database (a table of random bytes) so that a backup takes many steps."""
    conn = sqlite3.connect(folder / "study.sqlite")
    conn.execute("CREATE TABLE ballast (data BLOB)")
    conn.executemany("INSERT INTO ballast VALUES (randomblob(65536))", [()] * (megabytes * 16))
    conn.commit()
    conn.close()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_kill_during_a_backup_leaves_the_study_and_older_backups_intact(tmp_path: Path, children) -> None:
    folder = tmp_path / "study"
    with Study.open(folder) as study:
        study.add_patient("P-1")
    _add_ballast(folder, 8)
    with Study.open(folder):  # a backup with the ballast
        pass
    older = {b.path: _sha(b.path) for b in list_backups(folder)}
    assert len(older) >= 2
    child = start_python(f"""
import sys, time
from gaitscreen.storage import Study
study = Study.open({str(folder)!r})
steps = []
def progress(done, total, stage):
    steps.append(done)
    if len(steps) == 3:  # a few megabytes into the copy: hold still to be killed
        print("copying", flush=True)
        time.sleep(60)
study.add_patient("P-2")
study.backup_now(progress=progress)
""")
    children.append(child)
    wait_for_line(child, "copying", timeout=60)
    partial = [p for p in (folder / "backups").iterdir() if p.name.endswith(".tmp")]
    assert len(partial) == 1 and partial[0].stat().st_size > 0
    child.send_signal(signal.SIGKILL)
    assert child.wait(timeout=10) == -signal.SIGKILL

    with Study.open(folder) as study:
        assert study.integrity_check() == "ok"
        assert [p.code for p in study.patients()] == ["P-1", "P-2"]
    assert not partial[0].exists()  # the unfinished backup is cleaned up
    now = {b.path: b for b in list_backups(folder)}
    for path, sha in older.items():  # older backups untouched and sound
        assert _sha(path) == sha
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
    assert set(older) < set(now)


def _holder(folder: Path) -> str:
    return f"""
import sys
from gaitscreen.storage import Study
study = Study.open({str(folder)!r}, user="child")
print("ready", flush=True)
sys.stdin.readline()
"""


def test_deleting_the_lock_file_does_not_let_a_second_writer_in(tmp_path: Path, children) -> None:
    folder = tmp_path / "study"
    Study.open(folder).close()
    child = subprocess.Popen([sys.executable, "-c", _holder(folder)], cwd=Path(__file__).resolve().parents[1],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    children.append(child)
    wait_for_line(child, "ready")
    (folder / ".lock").unlink()
    with pytest.raises(StudyLockedError) as caught:
        Study.open(folder)
    if Path("/proc/locks").is_file():  # Linux still knows who holds the folder
        assert f"process {child.pid}" in str(caught.value)
    with Study.open(folder, read_only=True) as ro:
        assert ro.patients() == []
    child.stdin.close()
    assert child.wait(timeout=10) == 0
    with Study.open(folder) as study:  # free again once the holder ends
        study.add_patient("AFTER")


_RACER = """
import os, sys, time
from gaitscreen.storage import Study, StudyLockedError
go = {go!r}
print("waiting", flush=True)
while not os.path.exists(go):
    time.sleep(0.0005)
try:
    study = Study.open({folder!r}, user="racer")
except StudyLockedError as exc:
    print("lost", exc, flush=True)
    sys.exit(0)
print("won", flush=True)
sys.stdin.readline()
"""


def test_the_holder_is_named_every_time(tmp_path: Path, children) -> None:
    """Two instances started together: the one refused always names the other's host and
    process (it used to read the lock file before the winner had written it)."""
    folder = tmp_path / "study"
    Study.open(folder).close()
    root = Path(__file__).resolve().parents[1]
    for round_ in range(5):
        go = tmp_path / f"go{round_}"
        racers = [subprocess.Popen([sys.executable, "-c", _RACER.format(go=str(go), folder=str(folder))],
                                   cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True) for _ in range(2)]
        children.extend(racers)
        for racer in racers:  # both have imported GaitScreen and wait for the start signal
            wait_for_line(racer, "waiting")
        go.write_text("")
        lines = {p.pid: p.stdout.readline().strip() for p in racers}
        winner = [p for p in racers if lines[p.pid] == "won"]
        loser = [p for p in racers if lines[p.pid].startswith("lost")]
        assert len(winner) == 1 and len(loser) == 1, (lines, [p.stderr.read() for p in racers if p.poll()])
        message = lines[loser[0].pid]
        assert f"host {socket.gethostname()}, process {winner[0].pid}" in message, message
        assert "user racer, since " in message, message
        winner[0].stdin.close()
        assert winner[0].wait(timeout=10) == 0 and loser[0].wait(timeout=10) == 0
