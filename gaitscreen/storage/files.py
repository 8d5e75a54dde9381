"""The study folder's layout and the file work behind imports and clean-up.

::

    <study>/study.sqlite
    <study>/videos/<sha256[:16]>_<original name>
    <study>/pose/<recording id>/skeleton.npz, tracks.npz (skeleton3d.npz once an analysis lifted it)
    <study>/analyses/<analysis id>.json
    <study>/reports/<patient code>_<date>_<n>.pdf
    <study>/models/   <study>/exports/   <study>/.lock
    <study>/backups/study-<UTC time>.sqlite   (rotating copies of the database)
    <study>/trash/<UTC time>/<relative path>  (what the sweep or a restore set aside)

Files are written before the row that names them; a kill in between leaves an
orphan file that :func:`sweep` moves to the study's trash the next time the
study is opened for writing, so no row ever points to a missing file. Nothing
is deleted: the sweep never runs when the database knows fewer recordings than
``videos/`` holds (a lost or replaced database, not a killed import).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import os
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..core.callbacks import CancelFn, ProgressFn, check_cancel, no_progress
from ..core.fileio import publish, temp_beside

DB_NAME = "study.sqlite"
SUBFOLDERS = ("videos", "pose", "analyses", "reports", "models", "exports", "backups")
#: What makes a folder an existing study even without its database (then it is never re-created).
STUDY_MARKERS = ("videos", "pose", "analyses", "reports", "backups", ".lock")
_CHUNK = 1 << 20

log = logging.getLogger("gaitscreen.storage")


def _inside(name: str) -> property:
    """The read-only attribute ``root / name`` of a :class:`Layout`."""
    return property(lambda self: self.root / name, doc=f"<study>/{name}")


@dataclass(frozen=True)
class Layout:
    """Paths inside one study folder."""

    root: Path

    db = _inside(DB_NAME)
    videos = _inside("videos")
    analyses = _inside("analyses")
    reports = _inside("reports")
    models = _inside("models")
    exports = _inside("exports")
    backups = _inside("backups")
    trash = _inside("trash")

    def looks_like_study(self) -> bool:
        """Whether the folder holds a study's folders or lock (its database may be gone)."""
        return any((self.root / name).exists() for name in STUDY_MARKERS)

    def pose_dir(self, recording_id: int) -> Path:
        return self.root / "pose" / str(int(recording_id))

    def make_folders(self) -> None:
        for name in SUBFOLDERS:
            (self.root / name).mkdir(parents=True, exist_ok=True)

    def stored(self, path: str | os.PathLike[str]) -> str:
        """How a path is stored: relative (POSIX separators) inside the study, absolute outside."""
        p = Path(path)
        try:
            return p.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(p.absolute())

    def resolve(self, stored: str) -> Path:
        """The real path of a stored one."""
        p = Path(stored)
        return p if p.is_absolute() else self.root / p


def safe_name(name: str, limit: int = 80) -> str:
    """A file name made of letters, digits, '.', '-' and '_' only (keeps the extension)."""
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    stem = re.sub(r"[^\w.\-]+", "_", stem, flags=re.ASCII).strip("._") or "video"
    ext = re.sub(r"[^\w]+", "", ext, flags=re.ASCII)
    return stem[:limit] + (f".{ext.lower()}" if ext else "")


def is_temp(path: Path) -> bool:
    """Temporary files of :func:`gaitscreen.core.fileio.temp_beside` (``.NAME.xxxx.tmp``)."""
    return path.name.startswith(".") and path.name.endswith(".tmp")


def hash_file(path: Path, *, progress: ProgressFn | None = None, should_cancel: CancelFn | None = None,
              stage: str = "Checking video") -> str:
    """Hex sha256 of ``path`` with progress in bytes; Cancelled when asked to stop."""
    progress = progress or no_progress
    total = path.stat().st_size
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in _blocks(fh, total, progress, should_cancel, stage):
            digest.update(block)
    progress(total, total, stage)
    return digest.hexdigest()


def _blocks(fh, total: int, progress: ProgressFn, should_cancel: CancelFn | None, stage: str):
    """The file's bytes in chunks; Cancelled before a chunk when asked, progress in bytes after each."""
    done = 0
    while block := fh.read(_CHUNK):
        check_cancel(should_cancel)
        yield block
        done += len(block)
        progress(done, total, stage)


