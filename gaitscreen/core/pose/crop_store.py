"""Subject crops held between the first pass and the network, under a memory budget.

The patient is chosen only after the whole video, so the first pass cuts a crop
around every track in every sampled frame. Holding all of them made memory grow
with the video (5.2 MB per second of the 1080p sample with two people; 3.8 GB at ten
minutes). The store holds crops up to ``budget_bytes``. When it is full, the
pipeline sends the crops of the track leading the patient choice so far through
the network at once and keeps only their keypoints, then drops the held crops of
the other tracks, weakest first, keeping just their boxes. If a track whose crops
were dropped is chosen in the end, those frames are cut again from their boxes in
a second pass over the video (:func:`recut`), so the skeleton is the one an
unbounded run gives (up to batch composition: the same crops, batched differently).
A video whose crops fit in the budget runs exactly as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..callbacks import CancelFn, check_cancel
from ..video import Letterbox, iter_frames
from .crops import Canvas, pick_person

#: Crop memory before the leader's crops are posed and the others' dropped. About
#: 50 s of the sample (1080x1920, a walker and a bystander: 5.2 MB of crops per
#: second) fit, so a recording of one tandem walk takes the single-pass path unchanged.
CROP_BUDGET_BYTES = 256 * 2**20


@dataclass
class Crop:
    sample: int
    image: np.ndarray
    transform: Letterbox
    expected_box: np.ndarray


@dataclass
class PosedSample:
    """The network's answer for one sample of one track (``keypoints`` None: not found)."""

    sample: int
    keypoints: np.ndarray | None
    confidence: np.ndarray | None


@dataclass
class CropStore:
    """Crops per track, with the byte count the budget is checked against."""

    budget_bytes: int = CROP_BUDGET_BYTES
    held: dict[int, list[Crop]] = field(default_factory=dict)
    dropped: dict[int, list[tuple[int, np.ndarray]]] = field(default_factory=dict)  # (sample, box)
    posed: dict[int, list[PosedSample]] = field(default_factory=dict)
    bytes_held: int = 0
    peak_bytes: int = 0
    crops_dropped: int = 0
    crops_posed_early: int = 0

    def add(self, track_id: int, sample: int, canvas: Canvas, box: np.ndarray, margin: float) -> None:
        cut = canvas.window(box, margin)
        if cut is None:
            return
        self.held.setdefault(track_id, []).append(Crop(sample, cut[0], cut[1], np.asarray(box, np.float32)))
        self.bytes_held += cut[0].nbytes
        self.peak_bytes = max(self.peak_bytes, self.bytes_held)

    @property
    def full(self) -> bool:
        return self.bytes_held > self.budget_bytes

    def take(self, track_id: int) -> list[Crop]:
        """Remove and return the crops held for ``track_id``."""
        crops = self.held.pop(track_id, [])
        self.bytes_held -= sum(c.image.nbytes for c in crops)
        return crops

    def drop(self, track_id: int) -> None:
        """Forget the pixels of ``track_id``'s held crops; keep where they were."""
        crops = self.take(track_id)
        self.dropped.setdefault(track_id, []).extend((c.sample, c.expected_box) for c in crops)
        self.crops_dropped += len(crops)

    def relieve(self, ranking: Sequence[int], pose: Callable[[list[Crop]], list[PosedSample]]) -> None:
        """Pose the leader's crops (``ranking[0]``), then drop the others' crops,
        tracks missing from ``ranking`` first, then the weakest, until half the budget is free."""
        if ranking:
            crops = self.take(ranking[0])
            self.posed.setdefault(ranking[0], []).extend(pose(crops))
            self.crops_posed_early += len(crops)
        order = [t for t in self.held if t not in ranking] + [t for t in reversed(ranking[1:]) if t in self.held]
        for track_id in order:
            if self.bytes_held <= self.budget_bytes // 2:
                break
            self.drop(track_id)


def batches_of_equal_size(crops: list[Crop], batch_size: int) -> list[list[Crop]]:
    """Group crops of the same pixel size (crops come in steps of the stride)."""
    groups: dict[tuple[int, ...], list[Crop]] = {}
    for crop in crops:
        groups.setdefault(crop.image.shape, []).append(crop)
    return [group[i : i + batch_size] for group in groups.values() for i in range(0, len(group), batch_size)]


def pose_crops(backend, crops: list[Crop], batch_size: int, *, should_cancel: CancelFn | None = None,
               done: Callable[[int], None] | None = None) -> list[PosedSample]:
    """Run the network on ``crops`` (batches of equal size, spread over the backend's
    lanes) and pick the tracked person in each; keypoints in frame pixels."""
    out: list[PosedSample] = []
    batches = batches_of_equal_size(crops, batch_size)
    for first in range(0, len(batches), backend.lanes):
        check_cancel(should_cancel)
        group = batches[first : first + backend.lanes]
        requests = [([c.image for c in chunk], chunk[0].image.shape[:2]) for chunk in group]
        for chunk, results in zip(group, backend.predict_many(requests)):
            for crop, poses in zip(chunk, results):
                best = pick_person(poses, crop.transform, crop.expected_box)
                if best is None:
                    out.append(PosedSample(crop.sample, None, None))
                else:
                    out.append(PosedSample(crop.sample, crop.transform.to_original(poses.keypoints[best]),
                                           poses.keypoint_conf[best]))
            if done is not None:
                done(len(chunk))
    return out


def recut(path: Path, step: int, frame_indices: Sequence[int], wanted: list[tuple[int, np.ndarray]],
          long_side: int, margin: float, budget_bytes: int, *, should_cancel: CancelFn | None = None,
          tick: Callable[[], None] | None = None) -> Iterator[list[Crop]]:
    """Second pass: cut the ``wanted`` (sample, box) crops again from the video,
    yielded in groups of at most ``budget_bytes // 2`` so memory stays bounded;
    ``tick()`` after every decoded sample (the decoding can be most of the pass)."""
    boxes = dict(wanted)
    if not boxes:
        return
    last = max(boxes)
    group: list[Crop] = []
    size = 0
    frames = iter_frames(path, step=step, stop=int(frame_indices[last]) + 1, should_cancel=should_cancel)
    try:
        for sample, frame in enumerate(frames):
            if tick is not None:
                tick()
            if sample not in boxes:
                continue
            cut = Canvas(frame.image, long_side).window(boxes[sample], margin)
            if cut is not None:
                group.append(Crop(sample, cut[0], cut[1], boxes[sample]))
                size += cut[0].nbytes
            if size > budget_bytes // 2:
                yield group
                group, size = [], 0
    finally:
        frames.close()
    if group:
        yield group
