"""Following people from frame to frame and choosing the patient among them.

The tracker associates detections with tracks by box overlap against each track's
constant-velocity prediction, solved as a linear assignment (``lap``). Patient
selection (after :func:`~gaitscreen.core.track_join.join_fragments` has put the
pieces of each person together) scores every person on whether they are *doing the
test* over the whole recording: present throughout, on the walkway (central),
walking toward the camera (the box grows and the feet move down the image), facing
it (nose and eyes seen), and moving at all. So a bystander standing at the side, and
a passer-by who crosses close in front — large, but brief, back turned or walking
away — lose to the patient. When the best two score close, the choice is flagged
uncertain (:func:`choice_uncertain`) for the operator to confirm.
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
    # What each detection looked like (a colour histogram, see core.track_join), when the
    # tracker was given it; may be empty (tracks read from a study, synthetic tracks).
    appearance: list[np.ndarray | None] = field(default_factory=list)
    # Tracker ids of the fragments joined into this person (empty: never split).
    fragments: list[int] = field(default_factory=list)

    def add(self, sample: int, timestamp: float, poses: FramePoses, i: int,
            appearance: np.ndarray | None = None) -> None:
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
        if appearance is not None or self.appearance:
            self.appearance += [None] * (len(self.samples) - 1 - len(self.appearance)) + [appearance]

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

    @property
    def fragment_ids(self) -> list[int]:
        """Tracker ids this person's detections came from (their own id when never split)."""
        return list(self.fragments) or [self.track_id]

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

    def update(self, sample: int, timestamp: float, poses: FramePoses,
               appearance: list[np.ndarray | None] | None = None) -> list[int]:
        """Add one frame's detections (and, optionally, what each looks like: see
        :func:`~gaitscreen.core.track_join.appearance_descriptors`); returns the track id
        given to each detection (0 for a low-score detection that started no track)."""
        look = (lambda d: appearance[d]) if appearance is not None else (lambda d: None)
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
                    track.add(sample, timestamp, poses, int(det), look(int(det)))
                    ids[det] = track.track_id
                    matched.add(int(det))
            unmatched = [d for d in unmatched if d not in matched]
        for det in unmatched:
            if poses.scores[det] >= self.new_track_score:
                track = Track(self._next_id)
                self._next_id += 1
                track.add(sample, timestamp, poses, det, look(det))
                self.tracks.append(track)
                self._active.append(track)
                ids[det] = track.track_id
        return ids


#: Face keypoints (COCO nose, left eye, right eye): seen from the front, hidden from behind.
FACE_KEYPOINTS = (0, 1, 2)
#: Median face-keypoint confidence at which a person counts as facing the camera. COCO
#: labels eyes and nose only when visible, so the model is confident on them from the
#: front and not from behind; on the sample walk (faces blurred for privacy) the walker
#: scores 0.53 and the bystander 0.68, so 0.4 counts a blurred face as a face.
FACING_FULL = 0.4
#: Weight left to a person whose face is never seen (back turned, or face covered): they
#: may still be the patient (a poor recording), but lose to one facing the camera.
FACING_FLOOR = 0.3
#: Walking toward the camera, ``toward`` = relative growth of the box height per second
#: plus descent of the feet in body heights per second (the sample walk: 0.1/s), weighs
#: ``1 + TOWARD_GAIN * toward``, between AWAY_FLOOR (walking away fast: the box shrinks
#: and the feet rise) and TOWARD_CAP (the most that walking toward can earn).
TOWARD_GAIN = 2.0
AWAY_FLOOR = 0.3
TOWARD_CAP = 1.5
#: Net travel over the recording (feet point, first fifth to last fifth, in body
#: heights) at which a person counts as walking. A tandem walk of 8-15 s covers 2-4 m
#: (1-2 heights of travel in the image even for a distant camera); the sample's 1.7 s
#: cover ~0.3; a person standing still shows detector jitter (< 0.05).
TRAVEL_FULL_H = 0.3
#: Weight left to a person who does not move at all (a bystander standing by).
STILL_FLOOR = 0.3
#: The choice is uncertain when the runner-up scores at least this share of the best.
#: The score multiplies six factors each measured to maybe 10-15 % (detector jitter,
#: short tracks); two people within a factor of ~1.7 may swap on another recording.
SUBJECT_UNCERTAIN_RATIO = 0.6


