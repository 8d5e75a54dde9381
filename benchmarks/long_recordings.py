"""Long recordings: time per second of video and peak memory of ``gaitscreen analyze``.

Builds 15-s, 2-min and 10-min videos from the sample (played forward then backward,
over and over, at the sample's frame rate; frames larger than 1080p are scaled down),
written with OpenCV into a temporary folder, then runs ``gaitscreen analyze`` on each
in a fresh process and reads that process's own resource usage (``os.wait4``): wall
time, CPU time (user + system) and peak resident set. Printed per video as seconds
per second of video and against the mean of the three.

Targets: time per second of video constant within ±20 % across the three lengths;
peak memory below 1.5 GB for 10 minutes.

    nice python benchmarks/long_recordings.py [--lengths 15 120 600] [--video PATH] [--keep DIR]
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

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "data" / "walk_frontal_bystander.mp4"
MAX_SHORT_SIDE = 1080  # "1080p at most"


def load_frames(path: Path) -> tuple[list[np.ndarray], float]:
    """The sample's frames (upright, short side at most 1080) and its frame rate."""
    sys.path.insert(0, str(ROOT))
    from gaitscreen.core.video import iter_frames, probe

    info = probe(path)
    frames = []
    for frame in iter_frames(path):
        image = frame.image
        short = min(image.shape[:2])
        if short > MAX_SHORT_SIDE:
            f = MAX_SHORT_SIDE / short
            image = cv2.resize(image, (round(image.shape[1] * f), round(image.shape[0] * f)),
                               interpolation=cv2.INTER_AREA)
        frames.append(image)
    return frames, info.fps


def write_looped(frames: list[np.ndarray], fps: float, seconds: float, out: Path) -> int:
    """``seconds`` of the clip played forward, backward, forward, ... (no repeated turn frame)."""
    cycle = frames + frames[-2:0:-1]
    h, w = frames[0].shape[:2]
    writer = cv2.VideoWriter(str(out), cv2.VideoWriter_fourcc(*"mp4v"), fps, (w, h))
    if not writer.isOpened():
        raise SystemExit(f"OpenCV cannot write {out}")
    count = int(round(seconds * fps))
    for i in range(count):
        writer.write(cycle[i % len(cycle)])
    writer.release()
    return count


def analyse(video: Path, out: Path) -> dict[str, float]:
    """Run ``gaitscreen analyze`` in a fresh process; its own wall, CPU and peak RSS."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-m", "gaitscreen", "analyze", str(video), "--quiet",
           "--pdf", str(out / f"{video.stem}.pdf"), "--json", str(out / f"{video.stem}.json")]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    stdout, stderr = proc.stdout.read(), proc.stderr.read()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"analyze failed on {video.name} ({proc.returncode}): {stderr.strip()}")
    print("   ", stdout.strip())
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lengths", type=float, nargs="+", default=[15.0, 120.0, 600.0], help="seconds")
    parser.add_argument("--video", type=Path, default=SAMPLE, help="clip to loop (default: the sample)")
    parser.add_argument("--keep", type=Path, help="folder for the videos and reports (default: a temp dir)")
    args = parser.parse_args()

    print(f"{platform.node()} · {os.cpu_count()} CPUs · Python {platform.python_version()} · "
          f"load average {os.getloadavg()[0]:.1f} at start")
    frames, fps = load_frames(args.video)
    print(f"source {args.video.name}: {len(frames)} frames {frames[0].shape[1]}x{frames[0].shape[0]} at {fps:.2f} fps")
    with tempfile.TemporaryDirectory(prefix="gaitscreen-long-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        rows = []
        for seconds in args.lengths:
            video = folder / f"walk_{int(seconds)}s.mp4"
            t0 = time.perf_counter()
            count = write_looped(frames, fps, seconds, video)
            print(f"{video.name}: {count} frames written in {time.perf_counter() - t0:.0f} s "
                  f"({video.stat().st_size / 2**20:.0f} MB); analysing …")
            result = analyse(video, folder)
            result["seconds"] = count / fps
            rows.append(result)
            print(f"    wall {result['wall_s']:.1f} s, CPU {result['cpu_s']:.1f} s, peak {result['peak_mb']:.0f} MB, "
                  f"load average {os.getloadavg()[0]:.1f}")
            if args.keep is None:
                video.unlink()
        wall = np.array([r["wall_s"] / r["seconds"] for r in rows])
        cpu = np.array([r["cpu_s"] / r["seconds"] for r in rows])
        print()
        print("| video | frames | wall s | wall s per s of video | vs mean | CPU s per s of video | vs mean | peak RSS |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for r, w, c in zip(rows, wall, cpu):
            print(f"| {r['seconds']:.0f} s | {round(r['seconds'] * fps)} | {r['wall_s']:.1f} | {w:.3f} | "
                  f"{w / wall.mean():.2f} | {c:.3f} | {c / cpu.mean():.2f} | {r['peak_mb']:.0f} MB |")
        spread = max(abs(wall / wall.mean() - 1).max(), 0.0)
        print(f"\ntime per second of video: within ±{100 * spread:.0f} % of the mean (target ±20 %); "
              f"CPU time within ±{100 * abs(cpu / cpu.mean() - 1).max():.0f} %")
        longest = max(rows, key=lambda r: r["seconds"])
        print(f"peak memory at {longest['seconds']:.0f} s: {longest['peak_mb']:.0f} MB (target < 1536 MB)")


if __name__ == "__main__":
    main()
