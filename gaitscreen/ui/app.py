"""Application set-up: QApplication, settings location, icon, palette, engine lifetime.

* :func:`display_problem` tells, before Qt is started, why no window could open,
  and :func:`exit_on_qt_fatal` turns Qt's own start-up abort into one line.
* :func:`make_settings` is the one way to get the :class:`QSettings`; the env
  variable ``GAITSCREEN_SETTINGS_DIR`` points it at a folder (tests, portable use)
  instead of the user's real settings.
* :func:`create_app` builds (or reuses) the ``QApplication`` with the
  organisation/application names, the window icon, and a palette that follows
  the system's light/dark scheme, also when the scheme changes while running.
* :func:`load_fonts` adds the bundled CJK font (Droid Sans Fallback) as a fallback
  family of the app font, so Chinese shows on machines without CJK system fonts;
  :func:`create_app` also installs the language (:mod:`gaitscreen.ui.language_pref`).
* :func:`create_engine` starts the background engine; it is shut down when the
  application quits.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

from PySide6.QtCore import QLibraryInfo, QSettings, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from gaitscreen import __version__
from gaitscreen.core.paths import resources_dir

from .language_pref import check_language, chosen_language, install_language

ORGANIZATION = "GaitScreen"
APPLICATION = "GaitScreen"
SETTINGS_ENV = "GAITSCREEN_SETTINGS_DIR"
CJK_FONT = "DroidSansFallbackFull.ttf"
_HOOKED: set[int] = set()  # applications whose scheme-change signal is connected


def display_problem() -> Optional[str]:
    """One sentence saying why Qt cannot open a window here, or None when it probably can."""
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0].strip()
    if platform:
        plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
        if plugins.is_dir() and not any(plugins.glob(f"*q{platform}.*")):
            return f"The Qt platform '{platform}' named by QT_QPA_PLATFORM is not available."
        return None
    if sys.platform in ("win32", "darwin"):
        return None
    display = os.environ.get("DISPLAY", "")
    if os.environ.get("WAYLAND_DISPLAY"):
        return None
    if not display:
        return ("No display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set); "
                "run it in a desktop session, or set QT_QPA_PLATFORM=offscreen for --screenshot.")
    return None


def exit_on_qt_fatal(prefix: str = "gaitscreen: error: ") -> None:
    """Until the QApplication exists, turn Qt's fatal start-up abort into one line and exit 2.

    Qt reports a platform that cannot start (no X server, a missing system library)
    with a ``qFatal`` that aborts the process; the warnings before it name the cause.
    """
    seen: list[str] = []

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        if kind != QtMsgType.QtFatalMsg:
            if kind != QtMsgType.QtDebugMsg and message.strip():
                seen.append(message.strip().splitlines()[0])
            return
        cause = next((m for m in seen if "platform plugin" in m or "display" in m or "needed" in m), "")
        first = message.strip().splitlines()[0] if message.strip() else "Qt could not start."
        print(f"{prefix}Cannot open the window: {cause or first}", file=sys.stderr, flush=True)
        os._exit(2)

    qInstallMessageHandler(handler)


def make_settings() -> QSettings:
    """The application's settings; under ``$GAITSCREEN_SETTINGS_DIR`` when that is set."""
    folder = os.environ.get(SETTINGS_ENV)
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return QSettings(str(Path(folder) / "gaitscreen.ini"), QSettings.Format.IniFormat)
    return QSettings(ORGANIZATION, APPLICATION)


def app_icon() -> QIcon:
    """The application icon from ``resources/icons`` (every size present; empty when missing)."""
    icon = QIcon()
    folder = resources_dir() / "icons"
    for path in sorted(folder.glob("gaitscreen*.png")) if folder.is_dir() else []:
        icon.addFile(str(path))
    return icon


def load_fonts(app: QApplication) -> list[str]:
    """Add the bundled CJK font behind the app's own family; the families it brought (empty when missing)."""
    path = resources_dir() / "fonts" / CJK_FONT
    font_id = QFontDatabase.addApplicationFont(str(path)) if path.is_file() else -1
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        font = app.font()
        first = font.family()
        font.setFamilies([first] + [f for f in families if f != first])
        app.setFont(font)
        for family in families:  # widgets that name their own family fall back to it too
            QFont.insertSubstitution(first, family)
    return families


def dark_palette() -> QPalette:
    palette = QPalette()
    window, base, text = QColor(45, 45, 48), QColor(30, 30, 32), QColor(230, 230, 230)
    disabled = QColor(130, 130, 130)
    for role, color in (
        (QPalette.ColorRole.Window, window), (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base), (QPalette.ColorRole.AlternateBase, QColor(40, 40, 43)),
        (QPalette.ColorRole.ToolTipBase, window), (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.Text, text), (QPalette.ColorRole.Button, window),
        (QPalette.ColorRole.ButtonText, text), (QPalette.ColorRole.BrightText, QColor(255, 90, 90)),
        (QPalette.ColorRole.Link, QColor(90, 160, 255)), (QPalette.ColorRole.Highlight, QColor(45, 110, 200)),
        (QPalette.ColorRole.HighlightedText, QColor(255, 255, 255)),
        (QPalette.ColorRole.PlaceholderText, disabled),
    ):
        palette.setColor(role, color)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def apply_color_scheme(app: QApplication, scheme: Optional[Qt.ColorScheme] = None) -> str:
    """Use a dark or the style's light palette after the system scheme; returns "dark"/"light"."""
    if scheme is None:
        scheme = app.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        app.setPalette(dark_palette())
        return "dark"
    app.setPalette(app.style().standardPalette())
    return "light"


def create_app(argv: Optional[list[str]] = None, *, language: Optional[str] = None) -> QApplication:
    """The QApplication (created once), named for QSettings, with icon, system palette, fonts and language.

    ``language`` (e.g. ``"zh_TW"``, ``"en"``) overrides the remembered choice for this
    run without storing it; by default the choice in the settings (or the system's) is used.
    """
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        exit_on_qt_fatal()
        app = QApplication(argv if argv is not None else [sys.argv[0]])
        qInstallMessageHandler(None)  # Qt's own handling again once the platform is up
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setApplicationDisplayName(APPLICATION)
    app.setWindowIcon(app_icon())
    if id(app) not in _HOOKED:
        app.setStyle("Fusion")  # the one style whose palette follows ours on every platform
        app.styleHints().colorSchemeChanged.connect(lambda scheme: apply_color_scheme(app, scheme))
        load_fonts(app)
        if language is None:
            install_language(app, chosen_language(make_settings()))
        _HOOKED.add(id(app))
    if language is not None:
        install_language(app, check_language(language))
    apply_color_scheme(app)
    return app


def create_engine(app: QApplication, *, detect_device: bool = True):  # -> Engine
    """The background engine; it shuts itself down when ``app`` quits (its own ``aboutToQuit`` hook)."""
    from gaitscreen.engine import Engine

    return Engine(detect_device=detect_device)
