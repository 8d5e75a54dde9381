"""The "Annotate" panel: raters label 3-s clips with one key each.

The rater names themselves once (the name is kept by the provider the window
passes, QSettings in the application). The panel lists the current
recording's clips, or a study-wide queue of the clips this rater has not
labelled, loops the current clip in the player and labels it with **S**
(stable), **U** (unstable) or **X** (unusable); **Space** replays, **N**/**P** go to
the next/previous clip, **Ctrl+Z** / **Ctrl+Shift+Z** undo/redo. The keys are
``QShortcut``s with a widget-with-children context on the clip list page and
on the player, so they work while either has focus but not elsewhere (not on the
Agreement tab), and never while the focus is in a text field (the field gets
the key). On the player, Space stays the player's own play/pause.

Each label is written to the study the moment it is given (``Study.set_label``,
which stamps rater and time and writes the audit log). Those writes run on the
UI thread's own ``Study`` connection on purpose: a label is one single-row
transaction of a few milliseconds, SQLite connections must stay in their
thread, and routing it through the job queue would delay the label behind a
long pose job and lose the "written the moment it is given" guarantee.

Blinded mode (default on, remembered in QSettings) shows neither the model's
clip predictions nor the other raters' labels; the "Agreement" tab follows it
(see :mod:`gaitscreen.ui.agreement_view`). Turning it off asks first and is audited.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Optional, Union

from PySide6.QtCore import QSettings, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton, QTableWidgetItem, QTabWidget,
                               QVBoxLayout, QWidget)

from gaitscreen.app.annotation_rows import ClipRow, load_rows
from gaitscreen.core.errors import GaitScreenError

from . import messages
from .agreement_view import AgreementView, make_table
from .annotation_rows import ClipPlayer, LabelCommand, confirm_unblinding, setting_bool, typing_in_text_field

if TYPE_CHECKING:  # the concrete study; imported for types only
    from gaitscreen.storage import Study

LABEL_KEYS = {"S": "stable", "U": "unstable", "X": "unusable"}
SETTING_BLINDED = "annotation/blinded"
SETTING_ADVANCE = "annotation/auto_advance"
COLUMNS = ("Recording", "#", "Time", "My label", "Model", "P(unstable)", "Other raters")
COL_RECORDING, COL_INDEX, COL_TIME, COL_MINE, COL_MODEL, COL_P, COL_OTHERS = range(len(COLUMNS))
UNBLINDED_COLUMNS = (COL_MODEL, COL_P, COL_OTHERS)


RaterSource = Union[str, Callable[[], str]]


class AnnotationPanel(QWidget):
    """Clip labelling for one rater; see the module notes."""

    label_committed = Signal(int, str, object)  # clip id, rater, label (None: cleared)
    recording_requested = Signal(int)  # the window should load this recording into the player
    blinded_changed = Signal(bool)
    rater_changed = Signal(str)

    def __init__(self, study: Optional[Study], player: Optional[ClipPlayer] = None, rater: RaterSource = "", *,
                 settings: Optional[QSettings] = None, store_rater: Optional[Callable[[str], None]] = None,
                 engine: Any = None, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.study = study
        self.player = player
        self.engine = engine
        self.settings = settings if settings is not None else QSettings()
        self._store_rater = store_rater
        self._rater = (rater() if callable(rater) else rater or "").strip()
        self._recording_id: Optional[int] = None
        self._queue = False
        self._rows: list[ClipRow] = []
        self._codes: dict[int, str] = {}
        self._loading = False
        self.undo_stack = QUndoStack(self)
        self._build()
        self._blinded.setChecked(setting_bool(self.settings.value(SETTING_BLINDED), True))
        self._advance.setChecked(setting_bool(self.settings.value(SETTING_ADVANCE), True))
        self._blinded.toggled.connect(self._on_blinded)
        self._advance.toggled.connect(lambda on: self.settings.setValue(SETTING_ADVANCE, bool(on)))
        self.agreement.set_blinded(self.blinded)
        self._install_shortcuts(self.page, replay=True)  # the clip list page, not the Agreement tab
        if isinstance(player, QWidget):  # the player keeps its own Space (play/pause)
            self._install_shortcuts(player, replay=False)
        self.refresh()

    # -- layout -----------------------------------------------------------------------

    def _build(self) -> None:
        self._rater_box = QComboBox()
        self._rater_box.setEditable(True)
        self._rater_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._rater_box.lineEdit().setPlaceholderText("your rater name")
        self._rater_box.lineEdit().editingFinished.connect(self._on_rater_entered)
        self._rater_box.activated.connect(lambda _i: self._on_rater_entered())
        self._mode = QComboBox()
        self._mode.addItems(["This recording", "Queue: my unlabelled clips"])
        self._mode.currentIndexChanged.connect(lambda i: self.set_queue_mode(i == 1))
        self._blinded = QCheckBox("Blinded")
        self._blinded.setToolTip("Hide the model's predictions and the other raters' labels")
        self._advance = QCheckBox("Advance after labelling")
        top = QHBoxLayout()
        top.addWidget(QLabel("Rater:"))
        top.addWidget(self._rater_box, 1)
        top.addWidget(self._mode)

        self.table = make_table(COLUMNS)
        self.table.currentCellChanged.connect(lambda row, *_: self._on_current_row(row))

        buttons, nav, options = QHBoxLayout(), QHBoxLayout(), QHBoxLayout()
        options.addWidget(self._blinded)
        options.addWidget(self._advance)
        options.addStretch(1)
        for row, text, slot in ((buttons, "Stable (S)", lambda: self.label_current("stable")),
                                (buttons, "Unstable (U)", lambda: self.label_current("unstable")),
                                (buttons, "Unusable (X)", lambda: self.label_current("unusable")),
                                (nav, "◀ Previous (P)", self.previous_clip), (nav, "Replay (Space)", self.replay),
                                (nav, "Next (N) ▶", self.next_clip), (options, "Undo", self.undo_stack.undo),
                                (options, "Redo", self.undo_stack.redo)):
            button = QPushButton(text)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys keep going to the list
            button.clicked.connect(slot)
            row.addWidget(button)
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.page = page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(self.table, 1)
        page_layout.addLayout(buttons)
        page_layout.addLayout(nav)
        page_layout.addLayout(options)
        page_layout.addWidget(self.status)

        self.agreement = AgreementView(self.study)
        self.agreement.open_clip.connect(self.show_clip)
        self.tabs = QTabWidget()
        self.tabs.addTab(page, "Clips")
        self.tabs.addTab(self.agreement, "Agreement")
        self.tabs.currentChanged.connect(lambda i: self.agreement.refresh() if i == 1 else None)

        self._export_button = QPushButton("Export labels…")
        self._export_button.clicked.connect(self.export_labels)
        self._train_button = QPushButton("Train model from labels…")
        self._train_button.clicked.connect(self.train_from_labels)
        bottom = QHBoxLayout()
        bottom.addWidget(self._export_button)
        bottom.addWidget(self._train_button)
        bottom.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self._rater_box.setEditText(self._rater)

    def _install_shortcuts(self, host: QWidget, *, replay: bool) -> None:
        actions: list[tuple[str, Callable[[], None]]] = [
            (key, (lambda lab=label: self.label_current(lab))) for key, label in LABEL_KEYS.items()]
        actions += [("N", self.next_clip), ("P", self.previous_clip),
                    ("Ctrl+Z", self.undo_stack.undo), ("Ctrl+Shift+Z", self.undo_stack.redo)]
        actions += [("Space", self.replay)] if replay else []
        for key, slot in actions:
            shortcut = QShortcut(QKeySequence(key), host)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.setAutoRepeat(False)
            shortcut.activated.connect(lambda slot=slot: None if typing_in_text_field() else slot())

    # -- public state -----------------------------------------------------------------

    @property
    def rater(self) -> str:
        return self._rater

    @property
    def blinded(self) -> bool:
        return self._blinded.isChecked()

    @property
    def rows(self) -> list[ClipRow]:
        return list(self._rows)

    def set_blinded(self, on: bool) -> None:
        self._blinded.setChecked(bool(on))

    def set_auto_advance(self, on: bool) -> None:
        self._advance.setChecked(bool(on))

    def set_study(self, study: Optional[Study]) -> None:
        """Show another study (or none); the undo history belongs to the old one and is dropped."""
        self.study = study
        self._recording_id = None
        self._codes.clear()
        self.undo_stack.clear()
        self.agreement.set_study(study)
        self.refresh()

    def show_recording(self, recording_id: int) -> None:
        """The recording now in the player (-1: none). The queue keeps its list."""
        self._recording_id = recording_id if recording_id is not None and recording_id >= 0 else None
        self.agreement.show_recording(recording_id)
        if not self._queue:
            self.refresh()

    def set_rater(self, name: str) -> None:
        name = (name or "").strip()
        if self._rater_box.currentText().strip() != name:
            self._rater_box.setEditText(name)
        if name == self._rater:
            return
        self._rater = name
        self.undo_stack.clear()  # undoing another rater's labels would be wrong
        if self._store_rater is not None:
            self._store_rater(name)
        self.rater_changed.emit(name)
        self.refresh()

    def set_queue_mode(self, on: bool) -> None:
        if self._mode.currentIndex() != int(bool(on)):
            self._mode.setCurrentIndex(int(bool(on)))  # comes back here through the signal
            return
        self._queue = bool(on)
        self.table.setColumnHidden(COL_RECORDING, not self._queue)
        self.refresh()

    def current_row(self) -> Optional[ClipRow]:
        row = self.table.currentRow()
        return self._rows[row] if 0 <= row < len(self._rows) else None

    # -- list ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the clip list (keeping the current clip when it is still listed)."""
        keep = self.current_row()
        names = self.study.raters() if self.study is not None else []
        self._rater_box.blockSignals(True)
        self._rater_box.clear()
        self._rater_box.addItems(names)
        self._rater_box.setEditText(self._rater)
        self._rater_box.blockSignals(False)
        try:
            self._rows = load_rows(self.study, self._rater, recording_id=self._recording_id, queue=self._queue,
                                   blinded=self.blinded, codes=self._codes)
        except GaitScreenError as exc:
            self._rows = []
            messages.show_error(self, "Cannot list the clips", str(exc))
        self._loading, target = True, None
        try:
            self.table.setRowCount(len(self._rows))
            for r, row in enumerate(self._rows):
                self._fill(r, row)
            for col in UNBLINDED_COLUMNS:
                self.table.setColumnHidden(col, self.blinded)
            self.table.setColumnHidden(COL_RECORDING, not self._queue)
            target = next((i for i, row in enumerate(self._rows) if keep and row.clip_id == keep.clip_id), None)
            # No clip is current until one is chosen (and looped): a key never labels an unseen clip.
            self.table.setCurrentCell(-1 if target is None else target, -1 if target is None else COL_INDEX)
        finally:
            self._loading = False
        if target is None and self.player is not None:
            self.player.clear_loop()  # no current clip: the whole recording plays
        writable = self.study is not None and not getattr(self.study, "read_only", False)
        for button in (self._train_button, self._export_button):  # both are jobs on the worker's study
            button.setEnabled(writable and self.engine is not None)
        self._update_status()

    def _fill(self, r: int, row: ClipRow) -> None:
        blind = self.blinded
        texts = {
            COL_RECORDING: row.where, COL_INDEX: str(row.clip.index + 1), COL_TIME: row.time_text,
            COL_MINE: row.mine or "",
            COL_MODEL: "" if blind else (row.model_label or ""),
            COL_P: "" if blind or row.model_p is None else f"{row.model_p:.2f}",
            COL_OTHERS: "" if blind else row.others_text,
        }
        for col, text in texts.items():
            item = self.table.item(r, col)
            if item is None:
                item = QTableWidgetItem()
                self.table.setItem(r, col, item)
            item.setText(text)

    def _update_status(self, note: str = "") -> None:
        done = sum(1 for r in self._rows if r.mine)
        where = "queue" if self._queue else "recording"
        text = f"{done} of {len(self._rows)} clips in this {where} labelled by {self._rater or '—'}."
        if not self._rater:
            text = "Enter your rater name above to start labelling."
        self.status.setText(f"{note} {text}".strip())

    # -- playing ------------------------------------------------------------------------

    def _on_current_row(self, row: int) -> None:
        if not self._loading and 0 <= row < len(self._rows):
            self._play_row(self._rows[row])

    def _play_row(self, row: ClipRow) -> None:
        if row.clip.recording_id != self._recording_id:
            self.recording_requested.emit(row.clip.recording_id)  # the window loads it (synchronously)
            self._recording_id = row.clip.recording_id
        if self.player is None:
            return
        self.player.set_loop(row.clip.start_s, row.clip.end_s)
        self.player.seek_time(row.clip.start_s)
        self.player.play()

    def select_row(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.table.setCurrentCell(row, COL_INDEX)

    def show_clip(self, recording_id: int, clip_id: int) -> None:
        """Open a clip (from the agreement view): its recording, in recording mode, looping."""
        self.tabs.setCurrentIndex(0)
        if self._queue:
            self.set_queue_mode(False)
        if recording_id != self._recording_id:
            self.recording_requested.emit(recording_id)
            self._recording_id = recording_id
            self.refresh()
        target = next((i for i, r in enumerate(self._rows) if r.clip_id == clip_id), None)
        if target is not None:
            if target == self.table.currentRow():
                self._play_row(self._rows[target])
            self.select_row(target)

    def next_clip(self) -> None:
        row = self.table.currentRow()
        if row + 1 < len(self._rows):
            self.select_row(row + 1)
        elif self._queue and self._rows:
            self.refresh()  # the queue refills with what is still unlabelled
            self.select_row(0)

    def previous_clip(self) -> None:
        self.select_row(max(0, self.table.currentRow() - 1))

    def replay(self) -> None:
        row = self.current_row()
        if row is not None and self.player is not None:
            self.player.seek_time(row.clip.start_s)
            self.player.play()

    # -- labelling ----------------------------------------------------------------------

    def label_current(self, label: Optional[str]) -> bool:
        """Label the current clip now (then advance, when set); False when nothing was written."""
        row = self.current_row()
        if row is None:  # show the first clip; the next key labels it
            self.select_row(0)
            return False
        if not self._rater:
            self._update_status("Enter your rater name first.")
            self._rater_box.setFocus()
            return False
        previous = row.mine
        if previous != label:
            if not self._write(row.clip_id, self._rater, label):
                return False
            text = f"Label clip {row.clip.index + 1} ({row.where}) {label or 'cleared'}"
            self.undo_stack.push(LabelCommand(lambda c, r, lab: self._write(c, r, lab, show=True), row.clip_id,
                                              self._rater, label, previous, text))
        if self._advance.isChecked():
            self.next_clip()
        return True

    def _write(self, clip_id: int, rater: str, label: Optional[str], show: bool = False) -> bool:
        """Write one label to the study at once (see the module notes) and show it."""
        if self.study is None:
            return False
        try:
            self.study.set_label(clip_id, rater, label)
        except GaitScreenError as exc:
            messages.show_error(self, "Cannot save the label", str(exc))
            return False
        for r, row in enumerate(self._rows):
            if row.clip_id == clip_id and rater == self._rater:
                row.mine = label
                self._fill(r, row)
                if show and r != self.table.currentRow():
                    self.select_row(r)  # undo/redo: show the clip that changed
        self._update_status()
        self.label_committed.emit(clip_id, rater, label)
        return True

    # -- settings and rater -------------------------------------------------------------

    def _on_blinded(self, on: bool) -> None:
        if not on and not confirm_unblinding(self, self.study, self._rater):
            with QSignalBlocker(self._blinded):
                self._blinded.setChecked(True)  # the rater said no: stay blinded
            return
        self.settings.setValue(SETTING_BLINDED, bool(on))
        self.agreement.set_blinded(bool(on))
        self.refresh()
        self.blinded_changed.emit(bool(on))

    def _on_rater_entered(self) -> None:
        self.set_rater(self._rater_box.currentText())

    # -- from labels to a model ---------------------------------------------------------

    def export_labels(self, folder: Any = None) -> Optional[int]:
        """Export the study's labelled clips (an engine job); returns the job id."""
        from .train_dialog import submit_export

        return submit_export(self, self.engine, self.study, folder)

    def train_from_labels(self) -> Any:
        """Open the "Train model from labels" dialog (not modal); returns it."""
        from .train_dialog import TrainDialog

        dialog = getattr(self, "_train_dialog", None)
        if dialog is None or dialog.study is not self.study:
            if dialog is not None:
                dialog.deleteLater()
            dialog = self._train_dialog = TrainDialog(self.engine, self.study, parent=self)
        dialog.show()
        dialog.raise_()
        return dialog

