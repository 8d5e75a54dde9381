"""Help → User guide: ``docs/user_guide.md`` rendered in the app (a QTextBrowser, no web engine).

The guide ships with the app (found through :func:`gaitscreen.core.paths.user_guide`
like the resources), so it opens offline. A missing file says where it was looked for.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from gaitscreen.core.paths import user_guide

from .retranslating import Retranslating


class UserGuideView(Retranslating, QDialog):
    """A non-modal window showing the user guide; ``show_section`` scrolls to a heading."""

    def __init__(self, parent: Optional[QWidget] = None, path: Optional[Path] = None) -> None:
        super().__init__(parent)
        self.setObjectName("UserGuide")
        self.setModal(False)
        self.resize(760, 820)
        self.path = Path(path) if path is not None else user_guide()
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
        """(Re)read the guide; False (and a sentence in its place) when the file is missing."""
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

