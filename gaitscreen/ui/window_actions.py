"""Menus, toolbar and their actions for the main window (kept apart to keep it short).

:func:`build_actions` creates every ``QAction``, puts them into the menu bar, the
toolbar and the navigator's context menus, and returns a :class:`WindowActions`
whose :meth:`~WindowActions.update` enables them after the window's state
(study open, writable, patient / recording selected, jobs available).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import QFileDialog, QInputDialog, QStyle, QToolBar

from gaitscreen import __version__
from gaitscreen.engine.jobs import AnalyseJob, BatchJob

from . import messages
from .lifter_pref import LifterChoice
from .restore_flow import restore_from_backup
from .visit_dialog import show_visits
from .rate_rule_pref import add_rate_rule_menu, preferred_rule

if TYPE_CHECKING:  # pragma: no cover
    from .main_window import MainWindow

ABOUT = (
    "<b>GaitScreen {version}</b><br>Sarcopenia risk screening from a video of tandem walking.<br><br>"
    "Licence: GNU Affero General Public License v3.0 or later (AGPL-3.0-or-later).<br><br>"
    "<b>Not a medical device.</b> The bundled stability model is trained on <i>synthetic</i> "
    "skeletons, not on patients: it demonstrates the workflow and is not a validated clinical model. "
    "Train on rater-annotated clips or load a validated checkpoint for real use."
)


ANALYSE_TIP = "Estimate the pose and screen the selected recording"
EXPORT_TIP = "Write the selected recording's screening report (PDF)"


def record_icon() -> QIcon:
    """A red "record" dot (no standard icon says "camera" on every platform)."""
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(211, 47, 47))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(6, 6, 20, 20)
    painter.end()
    return QIcon(pixmap)


def _exporter(panel: Any) -> Optional[Callable[[], Any]]:
    """The Report panel's export method (``export_report`` or ``export``), if it has one."""
    for name in ("export_report", "export"):
        method = getattr(panel, name, None)
        if callable(method):
            return method
    return None


