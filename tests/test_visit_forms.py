"""The visit form (Qt-free parsing, checking and saving) and the app's visit dialogs."""

from __future__ import annotations

from pathlib import Path

import pytest

from gaitscreen.core.errors import AssessmentInputError
from gaitscreen.storage import Study, StudyError
from gaitscreen.app.visit_forms import NUMBER_FIELDS, form_of_visit, measurements_from_form, save_visit_form
from gaitscreen.core.assessment import assess_visit

FORM = {"date": "2026-11-30", "time": "09:30", "operator": "alice", "notes": "", "dynamometer": "Jamar",
        "grip_right_kg": "16.5, 17", "grip_left_kg": "15", "calf_cm": "32", "asm_kg": "13", "asm_method": "BIA",
        "asm_device": "InBody 270", "height_cm": "", "chair_stand_s": "14.2", "sppb_score": "",
        **{f"sarc_f_{k}": v for k, v in (("strength", "1"), ("assistance_walking", "1"), ("rise_from_chair", "1"),
                                         ("climb_stairs", "1"), ("falls", "0"))}}


@pytest.fixture
def study(tmp_path: Path):
    with Study.open(tmp_path / "s", user="alice") as s:
        s.add_patient("P-1", sex="F", birth_year=1950, height_cm=158.0)
        yield s


def test_form_to_measurements() -> None:
    m = measurements_from_form(FORM)
    assert m["handgrip"] == {"dynamometer": "Jamar", "right_kg": [16.5, 17.0], "left_kg": [15.0]}
    assert m["calf_circumference_cm"]["value"] == 32.0 and m["height_cm"] is None and m["sppb_score"] is None
    assert m["sarc_f"]["falls"] == 0 and m["asm"] == {"kg": 13.0, "method": "BIA", "source": "InBody 270"}


def test_save_and_reload_a_visit(study: Study) -> None:
    visit = save_visit_form(study, 1, FORM)
    assert study.visit_measures(visit.id).handgrip_kg.value == 17.0
    back = form_of_visit(study, visit.id)
    assert {k: back[k] for k in FORM} == {**FORM, "grip_right_kg": "16.5, 17"}
    edited = save_visit_form(study, 1, {**back, "calf_cm": "", "sppb_score": "9"}, visit.id)
    kinds = {m.kind for m in study.measurements(edited.id)}
    assert "calf_circumference_cm" not in kinds and "sppb_score" in kinds
    (row,) = study.visits(1)
    assert (row.date, len(study.measurements(row.id)), len(study.visit_recordings(row.id))) == \
        ("2026-11-30", len(kinds), 0)
    conclusion = assess_visit(study.visit_measures(row.id))["assessments"]["AWGS 2019"]["conclusion"]
    assert conclusion == "severe sarcopenia"  # grip 17 < 18, SPPB 9 <= 9, ASM/h² 5.21 < 5.7


@pytest.mark.parametrize("change, error, words", [
    ({"grip_right_kg": "300"}, AssessmentInputError, "outside 0-100 kg"),
    ({"calf_cm": "-3"}, AssessmentInputError, "calf circumference"),
    ({"calf_cm": "thirty"}, AssessmentInputError, "not a number"),
    ({"sarc_f_falls": ""}, AssessmentInputError, "answer falls too"),
    ({"dynamometer": ""}, AssessmentInputError, "dynamometer"),
    ({"date": "30/11/2026"}, StudyError, "YYYY-MM-DD"),
])
def test_a_bad_form_stores_nothing(study: Study, change: dict, error: type, words: str) -> None:
    audit = len(study.audit())
    with pytest.raises(error, match=words):
        save_visit_form(study, 1, {**FORM, **change})
    assert study.visits(1) == [] and len(study.audit()) == audit


def test_visit_dialogs(qtbot, study: Study) -> None:
    pytest.importorskip("pytestqt")
    from gaitscreen.ui.visit_dialog import VisitDialog, VisitsDialog

    def fill(dialog) -> bool:
        dialog.set_form({**FORM, "grip_right_kg": "300"})
        dialog.accept()  # refused: the error is shown, the dialog stays open, nothing stored
        assert dialog.error.isVisibleTo(dialog) and "300" in dialog.error.text() and study.visits(1) == []
        dialog.fields["grip_right_kg"].setText("17")
        dialog.accept()
        return dialog.saved is not None

    visits = VisitsDialog(None, study, 1, fill)
    qtbot.addWidget(visits)
    assert visits.table.rowCount() == 0
    visits.new_button.click()
    assert visits.table.rowCount() == 1 and visits.table.item(0, 0).text() == "2026-11-30"
    from gaitscreen.app.visit_compare import TREND_KEYS
    assert visits.table.item(0, TREND_KEYS.index("awgs")).text() == "severe sarcopenia"
    assert visits.table.item(0, TREND_KEYS.index("grip_kg")).text() == "17.0 kg"
    visits.table.selectRow(0)
    assert visits.compare() is None and "exactly two" in visits.hint.text()
    edit = VisitDialog(None, study, 1, visits.current_visit_id())
    qtbot.addWidget(edit)
    assert edit.form()["grip_right_kg"] == "17" and edit.form()["sarc_f_falls"] == "0"


