"""Helpers of tests/test_zh_tw_coverage.py (no tests here): what a zh-TW screen, PDF or CLI line
shows, and which of its Latin-letter runs are English left untranslated.

A *leak* is a run of three or more ASCII letters that is none of: a name (of a model, a file, a
folder, a guideline or scale), a unit, a fixed abbreviation, or data the test itself entered
(a patient code, an operator's or a device's name). Everything allowed is listed here, short and
with its reason; a run not allowed is a leak unless :data:`PENDING` names it as owned by work in
progress elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

#: Fixed abbreviations and names that a zh-TW text keeps as published (docs/glossary.md).
ABBREVIATIONS = {
    "SPPB", "AWGS", "EWGSOP", "EWGSOP2", "SARC", "CalF", "BMI", "ASM", "SMI", "DXA", "BIA", "TUG",
    "ONNX", "CUDA", "CPU", "GPU", "PDF", "CSV", "JSON", "HTML", "NPZ", "sha", "sha256", "SHA", "NTU", "COCO",
    "GaitScreen", "Qt", "PySide",
    "Cohen", "Fleiss",  # Cohen's κ, Fleiss' κ (kept, glossary "agreement")
}
#: Units and keys that stay as they are (docs/glossary.md: units, keyboard keys and shortcuts).
UNITS = {"FMP4", "H264", "HEVC",  # video codecs
         "fps", "kg", "cm", "mm", "px", "BH", "Ctrl", "Shift", "Alt", "Space", "Enter", "Esc", "Del",
         "Delete", "Return", "Backspace", "Tab", "Home", "End", "PgUp", "PgDown", "Left", "Right", "Up", "Down"}
#: Languages named in their own language (the Language menu and the report-language lists).
LANGUAGES = {"English"}
#: Models by the names their files carry.
MODELS = {"YOLO", "YOLO11n", "SkateFormer", "PoseFormerV2", "PoseFormer", "RTMPose", "ViTPose", "MotionBERT"}

#: Parts of a text that are names, not language: removed before the scan.
NAMES = [
    re.compile(r"gaitscreen-[\w.+-]+", re.I),  # model names and tags: gaitscreen-tandem-v1 …
    re.compile(r"(?:[A-Za-z]:)?(?:[\w.~-]*[/\\])+[\w.~ -]*"),  # paths: /tmp/…/study, C:\…
    re.compile(r"\b[\w-]+\.(?:mp4|avi|mov|mkv|npz|npy|json|csv|pdf|onnx|pt|pth|bin|ckpt|png|ini|db|sqlite|txt|md|zip)\b", re.I),
    re.compile(r"\*\.\w+"),  # file-dialog filters: *.mp4
    re.compile(r"\b[0-9a-f]{12,64}\b"),  # hashes
    re.compile(r"\bm/s\b|\bkg/m²|\bm²"),
    re.compile(r"κ"),
    re.compile(r"\bP\(unstable\)"),  # the model's output, a symbol as R is (ui/window_chart.py)
    re.compile(r"\b(?:ntu|h36m|coco)\d+\b"),  # skeleton layouts as a model card's input names them: ntu24
    re.compile(r"\bgaitscreen\.[a-z][\w.]*"),  # format and generator names: gaitscreen.screening, gaitscreen.synth
    re.compile(r"\([A-Z][\w-]+ et al\.,[^)]*\)"),  # a published source: (Chen et al., J Am Med Dir Assoc 2020;…)
    re.compile(r"--[a-z][\w-]*(?: (?:chair-stand|balance|tandem-walk|usual-walk)\b)?"),  # command-line options
]

WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")


@dataclass(frozen=True)
class Seen:
    """One text and where it was shown (a screen's widget, a PDF, a CLI line)."""

    where: str
    text: str


def latin_runs(text: str, data_words: Iterable[str] = (), names: Iterable[str] = ()) -> list[str]:
    """The runs of >= 3 ASCII letters of ``text`` that are neither names nor allowed words.

    ``data_words``: words the test entered as data; ``names``: whole names (of the study's models; strings
    or compiled patterns) removed before the scan."""
    for name in sorted(names, key=lambda n: -len(n) if isinstance(n, str) else 0):
        text = text.replace(name, " ") if isinstance(name, str) else name.sub(" ", text)
    for pattern in NAMES:
        text = pattern.sub(" ", text)
    allowed = {w.upper() for w in ABBREVIATIONS | UNITS | MODELS | LANGUAGES} | {w.upper() for w in data_words}
    runs = []
    for word in WORD.findall(text):
        if sum(c.isascii() and c.isalpha() for c in word) < 3 or re.fullmatch(r"[A-Za-z]{1,2}\d+\w*", word):
            continue  # too short to be a word, or a code such as P01, T1, H36M
        if word.upper() in allowed:
            continue
        runs.append(word)
    return runs


def leaks(seen: Iterable[Seen], pending: dict[str, str], data_words: Iterable[str] = (),
          names: Iterable[str] = ()) -> tuple[list[str], set[str]]:
    """(each leak not pending, worded for the failure message; the pending patterns that matched)."""
    data_words, names = set(data_words), set(names)
    compiled = {re.compile(p): p for p in pending}
    found, used = [], set()
    for item in seen:
        runs = latin_runs(item.text, data_words, names)
        if not runs:
            continue
        owner = next((p for rx, p in compiled.items() if rx.search(item.where + " :: " + item.text)), None)
        if owner is not None:
            used.add(owner)
            continue
        found.append(f"{item.where}: {item.text!r} ({', '.join(sorted(set(runs)))})")
    return sorted(set(found)), used


def plain(text: str) -> str:
    """Rich text as it reads (tags and entities gone); plain text unchanged."""
    if "<" in text and ">" in text:
        from PySide6.QtGui import QTextDocumentFragment

        return QTextDocumentFragment.fromHtml(text).toPlainText()
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")  # accelerators


def sized_video(path, width: int, height: int):
    """A six-frame grey video of the given picture size (a stored pose's coordinates fit in it)."""
    import cv2
    import numpy as np

    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), 30.0, (int(width), int(height)))
    for shade in range(6):
        writer.write(np.full((int(height), int(width), 3), 40 * shade, np.uint8))
    writer.release()
    return path


