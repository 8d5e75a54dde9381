"""Video import from the window: file dialog or drag-and-drop, one engine job per file.

The UI thread only makes cheap checks (the file exists, is a regular readable
file with a video extension, the study is writable, a patient is chosen); the
engine's ``ImportJob`` then probes the video (readable, has frames), hashes it,
copies it into the study (or references it in place) and links it to the
patient, so the window never waits. A file that fails a check gives one clear
message and changes nothing; a video whose hash is already in the study gives an
"already in the study as …" notice and no second copy.

Whether files are copied is the ``import/copy`` setting (File → "Copy imported
videos into the study"), on by default.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QObject, QSettings, QTimer, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QWidget

from gaitscreen.core.errors import GaitScreenError
from gaitscreen.core.records import ImportResult
from gaitscreen.core.video import SUPPORTED_EXTENSIONS

from . import messages

if TYPE_CHECKING:  # the concrete study; imported for types only
    from gaitscreen.storage import Study

COPY_KEY = "import/copy"
LAST_DIR_KEY = "import/last_dir"


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("ImportFlow", text, None, n)


def video_filter() -> str:
    patterns = " ".join(f"*{ext}" for ext in SUPPORTED_EXTENSIONS)
    return _tr("Videos ({patterns});;All files (*)").format(patterns=patterns)


def check_video_file(path: Path) -> Optional[str]:
    """One sentence when ``path`` cannot be a video to import, else None (cheap: no decoding)."""
    if not path.exists():
        return _tr("{name}: the file does not exist.").format(name=path.name)
    if path.is_dir():
        return _tr("{name} is a folder, not a video file.").format(name=path.name)
    if not path.is_file():
        return _tr("{name} is not a regular file.").format(name=path.name)
    if path.suffix.lower() not in SUPPORTED_EXTENSIONS:
        kinds = ", ".join(SUPPORTED_EXTENSIONS)
        if not path.suffix:
            return _tr("{name} is not a video (without an extension); GaitScreen imports {kinds} files.").format(
                name=path.name, kinds=kinds)
        return _tr("{name} is not a video ('{suffix}'); GaitScreen imports {kinds} files.").format(
            name=path.name, suffix=path.suffix, kinds=kinds)
    if not os.access(path, os.R_OK):
        return _tr("{name} cannot be read (permission denied).").format(name=path.name)
    if path.stat().st_size == 0:
        return _tr("{name} is empty (0 bytes).").format(name=path.name)
    return None


def paths_from_mime(mime: QMimeData) -> list[Path]:
    """Local files named by a drag-and-drop payload."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


@dataclass
class _Pending:
    path: Path
    patient_id: int
    remove_source: bool = False  # a capture's temporary file, deleted once copied into the study


