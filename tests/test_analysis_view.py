"""The Analysis tab: chart of P(unstable) per window, seeking, cursor, summary, trend, study loading."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from gaitscreen.core.analysis.wording import SYNTHETIC_MODEL_WARNING, plain_result, report_plain_result
from gaitscreen.app.analysis_data import DISAGREE, consensus_labels
from gaitscreen.ui.analysis_view import NOT_ANALYSED, AnalysisView

EXAMPLE = Path(__file__).resolve().parent / "data" / "report_example.json"


@pytest.fixture()
def report() -> dict[str, Any]:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


@pytest.fixture()
def view(qtbot) -> AnalysisView:
    widget = AnalysisView()
    qtbot.addWidget(widget)
    widget.resize(1100, 650)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


class FakePlayer(QObject):
    """The player's contract: ``frame_changed(int, float)`` and ``seek_time(s)``."""

    frame_changed = Signal(int, float)

    def __init__(self) -> None:
        super().__init__()
        self.seeks: list[float] = []

    def seek_time(self, time_s: float) -> None:
        self.seeks.append(time_s)


def _centres(report: dict[str, Any]) -> list[float]:
    return [(w["start_s"] + w["end_s"]) / 2 for w in report["screening"]["windows"]]


def test_one_point_per_window(view: AnalysisView, report: dict[str, Any]) -> None:
    view.show_report(report)
    windows = report["screening"]["windows"]
    assert view.showing_chart()
    assert view.chart.point_count() == len(windows) == 16
    xs = sorted(float(p.pos().x()) for p in view.chart.scatter.points())
    assert xs == pytest.approx(sorted(_centres(report)))
    ys = {round(float(p.pos().x()), 4): float(p.pos().y()) for p in view.chart.scatter.points()}
    assert ys[round(_centres(report)[4], 4)] == pytest.approx(0.8586)
    assert ys[round(_centres(report)[3], 4)] == 0.0  # the window without a classification sits on zero
    assert view.chart.threshold_line.value() == pytest.approx(0.5)
    unstable = sum(1 for w in windows if w["p_unstable"] is not None and w["p_unstable"] > 0.5)
    assert len(view.chart.shading.opts["x0"]) == unstable == 9
    fewer = copy.deepcopy(report)
    fewer["screening"]["windows"] = fewer["screening"]["windows"][:5]
    view.show_report(fewer)
    assert view.chart.point_count() == 5


def test_clicking_the_chart_seeks_the_player(view: AnalysisView, report: dict[str, Any], qtbot) -> None:
    view.show_report(report)
    player = FakePlayer()
    view.connect_player(player)
    target = view.chart.view_to_widget(6.0, 0.3).toPoint()
    with qtbot.waitSignal(view.seek_requested, timeout=2000) as blocker:
        QTest.mouseClick(view.chart.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, target)
    seconds_per_pixel = view.chart.duration / view.chart.getPlotItem().vb.width()
    assert blocker.args[0] == pytest.approx(6.0, abs=2 * seconds_per_pixel + 1e-6)
    assert player.seeks == [blocker.args[0]]
    # A click on the axis (outside the plot area) does not seek.
    outside = view.chart.view_to_widget(6.0, 0.3).toPoint()
    outside.setY(view.chart.viewport().height() - 3)
    QTest.mouseClick(view.chart.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, outside)
    assert len(player.seeks) == 1


def test_player_time_moves_the_cursor_and_highlights_the_window(view: AnalysisView, report: dict[str, Any]) -> None:
    view.show_report(report)
    player = FakePlayer()
    view.connect_player(player)
    player.frame_changed.emit(150, 5.0)
    windows = report["screening"]["windows"]
    holding = [i for i, w in enumerate(windows) if w["start_s"] <= 5.0 <= w["end_s"]]
    assert holding == [2, 3, 4, 5, 6, 7, 8, 9]
    assert view.chart.highlighted == holding
    assert view.chart.current_window == 5  # centre 4.8 s is the nearest
    assert view.chart.cursor.value() == pytest.approx(5.0) and view.chart.cursor.isVisible()
    assert view.chart.region.getRegion() == pytest.approx((windows[5]["start_s"], windows[5]["end_s"]))
    assert len(view.chart.rings.data) == len(holding)
    view.set_cursor_time(0.2)
    assert view.chart.highlighted == [0] and view.chart.current_window == 0
    view.set_cursor_time(12.35)  # after the last window ended
    assert view.chart.highlighted == [] and view.chart.current_window is None
    assert not view.chart.region.isVisible()


