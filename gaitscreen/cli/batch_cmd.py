"""``gaitscreen batch``: screen every video of a folder; optional cohort statistics."""

from __future__ import annotations

import argparse
import csv
import errno
import io
import json
import re
import sys
import traceback
from pathlib import Path

from .options import (WALK_TESTS, add_common_options, add_device_option, add_lifter_option, add_model_options,
                      add_output_options, add_rate_rule_option, add_test_options, load_floor_calibration,
                      new_command, prepare_output_folder)
from .progress import ProgressBar
from ..core.i18n import N_, _

#: The statuses of summary.csv (stored in English) as the printed lines word them.
STATUS_WORDS = {"ok": N_("ok"), "failed": N_("failed"), "skipped": N_("skipped"),
                "not assessable": N_("not assessable"), "insufficient data": N_("insufficient data"),
                "not processed": N_("not processed")}

SUMMARY_FIELDS = ["file", "patient_id", "status", "instability_rate", "rate_rule", "instability_rate_all_windows",
                  "risk_group", "unstable_windows", "counted_windows", "model_sha256", "video_sha256", "assessable",
                  "failed_checks", "test", "gait_speed_m_per_s", "floor_calibration_sha256", "message"]
#: A write failing with one of these stops the batch (what was done is summarised), any other failure is one row's.
DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = new_command(subparsers, "batch", run,
                    help="screen every video in a folder: one PDF and JSON each, a CSV summary",
                    description="Screen each video of DIR (patient id = file name). A file that fails is reported "
                    "and skipped. With --diagnoses, cohort statistics as in the published analysis are added. "
                    "With --test usual-walk and --floor-calibration every video is measured on that floor "
                    "and the summary carries its gait speed.")
    p.add_argument("folder", type=Path, metavar="DIR")
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder for reports (created)")
    add_output_options(p)
    p.add_argument("--diagnoses", type=Path, metavar="CSV",
                   help="CSV with columns 'file' (or 'patient_id') and 'sarcopenia' (1/0, yes/no)")
    add_test_options(p, WALK_TESTS)
    add_model_options(p)
    add_device_option(p)
    add_lifter_option(p)
    add_rate_rule_option(p)
    add_common_options(p)


