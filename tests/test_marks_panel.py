"""The examiner's marks review in the app (pytest-qt, offscreen): move a mark (timeline drag, frame nudge,
typed time) or delete it → the times and SPPB points are recomputed, stored and audited."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QPoint, Qt, Signal  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QMainWindow  # noqa: E402

from annotation_study import tiny_video  # noqa: E402
from gaitscreen.core.assessment.sppb import balance_points, chair_stand_points  # noqa: E402
from gaitscreen.storage import Study  # noqa: E402
from gaitscreen.ui.marks_panel import MarksPanel, attach_marks_panel  # noqa: E402
from gaitscreen.ui.player import PlayerWidget, Timeline  # noqa: E402
from visit_support import performance_report  # noqa: E402

FPS = 30.0
TIMES = np.arange(int(60 * FPS)) / FPS


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("marks")
    return {"chair-stand": performance_report(tmp, "chair-stand", 41), "balance": performance_report(tmp, "balance", 7)}


def _stored(tmp: Path, report: dict):
    s = Study.open(tmp / "s", user="alice")
    p = s.add_patient("P-1", sex="F")
    rec = s.import_video(p.id, tiny_video(tmp / "c.mp4", 3), protocol=report["test"]).recording
    s.save_performance(rec.id, report)
    return s, rec


def _panel(qtbot, study, rec, examiner="Dr Ito") -> MarksPanel:
    panel = MarksPanel(examiner=lambda: examiner)
    qtbot.addWidget(panel)
    assert panel.show_recording(study, rec.id, TIMES)
    return panel


def _row(panel: MarksPanel, kind: str, nth: int = 0, detail: str = "") -> int:
    rows = [i for i, m in enumerate(panel.marks()) if m["kind"] == kind and (not detail or m["detail"] == detail)]
    return rows[nth]


def test_nudging_the_fifth_stand_a_frame_changes_the_time_and_points_saved_and_audited(qtbot, tmp_path, reports):
    report = reports["chair-stand"]
    before = report["chair_stand"]["time_s"]
    s, rec = _stored(tmp_path, report)
    with s:
        panel = _panel(qtbot, s, rec)
        assert panel.table.rowCount() == len(report["chair_stand"]["marks"])
        panel.select(_row(panel, "stand", 4))
        t5 = panel.marks()[panel.selected_row()]["time_s"]
        for _ in range(3):
            qtbot.mouseClick(panel.later_button, Qt.MouseButton.LeftButton)
        new = panel.report
        # a nudge steps frame by frame from the frame nearest the mark
        target = float(TIMES[int(np.argmin(np.abs(TIMES - t5))) + 3])
        assert panel.marks()[panel.selected_row()]["time_s"] == pytest.approx(target, abs=1e-4)
        moved_by = target - t5
        assert new["chair_stand"]["time_s"] == pytest.approx(before + moved_by, abs=2e-3)
        assert new["sppb"]["chair_stand_points"] == chair_stand_points(new["chair_stand"]["time_s"])
        assert f"{new['chair_stand']['time_s']:.2f}" in panel.summary.text()
        assert s.performance_report(rec.id) == new  # stored as the recording's latest analysis
        audit = [e for e in s.audit() if e.action == "performance.correct"]
        assert len(audit) == 3 and audit[0].after["examiner"] == "Dr Ito"
        assert audit[0].after["values"]["chair_stand.time_s"] == new["chair_stand"]["time_s"]
        # the moved mark is still the selected one, now found by the examiner
        assert panel.marks()[panel.selected_row()]["source"] == "examiner"
        # a typed time moves it too
        panel.time_box.setValue(panel.marks()[panel.selected_row()]["time_s"] - 1.0)
        assert panel.report["chair_stand"]["time_s"] == pytest.approx(before + moved_by - 1.0, abs=2e-3)


def test_deleting_the_tandem_end_recomputes_the_balance_points(qtbot, tmp_path, reports):
    report = reports["balance"]
    holds = report["balance"]["holds_s"]
    assert set(holds) == {"side_by_side", "semi_tandem", "tandem"}
    s, rec = _stored(tmp_path, report)
    with s:
        panel = _panel(qtbot, s, rec)
        panel.select(_row(panel, "stance_end", detail="tandem"))
        assert panel.delete_selected()
        new = panel.report
        assert "tandem" not in new["balance"]["holds_s"]
        assert new["sppb"]["balance_points"] == balance_points(holds["side_by_side"], holds["semi_tandem"], None)
        assert len(panel.marks()) == len(report["balance"]["marks"]) - 1
        assert s.audit()[0].action == "performance.correct"
        assert s.audit()[0].before["marks_removed"][0]["kind"] == "stance_end"


def test_no_examiner_name_refuses_the_edit_and_stores_nothing(qtbot, tmp_path, reports):
    s, rec = _stored(tmp_path, reports["chair-stand"])
    with s:
        panel = _panel(qtbot, s, rec, examiner="")
        panel.select(0)
        panel.nudge(1)
        assert "Rater name" in panel.error
        assert len(s.performances(rec.id)) == 1 and panel.report == reports["chair-stand"]


def test_timeline_drag_moves_a_mark_snapped_to_a_frame(qtbot):
    line = Timeline()
    qtbot.addWidget(line)
    line.resize(600, 34)
    line.set_timestamps(np.arange(300) / FPS)
    line.set_marks([2.0, 6.0])
    x = int(round(line.x_for_time(2.0)))
    with qtbot.waitSignal(line.mark_moved) as moved:
        QTest.mousePress(line, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x, 17))
        QTest.mouseMove(line, QPoint(x + 100, 17))
        QTest.mouseRelease(line, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x + 100, 17))
    index, t = moved.args
    assert index == 0 and t == pytest.approx(float(line.snapped_time(x + 100)))
    assert abs(t * FPS - round(t * FPS)) < 1e-6 and t > 2.0  # a frame time, later


class _Window(QMainWindow):
    recording_changed = Signal(int)

    def __init__(self, study) -> None:
        super().__init__()
        self.study, self.rater = study, "Dr Ito"
        self.player = PlayerWidget(self)
        self.setCentralWidget(self.player)


def test_the_window_draws_the_marks_and_a_timeline_drag_is_saved(qtbot, tmp_path, reports):
    report = reports["chair-stand"]
    s, rec = _stored(tmp_path, report)
    with s:
        window = _Window(s)
        qtbot.addWidget(window)
        panel = attach_marks_panel(window)
        window.player.timeline.set_timestamps(TIMES)
        window.recording_changed.emit(rec.id)
        assert not panel.dock.isHidden()
        assert window.player.timeline.marks == pytest.approx(panel.mark_times())
        fifth = _row(panel, "stand", 4)
        window.player.timeline.mark_moved.emit(fifth, panel.mark_times()[fifth] + 0.5)
        assert panel.report["chair_stand"]["time_s"] == pytest.approx(report["chair_stand"]["time_s"] + 0.5, abs=2e-3)
        assert window.player.timeline.marks == pytest.approx(panel.mark_times())
        assert s.audit()[0].action == "performance.correct"
        window.recording_changed.emit(-1)
        assert panel.dock.isHidden() and window.player.timeline.marks == []
        window.player.shutdown()


def test_export_writes_the_corrected_recordings_pdf(qtbot, tmp_path, reports):
    from pdf_text import pdf_text

    s, rec = _stored(tmp_path, reports["chair-stand"])
    with s:
        panel = _panel(qtbot, s, rec)
        panel.select(_row(panel, "stand", 4))
        panel.nudge(5)
        out = panel.export_pdf(tmp_path / "cs.pdf")
        text = pdf_text(out)
        assert "Values corrected by hand" in text and "Dr Ito" in text
        assert f"{panel.report['chair_stand']['time_s']:.2f} s" in text
        assert panel.export_pdf(tmp_path / "missing" / "x.pdf") is None and "does not exist" in panel.error
