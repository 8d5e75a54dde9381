"""Analysing a chair-stand or balance recording in the app: the performance analysis, not the stability model."""

from __future__ import annotations

import re
from dataclasses import replace
from types import SimpleNamespace

import numpy as np
import pytest

import cv2

from gaitscreen.app import analyse as app_analyse
from gaitscreen.app.analyse import analyse_recording, unanalysed_recordings
from gaitscreen.app.analysis_data import load_analysis_inputs
from gaitscreen.core.i18n import language
from gaitscreen.core.records import PerformanceRecord
from gaitscreen.storage import Study
from gaitscreen.synth import generate_subject
from gaitscreen.synth.balance import generate_balance
from gaitscreen.synth.chair import generate_chair_stand


def _video(path, size, seed):
    """A short video of the skeleton's picture size (the pose stage's skeleton is in its pixels)."""
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), 30.0, tuple(size))
    rng = np.random.default_rng(seed)
    for _ in range(3):
        writer.write(rng.integers(0, 255, (size[1], size[0], 3), dtype=np.uint8))
    writer.release()
    return path


def _pose(skeleton):
    """A pose stage as the pipeline stores it, holding a synthetic recording's detector-like skeleton."""
    return SimpleNamespace(video_sha256="", skeleton=skeleton, subject_id=1, candidates=[], tracks=[],
                           settings=None, pose_model="synthetic", pose_model_sha256="", device="cpu", stats={})


@pytest.fixture()
def study(tmp_path):
    s = Study.open(tmp_path / "s", user="alice")
    yield s
    s.close()


def _recording(study, tmp_path, test, seed):
    rng = np.random.default_rng(seed)
    subject = generate_subject(rng, subject_id=f"a{seed}")
    rec = generate_chair_stand(subject, rng) if test == "chair-stand" else generate_balance(subject, rng)
    patient = study.add_patient(f"P-{seed}", sex="F")
    recording = study.import_video(patient.id, _video(tmp_path / f"{test}.mp4", rec.skeleton.image_size, seed), protocol=test).recording
    study.save_pose(recording.id, _pose(rec.skeleton))
    return recording, rec.truth, patient


def test_a_chair_stand_is_timed_and_stored_without_the_stability_model(study, tmp_path, monkeypatch):
    recording, truth, patient = _recording(study, tmp_path, "chair-stand", 41)

    def no_model(*_a, **_k):
        raise AssertionError("the stability model was asked for a chair stand")

    monkeypatch.setattr(app_analyse, "active_classifier", no_model)
    assert unanalysed_recordings(study, patient.id) == [recording.id]
    done = analyse_recording(study, recording.id)
    assert isinstance(done.analysis, PerformanceRecord) and done.analysis.test == "chair-stand"
    assert not done.pose_ran  # the stored pose was used
    _, report = study.performance(done.analysis.id)
    assert abs(report["chair_stand"]["time_s"] - truth["time_s"]) <= 0.2
    assert report["provenance"]["pose_model"] == "synthetic" and report["provenance"]["duration_s"] > 0
    assert study.analysis(recording.id) is None  # no screening analysis was made
    assert study.status(recording.id).analysed and unanalysed_recordings(study, patient.id) == []


def test_the_analysis_tab_states_the_result_in_the_readers_language(study, tmp_path):
    recording, _, _ = _recording(study, tmp_path, "balance", 7)
    with language("zh_TW"):
        before = load_analysis_inputs(study, recording.id)
        assert before.report is None and not before.performance_done and "站立平衡" in before.message
    analyse_recording(study, recording.id)
    with language("zh_TW"):
        after = load_analysis_inputs(study, recording.id)
    assert after.performance_done and "SPPB" in after.message and "標記" in after.message
    assert set(re.findall(r"[A-Za-z]{2,}", after.message)) <= {"SPPB", "PDF"}, after.message
    with language("en"):
        assert "Balance stands: holds" in load_analysis_inputs(study, recording.id).message


def test_a_recording_that_gives_no_points_says_why_in_the_readers_language(study, tmp_path):
    recording, _, _ = _recording(study, tmp_path, "chair-stand", 43)
    pose = study.pose(recording.id)
    sk = study.load_skeleton(pose)
    conf = np.array(sk.confidence)
    conf[:, 11:17] = 0.05  # hips, knees and feet never seen: the camera aimed too high
    study.save_pose(recording.id, _pose(replace(sk, confidence=conf)))
    analyse_recording(study, recording.id)
    with language("zh_TW"):
        message = load_analysis_inputs(study, recording.id).message
    assert "未測量" in message and "無法評估" in message, message
    assert set(re.findall(r"[A-Za-z]{2,}", message)) <= {"SPPB", "PDF"}, message
