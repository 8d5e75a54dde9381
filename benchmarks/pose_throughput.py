"""Pose-stage throughput and agreement against the naive way, measured in one run.

Naive way: ultralytics ``YOLO.predict`` called frame by frame at imgsz 640 on every
frame. GaitScreen's way: :func:`gaitscreen.core.pose.run_pose` (sparse detection +
tracking + batched subject crops on ONNX Runtime). Agreement is the share of the
patient's keypoints (those the naive run is confident about, conf ≥ 0.5) that lie
within 5 % of the patient's body height (naive box height) of the naive keypoints.

Each row also switches one ingredient back to show what it buys.

    python benchmarks/pose_throughput.py [VIDEO ...] [--repeat N] [--ablations]

Without a VIDEO it uses the bundled sample (60 fps) and a 30 fps, 10 s clip made
from it (every other frame, played forward and back) with the ffmpeg binary of
imageio-ffmpeg (a dev dependency).
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

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gaitscreen.core.boxes import box_iou  # noqa: E402
from gaitscreen.core.pose import PoseSettings, YoloPose, run_pose  # noqa: E402
from gaitscreen.core.pose.weights import configure_ultralytics_offline  # noqa: E402
from gaitscreen.core.video import iter_frames, probe  # noqa: E402

SAMPLE = ROOT / "resources" / "samples" / "walk_frontal_bystander.mp4"


def make_30fps_clip(src: Path, seconds: float, folder: Path) -> Path:
    """A 30 fps 1080×1920 clip of ``seconds``: the sample at half rate, forward then back."""
    import imageio_ffmpeg

    out = folder / f"walk_30fps_{seconds:.0f}s.mp4"
    ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    loops = max(1, int(np.ceil(seconds / (2 * 100 / 60))))
    graph = (
        "[0:v]fps=30,split[a][b];[b]reverse[r];[a][r]concat=n=2:v=1:a=0,"
        f"loop={loops - 1}:32767:0,trim=duration={seconds},setpts=PTS-STARTPTS[v]"
    )
    subprocess.run(
        [ffmpeg, "-loglevel", "error", "-y", "-i", str(src), "-filter_complex", graph, "-map", "[v]",
         "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p", str(out)],
        check=True,
    )
    return out


def naive_run(video: Path):
    """Per-frame ultralytics predict at 640: (seconds, list of (boxes, kpts, conf))."""
    configure_ultralytics_offline()
    from ultralytics import YOLO

    from gaitscreen.core.pose.weights import locate_weights

    model = YOLO(str(locate_weights().path), task="pose")
    first = next(iter_frames(video, prefetch=0))
    model.predict(first.image, imgsz=640, verbose=False)  # warm-up, not timed
    results = []
    start = time.perf_counter()
    for frame in iter_frames(video, prefetch=0):
        r = model.predict(frame.image, imgsz=640, verbose=False)[0]
        data = r.keypoints.data.cpu().numpy() if r.keypoints is not None else np.zeros((0, 17, 3))
        results.append((r.boxes.xyxy.cpu().numpy(), data[..., :2], data[..., 2]))
    return time.perf_counter() - start, results


def agreement(skeleton, naive) -> float:
    """Share of confident naive keypoints of the patient within 5 % of body height."""
    hits = total = 0
    for i, (boxes, kpts, conf) in enumerate(naive):
        if i >= skeleton.num_frames or not skeleton.present[i] or len(boxes) == 0:
            continue
        ours = skeleton.joints[i]
        ours_box = np.array([[*np.nanmin(ours, 0), *np.nanmax(ours, 0)]], np.float32)
        j = int(np.argmax(box_iou(ours_box, boxes.astype(np.float32))[0]))
        height = boxes[j, 3] - boxes[j, 1]
        mask = conf[j] >= 0.5
        dist = np.linalg.norm(ours[mask] - kpts[j][mask], axis=1)
        hits += int(np.sum(dist <= 0.05 * height))
        total += int(mask.sum())
    return hits / total if total else float("nan")


def timed_pose(video: Path, backend: YoloPose, settings: PoseSettings, repeat: int):
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run_pose(video, backend=backend, settings=settings)
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("videos", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=2, help="runs per variant; the fastest counts")
    parser.add_argument("--ablations", action="store_true", help="also time each ingredient switched off")
    parser.add_argument("--device", default="cpu", choices=("cpu", "cuda", "auto"))
    args = parser.parse_args()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} logical CPUs, "
          f"python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp:
        videos = args.videos or [SAMPLE, make_30fps_clip(SAMPLE, 10.0, Path(tmp))]
        onnx = YoloPose(runtime="onnx", device=args.device)
        default = PoseSettings()
        variants = [(f"GaitScreen (ONNX, crops, {default.pose_rate_hz:g} Hz)", onnx, default)]
        if args.ablations:
            torch_backend = YoloPose(runtime="torch", device=args.device)
            variants += [
                ("  torch runtime instead of ONNX", torch_backend, PoseSettings()),
                ("  network on every frame", onnx, PoseSettings(pose_rate_hz=1000.0)),
                ("  whole frame instead of crops", onnx, PoseSettings(crop_margin=100.0)),
                ("  crop margin 0.2 instead of 0.1", onnx, PoseSettings(crop_margin=0.2)),
                ("  input scale 480 instead of 640", onnx, PoseSettings(pose_long_side=480)),
                ("  crop batch 1", onnx, PoseSettings(batch_size=1)),
                ("  detection every frame", onnx, PoseSettings(detect_rate_hz=1000.0)),
            ]
        for video in videos:
            info = probe(video)
            print(f"\n{video.name}: {info.width}×{info.height}, {info.fps:.2f} fps, {info.frame_count} frames, "
                  f"{info.duration_s:.2f} s")
            naive_s, naive = naive_run(video)
            naive_ms = 1000 * naive_s / info.frame_count
            print(f"{'variant':<36} {'ms/frame':>9} {'× real time':>12} {'vs naive':>9} {'agreement':>10}")
            print(f"{'naive: predict per frame, 640':<36} {naive_ms:9.1f} {info.duration_s / naive_s:12.2f} "
                  f"{1.0:9.2f} {'—':>10}")
            for name, backend, settings in variants:
                seconds, result = timed_pose(video, backend, settings, args.repeat)
                ms = 1000 * seconds / result.skeleton.num_frames
                print(f"{name:<36} {ms:9.1f} {info.duration_s / seconds:12.2f} {naive_s / seconds:9.2f} "
                      f"{agreement(result.skeleton, naive):10.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
