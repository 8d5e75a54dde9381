"""The rate rule: non-overlapping (default) against all windows, re-scoring stored results,
and the chart, PDF and JSON telling the same story.

Probabilities are fixed by a test double, so the rule is what is under test: sequences are
built where the two rules put the patient in different risk groups.
"""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from reportlab.graphics.shapes import Circle
from reportlab.platypus import KeepTogether, Paragraph, Table

from gaitscreen.core.analysis import MOSTLY_STABLE, MOSTLY_UNSTABLE, AnalysisSettings, analyse
from gaitscreen.core.analysis.cohort import cohort_statistics
from gaitscreen.core.analysis.rate import RateRuleError, rescore
from gaitscreen.core.model import SkateFormerConfig
from gaitscreen.core.model.card import ModelCard
from gaitscreen.core.model.inputs import InputSpec
from gaitscreen.core.model.recipe import published_recipe
from gaitscreen.core.report import build_pdf, rate_text
from gaitscreen.core.report.charts import COUNTED_RING, instability_chart
from gaitscreen.core.report.details import protocol_section
from gaitscreen.core.report.method import recipe_sentence, rule_sentence
from gaitscreen.core.report.sections import result_box
from gaitscreen.core.skeleton import SkeletonSequence
from gaitscreen.core.words import counted

CONFIG = dataclasses.replace(SkateFormerConfig.ntu_sarcopenia(), num_heads=8, depths=(1, 1), channels=(16, 32))
EXAMPLE = Path(__file__).resolve().parent / "data" / "report_example.json"


class FixedScorer:
    """P(unstable) per window from a function of the window's start sample; counts its calls."""

    def __init__(self, p_of_window, recipe=None) -> None:
        self.card = ModelCard(name="fixed", version="test", architecture=ModelCard.architecture_of(CONFIG),
                              input=InputSpec.for_dims(2), training_data={"synthetic": True},
                              window_recipe=recipe)
        self.sha256 = "0" * 64
        self.p_of_window = p_of_window
        self.calls = 0

    def predict_proba(self, x, index_t, *, progress=None, should_cancel=None):
        self.calls += 1
        return np.array([self.p_of_window(k) for k in range(len(x))], float)


def walk(seconds: float, fps: float = 30.0) -> SkeletonSequence:
    t = np.arange(int(seconds * fps)) / fps
    base = np.array([[500, 500], [510, 490], [490, 490], [520, 500], [480, 500], [580, 620], [420, 620],
                     [600, 750], [400, 750], [610, 870], [390, 870], [540, 900], [460, 900], [545, 1100],
                     [455, 1100], [550, 1300], [450, 1300]], np.float32)
    joints = np.repeat(base[None], t.size, 0)
    return SkeletonSequence(joints=joints, confidence=np.full(joints.shape[:2], 0.9, np.float32), timestamps=t,
                            layout="coco17", fps=fps)


# 8 s = 240 frames: 23 windows starting 0, 8, ..., 176; non-overlapping: windows 0, 8, 16 (frames 0, 64, 128).
NON_OVERLAPPING_IDX = [0, 8, 16]


def _unstable_where_non_overlapping(k: int) -> float:
    return 0.9 if k in NON_OVERLAPPING_IDX else 0.1


def _unstable_elsewhere(k: int) -> float:
    return 0.1 if k in NON_OVERLAPPING_IDX else 0.9


