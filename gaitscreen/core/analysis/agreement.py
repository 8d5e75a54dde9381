"""Inter-rater agreement on clip labels: Cohen's and Fleiss' kappa, confusion tables.

Ratings come as ``{rater: {clip_id: label}}`` with labels ``"stable"``,
``"unstable"`` or ``"unusable"`` (any other string is accepted as a further
category; ``None`` means "not labelled" and is ignored).

Conventions, the same in every function:

* Only clips labelled by *both* raters (Cohen) or by *every* rater (Fleiss) count.
* ``"unusable"`` is a category of its own by default. With
  ``include_unusable=False`` a clip is left out whenever one of the raters compared
  called it unusable. :func:`model_agreement` excludes it by default, since a
  model never answers "unusable".
* Categories are ordered ``stable, unstable, unusable`` then any other label in
  alphabetical order; only categories that occur are listed.
* Undefined statistics are ``None``, never NaN: no shared clip gives
  ``percent_agreement`` and ``kappa`` None; kappa is also None when its
  denominator is zero (both raters, or all raters for Fleiss, put every clip in
  one and the same category: agreement is then total but chance explains it all).
* ``percent_agreement`` is a percentage (0–100).

Fleiss' kappa here is the classic form for a fixed number of raters per item: it
uses the clips rated by all the raters given (clips some of them skipped are left
out), and needs at least two raters.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import Hashable, Iterable, Mapping, Optional, Sequence

STABLE, UNSTABLE, UNUSABLE = "stable", "unstable", "unusable"
LABEL_ORDER = (STABLE, UNSTABLE, UNUSABLE)

ClipId = Hashable
Labels = Mapping[ClipId, Optional[str]]
Ratings = Mapping[str, Labels]


@dataclass(frozen=True)
class ConfusionTable:
    """``counts[i][j]``: clips rater A labelled ``categories[i]`` and rater B ``categories[j]``."""

    categories: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]

    @property
    def total(self) -> int:
        return sum(sum(row) for row in self.counts)

    def count(self, label_a: str, label_b: str) -> int:
        if label_a not in self.categories or label_b not in self.categories:
            return 0
        return self.counts[self.categories.index(label_a)][self.categories.index(label_b)]

    def to_dict(self) -> dict:
        return {"categories": list(self.categories), "counts": [list(row) for row in self.counts]}


@dataclass(frozen=True)
class Disagreement:
    """A clip the raters labelled differently, with each rater's label."""

    clip_id: ClipId
    labels: dict[str, str]

    def to_dict(self) -> dict:
        return {"clip_id": self.clip_id, "labels": dict(self.labels)}


@dataclass(frozen=True)
class PairAgreement:
    """Agreement of two raters (or a rater and a model) on the clips both labelled."""

    rater_a: str
    rater_b: str
    n_clips: int
    percent_agreement: Optional[float]
    kappa: Optional[float]
    confusion: ConfusionTable
    disagreements: tuple[Disagreement, ...] = field(default=())

    def to_dict(self) -> dict:
        return {
            "rater_a": self.rater_a,
            "rater_b": self.rater_b,
            "n_clips": self.n_clips,
            "percent_agreement": _safe(self.percent_agreement),
            "kappa": _safe(self.kappa),
            "interpretation": interpret_kappa(self.kappa),
            "confusion": self.confusion.to_dict(),
            "disagreements": [d.to_dict() for d in self.disagreements],
        }


@dataclass(frozen=True)
class FleissResult:
    """Fleiss' kappa over the clips every one of ``raters`` labelled."""

    raters: tuple[str, ...]
    n_clips: int
    kappa: Optional[float]
    percent_agreement: Optional[float]  # share of clips on which all raters agree, in %
    categories: tuple[str, ...]

    def to_dict(self) -> dict:
        return {
            "raters": list(self.raters),
            "n_clips": self.n_clips,
            "kappa": _safe(self.kappa),
            "interpretation": interpret_kappa(self.kappa),
            "percent_agreement": _safe(self.percent_agreement),
            "categories": list(self.categories),
        }


@dataclass(frozen=True)
class AgreementSummary:
    """Everything the annotation panel shows about a study's ratings."""

    raters: tuple[str, ...]
    pairs: tuple[PairAgreement, ...]
    fleiss: Optional[FleissResult]  # None with fewer than three raters
    disagreements: tuple[Disagreement, ...]

    def to_dict(self) -> dict:
        return {
            "raters": list(self.raters),
            "pairs": [p.to_dict() for p in self.pairs],
            "fleiss": self.fleiss.to_dict() if self.fleiss is not None else None,
            "disagreements": [d.to_dict() for d in self.disagreements],
        }


