"""One subject's skeleton over time, and GaitScreen's own npz file format.

File format (``save_npz`` / ``load_npz``): a deflate-compressed ``.npz``, readable
with ``numpy.load(allow_pickle=False)``, holding the arrays ``joints``,
``confidence``, ``timestamps``, ``present``, ``interpolated``, ``frame_indices``
and a 0-d unicode array ``meta_json``: a JSON object with ``format``
(``"gaitscreen.skeleton"``), ``version`` (an integer, currently 1) and the scalar
fields ``layout``, ``fps``, ``image_size``, ``source``, ``source_sha256``,
``track_id`` and ``meta``. Readers accept every version up to their own and refuse
newer ones; new versions may add entries but old entries keep their meaning.
Files are written atomically (temporary file in the same folder, then
``os.replace``), so a crash leaves either the old file or the new one.
"""

from __future__ import annotations

import json
import math
import os
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import SkeletonFormatError
from ..fileio import atomic_output, check_format_version
from ..i18n import N_, _
from .convert import convert
from .joints import LAYOUTS

FORMAT_TAG = "gaitscreen.skeleton"
FORMAT_VERSION = 1

_ARRAY_KEYS = ("joints", "confidence", "timestamps", "present", "interpolated", "frame_indices")

# Exceptions numpy, zipfile and zlib raise for unreadable, truncated or foreign files.
_READ_ERRORS = (
    OSError,
    ValueError,
    EOFError,
    KeyError,
    TypeError,
    zipfile.BadZipFile,
    zlib.error,
)


def _write_npz_atomic(path: str | os.PathLike[str], arrays: dict[str, np.ndarray]) -> None:
    """Write ``arrays`` as a compressed npz at exactly ``path``, atomically.

    Written member by member with :mod:`zipfile` (as numpy does) so that any key,
    including ones like ``"file"``, is allowed and no ``.npz`` suffix is added.
    """
    with atomic_output(path) as tmp:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
            for key, value in arrays.items():
                with zf.open(f"{key}.npy", "w", force_zip64=True) as member:
                    np.lib.format.write_array(member, np.asarray(value), allow_pickle=False)


#: The errors of :func:`_read_npz` per kind of file read: not found, not an npz archive, unreadable.
_NPZ_ERRORS = {
    "skeleton file": (N_("Skeleton file not found: {path}"),
                      N_("{name} is not an npz archive (a skeleton file was expected)."),
                      N_("{name} is not a readable skeleton file: {why}.")),
    "published skeleton file": (N_("Published skeleton file not found: {path}"),
                                N_("{name} is not an npz archive (a published skeleton file was expected)."),
                                N_("{name} is not a readable published skeleton file: {why}.")),
    "partition file": (N_("Partition file not found: {path}"),
                       N_("{name} is not an npz archive (a partition file was expected)."),
                       N_("{name} is not a readable partition file: {why}.")),
}


def _read_npz(path: str | os.PathLike[str], what: str) -> dict[str, np.ndarray]:
    """Read every array of an npz file; any failure becomes SkeletonFormatError.

    ``what``: a key of :data:`_NPZ_ERRORS`, naming the kind of file in the errors."""
    path = Path(path)
    not_found, not_npz, unreadable = _NPZ_ERRORS[what]
    if not path.is_file():
        raise SkeletonFormatError(_(not_found).format(path=path))
    try:
        # Open the file ourselves: np.load leaks its handle when given a path to a
        # broken zip. Everything is read before the file is closed.
        with open(path, "rb") as fh:
            data = np.load(fh, allow_pickle=False)
            if not isinstance(data, np.lib.npyio.NpzFile):
                raise SkeletonFormatError(_(not_npz).format(name=path.name))
            with data:
                return {key: data[key] for key in data.files}
    except _READ_ERRORS as exc:
        if isinstance(exc, ValueError) and "pickle" in str(exc):  # numpy's word for neither npy nor npz
            raise SkeletonFormatError(_(not_npz).format(name=path.name)) from exc
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else _("the file is damaged or cut short")
        raise SkeletonFormatError(_(unreadable).format(name=path.name, why=why)) from exc


def _as_array(value: Any, dtype: Any, name: str) -> np.ndarray:
    try:
        return np.asarray(value, dtype=dtype)
    except (TypeError, ValueError) as exc:
        raise SkeletonFormatError(f"Skeleton field {name!r} cannot be read as {np.dtype(dtype)}.") from exc


