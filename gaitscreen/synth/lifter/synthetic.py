"""Training and test material for a lifter of our own: synthetic walks as (2-D input, 3-D target).

Each synthetic walk (``gaitscreen.synth``) gives what the lifting stage sees and
what it should answer:

* **input**: the detector-like COCO-17 pixels through the seed's COCO → H36M-17
  conversion, screen-normalised (``X / w * 2 − [1, h / w]``) exactly as
  :func:`~gaitscreen.core.lifting.lift_skeleton` prepares a video's skeleton;
* **target**: the exact 3-D H36M-17 joints in the synthetic phone camera's axes
  (x right, y down, z forward, metres), pelvis at 0 — the frame the published
  PoseFormerV2 answers in. :func:`~gaitscreen.core.lifting.seed_world_joints`
  then turns both lifters' answers into the same world frame (z up), so a 3-D
  classifier can take either.

Frames of all walks are kept as one padded array (each walk's edge frame
repeated ``receptive_field // 2`` times at both ends, as the lifting stage
pads), so the window of any frame is a slice and a batch is one gather.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .. import CameraModel, SynthClip, generate_subject, generate_walk
from ..dataset import WALK_DISTANCE_M, WALK_DURATION_S
from ...core.callbacks import CancelFn, ProgressFn, check_cancel
from ...core.skeleton import coco17_to_h36m17_seed
from ...core.lifting.published import mirror, screen_normalise

__all__ = ["LiftingSet", "camera_targets", "lifter_inputs", "lifter_pixels", "lifting_set", "synthetic_walks"]


def lifter_pixels(clip: SynthClip) -> np.ndarray:
    """Seed H36M-17 2-D pixel joints ``(T, 17, 2)`` of a walk, gaps filled, as the lifting stage makes them."""
    joints, _ = coco17_to_h36m17_seed(clip.skeleton.joints, clip.skeleton.confidence)
    joints = np.asarray(joints, dtype=np.float64)
    if not np.isfinite(joints).all():  # only with DetectorModel(nan_dropouts=True): fill as the stage does
        frames = np.arange(joints.shape[0], dtype=np.float64)
        flat = joints.reshape(joints.shape[0], -1)
        for col in range(flat.shape[1]):
            ok = np.isfinite(flat[:, col])
            flat[~ok, col] = np.interp(frames[~ok], frames[ok], flat[ok, col])
        joints = flat.reshape(joints.shape)
    return joints


def lifter_inputs(clip: SynthClip) -> np.ndarray:
    """Screen-normalised seed H36M-17 2-D joints ``(T, 17, 2)`` float32 of a walk, as the stage feeds them."""
    return screen_normalise(lifter_pixels(clip), clip.skeleton.image_size)


def camera_targets(clip: SynthClip) -> np.ndarray:
    """Exact H36M-17 joints ``(T, 17, 3)`` float32 in the walk's camera axes (x right, y down, z forward), pelvis 0."""
    camera = CameraModel.from_dict(clip.skeleton.meta["camera"])
    right, down, forward = camera.axes()
    rel = clip.skeleton_3d.joints.astype(np.float64) - np.array([camera.x_m, camera.height_m, 0.0])
    cam = np.stack([rel @ right, rel @ down, rel @ forward], axis=-1)
    return (cam - cam[:, :1]).astype(np.float32)


def synthetic_walks(n_subjects: int, *, seed: int, split: str = "train",
                    should_cancel: CancelFn | None = None) -> list[SynthClip]:
    """One whole walk per subject (8–15 s towards the camera, 0–2 instability events).

    ``split`` names a separate stream of subjects ("train", "test", ...): the same
    seed with another split never shares a subject.
    """
    stream = int.from_bytes(split.encode()[:8].ljust(8, b"\0"), "little")
    walks = []
    for i, child in enumerate(np.random.SeedSequence([int(seed), stream]).spawn(int(n_subjects))):
        check_cancel(should_cancel)
        rng = np.random.default_rng(child)
        subject = generate_subject(rng, subject_id=f"lift{seed}-{split}-{i:04d}")
        duration = float(np.clip(rng.uniform(*WALK_DISTANCE_M) / subject.speed_mps, *WALK_DURATION_S))
        walks.append(generate_walk(subject, duration_s=duration, unstable_events=int(rng.integers(0, 3)),
                                   rng=rng, walk_id=f"{subject.subject_id}-w0"))
    return walks


@dataclass
class LiftingSet:
    """Padded inputs of many walks, their targets, and where each frame's window starts."""

    padded: np.ndarray  # (P, 17, 2) float32, every walk padded with its edge frames
    targets: np.ndarray  # (N, 17, 3) float32, one per frame
    starts: np.ndarray  # (N,) int64: frame k's window is padded[starts[k] : starts[k] + receptive_field]
    receptive_field: int
    subjects: list[str]

    def __len__(self) -> int:
        return int(self.starts.shape[0])

    def batch(self, index: np.ndarray, *, flip: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Windows ``(B, F, 17, 2)`` and targets ``(B, 17, 3)`` of frames ``index``; ``flip`` mirrors some."""
        offsets = self.starts[index][:, None] + np.arange(self.receptive_field)[None, :]
        x, y = self.padded[offsets], self.targets[index]
        if flip is not None and flip.any():
            x[flip], y[flip] = mirror(x[flip]), mirror(y[flip])
        return x, y


def lifting_set(walks: Sequence[SynthClip], receptive_field: int, *, progress: ProgressFn | None = None,
                should_cancel: CancelFn | None = None) -> LiftingSet:
    """The windows and targets of every frame of ``walks``."""
    pad = receptive_field // 2
    chunks, targets, starts, offset = [], [], [], 0
    for i, walk in enumerate(walks):
        check_cancel(should_cancel)
        x = lifter_inputs(walk)
        chunks.append(np.pad(x, ((pad, pad), (0, 0), (0, 0)), mode="edge"))
        targets.append(camera_targets(walk))
        starts.append(offset + np.arange(x.shape[0]))
        offset += x.shape[0] + 2 * pad
        if progress is not None:
            progress(i + 1, len(walks), "Preparing synthetic walks")
    return LiftingSet(padded=np.concatenate(chunks), targets=np.concatenate(targets),
                      starts=np.concatenate(starts).astype(np.int64), receptive_field=int(receptive_field),
                      subjects=[w.subject_id for w in walks])