def run(args: argparse.Namespace) -> int:
    from ..core.analysis import AnalysisSettings
    from ..core.analysis.cohort import cohort_statistics
    from ..core.errors import Cancelled, GaitScreenError
    from ..core.fileio import atomic_output
    from ..core.lifting.path import resolve_lifter
    from ..core.model.runtime import open_classifier
    from ..core.pose import YoloPose
    from ..core.video import SUPPORTED_EXTENSIONS

    if not args.folder.is_dir():
        raise GaitScreenError(_('Not a folder: {folder}').format(folder=args.folder))
    videos = sorted(p for p in args.folder.iterdir() if p.is_file() and p.suffix.lower() in SUPPORTED_EXTENSIONS)
    if not videos:
        raise GaitScreenError(_('No videos ({types}) in {folder}')
            .format(types=', '.join(SUPPORTED_EXTENSIONS), folder=args.folder))
    diagnoses = _read_diagnoses(args.diagnoses) if args.diagnoses else None
    calibration = load_floor_calibration(args.floor_calibration)  # a bad file: refused before any video
    if calibration is not None and args.course_m is None:
        args.course_m = calibration.course_m  # the calibrated start and end lines, as analyze does
    prepare_output_folder(args.out)  # refused before any model loads or any pose runs
    classifier = open_classifier(args.model, device=args.device)
    lifter = resolve_lifter(classifier.card, args.lifter, device=args.device)  # refused before any pose runs
    rule = args.rate_rule or classifier.card.recipe.rate_rule
    # what every video is screened with (screen_video's keywords)
    screening = dict(classifier=classifier, pose_backend=YoloPose(device=args.device), lifter=lifter,
                     analysis_settings=AnalysisSettings(rate_rule=args.rate_rule), test=args.test or "tandem-walk",
                     floor_calibration=calibration, course_m=args.course_m)
    names = output_names(videos)
    rows: list[dict] = []
    stopped: OSError | None = None
    bar = ProgressBar(enabled=not args.quiet)
    try:
        for i, (video, name) in enumerate(zip(videos, names)):
            bar(i, len(videos), f"Screening {i + 1}/{len(videos)}")
            row = {"file": video.name, "patient_id": name, "message": ""}
            if name != _base_name(video):
                row["message"] = f"renamed: {_base_name(video)} was taken, reports written as {name}.pdf/.json"
                row["shown"] = _("renamed: {old} was taken, reports written as {name}.pdf/.json").format(
                    old=_base_name(video), name=name)
            try:
                _screen_one(video, name, args.out, row, screening)
            except OSError as exc:
                if exc.errno not in DISK_FULL:
                    raise
                row.update(status="failed", message=f"disk full: {exc.strerror or exc}",
                           shown=_("disk full: {reason}").format(reason=exc.strerror or exc))
                rows.append(row)
                stopped = exc
                break
            rows.append(row)
        bar(len(videos), len(videos), "Screening done")
    except (Cancelled, KeyboardInterrupt):
        # what was screened stays listed: the summary is written before the interrupt goes on
        _write_summary(_rest(rows, videos, "the batch was interrupted"), args.out / "summary.csv", atomic_output)
        raise
    finally:
        bar.close()
    written = _write_summary(_rest(rows, videos, "the batch stopped (disk full)"), args.out / "summary.csv",
                             atomic_output)
    ok = [r for r in rows if r["status"] == "ok"]
    for r in rows:
        if r["status"] != "ok":
            print(f"{r['file']}: {_status(r)}: {r.get('shown') or r['message']}")
        elif r["message"]:
            print(f"{r['file']}: {r.get('shown') or r['message']}")
    print(_("{ok} of {total} videos screened and assessable → {path}").format(ok=len(ok), total=len(rows),
                                                                            path=args.out / 'summary.csv'))
    if stopped is not None:
        raise GaitScreenError(_('The disk is full ({strerror}): the batch stopped after {ok} of {videos} videos; free space and run it again.')
            .format(strerror=stopped.strerror or stopped, ok=len(ok), videos=len(videos)))
    if not written:
        raise GaitScreenError(_('Could not write {file}; the summary was printed above.')
            .format(file=args.out / 'summary.csv'))
    if diagnoses is not None:
        left_out = [r for r in rows if r["status"] == "not assessable"]
        known = [r for r in ok if (r["file"] in diagnoses or r["patient_id"] in diagnoses)]
        labels = [diagnoses.get(r["file"], diagnoses.get(r["patient_id"])) for r in known]
        stats = cohort_statistics([r["instability_rate"] for r in known], [r["risk_group"] for r in known], labels,
                                  rate_rule=rule)
        if left_out:
            stats.notes.append(f"{len(left_out)} recording(s) left out: not assessable (a protocol check failed).")
        with atomic_output(args.out / "cohort.json") as tmp:
            tmp.write_text(json.dumps(stats.to_dict(), indent=2) + "\n", encoding="utf-8")
        auc = "n/a" if stats.roc_auc is None else f"{stats.roc_auc:.3f}"
        prev = [("n/a" if v is None else f"{v:.1%}") for v in (stats.prevalence_mostly_stable,
                                                               stats.prevalence_mostly_unstable)]
        print(_("cohort of {subjects} with diagnoses ({rule} windows): ROC-AUC {auc}; prevalence {stable} mostly "
                "stable vs {unstable} mostly unstable; {left_out} not assessable left out → {path}").format(
            subjects=stats.subjects, rule=_(rule), auc=auc, stable=prev[0], unstable=prev[1],
            left_out=len(left_out), path=args.out / 'cohort.json'))
    return 0 if any(r["status"] in ("ok", "not assessable") for r in rows) else 2  # reports were written


def _protocol_columns(report: dict) -> dict:
    """summary.csv's ``assessable`` (1/0) and the failed check codes (space-separated)."""
    protocol = report.get("protocol") or {}
    return {"assessable": int(bool(protocol.get("assessable", True))),
            "failed_checks": " ".join(protocol.get("failed") or [])}


def _gait_columns(report: dict) -> dict:
    """summary.csv's test, gait speed (m/s, blank when not measured) and the calibration it was measured on."""
    gait = report.get("gait") or {}
    calibration = (gait.get("metric") or {}).get("calibration") or {}
    return {"test": (report.get("protocol") or {}).get("test", ""), "gait_speed_m_per_s": gait.get("speed_m_per_s"),
            "floor_calibration_sha256": calibration.get("sha256", "")}


