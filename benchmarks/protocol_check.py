"""The protocol check's cost against the whole analysis, measured in one run.

For each video the main job runs once (``screen_video``: pose, classifier,
kinematics, protocol check), then the protocol check alone is repeated on the
same pose stage (it only reads the tracks and the skeleton already computed) and
its median time is set against the job's total.

    python benchmarks/protocol_check.py [VIDEO ...] [--repeat N]
    python benchmarks/protocol_check.py --sweep 60   # statuses on synthetic walks per direction

``--sweep N`` instead counts each check's statuses over N synthetic subjects (3-15 s
walks, 0-2 instability events, random phone, camera and detector) per walking
direction: how the thresholds hold on material they were not tuned on.

Without a VIDEO it uses the bundled 1.7-s sample and a 15-s, 30 fps clip made
from it (see ``pose_throughput.make_30fps_clip``).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("videos", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--sweep", type=int, metavar="N", help="count statuses on N synthetic subjects instead")
    args = parser.parse_args()
    if args.sweep:
        return sweep(args.sweep)

    from gaitscreen.core.analysis.protocol import check_protocol, inputs_from_pose
    from gaitscreen.core.model.runtime import open_classifier
    from gaitscreen.core.pose import YoloPose
    from gaitscreen.core.screen import screen_video
    from pose_throughput import make_30fps_clip

    print(f"machine: {platform.machine()}, {os.cpu_count()} logical CPUs, python {platform.python_version()}")
    classifier, pose = open_classifier(None, device="cpu"), YoloPose(device="cpu")
    with tempfile.TemporaryDirectory() as tmp:
        videos = args.videos or [ROOT / "resources" / "samples" / "walk_frontal_bystander.mp4",
                                 make_30fps_clip(ROOT / "resources" / "samples" / "walk_frontal_bystander.mp4",
                                                 15.0, Path(tmp))]
        print(f"{'video':<28} {'analysis':>9} {'check in job':>12} {'check alone (median)':>21} {'share in job':>12} {'share alone':>11}")
        for video in videos:
            outcome = screen_video(video, classifier=classifier, pose_backend=pose)
            inputs = lambda: inputs_from_pose(outcome.pose, min_duration_s=classifier.card.input.min_duration_s)  # noqa: E731
            times = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                check_protocol(inputs())
                times.append(time.perf_counter() - t)
            alone = statistics.median(times)
            total = outcome.seconds["total"]
            print(f"{video.name:<28} {total:8.2f}s {1000 * outcome.seconds['protocol']:10.1f}ms "
                  f"{1000 * alone:19.2f}ms {100 * outcome.seconds['protocol'] / total:11.3f}% "
                  f"{100 * alone / total:10.3f}%")
    return 0


def sweep(subjects: int) -> int:
    import collections

    import numpy as np

    from gaitscreen.core.analysis.protocol import ProtocolInputs, check_protocol
    from gaitscreen.synth import generate_subject, generate_walk

    headings = (None, 0.0, 30.0, 45.0, 60.0, 90.0, 135.0, 180.0)
    counts: dict = collections.defaultdict(collections.Counter)
    for seed in range(100, 100 + subjects):
        for heading in headings:
            rng = np.random.default_rng(seed)
            subject = generate_subject(rng, subject_id=f"s{seed}")
            walk = generate_walk(subject, duration_s=float(rng.uniform(3, 15)), rng=rng, heading_deg=heading,
                                 unstable_events=int(rng.integers(0, 3)))
            for check in check_protocol(ProtocolInputs(walk.skeleton, tuple(walk.skeleton.image_size))).checks:
                counts[(heading, check.code)][check.status] += 1
    codes = sorted({code for _, code in counts})
    print(f"{subjects} synthetic subjects per heading (pass/warn/fail)")
    print(f"{'heading':>8} " + " ".join(f"{c:>18}" for c in codes))
    for heading in headings:
        cells = [counts[(heading, c)] for c in codes]
        print(f"{'default' if heading is None else f'{heading:.0f}°':>8} "
              + " ".join(f"{c['pass']:>6}/{c['warn']:>3}/{c['fail']:>3}".rjust(18) for c in cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
