"""A study visit's report dict (for ``gaitscreen visit-report`` and the app): reads the
visit through :class:`Study` and hands it to the pure :func:`~gaitscreen.core.report.visit_report.visit_report`."""

from __future__ import annotations

from typing import Any

from ..core.report.visit_report import visit_report


def study_visit_report(study: Any, visit_id: int, *, created: str | None = None) -> dict[str, Any]:
    """The visit report dict of a visit in ``study`` (StudyError / AssessmentInputError when it
    cannot be assessed, e.g. the patient's sex is not set)."""
    visit = study.visit(visit_id)
    patient = study.patient(visit.patient_id)
    inputs = study.visit_inputs(visit_id)
    tests = study.visit_tests(visit_id)
    used = {r.setup_id for r in study.visit_recordings(visit_id) if r.setup_id is not None}
    setups = [{"name": s.name, "sha256": s.calibration_sha256} for s in study.setups() if s.id in used]
    return visit_report(inputs, patient={"id": patient.code, "birth_year": patient.birth_year},
                        visit={"id": visit.id, "date": visit.date, "time": visit.time, "operator": visit.operator,
                               "notes": visit.notes},
                        tests=tests, setups=setups, created=created)