@dataclass(eq=False)
class SkeletonSequence:
    """Joints of one subject over ``T`` samples.

    Coordinates are pixels (x right, y down) when ``C == 2``; ``C == 3`` is allowed
    for lifted or published 3-D data. Frames where ``present`` is False hold NaN
    joints and zero confidence. When not given, ``present`` is True for frames with
    any finite joint, ``interpolated`` is all False and ``frame_indices`` counts
    0, 1, 2, ... (samples taken as consecutive video frames).
    """

    joints: np.ndarray
    confidence: np.ndarray
    timestamps: np.ndarray
    layout: str
    fps: float
    present: np.ndarray | None = None
    interpolated: np.ndarray | None = None
    frame_indices: np.ndarray | None = None
    image_size: tuple[int, int] | None = None
    source: str = ""
    source_sha256: str = ""
    track_id: int | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.layout not in LAYOUTS:
            raise SkeletonFormatError(
                f"Unknown skeleton layout {self.layout!r}; expected one of {sorted(LAYOUTS)}."
            )
        j = _as_array(self.joints, np.float32, "joints")
        if j.ndim != 3 or j.shape[2] not in (2, 3):
            raise SkeletonFormatError(f"Skeleton joints must have shape (T, J, 2|3), got {j.shape}.")
        t_len, n_joints = j.shape[:2]
        if n_joints != LAYOUTS[self.layout]:
            raise SkeletonFormatError(
                f"Layout {self.layout!r} has {LAYOUTS[self.layout]} joints, the array has {n_joints}."
            )
        self.joints = j

        c = _as_array(self.confidence, np.float32, "confidence")
        if c.shape != (t_len, n_joints):
            raise SkeletonFormatError(
                f"Skeleton confidence must have shape {(t_len, n_joints)}, got {c.shape}."
            )
        if not np.all((c >= 0) & (c <= 1)):  # also rejects NaN
            raise SkeletonFormatError("Skeleton confidence must lie in [0, 1] (no NaN).")
        self.confidence = c

        ts = _as_array(self.timestamps, np.float64, "timestamps")
        self._check_1d(ts, t_len, "timestamps")
        if not np.all(np.isfinite(ts)) or np.any(np.diff(ts) <= 0):
            raise SkeletonFormatError("Skeleton timestamps must be finite and strictly increasing.")
        self.timestamps = ts

        try:
            self.fps = float(self.fps)
        except (TypeError, ValueError):
            raise SkeletonFormatError(f"Skeleton fps must be a number, got {self.fps!r}.") from None
        if not (math.isfinite(self.fps) and self.fps > 0):
            raise SkeletonFormatError(f"Skeleton fps must be positive, got {self.fps}.")

        if self.present is None:
            self.present = np.isfinite(j).all(axis=2).any(axis=1)
        self.present = self._bool_1d(self.present, t_len, "present")
        if self.interpolated is None:
            self.interpolated = np.zeros(t_len, dtype=bool)
        self.interpolated = self._bool_1d(self.interpolated, t_len, "interpolated")
        if np.any(self.interpolated & ~self.present):
            raise SkeletonFormatError("Interpolated skeleton frames must also be marked present.")
        absent = ~self.present
        if np.any(~np.isnan(j[absent])) or np.any(c[absent] != 0):
            raise SkeletonFormatError("Frames without the subject must hold NaN joints and confidence 0.")

        if self.frame_indices is None:
            self.frame_indices = np.arange(t_len, dtype=np.int64)
        fi = np.asarray(self.frame_indices)
        if fi.size and not np.issubdtype(fi.dtype, np.integer):
            raise SkeletonFormatError("Skeleton frame_indices must be integers.")
        fi = fi.astype(np.int64)
        self._check_1d(fi, t_len, "frame_indices")
        self.frame_indices = fi

        if self.image_size is not None:
            try:
                w, h = (int(v) for v in self.image_size)
            except (TypeError, ValueError):
                raise SkeletonFormatError(
                    f"Skeleton image_size must be (width, height), got {self.image_size!r}."
                ) from None
            if w <= 0 or h <= 0:
                raise SkeletonFormatError(f"Skeleton image_size must be positive, got {(w, h)}.")
            self.image_size = (w, h)
        if self.track_id is not None:
            self.track_id = int(self.track_id)
        self.source = str(self.source)
        self.source_sha256 = str(self.source_sha256)
        if not isinstance(self.meta, dict):
            raise SkeletonFormatError("Skeleton meta must be a dict.")
        try:
            json.dumps(self.meta, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise SkeletonFormatError(f"Skeleton meta must be JSON-serialisable: {exc}") from exc

    @staticmethod
    def _check_1d(a: np.ndarray, t_len: int, name: str) -> None:
        if a.shape != (t_len,):
            raise SkeletonFormatError(f"Skeleton {name} must have shape ({t_len},), got {a.shape}.")

    @classmethod
    def _bool_1d(cls, value: Any, t_len: int, name: str) -> np.ndarray:
        a = np.asarray(value)
        if a.dtype != np.bool_:
            raise SkeletonFormatError(f"Skeleton {name} must be a boolean array.")
        cls._check_1d(a, t_len, name)
        return a

    # --- Properties ---------------------------------------------------------------

    @property
    def num_frames(self) -> int:
        """Number of samples ``T``."""
        return int(self.joints.shape[0])

    @property
    def dims(self) -> int:
        """Coordinates per joint: 2 (pixels) or 3 (lifted or published 3-D joints)."""
        return int(self.joints.shape[2])

    @property
    def num_joints(self) -> int:
        """Number of joints ``J`` of the layout."""
        return int(self.joints.shape[1])

    @property
    def duration_s(self) -> float:
        """Time covered, first sample to one sample period past the last; 0 if empty."""
        if self.num_frames == 0:
            return 0.0
        return float(self.timestamps[-1] - self.timestamps[0] + 1.0 / self.fps)

    @property
    def coverage(self) -> float:
        """Share of samples in which the subject is present (0 for an empty sequence)."""
        if self.num_frames == 0:
            return 0.0
        return float(np.mean(self.present))

    # --- Conversion -----------------------------------------------------------------

    def to_layout(self, dst: str) -> SkeletonSequence:
        """A new sequence in layout ``dst`` (coco17 → h36m17 → ntu25, or itself)."""
        if dst not in LAYOUTS:
            raise SkeletonFormatError(
                f"Unknown skeleton layout {dst!r}; expected one of {sorted(LAYOUTS)}."
            )
        joints, conf = convert(self.joints, self.confidence, self.layout, dst)
        assert conf is not None
        absent = ~self.present
        joints = joints.astype(np.float32)
        conf = conf.astype(np.float32)
        joints[absent] = np.nan
        conf[absent] = 0.0
        return replace(
            self,
            joints=joints,
            confidence=conf,
            layout=dst,
            timestamps=self.timestamps.copy(),
            present=self.present.copy(),
            interpolated=self.interpolated.copy(),
            frame_indices=self.frame_indices.copy(),
            meta=json.loads(json.dumps(self.meta)),
        )

    # --- Files ----------------------------------------------------------------------

    def save_npz(self, path: str | os.PathLike[str]) -> None:
        """Write the sequence to ``path`` (exactly that name) atomically."""
        header = {
            "format": FORMAT_TAG,
            "version": FORMAT_VERSION,
            "layout": self.layout,
            "fps": self.fps,
            "image_size": list(self.image_size) if self.image_size is not None else None,
            "source": self.source,
            "source_sha256": self.source_sha256,
            "track_id": self.track_id,
            "meta": self.meta,
        }
        arrays: dict[str, np.ndarray] = {key: getattr(self, key) for key in _ARRAY_KEYS}
        arrays["meta_json"] = np.asarray(json.dumps(header, allow_nan=False))
        _write_npz_atomic(path, arrays)

    @classmethod
    def load_npz(cls, path: str | os.PathLike[str]) -> SkeletonSequence:
        """Read a file written by :meth:`save_npz`; SkeletonFormatError if it is not one."""
        name = Path(path).name
        data = _read_npz(path, "skeleton file")
        if "meta_json" not in data:
            raise SkeletonFormatError(_("{name} is not a GaitScreen skeleton file (no meta_json).").format(name=name))
        try:
            header = json.loads(str(data["meta_json"][()]))
        except (ValueError, TypeError, IndexError) as exc:
            raise SkeletonFormatError(_("{name} has an unreadable meta_json entry.").format(name=name)) from exc
        if not isinstance(header, dict) or header.get("format") != FORMAT_TAG:
            raise SkeletonFormatError(_("{name} is not a GaitScreen skeleton file.").format(name=name))
        check_format_version(header.get("version"), FORMAT_VERSION, subject=name, kind="skeleton",
                             error=SkeletonFormatError)
        missing = [k for k in _ARRAY_KEYS if k not in data]
        if missing:
            raise SkeletonFormatError(_("{name} lacks the entries {missing}.").format(
                name=name, missing=", ".join(missing)))
        try:
            image_size = header.get("image_size")
            return cls(
                joints=data["joints"],
                confidence=data["confidence"],
                timestamps=data["timestamps"],
                layout=header["layout"],
                fps=header["fps"],
                present=data["present"],
                interpolated=data["interpolated"],
                frame_indices=data["frame_indices"],
                image_size=tuple(image_size) if image_size is not None else None,
                source=header.get("source", ""),
                source_sha256=header.get("source_sha256", ""),
                track_id=header.get("track_id"),
                meta=header.get("meta", {}),
            )
        except SkeletonFormatError as exc:
            raise SkeletonFormatError(f"{name}: {exc}") from exc
        except (KeyError, TypeError, ValueError) as exc:
            raise SkeletonFormatError(f"{name} has an invalid skeleton header: {exc}") from exc
