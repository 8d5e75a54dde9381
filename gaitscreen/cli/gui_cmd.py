"""``gaitscreen gui``: the desktop application (also what ``gaitscreen`` alone opens).

``--screenshot PNG`` opens the window, waits until it has rendered and the
engine's queue is empty, saves a picture of the window and exits (README
pictures, tests; works with ``QT_QPA_PLATFORM=offscreen``). ``--lang zh-TW``
shows the app in that language for this run only (the Language menu's choice stays). When Qt cannot open
a window here (no display), the command ends with one line instead of Qt's abort.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from ..core.errors import GaitScreenError
from .options import add_study_option, new_command
from ..core.i18n import _

SCREENSHOT_TIMEOUT_S = 300.0


class DisplayError(GaitScreenError):
    """No window can be opened here."""


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = new_command(subparsers, "gui", run, help="open the desktop application (the default without a command)",
                    description="Open GaitScreen's main window: patients, recordings, player, annotation, "
                    "analysis and reports of one study folder.")
    add_study_option(p, help="study folder to open (default: the last one, or ~/Documents/GaitScreen/Default study)")
    p.add_argument("--screenshot", type=Path, metavar="PNG",
                   help="save a picture of the main window once it has rendered and its jobs are done, then exit")
    p.add_argument("--recording", type=int, metavar="ID",
                   help="select this recording (and its patient) after opening the study")
    p.add_argument("--panel", choices=("Annotate", "Analysis", "Report", "Agreement"),
                   help="bring this tab of the right dock to the front")
    p.add_argument("--time", type=float, metavar="SECONDS", help="show the selected recording at this time")
    p.add_argument("--lang", metavar="LANG",
                   help="show the app in this language for this run (en, zh-TW; default: the Language menu's choice)")


def _select(window, args: argparse.Namespace) -> None:
    """Apply ``--recording``, ``--panel`` and ``--time`` (one-line errors for unknown ones)."""
    recording_id = getattr(args, "recording", None)
    if recording_id is not None:
        study = window.study
        try:
            recording = study.recording(recording_id)
        except GaitScreenError:
            raise GaitScreenError(_('The study has no recording {recording_id}.')
                .format(recording_id=recording_id)) from None
        window.navigator.select_patient(recording.patient_id)
        window.navigator.select_recording(recording_id)
        if getattr(args, "time", None) is not None:
            window.player.seek_time(float(args.time))
    name = getattr(args, "panel", None)
    if name and window.panel(name) is not None:
        window.panels.setCurrentWidget(window.panel(name))


def run(args: argparse.Namespace) -> int:
    from ..ui.app import create_app, display_problem

    problem = display_problem()
    if problem:
        raise DisplayError(problem)
    screenshot: Path | None = getattr(args, "screenshot", None)
    if screenshot is not None:
        screenshot = screenshot.expanduser()
        if screenshot.suffix.lower() != ".png":
            screenshot = screenshot.with_suffix(".png")
        if not screenshot.parent.is_dir():
            raise GaitScreenError(_('The folder {parent} for the screenshot does not exist.')
                .format(parent=screenshot.parent))

    language = getattr(args, "lang", None)
    if language is not None:
        from ..ui.language_pref import check_language

        language = check_language(language) or None  # refused in one line before any window opens
    app = create_app(language=language)
    from ..ui import messages

    if screenshot is not None:
        # nobody is there to press OK: every message goes to stderr, no box or dialog waits
        with messages.headless() as shown:
            saved = _run_window(app, args, screenshot)
        errors = [m for m in shown if m.kind == "error"]
        if errors:
            return 2  # the screenshot may exist, but what it shows went wrong (the lines above say what)
        return saved
    return _run_window(app, args, None)


def _run_window(app, args: argparse.Namespace, screenshot: Path | None) -> int:
    from PySide6.QtCore import QCoreApplication, QSettings, QTimer

    from ..ui.app import SETTINGS_ENV, create_engine
    from ..ui.main_window import MainWindow

    engine = create_engine(app)
    settings = None
    if screenshot is not None and not os.environ.get(SETTINGS_ENV):
        # a screenshot run must not change the user's layout, last study or recent list
        scratch = tempfile.TemporaryDirectory(prefix="gaitscreen-screenshot-")
        settings = QSettings(str(Path(scratch.name) / "gaitscreen.ini"), QSettings.Format.IniFormat)
    if screenshot is not None:  # headless: a refused study is one line and exit 2, never a box
        from ..ui.app import make_settings
        from ..ui.study_session import check_openable, startup_folder

        try:
            check_openable(startup_folder(settings or make_settings(), getattr(args, "study", None)))
        except GaitScreenError:
            engine.shutdown()
            raise
    window = MainWindow(engine, settings=settings, study_folder=getattr(args, "study", None))
    try:
        _select(window, args)
    except GaitScreenError:
        window.close()
        engine.shutdown()
        raise
    window.show()
    if screenshot is None:
        status = app.exec()
        engine.shutdown()
        return int(status)

    outcome: dict[str, object] = {}
    deadline = time.monotonic() + SCREENSHOT_TIMEOUT_S
    settled = {"ticks": 0}

    def poll() -> None:
        busy = engine.running() is not None or bool(engine.pending())
        settled["ticks"] = 0 if busy else settled["ticks"] + 1
        # a few quiet ticks: layout done, first paint done, no job waiting
        if settled["ticks"] >= 5 or time.monotonic() > deadline:
            outcome["saved"] = window.grab().save(str(screenshot), "PNG")
            outcome["timed_out"] = busy
            window.close()
            QCoreApplication.quit()
        else:
            QTimer.singleShot(100, poll)

    QTimer.singleShot(200, poll)
    app.exec()
    engine.shutdown()
    if not outcome.get("saved"):
        raise GaitScreenError(_('Could not write the screenshot {screenshot}.').format(screenshot=screenshot))
    print(f"Screenshot saved to {screenshot}" + (" (jobs still running)" if outcome.get("timed_out") else ""))
    return 0
