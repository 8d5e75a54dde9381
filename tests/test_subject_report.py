"""The patient choice in every output: the report's ``subject`` object, the quality
flag, the one-line CLI result, the PDF's protocol table and the app's result panel."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from gaitscreen.core.pose import PoseSettings
from gaitscreen.core.pose.pipeline import PoseRun
from gaitscreen.core.subject import UNCERTAIN_TEXT, subject_summary, uncertain_suffix
from gaitscreen.core.tracking import SUBJECT_UNCERTAIN_RATIO, SubjectScore

EXAMPLE = Path(__file__).resolve().parent / "data" / "report_example.json"


def _score(track_id: int, score: float, fragments=()) -> SubjectScore:
    return SubjectScore(track_id, 1.0, 0.4, 0.8, 0.02, score, 0.1, 0.5, 0.4, fragments)


def _run(candidates, subject_id: int, override: bool = False) -> PoseRun:
    """A pose stage reduced to what the choice is about (no video needed)."""
    return PoseRun(video=None, video_sha256="", skeleton=None, subject_id=subject_id, candidates=candidates,
                   tracks=[], settings=PoseSettings(), pose_model="", pose_model_sha256="", device="cpu",
                   subject_override=override)


def test_close_scores_say_confirm_in_the_player() -> None:
    run = _run([_score(1, 0.50, (1, 4)), _score(2, 0.45)], 1)
    assert run.choice_uncertain and run.persons_seen == 2
    s = subject_summary(run)
    assert s["choice_uncertain"] is True and s["chosen_by"] == "automatic"
    assert s["people_in_view"] == 2 and s["fragments"] == [1, 4] and s["track_id"] == 1
    assert UNCERTAIN_TEXT in s["note"].lower() and s["uncertain_ratio"] == SUBJECT_UNCERTAIN_RATIO
    assert [c["track_id"] for c in s["candidates"]] == [1, 2] and s["candidates"][0]["fragments"] == [1, 4]
    json.dumps(s, allow_nan=False)  # plain JSON
    assert uncertain_suffix({"subject": s}) == f" · {UNCERTAIN_TEXT}"


def test_a_clear_choice_or_the_operators_is_not_uncertain() -> None:
    clear = _run([_score(1, 0.50), _score(2, 0.5 * SUBJECT_UNCERTAIN_RATIO - 0.01)], 1)
    assert not clear.choice_uncertain and "chosen automatically" in subject_summary(clear)["note"]
    named = _run([_score(1, 0.50), _score(2, 0.45)], 2, override=True)
    s = subject_summary(named)
    assert not named.choice_uncertain and s["chosen_by"] == "operator" and "operator chose person 2" in s["note"]
    # A stored run (no override recorded) whose patient is not the top scorer was chosen by hand.
    assert not _run([_score(1, 0.50), _score(2, 0.45)], 2).choice_uncertain
    assert uncertain_suffix({"subject": s}) == "" and uncertain_suffix(None) == ""


@pytest.fixture()
def uncertain_report() -> dict:
    report = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    report["subject"] = subject_summary(_run([_score(1, 0.50), _score(3, 0.45)], 1))
    return report


def test_the_result_panel_says_confirm_in_the_player(qtbot, uncertain_report) -> None:
    from gaitscreen.ui.analysis_summary import AnalysisSummary

    panel = AnalysisSummary()
    qtbot.addWidget(panel)
    panel.show()
    panel.show_report(uncertain_report)
    assert UNCERTAIN_TEXT in panel.subject.text().lower() and panel.subject.isVisible()
    clear = copy.deepcopy(uncertain_report)
    clear["subject"] = subject_summary(_run([_score(1, 0.50), _score(3, 0.1)], 1))
    panel.show_report(clear)
    assert UNCERTAIN_TEXT not in panel.subject.text().lower() and "2 people were in view" in panel.subject.text()


def test_the_pdf_names_the_uncertain_choice(uncertain_report) -> None:
    from gaitscreen.core.report.details import protocol_section

    text = repr(protocol_section(uncertain_report, 500))
    assert UNCERTAIN_TEXT in text


def test_a_stored_pose_stage_keeps_who_chose_the_patient(walk_video) -> None:
    from dataclasses import asdict

    import numpy as np

    from gaitscreen.core.pose.pipeline import rebuild_pose_run
    from gaitscreen.core.skeleton import SkeletonSequence

    skeleton = SkeletonSequence(np.zeros((3, 17, 2), np.float32), np.ones((3, 17), np.float32),
                                np.arange(3) / 30.0, "coco17", 30.0)
    stored = [asdict(_score(1, 0.50, (1, 4))), asdict(_score(2, 0.45))]  # as the study keeps them (JSON)
    stored[0]["fragments"] = list(stored[0]["fragments"])
    common = dict(tracks=[], candidates=stored, video_sha256="", pose_model="", pose_model_sha256="", device="cpu")
    automatic = rebuild_pose_run(walk_video, skeleton, subject_id=1, **common)
    assert automatic.choice_uncertain and subject_summary(automatic)["fragments"] == [1, 4]
    named = rebuild_pose_run(walk_video, skeleton, subject_id=2, **common)
    assert not named.choice_uncertain and subject_summary(named)["chosen_by"] == "operator"
    old = [{k: d[k] for k in ("track_id", "presence", "size", "centrality", "approach", "score")} for d in stored]
    assert rebuild_pose_run(walk_video, skeleton, subject_id=1, **dict(common, candidates=old)).persons_seen == 2
