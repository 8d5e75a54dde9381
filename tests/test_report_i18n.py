"""Reports in Traditional Chinese: the text (read back with pypdf) is Chinese, selectable, with the same numbers."""

from __future__ import annotations

import json
import re
from pathlib import Path

from gaitscreen.core import screen
from gaitscreen.core.assessment import VisitMeasures
from gaitscreen.core.assessment.visit_inputs import inputs_from_measures
from gaitscreen.core.i18n import current_language
from gaitscreen.core.report import build_pdf
from gaitscreen.core.report.visit_pdf import build_visit_pdf
from gaitscreen.core.report.visit_report import visit_report
from pdf_text import pdf_text
from visit_support import MANUAL, usual_walk_report

EXAMPLE = Path(__file__).resolve().parent / "data" / "report_example.json"


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _report() -> dict:
    report = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    report["disclaimer"] = screen.DISCLAIMER  # what screen_video stores
    return report


def test_zh_tw_screening_pdf(tmp_path: Path) -> None:
    report = _report()
    pdf = build_pdf(report, tmp_path / "zh.pdf", language="zh-TW")
    text = _flat(pdf_text(pdf))
    assert report["patient"]["id"] in text
    assert "不穩定率R" in text and "60%" in text  # R, as the Chinese report writes a percentage
    assert report["screening"]["risk_group"] == "mostly unstable" and "大致不穩定" in text
    assert "GaitScreen為篩檢輔助工具，不能診斷肌少症" in text  # the disclaimer
    assert "直線腳跟接腳尖行走穩定度篩檢" in text and "第1頁，共" in text
    assert "Instability rate" not in text and "About this report" not in text
    assert current_language() == "en"  # the export's language does not stick


def test_same_report_in_english_is_unchanged_by_a_chinese_export(tmp_path: Path) -> None:
    report = _report()
    before = build_pdf(report, tmp_path / "a.pdf").read_bytes()
    build_pdf(report, tmp_path / "zh.pdf", language="zh-TW")
    assert build_pdf(report, tmp_path / "b.pdf").read_bytes() == before
    text = pdf_text(tmp_path / "b.pdf")
    assert "Instability rate R" in text and "Mostly unstable" in text and "大致" not in text


def _visit(walk_timeline: bool = True) -> dict:
    m = VisitMeasures.from_dict({"sex": "F", "age": 76, "height_cm": 158.0, **MANUAL})
    walk = usual_walk_report("ab" * 32, 0.9, 4.0, {"name": "hall", "sha256": "ef" * 32})
    if walk_timeline:
        walk["gait"].update(duration_s=6.0, step_times_s=[1.0, 1.6, 2.2, 2.8, 3.4, 4.0],
                            step_feet=["L", "R", "L", "R", "L", "R"], walk_start_s=0.8, walk_end_s=4.4)
        walk["gait"]["metric"].update(steady_start_s=1.4, steady_end_s=3.8)
    from gaitscreen.core.assessment.visit_inputs import AnalysedTest

    test = AnalysedTest(recording_id=3, protocol="usual-walk", name="walk.mp4", video_sha256="ab" * 32, report=walk)
    return visit_report(inputs_from_measures(m), patient={"id": "P-007"},
                        visit={"id": 1, "date": "2026-11-30", "operator": "alice"}, tests=[test],
                        created="2026-11-30T10:00:00+08:00")


def test_zh_tw_visit_pdf_has_the_conclusion_in_chinese_and_the_gait_chart(tmp_path: Path) -> None:
    report = _visit()
    awgs = report["assessment"]["assessments"]["AWGS 2019"]
    assert awgs["conclusion"] in ("severe sarcopenia", "sarcopenia", "possible sarcopenia")  # the JSON stays English
    zh = _flat(pdf_text(build_visit_pdf(report, tmp_path / "zh.pdf", language="zh-TW")))
    words = {"severe sarcopenia": "嚴重肌少症", "sarcopenia": "肌少症", "possible sarcopenia": "可能肌少症"}
    assert f"AWGS2019:{words[awgs['conclusion']]}" in zh
    assert "就診報告：肌少症評估" in zh and "握力" in zh and "小腿圍" in zh and "P-007" in zh
    assert "2026年11月30日" in zh
    assert "每條刻線為一步" in zh  # the walk's gait chart, labelled in Chinese
    assert "Conclusions" not in zh and "Assessment against the cut-offs" not in zh
    en = pdf_text(build_visit_pdf(report, tmp_path / "en.pdf"))
    assert f"AWGS 2019: {awgs['conclusion']}" in en and awgs["statement"] in en
    assert "a tick is a step" in en and "steady part (0.90 m/s)" in en


def test_the_gait_chart_numbers_are_in_the_json() -> None:
    entry = _visit()["tests"][0]
    assert entry["timeline"]["step_times_s"] == [1.0, 1.6, 2.2, 2.8, 3.4, 4.0]
    assert entry["timeline"]["steady_start_s"] == 1.4 and entry["timeline"]["speed_m_per_s"] == 0.9
    assert _visit(walk_timeline=False)["tests"][0]["timeline"] is None  # no duration: no chart


def test_visit_report_cli_lang(tmp_path: Path, capsys) -> None:
    """``--lang zh-TW``: the PDF and the printed conclusions in Chinese, the JSON as in English."""
    from gaitscreen.cli import main
    from gaitscreen.core.i18n import set_language
    from visit_support import visit_study

    study, visit_id = visit_study(tmp_path / "study", chair=False, balance=False)
    study.close()
    args = ["visit-report", "--study", str(tmp_path / "study"), "--visit", str(visit_id)]
    try:
        assert main(args + ["--pdf", str(tmp_path / "zh.pdf"), "--json", str(tmp_path / "zh.json"),
                            "--lang", "zh-TW"]) == 0
        printed = capsys.readouterr().out
    finally:
        set_language("en")
    assert "AWGS 2019: " in printed and "肌少症" in printed
    assert "結論" in pdf_text(tmp_path / "zh.pdf")
    assert main(args + ["--json", str(tmp_path / "en.json"), "-q"]) == 0
    zh, en = (json.loads((tmp_path / f"{n}.json").read_text(encoding="utf-8")) for n in ("zh", "en"))
    assert {k: v for k, v in zh.items() if k != "created"} == {k: v for k, v in en.items() if k != "created"}
    assert main(args + ["--json", str(tmp_path / "x.json"), "--lang", "xx"]) == 2
    assert "no translation for the language xx" in capsys.readouterr().err
    assert not (tmp_path / "x.json").exists()


def test_the_rate_rules_basis_sentence_is_translated_and_other_reasons_kept(tmp_path: Path) -> None:
    from gaitscreen.core.i18n import language
    from gaitscreen.core.report.sections import basis_text

    s = _report()["screening"]
    s.update(rate_rule="non-overlapping",
             risk_reason="9 of 15 non-overlapping windows unstable (R = 0.60; R ≥ 0.50 reads mostly unstable).")
    assert basis_text(s) == s["risk_reason"]
    with language("zh-TW"):
        assert basis_text(s) == "依不重疊規則計入的 15 個視窗中有 9 個不穩定（R = 0.60；R ≥ 0.50 判為大致不穩定）。"
        s["risk_reason"] = "A reason worded elsewhere."
        assert basis_text(s) == "A reason worded elsewhere."  # not rewritten from numbers it may not match
