"""The report preview's sentence (not analysed, no PDF module) wraps to the visible width, CJK included."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from gaitscreen.ui.report_preview import PdfPreview  # noqa: E402

SENTENCE = ("起立坐下與站立平衡測驗有各自的 PDF：請從「標記」面板匯出（匯出 PDF…），其中包含檢查者的修正。"
            "其 SPPB 得分會列入就診報告（受測者 → 就診與測量…）。")


def test_a_long_sentence_wraps_within_the_view_and_follows_a_resize(qtbot):
    view = PdfPreview()
    qtbot.addWidget(view)
    view.resize(900, 300)
    view.show()
    view.show_text(SENTENCE)
    for width in (440, 300):
        view.resize(width, 300)
        qtbot.wait(10)
        label, port = view.label, view.scroll.viewport()
        assert label.width() <= port.width()
        assert label.height() >= label.heightForWidth(label.width())  # every wrapped line is shown
        assert label.heightForWidth(label.width()) > label.fontMetrics().height()  # it did wrap
