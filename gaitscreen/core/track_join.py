"""Joining the track fragments of one person, and the appearance that helps to.

The tracker (:class:`~gaitscreen.core.tracking.IoUTracker`) links detections by box
overlap with a constant-velocity prediction. When someone passes between the camera
and the patient, or the detector misses the patient for a few frames while they turn
or step, the prediction drifts off and the patient comes back as a *new* track. Left
alone, "who is present longest" then sees the patient as two short people, and a
click in the player takes only one piece of the walk.

:func:`join_fragments` puts such pieces back together before the patient is chosen.
Two fragments are one person when the second starts shortly after the first ends
(:data:`JOIN_MAX_GAP_S`), where the first one's motion says it should be
(:data:`JOIN_MAX_JUMP_H`, :data:`JOIN_SPEED_H_PER_S`), at a similar size
(:data:`JOIN_MAX_SIZE_RATIO`), and — when the tracker recorded what the person looks
like — in similar colours (:data:`JOIN_MAX_APPEARANCE_DIST`). Links are taken
cheapest first, each fragment's end and start used once, so a chain of fragments
becomes one track.

**Ids.** A joined person keeps the tracker id of its *earliest* fragment; its
``fragments`` list every tracker id it was made of. A person never split keeps its
own id with an empty ``fragments``. Ids therefore stay what the tracker gave, and
the same video gives the same ids on every run; ``--subject`` and a click in the
player take a person's id (a later fragment's id names the same person).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import cv2
import numpy as np

from .tracking import Track

#: Longest gap between two fragments of one person. Someone crossing in front hides the
#: patient for as long as they take to pass a body width (about 0.5 m at 1.0-1.4 m/s:
#: 0.4-0.5 s) plus the detector's misses while either is half hidden; a patient turning
#: or stepping out of the detector's reach for a moment is shorter. 1.5 s covers these
#: with room, while a longer gap makes the motion prediction below worthless.
JOIN_MAX_GAP_S = 1.5
#: Motion is extrapolated from a fragment's end for at most this long (as the tracker's
#: own prediction is damped after 0.5 s); beyond it the person may have stopped or turned.
JOIN_PREDICT_S = 0.5
#: Where the next fragment may start, as distance of box centres from the predicted
#: centre in body (box) heights: a fixed part for detector jitter and partial boxes at
#: the edge of an occlusion (a box of the upper body alone has its centre a quarter of
#: a height higher) ...
JOIN_MAX_JUMP_H = 0.35
#: ... plus a part growing with the gap: walking speed. A brisk walk is about 1.4 m/s for
#: a 1.7 m person (0.8 heights/s); the tandem walk is far slower (0.2-0.4 m/s).
JOIN_SPEED_H_PER_S = 0.8
#: Apparent height of the two ends may differ by this factor: walking toward the camera
#: over 1.5 s changes it by ~20 % at 3-4 m, and a partly hidden person's box is shorter.
JOIN_MAX_SIZE_RATIO = 1.6
#: Largest Bhattacharyya distance between the colour histograms of the two ends (0 the
#: same, 1 nothing in common). Measured on the sample walk and the videos composited
#: from it in the tests (windows of 4 detections): one person against themselves
#: 0.06-0.25 over the walk (light and pose change), the walker against the bystander
#: 0.46-0.54. A copy of the walker pasted in as a passer-by (same clothes) gives
#: 0.24-0.40: colour alone cannot part twins; the motion test must.
JOIN_MAX_APPEARANCE_DIST = 0.38
#: Detections at each end whose histograms are averaged (less noise than one frame).
JOIN_APPEARANCE_SAMPLES = 4

#: Histogram bins of hue and saturation (value is left out: it follows the light more
#: than the clothes). 16 x 4 is enough to tell clothes apart and cheap to compute.
HIST_BINS = (16, 4)


@dataclass(frozen=True)
class _Link:
    cost: float
    first: int  # index of the fragment that ends
    second: int  # index of the fragment that starts after it


def appearance_descriptors(image: np.ndarray, boxes: np.ndarray, scale: float = 1.0,
                           offset: tuple[float, float] = (0.0, 0.0)) -> list[np.ndarray | None]:
    """A hue-saturation histogram of each person's box in ``image`` (BGR).

    ``boxes`` are frame pixels; pixel ``p`` of the frame is ``p * scale + offset`` in
    ``image`` (the pose stage passes its letterboxed canvas). Only the inner part of
    the box is used — the middle 60 % of its width, 10-90 % of its height — where the
    clothes are and the background is least. None for a box too small to say anything.
    """
    out: list[np.ndarray | None] = []
    h, w = image.shape[:2]
    for box in np.asarray(boxes, np.float64).reshape(-1, 4):
        x1, y1, x2, y2 = box * scale + np.array([offset[0], offset[1], offset[0], offset[1]])
        bw, bh = x2 - x1, y2 - y1
        left, right = int(max(x1 + 0.2 * bw, 0)), int(min(x2 - 0.2 * bw, w))
        top, bottom = int(max(y1 + 0.1 * bh, 0)), int(min(y2 - 0.1 * bh, h))
        if right - left < 4 or bottom - top < 8:
            out.append(None)
            continue
        hsv = cv2.cvtColor(np.ascontiguousarray(image[top:bottom, left:right]), cv2.COLOR_BGR2HSV)
        hist = cv2.calcHist([hsv], [0, 1], None, list(HIST_BINS), [0, 180, 0, 256]).ravel()
        total = float(hist.sum())
        out.append((hist / total).astype(np.float32) if total > 0 else None)
    return out


def appearance_distance(a: np.ndarray, b: np.ndarray) -> float:
    """Bhattacharyya distance of two normalised histograms (0 equal, 1 disjoint)."""
    return float(cv2.compareHist(np.asarray(a, np.float32), np.asarray(b, np.float32),
                                 cv2.HISTCMP_BHATTACHARYYA))


def _end_appearance(track: Track, at_start: bool) -> np.ndarray | None:
    """Mean histogram of the detections at one end of ``track`` (None when not recorded)."""
    looks = [a for a in (track.appearance[:JOIN_APPEARANCE_SAMPLES * 2] if at_start
                         else track.appearance[-JOIN_APPEARANCE_SAMPLES * 2:]) if a is not None]
    if not looks:
        return None
    looks = looks[:JOIN_APPEARANCE_SAMPLES] if at_start else looks[-JOIN_APPEARANCE_SAMPLES:]
    mean = np.mean(np.stack(looks), axis=0)
    return mean / max(float(mean.sum()), 1e-9)


def _end_velocity(track: Track) -> np.ndarray:
    """Box-centre velocity (px/s) over the last half second of ``track``."""
    t = np.asarray(track.timestamps, np.float64)
    if t.size < 2:
        return np.zeros(2)
    use = t >= t[-1] - 0.5
    use[-2:] = True
    boxes = track.box_array()[use]
    centres = np.stack([(boxes[:, 0] + boxes[:, 2]) / 2, (boxes[:, 1] + boxes[:, 3]) / 2], axis=1)
    dt = t[use][-1] - t[use][0]
    return (centres[-1] - centres[0]) / dt if dt > 0 else np.zeros(2)


def link_cost(first: Track, second: Track) -> float | None:
    """How unlike one person's continuation ``second`` is after ``first`` (lower is
    likelier), or None when it cannot be the same person (see the module constants)."""
    if not first.samples or not second.samples:
        return None
    gap = second.timestamps[0] - first.timestamps[-1]
    if gap <= 0 or gap > JOIN_MAX_GAP_S or second.samples[0] <= first.samples[-1]:
        return None
    a, b = first.boxes[-1], second.boxes[0]
    height_a, height_b = float(a[3] - a[1]), float(b[3] - b[1])
    if height_a <= 0 or height_b <= 0:
        return None
    if max(height_a, height_b) / min(height_a, height_b) > JOIN_MAX_SIZE_RATIO:
        return None
    centre_a = np.array([(a[0] + a[2]) / 2, (a[1] + a[3]) / 2])
    centre_b = np.array([(b[0] + b[2]) / 2, (b[1] + b[3]) / 2])
    predicted = centre_a + _end_velocity(first) * min(gap, JOIN_PREDICT_S)
    height = max(height_a, height_b)
    allowed = JOIN_MAX_JUMP_H + JOIN_SPEED_H_PER_S * gap
    jump = float(np.linalg.norm(centre_b - predicted)) / height
    if jump > allowed:
        return None
    cost = jump / allowed
    look_a, look_b = _end_appearance(first, at_start=False), _end_appearance(second, at_start=True)
    if look_a is not None and look_b is not None:
        distance = appearance_distance(look_a, look_b)
        if distance > JOIN_MAX_APPEARANCE_DIST:
            return None
        cost += distance / JOIN_MAX_APPEARANCE_DIST
    return cost + gap / JOIN_MAX_GAP_S


def join_fragments(tracks: list[Track]) -> list[Track]:
    """Tracks with the fragments of each person merged (earliest fragment's id; see the
    module docstring). The input tracks are left as they are; an unjoined track is
    returned itself. Ordered by id."""
    order = sorted(range(len(tracks)), key=lambda i: tracks[i].track_id)
    # Only fragments starting within JOIN_MAX_GAP_S after another's end can follow it:
    # looked up in the start times, so a long recording's many tracks cost n log n.
    live = [i for i in order if tracks[i].samples]
    by_start = sorted(live, key=lambda i: tracks[i].timestamps[0])
    starts = [tracks[i].timestamps[0] for i in by_start]
    links = []
    for i in live:
        end = tracks[i].timestamps[-1]
        for j in by_start[bisect_right(starts, end):bisect_right(starts, end + JOIN_MAX_GAP_S)]:
            cost = link_cost(tracks[i], tracks[j])
            if cost is not None:
                links.append(_Link(cost, i, j))
    next_of: dict[int, int] = {}
    prev_of: dict[int, int] = {}
    for link in sorted(links, key=lambda k: (k.cost, tracks[k.first].track_id, tracks[k.second].track_id)):
        if link.first in next_of or link.second in prev_of:
            continue
        # Two fragments seen at the same moment are two people: refuse a link that would
        # join a chain to a fragment overlapping it in time (possible through a chain).
        chain_a, chain_b = _chain(link.first, next_of, prev_of), _chain(link.second, next_of, prev_of)
        if _overlap(tracks, chain_a, chain_b):
            continue
        next_of[link.first], prev_of[link.second] = link.second, link.first
    out = []
    for i in order:
        if i in prev_of:
            continue
        chain = _chain(i, next_of, prev_of)
        out.append(tracks[i] if len(chain) == 1 else _merge([tracks[k] for k in chain]))
    return sorted(out, key=lambda t: t.track_id)


def _chain(i: int, next_of: dict[int, int], prev_of: dict[int, int]) -> list[int]:
    while i in prev_of:
        i = prev_of[i]
    chain = [i]
    while chain[-1] in next_of:
        chain.append(next_of[chain[-1]])
    return chain


def _overlap(tracks: list[Track], a: list[int], b: list[int]) -> bool:
    seen = {s for k in a for s in tracks[k].samples}
    return any(s in seen for k in b for s in tracks[k].samples)


def _merge(parts: list[Track]) -> Track:
    """One track of ``parts`` (in time order): detections concatenated."""
    parts = sorted(parts, key=lambda t: t.samples[0])
    merged = Track(min(t.track_id for t in parts))
    for t in parts:
        merged.samples += t.samples
        merged.timestamps += t.timestamps
        merged.boxes += t.boxes
        merged.scores += t.scores
        merged.keypoints += t.keypoints
        merged.keypoint_conf += t.keypoint_conf
        looks = list(t.appearance) + [None] * (t.length - len(t.appearance))
        merged.appearance += looks[: t.length]
        merged.fragments += t.fragment_ids
    merged.velocity = np.asarray(parts[-1].velocity, np.float32).copy()
    merged.fragments = sorted(merged.fragments)
    return merged
