"""``gaitscreen export-onnx``: write a classifier's ONNX export for ONNX Runtime."""

from __future__ import annotations

import argparse
import os  # noqa: F401 - tests fake a read-only folder through this module's os.access
from pathlib import Path

from .options import add_common_options, add_model_options, check_output_folder, new_command
from .progress import ProgressBar


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = new_command(subparsers, "export-onnx", run, help="export a stability classifier to ONNX",
                    description="Export the classifier to ONNX (dynamic batch size), check it, and compare "
                    "its probabilities with PyTorch's. Written beside the model, `gaitscreen classify` "
                    "uses it automatically while the model file is unchanged.")
    add_model_options(p)
    p.add_argument("-o", "--output", type=Path, metavar="OUT.onnx",
                   help="output file (default: beside the model, NAME.onnx)")
    add_common_options(p)


def run(args: argparse.Namespace) -> int:
    from ..core.model.checkpoint import load_classifier, resolve_model_path
    from ..core.model.runtime import ONNX_OPSET, export_onnx, onnx_path_for

    model_path = resolve_model_path(args.model)
    output = args.output if args.output is not None else onnx_path_for(model_path)
    if output.suffix.lower() != ".onnx":
        output = output.with_suffix(".onnx")
    check_output_folder(output, unwritable="Cannot write into {folder} (read-only, e.g. the installation folder); "
                                           "pass -o OUT.onnx with a folder you can write to.")
    bar = ProgressBar(enabled=not args.quiet)
    try:
        bar(0, 0, "Loading the classifier")
        loaded = load_classifier(model_path, device="cpu")
        path = export_onnx(loaded, output, progress=bar)
    finally:
        bar.close()
    size_mb = path.stat().st_size / 1e6
    beside = path.resolve() == onnx_path_for(model_path).resolve()
    note = "" if beside else " (not beside the model: `gaitscreen classify` will not pick it up)"
    print(
        f"{loaded.card.name} {loaded.card.version} (sha256 {loaded.sha256[:12]}) → {path} "
        f"({size_mb:.1f} MB, opset {ONNX_OPSET}, matches PyTorch to 1e-4){note}"
    )
    return 0
