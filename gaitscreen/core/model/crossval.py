"""Subject-level splits and cross-validation of the stability classifier.

No subject has windows on both sides of a split (:func:`subject_folds`, stratified
by each subject's majority clip label and balanced in windows). Each fold trains
with :func:`~.training.train_model` and is scored on its test subjects per window
and per clip; the summary is mean ± SD across folds plus the metrics of the pooled
out-of-fold predictions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..callbacks import CancelFn, ProgressFn
from ..errors import GaitScreenError
from ..i18n import _
from .data import WindowDataset
from .metrics import binary_metrics, clip_scores, json_safe, roc_auc, summarise
from .training import LogFn, TrainConfig, TrainOutcome, predict_proba, resolve_device, train_model


# --- Splits ----------------------------------------------------------------------------


def subject_folds(labels: dict[str, int], k: int, *, seed: int = 0,
                  sizes: dict[str, int] | None = None) -> list[list[str]]:
    """``k`` disjoint subject lists covering everyone, stratified by label, balanced in size."""
    if k < 2:
        raise GaitScreenError(_("Cross-validation needs at least 2 folds, got {k}.").format(k=k))
    if len(labels) < k:
        raise GaitScreenError(_("{k} folds need at least {k} subjects; the data has {n}.").format(k=k, n=len(labels)))
    rng = np.random.default_rng(seed)
    tie = rng.permutation(k)
    folds: list[list[str]] = [[] for _ in range(k)]
    per_label, windows = np.zeros((2, k)), np.zeros(k)
    for label in (1, 0):
        group = sorted(s for s, lab in labels.items() if lab == label)
        group = [group[i] for i in rng.permutation(len(group))]
        group.sort(key=lambda s: -(sizes or {}).get(s, 1))  # stable: shuffled among equal sizes
        for s in group:
            f = min(range(k), key=lambda i: (per_label[label, i], len(folds[i]), windows[i], tie[i]))
            folds[f].append(s)
            per_label[label, f] += 1
            windows[f] += (sizes or {}).get(s, 1)
    return [sorted(f) for f in folds]


def _sizes(data: WindowDataset) -> dict[str, int]:
    names, counts = np.unique(data.subject, return_counts=True)
    return dict(zip(names.tolist(), counts.tolist()))


def split_subjects(data: WindowDataset, k: int, *, seed: int = 0) -> list[list[str]]:
    """:func:`subject_folds` for the subjects of ``data``."""
    return subject_folds(data.subject_labels(), k, seed=seed, sizes=_sizes(data))


# --- Cross-validation ------------------------------------------------------------------


@dataclass
class FoldResult:
    """Test-fold results of one cross-validation fold."""

    fold: int
    train_subjects: list[str]
    val_subjects: list[str]
    test_subjects: list[str]
    metrics: dict[str, Any]  # per window
    clip_metrics: dict[str, Any]  # per clip: mean window P(unstable) against the clip label
    best_epoch: int
    threshold: float
    seconds: float
    step_seconds: float
    history: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return json_safe(dict(self.__dict__))


@dataclass
class CVResult:
    """All folds, mean ± SD across folds and metrics of the pooled out-of-fold predictions."""

    folds: list[FoldResult]
    summary: dict[str, Any]
    clip_summary: dict[str, Any]
    pooled: dict[str, Any]
    first_model: Any = None  # the fold-1 model (CPU, eval mode)
    first_threshold: float = 0.5

    @property
    def best_epochs(self) -> list[int]:
        return [f.best_epoch for f in self.folds]

    def to_dict(self) -> dict[str, Any]:
        return json_safe({"folds": [f.to_dict() for f in self.folds], "summary": self.summary,
                          "clip_summary": self.clip_summary, "pooled_out_of_fold": self.pooled})


Split = tuple[WindowDataset, "WindowDataset | None", WindowDataset]


def _carve_val(train: WindowDataset, config: TrainConfig, seed: int) -> tuple[WindowDataset, WindowDataset | None]:
    labels = train.subject_labels()
    k = max(2, round(1.0 / config.val_share)) if config.val_share > 0 else 0
    if k == 0 or len(labels) < max(k, 3):
        return train, None
    held = subject_folds(labels, k, seed=seed + 7919, sizes=_sizes(train))[0]
    keep = ~np.isin(train.subject, np.asarray(held, dtype=str))
    return train.subset(keep), train.of_subjects(held)


def evaluate_splits(splits: list[Split], config: TrainConfig, *, progress: ProgressFn | None = None,
                    should_cancel: CancelFn | None = None, log: LogFn | None = None) -> CVResult:
    """Train on each split's training part and test on its test part.

    A given validation part is used for early stopping when that is on and joined
    to the training part otherwise; without one, early stopping holds out
    ``val_share`` of the training subjects.
    """
    device = resolve_device(config.device)
    folds, pooled_y, pooled_p, pooled_d, first = [], [], [], [], None
    k = len(splits)
    for i, (train, val, test) in enumerate(splits):
        if not config.early_stopping:
            train, val = (WindowDataset.concat([train, val]) if val is not None and len(val) else train), None
        elif val is None or not len(val):
            train, val = _carve_val(train, config, config.seed + i)
        if len(test) == 0:
            raise GaitScreenError(_("Fold {fold} has no test windows.").format(fold=i + 1))
        name = f"Fold {i + 1}/{k}"
        train = train.thin(config.train_stride)
        outcome = train_model(train, config, val=val, seed=config.seed + i, stage=_("Fold {fold}/{folds}: training").format(fold=i + 1, folds=k),
                              progress=progress, should_cancel=should_cancel, log=log)
        prob = predict_proba(outcome.model, test.x, test.index_t, device=device,
                             batch_size=max(config.batch_size, 32), stage=_("Fold {fold}/{folds}: testing").format(fold=i + 1, folds=k),
                             progress=progress, should_cancel=should_cancel)
        clip_y, clip_p = clip_scores(test, prob)
        folds.append(FoldResult(
            fold=i + 1, train_subjects=train.subjects.tolist(),
            val_subjects=[] if val is None else val.subjects.tolist(), test_subjects=test.subjects.tolist(),
            metrics=binary_metrics(test.y, prob, outcome.threshold),
            clip_metrics=binary_metrics(clip_y, clip_p, outcome.threshold),
            best_epoch=outcome.best_epoch, threshold=outcome.threshold, seconds=outcome.seconds,
            step_seconds=outcome.step_seconds,
            history=outcome.history))
        pooled_y.append(test.y)
        pooled_p.append(prob)
        pooled_d.append((prob > outcome.threshold).astype(np.float64))
        outcome.model.to("cpu")
        if i == 0:
            first = outcome.model
        if log is not None:
            m = folds[-1].metrics
            log(f"{name}: accuracy {m['accuracy']:.3f}, ROC-AUC {m['roc_auc']:.3f}, F1 {m['f1']:.3f}")
    pooled = binary_metrics(np.concatenate(pooled_y), np.concatenate(pooled_d), 0.5)  # each fold's decisions
    pooled["roc_auc"] = roc_auc(np.concatenate(pooled_y), np.concatenate(pooled_p))
    return CVResult(
        folds=folds,
        summary=summarise([f.metrics for f in folds]),
        clip_summary=summarise([f.clip_metrics for f in folds]),
        pooled=pooled,
        first_model=first, first_threshold=folds[0].threshold if folds else config.threshold,
    )


def cross_validate(data: WindowDataset, config: TrainConfig, folds: int, *, progress: ProgressFn | None = None,
                   should_cancel: CancelFn | None = None, log: LogFn | None = None) -> CVResult:
    """Subject-level ``folds``-fold cross-validation of ``data`` (seeded by ``config.seed``)."""
    splits: list[Split] = []
    for test_subjects in split_subjects(data, folds, seed=config.seed):
        test = np.isin(data.subject, np.asarray(test_subjects, dtype=str))
        splits.append((data.subset(~test), None, data.subset(test)))
    return evaluate_splits(splits, config, progress=progress, should_cancel=should_cancel, log=log)


def train_final(data: WindowDataset, config: TrainConfig, *, cv: CVResult | None = None,
                progress: ProgressFn | None = None, should_cancel: CancelFn | None = None,
                log: LogFn | None = None) -> TrainOutcome:
    """Train on all of ``data``; with early stopping in ``cv``, for its median best epoch."""
    epochs = config.epochs
    if cv is not None and config.early_stopping and cv.folds:
        epochs = max(1, int(round(float(np.median(cv.best_epochs)))))
    return train_model(data.thin(config.train_stride), config, epochs=epochs, seed=config.seed + 1000,
                       stage=_("Final model: training"), progress=progress, should_cancel=should_cancel, log=log)
