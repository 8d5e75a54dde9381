"""First start: the getting-started panel of an empty study, Help → User guide, the study label
that a status hint never hides, and the window's actions without an import cycle."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from gaitscreen.core.paths import user_guide  # noqa: E402
from gaitscreen.engine import Engine  # noqa: E402
from gaitscreen.ui import messages  # noqa: E402
from gaitscreen.ui.main_window import MainWindow  # noqa: E402


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("GAITSCREEN_SETTINGS_DIR", str(tmp_path / "settings"))
    monkeypatch.setenv("GAITSCREEN_STUDY_DIR", str(tmp_path / "default study"))
    engine = Engine(detect_device=False)
    with messages.capture(answer=False):
        win = MainWindow(engine)
        qtbot.addWidget(win)
        win.show()
        yield win
        win.close()
    assert engine.shutdown(timeout_s=30.0)


def test_an_empty_study_shows_getting_started_until_a_recording_is_imported(window, walk_video, qtbot):
    assert window.centre.currentWidget() is window.getting_started and window.getting_started.isVisible()
    assert not window.player.isVisible()
    # step 1 is a button that does it: the patient dialog, filled and accepted
    def accept_patient(dialog):
        dialog.code.setText("P-START")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        return True

    window.run_dialog = accept_patient
    window.getting_started.buttons["patient"].click()
    patient = window.study.patient_by_code("P-START")
    assert patient is not None and window.navigator.current_patient_id() == patient.id
    assert window.getting_started.isVisible()  # a patient alone is not a recording
    assert window.getting_started.labels["patient"].text().startswith("✓")

    window.actions_.auto_analyse.setChecked(False)
    window.import_videos([walk_video])
    qtbot.waitUntil(lambda: not window.import_flow.busy, timeout=60000)
    assert window.study.recordings(patient.id)
    assert window.centre.currentWidget() is window.player and not window.getting_started.isVisible()


def test_a_study_with_recordings_opens_without_getting_started(window, walk_video, tmp_path):
    from gaitscreen.storage import Study

    folder = tmp_path / "used study"
    with Study.open(folder, user="t") as study:
        study.import_video(study.add_patient("P1").id, walk_video)
    assert window.open_study(folder, create=False)
    assert window.centre.currentWidget() is window.player
    assert window.close_study() and window.centre.currentWidget() is window.player  # no study: nothing to start


def test_help_opens_the_shipped_user_guide_in_the_app(window):
    assert user_guide().is_file()
    assert window.guide is None
    window.actions_.user_guide.trigger()
    assert window.guide is not None and window.guide.isVisible()
    text = window.guide.shown_text()
    assert "GaitScreen user guide" in text and "AWGS 2019" in text and "Labelling clips" in text
    assert "#" not in text.splitlines()[0]  # rendered as Markdown, not shown as source
    window.guide.close()
    window.getting_started.buttons["export"].click()  # a later step opens the guide at its place
    assert window.guide.isVisible()
    assert window.guide.section == "step-export"
    assert window.guide.section_text().startswith("Export the report on the Report tab")


def test_a_missing_guide_says_where_it_was_looked_for(qtbot, tmp_path):
    from gaitscreen.ui.user_guide_view import UserGuideView

    view = UserGuideView(path=tmp_path / "nowhere.md")
    qtbot.addWidget(view)
    assert "nowhere.md" in view.shown_text()


def test_a_status_hint_keeps_the_study_label(window):
    label = window.study_label.text()
    assert window.study_folder().name in label
    window.statusBar().showMessage("Import one or more videos for the selected patient")
    assert window.study_label.isVisible() and window.study_label.text() == label
    window.actions_.import_video.hover()  # a status tip is a temporary message too
    assert window.study_label.isVisible()


def test_window_actions_do_not_import_the_main_window():
    import grimp

    graph = grimp.build_graph("gaitscreen")
    assert graph.find_shortest_chain(importer="gaitscreen.ui.window_actions",
                                     imported="gaitscreen.ui.main_window") is None
    assert "gaitscreen.ui.main_window" not in graph.find_modules_directly_imported_by("gaitscreen.ui.window_actions")
    # nothing in ui imports the main window (not even for types), so it is in no import cycle
    importers = {m for m in graph.find_downstream_modules("gaitscreen.ui.main_window") if m.startswith("gaitscreen.ui")}
    assert importers == set()


def test_the_user_guide_ships_with_the_app():
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["tool"]["setuptools"]["data-files"]["share/gaitscreen/docs"] == ["docs/user_guide*.md"]
    shipped = {p.name for p in root.glob("docs/user_guide*.md")}
    assert {"user_guide.md", "user_guide.zh-TW.md"} <= shipped  # the translations travel with the guide
    assert user_guide() == root / "docs" / "user_guide.md"  # a checkout finds it like the resources
    import sys

    sys.path.insert(0, str(root / "installer"))
    try:
        from bundle import data_files

        try:
            datas = data_files(root)
        except FileNotFoundError:  # the build environment's pose weights: not needed to check the guide
            pytest.skip("the installer's pose package is not installed here")
        assert (str(root / "docs" / "user_guide.md"), "docs") in datas
        assert (str(root / "docs" / "user_guide.zh-TW.md"), "docs") in datas
    finally:
        sys.path.remove(str(root / "installer"))


def test_a_language_change_relabels_the_window_actions_status_and_getting_started(window):
    from PySide6.QtCore import QCoreApplication, QTranslator

    class Marked(QTranslator):
        """Every text of these contexts comes back marked, placeholders kept."""

        def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ARG002
            if context in ("WindowActions", "MainWindow", "GettingStarted", "JobStatus", "StudySession"):
                return f"«{source}»"
            return None

        def isEmpty(self):  # noqa: N802 - Qt's name
            return False

    marked = Marked()
    QCoreApplication.installTranslator(marked)  # Qt sends LanguageChange to every widget
    try:
        QCoreApplication.processEvents()
        assert window.actions_.user_guide.text() == "«&User guide»"
        assert window.actions_.menus["help"].title() == "«&Help»"
        assert window.panels.tabText(window.panels.indexOf(window.report)) == "«Report»"
        assert window.study_label.text().startswith("«Study: ") and str(window.study_folder()) in window.study_label.text()
        assert window.getting_started.title.text() == "«Getting started»"
        assert window.job_status.cancel.text() == "«Cancel»"
    finally:
        QCoreApplication.removeTranslator(marked)
        QCoreApplication.processEvents()
    assert window.actions_.user_guide.text() == "&User guide"
