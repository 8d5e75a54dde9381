"""Training and evaluating the stability classifier (SkateFormer on labelled windows).

* Splits and cross-validation: :mod:`gaitscreen.core.model.crossval`.
* Optimisation: AdamW (no weight decay on biases, norms, embeddings and
  relative-position tables), linear warm-up then cosine decay per step,
  cross-entropy with label smoothing and inverse-frequency class weights (or a
  class-balanced sampler), gradient clipping. CUDA when available.
* Augmentations: :mod:`gaitscreen.core.model.augment`.
* Decision threshold: the published rule, P(unstable) > 0.5, which the analysis
  applies too. ``tune_threshold`` instead picks the Youden-optimal threshold
  (:func:`~.metrics.youden_threshold`) on the model's own unaugmented training
  windows and writes it into the card, for models whose probabilities are not
  calibrated around 0.5; it is off by default so that training metrics and
  screening results use one rule.
* Fine-tuning: ``init`` (a :class:`~.finetune.ParentModel`) starts every run from
  that checkpoint's weights instead of random ones (:mod:`.finetune`).
* Architecture: ``architecture`` names a :class:`~.skateformer.SkateFormerConfig`
  preset, ``"ntu"`` (published) or ``"compact"`` (CPU-friendly).
* Metrics: :mod:`gaitscreen.core.model.metrics`.
* CPU: denormal floats are flushed to zero (3-4 times faster steps on x86).
* Precision: ``precision="bf16"`` runs forward passes under bfloat16 autocast
  (weights, optimiser state, loss and evaluation stay float32): 1.6 times
  faster training steps on a CPU with AVX-512 BF16, and the usual mixed
  precision on a GPU. ``"fp32"`` (default) is plain float32.
"""

from __future__ import annotations

import copy
import dataclasses
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..callbacks import CancelFn, ProgressFn, check_cancel
from ..errors import GaitScreenError
from .augment import AugmentConfig, augment
from .data import WindowDataset
from .metrics import roc_auc, youden_threshold

LogFn = Callable[[str], None]


@dataclass(frozen=True)
class TrainConfig:
    """Optimisation settings of one training run."""

    epochs: int = 5
    train_stride: int | None = 16  # training windows start every this many samples; tests use all
    batch_size: int = 16
    lr: float = 5e-4
    weight_decay: float = 0.05
    warmup_share: float = 0.1
    min_lr_ratio: float = 0.01
    label_smoothing: float = 0.1
    balance: str = "weights"  # "weights", "sampler" or "none"
    grad_clip: float = 1.0
    augment: AugmentConfig | None = field(default_factory=AugmentConfig)
    early_stopping: bool = False  # keep the epoch of best ROC-AUC on validation subjects
    val_share: float = 0.2  # share of training subjects held out for it (when no val split is given)
    patience: int = 3
    threshold: float = 0.5  # decision threshold when not tuned
    tune_threshold: bool = False  # Youden-optimal threshold on the model's own training windows
    architecture: str = "ntu"  # SkateFormerConfig preset: "ntu" (published) or "compact"
    device: str = "auto"
    precision: str = "fp32"  # "fp32" or "bf16" (autocast of forward passes; see notes)
    seed: int = 0
    init: Any = field(default=None, compare=False, repr=False)  # finetune.ParentModel to start from

    def to_dict(self) -> dict[str, Any]:
        out = {k: getattr(self, k) for k in self.__dataclass_fields__ if k not in ("augment", "init")}
        out["augment"] = None if self.augment is None else dict(self.augment.__dict__)
        out["init"] = None if self.init is None else self.init.describe()
        return out


# --- Training --------------------------------------------------------------------------


def resolve_device(device: str) -> str:
    """``auto`` → cuda when a CUDA GPU is usable, else cpu."""
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cuda" and not torch.cuda.is_available():
        raise GaitScreenError("--device cuda was asked for, but no CUDA GPU is usable here.")
    if device not in ("cpu", "cuda"):
        raise GaitScreenError(f"Unknown device {device!r}; use auto, cpu or cuda.")
    return device


