"""The navigator's context menu: rename and delete a recording or a patient (confirmed; the
files go to the study's trash, see :mod:`gaitscreen.app.study_manage`) and open the latest
exported report. What an action says back is shown in the navigator's hint line."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from gaitscreen.app import study_manage
from gaitscreen.core.errors import GaitScreenError

if TYPE_CHECKING:
    from gaitscreen.storage import Study

    from .navigator import StudyNavigator



def _t(text: str) -> str:
    """The navigator's texts, in its translation context (the menu entries it gains here)."""
    return QCoreApplication.translate("StudyNavigator", text)

def ask_text(parent: QWidget, title: str, label: str, text: str) -> str | None:
    """Ask for a new name (tests replace this); None when cancelled."""
    value, ok = QInputDialog.getText(parent, title, label, text=text)
    return value if ok else None


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Yes / No before something is deleted (tests replace this)."""
    answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def open_file(path: object) -> bool:
    from .report_panel import open_with_system_viewer
    return open_with_system_viewer(path)  # type: ignore[arg-type]


def _say(nav: StudyNavigator, text: str) -> None:
    nav.message = text
    nav.empty_hint.setText(text)
    nav.empty_hint.setVisible(bool(text))


def open_report(nav: StudyNavigator, recording_id: int) -> bool:
    """Open the recording's newest exported PDF; say why not when it cannot."""
    if nav.study is None:
        return False
    try:
        path = study_manage.latest_report_pdf(nav.study, recording_id)
    except GaitScreenError as exc:
        _say(nav, str(exc))
        return False
    if not open_file(path):
        _say(nav, _t("No PDF viewer opened {path}; open it from the study's reports folder.").format(path=path))
        return False
    return True


def _rename_recording(nav: StudyNavigator) -> None:
    _rename(nav, nav.current_recording_id(), _t("Rename recording"), _t("Name"),
            lambda study, rid: study.recording(rid).original_name, study_manage.rename_recording)


def _rename_patient(nav: StudyNavigator) -> None:
    _rename(nav, nav.current_patient_id(), _t("Rename patient"), _t("Pseudonymous code"),
            lambda study, pid: study.patient(pid).code, study_manage.rename_patient)


def _rename(nav: StudyNavigator, item_id: int | None, title: str, label: str,
            current: Callable[[Study, int], str], apply: Callable[[Study, int, str], object]) -> None:
    """Ask for the selected item's new name; apply it, saying why when the study refuses it."""
    if nav.study is None or item_id is None:
        return
    name = ask_text(nav, title, label, current(nav.study, item_id))
    if name is None:
        return
    try:
        apply(nav.study, item_id, name)
    except GaitScreenError as exc:
        _say(nav, str(exc))
        return
    nav.refresh()


def _delete(nav: StudyNavigator, what: str) -> None:
    study = nav.study
    item_id = nav.current_recording_id() if what == "recording" else nav.current_patient_id()
    if study is None or item_id is None:
        return
    if what == "recording":
        d = study_manage.recording_deletion(study, item_id)
        title = _t("Delete recording")
        text = _t("Delete the recording {name} with its {reports} report(s) and {labels} label(s)? Its files "
                      "go to the study's trash folder.").format(name=d.name, reports=d.reports, labels=d.labels)
    else:
        d = study_manage.patient_deletion(study, item_id)
        title = _t("Delete patient")
        text = _t("Delete the patient {name} with {recordings} recording(s), {visits} visit(s), {reports} "
                      "report(s) and {labels} label(s)? Their files go to the study's trash folder.").format(
            name=d.name, recordings=d.recordings, visits=d.visits, reports=d.reports, labels=d.labels)
    if not confirm(nav, title, text):
        return
    try:
        trash = (study_manage.delete_recording if what == "recording" else study_manage.delete_patient)(study, item_id)
    except GaitScreenError as exc:
        _say(nav, str(exc))
        return
    nav.refresh()
    _say(nav, _t("Deleted {name}; its files are in {trash}.").format(name=d.name, trash=trash))


def add_manage_actions(nav: StudyNavigator) -> list[QAction]:
    """The context-menu actions rename / delete / open the latest report, added to ``nav``'s lists."""
    made = []
    for label, target, slot in (
            (_t("Open latest report"), "recording",
             lambda: nav.current_recording_id() is not None and open_report(nav, nav.current_recording_id())),
            (_t("Rename recording…"), "recording", lambda: _rename_recording(nav)),
            (_t("Delete recording…"), "recording", lambda: _delete(nav, "recording")),
            (_t("Rename patient…"), "patient", lambda: _rename_patient(nav)),
            (_t("Delete patient…"), "patient", lambda: _delete(nav, "patient"))):
        action = QAction(label, nav)
        action.triggered.connect(slot)
        (nav.add_recording_action if target == "recording" else nav.add_patient_action)(action)
        made.append(action)
    return made
