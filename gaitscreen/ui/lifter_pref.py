"""The app's model setting for 3-D models: which PoseFormerV2 lifter their analyses use.

Stored in the application's :class:`QSettings` under ``models/lifter`` (a file
path; empty: the lifter found in the models folder, see
:mod:`gaitscreen.core.lifting.path`) and handed to the engine as the worker
resource :data:`~gaitscreen.engine.jobs.LIFTER_RESOURCE`, so the analysis job
takes the same path as ``gaitscreen analyze --lifter FILE``. A file is checked
(loaded strictly, weights only) before it is kept.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from gaitscreen.core.errors import GaitScreenError
from gaitscreen.engine.jobs import LIFTER_RESOURCE

from . import messages
from .language_pref import on_language_change

KEY = "models/lifter"
translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls


def chosen_lifter(settings: QSettings) -> Optional[Path]:
    """The lifter file chosen in the app, or None (the models folder's is used)."""
    value = str(settings.value(KEY, "") or "")
    return Path(value) if value else None


class LifterChoice:
    """The *Models* menu entries that choose the lifter and pass it to the engine."""

    def __init__(self, menu: QMenu, parent: QWidget, engine: Any, settings: QSettings) -> None:
        self.parent, self.engine, self.settings = parent, engine, settings
        self.choose = QAction(parent)
        self.choose.triggered.connect(self.ask)
        self.default = QAction(parent)
        self.default.triggered.connect(lambda: self.set_path(None))
        menu.addActions([self.choose, self.default])
        self.apply()
        on_language_change(menu, self.retranslate)  # the entries re-label with the menu

    def retranslate(self) -> None:
        """The entries' texts in the current language (the chosen file's name included)."""
        path = chosen_lifter(self.settings)
        self.choose.setText(translate("LifterChoice", "Choose 3-D &lifter…") if path is None else
                            translate("LifterChoice", "Choose 3-D &lifter… (now {name})").format(name=path.name))
        self.choose.setToolTip(translate("LifterChoice", "PoseFormerV2 checkpoint (e.g. 27_243_45.2.bin) that lifts "
                                         "poses to 3-D for models whose card declares 3-D input"))
        self.default.setText(translate("LifterChoice", "Use the models folder's lifter"))

    def apply(self) -> None:
        """Give the engine the chosen file (or none) for the next analyses."""
        path = chosen_lifter(self.settings)
        if self.engine is not None:
            self.engine.set_resource_factory(LIFTER_RESOURCE, None if path is None else (lambda: path))
        self.default.setEnabled(path is not None)
        self.retranslate()

    def set_path(self, path: Optional[Path]) -> bool:
        """Keep ``path`` (checked first; an unusable file is refused with its reason) or clear the choice."""
        if path is not None:
            from gaitscreen.core.lifting.files import load_lifter

            try:
                load_lifter(path)
            except GaitScreenError as exc:
                messages.show_error(self.parent, translate("LifterChoice", "Cannot use this lifter"), str(exc))
                return False
        self.settings.setValue(KEY, "" if path is None else str(Path(path).resolve()))
        self.apply()
        return True

    def ask(self) -> bool:
        name, _ = QFileDialog.getOpenFileName(
            self.parent, translate("LifterChoice", "Choose the 3-D lifter (PoseFormerV2 checkpoint)"), "",
            translate("LifterChoice", "PoseFormerV2 checkpoints (*.bin *.pt *.pth);;All files (*)"))
        return self.set_path(Path(name)) if name else False
