"""The player's control row: step / play buttons, speed, frame label, overlay toggles.

Only widgets; :class:`~gaitscreen.ui.player.player.PlayerWidget` connects them. None
of them takes keyboard focus, so Space and the arrow keys stay the player's shortcuts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Optional

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QStyle, QToolButton, QWidget

SPEEDS: tuple[float, ...] = (0.25, 0.5, 1.0, 1.5, 2.0)


class PlayerControls(QWidget):
    """Buttons, speed box, frame label and the Skeleton / Others / Privacy toggles."""

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.back_button = self._button(QStyle.StandardPixmap.SP_MediaSeekBackward)
        self.play_button = self._button(QStyle.StandardPixmap.SP_MediaPlay)
        self.forward_button = self._button(QStyle.StandardPixmap.SP_MediaSeekForward)
        self.speed_combo = QComboBox(self)
        self.speed_combo.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for s in SPEEDS:
            self.speed_combo.addItem(f"{s:g}\u00d7", s)
        self.speed_combo.setCurrentIndex(SPEEDS.index(1.0))
        self.frame_label = QLabel(self)
        self.skeleton_box = self._check(True)
        self.others_box = self._check(True)
        self.privacy_box = self._check(False)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 0, 4, 2)
        for w in (self.back_button, self.play_button, self.forward_button, self.speed_combo, self.frame_label):
            row.addWidget(w)
        row.addStretch(1)
        for w in (self.skeleton_box, self.others_box, self.privacy_box):
            row.addWidget(w)

        self.retranslate()

    def retranslate(self) -> None:
        """The fixed texts in the current language (the player calls this on a language change)."""
        self.back_button.setToolTip(self.tr("Previous frame (\u2190)"))
        self.play_button.setToolTip(self.tr("Play / pause (Space)"))
        self.forward_button.setToolTip(self.tr("Next frame (\u2192)"))
        self.speed_combo.setToolTip(self.tr("Playback speed"))
        self.skeleton_box.setText(self.tr("Skeleton"))
        self.skeleton_box.setToolTip(self.tr("Draw the subject's skeleton"))
        self.others_box.setText(self.tr("Others"))
        self.others_box.setToolTip(self.tr("Draw the other persons, faint, with their track ids"))
        self.privacy_box.setText(self.tr("Privacy"))
        self.privacy_box.setToolTip(self.tr("Hide the video: skeletons on a blank background"))
        # room for the longest label ("frame 9999 / 9999 · 999.999 s") in this language
        sample = self.tr("frame {i} / {last} \u00b7 {t} s").format(i=9999, last=9999, t="999.999")
        self.frame_label.setMinimumWidth(self.frame_label.fontMetrics().horizontalAdvance(sample) + 12)

    def _button(self, icon: QStyle.StandardPixmap) -> QToolButton:
        b = QToolButton(self)
        b.setIcon(self.style().standardIcon(icon))
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return b

    def _check(self, on: bool) -> QCheckBox:
        box = QCheckBox(self)
        box.setChecked(on)
        box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return box

    def set_playing(self, playing: bool) -> None:
        icon = QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        self.play_button.setIcon(self.style().standardIcon(icon))

    def set_speed(self, speed: float) -> None:
        """Show ``speed`` in the box (without emitting a change) when it is one of :data:`SPEEDS`."""
        if speed in SPEEDS and self.speed_combo.currentIndex() != SPEEDS.index(speed):
            self.speed_combo.blockSignals(True)
            self.speed_combo.setCurrentIndex(SPEEDS.index(speed))
            self.speed_combo.blockSignals(False)


def bind_player_keys(player) -> list[QShortcut]:  # noqa: ANN001 - a PlayerWidget (imports this module)
    """Space play/pause, Left/Right one frame, Home/End first/last frame."""
    return bind_keys(player, {
        Qt.Key.Key_Space: player.toggle_play,
        Qt.Key.Key_Left: lambda: player.step(-1),
        Qt.Key.Key_Right: lambda: player.step(1),
        Qt.Key.Key_Home: lambda: player.seek_frame(0),
        Qt.Key.Key_End: lambda: player.seek_frame(player.frame_count - 1),
    })


def bind_keys(widget: QWidget, bindings: dict[Qt.Key, Callable[[], object]]) -> list[QShortcut]:
    """Shortcuts active while ``widget`` or a child of it has focus."""
    shortcuts = []
    for key, slot in bindings.items():
        shortcut = QShortcut(QKeySequence(key), widget)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
        shortcuts.append(shortcut)
    return shortcuts
