"""The annotation panel: one-key labels written to the study at once, undo/redo, blinding, queue."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QHBoxLayout, QWidget

from gaitscreen.storage import Study
from gaitscreen.ui import messages
from gaitscreen.ui.annotation_panel import (COL_MINE, COL_MODEL, COL_OTHERS, COL_P, COL_RECORDING,
                                            SETTING_BLINDED, AnnotationPanel)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from annotation_study import make_study  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


class FakePlayer(QWidget):
    """A player stand-in that records what the panel asked of it."""

    def __init__(self) -> None:
        super().__init__()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.calls: list[tuple] = []

    def set_loop(self, start_s: float, end_s: float) -> None:
        self.calls.append(("loop", start_s, end_s))

    def clear_loop(self) -> None:
        self.calls.append(("clear",))

    def seek_time(self, seconds: float) -> None:
        self.calls.append(("seek", seconds))

    def play(self) -> None:
        self.calls.append(("play",))

    def loops(self) -> list[tuple[float, float]]:
        return [(c[1], c[2]) for c in self.calls if c[0] == "loop"]


@pytest.fixture()
def study(tmp_path):
    s = make_study(tmp_path / "study", patients=2, recordings=1)
    yield s
    s.close()


@pytest.fixture()
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def fresh_labels(folder: Path, rater: str = "alice") -> dict[int, str]:
    """The rater's labels as a new connection reads them from disk."""
    with Study.open(folder, read_only=True) as other:
        return {a.clip_id: a.label for a in other.annotations(rater=rater)}


@pytest.fixture()
def window(qtbot, study, settings):
    """Player and panel side by side in one active window, the first recording loaded."""
    host = QWidget()
    player = FakePlayer()
    panel = AnnotationPanel(study, player, "alice", settings=settings)
    layout = QHBoxLayout(host)
    layout.addWidget(player)
    layout.addWidget(panel)
    qtbot.addWidget(host)
    host.show()
    host.activateWindow()
    qtbot.waitExposed(host)
    panel.show_recording(study.recordings()[0].id)
    panel.table.setFocus()
    panel.select_row(0)
    return host, player, panel


def clip_ids(study: Study, index: int = 0) -> list[int]:
    return [c.id for c in study.clips(study.recordings()[index].id)]


def test_keys_label_clips_and_write_the_database_at_once(qtbot, window, study):
    _, player, panel = window
    clips = clip_ids(study)
    assert len(clips) == 3
    assert player.loops()[-1] == (0.0, 3.0)
    qtbot.keyClick(panel.table, Qt.Key.Key_S)
    assert fresh_labels(study.folder) == {clips[0]: "stable"}  # written before anything else happens
    assert panel.table.currentRow() == 1  # advanced automatically
    assert player.loops()[-1] == (3.0, 6.0)
    qtbot.keyClick(panel.table, Qt.Key.Key_U)
    qtbot.keyClick(panel.table, Qt.Key.Key_X)
    assert fresh_labels(study.folder) == {clips[0]: "stable", clips[1]: "unstable", clips[2]: "unusable"}
    assert [panel.table.item(r, COL_MINE).text() for r in range(3)] == ["stable", "unstable", "unusable"]
    stored = study.annotations(rater="alice")
    assert all(a.created_at for a in stored) and {a.rater for a in stored} == {"alice"}


def test_keys_work_while_the_player_has_focus_but_not_while_typing(qtbot, window, study):
    _, player, panel = window
    clips = clip_ids(study)
    player.setFocus()
    qtbot.keyClick(player, Qt.Key.Key_S)
    assert fresh_labels(study.folder) == {clips[0]: "stable"}
    editor = panel._rater_box.lineEdit()
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_U)
    assert fresh_labels(study.folder) == {clips[0]: "stable"}  # the key was typed, not a label
    assert editor.text().endswith("u")


def test_space_replays_the_current_clip(qtbot, window):
    _, player, panel = window
    panel.select_row(1)
    player.calls.clear()
    qtbot.keyClick(panel.table, Qt.Key.Key_Space)
    assert player.calls == [("seek", 3.0), ("play",)]
    assert panel.table.currentRow() == 1


