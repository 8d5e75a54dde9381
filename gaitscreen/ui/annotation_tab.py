"""Puts the Annotate tab into the main window and wires it up.

``attach_annotation_tab(window)`` is all the main window needs (the same pattern
as :func:`gaitscreen.ui.analysis_tabs.attach_analysis_tabs`): it creates the
:class:`~gaitscreen.ui.annotation_panel.AnnotationPanel` on the window's study
handle, player, settings and engine, with the window's QSettings-backed rater
name, adds it as the "Annotate" tab, follows ``study_changed`` /
``recording_changed`` / ``rater_changed``, loads the recording of a clip the
panel opens (queue or disagreement) through the navigator, and re-reads the
clip list when a job finishes (new clips after a pose run, new predictions
after an analysis).
"""

from __future__ import annotations

from typing import Any

from .annotation_panel import AnnotationPanel


def show_recording(window: Any, recording_id: int) -> bool:
    """Select ``recording_id`` in the navigator, which loads it into the player; False if unknown."""
    navigator = getattr(window, "navigator", None)
    study = getattr(window, "study", None)
    if navigator is None or study is None:
        return False
    if navigator.current_recording_id() == recording_id:
        return True
    recording = study.recording(recording_id)
    return navigator.select_patient(recording.patient_id) and navigator.select_recording(recording_id)


def attach_annotation_tab(window: Any) -> AnnotationPanel:
    """Create, add and connect the annotation panel of ``window``."""
    panel = AnnotationPanel(window.study, getattr(window, "player", None), lambda: window.rater,
                            settings=window.settings, store_rater=window.set_rater,
                            engine=getattr(window, "engine", None))
    window.add_panel("Annotate", panel)
    window.study_changed.connect(panel.set_study)
    window.recording_changed.connect(panel.show_recording)
    window.rater_changed.connect(panel.set_rater)
    panel.recording_requested.connect(lambda recording_id: show_recording(window, recording_id))
    engine = getattr(window, "engine", None)
    if engine is not None and hasattr(engine, "job_finished"):
        engine.job_finished.connect(lambda *_: panel.refresh())
    navigator = getattr(window, "navigator", None)
    current = navigator.current_recording_id() if navigator is not None else None
    if current is not None:
        panel.show_recording(current)
    return panel
