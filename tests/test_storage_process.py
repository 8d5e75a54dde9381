"""Study storage across processes: the instance lock, and kills at awkward moments."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import sys
from pathlib import Path

import pytest

from gaitscreen.storage import Study, StudyLockedError
from test_storage_support import make_pose_run, run_python, start_python, wait_for_line

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL")


@pytest.fixture
def children():
    """Subprocesses started by a test; killed and reaped whatever happens."""
    procs = []
    yield procs
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


def _holder(folder: Path) -> str:
    return f"""
import time
from gaitscreen.storage import Study
study = Study.open({str(folder)!r}, user="child")
print("ready", flush=True)
time.sleep(60)
"""


def test_second_process_cannot_take_the_write_lock(tmp_path: Path) -> None:
    folder = tmp_path / "study"
    with Study.open(folder) as study:
        study.add_patient("P-1")
        done = run_python(f"""
import sys
from gaitscreen.storage import Study, StudyLockedError
try:
    Study.open({str(folder)!r})
except StudyLockedError as exc:
    print(exc)
    ro = Study.open({str(folder)!r}, read_only=True)
    print([p.code for p in ro.patients()])
    sys.exit(3)
""")
        assert done.returncode == 3, done.stderr[-2000:]
        assert f"process {os.getpid()}" in done.stdout and socket.gethostname() in done.stdout
        assert "['P-1']" in done.stdout
    done = run_python(f"from gaitscreen.storage import Study; Study.open({str(folder)!r}).close(); print('ok')")
    assert done.returncode == 0 and "ok" in done.stdout, done.stderr[-2000:]


def test_killed_holder_leaves_no_stale_lock(tmp_path: Path, children) -> None:
    folder = tmp_path / "study"
    Study.open(folder).close()
    child = start_python(_holder(folder))
    children.append(child)
    wait_for_line(child, "ready")
    with pytest.raises(StudyLockedError, match=f"process {child.pid}"):
        Study.open(folder)
    with Study.open(folder, read_only=True) as ro:  # reading is always possible
        assert ro.patients() == []
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    assert (folder / ".lock").exists()  # the file stays, the lock went with the process
    with Study.open(folder) as study:
        study.add_patient("AFTER-KILL")


def test_label_survives_sigkill(tmp_path: Path, walk_video: Path, children) -> None:
    folder = tmp_path / "study"
    with Study.open(folder) as study:
        rec = study.import_video(study.add_patient("P-1").id, walk_video).recording
        study.save_pose(rec.id, make_pose_run(walk_video, rec.sha256))
        clip = study.clips(rec.id)[1]
    child = start_python(f"""
import time
from gaitscreen.storage import Study
study = Study.open({str(folder)!r}, user="rater")
study.set_label({clip.id}, "rater", "unstable", note="steps off the line")
print("labelled", flush=True)
time.sleep(60)
""")
    children.append(child)
    wait_for_line(child, "labelled")
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    with Study.open(folder) as study:
        assert study.integrity_check() == "ok"
        labels = study.annotations(clip_id=clip.id)
        assert [(a.rater, a.label, a.note) for a in labels] == [("rater", "unstable", "steps off the line")]
        assert study.audit(limit=1)[0].action == "label.set"


def test_killed_import_is_swept_and_can_be_repeated(tmp_path: Path, walk_video: Path, children) -> None:
    folder = tmp_path / "study"
    other = tmp_path / "other.mp4"
    shutil.copy(walk_video, other)
    with open(other, "ab") as fh:  # a second, different video (trailing bytes change its hash)
        fh.write(b"\0" * 64)
    with Study.open(folder) as study:
        patient = study.add_patient("P-1")
        kept = study.import_video(patient.id, other).recording
    # A process killed while copying leaves its temporary file behind.
    child = start_python(f"""
import os, signal
from gaitscreen.storage import Study
study = Study.open({str(folder)!r})
def progress(done, total, stage):
    if stage == "Copying video":
        os.kill(os.getpid(), signal.SIGKILL)
study.import_video({patient.id}, {str(walk_video)!r}, progress=progress)
""")
    children.append(child)
    assert child.wait(timeout=30) == -signal.SIGKILL
    leftovers = [p for p in (folder / "videos").iterdir() if p.name != Path(kept.video_path).name]
    assert leftovers and all(p.name.endswith(".tmp") for p in leftovers)
    # A kill while saving an analysis or a pose leaves files without rows, too.
    (folder / "analyses" / "77.json").write_text("{}")
    (folder / "pose" / "55").mkdir()
    (folder / "pose" / "55" / "skeleton.npz").write_bytes(b"x")

    with Study.open(folder) as study:
        swept = {p.name for p in study.swept}
        assert {"77.json", "55"} | {p.name for p in leftovers} <= swept
        # moved to the study's trash, not deleted
        trashed = {p.relative_to(folder / "trash").parts[1:] for p in study.sweep_result.moved.values()}
        assert ("analyses", "77.json") in trashed and ("pose", "55") in trashed
        assert all(p.exists() for p in study.sweep_result.moved.values())
        assert study.audit(limit=5)[0].action == "study.sweep"
        assert sorted(p.name for p in (folder / "videos").iterdir()) == [Path(kept.video_path).name]
        assert list((folder / "analyses").iterdir()) == [] and list((folder / "pose").iterdir()) == []
        assert [r.id for r in study.recordings()] == [kept.id]
        again = study.import_video(patient.id, walk_video)
        assert not again.existing and study.video_path(again.recording).is_file()
        assert study.video_path(kept).is_file()
        assert study.integrity_check() == "ok"
    # A kill between the copy's rename and its row leaves a complete video no row names: then
    # the database knows fewer recordings than videos/ holds, which is also what a lost or
    # replaced database looks like, so the sweep moves nothing (and says why).
    orphan = folder / "videos" / "0123456789abcdef_walk.mp4"
    shutil.copy(walk_video, orphan)
    (folder / "analyses" / "78.json").write_text("{}")
    with Study.open(folder) as study:
        assert study.swept == [] and "2 recording(s) but videos/ holds 3" in study.sweep_result.refused
        assert orphan.is_file() and (folder / "analyses" / "78.json").is_file()
        assert study.audit(limit=5)[0].action == "study.sweep_skipped"
