"""Menus, toolbar and their actions for the main window (kept apart to keep it short).

:func:`build_actions` creates every ``QAction``, puts them into the menu bar, the
toolbar and the navigator's context menus, and returns a :class:`WindowActions`
whose :meth:`~WindowActions.update` enables them after the window's state
(study open, writable, patient / recording selected). The actions get what they
need passed in as :class:`WindowParts` (objects and callables), so this module
never imports the main window. Other modules add their entries to
``WindowActions.menus[...]`` ("file", "patient", "recording", "models", "view",
"help") with a small function of their own, like ``add_rate_rule_menu``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMainWindow, QMenu, QStyle, QToolBar, QWidget

from gaitscreen import __version__
from gaitscreen.app.analyse import unanalysed_recordings
from gaitscreen.engine.jobs import AnalyseJob, BatchJob

from . import messages
from .lifter_pref import LifterChoice
from .rate_rule_pref import add_rate_rule_menu, preferred_rule
from .language_pref import add_language_menu
from .setups_dialog import add_setup_menu

if TYPE_CHECKING:  # pragma: no cover - types only
    from gaitscreen.storage import Study

    from .import_flow import ImportFlow
    from .navigator import StudyNavigator
    from .study_session import RecentStudies


def _tr(text: str) -> str:
    return QCoreApplication.translate("WindowActions", text)


def about_text() -> str:
    return _tr("<b>GaitScreen {version}</b><br>Sarcopenia risk screening from a video of tandem walking.<br><br>"
               "Licence: GNU Affero General Public License v3.0 or later (AGPL-3.0-or-later).<br><br>"
               "<b>Not a medical device.</b> The bundled stability model is trained on <i>synthetic</i> "
               "skeletons, not on patients: it demonstrates the workflow and is not a validated clinical model. "
               "Train on rater-annotated clips or load a validated checkpoint for real use.").format(
                   version=__version__)


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


@dataclass
class WindowParts:
    """What the actions need from the window, passed in (the actions read no window attributes)."""

    window: QMainWindow  # parent of the actions, the menu bar, the toolbar and dialogs
    engine: Any
    settings: QSettings
    navigator: StudyNavigator
    player: Any
    import_flow: ImportFlow
    recent: RecentStudies
    study: Callable[[], Optional[Study]]
    study_folder: Callable[[], Optional[Path]]
    read_only_reason: Callable[[], str]
    damaged: Callable[[], bool]  # opened read-only on purpose because its database is damaged
    writable: Callable[[str], bool]  # says why not (a message) and returns False
    open_study: Callable[..., bool]
    rater: Callable[[], str]
    set_rater: Callable[[str], None]
    new_patient: Callable[[], Optional[int]]
    edit_patient: Callable[[], None]
    run_dialog: Callable[[Any], bool]
    restore_backup: Callable[[], None]
    show_visits: Callable[[], None]
    report_panel: Callable[[], Optional[QWidget]]
    show_panel: Callable[[QWidget], None]
    show_guide: Callable[[], None]
    dock_toggles: list[QAction] = field(default_factory=list)


class WindowActions:
    """The window's actions, menus and toolbar (see the module docstring)."""

    def __init__(self, parts: WindowParts) -> None:
        self.p = parts
        window = parts.window
        style = window.style()
        SP = QStyle.StandardPixmap

        def act(slot: Callable[[], Any], *, shortcut: Any = None, icon: Optional[QStyle.StandardPixmap] = None,
                theme: str = "") -> QAction:
            action = QAction(window)
            if icon is not None:
                action.setIcon(QIcon.fromTheme(theme, style.standardIcon(icon)) if theme else style.standardIcon(icon))
            if shortcut is not None:
                action.setShortcut(shortcut)
            action.triggered.connect(lambda _checked=False: slot())
            return action

        self.new_study = act(self.choose_new_study, icon=SP.SP_FileDialogNewFolder)
        self.open_study = act(self.choose_open_study, shortcut=QKeySequence.StandardKey.Open, icon=SP.SP_DirOpenIcon)
        self.import_video = act(self.choose_videos, shortcut="Ctrl+I", icon=SP.SP_ArrowDown, theme="document-import")
        self.capture = act(self.open_capture)
        self.capture.setIcon(QIcon.fromTheme("camera-video", record_icon()))
        self.copy_videos = QAction(window, checkable=True)
        self.copy_videos.setChecked(parts.import_flow.copy)
        self.copy_videos.toggled.connect(lambda on: setattr(parts.import_flow, "copy", on))
        self.auto_analyse = QAction(window, checkable=True)
        self.auto_analyse.setChecked(str(parts.settings.value("import/auto_analyse", "true")).lower() in ("true", "1"))
        self.auto_analyse.toggled.connect(lambda on: parts.settings.setValue("import/auto_analyse", bool(on)))
        self.restore_backup = act(parts.restore_backup)
        self.rater = act(self.ask_rater)
        self.quit = act(window.close, shortcut=QKeySequence.StandardKey.Quit)
        self.new_patient = act(parts.new_patient, shortcut="Ctrl+N", icon=SP.SP_FileIcon, theme="contact-new")
        self.edit_patient = act(parts.edit_patient)
        self.visits = act(parts.show_visits)
        self.analyse = act(self.run_analysis, shortcut="Ctrl+R", icon=SP.SP_MediaSeekForward)
        self.analyse_patient = act(self.run_patient_batch)
        self.export_report = act(self.run_export, shortcut="Ctrl+E", icon=SP.SP_DialogSaveButton)
        self.privacy = QAction(window, checkable=True)
        self.privacy.toggled.connect(self.set_privacy)
        self.user_guide = act(parts.show_guide, shortcut=QKeySequence.StandardKey.HelpContents,
                              icon=SP.SP_DialogHelpButton, theme="help-contents")
        self.about = act(lambda: messages.show_info(window, _tr("About GaitScreen"), about_text()))

        bar = window.menuBar()
        self.menus: dict[str, QMenu] = {key: bar.addMenu("") for key in
                                        ("file", "patient", "recording", "models", "view", "help")}
        file_menu = self.menus["file"]
        file_menu.addActions([self.new_study, self.open_study])
        self.recent_menu = file_menu.addMenu("")
        self.recent_menu.aboutToShow.connect(self.fill_recent)
        file_menu.addAction(self.restore_backup)
        file_menu.addSeparator()
        file_menu.addActions([self.import_video, self.capture, self.copy_videos, self.auto_analyse])
        file_menu.addSeparator()
        file_menu.addActions([self.rater, self.quit])
        self.menus["patient"].addActions([self.new_patient, self.edit_patient, self.visits])
        recording_menu = self.menus["recording"]
        recording_menu.addActions([self.analyse, self.analyse_patient, self.export_report])
        recording_menu.addSeparator()
        self.rate_rules = add_rate_rule_menu(recording_menu, parts.settings)
        add_setup_menu(recording_menu, window, parts.study)
        self.lifter = LifterChoice(self.menus["models"], window, parts.engine, parts.settings)
        self.menus["view"].addActions(parts.dock_toggles)
        self.menus["view"].addSeparator()
        self.menus["view"].addAction(self.privacy)
        self.language = add_language_menu(self.menus["view"], parts.settings)  # View → Language
        self.menus["help"].addActions([self.user_guide, self.about])

        tools = QToolBar(window)
        tools.setObjectName("toolbar_main")
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tools.addActions([self.new_patient, self.import_video, self.capture])
        tools.addSeparator()
        tools.addActions([self.analyse, self.export_report])
        window.addToolBar(tools)
        self.toolbar = tools

        for action in (self.edit_patient, self.import_video, self.capture):
            parts.navigator.add_patient_action(action)
        for action in (self.analyse, self.export_report):
            parts.navigator.add_recording_action(action)
        box = getattr(parts.player, "privacy_box", None)
        if box is not None:
            box.toggled.connect(self.privacy.setChecked)
        self.privacy.setChecked(str(parts.settings.value("view/privacy", "false")).lower() in ("true", "1"))
        self.retranslate()

    # -- texts ----------------------------------------------------------------------

    def retranslate(self) -> None:
        """Every action's and menu's text in the current language (called again on a language change)."""
        texts: dict[QAction, tuple[str, str]] = {
            self.new_study: (_tr("&New study…"), _tr("Create a study in a new folder")),
            self.open_study: (_tr("&Open study…"), _tr("Open an existing study folder")),
            self.import_video: (_tr("&Import video…"),
                                _tr("Import one or more videos for the selected patient (or drop them on the window)")),
            self.capture: (_tr("&Capture…"), _tr("Record a walk with a camera for the selected patient")),
            self.copy_videos: (_tr("Copy imported videos into the study"),
                               _tr("Off: the study refers to the video where it is (it must stay there)")),
            self.auto_analyse: (_tr("Analyse recordings after import"),
                                _tr("Queue pose estimation and screening as soon as a video is imported")),
            self.restore_backup: (_tr("Restore &backup…"),
                                  _tr("Replace the study's database with one of its automatic backups")),
            self.rater: (_tr("&Rater name…"), _tr("Your name as it appears on labels and reports")),
            self.quit: (_tr("&Quit"), ""),
            self.new_patient: (_tr("&New patient…"), _tr("Add a patient (pseudonymous code)")),
            self.edit_patient: (_tr("&Edit patient…"), _tr("Change the selected patient's data")),
            self.visits: (_tr("&Visits and measurements…"),
                          _tr("The selected patient's visits: add a visit and its manual measurements")),
            self.analyse: (_tr("&Analyse"), _tr("Estimate the pose and screen the selected recording")),
            self.analyse_patient: (_tr("Analyse &all of this patient's recordings"),
                                   _tr("Queue every recording of the selected patient that has no analysis yet")),
            self.export_report: (_tr("&Export report…"), _tr("Write the selected recording's screening report (PDF)")),
            self.privacy: (_tr("&Privacy view"),
                           _tr("Hide the video picture (skeletons only), e.g. while sharing the screen")),
            self.user_guide: (_tr("&User guide"), _tr("How to screen a patient with GaitScreen, step by step")),
            self.about: (_tr("&About GaitScreen"), ""),
        }
        for action, (text, tip) in texts.items():
            action.setText(text)
            action.setToolTip(tip or text.replace("&", ""))
            action.setStatusTip(tip)
        titles = {"file": _tr("&File"), "patient": _tr("&Patient"), "recording": _tr("&Recording"),
                  "models": _tr("&Models"), "view": _tr("&View"), "help": _tr("&Help")}
        for key, title in titles.items():
            self.menus[key].setTitle(title)
        self.recent_menu.setTitle(_tr("Recent studies"))
        self.toolbar.setWindowTitle(_tr("Main toolbar"))
        self.update()

    # -- state ----------------------------------------------------------------------

    def update(self) -> None:
        p = self.p
        has_study = p.study() is not None
        writable = has_study and not p.read_only_reason()
        patient = p.navigator.current_patient_id() is not None
        recording = p.navigator.current_recording_id() is not None
        for action in (self.new_patient, self.import_video, self.capture):
            action.setEnabled(writable)
        # never from a window that is read-only because another GaitScreen writes to the study
        self.restore_backup.setEnabled(writable or p.damaged())
        self.edit_patient.setEnabled(writable and patient)
        self.visits.setEnabled(has_study and patient)
        self.analyse.setEnabled(writable and recording)
        self.analyse_patient.setEnabled(writable and patient)
        can_export = _exporter(p.report_panel()) is not None
        self.export_report.setEnabled(recording and can_export)
        self.export_report.setToolTip(_tr("Write the selected recording's screening report (PDF)") if can_export
                                      else _tr("Report export arrives with the Report panel"))

    # -- slots ----------------------------------------------------------------------

    def choose_new_study(self) -> None:
        self._choose_study(_tr("New study: choose an empty folder"), create=True)

    def choose_open_study(self) -> None:
        self._choose_study(_tr("Open study folder"), create=False)

    def _choose_study(self, title: str, *, create: bool) -> None:
        if messages.unattended():
            return
        folder = QFileDialog.getExistingDirectory(self.p.window, title)
        if folder:
            self.p.open_study(folder, create=create)

    def choose_videos(self) -> None:
        self.p.import_flow.choose_files(self.p.navigator.current_patient_id())

    def fill_recent(self) -> None:
        self.recent_menu.clear()
        for folder in self.p.recent.folders():
            action = self.recent_menu.addAction(folder)
            action.triggered.connect(lambda _c=False, f=folder: self.p.open_study(f, create=False))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(_tr("(none yet)")).setEnabled(False)

    def ask_rater(self) -> None:
        if messages.unattended():
            return
        name, ok = QInputDialog.getText(self.p.window, _tr("Rater name"),
                                        _tr("Your name (shown on labels and reports):"), text=self.p.rater())
        if ok:
            self.p.set_rater(name)

    def set_privacy(self, on: bool) -> None:
        """Privacy view: the player hides the video picture and shows skeletons only."""
        self.p.settings.setValue("view/privacy", bool(on))
        box = getattr(self.p.player, "privacy_box", None)
        if box is not None and box.isChecked() != on:
            box.setChecked(on)

    def open_capture(self) -> None:
        p = self.p
        patient_id = p.navigator.current_patient_id()
        if patient_id is None:
            if not messages.ask_yes_no(p.window, _tr("Capture"), _tr("A recording belongs to a patient, and no "
                                       "patient is selected.\nCreate a new patient now?"), default=True):
                return
            patient_id = p.new_patient()
            if patient_id is None:
                return
        try:
            from .capture_dialog import CaptureDialog

            code = p.study().patient(patient_id).code
            dialog = CaptureDialog(Path(p.study_folder()) / "captures", p.window, file_stem=code,
                                   setups=p.study().setups())
        except Exception as exc:  # noqa: BLE001 - a camera stack that cannot start must not take the window down
            messages.show_error(p.window, _tr("Cannot capture"),
                                _tr("The capture dialog could not start: {error}").format(error=exc))
            return
        # the capture is copied into videos/ like any import, then its temporary file goes
        def imported(result) -> None:  # the chosen camera setup goes to the recording once it is imported
            self._capture_setup = dialog.chosen_setup_id
            p.import_flow.import_paths([result.path], patient_id, copy=True, remove_source=True)

        dialog.recorded.connect(imported)
        p.run_dialog(dialog)

    def run_analysis(self, recording_id: Optional[int] = None, *, subject: Optional[int] = None) -> None:
        """Queue the screening of a recording (the selected one by default) as an engine job."""
        p = self.p
        recording_id = p.navigator.current_recording_id() if recording_id is None else recording_id
        if recording_id is None or not p.writable(_tr("analyse")):
            return
        name = p.study().recording(recording_id).original_name
        p.engine.submit(AnalyseJob(p.study_folder(), recording_id, subject=subject, name=name,
                                   rate_rule=preferred_rule(p.settings)))

    def run_patient_batch(self) -> None:
        p = self.p
        patient_id = p.navigator.current_patient_id()
        if patient_id is None or not p.writable(_tr("analyse")):
            return
        todo = unanalysed_recordings(p.study(), patient_id)
        if not todo:
            messages.show_info(p.window, _tr("Nothing to analyse"),
                               _tr("Every recording of this patient has an analysis."))
            return
        p.engine.submit(BatchJob(p.study_folder(), todo, rate_rule=preferred_rule(p.settings)))

    def after_import(self, recording_id: int, existing: bool) -> None:
        """A capture's camera setup is named first; then auto-analysis (a setting) screens a new recording."""
        setup_id, self._capture_setup = getattr(self, "_capture_setup", None), None
        if setup_id is not None and not existing and self.p.study() is not None and not self.p.read_only_reason():
            from gaitscreen.app.setups import assign_setup

            assign_setup(self.p.study(), recording_id, setup_id)
        if self.auto_analyse.isChecked() and not existing and self.p.study() is not None \
                and not self.p.read_only_reason():
            self.run_analysis(recording_id)

    def choose_subject(self, track_id: int) -> None:
        """The user clicked another person in the player: make them the patient and redo the analysis."""
        p = self.p
        recording_id = p.navigator.current_recording_id()
        if recording_id is None or not p.writable(_tr("change the patient in this video")):
            return
        pose = p.study().pose(recording_id)
        if pose is None or pose.subject_track_id == track_id:
            return
        # A bar under the video, not a dialog over it: the operator keeps seeing who they clicked.
        # The bar words the question itself, so a language change asks it again in the new language.
        p.player.choice_bar.ask(track_id, on_confirm=lambda: self.run_analysis(recording_id, subject=track_id))

    def run_export(self) -> None:
        report = self.p.report_panel()
        export = _exporter(report)
        if export is not None:
            self.p.show_panel(report)
            export()


def build_actions(parts: WindowParts) -> WindowActions:
    return WindowActions(parts)
