"""Managing a study without Qt: rename, delete to the trash (audited), past reports, the operator
default, the visits side by side and over time, and the report's created/analysed times."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from annotation_study import make_study
from gaitscreen.app import study_manage, visit_compare
from gaitscreen.core.errors import GaitScreenError
from gaitscreen.core.report.export import export_report, export_to_study
from gaitscreen.storage import Study
from pdf_text import pdf_text

EXAMPLE = Path(__file__).resolve().parent / "data" / "report_example.json"


def _report(study: Study, rec: Any, rate: float | None = None, sway: float | None = None) -> dict[str, Any]:
    report = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    report["recording"]["sha256"] = rec.sha256
    report["screening"]["model"]["sha256"] = study.active_model().sha256
    if rate is not None:
        report["screening"]["instability_rate"] = rate
    if sway is not None:
        report["kinematics"]["overall"]["sway_range_bh"] = sway
    return report


@pytest.fixture()
def study(tmp_path: Path):
    s = make_study(tmp_path / "study", patients=2, recordings=2, duration_s=12.5)
    yield s
    s.close()


def _analysed(study: Study, rec: Any, **kw: Any) -> Any:
    return study.save_analysis(rec.id, study.active_model().id, _report(study, rec, **kw))


def test_delete_recording_moves_its_files_to_the_trash_and_audits(study: Study) -> None:
    rec, other = study.recordings(study.patients()[0].id)
    analysis = _analysed(study, rec)
    clip = study.clips(rec.id)[0]
    study.set_label(clip.id, "rater-a", "stable")
    exported = export_to_study(study, rec.id, operator="A. Osei")
    video, pdf = study.video_path(rec), Path(exported["pdf_path"])
    analysis_json = study.layout.resolve(analysis.report_path)
    assert video.is_file() and pdf.is_file() and analysis_json.is_file()
    summary = study_manage.recording_deletion(study, rec.id)
    assert (summary.recordings, summary.reports, summary.labels) == (1, 1, 1)

    trash = study_manage.delete_recording(study, rec.id)

    assert [r.id for r in study.recordings(rec.patient_id)] == [other.id]
    assert not video.exists() and not pdf.exists() and not analysis_json.exists()
    assert not study.layout.pose_dir(rec.id).exists()
    kept = sorted(p.name for p in trash.rglob("*") if p.is_file())
    assert video.name in kept and pdf.name in kept and analysis_json.name in kept
    rows = json.loads((trash / "deleted" / f"recording_{rec.id}.json").read_text(encoding="utf-8"))
    saved = rows["recordings"][str(rec.id)]
    assert saved["annotations"][0]["label"] == "stable" and saved["reports"][0]["operator"] == "A. Osei"
    entry = study.audit(1)[0]
    assert (entry.action, entry.entity_id) == ("recording.delete", rec.id)
    assert entry.before["original_name"] == rec.original_name and entry.after["trash"].startswith("trash/")
    study.close()
    reopened = Study.open(study.folder, user="tester")  # the orphan sweep finds nothing left behind
    try:
        assert reopened.swept == [] and [r.id for r in reopened.recordings(rec.patient_id)] == [other.id]
    finally:
        reopened.close()


def test_delete_patient_removes_recordings_and_visits_keeping_them_in_the_trash(study: Study) -> None:
    first, second = study.patients()
    recs = study.recordings(first.id)
    visit = study.add_visit(first.id, "2026-10-01", time="09:30", operator="N. Ibe")
    study.link_recording(recs[0].id, visit_id=visit.id)
    videos = [study.video_path(r) for r in recs]
    summary = study_manage.patient_deletion(study, first.id)
    assert (summary.name, summary.recordings, summary.visits) == ("P01", 2, 1)
    trash = study_manage.delete_patient(study, first.id)
    assert [p.code for p in study.patients()] == ["P02"] and study.recordings(second.id)
    assert all(not v.exists() for v in videos)
    assert {v.name for v in videos} <= {p.name for p in trash.rglob("*")}
    rows = json.loads((trash / "deleted" / f"patient_{first.id}.json").read_text(encoding="utf-8"))
    assert rows["patient"][0]["code"] == "P01" and rows["visits"][0]["time"] == "09:30"
    assert study.audit(1)[0].action == "patient.delete"
    with pytest.raises(GaitScreenError, match="does not exist"):
        study.delete_patient(first.id)


def test_rename_recording_and_patient_are_audited_and_checked(study: Study) -> None:
    patient = study.patients()[0]
    rec = study.recordings(patient.id)[0]
    assert study_manage.rename_recording(study, rec.id, "Tandem walk, morning").original_name == "Tandem walk, morning"
    assert study.recording(rec.id).original_name == "Tandem walk, morning" and study.video_path(rec).is_file()
    entry = study.audit(1)[0]
    assert entry.action == "recording.rename" and entry.before == {"original_name": rec.original_name}
    with pytest.raises(GaitScreenError, match="one line"):
        study_manage.rename_recording(study, rec.id, "two\nlines")
    assert study_manage.rename_patient(study, patient.id, "P-0099").code == "P-0099"
    assert study.audit(1)[0].action == "patient.update"
    with pytest.raises(GaitScreenError, match="already exists"):
        study_manage.rename_patient(study, patient.id, "P02")


def test_past_reports_and_the_operator_last_entered(study: Study) -> None:
    rec = study.recordings()[0]
    _analysed(study, rec)
    assert study_manage.default_operator(study) == ""  # not the computer's user ("tester")
    with pytest.raises(GaitScreenError, match="No report"):
        study_manage.latest_report_pdf(study, rec.id)
    first = export_to_study(study, rec.id, operator="A. Osei")
    second = export_to_study(study, rec.id, operator="B. Tan")
    assert study_manage.default_operator(study) == "B. Tan"
    assert [str(p) for _, p in study_manage.past_reports(study, rec.id)] == [second["pdf_path"], first["pdf_path"]]
    assert study_manage.latest_report_pdf(study, rec.id) == Path(second["pdf_path"])
    study.add_visit(study.patients()[0].id, "2026-12-01", operator="C. Diaz")
    assert study_manage.default_operator(study) == "C. Diaz"
    Path(second["pdf_path"]).unlink()
    with pytest.raises(GaitScreenError, match="missing"):
        study_manage.latest_report_pdf(study, rec.id)


def test_export_to_a_chosen_folder_keeps_a_copy_in_the_study(study: Study, tmp_path: Path) -> None:
    rec = study.recordings()[0]
    _analysed(study, rec)
    out = tmp_path / "elsewhere"
    out.mkdir()
    result = export_to_study(study, rec.id, operator="A. Osei", folder=out)
    assert Path(result["pdf_path"]).parent == out and Path(result["pdf_path"]).is_file()
    row = study.reports(rec.id)[0]
    assert study.report_path(row).parent == study.folder / "reports" and study.report_path(row).is_file()
    with pytest.raises(GaitScreenError, match="does not exist"):
        export_to_study(study, rec.id, folder=tmp_path / "missing")


def test_created_is_when_the_pdf_is_written_and_the_analysis_time_is_listed(tmp_path: Path) -> None:
    report = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    analysed = report["created"]
    result = export_report(report, tmp_path / "r.pdf", created="2027-01-02T03:04:05+00:00")
    assert result["created"] == "2027-01-02T03:04:05+00:00" and result["analysed"] == analysed
    text = " ".join(pdf_text(tmp_path / "r.pdf").split())
    assert "report created 2027-01-02 03:04:05+00:00" in text
    assert f"analysed {analysed.replace('T', ' ', 1)}" in text
    again = export_report(report, tmp_path / "s.pdf", created="2027-01-02T03:04:05+00:00")
    assert again["pdf_sha256"] == result["pdf_sha256"]  # same analysis, fields and time: same bytes
    now = export_report(report, tmp_path / "t.pdf")
    assert now["created"] != analysed and now["created"][:4] >= "2026"


def test_two_visits_side_by_side_and_the_trend(study: Study) -> None:
    patient = study.patients()[0]
    study.update_patient(patient.id, sex="F", birth_year=1948, height_cm=158.0)
    rec_a, rec_b = study.recordings(patient.id)
    _analysed(study, rec_a, rate=0.6, sway=0.08)
    _analysed(study, rec_b, rate=0.25, sway=0.05)
    a = study.add_visit(patient.id, "2026-06-01", time="10:00")
    b = study.add_visit(patient.id, "2026-12-01", time="14:15")
    study.link_recording(rec_a.id, visit_id=a.id)
    study.link_recording(rec_b.id, visit_id=b.id)
    study.set_measurements(a.id, {"handgrip": {"dynamometer": "Jamar", "right_kg": [15.0, 16.0]},
                                  "calf_circumference_cm": {"value": 31.0, "source": "tape"}})
    study.set_measurements(b.id, {"handgrip": {"dynamometer": "Jamar", "right_kg": [19.5], "left_kg": [18.0]},
                                  "sppb_score": {"value": 9, "source": "entered"}})
    rows = {r["key"]: r for r in visit_compare.compare_visits(study, a.id, b.id)}
    assert (rows["time"]["a"], rows["time"]["b"]) == ("10:00", "14:15")
    assert (rows["instability_rate"]["a"], rows["instability_rate"]["b"]) == (0.6, 0.25)
    assert rows["instability_rate"]["change"] == pytest.approx(-0.35)
    assert rows["grip_kg"]["a"] == 16.0 and rows["grip_kg"]["b"] == 19.5 and rows["grip_kg"]["change"] == 3.5
    assert rows["calf_cm"]["b"] is None and rows["calf_cm"]["change"] is None
    assert rows["sway_range_bh"]["a"] == 0.08 and rows["sway_range_bh"]["b"] == 0.05
    assert rows["cadence_steps_per_min"]["a"] is not None
    assert rows["awgs"]["a"] and rows["ewgsop2"]["b"]  # conclusions from the assessment
    trend = visit_compare.visit_trend(study, patient.id)
    assert [(t["date"], t["grip_kg"], t["sppb"], t["instability_rate"]) for t in trend] == [
        ("2026-06-01", 16.0, None, 0.6), ("2026-12-01", 19.5, 9.0, 0.25)]
    other = study.add_visit(study.patients()[1].id, "2026-07-01")
    with pytest.raises(GaitScreenError, match="different patients"):
        visit_compare.compare_visits(study, a.id, other.id)


def test_a_visit_without_sex_still_compares_its_entries(study: Study) -> None:
    patient = study.patients()[0]
    v = study.add_visit(patient.id, "2026-06-01")
    study.set_measurements(v.id, {"sarc_f": {"strength": 2, "assistance_walking": 1, "rise_from_chair": 1,
                                             "climb_stairs": 0, "falls": 1}})
    s = visit_compare.visit_summary(study, v.id)
    assert s["sarc_f"] == 5 and s["awgs"] is None and "sex" in s["problem"]
    assert copy.deepcopy(s)["instability_rate"] is None


def test_an_analysis_names_the_operator_last_entered_not_the_computers_user(study: Study) -> None:
    from gaitscreen.app.analyse import patient_info

    rec = study.recordings()[0]
    assert study.user  # the computer's user is known ...
    assert patient_info(study, rec).operator is None  # ... and is not taken for the operator
    study.add_visit(study.patients()[0].id, "2026-12-01", operator="C. Diaz")
    assert patient_info(study, study.recording(rec.id)).operator == "C. Diaz"
