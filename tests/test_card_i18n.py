"""Issue 19, the model card's part: its texts, its errors and the training-data errors in zh-TW.

The report JSON keeps the card's English summary and training-data description and, beside them,
``screening.model.wording`` (template and values); the PDF's model section and the Analysis tab's
model tooltip word them in the reader's language. A report stored before the map still renders
(English). Errors a user causes (a hand-edited card, unusable training data) are raised in the
current language. The training dialog re-labels itself, its *Start from* choices and its stage
line on a ``LanguageChange``.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from gaitscreen.core.analysis.protocol_words import say, stored_text
from gaitscreen.core.analysis.screening import model_description
from gaitscreen.core.errors import GaitScreenError, ModelError, SkeletonFormatError
from gaitscreen.core.i18n import N_, language
from gaitscreen.core.labels_export import GatheredLabels, check_trainable, slice_skeleton
from gaitscreen.core.model.card import ModelCard
from gaitscreen.core.model.crossval import subject_folds
from gaitscreen.core.model.results import RECORDED_LIMITATIONS, with_description_wording
from gaitscreen.core.report import build_pdf
from pdf_text import pdf_text

ROOT = Path(__file__).resolve().parents[1]
BUNDLED_CARD = ROOT / "models" / "gaitscreen-stability-synthetic.card.json"
EXAMPLE = Path(__file__).resolve().parent / "data" / "report_example.json"
CJK = re.compile(r"[\u3400-\u9fff]")


class CardClassifier:
    """What :func:`model_description` reads of a loaded classifier: its card and the file's sha256."""

    def __init__(self, card: ModelCard) -> None:
        self.card, self.sha256 = card, card.sha256


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _card_dict() -> dict[str, Any]:
    return json.loads(BUNDLED_CARD.read_text(encoding="utf-8"))


def _report_with(model: dict[str, Any]) -> dict[str, Any]:
    report = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    report["screening"]["model"] = json.loads(json.dumps(model))  # as stored: plain JSON
    return report


# --- The card's texts as shown ----------------------------------------------------------


def test_the_stored_model_info_stays_english_with_its_wording_beside_it() -> None:
    card = ModelCard.from_dict(_card_dict())
    with language("zh-TW"):  # the report's data does not depend on the language it is made in
        model = model_description(CardClassifier(card))
    assert model["summary"] == (f"gaitscreen-stability-synthetic 0.4.0 (sha256 {card.sha256[:12]}): SkateFormer, "
                                "2-D ntu24 at 30 fps, trained on synthetic data, balanced accuracy 0.872 ± 0.008, "
                                "not clinically validated")
    assert model["training_data"].startswith("1200 synthetic subjects (2-D detector-like COCO skeletons")
    assert set(model["wording"]) == {model["summary"], model["training_data"]}
    assert model["notice"].startswith("Trained on synthetic skeletons")
    assert not CJK.search(json.dumps(model, ensure_ascii=False))
    with language("zh-TW"):
        summary = stored_text(model["summary"], model["wording"])
        data = stored_text(model["training_data"], model["wording"])
        notice = stored_text(model["notice"])
    assert "以合成資料訓練" in summary and "平衡準確率 0.872 ± 0.008" in summary and "未經臨床驗證" in summary
    assert summary.startswith("gaitscreen-stability-synthetic 0.4.0（sha256 ") and "trained" not in summary
    assert data.startswith("1200 位合成受測者") and "gaitscreen.synth 1.0.0" in data and "種子 0" in data
    assert notice == "以合成骨架訓練：僅用於示範操作流程，並非經驗證的臨床模型。"


def test_zh_tw_pdf_model_section_is_in_chinese(tmp_path: Path) -> None:
    model = model_description(CardClassifier(ModelCard.from_dict(_card_dict())))
    report = _report_with(model)
    text = _flat(pdf_text(build_pdf(report, tmp_path / "zh.pdf", language="zh-TW")))
    assert "分類模型（模型卡）" in text
    assert "以合成資料訓練" in text and "平衡準確率" in text and "1200位合成受測者" in text
    for english in ("trainedonsyntheticdata", "notclinicallyvalidated", "syntheticsubjects", "balancedaccuracy"):
        assert english not in text
    english = _flat(pdf_text(build_pdf(report, tmp_path / "en.pdf")))
    assert "trainedonsyntheticdata,balancedaccuracy0.872±0.008,notclinicallyvalidated" in english
    assert "1200syntheticsubjects" in english and "以合成" not in english


