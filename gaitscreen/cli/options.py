"""The command line's shared set-up: each option several commands take is declared here once.

A command module declares its parser with :func:`new_command` and adds only what is its own;
the options it shares with other commands come from the ``add_*`` functions below, so a name,
a default or a help text cannot drift apart between commands. Output commands (those that
write a report: ``analyze``, ``batch``, ``assess``, ``visit-report``) all call
:func:`add_output_options`: an option every one of them takes is one line there.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path
from ..core.i18n import _

#: Protocols ``analyze`` takes; ``batch`` screens the two walks (video only).
TESTS = ("tandem-walk", "usual-walk", "chair-stand", "balance")
WALK_TESTS = TESTS[:2]


def new_command(subparsers: argparse._SubParsersAction, name: str, run: Callable[[argparse.Namespace], int], *,
                help: str, description: str) -> argparse.ArgumentParser:  # noqa: A002 - argparse's own word
    """The subcommand ``name``, which runs ``run(args)``."""
    p = subparsers.add_parser(name, help=help, description=description)
    p.set_defaults(func=run)
    return p


def add_common_options(parser: argparse.ArgumentParser) -> None:
    """``-q``: every command but ``gui`` reports its progress on stderr unless told not to."""
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress output")


def add_device_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto",
                        help="where the networks run (default auto: the GPU when there is one)")


def add_model_options(parser: argparse.ArgumentParser, *, runtime: bool = False) -> None:
    """``--model`` (the stability classifier) and, with ``runtime``, how it runs (``--runtime``)."""
    parser.add_argument("--model", type=Path, metavar="PATH",
                        help="stability model (.pt with its card); default: the stability model in models/")
    if runtime:
        parser.add_argument("--runtime", choices=("auto", "onnx", "torch"), default="auto",
                            help="classifier runtime (default: the model's ONNX export when it matches, "
                                 "else PyTorch)")


def add_lifter_option(parser: argparse.ArgumentParser) -> None:
    """``--lifter``: the 2-D → 3-D lifter a screening uses when the model's card declares 3-D input."""
    parser.add_argument("--lifter", type=Path, metavar="FILE",
                        help="PoseFormerV2 checkpoint lifting 2-D poses to 3-D, for a model whose card declares "
                             "3-D input (e.g. the published 27_243_45.2.bin or its .onnx export); default: the "
                             "models folder's (ignored by 2-D models)")


def add_rate_rule_option(parser: argparse.ArgumentParser) -> None:
    """``--rate-rule``: which windows the instability rate R (and the risk group) counts."""
    parser.add_argument("--rate-rule", choices=("non-overlapping", "all-windows"), default=None,
                        help="windows R counts: non-overlapping 64-frame windows (the study's evaluation "
                             "rule behind its quoted figures; the default) or all stride-8 windows; "
                             "the other rate is reported beside it")


def add_test_options(parser: argparse.ArgumentParser, tests: tuple[str, ...] = TESTS) -> None:
    """``--test`` (the recording's protocol, default tandem-walk), ``--floor-calibration``, ``--course-m``."""
    others = "; chair-stand and balance from the video or a skeleton .npz" if "balance" in tests else ""
    parser.add_argument("--test", choices=tests, default=None,
                        help="the recording's protocol (default tandem-walk); usual-walk needs "
                             f"--floor-calibration for its gait speed{others}")
    parser.add_argument("--floor-calibration", type=Path, metavar="FILE",
                        help="floor calibration JSON (image_points_px, world_points_m): measures the walk in metres")
    parser.add_argument("--course-m", type=float, help="usual-walk course length in metres (4 or 6; default: between "
                        "the floor calibration's start and end lines)")


def add_output_options(parser: argparse.ArgumentParser, *, pdf: str | None = None, json: str | None = None) -> None:
    """The options of every command that writes a report; ``--pdf`` / ``--json`` with their help
    where the command writes one report file of each (``batch`` writes a folder of them).

    An option all report writers take (the report's language, say) goes at the end, one line.
    """
    if pdf is not None:
        parser.add_argument("--pdf", type=Path, metavar="OUT.pdf", help=pdf)
    if json is not None:
        parser.add_argument("--json", type=Path, metavar="OUT.json", help=json)
    parser.add_argument("--lang", metavar="LANG", help="language of the PDF and of the printed result, e.g. en "
                        "or zh-TW (default en); the JSON is the same in every language")


def add_study_option(parser: argparse.ArgumentParser, *, required: bool = False, help: str) -> None:  # noqa: A002
    parser.add_argument("--study", type=Path, metavar="FOLDER", required=required, help=help)


def add_trained_file_options(parser: argparse.ArgumentParser, thing: str) -> None:
    """``--out NAME.pt``, ``--name``, ``--version`` of a command that trains a network (``thing``: what it is)."""
    parser.add_argument("--out", type=Path, required=True, metavar="NAME.pt", help=f"{thing} file to write")
    parser.add_argument("--name", help=f"{thing} name (default: the file name)")
    parser.add_argument("--version", default="0.1.0", help=f"{thing} version (default 0.1.0)")


def trained_file(path: Path) -> Path:
    """``--out`` ending in .pt (appended when missing), its folder checked before the training starts."""
    if path.suffix != ".pt":
        path = path.with_name(path.name + ".pt")
    check_output_folder(path)
    return path


def load_floor_calibration(path: Path | None):
    """``--floor-calibration``'s file read and checked (a bad one fails here, before any work), or None."""
    if path is None:
        return None
    from ..core.calibration import FloorCalibration

    return FloorCalibration.load(path)


def check_output_folder(path: Path, *, unwritable: str | None = None) -> None:
    """Fail before the slow work when ``path`` cannot be written (``unwritable``: the message then)."""
    from ..core.errors import GaitScreenError

    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise GaitScreenError(_('Output folder does not exist: {folder}').format(folder=folder))
    if not os.access(folder, os.W_OK):
        raise GaitScreenError((unwritable or "Output folder is not writable: {folder}").format(folder=folder))


def prepare_output_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents) and prove it takes a file, before any slow work.

    ``os.access`` says yes to root on a read-only mount and cannot see a full quota,
    so the check writes and removes a small temporary file.
    """
    from ..core.errors import GaitScreenError
    from ..core.fileio import temp_beside

    folder = folder if str(folder) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = temp_beside(folder / "write-check")
        probe.unlink()
    except OSError as exc:
        raise GaitScreenError(_('Cannot write into the output folder {folder}: {strerror}. Choose another folder.')
            .format(folder=folder, strerror=exc.strerror or exc)) from None
