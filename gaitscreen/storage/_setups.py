"""Camera setups beyond their creation — part of :class:`Study`.

A setup (``setups`` table, :mod:`._visits` adds one) is a named floor calibration
that recordings reference (``recordings.setup_id``). Here: renaming it, replacing its
calibration, deleting it while no recording uses it, naming a recording's setup, and
the frame it was made on, kept as ``setups/<setup id>.png`` in the study folder
(written before the caller relies on it; a replaced or deleted frame goes to the
trash, never deleted). Every change is audited.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..core.calibration import FloorCalibration
from ..core.fileio import atomic_output
from ..core.records import Recording, Setup
from ..core.i18n import _
from ._db import StudyBase, recording_of, to_json
from .errors import StudyError
from .files import move_to_trash, trash_stamp

#: PNG files start with these bytes (the frame is stored as the app encoded it).
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class SetupsMixin(StudyBase):
    """Changing camera setups and which recording uses which."""

    def _setups_dir(self) -> Path:
        return self.layout.root / "setups"  # type: ignore[attr-defined]

    def update_setup(self, setup_id: int, *, name: str | None = None,
                     calibration: dict[str, Any] | None = None, frame_recording_id: int | None = None,
                     frame_index: int | None = None) -> Setup:
        """Rename a setup and/or replace its calibration (checked first: CalibrationError
        stores nothing). The recordings that use it keep using it; their metric values must
        then be computed again (``app.setups.recompute_setup``)."""
        old = self.setup(setup_id)  # type: ignore[attr-defined]
        new_name = old.name if name is None else str(name).strip()
        if not new_name:
            raise StudyError("A camera setup needs a name.")
        cal = FloorCalibration.from_dict(old.calibration if calibration is None else calibration, name=new_name)
        if frame_recording_id is not None:
            self.recording(frame_recording_id)  # type: ignore[attr-defined]
        size = cal.frame_size
        stored = old.calibration if calibration is None else calibration
        with self._write() as conn:
            clash = conn.execute("SELECT id FROM setups WHERE name = ? AND id != ?", (new_name, old.id)).fetchone()
            if clash is not None:
                raise StudyError(f"A camera setup named {new_name!r} already exists in this study.")
            conn.execute(
                "UPDATE setups SET name = ?, calibration = ?, calibration_sha256 = ?, frame_recording_id = ?, "
                "frame_index = ?, frame_width = ?, frame_height = ? WHERE id = ?",
                (new_name, to_json(stored), cal.sha256,
                 old.frame_recording_id if frame_recording_id is None else int(frame_recording_id),
                 old.frame_index if frame_index is None else int(frame_index),
                 None if size is None else int(size[0]), None if size is None else int(size[1]), old.id))
            before = {"name": old.name, "calibration_sha256": old.calibration_sha256}
            after = {"name": new_name, "calibration_sha256": cal.sha256}
            if before != after:
                self._audit(conn, "setup.update", "setup", old.id, before, after)
        return self.setup(old.id)  # type: ignore[attr-defined]

    def setup_recordings(self, setup_id: int) -> list[Recording]:
        """The recordings made with a setup, oldest first."""
        rows = self._rows("SELECT * FROM recordings WHERE setup_id = ? ORDER BY COALESCE(captured_at, imported_at), id",
                          (int(setup_id),))
        return [recording_of(r) for r in rows]

    def delete_setup(self, setup_id: int) -> None:
        """Delete a setup no recording uses (StudyError naming how many do otherwise);
        its frame goes to the study's trash."""
        old = self.setup(setup_id)  # type: ignore[attr-defined]
        with self._write() as conn:
            used = conn.execute("SELECT count(*) FROM recordings WHERE setup_id = ?", (old.id,)).fetchone()[0]
            if used:
                raise StudyError(f"The camera setup {old.name!r} is used by {used} recording(s); give them another "
                                 "setup first, then delete it.")
            conn.execute("DELETE FROM setups WHERE id = ?", (old.id,))
            self._audit(conn, "setup.delete", "setup", old.id,
                        {"name": old.name, "calibration_sha256": old.calibration_sha256}, None)
        frame = self.setup_frame_path(old.id)
        if frame is not None:
            move_to_trash(self.layout, frame, trash_stamp())  # type: ignore[attr-defined]

    def set_recording_setup(self, recording_id: int, setup_id: int | None) -> Recording:
        """Name the camera setup a recording was made with (None: none)."""
        with self._write() as conn:
            row = conn.execute("SELECT * FROM recordings WHERE id = ?", (int(recording_id),)).fetchone()
            if row is None:
                raise StudyError(_("Recording {id} does not exist.").format(id=recording_id))
            rec = recording_of(row)
            if setup_id is not None and conn.execute("SELECT 1 FROM setups WHERE id = ?",
                                                     (int(setup_id),)).fetchone() is None:
                raise StudyError(_("Setup {id} does not exist.").format(id=setup_id))
            new = None if setup_id is None else int(setup_id)
            if new != rec.setup_id:
                conn.execute("UPDATE recordings SET setup_id = ? WHERE id = ?", (new, rec.id))
                self._audit(conn, "recording.setup", "recording", rec.id, {"setup_id": rec.setup_id},
                            {"setup_id": new})
        return self.recording(recording_id)  # type: ignore[attr-defined]

    # --- The frame a setup was made on ------------------------------------------------------

    def save_setup_frame(self, setup_id: int, png: bytes) -> Path:
        """Keep the frame a setup was calibrated on (PNG bytes) as ``setups/<id>.png``;
        a frame it had before goes to the trash."""
        self._require_writable()
        setup = self.setup(setup_id)  # type: ignore[attr-defined]
        if not bytes(png[:8]) == PNG_SIGNATURE:
            raise StudyError("The setup's frame must be a PNG image.")
        folder = self._setups_dir()
        folder.mkdir(exist_ok=True)
        path = folder / f"{setup.id}.png"
        if path.exists():
            move_to_trash(self.layout, path, trash_stamp())  # type: ignore[attr-defined]
        with atomic_output(path) as tmp:
            tmp.write_bytes(bytes(png))
        with self._write() as conn:
            self._audit(conn, "setup.frame", "setup", setup.id, None,
                        {"frame": f"setups/{path.name}", "bytes": len(png)})
        return path

    def setup_frame_path(self, setup_id: int) -> Path | None:
        """The stored frame of a setup, or None when it has none."""
        path = self._setups_dir() / f"{int(setup_id)}.png"
        return path if path.is_file() else None
