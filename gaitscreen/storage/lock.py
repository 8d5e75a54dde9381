"""The study's writer lock: one process writes to a study at a time.

The lock is an OS advisory lock held for the whole life of the holder, so it
disappears with the process: a killed GaitScreen never leaves a stale lock.

* POSIX: ``flock`` on the **study folder itself** (a directory file
  descriptor). A lock on ``.lock`` alone was not enough: deleting that file let
  a second process create a new file (a new inode) and lock it. The folder
  cannot be deleted casually while it holds the study, and ``flock`` on it does
  not touch ``study.sqlite``, whose byte-range locks SQLite manages (on BSD and
  macOS ``flock`` and ``fcntl`` locks on one file interact, so locking the
  database file itself would fight SQLite there). Where a file system cannot
  lock a directory, the lock falls back to ``flock`` on ``.lock`` (logged).
* Windows: ``msvcrt.locking`` on one byte of ``.lock`` far past its text; an
  open file cannot be deleted there, so deleting ``.lock`` fails while held.

``<study>/.lock`` holds the holder's text (host, process, user, start time) for
the message the next instance shows. It is written and read under a short
"gate" lock on ``.lock`` itself: a process that is refused waits for the gate,
so it never reads the file between the holder taking the lock and writing its
name (the cause of "unknown host and process" when two instances started
together). If ``.lock`` was deleted, Linux's ``/proc/locks`` still names the
holding process.

The lock belongs to the process: several writable ``Study`` handles in one
process (the main window's and the engine worker's) share it through a
reference-counted registry.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .errors import StudyError, StudyLockedError
from ..core.i18n import _

LOCK_NAME = ".lock"
GATE_WAIT_S = 3.0  # the gate is held for microseconds; a longer wait means a hung process
_WIN_LOCK_OFFSET = 1 << 20  # Windows locks a byte range: the writer lock's byte, far past the text
_WIN_GATE_OFFSET = _WIN_LOCK_OFFSET + 1

log = logging.getLogger("gaitscreen.storage")


@dataclass
class _Held:
    fds: list[int]  # what stays open (and locked) while the process holds the study
    count: int


_registry: dict[str, _Held] = {}
_registry_guard = threading.Lock()


def _key(folder: Path) -> str:
    return os.path.normcase(str(folder.resolve()))


def acquire(folder: Path, *, user: str = "") -> bool:
    """Take (or share, within this process) the lock of ``folder``.

    Returns True when this call took the lock for the process (no other handle
    in this process had it), False when it joined an existing hold.
    StudyLockedError (naming the holder) when another process holds it;
    StudyError when the folder cannot be written.
    """
    key = _key(folder)
    with _registry_guard:
        held = _registry.get(key)
        if held is not None:
            held.count += 1
            return False
        info = _open_lock_file(folder / LOCK_NAME)
        fds = [info]
        try:
            gated = _take_gate(info)
            main: Optional[int] = None
            try:
                main = _lock_writer(folder, info)
                if main is None:
                    raise StudyLockedError(
                        _('The study {folder} is open for writing in another GaitScreen ({holder}). Close it there, or open the study read-only.')
                            .format(folder=folder, holder=holder_text(folder, info))
                    )
                _write_holder(info, user)
            finally:
                if gated and not (_GATE_IS_WRITER_LOCK and main is info):
                    _release_gate(info)
            if main is not info:
                fds.append(main)
        except BaseException:
            for fd in fds:
                os.close(fd)
            raise
        _registry[key] = _Held(fds, 1)
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
        for fd in reversed(held.fds):
            _unlock_writer(fd)
            os.close(fd)  # closing the descriptor drops its lock


def held_here(folder: Path) -> bool:
    """Whether this process holds the lock of ``folder``."""
    with _registry_guard:
        return _key(folder) in _registry


def holder(folder: Path) -> str:
    """The holder's text as recorded in ``.lock`` (read under the gate), or what
    ``/proc/locks`` tells; "unknown host and process" when nothing is known."""
    try:
        fd = os.open(folder / LOCK_NAME, os.O_RDONLY)
    except OSError:
        return _proc_locks_holder(folder) or "unknown host and process"
    try:
        gated = _take_gate(fd)
        try:
            return holder_text(folder, fd)
        finally:
            if gated:
                _release_gate(fd)
    finally:
        os.close(fd)


def holder_text(folder: Path, fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 400).decode("utf-8", "replace").strip()
    except OSError:
        text = ""
    if text.startswith("host "):
        return text
    found = _proc_locks_holder(folder)
    if found:
        return f"{found}; its {LOCK_NAME} file was deleted or emptied"
    return "unknown host and process"


def _open_lock_file(path: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except PermissionError:
        raise StudyError(
            _('Cannot write to the study folder {parent}: permission denied. Open it read-only or choose a folder you can write to.')
                .format(parent=path.parent)
        ) from None
    except OSError as exc:
        raise StudyError(_('Cannot create the lock file in {parent}: {strerror}.')
            .format(parent=path.parent, strerror=exc.strerror or exc)) from None


def _holder_line(user: str) -> str:
    since = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
    name = (user or "").strip() or "unknown user"
    return f"host {socket.gethostname()}, process {os.getpid()}, user {name}, since {since}"


def _write_holder(fd: int, user: str) -> None:
    """Under the gate: readers wait for the gate, so they see all of it or the old text."""
    data = _holder_line(user).encode("utf-8")
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        os.ftruncate(fd, 0)
        os.write(fd, data)
        os.lseek(fd, 0, os.SEEK_SET)
    except OSError as exc:  # e.g. a full disk: the lock holds anyway; others learn less about it
        log.warning("could not record the study lock's holder in %s: %s", LOCK_NAME, exc)


def _take_gate(fd: int) -> bool:
    """Wait (briefly) for the gate; False if a hung process keeps it (then go on without)."""
    deadline = time.monotonic() + GATE_WAIT_S
    while True:
        if _try(fd, gate=True):
            return True
        if time.monotonic() > deadline:
            log.warning("the study lock's gate stayed taken for %.0f s; going on without it", GATE_WAIT_S)
            return False
        time.sleep(0.005)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try(fd: int, *, gate: bool = False) -> bool:
        os.lseek(fd, _WIN_GATE_OFFSET if gate else _WIN_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        finally:
            os.lseek(fd, 0, os.SEEK_SET)
        return True

    def _unlock_byte(fd: int, offset: int) -> None:
        os.lseek(fd, offset, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
        finally:
            os.lseek(fd, 0, os.SEEK_SET)

    def _release_gate(fd: int) -> None:
        _unlock_byte(fd, _WIN_GATE_OFFSET)

    _GATE_IS_WRITER_LOCK = False  # two different bytes of .lock

    def _lock_writer(folder: Path, info: int) -> Optional[int]:
        """The writer lock's byte of ``.lock`` (the open file cannot be deleted on Windows)."""
        return info if _try(info) else None

    def _unlock_writer(fd: int) -> None:
        _unlock_byte(fd, _WIN_LOCK_OFFSET)

    def _proc_locks_holder(folder: Path) -> str:
        return ""

