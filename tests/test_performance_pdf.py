"""The one-recording PDF of a chair-stand or balance analysis: protocol, events, times, points,
corrections by hand and provenance are all in it."""

from __future__ import annotations

import pytest

from gaitscreen.core.performance_review import recompute_report
from gaitscreen.core.report.performance_pdf import PerformancePdfError, write_performance_pdf
from pdf_text import pdf_text
from visit_support import performance_report


@pytest.fixture(scope="module")
def chair(tmp_path_factory) -> dict:
    return performance_report(tmp_path_factory.mktemp("pp"), "chair-stand", 41)


def test_chair_stand_pdf_shows_events_points_and_the_hand_correction(chair, tmp_path):
    marks = [dict(m) for m in chair["chair_stand"]["marks"]]
    [m for m in marks if m["kind"] == "stand"][4]["time_s"] += 0.5
    fixed = recompute_report(chair, marks, examiner="Dr Ito")
    out = write_performance_pdf(fixed, tmp_path / "cs.pdf")
    text = pdf_text(out)
    assert "Five-times chair stand" in text and "Protocol check" in text and "Events found" in text
    assert f"{fixed['chair_stand']['time_s']:.2f} s" in text
    assert f"SPPB chair-stand points {fixed['sppb']['chair_stand_points']}" in text
    assert "Values corrected by hand" in text and "chair_stand.time_s" in text and "Dr Ito" in text
    assert chair["provenance"]["file_sha256"] in text
    assert text.count("rise onset") >= 5 and "examiner" in text


def test_balance_pdf_and_refusals(tmp_path):
    bal = performance_report(tmp_path, "balance", 7)
    text = pdf_text(write_performance_pdf(bal, tmp_path / "b.pdf"))
    assert "Standing balance" in text and "tandem hold" in text and "None: every value" in text
    with pytest.raises(PerformancePdfError):
        write_performance_pdf({"test": "tandem-walk"}, tmp_path / "t.pdf")
    with pytest.raises(PerformancePdfError):
        write_performance_pdf(bal, tmp_path / "missing" / "b.pdf")
    assert not (tmp_path / "t.pdf").exists()


def test_zh_tw_performance_pdf_is_in_chinese(chair, tmp_path):
    """The chair-stand PDF in zh-TW: title, events-table headers and mark words in Chinese, no English left there."""
    text = pdf_text(write_performance_pdf(chair, tmp_path / "zh.pdf", language="zh-TW"))
    assert "五次起立坐下" in text and "起身開始" in text and "偵測到的事件" in text and "時間 (秒)" in text
    assert "Five-times chair stand" not in text and "rise onset" not in text and "Events found" not in text
    english = pdf_text(write_performance_pdf(chair, tmp_path / "en.pdf"))
    assert "Five-times chair stand" in english and "rise onset" in english
