"""The getting-started links open the user guide at their step, in English and in zh-TW.

The steps are found by anchors every guide carries (``<a id="step-…"></a>``), not by an
English heading (which the Chinese guide does not contain)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from gaitscreen.ui.getting_started import GUIDE_SECTIONS, GettingStarted  # noqa: E402
from gaitscreen.ui.language_pref import install_language  # noqa: E402
from gaitscreen.ui.user_guide_view import ANCHOR, UserGuideView  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
#: how each step's paragraph starts in each guide (what the link must land on)
STARTS = {"en": {"check": "Check the patient.", "result": "Read the result on the Analysis tab",
                 "export": "Export the report on the Report tab"},
          "zh_TW": {"check": "確認受測者。", "result": "判讀結果，在 分析 分頁", "export": "匯出報告，在 報告 分頁"}}


@pytest.fixture
def app(qapp):
    yield qapp
    install_language(qapp, "en")


def test_every_guide_marks_every_linked_section_once():
    guides = sorted((ROOT / "docs").glob("user_guide*.md"))
    assert len(guides) >= 2
    for guide in guides:
        ids = ANCHOR.findall(guide.read_text(encoding="utf-8"))
        for anchor in GUIDE_SECTIONS.values():
            assert ids.count(anchor) == 1, f"{guide.name}: anchor {anchor!r} found {ids.count(anchor)} times"


@pytest.mark.parametrize("language", ["en", "zh_TW"])
def test_each_getting_started_link_opens_the_guide_at_its_step(qtbot, app, language):
    install_language(app, language)
    guide = UserGuideView()
    qtbot.addWidget(guide)
    panel = GettingStarted(new_patient=lambda: None, import_video=lambda: None, capture=lambda: None,
                           show_guide=guide.show_section)
    qtbot.addWidget(panel)
    assert set(guide.anchors) >= set(GUIDE_SECTIONS.values())
    assert "\ue000" not in guide.shown_text() and "<a id" not in guide.shown_text()  # markers are invisible
    for key, start in STARTS[language].items():
        guide.close()
        panel.buttons[key].click()
        assert guide.isVisible() and guide.section == GUIDE_SECTIONS[key]
        assert guide.section_text().startswith(start), (key, guide.section_text()[:40])
        assert guide.browser.textCursor().position() == guide.anchors[GUIDE_SECTIONS[key]]
    panel.buttons["guide"].click()  # the whole guide: its top
    assert guide.browser.textCursor().position() == 0


def test_a_language_switch_keeps_the_open_guide_at_its_step(qtbot, app):
    guide = UserGuideView()
    qtbot.addWidget(guide)
    assert guide.show_section(GUIDE_SECTIONS["result"])
    assert guide.section_text().startswith(STARTS["en"]["result"])
    install_language(app, "zh_TW")
    assert guide.path.name == "user_guide.zh-TW.md"
    assert guide.section_text().startswith(STARTS["zh_TW"]["result"])
    assert not guide.show_section("no-such-step")  # a missing anchor: the top, and says so
    assert guide.browser.textCursor().position() == 0


def test_a_guide_without_the_markers_opens_at_the_top(qtbot, tmp_path):
    plain = tmp_path / "user_guide.md"
    plain.write_text("# Guide\n\n3. **Check the patient.** Text.\n", encoding="utf-8")
    guide = UserGuideView(path=plain)
    qtbot.addWidget(guide)
    assert guide.anchors == {} and not guide.show_section(GUIDE_SECTIONS["check"])
    assert re.match("Guide", guide.section_text())
