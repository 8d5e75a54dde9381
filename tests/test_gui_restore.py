"""File → Restore backup…, and a refused study in the window and in a headless run
(pytest-qt, offscreen; the message boxes are answered by a hook)."""

from __future__ import annotations

import contextlib
import sqlite3

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from gaitscreen.storage import Study, list_backups  # noqa: E402
from gaitscreen.ui import messages  # noqa: E402
from test_gui_main import ROOT, _cli_env, engine, env, make_window, shown  # noqa: E402,F401 - fixtures


@pytest.fixture
def answers():
    """Answer the window's boxes from a dict kind → answer (and record what was asked)."""
    asked: list[tuple[str, str, str]] = []
    table: dict[str, object] = {}

    def hook(kind: str, title: str, text: str):
        asked.append((kind, title, text))
        return table.get(kind)

    messages.HOOKS.insert(0, hook)
    yield table, asked
    messages.HOOKS.remove(hook)


def _codes(window) -> list[str]:
    return [p.code for p in window.study.patients()]


def test_restore_backup_from_the_file_menu(make_window, tmp_path, answers):
    table, asked = answers
    folder = tmp_path / "study"
    with Study.open(folder) as study:
        study.add_patient("FIRST")
    window = make_window(folder)  # opening makes a backup holding FIRST
    window.study.add_patient("SECOND")
    window.study.backup_now()
    assert "Restore &backup…" in [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert window.actions_.restore_backup.isEnabled()

    table.update(pick=1, question=False)  # the older backup, then "no" at the confirmation
    window.actions_.restore_backup.trigger()
    assert _codes(window) == ["FIRST", "SECOND"] and not (folder / "trash").exists()
    pick = [text for kind, _t, text in asked if kind == "pick"][0]
    assert all(b.describe() in pick for b in list_backups(folder))  # date and time of each

    table.update(question=True)
    window.actions_.restore_backup.trigger()
    assert _codes(window) == ["FIRST"] and not window.study.read_only
    assert (next((folder / "trash").iterdir()) / "study.sqlite").is_file()  # the replaced database, kept
    assert "study.restore" in [e.action for e in window.study.audit(limit=5)]


def test_a_refused_study_offers_restore(make_window, tmp_path, answers, walk_video):
    table, asked = answers
    folder = tmp_path / "study"
    with Study.open(folder) as study:
        study.import_video(study.add_patient("P-1").id, walk_video)
    (folder / "study.sqlite").write_bytes(b"")  # the reported failure: an emptied database
    videos = sorted((folder / "videos").iterdir())

    table.update(choice="Cancel")
    window = make_window(folder)
    kind, _title, text = [a for a in asked if a[0] == "choice"][0]
    assert "empty (0 bytes)" in text and "Restore backup…" in text and "Open read-only" not in text
    assert window.study is None or window.study_folder() != folder
    assert sorted((folder / "videos").iterdir()) == videos and (folder / "study.sqlite").stat().st_size == 0

    table.update(choice="Restore backup…", pick=None, question=True)
    assert window.open_study(folder, create=False)
    assert window.study_folder() == folder and _codes(window) == ["P-1"] and len(window.study.recordings()) == 1
    assert sorted((folder / "videos").iterdir()) == videos
    window.close()

    (folder / "study.sqlite").unlink()  # lost again; this time restored while the window starts
    for side in ("-wal", "-shm"):
        Path(f"{folder}/study.sqlite{side}").unlink(missing_ok=True)
    started = make_window(folder)
    assert started.study_folder() == folder and _codes(started) == ["P-1"]
    assert sorted((folder / "videos").iterdir()) == videos


def test_a_damaged_study_opens_read_only_to_export(make_window, tmp_path, answers):
    table, _asked = answers
    folder = tmp_path / "study"
    with Study.open(folder) as study:
        for k in range(400):
            study.add_patient(f"P-{k}", notes="x" * 200)
    db = folder / "study.sqlite"
    # A page of the audit log gone bad: chosen through dbstat, so the test does not depend on
    # where the schema's tables happen to lie in the file (a patients page would stop the navigator).
    with contextlib.closing(sqlite3.connect(db)) as conn:
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = [r[0] for r in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'audit_log' AND pagetype = 'leaf'")]
    page = pages[len(pages) // 2]
    data = bytearray(db.read_bytes())
    data[(page - 1) * size:page * size] = b"\xff" * size
    db.write_bytes(bytes(data))
    with pytest.raises(Exception, match="damaged"):
        Study.open(folder)
    table.update(choice="Open read-only")
    window = make_window(folder)
    assert window.study_folder() == folder and window.study.read_only and window.opened.damaged
    assert "damaged" in window.read_only_reason()
    assert window.actions_.restore_backup.isEnabled() and not window.actions_.new_patient.isEnabled()


def test_headless_screenshot_of_a_refused_study_is_one_line_and_exit_2(tmp_path, walk_video):
    folder = tmp_path / "study"
    with Study.open(folder) as study:
        study.import_video(study.add_patient("P-1").id, walk_video)
    (folder / "study.sqlite").unlink()
    before = sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())
    out = tmp_path / "shot.png"
    proc = subprocess.run([sys.executable, "-m", "gaitscreen", "gui", "--screenshot", str(out), "--study",
                           str(folder)], cwd=ROOT, env=_cli_env(tmp_path, QT_QPA_PLATFORM="offscreen"),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    errors = [line for line in proc.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and "study.sqlite is missing" in errors[0] and "Restore backup" in errors[0]
    assert not out.exists()
    assert sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file()) == before
    assert not Path(f"{folder}/study.sqlite").exists()


def test_read_only_notice_names_the_holder_and_restore_is_off(make_window, tmp_path):
    folder = tmp_path / "shared"
    code = ("import sys\nfrom gaitscreen.storage import Study\nstudy = Study.open(sys.argv[1], user='alice')\n"
            "print('ready', flush=True)\nsys.stdin.readline()\nstudy.close()\n")
    holder = subprocess.Popen([sys.executable, "-c", code, str(folder)], cwd=ROOT, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        window = make_window(folder)
        notice = window.read_only_reason()
        assert f"process {holder.pid}, user alice, since " in notice and " UTC)" in notice
        assert not window.actions_.restore_backup.isEnabled()  # never replace another writer's database
    finally:
        holder.communicate("\n", timeout=10)
    assert holder.returncode == 0
