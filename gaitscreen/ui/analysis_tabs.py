"""Puts the Analysis and Report tabs into the main window and wires them up.

``attach_analysis_tabs(window)`` is all the main window needs: it adds both
panels to the right dock (``window.add_panel``), follows the window's
``study_changed`` / ``recording_changed`` signals, couples the Analysis chart
with the player (cursor and click-to-seek) and re-reads the current recording
when an engine job finishes (an analysis that just landed shows at once); a
recording whose analysis is queued or running says so, and a cancelled job
says whether the previous result was kept.
"""

from __future__ import annotations

from typing import Any

from ..app.analysis_data import cancelled_message
from .analysis_view import AnalysisView
from .report_panel import ReportPanel, link_navigator


def attach_analysis_tabs(window: Any, *, export_in_study: bool = True) -> tuple[AnalysisView, ReportPanel]:
    """Create, add and connect the Analysis view and the Report panel of ``window``."""
    analysis = AnalysisView()
    report = ReportPanel(export_in_study=export_in_study)
    window.add_panel("Analysis", analysis)
    window.add_panel("Report", report)
    for panel in (analysis, report):
        window.study_changed.connect(panel.set_study)
        window.recording_changed.connect(panel.show_recording)
    player = getattr(window, "player", None)
    if player is not None and hasattr(player, "frame_changed") and hasattr(player, "seek_time"):
        analysis.connect_player(player)
    navigator = getattr(window, "navigator", None)
    if navigator is not None:
        link_navigator(report, navigator)  # the recordings list shows the new report count at once
    analysis.deviation_accepted.connect(
        lambda *_: (report.refresh(), navigator.refresh() if navigator is not None else None))
    engine = getattr(window, "engine", None)
    if engine is not None and hasattr(engine, "job_finished"):
        engine.job_finished.connect(lambda *_: (analysis.refresh(), report.refresh()))
    if engine is not None and hasattr(engine, "job_state"):
        _follow_jobs(window, engine, analysis)
    if getattr(window, "study", None) is not None:  # a study was opened before the tabs existed
        analysis.set_study(window.study)
        report.set_study(window.study)
        current = window.navigator.current_recording_id() if hasattr(window, "navigator") else None
        if current is not None:
            analysis.show_recording(current)
            report.show_recording(current)
    return analysis, report


def _follow_jobs(window: Any, engine: Any, analysis: AnalysisView) -> None:
    """A queued or running analysis reads as such (not "press Analyse"); a cancelled one says
    in the status bar whether the previous result was kept."""
    analysis.job_state = engine.job_state
    jobs: dict[int, tuple[int, str]] = {}  # job → (recording, title), as of the last queue change

    def on_queue(*_: Any) -> None:
        running = engine.running()
        jobs.clear()
        jobs.update({i.job_id: (i.recording_id, i.title) for i in [*engine.pending(), *([running] if running else [])]
                     if i.recording_id is not None})
        if not analysis.showing_chart():
            analysis.refresh()

    def on_cancelled(job_id: int) -> None:
        if job_id in jobs and hasattr(window, "statusBar"):
            recording_id, title = jobs.pop(job_id)
            window.statusBar().showMessage(cancelled_message(window.study, recording_id, title), 15000)

    engine.queue_changed.connect(on_queue)
    engine.job_cancelled.connect(on_cancelled)
