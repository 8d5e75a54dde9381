"""The Report tab and the core export: fields reach the PDF, preview, re-export, study rows."""

from __future__ import annotations

import copy
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from gaitscreen.core.errors import GaitScreenError
from gaitscreen.core.report import build_pdf
from gaitscreen.core.report.export import export_report, report_numbers, signed_report
from gaitscreen.ui import report_panel
from gaitscreen.ui import report_preview
from gaitscreen.ui.report_panel import ReportPanel, folder_exporter
from pdf_text import pdf_text

EXAMPLE = Path(__file__).resolve().parent / "data" / "report_example.json"
NOTES = "Walked without aid.\nReports two falls in the last year."
CONCLUSION = "Refer for grip strength and DXA."


@pytest.fixture()
def report() -> dict[str, Any]:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


@pytest.fixture()
def opened(monkeypatch) -> list[Path]:
    """Replaces the system viewer: records what would have been opened."""
    calls: list[Path] = []
    monkeypatch.setattr(report_panel, "open_with_system_viewer", lambda path: calls.append(Path(path)) or True)
    return calls




def _panel(qtbot, exporter=None) -> ReportPanel:
    panel = ReportPanel(exporter)
    qtbot.addWidget(panel)
    panel.resize(520, 900)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def _fill(panel: ReportPanel, operator: str = "A. Osei") -> None:
    panel.operator.setText(operator)
    panel.notes.setPlainText(NOTES)
    panel.conclusion.setPlainText(CONCLUSION)


def test_export_writes_the_pdf_with_result_and_fields(qtbot, tmp_path: Path, report: dict[str, Any],
                                                      opened: list[Path]) -> None:
    panel = _panel(qtbot, folder_exporter(tmp_path))
    panel.set_report(report)
    assert panel.operator.text() == "J. Rivera"  # from the report until someone types
    _fill(panel)
    with qtbot.waitSignal(panel.exported, timeout=5000) as done:
        QTest.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    result = done.args[0]
    pdf = Path(result["pdf_path"])
    assert pdf == tmp_path / "P-0042_2026-11-21_1.pdf" and pdf.read_bytes().startswith(b"%PDF")
    assert result["pdf_sha256"] == hashlib.sha256(pdf.read_bytes()).hexdigest()
    text = pdf_text(pdf)
    assert "P-0042" in text and "60 %" in text and "Mostly unstable" in text
    assert "Walked without aid. Reports two falls in the last year." in text and CONCLUSION in text
    assert "A. Osei" in text and "J. Rivera" not in text
    assert "To be completed by the responsible clinician" not in text
    assert opened == [pdf]
    assert str(pdf) in panel.status.text()
    assert report == json.loads(EXAMPLE.read_text(encoding="utf-8"))  # the analysis itself is untouched


def test_re_export_gives_the_same_numbers(qtbot, tmp_path: Path, report: dict[str, Any], opened: list[Path]) -> None:
    panel = _panel(qtbot, folder_exporter(tmp_path))
    panel.set_report(report)
    _fill(panel)
    panel.open_after.setChecked(False)
    first = panel.export_report()
    second = panel.export_report()
    assert first["pdf_path"] != second["pdf_path"]  # a new file each time
    assert first["numbers"] == second["numbers"] == report_numbers(signed_report(report, operator="A. Osei"))
    # (the bytes differ only by the "created" time: same bytes at the same time, tests/test_study_manage.py)
    numbers = [re.findall(r"\d+(?:\.\d+)? %", pdf_text(Path(r["pdf_path"]))) for r in (first, second)]
    assert numbers[0] == numbers[1] and "60 %" in numbers[0]
    assert opened == []


def test_preview_shows_the_first_page(qtbot, report: dict[str, Any], monkeypatch) -> None:
    panel = _panel(qtbot)
    assert panel.preview_pixmap() is None and "Not analysed yet" in panel.preview.text()
    assert not panel.export_button.isEnabled()
    panel.set_report(report)
    pixmap = panel.preview_pixmap()
    assert pixmap is not None and pixmap.height() > pixmap.width() > 100  # a portrait page
    assert panel.page_label.text() == "Page 1 of 3"
    image = pixmap.toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 5  # drawn, not blank
    QTest.mouseClick(panel.next_page, Qt.MouseButton.LeftButton)
    assert panel.page_label.text() == "Page 2 of 3"
    monkeypatch.setattr(report_preview, "QPdfDocument", None)
    panel.refresh_preview()
    assert panel.preview_pixmap() is None and "needs the Qt PDF module" in panel.preview.text()


