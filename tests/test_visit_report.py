"""The visit report: its PDF (assessment rows, conclusions, SPPB, research measure,
provenance), its JSON (every number of the PDF), ``gaitscreen visit-report`` and
``gaitscreen assess --pdf`` (the same assessment from a study and from a visit file)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from annotation_study import tiny_video
from gaitscreen.cli import main
from gaitscreen.core.assessment import VisitMeasures, assess_visit
from gaitscreen.core.report.visit_pdf import MEASURE_NAMES, build_visit_pdf, value_text
from gaitscreen.core.report.visit_report import visit_report
from gaitscreen.core.assessment.visit_inputs import inputs_from_measures
from gaitscreen.storage import Study
from gaitscreen.storage.visit_export import study_visit_report
from pdf_text import pdf_text
from visit_support import MANUAL, usual_walk_report, visit_study


@pytest.fixture(scope="module")
def full_visit(tmp_path_factory):
    """A visit with entries, a calibrated usual walk, chair stand, balance and a tandem walk."""
    folder = tmp_path_factory.mktemp("visit") / "study"
    study, visit_id = visit_study(folder)
    p = study.patients()[0]
    rec = study.import_video(p.id, tiny_video(folder.parent / "tandem.mp4", 7), protocol="tandem-walk").recording
    study.link_recording(rec.id, visit_id)
    tandem = usual_walk_report(rec.sha256, 0.5, 4.0, None)
    tandem["gait"]["metric"]["test"] = "tandem-walk"
    tandem["screening"]["instability_rate"] = 0.375
    tandem["screening"]["model"]["synthetic_training_data"] = True
    study.save_analysis(rec.id, study.active_model().id, tandem)
    report = study_visit_report(study, visit_id)
    study.close()
    pdf = folder.parent / "visit.pdf"
    build_visit_pdf(report, pdf)
    return folder, visit_id, report, pdf


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_pdf_shows_assessment_rows_conclusions_and_sppb(full_visit) -> None:
    _, _, report, pdf = full_visit
    text = pdf_text(pdf)
    awgs = report["assessment"]["assessments"]["AWGS 2019"]
    assert awgs["conclusion"] == "severe sarcopenia"  # grip 17 < 18, gait 0.9 < 1.0, ASM/h² 5.21 < 5.7
    assert "AWGS 2019: severe sarcopenia" in text and awgs["statement"] in text
    ew = report["assessment"]["assessments"]["EWGSOP2"]
    assert f"EWGSOP2: {ew['conclusion']}" in text and ew["statement"] in text
    assert "grip strength 17 kg < 18 kg (women) met" in text
    assert "gait speed 0.9 m/s < 1 m/s (women) met" in text and "<= 0.8 m/s (women) not met" in text
    assert "Short Physical Performance Battery" in text and f"total (0-12) {report['sppb']['total']}" in text
    assert "Research measure (not part of the assessment)" in text and "recording 4: R = 38 %" in text
    assert "trained on synthetic data" in text
    assert "Tandem walk: recording 4" in text and "tandem-walk speed: a measurement, no cut-off applies" in text
    assert "Name Signature Date" in text


def test_json_and_pdf_agree(full_visit) -> None:
    _, _, report, pdf = full_visit
    flat = _flat(pdf_text(pdf))
    for a in report["assessment"]["assessments"].values():
        assert _flat(a["statement"]) in flat
        for c in a["criteria"]:
            for m in c["measures"]:
                row = f"{MEASURE_NAMES[m['measure']]}{value_text(m['value'], m['unit'])}{m['cutoff']}{m['status']}"
                assert _flat(row) in flat, row
    for c in report["sppb"]["components"]:
        assert _flat(f"{c['name'].replace('_', ' ')}") in flat and c["points"] is not None
    for m in report["measurements"]:
        assert _flat(f"{m['measure']}{value_text(m['value'], m['unit'])}") in flat, m
    for x in report["models"] + report["calibrations"]:
        assert x["sha256"] in flat
    assert json.loads(json.dumps(report, allow_nan=False)) == report  # plain JSON


def test_missing_inputs_are_named(tmp_path: Path) -> None:
    with Study.open(tmp_path / "s") as s:
        p = s.add_patient("P-2", sex="M", birth_year=1948)
        v = s.add_visit(p.id, "2026-10-01")
        s.set_measurements(v.id, {"calf_circumference_cm": 33.0})
        report = study_visit_report(s, v.id)
    build_visit_pdf(report, tmp_path / "v.pdf")
    text = pdf_text(tmp_path / "v.pdf")
    assert "AWGS 2019: incomplete" in text and "EWGSOP2: incomplete" in text
    assert "Missing: Add grip strength to complete the assessment." in text
    assert "not every component measured" in text and "every value was entered by hand" in text


def test_visit_report_cli_matches_the_study(full_visit, tmp_path: Path) -> None:
    folder, visit_id, report, _ = full_visit
    pdf, out = tmp_path / "v.pdf", tmp_path / "v.json"
    assert main(["visit-report", "--study", str(folder), "--visit", str(visit_id), "--pdf", str(pdf),
                 "--json", str(out), "-q"]) == 0
    written = json.loads(out.read_text())
    assert {k: v for k, v in written.items() if k != "created"} == {k: v for k, v in report.items() if k != "created"}
    assert "AWGS 2019: severe sarcopenia" in pdf_text(pdf)


def test_cli_and_storage_give_the_same_assessment(tmp_path: Path) -> None:
    s, visit_id = visit_study(tmp_path / "s", walk_speed=None, chair=False, balance=False)
    with s:
        stored = s.visit_measures(visit_id)
        from_study = assess_visit(stored)["assessments"]
    visit_file = tmp_path / "visit.json"
    visit_file.write_text(json.dumps({"sex": "F", "age": 76, "height_cm": 158.0, **MANUAL}))
    out, pdf = tmp_path / "a.json", tmp_path / "a.pdf"
    assert main(["assess", "--visit", str(visit_file), "--json", str(out), "--pdf", str(pdf), "-q"]) == 0
    from_file = json.loads(out.read_text())["assessments"]

    def decided(a: dict) -> list:
        return [(g, x["conclusion"], x["statement"], x["missing"],
                 [(c["criterion"], c["status"], [(m["measure"], m["value"], m["cutoff"], m["status"])
                                                for m in c["measures"]]) for c in x["criteria"]])
                for g, x in sorted(a.items())]

    assert decided(from_study) == decided(from_file)
    text = pdf_text(pdf)
    assert f"AWGS 2019: {from_file['AWGS 2019']['conclusion']}" in text and "five-times chair stand" in text


def test_visit_file_pdf_uses_entered_values_for_the_sppb() -> None:
    m = VisitMeasures.from_dict({"sex": "M", "chair_stand_s": 12.5,
                                 "gait_speed": {"m_per_s": 1.0, "course_m": 4, "test": "usual-walk"}})
    report = visit_report(inputs_from_measures(m), patient={"id": "x"}, visit={})
    points = {c["name"]: c["points"] for c in report["sppb"]["components"]}
    assert points == {"balance": None, "gait_speed": 4, "chair_stand": 3}  # 4.00 s → 4; 12.50 s → 3
    assert report["sppb"]["total"] is None


@pytest.mark.parametrize("args, words", [
    (["--visit", "99"], "Visit 99 does not exist"),
    (["--visit", "1"], None),  # no --pdf / --json
])
def test_visit_report_bad_input_one_line_exit_2(full_visit, tmp_path: Path, capsys, args, words) -> None:
    folder, _, _, _ = full_visit
    outs = [] if words is None else ["--pdf", str(tmp_path / "x.pdf"), "--json", str(tmp_path / "x.json")]
    assert main(["visit-report", "--study", str(folder), *args, *outs]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and (words is None or words in err)
    assert list(tmp_path.iterdir()) == []


def test_visit_report_without_sex_exit_2(tmp_path: Path, capsys) -> None:
    with Study.open(tmp_path / "s") as s:
        v = s.add_visit(s.add_patient("P-3").id, "2026-10-01")
    assert main(["visit-report", "--study", str(tmp_path / "s"), "--visit", str(v.id),
                 "--pdf", str(tmp_path / "x.pdf")]) == 2
    assert "sex" in capsys.readouterr().err and not (tmp_path / "x.pdf").exists()


def test_assess_pdf_bad_visit_writes_nothing(tmp_path: Path, capsys) -> None:
    visit = tmp_path / "visit.json"
    visit.write_text(json.dumps({"sex": "F", "handgrip": {"dynamometer": "Jamar", "right_kg": [300]}}))
    assert main(["assess", "--visit", str(visit), "--pdf", str(tmp_path / "a.pdf")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "300" in err and not (tmp_path / "a.pdf").exists()


def test_visit_pdf_words_a_failed_check_in_the_readers_language(full_visit, tmp_path: Path) -> None:
    """A check copied into the visit JSON keeps its template (English message as stored) and the zh-TW
    visit PDF words it, and names the failed check, in Chinese."""
    import copy

    from gaitscreen.core.analysis.protocol_words import check_message, check_name
    from gaitscreen.core.i18n import language

    _, _, report, _ = full_visit
    report = copy.deepcopy(report)
    test = next(t for t in report["tests"] if t["protocol"] == "chair-stand")
    check = next(c for c in test["protocol_check"]["checks"] if c.get("template") and c.get("values"))
    assert check["message"] == check["template"].format(**check["values"])  # the JSON stays English
    check["status"] = "fail"
    test["protocol_check"]["failed"] = [check["code"]]
    text = _flat(pdf_text(build_visit_pdf(report, tmp_path / "zh.pdf", language="zh-TW")))
    with language("zh-TW"):
        worded, name = check_message(check), check_name(check["code"])
    assert worded != check["message"] and _flat(worded) in text and _flat(name) in text
    assert _flat(check["message"]) not in text
