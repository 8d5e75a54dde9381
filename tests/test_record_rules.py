"""The rules that live on the records and in core once: visit date, age, format versions."""

from __future__ import annotations

import datetime as dt

import pytest

from gaitscreen.core.errors import ModelError
from gaitscreen.core.fileio import check_format_version
from gaitscreen.core.records import Patient, Recording, age_is_plausible, birth_year_is_plausible


def _recording(captured_at, imported_at="2026-05-02T08:00:00+00:00") -> Recording:
    return Recording(1, 1, "v.mp4", True, "v.mp4", "0" * 64, 30.0, 300, 10.0, 640, 480, 1000, "tandem_walk",
                     captured_at, imported_at, None)


def test_visit_date_is_the_capture_date_else_the_import_date() -> None:
    assert _recording("2025-12-31T23:59:00+00:00").visit_date == "2025-12-31"
    assert _recording(None).visit_date == "2026-05-02"
    assert _recording(None, "").visit_date == ""


@pytest.mark.parametrize("birth_year, date, age", [
    (1950, "2026-03-01", 76), (None, "2026-03-01", None), (1950, None, None),
    (2026, "2026-03-01", None), (1890, "2026-03-01", None), (1897, "2026-03-01", 129),
])
def test_patient_age_on_a_date_is_none_when_implausible(birth_year, date, age) -> None:
    patient = Patient(1, "P001", birth_year, "F", None, "", "2026-01-01")
    assert patient.age_on(date) == age


def test_age_and_birth_year_limits() -> None:
    assert not age_is_plausible(0) and age_is_plausible(1) and age_is_plausible(129) and not age_is_plausible(130)
    today = dt.date(2026, 6, 1)
    assert birth_year_is_plausible(1880, today) and birth_year_is_plausible(2026, today)
    assert not birth_year_is_plausible(1879, today) and not birth_year_is_plausible(2027, today)


def test_one_format_version_rule() -> None:
    assert check_format_version(2, 3, subject="x.npz", kind="skeleton", error=ModelError) == 2
    with pytest.raises(ModelError, match=r"x.npz was written by a newer GaitScreen \(skeleton format version 4"):
        check_format_version(4, 3, subject="x.npz", kind="skeleton", error=ModelError)
    for bad in (0, "1", True, None, 1.0):
        with pytest.raises(ModelError, match="invalid skeleton format version"):
            check_format_version(bad, 3, subject="x.npz", kind="skeleton", error=ModelError)
    assert check_format_version(0, 3, subject="db", kind="database", error=ModelError, oldest=0) == 0
