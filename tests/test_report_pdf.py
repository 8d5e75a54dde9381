"""The PDF screening report: content, determinism, degraded inputs and atomic writing."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from gaitscreen.core.errors import Cancelled, GaitScreenError
from gaitscreen.core.report import build_pdf, rate_text
from pdf_text import pdf_text

EXAMPLE = Path(__file__).resolve().parent / "data" / "report_example.json"
WARNING = "trained on synthetic skeletons — demonstrates the workflow, not a validated clinical model"


@pytest.fixture()
def report() -> dict[str, Any]:
    """A realistic report dict: 16 windows (one not classified), 5 clips, 6 key frames."""
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def _text(pdf: Path) -> str:
    """The PDF's text, extracted without reportlab (pypdf), whitespace collapsed."""
    return pdf_text(pdf)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_example_is_plain_json(report: dict[str, Any]) -> None:
    assert json.loads(json.dumps(report)) == report
    s = report["screening"]
    assert len(s["windows"]) >= 8 and len(s["clips"]) >= 3 and 4 <= len(report["keyframes"]) <= 8
    assert any(w["p_unstable"] is None for w in s["windows"])


def test_pdf_shows_the_key_facts(report: dict[str, Any], tmp_path: Path) -> None:
    pdf = build_pdf(report, tmp_path / "report.pdf")
    assert pdf == tmp_path / "report.pdf" and pdf.read_bytes().startswith(b"%PDF")
    text = _text(pdf)
    s = report["screening"]
    assert "Tandem-walk stability screening" in text
    assert report["patient"]["id"] in text
    assert rate_text(s["instability_rate"]) == "60 %" and "60 %" in text
    assert "Mostly unstable" in text
    assert s["model"]["sha256"] in text
    assert report["recording"]["sha256"] in text
    assert _flat(report["disclaimer"]) in text
    assert WARNING in text.lower()
    assert "Page 1 of" in text
    pages = int(re.search(r"Page 1 of (\d+)", text).group(1))
    assert f"Page {pages} of {pages}" in text
    # Study figures as context, tandem speed without usual-pace cut-offs.
    assert "14.3 %" in text and "46.2 %" in text and "not this patient's probability" in text
    assert "not available:" in text
    # No pictures: every mark is vector graphics or text.
    assert not re.search(rb"/Subtype\s*/Image", pdf.read_bytes())
    assert not [p for p in tmp_path.iterdir() if p.name != "report.pdf"]


def test_rate_is_a_percentage() -> None:
    assert rate_text(0.62) == "62 %"
    assert rate_text(None) == "n/a"


def test_same_dict_same_bytes(report: dict[str, Any], tmp_path: Path) -> None:
    a = build_pdf(report, tmp_path / "a.pdf").read_bytes()
    b = build_pdf(copy.deepcopy(report), tmp_path / "b.pdf").read_bytes()
    assert a == b
    assert b"D:20261121104000" in a  # creation date from the dict, not the clock


def test_mostly_stable_wording(report: dict[str, Any], tmp_path: Path) -> None:
    s = report["screening"]
    s.update(instability_rate=0.2, risk_group="mostly stable", unstable_windows=3)
    text = _text(build_pdf(report, tmp_path / "r.pdf"))
    assert "Mostly stable" in text and "20 %" in text and "does not rule out sarcopenia" in text


def test_insufficient_data_says_why(report: dict[str, Any], tmp_path: Path) -> None:
    reason = "The patient was visible in only 34% of the walk (at least 50% needed)."
    s = report["screening"]
    s.update(instability_rate=None, risk_group="insufficient data", risk_reason=reason,
             unstable_windows=0, counted_windows=0, windows=[], clips=[])
    s["quality"]["flags"].append(reason)
    text = _text(build_pdf(report, tmp_path / "r.pdf"))
    assert "insufficient data" in text and reason in text
    assert "No result" in text and "R was not computed" in text
    assert "Basis:" not in text and "analysed windows unstable" not in text


