"""Options every subcommand shares."""

from __future__ import annotations

import argparse
import os
from pathlib import Path


def add_common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress output")


def check_output_folder(path: Path) -> None:
    """Fail before the slow work when ``path`` cannot be written."""
    from ..core.errors import GaitScreenError

    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise GaitScreenError(f"Output folder does not exist: {folder}")
    if not os.access(folder, os.W_OK):
        raise GaitScreenError(f"Output folder is not writable: {folder}")
