"""What the player draws over a video frame, as plain geometry (no Qt).

* :data:`bones` / :func:`bone_sides`: the bones of a layout with the side each belongs
  to (``"L"``, ``"R"``, ``"C"``), from :mod:`gaitscreen.core.skeleton.joints`. A bone
  joining two joints of one side is that side's; a bone from the centre line to one
  side (nose to eye) is that side's; a bone across (shoulder to shoulder) is centre.
* :func:`confidence_colour`: joint confidence to an RGB colour, red (low) through
  amber to green (high).
* :class:`OverlayModel`: the subject's keypoints at a video frame (from the
  :class:`~gaitscreen.core.skeleton.SkeletonSequence`, looked up by frame index) and
  everyone else's (from the :class:`~gaitscreen.core.tracking.Track` detections, looked
  up by time), plus the click hit test.

Tracks hold detections only on detection frames (every few video frames). A track's
pose at time ``t`` is interpolated linearly between the detections on either side when
they are at most ``1.5 x`` the track's usual detection interval apart (its median gap),
and otherwise the nearest detection is held when it is within half that interval; the
confidence of an interpolated keypoint is the lower of its two ends. Track times are the
frame timestamps of the pose stage, the same clock as the player's frames.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Optional, Sequence

import numpy as np

from .skeleton import SkeletonSequence
from .skeleton.joints import LAYOUT_BONES, LAYOUT_SIDES

if TYPE_CHECKING:  # importing tracking first would hit its import cycle with pose
    from .tracking import Track

RGB = tuple[int, int, int]

#: Bone colours by side (Okabe-Ito blue / vermillion, readable by colour-blind users).
SIDE_COLOURS: dict[str, RGB] = {"L": (0, 114, 178), "R": (213, 94, 0), "C": (225, 225, 225)}
#: Colour of persons other than the subject.
OTHER_COLOUR: RGB = (170, 170, 170)
#: Colour of the person under the mouse (Okabe-Ito yellow: apart from both sides' colours).
HOVER_COLOUR: RGB = (240, 228, 66)
#: Keypoints below this confidence are not drawn.
MIN_DRAW_CONFIDENCE = 0.05

_LOW: RGB = (220, 40, 40)
_MID: RGB = (240, 190, 0)
_HIGH: RGB = (40, 200, 80)


def _bone_side(a: str, b: str) -> str:
    if a == b:
        return a
    if a == "C":
        return b
    if b == "C":
        return a
    return "C"  # left to right


def bone_sides(layout: str) -> tuple[tuple[int, int, str], ...]:
    """``(parent, child, side)`` for every bone of ``layout``."""
    sides = LAYOUT_SIDES[layout]
    return tuple((a, b, _bone_side(sides[a], sides[b])) for a, b in LAYOUT_BONES[layout])


#: Bones with sides, per layout.
bones: dict[str, tuple[tuple[int, int, str], ...]] = {
    layout: bone_sides(layout) for layout in LAYOUT_BONES
}


def confidence_colour(conf: float) -> RGB:
    """Red at or below 0.3, amber at 0.55, green at or above 0.8, linear between."""
    c = float(conf) if np.isfinite(conf) else 0.0
    if c <= 0.55:
        w, lo, hi = (c - 0.3) / 0.25, _LOW, _MID
    else:
        w, lo, hi = (c - 0.55) / 0.25, _MID, _HIGH
    w = min(max(w, 0.0), 1.0)
    return tuple(int(round(lo[k] + w * (hi[k] - lo[k]))) for k in range(3))  # type: ignore[return-value]


@dataclass(frozen=True)
class PersonPose:
    """One person at one frame: keypoints ``(J, 2)`` in upright video pixels (NaN where
    unknown), their confidences ``(J,)``, a box ``(x1, y1, x2, y2)`` or None."""

    track_id: Optional[int]
    keypoints: np.ndarray
    confidence: np.ndarray
    box: Optional[np.ndarray]
    layout: str = "coco17"
    interpolated: bool = False


@dataclass(frozen=True)
class FrameOverlay:
    """Everything drawn over one frame."""

    subject: Optional[PersonPose]
    others: tuple[PersonPose, ...]

    def persons(self) -> tuple[PersonPose, ...]:
        return ((self.subject,) if self.subject is not None else ()) + self.others


class _TrackArrays:
    """A track's detections as arrays, for lookups by time."""

    def __init__(self, track: Track) -> None:
        self.track_id = int(track.track_id)
        self.times = np.asarray(track.timestamps, np.float64)
        n = self.times.size
        self.boxes = np.asarray(track.boxes, np.float32).reshape(n, 4)
        self.keypoints = np.asarray(track.keypoints, np.float32).reshape(n, -1, 2)
        self.conf = np.asarray(track.keypoint_conf, np.float32).reshape(n, -1)
        gaps = np.diff(self.times)
        gaps = gaps[gaps > 0]
        self.interval = float(np.median(gaps)) if gaps.size else 0.0

    def at(self, t: float) -> Optional[PersonPose]:
        n = self.times.size
        if n == 0:
            return None
        pos = int(np.searchsorted(self.times, t))
        if pos < n and abs(self.times[pos] - t) < 1e-6:
            return self._pose(pos, pos, 0.0)
        if pos > 0 and abs(self.times[pos - 1] - t) < 1e-6:
            return self._pose(pos - 1, pos - 1, 0.0)
        if 0 < pos < n and self.interval > 0:
            t0, t1 = self.times[pos - 1], self.times[pos]
            if t1 - t0 <= 1.5 * self.interval:
                return self._pose(pos - 1, pos, (t - t0) / (t1 - t0))
        half = 0.5 * self.interval if self.interval > 0 else 0.0
        best = None
        for k in (pos - 1, pos):
            if 0 <= k < n and abs(self.times[k] - t) <= half:
                if best is None or abs(self.times[k] - t) < abs(self.times[best] - t):
                    best = k
        return None if best is None else self._pose(best, best, 0.0)

    def _pose(self, a: int, b: int, w: float) -> PersonPose:
        if a == b:
            kp, conf, box = self.keypoints[a], self.conf[a], self.boxes[a]
        else:
            kp = (1 - w) * self.keypoints[a] + w * self.keypoints[b]
            conf = np.minimum(self.conf[a], self.conf[b])
            box = (1 - w) * self.boxes[a] + w * self.boxes[b]
        return PersonPose(self.track_id, kp, conf, box, interpolated=a != b or w != 0.0)


