"""The widgets of the annotation panel: its top bar and its "Clips" page, with their texts.

:class:`AnnotationBar` holds the rater name, the list mode and the labelling
speed (shown on the Clips page, beside Undo/Redo); :class:`ClipsPage` the clip table, the comment field, the label and
navigation buttons, the options, the "Queue done" banner and the status line.
Both only lay out and label widgets (and re-label them when the language
changes); :class:`~gaitscreen.ui.annotation_panel.AnnotationPanel` connects them.
"""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from gaitscreen.app.annotation_rows import ClipRow

from .agreement_view import make_table
from .annotation_table import COL_RECORDING, UNBLINDED_COLUMNS, column_titles, fill_row
from .retranslating import Retranslating

#: The buttons of the Clips page, by the action they ask for.
BUTTONS = ("stable", "unstable", "unusable", "previous", "replay", "next", "undo", "redo")


class AnnotationBar(Retranslating, QWidget):
    """Rater name, list mode and labelling speed, in one row."""

    def __init__(self, speed_combo: QComboBox, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.rater_box = QComboBox()
        self.rater_box.setEditable(True)
        self.rater_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.mode = QComboBox()
        self.mode.addItems(["", ""])
        self.speed_combo = speed_combo
        self._rater_label, self._speed_label = QLabel(), QLabel()
        row = QHBoxLayout(self)  # the labelling speed sits on the Clips page (speed_row): the dock is narrow
        row.setContentsMargins(0, 0, 0, 0)
        for widget, stretch in ((self._rater_label, 0), (self.rater_box, 1), (self.mode, 0)):
            row.addWidget(widget, stretch)
        self.speed_row = QHBoxLayout()
        self.speed_row.addWidget(self._speed_label)
        self.speed_row.addWidget(speed_combo)
        self.retranslate()

    def retranslate(self) -> None:
        self.rater_box.lineEdit().setPlaceholderText(self.tr("your rater name"))
        self.mode.setItemText(0, self.tr("This recording"))
        self.mode.setItemText(1, self.tr("Queue: my unlabelled clips"))
        self._rater_label.setText(self.tr("Rater:"))
        self._speed_label.setText(self.tr("Labelling speed:"))
        self.speed_combo.setToolTip(self.tr("Clips play at this speed while you label them, whatever the "
                                            "player's own speed is"))


class ClipsPage(Retranslating, QWidget):
    """The clip list and everything under it; ``action`` says which button was pressed."""

    action = Signal(str)  # one of BUTTONS

    def __init__(self, speed_row: QHBoxLayout, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.table = make_table(tuple(column_titles()))
        self.comment = QLineEdit()
        self.comment.setEnabled(False)
        self._comment_label = QLabel()
        self.blinded, self.advance, self.only_differ = QCheckBox(), QCheckBox(), QCheckBox()
        comment_row, buttons, nav, options, filters = (QHBoxLayout(), QHBoxLayout(), QHBoxLayout(), QHBoxLayout(),
                                                       QHBoxLayout())
        comment_row.addWidget(self._comment_label)
        comment_row.addWidget(self.comment, 1)
        for widget in (self.blinded, self.advance):
            options.addWidget(widget)
        options.addStretch(1)
        filters.addWidget(self.only_differ)
        filters.addStretch(1)
        history = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key in BUTTONS:
            button = self.buttons[key] = QPushButton()
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys keep going to the list
            button.clicked.connect(lambda _checked=False, key=key: self.action.emit(key))
            (buttons if key in BUTTONS[:3] else nav if key in BUTTONS[3:6] else history).addWidget(button)
        history.addStretch(1)
        history.addLayout(speed_row)
        self.done_banner = QLabel()
        font = QFont(self.done_banner.font())
        font.setBold(True)
        self.done_banner.setFont(font)
        self.done_banner.setWordWrap(True)
        self.done_banner.setVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)  # many short rows: the window's minimum height must stay small
        layout.addWidget(self.table, 1)
        for part in (comment_row, buttons, nav, history, options, filters):
            layout.addLayout(part)
        layout.addWidget(self.done_banner)
        layout.addWidget(self.status)
        self.retranslate()

    def retranslate(self) -> None:
        self.blinded.setText(self.tr("Blinded"))
        self.blinded.setToolTip(self.tr("Hide the model's predictions and the other raters' labels"))
        self.advance.setText(self.tr("Advance after labelling"))
        self.only_differ.setText(self.tr("Only where I differ from the model"))
        self.only_differ.setToolTip(self.tr("After unblinding: list only the clips whose label differs from "
                                            "the model's"))
        self._comment_label.setText(self.tr("Comment:"))
        self.comment.setPlaceholderText(self.tr("a comment on this clip (saved when you press Enter or leave "
                                                "the field)"))
        texts = {"stable": self.tr("Stable (S)"), "unstable": self.tr("Unstable (U)"),
                 "unusable": self.tr("Unusable (X)"), "previous": self.tr("◀ Previous (P)"),
                 "replay": self.tr("Replay (Space)"), "next": self.tr("Next (N) ▶"), "undo": self.tr("Undo"),
                 "redo": self.tr("Redo")}
        for key, text in texts.items():
            self.buttons[key].setText(text)
        self.done_banner.setText(self.tr("Queue done: you have labelled every clip of this study."))
        self.table.setHorizontalHeaderLabels(column_titles())


    def draw(self, rows: list[ClipRow], *, blinded: bool, queue: bool) -> None:
        """Fill the table with ``rows``; the model columns hidden while blinded, the recording outside the queue."""
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            fill_row(self.table, r, row, blinded=blinded)
        for col in UNBLINDED_COLUMNS:
            self.table.setColumnHidden(col, blinded)
        self.table.setColumnHidden(COL_RECORDING, not queue)

    def show_status(self, rows: list[ClipRow], *, rater: str, queue: bool, blinded: bool, note: str = "",
                    done: bool = False) -> None:
        """The count of labelled clips (and of disagreements, unblinded) and the "Queue done" banner."""
        labelled = sum(1 for r in rows if r.mine)
        if not rater:
            text = self.tr("Enter your rater name above to start labelling.")
        elif queue:
            text = self.tr("{done} of {n} clips in this queue labelled by {rater}.").format(
                done=labelled, n=len(rows), rater=rater)
        else:
            text = self.tr("{done} of {n} clips in this recording labelled by {rater}.").format(
                done=labelled, n=len(rows), rater=rater)
        if not blinded:
            text += " " + self.tr("%n label(s) differ from the model.", "", sum(1 for r in rows if r.disagrees))
        self.status.setText(f"{note} {text}".strip())
        self.done_banner.setVisible(done)
