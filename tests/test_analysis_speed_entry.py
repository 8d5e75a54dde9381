"""Item 10: the gait values fit the Analysis tab, and the walkway length can be entered where the speed is missing."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from gaitscreen.app.analysis_data import enter_walkway
from gaitscreen.core.analysis.gait import with_walkway
from gaitscreen.core.errors import GaitScreenError
from gaitscreen.storage import Study
from gaitscreen.ui.analysis_view import AnalysisView

sys.path.insert(0, str(Path(__file__).resolve().parent))
from annotation_study import make_study  # noqa: E402

EXAMPLE = Path(__file__).resolve().parent / "data" / "report_example.json"


@pytest.fixture()
def analysed(tmp_path):
    study = make_study(tmp_path / "study", patients=1, recordings=1, duration_s=12.5)
    rec = study.recordings()[0]
    report = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    report["recording"]["sha256"] = rec.sha256
    assert report["gait"]["speed_m_per_s"] is None  # the example was analysed without a walkway length
    study.save_analysis(rec.id, study.active_model().id, report)
    yield study, rec.id, report
    study.close()


def test_with_walkway_uses_the_stored_walk_bounds():
    gait = {"duration_s": 12.0, "walk_start_s": 1.0, "walk_end_s": 9.0, "test": "tandem-walk",
            "notes": ["speed: unavailable without a scale; give the walkway length", "other note"]}
    out = with_walkway(gait, 4.0)
    assert out["speed_m_per_s"] == pytest.approx(0.5) and out["walkway_m"] == 4.0 and out["test"] == "tandem-walk"
    assert out["notes"] == ["other note"]
    with pytest.raises(GaitScreenError, match="Walkway length"):
        with_walkway(gait, -1)


def test_gait_values_fit_the_default_width(qtbot, analysed):
    study, rec_id, _ = analysed
    view = AnalysisView()
    qtbot.addWidget(view)
    view.resize(440, 800)  # the main window's right dock at its default size (1400 x 860, dock 440)
    view.show()
    qtbot.waitExposed(view)
    view.set_study(study)
    view.show_recording(rec_id)
    table = view.summary.gait
    assert table is not None
    assert table.horizontalHeader().length() <= table.viewport().width()  # no column cut off
    assert not table.horizontalScrollBar().isVisible()
    values = [table.item(r, 1).text() for r in range(table.rowCount())]
    assert "not available (see below)" in values
    assert view.summary.speed_entry is not None and "walkway length" in view.summary.speed_entry.reason.text()


def test_entering_the_walkway_stores_it_and_shows_the_speed(qtbot, analysed):
    study, rec_id, report = analysed
    view = AnalysisView()
    qtbot.addWidget(view)
    view.set_study(study)
    view.show_recording(rec_id)
    before = study.analysis(rec_id).id
    entry = view.summary.speed_entry
    entry.metres.setValue(6.0)
    entry.button.click()
    assert study.walkway(rec_id) == 6.0
    latest = study.analysis(rec_id)
    assert latest.id != before
    gait = study.load_report(latest)["gait"]
    expected = 6.0 / (report["gait"]["walk_end_s"] - report["gait"]["walk_start_s"])
    assert gait["speed_m_per_s"] == pytest.approx(expected)
    assert any(e.action == "recording.walkway" and e.after == {"walkway_m": 6.0} for e in study.audit())
    values = [view.summary.gait.item(r, 1).text() for r in range(view.summary.gait.rowCount())]
    assert f"{expected:.2f} m/s over 6.0 m" in values and view.summary.speed_entry is None
    with Study.open(study.folder, read_only=True) as other:  # on disk
        assert other.walkway(rec_id) == 6.0


def test_a_recording_without_analysis_refuses_a_walkway(tmp_path):
    with make_study(tmp_path / "s", patients=1, recordings=1) as study:
        rec = study.recordings()[0].id
        with pytest.raises(GaitScreenError, match="no analysis yet"):
            enter_walkway(study, rec, 5.0)
        assert study.walkway(rec) is None
