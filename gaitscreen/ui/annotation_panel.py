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
Once unblinded, clips where the rater's label differs from the model's are
marked in the list (:mod:`gaitscreen.ui.annotation_table`) and can be listed alone.

Clips play at the labelling speed (default 1×, :mod:`gaitscreen.ui.annotation_speed`),
not at the player's. Each clip takes a free-text comment (one per rater and clip,
saved when the field is left or Enter is pressed). In the queue, "Queue done"
shows once the rater has labelled every clip of the study.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Optional, Union

from PySide6.QtCore import QSettings, QSignalBlocker, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from gaitscreen.app.annotation_rows import ClipRow, load_rows, queue_done
from gaitscreen.core.errors import GaitScreenError

from . import messages
from .agreement_view import AgreementView
from .annotation_page import AnnotationBar, ClipsPage
from .annotation_rows import ClipPlayer, LabelCommand, confirm_unblinding, install_keys, setting_bool
from .annotation_extras import CommentsAndExports
from .annotation_speed import LabellingSpeed
# The column numbers stay importable from here (the tests and older callers use them).
from .annotation_table import COL_INDEX, COL_MINE, COL_MODEL, COL_OTHERS, COL_P, COL_RECORDING, fill_row  # noqa: F401
from .retranslating import Retranslating

if TYPE_CHECKING:  # the concrete study; imported for types only
    from gaitscreen.storage import Study

LABEL_KEYS = {"S": "stable", "U": "unstable", "X": "unusable"}
SETTING_BLINDED = "annotation/blinded"
SETTING_ADVANCE = "annotation/auto_advance"

RaterSource = Union[str, Callable[[], str]]


