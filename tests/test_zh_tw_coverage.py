"""Issue 19: no English left in a zh-TW screen, report or CLI line except names of models and files,
units and fixed abbreviations (tests/zh_scan_support.py says what is allowed and why).

One real main window in zh-TW over a study with an analysed tandem walk, an analysed usual walk, a
chair stand, a balance recording and a visit; each recording shown on each panel; the dialogs that
open without a modal loop; the zh-TW PDFs (screening, visit, chair stand, balance) read back with
pypdf; and the CLI's one-line results and errors with ``--lang zh-TW``. Each test reports every leak
at once. A leak in text owned by work in progress elsewhere is listed in :data:`PENDING` with its
owner; a pending pattern that no longer matches anything fails too, so the list only shrinks.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from zh_scan_support import Seen, leaks, visible_texts

pytest.importorskip("pytestqt")

EXAMPLE = Path(__file__).resolve().parent / "data" / "report_example.json"

#: Data this test enters, shown back as entered (names of people, devices, places): not language.
DATA_WORDS = {"alice", "Jamar", "InBody", "tape", "stopwatch", "Room", "hall", "tester", "demo"}

#: Leaks in text owned by other work now in progress: regular expression (searched in
#: "where :: text") → owner and reason. Each must still match something (the list only shrinks).
PENDING: dict[str, str] = {}


def _assert_clean(seen: list[Seen], names: set[str] = frozenset()) -> set[str]:
    found, used = leaks(seen, PENDING, DATA_WORDS, names)
    assert not found, "English left in zh-TW text ({n}):\n".format(n=len(found)) + "\n".join(found)
    return used


def _zh_study(folder: Path):
    """The visit study (usual walk, chair stand, balance, a visit) plus an analysed tandem walk and a
    second visit (so two can be compared)."""
    from annotation_study import synthetic_pose_run, tiny_video
    from visit_support import visit_study

    from gaitscreen.app.analyse import analyse_recording

    study, visit_id = visit_study(folder)
    patient_id = study.visit(visit_id).patient_id
    rec = study.import_video(patient_id, tiny_video(folder.parent / "tandem.mp4", 9), protocol="tandem-walk").recording
    study.save_pose(rec.id, synthetic_pose_run(9, 12.5, unstable_events=1))
    analyse_recording(study, rec.id)  # the active model's real analysis of the stored pose
    second = study.add_visit(patient_id, "2027-05-30", time="10:00", operator="alice")
    from visit_support import MANUAL

    study.set_measurements(second.id, {**MANUAL, "calf_circumference_cm": {"value": 31.0, "source": "tape"}})
    return study, patient_id, [visit_id, second.id]


def test_zh_tw_screens_and_dialogs(qtbot, qapp, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from gaitscreen.engine import Engine
    from gaitscreen.ui import messages
    from gaitscreen.ui.agreement_view import AgreementView
    from gaitscreen.ui.language_pref import install_language
    from gaitscreen.ui.main_window import MainWindow
    from gaitscreen.ui.patient_dialog import PatientDialog
    from gaitscreen.ui.setups_dialog import SetupsDialog
    from gaitscreen.ui.train_dialog import TrainDialog
    from gaitscreen.ui.visit_compare import VisitCompareDialog
    from gaitscreen.ui.visit_dialog import VisitDialog, VisitsDialog

    monkeypatch.setenv("GAITSCREEN_SETTINGS_DIR", str(tmp_path / "settings"))
    study, patient_id, visits = _zh_study(tmp_path / "s1")
    recordings = [r.id for r in study.recordings()]
    names = {m.name for m in study.models()}
    study.close()
    assert install_language(qapp, "zh_TW") == "zh_TW"
    engine = Engine(detect_device=False)
    seen: list[Seen] = []
    settings = QSettings(str(tmp_path / "gaitscreen.ini"), QSettings.Format.IniFormat)
    try:
        with messages.capture(answer=False) as shown:
            window = MainWindow(engine, settings=settings, study_folder=tmp_path / "s1")
            qtbot.addWidget(window)
            window.show()
            qtbot.waitExposed(window)
            window.navigator.select_patient(patient_id)
            seen += visible_texts(window, "main window (patient)")
            for rec_id in recordings:
                assert window.navigator.select_recording(rec_id)
                for index in range(window.panels.count()):
                    window.panels.setCurrentIndex(index)
                    qtbot.wait(5)
                    where = "recording {r} / {tab}".format(r=rec_id, tab=window.panels.tabText(index))
                    seen += visible_texts(window, where)
                    for dock in window.findChildren(type(window.panels_dock)):
                        if dock.isVisible() and dock.isFloating():
                            seen += visible_texts(dock, where + " dock")
            s = window.study
            dialogs = [PatientDialog(window, s.patient(patient_id), existing_codes=[]),
                       VisitDialog(window, s, patient_id, visits[0]),
                       VisitsDialog(window, s, patient_id, lambda d: False),
                       VisitCompareDialog(window, s, visits[0], visits[1]),
                       AgreementView(s, blinded=False),
                       SetupsDialog(window, s),
                       TrainDialog(engine, s, parent=window)]
            for dialog in dialogs:
                qtbot.addWidget(dialog)
                dialog.show()
                qtbot.wait(5)
                seen += visible_texts(dialog, type(dialog).__name__)
                dialog.close()
            seen += [Seen("message " + m.kind, t) for m in shown for t in (m.title, m.text)]
            window.close()
    finally:
        assert engine.shutdown(timeout_s=30.0)
        install_language(qapp, "en")
    for item in seen:
        print(item.where, "::", repr(item.text)[:200])
    _assert_clean(seen, names)