@dataclass(frozen=True)
class SubjectScore:
    """Why a person (a joined track) was (or was not) chosen as the patient."""

    track_id: int
    presence: float  # share of detection frames in which the person was seen
    size: float  # median box height / frame height
    centrality: float  # 1 at the centre line, 0 at the image edge
    approach: float  # relative growth of box height per second (>0: walks toward camera)
    score: float
    descent: float = 0.0  # feet moving down the image, body heights per second (>0: toward)
    facing: float = 0.0  # median confidence of nose and eyes (high: faces the camera)
    travel: float = 0.0  # net travel of the feet point over the recording, in body heights
    fragments: tuple[int, ...] = ()  # tracker ids joined into this person (empty: one track)

    def __post_init__(self) -> None:
        object.__setattr__(self, "fragments", tuple(int(f) for f in self.fragments))

    @property
    def fragment_ids(self) -> tuple[int, ...]:
        return self.fragments or (self.track_id,)


def _slope(t: np.ndarray, y: np.ndarray) -> float:
    if t.size < 3 or t[-1] <= t[0]:
        return 0.0
    return float(np.polyfit(t, y, 1)[0])


def score_tracks(tracks: list[Track], num_detection_frames: int, frame_width: int,
                 frame_height: int) -> list[SubjectScore]:
    """Score every person as the one doing the test (highest first); see the module
    docstring and the constants above for each factor."""
    scores = []
    for track in tracks:
        boxes = track.box_array()
        if boxes.shape[0] == 0:
            continue
        t = np.asarray(track.timestamps, np.float64)
        heights = np.maximum(boxes[:, 3] - boxes[:, 1], 1.0)
        centres = (boxes[:, 0] + boxes[:, 2]) / 2
        body = float(np.median(heights))
        presence = min(track.length / max(num_detection_frames, 1), 1.0)
        size = body / frame_height
        centrality = float(1.0 - np.mean(np.abs(centres - frame_width / 2)) / (frame_width / 2))
        approach = _slope(t, np.log(heights))
        descent = _slope(t, boxes[:, 3] / body)
        conf = np.asarray(track.keypoint_conf, np.float32).reshape(track.length, -1)
        facing = float(np.median(conf[:, list(FACE_KEYPOINTS)].mean(axis=1))) if conf.shape[1] > 2 else 0.0
        fifth = max(1, track.length // 5)
        feet = np.stack([centres, boxes[:, 3]], axis=1)
        moved = np.median(feet[-fifth:], axis=0) - np.median(feet[:fifth], axis=0)
        travel = float(np.linalg.norm(moved)) / body + abs(float(np.log(np.median(heights[-fifth:]) /
                                                                        np.median(heights[:fifth]))))
        toward = approach + descent
        score = (presence * np.sqrt(size) * (0.25 + 0.75 * max(centrality, 0.0))
                 * (FACING_FLOOR + (1 - FACING_FLOOR) * min(max(facing / FACING_FULL, 0.0), 1.0))
                 * float(np.clip(1.0 + TOWARD_GAIN * toward, AWAY_FLOOR, TOWARD_CAP))
                 * (STILL_FLOOR + (1 - STILL_FLOOR) * min(travel / TRAVEL_FULL_H, 1.0)))
        scores.append(SubjectScore(track.track_id, presence, size, centrality, approach, float(score),
                                   descent, facing, travel, tuple(track.fragments)))
    return sorted(scores, key=lambda s: s.score, reverse=True)


def choice_uncertain(scores: list[SubjectScore]) -> bool:
    """True when the best two people score too close to trust the automatic choice."""
    return len(scores) >= 2 and scores[1].score >= SUBJECT_UNCERTAIN_RATIO * scores[0].score


def choose_subject(scores: list[SubjectScore], override: int | None = None) -> int:
    """The patient's id: the person ``override`` names (their id, or the tracker id of
    any fragment joined into them), else the best score."""
    if not scores:
        raise NoSubjectError("No person was detected in the video.")
    if override is not None:
        for s in scores:
            if int(override) in (s.track_id, *s.fragment_ids):
                return s.track_id
        known = sorted(s.track_id for s in scores)
        raise NoSubjectError(
            f"Track {override} does not exist; tracks in this video: {', '.join(map(str, known))}."
        )
    return scores[0].track_id
