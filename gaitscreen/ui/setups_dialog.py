"""The study's camera setups: list, new, change, rename, delete when unused; a recording's setup.

Rows and every change come from :mod:`gaitscreen.app.setups`; this module only shows
them. Menu entries for the main window and a recording's context menu are
:func:`add_setup_menu` and :func:`add_recording_setup_action` (the window owns the menus).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Optional

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gaitscreen.app import setups as S
from gaitscreen.core.errors import GaitScreenError

from . import messages
from .messages import RunDialog
from .calibration_dialog import CalibrationDialog, direction_label
from .retranslating import Retranslating

if TYPE_CHECKING:  # the concrete study; imported for types only
    from gaitscreen.storage import Study



class SetupsDialog(Retranslating, QDialog):
    """The setups of a study, with what each is used by (re-labelled when the language changes)."""

    BUTTONS = ("new", "edit", "rename", "delete")

    def __init__(self, parent: Optional[QWidget], study: "Study", *, run: RunDialog = messages.run_modal,
                 ask_name: Optional[Callable[[str], Optional[str]]] = None) -> None:
        super().__init__(parent)
        self.study, self._run = study, run
        self._ask_name = ask_name or self._name_dialog
        self.table = QTableWidget(0, 5)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self._message_text: Callable[[], str] = str  # the message line, worded again on a language change
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, slot in zip(self.BUTTONS, (self.new_setup, self.edit_setup, self.rename_setup, self.delete_setup)):
            self.buttons[key] = QPushButton()
            self.buttons[key].clicked.connect(slot)
            row.addWidget(self.buttons[key])
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table)
        lay.addLayout(row)
        lay.addWidget(self.message)
        lay.addWidget(close)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.rows = S.setup_rows(self.study)
        self.retranslate()

    def retranslate(self) -> None:
        """Title, column heads, buttons, the rows and the message line in the current language."""
        self.setWindowTitle(self.tr("Camera setups"))
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Walking direction"), self.tr("Course"),
                                              self.tr("Expected error"), self.tr("Recordings")])
        for key, text in zip(self.BUTTONS, (self.tr("New…"), self.tr("Change calibration…"), self.tr("Rename…"),
                                            self.tr("Delete"))):
            self.buttons[key].setText(text)
        self._fill_table()  # the rows as last read: a language change queries nothing
        self.message.setText(self._message_text())

    def _say(self, text: Callable[[], str]) -> None:
        """Show ``text()`` in the message line (asked again when the language changes)."""
        self._message_text = text
        self.message.setText(text())

    def refresh(self) -> None:
        """Read the setups again and show them."""
        self.rows = S.setup_rows(self.study)
        self._fill_table()

    def _fill_table(self) -> None:
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            course = "" if r.course_m is None else self.tr("{m:g} m").format(m=r.course_m)
            error = "" if r.position_error_cm is None else self.tr("± {cm:.1f} cm").format(cm=r.position_error_cm)
            for j, text in enumerate((r.setup.name, direction_label(r.walking_direction), course, error,
                                      str(r.recordings))):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self._update_buttons()

    def selected(self) -> Optional[S.SetupRow]:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def select(self, setup_id: int) -> None:
        """Redraw the table (a setup was added or changed) with ``setup_id`` selected."""
        self.refresh()
        for i, r in enumerate(self.rows):
            if r.setup.id == setup_id:
                self.table.selectRow(i)

    def _update_buttons(self) -> None:
        row = self.selected()
        for key in ("edit", "rename"):
            self.buttons[key].setEnabled(row is not None)
        self.buttons["delete"].setEnabled(row is not None and row.deletable)
        if row is not None and not row.deletable:
            self.buttons["delete"].setToolTip(self.tr("Used by %n recording(s): give them another setup first.", "",
                                                      row.recordings))
        else:
            self.buttons["delete"].setToolTip("")

    def new_setup(self) -> None:
        dialog = CalibrationDialog(self, self.study)
        if self._run(dialog) and dialog.saved is not None:
            self.select(dialog.saved.id)

    def edit_setup(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = CalibrationDialog(self, self.study, setup_id=row.setup.id)
        if self._run(dialog):
            self.select(row.setup.id)
            result = dialog.recompute
            self._say(lambda: recompute_text(result))

    def rename_setup(self) -> None:
        row = self.selected()
        if row is None:
            return
        name = self._ask_name(row.setup.name)
        if name is None:
            return
        try:
            S.change_setup(self.study, row.setup.id, name=name)
        except GaitScreenError as exc:
            why = str(exc)  # core text, worded when raised
            self._say(lambda: why)
            return
        self.select(row.setup.id)

    def delete_setup(self) -> None:
        row = self.selected()
        if row is None:
            return
        if not messages.ask_yes_no(self, self.tr("Delete camera setup"),
                                   self.tr("Delete the camera setup {name}?").format(name=row.setup.name)):
            return
        try:
            S.delete_setup(self.study, row.setup.id)
        except GaitScreenError as exc:
            why = str(exc)  # core text, worded when raised
            self._say(lambda: why)
            return
        self.refresh()

    def _name_dialog(self, current: str) -> Optional[str]:
        text, ok = QInputDialog.getText(self, self.tr("Rename camera setup"), self.tr("New name"), text=current)
        return text if ok else None


def recompute_text(result: Optional[S.RecomputeResult]) -> str:
    """What a recompute did, in one or two sentences for the dialog's message line."""
    if result is None or (not result.analyses and not result.skipped):
        return ""
    n = len(result.analyses)  # one line: lupdate skips a translate() call whose arguments run on
    text = QCoreApplication.translate("SetupsDialog", "Recomputed %n recording(s) with the new calibration.", "", n)
    if result.skipped:
        text += " " + QCoreApplication.translate("SetupsDialog", "Not recomputed: {which}.").format(
            which="; ".join(f"#{rid}: {why}" for rid, why in result.skipped.items()))
    return text


