"""Protocol checks in the reader's language: stored English with a template and values,
worded at display time (PDF, CLI line, app panel), the same JSON in every language, and
older analyses without templates still showing their stored English text."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import numpy as np

from gaitscreen.core.analysis.protocol import ProtocolInputs, apply_protocol, check_protocol, protocol_from_report
from gaitscreen.core.analysis.protocol_words import check_message, check_text, not_assessable_reason, risk_reason
from gaitscreen.core.i18n import language
from gaitscreen.core.report import build_pdf
from gaitscreen.synth import generate_subject, generate_walk
from pdf_text import pdf_text

EXAMPLE = Path(__file__).resolve().parent / "data" / "report_example.json"


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _walk_away_report() -> dict:
    """The example report with the protocol checks of a synthetic walk away from the camera."""
    rng = np.random.default_rng(21)
    walk = generate_walk(generate_subject(rng, subject_id="p21"), duration_s=9.0, rng=rng, heading_deg=180.0)
    skeleton = walk.skeleton
    protocol = check_protocol(ProtocolInputs(skeleton, tuple(skeleton.image_size)))
    report = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    report["protocol"].update(apply_protocol(report["screening"], protocol))
    return json.loads(json.dumps(report))  # as stored and read back


def test_a_check_stores_english_with_its_template_and_values() -> None:
    report = _walk_away_report()
    check = next(c for c in report["protocol"]["checks"] if c["code"] == "approach_direction")
    assert check["status"] == "fail" and "walked away from the camera" in check["message"]
    assert "{angle:.0f}" in check["template"] and isinstance(check["values"]["angle"], float)
    assert check["message"] == check["template"].format(**check["values"])
    with language("zh-TW"):
        words = check_message(check)
        assert "遠離攝影機" in words and f"{check['values']['angle']:.0f}°" in words
        assert "walked" not in check_text(check)
        reason = risk_reason(report)
        assert reason.startswith("無法評估：") and "遠離攝影機" in reason and "Film" not in reason
    assert risk_reason(report) == report["screening"]["risk_reason"]  # English: exactly the stored sentence


def test_zh_tw_pdf_of_a_failed_protocol_check_is_chinese_and_the_json_is_not(tmp_path: Path) -> None:
    report = _walk_away_report()
    stored = copy.deepcopy(report)
    text = _flat(pdf_text(build_pdf(report, tmp_path / "zh.pdf", language="zh-TW")))
    assert "病人是遠離攝影機行走" in text and "請拍攝病人朝攝影機走來" in text
    # the check by its name only: its code (what --accept-deviation takes) is data, in the JSON
    assert "無法評估：" in text and "接近方向" in text and "approach_direction" not in text
    assert "通過上限（°）60" in text and "passmaxdeg" not in text  # the thresholds' names
    assert "walkedaway" not in text and "Filmthepatient" not in text and "Notassessable" not in text
    assert report == stored  # the report dict is not rewritten in the reader's language
    english = _flat(pdf_text(build_pdf(report, tmp_path / "en.pdf")))
    assert "Thepatientwalkedawayfromthecamera" in english and "遠離" not in english


def test_an_older_analysis_without_templates_keeps_its_stored_text(tmp_path: Path) -> None:
    report = _walk_away_report()
    for c in report["protocol"]["checks"]:
        c.pop("template"), c.pop("values")
        c["message"] = f"Old wording {c['code']}."
    report["screening"]["risk_reason"] = "Not assessable: an old reason."
    with language("zh-TW"):
        assert check_message(report["protocol"]["checks"][0]) == "Old wording approach_direction."
        assert not_assessable_reason(report) == "Not assessable: an old reason."
    text = _flat(pdf_text(build_pdf(report, tmp_path / "old.pdf", language="zh-TW")))
    assert "Oldwordingapproach_direction." in text and "Notassessable:anoldreason." in text
    again = protocol_from_report(report)  # re-read (the app's accept button) keeps the old wording
    assert again is not None and all(c.template == "" for c in again.checks)
    assert again.checks[0].to_dict()["message"] == "Old wording approach_direction."


def test_cli_zh_tw_line_names_the_failed_check_in_chinese_and_writes_the_same_json(videos, model, tmp_path,
                                                                                     capsys) -> None:
    from gaitscreen.cli import main
    from gaitscreen.core.i18n import set_language
    from test_protocol_video import _analyze

    (tmp_path / "en").mkdir(), (tmp_path / "zh").mkdir()
    assert main(_analyze(videos["reversed"], tmp_path / "en", model)) == 0
    capsys.readouterr()
    try:
        assert main(_analyze(videos["reversed"], tmp_path / "zh", model, "--lang", "zh-TW")) == 0
    finally:
        set_language("en")
    line = capsys.readouterr().out
    assert "無法評估（" in line and "病人是遠離攝影機行走" in line
    assert "not assessable" not in line and "walked away" not in line
    en, zh = (json.loads((tmp_path / d / "r.json").read_text(encoding="utf-8")) for d in ("en", "zh"))
    for r in (en, zh):
        r.pop("created", None), r.pop("timings", None)
    assert zh == en


def test_batch_lines_under_lang_zh_tw_are_chinese_and_the_summary_stays_english(model, tmp_path, capsys) -> None:
    import csv

    from gaitscreen.cli import main
    from gaitscreen.core.i18n import set_language

    folder = tmp_path / "visit"
    folder.mkdir()
    (folder / "notes.mp4").write_text("not a video\n", encoding="utf-8")
    try:
        main(["batch", str(folder), "--out", str(tmp_path / "out"), "--model", str(model), "-q", "--lang", "zh-TW"])
    finally:
        set_language("en")
    captured = capsys.readouterr()
    assert "notes.mp4：" not in captured.err and "notes.mp4: 略過: " in captured.err
    assert "是文字檔，不是影片" in captured.err and "skipped" not in captured.err
    assert "1 部影片中有 0 部已篩檢且可評估" in captured.out
    with open(tmp_path / "out" / "summary.csv", encoding="utf-8") as f:
        row = next(csv.DictReader(f))
    assert row["status"] == "skipped"  # the file's data stays English


from test_protocol_video import model, videos  # noqa: E402,F401  (the shared walk's variants, a tiny model)


def _with_screening(result) -> dict:
    report = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    report["screening"] = json.loads(json.dumps(result.to_dict()))  # as stored and read back
    report["protocol"].pop("checks", None)
    return report


def test_flags_and_an_insufficient_reason_are_worded_in_the_readers_language(tmp_path: Path) -> None:
    from gaitscreen.core.analysis import AnalysisSettings, analyse
    from gaitscreen.core.analysis.protocol_words import STORED_TEXTS, flag_texts
    from gaitscreen.core.analysis.rate import RateCount, low_confidence_note
    from test_screening import SwayScorer, walk

    gaps = analyse(walk(8.0, missing=slice(90, 150)), SwayScorer(), AnalysisSettings(min_coverage=0.5))
    report = _with_screening(gaps)
    flags = report["screening"]["quality"]["flags"]
    assert any("windows not classified" in f for f in flags) and all(isinstance(f, str) for f in flags)
    assert set(report["screening"]["quality"]["wording"]) >= {f for f in flags if "not classified" in f}
    with language("zh-TW"):
        zh = flag_texts(report)
    assert any("個視窗未分類" in f for f in zh) and any("病人在" in f and "的畫格中未出現" in f for f in zh)
    assert flag_texts(report) == flags  # English: the stored sentences
    text = _flat(pdf_text(build_pdf(report, tmp_path / "flags.pdf", language="zh-TW")))
    assert "個視窗未分類" in text and "notclassified" not in text

    tiny = _with_screening(analyse(walk(0.6), SwayScorer()))
    with language("zh-TW"):
        assert risk_reason(tiny).startswith("行走長 0.6 秒；模型至少需要")
    text = _flat(pdf_text(build_pdf(tiny, tmp_path / "tiny.pdf", language="zh-TW")))
    assert "行走長0.6秒；模型至少需要" in text and "needsatleast" not in text
    one = RateCount("non-overlapping", [0], 1, 1)
    assert low_confidence_note(one) == STORED_TEXTS[0]  # the constant the rate module stores, marked here


def test_an_older_flag_without_wording_shows_as_stored(tmp_path: Path) -> None:
    report = json.loads(EXAMPLE.read_text(encoding="utf-8"))  # made before flags had their wording
    from gaitscreen.core.analysis.protocol_words import flag_texts

    with language("zh-TW"):
        assert flag_texts(report) == report["screening"]["quality"]["flags"]


def _zh_error(args: list[str], capsys) -> str:
    from gaitscreen.cli import main
    from gaitscreen.core.i18n import set_language

    try:
        assert main(args + ["--lang", "zh-TW"]) == 2
    finally:
        set_language("en")
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = [line for line in captured.err.splitlines() if line.strip()]
    assert len(lines) == 1, captured.err
    return lines[0]


def test_user_errors_under_lang_zh_tw_are_one_chinese_line(tmp_path: Path, capsys) -> None:
    from gaitscreen.cli import main

    out = ["--pdf", str(tmp_path / "r.pdf"), "--json", str(tmp_path / "r.json"), "-q"]
    missing = _zh_error(["analyze", str(tmp_path / "nowhere.mp4"), *out], capsys)
    assert missing.startswith("gaitscreen：錯誤：") and "找不到影片檔" in missing and "nowhere.mp4" in missing and "not found" not in missing
    bad = tmp_path / "floor.json"
    bad.write_text("{not json", encoding="utf-8")
    video = tmp_path / "walk.mp4"
    video.write_bytes(b"\0" * 64)
    calibration = _zh_error(["analyze", str(video), "--floor-calibration", str(bad), *out], capsys)
    assert "不是 JSON 檔案" in calibration and "floor.json" in calibration and "is not a JSON" not in calibration
    assert not list(tmp_path.glob("r.*"))
    assert main(["analyze", str(tmp_path / "nowhere.mp4"), *out]) == 2  # English stays the default
    assert "Video file not found" in capsys.readouterr().err


def test_gait_notes_show_in_chinese_and_an_unknown_note_as_stored(tmp_path: Path) -> None:
    report = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    report["gait"].update(speed_m_per_s=None, notes=[
        "speed: unavailable without a scale; give the walkway length",
        "cadence: fewer than 2 consecutive steps detected", "an older note nobody translated"])
    text = _flat(pdf_text(build_pdf(report, tmp_path / "gait.pdf", language="zh-TW")))
    assert "沒有比例尺無法取得；請輸入走道長度" in text and "偵測到的連續步伐少於2步" in text
    assert "anoldernotenobodytranslated" in text and "withoutascale" not in text


def test_study_errors_are_worded_in_the_readers_language(tmp_path: Path) -> None:
    import pytest

    from gaitscreen.storage import Study, StudyDamagedError, StudyError

    folder = tmp_path / "old"
    (folder / "videos").mkdir(parents=True)
    (folder / "videos" / "a.mp4").write_bytes(b"x")
    with language("zh-TW"), pytest.raises(StudyDamagedError) as caught:
        Study.open(folder)
    assert "未開啟，因為其資料庫" in str(caught.value) and "沒有可還原的備份" in str(caught.value)
    assert "was not opened" not in str(caught.value)
    with pytest.raises(StudyDamagedError, match="missing; it has no backup to restore"):
        Study.open(folder)  # English as before
    with Study.open(tmp_path / "new") as study:
        study.add_patient("P-1")
    with Study.open(tmp_path / "new", read_only=True) as ro, language("zh-TW"), \
            pytest.raises(StudyError, match="唯讀方式開啟"):
        ro.add_patient("P-2")
