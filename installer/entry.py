"""Entry point of the frozen build: the ``gaitscreen`` command (no arguments: the window)."""

from __future__ import annotations

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # worker processes of a frozen build re-enter here
    from gaitscreen.cli import main

    sys.exit(main())
