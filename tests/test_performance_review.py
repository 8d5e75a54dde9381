"""The examiner's correction of chair-stand and balance marks: recomputed, stored beside the old analysis,
audited, and listed in the report as corrected by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotation_study import tiny_video
from gaitscreen.app.performance_review import correct_marks
from gaitscreen.core.assessment.sppb import chair_stand_points
from gaitscreen.core.performance_review import MarkEditError
from gaitscreen.storage import Study, StudyError
from visit_support import performance_report


@pytest.fixture(scope="module")
def chair_report(tmp_path_factory) -> dict:
    return performance_report(tmp_path_factory.mktemp("cs"), "chair-stand", 41)


def _stored(tmp: Path, report: dict, test: str = "chair-stand"):
    s = Study.open(tmp / "s", user="alice")
    p = s.add_patient("P-1", sex="F")
    rec = s.import_video(p.id, tiny_video(tmp / "c.mp4", 3), protocol=test).recording
    return s, rec, s.save_performance(rec.id, report)


def test_moving_the_fifth_stand_changes_the_time_by_that_amount(chair_report, tmp_path):
    cs = chair_report["chair_stand"]
    assert chair_report["assessable"] and cs["stands"] == 5 and cs["time_s"] is not None
    marks = [dict(m) for m in cs["marks"]]
    fifth = [m for m in marks if m["kind"] == "stand"][4]
    fifth["time_s"] += 0.5
    s, rec, saved = _stored(tmp_path, chair_report)
    with s:
        new_rec, new = correct_marks(s, saved.id, marks, examiner="Dr Ito")
        assert new["chair_stand"]["time_s"] - cs["time_s"] == pytest.approx(0.5, abs=1e-3)
        assert new["sppb"]["chair_stand_points"] == chair_stand_points(new["chair_stand"]["time_s"])
        assert "chair_stand.time_s" in new["corrected_by_examiner"]
        fix = new["corrections"]["chair_stand.time_s"]
        assert fix["source"] == "examiner" and fix["before"] == cs["time_s"]
        moved = [m for m in new["chair_stand"]["marks"] if m["source"] == "examiner"]
        assert [m["kind"] for m in moved] == ["stand"]
        assert new["chair_stand"]["corrected_by_examiner"] is True
        # the old analysis is kept; the new one is the recording's latest
        assert [r.id for r in s.performances(rec.id)] == [saved.id, new_rec.id]
        assert s.performance(saved.id)[1] == chair_report
        assert s.performance_report(rec.id) == new
        entry = s.audit()[0]
        assert entry.action == "performance.correct" and entry.entity_id == rec.id
        assert entry.before["performance_id"] == saved.id and entry.after["performance_id"] == new_rec.id
        assert entry.before["values"]["chair_stand.time_s"] == cs["time_s"]
        assert entry.after["values"]["chair_stand.time_s"] == new["chair_stand"]["time_s"]
        assert entry.after["examiner"] == "Dr Ito" and entry.after["marks_added"][0]["kind"] == "stand"
        # a second correction still reports the analysis's own value as "before"
        _, again = correct_marks(s, new_rec.id, [m for m in marks if m is not fifth] +
                                 [{**fifth, "time_s": fifth["time_s"] + 0.25}], examiner="Dr Ito")
        assert again["corrections"]["chair_stand.time_s"]["before"] == cs["time_s"]
        assert again["chair_stand"]["time_s"] - cs["time_s"] == pytest.approx(0.75, abs=1e-3)


def test_deleting_a_stand_makes_the_test_unable(chair_report, tmp_path):
    marks = chair_report["chair_stand"]["marks"]
    third = [m for m in marks if m["kind"] == "stand"][2]
    s, rec, saved = _stored(tmp_path, chair_report)
    with s:
        _, new = correct_marks(s, saved.id, [m for m in marks if m is not third], examiner="Dr Ito")
        assert new["chair_stand"]["unable"] is True and new["chair_stand"]["time_s"] is None
        assert new["chair_stand"]["flags"]["fewer_than_five"] is True
        assert new["sppb"]["chair_stand_points"] == 0
        assert new["deleted_marks"] == [third]
        assert {"chair_stand.time_s", "sppb.chair_stand_points"} <= set(new["corrected_by_examiner"])
        assert s.audit()[0].before["marks_removed"][0]["time_s"] == third["time_s"]


def test_balance_hold_follows_a_moved_stance_end(tmp_path):
    report = performance_report(tmp_path, "balance", 42)
    marks = [dict(m) for m in report["balance"]["marks"]]
    end = next(m for m in marks if m["kind"] == "stance_end")
    start = next(m for m in marks if m["kind"] == "stance_start" and m["detail"] == end["detail"])
    end["time_s"] = start["time_s"] + 2.0
    s, _, saved = _stored(tmp_path, report, "balance")
    with s:
        _, new = correct_marks(s, saved.id, marks, examiner="Dr Ito")
        assert new["balance"]["holds_s"][end["detail"]] == pytest.approx(2.0, abs=1e-3)
        assert new["corrections"][f"balance.holds_s.{end['detail']}"]["source"] == "examiner"


def test_bad_edits_store_nothing(chair_report, tmp_path):
    s, rec, saved = _stored(tmp_path, chair_report)
    with s:
        with pytest.raises(MarkEditError, match="finite time"):
            correct_marks(s, saved.id, [{"kind": "stand", "time_s": float("nan")}], examiner="Dr Ito")
        with pytest.raises(StudyError, match="examiner"):
            correct_marks(s, saved.id, chair_report["chair_stand"]["marks"], examiner=" ")
        with pytest.raises(StudyError, match="does not exist"):
            correct_marks(s, 999, [], examiner="Dr Ito")
        assert [r.id for r in s.performances(rec.id)] == [saved.id]


def test_a_failed_protocol_still_gives_no_points_after_a_correction(chair_report, tmp_path):
    failed = {**chair_report, "assessable": False, "reason": "Not assessable: nobody seated.",
              "protocol": {**chair_report["protocol"], "assessable": False}}
    s, _, saved = _stored(tmp_path, failed)
    with s:
        _, new = correct_marks(s, saved.id, chair_report["chair_stand"]["marks"][1:], examiner="Dr Ito")
        assert new["sppb"]["chair_stand_points"] is None and new["reason"] == failed["reason"]


def test_visit_report_names_the_values_corrected_by_hand(tmp_path):
    from gaitscreen.core.report.visit_pdf import build_visit_pdf
    from gaitscreen.storage.visit_export import study_visit_report
    from pdf_text import pdf_text
    from visit_support import visit_study

    study, visit_id = visit_study(tmp_path / "s")
    with study:
        plain = study_visit_report(study, visit_id)
        build_visit_pdf(plain, tmp_path / "plain.pdf")
        assert "corrected by hand" not in pdf_text(tmp_path / "plain.pdf")
        rec = next(r for r in study.visit_recordings(visit_id) if r.protocol == "chair-stand")
        (record,) = study.performances(rec.id)
        marks = study.performance(record.id)[1]["chair_stand"]["marks"]
        third = [m for m in marks if m["kind"] == "stand"][2]
        correct_marks(study, record.id, [m for m in marks if m is not third], examiner="Dr Ito")
        report = study_visit_report(study, visit_id)
    entry = next(t for t in report["tests"] if t["protocol"] == "chair-stand")
    assert {c["value"] for c in entry["corrected_by_examiner"]} >= {"chair_stand.time_s", "sppb.chair_stand_points"}
    assert report["sppb"]["chair_stand_points"] == 0  # the assessment uses the corrected analysis
    build_visit_pdf(report, tmp_path / "v.pdf")
    text = pdf_text(tmp_path / "v.pdf")
    assert "Values corrected by hand" in text and "Dr Ito" in text and "chair stand.time s" in text
