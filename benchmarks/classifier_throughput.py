"""Stability-classifier throughput on the CPU: PyTorch against ONNX Runtime, in one run.

Measures windows per second of :meth:`Classifier.predict_proba` (the path
``gaitscreen classify`` takes: float32 windows in, P(unstable) out) at batch 1 and
batch 32, for the full SkateFormer NTU configuration with RANDOM weights (speed
does not depend on the weights), and prints a Markdown table with the ratio
ONNX Runtime / PyTorch. Both runtimes use their default thread counts; the cells
are measured in interleaved rounds and the median is reported, so that a change
in machine load does not favour one runtime.

    python benchmarks/classifier_throughput.py [--seconds S] [--rounds R] [--threads N]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import onnxruntime as ort  # noqa: E402
import torch  # noqa: E402

from gaitscreen.core.model import SkateFormer, SkateFormerConfig  # noqa: E402
from gaitscreen.core.model.card import ModelCard  # noqa: E402
from gaitscreen.core.model.checkpoint import load_classifier, save_classifier  # noqa: E402
from gaitscreen.core.model.inputs import InputSpec, index_t_for  # noqa: E402
from gaitscreen.core.model.runtime import OnnxClassifier, TorchClassifier, export_onnx  # noqa: E402


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def threads(n: int | None) -> str:
    return "default threads" if not n else f"{n} thread{'s' if n != 1 else ''}"


def windows(n: int, persons: int = 2) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    x = np.zeros((n, 3, 64, 24, persons), dtype=np.float32)
    x[..., 0] = rng.normal(0.0, 0.4, size=(n, 3, 64, 24))
    return x, index_t_for(64, n)


def rate(classifier, batch: int, seconds: float, persons: int = 2) -> float:
    """Windows per second over at least ``seconds`` (at least one call)."""
    x, index_t = windows(batch, persons)
    calls, start = 0, time.perf_counter()
    while True:
        classifier.predict_proba(x, index_t)
        calls += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return calls * batch / elapsed


def measure(classifiers: dict, rounds: int, seconds: float, persons: int = 2) -> dict[tuple[str, int], list[float]]:
    """Interleaved rounds over every (runtime, batch) cell, so load changes hit all cells alike."""
    cells = [(name, batch) for batch in (1, 32) for name in classifiers]
    for name, batch in cells:  # warm-up: first-call allocations and ORT arena growth
        classifiers[name].predict_proba(*windows(batch, persons))
    results: dict[tuple[str, int], list[float]] = {cell: [] for cell in cells}
    for _ in range(rounds):
        for name, batch in cells:
            results[(name, batch)].append(rate(classifiers[name], batch, seconds, persons))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4.0, help="measuring time per cell and round (default 4)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    parser.add_argument("--threads", type=int, help="threads for both runtimes (default: their own)")
    parser.add_argument("--architecture", choices=("ntu", "compact"), default="ntu",
                        help="SkateFormer size: ntu (published, default) or compact (the bundled model's)")
    parser.add_argument("--persons", type=int, choices=(1, 2), default=2,
                        help="person slots of the input: 2 as published (default) or 1 (the bundled model's)")
    args = parser.parse_args()

    if args.threads:
        torch.set_num_threads(args.threads)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    with tempfile.TemporaryDirectory() as folder:
        pt = Path(folder) / f"random-{args.architecture}.pt"
        torch.manual_seed(0)
        config = dataclasses.replace(SkateFormerConfig.named(args.architecture), num_people=args.persons)
        model = SkateFormer(config).eval()
        card = ModelCard(name=f"random-{args.architecture}", version="benchmark", architecture=ModelCard.architecture_of(model.config),
                         input=InputSpec(persons=args.persons), training_data={"description": "random weights", "synthetic": True})
        save_classifier(model, card, pt)
        loaded = load_classifier(pt, device="cpu")
        t0 = time.perf_counter()
        onnx_file = export_onnx(loaded)  # checks agreement with PyTorch to 1e-4
        export_s = time.perf_counter() - t0

        torch_clf = TorchClassifier(loaded)
        onnx_clf = OnnxClassifier(onnx_file, loaded.card, loaded.sha256, device="cpu")
        if args.threads:
            options = ort.SessionOptions()
            options.intra_op_num_threads = args.threads
            onnx_clf.session = ort.InferenceSession(str(onnx_file), options, providers=["CPUExecutionProvider"])
        x, index_t = windows(32, args.persons)
        delta = float(np.abs(torch_clf.predict_proba(x, index_t) - onnx_clf.predict_proba(x, index_t)).max())

        results = measure({"torch": torch_clf, "onnx": onnx_clf}, args.rounds, args.seconds, args.persons)
    load_end = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")

    params = sum(p.numel() for p in model.parameters()) / 1e6
    print(f"Stability classifier throughput on CPU: SkateFormer {args.architecture} configuration, "
          f"{args.persons} person slot{'s' if args.persons > 1 else ''} ({params:.2f} M parameters) "
          "with RANDOM weights (speed only; no trained model involved).")
    print(f"CPU: {cpu_name()}, {os.cpu_count()} logical cores; load average {load:.2f} at start, "
          f"{load_end:.2f} at end; torch {torch.__version__} ({threads(torch.get_num_threads())}), "
          f"onnxruntime {ort.__version__} (CPUExecutionProvider, {threads(args.threads)}); "
          f"Python {platform.python_version()}.")
    print(f"ONNX export (opset 17, dynamic batch) took {export_s:.1f} s including its check; "
          f"max |ΔP(unstable)| ONNX vs torch on 32 windows: {delta:.1e}.")
    print(f"Median of {args.rounds} interleaved rounds of >= {args.seconds:g} s per cell (min–max in brackets).")
    print()
    print("| batch | PyTorch windows/s | ONNX Runtime windows/s | ONNX / PyTorch |")
    print("|------:|------------------:|-----------------------:|---------------:|")
    for batch in (1, 32):
        t, o = results[("torch", batch)], results[("onnx", batch)]
        tm, om = float(np.median(t)), float(np.median(o))
        print(f"| {batch:>5} | {tm:6.2f} ({min(t):.2f}–{max(t):.2f}) | {om:6.2f} ({min(o):.2f}–{max(o):.2f}) "
              f"| {om / tm:.2f}× |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
