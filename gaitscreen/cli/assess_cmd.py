"""``gaitscreen assess``: the sarcopenia assessment (AWGS 2019, EWGSOP2) of a visit file."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from .options import add_common_options, add_output_options, check_output_folder, new_command
from ..core.i18n import _


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = new_command(subparsers, "assess", run,
                    help="apply the AWGS 2019 and EWGSOP2 sarcopenia criteria to a visit's measurements",
                    description="Read VISIT.json (sex, grip strength, calf circumference, SARC-F, ASM, usual gait "
                    "speed, chair stand, SPPB; see gaitscreen/core/assessment/visit.py), print per guideline each "
                    "criterion against its cut-off and the conclusion, and optionally write the assessment JSON.")
    p.add_argument("--visit", type=Path, required=True, metavar="VISIT.json", help="the visit's measurements")
    add_output_options(p, json="write the assessment JSON here",
                       pdf="write the visit PDF here (and, with --pdf-json, the visit report JSON holding every "
                           "number of it)")
    p.add_argument("--pdf-json", type=Path, metavar="OUT.json", help="write the visit report JSON of the PDF here")
    add_common_options(p)


def load_visit(path: Path):
    """Read and check a visit file (AssessmentInputError for unreadable or invalid ones)."""
    from ..core.assessment import VisitMeasures
    from ..core.errors import AssessmentInputError

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise AssessmentInputError(_('Cannot read the visit file {path!r}: {strerror}.')
            .format(path=str(path), strerror=exc.strerror)) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AssessmentInputError(_('The visit file {path!r} is not a JSON file.').format(path=str(path))) from exc
    return VisitMeasures.from_dict(data)


def run(args: argparse.Namespace) -> int:
    from ..core.assessment import assess_visit
    from .visit_report_cmd import write_json

    for out in (args.json, args.pdf, args.pdf_json):
        if out is not None:
            check_output_folder(out)
    measures = load_visit(args.visit)
    result = assess_visit(measures)
    if args.pdf is not None or args.pdf_json is not None:
        _write_visit_report(measures, args)
    if args.json is not None:
        write_json(result, args.json)
    if not args.quiet or args.json is None:
        _print_assessment(result, measures.sex)
    return 0


def _print_assessment(result: dict, sex: str | None) -> None:
    """Per guideline its conclusion and each criterion against its cut-offs, in the current language."""
    from ..core.report.visit_words import MEASURE_NAMES, cutoff_text, value_text, worded_assessment

    for name, a in result["assessments"].items():
        conclusion, statement, missing = worded_assessment(name, a)
        print(_("{guideline}: {conclusion} — {statement}").format(guideline=name, conclusion=conclusion,
                                                                   statement=statement))
        for c in a["criteria"]:
            shown = [_("{measure} {value} ({status}, cut-off {cutoff})").format(
                         measure=_(MEASURE_NAMES.get(m["measure"], m["measure"])),
                         value=value_text(m["value"], m.get("unit") or ""), status=_(m["status"]),
                         cutoff=cutoff_text(name, m["measure"], sex, m.get("cutoff") or ""))
                     for m in c["measures"] if m["value"] is not None]
            # TRANSLATORS: one criterion of the assessment: its name, its status, then its measures.
            print("  " + _("{criterion}: {status} · {measures}").format(
                criterion=_(c["label"]), status=_(c["status"]), measures=_("; ").join(shown) or _("no value")))
        for m in missing:
            print(f"  → {m}")


def _write_visit_report(measures, args: argparse.Namespace) -> None:
    """The visit PDF / report JSON of a visit file (no study: patient id is the file's name)."""
    from ..core.assessment.visit_inputs import inputs_from_measures
    from ..core.report.visit_pdf import build_visit_pdf
    from ..core.report.visit_report import visit_report
    from .visit_report_cmd import write_json

    report = visit_report(inputs_from_measures(measures), patient={"id": args.visit.stem},
                          visit={"date": None, "operator": ""})
    if args.pdf is not None:
        build_visit_pdf(report, args.pdf)
    if args.pdf_json is not None:
        write_json(report, args.pdf_json)
