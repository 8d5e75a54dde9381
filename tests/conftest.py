"""Shared fixtures: test data paths and an isolated cache folder."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
WALK_VIDEO = DATA / "walk_frontal_bystander.mp4"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Exported ONNX files and ultralytics settings go to a throw-away folder, never
# into the user's real cache (subprocesses inherit this too).
os.environ["GAITSCREEN_CACHE_DIR"] = tempfile.mkdtemp(prefix="gaitscreen-test-cache-")


@pytest.fixture(scope="session")
def walk_video() -> Path:
    """The real 100-frame, 60 fps portrait walk with a bystander at the left."""
    return WALK_VIDEO


@pytest.fixture(autouse=True)
def _english_core_text():
    """Each test starts and ends with core text in English (a language switch must not leak)."""
    from gaitscreen.core import i18n

    i18n.set_language(i18n.SOURCE_LANGUAGE)
    yield
    i18n.set_language(i18n.SOURCE_LANGUAGE)
    prefs = sys.modules.get("gaitscreen.ui.language_pref")  # the app's Qt translators too, when a test used them
    if prefs is not None:
        from PySide6.QtWidgets import QApplication

        from PySide6.QtCore import QCoreApplication, QEvent

        app = QApplication.instance()
        if app is not None:
            # widgets a test left behind (their study closed) must not get a later test's language change
            for widget in app.topLevelWidgets():
                widget.close()
                widget.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            if prefs.normalise(prefs.current_language(app)) != prefs.SOURCE_LANGUAGE:
                prefs.install_language(app, prefs.SOURCE_LANGUAGE)
