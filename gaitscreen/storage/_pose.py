"""Pose results, the 3-s clips raters label, and their labels — part of :class:`Study`.

Clips follow :func:`gaitscreen.core.analysis.screening.clip_spans`, the rule the
analysis uses, so clip ``k`` here is clip ``k`` of every analysis report; a last
partial clip shorter than :data:`MIN_LAST_CLIP_S` is not offered for labelling.
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict
from typing import Any

import numpy as np

from ..core.analysis.screening import AnalysisSettings, clip_spans
from ..core.pose.pipeline import PoseRun  # before core.tracking: the two import each other
from ..core.records import LABELS, Annotation, Clip, ClipComment, PoseRecord
from ..core.skeleton import SkeletonSequence
from ..core.tracking import Track
from ..core.i18n import _
from ._db import StudyBase, annotation_of, clip_of, file_problem, now, pose_of, to_json
from .errors import StudyError
from .files import remove_quietly
from .tracks import load_tracks as _load_tracks
from .tracks import save_tracks

#: The lifted 3-D skeleton of a recording's pose, beside ``skeleton.npz`` (no database row: a file only).
SKELETON3D_NAME = "skeleton3d.npz"
CLIP_S = AnalysisSettings().clip_s
MIN_LAST_CLIP_S = CLIP_S / 2
_SAME = 1e-6  # seconds: clip boundaries closer than this are the same


def study_clip_spans(skeleton: SkeletonSequence) -> list[tuple[float, float]]:
    """The labelling clips of a skeleton (see the module notes)."""
    if skeleton.num_frames == 0:
        return []
    return clip_spans(float(skeleton.timestamps[0]), float(skeleton.duration_s), CLIP_S,
                      min_last_s=MIN_LAST_CLIP_S)


def _frame_mapper(skeleton: SkeletonSequence):
    """Detection time → the video frame of the nearest skeleton sample."""
    ts, frames = skeleton.timestamps, skeleton.frame_indices

    def frame_of(stamps: np.ndarray) -> np.ndarray:
        stamps = np.asarray(stamps, np.float64)
        if len(ts) == 0 or len(stamps) == 0:
            return np.zeros(len(stamps), np.int64)
        right = np.clip(np.searchsorted(ts, stamps), 0, len(ts) - 1)
        left = np.clip(right - 1, 0, len(ts) - 1)
        nearest = np.where(np.abs(ts[left] - stamps) <= np.abs(ts[right] - stamps), left, right)
        return frames[nearest]

    return frame_of


class PoseMixin(StudyBase):
    # --- Pose ---------------------------------------------------------------------

    def save_pose(self, recording_id: int, pose_run: PoseRun) -> PoseRecord:
        """Store a :class:`~gaitscreen.core.pose.PoseRun`: ``skeleton.npz`` and
        ``tracks.npz`` first, then the row, and the recording's clips. Labels of
        clips whose boundaries stay are kept; clips that change are retired (kept
        with their labels, logged in the audit log), never silently dropped."""
        self._require_writable()
        rec = self.recording(recording_id)  # type: ignore[attr-defined]
        if pose_run.video_sha256 and pose_run.video_sha256 != rec.sha256:
            raise StudyError(f"The pose result was computed on another video than recording {rec.id} "
                             f"({rec.original_name}).")
        skeleton: SkeletonSequence = pose_run.skeleton
        folder = self.layout.pose_dir(rec.id)
        had_pose = self.pose(rec.id) is not None
        skeleton_file, tracks_file = folder / "skeleton.npz", folder / "tracks.npz"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            skeleton.save_npz(skeleton_file)
            save_tracks(tracks_file, list(pose_run.tracks), _frame_mapper(skeleton))
            spans = study_clip_spans(skeleton)
            candidates = [{k: (float(v) if isinstance(v, float) else v) for k, v in asdict(c).items()}
                          for c in pose_run.candidates]
            settings = asdict(pose_run.settings) if pose_run.settings is not None else {}
            with self._write() as conn:
                old = conn.execute("SELECT * FROM pose_results WHERE recording_id = ?", (rec.id,)).fetchone()
                conn.execute(
                    "INSERT INTO pose_results (recording_id, skeleton_path, tracks_path, subject_track_id, "
                    "candidates, pose_model, pose_model_sha256, device, settings, stats, created_at) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(recording_id) DO UPDATE SET "
                    "skeleton_path = excluded.skeleton_path, tracks_path = excluded.tracks_path, "
                    "subject_track_id = excluded.subject_track_id, candidates = excluded.candidates, "
                    "pose_model = excluded.pose_model, pose_model_sha256 = excluded.pose_model_sha256, "
                    "device = excluded.device, settings = excluded.settings, stats = excluded.stats, "
                    "created_at = excluded.created_at",
                    (rec.id, self.layout.stored(skeleton_file), self.layout.stored(tracks_file),
                     int(pose_run.subject_id), to_json(candidates), str(pose_run.pose_model),
                     str(pose_run.pose_model_sha256), str(pose_run.device), to_json(settings),
                     to_json(dict(pose_run.stats)), now()),
                )
                self._replace_clips(conn, rec.id, spans)
                before = None if old is None else {"subject_track_id": old["subject_track_id"]}
                after = {"subject_track_id": int(pose_run.subject_id), "clips": len(spans),
                         "pose_model": str(pose_run.pose_model)}
                action = "pose.save"
                if old is not None and old["subject_track_id"] != int(pose_run.subject_id):
                    action = "pose.subject_change"
                self._audit(conn, action, "recording", rec.id, before, after)
                conn.execute("UPDATE recordings SET last_error = NULL WHERE id = ?", (rec.id,))
                row = conn.execute("SELECT * FROM pose_results WHERE recording_id = ?", (rec.id,)).fetchone()
        except BaseException as exc:
            if not had_pose:
                remove_quietly(folder)
            if isinstance(exc, OSError):
                raise file_problem(exc, self.layout.root) from exc
            raise
        remove_quietly(folder / SKELETON3D_NAME)  # lifted from the pose replaced: the next analysis lifts again
        return pose_of(row)

    def save_skeleton3d(self, recording_id: int, skeleton: SkeletonSequence) -> None:
        """Store the 3-D skeleton an analysis lifted from the recording's stored pose, as
        ``pose/<id>/skeleton3d.npz`` beside the 2-D one (the player's 3-D view shows it)."""
        self._require_writable()
        pose = self._pose_record(int(recording_id))
        if skeleton.dims != 3:
            raise StudyError(f"The 3-D skeleton of recording {recording_id} must be 3-D, not {skeleton.dims}-D.")
        flat = self.load_skeleton(pose)
        if skeleton.num_frames != flat.num_frames or (
                skeleton.source_sha256 and flat.source_sha256 and skeleton.source_sha256 != flat.source_sha256):
            raise StudyError(f"The 3-D skeleton was not lifted from recording {recording_id}'s stored pose.")
        path = self.layout.resolve(pose.skeleton_path).parent / SKELETON3D_NAME
        try:
            skeleton.save_npz(path)
        except OSError as exc:
            raise file_problem(exc, self.layout.root) from exc

    def load_skeleton3d(self, recording_id: int) -> SkeletonSequence | None:
        """The recording's lifted 3-D skeleton; None before an analysis lifted one."""
        pose = self.pose(int(recording_id))
        if pose is None:
            return None
        path = self.layout.resolve(pose.skeleton_path).parent / SKELETON3D_NAME
        return SkeletonSequence.load_npz(path) if path.is_file() else None

    def _replace_clips(self, conn: sqlite3.Connection, recording_id: int,
                       spans: list[tuple[float, float]]) -> None:
        current = conn.execute("SELECT * FROM clips WHERE recording_id = ? AND retired_at IS NULL ORDER BY idx",
                               (recording_id,)).fetchall()
        by_index = {r["idx"]: r for r in current}
        kept: set[int] = set()
        new: list[tuple[int, float, float]] = []
        for k, (start, end) in enumerate(spans):
            r = by_index.get(k)
            if r is not None and abs(r["start_s"] - start) < _SAME and abs(r["end_s"] - end) < _SAME:
                kept.add(r["id"])
            else:
                new.append((k, start, end))
        retired = []
        stamp = now()
        for r in current:
            if r["id"] in kept:
                continue
            labels = conn.execute("SELECT COUNT(*) FROM annotations WHERE clip_id = ?", (r["id"],)).fetchone()[0]
            comments = conn.execute("SELECT COUNT(*) FROM clip_comments WHERE clip_id = ?", (r["id"],)).fetchone()[0]
            if labels or comments:  # a rater's work on the clip is kept (retired), never deleted
                conn.execute("UPDATE clips SET retired_at = ? WHERE id = ?", (stamp, r["id"]))
                retired.append({"clip_id": r["id"], "index": r["idx"], "start_s": r["start_s"],
                                "end_s": r["end_s"], "labels": labels})
            else:
                conn.execute("DELETE FROM clips WHERE id = ?", (r["id"],))
        conn.executemany("INSERT INTO clips (recording_id, idx, start_s, end_s) VALUES (?,?,?,?)",
                         [(recording_id, k, s, e) for k, s, e in new])
        if retired:
            self._audit(conn, "clips.retire", "recording", recording_id, {"retired": retired},
                        {"clips": [[k, s, e] for k, s, e in new]})

    def pose(self, recording_id: int) -> PoseRecord | None:
        row = self._row("SELECT * FROM pose_results WHERE recording_id = ?", (int(recording_id),))
        return pose_of(row) if row is not None else None

    def _pose_record(self, rec: PoseRecord | int) -> PoseRecord:
        if isinstance(rec, PoseRecord):
            return rec
        found = self.pose(rec)
        if found is None:
            raise StudyError(f"Recording {rec} has no pose result yet.")
        return found

    def load_skeleton(self, rec: PoseRecord | int) -> SkeletonSequence:
        """The patient's skeleton of a pose result (or of a recording id)."""
        return SkeletonSequence.load_npz(self.layout.resolve(self._pose_record(rec).skeleton_path))

    def load_tracks(self, rec: PoseRecord | int) -> list[Track]:
        """Every tracked person of a pose result (or of a recording id)."""
        return _load_tracks(self.layout.resolve(self._pose_record(rec).tracks_path))

    # --- Clips and labels ---------------------------------------------------------------

    def clips(self, recording_id: int) -> list[Clip]:
        rows = self._rows("SELECT * FROM clips WHERE recording_id = ? AND retired_at IS NULL ORDER BY idx",
                          (int(recording_id),))
        return [clip_of(r) for r in rows]

    def clip(self, clip_id: int) -> Clip:
        return clip_of(self._by_id("clips", clip_id, _("Clip {id} does not exist.").format(id=clip_id)))

    def set_label(self, clip_id: int, rater: str, label: str | None, *, note: str = "") -> Annotation | None:
        """Set ``rater``'s label of a clip (``None`` clears it; returns None then)."""
        rater = (rater or "").strip()
        if not rater:
            raise StudyError("A label needs the rater's name.")
        if label is not None and label not in LABELS:
            raise StudyError(f"Unknown label {label!r}; use one of {', '.join(LABELS)}.")
        note = str(note or "")
        with self._write() as conn:
            clip = conn.execute("SELECT * FROM clips WHERE id = ?", (int(clip_id),)).fetchone()
            if clip is None:
                raise StudyError(_("Clip {id} does not exist.").format(id=clip_id))
            if clip["retired_at"] is not None and label is not None:
                raise StudyError("This clip was replaced when the pose was redone; label the current clips.")
            old = conn.execute("SELECT * FROM annotations WHERE clip_id = ? AND rater = ?",
                               (int(clip_id), rater)).fetchone()
            before = None if old is None else {"rater": rater, "label": old["label"], "note": old["note"]}
            if label is None:
                if old is not None:
                    conn.execute("DELETE FROM annotations WHERE id = ?", (old["id"],))
                    self._audit(conn, "label.clear", "clip", int(clip_id), before, None)
                return None
            if old is not None and old["label"] == label and old["note"] == note:
                return annotation_of(old)
            stamp = now()
            conn.execute(
                "INSERT INTO annotations (clip_id, rater, label, note, created_at, updated_at) VALUES (?,?,?,?,?,?) "
                "ON CONFLICT(clip_id, rater) DO UPDATE SET label = excluded.label, note = excluded.note, "
                "updated_at = excluded.updated_at",
                (int(clip_id), rater, label, note, stamp, stamp),
            )
            self._audit(conn, "label.set" if old is None else "label.change", "clip", int(clip_id), before,
                        {"rater": rater, "label": label, "note": note})
            row = conn.execute("SELECT * FROM annotations WHERE clip_id = ? AND rater = ?",
                               (int(clip_id), rater)).fetchone()
        return annotation_of(row)

    def annotations(self, *, recording_id: int | None = None, rater: str | None = None,
                    clip_id: int | None = None, include_retired: bool = False) -> list[Annotation]:
        """Labels, filtered; labels of retired clips only with ``include_retired``."""
        where, params = [], []
        if recording_id is not None:
            where.append("c.recording_id = ?")
            params.append(int(recording_id))
        if rater is not None:
            where.append("a.rater = ?")
            params.append(rater.strip())
        if clip_id is not None:
            where.append("a.clip_id = ?")
            params.append(int(clip_id))
        if not include_retired:
            where.append("c.retired_at IS NULL")
        sql = "SELECT a.* FROM annotations a JOIN clips c ON c.id = a.clip_id"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY c.recording_id, c.idx, a.rater"
        return [annotation_of(r) for r in self._rows(sql, params)]

    def unlabelled_clips(self, rater: str, *, recording_id: int | None = None,
                         limit: int | None = None) -> list[Clip]:
        """Current clips ``rater`` has not labelled yet, in recording and time order."""
        sql = ("SELECT c.* FROM clips c WHERE c.retired_at IS NULL AND NOT EXISTS "
               "(SELECT 1 FROM annotations a WHERE a.clip_id = c.id AND a.rater = ?)")
        params: list[Any] = [(rater or "").strip()]
        if recording_id is not None:
            sql += " AND c.recording_id = ?"
            params.append(int(recording_id))
        sql += " ORDER BY c.recording_id, c.idx"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return [clip_of(r) for r in self._rows(sql, params)]

    def raters(self) -> list[str]:
        return [r[0] for r in self._rows("SELECT DISTINCT rater FROM annotations ORDER BY rater")]

    # --- Comments on clips --------------------------------------------------------------

    def set_clip_comment(self, clip_id: int, rater: str, text: str) -> ClipComment | None:
        """Set ``rater``'s comment on a clip; blank text removes it (returns None then). Audited."""
        rater = (rater or "").strip()
        if not rater:
            raise StudyError("A comment needs the rater's name.")
        text = str(text or "").strip()
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM clips WHERE id = ?", (int(clip_id),)).fetchone() is None:
                raise StudyError(_("Clip {id} does not exist.").format(id=clip_id))
            old = conn.execute("SELECT * FROM clip_comments WHERE clip_id = ? AND rater = ?",
                               (int(clip_id), rater)).fetchone()
            before = None if old is None else {"rater": rater, "text": old["text"]}
            if not text:
                if old is not None:
                    conn.execute("DELETE FROM clip_comments WHERE id = ?", (old["id"],))
                    self._audit(conn, "comment.clear", "clip", int(clip_id), before, None)
                return None
            if old is not None and old["text"] == text:
                return _comment_of(old)
            stamp = now()
            conn.execute(
                "INSERT INTO clip_comments (clip_id, rater, text, created_at, updated_at) VALUES (?,?,?,?,?) "
                "ON CONFLICT(clip_id, rater) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
                (int(clip_id), rater, text, stamp, stamp))
            self._audit(conn, "comment.set", "clip", int(clip_id), before, {"rater": rater, "text": text})
            row = conn.execute("SELECT * FROM clip_comments WHERE clip_id = ? AND rater = ?",
                               (int(clip_id), rater)).fetchone()
        return _comment_of(row)

    def clip_comments(self, *, recording_id: int | None = None, rater: str | None = None,
                      clip_id: int | None = None) -> list[ClipComment]:
        """Comments on clips, filtered (retired clips included: a comment is never hidden)."""
        where, params = [], []
        for column, value in (("c.recording_id", recording_id), ("m.clip_id", clip_id)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(int(value))
        if rater is not None:
            where.append("m.rater = ?")
            params.append(rater.strip())
        sql = "SELECT m.* FROM clip_comments m JOIN clips c ON c.id = m.clip_id"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY c.recording_id, c.idx, m.rater"
        return [_comment_of(r) for r in self._rows(sql, params)]


def _comment_of(r: sqlite3.Row) -> ClipComment:
    return ClipComment(r["id"], r["clip_id"], r["rater"], r["text"], r["created_at"], r["updated_at"])
