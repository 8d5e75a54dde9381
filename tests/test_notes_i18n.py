"""Notes that carry numbers (kinematics, gait, metric gait, cohort) and the window-recipe sentence
in the reader's language: the JSON keeps the English sentence and, under ``notes_wording`` /
``wording``, its template and values; the PDF and the app word them at display time. A stored
English note still matches on its English lead (``stops:``, ``walk bounds``, ``speed:``)."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import numpy as np
import pytest
from test_kinematics import make_walk

from gaitscreen.core.analysis import gait_parameters, measure_span
from gaitscreen.core.analysis.cohort import cohort_statistics
from gaitscreen.core.analysis.gait import with_walkway
from gaitscreen.core.analysis.gait_metric import MetricGait, _too_few_footfalls
from gaitscreen.core.analysis.protocol_words import Said, say_n, stored_text
from gaitscreen.core.analysis.screening import AnalysisSettings, _recipe_entry
from gaitscreen.core.i18n import language
from gaitscreen.core.model import SkateFormerConfig
from gaitscreen.core.model.card import ModelCard
from gaitscreen.core.model.inputs import InputSpec
from gaitscreen.core.model.recipe import WindowRecipe, default_recipe, published_recipe, span_recipe
from gaitscreen.core.report import build_pdf
from gaitscreen.core.report import text as T
from gaitscreen.core.report.method import recipe_sentence
from pdf_text import pdf_text

EXAMPLE = Path(__file__).resolve().parent / "data" / "report_example.json"
CJK = re.compile(r"[\u3400-\u9fff]")
ENGLISH = re.compile(r"\b(?!fps\b|cm\b)[A-Za-z]{3,}\b")  # English words; units (fps, cm) may stay


def _stored(d: dict) -> dict:
    return json.loads(json.dumps(d))  # as the JSON stores it: plain strings, no Said


def _chinese(text: str) -> bool:
    return bool(CJK.search(text)) and not ENGLISH.search(text)


@pytest.fixture(scope="module")
def gappy() -> dict:
    """A synthetic walk with the patient missing 3.0-5.6 s and the left elbow and wrist 6.0-8.5 s."""
    w = make_walk(gap=(3.0, 5.6), missing=([7, 9], 6.0, 8.5), seed=7)
    return {"walk": w, "missing": measure_span(w.skeleton, 3.2, 5.4), "arm": measure_span(w.skeleton, 6.2, 8.3)}


def test_kinematic_notes_keep_english_and_word_their_numbers_in_chinese(gappy) -> None:
    span = _stored(gappy["missing"].to_dict())
    sway = next(n for n in span["notes"] if n.startswith("trunk sway:"))
    assert "joints or body height in only 0% of the span's frames (< 50%)" in sway  # English, as before
    placement = next(n for n in span["notes"] if n.startswith("foot placement:"))
    assert span["notes_wording"][placement]["values"]["needed"] == 3
    arm = _stored(gappy["arm"].to_dict())
    left = next(n for n in arm["notes"] if n.startswith("left arm abduction:"))
    share = arm["notes_wording"][left]["values"]["share"]
    with language("zh-TW"):
        worded = T.note_texts(span)
        assert all(_chinese(n) for n in worded), worded
        assert any(n.startswith("軀幹搖晃：") and "0%" in n and "50%" in n for n in worded), worded
        assert any("站立期" in n and "需要 3 個" in n for n in worded), worded
        arm_words = T.note_texts(arm)
        assert any(n.startswith("左手臂外展：") and f"{share:.0%}" in n for n in arm_words), arm_words
        assert all(_chinese(n) for n in arm_words), arm_words
    assert T.note_texts(span) == span["notes"]  # English: exactly the stored sentences


def test_stop_notes_still_match_on_their_english_lead() -> None:
    w = make_walk(stop=(4, 1.0), seed=5)
    with language("zh-TW"):  # the language an analysis runs in does not change what it stores
        whole = measure_span(w.skeleton, 0, 30).to_dict()
    note = next(n for n in whole["notes"] if n.startswith("stops: 2 at the start or end"))
    with language("zh-TW"):
        text = stored_text(note, whole["notes_wording"])
    assert text.startswith("停頓：") and "2 次" in text and _chinese(text), text


def test_gait_and_metric_notes_in_chinese_and_the_walkway_keeps_their_wording(gappy) -> None:
    gait = _stored(gait_parameters(gappy["walk"].skeleton).to_dict())
    gap = next(n for n in gait["notes"] if n.startswith("steps: 1 gap in the ankle signal"))
    assert gait["notes_wording"][gap]["plural"].startswith("steps: {gaps} gaps")
    with language("zh-TW"):
        assert stored_text(gap, gait["notes_wording"]) == "步伐：腳踝訊號有 1 處中斷；跨越中斷的步伐不計入"
    walked = _stored(with_walkway(gait, 2.7))  # the speed note goes, the gap note keeps its wording
    assert gap in walked["notes"] and walked["notes_wording"][gap] == gait["notes_wording"][gap]
    m = MetricGait(test="usual-walk", cutoffs_apply=True)
    m.notes.append(_too_few_footfalls(1))
    metric = _stored(m.to_dict())
    assert metric["notes"] == ["speed not available: only 1 footfall found on the floor"]
    assert _too_few_footfalls(3) == "speed not available: only 3 footfalls found on the floor"
    usual = {**gait, "test": "usual-walk", "speed_m_per_s": None, "metric": metric}
    with language("zh-TW"):
        speed = dict(T.gait_rows(usual))["平常步行速度"]
    assert "地面上只找到 1 次落腳" in speed and _chinese(speed), speed


def test_zh_tw_pdf_words_the_notes_and_the_json_stays_english(gappy, tmp_path: Path) -> None:
    report = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    report["kinematics"]["overall"] = _stored(gappy["missing"].to_dict())
    report["kinematics"]["clips"][0] = _stored(dict(gappy["arm"].to_dict(), index=0))
    report["gait"] = _stored({**gait_parameters(gappy["walk"].skeleton).to_dict(), "test": "tandem-walk"})
    stored = copy.deepcopy(report)
    flat = re.sub(r"\s+", "", pdf_text(build_pdf(report, tmp_path / "zh.pdf", language="zh-TW")))
    assert "軀幹搖晃：此區段只有0%的影格有關節或身高資料" in flat
    assert "左手臂外展：此區段只有" in flat and "步伐：腳踝訊號有1處中斷" in flat
    assert "jointsorbodyheight" not in flat and "gapintheankle" not in flat
    assert "片段5：footplacement:2stancephasesinthespan(needs3)" in flat  # the example's note, stored before wording
    assert report == stored
    english = re.sub(r"\s+", "", pdf_text(build_pdf(report, tmp_path / "en.pdf")))
    assert "trunksway:jointsorbodyheightinonly0%" in english and "軀幹" not in english


def _card(recipe: WindowRecipe | None) -> ModelCard:
    return ModelCard(name="m", version="1", architecture=ModelCard.architecture_of(SkateFormerConfig.ntu_sarcopenia()),
                     input=InputSpec(), training_data={"description": "random weights", "synthetic": True},
                     window_recipe=recipe)


@pytest.mark.parametrize("recipe", [default_recipe(), published_recipe(), span_recipe(3.0)])
def test_window_recipe_sentence_in_chinese(recipe: WindowRecipe) -> None:
    entry = _stored(_recipe_entry(_card(recipe), AnalysisSettings(stride=8)))
    assert entry["description"].startswith("Windows: ") and entry["description"] in entry["wording"]
    english = recipe_sentence({"window_recipe": entry})
    assert english == entry["description"].rstrip(".") + ", as recorded in the model card."
    with language("zh-TW"):
        words = recipe_sentence({"window_recipe": entry})
    assert words.startswith("視窗：") and "64 個影格" in words and "每 8 個影格開始一個新視窗" in words, words
    assert _chinese(words), words


def test_recipe_counts_take_their_plural_form_and_older_entries_keep_their_text() -> None:
    one = WindowRecipe(stride=1).describe(30.0)
    assert isinstance(one, Said) and "every 1 frame (" in one
    assert "every 8 frames (" in default_recipe().describe(30.0)
    entry = _stored(_recipe_entry(_card(None), AnalysisSettings(stride=8)))  # no recipe in the card
    with language("zh-TW"):
        assert recipe_sentence({"window_recipe": entry}).endswith("因此採用 GaitScreen 的預設值。")
        old = {k: v for k, v in entry.items() if k != "wording"}  # stored before the wording
        assert recipe_sentence({"window_recipe": old}).startswith("Windows: 64 consecutive frames")


def test_a_counted_note_picks_the_form_and_a_broken_template_falls_back() -> None:
    note = say_n("{n} thing", "{n} things", "n", n=np.int64(2))
    assert note == "2 things" and note.entry["values"]["n"] == 2 and type(note.entry["values"]["n"]) is int
    broken = {str(note): {**note.entry, "plural": "{n} things {missing}"}}
    assert stored_text(note, broken) == "2 things"  # a template the values cannot fill: the stored sentence


def test_cohort_notes_are_stored_with_their_wording() -> None:
    stats = cohort_statistics([0.2, 0.7], ["mostly stable", "mostly unstable"], [False, True],
                              rate_rule="non-overlapping").to_dict()
    rule = "R and the risk groups count non-overlapping windows (the study's evaluation rule)."
    assert rule in stats["notes"] and stats["notes_wording"][rule]["template"] == "R and the risk groups count {rule}."
    with language("zh-TW"):
        words = [stored_text(n, stats["notes_wording"]) for n in _stored(stats)["notes"]]
    assert "R 與風險分組計入不重疊視窗（研究的評估規則）。" in words and all(CJK.search(w) for w in words), words


def test_sppb_sequence_note_is_shown_translated() -> None:
    from gaitscreen.core.assessment.sppb import score_sppb

    res = score_sppb(balance={"side_by_side": 10, "semi_tandem": 6, "tandem": 10})
    assert res.notes == ["semi-tandem stance failed: tandem not scored (sequence rule)"]
    first = score_sppb(balance={"side_by_side": 4, "semi_tandem": 10, "tandem": 10}).notes
    assert first == ["side-by-side stance failed: semi-tandem and tandem not scored (sequence rule)"]
    with language("zh-TW"):
        assert T.stored(res.notes[0]) == "半前後腳站立未通過：前後腳站立不計分（依施測順序規則）"
        assert _chinese(T.stored(first[0]))


def test_visit_report_notes_are_worded_in_the_zh_tw_visit_pdf(tmp_path: Path) -> None:
    from gaitscreen.core.assessment.visit_inputs import AnalysedTest, combine
    from gaitscreen.core.report.visit_pdf import build_visit_pdf
    from gaitscreen.core.report.visit_report import visit_report
    from visit_support import usual_walk_report

    hall = {"name": "hall", "sha256": "ef" * 32}
    tests = [AnalysedTest(k, "usual-walk", f"walk{k}.mp4", f"{k:02d}" * 32, usual_walk_report(f"{k:02d}" * 32, speed,
                                                                                              4.0, cal))
             for k, speed, cal in ((1, 0.8, hall), (2, 0.9, hall), (3, 0.7, None))]
    inputs = combine(sex="F", age=76, height_cm=158.0, manual={}, tests=tests)
    report = _stored(visit_report(inputs, patient={"id": "P-007"}, visit={"id": 1, "date": "2026-11-30"},
                                  tests=tests, created="2026-11-30T10:00:00+08:00"))
    assert "gait speed: the faster of 2 usual-pace walks" in report["notes"]
    assert f"recording 3 (walk3.mp4, sha256 {'03' * 6}): no gait speed (no floor calibration or no steady walk)" \
        in report["notes"]
    flat = re.sub(r"\s+", "", pdf_text(build_visit_pdf(report, tmp_path / "zh.pdf", language="zh-TW")))
    assert "步行速度：取2次平常速度行走中較快的一次" in flat
    assert f"錄影3（walk3.mp4，sha256{'03' * 6}）：沒有步行速度" in flat
    assert "thefasterof" not in flat and "nogaitspeed" not in flat