@dataclass
class TrainOutcome:
    """A trained model (on the CPU, eval mode) and how training went."""

    model: Any
    history: list[dict[str, Any]]
    best_epoch: int  # 1-based epoch whose weights were kept
    threshold: float  # decision threshold for P(unstable)
    seconds: float
    step_seconds: float  # mean wall time of one optimisation step


def _param_groups(model: Any, weight_decay: float) -> list[dict[str, Any]]:
    decay, no_decay = [], []
    for name, param in model.named_parameters():
        if not param.requires_grad:
            continue
        plain = param.ndim <= 1 or "embedding" in name or "relative_position" in name
        (no_decay if plain else decay).append(param)
    return [{"params": decay, "weight_decay": weight_decay}, {"params": no_decay, "weight_decay": 0.0}]


def _lr_factor(step: int, total: int, warmup: int, floor: float) -> float:
    if step < warmup:
        return (step + 1) / warmup
    progress = (step - warmup) / max(1, total - warmup)
    return floor + (1 - floor) * 0.5 * (1 + math.cos(math.pi * min(1.0, progress)))


def _cpu_speed(device: str) -> None:
    """Flush denormal floats to zero on the CPU: tiny activations and gradients otherwise
    make SkateFormer steps 3-4 times slower on x86. Changes the process's float mode."""
    import torch

    if device == "cpu":
        torch.set_flush_denormal(True)


PRECISIONS = ("fp32", "bf16")


def autocast_for(device: str, precision: str) -> Any:
    """Autocast context of a training forward pass (a no-op for float32)."""
    import contextlib

    import torch

    if precision not in PRECISIONS:
        raise GaitScreenError(f"Unknown precision {precision!r}; use one of {', '.join(PRECISIONS)}.")
    if precision == "fp32":
        return contextlib.nullcontext()
    return torch.autocast(device_type="cuda" if device.startswith("cuda") else "cpu", dtype=torch.bfloat16)


def predict_proba(model: Any, x: np.ndarray, index_t: np.ndarray, *, device: str = "cpu", batch_size: int = 32,
                  stage: str = "Predicting", progress: ProgressFn | None = None,
                  should_cancel: CancelFn | None = None) -> np.ndarray:
    """P(unstable) (class 1) of every window, in batches, eval mode."""
    import torch

    _cpu_speed(device)
    model.eval()
    out = []
    with torch.no_grad():
        for a in range(0, len(x), batch_size):
            check_cancel(should_cancel)
            xb = torch.from_numpy(np.ascontiguousarray(x[a:a + batch_size])).to(device)
            tb = torch.from_numpy(np.ascontiguousarray(index_t[a:a + batch_size])).to(device)
            out.append(torch.softmax(model(xb, tb).float(), dim=1)[:, 1].cpu().numpy())
            if progress is not None:
                progress(min(a + batch_size, len(x)), len(x), stage)
    return np.concatenate(out).astype(np.float64) if out else np.zeros(0)


