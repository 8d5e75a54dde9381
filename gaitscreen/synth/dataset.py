"""Walks, clips and datasets of synthetic tandem walking.

A *walk* (8-15 s) is generated whole: steps, body, camera, detector. It is then
cut into consecutive clips of ``clip_s`` seconds (the study's 3-s clips; frames
left over at the end are dropped). Labelling rule for a clip (as for any
interval, see :func:`gaitscreen.synth.events.is_unstable_interval`): it is
unstable (label 1) when an instability event overlaps it by at least 0.5 s or
by at least half of the event's own duration; otherwise stable (label 0). A
clip's ``events`` are the events that count, cut to the clip and in clip time;
its ``instability`` is the per-frame truth, so a stable clip may show a brief
fragment of an event at its edge (listed in ``meta["partial_events"]``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from scipy.special import betaincinv

from ..core.skeleton import SkeletonSequence
from .body import build_body
from .camera import CameraModel, WalkLine, place_walk, sample_camera
from .detector import DetectorModel, corrupt, sample_detector
from .events import (
    InstabilityEvent,
    counts_for_interval,
    draw_event,
    draw_micro_events,
    instability_curve,
)
from .gait import build_gait
from .subjects import SynthSubject, generate_subject
from .version import GENERATOR_NAME, GENERATOR_VERSION

DEFAULT_FPS = 29.91
CLIP_S = 3.0
#: H36M joint feeding COCO joints 5..16 (shoulders, elbows, wrists, hips, knees, ankles).
H36M_FOR_COCO_LIMBS = np.array([11, 14, 12, 15, 13, 16, 4, 1, 5, 2, 6, 3])
#: Distance walked in the dataset's walks (m); duration = distance / speed, kept in 8-15 s.
WALK_DISTANCE_M = (3.5, 5.0)
WALK_DURATION_S = (8.0, 15.0)

EventSpec = int | Sequence[InstabilityEvent | str] | None


@dataclass(eq=False)
class SynthClip:
    """A synthetic walk or clip: what the pose stage would see, and the truth."""

    skeleton: SkeletonSequence  # coco17, pixels, detector-like
    skeleton_3d: SkeletonSequence  # h36m17, metres, world frame, exact
    label: int  # 0 stable, 1 unstable
    events: list[InstabilityEvent]
    instability: np.ndarray  # (T,) float32, max severity of active events
    subject_id: str
    clip_id: str

    @property
    def num_frames(self) -> int:
        return self.skeleton.num_frames

    @property
    def fps(self) -> float:
        return self.skeleton.fps

    @property
    def walk_line(self) -> WalkLine:
        return WalkLine.from_dict(self.skeleton_3d.meta["walk_line"])

    def line_frame(self) -> np.ndarray:
        """Ground-truth joints ``(T, 17, 3)`` as (lat, up, fwd) relative to the tandem
        line: lat > 0 is the subject's left, fwd grows towards the camera."""
        return self.walk_line.to_line(self.skeleton_3d.joints.astype(np.float64))


def _resolve_events(spec: EventSpec, duration_s: float, rng: np.random.Generator) -> list[InstabilityEvent]:
    """Events from an int (that many, random), kinds (random timing) or events (as given)."""
    if spec is None:
        return []
    if isinstance(spec, (int, np.integer)):
        n = int(spec)
        if n < 0:
            raise ValueError("unstable_events must be ≥ 0")
        out: list[InstabilityEvent] = []
        width = (duration_s - 1.0) / max(n, 1)
        for i in range(n):
            e = draw_event(rng, (0.5 + i * width, 0.5 + (i + 1) * width), exclude=[x.kind for x in out][-1:])
            if e is not None:
                out.append(e)
        return out
    out = []
    for item in spec:
        if isinstance(item, InstabilityEvent):
            out.append(item)
        else:
            lo = float(rng.uniform(0.5, max(0.6, duration_s - 3.5)))
            e = draw_event(rng, (lo, min(lo + 3.0, duration_s - 0.3)), kind=str(item))
            if e is not None:
                out.append(e)
    return out


def _json(obj: Any) -> Any:
    return json.loads(json.dumps(obj))


