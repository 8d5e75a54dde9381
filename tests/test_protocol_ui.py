"""The app on a recording that fails a protocol check: result panel, accepting with a reason
(kept in the audit log), and the navigator's badge."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from gaitscreen.core.analysis.protocol import NOT_ASSESSABLE, ProtocolInputs, apply_protocol, check_protocol
from gaitscreen.core.records import AnalysisRecord, RecordingStatus
from gaitscreen.synth import generate_subject, generate_walk
from gaitscreen.ui.analysis_view import AnalysisView
from gaitscreen.ui.navigator import recording_badges

EXAMPLE = Path(__file__).resolve().parent / "data" / "report_example.json"


@pytest.fixture()
def failing_report() -> dict[str, Any]:
    """The example report, its recording filmed from behind (a synthetic walk away)."""
    report = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    rng = np.random.default_rng(5)
    walk = generate_walk(generate_subject(rng, subject_id="u"), duration_s=8.0, rng=rng, heading_deg=180.0)
    protocol = check_protocol(ProtocolInputs(walk.skeleton, tuple(walk.skeleton.image_size)))
    report.setdefault("protocol", {}).update(apply_protocol(report["screening"], protocol))
    return report


class _Reason:
    """Stands in for the reason dialog: the operator types a reason and presses OK."""

    def __init__(self, codes, parent) -> None:
        self.codes = codes

    def exec(self) -> QDialog.DialogCode:
        return QDialog.DialogCode.Accepted

    def text(self) -> str:
        return "diagonal walkway in this clinic"


def test_panel_says_not_assessable_and_accepting_is_audited(qtbot, tmp_path, failing_report) -> None:
    from annotation_study import make_study

    study = make_study(tmp_path / "study", patients=1, recordings=1, duration_s=12.5)
    try:
        rec = study.recordings()[0]
        failing_report["recording"]["sha256"] = rec.sha256
        first = study.save_analysis(rec.id, study.active_model().id, failing_report)
        assert first.risk_group == NOT_ASSESSABLE
        view = AnalysisView()
        qtbot.addWidget(view)
        view.set_study(study)
        view.show_recording(rec.id)
        summary = view.summary
        assert summary.rate.text() == "Not assessable" and "not used" in summary.counts.text()
        from gaitscreen.app.analysis_data import patient_trend

        assert patient_trend(study, rec.patient_id, rec.id)[0][0][1] is None  # no R in the trend
        assert "not assessable" in summary.group.text() and summary.reason.isHidden()
        panel = summary.protocol
        assert "toward the camera" in panel.verdict.text() and not panel.accept.isHidden()
        assert "✗ <b>Approach direction</b>" in panel.checks.text()
        seen: list[int] = []
        view.deviation_accepted.connect(seen.append)
        panel.dialog_factory = _Reason
        qtbot.mouseClick(panel.accept, Qt.MouseButton.LeftButton)
        latest = study.analysis(rec.id)
        assert latest.id != first.id and latest.risk_group == "mostly unstable" and seen == [rec.id]
        stored = study.load_report(latest)
        assert {a["reason"] for a in stored["protocol"]["accepted_deviations"]} == {"diagonal walkway in this clinic"}
        entry = next(e for e in study.audit() if e.action == "protocol.accept_deviation")
        assert entry.entity_id == latest.id and entry.before["risk_group"] == NOT_ASSESSABLE
        assert entry.after["accepted_deviations"][0]["reason"] == "diagonal walkway in this clinic"
        assert summary.rate.text().startswith("R = ") and panel.accept.isHidden()
        assert patient_trend(study, rec.patient_id, rec.id)[0][0][1] == latest.instability_rate
        assert "diagonal walkway" in panel.accepted.text()
    finally:
        study.close()


def test_badge_says_not_assessable_instead_of_r() -> None:
    status = RecordingStatus(recording_id=1, pose_done=True, analysed=True, clips_labelled=0, clips_total=4,
                             reports=0, last_error=None)
    analysis = AnalysisRecord(1, 1, 1, "x.json", 1.0, NOT_ASSESSABLE, 3, "")
    badges = recording_badges(status, analysis)
    assert "analysed ✓ ⚠ not assessable: film again" in badges and not any("R 1.00" in b for b in badges)


def test_panel_names_the_checks_in_the_readers_language(qtbot, failing_report) -> None:
    from gaitscreen.core.analysis.protocol_words import check_name
    from gaitscreen.core.i18n import language
    from gaitscreen.ui.protocol_panel import ProtocolPanel

    panel = ProtocolPanel()
    qtbot.addWidget(panel)
    codes = [c["code"] for c in failing_report["protocol"]["checks"]]
    with language("zh-TW"):
        panel.show_report(failing_report)
        names = [check_name(c) for c in codes]
    text = panel.checks.text()
    assert all(n in text for n in names)
    assert all(f"<b>{c}</b>" not in text for c in codes)  # the stored codes stay data, not shown
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in n) for n in names)  # every check has a Chinese name
