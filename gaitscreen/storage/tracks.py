"""``tracks.npz``: every person the tracker followed in one video.

A compressed npz readable with ``numpy.load(allow_pickle=False)``. The tracks'
detections are concatenated, track after track; ``track_lengths`` says how many
rows belong to each track:

=================  ===========  ==========================================
``meta_json``      0-d str      ``{"format": "gaitscreen.tracks", "version": 1}``
``track_ids``      (N,) int64   tracker id of each track
``track_lengths``  (N,) int64   detections of each track
``velocity``       (N, 4) f32   last box velocity (px/s) of each track
``samples``        (M,) int64   sampled-frame index of each detection
``frame_indices``  (M,) int64   video frame index of each detection
``timestamps``     (M,) f64     seconds
``boxes``          (M, 4) f32   x1, y1, x2, y2 pixels
``scores``         (M,) f32     person confidence
``keypoints``      (M, 17, 2)   COCO-17 pixels
``keypoint_conf``  (M, 17)      keypoint confidences
``fragment_counts`` (N,) int64  tracker fragments joined into each track
                                (0: never split); optional
``fragment_ids``   (K,) int64   those fragments' tracker ids, track after
                                track; optional
=================  ===========  ==========================================

A track is a *person*: the pose stage joins the fragments of one person before it
saves them (see :mod:`gaitscreen.core.track_join`); its id is its earliest fragment's.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np

from ..core.errors import SkeletonFormatError
from ..core.fileio import atomic_output, check_format_version
from ..core.pose.pipeline import PoseRun  # noqa: F401 - before core.tracking (they import each other)
from ..core.pose.types import NUM_KEYPOINTS
from ..core.tracking import Track

FORMAT_TAG = "gaitscreen.tracks"
FORMAT_VERSION = 1


def save_tracks(path: str | os.PathLike[str], tracks: list[Track], frame_of_time=None) -> None:
    """Write ``tracks`` atomically. ``frame_of_time(timestamps) -> frame indices``
    maps detection times to video frames (default: the sample index)."""
    lengths = np.array([len(t.samples) for t in tracks], np.int64)
    samples = np.array([s for t in tracks for s in t.samples], np.int64)
    stamps = np.array([s for t in tracks for s in t.timestamps], np.float64)
    frames = np.asarray(frame_of_time(stamps), np.int64) if frame_of_time is not None else samples.copy()
    arrays = {
        "meta_json": np.asarray(json.dumps({"format": FORMAT_TAG, "version": FORMAT_VERSION})),
        "track_ids": np.array([t.track_id for t in tracks], np.int64),
        "track_lengths": lengths,
        "velocity": np.array([np.asarray(t.velocity, np.float32).reshape(4) for t in tracks],
                             np.float32).reshape(-1, 4),
        "samples": samples,
        "frame_indices": frames,
        "timestamps": stamps,
        "boxes": _stack([b for t in tracks for b in t.boxes], (4,)),
        "scores": np.array([s for t in tracks for s in t.scores], np.float32),
        "keypoints": _stack([k for t in tracks for k in t.keypoints], (NUM_KEYPOINTS, 2)),
        "keypoint_conf": _stack([c for t in tracks for c in t.keypoint_conf], (NUM_KEYPOINTS,)),
        "fragment_counts": np.array([len(t.fragments) for t in tracks], np.int64),
        "fragment_ids": np.array([f for t in tracks for f in t.fragments], np.int64),
    }
    with atomic_output(path) as tmp:
        with open(tmp, "wb") as fh:
            np.savez_compressed(fh, **arrays)


def load_tracks(path: str | os.PathLike[str]) -> list[Track]:
    """Read a file written by :func:`save_tracks`; SkeletonFormatError if it is not one."""
    path = Path(path)
    try:
        with open(path, "rb") as fh, np.load(fh, allow_pickle=False) as data:
            arrays = {key: data[key] for key in data.files}
    except FileNotFoundError:
        raise SkeletonFormatError(f"Tracks file not found: {path}") from None
    except (OSError, ValueError, EOFError, KeyError) as exc:
        raise SkeletonFormatError(f"{path.name} is not a readable tracks file: {exc}") from exc
    try:
        meta = json.loads(str(arrays["meta_json"][()]))
        if meta.get("format") != FORMAT_TAG:
            raise SkeletonFormatError(f"{path.name} is not a GaitScreen tracks file.")
        check_format_version(meta.get("version", 1), FORMAT_VERSION, subject=path.name, kind="tracks",
                             error=SkeletonFormatError)
        lengths = arrays["track_lengths"]
        ends = np.cumsum(lengths)
        counts = arrays.get("fragment_counts", np.zeros(len(lengths), np.int64))
        fragment_ends = np.cumsum(counts)
        fragment_ids = arrays.get("fragment_ids", np.zeros(0, np.int64))
        tracks = []
        for i, track_id in enumerate(arrays["track_ids"]):
            a, b = int(ends[i] - lengths[i]), int(ends[i])
            tracks.append(Track(
                track_id=int(track_id),
                samples=[int(v) for v in arrays["samples"][a:b]],
                timestamps=[float(v) for v in arrays["timestamps"][a:b]],
                boxes=list(arrays["boxes"][a:b].astype(np.float32)),
                scores=[float(v) for v in arrays["scores"][a:b]],
                keypoints=list(arrays["keypoints"][a:b]),
                keypoint_conf=list(arrays["keypoint_conf"][a:b]),
                velocity=arrays["velocity"][i].astype(np.float32),
                fragments=[int(f) for f in fragment_ids[int(fragment_ends[i] - counts[i]):int(fragment_ends[i])]],
            ))
        return tracks
    except SkeletonFormatError:
        raise
    except (KeyError, ValueError, TypeError, IndexError, AttributeError) as exc:
        raise SkeletonFormatError(f"{path.name} has an invalid tracks layout: {exc}") from exc


def track_frames(path: str | os.PathLike[str]) -> dict[int, np.ndarray]:
    """Video frame index of every detection, per track id."""
    with open(path, "rb") as fh, np.load(fh, allow_pickle=False) as data:
        lengths, ids, frames = data["track_lengths"], data["track_ids"], data["frame_indices"]
    ends = np.cumsum(lengths)
    return {int(t): frames[int(e - n):int(e)] for t, n, e in zip(ids, lengths, ends)}


def _stack(items: list, shape: tuple[int, ...]) -> np.ndarray:
    if not items:
        return np.zeros((0, *shape), np.float32)
    return np.stack([np.asarray(x, np.float32).reshape(shape) for x in items])
