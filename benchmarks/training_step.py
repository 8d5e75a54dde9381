"""Training-step time of the stability classifier: float32 against bfloat16 autocast.

Times one optimisation step (forward, cross-entropy, backward, AdamW) of a
SkateFormer on synthetic windows, for ``--precision fp32`` and ``bf16`` of
``gaitscreen train``, in interleaved rounds (median, range), and prints the ratio
in one run. On a CPU bf16 pays off where it has AVX-512 BF16 or AMX; elsewhere
PyTorch emulates it and it can be slower.

    python benchmarks/training_step.py [--architecture compact|ntu] [--persons 1|2]
                                       [--batch 32] [--rounds 3] [--steps 4]
"""

from __future__ import annotations

import argparse
import dataclasses
import platform
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import torch  # noqa: E402

from gaitscreen.core.model import SkateFormer, SkateFormerConfig  # noqa: E402
from gaitscreen.core.model.data import from_synthetic  # noqa: E402
from gaitscreen.core.model.training import autocast_for, resolve_device  # noqa: E402
from gaitscreen.synth import generate_dataset  # noqa: E402


def steps(model, optimiser, x, t, y, precision: str, device: str, n: int) -> list[float]:
    loss_fn = torch.nn.CrossEntropyLoss()
    out = []
    for _ in range(n):
        start = time.perf_counter()
        with autocast_for(device, precision):
            logits = model(x, t)
        loss = loss_fn(logits.float(), y)
        optimiser.zero_grad(set_to_none=True)
        loss.backward()
        optimiser.step()
        if device == "cuda":
            torch.cuda.synchronize()
        out.append(time.perf_counter() - start)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--architecture", choices=("compact", "ntu"), default="compact")
    parser.add_argument("--persons", type=int, choices=(1, 2), default=1)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--steps", type=int, default=4, help="timed steps per precision and round")
    parser.add_argument("--device", choices=("auto", "cpu", "cuda"), default="cpu")
    args = parser.parse_args()

    device = resolve_device(args.device)
    if device == "cpu":
        torch.set_flush_denormal(True)
    data = from_synthetic(generate_dataset(max(4, args.batch // 6), seed=5)).with_persons(args.persons)
    if len(data) < args.batch:
        raise SystemExit(f"only {len(data)} windows were generated; use a smaller --batch")
    x = torch.from_numpy(data.x[:args.batch]).to(device)
    t = torch.from_numpy(data.index_t[:args.batch]).to(device)
    y = torch.from_numpy(data.y[:args.batch]).to(device)
    config = dataclasses.replace(SkateFormerConfig.named(args.architecture), num_people=args.persons)
    runs: dict[str, tuple] = {}
    for precision in ("fp32", "bf16"):
        torch.manual_seed(0)
        model = SkateFormer(config).to(device).train()
        optimiser = torch.optim.AdamW(model.parameters(), lr=1e-4)
        steps(model, optimiser, x, t, y, precision, device, 2)  # warm-up, not timed
        runs[precision] = (model, optimiser, [])
    for _ in range(args.rounds):
        for precision, (model, optimiser, times) in runs.items():
            times.extend(steps(model, optimiser, x, t, y, precision, device, args.steps))

    print(f"{platform.processor() or platform.machine()}, torch {torch.__version__}, {device}, "
          f"{args.architecture} SkateFormer, {args.persons} person slot(s), batch {args.batch}, "
          f"{torch.get_num_threads()} threads, {args.rounds} x {args.steps} steps each")
    print("| precision | seconds per step, median (range) | windows per second |")
    print("|---|---:|---:|")
    medians = {}
    for precision, (_, _, times) in runs.items():
        med = float(np.median(times))
        medians[precision] = med
        print(f"| {precision} | {med:.3f} ({min(times):.3f}–{max(times):.3f}) | {args.batch / med:.1f} |")
    print(f"bf16 / fp32 step time: {medians['bf16'] / medians['fp32']:.2f} "
          f"({medians['fp32'] / medians['bf16']:.2f}x faster)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
