"""What the Analysis and Report tabs show for one recording, read from a study (no Qt).

:func:`load_analysis_inputs` gathers, from a read handle of
:class:`gaitscreen.storage.Study`, the latest analysis' report dict, the raters'
consensus label per clip, the patient's R over visits and the reports exported
before; the widgets then take plain data. Kept free of Qt so it can be tested
and reused on its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..core.analysis.protocol import NOT_ASSESSABLE
from ..core.consensus import clip_consensus
from ..core.errors import GaitScreenError
from ..core.i18n import N_, _
from ..core.performance import PERFORMANCE_TESTS

if TYPE_CHECKING:  # the concrete study; imported for types only
    from gaitscreen.storage import Study

NOT_ANALYSED = N_("Not analysed yet. Press Analyse (Ctrl+R) to run pose estimation and the stability model on "
                  "this recording.")
NOT_ANALYSED_PERFORMANCE = N_("Not analysed yet. Press Analyse (Ctrl+R) to run pose estimation and the {test} "
                              "analysis on this recording.")
PERFORMANCE_SHOWN = N_("{test}: {result}.{state}\n\nEvery event found is a mark on the timeline: check, move or "
                       "delete them in the Marks panel, which also exports the PDF.")
DISAGREE = "disagree"


@dataclass
class AnalysisInputs:
    report: dict[str, Any] | None  # None: not analysed (see ``message``)
    analysis_id: int | None = None
    consensus: dict[int, str] = field(default_factory=dict)  # clip index -> label or "disagree"
    trend: list[tuple[str, float | None]] = field(default_factory=list)  # (visit date, R) oldest first
    current_visit: int | None = None
    history: list[Any] = field(default_factory=list)  # ReportRecords of this recording, oldest first
    message: str | None = None
    performance_done: bool = False  # a chair stand or balance test with its result (in ``message``)
    performance_test: str | None = None  # "chair-stand" / "balance": its report is the Marks panel's PDF


def consensus_labels(clips: Iterable[Any], annotations: Iterable[Any]) -> dict[int, str]:
    """Clip index -> the consensus label ("disagree" when tied); unlabelled clips left out.

    The rule is :func:`gaitscreen.core.consensus.clip_consensus`, the one the training export uses.
    """
    index_of = {c.id: c.index for c in clips}
    labels: dict[int, list[str]] = {}
    for a in annotations:
        if a.clip_id in index_of and a.label:
            labels.setdefault(index_of[a.clip_id], []).append(a.label)
    out: dict[int, str] = {}
    for index, given in labels.items():
        result = clip_consensus(given)
        out[index] = DISAGREE if result.tied else str(result.label)
    return out


def patient_trend(study: Study, patient_id: int, recording_id: int) -> tuple[list[tuple[str, float | None]], int | None]:
    """(date, R) per analysed recording of the patient (latest analysis each), and this one's index."""
    latest: dict[int, Any] = {}
    order: list[int] = []
    for a in study.analyses(patient_id):  # oldest capture first
        if a.recording_id not in latest:
            order.append(a.recording_id)
        if a.recording_id not in latest or a.id > latest[a.recording_id].id:
            latest[a.recording_id] = a
    # A recording that is not assessable has an R, but it is no result: it leaves a gap in the trend.
    trend = [(study.recording(rid).visit_date,
              None if latest[rid].risk_group == NOT_ASSESSABLE else latest[rid].instability_rate) for rid in order]
    current = order.index(recording_id) if recording_id in order else None
    return trend, current


def load_analysis_inputs(study: Study, recording_id: int) -> AnalysisInputs:
    """Everything the Analysis and Report tabs need for ``recording_id``."""
    recording = study.recording(recording_id)
    if recording.protocol in PERFORMANCE_TESTS:
        done = bool(study.performances(recording_id))
        return AnalysisInputs(None, message=performance_message(study, recording_id, recording.protocol),
                              performance_done=done, performance_test=recording.protocol)
    analysis = study.analysis(recording_id)
    if analysis is None:
        return AnalysisInputs(None, message=_(NOT_ANALYSED))
    report = study.load_report(analysis)
    consensus = consensus_labels(study.clips(recording_id), study.annotations(recording_id=recording_id))
    trend, current = patient_trend(study, recording.patient_id, recording_id)
    return AnalysisInputs(report, analysis.id, consensus, trend, current, list(study.reports(recording_id)))


def performance_message(study: Study, recording_id: int, test: str) -> str:
    """What the Analysis tab says of a chair-stand or balance recording, in the reader's language: its
    latest (possibly corrected) result, or how to analyse it."""
    from ..core.performance_words import reason_words, result_words, test_words

    records = study.performances(recording_id)
    if not records:
        return _(NOT_ANALYSED_PERFORMANCE).format(test=test_words(test))
    report = study.performance(records[-1].id)[1]
    state = "" if report.get("assessable") else " " + reason_words(report)
    return _(PERFORMANCE_SHOWN).format(test=test_words(test), result=result_words(report), state=state)


def cancelled_message(study: Study | None, recording_id: int, title: str) -> str:
    """What a cancelled job of ``recording_id`` leaves: the earlier analysis, if any, is kept."""
    kept = study is not None and study.analysis(recording_id) is not None
    return (_("{title}: cancelled, previous result kept.") if kept
            else _("{title}: cancelled; nothing was stored.")).format(title=title)


def enter_walkway(study: Study, recording_id: int, walkway_m: float) -> int:
    """Store the walkway length of ``recording_id`` and the latest analysis again with the speed it
    gives (from the stored walk start and end; the model is not run). Returns the new analysis id.

    Later analyses of the recording take the stored length too (the engine passes it)."""
    from ..core.analysis.gait import with_walkway

    analysis = study.analysis(recording_id)
    if analysis is None:
        raise GaitScreenError("This recording has no analysis yet; analyse it before entering the walkway length.")
    report = study.load_report(analysis)
    if not isinstance(report.get("gait"), dict):
        raise GaitScreenError("This analysis has no gait parameters; analyse the recording again.")
    gait = with_walkway(report["gait"], walkway_m)  # checks the number before anything is stored
    study.set_walkway(recording_id, float(walkway_m))
    return study.save_analysis(recording_id, analysis.model_id, {**report, "gait": gait}).id
