"""``gaitscreen batch``: screen every video of a folder; optional cohort statistics."""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
from pathlib import Path

from .options import add_common_options, add_rate_rule_option
from .progress import ProgressBar

SUMMARY_FIELDS = ["file", "patient_id", "status", "instability_rate", "rate_rule", "instability_rate_all_windows",
                  "risk_group", "unstable_windows", "counted_windows", "model_sha256", "video_sha256", "message"]


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "batch",
        help="screen every video in a folder: one PDF and JSON each, a CSV summary",
        description="Screen each video of DIR (patient id = file name). A file that fails is reported "
        "and skipped. With --diagnoses, cohort statistics as in the published analysis are added.",
    )
    p.add_argument("folder", type=Path, metavar="DIR")
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder for reports (created)")
    p.add_argument("--diagnoses", type=Path, metavar="CSV",
                   help="CSV with columns 'file' (or 'patient_id') and 'sarcopenia' (1/0, yes/no)")
    p.add_argument("--model", type=Path, help="stability model (.pt); default: models/")
    p.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    add_rate_rule_option(p)
    add_common_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..core.analysis import INSUFFICIENT, AnalysisSettings
    from ..core.analysis.cohort import cohort_statistics
    from ..core.errors import Cancelled, GaitScreenError
    from ..core.fileio import atomic_output
    from ..core.model.runtime import open_classifier
    from ..core.pose import YoloPose
    from ..core.screen import PatientInfo, screen_video, write_outputs
    from ..core.video import SUPPORTED_EXTENSIONS

    if not args.folder.is_dir():
        raise GaitScreenError(f"Not a folder: {args.folder}")
    videos = sorted(p for p in args.folder.iterdir() if p.is_file() and p.suffix.lower() in SUPPORTED_EXTENSIONS)
    if not videos:
        raise GaitScreenError(f"No videos ({', '.join(SUPPORTED_EXTENSIONS)}) in {args.folder}")
    diagnoses = _read_diagnoses(args.diagnoses) if args.diagnoses else None
    args.out.mkdir(parents=True, exist_ok=True)
    classifier = open_classifier(args.model, device=args.device)
    settings = AnalysisSettings(rate_rule=args.rate_rule)
    rule = args.rate_rule or classifier.card.recipe.rate_rule
    pose = YoloPose(device=args.device)
    rows = []
    bar = ProgressBar(enabled=not args.quiet)
    try:
        for i, video in enumerate(videos):
            bar(i, len(videos), f"Screening {i + 1}/{len(videos)}")
            patient_id = re.sub(r"[^\w.\-]", "_", video.stem)[:64] or "video"
            row = {"file": video.name, "patient_id": patient_id}
            try:
                outcome = screen_video(video, patient=PatientInfo(id=patient_id), classifier=classifier,
                                       pose_backend=pose, analysis_settings=settings)
                screening = outcome.report["screening"]
                row.update(instability_rate=screening["instability_rate"], rate_rule=screening["rate_rule"],
                           instability_rate_all_windows=screening["instability_rate_all_windows"],
                           risk_group=screening["risk_group"],
                           unstable_windows=screening["unstable_windows"],
                           counted_windows=screening["counted_windows"], model_sha256=screening["model"]["sha256"],
                           video_sha256=outcome.report["recording"]["sha256"])
                if outcome.result.risk_group == INSUFFICIENT:
                    row.update(status="insufficient data", message=outcome.result.risk_reason)
                else:
                    write_outputs(outcome.report, pdf=args.out / f"{patient_id}.pdf",
                                  json_path=args.out / f"{patient_id}.json")
                    row.update(status="ok", message="")
            except Cancelled:
                raise
            except GaitScreenError as exc:
                row.update(status="skipped", message=str(exc))
            rows.append(row)
        bar(len(videos), len(videos), "Screening done")
    finally:
        bar.close()
    summary = io.StringIO()
    writer = csv.DictWriter(summary, SUMMARY_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: row.get(k, "") for k in SUMMARY_FIELDS})
    with atomic_output(args.out / "summary.csv") as tmp:
        tmp.write_text(summary.getvalue(), encoding="utf-8")
    ok = [r for r in rows if r["status"] == "ok"]
    for r in rows:
        if r["status"] != "ok":
            print(f"{r['file']}: {r['status']}: {r['message']}")
    print(f"{len(ok)} of {len(rows)} videos screened → {args.out / 'summary.csv'}")
    if diagnoses is not None:
        known = [r for r in ok if (r["file"] in diagnoses or r["patient_id"] in diagnoses)]
        labels = [diagnoses.get(r["file"], diagnoses.get(r["patient_id"])) for r in known]
        stats = cohort_statistics([r["instability_rate"] for r in known], [r["risk_group"] for r in known], labels,
                                  rate_rule=rule)
        with atomic_output(args.out / "cohort.json") as tmp:
            tmp.write_text(json.dumps(stats.to_dict(), indent=2) + "\n", encoding="utf-8")
        auc = "n/a" if stats.roc_auc is None else f"{stats.roc_auc:.3f}"
        prev = [("n/a" if v is None else f"{v:.1%}") for v in (stats.prevalence_mostly_stable,
                                                               stats.prevalence_mostly_unstable)]
        print(f"cohort of {stats.subjects} with diagnoses ({rule} windows): ROC-AUC {auc}; prevalence {prev[0]} mostly stable vs "
              f"{prev[1]} mostly unstable → {args.out / 'cohort.json'}")
    return 0 if ok else 2


def _read_diagnoses(path: Path) -> dict[str, bool]:
    from ..core.errors import GaitScreenError

    truthy, falsy = {"1", "yes", "true", "y"}, {"0", "no", "false", "n"}
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise GaitScreenError(f"Cannot read {path}: {exc.strerror or exc}") from None
    out: dict[str, bool] = {}
    for n, row in enumerate(rows, start=2):
        key = (row.get("file") or row.get("patient_id") or "").strip()
        value = (row.get("sarcopenia") or "").strip().lower()
        if not key or value not in truthy | falsy:
            raise GaitScreenError(f"{path.name} line {n}: needs 'file' or 'patient_id' and 'sarcopenia' as 1/0.")
        out[key] = value in truthy
    return out