def generate_walk(
    subject: SynthSubject,
    *,
    duration_s: float,
    fps: float = DEFAULT_FPS,
    unstable_events: EventSpec = 0,
    rng: np.random.Generator,
    camera: CameraModel | None = None,
    detector: DetectorModel | None = None,
    micro_events: EventSpec = None,
    walk_id: str | None = None,
    heading_deg: float | None = None,
    step_width_m: float = 0.0,
) -> SynthClip:
    """One whole tandem walk of ``duration_s`` seconds towards the camera
    (``heading_deg``: another direction on the floor, see :func:`place_walk`).

    ``unstable_events``: a count of random events, a list of kinds (random
    timing) or of :class:`InstabilityEvent` (walk time, s). Step events are
    re-timed to the steps they change; the returned clip lists them as realised.
    ``micro_events``: unlabelled weak adjustments (normal variability): None
    draws a random number, an int that many, or a list of events as given.
    ``camera``: used as given (not re-aimed); None samples and aims one.
    ``step_width_m``: feet this far apart side to side (usual-pace walking, with a
    subject from :func:`~gaitscreen.synth.subjects.usual_pace`); 0 is the tandem line.
    """
    if not (duration_s > 1.0 and fps > 0):
        raise ValueError("duration_s must exceed 1 s and fps must be positive")
    n = int(round(duration_s * fps))
    times = np.arange(n) / fps
    dur = n / fps
    events = _resolve_events(unstable_events, dur, rng)
    if micro_events is None or isinstance(micro_events, (int, np.integer)):
        micro = draw_micro_events(rng, dur, None if micro_events is None else int(micro_events))
    else:
        micro = [e for e in micro_events if isinstance(e, InstabilityEvent)]
    gait = build_gait(subject, times, fps, events, micro, rng, step_width_m)
    body = build_body(subject, gait, gait.events + gait.micro, fps, rng)

    cam = sample_camera(rng) if camera is None else camera
    cam, line, end = place_walk(cam, subject, float(body.joints[-1, 0, 2]), rng, aim=camera is None,
                                  heading_deg=heading_deg)
    world = line.to_world(body.joints)
    coco3d = np.concatenate([line.to_world(body.face), world[:, H36M_FOR_COCO_LIMBS]], axis=1)
    uv, depth = cam.project(coco3d)
    det = sample_detector(rng) if detector is None else detector
    kp, conf, interp = corrupt(uv, depth, cam.image_size, fps, rng, det)

    walk_id = walk_id or f"{subject.subject_id}-w{int(rng.integers(16**6)):06x}"
    meta: dict[str, Any] = {
        "generator": GENERATOR_NAME,
        "generator_version": GENERATOR_VERSION,
        "synthetic": True,
        "subject_id": subject.subject_id,
        "clip_id": walk_id,
        "walk_id": walk_id,
        "label": int(bool(gait.events)),
        "events": [e.to_dict() for e in gait.events],
        "micro_adjustments": [e.to_dict() for e in gait.micro],
        "walk_start_s": 0.0,
        "walk_frame_offset": 0,
        "subject": subject.to_dict(),
        "camera": cam.to_dict(),
        "detector": det.to_dict(),
        "start_distance_m": round(float(depth[0, 11:13].mean()), 4),
        "end_distance_m": round(float(depth[-1, 11:13].mean()), 4),
    }
    if step_width_m:
        meta["step_width_m"] = round(float(step_width_m), 4)
    meta3d = dict(meta)
    meta3d.update(
        units="m",
        frame="world: X camera right (subject's left), Y up, Z depth from the camera",
        walk_line=line.to_dict(),
        footfalls=[[round(float(v), 4) for v in row] for row in gait.footfalls if row[1] < dur],
    )
    source = f"synthetic:{walk_id}"
    skeleton = SkeletonSequence(
        joints=kp,
        confidence=conf,
        timestamps=times,
        layout="coco17",
        fps=fps,
        interpolated=interp,
        image_size=cam.image_size,
        source=source,
        meta=_json(meta),
    )
    skeleton_3d = SkeletonSequence(
        joints=world.astype(np.float32),
        confidence=np.ones((n, 17), np.float32),
        timestamps=times,
        layout="h36m17",
        fps=fps,
        source=source,
        meta=_json(meta3d),
    )
    return SynthClip(
        skeleton=skeleton,
        skeleton_3d=skeleton_3d,
        label=int(bool(gait.events)),
        events=list(gait.events),
        instability=instability_curve(gait.events, times),
        subject_id=subject.subject_id,
        clip_id=walk_id,
    )


