"""Main window, study navigator and video import (pytest-qt, offscreen).

Every test runs with a temporary study folder and temporary QSettings
(``GAITSCREEN_SETTINGS_DIR``), and with :mod:`gaitscreen.ui.messages` captured so
no message box ever blocks.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import warnings
from pathlib import Path
from types import SimpleNamespace

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl  # noqa: E402
from PySide6.QtGui import QDragEnterEvent, QDropEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from gaitscreen.engine import Engine, FunctionJob  # noqa: E402
from gaitscreen.ui import messages  # noqa: E402
from gaitscreen.ui.app import make_settings  # noqa: E402
from gaitscreen.ui.main_window import MainWindow  # noqa: E402
from gaitscreen.ui.navigator import recording_badges  # noqa: E402
from gaitscreen.ui.patient_dialog import PatientDialog, validate_patient  # noqa: E402
from gaitscreen.ui.status import JobStatus, format_eta  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("GAITSCREEN_SETTINGS_DIR", str(tmp_path / "settings"))
    monkeypatch.setenv("GAITSCREEN_STUDY_DIR", str(tmp_path / "default study"))
    return tmp_path


@pytest.fixture
def shown():
    with messages.capture(answer=False) as shown:
        yield shown


@pytest.fixture
def engine(qtbot):
    engine = Engine(detect_device=False)
    yield engine
    assert engine.shutdown(timeout_s=30.0), "the engine's worker thread did not stop"


@pytest.fixture
def make_window(qtbot, env, engine, shown):
    windows = []

    def make(study_folder=None) -> MainWindow:
        window = MainWindow(engine, study_folder=study_folder)
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


def fill_patient(code: str, **fields):
    """A ``run_dialog`` replacement that fills the patient dialog and presses OK."""

    def run(dialog: PatientDialog) -> bool:
        dialog.code.setText(code)
        if "birth_year" in fields:
            dialog.birth_year.setValue(fields["birth_year"])
        if "sex" in fields:
            dialog.sex.setCurrentIndex(dialog.sex.findData(fields["sex"]))
        if "height_cm" in fields:
            dialog.height_cm.setValue(fields["height_cm"])
        dialog.notes.setPlainText(fields.get("notes", ""))
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        run.error = dialog.error.text() if not dialog.error.isHidden() else ""
        return dialog.result() == PatientDialog.DialogCode.Accepted

    run.error = ""
    return run


def drop(window: MainWindow, paths: list[Path]) -> None:
    """Drag ``paths`` onto the window and drop them, as the platform's drag and drop does."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # Qt 6 keeps only the QPoint constructor
        enter = QDragEnterEvent(QPoint(20, 20), *args)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window, QDropEvent(QPointF(20, 20), *args))
    QApplication.processEvents()  # the window handles the files once the drop has returned


def add_patient(window: MainWindow, code: str = "P-001") -> int:
    patient = window.study.add_patient(code)
    window.navigator.refresh()
    assert window.navigator.select_patient(patient.id)
    return patient.id


# -- window and study -------------------------------------------------------------------


def test_window_opens_default_study_and_persists_state(make_window, env, qtbot):
    window = make_window()
    default = env / "default study"
    assert (default / "study.sqlite").is_file()
    assert window.study_folder() == default
    assert "default study" in window.windowTitle()
    assert "read-only" not in window.windowTitle()
    assert window.panel("Annotate") is not None and window.panel("Report") is not None
    window.set_rater("dr. rater")
    # the offscreen screen is small; a CJK fallback font (a test that switched language) makes lines taller
    height = max(523, window.minimumSizeHint().height())
    window.resize(window.minimumSizeHint().width(), height)
    size = (window.width(), window.height())
    assert size[1] == height
    window.close()

    settings = make_settings()
    assert Path(settings.value("last_study")) == default
    assert settings.value("rater") == "dr. rater"
    assert settings.value("window/geometry") is not None
    again = make_window()
    assert again.study_folder() == default
    assert again.rater == "dr. rater"
    assert (again.width(), again.height()) == size


def test_missing_last_study_falls_back_to_default(make_window, env):
    other = env / "other study"
    make_window(other).close()
    assert Path(make_settings().value("last_study")) == other
    shutil.rmtree(other)
    again = make_window()
    assert again.study_folder() == env / "default study"
    assert not other.exists()  # not silently re-created empty