def test_a_report_stored_before_the_wording_map_still_renders(tmp_path: Path) -> None:
    report = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert "wording" not in report["screening"]["model"]
    text = _flat(pdf_text(build_pdf(report, tmp_path / "old.pdf", language="zh-TW")))
    assert "分類模型（模型卡）" in text  # the section's own words are Chinese
    assert _flat(report["screening"]["model"]["summary"]) in text  # the stored sentence, as stored


def test_a_card_written_by_somebody_else_keeps_its_authors_words() -> None:
    data = _card_dict()
    data["training_data"]["description"] = "48 patients of the Tainan falls clinic, 2024"
    # a wording that does not give the stated sentence is not used
    data["training_data"]["description_wording"] = {"template": N_("published 3-D clips from {file}"),
                                                    "values": {"file": "x.npz"}}
    model = model_description(CardClassifier(ModelCard.from_dict(data)))
    assert set(model["wording"]) == {model["summary"]}
    with language("zh-TW"):
        assert stored_text(model["training_data"], model["wording"]) == "48 patients of the Tainan falls clinic, 2024"


def test_a_trained_cards_description_records_its_wording_and_reads_back_in_chinese() -> None:
    info = with_description_wording({"synthetic": False, "description": say(
        N_("rater labels from study {study}, {clips} clips of {patients} patients, raters {raters}"),
        study="ward-3", clips=40, patients=6, raters="alice, bob")})
    assert type(info["description"]) is str  # plain text in the card's JSON, the wording beside it
    data = _card_dict()
    data["training_data"] = json.loads(json.dumps(info))
    data["limitations"] = list(RECORDED_LIMITATIONS)
    card = ModelCard.from_dict(data)
    assert card.description() == "rater labels from study ward-3, 40 clips of 6 patients, raters alice, bob"
    model = model_description(CardClassifier(card))
    with language("zh-TW"):
        assert stored_text(model["training_data"], model["wording"]) == \
            "研究 ward-3 的評分者標註，6 位受測者的 40 個片段，評分者 alice, bob"
        assert "以實際錄製資料訓練" in stored_text(model["summary"], model["wording"])
        assert stored_text(card.limitations[1]) == "非醫療器材；供研究用的篩檢輔助工具。"


# --- Card errors a user causes -----------------------------------------------------------


def test_an_invalid_card_says_what_is_wrong_in_chinese(tmp_path: Path) -> None:
    data = _card_dict()
    data["classes"] = ["steady", "wobbly"]
    data["threshold"] = 1.5
    path = tmp_path / "edited.card.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with language("zh-TW"), pytest.raises(ModelError) as zh:
        ModelCard.load(path)
    assert str(zh.value) == ("模型卡 edited.card.json：模型卡無效：classes 必須包含 'unstable'；"
                             "threshold 必須是介於 0 與 1 之間的數字。")
    with pytest.raises(ModelError) as en:
        ModelCard.load(path)
    assert str(en.value) == ("Model card edited.card.json: Invalid model card: classes must include 'unstable'; "
                             "threshold must be a number between 0 and 1.")


@pytest.mark.parametrize(("change", "chinese"), [
    ({"format_version": 7}, "模型卡 new.card.json 由較新版的 GaitScreen 寫入（模型卡格式版本 7；此版 GaitScreen 最多可讀取 1）"),
    ({"format_version": "1"}, "模型卡 new.card.json 的模型卡格式版本 '1' 無效。"),
    ({"format": "other"}, "new.card.json 不是 GaitScreen 模型卡（格式 'other'）。"),
    ({"architecture": None}, "模型卡 new.card.json 缺少 architecture。"),
])
def test_a_hand_edited_card_is_refused_in_chinese(tmp_path: Path, change: dict, chinese: str) -> None:
    data = {k: v for k, v in _card_dict().items() if not (k in change and change[k] is None)}
    data.update({k: v for k, v in change.items() if v is not None})
    path = tmp_path / "new.card.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with language("zh-TW"), pytest.raises(ModelError) as info:
        ModelCard.load(path)
    assert chinese in str(info.value)


def test_a_card_naming_another_architecture_is_refused_in_chinese() -> None:
    data = _card_dict()
    data["architecture"] = {"name": "ResNet", "config": {}}
    card = ModelCard.from_dict(data)
    with language("zh-TW"), pytest.raises(ModelError, match="模型卡指定的架構為 'ResNet'；GaitScreen 只能建立"):
        card.skateformer_config()
    data["architecture"] = {"name": "SkateFormer", "config": {"no_such_field": 1}}
    with language("zh-TW"), pytest.raises(ModelError, match="無法依模型卡的 SkateFormer 設定建立模型"):
        ModelCard.from_dict(data).skateformer_config()


