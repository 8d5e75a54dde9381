"""Managing a study from the app (no Qt): rename and delete, past reports, the operator default.

The navigator's context menu and the Report tab call these; the study does the
writing (audited, files moved to the study's trash, see
:meth:`gaitscreen.storage.Study.delete_recording`). What a confirmation has to
say is computed here (:func:`recording_deletion` / :func:`patient_deletion`), so
the dialog only shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import GaitScreenError
from ..core.records import Patient, Recording, ReportRecord

if TYPE_CHECKING:  # the concrete study; imported for types only
    from ..storage import Study


@dataclass(frozen=True)
class Deletion:
    """What deleting would remove: shown in the confirmation before anything happens."""

    name: str
    recordings: int
    reports: int
    labels: int
    visits: int


def _labels(study: Study, recording_id: int) -> int:
    return len(study.annotations(recording_id=recording_id))


def recording_deletion(study: Study, recording_id: int) -> Deletion:
    rec = study.recording(recording_id)
    return Deletion(rec.original_name, 1, len(study.reports(rec.id)), _labels(study, rec.id), 0)


def patient_deletion(study: Study, patient_id: int) -> Deletion:
    patient = study.patient(patient_id)
    recs = study.recordings(patient_id)
    return Deletion(patient.code, len(recs), sum(len(study.reports(r.id)) for r in recs),
                    sum(_labels(study, r.id) for r in recs), len(study.visits(patient_id)))


def rename_recording(study: Study, recording_id: int, name: str) -> Recording:
    return study.rename_recording(recording_id, name)


def rename_patient(study: Study, patient_id: int, code: str) -> Patient:
    """A new pseudonymous code (the same rule as a new patient's; audited by the study)."""
    return study.update_patient(patient_id, code=code)


def delete_recording(study: Study, recording_id: int) -> Path:
    """Delete a recording; returns the trash folder holding its files and rows."""
    return study.delete_recording(recording_id)


def delete_patient(study: Study, patient_id: int) -> Path:
    return study.delete_patient(patient_id)


def past_reports(study: Study, recording_id: int) -> list[tuple[ReportRecord, Path]]:
    """The recording's exported reports, newest first, each with its PDF's path in the study."""
    return [(r, study.report_path(r)) for r in reversed(study.reports(recording_id))]


def latest_report_pdf(study: Study, recording_id: int) -> Path:
    """The newest exported PDF of a recording; GaitScreenError when there is none or it is gone."""
    reports = past_reports(study, recording_id)
    if not reports:
        raise GaitScreenError("No report has been exported for this recording yet; export one on the Report tab.")
    record, path = reports[0]
    if not path.is_file():
        raise GaitScreenError(f"The report file {path} is missing from the study folder; export the report again.")
    return path


def default_operator(study: Study | None) -> str:
    """The operator last entered in this study (not the computer's user, not the rater)."""
    return "" if study is None else study.last_operator()
