"""``gaitscreen classify``: P(unstable) for every window of a skeleton file."""

from __future__ import annotations

import argparse
from pathlib import Path

from .options import add_common_options, add_device_option, add_model_options, add_rate_rule_option, check_output_folder, new_command
from .progress import ProgressBar
from ..core.i18n import _

CSV_COLUMNS = ("window", "start_s", "end_s", "missing_share", "p_unstable", "unstable", "counted")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = new_command(subparsers, "classify", run, help="classify a skeleton's walking windows as stable or unstable",
                    description="Cut the skeleton in SKELETON.npz (from `gaitscreen pose`) into windows "
                    "and print each window's probability of unstable walking, then a summary.")
    p.add_argument("skeleton", type=Path, help="skeleton file (.npz) written by `gaitscreen pose`")
    add_model_options(p, runtime=True)
    add_device_option(p)
    p.add_argument("--csv", type=Path, metavar="OUT.csv", help="also write the windows to a CSV file")
    add_rate_rule_option(p)
    add_common_options(p)


def run(args: argparse.Namespace) -> int:
    from ..core.analysis.rate import rates_for
    from ..core.errors import GaitScreenError
    from ..core.model.recipe import ALL_WINDOWS, NON_OVERLAPPING
    from ..core.model.checkpoint import check_input_compatible, read_card, resolve_model_path
    from ..core.model.runtime import classify_skeleton, open_classifier
    from ..core.skeleton import SkeletonSequence

    if args.csv is not None:
        check_output_folder(args.csv)
    skeleton = SkeletonSequence.load_npz(args.skeleton)
    model_path = resolve_model_path(args.model)
    card, _meta = read_card(model_path)
    skeleton = _published_input(skeleton, card, args.skeleton)
    # Refuse a mismatched model before loading the network.
    check_input_compatible(card, dims=int(skeleton.joints.shape[2]), layout=skeleton.layout)
    bar = ProgressBar(enabled=not args.quiet)
    try:
        classifier = open_classifier(model_path, runtime=args.runtime, device=args.device, progress=bar)
        scores = classify_skeleton(classifier, skeleton, progress=bar)
    finally:
        bar.close()
    windows = scores.windows
    if len(windows) == 0:
        raise GaitScreenError(
            _('{name} is too short to classify: {duration_s:.2f} s of skeleton, at least {min_duration_s:g} s needed.')
                .format(name=args.skeleton.name, duration_s=skeleton.duration_s, min_duration_s=card.input.min_duration_s)
        )
    rule = args.rate_rule or card.recipe.rate_rule
    rates = rates_for(windows.start_s, windows.end_s, scores.p_unstable, scores.threshold)
    counted = set(rates[rule].windows)
    rows = [
        (i + 1, float(windows.start_s[i]), float(windows.end_s[i]), float(windows.missing_share[i]),
         float(scores.p_unstable[i]), bool(scores.unstable[i]), i in counted)
        for i in range(len(windows))
    ]
    print(f"{'window':>6}  {'start s':>8}  {'end s':>8}  {'missing':>7}  {'P(unstable)':>11}  {'in R':>4}")
    for number, start, end, missing, p, unstable, in_rate in rows:
        flag = "  unstable" if unstable else ""
        print(f"{number:>6}  {start:>8.2f}  {end:>8.2f}  {missing:>7.0%}  {p:>11.3f}  "
              f"{'yes' if in_rate else '':>4}{flag}")
    if args.csv is not None:
        _write_csv(args.csv, rows)
    n_unstable = int(scores.unstable.sum())
    validated = "" if card.clinically_validated else "; not clinically validated"
    chosen, other = rates[rule], rates[ALL_WINDOWS if rule == NON_OVERLAPPING else NON_OVERLAPPING]
    note = f"; {card.recipe_note}" if card.recipe_note else ""
    print(
        f"{args.skeleton.name}: {len(rows)} window{'s' if len(rows) != 1 else ''}, {n_unstable} unstable "
        f"({scores.unstable_share:.0%}, P > {scores.threshold:g}); R = {chosen.rate:.2f} over "
        f"{chosen.counted} {rule} window{'s' if chosen.counted != 1 else ''} ({other.rule} R = {other.rate:.2f})"
        f"{note}; model {card.name} {card.version} "
        f"(sha256 {classifier.sha256[:12]}, {classifier.runtime} on {classifier.device}){validated}"
        + (f" → {args.csv}" if args.csv is not None else "")
    )
    return 0


def _published_input(skeleton, card, path: Path):
    """A 3-D model's input: a lifted H36M-17 skeleton (``pose --lift``) gets the published NTU
    preparation, as ``analyze`` gives it; a 2-D skeleton is refused, naming how to lift it."""
    from ..core.errors import ModelError
    from ..core.lifting.path import needs_lifter, published_model_input

    if not needs_lifter(card):
        return skeleton
    if skeleton.dims != 3:
        raise ModelError(_('{name} expects 3-D skeletons and {file} is {dims}-D: lift it with `gaitscreen pose VIDEO -o OUT.npz --lift [FILE]` and classify that file, or screen the video with `gaitscreen analyze VIDEO --lifter FILE`.')
            .format(name=card.name, file=path.name, dims=skeleton.dims))
    return published_model_input(skeleton) if skeleton.layout == "h36m17" else skeleton


def _write_csv(path: Path, rows: list[tuple]) -> None:
    import csv
    import io

    from ..core.model.card import atomic_output

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for number, start, end, missing, p, unstable, in_rate in rows:
        writer.writerow([number, f"{start:.4f}", f"{end:.4f}", f"{missing:.4f}", f"{p:.6f}", int(unstable),
                         int(in_rate)])
    with atomic_output(path) as tmp:
        tmp.write_text(buffer.getvalue(), encoding="utf-8")