class AnnotationPanel(Retranslating, CommentsAndExports, QWidget):
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
        self._comment_clip: Optional[int] = None  # the clip the comment field belongs to
        self.undo_stack = QUndoStack(self)
        self.speed = LabellingSpeed(player, self.settings, self)
        self._build()
        self._blinded.setChecked(setting_bool(self.settings.value(SETTING_BLINDED), True))
        self._advance.setChecked(setting_bool(self.settings.value(SETTING_ADVANCE), True))
        self._blinded.toggled.connect(self._on_blinded)
        self._advance.toggled.connect(lambda on: self.settings.setValue(SETTING_ADVANCE, bool(on)))
        self.agreement.set_blinded(self.blinded)
        keys: list[tuple[str, Callable[[], None]]] = [
            (key, (lambda lab=label: self.label_current(lab))) for key, label in LABEL_KEYS.items()]
        keys += [("N", self.next_clip), ("P", self.previous_clip),
                 ("Ctrl+Z", self.undo_stack.undo), ("Ctrl+Shift+Z", self.undo_stack.redo)]
        install_keys(self.page, keys + [("Space", self.replay)])  # the clip list page, not the Agreement tab
        if isinstance(player, QWidget):  # the player keeps its own Space (play/pause)
            install_keys(player, keys)
        self.retranslate()
        self.refresh()

    # -- layout -----------------------------------------------------------------------

    def _build(self) -> None:
        self.bar = AnnotationBar(self.speed.combo)
        self._rater_box, self._mode = self.bar.rater_box, self.bar.mode
        self._rater_box.lineEdit().editingFinished.connect(self._on_rater_entered)
        self._rater_box.activated.connect(lambda _i: self._on_rater_entered())
        self._mode.currentIndexChanged.connect(lambda i: self.set_queue_mode(i == 1))
        self.page = page = ClipsPage(self.bar.speed_row)
        self.table, self.comment = page.table, page.comment
        self.status, self.done_banner = page.status, page.done_banner
        self._blinded, self._advance, self._only_differ = page.blinded, page.advance, page.only_differ
        self._only_differ.toggled.connect(lambda _on: self.refresh())
        self.table.currentCellChanged.connect(lambda row, *_: self._on_current_row(row))
        self.comment.editingFinished.connect(self._save_comment)
        slots = {"stable": lambda: self.label_current("stable"), "unstable": lambda: self.label_current("unstable"),
                 "unusable": lambda: self.label_current("unusable"), "previous": self.previous_clip,
                 "replay": self.replay, "next": self.next_clip, "undo": self.undo_stack.undo,
                 "redo": self.undo_stack.redo}
        page.action.connect(lambda key: slots[key]())

        self.agreement = AgreementView(self.study)
        self.agreement.open_clip.connect(self.show_clip)
        self.tabs = QTabWidget()
        self.tabs.addTab(page, "")
        self.tabs.addTab(self.agreement, "")
        self.tabs.currentChanged.connect(lambda i: self.agreement.refresh() if i == 1 else None)

        self._export_button, self._train_button = QPushButton(), QPushButton()
        self._export_button.clicked.connect(self.export_labels)
        self._train_button.clicked.connect(self.train_from_labels)
        bottom = QHBoxLayout()
        bottom.addWidget(self._export_button)
        bottom.addWidget(self._train_button)
        bottom.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self._rater_box.setEditText(self._rater)

    def retranslate(self) -> None:
        """The panel's own fixed texts (its bar and page re-label themselves), then the shown rows again."""
        self.tabs.setTabText(0, self.tr("Clips"))
        self.tabs.setTabText(1, self.tr("Agreement"))
        self._export_button.setText(self.tr("Export labels…"))
        self._train_button.setText(self.tr("Train model from labels…"))
        self._redraw()


    def hideEvent(self, event: Any) -> None:
        self.speed.release()  # the Annotate tab left: the player gets its own speed back
        super().hideEvent(event)

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

    @property
    def queue_is_done(self) -> bool:
        return self.done_banner.isVisibleTo(self)

    def set_blinded(self, on: bool) -> None:
        self._blinded.setChecked(bool(on))

    def set_auto_advance(self, on: bool) -> None:
        self._advance.setChecked(bool(on))

    def set_only_disagreements(self, on: bool) -> None:
        self._only_differ.setChecked(bool(on))

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
        self._save_comment()  # a comment being typed belongs to the rater who typed it
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
        self._save_comment()
        keep = self.current_row()
        names = self.study.raters() if self.study is not None else []
        with QSignalBlocker(self._rater_box):
            self._rater_box.clear()
            self._rater_box.addItems(names)
            self._rater_box.setEditText(self._rater)
        try:
            rows = load_rows(self.study, self._rater, recording_id=self._recording_id, queue=self._queue,
                             blinded=self.blinded, codes=self._codes)
        except GaitScreenError as exc:
            rows = []
            messages.show_error(self, self.tr("Cannot list the clips"), str(exc))
        self._only_differ.setEnabled(not self.blinded)
        if self._only_differ.isChecked() and not self.blinded:
            rows = [r for r in rows if r.disagrees]
        self._rows = rows
        self._loading, target = True, None
        try:
            self._redraw()
            target = next((i for i, row in enumerate(self._rows) if keep and row.clip_id == keep.clip_id), None)
            # No clip is current until one is chosen (and looped): a key never labels an unseen clip.
            self.table.setCurrentCell(-1 if target is None else target, -1 if target is None else COL_INDEX)
        finally:
            self._loading = False
        self._show_comment(None if target is None else self._rows[target])
        if target is None and self.player is not None:
            self.player.clear_loop()  # no current clip: the whole recording plays
            self.speed.release()
        writable = self.study is not None and not getattr(self.study, "read_only", False)
        for button in (self._train_button, self._export_button):  # both are jobs on the worker's study
            button.setEnabled(writable and self.engine is not None)
        self._update_status()

    def _redraw(self) -> None:
        """Draw the rows already read (no database access)."""
        self.page.draw(self._rows, blinded=self.blinded, queue=self._queue)
        self._update_status()

    def _update_status(self, note: str = "") -> None:
        self.page.show_status(self._rows, rater=self._rater, queue=self._queue, blinded=self.blinded, note=note,
                              done=self._queue and queue_done(self.study, self._rater))

    # -- playing ------------------------------------------------------------------------

    def _on_current_row(self, row: int) -> None:
        if not self._loading and 0 <= row < len(self._rows):
            self._save_comment()
            self._show_comment(self._rows[row])
            self._play_row(self._rows[row])

    def _play_row(self, row: ClipRow) -> None:
        if row.clip.recording_id != self._recording_id:
            self.recording_requested.emit(row.clip.recording_id)  # the window loads it (synchronously)
            self._recording_id = row.clip.recording_id
        if self.player is None:
            return
        self.player.set_loop(row.clip.start_s, row.clip.end_s)
        self.player.seek_time(row.clip.start_s)
        self.speed.engage()
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
            self.speed.engage()
            self.player.play()

    # -- labelling ---------------------------------------------------------

    def label_current(self, label: Optional[str]) -> bool:
        """Label the current clip now (then advance, when set); False when nothing was written."""
        row = self.current_row()
        if row is None:  # show the first clip; the next key labels it
            self.select_row(0)
            return False
        if not self._rater:
            self._update_status(self.tr("Enter your rater name first."))
            self._rater_box.setFocus()
            return False
        previous = row.mine
        if previous != label:
            if not self._write(row.clip_id, self._rater, label):
                return False
            text = self.tr("Label clip {n} ({where})").format(n=row.clip.index + 1, where=row.where)
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
            messages.show_error(self, self.tr("Cannot save the label"), str(exc))
            return False
        for r, row in enumerate(self._rows):
            if row.clip_id == clip_id and rater == self._rater:
                row.mine = label
                fill_row(self.table, r, row, blinded=self.blinded)
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