class OverlayModel:
    """The subject's skeleton and the other tracks, queried per video frame.

    ``skeleton`` is looked up by frame index (its ``frame_indices``); a frame between two
    present samples is interpolated linearly, a frame where the subject is absent gives
    no subject. ``tracks`` are looked up by the frame's time; the track whose id is
    ``subject_track_id`` supplies the subject's box (for the hit test) and is not drawn
    among the others.
    """

    def __init__(
        self,
        skeleton: Optional[SkeletonSequence] = None,
        tracks: Iterable[Track] = (),
        subject_track_id: Optional[int] = None,
    ) -> None:
        self.skeleton = skeleton
        if subject_track_id is None and skeleton is not None:
            subject_track_id = skeleton.track_id
        self.subject_track_id = subject_track_id
        self._tracks = [_TrackArrays(t) for t in tracks]

    @property
    def track_ids(self) -> list[int]:
        return [t.track_id for t in self._tracks]

    def _track(self, track_id: Optional[int]) -> Optional[_TrackArrays]:
        return next((t for t in self._tracks if t.track_id == track_id), None)

    def subject_at(self, frame_index: int) -> Optional[PersonPose]:
        """The subject's pose at ``frame_index`` (2-D joints only), or None."""
        sk = self.skeleton
        if sk is None or sk.num_frames == 0:
            return None
        fi = sk.frame_indices
        pos = int(np.searchsorted(fi, frame_index))
        if pos < fi.size and fi[pos] == frame_index:
            if not sk.present[pos]:
                return None
            kp, conf, interp = sk.joints[pos, :, :2], sk.confidence[pos], bool(sk.interpolated[pos])
        elif 0 < pos < fi.size and sk.present[pos - 1] and sk.present[pos]:
            w = (frame_index - fi[pos - 1]) / (fi[pos] - fi[pos - 1])
            kp = (1 - w) * sk.joints[pos - 1, :, :2] + w * sk.joints[pos, :, :2]
            conf, interp = np.minimum(sk.confidence[pos - 1], sk.confidence[pos]), True
        else:
            return None
        box = None
        subject_track = self._track(self.subject_track_id)
        if subject_track is not None:
            found = subject_track.at(float(np.interp(frame_index, fi, sk.timestamps)))
            box = found.box if found is not None else None
        if box is None:
            box = keypoint_box(kp, conf)
        return PersonPose(self.subject_track_id, kp, conf, box, sk.layout, interp)

    def others_at(self, time_s: float) -> tuple[PersonPose, ...]:
        """Every other track's pose at ``time_s`` (seconds from the first frame)."""
        out = []
        for track in self._tracks:
            if track.track_id == self.subject_track_id:
                continue
            pose = track.at(time_s)
            if pose is not None:
                out.append(pose)
        return tuple(out)

    def at(self, frame_index: int, time_s: float) -> FrameOverlay:
        return FrameOverlay(self.subject_at(frame_index), self.others_at(time_s))

    def boxes_at(self, frame_index: int, time_s: float) -> list[tuple[int, np.ndarray]]:
        """``(track_id, box)`` of every tracked person at this frame, the subject included."""
        out = []
        for track in self._tracks:
            pose = track.at(time_s)
            if pose is not None:
                out.append((track.track_id, pose.box))
        subject = self.subject_at(frame_index)
        if subject is not None and subject.box is not None and subject.track_id is not None:
            if all(tid != subject.track_id for tid, _ in out):
                out.append((subject.track_id, subject.box))
        return out

    def hit_test(self, frame_index: int, time_s: float, x: float, y: float) -> Optional[int]:
        """Track id of the person whose box contains video pixel ``(x, y)``."""
        return hit_test(self.boxes_at(frame_index, time_s), x, y)