def test_hidden_panel_builds_its_preview_when_shown(qtbot, report: dict[str, Any]) -> None:
    panel = ReportPanel()
    qtbot.addWidget(panel)
    panel.set_report(report)  # an inactive tab: no PDF is built yet
    assert panel.preview_pixmap() is None and panel.page_label.text() == ""
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.preview_pixmap() is not None and panel.page_label.text() == "Page 1 of 3"


def test_without_exporter_the_panel_asks_the_engine(qtbot, report: dict[str, Any], opened: list[Path]) -> None:
    panel = _panel(qtbot)
    panel.set_report(report)
    _fill(panel)
    with qtbot.waitSignal(panel.export_requested, timeout=2000) as asked:
        panel.export_report()
    assert asked.args[0] == {"operator": "A. Osei", "notes": NOTES, "conclusion": CONCLUSION, "language": "en"}
    assert not panel.export_button.isEnabled()
    panel.show_export_failed("The disk is full.")
    assert panel.export_button.isEnabled() and "Export failed: The disk is full." in panel.status.text()
    assert opened == []


def test_export_error_is_shown_not_raised(qtbot, report: dict[str, Any], opened: list[Path]) -> None:
    def broken(_report, **_fields):
        raise GaitScreenError("Cannot write the report: the folder /nowhere does not exist.")

    panel = _panel(qtbot, broken)
    panel.set_report(report)
    assert panel.export_report() is None
    assert "Export failed: Cannot write the report" in panel.status.text() and opened == []


def test_core_export_keeps_the_cli_pdf_and_checks_fields(tmp_path: Path, report: dict[str, Any]) -> None:
    plain = pdf_text(build_pdf(report, tmp_path / "cli.pdf"))  # no sign-off: lines to write on
    assert "To be completed by the responsible clinician" in plain and "J. Rivera" in plain
    signed = signed_report(report, operator="", notes="n", conclusion="")
    assert signed["sign_off"] == {"operator": "J. Rivera", "notes": "n", "conclusion": ""}
    assert "sign_off" not in report
    with pytest.raises(GaitScreenError, match="too long"):
        export_report(report, tmp_path / "x.pdf", notes="x" * 20_001)
    assert not (tmp_path / "x.pdf").exists()
    with pytest.raises(GaitScreenError, match="does not exist"):
        export_report(report, tmp_path / "missing" / "x.pdf")


def test_export_into_a_study_records_the_hashes(qtbot, tmp_path: Path, report: dict[str, Any],
                                                opened: list[Path]) -> None:
    from annotation_study import make_study

    study = make_study(tmp_path / "study", patients=1, recordings=2, duration_s=12.5)
    try:
        rec, unanalysed = study.recordings()
        model = study.active_model()
        report["recording"]["sha256"] = rec.sha256
        report["screening"]["model"]["sha256"] = model.sha256
        analysis = study.save_analysis(rec.id, model.id, copy.deepcopy(report))
        panel = _panel(qtbot)
        panel.set_study(study)
        panel.show_recording(unanalysed.id)
        assert not panel.export_button.isEnabled() and panel.export_report() is None
        panel.show_recording(rec.id)
        _fill(panel)
        result = panel.export_report()
        assert result is not None and result["analysis_id"] == analysis.id
        rows = study.reports(rec.id)
        assert len(rows) == 1
        row = rows[0]
        pdf = study.report_path(row)
        assert pdf.parent == study.folder / "reports" and pdf.is_file() and opened == [pdf]
        assert row.pdf_sha256 == hashlib.sha256(pdf.read_bytes()).hexdigest() == result["pdf_sha256"]
        assert row.video_sha256 == rec.sha256 and row.model_sha256 == model.sha256
        assert (row.operator, row.notes, row.conclusion) == ("A. Osei", NOTES, CONCLUSION)
        text = pdf_text(pdf)
        assert "P-0042" in text and "60 %" in text and "Mostly unstable" in text and CONCLUSION in text
        # Opening the recording again brings back what was typed, and the earlier export.
        panel.show_recording(-1)
        panel.show_recording(rec.id)
        assert panel.fields() == {"operator": "A. Osei", "notes": NOTES, "conclusion": CONCLUSION}
        shown = panel.status.text()  # "1 report": the English catalogue's plural; "1 report(s)" without it
        assert "1 report exported before" in shown or "1 report(s) exported before" in shown
        again = panel.export_report()
        assert again["numbers"] == result["numbers"] and len(study.reports(rec.id)) == 2
    finally:
        study.close()