# --- Training-data errors a user causes ----------------------------------------------------


def test_too_little_labelled_data_is_refused_in_chinese() -> None:
    with language("zh-TW"), pytest.raises(GaitScreenError) as info:
        check_trainable(GatheredLabels(), min_subjects=4)
    assert str(info.value) == ("需要至少 4 位受測者、且同時有穩定與不穩定標註的已標註片段；目前有 0 位受測者的 0 個片段"
                               "（0 個穩定，0 個不穩定）。")
    with pytest.raises(GaitScreenError, match=r"from 0 patients\.$"):
        check_trainable(GatheredLabels(), min_subjects=4)


def test_too_few_subjects_for_the_folds_and_an_empty_clip_in_chinese() -> None:
    with language("zh-TW"), pytest.raises(GaitScreenError, match="^3 折至少需要 3 位受測者；資料中只有 2 位。$"):
        subject_folds({"a": 0, "b": 1}, 3)
    from gaitscreen.core.skeleton import SkeletonSequence
    import numpy as np

    seq = SkeletonSequence(joints=np.zeros((10, 17, 2), np.float32), confidence=np.ones((10, 17), np.float32),
                           timestamps=np.arange(10) / 10.0, layout="coco17", fps=10.0)
    with language("zh-TW"), pytest.raises(SkeletonFormatError, match="^骨架在 5.00 s 到 6.00 s 之間沒有任何樣本。$"):
        slice_skeleton(seq, 5.0, 6.0)


# --- The app: model tooltip and the training dialog ------------------------------------------


@pytest.fixture
def app(qapp):
    pytest.importorskip("pytestqt")
    from PySide6.QtCore import QLocale

    from gaitscreen.ui.language_pref import install_language

    saved = QLocale()
    yield qapp
    install_language(qapp, "en")
    QLocale.setDefault(saved)


def test_the_analysis_tabs_model_tooltip_is_in_the_readers_language(qtbot, app) -> None:
    from gaitscreen.ui.analysis_summary import AnalysisSummary
    from gaitscreen.ui.language_pref import install_language

    model = model_description(CardClassifier(ModelCard.from_dict(_card_dict())))
    report = _report_with(model)
    install_language(app, "zh_TW")
    summary = AnalysisSummary()
    qtbot.addWidget(summary)
    summary.show_report(copy.deepcopy(report))
    assert "以合成資料訓練" in summary.model.toolTip() and "trained" not in summary.model.toolTip()
    assert "1200 位合成受測者" in summary.model.text()
    install_language(app, "en")
    summary.show_report(copy.deepcopy(report))
    assert summary.model.toolTip() == model["summary"]


def test_the_train_dialog_relabels_on_a_language_change(qtbot, app) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    from gaitscreen.ui.language_pref import install_language
    from gaitscreen.ui.train_dialog import TrainDialog

    install_language(app, "en")
    dialog = TrainDialog(None, None)
    qtbot.addWidget(dialog)
    dialog.use_checkpoint(Path("parent.pt"))
    dialog.job_id = 7
    dialog._on_cancelled(7)  # what the engine's job_cancelled signal calls
    english = [dialog.start_from.itemText(i) for i in range(dialog.start_from.count())]
    assert english == ["Random weights (train from scratch)", "Checkpoint: parent.pt", "Other checkpoint…"]
    assert dialog.stage.text() == "Training cancelled; nothing was written."
    install_language(app, "zh_TW")  # Qt sends every widget a LanguageChange
    chinese = [dialog.start_from.itemText(i) for i in range(dialog.start_from.count())]
    assert all(CJK.search(t) for t in chinese) and "parent.pt" in chinese[1]
    assert CJK.search(dialog.stage.text()) and CJK.search(dialog.windowTitle())
    assert dialog.start_from.currentData() == str(Path("parent.pt"))  # the choice is kept
    install_language(app, "en")
    QCoreApplication.sendEvent(dialog, QEvent(QEvent.Type.LanguageChange))
    assert [dialog.start_from.itemText(i) for i in range(dialog.start_from.count())] == english
    assert dialog.stage.text() == "Training cancelled; nothing was written."
