"""The skeleton-overlay video player (frame view, timeline, controls)."""

from __future__ import annotations

from .player import SPEEDS, PlayerWidget
from .timeline import Timeline
from .view import FrameView

__all__ = ["SPEEDS", "FrameView", "PlayerWidget", "Timeline"]
