"""The main job's wall time against the video's duration, measured in one run.

For each video: start-up (importing the libraries and loading both models) is
timed in a fresh interpreter, then ``screen_video`` + ``write_outputs`` run with
the models loaded, and the time per stage is printed as a share of the video's
duration. Start-up counts every library the job imports, reportlab included (the
job imports it lazily when it writes the PDF). Targets (2-core CPU): ≤ 0.5 × duration after start-up, ≤ 1.0 × with it.

    python benchmarks/end_to_end.py [VIDEO ...] [--model PATH] [--device cpu|cuda|auto]

Without a VIDEO it uses the bundled 1.7-s sample and a 15-s, 30 fps clip made
from it (see ``pose_throughput.make_30fps_clip``).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

STARTUP = """
import time, sys
t0 = time.perf_counter()
from gaitscreen.core.screen import PatientInfo, screen_video
from gaitscreen.core.model.runtime import open_classifier
from gaitscreen.core.pose import YoloPose
import gaitscreen.core.report.pdf  # reportlab: imported by the job when it writes the PDF
t1 = time.perf_counter()
clf = open_classifier({model!r}, device={device!r})
pose = YoloPose(device={device!r})
t2 = time.perf_counter()
print(f"{{t1 - t0:.3f}} {{t2 - t1:.3f}} {{type(clf).__name__}} {{pose.runtime}}/{{pose.device}}")
"""


def startup(model: str | None, device: str) -> tuple[float, float, str]:
    code = STARTUP.format(model=model, device=device)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    imports, load, *what = out.stdout.split()
    return float(imports), float(load), " ".join(what)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("videos", nargs="*", type=Path)
    parser.add_argument("--model", help="stability model (default: models/)")
    parser.add_argument("--device", default="auto", choices=("auto", "cpu", "cuda"))
    args = parser.parse_args()

    from gaitscreen.core.model.runtime import open_classifier
    from gaitscreen.core.pose import YoloPose
    from gaitscreen.core.screen import PatientInfo, screen_video, write_outputs
    from pose_throughput import SAMPLE, make_30fps_clip

    import gaitscreen.core.report.pdf  # noqa: F401  (an import, counted in start-up above, not in the first video)

    print(f"machine: {platform.machine()}, {os.cpu_count()} logical CPUs, python {platform.python_version()}")
    imports, load, what = startup(args.model, args.device)
    print(f"start-up in a fresh interpreter: imports {imports:.2f} s + loading models {load:.2f} s "
          f"= {imports + load:.2f} s ({what})")
    classifier = open_classifier(args.model, device=args.device)
    pose = YoloPose(device=args.device)
    with tempfile.TemporaryDirectory() as tmp:
        videos = args.videos or [SAMPLE, make_30fps_clip(SAMPLE, 15.0, Path(tmp))]
        print(f"\n{'video':<28} {'duration':>8} {'pose':>6} {'classify':>8} {'kinem.':>7} {'report':>7} "
              f"{'total':>6} {'÷ duration':>10} {'with start-up':>13}")
        for video in videos:
            start = time.perf_counter()
            outcome = screen_video(video, patient=PatientInfo(id="BENCH"), classifier=classifier,
                                   pose_backend=pose)
            t_report = time.perf_counter()
            out = Path(tmp) / video.stem
            write_outputs(outcome.report, pdf=out.with_suffix(".pdf"), json_path=out.with_suffix(".json"))
            report_s = time.perf_counter() - t_report
            total = time.perf_counter() - start
            s = outcome.seconds
            duration = outcome.pose.video.duration_s
            print(f"{video.name:<28} {duration:7.1f}s {s['pose']:5.1f}s {s['classify']:7.1f}s "
                  f"{s['kinematics']:6.2f}s {report_s:6.2f}s {total:5.1f}s {total / duration:10.2f} "
                  f"{(total + imports + load) / duration:13.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
