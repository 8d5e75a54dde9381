"""Following people from frame to frame and choosing the patient among them.

The tracker associates detections with tracks by box overlap against each track's
constant-velocity prediction, solved as a linear assignment (``lap``). Patient
selection then scores every track on how long it is present, how large and how
central it is, and whether it walks toward the camera (its box grows), so a
bystander standing at the side loses to the walker even when they are both in
view throughout.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import lap
import numpy as np

from .boxes import box_iou
from .errors import NoSubjectError

if TYPE_CHECKING:  # pose.pipeline imports this module: a runtime import would be circular
    from .pose.types import FramePoses


@dataclass
class Track:
    """One person's detections over time (only frames where detection ran)."""

    track_id: int
    samples: list[int] = field(default_factory=list)  # caller's sample index of each detection
    timestamps: list[float] = field(default_factory=list)
    boxes: list[np.ndarray] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    keypoints: list[np.ndarray] = field(default_factory=list)
    keypoint_conf: list[np.ndarray] = field(default_factory=list)
    velocity: np.ndarray = field(default_factory=lambda: np.zeros(4, np.float32))

    def add(self, sample: int, timestamp: float, poses: FramePoses, i: int) -> None:
        box = poses.boxes[i].astype(np.float32)
        if self.boxes:
            dt = timestamp - self.timestamps[-1]
            if dt > 0:
                new_velocity = (box - self.boxes[-1]) / dt
                self.velocity = 0.5 * self.velocity + 0.5 * new_velocity if len(self.boxes) > 1 else new_velocity
        self.samples.append(sample)
        self.timestamps.append(timestamp)
        self.boxes.append(box)
        self.scores.append(float(poses.scores[i]))
        self.keypoints.append(poses.keypoints[i])
        self.keypoint_conf.append(poses.keypoint_conf[i])

    def predict_box(self, timestamp: float) -> np.ndarray:
        """Box expected at ``timestamp`` under constant velocity (damped after 0.5 s)."""
        dt = min(timestamp - self.timestamps[-1], 0.5)
        return self.boxes[-1] + self.velocity * dt

    def box_at(self, sample: int, timestamp: float) -> np.ndarray | None:
        """Box at ``sample``: interpolated between detections, held for a short
        while after the last one, ``None`` outside the track's life."""
        if not self.samples or sample < self.samples[0]:
            return None
        pos = int(np.searchsorted(self.samples, sample))
        if pos < len(self.samples) and self.samples[pos] == sample:
            return self.boxes[pos]
        if pos == len(self.samples):
            return self.predict_box(timestamp)
        t0, t1 = self.timestamps[pos - 1], self.timestamps[pos]
        w = (timestamp - t0) / (t1 - t0) if t1 > t0 else 0.0
        return (1 - w) * self.boxes[pos - 1] + w * self.boxes[pos]

    @property
    def length(self) -> int:
        return len(self.samples)

    def box_array(self) -> np.ndarray:
        return np.asarray(self.boxes, np.float32).reshape(-1, 4)


class IoUTracker:
    """Associates each frame's detections to tracks by predicted-box IoU."""

    def __init__(self, *, min_iou: float = 0.2, new_track_score: float = 0.4, max_lost_s: float = 1.0):
        self.min_iou = min_iou
        self.new_track_score = new_track_score
        self.max_lost_s = max_lost_s
        self.tracks: list[Track] = []
        self._active: list[Track] = []
        self._next_id = 1

    def update(self, sample: int, timestamp: float, poses: FramePoses) -> list[int]:
        """Add one frame's detections; returns the track id given to each detection
        (0 for a low-score detection that started no track)."""
        self._active = [t for t in self._active if timestamp - t.timestamps[-1] <= self.max_lost_s]
        ids = [0] * len(poses)
        unmatched = list(range(len(poses)))
        if self._active and len(poses):
            predicted = np.stack([t.predict_box(timestamp) for t in self._active])
            cost = 1.0 - box_iou(predicted, poses.boxes)
            _, track_for_det, _ = lap.lapjv(cost, extend_cost=True, cost_limit=1.0 - self.min_iou)
            matched: set[int] = set()
            for track, det in zip(self._active, track_for_det):
                if det >= 0:
                    track.add(sample, timestamp, poses, int(det))
                    ids[det] = track.track_id
                    matched.add(int(det))
            unmatched = [d for d in unmatched if d not in matched]
        for det in unmatched:
            if poses.scores[det] >= self.new_track_score:
                track = Track(self._next_id)
                self._next_id += 1
                track.add(sample, timestamp, poses, det)
                self.tracks.append(track)
                self._active.append(track)
                ids[det] = track.track_id
        return ids


@dataclass(frozen=True)
class SubjectScore:
    """Why a track was (or was not) chosen as the patient."""

    track_id: int
    presence: float  # share of detection frames in which the track was seen
    size: float  # median box height / frame height
    centrality: float  # 1 at the centre line, 0 at the image edge
    approach: float  # relative growth of box height per second (>0: walks toward camera)
    score: float


def score_tracks(tracks: list[Track], num_detection_frames: int, frame_width: int,
                 frame_height: int) -> list[SubjectScore]:
    """Score every track as a patient candidate (highest first)."""
    scores = []
    for track in tracks:
        boxes = track.box_array()
        heights = boxes[:, 3] - boxes[:, 1]
        centres = (boxes[:, 0] + boxes[:, 2]) / 2
        presence = track.length / max(num_detection_frames, 1)
        size = float(np.median(heights)) / frame_height
        centrality = float(1.0 - np.mean(np.abs(centres - frame_width / 2)) / (frame_width / 2))
        approach = 0.0
        if track.length >= 3 and track.timestamps[-1] > track.timestamps[0]:
            slope = np.polyfit(np.asarray(track.timestamps), np.log(np.maximum(heights, 1.0)), 1)[0]
            approach = float(slope)
        score = presence * size * (0.25 + 0.75 * max(centrality, 0.0)) * (1.0 + float(np.clip(approach, 0, 0.5)))
        scores.append(SubjectScore(track.track_id, presence, size, centrality, approach, score))
    return sorted(scores, key=lambda s: s.score, reverse=True)


def choose_subject(scores: list[SubjectScore], override: int | None = None) -> int:
    """The patient's track id: ``override`` if given (and it exists), else the best score."""
    if not scores:
        raise NoSubjectError("No person was detected in the video.")
    if override is not None:
        known = sorted(s.track_id for s in scores)
        if override not in known:
            raise NoSubjectError(
                f"Track {override} does not exist; tracks in this video: {', '.join(map(str, known))}."
            )
        return override
    return scores[0].track_id
