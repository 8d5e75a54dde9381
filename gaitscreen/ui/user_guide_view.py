"""Help → User guide: ``docs/user_guide.md`` rendered in the app (a QTextBrowser, no web engine).

The guide ships with the app (found through :func:`gaitscreen.core.paths.user_guide`
like the resources), so it opens offline. It is shown in the app's language
(``docs/user_guide.<tag>.md`` when there is one, e.g. ``user_guide.zh-TW.md``; else
the English guide) and read again when the language changes. A missing file says
where it was looked for.

Places the app opens the guide at are marked in every guide with the same HTML anchor
(``<a id="step-check"></a>``): Qt's Markdown reader drops raw HTML, so before rendering
each marker becomes a private-use sentinel that survives, whose position is noted and
which is then removed. The anchor ids are the one home of "where is this section", in
any language: a translation keeps the markers and needs no code.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Optional

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from gaitscreen.core.paths import user_guide

from .language_pref import current_language
from .retranslating import Retranslating

log = logging.getLogger(__name__)

ANCHOR = re.compile(r'<a id="([A-Za-z0-9_-]+)"></a>')
_OPEN, _CLOSE = "\ue000", "\ue001"  # private-use characters: never in a guide's own text
_SENTINEL = QRegularExpression(f"{_OPEN}([A-Za-z0-9_-]+){_CLOSE}")


class UserGuideView(Retranslating, QDialog):
    """A non-modal window showing the user guide; ``show_section`` scrolls to an anchor."""

    def __init__(self, parent: Optional[QWidget] = None, path: Optional[Path] = None) -> None:
        super().__init__(parent)
        self.setObjectName("UserGuide")
        self.setModal(False)
        self.resize(760, 820)
        self._fixed = Path(path) if path is not None else None  # a given file is shown in every language
        self.path = self._fixed or user_guide(current_language())
        self.anchors: dict[str, int] = {}  # anchor id → its position in the shown document
        self.section = ""  # the anchor last shown ("" for the top); kept across a language change
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("GaitScreen user guide"))
        self.load()
        if self.section and self.isVisible():
            self._go_to(self.section)  # the same section, now in the new language's guide

    def load(self) -> bool:
        """(Re)read the guide in the app's language; False (and a sentence in its place) when it is missing."""
        self.path = self._fixed or user_guide(current_language())
        self.anchors = {}
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError:
            self.browser.setPlainText(self.tr("The user guide was not found at {path}. Reinstall GaitScreen, "
                                              "or read docs/user_guide.md in its source.").format(path=self.path))
            return False
        self.browser.setMarkdown(ANCHOR.sub(lambda m: f"{_OPEN}{m.group(1)}{_CLOSE}", text))
        document = self.browser.document()
        found = document.find(_SENTINEL)
        while not found.isNull():
            name = found.selectedText()[1:-1]
            found.removeSelectedText()
            self.anchors.setdefault(name, found.position())
            found = document.find(_SENTINEL, found)
        return True

    def show_section(self, anchor: str = "") -> bool:
        """Show the window (raised) at ``anchor`` (an ``<a id>`` of the guides; the top when empty
        or when this guide lacks it); False when the anchor was not found."""
        self.show()
        self.raise_()
        self.activateWindow()
        self.section = anchor or ""  # a menu action's 'checked' False is the top too
        return self._go_to(self.section)

    def _go_to(self, anchor: str) -> bool:
        cursor = self.browser.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)  # first the end, so the section lands at the top
        self.browser.setTextCursor(cursor)
        self.browser.ensureCursorVisible()
        position = self.anchors.get(anchor) if anchor else None
        if anchor and position is None:
            log.warning("the user guide %s has no section %r", self.path, anchor)
        cursor.setPosition(position or 0)
        self.browser.setTextCursor(cursor)
        self.browser.ensureCursorVisible()
        return position is not None or not anchor

    def section_text(self) -> str:
        """The text of the paragraph the guide is open at (where the cursor stands)."""
        return self.browser.textCursor().block().text()

    def shown_text(self) -> str:
        return self.browser.toPlainText()
