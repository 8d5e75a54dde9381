"""From a patient skeleton to classifier input windows.

Pipeline (:func:`prepare_sequence`, then :func:`make_windows`):

1. Layout: the skeleton is converted coco17 → h36m17 → ntu25 → ``model24`` (the 24
   NTU joints in the classifier's order, NTU joint 20 dropped).
2. Gaps: joints missing in some samples (NaN, including every sample where the
   subject is absent) are filled per joint and coordinate by linear interpolation
   over the real timestamps, held constant before the first and after the last
   observation. Which samples were absent is kept in the ``missing`` mask.
3. Time: the filled sequence is resampled linearly to ``spec.fps`` on the grid
   ``t0 + k / fps`` (``t0`` the first timestamp) up to the last timestamp, using the
   recorded timestamps, so dropped frames and variable frame rates are honoured.
   A resampled sample is *missing* when any source sample it is interpolated from
   (with non-zero weight) was absent.
4. Normalisation (see :data:`NORM_2D`, :data:`NORM_3D`):

   * origin: NTU joint 1 (spine middle) of the first non-missing sample is
     subtracted from every joint of every sample;
   * 2-D only: coordinates are divided by the subject's *pixel body height* and
     ``y`` is negated so that up is positive; the third channel is 0.
     Body height = median, over the frames where the subject is present and the
     head (NTU 3) and both ankles (NTU 14, 18) are all detected, of the vertical
     distance ``|y_head − (y_left_ankle + y_right_ankle) / 2|`` in pixels. The head
     joint is the face centre for COCO input, so this is about 0.9 × stature. The
     median ignores the odd frame with a misplaced joint; it is one number for the
     whole walk (a subject walking towards the camera grows in the image).
   * 3-D: metres are kept; only the origin is subtracted. ``body_height`` then
     reports the median head-to-ankle-midpoint *distance* for information.

Windows are cut by a :class:`~gaitscreen.core.model.recipe.WindowRecipe` (the model
card's; without one, ``spec.frames`` consecutive samples every ``spec.stride``
samples with a per-window time index); a walk shorter than one window but at least
``spec.min_duration_s`` long gives one window stretched (linearly in time) to
``spec.frames`` samples.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from ..errors import ModelError, SkeletonFormatError
from ..skeleton import MODEL24_FROM_NTU25, MODEL24_NAMES, SkeletonSequence, convert
from .recipe import WindowRecipe, card_section, default_recipe, index_positions, sample_positions

__all__ = [
    "NORM_2D",
    "NORM_3D",
    "InputSpec",
    "PreparedSequence",
    "Windows",
    "index_t_for",
    "make_windows",
    "prepare_sequence",
]

#: 2-D rule: origin at the first valid spine joint, divided by pixel body height, y up, z = 0.
NORM_2D = "spine-origin/body-height/y-up"
#: 3-D rule: origin at the first valid spine joint, metres kept.
NORM_3D = "spine-origin/metres"
_NORM_FOR_DIMS = {2: NORM_2D, 3: NORM_3D}

_SPINE = MODEL24_FROM_NTU25.index(1)
_HEAD = MODEL24_FROM_NTU25.index(3)
_ANKLES = (MODEL24_FROM_NTU25.index(14), MODEL24_FROM_NTU25.index(18))
_JOINTS = len(MODEL24_FROM_NTU25)


@dataclass(frozen=True)
class InputSpec:
    """What a classifier consumes; stored in its model card."""

    layout: str = "ntu24"
    dims: int = 2
    channels: int = 3
    persons: int = 2
    frames: int = 64
    stride: int = 8
    fps: float = 30.0
    normalisation: str = NORM_2D
    min_duration_s: float = 1.0

    def __post_init__(self) -> None:
        problems = []
        if self.layout != "ntu24":
            problems.append(f"layout {self.layout!r} (GaitScreen prepares only 'ntu24')")
        if self.dims not in (2, 3):
            problems.append(f"dims {self.dims!r} (2 or 3)")
        if self.channels != 3:
            problems.append(f"channels {self.channels!r} (GaitScreen gives 3: x, y, z)")
        for name in ("persons", "frames", "stride"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                problems.append(f"{name} {value!r} (a positive integer)")
        if not (isinstance(self.fps, (int, float)) and math.isfinite(self.fps) and self.fps > 0):
            problems.append(f"fps {self.fps!r} (a positive number)")
        if not (isinstance(self.min_duration_s, (int, float)) and self.min_duration_s >= 0):
            problems.append(f"min_duration_s {self.min_duration_s!r} (a number >= 0)")
        if self.dims in _NORM_FOR_DIMS and self.normalisation != _NORM_FOR_DIMS[self.dims]:
            problems.append(
                f"normalisation {self.normalisation!r} for {self.dims}-D input "
                f"(GaitScreen knows {_NORM_FOR_DIMS[self.dims]!r})"
            )
        if problems:
            raise ModelError("Unsupported model input: " + "; ".join(problems) + ".")
        object.__setattr__(self, "fps", float(self.fps))
        object.__setattr__(self, "min_duration_s", float(self.min_duration_s))

    @classmethod
    def for_dims(cls, dims: int, **overrides: Any) -> InputSpec:
        """The default spec for ``dims``-D skeletons with its normalisation rule."""
        return cls(dims=dims, normalisation=_NORM_FOR_DIMS.get(dims, ""), **overrides)

    @property
    def window_s(self) -> float:
        """Seconds one full window covers."""
        return self.frames / self.fps

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> InputSpec:
        """Build from a card's ``input`` entry; unknown or missing fields → ModelError."""
        return card_section(cls, data, "input", required=("layout", "dims", "normalisation"))