def test_relabel_changes_the_label_and_is_audited(qtbot, window, study):
    _, _, panel = window
    clips = clip_ids(study)
    qtbot.keyClick(panel.table, Qt.Key.Key_S)
    qtbot.keyClick(panel.table, Qt.Key.Key_P)
    assert panel.table.currentRow() == 0
    qtbot.keyClick(panel.table, Qt.Key.Key_U)
    assert fresh_labels(study.folder) == {clips[0]: "unstable"}
    changes = [e for e in study.audit() if e.action == "label.change" and e.entity_id == clips[0]]
    assert len(changes) == 1
    assert changes[0].before["label"] == "stable" and changes[0].after["label"] == "unstable"


def test_undo_and_redo_restore_the_database(qtbot, window, study):
    _, _, panel = window
    clips = clip_ids(study)
    qtbot.keyClick(panel.table, Qt.Key.Key_S)
    qtbot.keyClick(panel.table, Qt.Key.Key_U)
    panel.select_row(0)
    qtbot.keyClick(panel.table, Qt.Key.Key_X)  # a change: stable -> unusable
    assert fresh_labels(study.folder) == {clips[0]: "unusable", clips[1]: "unstable"}
    undo = lambda: qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # noqa: E731
    redo = lambda: qtbot.keyClick(  # noqa: E731
        panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    undo()
    assert fresh_labels(study.folder) == {clips[0]: "stable", clips[1]: "unstable"}  # the previous label
    assert panel.table.currentRow() == 0 and panel.table.item(0, COL_MINE).text() == "stable"
    undo()
    assert fresh_labels(study.folder) == {clips[0]: "stable"}
    undo()
    assert fresh_labels(study.folder) == {}
    undo()  # nothing left: no change
    assert fresh_labels(study.folder) == {}
    redo()
    redo()
    assert fresh_labels(study.folder) == {clips[0]: "stable", clips[1]: "unstable"}
    redo()
    assert fresh_labels(study.folder) == {clips[0]: "unusable", clips[1]: "unstable"}
    assert panel.table.item(0, COL_MINE).text() == "unusable"


def test_next_and_previous_navigate_and_loop_each_clip(qtbot, window):
    _, player, panel = window
    panel.set_auto_advance(False)
    for key, row in ((Qt.Key.Key_N, 1), (Qt.Key.Key_N, 2), (Qt.Key.Key_N, 2), (Qt.Key.Key_P, 1),
                     (Qt.Key.Key_P, 0), (Qt.Key.Key_P, 0)):
        qtbot.keyClick(panel.table, key)
        assert panel.table.currentRow() == row
    assert player.loops()[-4:] == [(3.0, 6.0), (6.0, 9.0), (3.0, 6.0), (0.0, 3.0)]
    qtbot.keyClick(panel.table, Qt.Key.Key_S)
    assert panel.table.currentRow() == 0  # auto-advance off


def test_blinded_mode_hides_predictions_and_other_raters(qtbot, window, study, settings):
    _, _, panel = window
    clips = clip_ids(study)
    rec = study.recordings()[0].id
    model = study.active_model()
    assert model is not None  # the bundled model is registered in every new study
    study.save_analysis(rec, model.id, {"windows": [], "clips": [
        {"index": 0, "start_s": 0.0, "end_s": 3.0, "p_mean": 0.87, "label": "unstable"},
        {"index": 1, "start_s": 3.0, "end_s": 6.0, "p_mean": 0.12, "label": "stable"}]})
    study.set_label(clips[0], "bob", "unusable")
    panel.refresh()

    def cells() -> list[str]:
        return [panel.table.item(r, c).text() for r in range(panel.table.rowCount())
                for c in range(panel.table.columnCount())]

    assert panel.blinded  # default for raters
    assert all(panel.table.isColumnHidden(c) for c in (COL_MODEL, COL_P, COL_OTHERS))
    assert not any("bob" in t or "0.87" in t or t == "unusable" for t in cells())
    assert panel.rows[0].others == {} and panel.rows[0].model_label is None

    with messages.capture(answer=False) as asked:
        panel.set_blinded(False)  # the rater is asked first and says no
    assert [m.kind for m in asked] == ["question"] and panel.blinded
    assert all(panel.table.isColumnHidden(c) for c in (COL_MODEL, COL_P, COL_OTHERS))
    with messages.capture(answer=True):
        panel.set_blinded(False)
    assert [(e.action, e.after) for e in study.audit() if e.action == "blinding.end"] == [
        ("blinding.end", {"blinded": False, "rater": "alice"})]
    assert not any(panel.table.isColumnHidden(c) for c in (COL_MODEL, COL_P, COL_OTHERS))
    assert panel.table.item(0, COL_OTHERS).text() == "bob: unusable"
    assert panel.table.item(0, COL_MODEL).text() == "unstable"
    assert panel.table.item(0, COL_P).text() == "0.87"
    assert panel.table.item(1, COL_MODEL).text() == "stable"
    settings.sync()
    assert QSettings(settings.fileName(), QSettings.Format.IniFormat).value(SETTING_BLINDED) in (False, "false")
    again = AnnotationPanel(study, None, "carol", settings=settings)
    qtbot.addWidget(again)
    assert not again.blinded  # remembered


def test_queue_lists_the_raters_unlabelled_clips_study_wide(qtbot, window, study):
    _, _, panel = window
    first, second = clip_ids(study, 0), clip_ids(study, 1)
    study.set_label(first[0], "alice", "stable")
    study.set_label(first[1], "bob", "stable")  # another rater's label does not take it off alice's queue
    requested: list[int] = []
    panel.recording_requested.connect(requested.append)
    panel.set_queue_mode(True)
    assert [r.clip_id for r in panel.rows] == first[1:] + second
    assert not panel.table.isColumnHidden(COL_RECORDING)
    assert panel.table.item(0, COL_RECORDING).text().startswith("P01")
    panel.select_row(0)
    qtbot.keyClick(panel.table, Qt.Key.Key_U)
    qtbot.keyClick(panel.table, Qt.Key.Key_U)
    assert panel.table.currentRow() == 2  # the first clip of the second recording
    assert requested == [study.recordings()[1].id]
    assert fresh_labels(study.folder) == {first[0]: "stable", first[1]: "unstable", first[2]: "unstable"}
    panel.refresh()
    assert [r.clip_id for r in panel.rows] == second


def test_a_new_recording_has_no_current_clip_until_one_is_shown(qtbot, window, study):
    _, player, panel = window
    second = study.recordings()[1].id
    player.calls.clear()
    panel.show_recording(second)
    assert panel.table.currentRow() == -1 and player.calls == [("clear",)]
    player.calls.clear()
    qtbot.keyClick(panel.table, Qt.Key.Key_S)  # shows the first clip, labels nothing yet
    assert fresh_labels(study.folder) == {} and panel.table.currentRow() == 0
    assert player.loops() == [(0.0, 3.0)]
    qtbot.keyClick(panel.table, Qt.Key.Key_S)
    assert fresh_labels(study.folder) == {clip_ids(study, 1)[0]: "stable"}


def test_label_keys_do_nothing_on_the_agreement_tab(qtbot, window, study):
    _, _, panel = window
    panel.tabs.setCurrentIndex(1)
    panel.agreement.pairs.setFocus()
    qtbot.keyClick(panel.agreement.pairs, Qt.Key.Key_S)
    assert fresh_labels(study.folder) == {}


def test_opening_a_disagreement_loads_its_recording_and_loops_the_clip(qtbot, window, study):
    _, player, panel = window
    second = study.recordings()[1].id
    target = clip_ids(study, 1)[1]
    requested: list[int] = []
    panel.recording_requested.connect(requested.append)
    panel.set_queue_mode(True)
    panel.tabs.setCurrentIndex(1)
    panel.agreement.open_clip.emit(second, target)
    assert requested == [second]
    assert panel.tabs.currentIndex() == 0 and panel.current_row().clip_id == target
    assert player.loops()[-1] == (3.0, 6.0)
    assert panel.table.isColumnHidden(COL_RECORDING)  # back in recording mode


def test_without_a_rater_name_nothing_is_written(qtbot, study, settings):
    panel = AnnotationPanel(study, None, "", settings=settings)
    qtbot.addWidget(panel)
    panel.show_recording(study.recordings()[0].id)
    panel.select_row(0)
    assert panel.label_current("stable") is False
    assert "rater name" in panel.status.text()
    assert study.annotations() == []
    stored: list[str] = []
    panel._store_rater = stored.append
    panel.set_rater(" dana ")
    assert panel.label_current("stable") is True
    assert stored == ["dana"] and [a.rater for a in study.annotations()] == ["dana"]


CHILD = textwrap.dedent("""
    import sys, time
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from gaitscreen.storage import Study
    from gaitscreen.ui.annotation_panel import AnnotationPanel

    app = QApplication([])
    study = Study.open(sys.argv[1], create=False, user="alice")
    panel = AnnotationPanel(study, None, "alice", settings=QSettings(sys.argv[2], QSettings.Format.IniFormat))
    panel.show()
    panel.activateWindow()
    QTest.qWaitForWindowExposed(panel)
    panel.show_recording(study.recordings()[0].id)
    panel.table.setFocus()
    panel.select_row(0)
    for key in (Qt.Key.Key_S, Qt.Key.Key_U, Qt.Key.Key_X):
        QTest.keyClick(panel.table, key)
    print("labelled", len(study.annotations()), flush=True)
    time.sleep(60)
""")


def test_labels_survive_sigkill_right_after_labelling(tmp_path, study):
    folder = study.folder
    clips = clip_ids(study)
    study.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(folder), str(tmp_path / "child.ini")],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        line = ""
        while time.monotonic() < deadline:
            line = child.stdout.readline()
            if line.startswith("labelled") or not line:
                break
        assert line.startswith("labelled 3"), child.stderr.read() if child.poll() is not None else line
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    with Study.open(folder, create=False) as reopened:  # writable: the dead process's lock is gone
        assert reopened.integrity_check() == "ok"
        labels = {a.clip_id: a.label for a in reopened.annotations(rater="alice")}
    assert labels == {clips[0]: "stable", clips[1]: "unstable", clips[2]: "unusable"}