class WindowActions:
    def __init__(self, window: "MainWindow") -> None:
        self.w = window
        style = window.style()

        def act(text: str, slot: Callable[[], Any], *, tip: str = "", shortcut: Any = None,
                icon: Optional[QStyle.StandardPixmap] = None, theme: str = "") -> QAction:
            action = QAction(text, window)
            if icon is not None:
                action.setIcon(QIcon.fromTheme(theme, style.standardIcon(icon)) if theme else style.standardIcon(icon))
            if tip:
                action.setToolTip(tip)
                action.setStatusTip(tip)
            if shortcut is not None:
                action.setShortcut(shortcut)
            action.triggered.connect(lambda _checked=False: slot())
            return action

        SP = QStyle.StandardPixmap
        self.new_study = act("&New study…", self.choose_new_study, tip="Create a study in a new folder",
                             icon=SP.SP_FileDialogNewFolder)
        self.open_study = act("&Open study…", self.choose_open_study, shortcut=QKeySequence.StandardKey.Open,
                              icon=SP.SP_DirOpenIcon, tip="Open an existing study folder")
        self.import_video = act("&Import video…", lambda: window.import_flow.choose_files(
            window.navigator.current_patient_id()), shortcut="Ctrl+I", icon=SP.SP_ArrowDown, theme="document-import",
            tip="Import one or more videos for the selected patient (or drop them on the window)")
        self.capture = act("&Capture…", self.open_capture, tip="Record a walk with a camera for the selected patient")
        self.capture.setIcon(QIcon.fromTheme("camera-video", record_icon()))
        self.copy_videos = QAction("Copy imported videos into the study", window, checkable=True)
        self.copy_videos.setChecked(window.import_flow.copy)
        self.copy_videos.setToolTip("Off: the study refers to the video where it is (it must stay there)")
        self.copy_videos.toggled.connect(lambda on: setattr(window.import_flow, "copy", on))
        self.auto_analyse = QAction("Analyse recordings after import", window, checkable=True)
        self.auto_analyse.setToolTip("Queue pose estimation and screening as soon as a video is imported")
        self.auto_analyse.setChecked(str(window.settings.value("import/auto_analyse", "true")).lower()
                                     in ("true", "1"))
        self.auto_analyse.toggled.connect(lambda on: window.settings.setValue("import/auto_analyse", bool(on)))
        self.restore_backup = act("Restore &backup…", lambda: restore_from_backup(window),
                                  tip="Replace the study's database with one of its automatic backups")
        self.rater = act("&Rater name…", self.ask_rater, tip="Your name as it appears on labels and reports")
        self.quit = act("&Quit", window.close, shortcut=QKeySequence.StandardKey.Quit)
        self.new_patient = act("&New patient…", window.new_patient, shortcut="Ctrl+N",
                               icon=SP.SP_FileIcon, theme="contact-new", tip="Add a patient (pseudonymous code)")
        self.edit_patient = act("&Edit patient…", window.edit_patient, tip="Change the selected patient's data")
        self.visits = act("&Visits and measurements…", lambda: show_visits(window),
                          tip="The selected patient's visits: add a visit and its manual measurements")
        self.analyse = act("&Analyse", self.run_analysis, shortcut="Ctrl+R", icon=SP.SP_MediaSeekForward,
                           tip=ANALYSE_TIP)
        self.analyse_patient = act("Analyse &all of this patient's recordings", self.run_patient_batch,
                                   tip="Queue every recording of the selected patient that has no analysis yet")
        self.export_report = act("&Export report…", self.run_export, shortcut="Ctrl+E", icon=SP.SP_DialogSaveButton,
                                 tip=EXPORT_TIP)
        self.privacy = QAction("&Privacy view", window, checkable=True)
        self.privacy.setToolTip("Hide the video picture (skeletons only), e.g. while sharing the screen")
        self.privacy.toggled.connect(self.set_privacy)
        self.about = act("&About GaitScreen", lambda: messages.show_info(
            window, "About GaitScreen", ABOUT.format(version=__version__)))

        bar = window.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.new_study, self.open_study])
        self.recent_menu = file_menu.addMenu("Recent studies")
        self.recent_menu.aboutToShow.connect(self.fill_recent)
        file_menu.addAction(self.restore_backup)
        file_menu.addSeparator()
        file_menu.addActions([self.import_video, self.capture, self.copy_videos, self.auto_analyse])
        file_menu.addSeparator()
        file_menu.addActions([self.rater, self.quit])
        bar.addMenu("&Patient").addActions([self.new_patient, self.edit_patient, self.visits])
        recording_menu = bar.addMenu("&Recording")
        recording_menu.addActions([self.analyse, self.analyse_patient, self.export_report])
        recording_menu.addSeparator()
        self.rate_rules = add_rate_rule_menu(recording_menu, window.settings)
        self.lifter = LifterChoice(bar.addMenu("&Models"), window, window.engine, window.settings)
        view = bar.addMenu("&View")
        view.addActions([window.navigator_dock.toggleViewAction(), window.panels_dock.toggleViewAction()])
        view.addSeparator()
        view.addAction(self.privacy)
        bar.addMenu("&Help").addAction(self.about)

        tools = QToolBar("Main toolbar", window)
        tools.setObjectName("toolbar_main")
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tools.addActions([self.new_patient, self.import_video, self.capture])
        tools.addSeparator()
        tools.addActions([self.analyse, self.export_report])
        window.addToolBar(tools)
        self.toolbar = tools

        for action in (self.edit_patient, self.import_video, self.capture):
            window.navigator.add_patient_action(action)
        for action in (self.analyse, self.export_report):
            window.navigator.add_recording_action(action)
        box = getattr(window.player, "privacy_box", None)
        if box is not None:
            box.toggled.connect(self.privacy.setChecked)
        self.privacy.setChecked(str(window.settings.value("view/privacy", "false")).lower() in ("true", "1"))

    # -- state ----------------------------------------------------------------------

    def update(self, window: "MainWindow") -> None:
        has_study = window.study is not None
        writable = has_study and not window.read_only_reason()
        patient = window.navigator.current_patient_id() is not None
        recording = window.navigator.current_recording_id() is not None
        for action in (self.new_patient, self.import_video, self.capture):
            action.setEnabled(writable)
        # never from a window that is read-only because another GaitScreen writes to the study
        self.restore_backup.setEnabled(writable or bool(window.opened and window.opened.damaged))
        self.edit_patient.setEnabled(writable and patient)
        self.visits.setEnabled(has_study and patient)
        self.analyse.setEnabled(writable and recording)
        self.analyse_patient.setEnabled(writable and patient)
        can_export = _exporter(window.panel("Report")) is not None
        self.export_report.setEnabled(recording and can_export)
        self.export_report.setToolTip(EXPORT_TIP if can_export else "Report export arrives with the Report panel")

    # -- slots ----------------------------------------------------------------------

    def choose_new_study(self) -> None:
        if messages.unattended():
            return
        folder = QFileDialog.getExistingDirectory(self.w, "New study: choose an empty folder")
        if folder:
            self.w.open_study(folder, create=True)

    def choose_open_study(self) -> None:
        if messages.unattended():
            return
        folder = QFileDialog.getExistingDirectory(self.w, "Open study folder")
        if folder:
            self.w.open_study(folder, create=False)

    def fill_recent(self) -> None:
        self.recent_menu.clear()
        for folder in self.w.recent.folders():
            action = self.recent_menu.addAction(folder)
            action.triggered.connect(lambda _c=False, f=folder: self.w.open_study(f, create=False))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("(none yet)").setEnabled(False)

    def ask_rater(self) -> None:
        if messages.unattended():
            return
        name, ok = QInputDialog.getText(self.w, "Rater name", "Your name (shown on labels and reports):",
                                        text=self.w.rater)
        if ok:
            self.w.set_rater(name)

    def set_privacy(self, on: bool) -> None:
        """Privacy view: the player hides the video picture and shows skeletons only."""
        self.w.settings.setValue("view/privacy", bool(on))
        box = getattr(self.w.player, "privacy_box", None)
        if box is not None and box.isChecked() != on:
            box.setChecked(on)

    def open_capture(self) -> None:
        w = self.w
        patient_id = w.navigator.current_patient_id()
        if patient_id is None:
            if not messages.ask_yes_no(w, "Capture", "A recording belongs to a patient, and no patient is "
                                       "selected.\nCreate a new patient now?", default=True):
                return
            patient_id = w.new_patient()
            if patient_id is None:
                return
        try:
            from .capture_dialog import CaptureDialog

            code = w.study.patient(patient_id).code
            dialog = CaptureDialog(Path(w.study_folder()) / "captures", w, file_stem=code)
        except Exception as exc:  # noqa: BLE001 - a camera stack that cannot start must not take the window down
            messages.show_error(w, "Cannot capture", f"The capture dialog could not start: {exc}")
            return
        # the capture is copied into videos/ like any import, then its temporary file goes
        dialog.recorded.connect(lambda result: w.import_flow.import_paths(
            [result.path], patient_id, copy=True, remove_source=True))
        w.run_dialog(dialog)

    def run_analysis(self, recording_id: Optional[int] = None, *, subject: Optional[int] = None) -> None:
        """Queue the screening of a recording (the selected one by default) as an engine job."""
        w = self.w
        recording_id = w.navigator.current_recording_id() if recording_id is None else recording_id
        if recording_id is None or not w._writable("analyse"):
            return
        name = w.study.recording(recording_id).original_name
        w.engine.submit(AnalyseJob(w.study_folder(), recording_id, subject=subject, name=name,
                                   rate_rule=preferred_rule(w.settings)))

    def run_patient_batch(self) -> None:
        w = self.w
        patient_id = w.navigator.current_patient_id()
        if patient_id is None or not w._writable("analyse"):
            return
        todo = [r.id for r in w.study.recordings(patient_id) if not w.study.status(r.id).analysed]
        if not todo:
            messages.show_info(w, "Nothing to analyse", "Every recording of this patient has an analysis.")
            return
        w.engine.submit(BatchJob(w.study_folder(), todo, rate_rule=preferred_rule(w.settings)))

    def after_import(self, recording_id: int, existing: bool) -> None:
        """Auto-analysis (a setting): a new recording is screened right after its import."""
        if self.auto_analyse.isChecked() and not existing and self.w.study is not None \
                and not self.w.read_only_reason():
            self.run_analysis(recording_id)

    def choose_subject(self, track_id: int) -> None:
        """The user clicked another person in the player: make them the patient and redo the analysis."""
        w = self.w
        recording_id = w.navigator.current_recording_id()
        if recording_id is None or not w._writable("change the patient in this video"):
            return
        pose = w.study.pose(recording_id)
        if pose is None or pose.subject_track_id == track_id:
            return
        # A bar under the video, not a dialog over it: the operator keeps seeing who they clicked.
        w.player.choice_bar.ask(track_id, f"Make person {track_id} the patient in this video? Their pose is "
                                "estimated again and the recording re-analysed.",
                                lambda: self.run_analysis(recording_id, subject=track_id))

    def run_export(self) -> None:
        report = self.w.panel("Report")
        export = _exporter(report)
        if export is not None:
            self.w.panels.setCurrentWidget(report)
            export()


def build_actions(window: "MainWindow") -> WindowActions:
    actions = WindowActions(window)
    actions.update(window)
    return actions
