"""Writing files safely and identifying them by content.

Every file GaitScreen writes goes through :func:`atomic_output`: the content is
written to a temporary file in the destination folder and moved over the target
only when complete, so a crash, a full disk or a cancel never leaves a
half-written file (the old file, if any, stays as it was).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def sha256_file(path: str | os.PathLike[str], *, chunk: int = 1 << 20) -> str:
    """Hex sha256 of a file's bytes (OSError for a missing or unreadable file)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def check_format_version(version: Any, newest: int, *, subject: str, kind: str,
                         error: type[Exception], oldest: int = 1) -> int:
    """``version`` when this GaitScreen reads it; else ``error`` with one sentence.

    The one rule for every versioned file and database: an int from ``oldest`` to
    ``newest``; a larger one was written by a newer GaitScreen, so the reader asks
    for an update instead of guessing. ``subject`` starts the sentence ("The model
    card", "walk.npz"); ``kind`` names the format ("skeleton", "card", ...).
    """
    if isinstance(version, bool) or not isinstance(version, int) or version < oldest:
        raise error(f"{subject} has an invalid {kind} format version {version!r}.")
    if version > newest:
        raise error(f"{subject} was written by a newer GaitScreen ({kind} format version {version}; "
                    f"this GaitScreen reads up to {newest}). Please update GaitScreen.")
    return version


def temp_beside(path: str | os.PathLike[str]) -> Path:
    """An empty temporary file in ``path``'s folder (same file system, so renames are atomic)."""
    path = Path(path)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    return Path(name)


def publish(tmp: Path, path: Path) -> None:
    """Flush ``tmp`` to disk and move it over ``path`` with ordinary permissions
    (mkstemp makes files private; an existing file keeps its mode)."""
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
    os.replace(tmp, path)


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path``.

    An exception (or a crash) leaves the old file, or none, and no temporary file.
    """
    path = Path(path)
    tmp = temp_beside(path)
    try:
        yield tmp
        publish(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