def _events_in(events: Sequence[InstabilityEvent], t0: float, t1: float) -> tuple[list, list]:
    """Events that count for [t0, t1) and fragments that do not, cut and in clip time."""
    counted, partial = [], []
    for e in events:
        if e.overlap_s(t0, t1) <= 0:
            continue
        cut = replace(e, start_s=max(e.start_s, t0) - t0, end_s=min(e.end_s, t1) - t0)
        (counted if counts_for_interval(e, t0, t1) else partial).append(cut)
    return counted, partial


def _slice(seq: SkeletonSequence, a: int, b: int, meta: dict[str, Any], source: str) -> SkeletonSequence:
    return SkeletonSequence(
        joints=seq.joints[a:b].copy(),
        confidence=seq.confidence[a:b].copy(),
        timestamps=seq.timestamps[a:b] - seq.timestamps[a],
        layout=seq.layout,
        fps=seq.fps,
        present=seq.present[a:b].copy(),
        interpolated=seq.interpolated[a:b].copy(),
        frame_indices=np.arange(b - a, dtype=np.int64),
        image_size=seq.image_size,
        source=source,
        meta=meta,
    )


def cut_clips(walk: SynthClip, clip_s: float = CLIP_S) -> list[SynthClip]:
    """Consecutive ``clip_s`` clips of a walk, labelled by the rule in the module notes."""
    fps = walk.fps
    m = int(round(clip_s * fps))
    if m < 1:
        raise ValueError("clip_s is shorter than one frame")
    clips = []
    for i in range(walk.num_frames // m):
        a, b = i * m, (i + 1) * m
        t0 = float(walk.skeleton.timestamps[a])
        t1 = t0 + m / fps
        counted, partial = _events_in(walk.events, t0, t1)
        walk_micro = [InstabilityEvent.from_dict(d) for d in walk.skeleton.meta.get("micro_adjustments", [])]
        micro = [e for group in _events_in(walk_micro, t0, t1) for e in group]
        clip_id = f"{walk.clip_id}-c{i:02d}"
        meta = _json(walk.skeleton.meta)
        meta.update(
            clip_id=clip_id,
            label=int(bool(counted)),
            events=[e.to_dict() for e in counted],
            partial_events=[e.to_dict() for e in partial],
            micro_adjustments=[e.to_dict() for e in micro],
            walk_start_s=round(t0 + float(walk.skeleton.meta.get("walk_start_s", 0.0)), 6),
            walk_frame_offset=a + int(walk.skeleton.meta.get("walk_frame_offset", 0)),
            clip_index=i,
        )
        meta3d = _json(walk.skeleton_3d.meta)
        meta3d.update({k: v for k, v in meta.items() if k not in ("detector", "camera")})
        meta3d["footfalls"] = [
            [round(f[0] - t0, 4), round(f[1] - t0, 4), *f[2:]]
            for f in walk.skeleton_3d.meta.get("footfalls", [])
            if t0 <= f[1] < t1
        ]
        clips.append(
            SynthClip(
                skeleton=_slice(walk.skeleton, a, b, meta, f"synthetic:{clip_id}"),
                skeleton_3d=_slice(walk.skeleton_3d, a, b, meta3d, f"synthetic:{clip_id}"),
                label=int(bool(counted)),
                events=counted,
                instability=walk.instability[a:b].copy(),
                subject_id=walk.subject_id,
                clip_id=clip_id,
            )
        )
    return clips


def subject_propensities(n: int, unstable_share: float, rng: np.random.Generator, concentration: float = 1.2) -> np.ndarray:
    """Per-subject chance that a clip is unstable: stratified draws from a
    U-shaped Beta with mean ``unstable_share`` (many mostly-stable subjects,
    some mostly-unstable ones)."""
    if not 0.0 <= unstable_share <= 1.0:
        raise ValueError("unstable_share must lie in [0, 1]")
    if unstable_share in (0.0, 1.0):
        return np.full(n, unstable_share)
    u = (rng.permutation(n) + rng.random(n)) / n
    return betaincinv(unstable_share * concentration, (1.0 - unstable_share) * concentration, u)


def _match_share(prop: np.ndarray, weights: np.ndarray, share: float) -> np.ndarray:
    """Scale propensities (clipped to [0, 1]) so their ``weights``-weighted mean is ``share``."""
    if weights.sum() <= 0 or share in (0.0, 1.0) or prop.sum() <= 0:
        return prop
    lo, hi = 0.0, 1.0 / max(float(prop[prop > 0].min()), 1e-6)
    for _ in range(50):
        c = 0.5 * (lo + hi)
        if np.average(np.minimum(prop * c, 1.0), weights=weights) < share:
            lo = c
        else:
            hi = c
    return np.minimum(prop * 0.5 * (lo + hi), 1.0)


def generate_dataset(
    n_subjects: int,
    *,
    seed: int,
    walks_per_subject: int = 1,
    unstable_share: float = 0.35,
    fps: float = DEFAULT_FPS,
    clip_s: float = CLIP_S,
) -> list[SynthClip]:
    """Clips of ``n_subjects`` synthetic subjects, about ``unstable_share`` unstable.

    Every subject gets a propensity (share of their clips that are unstable) from
    a U-shaped distribution, rescaled so that the clip-weighted share matches
    ``unstable_share`` (frail subjects walk slower, so they give more clips).
    Each subject's unstable 3-s slots (propensity × slots, stochastically
    rounded) get one, sometimes two, events placed inside them. Same arguments,
    same clips.
    """
    seeds = np.random.SeedSequence(seed).spawn(n_subjects + 1)
    prop = subject_propensities(n_subjects, unstable_share, np.random.default_rng(seeds[0]))
    m = int(round(clip_s * fps))
    rngs = [np.random.default_rng(ss) for ss in seeds[1:]]
    subjects, plans = [], []
    for i, rng in enumerate(rngs):
        frailty = float(np.clip(0.2 + 0.6 * prop[i] + rng.normal(0.0, 0.15), 0.0, 1.0))
        subject = generate_subject(rng, subject_id=f"syn{seed}-{i:04d}", frailty=frailty)
        durations = [
            float(np.clip(rng.uniform(*WALK_DISTANCE_M) / subject.speed_mps, *WALK_DURATION_S))
            for _ in range(walks_per_subject)
        ]
        subjects.append(subject)
        plans.append(durations)
    slots = np.array([sum(int(round(d * fps)) // m for d in plan) for plan in plans], dtype=np.float64)
    prop = _match_share(prop, slots, unstable_share)

    clips: list[SynthClip] = []
    for i, (rng, subject, plan) in enumerate(zip(rngs, subjects, plans)):
        p = float(prop[i])
        n_slots = [int(round(d * fps)) // m for d in plan]
        total = sum(n_slots)
        n_unstable = int(np.floor(p * total + rng.random()))
        chosen = set(rng.choice(total, size=min(n_unstable, total), replace=False).tolist()) if total else set()
        offset = 0
        for w, duration in enumerate(plan):
            events: list[InstabilityEvent] = []
            for j in range(n_slots[w]):
                if offset + j not in chosen:
                    continue
                window = (j * m / fps, (j + 1) * m / fps)
                first = draw_event(rng, window)
                if first is None:
                    continue
                events.append(first)
                if rng.random() < 0.25:
                    second = draw_event(rng, window, exclude=[first.kind])
                    if second is not None:
                        events.append(second)
            offset += n_slots[w]
            walk = generate_walk(
                subject,
                duration_s=duration,
                fps=fps,
                unstable_events=events,
                rng=rng,
                walk_id=f"{subject.subject_id}-w{w}",
            )
            for clip in cut_clips(walk, clip_s):
                for seq in (clip.skeleton, clip.skeleton_3d):
                    seq.meta.update(dataset_seed=int(seed), subject_propensity=round(p, 4))
                clips.append(clip)
    return clips
