"""From the patient's skeleton and a stability classifier to the screening result.

The published method: the walk is cut into 64-frame windows (stride 8) at the
model's frame rate — exactly how is the model card's window recipe
(:mod:`gaitscreen.core.model.recipe`); a window is unstable when P(unstable) > 0.5;
the instability rate R is unstable / counted windows, counted by the rate rule
(:mod:`.rate`; non-overlapping windows by default, the study's evaluation; the
all-windows rate is reported beside it); R ≥ 0.5 reads "mostly unstable", else
"mostly stable". Raters label 3-second clips, so the result also cuts the walk
into consecutive 3-s clips and says which windows (by their centre) belong to
each, so that the annotation panel and the model speak about the same clips.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

import numpy as np

from ..callbacks import CancelFn, ProgressFn, check_cancel, no_progress
from ..model.checkpoint import check_input_compatible
from ..model.inputs import make_windows, prepare_sequence
from ..model.recipe import ALL_WINDOWS, NON_OVERLAPPING
from ..skeleton import SkeletonSequence
from ..i18n import N_
from .protocol_words import say, wording_of
from .rate import (  # the risk-group names are re-exported from here, as before
    INSUFFICIENT, MOSTLY_STABLE, MOSTLY_UNSTABLE, RULE_LABELS, RateCount, check_rule, group_of, low_confidence_note,
    rates_for,
)


@dataclass(frozen=True)
class AnalysisSettings:
    """Every threshold of the analysis; recorded with each result."""

    threshold: float = 0.5  # a window is unstable when P(unstable) > threshold
    risk_cut: float = 0.5  # R ≥ risk_cut → mostly unstable
    stride: int | None = None  # window stride in model frames; None: the model card's recipe
    rate_rule: str | None = None  # "non-overlapping" or "all-windows"; None: the card's (non-overlapping)
    clip_s: float = 3.0  # length of the clips raters label
    min_coverage: float = 0.5  # patient visible in at least this share of the walk
    max_window_missing: float = 0.5  # windows missing more of the patient are not counted

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class WindowResult:
    start_s: float
    end_s: float
    p_unstable: float | None  # None: not classified (too much of the patient missing)
    unstable: bool | None
    missing_share: float
    non_overlapping: bool = False  # one of the non-overlapping windows (starts 0, 64, 128, … frames)
    counted: bool = False  # counted in R by the result's rate rule


@dataclass
class ClipResult:
    index: int
    start_s: float
    end_s: float
    windows: list[int]  # indices into the result's windows (by window centre)
    p_mean: float | None
    unstable_share: float | None
    label: str | None  # "stable", "unstable" or None when no window was classified


@dataclass
class Quality:
    duration_s: float
    frames: int
    coverage: float  # share of frames with the patient (measured or interpolated)
    frames_interpolated: int  # frames filled across short gaps
    mean_keypoint_confidence: float
    windows_excluded: int
    flags: list[str] = field(default_factory=list)


@dataclass
class ScreeningResult:
    """Everything the report shows; ``to_dict`` is what the JSON holds."""

    windows: list[WindowResult]
    clips: list[ClipResult]
    instability_rate: float | None
    unstable_windows: int
    counted_windows: int
    risk_group: str
    risk_reason: str
    quality: Quality
    settings: AnalysisSettings
    model: dict[str, Any]
    rate_rule: str = NON_OVERLAPPING
    rates: dict[str, RateCount] = field(default_factory=dict)
    window_recipe: dict[str, Any] = field(default_factory=dict)
    low_confidence: bool = False

    def to_dict(self) -> dict[str, Any]:
        def rate(rule: str) -> float | None:
            return self.rates[rule].rate if rule in self.rates else None

        return {
            "instability_rate": self.instability_rate,
            "rate_rule": self.rate_rule,
            "rate_rule_label": RULE_LABELS[self.rate_rule],
            "instability_rate_non_overlapping": rate(NON_OVERLAPPING),
            "instability_rate_all_windows": rate(ALL_WINDOWS),
            "rates": {r: c.to_dict() for r, c in self.rates.items()},
            "low_confidence": self.low_confidence,
            "window_recipe": dict(self.window_recipe),
            "risk_group": self.risk_group,
            "risk_reason": self.risk_reason,
            "unstable_windows": self.unstable_windows,
            "counted_windows": self.counted_windows,
            "windows": [asdict(w) for w in self.windows],
            "clips": [asdict(c) for c in self.clips],
            "quality": {**asdict(self.quality), "flags": [str(f) for f in self.quality.flags],
                        "wording": wording_of([*self.quality.flags, self.risk_reason])},
            "settings": self.settings.to_dict(),
            "model": dict(self.model),
        }


#: The model notices a report stores (English; shown through the catalogue).
SYNTHETIC_NOTICE = N_("Trained on synthetic skeletons: it demonstrates the workflow and is not a validated "
                      "clinical model.")
UNVALIDATED_NOTICE = N_("Not clinically validated.")


def model_description(classifier: Any) -> dict[str, Any]:
    """Name, version, sha256 and provenance of the classifier behind every number.

    ``summary`` and ``training_data`` stay English; ``wording`` maps each of them that
    GaitScreen worded to its template and values, so they show in the reader's language
    (``stored_text(text, model["wording"])``)."""
    card = classifier.card
    training = card.training_data or {}
    synthetic = bool(training.get("synthetic", False))
    if synthetic:
        notice = SYNTHETIC_NOTICE
    elif not card.clinically_validated:
        notice = UNVALIDATED_NOTICE
    else:
        notice = ""
    summary = card.summary()
    description = card.description()
    return {
        "name": card.name,
        "version": card.version,
        "sha256": classifier.sha256,
        "architecture": card.architecture_name,
        "synthetic_training_data": synthetic,
        "notice": notice,
        "clinically_validated": bool(card.clinically_validated),
        "training_data": str(description),
        "summary": str(summary),
        "wording": wording_of([summary, description]),
        "runtime": type(classifier).__name__.replace("Classifier", "").lower() or "unknown",
    }


def walk_problem(skeleton: SkeletonSequence, settings: AnalysisSettings | None = None, *,
                 min_duration_s: float) -> str | None:
    """Why ``skeleton`` cannot be screened (too short, the patient too rarely seen), or None.

    The one home of the rule: the analysis turns it into an "insufficient data"
    result, ``gaitscreen pose`` into an error (unless --allow-low-coverage).
    """
    settings = settings or AnalysisSettings()
    duration = float(skeleton.duration_s)
    if duration < min_duration_s:
        return say(N_("The walk lasts {walk:.1f} s; the model needs at least {minimum:.1f} s."),
                   walk=duration, minimum=min_duration_s)
    coverage = float(skeleton.coverage)
    if coverage < settings.min_coverage:
        return say(N_("The patient was visible in only {share:.0%} of the walk (at least {needed:.0%} needed)."),
                   share=coverage, needed=settings.min_coverage)
    return None


def analyse(
    skeleton: SkeletonSequence,
    classifier: Any,
    settings: AnalysisSettings | None = None,
    *,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
) -> ScreeningResult:
    """Classify the patient's walk and derive R, the risk group and data quality."""
    settings = settings or AnalysisSettings()
    progress = progress or no_progress
    card = classifier.card
    dims = int(skeleton.joints.shape[-1])
    check_input_compatible(card, dims=dims, layout=skeleton.layout)
    spec, recipe = card.input, card.recipe
    settings = replace(settings, stride=settings.stride or recipe.stride,
                       rate_rule=check_rule(settings.rate_rule or recipe.rate_rule))
    quality = _quality(skeleton)
    model = model_description(classifier)
    ctx = (quality, settings, model, skeleton, _recipe_entry(card, settings))

    reason = walk_problem(skeleton, settings, min_duration_s=spec.min_duration_s)
    if reason:
        return _insufficient(reason, *ctx)

    check_cancel(should_cancel)
    prepared = prepare_sequence(skeleton, spec)
    windows = make_windows(prepared, spec, stride=settings.stride, recipe=recipe)
    if len(windows) == 0:
        return _insufficient(say(N_("No complete window could be formed from the walk.")), *ctx)
    if len(prepared) < recipe.span_samples(spec.fps):
        quality.flags.append(say(N_("The walk ({walk:.1f} s) is shorter than one window ({window:.1f} s): "
                                    "analysed as one window resampled to {frames} frames."),
                                 walk=prepared.duration_s, window=recipe.span_samples(spec.fps) / spec.fps,
                                 frames=spec.frames))
    usable = windows.missing_share <= settings.max_window_missing
    probs = np.full(len(windows), np.nan)
    if usable.any():
        probs[usable] = classifier.predict_proba(windows.x[usable], windows.index_t[usable],
                                                 progress=progress, should_cancel=should_cancel)
    quality.windows_excluded = int((~usable).sum())
    if quality.windows_excluded:
        quality.flags.append(say(N_("{n} window not classified: the patient was missing in more than {share:.0%} "
                                    "of it.") if quality.windows_excluded == 1 else
                                 N_("{n} windows not classified: the patient was missing in more than {share:.0%} "
                                    "of them."), n=quality.windows_excluded, share=settings.max_window_missing))
    results = [
        WindowResult(
            start_s=float(windows.start_s[i]),
            end_s=float(windows.end_s[i]),
            p_unstable=float(probs[i]) if usable[i] else None,
            unstable=bool(probs[i] > settings.threshold) if usable[i] else None,
            missing_share=float(windows.missing_share[i]),
        )
        for i in range(len(windows))
    ]
    if not usable.any():
        return _insufficient(say(N_("Every window misses too much of the patient.")), *ctx, results)
    counts = _mark(results, settings)
    chosen = counts[settings.rate_rule]
    group, reason = group_of(chosen, settings.risk_cut)
    if group == INSUFFICIENT:
        return _insufficient(reason, *ctx, results)
    note = low_confidence_note(chosen)
    if note:
        quality.flags.append(note)
    clips = _clips(skeleton, results, settings)
    progress(1, 1, "Analysis done")
    return ScreeningResult(results, clips, chosen.rate, chosen.unstable, chosen.counted, group, reason, quality,
                           settings, model, settings.rate_rule, counts, ctx[4], bool(note))