def test_the_dock_has_the_real_panels_and_add_panel_replaces_one(make_window):
    from PySide6.QtWidgets import QLabel

    window = make_window()
    tabs = [window.panels.widget(i) for i in range(window.panels.count())]
    assert tabs == [window.annotation, window.analysis, window.report]  # no placeholder tab is built
    panel = QLabel("another analysis panel")
    window.add_panel("Analysis", panel)
    assert window.panel("Analysis") is panel
    assert [window.panels.tabText(i) for i in range(window.panels.count())] == ["Annotate", "Analysis", "Report"]


def test_menus_toolbar_about_and_privacy(make_window, shown):
    window = make_window()
    acts = window.actions_
    toolbar = [a.text().replace("&", "") for a in acts.toolbar.actions() if not a.isSeparator()]
    assert toolbar == ["New patient…", "Import video…", "Capture…", "Analyse", "Export report…"]
    assert [a.text().replace("&", "") for a in window.menuBar().actions()] == \
        ["File", "Patient", "Recording", "Models", "View", "Help"]
    assert acts.new_patient.isEnabled() and not acts.edit_patient.isEnabled()  # no patient selected
    assert not acts.analyse.isEnabled()  # no recording selected
    acts.about.trigger()
    assert "AGPL-3.0-or-later" in shown[-1].text and "synthetic" in shown[-1].text
    acts.privacy.setChecked(True)
    assert window.player.privacy_box.isChecked()
    window.player.privacy_box.setChecked(False)
    assert not acts.privacy.isChecked()
    assert str(window.settings.value("view/privacy")).lower() == "false"


def test_new_patient_through_dialog(make_window):
    window = make_window()
    window.run_dialog = fill_patient("P-0012", birth_year=1948, sex="F", height_cm=158.5, notes="knee")
    patient_id = window.new_patient()
    assert patient_id is not None
    patient = window.study.patient(patient_id)
    assert (patient.code, patient.birth_year, patient.sex, patient.height_cm, patient.notes) == \
        ("P-0012", 1948, "F", 158.5, "knee")
    assert window.navigator.current_patient_id() == patient_id

    bad = fill_patient("Jane Doe")  # a name with a space: not a pseudonymous code
    window.run_dialog = bad
    assert window.new_patient() is None
    assert "pseudonymous" in bad.error
    duplicate = fill_patient("P-0012")
    window.run_dialog = duplicate
    assert window.new_patient() is None
    assert "already exists" in duplicate.error
    assert [p.code for p in window.study.patients()] == ["P-0012"]


def test_patient_validation_rules():
    assert validate_patient({"code": "P-1"}) is None
    assert validate_patient({"code": ""}) is not None
    assert validate_patient({"code": "P-1", "height_cm": 20.0}) is not None
    assert validate_patient({"code": "P-1"}, existing_codes=["P-1"]) is not None


def test_navigator_search_filters(make_window, qtbot):
    window = make_window()
    for code in ("P-001", "P-002", "Q-100"):
        window.study.add_patient(code, notes="diabetic" if code == "Q-100" else "")
    window.navigator.refresh()
    nav = window.navigator
    assert nav.patients.count() == 3
    qtbot.keyClicks(nav.search, "P-")
    assert [nav.patients.item(i).text().split()[0] for i in range(nav.patients.count())] == ["P-001", "P-002"]
    nav.search.setText("diabet")
    assert nav.patients.count() == 1 and nav.patients.item(0).text().startswith("Q-100")
    nav.search.setText("zzz")
    assert nav.patients.count() == 0
    assert "No patient matches" in nav.empty_hint.text()


def test_badges_text():
    from gaitscreen.core.records import AnalysisRecord, RecordingStatus

    status = RecordingStatus(1, True, True, 5, 3, 2, None)
    analysis = AnalysisRecord(1, 1, 1, "a.json", 0.42, "mostly stable", 4, "now")
    assert recording_badges(status, analysis) == ["pose ✓", "analysed ✓ R 0.42", "labels 3/5", "2 reports"]
    fresh = RecordingStatus(1, False, False, 0, 0, 0, "boom")
    assert recording_badges(fresh) == ["pose –", "not analysed", "labels 0/0", "0 reports", "⚠ failed"]


