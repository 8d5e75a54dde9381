"""3-D lifting throughput: the published-size PoseFormerV2 and our bundled lifter, PyTorch and ONNX Runtime, in one run.

Measures video frames per second of :func:`lift_sequence` (the seed's path: one
81-frame window and its mirror per frame, flip average, world axes) for the
published 27_243_45.2.bin configuration with RANDOM weights (speed does not depend
on the weights) and for our bundled ``models/gaitscreen-lifter-synthetic.pt`` (its
trained weights and its ONNX export), on the CPU and, when CUDA is usable, on the
GPU. Cells are measured in interleaved rounds and the median is reported. ``× real
time`` is the time a 30 fps video of the same length lasts divided by the time
lifting it took; ``lift time / video`` is its inverse (the issue's target for our
lifter on a 2-core CPU: ≤ 0.1).

In the same run (:mod:`lifting_end_to_end`): the published path end to end
(``screen_video`` with that lifter and the published-size NTU SkateFormer, random
weights) on the shared sample video, as a ratio to the video's duration, and
lifting every N-th frame with the rest interpolated, against the full lift.

    python benchmarks/lifting_throughput.py [--frames N] [--rounds R] [--batch B] [--video FILE]
        [--every N ...] [--model published_checkpoint.pt --lifter 27_243_45.2.bin]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import onnxruntime as ort  # noqa: E402
import torch  # noqa: E402

from gaitscreen.core.lifting import (  # noqa: E402
    OnnxLifter,
    PoseFormerV2Config,
    TorchLifter,
    export_lifter_onnx,
    lift_sequence,
    load_lifter,
)
from gaitscreen.core.lifting.poseformer import PoseFormerV2  # noqa: E402
from classifier_throughput import cpu_name  # noqa: E402
from lifting_end_to_end import measure_end_to_end  # noqa: E402

SIZE = (1080, 1920)
BUNDLED = ROOT / "models" / "gaitscreen-lifter-synthetic.pt"


def walk(frames: int) -> np.ndarray:
    rng = np.random.default_rng(0)
    base = rng.uniform([300, 400], [800, 1600], size=(17, 2))
    t = np.arange(frames)[:, None, None]
    return base + 40 * np.sin(0.1 * t + np.arange(17)[None, :, None])


def frames_per_second(lifter, pixels: np.ndarray, batch: int) -> float:
    start = time.perf_counter()
    lift_sequence(pixels, lifter, frame_size=SIZE, batch_size=batch)
    return len(pixels) / (time.perf_counter() - start)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=64, help="video frames lifted per cell and round (default 64)")
    parser.add_argument("--ours-frames", type=int, default=450,
                        help="video frames our (fast) lifter lifts per cell and round (default 450, a 15-s walk)")
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds (default 2)")
    parser.add_argument("--batch", type=int, default=32, help="frames per lifter call (default 32)")
    parser.add_argument("--video", type=Path, default=ROOT / "tests" / "data" / "walk_frontal_bystander.mp4",
                        help="video of the end-to-end measurement (default: the shared sample)")
    parser.add_argument("--every", type=int, nargs="+", default=[2, 3, 5], metavar="N",
                        help="lift every N-th frame and interpolate, compared with the full lift (default 2 3 5)")
    parser.add_argument("--model", type=Path, help="end to end with this stability model (e.g. the published "
                        "checkpoint) instead of random weights")
    parser.add_argument("--lifter", type=Path, help="end to end with this lifter file (e.g. 27_243_45.2.bin) "
                        "instead of random weights")
    args = parser.parse_args()

    load = os.getloadavg()[0]
    pixels = walk(args.frames)
    ours_pixels = walk(args.ours_frames)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random_27_243.bin"
        torch.manual_seed(0)
        net = PoseFormerV2(PoseFormerV2Config.published())
        torch.save({"model_pos": {"module." + k: v for k, v in net.state_dict().items()}}, path)
        loaded = load_lifter(path)
        t0 = time.perf_counter()
        onnx_file = export_lifter_onnx(loaded, Path(folder) / "random_27_243.onnx", frames=81)
        export_s = time.perf_counter() - t0
        lifters = {"PyTorch CPU": TorchLifter(loaded), "ONNX Runtime CPU": OnnxLifter(onnx_file, device="cpu")}
        ours = {}
        if BUNDLED.is_file():
            ours = {"ours, PyTorch CPU": TorchLifter(load_lifter(BUNDLED)),
                    "ours, ONNX Runtime CPU": OnnxLifter(BUNDLED.with_suffix(".onnx"), device="cpu")}
        if torch.cuda.is_available():
            lifters["PyTorch CUDA"] = TorchLifter(load_lifter(path, device="cuda"))
            gpu_onnx = OnnxLifter(onnx_file, device="cuda")
            if gpu_onnx.device == "cuda":
                lifters["ONNX Runtime CUDA"] = gpu_onnx
            if ours:
                ours["ours, PyTorch CUDA"] = TorchLifter(load_lifter(BUNDLED, device="cuda"))
                gpu_ours = OnnxLifter(BUNDLED.with_suffix(".onnx"), device="cuda")
                if gpu_ours.device == "cuda":
                    ours["ours, ONNX Runtime CUDA"] = gpu_ours
        short = pixels[:8]
        reference = lift_sequence(short, lifters["PyTorch CPU"], frame_size=SIZE)
        deltas = {name: float(np.abs(lift_sequence(short, lifter, frame_size=SIZE) - reference).max())
                  for name, lifter in lifters.items()}
        if ours:
            ours_ref = lift_sequence(short, ours["ours, PyTorch CPU"], frame_size=SIZE)
            deltas.update({name: float(np.abs(lift_sequence(short, lifter, frame_size=SIZE) - ours_ref).max())
                           for name, lifter in ours.items()})
        lifters.update(ours)
        results: dict[str, list[float]] = {name: [] for name in lifters}
        for _ in range(args.rounds):
            for name, lifter in lifters.items():
                cell = ours_pixels if name.startswith("ours") else pixels
                results[name].append(frames_per_second(lifter, cell, args.batch))
        load_mid = os.getloadavg()[0]
        end_to_end = measure_end_to_end(args.video, Path(folder), lifters, args.every, model=args.model,
                                        lifter=args.lifter)
    load_end = os.getloadavg()[0]

    params = sum(p.numel() for p in net.parameters()) / 1e6
    print(f"Lifting throughput: PoseFormerV2 published configuration ({params:.2f} M parameters, 81-frame "
          "windows, flip-averaged) with RANDOM weights (speed only).")
    print(f"CPU: {cpu_name()}, {os.cpu_count()} logical cores; load average {load:.2f} at start, {load_mid:.2f} "
          f"after the throughput cells, {load_end:.2f} at end; torch {torch.__version__} ({torch.get_num_threads()} threads), onnxruntime {ort.__version__}; "
          f"GPU: {torch.cuda.get_device_name(0) if torch.cuda.is_available() else 'none'}.")
    print(f"ONNX export (opset 17, dynamic batch) took {export_s:.1f} s including its check; "
          f"{args.frames} frames per cell ({args.ours_frames} for ours), batch {args.batch}, median of {args.rounds} rounds.")
    if ours:
        n_ours = sum(p.numel() for p in ours["ours, PyTorch CPU"].loaded.model.parameters()) / 1e6
        print(f"Ours: {BUNDLED.name} ({n_ours:.2f} M parameters, sha256 "
              f"{ours['ours, PyTorch CPU'].sha256[:12]}), trained weights; its Δ is against its own PyTorch CPU run.")
    else:
        print(f"Ours: {BUNDLED.relative_to(ROOT)} not found, rows left out.")
    print()
    print("| lifter, runtime | frames/s | × real time (30 fps) | lift time / video duration | "
          "max abs Δ vs PyTorch CPU (8 frames) |")
    print("|---|---:|---:|---:|---:|")
    for name, rates in results.items():
        median = float(np.median(rates))
        label = name if name.startswith("ours") else f"published size, {name}"
        print(f"| {label} | {median:.1f} ({min(rates):.1f}–{max(rates):.1f}) | {median / 30:.2f}× | "
              f"{30 / median:.3f} | {deltas[name]:.1e} |")
    print()
    print(end_to_end)
    return 0


if __name__ == "__main__":
    sys.exit(main())