@dataclass
class PreparedSequence:
    """A skeleton resampled to ``fps``, gaps filled and normalised, in model24 order."""

    joints: np.ndarray  # (T', 24, 3) float32
    timestamps: np.ndarray  # (T',) seconds, on the skeleton's clock
    missing: np.ndarray  # (T',) bool: the subject was absent there
    body_height: float  # pixels (2-D) or metres (3-D)
    fps: float

    def __len__(self) -> int:
        return int(self.joints.shape[0])

    @property
    def duration_s(self) -> float:
        return len(self) / self.fps


@dataclass
class Windows:
    """Classifier input windows cut from one :class:`PreparedSequence`."""

    x: np.ndarray  # (N, 3, frames, 24, persons) float32; persons after the first are zero
    index_t: np.ndarray  # (N, frames) float32, by the recipe's index mode
    start: np.ndarray  # (N,) first sample index in the prepared sequence
    start_s: np.ndarray  # (N,) seconds
    end_s: np.ndarray  # (N,) seconds (exclusive end)
    missing_share: np.ndarray  # (N,) share of the window's samples that were missing
    span: int = 0  # samples of the prepared sequence one window covers

    def __len__(self) -> int:
        return int(self.x.shape[0])


def _check_dims(skeleton: SkeletonSequence, spec: InputSpec) -> int:
    dims = int(skeleton.joints.shape[2])
    if dims != spec.dims:
        origin = (
            "the pose stage gives 2-D image coordinates" if dims == 2 else "it holds 3-D coordinates"
        )
        raise ModelError(
            f"This model expects {spec.dims}-D skeletons, but the skeleton is {dims}-D ({origin}); "
            "use a model trained on the same kind of skeleton."
        )
    return dims


def _fill_gaps(values: np.ndarray, times: np.ndarray) -> np.ndarray:
    """Linear interpolation over time of NaN entries, per column; edges held."""
    flat = values.reshape(values.shape[0], -1).astype(np.float64)
    finite = np.isfinite(flat)
    out = flat.copy()
    for col in np.flatnonzero(~finite.all(axis=0)):
        ok = finite[:, col]
        out[~ok, col] = np.interp(times[~ok], times[ok], flat[ok, col])
    return out.reshape(values.shape)


def _resample(values: np.ndarray, absent: np.ndarray, times: np.ndarray, fps: float):
    """Linear resampling onto ``times[0] + k / fps``; returns values, grid, missing."""
    count = int(math.floor((times[-1] - times[0]) * fps + 1e-6)) + 1
    grid = times[0] + np.arange(count, dtype=np.float64) / fps
    if len(times) == 1:
        return values[[0] * count], grid, absent[[0] * count]
    right = np.clip(np.searchsorted(times, grid, side="right"), 1, len(times) - 1)
    left = right - 1
    span = times[right] - times[left]
    w = np.clip((grid - times[left]) / span, 0.0, 1.0)
    w_shape = (-1,) + (1,) * (values.ndim - 1)
    out = (1 - w).reshape(w_shape) * values[left] + w.reshape(w_shape) * values[right]
    eps = 1e-9
    missing = (absent[left] & (w < 1 - eps)) | (absent[right] & (w > eps))
    return out, grid, missing


def _body_height(joints: np.ndarray, present: np.ndarray, dims: int) -> float:
    head = joints[:, _HEAD, :]
    feet = 0.5 * (joints[:, _ANKLES[0], :] + joints[:, _ANKLES[1], :])
    usable = present & np.isfinite(head).all(axis=1) & np.isfinite(feet).all(axis=1)
    if not usable.any():
        raise SkeletonFormatError(
            "The subject's head and both ankles are never detected in the same frame, so the "
            "skeleton cannot be scaled to body height."
        )
    if dims == 2:
        extent = np.abs(head[usable, 1] - feet[usable, 1])
    else:
        extent = np.linalg.norm(head[usable] - feet[usable], axis=1)
    height = float(np.median(extent))
    if not height > 1e-6:
        raise SkeletonFormatError("The subject's body height in the skeleton is zero; it cannot be scaled.")
    return height