# -- import -----------------------------------------------------------------------------


def test_import_runs_in_background_and_recognises_duplicates(make_window, walk_video, shown, qtbot):
    window = make_window()
    patient_id = add_patient(window)
    job_ids = window.import_videos([walk_video])
    assert len(job_ids) == 1
    assert window.import_flow.busy  # import_videos only queued the work: still running in the engine
    qtbot.waitUntil(lambda: not window.import_flow.busy, timeout=60000)
    assert not [m for m in shown if m.kind == "error"], shown
    recordings = window.study.recordings(patient_id)
    assert len(recordings) == 1 and recordings[0].copied
    assert window.navigator.recording_ids() == [recordings[0].id]
    assert window.navigator.current_recording_id() == recordings[0].id
    text = window.navigator.recording_item(recordings[0].id).text().replace("\u00a0", " ")
    assert walk_video.name in text and "pose –" in text and "labels 0/0" in text and "0 reports" in text
    videos = sorted((window.study_folder() / "videos").iterdir())
    assert len(videos) == 1

    window.import_videos([walk_video])  # same bytes again
    qtbot.waitUntil(lambda: not window.import_flow.busy, timeout=60000)
    infos = [m for m in shown if m.kind == "info"]
    assert infos and "already in the study as" in infos[-1].text and "P-001" in infos[-1].text
    assert len(window.study.recordings()) == 1
    assert sorted((window.study_folder() / "videos").iterdir()) == videos


def test_import_by_reference(make_window, walk_video, qtbot):
    window = make_window()
    add_patient(window)
    window.import_flow.copy = False
    window.import_videos([walk_video])
    qtbot.waitUntil(lambda: not window.import_flow.busy, timeout=60000)
    (recording,) = window.study.recordings()
    assert not recording.copied and Path(recording.video_path) == walk_video.absolute()
    assert not any((window.study_folder() / "videos").iterdir())


def test_dropping_a_text_file_shows_an_error_and_adds_nothing(make_window, tmp_path, shown, engine):
    window = make_window()
    add_patient(window)
    note = tmp_path / "notes.txt"
    note.write_text("not a video")
    drop(window, [note])
    errors = [m for m in shown if m.kind == "error"]
    assert len(errors) == 1 and "notes.txt is not a video" in errors[0].text
    assert engine.pending() == [] and engine.running() is None
    assert window.study.recordings() == []


def test_dropping_several_files_imports_the_videos_only(make_window, tmp_path, walk_video, shown, qtbot):
    window = make_window()
    patient_id = add_patient(window)
    note = tmp_path / "protocol.pdf"
    note.write_bytes(b"%PDF-1.4")
    drop(window, [note, walk_video])
    errors = [m for m in shown if m.kind == "error"]
    assert len(errors) == 1 and "protocol.pdf is not a video" in errors[0].text
    assert "other 1 file(s) are being imported" in errors[0].text
    qtbot.waitUntil(lambda: not window.import_flow.busy, timeout=60000)
    assert [r.original_name for r in window.study.recordings(patient_id)] == [walk_video.name]


def test_capture_is_imported_for_the_selected_patient(make_window, walk_video, shown, qtbot):
    window = make_window()
    patient_id = add_patient(window, "P-CAM")
    captured = []

    def record_one(dialog) -> bool:  # stands in for the user recording a walk in the capture dialog
        assert dialog.output_dir == window.study_folder() / "captures"
        dialog.output_dir.mkdir(parents=True, exist_ok=True)
        target = dialog.output_dir / "P-CAM_capture.mp4"
        shutil.copyfile(walk_video, target)
        captured.append(target)
        dialog.recorded.emit(SimpleNamespace(path=target))
        return True

    window.run_dialog = record_one
    window.actions_.capture.trigger()
    assert captured
    qtbot.waitUntil(lambda: not window.import_flow.busy, timeout=60000)
    assert not [m for m in shown if m.kind == "error"], shown
    (recording,) = window.study.recordings(patient_id)
    assert recording.copied and window.study.video_path(recording).is_file()
    assert not captured[0].exists()  # the temporary capture went once copied into videos/


