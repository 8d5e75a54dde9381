"""In the app, clicking another person asks in the bar under the video (no dialog over
it) and, once confirmed, re-analyses the recording for that person."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from test_gui_main import add_patient, engine, env, make_window, shown  # noqa: F401 (fixtures)


def test_clicking_another_person_is_confirmed_in_the_bar(make_window, walk_video, shown, qtbot,  # noqa: F811
                                                         monkeypatch) -> None:
    from gaitscreen.synth import generate_subject, generate_walk

    window = make_window()
    patient_id = add_patient(window)
    recording = window.study.import_video(patient_id, walk_video).recording
    rng = np.random.default_rng(0)
    walk = generate_walk(generate_subject(rng, subject_id="S0"), duration_s=3.0, fps=30.0, rng=rng)
    window.study.save_pose(recording.id, SimpleNamespace(
        video_sha256="", skeleton=walk.skeleton, subject_id=1, candidates=[], tracks=[], settings=None,
        pose_model="synthetic", pose_model_sha256="", device="cpu", stats={}))
    window.navigator.refresh()
    assert window.navigator.select_recording(recording.id)
    runs: list[tuple] = []
    monkeypatch.setattr(window.actions_, "run_analysis", lambda rid=None, *, subject=None: runs.append((rid, subject)))
    bar = window.player.choice_bar
    window.player.subject_clicked.emit(2)
    assert bar.isVisible() and bar.pending == 2 and "person 2" in bar.message.text()
    assert not shown and QApplication.activeModalWidget() is None and runs == []
    qtbot.mouseClick(bar.accept_button, Qt.MouseButton.LeftButton)
    assert runs == [(recording.id, 2)] and not bar.isVisible()
    window.player.subject_clicked.emit(1)  # already the patient: nothing to ask
    assert not bar.isVisible()
