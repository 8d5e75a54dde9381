"""A rater's per-clip comment: stored apart from the label, migrated into older studies, exported with the labels."""

from __future__ import annotations

import csv
import sqlite3
import sys
from pathlib import Path

import pytest

from gaitscreen.core.labels_export import export_labelled_clips, gather_labelled_clips
from gaitscreen.core.records import ClipComment
from gaitscreen.storage import Study
from gaitscreen.storage.errors import StudyError
from gaitscreen.storage.schema import LATEST, MIGRATIONS, _statements

sys.path.insert(0, str(Path(__file__).resolve().parent))
from annotation_study import make_study  # noqa: E402


@pytest.fixture()
def study(tmp_path):
    s = make_study(tmp_path / "study", patients=1, recordings=1)
    yield s
    s.close()


def test_comment_is_per_rater_and_clip_and_survives_label_changes(study):
    clip = study.clips(study.recordings()[0].id)[0]
    note = study.set_clip_comment(clip.id, "alice", "  turned at the end  ")
    assert isinstance(note, ClipComment)
    assert (note.clip_id, note.rater, note.text) == (clip.id, "alice", "turned at the end")
    study.set_clip_comment(clip.id, "bob", "occluded")
    study.set_label(clip.id, "alice", "unstable")
    study.set_label(clip.id, "alice", None)  # clearing the label keeps the comment
    assert [(c.rater, c.text) for c in study.clip_comments(clip_id=clip.id)] == [("alice", "turned at the end"),
                                                                                  ("bob", "occluded")]
    study.set_clip_comment(clip.id, "alice", "changed")
    assert [c.text for c in study.clip_comments(rater="alice")] == ["changed"]
    assert study.set_clip_comment(clip.id, "alice", "   ") is None  # blank removes it
    assert [c.rater for c in study.clip_comments(recording_id=clip.recording_id)] == ["bob"]
    actions = [e.action for e in study.audit() if e.action.startswith("comment.")]  # newest first
    assert actions == ["comment.clear", "comment.set", "comment.set", "comment.set"]
    with pytest.raises(StudyError, match="rater's name"):
        study.set_clip_comment(clip.id, " ", "x")
    with pytest.raises(StudyError, match="does not exist"):
        study.set_clip_comment(10_000, "alice", "x")


def test_a_commented_clip_is_retired_not_deleted_when_the_pose_is_redone(study):
    from annotation_study import synthetic_pose_run

    rec = study.recordings()[0]
    clip = study.clips(rec.id)[-1]
    study.set_clip_comment(clip.id, "alice", "look again")
    study.save_pose(rec.id, synthetic_pose_run(99, 6.5))  # shorter: the last clips go
    assert clip.id not in {c.id for c in study.clips(rec.id)}
    assert [c.text for c in study.clip_comments(clip_id=clip.id)] == ["look again"]


def test_a_study_from_before_comments_is_migrated(tmp_path):
    folder = tmp_path / "old"
    folder.mkdir()
    conn = sqlite3.connect(folder / "study.sqlite", isolation_level=None)
    before = MIGRATIONS.index(next(m for m in MIGRATIONS if "clip_comments" in m))
    for script in MIGRATIONS[:before]:
        for statement in _statements(script):
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {before}")
    assert "clip_comments" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    with Study.open(folder, user="lead") as s:
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
        assert s.clip_comments() == []
        tables = {r[0] for r in s.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "clip_comments" in tables
        columns = {r[1] for r in s.conn.execute("PRAGMA table_info(recordings)")}
        assert "walkway_m" in columns  # the walkway length, same migration


def test_comments_are_exported_with_the_labels(tmp_path, study):
    first, second, third = study.clips(study.recordings()[0].id)[:3]
    study.set_label(first.id, "alice", "stable")
    study.set_clip_comment(first.id, "alice", "slow, but steady")
    study.set_label(second.id, "alice", "unstable")
    study.set_clip_comment(second.id, "bob", "I would say stable")  # bob commented, did not label
    study.set_clip_comment(third.id, "bob", "nobody labelled this")
    gathered = gather_labelled_clips(study)
    assert {c.clip_id: c.comments for c in gathered.clips} == {first.id: {"alice": "slow, but steady"},
                                                               second.id: {"bob": "I would say stable"}}
    result = export_labelled_clips(tmp_path / "out", gathered)
    with open(result.csv_path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    got = {(r["clip_index"], r["rater"]): (r["label"], r["comment"]) for r in rows}
    assert got == {(str(first.index), "alice"): ("stable", "slow, but steady"),
                   (str(second.index), "alice"): ("unstable", ""),
                   (str(second.index), "bob"): ("", "I would say stable")}
    only_alice = gather_labelled_clips(study, raters=["alice"])
    assert all(not c.comments or set(c.comments) == {"alice"} for c in only_alice.clips)
