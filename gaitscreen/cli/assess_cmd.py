"""``gaitscreen assess``: the sarcopenia assessment (AWGS 2019, EWGSOP2) of a visit file."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from .options import add_common_options, check_output_folder


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "assess",
        help="apply the AWGS 2019 and EWGSOP2 sarcopenia criteria to a visit's measurements",
        description="Read VISIT.json (sex, grip strength, calf circumference, SARC-F, ASM, usual gait "
        "speed, chair stand, SPPB; see gaitscreen/core/assessment/visit.py), print per guideline each "
        "criterion against its cut-off and the conclusion, and optionally write the assessment JSON.",
    )
    p.add_argument("--visit", type=Path, required=True, metavar="VISIT.json", help="the visit's measurements")
    p.add_argument("--json", type=Path, metavar="OUT.json", help="write the assessment JSON here")
    add_common_options(p)
    p.set_defaults(func=run)


def load_visit(path: Path):
    """Read and check a visit file (AssessmentInputError for unreadable or invalid ones)."""
    from ..core.assessment import VisitMeasures
    from ..core.errors import AssessmentInputError

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise AssessmentInputError(f"Cannot read the visit file {str(path)!r}: {exc.strerror}.") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AssessmentInputError(f"The visit file {str(path)!r} is not a JSON file.") from exc
    return VisitMeasures.from_dict(data)


def run(args: argparse.Namespace) -> int:
    from ..core.assessment import assess_visit
    from ..core.fileio import atomic_output

    if args.json is not None:
        check_output_folder(args.json)
    result = assess_visit(load_visit(args.visit))
    if args.json is not None:
        with atomic_output(args.json) as tmp:
            tmp.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if not args.quiet or args.json is None:
        for name, a in result["assessments"].items():
            print(f"{name}: {a['conclusion']} — {a['statement']}")
            for c in a["criteria"]:
                shown = ", ".join(f"{m['measure']} {m['value']:g} ({m['status']}, cut-off {m['cutoff']})"
                                  for m in c["measures"] if m["value"] is not None) or "no value"
                print(f"  {c['label']}: {c['status']} · {shown}")
            for m in a["missing"]:
                print(f"  → {m}")
    return 0
