"""Rater ergonomics of the annotation panel: labelling speed, label colours, comments, queue done, disagreements."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QHBoxLayout, QWidget

from gaitscreen.storage import Study
from gaitscreen.ui import messages
from gaitscreen.ui.annotation_panel import AnnotationPanel
from gaitscreen.ui.annotation_speed import SETTING_SPEED
from gaitscreen.ui.annotation_table import COL_COMMENT, COL_INDEX, COL_MINE, COL_MODEL, DISAGREE_TINT, LABEL_TINTS

sys.path.insert(0, str(Path(__file__).resolve().parent))
from annotation_study import make_study  # noqa: E402


class SpeedPlayer(QWidget):
    """A player stand-in with the real player's speed API (``speed`` / ``set_speed``)."""

    def __init__(self) -> None:
        super().__init__()
        self.speed = 2.0  # the clinician watched at 2×
        self.speeds: list[float] = []
        self.playing_at: list[float] = []

    def set_speed(self, speed: float) -> None:
        self.speed = float(speed)
        self.speeds.append(self.speed)

    def set_loop(self, start_s: float, end_s: float) -> None: ...
    def clear_loop(self) -> None: ...
    def seek_time(self, seconds: float) -> None: ...

    def play(self) -> None:
        self.playing_at.append(self.speed)


@pytest.fixture()
def study(tmp_path):
    s = make_study(tmp_path / "study", patients=2, recordings=1)
    yield s
    s.close()


@pytest.fixture()
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture()
def window(qtbot, study, settings):
    host = QWidget()
    player = SpeedPlayer()
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
    return host, player, panel


def test_clips_play_at_the_labelling_speed_and_the_player_gets_its_speed_back(qtbot, window, settings):
    _, player, panel = window
    assert panel.speed.speed == 1.0  # the default labelling speed
    panel.select_row(0)
    assert player.playing_at == [1.0]  # not the player's 2×
    qtbot.keyClick(panel.table, Qt.Key.Key_Space)  # replay: still 1×
    assert player.playing_at == [1.0, 1.0]
    panel.speed.set_speed(0.5)  # changed while labelling: applies at once, and is remembered
    assert player.speed == 0.5
    panel.hide()  # the Annotate tab left
    assert player.speed == 2.0
    settings.sync()
    again = AnnotationPanel(None, SpeedPlayer(), "alice", settings=QSettings(settings.fileName(),
                                                                            QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    assert again.speed.speed == 0.5 and float(settings.value(SETTING_SPEED)) == 0.5


def test_labels_are_coloured_and_written(qtbot, window):
    _, _, panel = window
    panel.select_row(0)
    for key in (Qt.Key.Key_S, Qt.Key.Key_U, Qt.Key.Key_X):
        qtbot.keyClick(panel.table, key)
    cells = [panel.table.item(r, COL_MINE) for r in range(3)]
    assert [c.text() for c in cells] == ["stable", "unstable", "unusable"]  # text, not colour alone
    assert [c.background().color() for c in cells] == [LABEL_TINTS["stable"], LABEL_TINTS["unstable"],
                                                       LABEL_TINTS["unusable"]]
    assert len({t.name() for t in LABEL_TINTS.values()}) == 3
    panel.undo_stack.undo()  # unlabelled again: no tint
    assert panel.table.item(2, COL_MINE).text() == "" and panel.table.item(2, COL_MINE).background().style() == \
        Qt.BrushStyle.NoBrush


def test_a_comment_is_stored_for_the_rater_and_clip(qtbot, window, study):
    _, _, panel = window
    panel.select_row(1)
    clip_id = panel.current_row().clip_id
    panel.comment.setFocus()
    qtbot.keyClicks(panel.comment, "sways at 4 s")  # the S and U typed here label nothing
    qtbot.keyClick(panel.comment, Qt.Key.Key_Return)
    assert study.annotations() == []
    with Study.open(study.folder, read_only=True) as other:
        assert [(c.clip_id, c.rater, c.text) for c in other.clip_comments()] == [(clip_id, "alice", "sways at 4 s")]
    assert panel.table.item(1, COL_COMMENT).text() == "sways at 4 s"
    panel.select_row(0)
    assert panel.comment.text() == ""
    panel.select_row(1)
    assert panel.comment.text() == "sways at 4 s"
    panel.set_rater("bob")  # bob has no comment on the clip
    panel.select_row(1)
    assert panel.comment.text() == "" and panel.table.item(1, COL_COMMENT).text() == ""


def test_queue_done_when_every_clip_is_labelled(qtbot, window, study):
    _, _, panel = window
    panel.set_auto_advance(True)
    panel.set_queue_mode(True)
    total = len(panel.rows)
    assert total == 6 and not panel.queue_is_done
    panel.select_row(0)
    for _ in range(total - 1):
        qtbot.keyClick(panel.table, Qt.Key.Key_S)
    assert not panel.queue_is_done  # one clip left
    qtbot.keyClick(panel.table, Qt.Key.Key_S)
    assert panel.queue_is_done and "Queue done" in panel.done_banner.text()
    panel.set_queue_mode(False)
    assert not panel.queue_is_done  # shown for the queue only


def test_disagreements_with_the_model_are_marked_only_after_unblinding(qtbot, window, study):
    _, _, panel = window
    rec = study.recordings()[0].id
    study.save_analysis(rec, study.active_model().id, {"windows": [], "clips": [
        {"index": 0, "start_s": 0.0, "end_s": 3.0, "p_mean": 0.87, "label": "unstable"},
        {"index": 1, "start_s": 3.0, "end_s": 6.0, "p_mean": 0.12, "label": "stable"},
        {"index": 2, "start_s": 6.0, "end_s": 9.0, "p_mean": 0.9, "label": "unstable"}]})
    clips = [c.id for c in study.clips(rec)]
    study.set_label(clips[0], "alice", "stable")  # differs
    study.set_label(clips[1], "alice", "stable")  # agrees
    study.set_label(clips[2], "alice", "unusable")  # not a stable/unstable judgement: no disagreement
    panel.refresh()
    texts = [panel.table.item(r, c).text() for r in range(3) for c in range(panel.table.columnCount())]
    assert not any("differs" in t for t in texts) and not any(r.disagrees for r in panel.rows)
    assert panel.table.item(0, COL_INDEX).background().style() == Qt.BrushStyle.NoBrush
    assert not panel._only_differ.isEnabled()
    with messages.capture(answer=True):
        panel.set_blinded(False)
    assert [r.disagrees for r in panel.rows] == [True, False, False]
    assert "differs" in panel.table.item(0, COL_MODEL).text() and panel.table.item(0, COL_MODEL).font().bold()
    assert panel.table.item(0, COL_INDEX).background().color() == DISAGREE_TINT
    assert panel.table.item(1, COL_MODEL).text() == "stable" and not panel.table.item(1, COL_MODEL).font().bold()
    assert "1 label differs from the model" in panel.status.text() or "1 label(s) differ" in panel.status.text()
    panel.set_only_disagreements(True)
    assert [r.clip_id for r in panel.rows] == [clips[0]]
    panel.set_only_disagreements(False)
    assert len(panel.rows) == 3
