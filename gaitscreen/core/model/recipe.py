"""Window recipes: how a walk is cut into classifier windows, and which windows R counts.

A model only gives the probabilities it was validated with when its windows are cut
the way it saw them, so the recipe is part of the model card (``window_recipe``):

* ``frames``: samples per window (the network's input length).
* ``sampling``: ``"consecutive"`` — ``frames`` consecutive samples at the model's
  frame rate — or ``"span"`` — a span of ``span_s`` seconds sampled at ``frames``
  evenly spaced positions (linear interpolation), as the published training sampled
  each ~3-s clip.
* ``stride``: samples (at the model's frame rate) between window starts.
* ``index``: the time index fed beside the joints. ``"absolute"``:
  ``2 · position / frames − 1`` with the position counted from the walk's first
  sample, so it grows past 1 after the first window (the published inference);
  ``"per-window"``: ``2 j / frames − 1`` for the window's sample ``j`` (GaitScreen's
  default); ``"span"``: ``2 · (position − start) / span_samples − 1``, in [−1, 1)
  over the span (the published training). Window samples are evenly spaced, so
  ``span`` gives the same numbers as ``per-window`` except on a walk shorter than one
  window (index over the walk's samples); what ``span`` sampling changes is how much
  time 64 samples cover. GaitScreen's span windows take the whole span at fixed
  positions; the published training's central-95 % crop and random jitter within
  each bin are not reproduced.
* ``starts``: ``"through-last"`` — ``range(0, T − L + 1, stride)``, a window may end
  on the last sample — or ``"published"`` — ``range(0, T − L, stride)``, as the
  published inference script (a start at exactly ``T − L`` is never used). ``T`` is
  the walk's length and ``L`` the window's span in samples. A walk too short for any
  start gives one window stretched over the whole walk (at least ``min_duration_s``).
* ``rate_rule``: which windows the instability rate counts by default:
  ``"non-overlapping"`` — the first window, then each next window starting at or
  after the end of the last counted one (stride 8, 64 frames: starts 0, 64, 128, …,
  the published evaluation behind the quoted 14.3 % / 46.2 % figures) — or
  ``"all-windows"`` (every stride window, the published inference script).

A card without a recipe (files written before recipes existed) gets
:func:`default_recipe`, GaitScreen's behaviour of that time, and says so.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields
from typing import Any

import numpy as np

from ..errors import ModelError
from ..i18n import N_

__all__ = [
    "ALL_WINDOWS",
    "INDEX_MODES",
    "NON_OVERLAPPING",
    "NOT_RECORDED",
    "RATE_RULES",
    "SAMPLINGS",
    "START_RULES",
    "WindowRecipe",
    "card_section",
    "counted_windows",
    "default_recipe",
    "index_positions",
    "published_recipe",
    "sample_positions",
    "span_recipe",
    "window_starts",
]

NON_OVERLAPPING = "non-overlapping"
ALL_WINDOWS = "all-windows"
RATE_RULES = (NON_OVERLAPPING, ALL_WINDOWS)
SAMPLINGS = ("consecutive", "span")
INDEX_MODES = ("absolute", "per-window", "span")
START_RULES = ("through-last", "published")
NOT_RECORDED = "window recipe not recorded in the model card; GaitScreen's default used"

#: The parts of :meth:`WindowRecipe.describe` that name a recipe's choices (worded where shown).
START_WORDS = {"published": N_("starts at range(0, T − L, stride), as the published inference"),
               "through-last": N_("starts up to the last full window")}
INDEX_WORDS = {"absolute": N_("an absolute time index over the walk"),
               "per-window": N_("a time index over each window"),
               "span": N_("a time index over each span")}


@dataclass(frozen=True)
class WindowRecipe:
    """How windows are cut and indexed, and the default rate rule; see the module notes."""

    frames: int = 64
    sampling: str = "consecutive"
    span_s: float | None = None
    stride: int = 8
    index: str = "per-window"
    starts: str = "through-last"
    rate_rule: str = NON_OVERLAPPING

    def __post_init__(self) -> None:
        problems = []
        for name in ("frames", "stride"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                problems.append(f"{name} {value!r} (a positive integer)")
        for name, allowed in (("sampling", SAMPLINGS), ("index", INDEX_MODES), ("starts", START_RULES),
                              ("rate_rule", RATE_RULES)):
            if getattr(self, name) not in allowed:
                problems.append(f"{name} {getattr(self, name)!r} (one of {', '.join(allowed)})")
        if self.sampling == "span":
            if not (isinstance(self.span_s, (int, float)) and not isinstance(self.span_s, bool)
                    and math.isfinite(self.span_s) and self.span_s > 0):
                problems.append(f"span_s {self.span_s!r} (a positive number of seconds for span sampling)")
        elif self.span_s is not None:
            problems.append("span_s is only used with span sampling")
        if problems:
            raise ModelError("Unsupported window recipe: " + "; ".join(problems) + ".")
        if self.span_s is not None:
            object.__setattr__(self, "span_s", float(self.span_s))

    def span_samples(self, fps: float) -> int:
        """Samples (at ``fps``) one window covers: ``frames``, or ``span_s`` seconds."""
        if self.sampling == "consecutive":
            return self.frames
        return max(2, int(round(self.span_s * fps)))

    def describe(self, fps: float) -> str:
        """One sentence for the report's method text: English, remembering its template and
        values (a :class:`~gaitscreen.core.analysis.protocol_words.Said`) so the reader's
        language words it where it is shown."""
        from ..analysis.protocol_words import say_n  # the analysis package imports this module

        values = {"frames": self.frames, "stride": self.stride, "starts": START_WORDS[self.starts],
                  "index": INDEX_WORDS[self.index]}
        if self.sampling == "consecutive":
            return say_n("Windows: {frames} consecutive frames at {fps:g} fps, every {stride} frame ({starts}), "
                         "with {index}.",
                         "Windows: {frames} consecutive frames at {fps:g} fps, every {stride} frames ({starts}), "
                         "with {index}.", "stride", fps=float(fps), **values)
        return say_n("Windows: {span:g}-s spans sampled to {frames} frames, every {stride} frame ({starts}), "
                     "with {index}.",
                     "Windows: {span:g}-s spans sampled to {frames} frames, every {stride} frames ({starts}), "
                     "with {index}.", "stride", span=self.span_s, **values)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> WindowRecipe:
        """Build from a card's ``window_recipe``; unknown fields → ModelError (a newer writer)."""
        return card_section(cls, data, "window_recipe")