def _screen_one(video: Path, name: str, out: Path, row: dict, screening: dict) -> None:
    """Screen one video (``screening``: :func:`screen_video`'s keywords) into ``row``; its failure is
    the row's status, never the batch's end (only a full disk, an OSError in DISK_FULL, goes up to
    stop the batch)."""
    from ..core.analysis import INSUFFICIENT
    from ..core.analysis.protocol_words import quality_wording, risk_reason, stored_text
    from ..core.errors import Cancelled, GaitScreenError
    from ..core.screen import PatientInfo, screen_video, write_outputs

    try:
        outcome = screen_video(video, patient=PatientInfo(id=name), **screening)
        result = outcome.report["screening"]
        row.update(instability_rate=result["instability_rate"], rate_rule=result["rate_rule"],
                   instability_rate_all_windows=result["instability_rate_all_windows"],
                   risk_group=result["risk_group"],
                   unstable_windows=result["unstable_windows"], counted_windows=result["counted_windows"],
                   model_sha256=result["model"]["sha256"], video_sha256=outcome.report["recording"]["sha256"],
                   **_protocol_columns(outcome.report), **_gait_columns(outcome.report))
        if outcome.result.risk_group == INSUFFICIENT:
            row.update(status="insufficient data", message=outcome.result.risk_reason,
                       shown=stored_text(outcome.result.risk_reason, quality_wording(outcome.report)))
        else:
            write_outputs(outcome.report, pdf=out / f"{name}.pdf", json_path=out / f"{name}.json")
            row.update(status="ok" if row["assessable"] else "not assessable",
                       message=row["message"] if row["assessable"] else result["risk_reason"])
            if not row["assessable"]:
                row["shown"] = risk_reason(outcome.report)
    except Cancelled:
        raise
    except GaitScreenError as exc:
        row.update(status="skipped", message=str(exc))
    except OSError as exc:
        if exc.errno in DISK_FULL:
            raise
        row.update(status="failed", message=f"{exc.strerror or exc}" + (f" ({exc.filename})" if exc.filename else ""))
    except Exception as exc:  # noqa: BLE001 - one file's unexpected failure must not end the batch
        row.update(status="failed", message=f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}")
        traceback.print_exc(file=sys.stderr)
    if row.get("status") != "ok":
        print(f"gaitscreen: {video.name}: {_status(row)}: {row.get('shown') or row['message']}", file=sys.stderr)


def _status(row: dict) -> str:
    """The row's status in the reader's language."""
    status = str(row.get("status") or "")
    return _(STATUS_WORDS[status]) if status in STATUS_WORDS else status


def _rest(rows: list[dict], videos: list[Path], why: str) -> list[dict]:
    """``rows`` (modified) followed by a "not processed" row for each video not reached."""
    rows.extend({"file": v.name, "status": "not processed", "message": why} for v in videos[len(rows):])
    return rows


def _write_summary(rows: list[dict], path: Path, atomic_output) -> bool:
    """summary.csv; when even that cannot be written (the disk is full), the same CSV goes to stdout."""
    summary = io.StringIO()
    writer = csv.DictWriter(summary, SUMMARY_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: row.get(k, "") for k in SUMMARY_FIELDS})
    try:
        with atomic_output(path) as tmp:
            tmp.write_text(summary.getvalue(), encoding="utf-8")
    except OSError as exc:
        print(_("gaitscreen: could not write {path} ({reason}); the summary follows:").format(
            path=path, reason=exc.strerror or exc), file=sys.stderr)
        sys.stdout.write(summary.getvalue())
        return False
    return True


def _base_name(video: Path) -> str:
    return re.sub(r"[^\w.\-]", "_", video.stem)[:64] or "video"


def output_names(videos: list[Path]) -> list[str]:
    """One report name (and patient id) per video, all distinct, also on case-blind file systems.

    ``walk 1.mp4``, ``walk_1.mp4`` and ``walk_1.mov`` all clean to ``walk_1``: the first
    keeps it, the others get ``-2``, ``-3`` (never a name another file would clean to).
    """
    bases = [_base_name(v) for v in videos]
    reserved = {b.casefold() for b in bases}
    used: set[str] = set()
    names = []
    for base in bases:
        name, n = base, 1
        while name.casefold() in used or (name != base and name.casefold() in reserved):
            n += 1
            suffix = f"-{n}"
            name = base[: 64 - len(suffix)] + suffix
        used.add(name.casefold())
        names.append(name)
    return names


def _read_diagnoses(path: Path) -> dict[str, bool]:
    from ..core.errors import GaitScreenError

    truthy, falsy = {"1", "yes", "true", "y"}, {"0", "no", "false", "n"}
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise GaitScreenError(_('Cannot read {path}: {strerror}')
            .format(path=path, strerror=exc.strerror or exc)) from None
    out: dict[str, bool] = {}
    for n, row in enumerate(rows, start=2):
        key = (row.get("file") or row.get("patient_id") or "").strip()
        value = (row.get("sarcopenia") or "").strip().lower()
        if not key or value not in truthy | falsy:
            raise GaitScreenError(_("{name} line {n}: needs 'file' or 'patient_id' and 'sarcopenia' as 1/0.")
                .format(name=path.name, n=n))
        out[key] = value in truthy
    return out