def test_unanalysed_recording_says_what_to_do(view: AnalysisView, report: dict[str, Any]) -> None:
    view.show_report(report)
    assert view.chart.isVisible()
    view.show_report(None)
    assert not view.showing_chart() and not view.chart.isVisible()
    assert view.message.isVisible() and view.message_text() == NOT_ANALYSED
    assert "Analyse (Ctrl+R)" in view.message_text()
    view.show_message("Pose estimation failed: no person in view.", action="Analyse again")
    assert view.message_text().startswith("Pose estimation failed") and view.action.isVisible()
    fired: list[bool] = []
    view.action_requested.connect(lambda: fired.append(True))
    QTest.mouseClick(view.action, Qt.MouseButton.LeftButton)
    assert fired == [True]


def test_summary_shows_result_words_measures_and_demo_warning(view: AnalysisView, report: dict[str, Any]) -> None:
    view.show_report(report)
    summary = view.summary
    assert summary.rate.text() == "R = 60 %"
    assert "Mostly unstable" in summary.group.text()
    assert summary.words.text() == report_plain_result(report).text()
    assert "unsteady in half or more of the walk" in summary.words.text()
    assert summary.warning.isVisible() and SYNTHETIC_MODEL_WARNING in summary.warning_text()
    assert "e0396672a4c0" in summary.model.text()
    assert "A second person was visible" in summary.flags.text()
    kin = summary.kinematics
    assert kin is not None and kin is summary.kinematics_tables[0]
    # measure and unit in each part, whole walk and 5 clips spread over as many parts as the width needs
    assert sum(t.columnCount() - 2 for t in summary.kinematics_tables) == 1 + 5
    QApplication.processEvents()  # the layout pass that gives the tables their width
    assert all(t.horizontalHeader().length() <= t.viewport().width() for t in summary.kinematics_tables)
    assert kin.item(0, 0).text() == "Sway, range" and kin.item(0, 2).text() == "0.087"
    gait = summary.gait
    assert gait is not None and gait.item(1, 1).text() == "75.1 steps/min"

    validated = copy.deepcopy(report)
    validated["screening"]["model"].update(synthetic_training_data=False, clinically_validated=True)
    view.show_report(validated)
    assert summary.warning_text() == "" and not summary.warning.isVisible()


def test_insufficient_data_and_stable_wording(view: AnalysisView, report: dict[str, Any]) -> None:
    s = report["screening"]
    s.update(instability_rate=None, risk_group="insufficient data", windows=[], clips=[],
             risk_reason="The patient was visible in only 34% of the walk (at least 50% needed).")
    view.show_report(report)
    assert view.summary.rate.text() == "No result"
    assert "visible in only 34%" in view.summary.words.text() and "Film the walk again" in view.summary.words.text()
    assert view.chart.point_count() == 0
    stable = plain_result("mostly stable")
    assert "steady most of the time" in stable.meaning and "does not rule out" in stable.next_step
    for group in ("mostly stable", "mostly unstable", "insufficient data", "not assessable"):
        words = plain_result(group)  # spoken to the clinician, about the patient
        assert "your" not in f"{words.meaning} {words.next_step}".lower(), group
    assert plain_result("mostly unstable").meaning.startswith("The patient's balance")