# ---------------------------------------------------------------- two raters
def shared_labels(labels_a: Labels, labels_b: Labels, *,
                  include_unusable: bool = True) -> list[tuple[ClipId, str, str]]:
    """``(clip, label_a, label_b)`` for each clip both labelled, ordered by clip id."""
    rows = []
    for clip in _sorted_ids(set(_labelled(labels_a)) & set(_labelled(labels_b))):
        a, b = labels_a[clip], labels_b[clip]
        if not include_unusable and UNUSABLE in (a, b):
            continue
        rows.append((clip, str(a), str(b)))
    return rows


def confusion_table(labels_a: Labels, labels_b: Labels, *, include_unusable: bool = True,
                    categories: Optional[Sequence[str]] = None) -> ConfusionTable:
    """Rows: rater A's label; columns: rater B's label (see the module's conventions)."""
    rows = shared_labels(labels_a, labels_b, include_unusable=include_unusable)
    cats = tuple(categories) if categories is not None else category_order(
        label for _, a, b in rows for label in (a, b))
    index = {c: i for i, c in enumerate(cats)}
    counts = [[0] * len(cats) for _ in cats]
    for _, a, b in rows:
        if a in index and b in index:
            counts[index[a]][index[b]] += 1
    return ConfusionTable(cats, tuple(tuple(r) for r in counts))


def percent_agreement(labels_a: Labels, labels_b: Labels, *, include_unusable: bool = True) -> Optional[float]:
    """Share of shared clips with the same label, in percent; None without shared clips."""
    rows = shared_labels(labels_a, labels_b, include_unusable=include_unusable)
    if not rows:
        return None
    return 100.0 * sum(a == b for _, a, b in rows) / len(rows)


def cohen_kappa(labels_a: Labels, labels_b: Labels, *, include_unusable: bool = True) -> Optional[float]:
    """Cohen's kappa, (p_o − p_e) / (1 − p_e); None without shared clips or when p_e = 1."""
    return _kappa_from_table(confusion_table(labels_a, labels_b, include_unusable=include_unusable))


def compare_pair(rater_a: str, labels_a: Labels, rater_b: str, labels_b: Labels, *,
                 include_unusable: bool = True) -> PairAgreement:
    """All two-rater statistics at once, with the clips they disagree on."""
    table = confusion_table(labels_a, labels_b, include_unusable=include_unusable)
    rows = shared_labels(labels_a, labels_b, include_unusable=include_unusable)
    agree = sum(a == b for _, a, b in rows)
    return PairAgreement(
        rater_a=rater_a,
        rater_b=rater_b,
        n_clips=len(rows),
        percent_agreement=100.0 * agree / len(rows) if rows else None,
        kappa=_kappa_from_table(table),
        confusion=table,
        disagreements=tuple(Disagreement(c, {rater_a: a, rater_b: b}) for c, a, b in rows if a != b),
    )


def _kappa_from_table(table: ConfusionTable) -> Optional[float]:
    n = table.total
    if n == 0:
        return None
    k = len(table.categories)
    observed = sum(table.counts[i][i] for i in range(k)) / n
    rows = [sum(table.counts[i]) / n for i in range(k)]
    cols = [sum(table.counts[i][j] for i in range(k)) / n for j in range(k)]
    expected = sum(r * c for r, c in zip(rows, cols))
    return _ratio(observed - expected, 1.0 - expected)


# ------------------------------------------------------------- many raters
def fleiss_kappa(ratings: Ratings, *, raters: Optional[Sequence[str]] = None,
                 include_unusable: bool = True) -> FleissResult:
    """Fleiss' kappa over the clips labelled by every rater in ``raters`` (default: all).

    κ = (P̄ − P̄_e) / (1 − P̄_e) with P_i = (Σ_j n_ij² − n) / (n (n − 1)) per clip,
    P̄ their mean, p_j the share of all ratings in category j and P̄_e = Σ_j p_j².
    ``kappa`` is None with fewer than two raters, no common clip, or P̄_e = 1.
    """
    names = tuple(raters) if raters is not None else tuple(sorted(ratings))
    per_clip = _common_clips(ratings, names, include_unusable)
    cats = category_order(label for labels in per_clip.values() for label in labels)
    n_raters, n_clips = len(names), len(per_clip)
    if n_raters < 2 or n_clips == 0:
        return FleissResult(names, n_clips, None, None, cats)
    totals = dict.fromkeys(cats, 0)
    p_items = []
    unanimous = 0
    for labels in per_clip.values():
        counts = [labels.count(c) for c in cats]
        for c, m in zip(cats, counts):
            totals[c] += m
        p_items.append((sum(m * m for m in counts) - n_raters) / (n_raters * (n_raters - 1)))
        unanimous += max(counts) == n_raters
    p_bar = sum(p_items) / n_clips
    p_e = sum((totals[c] / (n_clips * n_raters)) ** 2 for c in cats)
    return FleissResult(names, n_clips, _ratio(p_bar - p_e, 1.0 - p_e), 100.0 * unanimous / n_clips, cats)