def test_unreadable_video_fails_cleanly(make_window, tmp_path, shown, qtbot):
    window = make_window()
    add_patient(window)
    fake = tmp_path / "broken.mp4"
    fake.write_bytes(b"\x00\x01 this is no video at all" * 100)
    assert window.import_videos([fake])
    qtbot.waitUntil(lambda: not window.import_flow.busy, timeout=60000)
    errors = [m for m in shown if m.kind == "error"]
    assert len(errors) == 1 and "broken.mp4 was not imported" in errors[0].text
    assert window.study.recordings() == []
    assert not any((window.study_folder() / "videos").iterdir())


def test_import_without_patient_asks_first(make_window, walk_video, shown, engine):
    window = make_window()
    assert window.navigator.current_patient_id() is None
    assert window.import_videos([walk_video]) == []  # the capture answers "no" to the question
    assert [m.kind for m in shown] == ["question"]
    assert "no patient is selected" in shown[0].text
    assert engine.pending() == [] and window.study.recordings() == []


# -- bad study folders and a second instance ------------------------------------------------


def _deny_writes(folder: Path, monkeypatch) -> None:
    """Make ``folder`` unwritable: chmod for ordinary users; root ignores modes, so for
    root (CI containers) opening files inside it fails as the OS would fail it."""
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        folder.chmod(0o555)
        return
    real_open = os.open

    def guarded(path, flags, *args, **kwargs):
        if Path(path).parent == folder and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_study_folder_without_write_permission(make_window, tmp_path, shown, monkeypatch):
    window = make_window()
    before = window.study_folder()
    locked = tmp_path / "no write"
    locked.mkdir()
    with monkeypatch.context() as patch:
        _deny_writes(locked, patch)
        try:
            assert not window.open_study(locked)
        finally:
            locked.chmod(0o755)
    errors = [m for m in shown if m.kind == "error"]
    assert len(errors) == 1 and "permission denied" in errors[0].text.lower()
    assert str(locked) in errors[0].text
    assert window.study_folder() == before and window.study is not None and not window.study.closed
    assert list(locked.iterdir()) == []


HOLDER = """
import sys
from gaitscreen.storage import Study
study = Study.open(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()
study.close()
"""


def test_second_instance_opens_read_only(make_window, tmp_path, walk_video, shown):
    folder = tmp_path / "shared study"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(folder)], cwd=ROOT, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        window = make_window(folder)
        assert window.study.read_only
        notice = window.read_only_reason()
        assert notice.startswith("read-only: open in another GaitScreen window (host ")
        assert f"process {holder.pid}" in notice
        assert notice in window.windowTitle() and notice in window.study_label.text()
        assert not window.actions_.new_patient.isEnabled()
        assert window.import_videos([walk_video]) == []
        assert "read-only" in shown[-1].text
    finally:
        holder.communicate("\n", timeout=10)
    assert holder.returncode == 0


# -- status bar -------------------------------------------------------------------------------


def test_status_bar_shows_progress_and_cancels(make_window, engine, qtbot):
    window = make_window()
    status = window.job_status

    def slow(ctx):
        for i in range(1000):
            ctx.progress(i, 1000, "Waiting")
            ctx.check_cancel()
            time.sleep(0.01)

    job_id = engine.submit(FunctionJob("Slow job", slow))
    qtbot.waitUntil(lambda: status.current_job == job_id and status.bar.maximum() == 1000, timeout=5000)
    assert status.job.text() == "Slow job" and status.cancel.isVisible()
    with qtbot.waitSignal(engine.job_cancelled, timeout=5000):
        status.cancel.click()
    assert status.current_job is None and not status.cancel.isVisible()
    status.set_device("GPU: Test (CUDA)")
    assert status.device.text() == "Device: GPU: Test (CUDA)"
    assert format_eta(75) == "1 min 15 s left" and format_eta(-1) == ""


class RecordingJob:
    """A job on one recording that waits until it is cancelled (stands in for an analysis)."""

    title = "Analyse walk.mp4"

    def __init__(self, recording_id: int) -> None:
        self.recording_id = recording_id

    def run(self, ctx) -> None:
        for _ in range(3000):
            ctx.check_cancel()
            time.sleep(0.01)


