"""The published tandem-gait dataset layouts.

A published file is an ``.npz`` keyed by clip or video name; each entry is a
``(T, 51)`` array (H36M-17, 17 joints × x, y, z) or a ``(T, 75)`` array (NTU-25,
25 joints × x, y, z), flattened joint-major: ``x0, y0, z0, x1, y1, z1, ...``.
The format carries no frame rate, timestamps, confidences or missing-joint mask.

Loading: the layout is detected from the width; confidence is 1, timestamps are
``i / fps`` and frame indices ``0 .. T-1``. A joint with a non-finite coordinate
(not expected in published data) is loaded as NaN with confidence 0, and a frame
with no finite joint as not present, so the sequence invariants hold.

Saving: sequences must be ``h36m17`` or ``ntu25`` (convert COCO first with
:meth:`SkeletonSequence.to_layout`) and all in the same layout; ``C == 2``
sequences are written with ``z = 0``. Sequences with missing joints (NaN, which
includes every frame where the subject is absent) are **refused**: the format has
no mask, and writing zeros would turn a missing joint into a confident joint at
the image origin that a model trained on the file could not tell apart from data.
Interpolate or trim such frames before exporting.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from ..errors import SkeletonFormatError
from .joints import LAYOUTS
from .sequence import SkeletonSequence, _read_npz, _write_npz_atomic

#: Frame rate assumed for published data, which does not store one.
PUBLISHED_FPS = 29.91

#: Published array width → layout.
PUBLISHED_WIDTHS: dict[int, str] = {17 * 3: "h36m17", 25 * 3: "ntu25"}


def load_published_npz(
    path: str | os.PathLike[str], *, fps: float = PUBLISHED_FPS
) -> dict[str, SkeletonSequence]:
    """Read a published-layout npz into one sequence per key (file order kept)."""
    name = Path(path).name
    data = _read_npz(path, "published skeleton file")
    if not data:
        raise SkeletonFormatError(f"{name} holds no skeleton arrays.")
    out: dict[str, SkeletonSequence] = {}
    for key, arr in data.items():
        if arr.ndim != 2 or arr.shape[1] not in PUBLISHED_WIDTHS:
            raise SkeletonFormatError(
                f"{name}: entry {key!r} has shape {arr.shape}; expected (T, 51) for "
                f"H36M-17 or (T, 75) for NTU-25."
            )
        if not (np.issubdtype(arr.dtype, np.floating) or np.issubdtype(arr.dtype, np.integer)):
            raise SkeletonFormatError(f"{name}: entry {key!r} is not numeric ({arr.dtype}).")
        layout = PUBLISHED_WIDTHS[arr.shape[1]]
        t_len = arr.shape[0]
        joints = arr.astype(np.float32).reshape(t_len, LAYOUTS[layout], 3)
        finite = np.isfinite(joints).all(axis=2)
        joints[~finite] = np.nan
        try:
            out[key] = SkeletonSequence(
                joints=joints,
                confidence=finite.astype(np.float32),
                timestamps=np.arange(t_len, dtype=np.float64) / float(fps),
                layout=layout,
                fps=fps,
                present=finite.any(axis=1),
                frame_indices=np.arange(t_len, dtype=np.int64),
                source=str(key),
                meta={"origin": "published_npz", "file": name},
            )
        except SkeletonFormatError as exc:
            raise SkeletonFormatError(f"{name}: entry {key!r}: {exc}") from exc
    return out


def save_published_npz(
    path: str | os.PathLike[str], sequences: dict[str, SkeletonSequence]
) -> None:
    """Write sequences in the published layout at ``path`` atomically; see module notes."""
    if not sequences:
        raise SkeletonFormatError("No sequences to write.")
    layouts = {seq.layout for seq in sequences.values()}
    bad = layouts - set(PUBLISHED_WIDTHS.values())
    if bad:
        raise SkeletonFormatError(
            f"The published layout holds h36m17 or ntu25 skeletons, not {sorted(bad)}; "
            f"convert with to_layout first."
        )
    if len(layouts) > 1:
        raise SkeletonFormatError(
            f"All sequences of one published file must share a layout, got {sorted(layouts)}."
        )
    arrays: dict[str, np.ndarray] = {}
    for key, seq in sequences.items():
        if not isinstance(key, str) or not key:
            raise SkeletonFormatError(f"Sequence keys must be non-empty strings, got {key!r}.")
        missing = ~np.isfinite(seq.joints).all(axis=2)
        if missing.any():
            n_frames = int(missing.any(axis=1).sum())
            raise SkeletonFormatError(
                f"Sequence {key!r} has missing joints in {n_frames} of {seq.num_frames} "
                f"frames; the published layout cannot mark them, so interpolate or trim first."
            )
        joints = seq.joints.astype(np.float32)
        if joints.shape[2] == 2:
            joints = np.concatenate([joints, np.zeros_like(joints[..., :1])], axis=2)
        arrays[key] = joints.reshape(seq.num_frames, seq.num_joints * 3)
    _write_npz_atomic(path, arrays)
