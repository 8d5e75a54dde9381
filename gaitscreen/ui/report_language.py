"""The "Report language" choice of an export (the Report tab, the visit report).

A clinician may read the app in English and give the patient a Chinese report, so
the PDF's language is chosen at export. The choices are the core catalogues
(:func:`gaitscreen.core.i18n.available_languages`: a third language shows up
when its catalogue is added), each named in its own language. Until one is chosen
the app's language is used (and followed when the app switches); a choice is
remembered per study, like the report folder.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Optional

from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QComboBox, QWidget

from gaitscreen.core import i18n

from .language_pref import current_language


def language_name(tag: str) -> str:
    """A language named in itself: "English", "繁體中文"."""
    if i18n.normalize(tag) == i18n.SOURCE_LANGUAGE:
        return "English"
    return QLocale(i18n.catalogue_dir(tag)).nativeLanguageName() or tag


def language_key(study: Any) -> str:
    """The settings key of a study's remembered report language (one per study folder)."""
    return "report/language/" + hashlib.sha256(str(Path(study.folder).resolve()).encode()).hexdigest()[:16]


def app_report_language() -> str:
    """The app's language as a core tag (English when the app shows one with no core catalogue)."""
    tag = i18n.normalize(current_language())
    return tag if tag in i18n.available_languages() else i18n.SOURCE_LANGUAGE


class ReportLanguageChoice(QComboBox):
    """A combo of the report languages; :meth:`language` is the chosen tag (``"en"``, ``"zh-TW"``)."""

    def __init__(self, settings: QSettings | None = None, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName("report_language")
        self.settings = settings if settings is not None else QSettings()
        self.study: Any = None
        self._remembered = ""
        for tag in i18n.available_languages():
            self.addItem(language_name(tag), tag)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.activated.connect(self._chosen)
        self.follow_app()

    def set_study(self, study: Any) -> None:
        """Show the language remembered for ``study`` (the app's language when none or no study)."""
        self.study = study
        stored = "" if study is None else str(self.settings.value(language_key(study), "") or "")
        self._remembered = stored if self.findData(stored) >= 0 else ""
        self.follow_app()

    def follow_app(self) -> None:
        """Select the remembered language, else the app's (called again when the app's language changes)."""
        self.setCurrentIndex(max(0, self.findData(self._remembered or app_report_language())))

    def language(self) -> str:
        return str(self.currentData() or i18n.SOURCE_LANGUAGE)

    def choose(self, tag: str) -> None:
        """Choose ``tag`` as if picked from the list (remembered for the study)."""
        index = self.findData(i18n.normalize(tag))
        if index >= 0:
            self.setCurrentIndex(index)
            self._chosen(index)

    def _chosen(self, index: int) -> None:
        self._remembered = str(self.itemData(index) or "")
        if self.study is not None:
            self.settings.setValue(language_key(self.study), self._remembered)
