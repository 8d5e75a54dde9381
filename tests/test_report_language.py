"""A report's language is chosen at export; the user guide follows the app's language.

The clinician may read the app in English and hand the patient a Chinese report:
the PDF is Chinese, the app and what the study stores stay as they were.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings

from annotation_study import make_study
from gaitscreen.core import screen
from gaitscreen.core.i18n import current_language
from gaitscreen.core.paths import user_guide
from gaitscreen.ui import report_panel
from gaitscreen.ui.language_pref import install_language
from gaitscreen.ui.report_language import ReportLanguageChoice, language_name
from gaitscreen.ui.report_panel import ReportPanel
from gaitscreen.ui.user_guide_view import UserGuideView
from pdf_text import pdf_text

EXAMPLE = Path(__file__).resolve().parent / "data" / "report_example.json"
DISCLAIMER_ZH = "GaitScreen為篩檢輔助工具，不能診斷肌少症"


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture()
def study(tmp_path: Path):
    s = make_study(tmp_path / "study", patients=1, recordings=1, duration_s=12.5, user="os-user")
    rec = s.recordings()[0]
    report = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    report["recording"]["sha256"] = rec.sha256
    report["screening"]["model"]["sha256"] = s.active_model().sha256
    report["disclaimer"] = screen.DISCLAIMER  # what screen_video stores
    s.save_analysis(rec.id, s.active_model().id, report)
    yield s
    s.close()


@pytest.fixture()
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture()
def app(qapp):
    """The test application, back in English (and its old default locale) afterwards."""
    saved = QLocale()
    yield qapp
    install_language(qapp, "en")
    QLocale.setDefault(saved)


def _panel(qtbot, settings: QSettings, study) -> ReportPanel:
    panel = ReportPanel(settings=settings)
    qtbot.addWidget(panel)
    panel.resize(600, 900)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_study(study)
    panel.show_recording(study.recordings()[0].id)
    panel.open_after.setChecked(False)
    return panel


def test_the_languages_are_the_core_catalogues_named_in_themselves(qtbot, settings):
    choice = ReportLanguageChoice(settings)
    qtbot.addWidget(choice)
    assert [choice.itemText(i) for i in range(choice.count())] == ["English", "繁體中文"]
    assert [choice.itemData(i) for i in range(choice.count())] == ["en", "zh-TW"]
    assert language_name("zh_TW") == "繁體中文" and choice.language() == "en"  # the app's language by default


def test_a_chinese_report_from_an_english_app_stores_the_same_report(qtbot, app, study, settings):
    panel = _panel(qtbot, settings, study)
    rec = study.recordings()[0]
    stored_before = study.load_report(study.analysis(rec.id))
    english = panel.export_report()
    panel.language.choose("zh-TW")
    assert panel.language.currentText() == "繁體中文"
    chinese = panel.export_report()
    text = _flat(pdf_text(Path(chinese["pdf_path"])))
    assert DISCLAIMER_ZH in text and "大致不穩定" in text and "P-0042" in text
    assert "About this report" not in text
    assert DISCLAIMER_ZH not in _flat(pdf_text(Path(english["pdf_path"])))
    # the app stays English: its labels and the core text it shows
    assert current_language() == "en" and panel._labels[0].text() == "Operator"
    # what is stored and returned does not depend on the PDF's language
    assert chinese["numbers"] == english["numbers"]
    assert study.load_report(study.analysis(rec.id)) == stored_before
    rows = study.reports(rec.id)
    assert len(rows) == 2 and {(r.operator, r.notes, r.conclusion) for r in rows} == {
        (english["operator"], english["notes"], english["conclusion"])}


def test_the_preview_is_in_the_chosen_language(qtbot, app, study, settings, monkeypatch):
    built: list[str | None] = []
    original = report_panel.pdf_bytes
    monkeypatch.setattr(report_panel, "pdf_bytes", lambda report, language=None: built.append(language)
                        or original(report, language=language))
    panel = _panel(qtbot, settings, study)
    panel.language.choose("zh-TW")
    panel.refresh_preview()
    assert built[-1] == "zh-TW" and panel.preview_pixmap() is not None


def test_the_choice_is_remembered_per_study(qtbot, app, study, settings, tmp_path):
    panel = _panel(qtbot, settings, study)
    panel.language.choose("zh-TW")
    again = _panel(qtbot, settings, study)  # a new window: remembered for this study
    assert again.language.language() == "zh-TW"
    other = make_study(tmp_path / "other", patients=1, recordings=0)
    try:
        again.set_study(other)
        assert again.language.language() == "en"  # another study: the app's language
    finally:
        other.close()


def test_without_a_choice_the_report_language_follows_the_app(qtbot, app, study, settings):
    panel = _panel(qtbot, settings, study)
    assert panel.language.language() == "en"
    install_language(app, "zh_TW")
    assert panel.language.language() == "zh-TW" and panel._labels[4].text() == "報告語言"
    panel.language.choose("en")  # chosen: kept when the app switches
    install_language(app, "en")
    install_language(app, "zh_TW")
    assert panel.language.language() == "en"


def test_the_user_guide_file_of_a_language(tmp_path, monkeypatch):
    root = Path(__file__).resolve().parents[1]
    assert user_guide("zh-TW") == user_guide("zh_TW") == root / "docs" / "user_guide.zh-TW.md"
    assert user_guide("en") == user_guide() == user_guide("fr") == root / "docs" / "user_guide.md"
    monkeypatch.setenv("GAITSCREEN_DOCS_DIR", str(tmp_path))
    (tmp_path / "user_guide.md").write_text("# Guide\n", encoding="utf-8")
    (tmp_path / "user_guide.ja.md").write_text("# ガイド\n", encoding="utf-8")  # a third language: one file
    assert user_guide("ja") == user_guide("ja_JP") == tmp_path / "user_guide.ja.md"  # Qt names it ja_JP
    assert user_guide("zh-TW") == user_guide("en-GB") == tmp_path / "user_guide.md"


def test_the_chinese_guide_is_complete():
    root = Path(__file__).resolve().parents[1]
    heads = [re.findall(r"^(#+) ", (root / "docs" / name).read_text(encoding="utf-8"), re.M)
             for name in ("user_guide.md", "user_guide.zh-TW.md")]
    assert heads[0] == heads[1]  # the same sections
    zh = (root / "docs" / "user_guide.zh-TW.md").read_text(encoding="utf-8")
    assert "肌少症" in zh and "AWGS 2019" in zh and "直線腳跟接腳尖行走" in zh


def test_in_zh_tw_the_viewer_shows_the_chinese_guide(qtbot, app):
    view = UserGuideView()
    qtbot.addWidget(view)
    assert "GaitScreen user guide" in view.shown_text()
    install_language(app, "zh_TW")  # a running switch re-renders the open guide
    assert view.path.name == "user_guide.zh-TW.md"
    assert "使用手冊" in view.shown_text() and "GaitScreen user guide" not in view.shown_text()
    install_language(app, "en")
    assert "GaitScreen user guide" in view.shown_text()
    install_language(app, "zh_TW")
    later = UserGuideView()  # opened while the app is in Chinese
    qtbot.addWidget(later)
    assert "使用手冊" in later.shown_text()
