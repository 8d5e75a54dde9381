"""What the annotation panel lists, and its undoable label command.

:func:`load_rows` reads one recording's clips (or the study-wide queue of clips
a rater has not labelled) with the rater's own label and, only when not
blinded, the active model's clip label and probability and the other raters'
labels: in blinded mode those are never read, so they cannot leak into the
table. :class:`LabelCommand` is one label change on a ``QUndoStack``; its redo
and undo each write the database at once (``set_label(new)`` /
``set_label(previous or None)``). Also the small protocol the panel needs from
the player (:class:`ClipPlayer`) and two helpers for its keys and settings.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Optional, Protocol

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit

from gaitscreen.core.records import Clip

if TYPE_CHECKING:  # the concrete study; imported for types only
    from gaitscreen.storage import Study

#: Most clips the queue lists at once (it refills when the end is reached).
QUEUE_LIMIT = 500


class ClipPlayer(Protocol):
    """What the panel needs from the player."""

    def set_loop(self, start_s: float, end_s: float) -> None: ...
    def clear_loop(self) -> None: ...
    def seek_time(self, seconds: float) -> None: ...
    def play(self) -> None: ...


@dataclass
class ClipRow:
    """One line of the clip list."""

    clip: Clip
    where: str  # "P01 · rec 3": patient code and recording id
    mine: Optional[str] = None
    others: dict[str, str] = field(default_factory=dict)  # empty while blinded
    model_label: Optional[str] = None  # None while blinded or without an analysis
    model_p: Optional[float] = None

    @property
    def clip_id(self) -> int:
        return self.clip.id

    @property
    def time_text(self) -> str:
        return f"{self.clip.start_s:5.1f}–{self.clip.end_s:.1f} s"

    @property
    def others_text(self) -> str:
        return ", ".join(f"{r}: {lab}" for r, lab in sorted(self.others.items()))


def _where(study: Study, recording_id: int, cache: dict[int, str]) -> str:
    if recording_id not in cache:
        try:
            code = study.patient(study.recording(recording_id).patient_id).code
        except Exception:  # noqa: BLE001 - a label for a vanished row is still shown
            code = "?"
        cache[recording_id] = f"{code} · rec {recording_id}"
    return cache[recording_id]


def load_rows(study: Study, rater: str, *, recording_id: Optional[int], queue: bool, blinded: bool,
              codes: Optional[dict[int, str]] = None) -> list[ClipRow]:
    """The clip list: a recording's clips, or (``queue``) the clips ``rater`` has not labelled."""
    if study is None:
        return []
    if queue:
        clips = study.unlabelled_clips(rater, limit=QUEUE_LIMIT) if rater else []
    else:
        clips = study.clips(recording_id) if recording_id is not None and recording_id >= 0 else []
    codes = {} if codes is None else codes
    by_recording: dict[int, list[Clip]] = defaultdict(list)
    for clip in clips:
        by_recording[clip.recording_id].append(clip)
    active = None if blinded else study.active_model()
    rows: list[ClipRow] = []
    for rec_id, own_clips in by_recording.items():
        mine: dict[int, str] = {}
        others: dict[int, dict[str, str]] = defaultdict(dict)
        for a in study.annotations(recording_id=rec_id):
            if a.rater == rater:
                mine[a.clip_id] = a.label
            elif not blinded:
                others[a.clip_id][a.rater] = a.label
        predicted: dict[int, Any] = {}
        if active is not None:
            predicted = {p.index: p for p in study.predictions(rec_id, model_id=active.id) if p.kind == "clip"}
        where = _where(study, rec_id, codes)
        for clip in own_clips:
            p = predicted.get(clip.index)
            if p is not None and abs(p.start_s - clip.start_s) > 0.5:
                p = None  # an analysis made before the clips changed: not this clip
            rows.append(ClipRow(clip, where, mine.get(clip.id), dict(others.get(clip.id, {})),
                                None if p is None else (p.label or ("unstable" if p.unstable else
                                                                    "stable" if p.unstable is not None else None)),
                                None if p is None else p.p_unstable))
    return rows


class LabelCommand(QUndoCommand):
    """``rater`` labels a clip ``new`` (it was ``previous``); see the module notes.

    The first write happens before the command is pushed (so a failure can be
    reported and nothing is pushed); ``redo`` skips that first call.
    """

    def __init__(self, write: Callable[[int, str, Optional[str]], bool], clip_id: int, rater: str,
                 new: Optional[str], previous: Optional[str], text: str) -> None:
        super().__init__(text)
        self._write = write
        self.clip_id, self.rater, self.new, self.previous = clip_id, rater, new, previous
        self._skip_redo = True  # the push's redo: already written

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self._write(self.clip_id, self.rater, self.new)

    def undo(self) -> None:
        self._write(self.clip_id, self.rater, self.previous)


def typing_in_text_field() -> bool:
    """True while the keyboard focus is in a text field (its keys are not label keys)."""
    widget = QApplication.focusWidget()
    if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)):
        return not widget.isReadOnly()
    if isinstance(widget, QAbstractSpinBox):
        return True
    return isinstance(widget, QComboBox) and widget.isEditable()


def setting_bool(value: Any, default: bool) -> bool:
    """A QSettings value as a bool (INI files give back strings)."""
    if value is None:
        return default
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)
