"""The Report tab in a study: save folder (remembered per study), open-after that says when it
fails, the operator last entered, the recordings list updated at once, and the preview's zoom."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from annotation_study import make_study
from gaitscreen.ui import report_panel
from gaitscreen.ui.navigator import StudyNavigator
from gaitscreen.ui.report_panel import ReportPanel, link_navigator

EXAMPLE = Path(__file__).resolve().parent / "data" / "report_example.json"


@pytest.fixture()
def study(tmp_path: Path):
    s = make_study(tmp_path / "study", patients=1, recordings=2, duration_s=12.5, user="os-user")
    for rec in s.recordings():
        report = json.loads(EXAMPLE.read_text(encoding="utf-8"))
        report["recording"]["sha256"] = rec.sha256
        report["patient"]["operator"] = "os-user"  # what an analysis may carry: the computer's user
        report["screening"]["model"]["sha256"] = s.active_model().sha256
        s.save_analysis(rec.id, s.active_model().id, report)
    yield s
    s.close()


@pytest.fixture()
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _panel(qtbot, settings: QSettings) -> ReportPanel:
    panel = ReportPanel(settings=settings)
    qtbot.addWidget(panel)
    panel.resize(600, 900)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def test_operator_defaults_to_the_last_one_entered_in_the_study(qtbot, study, settings, monkeypatch) -> None:
    monkeypatch.setattr(report_panel, "open_with_system_viewer", lambda path: True)
    first, second = study.recordings()
    clip = study.clips(first.id)[0]
    study.set_label(clip.id, "rater-r", "stable")  # a rater's name is no operator
    panel = _panel(qtbot, settings)
    panel.set_study(study)
    panel.show_recording(first.id)
    assert panel.operator.text() == ""  # nothing entered yet: not the OS user, not the rater
    panel.operator.setText("A. Osei")
    assert panel.export_report() is not None
    panel.show_recording(second.id)  # another recording, no report of its own yet
    assert panel.operator.text() == "A. Osei"


def test_recordings_list_shows_the_new_report_at_once(qtbot, study, settings, monkeypatch) -> None:
    monkeypatch.setattr(report_panel, "open_with_system_viewer", lambda path: True)
    rec = study.recordings()[0]
    navigator = StudyNavigator()
    qtbot.addWidget(navigator)
    navigator.set_study(study)
    navigator.select_patient(study.patients()[0].id)
    panel = _panel(qtbot, settings)
    link_navigator(panel, navigator)
    panel.set_study(study)
    panel.show_recording(rec.id)
    text = lambda: navigator.recording_item(rec.id).text().replace("\u00a0", " ")  # noqa: E731
    assert "0 reports" in text()
    panel.export_report()
    assert "1 report" in text() and "1 reports" not in text()


def test_save_folder_defaults_to_reports_and_is_remembered_per_study(qtbot, study, settings, tmp_path,
                                                                     monkeypatch) -> None:
    monkeypatch.setattr(report_panel, "open_with_system_viewer", lambda path: True)
    panel = _panel(qtbot, settings)
    panel.set_study(study)
    assert Path(panel.folder.text()) == study.folder / "reports" and panel.export_folder() is None
    chosen = tmp_path / "letters"
    chosen.mkdir()
    monkeypatch.setattr(report_panel, "choose_folder", lambda parent, start: str(chosen))
    panel.choose_folder()
    rec = study.recordings()[0]
    panel.show_recording(rec.id)
    result = panel.export_report()
    assert Path(result["pdf_path"]).parent == chosen
    assert study.report_path(study.reports(rec.id)[0]).parent == study.folder / "reports"  # the study's copy
    again = _panel(qtbot, settings)  # a new window: the folder is remembered for this study
    again.set_study(study)
    assert Path(again.folder.text()) == chosen
    other = make_study(tmp_path / "other", patients=1, recordings=0)
    try:
        again.set_study(other)
        assert Path(again.folder.text()) == other.folder / "reports"
    finally:
        other.close()


def test_open_after_export_says_when_no_viewer_opens_it(qtbot, study, settings, monkeypatch) -> None:
    opened: list[Any] = []
    monkeypatch.setattr(report_panel, "open_with_system_viewer", lambda path: opened.append(path) and False)
    panel = _panel(qtbot, settings)
    panel.set_study(study)
    panel.show_recording(study.recordings()[0].id)
    result = panel.export_report()
    assert opened == [Path(result["pdf_path"])]
    assert "could not be opened" in panel.status.text() and "Saved" in panel.status.text()


def test_preview_zooms_and_fits_the_width(qtbot, study, settings) -> None:
    panel = _panel(qtbot, settings)
    panel.set_study(study)
    panel.show_recording(study.recordings()[0].id)
    viewer = panel.viewer
    fit = viewer.pixmap().width() / viewer.pixmap().devicePixelRatio()
    assert abs(fit - viewer.viewport_width()) <= 2  # the page at the window's width
    viewer.zoom_in.click()
    zoomed = viewer.pixmap().width() / viewer.pixmap().devicePixelRatio()
    assert zoomed > fit * 1.2 and not viewer.fit_width
    viewer.zoom_out.click()
    viewer.zoom_out.click()
    assert viewer.pixmap().width() / viewer.pixmap().devicePixelRatio() < fit
    viewer.fit_button.click()
    assert viewer.fit_width and abs(viewer.pixmap().width() / viewer.pixmap().devicePixelRatio() - fit) <= 2
