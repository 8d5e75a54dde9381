"""Switching the app's language: menus and panels re-label at run time, Chinese renders, nothing is clipped.

Offscreen Qt (pytest-qt). The window is built from the widgets this branch owns
(Language menu, model menus, protocol panel, trend chart, training dialog).
Screenshots go to the test's temporary folder, and also to
``$GAITSCREEN_SCREENSHOT_DIR`` when that is set (to look at them).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QCoreApplication, QLocale, QSettings  # noqa: E402
from PySide6.QtGui import QFontDatabase, QTextLayout  # noqa: E402
from PySide6.QtWidgets import (QApplication, QCheckBox, QDialogButtonBox, QLabel, QMainWindow,  # noqa: E402
                               QPushButton, QVBoxLayout, QWidget)

from gaitscreen.ui.app import create_app, load_fonts  # noqa: E402
from gaitscreen.ui.language_pref import (KEY, LanguageMenu, add_language_menu, chosen_language,  # noqa: E402
                                         current_language, install_language)
from gaitscreen.ui.lifter_pref import LifterChoice  # noqa: E402
from gaitscreen.ui.protocol_panel import ProtocolPanel  # noqa: E402
from gaitscreen.ui.rate_rule_pref import add_rate_rule_menu  # noqa: E402
from gaitscreen.ui.train_dialog import TrainDialog  # noqa: E402
from gaitscreen.ui.trend_view import TrendView  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")
FAILED = {"protocol": {"assessable": False, "checks": [
    {"code": "distance", "status": "fail", "message": "The walker is too far from the camera."},
    {"code": "frame_rate", "status": "pass", "message": "30 frames per second."}]},
    "screening": {"risk_reason": "A protocol check failed."}}


@pytest.fixture
def settings(tmp_path, monkeypatch):
    monkeypatch.setenv("GAITSCREEN_SETTINGS_DIR", str(tmp_path / "settings"))
    return QSettings(str(tmp_path / "gaitscreen.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def app(qapp):
    """The test application, back in English (and its old default locale) afterwards."""
    saved = QLocale()
    yield qapp
    install_language(qapp, "en")
    QLocale.setDefault(saved)


def build_window(qtbot, settings, app):
    window = QMainWindow()
    qtbot.addWidget(window)
    bar = window.menuBar()
    models = bar.addMenu("Models")
    window.lifter = LifterChoice(models, window, None, settings)
    window.rules = add_rate_rule_menu(models, settings)
    window.language = add_language_menu(bar, settings, app)
    central = QWidget()
    layout = QVBoxLayout(central)
    window.protocol = ProtocolPanel()
    window.protocol.show_report(FAILED)
    window.trend = TrendView()
    window.trend.set_trend([("2026-03-02T10:00", 0.31), ("2026-07-14", None), ("2026-11-21", 0.6)], current=2)
    layout.addWidget(window.protocol)
    layout.addWidget(window.trend)
    window.setCentralWidget(central)
    window.show()
    qtbot.waitExposed(window)
    return window


def clipped(root: QWidget) -> list[str]:
    """Visible labels, buttons and check boxes whose text does not fit their size."""
    bad = []
    for w in root.findChildren(QWidget):
        if not isinstance(w, (QLabel, QPushButton, QCheckBox)) or not w.isVisible() or not w.text():
            continue
        if isinstance(w, QLabel) and w.wordWrap():
            need = w.heightForWidth(w.width())
            if need > w.height():
                bad.append(f"{w.text()!r}: {w.height()} px high, needs {need}")
            continue
        text = re.sub(r"<[^>]+>", "", w.text()).replace("&", "")
        fits = w.contentsRect().width() >= w.fontMetrics().horizontalAdvance(text)
        if w.width() < w.sizeHint().width() and not fits:
            bad.append(f"{w.text()!r}: {w.width()} px wide, needs {w.sizeHint().width()}")
    return bad


def save_shot(widget: QWidget, tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    assert widget.grab().save(str(path), "PNG")
    folder = os.environ.get("GAITSCREEN_SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(folder) / name)
    return path


def test_switching_language_relabels_the_open_window(qtbot, settings, app):
    window = build_window(qtbot, settings, app)
    assert window.language.title() == "&Language"
    assert window.protocol.accept.text() == "Accept deviation…"
    english_caption = window.trend.caption.text()
    assert english_caption.startswith("Visits: ")

    assert window.language.choose("zh_TW") == "zh_TW"
    assert current_language(app) == "zh_TW"
    assert window.language.title() == "語言(&L)"
    assert window.protocol.accept.text() == "接受偏離…"
    assert window.trend.caption.text() == "就診紀錄：2026-03-02：R = 31 % · 2026-07-14：無結果 · 2026-11-21：R = 60 %"
    assert window.lifter.choose.text() == "選擇 3D 提升模型(&L)…"
    assert window.lifter.default.text() == "使用模型資料夾中的提升模型"
    assert next(iter(window.rules.values())).toolTip().startswith("新的分析會使用此設定")
    assert window.rules[next(iter(window.rules))].parent().title() == "不穩定率計算方式(&C)"
    assert window.language.actions_by_code["zh_TW"].isChecked()
    assert settings.value(KEY) == "zh_TW"

    window.protocol.show_report({"protocol": {"assessable": True, "checks": [
        {"code": "distance", "status": "pass", "message": "ok"}]}})
    assert window.protocol.verdict.text() == "此錄影符合流程。"

    window.language.choose("en")
    assert window.language.title() == "&Language"
    assert window.protocol.verdict.text() == "The recording follows the protocol."
    assert window.trend.caption.text() == english_caption
    assert window.lifter.choose.text() == "Choose 3-D &lifter…"
    assert current_language(app) == "en"


def test_the_choice_is_remembered_and_used_at_the_next_start(qtbot, settings, app):
    assert chosen_language(settings) == ""  # nothing chosen: the system's language
    menu = LanguageMenu(settings, app)
    assert menu.actions_by_code[""].isChecked()
    menu.choose("zh-TW")
    later = LanguageMenu(settings, app)
    assert later.actions_by_code["zh_TW"].isChecked() and chosen_language(settings) == "zh_TW"
    assert install_language(app, chosen_language(settings)) == "zh_TW"
    settings.setValue(KEY, "klingon")  # an edited settings file: read as "follow the system"
    assert chosen_language(settings) == ""


def test_qt_own_buttons_follow_the_language(qtbot, settings, app):
    install_language(app, "zh_TW")
    dialog = TrainDialog(None, None)
    qtbot.addWidget(dialog)
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    assert close.text() == "關閉"
    assert QCoreApplication.translate("TrainDialog", "%n window(s)", "", 3) == "3 個視窗"
    install_language(app, "en")
    assert close.text() == "Close" and dialog.start_button.text() == "Train"


def test_chinese_renders_with_the_bundled_font(app, settings):
    families = load_fonts(app)
    assert families, "resources/fonts/DroidSansFallbackFull.ttf did not load"
    assert set(families) <= set(app.font().families())
    layout = QTextLayout("肌少症篩檢：握力與步行速度", app.font())
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    runs = layout.glyphRuns()
    assert runs and all(0 not in run.glyphIndexes() for run in runs), "some characters have no glyph (boxes)"
    system_cjk = set(QFontDatabase.families(QFontDatabase.WritingSystem.TraditionalChinese)) - set(families)
    if not system_cjk:  # a machine without CJK fonts (as here): the bundled font draws them
        assert {run.rawFont().familyName() for run in runs} <= set(families)


def test_zh_tw_window_and_dialog_have_no_clipped_text(qtbot, settings, app, tmp_path):
    create_app()  # the app's fonts and style, as the real start has them
    install_language(app, "zh_TW")
    window = build_window(qtbot, settings, app)
    window.resize(window.sizeHint())
    dialog = TrainDialog(None, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for shown in (window, dialog):
        qtbot.wait(20)
        assert not clipped(shown), clipped(shown)
    save_shot(window, tmp_path, "language_zh_TW_window.png")
    save_shot(dialog, tmp_path, "language_zh_TW_train_dialog.png")
    owned = [window.protocol.accept, window.trend.caption, *dialog.form_labels, dialog.stage, dialog.start_button,
             dialog.cancel_button, dialog.activate_button]
    english = [w.text() for w in owned if not CJK.search(w.text())]
    assert not english, f"English left on the zh-TW screen: {english}"
    narrow = TrainDialog(None, None)  # the dialog at its smallest still shows every label whole
    qtbot.addWidget(narrow)
    narrow.show()
    narrow.resize(narrow.minimumSizeHint())
    qtbot.wait(20)
    assert not clipped(narrow), clipped(narrow)


def test_gui_lang_and_system_language_at_start(tmp_path):
    """``gui --lang zh-TW`` and a zh_TW system locale both start the app in Chinese."""
    env = dict(os.environ, GAITSCREEN_SETTINGS_DIR=str(tmp_path / "settings"), QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    probe = ("from gaitscreen.ui.app import create_app; from gaitscreen.ui.language_pref import current_language;"
             "from PySide6.QtCore import QCoreApplication as Q; app = create_app();"
             "print(current_language(app), Q.translate('TrainDialog', 'Train'))")
    for lang, expected in (("zh_TW.UTF-8", "zh_TW 訓練"), ("C", "en Train")):
        proc = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=dict(env, LC_ALL=lang, LANG=lang),
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.strip().splitlines()[-1] == expected
    out = tmp_path / "main_zh_TW.png"
    proc = subprocess.run([sys.executable, "-m", "gaitscreen", "gui", "--lang", "zh-TW", "--study",
                           str(tmp_path / "study"), "--screenshot", str(out)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)  # a bound on "does not hang"
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    folder = os.environ.get("GAITSCREEN_SCREENSHOT_DIR")
    if folder:
        shutil.copy(out, Path(folder) / out.name)