def prepare_sequence(skeleton: SkeletonSequence, spec: InputSpec) -> PreparedSequence:
    """Convert, gap-fill, resample and normalise ``skeleton`` for a model with ``spec``."""
    dims = _check_dims(skeleton, spec)
    present = np.asarray(skeleton.present, dtype=bool)
    if skeleton.num_frames == 0 or not present.any():
        raise SkeletonFormatError("The skeleton has no frame with the subject present; nothing to classify.")
    joints, _ = convert(skeleton.joints, None, skeleton.layout, "model24")
    joints = np.asarray(joints, dtype=np.float64)
    joints[~present] = np.nan
    never = ~np.isfinite(joints).all(axis=2).any(axis=0)
    if never.any():
        names = ", ".join(dict.fromkeys(MODEL24_NAMES[j] for j in np.flatnonzero(never)))
        raise SkeletonFormatError(f"Some joints are never detected in the skeleton: {names}.")
    height = _body_height(joints, present, dims)

    times = np.asarray(skeleton.timestamps, dtype=np.float64)
    filled = _fill_gaps(joints, times)
    values, grid, missing = _resample(filled, ~present, times, spec.fps)

    valid = np.flatnonzero(~missing)
    first = int(valid[0]) if valid.size else 0
    values = values - values[first, _SPINE, :]
    out = np.zeros((values.shape[0], _JOINTS, 3), dtype=np.float64)
    if dims == 2:
        out[..., 0] = values[..., 0] / height
        out[..., 1] = -values[..., 1] / height
    else:
        out[...] = values
    return PreparedSequence(
        joints=out.astype(np.float32),
        timestamps=grid,
        missing=missing.astype(bool),
        body_height=height,
        fps=spec.fps,
    )


def _empty_windows(spec: InputSpec) -> Windows:
    return Windows(
        x=np.zeros((0, spec.channels, spec.frames, _JOINTS, spec.persons), dtype=np.float32),
        index_t=np.zeros((0, spec.frames), dtype=np.float32),
        start=np.zeros(0, dtype=np.int64),
        start_s=np.zeros(0, dtype=np.float64),
        end_s=np.zeros(0, dtype=np.float64),
        missing_share=np.zeros(0, dtype=np.float64),
    )


def index_t_for(frames: int, count: int = 1) -> np.ndarray:
    """Frame positions ``2 t / frames - 1`` for ``count`` windows, ``(count, frames)``."""
    row = (2.0 * np.arange(frames) / frames - 1.0).astype(np.float32)
    return np.repeat(row[None, :], count, axis=0)


def make_windows(prepared: PreparedSequence, spec: InputSpec, *, stride: int | None = None,
                 recipe: WindowRecipe | None = None) -> Windows:
    """Cut ``prepared`` into windows by ``recipe`` (default: :func:`default_recipe` of ``spec``);
    ``stride`` overrides the recipe's stride."""
    recipe = recipe or default_recipe(spec.frames, spec.stride)
    if stride is not None:
        if int(stride) < 1:
            raise ValueError(f"stride must be a positive integer, got {stride!r}")
        recipe = dataclasses.replace(recipe, stride=int(stride))
    if recipe.frames != spec.frames:
        raise ModelError(f"The window recipe cuts {recipe.frames}-frame windows; the model takes {spec.frames}.")
    if abs(prepared.fps - spec.fps) > 1e-9:
        raise ValueError(f"the sequence was prepared at {prepared.fps} fps, the spec asks for {spec.fps}")
    length, period = len(prepared), 1.0 / prepared.fps
    start, pos, span = sample_positions(length, recipe, prepared.fps, spec.min_duration_s)
    if len(start) == 0:
        return _empty_windows(spec)
    lo = np.floor(pos + 1e-9).astype(np.int64)
    hi = np.minimum(lo + 1, length - 1)
    w = np.clip(pos - lo, 0.0, 1.0)[..., None, None]
    clips = (1 - w) * prepared.joints[lo] + w * prepared.joints[hi]  # (N, frames, 24, 3)
    covered = start[:, None] + np.arange(span)[None, :]  # the samples each window spans
    missing_share = prepared.missing[covered].mean(axis=1)
    start_s = prepared.timestamps[start]
    end_s = start_s + span * period
    n = clips.shape[0]
    x = np.zeros((n, spec.channels, spec.frames, _JOINTS, spec.persons), dtype=np.float32)
    x[..., 0] = clips.transpose(0, 3, 1, 2)
    return Windows(
        x=x,
        index_t=index_positions(pos, start, recipe, span),
        start=start,
        start_s=np.asarray(start_s, dtype=np.float64),
        end_s=np.asarray(end_s, dtype=np.float64),
        missing_share=np.asarray(missing_share, dtype=np.float64),
        span=int(span),
    )
