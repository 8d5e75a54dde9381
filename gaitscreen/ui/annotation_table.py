"""The annotation panel's clip table: its columns and how one clip row is drawn.

Labels are drawn as text *and* as a cell tint, so colour is never the only cue.
The tints are light shades of the Okabe–Ito palette, which stays distinct under
the common colour-vision deficiencies: blue for stable, vermillion for unstable,
grey for unusable (the app's "unsure / cannot judge" label). After unblinding,
a clip where the rater's stable/unstable label differs from the model's is
marked with a yellow tint and the word "differs" in the model column, in bold.
"""

from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from gaitscreen.app.annotation_rows import ClipRow

COL_RECORDING, COL_INDEX, COL_TIME, COL_MINE, COL_COMMENT, COL_MODEL, COL_P, COL_OTHERS = range(8)
COLUMN_COUNT = 8
UNBLINDED_COLUMNS = (COL_MODEL, COL_P, COL_OTHERS)

#: Light Okabe–Ito tints behind a label's text (blue, vermillion, grey); the disagreement mark is yellow.
LABEL_TINTS = {"stable": QColor("#BFDDF0"), "unstable": QColor("#F5CDB3"), "unusable": QColor("#DDDDDD")}
DISAGREE_TINT = QColor("#F7EFA0")
_INK = QColor("#000000")  # on the light tints, whatever the palette


def _t(text: str) -> str:
    return QCoreApplication.translate("AnnotationTable", text)


def column_titles() -> list[str]:
    """The header texts, translated now (called again on a language change)."""
    return [_t("Recording"), _t("#"), _t("Time"), _t("My label"), _t("Comment"), _t("Model"),
            _t("P(unstable)"), _t("Other raters")]


def label_text(label: Optional[str]) -> str:
    """A label as the table shows it ("" for none)."""
    words = {"stable": _t("stable"), "unstable": _t("unstable"), "unusable": _t("unusable")}
    return words.get(label or "", label or "")


def _item(table: QTableWidget, r: int, col: int) -> QTableWidgetItem:
    item = table.item(r, col)
    if item is None:
        item = QTableWidgetItem()
        table.setItem(r, col, item)
    return item


def _tint(item: QTableWidgetItem, colour: Optional[QColor]) -> None:
    if colour is None:
        item.setData(Qt.ItemDataRole.BackgroundRole, None)  # back to the table's own colours
        item.setData(Qt.ItemDataRole.ForegroundRole, None)
    else:
        item.setBackground(QBrush(colour))
        item.setForeground(QBrush(_INK))


def fill_row(table: QTableWidget, r: int, row: ClipRow, *, blinded: bool) -> None:
    """Draw clip ``row`` into table row ``r`` (model columns empty while blinded)."""
    disagrees = row.disagrees and not blinded
    model = "" if blinded else label_text(row.model_label)
    if disagrees:
        model = _t("{label} — differs").format(label=model)
    others = ", ".join(f"{rater}: {label_text(lab)}" for rater, lab in sorted(row.others.items()))
    texts = {
        COL_RECORDING: row.where, COL_INDEX: str(row.clip.index + 1), COL_TIME: row.time_text,
        COL_MINE: label_text(row.mine), COL_COMMENT: row.comment,
        COL_MODEL: model, COL_P: "" if blinded or row.model_p is None else f"{row.model_p:.2f}",
        COL_OTHERS: "" if blinded else others,
    }
    for col, text in texts.items():
        item = _item(table, r, col)
        item.setText(text)
        font = QFont(item.font())
        font.setBold(disagrees)
        item.setFont(font)
        _tint(item, DISAGREE_TINT if disagrees and col in (COL_INDEX, COL_MODEL) else None)
    mine = _item(table, r, COL_MINE)
    _tint(mine, LABEL_TINTS.get(row.mine or ""))
    mine.setToolTip(_t("Your label differs from the model's") if disagrees else "")
    _item(table, r, COL_COMMENT).setToolTip(row.comment)