else:
    import errno
    import fcntl

    def _try(fd: int, *, gate: bool = False) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError as exc:
            raise StudyError(_('Cannot lock the study: {strerror}.').format(strerror=exc.strerror or exc)) from None
        return True

    _GATE_IS_WRITER_LOCK = True  # the fallback: flock on .lock is both

    def _release_gate(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

    def _unlock_writer(fd: int) -> None:
        """Nothing to do: closing the descriptor drops its flock."""

    def _lock_writer(folder: Path, info: int) -> Optional[int]:
        """The folder's descriptor, locked; None when another process holds it.

        Falls back to ``info`` (``.lock``, already locked as the gate) where the
        file system cannot lock a directory."""
        try:
            fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError as exc:
            raise StudyError(_('Cannot open the study folder {folder}: {strerror}.')
                .format(folder=folder, strerror=exc.strerror or exc)) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return None
        except OSError as exc:
            os.close(fd)
            if exc.errno in (errno.EBADF, errno.EINVAL, errno.ENOLCK, errno.EOPNOTSUPP):
                log.warning("%s cannot lock a folder (%s); the study lock is the %s file only",
                            folder, exc.strerror, LOCK_NAME)
                return info if _try(info) else None
            raise StudyError(_('Cannot lock the study {folder}: {strerror}.')
                .format(folder=folder, strerror=exc.strerror or exc)) from None
        return fd

    def _proc_locks_holder(folder: Path) -> str:
        """Linux: the process holding a FLOCK on the folder's inode, from ``/proc/locks``."""
        try:
            st = os.stat(folder)
            text = Path("/proc/locks").read_text()
        except OSError:
            return ""
        inode = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
        for line in text.splitlines():
            parts = line.split()
            if "->" in parts:
                continue  # a waiter, not the holder
            if len(parts) >= 6 and parts[1] == "FLOCK" and parts[5] == inode:
                return f"host {socket.gethostname()}, process {parts[4]}"
        return ""