class ImportFlow(QObject):
    """Turns chosen or dropped files into import jobs and reports their outcome.

    ``study()`` returns the window's open study handle (None when none is open);
    ``read_only_reason()`` says why it is read-only ("" when writable);
    ``create_patient()`` opens the new-patient dialog and returns the new id or None.
    """

    #: A recording id now in the study (new or already there); bool: it was already there.
    imported = Signal(int, bool)
    #: Every submitted import has ended (finished, failed or cancelled).
    idle = Signal()

    def __init__(self, parent: QWidget, engine: Any, settings: QSettings, *,
                 study: Callable[[], Optional[Study]],
                 read_only_reason: Callable[[], str],
                 create_patient: Callable[[], Optional[int]]) -> None:
        super().__init__(parent)
        self._parent = parent
        self._engine = engine
        self._settings = settings
        self._study = study
        self._read_only_reason = read_only_reason
        self._create_patient = create_patient
        self._pending: dict[int, _Pending] = {}
        self._drop_targets: dict[QObject, Callable[[list[Path]], Any]] = {}
        engine.job_finished.connect(self._on_finished)
        engine.job_failed.connect(self._on_failed)
        engine.job_cancelled.connect(self._on_cancelled)

    # -- settings -------------------------------------------------------------------

    @property
    def copy(self) -> bool:
        return str(self._settings.value(COPY_KEY, "true")).lower() in ("true", "1")

    @copy.setter
    def copy(self, value: bool) -> None:
        self._settings.setValue(COPY_KEY, bool(value))

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    # -- entry points ---------------------------------------------------------------

    def accept_drops(self, widget: QWidget, on_paths: Callable[[list[Path]], Any]) -> None:
        """Let files dropped anywhere on ``widget`` (and its children) go to ``on_paths``."""
        widget.setAcceptDrops(True)
        self._drop_targets[widget] = on_paths
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        target = self._drop_targets.get(watched)
        if target is None or event.type() not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        if not event.mimeData().hasUrls():
            return False
        event.acceptProposedAction()
        if event.type() == QEvent.Type.Drop:
            paths = paths_from_mime(event.mimeData())
            if paths:  # after the drop has returned: a message box inside it would stall the drag source
                QTimer.singleShot(0, lambda: target(paths))
        return True

    def choose_files(self, patient_id: Optional[int]) -> list[int]:
        """File dialog (several files at once), then :meth:`import_paths`."""
        if not self._ready():
            return []
        if messages.unattended():
            return []
        start = str(self._settings.value(LAST_DIR_KEY, "") or Path.home())
        names, _ = QFileDialog.getOpenFileNames(self._parent, _tr("Import video"), start, video_filter())
        if not names:
            return []
        self._settings.setValue(LAST_DIR_KEY, str(Path(names[0]).parent))
        return self.import_paths(names, patient_id)

    def import_paths(self, paths: Iterable[str | os.PathLike[str]], patient_id: Optional[int], *,
                     copy: Optional[bool] = None, remove_source: bool = False) -> list[int]:
        """Check each file and submit one import job per good one; returns the job ids.

        ``copy``: copy into the study (True) or reference in place (False); None: the setting.
        ``remove_source``: delete the file once it has been copied (captures).
        """
        paths = [Path(p) for p in paths]
        if not paths or not self._ready():
            return []
        problems = [problem for problem in map(check_video_file, paths) if problem]
        good = [p for p in paths if check_video_file(p) is None]
        if problems:
            text = "\n".join(problems)
            if good:
                text = _tr("{problems}\n\nThe other %n file(s) are being imported.", len(good)).format(problems=text)
            messages.show_error(self._parent, _tr("Cannot import"), text)
        if not good:
            return []
        if patient_id is None:
            if not messages.ask_yes_no(self._parent, _tr("Import video"),
                                       _tr("Videos are linked to a patient, and no patient is selected.\n"
                                           "Create a new patient now? (Or select one in the list and import again.)"),
                                       default=True):
                return []
            patient_id = self._create_patient()
            if patient_id is None:
                return []
        from gaitscreen.engine.jobs import ImportJob

        folder = self._study().folder
        copy = self.copy if copy is None else copy
        ids = []
        for path in good:
            job_id = self._engine.submit(ImportJob(folder, patient_id, path, copy))
            self._pending[job_id] = _Pending(path, patient_id, remove_source and copy)
            ids.append(job_id)
        return ids

    def _ready(self) -> bool:
        if self._study() is None:
            messages.show_error(self._parent, _tr("Cannot import"), _tr("No study is open: use File → Open study… first."))
            return False
        reason = self._read_only_reason()
        if reason:
            messages.show_error(self._parent, _tr("Cannot import"), _tr(
                "This study is open read-only ({reason}); videos cannot be imported into it.").format(reason=reason))
            return False
        return True

    # -- outcomes -------------------------------------------------------------------

    def _end(self, job_id: int) -> Optional[_Pending]:
        pending = self._pending.pop(job_id, None)
        if pending is not None and not self._pending:
            self.idle.emit()
        return pending

    @Slot(int, object)
    def _on_finished(self, job_id: int, result: object) -> None:
        if job_id not in self._pending:
            return
        pending = self._pending[job_id]
        recording = getattr(result, "recording", None)
        if recording is not None:
            existing = bool(getattr(result, "existing", False))
            if existing:
                messages.show_info(self._parent, _tr("Already imported"),
                                   _tr("{name} is already in the study as {where}; no second copy was made.").format(
                                       name=pending.path.name, where=self.describe(result)))
            if pending.remove_source and (existing or recording.copied):
                with contextlib.suppress(OSError):
                    pending.path.unlink(missing_ok=True)
            self.imported.emit(recording.id, existing)
        self._end(job_id)

    def describe(self, result: ImportResult) -> str:
        """“name” of patient CODE (imported DATE): where an already imported video is."""
        recording = result.recording
        date = recording.imported_at[:10]
        try:
            code = self._study().patient(recording.patient_id).code
        except (AttributeError, GaitScreenError):
            return _tr("“{name}” of another patient (imported {date})").format(name=recording.original_name, date=date)
        return _tr("“{name}” of patient {code} (imported {date})").format(name=recording.original_name, code=code,
                                                                          date=date)

    @Slot(int, str)
    def _on_failed(self, job_id: int, message: str) -> None:
        pending = self._pending.get(job_id)
        if pending is None:
            return
        messages.show_error(self._parent, _tr("Import failed"), _tr("{name} was not imported: {message}").format(
            name=pending.path.name, message=message))
        self._end(job_id)

    @Slot(int)
    def _on_cancelled(self, job_id: int) -> None:
        self._end(job_id)