# -- what a window shows ------------------------------------------------------------------------

def _columns(model, parent) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:  # a list model (its columnCount is private in PySide6): one column
        return 1


def _item_texts(view, where: str, out: list[Seen]) -> None:
    from PySide6.QtCore import QModelIndex, Qt

    model = view.model()
    if model is None:
        return
    root = QModelIndex()
    headers = []
    if hasattr(view, "header"):  # a tree
        headers.append((view.header(), Qt.Orientation.Horizontal, model.columnCount(root)))
    if hasattr(view, "horizontalHeader"):  # a table
        headers.append((view.horizontalHeader(), Qt.Orientation.Horizontal, model.columnCount(root)))
        headers.append((view.verticalHeader(), Qt.Orientation.Vertical, model.rowCount(root)))
    for header, orientation, count in headers:
        if not header.isVisible():
            continue
        for section in range(count):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.headerData(section, orientation, role)
                if isinstance(value, str):
                    out.append(Seen(f"{where} header", plain(value)))

    def walk(parent: QModelIndex, depth: int) -> None:
        for row in range(min(model.rowCount(parent), 200)):
            for column in range(_columns(model, parent)):
                index = model.index(row, column, parent)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.data(index, role)
                    if isinstance(value, str):
                        out.append(Seen(f"{where} cell", plain(value)))
            first = model.index(row, 0, parent)
            if depth < 4 and hasattr(view, "header") and model.hasChildren(first):
                walk(first, depth + 1)

    walk(QModelIndex(), 0)


def _action_texts(actions, where: str, out: list[Seen], depth: int = 0) -> None:
    for action in actions:
        if not action.isVisible() or action.isSeparator():
            continue
        out.append(Seen(f"{where} action", plain(action.text())))
        if action.toolTip() and action.toolTip() != action.text().replace("&", ""):
            out.append(Seen(f"{where} action tooltip", plain(action.toolTip())))
        if action.statusTip():
            out.append(Seen(f"{where} action status tip", plain(action.statusTip())))
        menu = action.menu()
        if menu is not None and depth < 4:
            out.append(Seen(f"{where} menu", plain(menu.title())))
            _action_texts(menu.actions(), f"{where} › {plain(menu.title())}", out, depth + 1)


def visible_texts(root, where: str) -> list[Seen]:
    """Every text ``root`` and its visible children show: titles, labels, buttons, group boxes, tabs,
    combo-box items, table/tree/list headers and cells, tooltips, placeholders, menus and toolbars."""
    from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QDockWidget,
                                   QGroupBox, QLabel, QLineEdit, QMainWindow, QMenuBar, QPlainTextEdit,
                                   QStatusBar, QTabBar, QTabWidget, QTextEdit, QToolBar, QWidget)

    out: list[Seen] = [Seen(f"{where} title", root.windowTitle())]
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible():
            continue
        name = f"{where}/{type(w).__name__}" + (f"#{w.objectName()}" if w.objectName() else "")
        if w.toolTip():
            out.append(Seen(f"{name} tooltip", plain(w.toolTip())))
        if isinstance(w, QLabel):
            out.append(Seen(name, plain(w.text())))
        elif isinstance(w, QAbstractButton):
            out.append(Seen(name, plain(w.text())))
        elif isinstance(w, QGroupBox):
            out.append(Seen(name, plain(w.title())))
        elif isinstance(w, QDockWidget):
            out.append(Seen(f"{name} title", w.windowTitle()))
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                out.append(Seen(f"{name} tab", plain(w.tabText(i))))
                if w.tabToolTip(i):
                    out.append(Seen(f"{name} tab tooltip", plain(w.tabToolTip(i))))
        elif isinstance(w, QTabBar) and not isinstance(w.parent(), QTabWidget):
            out.extend(Seen(f"{name} tab", plain(w.tabText(i))) for i in range(w.count()))
        elif isinstance(w, QComboBox):
            out.extend(Seen(f"{name} item", w.itemText(i)) for i in range(w.count()))
        elif isinstance(w, QLineEdit):
            out.append(Seen(f"{name} placeholder", w.placeholderText()))
            if w.isReadOnly():
                out.append(Seen(name, w.text()))
        elif isinstance(w, (QTextEdit, QPlainTextEdit)):
            out.append(Seen(f"{name} placeholder", w.placeholderText()))
            if w.isReadOnly():
                out.append(Seen(name, w.toPlainText()))
        elif isinstance(w, QAbstractSpinBox):
            out.append(Seen(f"{name} special", getattr(w, "specialValueText", lambda: "")()))
            for part in ("prefix", "suffix"):
                if hasattr(w, part):
                    out.append(Seen(f"{name} {part}", getattr(w, part)()))
        elif isinstance(w, QAbstractItemView):
            _item_texts(w, name, out)
        elif isinstance(w, QStatusBar):
            out.append(Seen(name, w.currentMessage()))
        elif isinstance(w, QMenuBar):
            _action_texts(w.actions(), name, out)
        elif isinstance(w, QToolBar):
            _action_texts(w.actions(), name, out)
            if isinstance(root, QMainWindow):
                out.append(Seen(f"{name} title", w.windowTitle()))
    return [s for s in out if s.text and s.text.strip()]
