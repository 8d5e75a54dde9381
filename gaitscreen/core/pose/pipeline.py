"""Video → poses → tracks → the patient's skeleton, in one pass over the video.

How the pose stage spends its time (see ``docs/benchmarks.md`` for what each step bought):

* **Frame sampling** — the network looks at ``pose_rate_hz`` frames per second
  (default 15); frames in between are decoded but not converted, and the patient's
  joints there are interpolated from the neighbouring sampled frames (on real
  footage this keeps ≥ 95 % agreement with a pass on every frame; the classifier
  wants about 30 skeletons per second, which interpolation provides).
* **Sparse full-frame detection** — everyone in view is detected on a small
  (``detect_long_side``) version of every ``detect_every``-th sampled frame; the
  tracker links these detections into tracks.
* **Subject crops** — every sampled frame is scaled as a full-frame pass at
  ``pose_long_side`` (640) would scale it, and a stride-aligned window around each
  track's (interpolated) box is kept (see :mod:`gaitscreen.core.pose.crops` for
  why the scale must not change). After the video the patient's track is chosen
  and only its windows go through the network, in batches of equal size.
* **Bounded memory** — crops are held under a budget; a long video has the
  leading track's crops posed as it goes and the others' dropped (cut again in a
  second pass if that track is chosen after all): :mod:`~.crop_store`.
* **ONNX Runtime** — see :mod:`gaitscreen.core.pose.yolo`.

Frames where the patient is not found stay empty (NaN, ``present`` False); gaps
up to ``max_gap_s`` between found frames are interpolated and flagged.
"""

from __future__ import annotations

import time
from collections import deque
from concurrent.futures import Future
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from ..callbacks import CancelFn, ProgressFn, check_cancel, no_progress
from ..errors import NoPersonError, NoSubjectError
from ..skeleton import SkeletonSequence
from ..track_join import appearance_descriptors, join_fragments
from ..tracking import IoUTracker, SubjectScore, Track, choice_uncertain, choose_subject, score_tracks
from ..video import Letterbox, VideoInfo, check_length, iter_frames, probe, sha256_file
from .crop_store import CROP_BUDGET_BYTES, CropStore, pose_crops, recut
from .crops import Canvas, map_poses
from .types import NUM_KEYPOINTS
from .yolo import STRIDE, YoloPose


@dataclass(frozen=True)
class PoseSettings:
    """Knobs of the pose stage; recorded with every result."""

    pose_rate_hz: float = 15.0
    detect_rate_hz: float = 7.5
    detect_long_side: int = 320
    pose_long_side: int = 640  # scale of the subject crops: as a full-frame pass at this size
    crop_margin: float = 0.1  # context around the person, as a share of its box height
    max_gap_s: float = 0.5
    batch_size: int = 8
    min_track_detections: int = 2


@dataclass
class PoseRun:
    """Everything the pose stage learned about one video."""

    video: VideoInfo
    video_sha256: str
    skeleton: SkeletonSequence  # the patient, COCO-17, one sample per video frame
    subject_id: int
    candidates: list[SubjectScore]
    tracks: list[Track]
    settings: PoseSettings
    pose_model: str
    pose_model_sha256: str
    device: str
    stats: dict[str, float] = field(default_factory=dict)
    subject_override: bool = False  # the patient was named (``subject=``), not chosen

    @property
    def persons_seen(self) -> int:
        """People in view: tracks after joining the fragments of each person."""
        return len(self.candidates)

    @property
    def choice_uncertain(self) -> bool:
        """The automatic choice was close between two people: confirm in the player."""
        return not self.subject_override and bool(self.candidates) \
            and self.candidates[0].track_id == self.subject_id and choice_uncertain(self.candidates)


