"""The study's instance lock: one process writes to a study at a time.

The lock is an OS advisory lock on ``<study>/.lock`` (``fcntl.flock`` on POSIX,
``msvcrt.locking`` on Windows), so it disappears with the process that held it:
a killed GaitScreen leaves a ``.lock`` file behind but never a stale lock. The
file's text names the host and process id of the holder, for the message the
next instance shows.

The lock belongs to the process: several writable ``Study`` handles in one
process (the main window's and the engine worker's) share it through a
reference-counted registry.
"""

from __future__ import annotations

import os
import socket
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from .errors import StudyError, StudyLockedError

LOCK_NAME = ".lock"
_WIN_LOCK_OFFSET = 1 << 20  # Windows locks a byte range: lock one byte far past the text


@dataclass
class _Held:
    fd: int
    count: int


_registry: dict[str, _Held] = {}
_registry_guard = threading.Lock()


def _key(folder: Path) -> str:
    return os.path.normcase(str(folder.resolve()))


def acquire(folder: Path) -> bool:
    """Take (or share, within this process) the lock of ``folder``.

    Returns True when this call took the lock for the process (no other handle
    in this process had it), False when it joined an existing hold.
    StudyLockedError when another process holds it; StudyError when the folder
    cannot be written.
    """
    key = _key(folder)
    with _registry_guard:
        held = _registry.get(key)
        if held is not None:
            held.count += 1
            return False
        fd = _open_lock_file(folder / LOCK_NAME)
        try:
            if not _try_lock(fd):
                holder = _read_holder(fd)
                raise StudyLockedError(
                    f"The study {folder} is open for writing in another GaitScreen ({holder}). "
                    "Close it there, or open the study read-only."
                )
            _write_holder(fd)
        except BaseException:
            os.close(fd)
            raise
        _registry[key] = _Held(fd, 1)
        return True


def release(folder: Path) -> None:
    """Give back one hold; the OS lock is released with the last one."""
    key = _key(folder)
    with _registry_guard:
        held = _registry.get(key)
        if held is None:
            return
        held.count -= 1
        if held.count > 0:
            return
        del _registry[key]
        try:
            _unlock(held.fd)
        finally:
            os.close(held.fd)


def held_here(folder: Path) -> bool:
    """Whether this process holds the lock of ``folder``."""
    with _registry_guard:
        return _key(folder) in _registry


def _open_lock_file(path: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except PermissionError:
        raise StudyError(
            f"Cannot write to the study folder {path.parent}: permission denied. "
            "Open it read-only or choose a folder you can write to."
        ) from None
    except OSError as exc:
        raise StudyError(f"Cannot create the lock file in {path.parent}: {exc.strerror or exc}.") from None


def _holder_text() -> str:
    return f"host {socket.gethostname()}, process {os.getpid()}"


def _write_holder(fd: int) -> None:
    data = _holder_text().encode("utf-8")
    os.lseek(fd, 0, os.SEEK_SET)
    os.ftruncate(fd, 0)
    os.write(fd, data)
    os.lseek(fd, 0, os.SEEK_SET)


def _read_holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 400).decode("utf-8", "replace").strip()
    except OSError:
        text = ""
    return text or "unknown host and process"


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        finally:
            os.lseek(fd, 0, os.SEEK_SET)
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError as exc:
            raise StudyError(f"Cannot lock the study: {exc.strerror or exc}.") from None
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