def copy_file(source: Path, dest: Path, *, progress: ProgressFn | None = None,
              should_cancel: CancelFn | None = None, stage: str = "Copying video") -> str:
    """Copy ``source`` to ``dest`` through a temporary file beside ``dest``, then
    rename; returns the sha256 of the bytes copied. A cancel or error removes the
    partial copy and leaves ``dest`` untouched."""
    progress = progress or no_progress
    total = source.stat().st_size
    digest = hashlib.sha256()
    tmp = temp_beside(dest)
    try:
        with open(source, "rb") as src, open(tmp, "wb") as out:
            for block in _blocks(src, total, progress, should_cancel, stage):
                out.write(block)
                digest.update(block)
        check_cancel(should_cancel)  # a cancel during the last block still counts
        publish(tmp, dest)  # fsync, ordinary permissions, atomic rename
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    progress(total, total, stage)
    return digest.hexdigest()


def remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()


def trash_stamp() -> str:
    """The name of one trash folder: the UTC time, e.g. ``20261203T130501Z``."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def move_to_trash(layout: Layout, path: Path, stamp: str) -> Path:
    """Move ``path`` (file or folder) to ``trash/<stamp>/<its path in the study>``; returns
    where it went (a name already there gets a ``.1``, ``.2``, ... suffix)."""
    try:
        relative = path.absolute().relative_to(layout.root.absolute())
    except ValueError:
        relative = Path(path.name)
    dest = layout.trash / stamp / relative
    dest.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    while dest.exists() or dest.is_symlink():
        n += 1
        dest = dest.with_name(f"{relative.name}.{n}")
    os.replace(path, dest)
    return dest


def video_files(layout: Layout) -> list[Path]:
    """The finished files in ``videos/`` (not temporary copies)."""
    return [p for p in _entries(layout.videos) if p.is_file() and not is_temp(p)]


@dataclass
class SweepResult:
    """What :func:`sweep` did: ``moved`` maps each path to where it went in the trash;
    ``refused`` says why nothing was moved (empty when it ran)."""

    moved: dict[Path, Path]
    refused: str = ""


def sweep(layout: Layout, referenced: Iterable[str], pose_ids: Iterable[int], recordings: int) -> SweepResult:
    """Move temporary files and orphans to the trash.

    ``referenced`` are the stored paths every row names (videos, analyses,
    reports); ``pose_ids`` are the recordings with a pose row; ``recordings``
    is how many recordings the database knows. Orphans are files in
    ``videos/``, ``analyses/`` and ``reports/`` no row names, and ``pose/<id>``
    folders without a pose row. ``models/`` and ``exports/`` lose only temporary
    files (a trained model not yet registered is kept). When the database knows
    fewer recordings than ``videos/`` has files, it is not the database of these
    files (lost, replaced, restored from an older backup): nothing is moved.
    """
    videos = video_files(layout)
    if recordings < len(videos):
        reason = (f"the database knows {recordings} recording(s) but videos/ holds {len(videos)} file(s); "
                  "nothing was moved")
        log.warning("orphan sweep of %s skipped: %s", layout.root, reason)
        return SweepResult({}, reason)
    keep = {os.path.normcase(str(layout.resolve(p).absolute())) for p in referenced}
    pose_keep = {str(int(i)) for i in pose_ids}
    found: list[Path] = []
    for folder in (layout.videos, layout.analyses, layout.reports):
        for path in _entries(folder):
            if path.is_file() and (is_temp(path) or os.path.normcase(str(path.absolute())) not in keep):
                found.append(path)
    for path in _entries(layout.root / "pose"):
        if path.is_dir() and path.name not in pose_keep:
            found.append(path)
        elif path.is_dir():
            found += [inner for inner in _entries(path) if is_temp(inner)]
    for folder in (layout.models, layout.exports, layout.root):
        found += [path for path in _entries(folder) if path.is_file() and is_temp(path)]
    stamp = trash_stamp()
    moved: dict[Path, Path] = {}
    for path in found:
        try:
            moved[path] = move_to_trash(layout, path, stamp)
        except OSError as exc:
            log.warning("could not move %s to the study's trash: %s", path, exc)
            continue
        log.info("orphan moved to the trash: %s -> %s", path, moved[path])
    return SweepResult(moved)


def _entries(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except OSError:
        return []
