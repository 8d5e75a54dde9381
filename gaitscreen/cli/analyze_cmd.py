"""``gaitscreen analyze``: the main job, from a video to a risk summary."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from ..core.analysis.protocol_words import (not_assessable_why, quality_wording, risk_reason,
                                               stored_text)
from ..core.i18n import _, format_number, ngettext
from ..core.words import plural, risk_group_words
from .options import (add_common_options, add_device_option, add_lifter_option, add_model_options,
                      add_output_options, add_rate_rule_option, add_test_options, load_floor_calibration,
                      new_command, prepare_output_folder)
from .progress import ProgressBar


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = new_command(subparsers, "analyze", run,
                    help="screen a tandem-walk video: instability rate, risk group, PDF and JSON report",
                    description="Run video → pose → patient → windows → model → analysis → report on VIDEO.")
    p.add_argument("video", type=Path, help="video of the tandem walk (mp4, mov, avi, mkv), or a GaitScreen "
                   "skeleton .npz with --test chair-stand|balance")
    p.add_argument("--start-s", type=float, help="chair stand: operator-set start of the timed interval (s)")
    p.add_argument("--patient-id", default="anonymous", help="pseudonymous patient code (no names)")
    p.add_argument("--age", type=int)
    p.add_argument("--sex", choices=("F", "M"))
    p.add_argument("--height-cm", type=float, help="patient's height: gives step width in cm")
    p.add_argument("--walkway-m", type=float, help="length of the walkway: gives walking speed")
    add_test_options(p)
    p.add_argument("--operator", help="who filmed the walk")
    p.add_argument("--test-date", help="date of the test, YYYY-MM-DD (default: today)")
    add_model_options(p, runtime=True)
    add_lifter_option(p)
    p.add_argument("--lift-every", type=int, default=1, metavar="N",
                   help="lift every N-th frame to 3-D and interpolate the frames in between (faster; default 1: "
                        "every frame, as the published study; see docs/benchmarks.md for the agreement)")
    add_output_options(p, pdf="PDF risk summary to write (required for a video)",
                       json="JSON with every number of the PDF (required)")
    p.add_argument("--csv", type=Path, help="CSV with one row per window")
    p.add_argument("--accept-deviation", metavar="CODE[,CODE]",
                   help="accept failed protocol checks (e.g. approach_direction) and report the result anyway")
    p.add_argument("--reason", help="why the deviation is accepted (required with --accept-deviation)")
    p.add_argument("--subject", type=int, metavar="TRACK_ID",
                   help="the patient's person id (the JSON's subject.candidates; a person joined from "
                        "several track fragments has the id of the earliest), when not the automatic choice")
    add_device_option(p)
    add_rate_rule_option(p)
    add_common_options(p)


def run(args: argparse.Namespace) -> int:
    from ..core.analysis import INSUFFICIENT, AnalysisSettings
    from ..core.analysis.protocol import NOT_ASSESSABLE, deviation_note
    from ..core.errors import GaitScreenError
    from ..core.screen import PatientInfo, screen_video, write_outputs
    from ..core.subject import uncertain_suffix
    from ..core.video import probe

    if args.video.suffix.lower() == ".npz":
        from .analyze_skeleton import run_skeleton

        return run_skeleton(args)
    if args.test in ("chair-stand", "balance"):
        from .analyze_skeleton import run_skeleton

        return run_skeleton(args, video=True)
    if args.pdf is None or args.json is None:
        raise GaitScreenError(_('Screening a video needs --pdf FILE and --json FILE.'))
    if args.lift_every < 1:
        raise GaitScreenError(_('--lift-every must be a whole number of frames, 1 or more (got {lift_every}).')
            .format(lift_every=args.lift_every))
    args.test = args.test or "tandem-walk"
    started = time.perf_counter()
    patient = PatientInfo(id=args.patient_id, age=args.age, sex=args.sex, height_cm=args.height_cm,
                          operator=args.operator, test_date=args.test_date)
    for path in (args.pdf, args.json, args.csv):
        if path is not None:
            prepare_output_folder(path.parent)  # created when missing; refused here when not writable
    accepted = _accepted(args)
    calibration = load_floor_calibration(args.floor_calibration)  # a bad file fails before any work
    if calibration is not None and args.course_m is None:
        args.course_m = calibration.course_m  # the calibrated start and end lines, as the app does
    probe(args.video)  # a bad video fails here, in one line, before any progress output
    bar = ProgressBar(enabled=not args.quiet)
    try:
        bar(0, 0, "Loading models")
        outcome = screen_video(args.video, patient=patient, model=args.model, walkway_m=args.walkway_m,
                               subject=args.subject, accepted_deviations=accepted, device=args.device,
                               runtime=args.runtime, test=args.test, floor_calibration=calibration,
                               course_m=args.course_m, lifter=args.lifter, lift_every=args.lift_every,
                               progress=bar,
                               analysis_settings=AnalysisSettings(rate_rule=args.rate_rule))
        if outcome.result.risk_group == INSUFFICIENT and args.test != "usual-walk":  # R does not apply there
            why = risk_reason(outcome.report)
            if outcome.report["screening"]["risk_reason"] != outcome.result.risk_reason:  # also not assessable
                why = f"{stored_text(outcome.result.risk_reason, quality_wording(outcome.report))} {why}"
            raise GaitScreenError(_("No screening result for {video}: {why}").format(video=args.video.name, why=why))
        bar(0, 0, "Writing report")
        write_outputs(outcome.report, pdf=args.pdf, json_path=args.json, csv_path=args.csv)
    finally:
        bar.close()
    screening = outcome.report["screening"]
    if args.test == "usual-walk":
        print(_usual_walk_line(outcome.report, patient.id, time.perf_counter() - started, args))
        return 0
    model = screening["model"]
    rate = screening["instability_rate"]
    other = screening["instability_rate_all_windows" if screening["rate_rule"] == "non-overlapping"
                      else "instability_rate_non_overlapping"]
    other_rule = "all-windows" if screening["rate_rule"] == "non-overlapping" else "non-overlapping"
    what = (ngettext("R = {rate} ({unstable}/{counted} {rule} window unstable; {other_rule} R = {other})",
                     "R = {rate} ({unstable}/{counted} {rule} windows unstable; {other_rule} R = {other})",
                     screening['counted_windows'] or 0).format(
        rate=f"{rate:.2f}", unstable=screening['unstable_windows'], counted=screening['counted_windows'],
        rule=_(screening['rate_rule']), other_rule=_(other_rule),
        other=_("n/a") if other is None else format(other, '.2f'))
            if rate is not None else risk_reason(outcome.report))
    group = risk_group_words(screening["risk_group"])
    if screening["risk_group"] == NOT_ASSESSABLE:
        group = _("not assessable ({reason})").format(
            reason=not_assessable_why(outcome.report))
    elif note := deviation_note(outcome.report):
        group = f"{group} ({note})"
    lifter = model.get("lifter")
    lifted = _(" on 3-D from {name} (sha256 {sha})").format(name=lifter['name'], sha=lifter['sha256'][:12]) \
        if lifter else ""
    print(_("{patient}: {what} → {group} · model {model} (sha256 {sha}){lifted}{uncertain} · {seconds} s → "
            "{pdf}, {json}").format(
        patient=patient.id, what=what, group=group, model=f"{model['name']} {model['version']}",
        sha=model['sha256'][:12], lifted=lifted, uncertain=uncertain_suffix(outcome.report),
        seconds=f"{time.perf_counter() - started:.1f}", pdf=args.pdf, json=args.json))
    return 0


def _usual_walk_line(report: dict, patient_id: str, seconds: float, args: argparse.Namespace) -> str:
    """The one line a usual-pace walk prints: the speed (not R: the stability model does not apply)."""
    from ..core.analysis.protocol import NOT_ASSESSABLE

    metric = report["gait"]["metric"]
    speed = metric.get("speed_m_per_s")
    cal = metric.get("calibration")
    what = _("usual gait speed not available") if speed is None else \
        _("usual gait speed {speed} m/s").format(speed=format_number(speed, 2))
    if cal:
        what += _(" (floor calibration {name}, sha256 {sha})").format(name=cal['name'], sha=cal['sha256'][:12])
    if report["screening"]["risk_group"] == NOT_ASSESSABLE:
        what += _(" · not assessable ({reason})").format(reason=not_assessable_why(report))
    return _("{patient}: {what} · stability model not applicable to a usual-pace walk · {seconds} s → "
             "{pdf}, {json}").format(patient=patient_id, what=what, seconds=f"{seconds:.1f}", pdf=args.pdf,
                                     json=args.json)


def _accepted(args: argparse.Namespace) -> dict[str, str] | None:
    """``--accept-deviation`` codes with the one ``--reason``; unknown codes fail before any work."""
    from ..core.analysis.protocol import registered
    from ..core.errors import GaitScreenError

    if not args.accept_deviation:
        if args.reason:
            raise GaitScreenError(_('--reason is given without --accept-deviation CODE.'))
        return None
    codes = [c.strip() for c in args.accept_deviation.split(",") if c.strip()]
    known = registered(args.test)
    unknown = [c for c in codes if c not in known]
    if unknown or not codes:
        raise GaitScreenError(_('Unknown protocol check {codes}; the checks are {known}.')
            .format(codes=', '.join(unknown) or '(none)', known=', '.join(known)))
    if not (args.reason or "").strip():
        raise GaitScreenError(_('--accept-deviation needs --reason TEXT saying why the deviation is accepted.'))
    return {c: args.reason.strip() for c in codes}
