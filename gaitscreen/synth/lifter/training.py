"""Training a small PoseFormerV2 of our own on synthetic walks, and scoring it on held-out subjects.

The published lifter is trained on Human3.6M (non-commercial research only) and
is slow on a CPU; ours is small enough for a laptop and trained only on
GaitScreen's synthetic skeletons (``gaitscreen.synth``), so it ships with the
application. The data are described in :mod:`.synthetic`: detector-like 2-D
input through the seed's conversion, exact camera-axes 3-D targets with the
pelvis at 0. Training minimises MPJPE (mean joint distance, metres) with AdamW
and a cosine learning-rate decay; half the windows of every batch are mirrored
(x negated, left and right swapped), as the lifting stage averages each window
with its mirror. The score (:func:`evaluate_lifter`) runs the real lifting stage
(:func:`~gaitscreen.core.lifting.lift_camera`, flip-averaged, every frame) on
walks of subjects never seen in training.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import SynthClip
from ...core.callbacks import CancelFn, ProgressFn, check_cancel
from ...core.lifting.config import BUNDLED_CONFIG, LifterTrainConfig
from ...core.lifting.metrics import mpjpe, p_mpjpe
from ...core.lifting.published import lift_camera
from .synthetic import camera_targets, lifter_pixels, lifting_set, synthetic_walks

__all__ = ["BUNDLED_CONFIG", "LifterTrainConfig", "ModelLifter", "TrainedLifter", "evaluate_lifter", "train_lifter"]

class ModelLifter:
    """An in-memory PoseFormerV2 as a :class:`~gaitscreen.core.lifting.Lifter` (for scoring before saving)."""

    runtime = "torch"
    device = "cpu"

    def __init__(self, model: Any, name: str = "training", sha256: str = "") -> None:
        self.model, self.name, self.sha256 = model, name, sha256

    def predict(self, x: np.ndarray) -> np.ndarray:
        import torch

        self.model.eval()
        with torch.inference_mode():
            return self.model(torch.from_numpy(np.ascontiguousarray(x, dtype=np.float32)))[:, 0].numpy()


@dataclass
class TrainedLifter:
    """A trained model, its held-out scores and how it was made."""

    model: Any  # PoseFormerV2, eval mode, CPU
    config: LifterTrainConfig
    metrics: dict[str, Any]
    history: list[dict[str, float]]
    training_frames: int
    training_subjects: int
    seconds: float


def evaluate_lifter(lifter: Any, walks: Sequence[SynthClip], *, receptive_field: int,
                    mean_pose: np.ndarray | None = None, should_cancel: CancelFn | None = None) -> dict[str, Any]:
    """MPJPE and P-MPJPE (mm) of the flip-averaged lifting stage on every frame of ``walks``.

    ``mean_pose`` (camera axes, pelvis 0) adds the error of answering that one pose
    for every frame: the floor a lifter that learnt nothing from its input would reach.
    """
    preds, targets = [], []
    for walk in walks:
        check_cancel(should_cancel)
        preds.append(lift_camera(lifter_pixels(walk), lifter, frame_size=walk.skeleton.image_size,
                                 receptive_field=receptive_field))
        targets.append(camera_targets(walk))
    pred, target = np.concatenate(preds), np.concatenate(targets)
    out: dict[str, Any] = {
        "held_out_subjects": len(walks),
        "frames": int(pred.shape[0]),
        "mpjpe_mm": round(1000.0 * mpjpe(pred, target), 2),
        "p_mpjpe_mm": round(1000.0 * p_mpjpe(pred, target), 2),
        "per_joint_mpjpe_mm": [round(1000.0 * float(v), 1) for v in
                               np.linalg.norm((pred - pred[:, :1]) - target, axis=-1).mean(axis=0)],
    }
    if mean_pose is not None:
        out["mean_pose_mpjpe_mm"] = round(1000.0 * mpjpe(np.broadcast_to(mean_pose, target.shape), target), 2)
    return out


def _lr(step: int, total: int, peak: float) -> float:
    """Linear warm-up over the first 3 % of steps, then cosine decay to 2 % of the peak."""
    warm = max(1, int(0.03 * total))
    if step < warm:
        return peak * (step + 1) / warm
    u = (step - warm) / max(1, total - warm)
    return peak * (0.02 + 0.98 * 0.5 * (1.0 + math.cos(math.pi * u)))


def train_lifter(config: LifterTrainConfig, *, log: Callable[[str], None] | None = None,
                 progress: ProgressFn | None = None, should_cancel: CancelFn | None = None) -> TrainedLifter:
    """Generate the walks, train the lifter, score it on held-out subjects (see the module notes)."""
    import torch

    from ...core.lifting.poseformer import PoseFormerV2

    if config.subjects < 1 or config.test_subjects < 1 or config.epochs < 1 or config.frame_stride < 1:
        raise ValueError("subjects, test_subjects, epochs and frame_stride must be positive")
    say = log or (lambda message: None)
    started = time.perf_counter()
    field_ = config.model.receptive_field
    train_walks = synthetic_walks(config.subjects, seed=config.seed, split="train", should_cancel=should_cancel)
    test_walks = synthetic_walks(config.test_subjects, seed=config.seed, split="test", should_cancel=should_cancel)
    data = lifting_set(train_walks, field_, progress=progress, should_cancel=should_cancel)
    say(f"Data: {len(data)} frames of {config.subjects} synthetic subjects; "
        f"{config.test_subjects} other subjects held out")

    torch.manual_seed(config.seed)
    rng = np.random.default_rng(config.seed)
    model = PoseFormerV2(config.model)
    optimiser = torch.optim.AdamW(model.parameters(), lr=config.lr, weight_decay=config.weight_decay)
    walk_of = np.repeat(np.arange(len(train_walks)), [w.num_frames for w in train_walks])
    frame_in_walk = np.concatenate([np.arange(w.num_frames) for w in train_walks])
    per_epoch = int(np.ceil(len(data) / config.frame_stride))
    steps_per_epoch = int(np.ceil(per_epoch / config.batch_size))
    total = steps_per_epoch * config.epochs
    history, step = [], 0
    for epoch in range(config.epochs):
        phase = rng.integers(0, config.frame_stride, size=len(train_walks))[walk_of]
        chosen = np.flatnonzero((frame_in_walk + phase) % config.frame_stride == 0)
        order = rng.permutation(chosen)
        model.train()
        losses = []
        for start in range(0, len(order), config.batch_size):
            check_cancel(should_cancel)
            index = order[start: start + config.batch_size]
            x, y = data.batch(index, flip=rng.random(len(index)) < 0.5)
            for group in optimiser.param_groups:
                group["lr"] = _lr(step, total, config.lr)
            pred = model(torch.from_numpy(x))[:, 0]
            loss = torch.linalg.vector_norm(pred - torch.from_numpy(y), dim=-1).mean()
            optimiser.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            losses.append(float(loss.detach()))
            step += 1
            if progress is not None:
                progress(step, total, f"Training the lifter (epoch {epoch + 1}/{config.epochs})")
        history.append({"epoch": epoch + 1, "train_mpjpe_mm": round(1000.0 * float(np.mean(losses)), 2)})
        say(f"epoch {epoch + 1}/{config.epochs}: training MPJPE {history[-1]['train_mpjpe_mm']:.1f} mm "
            f"({step} steps, {time.perf_counter() - started:.0f} s)")
    model.eval()
    mean_pose = data.targets.mean(axis=0)
    metrics = evaluate_lifter(ModelLifter(model), test_walks, receptive_field=field_, mean_pose=mean_pose,
                              should_cancel=should_cancel)
    say(f"held out ({config.test_subjects} subjects, {metrics['frames']} frames): MPJPE {metrics['mpjpe_mm']:.1f} mm, "
        f"P-MPJPE {metrics['p_mpjpe_mm']:.1f} mm (mean pose: {metrics['mean_pose_mpjpe_mm']:.1f} mm)")
    return TrainedLifter(model=model, config=config, metrics=metrics, history=history, training_frames=len(data),
                         training_subjects=config.subjects, seconds=time.perf_counter() - started)
