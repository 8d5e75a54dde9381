"""The main window: composes the navigator, the player, the panel dock and the status bar.

It owns the study handle the widgets read from (writable unless another
GaitScreen holds the study, then read-only with a notice in the title and status
bar), gives the engine's worker its own connection to the same study, and turns
menu/toolbar actions (:mod:`.window_actions`, given what they need as
:class:`~.window_actions.WindowParts`) into dialogs or engine jobs. The panels
(Annotate, Analysis, Report) go into the right dock through :meth:`add_panel` and
follow the window's ``study_changed`` / ``recording_changed`` signals. A study
without recordings shows the getting-started panel in place of the player.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QStackedWidget, QTabWidget, QWidget

from gaitscreen.app.first_start import first_steps
from gaitscreen.core.errors import GaitScreenError
from gaitscreen.storage import Study

from . import messages
from .analysis_tabs import attach_analysis_tabs
from .annotation_tab import attach_annotation_tab
from .app import make_settings
from .getting_started import GettingStarted
from .import_flow import ImportFlow
from .navigator import StudyNavigator
from .patient_dialog import add_patient_with_dialog, edit_patient_with_dialog
from .player import PlayerWidget
from .restore_flow import offer_recovery, restore_from_backup
from .status import JobStatus
from .study_session import (OpenedStudy, RecentStudies, StudyDamagedError, open_for_window, player_data,
                            startup_folder, window_texts)
from .user_guide_view import UserGuideView
from .view3d_dock import attach_view3d
from .visit_dialog import show_visits
from .window_actions import WindowParts, build_actions
from .retranslating import Retranslating


class MainWindow(Retranslating, QMainWindow):
    """GaitScreen's main window (see the module docstring)."""

    study_changed = Signal(object)  # the Study handle, or None
    recording_changed = Signal(int)  # recording id, -1 for none
    rater_changed = Signal(str)

    def __init__(self, engine: Any, *, settings: Optional[QSettings] = None,
                 study_folder: Optional[Path | str] = None) -> None:
        super().__init__()
        self.engine = engine
        self.settings = settings or make_settings()
        self.recent = RecentStudies(self.settings)
        self.opened: Optional[OpenedStudy] = None
        self.setObjectName("GaitScreenMainWindow")
        self.resize(1400, 860)

        self.player = PlayerWidget(self)
        self.centre = QStackedWidget()  # the player, or the getting-started panel of an empty study
        self.centre.addWidget(self.player)
        self.setCentralWidget(self.centre)
        self.navigator = StudyNavigator()
        self.navigator.setMinimumWidth(220)
        self.navigator_dock = self._dock("navigator", self.navigator, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.panels = QTabWidget()
        self.panels.setDocumentMode(True)
        self.panels.setMinimumWidth(260)
        self._panels: dict[str, QWidget] = {}  # name → widget; the tab shows the name translated
        self.panels_dock = self._dock("panels", self.panels, Qt.DockWidgetArea.RightDockWidgetArea)
        self.guide: Optional[UserGuideView] = None

        # permanent: a status tip or a job message never hides which study is open
        self.study_label = QLabel()
        self.statusBar().addPermanentWidget(self.study_label)
        self.job_status = JobStatus()
        self.job_status.attach(engine)
        self.statusBar().addPermanentWidget(self.job_status)

        self.import_flow = ImportFlow(self, engine, self.settings, study=lambda: self.study,
                                      read_only_reason=self.read_only_reason, create_patient=self.new_patient)
        self.import_flow.imported.connect(self._on_imported)
        self.import_flow.accept_drops(self, self.import_videos)
        self.actions_ = build_actions(WindowParts(
            window=self, engine=engine, settings=self.settings, navigator=self.navigator, player=self.player,
            import_flow=self.import_flow, recent=self.recent, study=lambda: self.study,
            study_folder=self.study_folder, read_only_reason=self.read_only_reason,
            damaged=lambda: bool(self.opened and self.opened.damaged), writable=self._writable,
            open_study=self.open_study, rater=lambda: self.rater, set_rater=self.set_rater,
            # late-bound: tests replace run_dialog on the window to fill dialogs without blocking
            new_patient=lambda: self.new_patient(), edit_patient=lambda: self.edit_patient(),
            run_dialog=lambda dialog: self.run_dialog(dialog),
            restore_backup=lambda: restore_from_backup(self), show_visits=lambda: show_visits(self),
            report_panel=lambda: self.panel("Report"), show_panel=self.panels.setCurrentWidget,
            show_guide=self.show_guide,
            dock_toggles=[self.navigator_dock.toggleViewAction(), self.panels_dock.toggleViewAction()]))
        self.getting_started = GettingStarted(new_patient=lambda: self.new_patient(),
                                              import_video=self.actions_.choose_videos,
                                              capture=self.actions_.open_capture, show_guide=self.show_guide)
        self.centre.addWidget(self.getting_started)
        self.navigator.recording_selected.connect(self._on_recording)
        self.navigator.patient_selected.connect(self._on_patient)
        self.import_flow.imported.connect(self.actions_.after_import)
        self.player.subject_clicked.connect(self.actions_.choose_subject)
        engine.job_finished.connect(self._on_job_finished)
        engine.job_failed.connect(self._on_job_failed)

        geometry, state = self.settings.value("window/geometry"), self.settings.value("window/state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is None or not self.restoreState(state):
            self.resizeDocks([self.navigator_dock, self.panels_dock], [300, 440], Qt.Orientation.Horizontal)
        first = startup_folder(self.settings, study_folder)
        if not self.open_study(first) and study_folder is None and first != Study.default_folder():
            self.open_study(Study.default_folder())  # the last study is gone bad: the default one instead
        self.annotation = attach_annotation_tab(self)
        self.analysis, self.report = attach_analysis_tabs(self)
        self.view3d = attach_view3d(self)  # hidden until a recording has a lifted 3-D skeleton
        self.annotation.blinded_changed.connect(self._apply_blinding)
        self.annotation.label_committed.connect(lambda *_: self.navigator.refresh())  # label counts
        self.rater_changed.connect(self._apply_blinding)
        self._apply_blinding()
        self.analysis.action_requested.connect(self._on_analysis_action)
        self.retranslate()

    # -- composition ----------------------------------------------------------------

    def _dock(self, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(self)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _panel_title(self, name: str) -> str:
        titles = {"Annotate": self.tr("Annotate"), "Analysis": self.tr("Analysis"), "Report": self.tr("Report")}
        return titles.get(name, name)

    def add_panel(self, name: str, widget: QWidget) -> None:
        """Put ``widget`` in the right dock as tab ``name`` (after the others; replacing one of that name)."""
        old = self._panels.get(name)
        self._panels[name] = widget
        if old is None:
            self.panels.addTab(widget, self._panel_title(name))
            return
        index = self.panels.indexOf(old)
        self.panels.removeTab(index)
        self.panels.insertTab(index, widget, self._panel_title(name))
        old.deleteLater()

    def panel(self, name: str) -> Optional[QWidget]:
        return self._panels.get(name)

    def retranslate(self) -> None:
        """The window's fixed texts in the current language (also after a language change)."""
        self.navigator_dock.setWindowTitle(self.tr("Study"))
        self.panels_dock.setWindowTitle(self.tr("Panels"))
        for name, widget in self._panels.items():
            self.panels.setTabText(self.panels.indexOf(widget), self._panel_title(name))
        self.actions_.retranslate()
        self._show_study_texts()
        self._apply_blinding()


    def show_guide(self, section: str = "") -> None:
        """Help → User guide (and the getting-started panel's links): the guide, at ``section``."""
        if self.guide is None:
            self.guide = UserGuideView(self)
        self.guide.show_section(section)

    def _show_study_texts(self) -> None:
        title, status = window_texts(self.opened)
        self.setWindowTitle(title)
        self.study_label.setText(status)
        self.study_label.setToolTip(status)
        read_only = bool(self.opened and self.opened.read_only)
        self.study_label.setStyleSheet("color: #c62828; font-weight: bold;" if read_only else "")

    def update_getting_started(self) -> None:
        """The getting-started panel in place of the player while the open study has no recording."""
        state = first_steps(self.study, writable=not self.read_only_reason())
        self.getting_started.set_state(state)
        self.centre.setCurrentWidget(self.getting_started if state.show else self.player)

    # -- study ----------------------------------------------------------------------

    @property
    def study(self) -> Optional[Study]:
        return self.opened.study if self.opened else None

    def study_folder(self) -> Optional[Path]:
        return self.opened.folder if self.opened else None

    def read_only_reason(self) -> str:
        return self.opened.notice if self.opened and self.opened.read_only else ""

    @property
    def rater(self) -> str:
        return str(self.settings.value("rater", "") or "")

    def set_rater(self, name: str) -> None:
        self.settings.setValue("rater", name.strip())
        self._set_worker_study()
        self.rater_changed.emit(name.strip())

    def _set_worker_study(self) -> None:
        """Give the engine's worker its own writable connection to the open study (none if read-only)."""
        factory = None
        if self.opened is not None and not self.opened.read_only:
            folder, user = self.opened.folder, self.rater
            factory = lambda: Study.open(folder, create=False, user=user)  # noqa: E731
        self.engine.set_resource_factory("study", factory)

    def open_study(self, folder: Path | str, *, create: bool = True, read_only: bool = False) -> bool:
        """Switch to the study in ``folder``; on failure show why and keep the current one
        (a lost or damaged database: offer to restore a backup or to open it read-only)."""
        if self.opened and not self.opened.read_only and Path(folder).expanduser().resolve() == \
                self.opened.folder.resolve():
            return True
        if not self._jobs_stopped(self.tr("Switch study"), self.tr("Jobs are still running on this study. "
                                                                  "Cancel them and switch?")):
            return False
        try:
            opened = open_for_window(folder, user=self.rater, create=create, read_only=read_only)
        except StudyDamagedError as exc:
            return offer_recovery(self, Path(folder).expanduser(), exc)
        except (GaitScreenError, OSError) as exc:
            messages.show_error(self, self.tr("Cannot open the study"), str(exc))
            return False
        previous, self.opened = self.opened, opened
        self._set_worker_study()
        self.settings.setValue("last_study", str(opened.folder))
        self.recent.add(opened.folder)
        self.player.clear()
        self.recording_changed.emit(-1)  # the docks that follow the recording (3-D view, Marks) let go of it
        self.navigator.set_study(opened.study)
        self._show_study_texts()
        self.actions_.update()
        self.update_getting_started()
        self.study_changed.emit(opened.study)
        if previous is not None:  # closed once nothing holds it any more
            previous.study.close()
        return True

    def close_study(self) -> bool:
        """Close the open study (cancelling its jobs, after asking); False when the user keeps it."""
        if self.opened is None:
            return True
        if not self._jobs_stopped(self.tr("Close the study"), self.tr("Jobs are still running on this study. "
                                                                     "Cancel them and close it?")):
            return False
        closing, self.opened = self.opened, None
        # Every holder lets go of the study before its handle closes (a later language change or
        # refresh must find nothing to query): the player, the navigator, the panels that follow
        # study_changed, and the docks that follow recording_changed (3-D view, Marks).
        self.player.clear()
        self.navigator.set_study(None)
        self._set_worker_study()
        self.study_changed.emit(None)
        self.recording_changed.emit(-1)
        closing.study.close()
        self._show_study_texts()
        self.actions_.update()
        self.update_getting_started()
        return True

    def _jobs_stopped(self, title: str, question: str) -> bool:
        """True when no job runs on the study, or the user agreed to cancel them (then they are)."""
        if self.engine.running() or self.engine.pending():
            if not messages.ask_yes_no(self, title, question):
                return False
            self.engine.cancel_all()
        return True

    # -- patients -------------------------------------------------------------------

    def new_patient(self) -> Optional[int]:
        """Dialog, then the patient is added and selected; returns its id (None: cancelled)."""
        if not self._writable(self.tr("add a patient")):
            return None
        patient = add_patient_with_dialog(self, self.study, self.run_dialog)
        if patient is not None:
            self.navigator.refresh()
            self.navigator.select_patient(patient.id)
            self.update_getting_started()
        return patient.id if patient else None

    def edit_patient(self) -> None:
        patient_id = self.navigator.current_patient_id()
        if patient_id is not None and self._writable(self.tr("edit the patient")):
            if edit_patient_with_dialog(self, self.study, patient_id, self.run_dialog) is not None:
                self.navigator.refresh()

    def run_dialog(self, dialog: Any) -> bool:
        """Run a modal dialog; tests replace this to fill and accept dialogs without blocking."""
        return messages.run_modal(dialog)

    def _writable(self, what: str) -> bool:
        if self.study is None:
            messages.show_error(self, self.tr("No study"), self.tr("Open a study first to {what}.").format(what=what))
            return False
        if self.read_only_reason():
            messages.show_error(self, self.tr("Study is read-only"), self.tr("Cannot {what}: this study is {reason}.").format(
                what=what, reason=self.read_only_reason()))
            return False
        return True

    # -- recordings -----------------------------------------------------------------

    def import_videos(self, paths: list[str | Path]) -> list[int]:
        """Import ``paths`` for the selected patient in the background; returns job ids."""
        return self.import_flow.import_paths(paths, self.navigator.current_patient_id())

    def _on_imported(self, recording_id: int, _existing: bool) -> None:
        self.navigator.refresh()
        self.update_getting_started()
        recording = self.study.recording(recording_id) if self.study else None
        if recording is not None and self.navigator.select_patient(recording.patient_id):
            self.navigator.select_recording(recording_id)

    def _on_job_finished(self, _job_id: int, result: Any) -> None:
        self.navigator.refresh()
        self.update_getting_started()
        current = self.navigator.current_recording_id()
        if current is not None and getattr(result, "recording_id", None) == current and result.pose_ran:
            self._on_recording(current)  # a new pose stage: show the new skeleton

    def _apply_blinding(self, *_: Any) -> None:
        """A rater labelling blinded does not see the model's results (no rater name: nobody labels)."""
        blinded = self.annotation.blinded and bool(self.rater)
        self.analysis.set_blinded(blinded)
        self.navigator.set_blinded(self.rater if blinded else "")
        index = self.panels.indexOf(self.report)
        self.panels.setTabEnabled(index, not blinded)  # the report shows the model's result
        self.panels.setTabToolTip(index, self.tr("Hidden while you label blinded") if blinded else "")

    def _on_analysis_action(self) -> None:
        """The Analysis tab's button: end blinding, or analyse the recording it has no results for."""
        if self.annotation.blinded:
            self.annotation.set_blinded(False)
        else:
            self.actions_.run_analysis()

    def _on_job_failed(self, _job_id: int, message: str) -> None:
        self.navigator.refresh()
        self.statusBar().showMessage(self.tr("Job failed: {message}").format(message=message), 15000)

    def _on_patient(self, _patient_id: int) -> None:
        self.actions_.update()
        if self.navigator.current_recording_id() is None:
            self.player.clear()
            self.recording_changed.emit(-1)

    def _on_recording(self, recording_id: int) -> None:
        self.actions_.update()
        self.update_getting_started()
        if self.study is None:
            return
        try:
            video, overlay = player_data(self.study, recording_id)
            self.player.load(video, **overlay)
        except (GaitScreenError, OSError) as exc:
            self.player.clear()
            messages.show_error(self, self.tr("Cannot show the recording"), str(exc))
        self.recording_changed.emit(recording_id)

    # -- window events --------------------------------------------------------------

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()
        self.engine.cancel_all()
        self.player.shutdown()
        self.navigator.set_study(None)
        if self.opened is not None:
            self.opened.study.close()
            self.opened = None
        self._set_worker_study()
        self.study_changed.emit(None)
        super().closeEvent(event)
