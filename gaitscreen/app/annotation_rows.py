"""What the annotation panel lists for a rater, read from a study (no Qt).

:func:`load_rows` reads one recording's clips (or the study-wide queue of clips
a rater has not labelled) with the rater's own label and, only when not
blinded, the active model's clip label and probability and the other raters'
labels: in blinded mode those are never read, so they cannot leak into the
table. Each row also carries the rater's own comment on the clip, and says
whether the rater's label disagrees with the model (only knowable unblinded).
The panel (:mod:`gaitscreen.ui.annotation_panel`) only draws the rows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Optional

from ..core.i18n import _
from ..core.records import Clip

if TYPE_CHECKING:  # the concrete study; imported for types only
    from gaitscreen.storage import Study

#: Most clips the queue lists at once (it refills when the end is reached).
QUEUE_LIMIT = 500


@dataclass
class ClipRow:
    """One line of the clip list."""

    clip: Clip
    where: str  # "P01 · rec 3": patient code and recording id
    mine: Optional[str] = None
    others: dict[str, str] = field(default_factory=dict)  # empty while blinded
    model_label: Optional[str] = None  # None while blinded or without an analysis
    model_p: Optional[float] = None
    comment: str = ""  # the rater's own comment on the clip

    @property
    def disagrees(self) -> bool:
        """The rater's stable/unstable label differs from the model's (False while blinded: no model label)."""
        decisive = ("stable", "unstable")
        return self.mine in decisive and self.model_label in decisive and self.mine != self.model_label

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
        # TRANSLATORS: where a clip is from: a patient's code and a recording's number
        cache[recording_id] = _("{code} · recording {id}").format(code=code, id=recording_id)
    return cache[recording_id]


def load_rows(study: Optional[Study], rater: str, *, recording_id: Optional[int], queue: bool, blinded: bool,
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
        comments = {c.clip_id: c.text for c in study.clip_comments(recording_id=rec_id, rater=rater)} if rater else {}
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
                                None if p is None else p.p_unstable, comments.get(clip.id, "")))
    return rows


def queue_done(study: Optional[Study], rater: str) -> bool:
    """True when ``rater`` has labelled every current clip of the study (and there are clips)."""
    if study is None or not rater:
        return False
    return not study.unlabelled_clips(rater, limit=1) and bool(study.annotations(rater=rater))


def save_comment(study: Study, clip_id: int, rater: str, text: str) -> str:
    """Store ``rater``'s comment on a clip (blank removes it); returns the text as stored."""
    stored = study.set_clip_comment(clip_id, rater, text)
    return "" if stored is None else stored.text
