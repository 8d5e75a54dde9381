"""The navigator draws the rows of :func:`gaitscreen.app.recording_list.recording_rows`: the blinding
rule lives there once, and the list and its tooltips show only what a row carries."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from gaitscreen.ui.navigator import StudyNavigator  # noqa: E402


def test_a_blinded_rater_sees_no_r_no_reason_and_only_their_own_labels(qtbot, tmp_path):
    from annotation_study import make_study

    study = make_study(tmp_path / "rows", patients=1)
    try:
        recording = study.recordings()[0]
        clips = study.clips(recording.id)
        study.save_analysis(recording.id, study.active_model().id, {"screening": {
            "instability_rate": 0.61, "risk_group": "not assessable", "risk_reason": "Film the walk again.",
            "windows": [{"start_s": 0.0, "end_s": 2.1, "p_unstable": 0.9}], "clips": []}})
        study.set_label(clips[0].id, "other rater", "unstable")
        study.set_label(clips[1].id, "rater one", "stable")
        nav = StudyNavigator()
        qtbot.addWidget(nav)
        nav.set_study(study)
        assert nav.select_patient(recording.patient_id)
        item = nav.recording_item(recording.id)
        text = item.text().replace("\u00a0", " ")
        assert "not assessable" in text and f"labels 2/{len(clips)}" in text
        assert "Film the walk again." in item.toolTip()

        nav.set_blinded("rater one")
        item = nav.recording_item(recording.id)
        text = item.text().replace("\u00a0", " ")
        assert "0.61" not in text and "not assessable" not in text
        assert f"my labels 1/{len(clips)}" in text and " labels 2/" not in text
        assert "Film the walk again." not in item.toolTip() and "assessable" not in item.toolTip()
    finally:
        study.close()


def test_an_unreadable_report_gets_the_widgets_own_sentence(qtbot, tmp_path, monkeypatch):
    from annotation_study import make_study

    from gaitscreen.core.errors import GaitScreenError

    study = make_study(tmp_path / "unreadable", patients=1)
    try:
        recording = study.recordings()[0]
        study.save_analysis(recording.id, study.active_model().id, {"screening": {
            "instability_rate": 0.61, "risk_group": "not assessable", "risk_reason": "Film the walk again.",
            "windows": [{"start_s": 0.0, "end_s": 2.1, "p_unstable": 0.9}], "clips": []}})

        def broken(*_a, **_k):
            raise GaitScreenError("The report file is missing.")

        monkeypatch.setattr(study, "load_report", broken)
        nav = StudyNavigator()
        qtbot.addWidget(nav)
        nav.set_study(study)
        assert nav.select_patient(recording.patient_id)
        assert "Not assessable: a protocol check failed (see the Analysis tab)." in \
            nav.recording_item(recording.id).toolTip()
    finally:
        study.close()