def rebuild_pose_run(video: str | Path, skeleton: SkeletonSequence, *, tracks: list[Track],
                     candidates: list[dict], subject_id: int, video_sha256: str, pose_model: str,
                     pose_model_sha256: str, device: str) -> PoseRun:
    """A :class:`PoseRun` from a stored pose stage (the study keeps its parts).

    The settings come from the skeleton's own record of them; ``stats`` stays empty
    (the timings belong to the run that made it).
    """
    info = probe(video)
    stored = dict(skeleton.meta.get("pose_settings") or {})
    known = {f for f in PoseSettings.__dataclass_fields__}
    settings = PoseSettings(**{k: v for k, v in stored.items() if k in known})
    scores = [SubjectScore(**{k: d[k] for k in SubjectScore.__dataclass_fields__ if k in d}) for d in candidates]
    return PoseRun(video=info, video_sha256=video_sha256, skeleton=skeleton, subject_id=int(subject_id),
                   candidates=scores, tracks=list(tracks), settings=settings, pose_model=pose_model,
                   pose_model_sha256=pose_model_sha256, device=device,
                   # not the best-scored person: the operator named them (the study keeps no flag)
                   subject_override=bool(scores) and scores[0].track_id != int(subject_id))


def run_pose_pass(
    video: str | Path,
    *,
    backend: YoloPose,
    settings: PoseSettings | None = None,
    subject: int | None = None,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
    crop_budget_bytes: int = CROP_BUDGET_BYTES,
) -> PoseRun:
    """Estimate the patient's COCO-17 skeleton in every frame of ``video``, in one pass
    (:func:`gaitscreen.core.pose.run_pose` repeats it on the full canvas when needed).

    ``backend``: the loaded pose model (``run_pose`` loads one for both passes);
    ``crop_budget_bytes``: memory for subject crops (see :mod:`.crop_store`).
    """
    settings = settings or PoseSettings()
    progress = progress or no_progress
    started = time.perf_counter()
    info = probe(video)
    check_length(info)
    digest = sha256_file(info.path)
    step = max(1, round(info.fps / settings.pose_rate_hz)) if info.fps > 0 else 1
    sampled_rate = info.fps / step if info.fps > 0 else settings.pose_rate_hz
    detect_every = max(1, round(sampled_rate / settings.detect_rate_hz))
    tracker = IoUTracker()
    store = CropStore(budget_bytes=crop_budget_bytes)
    frame_indices: list[int] = []
    timestamps: list[float] = []
    pending: list[tuple[int, float, Canvas]] = []
    detection_frames = 0

    def cut_pending() -> None:
        """Crop the frames held since the last detection, now that boxes on both sides are known."""
        for sample, stamp, canvas in pending:
            for track in tracker.tracks:
                if sample > track.samples[-1] + detect_every:
                    continue  # lost for longer than one detection interval
                box = track.box_at(sample, stamp)
                if box is not None:
                    store.add(track.track_id, sample, canvas, box, settings.crop_margin)
        pending.clear()

    def relieve_if_full() -> None:
        if store.full:  # the leader's crops go through the network now: keep the progress ticking
            def tick(_: int) -> None:
                progress(len(frame_indices), total, "Detecting people")

            store.relieve(_ranking(tracker.tracks, detection_frames, info, settings, subject),
                          lambda c: pose_crops(backend, c, settings.batch_size, should_cancel=should_cancel,
                                               done=tick))

    total = max(info.frame_count // step, 1)
    # Detections run in the backend's lanes, up to ``lanes`` frames ahead of the
    # tracker, which takes the frames strictly in order.
    queue: deque[tuple[int, float, Canvas, Future | None, Letterbox | None]] = deque()
    in_flight = 0

    def take_front() -> None:
        nonlocal in_flight, detection_frames
        sample, stamp, canvas, future, transform = queue.popleft()
        if future is None:
            pending.append((sample, stamp, canvas))
            return
        in_flight -= 1
        poses = map_poses(future.result()[0], transform)
        looks = appearance_descriptors(canvas.pixels, poses.boxes, canvas.scale, (canvas.pad_x, canvas.pad_y))
        ids = tracker.update(sample, stamp, poses, looks)
        detection_frames += 1
        cut_pending()
        for det, track_id in enumerate(ids):
            if track_id:
                store.add(track_id, sample, canvas, poses.boxes[det], settings.crop_margin)
        relieve_if_full()

    t0 = time.perf_counter()
    try:
        for sample, frame in enumerate(iter_frames(info.path, step=step, should_cancel=should_cancel)):
            frame_indices.append(frame.index)
            timestamps.append(frame.timestamp_s)
            canvas = Canvas(frame.image, settings.pose_long_side)
            future = transform = None
            if sample % detect_every == 0:
                small, transform = canvas.downscaled(settings.detect_long_side)
                future = backend.submit([small], (_ceil_stride(small.shape[0]), _ceil_stride(small.shape[1])))
                in_flight += 1
            queue.append((sample, frame.timestamp_s, canvas, future, transform))
            while queue and (queue[0][3] is None or in_flight >= backend.lanes or queue[0][3].done()):
                take_front()
            progress(sample + 1, total, "Detecting people")
        while queue:
            take_front()
    finally:
        for item in queue:  # cancelled or failed: let the lanes finish what they hold
            if item[3] is not None:
                item[3].cancel()
    t_detect = time.perf_counter() - t0
    cut_pending()
    if not frame_indices:
        raise NoSubjectError(f"{info.path.name}: no frame could be read.")

    people = join_fragments(tracker.tracks)  # one track per person (see core.track_join)
    tracks = [t for t in people if t.length >= settings.min_track_detections] or people
    candidates = score_tracks(tracks, detection_frames, info.width, info.height)
    if not candidates:
        raise NoPersonError(f"No person was found in {info.path.name}.")
    subject_id = choose_subject(candidates, subject)

    t0 = time.perf_counter()
    num_samples = len(frame_indices)
    kpts = np.full((num_samples, NUM_KEYPOINTS, 2), np.nan, np.float32)
    conf = np.zeros((num_samples, NUM_KEYPOINTS), np.float32)
    subject_track = next(t for t in tracks if t.track_id == subject_id)
    fragments = subject_track.fragment_ids  # a person joined from several tracker fragments
    subject_crops = sorted((c for f in fragments for c in store.take(f)), key=lambda c: c.sample)
    store.held.clear()  # the other tracks' crops are no longer needed
    wanted = sorted((w for f in fragments for w in store.dropped.get(f, [])), key=lambda w: w[0])
    posed = [p for f in fragments for p in store.posed.get(f, [])]
    total_crops = len(subject_crops) + len(wanted)
    done = 0

    def count(n: int) -> None:
        nonlocal done
        done += n
        progress(done, total_crops, "Estimating pose")

    count(0)
    posed += pose_crops(backend, subject_crops, settings.batch_size, should_cancel=should_cancel, done=count)
    del subject_crops
    for group in recut(info.path, step, frame_indices, wanted, settings.pose_long_side, settings.crop_margin,
                       crop_budget_bytes, should_cancel=should_cancel, tick=lambda: count(0)):
        posed += pose_crops(backend, group, settings.batch_size, should_cancel=should_cancel, done=count)
    check_cancel(should_cancel)
    for p in posed:
        if p.keypoints is not None:
            kpts[p.sample], conf[p.sample] = p.keypoints, p.confidence
    t_crops = time.perf_counter() - t0

    found = ~np.isnan(kpts[:, 0, 0])
    stamps = np.asarray(timestamps, np.float64)
    kpts, conf, present, gap_filled = _fill_short_gaps(kpts, conf, found, stamps, settings.max_gap_s)
    skeleton = _to_every_frame(
        kpts, conf, present, gap_filled, np.asarray(frame_indices, np.int64), stamps, step, info
    )
    skeleton.source = info.path.name
    skeleton.source_sha256 = digest
    skeleton.track_id = subject_id
    skeleton.meta.update(
        {
            "pose_model": backend.weights.name,
            "pose_model_sha256": backend.weights.sha256,
            "pose_runtime": backend.runtime,
            "pose_device": backend.device,
            "pose_stride": step,
            "pose_settings": {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(settings).items()},
        }
    )
    elapsed = time.perf_counter() - started
    return PoseRun(
        video=info,
        video_sha256=digest,
        skeleton=skeleton,
        subject_id=subject_id,
        candidates=candidates,
        tracks=tracks,
        settings=settings,
        pose_model=backend.weights.name,
        pose_model_sha256=backend.weights.sha256,
        device=backend.device,
        subject_override=subject is not None,
        stats={
            "seconds_total": elapsed,
            "seconds_detection": t_detect,  # the whole first pass: decoding, detection, tracking
            "seconds_subject_pose": t_crops,
            "frames": float(skeleton.num_frames),
            "pose_frames": float(len(posed)),
            "crop_bytes_peak": float(store.peak_bytes),
            "crops_dropped": float(store.crops_dropped),
            "crops_posed_early": float(store.crops_posed_early),
            "frames_recut": float(len(wanted)),
            "detection_frames": float(detection_frames),
            "fps_achieved": skeleton.num_frames / elapsed if elapsed > 0 else 0.0,
        },
    )


def _ranking(tracks: list[Track], detection_frames: int, info: VideoInfo, settings: PoseSettings,
             subject: int | None) -> list[int]:
    """Track ids in the order the patient choice would rank them now (the user's
    choice first when given): who keeps crops when the store is full."""
    eligible = [t for t in tracks if t.length >= settings.min_track_detections]
    order = [s.track_id for s in score_tracks(eligible, detection_frames, info.width, info.height)]
    return order if subject is None else [subject] + [t for t in order if t != subject]


def _ceil_stride(value: int) -> int:
    return int(np.ceil(value / STRIDE) * STRIDE)


def _fill_short_gaps(kpts, conf, found, stamps, max_gap_s):
    """Linearly interpolate runs of missing samples no longer than ``max_gap_s``
    that have found samples on both sides; longer gaps stay missing."""
    present = found.copy()
    filled = np.zeros_like(found)
    idx = np.flatnonzero(found)
    for a, b in zip(idx[:-1], idx[1:]):
        if b - a > 1 and stamps[b] - stamps[a] <= max_gap_s:
            w = ((stamps[a + 1 : b] - stamps[a]) / (stamps[b] - stamps[a]))[:, None, None]
            kpts[a + 1 : b] = (1 - w) * kpts[a] + w * kpts[b]
            conf[a + 1 : b] = np.minimum(conf[a], conf[b])
            present[a + 1 : b] = True
            filled[a + 1 : b] = True
    return kpts, conf, present, filled


def _to_every_frame(kpts, conf, present, gap_filled, frame_idx, stamps, step, info) -> SkeletonSequence:
    """Spread samples taken every ``step`` frames over every frame of the video:
    frames between two present samples are interpolated (pose was not run on them
    by design, so they are not flagged); others stay missing."""
    last = int(frame_idx[-1])
    n = len(frame_idx) if step == 1 else max(last + 1, min(info.frame_count, last + step))
    if step == 1:
        all_kpts, all_conf, all_present, all_filled = kpts, conf, present, gap_filled
        all_idx, all_stamps = frame_idx, stamps
    else:
        all_idx = np.arange(n, dtype=np.int64)
        dt = (stamps[-1] - stamps[0]) / (last - frame_idx[0]) if last > frame_idx[0] else 1.0 / max(info.fps, 1.0)
        all_stamps = np.interp(all_idx, frame_idx, stamps)
        all_stamps[last + 1 :] = stamps[-1] + dt * (all_idx[last + 1 :] - last)
        all_kpts = np.full((n, NUM_KEYPOINTS, 2), np.nan, np.float32)
        all_conf = np.zeros((n, NUM_KEYPOINTS), np.float32)
        all_present = np.zeros(n, bool)
        all_filled = np.zeros(n, bool)
        all_kpts[frame_idx], all_conf[frame_idx] = kpts, conf
        all_present[frame_idx], all_filled[frame_idx] = present, gap_filled
        for j in range(len(frame_idx) - 1):
            a, b = int(frame_idx[j]), int(frame_idx[j + 1])
            if b - a > 1 and present[j] and present[j + 1]:
                w = ((np.arange(a + 1, b) - a) / (b - a))[:, None, None]
                all_kpts[a + 1 : b] = (1 - w) * kpts[j] + w * kpts[j + 1]
                all_conf[a + 1 : b] = np.minimum(conf[j], conf[j + 1])
                all_present[a + 1 : b] = True
                all_filled[a + 1 : b] = gap_filled[j] or gap_filled[j + 1]
        if n > last + 1 and present[-1]:
            # The video ended between two samples: hold the last pose for those
            # (fewer than ``step``) frames and flag them as interpolated.
            all_kpts[last + 1 :], all_conf[last + 1 :] = kpts[-1], conf[-1]
            all_present[last + 1 :] = True
            all_filled[last + 1 :] = True
    fps = info.fps if info.fps > 0 else 30.0
    return SkeletonSequence(
        joints=all_kpts,
        confidence=all_conf,
        timestamps=np.asarray(all_stamps, np.float64),
        layout="coco17",
        fps=float(fps),
        present=all_present,
        interpolated=all_filled,
        frame_indices=np.asarray(all_idx, np.int64),
        image_size=(info.width, info.height),
    )
