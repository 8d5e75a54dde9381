"""The main window's "3-D view" dock: the player's current frame of the lifted skeleton.

Shown only while the selected recording has a 3-D skeleton (an analysis with a 3-D
model stored it); the view follows the player's frame. The window's other
recording-dependent dock, the examiner's "Marks" review of a chair-stand or balance
recording (:mod:`.marks_panel`), is attached beside it (``window.marks_panel``).
"""

from __future__ import annotations

import logging
from typing import Any, Optional

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDockWidget

from gaitscreen.core.errors import GaitScreenError

from .language_pref import on_language_change
from .marks_panel import attach_marks_panel
from .player.view3d import SkeletonView3D

log = logging.getLogger(__name__)


def lifted_skeleton(study: Any, recording_id: Optional[int]) -> Any:
    """The recording's stored 3-D skeleton, or None (no study, no recording, none lifted, unreadable)."""
    if study is None or recording_id is None or recording_id < 0:
        return None
    try:
        return study.load_skeleton3d(recording_id)
    except (GaitScreenError, OSError) as exc:  # the view is an aid: a bad file hides it, with a log line
        log.warning("3-D skeleton of recording %s not shown: %s", recording_id, exc)
        return None


def attach_view3d(window: Any) -> SkeletonView3D:
    """Create the 3-D view dock of ``window`` (hidden until a recording has a 3-D skeleton)."""
    window.marks_panel = attach_marks_panel(window)
    view = SkeletonView3D()
    dock = QDockWidget(window)
    dock.setObjectName("dock_view3d")

    def retitle() -> None:
        dock.setWindowTitle(QCoreApplication.translate("View3dDock", "3-D view"))

    retitle()
    on_language_change(dock, retitle)  # re-titled when the language changes at run time
    dock.setWidget(view)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.hide()
    view.dock = dock

    def show(recording_id: int) -> None:
        skeleton = lifted_skeleton(window.study, recording_id)
        view.set_skeleton(skeleton)
        if skeleton is not None:
            view.show_frame(window.player.current_frame)
        dock.setVisible(skeleton is not None)

    window.player.frame_changed.connect(lambda index, _t: view.show_frame(index))
    window.recording_changed.connect(show)
    window.engine.job_finished.connect(
        lambda _job, result: show(result.recording_id)
        if getattr(result, "recording_id", None) == window.navigator.current_recording_id() else None)
    return view
