"""The published path end to end, and lifting a subset of frames, for ``lifting_throughput.py``.

Both networks have RANDOM weights (published sizes: PoseFormerV2 27_243_45.2 and the
NTU-configuration SkateFormer saved as a bare state_dict, as the published checkpoint
is) unless real files are given (``--model``, ``--lifter``): the times are those of the
real path; with random weights the agreement figures only say how far interpolating
the lifter's output moves a random network's window probabilities.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import torch

from gaitscreen.core.fileio import sha256_file
from gaitscreen.core.lifting import lift_skeleton
from gaitscreen.core.lifting.path import published_model_input
from gaitscreen.core.model import SkateFormer, SkateFormerConfig
from gaitscreen.core.model.runtime import classify_skeleton, open_classifier
from gaitscreen.core.pose import YoloPose
from gaitscreen.core.screen import screen_video
from gaitscreen.core.video import probe
from gaitscreen.synth import generate_dataset

SYNTHETIC_WALKS = 4


def measure_end_to_end(video: Path, folder: Path, lifters: dict, everies: list[int], *,
                       model: Path | None = None, lifter: Path | None = None) -> str:
    """Markdown: the end-to-end table, then the lift-every table (``model``, ``lifter``: real
    files instead of the random-weight ones)."""
    if lifter is not None:
        from gaitscreen.core.lifting.path import open_lifter

        lifters = {f"{lifter.name} ({'ONNX Runtime' if lifter.suffix == '.onnx' else 'PyTorch'} CPU)":
                   open_lifter(lifter, device="cpu")}
    model_path = model
    if model_path is None:
        torch.manual_seed(1)
        model_path = folder / "published_checkpoint.pt"
        torch.save(SkateFormer(SkateFormerConfig.ntu_sarcopenia()).state_dict(), model_path)
    weights = "weights of the files given" if model is not None and lifter is not None else "random weights"
    classifier = open_classifier(model_path, runtime="torch", device="cpu")
    backend = YoloPose(device="cpu")
    info = probe(video)
    cpu = {name: lifter for name, lifter in lifters.items() if "CUDA" not in name}
    screen_video(video, classifier=classifier, pose_backend=backend, lifter=next(iter(cpu.values())),
                 device="cpu")  # warm-up: first-call costs of the pose model and the classifier
    lines = [f"End to end (`screen_video`, {getattr(next(iter(cpu.values())), 'name', '?')} lifter + "
             f"{classifier.card.name} ({weights}; model sha256 {classifier.sha256[:12]}), pose on the CPU) on {video.name} ({info.duration_s:.2f} s, {info.fps:g} fps, sha256 {sha256_file(video)[:12]}), "
             "after one warm-up run:", "",
             "| lifter runtime | pose s | lift s | classify s | total s | total / duration |", "|---|---:|---:|---:|---:|---:|"]
    skeleton = None
    for name, lifter in cpu.items():
        t = time.perf_counter()
        screening = screen_video(video, classifier=classifier, pose_backend=backend, lifter=lifter, device="cpu")
        total = time.perf_counter() - t
        sec = screening.seconds
        skeleton = screening.pose.skeleton
        lines.append(f"| {name} | {sec.get('pose', 0):.1f} | {sec.get('lift', 0):.1f} | {sec.get('classify', 0):.1f} "
                     f"| {total:.1f} | {total / info.duration_s:.2f}× |")
    fastest = cpu.get("ONNX Runtime CPU") or next(iter(cpu.values()))
    lines[0] = lines[0].replace("lifter + ", f"lifter (sha256 {fastest.sha256[:12]}) + ")
    walks = [skeleton] + [clip.skeleton for clip in generate_dataset(SYNTHETIC_WALKS, seed=5)]
    lines += ["", f"Lifting every N-th frame and interpolating ({fastest.runtime} lifter), against the full lift, "
              f"on the sample's pose skeleton and {SYNTHETIC_WALKS} synthetic walks "
              f"({sum(w.num_frames for w in walks)} frames):", "",
              "| N | lift s | × faster | MPJPE vs full (mm) | max abs ΔP | windows | same call |",
              "|---|---:|---:|---:|---:|---:|---:|"]
    full_s, full_p, full_joints = _lift_all(walks, fastest, classifier, 1)
    lines.append(f"| 1 (full) | {full_s:.1f} | 1.0× | 0 | 0 | {len(full_p)} | — |")
    for every in everies:
        s, p, joints = _lift_all(walks, fastest, classifier, every)
        mpjpe = np.nanmean(np.linalg.norm(joints - full_joints, axis=-1)) * 1000
        same = np.mean((p > classifier.card.threshold) == (full_p > classifier.card.threshold)) if len(p) else float("nan")
        lines.append(f"| {every} | {s:.1f} | {full_s / s:.1f}× | {mpjpe:.1f} | {np.max(np.abs(p - full_p)):.4f} "
                     f"| {len(p)} | {same:.0%} |")
    return "\n".join(lines)


def _lift_all(walks: list, lifter, classifier, every: int) -> tuple[float, np.ndarray, np.ndarray]:
    """Seconds lifting all walks, their window probabilities, and all lifted joints stacked."""
    seconds, probabilities, joints = 0.0, [], []
    for walk in walks:
        t = time.perf_counter()
        world = lift_skeleton(walk, lifter, every=every)
        seconds += time.perf_counter() - t
        joints.append(world.joints)
        probabilities.append(classify_skeleton(classifier, published_model_input(world)).p_unstable)
    return seconds, np.concatenate(probabilities), np.concatenate(joints)
