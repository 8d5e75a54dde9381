"""``gaitscreen analyze SKELETON.npz --test chair-stand|balance --json OUT.json`` (no pose, no video)."""

from __future__ import annotations

import argparse

from .options import check_output_folder


def run_skeleton(args: argparse.Namespace) -> int:
    from ..core.errors import GaitScreenError
    from ..core.performance import analyse_skeleton_file, write_report_json

    test = args.test or "tandem-walk"
    if test == "tandem-walk":
        raise GaitScreenError("A skeleton file is analysed with --test chair-stand or --test balance; "
                              "screen a tandem walk from its video.")
    if args.json is None:
        raise GaitScreenError("--json OUT.json is needed to write the result.")
    check_output_folder(args.json)
    report = analyse_skeleton_file(args.video, test, start_s=args.start_s)
    write_report_json(report, args.json)
    sppb = report["sppb"]
    if test == "chair-stand":
        cs = report["chair_stand"] or {}
        value = f"time {cs.get('time_s')} s, {cs.get('stands', 0)} stands, points {sppb['chair_stand_points']}"
    else:
        holds = ", ".join(f"{k} {v:.2f} s" for k, v in ((report["balance"] or {}).get("holds_s") or {}).items())
        value = f"holds {holds or 'none'}, points {sppb['balance_points']}"
    state = "" if report["assessable"] else f" · {report['reason']}"
    print(f"{args.video.name}: {test}: {value}{state} → {args.json}")
    return 0