def test_missing_optional_fields_build(report: dict[str, Any], tmp_path: Path) -> None:
    report["patient"] = {"id": "P-0007", "age": None, "sex": None, "height_cm": None, "operator": None,
                         "test_date": None}
    for key in ("kinematics", "gait", "keyframes", "reference", "disclaimer", "protocol"):
        report.pop(key)
    report["keyframes"] = [{"time_s": 1.0, "frame": 30, "joints": [None] * 17, "confidence": [0.0] * 17,
                            "window_p": None}]
    text = _text(build_pdf(report, tmp_path / "r.pdf"))
    assert "P-0007" in text and "not recorded" in text and "no skeleton" in text
    assert "not a certified medical device" in text  # the default disclaimer


def test_many_clips_split_the_measure_table(report: dict[str, Any], tmp_path: Path) -> None:
    clips = report["kinematics"]["clips"]
    report["kinematics"]["clips"] = [dict(c, start_s=c["start_s"] + 15 * k, end_s=c["end_s"] + 15 * k)
                                     for k in range(2) for c in clips]
    text = _text(build_pdf(report, tmp_path / "r.pdf"))
    assert "Clip 10" in text


def test_cancel_leaves_nothing_behind(report: dict[str, Any], tmp_path: Path) -> None:
    laying_out = []

    def progress(done: int, total: int, stage: str) -> None:
        if stage.startswith("Laying out"):
            laying_out.append(True)  # the temporary file exists from here on

    with pytest.raises(Cancelled):
        build_pdf(report, tmp_path / "r.pdf", progress=progress, should_cancel=lambda: bool(laying_out))
    assert laying_out and list(tmp_path.iterdir()) == []


def test_failure_keeps_the_old_file(report: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "r.pdf"
    path.write_bytes(b"old report")
    report["keyframes"][0]["joints"] = 17  # not a list of joints: rendering fails
    with pytest.raises(TypeError):
        build_pdf(report, path)
    assert path.read_bytes() == b"old report"
    assert [p.name for p in tmp_path.iterdir()] == ["r.pdf"]


def test_rejects_what_is_not_a_report(report: dict[str, Any], tmp_path: Path) -> None:
    with pytest.raises(GaitScreenError, match="format"):
        build_pdf(dict(report, format="something.else"), tmp_path / "r.pdf")
    with pytest.raises(GaitScreenError, match="patient id"):
        build_pdf(dict(report, patient={"id": None}), tmp_path / "r.pdf")
    with pytest.raises(GaitScreenError, match="folder"):
        build_pdf(report, tmp_path / "missing" / "r.pdf")
    assert list(tmp_path.iterdir()) == []


def test_progress_reaches_the_end(report: dict[str, Any], tmp_path: Path) -> None:
    seen: list[tuple[int, int, str]] = []
    build_pdf(report, tmp_path / "r.pdf", progress=lambda d, t, s: seen.append((d, t, s)))
    assert seen[-1][0] == seen[-1][1] and all(d <= t for d, t, _ in seen)


def test_free_text_is_escaped(report: dict[str, Any], tmp_path: Path) -> None:
    report["patient"]["operator"] = "O'Neil & <Sons>"
    report["screening"]["quality"]["flags"].append("Check mark ✓ not in the font")
    text = _text(build_pdf(report, tmp_path / "r.pdf"))
    assert "O'Neil & <Sons>" in text and "Check mark ? not in the font" in text


def test_a_missing_folder_is_refused_before_any_work(report: dict[str, Any], tmp_path: Path) -> None:
    """All report builders check the folder through one ``pdf_target``: one sentence, nothing written."""
    stages = []
    target = tmp_path / "no such folder" / "r.pdf"
    with pytest.raises(GaitScreenError, match=r"^Cannot write the report: the folder .*no such folder does not exist\.$"):
        build_pdf(report, target, progress=lambda done, total, stage: stages.append(stage))
    assert stages == [] and list(tmp_path.iterdir()) == []
