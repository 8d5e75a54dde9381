"""Metrics of the stability classifier, for windows or clips.

A window is unstable when P(unstable) > threshold, as at inference. ROC-AUC is
rank based (Mann-Whitney) with tied scores counted half. Results are plain dicts
that :func:`json_safe` turns into strict JSON (NaN → null).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .data import WindowDataset

__all__ = ["METRIC_KEYS", "binary_metrics", "clip_scores", "json_safe", "roc_auc", "summarise",
           "youden_threshold"]

#: Scalar metrics of :func:`binary_metrics`, summarised across folds.
METRIC_KEYS = ("accuracy", "balanced_accuracy", "precision", "recall", "f1", "roc_auc")


def roc_auc(y_true: np.ndarray, score: np.ndarray) -> float:
    """Area under the ROC curve (Mann-Whitney; tied scores count half); NaN with one class."""
    y = np.asarray(y_true).astype(bool).ravel()
    s = np.asarray(score, dtype=np.float64).ravel()
    if y.shape != s.shape:
        raise ValueError(f"{y.size} labels but {s.size} scores")
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    if not np.isfinite(s).all():
        return float("nan")
    _, inverse, counts = np.unique(s, return_inverse=True, return_counts=True)
    ends = np.cumsum(counts)
    ranks = (0.5 * (ends - counts + 1 + ends))[inverse]  # tied scores share their mean rank
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def youden_threshold(y_true: np.ndarray, prob: np.ndarray) -> float:
    """Threshold (rule P > t) maximising sensitivity + specificity; ties go to the one nearest 0.5.

    Candidates are midpoints between distinct scores; clipped to [0.01, 0.99]; 0.5 with one class.
    """
    y = np.asarray(y_true).astype(bool).ravel()
    p = np.asarray(prob, dtype=np.float64).ravel()
    u = np.unique(p)
    if y.all() or not y.any() or u.size < 2 or not np.isfinite(u).all():
        return 0.5
    cand = 0.5 * (u[:-1] + u[1:])
    pos, neg = np.sort(p[y]), np.sort(p[~y])
    j = (np.searchsorted(neg, cand, side="right") / neg.size
         - np.searchsorted(pos, cand, side="right") / pos.size)  # TPR - FPR at P > cand
    best = np.flatnonzero(j >= j.max() - 1e-12)
    return float(np.clip(cand[best[np.argmin(np.abs(cand[best] - 0.5))]], 0.01, 0.99))


def binary_metrics(y_true: np.ndarray, prob: np.ndarray, threshold: float = 0.5) -> dict[str, Any]:
    """Accuracy, balanced accuracy, precision, recall, F1 (0 when undefined), ROC-AUC and
    the confusion matrix ``[[TN, FP], [FN, TP]]``."""
    y = np.asarray(y_true).astype(bool).ravel()
    pred = np.asarray(prob, dtype=np.float64).ravel() > threshold
    tp, fp = int((pred & y).sum()), int((pred & ~y).sum())
    fn, tn = int((~pred & y).sum()), int((~pred & ~y).sum())
    n = len(y)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    rates = [tp / (tp + fn)] if tp + fn else []
    rates += [tn / (tn + fp)] if tn + fp else []
    auc = roc_auc(y, prob)
    return {
        "accuracy": (tp + tn) / n if n else float("nan"),
        "balanced_accuracy": float(np.mean(rates)) if rates else float("nan"),
        "precision": precision, "recall": recall,
        "f1": f1, "roc_auc": auc, "confusion": [[tn, fp], [fn, tp]], "n": n, "n_unstable": int(y.sum()),
    }


def clip_scores(data: WindowDataset, prob: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per clip: its label and the mean P(unstable) of its windows."""
    names, inverse = np.unique(data.clip, return_inverse=True)
    mean = np.bincount(inverse, weights=prob, minlength=len(names)) / np.bincount(inverse, minlength=len(names))
    label = np.zeros(len(names), np.int64)
    label[inverse] = data.clip_label
    return label, mean


def summarise(per_fold: list[dict[str, Any]]) -> dict[str, dict[str, float | None]]:
    """Mean and sample SD across folds of every scalar metric (NaN folds left out)."""
    out: dict[str, dict[str, float | None]] = {}
    for key in METRIC_KEYS:
        v = np.array([m[key] for m in per_fold if m.get(key) is not None], dtype=np.float64)
        v = v[np.isfinite(v)]
        out[key] = {"mean": float(v.mean()) if v.size else None,
                    "sd": float(v.std(ddof=1)) if v.size > 1 else (0.0 if v.size else None), "folds": int(v.size)}
    return out


def json_safe(obj: Any) -> Any:
    """``obj`` with NaN/inf as None and numpy scalars as Python numbers (for strict JSON)."""
    if isinstance(obj, dict):
        return {str(k): json_safe(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [json_safe(v) for v in obj]
    if isinstance(obj, (np.integer,)):
        return int(obj)
    if isinstance(obj, (float, np.floating)):
        return float(obj) if math.isfinite(obj) else None
    return obj
