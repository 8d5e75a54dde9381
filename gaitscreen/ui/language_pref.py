"""The app's language: follow the system or the user's choice, and switch while running.

The choice is kept in :class:`QSettings` under ``ui/language`` (empty: the
system's language; ``en``; or a catalogue's language such as ``zh_TW``).
:func:`install_language` puts the app's catalogue
(``resources/i18n/gaitscreen_<lang>.qm``) and Qt's own (``qtbase_<lang>.qm``: the
standard buttons and dialogs) in the application; Qt then sends every widget a
``LanguageChange`` event and each re-labels itself in its ``retranslate()``.
The languages offered are the catalogues found, so a third language needs no code.
"""

from __future__ import annotations

from typing import Callable, Optional, Union

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QObject, QSettings, QTranslator, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMenu, QMenuBar, QWidget

from gaitscreen.core.errors import GaitScreenError
from gaitscreen.core.paths import resources_dir

KEY = "ui/language"
CATALOGUE = "gaitscreen"
SOURCE_LANGUAGE = "en"
_INSTALLED: dict[int, list[QTranslator]] = {}  # per application: the translators we put in


class UnknownLanguage(GaitScreenError):
    """A language was asked for that GaitScreen has no translation for."""


def normalise(code: str) -> str:
    """``zh-TW`` / ``zh_tw`` → ``zh_TW``; ``""`` stays empty (the system's language)."""
    code = (code or "").strip().replace("-", "_")
    if not code:
        return ""
    head, _, tail = code.partition("_")
    return head.lower() + ("_" + tail.upper() if tail else "")


def available_languages() -> list[str]:
    """English (the source) and every language with a compiled catalogue, e.g. ``["en", "zh_TW"]``."""
    folder = resources_dir() / "i18n"
    found = sorted(p.stem[len(CATALOGUE) + 1:] for p in folder.glob(f"{CATALOGUE}_*.qm")) if folder.is_dir() else []
    return [SOURCE_LANGUAGE] + [c for c in found if c != SOURCE_LANGUAGE]


def check_language(code: str) -> str:
    """The normalised code when it is offered; :class:`UnknownLanguage` otherwise."""
    value = normalise(code)
    if value and value not in available_languages():
        shown = ", ".join(c.replace("_", "-") for c in available_languages())
        raise UnknownLanguage(f"GaitScreen has no translation for '{code}'; choose one of {shown}.")
    return value


def display_name(code: str) -> str:
    """How a language is named in the menu, in its own language: "English", "繁體中文 (zh-TW)"."""
    if normalise(code) == SOURCE_LANGUAGE:
        return "English"
    locale = QLocale(normalise(code))
    return f"{locale.nativeLanguageName()} ({locale.bcp47Name()})"


def chosen_language(settings: QSettings) -> str:
    """The stored choice (empty: follow the system); an unknown stored value reads as the system."""
    try:
        return check_language(str(settings.value(KEY, "") or ""))
    except UnknownLanguage:
        return ""


def install_language(app: QApplication, code: str = "") -> str:
    """Use ``code`` (empty: the system's language) for the app's and Qt's texts; the language now shown.

    The previous translators are removed first; a language without a GaitScreen
    catalogue shows English: the source texts and Qt's own English, with the plural
    forms of the English catalogue (``gaitscreen_en.qm``: "1 job queued" / "2 jobs
    queued") when it is shipped.
    """
    for old in _INSTALLED.pop(id(app), []):
        app.removeTranslator(old)
    code = normalise(code)
    locale = QLocale(code) if code else QLocale.system()
    QLocale.setDefault(locale)  # numbers and dates in widgets follow the shown language
    folder = str(resources_dir() / "i18n")
    ours = QTranslator(app)
    if not ours.load(locale, CATALOGUE, "_", folder) or normalise(ours.language()) == SOURCE_LANGUAGE:
        english = QTranslator(app)
        if english.load(f"{CATALOGUE}_{SOURCE_LANGUAGE}", folder):  # only its numerus entries are translated
            app.installTranslator(english)
            _INSTALLED[id(app)] = [english]
        _core_follows(SOURCE_LANGUAGE)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)  # re-label now, not later
        return SOURCE_LANGUAGE
    installed = []
    qt_own = QTranslator(app)
    if qt_own.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        installed.append(qt_own)
    app.installTranslator(ours)  # installed last: searched first
    installed.append(ours)
    _INSTALLED[id(app)] = installed
    shown = ours.language() or code
    _core_follows(shown)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)  # re-label now, not later
    return shown


def _core_follows(shown: str) -> None:
    """Core text (results, protocol messages, reports exported without a choice) in the shown language,
    set before the widgets re-label so that what they re-render from core is in it too."""
    from gaitscreen.core import i18n

    tag = shown.replace("_", "-")
    i18n.set_language(tag if tag in i18n.available_languages() else i18n.SOURCE_LANGUAGE)


def current_language(app: Optional[QApplication] = None) -> str:
    """The language the app shows now (``en`` when no catalogue is installed)."""
    app = app or QApplication.instance()
    installed = _INSTALLED.get(id(app))
    return (installed[-1].language() or SOURCE_LANGUAGE) if installed else SOURCE_LANGUAGE


class _LanguageWatch(QObject):
    """Calls back when the watched widget gets ``LanguageChange`` (for holders that are not widgets)."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self._callback()
        return False


def on_language_change(widget: QWidget, callback: Callable[[], None]) -> None:
    """Run ``callback`` whenever the language changes (as long as ``widget`` lives)."""
    _LanguageWatch(widget, callback)


class LanguageMenu(QMenu):
    """*Language*: System / English / each catalogue's language, exclusive, remembered in settings."""

    language_changed = Signal(str)  # the language now shown, e.g. "zh_TW"

    def __init__(self, settings: QSettings, app: QApplication, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.settings, self.app = settings, app
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.actions_by_code: dict[str, QAction] = {}
        chosen = chosen_language(settings)
        for code in [""] + available_languages():
            action = QAction(self, checkable=True)
            action.setChecked(code == chosen)
            action.triggered.connect(lambda _on=False, c=code: self.choose(c))
            self.group.addAction(action)
            self.addAction(action)
            self.actions_by_code[code] = action
            if code == "":
                self.addSeparator()
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("&Language"))
        self.setToolTipsVisible(True)
        system = normalise(QLocale.system().name())
        shown = display_name(system) if system in available_languages() else display_name(SOURCE_LANGUAGE)
        self.actions_by_code[""].setText(self.tr("System ({language})").format(language=shown))
        self.actions_by_code[""].setToolTip(self.tr("Follow the language of the operating system"))
        for code, action in self.actions_by_code.items():
            if code:
                action.setText(display_name(code))

    def choose(self, code: str) -> str:
        """Remember ``code`` ("" for the system's) and switch the running app to it."""
        code = check_language(code)
        self.settings.setValue(KEY, code)
        self.actions_by_code[code].setChecked(True)
        shown = install_language(self.app, code)
        self.language_changed.emit(shown)
        return shown

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def add_language_menu(menu_bar_or_menu: Union[QMenuBar, QMenu], settings: QSettings,
                      app: Optional[QApplication] = None) -> LanguageMenu:
    """Add the *Language* menu to a menu bar or as a submenu; the menu (its ``language_changed`` signal)."""
    menu = LanguageMenu(settings, app or QApplication.instance(), menu_bar_or_menu)
    menu_bar_or_menu.addMenu(menu)
    return menu