def test_consensus_strip_and_trend(view: AnalysisView, report: dict[str, Any]) -> None:
    view.show_report(report, consensus={0: "unstable", 1: "stable", 2: DISAGREE},
                     trend=[("2026-03-02T09:00:00+00:00", 0.31), ("2026-06-10", None), ("2026-11-21", 0.6)])
    ticks = [label for _, label in view.chart.getPlotItem().getAxis("left")._tickLevels[0]]
    assert "raters" in ticks
    assert view.chart.getPlotItem().viewRange()[1][0] < -0.1  # room for the strip below zero
    trend = view.summary.trend
    assert trend.plotted_count() == 2 and trend.plot.isVisible()
    assert "2026-03-02: R = 31 %" in trend.caption.text() and "2026-06-10: no result" in trend.caption.text()
    view.show_report(report, trend=[("2026-11-21", 0.6)])
    assert not trend.plot.isVisible() and "No other analysed recording" in trend.empty.text()


def test_consensus_labels_majority_and_ties() -> None:
    from types import SimpleNamespace as NS

    clips = [NS(id=10, index=0), NS(id=11, index=1), NS(id=12, index=2)]
    notes = [NS(clip_id=10, label="stable"), NS(clip_id=10, label="stable"), NS(clip_id=10, label="unstable"),
             NS(clip_id=11, label="stable"), NS(clip_id=11, label="unstable"), NS(clip_id=99, label="stable")]
    assert consensus_labels(clips, notes) == {0: "stable", 1: DISAGREE}


class FakeWindow(QObject):
    """What :func:`attach_analysis_tabs` uses of the main window."""

    study_changed = Signal(object)
    recording_changed = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.panels: dict[str, Any] = {}
        self.player = FakePlayer()
        self.study = None

    def add_panel(self, name: str, widget: Any) -> None:
        self.panels[name] = widget


def test_tabs_follow_the_window(qtbot, tmp_path: Path, report: dict[str, Any]) -> None:
    from annotation_study import make_study

    from gaitscreen.ui.analysis_tabs import attach_analysis_tabs

    study = make_study(tmp_path / "study", patients=1, recordings=1, duration_s=12.5)
    try:
        rec = study.recordings()[0]
        report["recording"]["sha256"] = rec.sha256
        study.save_analysis(rec.id, study.active_model().id, report)
        window = FakeWindow()
        analysis, panel = attach_analysis_tabs(window)
        for w in (analysis, panel):
            qtbot.addWidget(w)
        assert window.panels == {"Analysis": analysis, "Report": panel}
        window.study_changed.emit(study)
        window.recording_changed.emit(rec.id)
        assert analysis.showing_chart() and panel.report is not None and panel.analysis_id is not None
        window.player.frame_changed.emit(90, 3.0)
        assert analysis.chart.cursor_time == pytest.approx(3.0)
        analysis.chart.seek_requested.emit(7.5)
        assert window.player.seeks == [7.5]
        window.recording_changed.emit(-1)
        assert not analysis.showing_chart() and panel.report is None
    finally:
        study.close()


def test_view_reads_a_real_study(qtbot, tmp_path: Path, report: dict[str, Any]) -> None:
    from annotation_study import make_study

    study = make_study(tmp_path / "study", patients=1, recordings=2, duration_s=12.5)
    try:
        first, second = study.recordings()
        model = study.active_model()
        report["recording"]["sha256"] = first.sha256
        study.save_analysis(first.id, model.id, report)
        clips = study.clips(first.id)
        study.set_label(clips[0].id, "ann", "unstable")
        study.set_label(clips[0].id, "ben", "unstable")
        study.set_label(clips[1].id, "ann", "stable")
        view = AnalysisView()
        qtbot.addWidget(view)
        view.set_study(study)
        assert not view.showing_chart()
        view.show_recording(first.id)
        assert view.showing_chart() and view.chart.point_count() == 16
        assert view.chart._consensus == {0: "unstable", 1: "stable"}  # noqa: SLF001
        assert view.summary.trend.caption.text() == ""  # one analysed visit: nothing to compare yet
        view.show_recording(second.id)
        assert not view.showing_chart() and view.message_text() == NOT_ANALYSED
        other = copy.deepcopy(report)
        other["recording"]["sha256"] = second.sha256
        other["screening"]["instability_rate"] = 0.25
        study.save_analysis(second.id, model.id, other)
        view.refresh()
        assert view.showing_chart() and view.summary.trend.plotted_count() == 2
    finally:
        study.close()