def _recipe_entry(card: Any, settings: AnalysisSettings) -> dict[str, Any]:
    """The recipe the windows were cut with, for the JSON and the report's method text."""
    recipe = replace(card.recipe, stride=settings.stride)
    description = recipe.describe(card.input.fps)
    return {**recipe.to_dict(), "recorded": card.window_recipe is not None, "note": card.recipe_note,
            "description": description, "wording": wording_of([description])}


def _mark(windows: list[WindowResult], settings: AnalysisSettings) -> dict[str, RateCount]:
    """R under both rules; marks each window's non-overlapping and counted flags."""
    counts = rates_for([w.start_s for w in windows], [w.end_s for w in windows],
                       [w.p_unstable for w in windows], settings.threshold)
    chosen = set(counts[settings.rate_rule].windows)
    for k, w in enumerate(windows):
        w.non_overlapping = k in counts[NON_OVERLAPPING].windows
        w.counted = k in chosen and w.p_unstable is not None
    return counts


def _insufficient(reason, quality, settings, model, skeleton, recipe, windows=None) -> ScreeningResult:
    windows = windows or []
    quality.flags.append(reason)
    counts = _mark(windows, settings)
    return ScreeningResult(windows, _clips(skeleton, windows, settings), None, 0, 0, INSUFFICIENT, reason,
                           quality, settings, model, settings.rate_rule, counts, recipe)