def test_attached_to_the_main_window_the_queue_loads_each_clips_recording(qtbot, tmp_path, monkeypatch, study):
    from gaitscreen.engine import Engine
    from gaitscreen.ui import messages
    from gaitscreen.ui.annotation_tab import attach_annotation_tab
    from gaitscreen.ui.main_window import MainWindow

    folder = study.folder
    second = study.recordings()[1].id
    study.close()
    monkeypatch.setenv("GAITSCREEN_SETTINGS_DIR", str(tmp_path / "settings"))
    engine = Engine(detect_device=False)
    try:
        with messages.capture(answer=False) as shown:
            window = MainWindow(engine, study_folder=folder)
            qtbot.addWidget(window)
            window.show()
            panel = attach_annotation_tab(window)
            assert window.panel("Annotate") is panel
            window.set_rater("alice")
            assert panel.rater == "alice" and window.rater == "alice"
            panel._rater_box.setEditText("bea")
            panel._rater_box.lineEdit().editingFinished.emit()
            assert window.rater == "bea"  # the name entered in the panel is kept in the window's settings
            panel.set_queue_mode(True)
            panel.select_row(3)  # the first clip of the second recording
            assert window.navigator.current_recording_id() == second
            panel.label_current("unstable")
            assert {a.clip_id: (a.rater, a.label) for a in window.study.annotations()} == {
                window.study.clips(second)[0].id: ("bea", "unstable")}
            window.close()
        assert [m for m in shown if m.kind == "error"] == []
    finally:
        assert engine.shutdown()
