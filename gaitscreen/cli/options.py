"""Options every subcommand shares."""

from __future__ import annotations

import argparse
import os
from pathlib import Path


def add_common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress output")


def add_rate_rule_option(parser: argparse.ArgumentParser) -> None:
    """``--rate-rule``: which windows the instability rate R (and the risk group) counts."""
    parser.add_argument("--rate-rule", choices=("non-overlapping", "all-windows"), default=None,
                        help="windows R counts: non-overlapping 64-frame windows (the study's evaluation "
                             "rule behind its quoted figures; the default) or all stride-8 windows; "
                             "the other rate is reported beside it")


def check_output_folder(path: Path) -> None:
    """Fail before the slow work when ``path`` cannot be written."""
    from ..core.errors import GaitScreenError

    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise GaitScreenError(f"Output folder does not exist: {folder}")
    if not os.access(folder, os.W_OK):
        raise GaitScreenError(f"Output folder is not writable: {folder}")


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
        raise GaitScreenError(f"Cannot write into the output folder {folder}: {exc.strerror or exc}. "
                              "Choose another folder.") from None
