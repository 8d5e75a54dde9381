"""The labelling speed: clips are labelled at their own speed (1× unless changed), whatever the player's is.

A rater who watched a recording at 2× would otherwise label its clips at 2×,
and the speed changes how unstable a walk looks. :class:`LabellingSpeed` keeps
a separate "labelling speed" (remembered in QSettings, default 1×): while the
panel loops a clip it sets the player to that speed through the player's own
``speed`` / ``set_speed`` API, and it gives the player its previous speed back
when labelling stops (no clip chosen, the Annotate tab left).
"""

from __future__ import annotations

from typing import Any, Optional

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QComboBox

from .player import SPEEDS

SETTING_SPEED = "annotation/labelling_speed"
DEFAULT_SPEED = 1.0


def _stored_speed(value: Any) -> float:
    try:
        speed = float(value)
    except (TypeError, ValueError):
        return DEFAULT_SPEED
    return speed if speed in SPEEDS else DEFAULT_SPEED


class LabellingSpeed(QObject):
    """The labelling-speed box and the player speed it imposes while a clip is labelled."""

    def __init__(self, player: Any, settings: QSettings, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self.player = player
        self.settings = settings
        self._saved: Optional[float] = None  # the player's own speed while labelling
        self.combo = QComboBox()
        for s in SPEEDS:
            self.combo.addItem(f"{s:g}\u00d7", s)  # a number and the × sign: not translated
        self.combo.setCurrentIndex(SPEEDS.index(_stored_speed(settings.value(SETTING_SPEED))))
        self.combo.currentIndexChanged.connect(self._on_changed)

    @property
    def speed(self) -> float:
        return float(self.combo.currentData())

    def set_speed(self, speed: float) -> None:
        self.combo.setCurrentIndex(SPEEDS.index(_stored_speed(speed)))

    @property
    def engaged(self) -> bool:
        return self._saved is not None

    def _can(self) -> bool:
        return self.player is not None and hasattr(self.player, "set_speed") and hasattr(self.player, "speed")

    def engage(self) -> None:
        """Play at the labelling speed from now on (the player's speed is kept to give back)."""
        if not self._can():
            return
        if self._saved is None:
            self._saved = float(self.player.speed)
        if float(self.player.speed) != self.speed:
            self.player.set_speed(self.speed)

    def release(self) -> None:
        """Give the player back the speed it had before labelling."""
        if self._saved is not None and self._can():
            saved, self._saved = self._saved, None
            self.player.set_speed(saved)

    def _on_changed(self, _index: int) -> None:
        self.settings.setValue(SETTING_SPEED, self.speed)
        if self.engaged:
            self.player.set_speed(self.speed)
