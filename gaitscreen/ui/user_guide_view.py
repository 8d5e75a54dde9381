"""Help → User guide: ``docs/user_guide.md`` rendered in the app (a QTextBrowser, no web engine).

The guide ships with the app (found through :func:`gaitscreen.core.paths.user_guide`
like the resources), so it opens offline. It is shown in the app's language
(``docs/user_guide.<tag>.md`` when there is one, e.g. ``user_guide.zh-TW.md``; else
the English guide) and read again when the language changes. A missing file says
where it was looked for.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from gaitscreen.core.paths import user_guide

from .language_pref import current_language

from .retranslating import Retranslating


class UserGuideView(Retranslating, QDialog):
    """A non-modal window showing the user guide; ``show_section`` scrolls to a heading."""

    def __init__(self, parent: Optional[QWidget] = None, path: Optional[Path] = None) -> None:
        super().__init__(parent)
        self.setObjectName("UserGuide")
        self.setModal(False)
        self.resize(760, 820)
        self._fixed = Path(path) if path is not None else None  # a given file is shown in every language
        self.path = self._fixed or user_guide(current_language())
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

    def load(self) -> bool:
        """(Re)read the guide in the app's language; False (and a sentence in its place) when it is missing."""
        self.path = self._fixed or user_guide(current_language())
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError:
            self.browser.setPlainText(self.tr("The user guide was not found at {path}. Reinstall GaitScreen, "
                                              "or read docs/user_guide.md in its source.").format(path=self.path))
            return False
        self.browser.setMarkdown(text)
        return True

    def show_section(self, heading: str = "") -> None:
        """Show the window (raised) at the first heading that starts with ``heading`` (top when empty)."""
        self.show()
        self.raise_()
        self.activateWindow()
        cursor = self.browser.textCursor()
        cursor.movePosition(cursor.MoveOperation.Start)
        self.browser.setTextCursor(cursor)
        if heading:
            self.browser.find(heading)
        self.browser.ensureCursorVisible()

    def shown_text(self) -> str:
        return self.browser.toPlainText()

