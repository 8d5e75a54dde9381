"""The recordings list's rows (the navigator's lower list) as plain values, blinding included (no Qt).

One row per recording of a patient: the recording, its status, and — unless a
rater labels blinded — its latest analysis and, when that is not assessable, the
report's own sentence why ("" when the report cannot be read: the widget words
its own fallback in the user's language). A blinded rater's row carries no analysis at all (not
even the reason) and only the rater's own label count, so no model output can
leak into the list whatever the widget draws.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

from gaitscreen.core.analysis.protocol import NOT_ASSESSABLE
from gaitscreen.core.errors import GaitScreenError
from gaitscreen.core.records import AnalysisRecord, Recording, RecordingStatus

if TYPE_CHECKING:  # the concrete study; imported for types only
    from gaitscreen.storage import Study


@dataclass(frozen=True)
class RecordingRow:
    """What the recordings list shows for one recording."""

    recording: Recording
    status: RecordingStatus
    analysis: Optional[AnalysisRecord]  # None before an analysis, and always while blinded
    own_labelled: Optional[int]  # the blinded rater's own label count; None when not blinded
    not_assessable_reason: str = ""  # the report's sentence, for a not-assessable analysis

    @property
    def blinded(self) -> bool:
        return self.own_labelled is not None

    @property
    def not_assessable(self) -> bool:
        """The shown analysis is "not assessable" (never true while blinded: no analysis is shown)."""
        return self.analysis is not None and self.analysis.risk_group == NOT_ASSESSABLE


def recording_rows(study: Study, patient_id: int, *, blind_rater: str = "") -> list[RecordingRow]:
    """The rows of ``patient_id``'s recordings; ``blind_rater``: the rater labelling blinded ("" for none)."""
    rows = []
    for recording in study.recordings(patient_id):
        status = study.status(recording.id)
        if blind_rater:
            own = len(study.annotations(recording_id=recording.id, rater=blind_rater))
            rows.append(RecordingRow(recording, status, None, own))
            continue
        analysis = study.analysis(recording.id) if status.analysed else None
        row = RecordingRow(recording, status, analysis, None)
        rows.append(dataclasses.replace(row, not_assessable_reason=_not_assessable_reason(study, analysis))
                    if row.not_assessable else row)
    return rows


def _not_assessable_reason(study: Study, analysis: AnalysisRecord) -> str:
    """Why the recording cannot be assessed and what to do, in the current language, rebuilt from the
    report's checks ("" unreadable)."""
    from gaitscreen.core.analysis.protocol_words import not_assessable_reason

    try:
        return not_assessable_reason(study.load_report(analysis))
    except (GaitScreenError, KeyError, TypeError, AttributeError):
        return ""
