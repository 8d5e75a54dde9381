"""The Analysis tab's chart legend counts its windows in the reader's language (Qt's numerus
form: "1 window" / "16 windows" in English, "16 個視窗" in zh-TW), re-labelled on a switch;
its recipe sentence and the notes under the tables are worded too."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QLocale  # noqa: E402

from gaitscreen.core.analysis.screening import AnalysisSettings, _recipe_entry  # noqa: E402
from gaitscreen.core.model import SkateFormerConfig  # noqa: E402
from gaitscreen.core.model.card import ModelCard  # noqa: E402
from gaitscreen.core.model.inputs import InputSpec  # noqa: E402
from gaitscreen.core.model.recipe import default_recipe  # noqa: E402
from gaitscreen.ui.analysis_view import AnalysisView  # noqa: E402
from gaitscreen.ui.language_pref import install_language  # noqa: E402

EXAMPLE = Path(__file__).resolve().parent / "data" / "report_example.json"


@pytest.fixture
def app(qapp):
    saved = QLocale()
    yield qapp
    install_language(qapp, "en")
    QLocale.setDefault(saved)


@pytest.fixture
def report() -> dict[str, Any]:
    r = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    card = ModelCard(name="m", version="1", architecture=ModelCard.architecture_of(SkateFormerConfig.ntu_sarcopenia()),
                     input=InputSpec(), training_data={"description": "random weights", "synthetic": True},
                     window_recipe=default_recipe())
    r["screening"]["window_recipe"] = json.loads(json.dumps(_recipe_entry(card, AnalysisSettings(stride=8))))
    return r


def _view(qtbot, report: dict[str, Any]) -> AnalysisView:
    view = AnalysisView()
    qtbot.addWidget(view)
    view.show_report(report)
    return view


def test_legend_counts_windows_in_each_language(qtbot, app, report) -> None:
    n = len(report["screening"]["windows"])
    assert n > 1
    install_language(app, "en")
    view = _view(qtbot, report)
    assert f"<small>{n} windows · " in view.legend.text()
    one = copy.deepcopy(report)
    one["screening"]["windows"] = one["screening"]["windows"][:1]
    assert "<small>1 window · " in _view(qtbot, one).legend.text()
    install_language(app, "zh_TW")  # the open view re-labels itself
    assert f"<small>{n} 個視窗 · " in view.legend.text() and "window" not in view.legend.text()


def test_recipe_sentence_and_table_notes_in_chinese(qtbot, app, report) -> None:
    install_language(app, "zh_TW")
    view = _view(qtbot, report)
    method = view.summary.method.text()
    assert method.startswith("視窗："), method
    assert "consecutive" not in method and "Windows:" not in method and "每 8 個影格開始一個新視窗" in method, method
    texts = [w.text() for w in view.summary.findChildren(type(view.summary.method))]
    assert any(t.startswith("BH = 影像中的身體高度") for t in texts)  # the measures' explanation
    assert not any(t.startswith("BH = body height") for t in texts)
