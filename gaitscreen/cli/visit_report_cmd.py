"""``gaitscreen visit-report``: the PDF and JSON of one visit of a study."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from .options import add_common_options, add_output_options, add_study_option, check_output_folder, new_command


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = new_command(subparsers, "visit-report", run,
                    help="write the sarcopenia assessment report (PDF and JSON) of one visit of a study",
                    description="Combine a visit's manual measurements with what its analysed recordings measured, "
                    "apply AWGS 2019 and EWGSOP2, and write the visit PDF and/or the JSON holding every number of it.")
    add_study_option(p, required=True, help="the study folder")
    p.add_argument("--visit", type=int, required=True, metavar="ID", help="the visit's id")
    add_output_options(p, pdf="write the visit PDF here", json="write the visit report JSON here")
    add_common_options(p)


def write_json(report: dict, path: Path) -> None:
    from ..core.fileio import atomic_output

    text = json.dumps(report, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    with atomic_output(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def run(args: argparse.Namespace) -> int:
    from ..core.assessment.evaluate import describe
    from ..core.errors import GaitScreenError
    from ..core.i18n import _
    from ..core.report.visit_pdf import build_visit_pdf
    from ..storage import Study
    from ..storage.visit_export import study_visit_report

    if args.pdf is None and args.json is None:
        raise GaitScreenError(_("Give --pdf OUT.pdf and/or --json OUT.json: where to write the visit report."))
    for out in (args.pdf, args.json):
        if out is not None:
            check_output_folder(out)
    with Study.open(args.study, create=False, read_only=True) as study:
        report = study_visit_report(study, args.visit)
    if args.pdf is not None:
        build_visit_pdf(report, args.pdf)
    if args.json is not None:
        write_json(report, args.json)
    if not args.quiet:
        for name, a in report["assessment"]["assessments"].items():
            conclusion, statement, _missing = describe(name, {c["criterion"]: c["status"] for c in a["criteria"]})
            print(f"{name}: {conclusion} — {statement}")
    return 0