def test_the_rules_disagree_about_the_risk_group() -> None:
    a = analyse(walk(8.0), FixedScorer(_unstable_where_non_overlapping)).to_dict()
    assert len(a["windows"]) == 23
    assert a["rate_rule"] == "non-overlapping" and a["rates"]["non-overlapping"]["windows"] == NON_OVERLAPPING_IDX
    assert a["instability_rate"] == 1.0 and a["risk_group"] == MOSTLY_UNSTABLE
    assert a["instability_rate_all_windows"] == pytest.approx(3 / 23)
    assert a["rates"]["all-windows"]["counted_windows"] == 23 and a["counted_windows"] == 3
    assert [k for k, w in enumerate(a["windows"]) if w["counted"]] == NON_OVERLAPPING_IDX

    b = analyse(walk(8.0), FixedScorer(_unstable_where_non_overlapping),
                AnalysisSettings(rate_rule="all-windows")).to_dict()
    assert b["rate_rule"] == "all-windows" and b["instability_rate"] == pytest.approx(3 / 23)
    assert b["risk_group"] == MOSTLY_STABLE and b["instability_rate_non_overlapping"] == 1.0
    assert b["settings"]["rate_rule"] == "all-windows" and b["settings"]["stride"] == 8

    c = analyse(walk(8.0), FixedScorer(_unstable_elsewhere)).to_dict()
    assert c["instability_rate"] == 0.0 and c["risk_group"] == MOSTLY_STABLE
    assert c["instability_rate_all_windows"] == pytest.approx(20 / 23)
    with pytest.raises(RateRuleError):
        analyse(walk(8.0), FixedScorer(_unstable_elsewhere), AnalysisSettings(rate_rule="every-other"))


def test_switching_the_rule_recomputes_without_running_the_model() -> None:
    scorer = FixedScorer(_unstable_where_non_overlapping)
    stored = json.loads(json.dumps(analyse(walk(8.0), scorer).to_dict()))  # as a study keeps it
    calls = scorer.calls
    switched = rescore(stored, "all-windows")
    assert scorer.calls == calls  # nothing ran the model
    direct = analyse(walk(8.0), FixedScorer(_unstable_where_non_overlapping),
                     AnalysisSettings(rate_rule="all-windows")).to_dict()
    for key in ("instability_rate", "rate_rule", "risk_group", "risk_reason", "unstable_windows", "counted_windows",
                "instability_rate_all_windows", "instability_rate_non_overlapping", "rates", "low_confidence"):
        assert switched[key] == direct[key], key
    assert [w["counted"] for w in switched["windows"]] == [w["counted"] for w in direct["windows"]]
    assert stored["rate_rule"] == "non-overlapping"  # the stored result keeps its rule
    back = rescore(switched, "non-overlapping")
    assert back["instability_rate"] == stored["instability_rate"] and back["risk_group"] == stored["risk_group"]


def test_a_result_resting_on_one_window_is_low_confidence() -> None:
    short = analyse(walk(3.0), FixedScorer(lambda k: 0.2)).to_dict()  # 90 frames: windows at 0..24, one counted
    assert short["counted_windows"] == 1 and short["low_confidence"] is True
    assert any(f.startswith("Low confidence") for f in short["quality"]["flags"])
    every = rescore(short, "all-windows")
    assert every["counted_windows"] == 4 and every["low_confidence"] is False
    assert not any(f.startswith("Low confidence") for f in every["quality"]["flags"])


def test_one_window_reads_singular_and_low_confidence_beside_r(qtbot) -> None:
    """'1 of 1 … window', not 'windows'; the panel marks R from one window instead of a bare red R."""
    from gaitscreen.ui.analysis_view import AnalysisView
    from gaitscreen.ui.chart_style import chart_colours

    report = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    report["screening"] = analyse(walk(3.0), FixedScorer(lambda k: 0.9)).to_dict()  # one counted window, unstable
    s = report["screening"]
    assert s["counted_windows"] == 1 and s["low_confidence"] and s["instability_rate"] == 1.0
    assert "1 of 1 non-overlapping window unstable" in s["risk_reason"]
    box = " ".join(_texts(result_box(report, 480)))
    assert "1 of 1 non-overlapping window unstable" in box and "windows unstable" not in box
    view = AnalysisView()
    qtbot.addWidget(view)
    view.show_report(report)
    assert "low confidence — one window" in view.summary.rate.text()
    assert "1 of 1 non-overlapping window unstable" in view.summary.counts.text()
    colours = chart_colours(view)
    assert colours.unstable.name() not in view.summary.rate.styleSheet()
    assert f"<small>{len(s['windows'])} windows ·" in view.legend.text()  # four overlapping windows drawn
    assert [counted(n, "window") for n in (0, 1, 2)] == ["0 windows", "1 window", "2 windows"]


