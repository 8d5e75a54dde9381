"""``gaitscreen train-lifter``: train a small PoseFormerV2 lifter on synthetic walks."""

from __future__ import annotations

import argparse
import sys

from .options import add_common_options, add_trained_file_options, new_command, trained_file
from .progress import ProgressBar
from ..core.i18n import _


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    from ..core.lifting.config import BUNDLED_CONFIG as B
    from ..core.lifting.config import LifterTrainConfig as C

    p = new_command(subparsers, "train-lifter", run, help="train a 2-D to 3-D lifter (PoseFormerV2) on synthetic walks",
                    description="Train a small PoseFormerV2 on GaitScreen's synthetic tandem walks (detector-like "
                    "2-D input, exact 3-D targets), score it on held-out synthetic subjects, and write NAME.pt, "
                    "NAME.card.json and NAME.onnx. The data are synthetic skeletons, not people.")
    add_trained_file_options(p, "lifter")
    p.add_argument("--seed", type=int, default=C.seed, help=f"seed of the walks and of training (default {C.seed})")
    p.add_argument("--subjects", type=int, default=C.subjects, help=f"training subjects (default {C.subjects})")
    p.add_argument("--test-subjects", type=int, default=C.test_subjects,
                   help=f"held-out subjects the card's scores come from (default {C.test_subjects})")
    p.add_argument("--epochs", type=int, default=C.epochs, help=f"training epochs (default {C.epochs})")
    p.add_argument("--frame-stride", type=int, default=C.frame_stride, metavar="K",
                   help=f"each epoch uses every K-th frame of every walk (default {C.frame_stride})")
    p.add_argument("--batch", type=int, default=C.batch_size, help=f"batch size (default {C.batch_size})")
    p.add_argument("--lr", type=float, default=C.lr, help=f"peak learning rate of AdamW (default {C.lr})")
    p.add_argument("--embed-ratio", type=int, default=B.embed_dim_ratio,
                   help=f"channels per joint (default {B.embed_dim_ratio})")
    p.add_argument("--depth", type=int, default=B.depth, help=f"transformer blocks per stream (default {B.depth})")
    p.add_argument("--heads", type=int, default=B.num_heads, help=f"attention heads (default {B.num_heads})")
    p.add_argument("--frames-kept", type=int, default=B.frames_kept,
                   help=f"frames (and DCT coefficients) kept around the centre (default {B.frames_kept})")
    p.add_argument("--receptive-field", type=int, default=B.receptive_field, metavar="F",
                   help=f"frames per window, odd (default {B.receptive_field}, the seed's)")
    p.add_argument("--threads", type=int, metavar="N",
                   help="CPU threads for PyTorch (default: its own choice; 1 is fastest on a busy machine)")
    p.add_argument("--onnx", action=argparse.BooleanOptionalAction, default=True,
                   help="also write NAME.onnx, checked against PyTorch (default)")
    add_common_options(p)


def _config(args: argparse.Namespace):
    from ..core.errors import GaitScreenError
    from ..core.lifting import PoseFormerV2Config
    from ..core.lifting.config import LifterTrainConfig

    for flag, value in (("--subjects", args.subjects), ("--test-subjects", args.test_subjects),
                        ("--epochs", args.epochs), ("--frame-stride", args.frame_stride), ("--batch", args.batch)):
        if value < 1:
            raise GaitScreenError(_('{flag} must be at least 1.').format(flag=flag))
    if not args.lr > 0:
        raise GaitScreenError(_('--lr must be positive.'))
    try:
        model = PoseFormerV2Config(embed_dim_ratio=args.embed_ratio, depth=args.depth, num_heads=args.heads,
                                   frames_kept=args.frames_kept, coeffs_kept=args.frames_kept,
                                   receptive_field=args.receptive_field)
    except ValueError as exc:
        raise GaitScreenError(_('The lifter size does not build: {exc}.').format(exc=exc)) from exc
    if args.receptive_field % 2 != 1 or args.receptive_field < args.frames_kept:
        raise GaitScreenError(_('--receptive-field must be odd and at least --frames-kept.'))
    return LifterTrainConfig(subjects=args.subjects, test_subjects=args.test_subjects, epochs=args.epochs,
                             batch_size=args.batch, lr=args.lr, frame_stride=args.frame_stride, seed=args.seed,
                             model=model)


def run(args: argparse.Namespace) -> int:
    from ..synth.lifter.card import write_trained_lifter
    from ..synth.lifter.training import train_lifter

    args.out = trained_file(args.out)
    config = _config(args)
    if args.threads is not None:
        import torch

        torch.set_num_threads(max(1, args.threads))
    bar = ProgressBar(enabled=not args.quiet)

    def log(message: str) -> None:
        if not args.quiet:
            bar.close()
            print(message, file=sys.stderr, flush=True)

    try:
        trained = train_lifter(config, log=log, progress=bar)
    finally:
        bar.close()
    card = write_trained_lifter(args.out, trained, name=args.name, version=args.version, onnx=args.onnx)
    m = card["metrics"]
    print(f"{card['name']} {card['version']}: MPJPE {m['mpjpe_mm']:.1f} mm, P-MPJPE {m['p_mpjpe_mm']:.1f} mm on "
          f"{m['held_out_subjects']} held-out synthetic subjects → {args.out} (+ {args.out.stem}.card.json"
          f"{', ' + args.out.stem + '.onnx' if args.onnx else ''})")
    return 0