def test_queued_analysis_says_queued_and_a_cancelled_one_what_it_kept(make_window, env, engine, qtbot):
    from annotation_study import make_study

    make_study(env / "jobs study", patients=1).close()
    window = make_window(env / "jobs study")
    recording = window.study.recordings()[0]
    assert window.navigator.select_patient(recording.patient_id) and window.navigator.select_recording(recording.id)
    assert "Not analysed yet" in window.analysis.message_text()
    blocker = engine.submit(RecordingJob(-5))  # keeps the worker busy: the next job waits
    qtbot.waitUntil(lambda: window.job_status.current_job == blocker, timeout=5000)
    queued = engine.submit(RecordingJob(recording.id))
    assert window.analysis.message_text().startswith("Queued") and not window.analysis.showing_chart()
    with qtbot.waitSignal(engine.job_cancelled, timeout=5000):
        engine.cancel(queued)
    assert window.statusBar().currentMessage() == "Analyse walk.mp4: cancelled; nothing was stored."
    assert "Not analysed yet" in window.analysis.message_text()
    window.study.save_analysis(recording.id, window.study.active_model().id, {"screening": {
        "instability_rate": 0.5, "risk_group": "mostly unstable", "windows": [
            {"start_s": 0.0, "end_s": 2.1, "p_unstable": 0.9}], "clips": []}})
    queued = engine.submit(RecordingJob(recording.id))
    with qtbot.waitSignal(engine.job_cancelled, timeout=5000):
        engine.cancel(queued)
    assert window.statusBar().currentMessage() == "Analyse walk.mp4: cancelled, previous result kept."
    with qtbot.waitSignal(engine.job_cancelled, timeout=5000):
        engine.cancel(blocker)


def test_status_bar_shows_no_eta_on_an_empty_or_full_bar(qtbot):
    status = JobStatus()
    qtbot.addWidget(status)
    status.on_started(7, "Pose")
    status.on_progress(7, "Pose", 0, 100, 0.0)  # nothing done yet: no "0 s left" on an empty bar
    assert status.eta.text() == ""
    status.on_progress(7, "Pose", 40, 100, -1.0)  # not estimable yet
    assert status.eta.text() == ""
    status.on_progress(7, "Pose", 50, 100, 30.0)
    assert status.eta.text() == "30 s left"
    status.on_progress(7, "Pose", 99, 100, 0.3)
    assert status.eta.text() == "" and format_eta(0.4) == ""
    status.on_progress(7, "Pose", 100, 100, 0.0)
    assert status.eta.text() == ""


# -- command line ---------------------------------------------------------------------------


def _cli_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ, GAITSCREEN_SETTINGS_DIR=str(tmp_path / "cli settings"), **extra)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def test_gui_screenshot_writes_png(tmp_path):
    out = tmp_path / "main.png"
    study = tmp_path / "cli study"
    proc = subprocess.run([sys.executable, "-m", "gaitscreen", "gui", "--screenshot", str(out), "--study",
                           str(study)], cwd=ROOT, env=_cli_env(tmp_path, QT_QPA_PLATFORM="offscreen"),
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (study / "study.sqlite").is_file()

    out.unlink()
    proc = subprocess.run([sys.executable, "-m", "gaitscreen", "gui", "--screenshot", str(out), "--study",
                           str(study), "--recording", "7", "--panel", "Analysis"], cwd=ROOT,
                          env=_cli_env(tmp_path, QT_QPA_PLATFORM="offscreen"), capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 2
    assert [line for line in proc.stderr.splitlines() if "error" in line] == [
        "gaitscreen: error: The study has no recording 7."]
    assert not out.exists()


def test_gui_screenshot_never_waits_on_a_message_box(tmp_path):
    """A recording whose video was deleted: the app shows an error; in screenshot mode
    that goes to stderr and the exit status instead of a modal box nobody can close."""
    from annotation_study import make_study

    study_folder = tmp_path / "study"
    study = make_study(study_folder, patients=1, recordings=1)
    recording = study.recordings(study.patients()[0].id)[0]
    video = study_folder / recording.video_path
    study.close()
    video.unlink()
    out = tmp_path / "missing.png"
    proc = subprocess.run([sys.executable, "-m", "gaitscreen", "gui", "--screenshot", str(out), "--study",
                           str(study_folder), "--recording", str(recording.id)], cwd=ROOT,
                          env=_cli_env(tmp_path, QT_QPA_PLATFORM="offscreen"), capture_output=True, text=True,
                          timeout=120)  # a bound on "does not hang", not a speed check
    assert proc.returncode == 2, proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("gaitscreen: error: ")]
    assert len(errors) == 1 and "Video file not found" in errors[0] and video.name in errors[0], proc.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="display detection is for X11/Wayland")