def _texts(item: Any) -> list[str]:
    """Every text of a story (paragraphs, table cells, kept-together groups)."""
    if isinstance(item, (list, tuple)):
        return [t for sub in item for t in _texts(sub)]
    if isinstance(item, str):
        return [item]
    if isinstance(item, Paragraph):
        return [item.text]
    if isinstance(item, Table):
        return _texts(item._cellvalues)  # noqa: SLF001
    if isinstance(item, KeepTogether):
        return _texts(item._content)  # noqa: SLF001
    return []


def _chart_rings(windows: list[dict[str, Any]]) -> list[int]:
    """Indices of the windows the PDF chart rings: rings sit on the dots of classified windows."""
    drawing = instability_chart(windows, [], threshold=0.5, duration_s=13.0, width=480, height=190)
    circles = [c for c in drawing.contents if isinstance(c, Circle)]
    dots = [(c.cx, c.cy) for c in circles if c.fillColor is not None and c.r == 2.3 and c.cy > 10]
    classified = [k for k, w in enumerate(windows) if w["p_unstable"] is not None]
    assert len(dots) == len(classified)
    rings = {(c.cx, c.cy) for c in circles if c.fillColor is None and c.r == COUNTED_RING}
    return [k for k, dot in zip(classified, dots) if dot in rings]


