"""The navigator's context menu: rename, delete (confirmed, to the trash) and open a past report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotation_study import make_study
from gaitscreen.core.report.export import export_to_study
from gaitscreen.ui import navigator_manage as nav_module
from gaitscreen.ui.navigator import StudyNavigator

EXAMPLE = Path(__file__).resolve().parent / "data" / "report_example.json"


@pytest.fixture()
def setup(qtbot, tmp_path: Path):
    study = make_study(tmp_path / "study", patients=2, recordings=2, duration_s=12.5)
    nav = StudyNavigator()
    qtbot.addWidget(nav)
    nav.set_study(study)
    nav.select_patient(study.patients()[0].id)
    yield study, nav
    study.close()


def _action(nav: StudyNavigator, text: str):
    return next(a for a in nav.manage_actions if a.text() == text)


def test_double_click_opens_the_latest_report(setup, monkeypatch) -> None:
    study, nav = setup
    rec = study.recordings(nav.current_patient_id())[0]
    opened: list[Path] = []
    monkeypatch.setattr(nav_module, "open_file", lambda p: opened.append(Path(p)) or True)
    assert not nav.open_report(rec.id) and "No report" in nav.empty_hint.text()
    report = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    report["recording"]["sha256"] = rec.sha256
    study.save_analysis(rec.id, study.active_model().id, report)
    result = export_to_study(study, rec.id, operator="A. Osei")
    item = nav.recording_item(rec.id)
    nav.recordings.itemDoubleClicked.emit(item)
    assert opened == [Path(result["pdf_path"])]


def test_delete_recording_asks_first_and_moves_it_to_the_trash(setup, monkeypatch) -> None:
    study, nav = setup
    rec, other = study.recordings(nav.current_patient_id())
    nav.select_recording(rec.id)
    asked: list[str] = []
    monkeypatch.setattr(nav_module, "confirm", lambda parent, title, text: asked.append(text) and False)
    _action(nav, "Delete recording…").trigger()
    assert asked and rec.original_name in asked[0] and nav.recording_ids() == [rec.id, other.id]
    monkeypatch.setattr(nav_module, "confirm", lambda parent, title, text: True)
    nav.select_recording(rec.id)
    _action(nav, "Delete recording…").trigger()
    assert nav.recording_ids() == [other.id] and "trash" in nav.message
    assert study.audit(1)[0].action == "recording.delete"


def test_rename_recording_and_patient_from_the_menu(setup, monkeypatch) -> None:
    study, nav = setup
    rec = study.recordings(nav.current_patient_id())[0]
    nav.select_recording(rec.id)
    monkeypatch.setattr(nav_module, "ask_text", lambda parent, title, label, text: "Morning walk")
    _action(nav, "Rename recording…").trigger()
    assert nav.recording_item(rec.id).text().startswith("Morning walk")
    monkeypatch.setattr(nav_module, "ask_text", lambda parent, title, label, text: "P02")
    _action(nav, "Rename patient…").trigger()
    assert "already exists" in nav.message  # refused in words, nothing changed
    monkeypatch.setattr(nav_module, "ask_text", lambda parent, title, label, text: "P-0007")
    _action(nav, "Rename patient…").trigger()
    assert "P-0007" in [study.patient(i).code for i in nav.patient_ids()]
    monkeypatch.setattr(nav_module, "confirm", lambda parent, title, text: True)
    nav.select_patient(study.patient_by_code("P-0007").id)
    _action(nav, "Delete patient…").trigger()
    assert [study.patient(i).code for i in nav.patient_ids()] == ["P02"]


def test_a_language_change_after_the_study_closed_queries_nothing(setup) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    study, nav = setup
    study.close()  # the window closed the study; the navigator still lives until Qt deletes it
    QCoreApplication.sendEvent(nav, QEvent(QEvent.Type.LanguageChange))
    assert nav.recordings_label.text() == "Recordings"
