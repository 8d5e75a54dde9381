"""Plain records the study storage returns (one per table row or summary).

Frozen dataclasses of plain values only (ints, floats, strings, bools, lists and
dicts of those), so any layer can hold, compare and display them without touching
the database. Ids are ints; times are ISO-8601 UTC strings; paths are strings
(relative to the study folder when the file lives inside it, absolute otherwise;
:class:`gaitscreen.storage.Study` turns them into real paths).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

LABELS = ("stable", "unstable", "unusable")

#: Ages (years) a screened person can have: above 0 and below 130.
AGE_LIMITS = (0, 130)
#: The earliest birth year the study accepts.
EARLIEST_BIRTH_YEAR = 1880


def age_is_plausible(age: int) -> bool:
    """True when ``age`` (years) is one a living person can have (the one age rule)."""
    return AGE_LIMITS[0] < age < AGE_LIMITS[1]


def birth_year_is_plausible(year: int, today: dt.date | None = None) -> bool:
    """True when ``year`` lies between :data:`EARLIEST_BIRTH_YEAR` and this year."""
    return EARLIEST_BIRTH_YEAR <= year <= (today or dt.date.today()).year


@dataclass(frozen=True)
class Patient:
    id: int
    code: str  # pseudonymous code, never a name
    birth_year: int | None
    sex: str | None  # "F", "M" or None
    height_cm: float | None
    notes: str
    created_at: str

    def age_on(self, date: str | None) -> int | None:
        """The age in years at ``date`` (ISO, ``YYYY-...``) from the birth year; None when unknown or implausible."""
        if not self.birth_year or not date:
            return None
        age = int(date[:4]) - int(self.birth_year)
        return age if age_is_plausible(age) else None


@dataclass(frozen=True)
class Recording:
    id: int
    patient_id: int
    video_path: str  # relative to the study folder when copied, absolute when referenced
    copied: bool
    original_name: str
    sha256: str
    fps: float
    frame_count: int
    duration_s: float
    width: int
    height: int
    size_bytes: int
    protocol: str
    captured_at: str | None
    imported_at: str
    operator: str | None
    visit_id: int | None = None  # the visit it belongs to (schema 2)
    setup_id: int | None = None  # the camera setup (floor calibration) it was recorded with

    @property
    def visit_date(self) -> str:
        """The date of the visit as ``YYYY-MM-DD``: when captured, else when imported ("" when neither)."""
        return (self.captured_at or self.imported_at or "")[:10]


@dataclass(frozen=True)
class ImportResult:
    recording: Recording
    existing: bool  # True: the same video (same sha256) was already in the study


@dataclass(frozen=True)
class RecordingStatus:
    recording_id: int
    pose_done: bool
    analysed: bool  # a screening analysis, or for a chair stand or balance test its performance analysis
    clips_total: int
    clips_labelled: int  # clips with at least one label (by any rater)
    reports: int
    last_error: str | None


@dataclass(frozen=True)
class PoseRecord:
    id: int
    recording_id: int
    skeleton_path: str
    tracks_path: str
    subject_track_id: int
    candidates: list[dict[str, Any]] = field(hash=False)  # SubjectScore fields of every track, best first
    pose_model: str
    pose_model_sha256: str
    device: str
    created_at: str


@dataclass(frozen=True)
class Clip:
    id: int
    recording_id: int
    index: int
    start_s: float
    end_s: float

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s


@dataclass(frozen=True)
class Annotation:
    id: int
    clip_id: int
    rater: str
    label: str  # one of LABELS
    note: str
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class ClipComment:
    """A rater's free-text comment on a clip (stored apart from the label)."""

    id: int
    clip_id: int
    rater: str
    text: str
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class ModelRecord:
    id: int
    name: str
    version: str
    sha256: str
    path: str
    synthetic: bool | None  # None: training data unknown
    active: bool
    registered_at: str
    card: dict[str, Any] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class AnalysisRecord:
    id: int
    recording_id: int
    model_id: int
    report_path: str
    instability_rate: float | None
    risk_group: str
    windows: int
    created_at: str


@dataclass(frozen=True)
class Prediction:
    """One window's or one clip's model output, as stored with an analysis."""

    analysis_id: int
    kind: str  # "window" or "clip"
    index: int
    start_s: float
    end_s: float
    p_unstable: float | None  # None: not classified
    unstable: bool | None
    label: str | None = None  # clips: "stable" / "unstable" / None


@dataclass(frozen=True)
class ReportRecord:
    id: int
    analysis_id: int
    recording_id: int
    pdf_path: str
    pdf_sha256: str
    video_sha256: str
    model_sha256: str
    operator: str
    notes: str
    conclusion: str
    created_at: str


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    user: str
    action: str  # e.g. "patient.update", "label.set", "model.activate"
    entity: str  # table-like name: "patient", "clip", "model", ...
    entity_id: int | None
    before: Any = field(hash=False)  # decoded JSON (None when the entity did not exist)
    after: Any = field(hash=False)


@dataclass(frozen=True)
class Visit:
    """A patient's visit: it groups recordings and manual measurements."""

    id: int
    patient_id: int
    date: str  # YYYY-MM-DD
    time: str | None  # HH:MM
    operator: str
    notes: str
    created_at: str


@dataclass(frozen=True)
class Measurement:
    """One manual measurement of a visit, in the visit file's JSON form
    (:mod:`gaitscreen.core.assessment.visit`), with who entered it and when."""

    id: int
    visit_id: int
    kind: str  # handgrip, calf_circumference_cm, sarc_f, asm, height_cm, chair_stand_s, sppb_score
    value: Any = field(hash=False)
    entered_by: str = ""
    entered_at: str = ""


@dataclass(frozen=True)
class Setup:
    """A camera setup of the study: a floor calibration later recordings reuse."""

    id: int
    name: str
    calibration: dict[str, Any] = field(hash=False)  # the calibration file's JSON
    calibration_sha256: str = ""
    frame_recording_id: int | None = None  # the recording whose frame it was made on
    frame_index: int | None = None
    frame_size: tuple[int, int] | None = None  # (width, height) of that frame
    created_by: str = ""
    created_at: str = ""


@dataclass(frozen=True)
class PerformanceRecord:
    """A stored chair-stand or balance analysis (its report dict is loaded on demand)."""

    id: int
    recording_id: int
    test: str  # "chair-stand" or "balance"
    created_at: str
