"""The one language-change hook: each persistent widget that lists :class:`Retranslating` sets its
fixed texts again on a ``LanguageChange`` event and still passes the event on to Qt."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QCoreApplication, QEvent  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

from gaitscreen.ui.retranslating import Retranslating  # noqa: E402
from gaitscreen.ui.speed_entry import SpeedEntry  # noqa: E402
from gaitscreen.ui.status import JobStatus  # noqa: E402


class _Counted(Retranslating, QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def retranslate(self) -> None:
        self.calls += 1


def test_language_change_calls_retranslate_and_only_then(qtbot):
    w = _Counted()
    qtbot.addWidget(w)
    QCoreApplication.sendEvent(w, QEvent(QEvent.Type.LanguageChange))
    QCoreApplication.sendEvent(w, QEvent(QEvent.Type.FontChange))
    assert w.calls == 1


@pytest.mark.parametrize("make", [lambda: SpeedEntry("No walkway length entered."), JobStatus])
def test_persistent_widgets_relabel_on_a_language_change(qtbot, monkeypatch, make):
    widget = make()
    qtbot.addWidget(widget)
    calls = []
    monkeypatch.setattr(widget, "retranslate", lambda: calls.append(1))
    QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))
    assert calls == [1]