def keypoint_box(keypoints: np.ndarray, confidence: np.ndarray, *, margin: float = 0.1) -> Optional[np.ndarray]:
    """A box around the confidently seen keypoints, grown by ``margin`` of its size."""
    ok = np.isfinite(keypoints).all(axis=1) & (confidence >= MIN_DRAW_CONFIDENCE)
    if not ok.any():
        return None
    pts = keypoints[ok]
    x1, y1 = pts.min(axis=0)
    x2, y2 = pts.max(axis=0)
    mx, my = margin * (x2 - x1), margin * (y2 - y1)
    return np.array([x1 - mx, y1 - my, x2 + mx, y2 + my], np.float32)


def hover_text(track_id: int, is_subject: bool) -> str:
    """The label beside the person under the mouse: what a click on them does."""
    return f"#{track_id} · the patient" if is_subject else f"#{track_id} · click to make this person the patient"


def hit_test(boxes: Sequence[tuple[int, Optional[np.ndarray]]], x: float, y: float) -> Optional[int]:
    """The id whose box ``(x1, y1, x2, y2)`` contains ``(x, y)``; the smallest box wins."""
    best, best_area = None, np.inf
    for track_id, box in boxes:
        if box is None:
            continue
        x1, y1, x2, y2 = (float(v) for v in box)
        if x1 <= x <= x2 and y1 <= y <= y2:
            area = (x2 - x1) * (y2 - y1)
            if area < best_area:
                best, best_area = int(track_id), area
    return best


__all__ = [
    "HOVER_COLOUR",
    "MIN_DRAW_CONFIDENCE",
    "OTHER_COLOUR",
    "SIDE_COLOURS",
    "FrameOverlay",
    "OverlayModel",
    "PersonPose",
    "bone_sides",
    "bones",
    "confidence_colour",
    "hit_test",
    "hover_text",
    "keypoint_box",
]
