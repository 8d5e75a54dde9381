"""``gaitscreen train``: train and cross-validate the stability classifier."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .options import add_common_options, add_device_option, add_trained_file_options, new_command, trained_file
from .progress import ProgressBar
from ..core.i18n import N_, _


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = new_command(subparsers, "train", run, help="train and cross-validate the stability classifier",
                    description="Train SkateFormer to tell stable from unstable 64-frame windows of tandem "
                    "walking, report subject-level cross-validation (per fold and mean ± SD), and write "
                    "the model (NAME.pt), its card (NAME.card.json) and NAME.metrics.json.")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--synthetic", type=int, metavar="N_SUBJECTS",
                     help="generate synthetic walks of N subjects (2-D skeletons)")
    src.add_argument("--published-npz", type=Path, metavar="FILE",
                     help="published clip npz ({1|2}_{NNN}_{start}to{end}_{label} keys, 3-D)")
    src.add_argument("--partition", type=Path, nargs="+", metavar="FILE",
                     help="published partitionK.npz files; each is one fold (its test split)")
    add_trained_file_options(p, "model")
    p.add_argument("--seed", type=int, default=0, help="seed of data generation, splits and training")
    p.add_argument("--folds", type=int, default=3,
                   help="subject-level cross-validation folds; 0 skips cross-validation (default 3; "
                        "with --partition each file is a fold)")
    p.add_argument("--epochs", type=int, default=5, help="training epochs (default 5)")
    p.add_argument("--batch", type=int, default=16, help="batch size (default 16)")
    p.add_argument("--lr", type=float, default=5e-4, help="peak learning rate of AdamW (default 5e-4)")
    p.add_argument("--train-stride", type=int, default=16, metavar="SAMPLES",
                   help="training uses the windows starting every SAMPLES samples (default 16; "
                        "tests always use every window, stride 8, as the application does)")
    p.add_argument("--window-recipe", choices=("per-window", "span"), default="per-window",
                   help="how training windows are cut, recorded in the model card and used at inference: "
                        "64 consecutive frames with a per-window index (default), or 'span': a --span-s "
                        "span sampled to 64 frames with an index over the span (the published training)")
    p.add_argument("--span-s", type=float, default=3.0, metavar="SECONDS",
                   help="seconds one window covers with --window-recipe span (default 3)")
    p.add_argument("--early-stopping", action="store_true",
                   help="keep the epoch of best ROC-AUC on held-out training subjects")
    p.add_argument("--final", action=argparse.BooleanOptionalAction, default=True,
                   help="after cross-validation, train the saved model on all data (default); "
                        "--no-final saves the fold-1 model")
    p.add_argument("--architecture", choices=("ntu", "compact"), default="ntu",
                   help="SkateFormer size: ntu (published, 3.6 M parameters; default) or compact "
                        "(0.45 M, about 5x faster to train and 4x faster to run on a CPU)")
    p.add_argument("--persons", type=int, choices=(1, 2), default=2,
                   help="person slots of the model's input: 2 as published (the second all zero) or "
                        "1 (our single-subject windows; about 2x faster to train and run)")
    p.add_argument("--tune-threshold", action="store_true",
                   help="write the Youden-optimal threshold on the training windows into the card "
                        "instead of the published 0.5")
    p.add_argument("--precision", choices=("fp32", "bf16"), default="fp32",
                   help="fp32 (default) or bf16: forward passes in bfloat16 autocast, weights float32 "
                        "(about 1.6x faster steps on a CPU with AVX-512 BF16)")
    # Fine-tuning (issue 16): start from an existing checkpoint.
    p.add_argument("--init", type=Path, metavar="CHECKPOINT",
                   help="start from this SkateFormer checkpoint instead of random weights: a GaitScreen model, "
                        "the published stability checkpoint or the public NTU-120 SkateFormer_j.pt (a head "
                        "with other classes is replaced by a new 2-class head); it must fit --architecture "
                        "and --persons")
    add_device_option(p)
    # 3-D input (issue 16, item 5): synthetic walks lifted by a lifter; the published layouts are 3-D already.
    p.add_argument("--input", choices=("2d", "3d"),
                   help="skeletons the model takes: 2d (default for --synthetic) or 3d (synthetic walks lifted "
                        "with --lifter; the published layouts are always 3d)")
    p.add_argument("--lifter", type=Path, metavar="FILE",
                   help="lifter for --synthetic --input 3d (default: models/gaitscreen-lifter-synthetic.pt)")
    add_common_options(p)


def _check_args(args: argparse.Namespace) -> None:
    from ..core.errors import GaitScreenError

    args.out = trained_file(args.out)
    for name, low in (("--epochs", 1), ("--batch", 1), ("--folds", 0)):
        if getattr(args, name[2:]) < low:
            raise GaitScreenError(_('{name} must be at least {low}.').format(name=name, low=low))
    if args.folds == 1:
        raise GaitScreenError(_('--folds must be 0 (no cross-validation) or at least 2.'))
    if args.synthetic is not None and args.synthetic < 2:
        raise GaitScreenError(_('--synthetic needs at least 2 subjects.'))
    if not args.lr > 0:
        raise GaitScreenError(_('--lr must be positive.'))
    if args.train_stride < 1:
        raise GaitScreenError(_('--train-stride must be at least 1.'))
    if not args.span_s > 0:
        raise GaitScreenError(_('--span-s must be a positive number of seconds.'))
    if args.folds == 0 and not args.final and not args.partition:
        raise GaitScreenError(_('With --folds 0 and --no-final nothing would be trained.'))


def recipe_of(args: argparse.Namespace) -> Any:
    """The window recipe the training data is cut with (and the card records)."""
    from ..core.model.recipe import default_recipe, span_recipe

    return span_recipe(args.span_s) if args.window_recipe == "span" else default_recipe()


def _load(args: argparse.Namespace) -> tuple[Any, list | None, dict[str, Any]]:
    """Training data, predefined splits (partition files) and its description for the card (worded with
    ``say`` so the card records its template and values: the reader sees it in their language)."""
    from ..core.analysis.protocol_words import say
    from ..core.model import data as d
    from ..core.model.card import file_sha256

    recipe = recipe_of(args)

    if getattr(args, "lifter", None) is not None and not (args.synthetic is not None and args.input == "3d"):
        from ..core.errors import GaitScreenError

        raise GaitScreenError(_('--lifter applies only to --synthetic N --input 3d; add --input 3d or drop --lifter.'))
    if args.synthetic is not None:
        from ..synth import GENERATOR_NAME, GENERATOR_VERSION, generate_dataset

        clips = generate_dataset(args.synthetic, seed=args.seed)
        lifted: dict[str, Any] = {}
        if getattr(args, "input", None) == "3d":
            from ..synth.lifter.lifted import lift_for_training

            clips, lifted = lift_for_training(clips, args.lifter)
        data = d.from_synthetic(clips, spec=d.InputSpec.for_dims(3) if lifted else None, recipe=recipe)
        words = {"subjects": args.synthetic, "generator": GENERATOR_NAME, "version": GENERATOR_VERSION,
                 "seed": args.seed}
        info = {"synthetic": True, "generator": GENERATOR_NAME, "generator_version": GENERATOR_VERSION,
                "seed": args.seed,
                "description": say(N_("{subjects} synthetic subjects (2-D detector-like COCO skeletons of 3-s "
                                      "tandem-walk clips) from {generator} {version}, seed {seed}"), **words),
                "window_labels": "generator's interval rule on the per-frame instability "
                                 "(gaitscreen/core/model/data.py)", **lifted}
        if lifted:
            info["description"] = say(N_("{subjects} synthetic subjects (2-D detector-like COCO skeletons of 3-s "
                                         "tandem-walk clips) from {generator} {version}, seed {seed}, lifted to 3-D "
                                         "with {lifter}"), lifter=lifted["lifter"]["name"], **words)
        return data, None, info
    if getattr(args, "input", None) == "2d":
        from ..core.errors import GaitScreenError

        raise GaitScreenError(_('The published layouts hold 3-D skeletons; drop --input 2d (or use --input 3d).'))
    if args.published_npz is not None:
        data = d.from_published_npz(args.published_npz, recipe=recipe)
        info = {"synthetic": False, "source": args.published_npz.name,
                "source_sha256": file_sha256(args.published_npz),
                "description": say(N_("published 3-D clips from {file}"), file=args.published_npz.name),
                "window_labels": "clip label (last field of the clip name)"}
        return data, None, info
    if args.window_recipe != "per-window":
        from ..core.errors import GaitScreenError

        raise GaitScreenError(_('--window-recipe span needs whole clips (--synthetic or --published-npz); partition files hold ready windows.'))
    parts = [d.read_partition(path) for path in args.partition]
    splits = [(p.get("train"), p.get("val"), p.get("test")) for p in parts]
    for path, (train, _val, test) in zip(args.partition, splits):
        if train is None or test is None:
            from ..core.errors import SkeletonFormatError

            raise SkeletonFormatError(_('{name} needs x_train and x_test arrays to serve as a fold.')
                .format(name=path.name))
    first = [s for s in splits[0] if s is not None]
    data = d.WindowDataset.concat(first)  # each file splits the same dataset: the first one is all of it
    info = {"synthetic": False, "source": [p.name for p in args.partition],
            "source_sha256": [file_sha256(p) for p in args.partition],
            "description": say(N_("published partition files {files} (3-D)"),
                               files=", ".join(p.name for p in args.partition)),
            "window_labels": "labels of the partition files"}
    return data, splits, info


def _parent(args: argparse.Namespace) -> Any:
    """The checkpoint ``--init`` names, checked against the chosen configuration before any data is made."""
    if args.init is None:
        return None
    import dataclasses

    from ..core.model.config import SkateFormerConfig
    from ..core.model.finetune import check_fits, load_parent

    parent = load_parent(args.init)
    check_fits(parent, dataclasses.replace(SkateFormerConfig.named(args.architecture), num_people=args.persons))
    return parent


LABELS = (("accuracy", "accuracy"), ("balanced_accuracy", "balanced accuracy"), ("precision", "precision"),
          ("recall", "recall"), ("f1", "F1"), ("roc_auc", "ROC-AUC"))


def _fmt(m: dict[str, Any]) -> str:
    def num(v: Any) -> str:
        return "n/a" if v is None or v != v else f"{v:.3f}"
    return ", ".join(f"{label} {num(m[key])}" for key, label in LABELS)


def _mean_sd(m: dict[str, Any]) -> str:
    return "n/a" if m["mean"] is None else f"{m['mean']:.3f} ± {m['sd']:.3f}"


def _fmt_summary(s: dict[str, Any]) -> str:
    return ", ".join(f"{label} {_mean_sd(s[key])}" for key, label in LABELS)


def run(args: argparse.Namespace) -> int:
    import torch

    from ..core.model import crossval as xval
    from ..core.model import results as tr_results
    from ..core.model import training as tr
    from ..core.model.results import write_trained_model

    _check_args(args)
    parent = _parent(args)
    bar = ProgressBar(enabled=not args.quiet)

    def log(message: str) -> None:
        if not args.quiet:
            bar.close()
            print(message, file=sys.stderr, flush=True)

    config = tr.TrainConfig(epochs=args.epochs, batch_size=args.batch, lr=args.lr, seed=args.seed,
                            train_stride=args.train_stride,
                            device=args.device, precision=args.precision, early_stopping=args.early_stopping,
                            architecture=args.architecture, tune_threshold=args.tune_threshold, init=parent)
    device = tr.resolve_device(args.device)
    if device == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
    try:
        bar(0, 0, "Preparing data")
        data, splits, info = _load(args)
        data = data.with_persons(args.persons)
        if splits:
            splits = [tuple(None if part is None else part.with_persons(args.persons) for part in split)
                      for split in splits]
        info.update(data.describe())
        info["training_windows_per_pass"] = len(data.thin(args.train_stride))
        if len(data) == 0 or data.y.min() == data.y.max():
            from ..core.errors import GaitScreenError

            raise GaitScreenError(_('The training data needs stable and unstable windows; it has {unstable} unstable of {windows}.')
                .format(unstable=int(data.y.sum()), windows=len(data)))
        log(f"Data: {len(data)} windows ({int(data.y.sum())} unstable) from {info['clips']} clips of "
            f"{info['subjects']} subjects, {info['training_windows_per_pass']} of them used for training "
            f"(stride {args.train_stride}); training on {device}"
            + (f", starting from {parent.name} (sha256 {parent.sha256[:12]})" if parent is not None else ""))
        cv = None
        folds = len(splits) if splits else args.folds
        if splits:
            cv = xval.evaluate_splits(splits, config, progress=bar, log=log)
        elif args.folds >= 2:
            cv = xval.cross_validate(data, config, args.folds, progress=bar, log=log)
        final = None
        if args.final or cv is None:
            final = xval.train_final(data, config, cv=cv, progress=bar, log=log)
            model, threshold = final.model, final.threshold
            weights = f"final model trained on all {info['subjects']} subjects for {len(final.history)} epochs"
        else:
            model, threshold = cv.first_model, cv.first_threshold
            weights = "fold-1 model of the cross-validation (trained on the other folds' subjects)"
    finally:
        bar.close()

    if cv is not None:
        for f in cv.folds:
            print(f"fold {f.fold}: {len(f.train_subjects)} training / {len(f.test_subjects)} test subjects, "
                  f"{f.metrics['n']} test windows, threshold {f.threshold:.2f}: {_fmt(f.metrics)}")
        print(f"mean ± SD over {len(cv.folds)} folds: {_fmt_summary(cv.summary)}")
        print(f"per clip (mean window P(unstable) against the clip label): "
              f"ROC-AUC {_mean_sd(cv.clip_summary['roc_auc'])}, accuracy {_mean_sd(cv.clip_summary['accuracy'])}")

    name = args.name or args.out.stem
    if parent is not None:
        weights += f", fine-tuned from {parent.name}"
    info["weights"] = weights
    write_trained_model(args.out, model, name=name, version=args.version, spec=data.spec, info=info, cv=cv,
                        folds=folds, final=final, config=config, device=device, threshold=threshold,
                        recipe=recipe_of(args))
    metrics_path = tr_results.metrics_path(args.out)
    print(f"{name} {args.version}: {weights} → {args.out} (+ {args.out.stem}.card.json, {metrics_path.name})")
    return 0