def card_section(cls: Any, data: Any, key: str, required: tuple[str, ...] = ()) -> Any:
    """The dataclass ``cls`` from the model card's ``key`` entry (its ``input``, its ``window_recipe``).

    ModelError for an entry that is not an object, has fields this version does not
    know (a newer GaitScreen wrote it) or lacks one of ``required``.
    """
    if not isinstance(data, dict):
        raise ModelError(f"The model card's {key} must be an object, got {type(data).__name__}.")
    unknown = sorted(set(data) - {f.name for f in fields(cls)})
    if unknown:
        raise ModelError(f"The model card's {key} has fields this GaitScreen does not know: "
                         f"{unknown}; it was written by a newer version.")
    missing = sorted(set(required) - set(data))
    if missing:
        raise ModelError(f"The model card's {key} lacks {missing}.")
    return cls(**data)


def default_recipe(frames: int = 64, stride: int = 8) -> WindowRecipe:
    """GaitScreen's own recipe (and the one for cards without a recipe)."""
    return WindowRecipe(frames=frames, stride=stride)


def published_recipe() -> WindowRecipe:
    """The published inference: 64 consecutive frames, ``range(0, T − 64, 8)``, absolute index."""
    return WindowRecipe(frames=64, sampling="consecutive", stride=8, index="absolute", starts="published")


def span_recipe(span_s: float = 3.0, frames: int = 64, stride: int = 8) -> WindowRecipe:
    """Training-matched: a ``span_s`` span sampled to ``frames`` samples, index over the span."""
    return WindowRecipe(frames=frames, sampling="span", span_s=span_s, stride=stride, index="span")


def window_starts(length: int, recipe: WindowRecipe, fps: float) -> np.ndarray:
    """First sample of each full window of a ``length``-sample walk; empty when none fits."""
    span = recipe.span_samples(fps)
    stop = length - span + (1 if recipe.starts == "through-last" else 0)
    return np.arange(0, max(stop, 0), recipe.stride, dtype=np.int64)


def counted_windows(starts: np.ndarray, ends: np.ndarray, rule: str) -> np.ndarray:
    """Indices of the windows the rate ``rule`` counts, from window starts and (exclusive) ends,
    in samples or seconds.

    ``non-overlapping``: the first window, then each window starting at or after the end
    of the last counted one; ``all-windows``: every window.
    """
    if rule not in RATE_RULES:
        raise ValueError(f"rate rule must be one of {RATE_RULES}, got {rule!r}")
    starts, ends = np.asarray(starts, dtype=np.float64), np.asarray(ends, dtype=np.float64)
    if rule == ALL_WINDOWS:
        return np.arange(len(starts), dtype=np.int64)
    picked, end = [], -math.inf
    for k, (s, e) in enumerate(zip(starts, ends)):
        if s >= end - 1e-6:  # tolerance far below one sample (1/fps s)
            picked.append(k)
            end = e
    return np.asarray(picked, dtype=np.int64)


def index_positions(positions: np.ndarray, starts: np.ndarray, recipe: WindowRecipe, span: int) -> np.ndarray:
    """The time index of windows whose samples lie at ``positions`` (N, frames), from ``starts``."""
    if recipe.index == "absolute":
        out = 2.0 * positions / recipe.frames - 1.0
    elif recipe.index == "per-window":
        out = np.repeat((2.0 * np.arange(recipe.frames) / recipe.frames - 1.0)[None, :], len(positions), axis=0)
    else:
        out = 2.0 * (positions - starts[:, None]) / span - 1.0
    return out.astype(np.float32)


def sample_positions(length: int, recipe: WindowRecipe, fps: float, min_duration_s: float):
    """Window starts ``(N,)``, sample positions ``(N, frames)`` (fractional sample indices) and
    each window's span in samples, for a ``length``-sample walk.

    A walk too short for one full window but at least ``min_duration_s`` long gives one
    window whose ``frames`` positions spread evenly over the whole walk.
    """
    span = recipe.span_samples(fps)
    starts = window_starts(length, recipe, fps)
    if len(starts):
        offsets = np.arange(recipe.frames, dtype=np.float64) * (span / recipe.frames)
        return starts, starts[:, None] + offsets[None, :], span
    if length > 0 and length / fps >= min_duration_s - 1e-9:
        return np.zeros(1, np.int64), np.linspace(0.0, length - 1, recipe.frames)[None, :], max(length, 1)
    return np.zeros(0, np.int64), np.zeros((0, recipe.frames)), span
