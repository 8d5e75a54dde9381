"""Choosing the patient in the player: hovering shows who a click would choose, and the
confirmation is a bar under the video, not a dialog over it."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from gaitscreen.core.overlay import HOVER_COLOUR

from test_player import BYSTANDER, BYSTANDER_BOX, SUBJECT, _grab, _pixels, player  # noqa: F401 (fixture)


def _move(view, point: QPointF) -> None:
    event = QMouseEvent(QEvent.Type.MouseMove, point, view.mapToGlobal(point), Qt.MouseButton.NoButton,
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view, event)


def _hover_pixels(player) -> int:
    px = _pixels(_grab(player)).reshape(player.view.height(), -1, 4)[..., :3].astype(int)
    r, g, b = HOVER_COLOUR
    return int((np.abs(px - [b, g, r]).sum(axis=2) < 30).sum())


def test_hovering_a_person_shows_who_a_click_would_choose(qtbot, player) -> None:
    view = player.view
    assert view.hover_id is None and _hover_pixels(player) == 0
    centre = view.to_widget((BYSTANDER_BOX[0] + BYSTANDER_BOX[2]) / 2, (BYSTANDER_BOX[1] + BYSTANDER_BOX[3]) / 2)
    with qtbot.waitSignal(view.hover_changed, timeout=1000) as blocker:
        _move(view, centre)
    assert blocker.args == [BYSTANDER] and view.hover_id == BYSTANDER
    assert view.hover_label() == f"#{BYSTANDER} · click to make this person the patient"
    assert view.cursor().shape() == Qt.CursorShape.PointingHandCursor
    assert _hover_pixels(player) > 200  # their box and skeleton in the hover colour
    _move(view, view.to_widget(550, 1100))  # the patient: labelled, not offered
    assert view.hover_id == SUBJECT and view.hover_label() == f"#{SUBJECT} · the patient"
    assert view.cursor().shape() == Qt.CursorShape.ArrowCursor
    _move(view, QPointF(2, 2))  # outside everyone
    assert view.hover_id is None and view.hover_label() == "" and _hover_pixels(player) == 0
    # The "Others" toggle hides the bystander: nothing to hover there any more.
    player.others_box.setChecked(False)
    _move(view, centre)
    assert view.hover_id is None


def test_a_click_is_confirmed_in_a_bar_below_the_video(qtbot, player) -> None:
    bar, view = player.choice_bar, player.view
    chosen: list[int] = []
    player.subject_clicked.connect(lambda tid: bar.ask(tid, f"Make person {tid} the patient?",
                                                       lambda: chosen.append(tid)))
    assert not bar.isVisible()
    centre = view.to_widget((BYSTANDER_BOX[0] + BYSTANDER_BOX[2]) / 2, (BYSTANDER_BOX[1] + BYSTANDER_BOX[3]) / 2)
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=centre.toPoint())
    qtbot.waitUntil(bar.isVisible, timeout=1000)
    assert bar.pending == BYSTANDER and QApplication.activeModalWidget() is None
    assert bar.geometry().top() >= view.geometry().bottom()  # under the picture, not over it
    assert not view.visibleRegion().isEmpty() and view.video_rect().height() > 100
    player.step(1)  # the player keeps working while the question waits
    qtbot.waitUntil(lambda: player.current_frame == 1, timeout=5000)
    with qtbot.waitSignal(bar.confirmed, timeout=1000) as blocker:
        qtbot.mouseClick(bar.accept_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [BYSTANDER] and chosen == [BYSTANDER] and not bar.isVisible()

    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=centre.toPoint())
    qtbot.waitUntil(bar.isVisible, timeout=1000)
    with qtbot.waitSignal(bar.cancelled, timeout=1000):
        qtbot.mouseClick(bar.cancel_button, Qt.MouseButton.LeftButton)
    assert chosen == [BYSTANDER] and bar.pending is None and not bar.isVisible()

    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=centre.toPoint())
    qtbot.waitUntil(bar.isVisible, timeout=1000)
    player.clear()  # another video: the question goes with the old one
    assert not bar.isVisible() and chosen == [BYSTANDER]