def train_model(train: WindowDataset, config: TrainConfig, *, val: WindowDataset | None = None,
                seed: int | None = None, epochs: int | None = None, model_config: Any = None,
                stage: str = "Training", progress: ProgressFn | None = None,
                should_cancel: CancelFn | None = None, log: LogFn | None = None) -> TrainOutcome:
    """Train a SkateFormer on ``train``; with ``val``, keep the epoch of best validation ROC-AUC."""
    import torch

    from .skateformer import SkateFormer, SkateFormerConfig

    if len(train) == 0:
        raise GaitScreenError("No training windows.")
    seed = config.seed if seed is None else seed
    epochs = config.epochs if epochs is None else epochs
    device = resolve_device(config.device)
    _cpu_speed(device)
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    if model_config is None:  # the named size, with as many person slots as the windows have
        model_config = dataclasses.replace(SkateFormerConfig.named(config.architecture),
                                           num_people=train.spec.persons)
    model = SkateFormer(model_config)
    if config.init is not None:  # fine-tuning: the parent's weights, a new head when its classes differ
        from .finetune import init_from

        init_from(model, config.init)
    model = model.to(device)
    counts = np.bincount(train.y, minlength=2).astype(np.float64)
    weight = None
    if config.balance == "weights" and counts.min() > 0:
        weight = torch.tensor(counts.sum() / (2 * counts), dtype=torch.float32, device=device)
    loss_fn = torch.nn.CrossEntropyLoss(weight=weight, label_smoothing=config.label_smoothing)
    optimiser = torch.optim.AdamW(_param_groups(model, config.weight_decay), lr=config.lr)
    n, bs = len(train), max(1, config.batch_size)
    per_epoch = math.ceil(n / bs)
    total = per_epoch * epochs
    warmup = max(1, round(config.warmup_share * total))
    sched = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: _lr_factor(s, total, warmup, config.min_lr_ratio))
    sample_p = None
    if config.balance == "sampler" and counts.min() > 0:
        sample_p = (1.0 / counts)[train.y]
        sample_p /= sample_p.sum()
    dims = train.spec.dims
    history: list[dict[str, Any]] = []
    best = (-1.0, 0, None)  # auc, epoch, state
    step, stale, started, step_time = 0, 0, time.perf_counter(), 0.0
    for epoch in range(1, epochs + 1):
        model.train()
        order = rng.choice(n, n, p=sample_p) if sample_p is not None else rng.permutation(n)
        losses = []
        for a in range(0, n, bs):
            check_cancel(should_cancel)
            t0 = time.perf_counter()
            idx = np.sort(order[a:a + bs])
            xb = train.x[idx] if config.augment is None else augment(train.x[idx], rng, config.augment, dims=dims)
            xb_t = torch.from_numpy(xb).to(device, non_blocking=True)
            tb = torch.from_numpy(train.index_t[idx]).to(device, non_blocking=True)
            yb = torch.from_numpy(train.y[idx]).to(device, non_blocking=True)
            with autocast_for(device, config.precision):
                logits = model(xb_t, tb)
            loss = loss_fn(logits.float(), yb)
            if not torch.isfinite(loss):
                raise GaitScreenError(f"Training diverged at step {step + 1} (the loss is not finite); "
                                      "try a lower learning rate.")
            optimiser.zero_grad(set_to_none=True)
            loss.backward()
            if config.grad_clip > 0:
                torch.nn.utils.clip_grad_norm_(model.parameters(), config.grad_clip)
            optimiser.step()
            sched.step()
            losses.append(float(loss.detach()))
            step += 1
            step_time += time.perf_counter() - t0
            if progress is not None:
                progress(step, total, stage)
        record: dict[str, Any] = {"epoch": epoch, "loss": float(np.mean(losses)), "lr": sched.get_last_lr()[0]}
        if val is not None and len(val):
            p = predict_proba(model, val.x, val.index_t, device=device, batch_size=max(bs, 32),
                              should_cancel=should_cancel)
            auc = roc_auc(val.y, p)
            record["val_roc_auc"] = auc
            score = auc if math.isfinite(auc) else -float(np.mean(np.abs(p - val.y)))
            if score > best[0]:
                best, stale = (score, epoch, copy.deepcopy(model.state_dict())), 0
            else:
                stale += 1
        history.append(record)
        if log is not None:
            extra = f", validation ROC-AUC {record['val_roc_auc']:.3f}" if "val_roc_auc" in record else ""
            log(f"{stage}: epoch {epoch}/{epochs}, loss {record['loss']:.4f}{extra}, "
                f"{time.perf_counter() - started:.0f} s")
        if val is not None and len(val) and stale >= config.patience:
            break
    best_epoch = epochs if best[2] is None else best[1]
    if best[2] is not None:
        model.load_state_dict(best[2])
    model.eval()
    threshold = config.threshold
    if config.tune_threshold:
        p = predict_proba(model, train.x, train.index_t, device=device, batch_size=max(bs, 32),
                          stage=f"{stage} (threshold)", progress=progress, should_cancel=should_cancel)
        threshold = youden_threshold(train.y, p)
    return TrainOutcome(model=model, history=history, best_epoch=best_epoch, threshold=threshold,
                        seconds=time.perf_counter() - started, step_seconds=step_time / max(step, 1))