def test_the_number_fields_are_labelled_through_qt_translation(qtbot, study: Study) -> None:
    """Every number field has a tr() label in the dialog (the English field names only word errors)."""
    pytest.importorskip("pytestqt")
    from PySide6.QtWidgets import QFormLayout, QLabel

    from gaitscreen.ui.visit_dialog import VisitDialog

    dialog = VisitDialog(None, study, 1)
    qtbot.addWidget(dialog)
    labels = dialog.number_labels()
    assert set(labels) == set(NUMBER_FIELDS)
    form = dialog.findChild(QFormLayout)
    shown = {form.labelForField(dialog.fields[key]).text() for key in NUMBER_FIELDS
             if isinstance(form.labelForField(dialog.fields[key]), QLabel)}
    assert shown == set(labels.values())


def test_patient_menu_opens_the_visits(qtbot, tmp_path: Path, monkeypatch) -> None:
    pytest.importorskip("pytestqt")
    from gaitscreen.engine import Engine
    from gaitscreen.ui import messages
    from gaitscreen.ui.main_window import MainWindow
    from gaitscreen.ui.visit_dialog import VisitsDialog

    monkeypatch.setenv("GAITSCREEN_SETTINGS_DIR", str(tmp_path / "settings"))
    folder = tmp_path / "study"
    with Study.open(folder) as s:
        s.add_patient("P-9", sex="M")
    engine = Engine(detect_device=False)
    with messages.capture(answer=False):
        window = MainWindow(engine, study_folder=folder)
        qtbot.addWidget(window)
        opened = []
        window.run_dialog = lambda d: opened.append(d) or False
        action = next(a for m in window.menuBar().actions() if m.text() == "&Patient"
                      for a in m.menu().actions() if a.text().startswith("&Visits"))
        window.navigator.select_patient(window.study.patients()[0].id)
        action.trigger()
        assert len(opened) == 1 and isinstance(opened[0], VisitsDialog)
        assert opened[0].windowTitle() == "Visits of P-9" and opened[0].new_button.isEnabled()
        window.close()
    assert engine.shutdown(timeout_s=30.0)


def test_two_visits_compared_side_by_side_in_the_dialog(qtbot, study: Study) -> None:
    pytest.importorskip("pytestqt")
    from gaitscreen.ui.visit_dialog import VisitsDialog

    first = save_visit_form(study, 1, {**FORM, "date": "2026-05-01", "grip_right_kg": "15"})
    second = save_visit_form(study, 1, {**FORM, "date": "2026-11-01", "time": "14:30", "grip_right_kg": "19"})
    shown = []
    visits = VisitsDialog(None, study, 1, lambda d: shown.append(d) or False)
    qtbot.addWidget(visits)
    assert [r["id"] for r in visits.rows] == [first.id, second.id] and visits.table.item(1, 1).text() == "14:30"
    visits.table.selectAll()
    dialog = visits.compare()
    assert shown == [dialog]
    grip = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == "Grip strength, best")
    cells = [dialog.table.item(grip, c).text() for c in range(4)]
    assert cells[1:] == ["15.0 kg", "19.0 kg", "+4 kg"]


def test_the_visit_report_is_written_in_the_chosen_language(qtbot, study: Study, tmp_path: Path,
                                                             monkeypatch) -> None:
    """An English app writes a Chinese visit report (the app stays English); the choice is remembered per study."""
    pytest.importorskip("pytestqt")
    import re

    from gaitscreen.core.i18n import current_language
    from PySide6.QtCore import QSettings

    from gaitscreen.ui import visit_dialog
    from pdf_text import pdf_text

    save_visit_form(study, 1, FORM)
    target = tmp_path / "out" / "visit.pdf"
    asked: list[str] = []
    monkeypatch.setattr(visit_dialog, "choose_visit_pdf", lambda parent, suggested: asked.append(suggested)
                        or str(target))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    visits = visit_dialog.VisitsDialog(None, study, 1, lambda d: False, settings=settings)
    qtbot.addWidget(visits)
    assert visits.export_visit_report() is None and "Select a visit" in visits.hint.text()
    visits.table.selectRow(0)
    assert visits.language.language() == "en"  # the app's language
    visits.language.choose("zh-TW")
    assert visits.export_visit_report() == target
    assert Path(asked[0]).name == "P-1_visit_2026-11-30_1.pdf" and Path(asked[0]).parent == study.folder / "reports"
    text = re.sub(r"\s+", "", pdf_text(target))
    assert "就診報告：肌少症評估" in text and "握力" in text and "Conclusions" not in text
    assert current_language() == "en" and "Saved" in visits.hint.text()
    again = visit_dialog.VisitsDialog(None, study, 1, lambda d: False, settings=settings)  # remembered for the study
    qtbot.addWidget(again)
    assert again.language.language() == "zh-TW"


@pytest.mark.parametrize("change, words", [
    ({"calf_cm": "thirty"}, "小腿圍：'thirty' 不是數字。"),
    ({"height_cm": "150, 151"}, "就診時身高：請只輸入一個數字"),
    ({"sarc_f_falls": ""}, "請同時回答跌倒"),
])
def test_form_errors_in_the_users_language(change: dict, words: str) -> None:
    from gaitscreen.core.i18n import language

    with language("zh-TW"), pytest.raises(AssessmentInputError) as err:
        measurements_from_form({**FORM, **change})
    assert words in str(err.value)
