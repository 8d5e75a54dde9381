"""Study storage: pose results, the 3-s clips and their labels."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import gaitscreen.core.pose  # noqa: F401,I001 - core.tracking cannot be imported before core.pose
from gaitscreen.core.analysis.screening import AnalysisSettings, _clips, clip_spans
from gaitscreen.core.tracking import Track
from gaitscreen.storage import Study, StudyError
from test_storage_support import files_in, make_pose_run, recording, study  # noqa: F401 - fixtures


def test_clip_rule_is_the_analysis_rule() -> None:
    assert clip_spans(0.0, 7.5, 3.0, min_last_s=1.5) == [(0.0, 3.0), (3.0, 6.0), (6.0, 7.5)]
    assert clip_spans(0.0, 7.4, 3.0, min_last_s=1.5) == [(0.0, 3.0), (3.0, 6.0)]
    assert len(clip_spans(0.0, 7.4, 3.0)) == 3  # the analysis keeps every partial clip
    assert clip_spans(0.0, 6.0, 3.0) == [(0.0, 3.0), (3.0, 6.0)]


def test_save_pose_files_clips_and_tracks(study: Study, recording, walk_video: Path) -> None:
    run = make_pose_run(walk_video, recording.sha256, duration_s=7.5)
    pose = study.save_pose(recording.id, run)
    assert pose.subject_track_id == 1 and pose.pose_model == "yolo11n-pose" and pose.device == "cpu"
    assert [c["track_id"] for c in pose.candidates] == [1, 2]
    assert study.pose(recording.id) == pose
    assert pose.skeleton_path == f"pose/{recording.id}/skeleton.npz"
    skeleton = study.load_skeleton(pose)
    np.testing.assert_array_equal(skeleton.joints, run.skeleton.joints)
    assert skeleton.source_sha256 == recording.sha256

    with np.load(study.folder / pose.tracks_path, allow_pickle=False) as data:
        assert list(data["track_ids"]) == [1, 2] and list(data["track_lengths"]) == [12, 9]
        assert data["frame_indices"][1] == 2  # detection times → video frames (every 2nd frame sampled)
    tracks = study.load_tracks(recording.id)
    assert all(isinstance(t, Track) for t in tracks)
    for got, want in zip(tracks, run.tracks):
        assert (got.track_id, got.samples, got.timestamps) == (want.track_id, want.samples, want.timestamps)
        np.testing.assert_allclose(got.box_array(), want.box_array())
        np.testing.assert_allclose(np.stack(got.keypoints), np.stack(want.keypoints))
        np.testing.assert_allclose(np.stack(got.keypoint_conf), np.stack(want.keypoint_conf))
        np.testing.assert_allclose(got.velocity, want.velocity)
        assert got.scores == pytest.approx(want.scores)

    clips = study.clips(recording.id)
    assert [(c.index, c.start_s, c.end_s) for c in clips] == [(0, 0.0, 3.0), (1, 3.0, 6.0), (2, 6.0, 7.5)]
    # The analysis cuts the same skeleton into the same clips.
    analysis_clips = _clips(run.skeleton, [], AnalysisSettings())
    assert [(c.start_s, c.end_s) for c in analysis_clips] == [(c.start_s, c.end_s) for c in clips]
    status = study.status(recording.id)
    assert status.pose_done and (status.clips_total, status.clips_labelled) == (3, 0)


def test_save_pose_refuses_another_videos_result(study: Study, recording, walk_video: Path) -> None:
    with pytest.raises(StudyError, match="another video"):
        study.save_pose(recording.id, make_pose_run(walk_video, "0" * 64))
    assert study.pose(recording.id) is None and files_in(study.folder / "pose") == []


def test_labels_set_change_clear_with_audit(study: Study, recording, walk_video: Path) -> None:
    study.save_pose(recording.id, make_pose_run(walk_video, recording.sha256))
    c0, c1, c2 = study.clips(recording.id)
    a = study.set_label(c0.id, "alice", "stable")
    assert (a.clip_id, a.rater, a.label, a.note) == (c0.id, "alice", "stable", "")
    b = study.set_label(c0.id, "alice", "unstable", note="sways at 2 s")
    assert b.id == a.id and b.label == "unstable" and b.created_at == a.created_at
    study.set_label(c0.id, "bob", "unusable")
    study.set_label(c1.id, "bob", "stable")
    with pytest.raises(StudyError, match="Unknown label"):
        study.set_label(c1.id, "alice", "wobbly")
    with pytest.raises(StudyError, match="rater"):
        study.set_label(c1.id, "  ", "stable")
    assert study.raters() == ["alice", "bob"]
    assert [(x.clip_id, x.rater) for x in study.annotations(recording_id=recording.id)] == [
        (c0.id, "alice"), (c0.id, "bob"), (c1.id, "bob")]
    assert [x.label for x in study.annotations(rater="bob")] == ["unusable", "stable"]
    assert [c.id for c in study.unlabelled_clips("alice")] == [c1.id, c2.id]
    assert [c.id for c in study.unlabelled_clips("alice", recording_id=recording.id, limit=1)] == [c1.id]
    assert study.status(recording.id).clips_labelled == 2

    assert study.set_label(c0.id, "alice", None) is None
    assert study.annotations(clip_id=c0.id, rater="alice") == []
    actions = [(e.action, e.entity_id, e.before, e.after) for e in study.audit(limit=5)]
    assert actions[0] == ("label.clear", c0.id, {"rater": "alice", "label": "unstable", "note": "sways at 2 s"},
                          None)
    assert actions[-1] == ("label.set", c0.id, None, {"rater": "alice", "label": "stable", "note": ""})
    assert actions[-2][0] == "label.change"


def test_resaved_pose_keeps_labels_and_retires_changed_clips(study: Study, recording, walk_video: Path) -> None:
    first = study.save_pose(recording.id, make_pose_run(walk_video, recording.sha256, duration_s=7.5))
    c0, c1, c2 = study.clips(recording.id)
    study.set_label(c0.id, "alice", "stable")
    study.set_label(c2.id, "alice", "unstable")

    # Same skeleton, other subject: same clips, same labels; the subject change is logged.
    again = study.save_pose(recording.id, make_pose_run(walk_video, recording.sha256, duration_s=7.5, subject_id=2))
    assert again.id == first.id and again.subject_track_id == 2
    assert study.clips(recording.id) == [c0, c1, c2]
    assert len(study.annotations(recording_id=recording.id)) == 2
    entry = study.audit(limit=1)[0]
    assert (entry.action, entry.before["subject_track_id"], entry.after["subject_track_id"]) == (
        "pose.subject_change", 1, 2)

    # Longer walk: clips 0 and 1 unchanged, clip 2 now 6–9 s → the old clip 2 is retired with its label.
    study.save_pose(recording.id, make_pose_run(walk_video, recording.sha256, duration_s=9.0))
    n0, n1, n2 = study.clips(recording.id)
    assert (n0, n1) == (c0, c1) and n2.id != c2.id and (n2.start_s, n2.end_s) == (6.0, 9.0)
    assert [x.clip_id for x in study.annotations(recording_id=recording.id)] == [c0.id]
    kept = study.annotations(recording_id=recording.id, include_retired=True)
    assert {x.clip_id for x in kept} == {c0.id, c2.id}
    retire = next(e for e in study.audit() if e.action == "clips.retire")
    assert retire.before["retired"][0]["clip_id"] == c2.id and retire.before["retired"][0]["labels"] == 1
    with pytest.raises(StudyError, match="replaced"):
        study.set_label(c2.id, "alice", "stable")
    assert [c.id for c in study.unlabelled_clips("alice")] == [n1.id, n2.id]
