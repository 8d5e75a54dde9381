"""The skeleton-overlay video player: frame view, timeline and controls.

Frame accuracy: the label, :attr:`PlayerWidget.current_frame` and
:attr:`PlayerWidget.frame_changed` always describe the frame on screen, which is
exactly the decoded frame of that index (see
:class:`~gaitscreen.core.video.frame_source.FrameSource`). A requested frame that is not
decoded yet is asked of the decoding worker (its own QThread) and shown when it arrives.

Playback has no drift: a :class:`QElapsedTimer` clock gives the media time
``anchor + elapsed x speed``; every timer tick shows the frame whose timestamp interval
contains that time, if decoded (the worker decodes ahead of the playhead), and never
waits for the frames in between, so a slow moment shows as skipped frames, not as lag
that accumulates. :meth:`PlayerWidget.playback_stats` reports the lag actually seen.

Keys (when the player or a child has focus): Space play/pause, Left/Right one frame,
Home/End first/last frame (of the loop, when one is set).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Optional, Sequence

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from gaitscreen.core.overlay import OverlayModel
from gaitscreen.core.skeleton import SkeletonSequence
from gaitscreen.core.video import VideoInfo, probe
from gaitscreen.core.video.frame_source import FrameCache

from ._worker import SourceState, WorkerThread
from ._playback import PlaybackMixin
from ._timebase import PlaybackClock, PlaybackLog, Timebase
from .choice_bar import SubjectChoiceBar
from .controls import SPEEDS, PlayerControls, bind_player_keys
from .timeline import Timeline
from .view import FrameView
from ..retranslating import Retranslating

if TYPE_CHECKING:
    from gaitscreen.core.tracking import Track

class PlayerWidget(Retranslating, PlaybackMixin, QWidget):
    """Video player with skeleton overlay; see the module docstring."""

    frame_changed = Signal(int, float)
    subject_clicked = Signal(int)
    playing_changed = Signal(bool)

    # 768 MB holds ~17 s of 1080p30 at the 960-px display size: every frame of a
    # protocol recording (15 s) then seeks from memory once the first scan is done.
    def __init__(self, parent: Optional[QWidget] = None, *, display_max_side: int = 960,
                 cache_mb: int = 768) -> None:
        super().__init__(parent)
        self.display_max_side = display_max_side
        self.cache_bytes = int(cache_mb) << 20
        self._worker: Optional[WorkerThread] = None
        self._generation = 0
        self._info: Optional[VideoInfo] = None
        self._cache: Optional[FrameCache] = None
        self._tb = Timebase()
        self._target = -1
        self._playing = False
        self._skeleton: Optional[SkeletonSequence] = None
        self._tracks: list[Track] = []
        self._model = OverlayModel()
        self._clock = PlaybackClock()
        self._log = PlaybackLog()
        self._tick = QTimer(self)
        self._tick.setTimerType(Qt.TimerType.PreciseTimer)
        self._tick.timeout.connect(self._on_tick)
        self._build_ui()
        self._shortcuts = bind_player_keys(self)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self.retranslate()

    def retranslate(self) -> None:
        """Re-label the controls and the frame label in the current language."""
        self.controls.retranslate()
        if self._info is None:
            self.frame_label.setText(self.tr("no video"))
        else:
            self._update_label()


    # ------------------------------------------------------------------ layout

    def _build_ui(self) -> None:
        self.view = FrameView(self)
        self.view.subject_clicked.connect(self.subject_clicked)
        self.timeline = Timeline(self)
        self.timeline.seek_requested.connect(self.seek_frame)
        self.controls = c = PlayerControls(self)
        c.play_button.clicked.connect(self.toggle_play)
        c.back_button.clicked.connect(lambda: self.step(-1))
        c.forward_button.clicked.connect(lambda: self.step(1))
        c.speed_combo.currentIndexChanged.connect(lambda i: self.set_speed(SPEEDS[i]))
        c.skeleton_box.toggled.connect(lambda on: self.view.set_options(skeleton=on))
        c.others_box.toggled.connect(lambda on: self.view.set_options(others=on))
        c.privacy_box.toggled.connect(lambda on: self.view.set_options(privacy=on))
        self.play_button, self.speed_combo, self.frame_label = c.play_button, c.speed_combo, c.frame_label
        self.skeleton_box, self.others_box, self.privacy_box = c.skeleton_box, c.others_box, c.privacy_box
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.view, 1)
        self.choice_bar = SubjectChoiceBar(self)  # confirms a clicked patient without covering the video
        layout.addWidget(self.choice_bar)
        layout.addWidget(self.timeline)
        layout.addWidget(c)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFocusProxy(self.view)

    # ------------------------------------------------------------------ loading

    def load(self, video_path: str | Path, *, skeleton: Optional[SkeletonSequence] = None,
             tracks: Optional[Iterable[Track]] = None, subject_track_id: Optional[int] = None,
             clips: Optional[Iterable[Any]] = None) -> None:
        """Open a video (raises :class:`~gaitscreen.core.errors.VideoError` for a bad file)
        and show its first frame once decoded."""
        info = probe(video_path)
        self.clear()
        if self._worker is None:
            self._worker = WorkerThread(self.display_max_side)
            w = self._worker.worker
            w.opened.connect(self._on_opened)
            w.updated.connect(self._on_updated)
            w.frame_ready.connect(self._on_frame_ready)
            w.failed.connect(self._on_failed)
            holder = self._worker
            self.destroyed.connect(lambda *_: holder.stop())
        self._generation += 1
        self._info = info
        fps = info.fps if info.fps > 0 else 30.0
        self._tb.fallback_fps = fps
        self._tb.times = np.arange(max(info.frame_count, 1), dtype=np.float64) / fps
        self.view.set_video_size(info.width, info.height)
        self.timeline.set_timestamps(self._tb.times)
        self._tracks = list(tracks or [])
        self._set_model(skeleton, subject_track_id)
        self.set_clips(clips or [])
        self._worker.worker.open(self._generation, str(info.path), info, self.cache_bytes)
        self._request(0)

    def clear(self) -> None:
        """Close the video and show nothing."""
        self.pause()
        self.choice_bar.dismiss()
        self._generation += 1
        if self._worker is not None:
            self._worker.worker.close_source()
        self._info, self._cache, self._target = None, None, -1
        self._tb.times = np.zeros(0, np.float64)
        self._tb.loop = None
        self._tracks, self._skeleton, self._model = [], None, OverlayModel()
        self.view.set_frame(None)
        self.view.set_overlay(self._model.at(0, 0.0))
        self.timeline.reset()
        self.frame_label.setText(self.tr("no video"))

    def shutdown(self) -> None:
        """Stop playback and the decoding thread (also done on close and app exit)."""
        self._tick.stop()
        if self._worker is not None:
            self._worker.stop()
            self._worker = None

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    def _on_opened(self, state: SourceState) -> None:
        if state.generation != self._generation:
            return
        self._cache = state.cache
        self._apply_state(state)
        self._request(self._target)

    def _on_updated(self, state: SourceState) -> None:
        if state.generation == self._generation:
            self._apply_state(state)

    def _apply_state(self, state: SourceState) -> None:
        if state.frame_count > 0:
            self._tb.times = np.asarray(state.timestamps, np.float64)
            self.timeline.set_timestamps(self._tb.times)
            if self._target >= self.frame_count:
                self._request(self.frame_count - 1)
            self._update_label()

    def _on_frame_ready(self, generation: int, index: int, image: np.ndarray) -> None:
        if generation == self._generation and index == self._target and index != self.view.frame_index:
            self._display(index, image)

    def _on_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.pause()
            self.frame_label.setText(message)

    # ------------------------------------------------------------------ overlay data

    def set_skeleton(self, skeleton: Optional[SkeletonSequence], subject_track_id: Optional[int] = None) -> None:
        """Replace the subject's skeleton (e.g. after another person was made the subject)."""
        self._set_model(skeleton, subject_track_id)
        self._refresh_overlay()

    def set_tracks(self, tracks: Iterable[Track]) -> None:
        self._tracks = list(tracks)
        self._set_model(self._skeleton, self._model.subject_track_id)
        self._refresh_overlay()

    def _set_model(self, skeleton: Optional[SkeletonSequence], subject_track_id: Optional[int]) -> None:
        self._skeleton = skeleton
        self._model = OverlayModel(skeleton, self._tracks, subject_track_id)

    def _refresh_overlay(self) -> None:
        i = self.view.frame_index
        if 0 <= i < self._tb.times.size:
            self.view.set_overlay(self._model.at(i, float(self._tb.times[i])))

    def set_clips(self, clips: Iterable[Any]) -> None:
        """Clip boundaries on the timeline: (start_s, end_s) pairs or Clip records."""
        self.timeline.set_clips(clips)

    def set_marks(self, times: Iterable[float], selected: int = -1) -> None:
        """Event marks on the timeline (times in s); drag one to move it (``timeline.mark_moved``)."""
        self.timeline.set_marks(times, selected)

    def set_spans(self, spans: Iterable[Sequence[Any]]) -> None:
        """Coloured timeline spans ``(start_s, end_s, colour)``."""
        self.timeline.set_spans(spans)

    # ------------------------------------------------------------------ state

    @property
    def frame_count(self) -> int:
        return int(self._tb.times.size) if self._info is not None else 0

    @property
    def current_frame(self) -> int:
        """Index of the frame on screen (-1 before the first one is decoded)."""
        return self.view.frame_index

    @property
    def current_time(self) -> float:
        i = self.view.frame_index
        return float(self._tb.times[i]) if 0 <= i < self._tb.times.size else 0.0

    @property
    def target_frame(self) -> int:
        """The frame asked for last (on screen once decoded)."""
        return self._target

    @property
    def cached_frame_count(self) -> int:
        """Frames decoded and held for instant display."""
        return len(self._cache) if self._cache is not None else 0

    @property
    def timestamps(self) -> np.ndarray:
        return self._tb.times

    @property
    def is_playing(self) -> bool:
        return self._playing

    @property
    def speed(self) -> float:
        return self._clock.speed

    @property
    def loop(self) -> Optional[tuple[float, float]]:
        return self._tb.loop

    def frame_at_time(self, t: float) -> int:
        """The frame showing at time ``t`` (the last one whose timestamp is not later)."""
        return self._tb.frame_at(t)

    # ------------------------------------------------------------------ display

    def _request(self, index: int) -> None:
        if self._info is None or self._tb.times.size == 0:
            return
        index = self._tb.clamp(index)
        self._target = index
        image = self._cache.get(index) if self._cache is not None else None
        if image is not None:
            if index != self.view.frame_index:
                self._display(index, image)
        elif self._worker is not None and not self._playing:
            self._worker.worker.want(index)

    def _display(self, index: int, image: np.ndarray) -> None:
        t = float(self._tb.times[index]) if index < self._tb.times.size else 0.0
        self.view.smooth = not self._playing
        self.view.set_frame(image, index)
        self.view.set_overlay(self._model.at(index, t))
        self.timeline.set_position(index)
        self._update_label()
        self.frame_changed.emit(index, t)

    def _update_label(self) -> None:
        i = self.view.frame_index
        if i < 0 or self._info is None:
            return
        self.frame_label.setText(self.tr("frame {i} / {last} \u00b7 {t} s").format(
            i=i, last=self.frame_count - 1, t=f"{self.current_time:.3f}"))

    # ------------------------------------------------------------------ navigation

    def seek_frame(self, index: int) -> None:
        """Show frame ``index`` (clamped to the video, and to the loop when one is set)."""
        index = self._tb.clamp(int(index))
        if self._playing:
            self._clock.anchor(float(self._tb.times[index]))
        self._request(index)

    def seek_time(self, seconds: float) -> None:
        self.seek_frame(self.frame_at_time(float(seconds)))

    def step(self, delta: int) -> None:
        """Pause and move ``delta`` frames from the frame asked for last."""
        if self._info is None:
            return
        self.pause()
        self.seek_frame(max(self._target, 0) + int(delta))
