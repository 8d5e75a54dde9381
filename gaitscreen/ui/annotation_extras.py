"""The annotation panel's per-clip comment field and its two jobs (export labels, train from labels).

A mixin of :class:`~gaitscreen.ui.annotation_panel.AnnotationPanel` (it uses the
panel's study, rater, rows and widgets), kept apart so the panel stays short.
The comment field belongs to one clip at a time: it is saved for that clip when
it is left, Enter is pressed, another clip is chosen or the rater changes.
"""

from __future__ import annotations

from typing import Any, Optional

from PySide6.QtCore import QCoreApplication, QSignalBlocker

from gaitscreen.app.annotation_rows import ClipRow, save_comment
from gaitscreen.core.errors import GaitScreenError

from . import messages
from .annotation_table import fill_row


class CommentsAndExports:
    """See the module notes; every attribute used here is the panel's."""

    study: Any
    engine: Any
    comment: Any
    table: Any
    _rows: list[ClipRow]
    _rater: str
    _comment_clip: Optional[int]
    blinded: bool

    def _show_comment(self, row: Optional[ClipRow]) -> None:
        self._comment_clip = None if row is None else row.clip_id
        with QSignalBlocker(self.comment):
            self.comment.setText("" if row is None else row.comment)
        writable = self.study is not None and not getattr(self.study, "read_only", False)
        self.comment.setEnabled(row is not None and bool(self._rater) and writable)

    def _save_comment(self) -> None:
        """Store the comment field for the clip it belongs to, when it changed."""
        clip_id = self._comment_clip
        row = next((r for r in self._rows if r.clip_id == clip_id), None)
        text = self.comment.text().strip()
        if row is None or self.study is None or not self._rater or text == row.comment:
            return
        try:
            row.comment = save_comment(self.study, row.clip_id, self._rater, text)
        except GaitScreenError as exc:
            messages.show_error(self, QCoreApplication.translate("CommentsAndExports", "Cannot save the comment"),
                                str(exc))
            return
        r = self._rows.index(row)
        fill_row(self.table, r, row, blinded=self.blinded)

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