def choose_recording_setup(parent: Optional[QWidget], study: "Study", recording_id: int) -> Optional[S.RecomputeResult]:
    """Ask which setup a recording was made with, assign it and recompute (None: cancelled)."""
    setups = study.setups()
    items = [QCoreApplication.translate("SetupsDialog", "No setup (not calibrated)")] + [s.name for s in setups]
    current = study.recording(recording_id).setup_id
    index = messages.pick(parent, QCoreApplication.translate("SetupsDialog", "Camera setup"), QCoreApplication.translate("SetupsDialog", "Which camera setup was this recording made with?"), items)
    if index is None:
        return None
    chosen = None if index == 0 else setups[index - 1].id
    if chosen == current:
        return S.RecomputeResult()
    try:
        result = S.assign_setup(study, recording_id, chosen)
    except GaitScreenError as exc:
        messages.show_error(parent, QCoreApplication.translate("SetupsDialog", "Camera setup"), str(exc))
        return None
    text = recompute_text(result)
    if text:
        messages.show_info(parent, QCoreApplication.translate("SetupsDialog", "Camera setup"), text)
    return result


def add_setup_menu(menu: QMenu, parent: QWidget, study: Callable[[], Optional["Study"]]) -> None:
    """Add "Camera setups…" to ``menu`` (``study`` returns the open study, None when none is open)."""
    action = menu.addAction(QCoreApplication.translate("SetupsDialog", "Camera setups…"))

    def open_dialog() -> None:
        current = study()
        if current is None:
            messages.show_error(parent, QCoreApplication.translate("SetupsDialog", "Camera setups"), QCoreApplication.translate("SetupsDialog", "Open a study first."))
            return
        messages.run_modal(SetupsDialog(parent, current))

    action.triggered.connect(open_dialog)


def add_recording_setup_action(menu: QMenu, parent: QWidget, study: "Study", recording_id: int,
                               done: Optional[Callable[[], None]] = None) -> None:
    """Add "Camera setup…" to a recording's context menu; ``done`` runs after a change."""
    action = menu.addAction(QCoreApplication.translate("SetupsDialog", "Camera setup…"))

    def choose() -> None:
        if choose_recording_setup(parent, study, recording_id) is not None and done is not None:
            done()

    action.triggered.connect(choose)