def _common_clips(ratings: Ratings, names: Sequence[str], include_unusable: bool) -> dict[ClipId, list[str]]:
    if not names:
        return {}
    common = set.intersection(*(set(_labelled(ratings.get(r, {}))) for r in names))
    result = {}
    for clip in _sorted_ids(common):
        labels = [str(ratings[r][clip]) for r in names]
        if include_unusable or UNUSABLE not in labels:
            result[clip] = labels
    return result


def disagreements(ratings: Ratings, *, raters: Optional[Sequence[str]] = None,
                  include_unusable: bool = True) -> list[Disagreement]:
    """Clips labelled by at least two of ``raters`` whose labels differ, by clip id.

    Each entry lists every given rater who labelled the clip (not only the
    dissenting ones). With ``include_unusable=False`` "unusable" labels are ignored.
    """
    names = tuple(raters) if raters is not None else tuple(sorted(ratings))
    clips: dict[ClipId, dict[str, str]] = {}
    for rater in names:
        for clip, label in ratings.get(rater, {}).items():
            if label is None or (not include_unusable and label == UNUSABLE):
                continue
            clips.setdefault(clip, {})[rater] = str(label)
    return [
        Disagreement(clip, clips[clip])
        for clip in _sorted_ids(clips)
        if len(clips[clip]) >= 2 and len(set(clips[clip].values())) > 1
    ]


def pairwise_agreement(ratings: Ratings, *, include_unusable: bool = True) -> list[PairAgreement]:
    """:func:`compare_pair` for every pair of raters, names in alphabetical order."""
    return [
        compare_pair(a, ratings[a], b, ratings[b], include_unusable=include_unusable)
        for a, b in itertools.combinations(sorted(ratings), 2)
    ]


def model_agreement(ratings: Ratings, model_labels: Labels, *, model_name: str = "model",
                    include_unusable: bool = False) -> list[PairAgreement]:
    """Each rater (alphabetical) against the model's per-clip labels.

    ``rater_a`` is the rater, ``rater_b`` is ``model_name``. Clips a rater called
    unusable are left out by default (the model cannot say so).
    """
    return [
        compare_pair(r, ratings[r], model_name, model_labels, include_unusable=include_unusable)
        for r in sorted(ratings)
    ]


def agreement_summary(ratings: Ratings, *, include_unusable: bool = True) -> AgreementSummary:
    """Pairwise statistics, Fleiss' kappa (three or more raters) and the disagreements."""
    names = tuple(sorted(ratings))
    return AgreementSummary(
        raters=names,
        pairs=tuple(pairwise_agreement(ratings, include_unusable=include_unusable)),
        fleiss=fleiss_kappa(ratings, include_unusable=include_unusable) if len(names) >= 3 else None,
        disagreements=tuple(disagreements(ratings, include_unusable=include_unusable)),
    )


# ------------------------------------------------------------------ helpers
def category_order(labels: Iterable[str]) -> tuple[str, ...]:
    """The categories present: stable, unstable, unusable first, then others alphabetically."""
    seen = set(labels)
    return tuple(c for c in LABEL_ORDER if c in seen) + tuple(sorted(seen - set(LABEL_ORDER)))


def interpret_kappa(kappa: Optional[float]) -> str:
    """Landis & Koch's words for a kappa value ("" when undefined)."""
    if kappa is None:
        return ""
    if kappa < 0:
        return "poor"
    for limit, word in ((0.20, "slight"), (0.40, "fair"), (0.60, "moderate"), (0.80, "substantial")):
        if kappa <= limit:
            return word
    return "almost perfect"


def _labelled(labels: Labels) -> list[ClipId]:
    return [clip for clip, label in labels.items() if label is not None]


def _sorted_ids(ids: Iterable[ClipId]) -> list[ClipId]:
    ids = list(ids)
    try:
        return sorted(ids)  # type: ignore[type-var]
    except TypeError:  # mixed id types
        return sorted(ids, key=lambda c: (type(c).__name__, str(c)))


def _ratio(num: float, den: float) -> Optional[float]:
    if abs(den) < 1e-12:
        return None
    value = num / den
    return value if math.isfinite(value) else None


def _safe(value: Optional[float]) -> Optional[float]:
    return value if value is not None and math.isfinite(value) else None
