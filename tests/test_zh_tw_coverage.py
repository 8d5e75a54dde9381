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

from zh_scan_support import Seen, leaks, sized_video, visible_texts

pytest.importorskip("pytestqt")

EXAMPLE = Path(__file__).resolve().parent / "data" / "report_example.json"

#: Data this test enters, shown back as entered (names of people, devices, places): not language.
DATA_WORDS = {"alice", "Jamar", "InBody", "tape", "stopwatch", "Room", "hall", "tester", "demo"}

#: Names in this test's data that are not words: the synthetic pose's model name and source ids, and the
#: test model's sha256 (``cd`` × 32) cut by a PDF line break.
DATA_NAMES = [re.compile(r"\bsynthetic(?= \(sha256)"), re.compile(r"\bsynthetic:[\w-]+"),
              re.compile(r"\b(?:dc|cd){2,}d?\b"),
              # the study's video file names (visit_support), which a PDF line may cut before ".mp4"
              re.compile(r"\b(?:chair-stand|balance|walk)\.mp4\b"), re.compile(r"\bchair-s\w*$")]

#: Leaks in text owned by other work now in progress, or outside this branch's files: regular expression
#: (searched in "where :: text") → owner and reason. Each must still match something (the list only shrinks).
PENDING: dict[str, str] = {}


#: The PENDING patterns that matched, per scan that ran (test_zh_tw_pending_only_shrinks reads it).
_USED: dict[str, set[str]] = {}


def _assert_clean(seen: list[Seen], names: set[str] = frozenset(), *, scan: str) -> set[str]:
    found, used = leaks(seen, PENDING, DATA_WORDS, [*names, *DATA_NAMES])
    _USED[scan] = used
    assert not found, "English left in zh-TW text ({n}):\n".format(n=len(found)) + "\n".join(found)
    return used


def _zh_study(folder: Path):
    """The visit study (usual walk, chair stand, balance, a visit) plus an analysed tandem walk and a
    second visit (so two can be compared)."""
    from annotation_study import synthetic_pose_run
    from visit_support import visit_study

    from gaitscreen.app.analyse import analyse_recording

    study, visit_id = visit_study(folder)
    patient_id = study.visit(visit_id).patient_id
    pose = synthetic_pose_run(9, 12.5, unstable_events=1)
    video = sized_video(folder.parent / "tandem.mp4", *pose.skeleton.image_size)  # the pose's picture size
    rec = study.import_video(patient_id, video, protocol="tandem-walk").recording
    study.save_pose(rec.id, pose)
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
    _assert_clean(seen, names, scan="screens")


@pytest.fixture(scope="module")
def zh_study(tmp_path_factory):
    """The study of the screens, for the PDFs and the CLI (made once)."""
    folder = tmp_path_factory.mktemp("zh") / "s1"
    study, patient_id, visits = _zh_study(folder)
    names = {m.name for m in study.models()}
    tandem = next(r for r in study.recordings() if r.protocol == "tandem-walk")
    report = study.load_report(study.analysis(tandem.id))
    study.close()
    return folder, visits, report, names


def _pdf_seen(pdf: Path, where: str) -> list[Seen]:
    from pdf_text import pdf_text

    return [Seen(f"{where} line", line) for line in pdf_text(pdf, collapse=False).splitlines()]


def test_zh_tw_pdfs(zh_study, tmp_path: Path) -> None:
    from gaitscreen.cli import main
    from gaitscreen.core.i18n import set_language
    from gaitscreen.core.report import build_pdf
    from gaitscreen.core.report.performance_pdf import write_performance_pdf
    from visit_support import performance_report

    folder, visits, report, names = zh_study
    report = {**report, "patient": {**(report.get("patient") or {}), "id": "P-001"}}
    seen = _pdf_seen(build_pdf(report, tmp_path / "screening.pdf", language="zh-TW"), "screening PDF")
    for test in ("chair-stand", "balance"):
        pdf = write_performance_pdf(performance_report(tmp_path, test, 42), tmp_path / f"{test}.pdf", language="zh-TW")
        seen += _pdf_seen(pdf, f"{test} PDF")
    try:
        assert main(["visit-report", "--study", str(folder), "--visit", str(visits[0]), "--pdf",
                     str(tmp_path / "visit.pdf"), "--lang", "zh-TW", "-q"]) == 0
    finally:
        set_language("en")
    seen += _pdf_seen(tmp_path / "visit.pdf", "visit PDF")
    _assert_clean(seen, names, scan="pdfs")


def test_zh_tw_cli_lines(zh_study, tmp_path: Path, capsys) -> None:
    from gaitscreen.cli import main
    from gaitscreen.core.i18n import set_language
    from visit_support import MANUAL, performance_report

    folder, visits, _report, names = zh_study
    performance_report(tmp_path, "chair-stand", 43)  # writes chair-stand-43.npz
    npz = tmp_path / "chair-stand-43.npz"
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"not a zip")
    visit = tmp_path / "visit.json"
    visit.write_text(json.dumps({"sex": "F", "age": 76, "height_cm": 158.0, **MANUAL}), encoding="utf-8")
    bad_visit = tmp_path / "bad.json"
    bad_visit.write_text(json.dumps({"sex": "F", "handgrip": {"dynamometer": "Jamar", "right_kg": [300]}}),
                         encoding="utf-8")
    runs = {
        "analyze chair stand": (["analyze", str(npz), "--test", "chair-stand", "--json", str(tmp_path / "c.json")], 0),
        "analyze balance": (["analyze", str(npz), "--test", "balance", "--json", str(tmp_path / "b.json")], 0),
        "analyze missing file": (["analyze", str(tmp_path / "missing.npz"), "--test", "balance", "--json",
                                  str(tmp_path / "m.json")], 2),
        "analyze bad file": (["analyze", str(broken), "--test", "balance", "--json", str(tmp_path / "x.json")], 2),
        "analyze without a test": (["analyze", str(npz), "--json", str(tmp_path / "y.json")], 2),
        "assess": (["assess", "--visit", str(visit), "--json", str(tmp_path / "a.json")], 0),
        "assess bad visit": (["assess", "--visit", str(bad_visit)], 2),
        "visit-report": (["visit-report", "--study", str(folder), "--visit", str(visits[1]), "--json",
                          str(tmp_path / "v.json")], 0),
        "visit-report unknown visit": (["visit-report", "--study", str(folder), "--visit", "99", "--json",
                                        str(tmp_path / "w.json")], 2),
    }
    seen: list[Seen] = []
    for where, (args, code) in runs.items():
        try:
            assert main(args + ["--lang", "zh-TW"]) == code, where
        finally:
            set_language("en")
        out = capsys.readouterr()
        lines = [Seen(f"{where} stdout", line) for line in out.out.splitlines() if line.strip()]
        lines += [Seen(f"{where} stderr", line) for line in out.err.splitlines() if line.strip()]
        assert lines, where
        seen += lines
    _assert_clean(seen, names, scan="cli")


def test_zh_tw_pending_only_shrinks() -> None:
    """Every PENDING pattern still matches a leak in one of the three scans above (run before this
    one, in file order): a pattern whose leak was fixed is taken off the list."""
    if set(_USED) != {"screens", "pdfs", "cli"}:
        pytest.skip("needs the three scans of this file to have run first (run the whole file)")
    used = set().union(*_USED.values())
    assert not set(PENDING) - used, "fixed, take off PENDING: " + "; ".join(sorted(set(PENDING) - used))