def test_gui_without_display_is_one_line_error(tmp_path):
    env = _cli_env(tmp_path)
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    proc = subprocess.run([sys.executable, "-m", "gaitscreen", "gui", "--study", str(tmp_path / "s")], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("gaitscreen: error: No display")
    assert not (tmp_path / "s").exists()


def test_file_as_study_folder_keeps_current_study(make_window, tmp_path, shown):
    window = make_window()
    before = window.study_folder()
    not_a_folder = tmp_path / "study.txt"
    not_a_folder.write_text("x")
    assert not window.open_study(not_a_folder)
    assert len(shown) == 1 and shown[0].kind == "error" and "is a file, not a study folder" in shown[0].text
    assert window.study_folder() == before and not window.study.closed
    assert not_a_folder.read_text() == "x"


def test_posed_recording_loads_with_skeleton_and_badges(make_window, walk_video, qtbot):
    from types import SimpleNamespace

    import numpy as np

    from gaitscreen.synth import generate_subject, generate_walk

    window = make_window()
    patient_id = add_patient(window)
    recording = window.study.import_video(patient_id, walk_video).recording
    rng = np.random.default_rng(0)
    walk = generate_walk(generate_subject(rng, subject_id="S0"), duration_s=9.5, fps=30.0, rng=rng)
    window.study.save_pose(recording.id, SimpleNamespace(
        video_sha256="", skeleton=walk.skeleton, subject_id=1, candidates=[], tracks=[], settings=None,
        pose_model="synthetic", pose_model_sha256="", device="cpu", stats={}))
    clips = window.study.clips(recording.id)
    window.study.set_label(clips[0].id, "rater", "stable")
    window.navigator.refresh()
    assert window.navigator.select_recording(recording.id)
    text = window.navigator.recording_item(recording.id).text().replace("\u00a0", " ")
    assert "pose ✓" in text and f"labels 1/{len(clips)}" in text and "not analysed" in text
    assert window.player._skeleton is not None
    qtbot.waitUntil(lambda: window.player.frame_count == 100, timeout=10000)


def test_blinded_labelling_hides_the_model_results_until_ended(make_window, env, qtbot):
    from annotation_study import make_study

    make_study(env / "blind study", patients=1).close()
    window = make_window(env / "blind study")
    recording = window.study.recordings()[0]
    assert window.annotation.blinded and "blinded" not in window.analysis.message_text()  # no rater: no blinding
    window.set_rater("rater one")
    assert window.navigator.select_patient(recording.patient_id)
    assert window.navigator.select_recording(recording.id)
    assert window.annotation.blinded  # raters label blinded by default
    assert not window.analysis.showing_chart()
    assert "blinded" in window.analysis.message_text()
    assert not window.panels.isTabEnabled(window.panels.indexOf(window.report))

    submitted = []
    window.engine.submit = lambda job: submitted.append(job) or 1
    window.analysis.action_requested.emit()  # "Show results (ends blinded labelling)": the rater says no
    assert window.annotation.blinded and not submitted
    assert not any(e.action == "blinding.end" for e in window.study.audit())
    with messages.capture(answer=True) as asked:
        window.analysis.action_requested.emit()  # … and now yes
    assert [m.title for m in asked] == ["End blinded labelling"]
    assert not window.annotation.blinded and not submitted
    ended = [e for e in window.study.audit() if e.action == "blinding.end"]
    assert len(ended) == 1 and ended[0].after == {"blinded": False, "rater": "rater one"}
    assert window.panels.isTabEnabled(window.panels.indexOf(window.report))
    # Not analysed yet: the same button now queues the analysis of this recording.
    assert "Analyse" in window.analysis.message_text()
    window.analysis.action_requested.emit()
    assert [type(j).__name__ for j in submitted] == ["AnalyseJob"]
    assert submitted[0].recording_id == recording.id


def test_blinded_rater_sees_no_model_output_in_the_recordings_list(make_window, env, qtbot):
    from annotation_study import make_study

    study = make_study(env / "blind list", patients=1)
    recording = study.recordings()[0]
    clips = study.clips(recording.id)
    study.save_analysis(recording.id, study.active_model().id, {"screening": {
        "instability_rate": 0.73, "risk_group": "high", "windows": [{"start_s": 0.0, "end_s": 2.1, "p_unstable": 0.9}], "clips": []}})
    study.set_label(clips[0].id, "other rater", "unstable")
    study.set_label(clips[1].id, "rater one", "stable")
    study.close()
    window = make_window(env / "blind list")
    assert window.navigator.select_patient(recording.patient_id)

    def text() -> str:
        return window.navigator.recording_item(recording.id).text().replace("\u00a0", " ")

    assert "R 0.73" in text() and f"labels 2/{len(clips)}" in text()  # no rater: nobody labels blinded
    window.set_rater("rater one")
    assert window.annotation.blinded
    assert "R 0.73" not in text() and "R " not in text().split("analysed ✓")[1].split("·")[0]
    assert f"my labels 1/{len(clips)}" in text() and f" labels 2/" not in text()
    assert window.navigator.select_recording(recording.id)
    window.annotation.select_row(2)
    assert window.annotation.label_current("unstable")
    assert f"my labels 2/{len(clips)}" in text()  # the list follows the rater's labels at once
    with messages.capture(answer=True):
        window.annotation.set_blinded(False)
    assert "R 0.73" in text() and f"labels 3/{len(clips)}" in text() and "my labels" not in text()


@pytest.mark.slow
def test_import_analyses_automatically_and_exports_the_report(make_window, walk_video, qtbot, monkeypatch):
    """The clinician's path with the real models: import → auto-analysis in the engine →
    the Analysis tab shows the chart → Export PDF → the study keeps the report with hashes."""
    from gaitscreen.ui import report_panel

    opened = []
    monkeypatch.setattr(report_panel, "open_with_system_viewer", lambda path: opened.append(path) or True)
    window = make_window()
    add_patient(window, "P-AUTO")
    assert window.actions_.auto_analyse.isChecked()
    window.import_videos([walk_video])
    qtbot.waitUntil(lambda: bool(window.study.recordings()) and window.study.status(
        window.study.recordings()[0].id).analysed, timeout=120000)
    recording = window.study.recordings()[0]
    qtbot.waitUntil(window.analysis.showing_chart, timeout=10000)
    analysis = window.study.analysis(recording.id)
    assert window.analysis.chart.point_count() == analysis.windows
    qtbot.waitUntil(lambda: f"R {analysis.instability_rate:.2f}" in
                    window.navigator.recording_item(recording.id).text().replace("\u00a0", " "), timeout=5000)

    window.panels.setCurrentWidget(window.report)
    window.report.notes.setPlainText("walked unaided")
    result = window.report.export()
    assert result is not None and opened
    [row] = window.study.reports(recording.id)
    assert row.video_sha256 == recording.sha256
    assert row.model_sha256 == window.study.active_model().sha256
    assert row.pdf_sha256 == result["pdf_sha256"] and row.notes == "walked unaided"


def test_modal_dialogs_do_not_open_while_messages_are_hooked(qtbot, capsys):
    from PySide6.QtWidgets import QDialog

    dialog = QDialog()
    dialog.setWindowTitle("New patient")
    qtbot.addWidget(dialog)
    with messages.headless() as shown:
        assert messages.unattended()
        assert messages.run_modal(dialog) is False  # exec() would block here
        messages.show_error(None, "Cannot import", "clip.mp4:\nthe file does not exist.")
        assert messages.ask_yes_no(None, "Import video", "Import anyway?", default=True) is True
    assert not messages.unattended()
    assert [m.kind for m in shown] == ["dialog", "error", "question"]
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "gaitscreen: dialog not opened: New patient"
    assert err[1] == "gaitscreen: error: Cannot import: clip.mp4: the file does not exist."