def _quality(skeleton: SkeletonSequence) -> Quality:
    frames = skeleton.num_frames
    present = skeleton.present
    measured = present & ~skeleton.interpolated
    conf = float(np.mean(skeleton.confidence[measured])) if measured.any() else 0.0
    quality = Quality(
        duration_s=float(skeleton.duration_s),
        frames=frames,
        coverage=float(skeleton.coverage),
        frames_interpolated=int(skeleton.interpolated.sum()),
        mean_keypoint_confidence=conf,
        windows_excluded=0,
    )
    if quality.coverage < 0.9:
        quality.flags.append(say(N_("The patient is missing in {share:.0%} of the frames."),
                                 share=1 - quality.coverage))
    if frames and quality.frames_interpolated / frames > 0.1:
        quality.flags.append(say(N_("{n} frames were interpolated across short gaps."), n=quality.frames_interpolated))
    if measured.any() and conf < 0.5:
        quality.flags.append(say(N_("Low keypoint confidence (mean {mean:.2f}): check lighting and framing."), mean=conf))
    return quality


def clip_spans(start_s: float, duration_s: float, clip_s: float = 3.0, *,
               min_last_s: float = 0.0) -> list[tuple[float, float]]:
    """(start, end) of the consecutive ``clip_s`` clips covering ``duration_s`` from
    ``start_s``; the last, partial clip is kept when it lasts at least ``min_last_s``.

    The one clip rule shared by the analysis (every clip) and the study's
    annotation clips (which drop a short tail), so clip ``k`` means the same span.
    """
    if duration_s <= 0:
        return []
    t_end = start_s + duration_s
    count = max(1, int(np.ceil((t_end - start_s) / clip_s - 1e-9)))
    spans = [(start_s + k * clip_s, min(start_s + (k + 1) * clip_s, t_end)) for k in range(count)]
    if spans[-1][1] - spans[-1][0] < min_last_s - 1e-9:
        spans.pop()
    return spans


def _clips(skeleton: SkeletonSequence, windows: list[WindowResult], settings: AnalysisSettings) -> list[ClipResult]:
    """Consecutive clips of ``clip_s`` from the walk's first frame; windows join the
    clip that holds their centre."""
    if skeleton.num_frames == 0:
        return []
    spans = clip_spans(float(skeleton.timestamps[0]), float(skeleton.duration_s), settings.clip_s)
    centres = np.array([(w.start_s + w.end_s) / 2 for w in windows]) if windows else np.zeros(0)
    clips = []
    for k, (start, end) in enumerate(spans):
        members = [i for i in np.flatnonzero((centres >= start) & (centres < end)) if windows[i].p_unstable is not None]
        if members:
            p = np.array([windows[i].p_unstable for i in members])
            share = float(np.mean(p > settings.threshold))
            label = "unstable" if share >= 0.5 else "stable"
            clips.append(ClipResult(k, start, end, [int(i) for i in members], float(p.mean()), share, label))
        else:
            clips.append(ClipResult(k, start, end, [], None, None, None))
    return clips
