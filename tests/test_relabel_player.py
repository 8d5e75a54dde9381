"""Switching the language at run time re-labels the player and the dialogs around it (issue 19).

Each widget is built in English, the zh_TW catalogue is installed as View → Language does
(:func:`~gaitscreen.ui.language_pref.install_language`, which makes Qt send every widget
``LanguageChange``), and its visible texts must then be the Chinese ones; installing English
again brings the English back. Texts that say a state (the frame on screen, the person asked
about, the calibration's checks, the camera's status) are worded again from that state.
Closing the study in the real main window hands every panel and dock None, so a later
language change finds no closed study to read.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QLocale  # noqa: E402

from gaitscreen.storage import Study  # noqa: E402
from gaitscreen.ui.language_pref import install_language  # noqa: E402
from test_gui_main import engine, env, make_window, shown  # noqa: E402,F401 (fixtures)
from test_view3d import world_walk  # noqa: E402
from visit_support import visit_study  # noqa: E402

CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")


@pytest.fixture
def app(qapp):
    """The test application, back in English (and its old default locale) afterwards."""
    saved = QLocale()
    install_language(qapp, "en")
    yield qapp
    install_language(qapp, "en")
    QLocale.setDefault(saved)


def switch(app, code: str) -> None:
    assert install_language(app, code) == code


def english_left(texts: list[str]) -> list[str]:
    """Texts that carry letters but no Chinese (numbers, units and names alone are fine)."""
    return [t for t in texts if re.search(r"[A-Za-z]{3,}", t) and not CJK.search(t)]


# -- the player ------------------------------------------------------------------------------

def test_player_controls_and_frame_label_relabel(qtbot, app, walk_video):
    from gaitscreen.ui.player import PlayerWidget

    player = PlayerWidget()
    qtbot.addWidget(player)
    c = player.controls
    assert player.frame_label.text() == "no video"
    assert (c.skeleton_box.text(), c.others_box.text(), c.privacy_box.text()) == ("Skeleton", "Others", "Privacy")
    switch(app, "zh_TW")
    assert player.frame_label.text() == "無影片"
    assert (c.skeleton_box.text(), c.others_box.text(), c.privacy_box.text()) == ("骨架", "其他人", "隱私")
    assert c.speed_combo.toolTip() == "播放速度" and c.play_button.toolTip() == "播放 / 暫停 (Space)"
    player.load(walk_video)
    qtbot.waitUntil(lambda: player.current_frame == 0, timeout=5000)
    player.seek_frame(3)
    qtbot.waitUntil(lambda: player.current_frame == 3, timeout=5000)
    last = player.frame_count - 1
    assert player.frame_label.text().startswith(f"影格 3 / {last} · ")
    switch(app, "en")  # the label says the frame on screen again, now in English
    assert player.frame_label.text().startswith(f"frame 3 / {last} · ") and player.frame_label.text().endswith(" s")
    assert c.skeleton_box.text() == "Skeleton" and c.back_button.toolTip() == "Previous frame (\u2190)"
    player.shutdown()


def test_subject_choice_bar_asks_again_in_the_new_language(qtbot, app):
    from gaitscreen.ui.player.choice_bar import SubjectChoiceBar

    bar = SubjectChoiceBar()
    qtbot.addWidget(bar)
    bar.ask(4)
    assert bar.message.text().startswith("Make person 4 the patient in this video?")
    assert bar.accept_button.text() == "Re-analyse with this person"
    switch(app, "zh_TW")
    assert bar.pending == 4 and bar.message.text().startswith("要將人物 4 設為此影片中的受測者嗎？")
    assert (bar.accept_button.text(), bar.cancel_button.text()) == ("以此人重新分析", "保留目前的受測者")
    bar.dismiss()
    switch(app, "en")
    assert bar.message.text() == "" and bar.pending is None  # answered: nothing is asked again
    assert bar.cancel_button.text() == "Keep the current patient"
    bar.ask(7, "Person 7?")  # a caller's own wording stays as given
    switch(app, "zh_TW")
    assert bar.message.text() == "Person 7?" and bar.accept_button.text() == "以此人重新分析"


def test_3d_view_relabels_its_tips_and_the_lifter_note(qtbot, app):
    from gaitscreen.ui.player.view3d import SkeletonView3D

    view = SkeletonView3D()
    qtbot.addWidget(view)
    _, three = world_walk(duration_s=1.5)
    view.set_skeleton(three)
    assert view.note.text() == "Lifted to 3-D by truth"
    switch(app, "zh_TW")
    assert view.note.text() == "由 truth 轉換為 3D"
    assert view.plot.toolTip() == "左右拖曳以轉動受測者" and view.slider.toolTip() == "繞垂直軸轉動視角（度）"
    view.set_skeleton(None)
    assert view.note.text() == ""
    switch(app, "en")
    assert view.plot.toolTip() == "Drag sideways to turn the patient" and view.note.text() == ""


# -- the dialogs -------------------------------------------------------------------------------

@pytest.fixture
def setups_study(tmp_path):
    study, _visit = visit_study(tmp_path / "study")
    yield study
    study.close()


def test_setups_dialog_relabels_heads_buttons_and_rows(qtbot, app, setups_study):
    from gaitscreen.ui.setups_dialog import SetupsDialog

    dialog = SetupsDialog(None, setups_study, run=lambda calibration: calibration.save())  # Save pressed
    qtbot.addWidget(dialog)
    heads = lambda: [dialog.table.horizontalHeaderItem(i).text() for i in range(5)]  # noqa: E731
    assert dialog.windowTitle() == "Camera setups" and heads()[0] == "Name"
    assert dialog.table.item(0, 0).text() == "Room 1"
    english_direction = dialog.table.item(0, 1).text()
    dialog.table.selectRow(0)
    switch(app, "zh_TW")
    assert dialog.windowTitle() == "攝影機設置"
    assert heads() == ["名稱", "行走方向", "路線", "預期誤差", "錄影"]
    assert [b.text() for b in dialog.buttons.values()] == ["新增…", "變更校正…", "重新命名…", "刪除"]
    assert dialog.table.item(0, 0).text() == "Room 1" and dialog.selected() is not None  # the selection stays
    assert CJK.search(dialog.table.item(0, 1).text()) and dialog.table.item(0, 1).text() != english_direction
    switch(app, "en")
    assert heads()[1] == "Walking direction" and dialog.buttons["edit"].text() == "Change calibration…"
    assert dialog.table.item(0, 1).text() == english_direction
    dialog.edit_setup()  # the calibration saved again: the message line counts what was recomputed
    assert dialog.message.text().startswith("Recomputed 0 recording(s) with the new calibration.")
    switch(app, "zh_TW")
    assert dialog.message.text().startswith("已以新的校正重新計算 0 個錄影。")


def test_calibration_dialog_relabels_and_words_its_checks_again(qtbot, app, setups_study):
    from gaitscreen.ui.calibration_dialog import CalibrationDialog

    setup = setups_study.setups()[0]
    dialog = CalibrationDialog(None, setups_study, setup_id=setup.id)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Change camera setup"
    assert dialog.status.text().startswith("The calibration passes its checks.")
    assert dialog.direction.currentText() == "Not stated"  # the stored setup names no walking direction
    switch(app, "zh_TW")
    assert dialog.windowTitle() == "變更攝影機設置"
    assert dialog.status.text().startswith("校正已通過檢查。")
    assert [label.text() for label in dialog.form_labels] == [
        "錄影", "影格", "設置名稱", "方法", "走道寬度 (m)", "走道長度 (m)", "受測者行走方向"]
    assert dialog.method.itemText(0) == "地面矩形（四個角）" and dialog.clear_button.text() == "清除點"
    assert dialog.direction.currentText() == "未註明"
    shown = [dialog.load_button.text(), dialog.fit_button.text(), dialog.course.text(), dialog.hint.text(),
             dialog.name.placeholderText(), *[dialog.direction.itemText(i) for i in range(dialog.direction.count())]]
    assert not english_left(shown), english_left(shown)
    dialog.view.clear_points()  # a state with its own sentence: the count of corners marked
    assert dialog.status.text() == "請點選四個角（已標 0/4）。"
    switch(app, "en")
    assert dialog.status.text() == "Click the four corners (0 of 4 marked)."
    assert dialog.form_labels[0].text() == "Recording" and dialog.direction.currentText() == "Not stated"
    new = CalibrationDialog(None, setups_study)
    qtbot.addWidget(new)
    switch(app, "zh_TW")
    assert new.windowTitle() == "新增攝影機設置"


def test_capture_dialog_relabels_its_form_and_status(qtbot, app, tmp_path):
    from gaitscreen.engine.capture_worker import SourceInfo
    from gaitscreen.ui.capture_dialog import CaptureDialog

    dialog = CaptureDialog(tmp_path / "captures", cameras=[])
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Record a walk" and dialog.resolution.currentText() == "Camera default"
    assert dialog.status.text() == "No camera found: type a device path or a stream URL."
    switch(app, "zh_TW")
    assert dialog.windowTitle() == "錄製行走"
    assert [label.text() for label in dialog.form_labels] == ["來源", "解析度", "影格率", "長度", "倒數", "攝影機設置"]
    assert dialog.resolution.currentText() == "攝影機預設值" and dialog.requested_size() == (None, None)
    assert dialog.fps.specialValueText() == "攝影機預設值" and dialog.fps.suffix() == " 影格/秒"
    assert dialog.setup_combo.currentText() == "無設置（未校正）" and dialog.preview.text() == "無預覽"
    assert (dialog.start_button.text(), dialog.cancel_button.text()) == ("開始", "關閉")
    assert dialog.status.text() == "找不到攝影機：請輸入裝置路徑或串流網址。"
    assert dialog.source_combo.lineEdit().placeholderText().startswith("攝影機編號")
    dialog._countdown_left = 3
    dialog._say_countdown()  # a countdown under way: its line follows the language with its number
    dialog.source_info = SourceInfo(label="USB camera", width=1280, height=720, fps=30.0, is_stream=False)
    switch(app, "en")
    assert dialog.status.text() == "Recording starts in 3…"
    assert dialog.info.text() == "USB camera: camera, 1280 x 720, 30 frames/s"  # the open source, worded again
    assert dialog.form_labels[2].text() == "Frame rate" and dialog.fps.suffix() == " frames/s"
    assert dialog.resolution.currentText() == "Camera default" and dialog.requested_size() == (None, None)
    switch(app, "zh_TW")
    assert dialog.info.text() == "USB camera：攝影機，1280 x 720，30 影格/秒"


# -- the main window: closing the study, then switching -------------------------------------------

def _study_with_3d(folder: Path) -> tuple[int, int]:
    """A visit study whose chair-stand recording also has a lifted 3-D skeleton; (patient, recording)."""
    study, _visit = visit_study(folder)
    try:
        recording = next(r for r in study.recordings() if r.protocol == "chair-stand")
        two, three = world_walk(duration_s=1.5)
        study.save_pose(recording.id, SimpleNamespace(
            video_sha256="", skeleton=two, subject_id=1, candidates=[], tracks=[], settings=None,
            pose_model="synthetic", pose_model_sha256="", device="cpu", stats={}))
        study.save_skeleton3d(recording.id, three)
        return recording.patient_id, recording.id
    finally:
        study.close()


def test_closing_the_study_lets_go_of_it_and_a_switch_then_relabels(make_window, app, tmp_path, qtbot):
    folder = tmp_path / "clinic"
    patient_id, recording_id = _study_with_3d(folder)
    window = make_window(folder)
    assert window.navigator.select_patient(patient_id) and window.navigator.select_recording(recording_id)
    qtbot.waitUntil(lambda: window.player.current_frame == 0, timeout=5000)
    assert window.view3d.has_skeleton and window.view3d.dock.isVisible()
    assert window.marks_panel.dock.isVisible()
    opened = window.study
    assert window.close_study()
    assert opened.closed  # the handle itself is closed
    holders = {"navigator": window.navigator.study, "annotation": window.annotation.study,
               "analysis": window.analysis.study, "report": window.report.study,
               "marks": window.marks_panel._study}
    assert holders == dict.fromkeys(holders), holders
    assert not window.view3d.has_skeleton and not window.view3d.dock.isVisible()
    assert not window.marks_panel.dock.isVisible()
    switch(app, "zh_TW")  # an exception in any retranslate() fails the test (pytest-qt)
    assert window.navigator_dock.windowTitle() == "研究" and window.panels_dock.windowTitle() == "面板"
    assert window.view3d.dock.windowTitle() == "3D 檢視" and window.study_label.text() == "未開啟研究"
    assert window.player.frame_label.text() == "無影片"
    assert window.panels.tabText(window.panels.indexOf(window.analysis)) == "分析"
    switch(app, "en")
    assert window.navigator_dock.windowTitle() == "Study" and window.view3d.dock.windowTitle() == "3-D view"
    assert window.study_label.text() == "No study open" and window.player.frame_label.text() == "no video"


def test_zh_tw_player_with_3d_dock_and_choice_bar_screenshot(make_window, app, tmp_path, qtbot):
    """The player with the 3-D dock and the subject-choice bar in zh-TW: Chinese, nothing cut off."""
    from gaitscreen.ui.app import create_app
    from test_language_switch import clipped

    create_app()  # the app's fonts and style, as the real start has them
    folder = tmp_path / "clinic"
    patient_id, recording_id = _study_with_3d(folder)
    switch(app, "zh_TW")
    window = make_window(folder)
    window.resize(1400, 860)
    assert window.navigator.select_patient(patient_id) and window.navigator.select_recording(recording_id)
    qtbot.waitUntil(lambda: window.player.current_frame == 0, timeout=5000)
    window.player.choice_bar.ask(2)
    qtbot.wait(50)
    bar = window.player.choice_bar
    assert bar.isVisible() and window.view3d.dock.isVisible()
    texts = [bar.message.text(), bar.accept_button.text(), bar.cancel_button.text(),
             window.view3d.dock.windowTitle(), window.player.skeleton_box.text()]
    assert not english_left(texts), english_left(texts)
    for part in (window.player, window.view3d.dock):
        assert not clipped(part), clipped(part)
    shot = tmp_path / "player_zh_TW_3d_choice.png"
    assert window.grab().save(str(shot))
    folder_out = os.environ.get("GAITSCREEN_SCREENSHOT_DIR")
    if folder_out:
        shutil.copy(shot, Path(folder_out) / shot.name)


def test_switching_study_lets_go_of_the_old_one(make_window, app, tmp_path, qtbot):
    first, second = tmp_path / "first", tmp_path / "second"
    patient_id, recording_id = _study_with_3d(first)
    _study_with_3d(second)
    window = make_window(first)
    assert window.navigator.select_patient(patient_id) and window.navigator.select_recording(recording_id)
    qtbot.waitUntil(lambda: window.player.current_frame == 0, timeout=5000)
    assert window.marks_panel.dock.isVisible() and window.view3d.has_skeleton
    old = window.study
    assert window.open_study(second)
    assert old.closed and window.study is not old and not window.study.closed
    assert window.marks_panel._study is not old  # the Marks dock no longer holds the closed handle
    assert not window.view3d.has_skeleton and not window.marks_panel.dock.isVisible()
    switch(app, "zh_TW")  # nothing touches the closed study on a language change
    switch(app, "en")