@pytest.mark.parametrize("rule", ["non-overlapping", "all-windows"])
def test_chart_pdf_and_json_agree_for_the_same_rule(rule: str, qtbot, tmp_path: Path) -> None:
    from gaitscreen.ui.analysis_view import AnalysisView

    report = json.loads(EXAMPLE.read_text(encoding="utf-8"))  # stored before the rule was recorded
    report["screening"] = rescore(report["screening"], rule)
    s = report["screening"]
    counted = [k for k, w in enumerate(s["windows"]) if w["counted"]]
    picked = [k for k in s["rates"][rule]["windows"] if s["windows"][k]["p_unstable"] is not None]
    assert counted == picked and len(counted) == s["counted_windows"]
    if rule == "non-overlapping":
        assert counted == [0, 8]  # 4.27-s windows: 0-4.27 s, then 4.27-8.53 s
    # PDF: the chart rings exactly those windows; the result box and the method say the same R and rule.
    assert _chart_rings(s["windows"]) == counted
    box = " ".join(_texts(result_box(report, 480)))
    assert rate_text(s["instability_rate"]) in box
    assert f"{s['unstable_windows']} of {s['counted_windows']} {rule} windows unstable" in box
    method = " ".join(_texts(protocol_section(report, 480)))
    assert rule_sentence(s) in method and recipe_sentence(s) in method
    assert build_pdf(report, tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    # The Analysis tab: the same windows drawn as counted, the same numbers.
    view = AnalysisView()
    qtbot.addWidget(view)
    view.show_report(report)
    assert view.shown_rule() == rule and view.chart.counted_points() == counted
    assert f"{s['unstable_windows']} of {s['counted_windows']} {rule} windows unstable" in view.summary.counts.text()
    assert view.summary.rate.text() == f"R = {rate_text(s['instability_rate'])}"


def test_the_analysis_tab_switches_the_rule_from_stored_probabilities(qtbot) -> None:
    from gaitscreen.ui.analysis_view import AnalysisView

    report = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    report["screening"] = rescore(report["screening"], "non-overlapping")
    stored = copy.deepcopy(report)
    view = AnalysisView()
    qtbot.addWidget(view)
    view.show_report(report)
    assert view.summary.rate.text() == "R = 50 %" and view.chart.counted_points() == [0, 8]
    view.rule.setCurrentIndex(view.rule.findData("all-windows"))
    shown = view.report["screening"]
    assert shown["rate_rule"] == "all-windows" and view.summary.rate.text() == "R = 60 %"  # 9 of 15
    assert view.chart.counted_points() == [k for k, w in enumerate(shown["windows"]) if w["p_unstable"] is not None]
    assert "re-computed from the stored window probabilities" in view.rule_note.text()
    assert report == stored  # the stored analysis keeps its rule
    view.rule.setCurrentIndex(view.rule.findData("non-overlapping"))
    assert view.summary.rate.text() == "R = 50 %" and view.rule_note.text() == ""


def test_stored_analyses_keep_their_rule(qtbot, tmp_path: Path) -> None:
    from annotation_study import make_study

    from gaitscreen.ui.analysis_view import AnalysisView

    report = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    report["screening"] = rescore(report["screening"], "all-windows")
    study = make_study(tmp_path / "study", patients=1, recordings=1, duration_s=12.5)
    try:
        (rec,) = study.recordings()
        report["recording"]["sha256"] = rec.sha256
        study.save_analysis(rec.id, study.active_model().id, report)
        again = study.load_report(study.analysis(rec.id))
        assert again["screening"]["rate_rule"] == "all-windows"
        view = AnalysisView()
        qtbot.addWidget(view)
        view.set_study(study)
        view.show_recording(rec.id)
        assert view.shown_rule() == "all-windows" and view.summary.rate.text() == "R = 60 %"
    finally:
        study.close()


def test_an_old_card_keeps_todays_windows_and_the_report_says_so() -> None:
    old = analyse(walk(4.8), FixedScorer(lambda k: 0.3)).to_dict()  # 144 frames
    assert old["window_recipe"]["recorded"] is False and old["window_recipe"]["index"] == "per-window"
    sentence = recipe_sentence(old)
    assert "not recorded in the model card" in sentence and "GaitScreen's default" in sentence
    report = {"screening": old, "protocol": {}, "recording": {}}
    assert sentence in " ".join(_texts(protocol_section(report, 480)))
    recorded = analyse(walk(4.8), FixedScorer(lambda k: 0.3, recipe=published_recipe())).to_dict()
    assert recorded["window_recipe"]["recorded"] is True and recorded["window_recipe"]["starts"] == "published"
    assert "as recorded in the model card" in recipe_sentence(recorded)
    assert len(old["windows"]) == len(range(0, 144 - 64 + 1, 8)) == 11  # a start at T - 64 = 80 included
    assert len(recorded["windows"]) == len(range(0, 144 - 64, 8)) == 10  # the published rule leaves it out


def test_cohort_statistics_name_the_rule() -> None:
    stats = cohort_statistics([0.0, 1.0, 0.2, 0.8], [MOSTLY_STABLE, MOSTLY_UNSTABLE, MOSTLY_STABLE, MOSTLY_UNSTABLE],
                              [False, True, False, True], rate_rule="non-overlapping")
    assert stats.to_dict()["rate_rule"] == "non-overlapping"
    assert any("non-overlapping windows" in n for n in stats.notes)


def test_the_app_preference_chooses_the_rule_for_new_analyses(qtbot, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMenu

    from gaitscreen.ui.rate_rule_pref import KEY, add_rate_rule_menu, preferred_rule

    settings = QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)
    assert preferred_rule(settings) == "non-overlapping"  # the study's rule by default
    menu = QMenu()
    actions = add_rate_rule_menu(menu, settings)
    assert actions["non-overlapping"].isChecked() and not actions["all-windows"].isChecked()
    actions["all-windows"].setChecked(True)
    assert settings.value(KEY) == "all-windows" and preferred_rule(settings) == "all-windows"
    assert not actions["non-overlapping"].isChecked()  # exclusive
    settings.setValue(KEY, "bogus")
    assert preferred_rule(settings) == "non-overlapping"
