"""The Analysis tab in zh-TW: the window counts, the plain-words result, the rate rules and the device
in Chinese; in English the same lines as before (plural forms from the English catalogue).

Offscreen Qt (pytest-qt); the language is switched the app's way (``install_language``), which also
sets the core catalogue's language.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QLocale  # noqa: E402

from gaitscreen.core.analysis.rate import rescore  # noqa: E402
from gaitscreen.core.analysis.wording import plain_result, report_plain_result  # noqa: E402
from gaitscreen.core.i18n import language  # noqa: E402
from gaitscreen.engine.device import CPU_ONLY, GPU_FORMAT, gpu_name_of  # noqa: E402
from gaitscreen.ui.analysis_summary import AnalysisSummary  # noqa: E402
from gaitscreen.ui.language_pref import install_language  # noqa: E402
from gaitscreen.ui.rate_rule_pref import rule_label  # noqa: E402
from gaitscreen.ui.status import JobStatus  # noqa: E402

EXAMPLE = Path(__file__).resolve().parent / "data" / "report_example.json"
CJK = re.compile(r"[\u3400-\u9fff]")
LATIN_WORD = re.compile(r"\b(?!R\b|CUDA\b|GPU\b|CPU\b)[A-Za-z]{3,}\b")  # English words, not units or names


@pytest.fixture
def app(qapp):
    saved = QLocale()
    yield qapp
    install_language(qapp, "en")
    QLocale.setDefault(saved)


@pytest.fixture
def report() -> dict[str, Any]:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def _summary(qtbot, report: dict[str, Any]) -> AnalysisSummary:
    summary = AnalysisSummary()
    qtbot.addWidget(summary)
    summary.show_report(report)
    return summary


def _one_window(report: dict[str, Any]) -> dict[str, Any]:
    one = copy.deepcopy(report)
    one["screening"].update(low_confidence=True, counted_windows=1, unstable_windows=1, instability_rate=1.0,
                            rate_rule="non-overlapping")
    return one


def test_counts_and_plain_result_in_chinese(qtbot, app, report):
    install_language(app, "zh_TW")
    summary = _summary(qtbot, report)
    counts, words = summary.counts.text(), summary.words.text()
    assert counts.startswith("依全部視窗規則計入的 15 個視窗中有 9 個不穩定（不穩定率 R）"), counts
    assert "windows" not in counts and "unstable" not in counts
    assert "。 " not in summary.method.text()  # the recipe and rule sentences joined the Chinese way
    assert words.startswith("病人在直線腳跟接腳尖行走時的平衡，在一半以上的行走過程中看起來不平穩。"), words
    assert not LATIN_WORD.search(words), words
    assert summary.quality.text().endswith(" · 1 個視窗未分類") and "frames" not in summary.quality.text()
    rescored = {**report, "screening": rescore(report["screening"], "non-overlapping")}  # the rule's own reason
    again = _summary(qtbot, rescored)
    reason = again.reason.text()
    assert reason.startswith("依據：") and "依不重疊規則計入的" in reason and not LATIN_WORD.search(reason), reason
    low = _summary(qtbot, _one_window(report))
    assert low.counts.text().startswith("依不重疊規則計入的 1 個視窗中有 1 個不穩定：") and CJK.search(low.rate.text())
    assert not LATIN_WORD.search(low.counts.text()), low.counts.text()


def test_switching_back_to_english_rewords_the_shown_report(qtbot, app, report):
    install_language(app, "zh_TW")
    summary = _summary(qtbot, report)
    install_language(app, "en")  # the summary re-renders itself on the language change
    assert summary.counts.text().startswith("9 of 15 all-windows windows unstable (instability rate R)")
    assert summary.words.text() == report_plain_result(report).text()
    assert ". R counts" in summary.method.text()
    assert summary.quality.text().endswith(" · 1 window not classified")
    assert summary.words.text().startswith("The patient's balance while walking heel-to-toe looked unsteady in "
                                           "half or more of the walk. This is not a diagnosis.")
    single = copy.deepcopy(report)
    single["screening"].update(counted_windows=1, unstable_windows=0)
    one = _summary(qtbot, single)
    assert one.counts.text().startswith("0 of 1 all-windows window unstable (")
    low = _summary(qtbot, _one_window(report))
    assert low.counts.text() == ("1 of 1 non-overlapping window unstable: record a longer walk for a result "
                                 "to rely on")


def test_plain_result_is_worded_when_asked(app):
    with language("zh-TW"):
        chinese = plain_result("insufficient data", reason="too short.")
        joined = chinese.text()
    assert chinese.title == "無結果" and chinese.meaning.startswith("影片拍到的行走過程不足以給出結果（too short）")
    assert " " not in joined.replace("too short", "")  # no space between Chinese sentences
    english = plain_result("insufficient data", reason="too short.")
    assert english.meaning.startswith("The video did not show enough of the walk to give a result (too short).")
    assert plain_result("mostly unstable", risk_cut=0.6).meaning.endswith("unsteady in at least 60 % of the walk.")


def test_rate_rules_and_device_in_chinese(qtbot, app):
    assert rule_label("non-overlapping") == "non-overlapping windows (the study's evaluation rule)"
    assert gpu_name_of(GPU_FORMAT.format(name="NVIDIA H200")) == "NVIDIA H200" and gpu_name_of(CPU_ONLY) is None
    install_language(app, "zh_TW")
    assert rule_label("non-overlapping") == "不重疊視窗（研究的評估規則）"
    assert rule_label("all-windows") == "所有步幅視窗（重疊）"
    status = JobStatus()
    qtbot.addWidget(status)
    status.set_device(CPU_ONLY)
    assert "CPU（無 CUDA 裝置）" in status.device.text() and "no CUDA" not in status.device.text()
    status.set_device(GPU_FORMAT.format(name="NVIDIA H200"))
    assert "GPU：NVIDIA H200（CUDA）" in status.device.text()
    install_language(app, "en")
    assert status.device.text().endswith("GPU: NVIDIA H200 (CUDA)")
