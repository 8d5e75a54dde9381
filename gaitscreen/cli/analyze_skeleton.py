"""``gaitscreen analyze SKELETON.npz|VIDEO --test chair-stand|balance --json OUT.json [--pdf OUT.pdf]``.

A skeleton ``.npz`` is analysed without pose; a video first goes through the
pose stage (``core.performance.analyse_video``), then the same analysis."""

from __future__ import annotations

import argparse

from .options import check_output_folder
from ..core.i18n import _


def run_skeleton(args: argparse.Namespace, *, video: bool = False) -> int:
    from ..core.errors import GaitScreenError
    from ..core.performance import analyse_skeleton_file, analyse_video, write_report_json
    from .progress import ProgressBar

    test = args.test or "tandem-walk"
    if test == "tandem-walk":
        raise GaitScreenError(_('A skeleton file is analysed with --test chair-stand or --test balance; screen a tandem walk from its video.'))
    if args.json is None and args.pdf is None:
        raise GaitScreenError(_('--json OUT.json or --pdf OUT.pdf is needed to write the result.'))
    for out in (args.json, args.pdf):
        if out is not None:
            check_output_folder(out)
    if video:
        bar = ProgressBar(enabled=not args.quiet)
        try:
            report = analyse_video(args.video, test, start_s=args.start_s, device=args.device,
                                   subject=args.subject, progress=bar)
        finally:
            bar.close()
    else:
        report = analyse_skeleton_file(args.video, test, start_s=args.start_s)
    if args.pdf is not None:  # the PDF first: it is the step that can still fail on odd content
        from ..core.report.performance_pdf import write_performance_pdf

        write_performance_pdf(report, args.pdf)
    if args.json is not None:
        write_report_json(report, args.json)
    print(result_line(report, args.video.name, test, [p for p in (args.json, args.pdf) if p is not None]))
    return 0


def result_line(report: dict, name: str, test: str, written: list) -> str:
    """The one printed line of a chair-stand or balance analysis, in the reader's language."""
    from ..core.performance_words import reason_words, result_words, test_words

    state = "" if report["assessable"] else " · " + reason_words(report)
    return _("{file}: {test}: {value}{state} → {written}").format(
        file=name, test=test_words(test), value=result_words(report), state=state,
        written=", ".join(str(p) for p in written))
