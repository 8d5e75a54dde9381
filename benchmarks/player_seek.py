"""The player's frame access: accuracy and speed of seeking, decoding and playback.

    python benchmarks/player_seek.py [--video PATH] [--seconds 10] [--seeks 40] [--no-playback]

Without ``--video`` it makes a 1920x1080, 30 fps H.264 clip (``testsrc2``, B-frames,
a keyframe every 60 frames = 2 s) with imageio-ffmpeg's ffmpeg. It prints:

* accuracy: frames returned by OpenCV's ``CAP_PROP_POS_FRAMES`` seek and by
  :class:`FrameSource` that differ from sequential decoding (frame hashes);
* sequential decoding speed, full size and at the player's display size (960 px),
  as a multiple of the video's frame rate;
* random-seek time (median / max ms) of ``FrameSource`` without its cache (before and
  after the sequential scan has learned the frame times) and from the decode cache
  the player's worker fills;
* playback at 1x in a real :class:`PlayerWidget` (offscreen) for 3 s, cold (right after
  loading) and warm: how far the frame on screen trailed the clock's frame (max lag in
  frames) and the clock's error against wall time at the last frame shown.
"""

from __future__ import annotations

import argparse
import hashlib
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
sys.path.insert(0, str(ROOT))

from gaitscreen.core.video import FrameSource, iter_frames, probe  # noqa: E402

DISPLAY_SIDE = 960


def make_clip(folder: Path, seconds: float) -> Path:
    import imageio_ffmpeg

    out = folder / f"testsrc2_1080p30_{seconds:g}s.mp4"
    subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-loglevel", "error", "-y", "-f", "lavfi",
         "-i", f"testsrc2=size=1920x1080:rate=30:duration={seconds}",
         "-c:v", "libx264", "-preset", "veryfast", "-bf", "2", "-g", "60", "-keyint_min", "60",
         "-sc_threshold", "0", "-pix_fmt", "yuv420p", str(out)],
        check=True,
    )
    return out


def digest(image: np.ndarray) -> str:
    return hashlib.sha1(np.ascontiguousarray(image).tobytes()).hexdigest()


def ms(values: list[float]) -> str:
    a = np.asarray(values) * 1000
    return f"median {np.median(a):6.1f} ms   max {a.max():6.1f} ms"


def accuracy(path: Path, order: list[int], reference: list[str]) -> None:
    cap = cv2.VideoCapture(str(path), cv2.CAP_FFMPEG)
    wrong_cv = 0
    for i in order:
        cap.set(cv2.CAP_PROP_POS_FRAMES, i)
        ok, image = cap.read()
        wrong_cv += (not ok) or digest(image) != reference[i]
    cap.release()
    with FrameSource(path, cache_bytes=0) as src:
        wrong_fs = sum(digest(src.frame(i)) != reference[i] for i in order)
    print(f"accuracy over {len(order)} random seeks: OpenCV POS_FRAMES wrong {wrong_cv}, "
          f"FrameSource wrong {wrong_fs}")


def sequential(path: Path, fps: float) -> None:
    for label, side in (("full size", None), (f"display {DISPLAY_SIDE}px", DISPLAY_SIDE)):
        t0 = time.perf_counter()
        n = sum(1 for _ in iter_frames(path, max_side=side, prefetch=0))
        rate = n / (time.perf_counter() - t0)
        print(f"sequential decode, {label:>15}: {rate:6.1f} frames/s = {rate / fps:4.1f}x real time")


def seeks(path: Path, order: list[int]) -> None:
    with FrameSource(path, max_side=DISPLAY_SIDE, cache_bytes=0) as src:
        times = []
        for i in order:
            t0 = time.perf_counter()
            src.frame(i)
            times.append(time.perf_counter() - t0)
        print(f"seek, no cache, fresh source (scans on when needed): {ms(times)}")
        src.scan(10**9)
        times = []
        for i in order:
            t0 = time.perf_counter()
            src.frame(i)
            times.append(time.perf_counter() - t0)
        print(f"seek, no cache, frame times known:                   {ms(times)}")
    with FrameSource(path, max_side=DISPLAY_SIDE, cache_bytes=512 << 20) as src:
        t0 = time.perf_counter()
        src.scan(10**9)
        fill = time.perf_counter() - t0
        times = []
        for i in order:
            t0 = time.perf_counter()
            src.frame(i)
            times.append(time.perf_counter() - t0)
        print(f"seek, decode cache ({len(src.cache)} frames, {src.cache.nbytes / 2**20:.0f} MiB, "
              f"filled in {fill:.1f} s): {ms(times)}")


def playback(path: Path, seconds: float = 3.0) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from gaitscreen.ui.player import PlayerWidget

    app = QApplication.instance() or QApplication([])

    def spin(msec: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(msec, loop.quit)
        loop.exec()

    player = PlayerWidget()
    player.resize(1100, 700)
    player.show()
    try:
        for label in ("cold", "warm"):
            if label == "cold":
                player.load(path)
                while player.current_frame != 0:
                    spin(5)
            else:
                player.seek_frame(0)
                deadline = time.perf_counter() + 60
                while player.cached_frame_count < player.frame_count and time.perf_counter() < deadline:
                    spin(50)
                while player.current_frame != 0:
                    spin(5)
            shown: list[tuple[float, int, float]] = []
            start = time.perf_counter()
            player.frame_changed.connect(lambda i, t: shown.append((time.perf_counter() - start, i, t)))
            player.play()
            spin(int(seconds * 1000))
            player.pause()
            player.frame_changed.disconnect()
            stats = player.playback_stats()
            ahead = max((t - wall for wall, _, t in shown), default=float("nan"))
            behind = max((wall - t for wall, _, t in shown), default=float("nan"))
            wall, index, t = shown[-1] if shown else (0.0, -1, 0.0)
            print(f"playback 1x {label} ({player.cached_frame_count} frames cached): "
                  f"{len(shown)} frames shown in {seconds:g} s; max lag {stats['max_lag']:.0f} frames "
                  f"(mean {stats['mean_lag']:.2f}); frame time minus wall time at display: "
                  f"max ahead {ahead * 1000:+.1f} ms, max behind {behind * 1000:.1f} ms; "
                  f"last frame {index} at wall {wall:.3f} s")
    finally:
        player.shutdown()
        player.close()
    del app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--video", type=Path)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--seeks", type=int, default=40)
    parser.add_argument("--no-playback", action="store_true")
    args = parser.parse_args()
    print(f"{platform.platform()}, {os.cpu_count()} CPUs, OpenCV {cv2.__version__}, "
          f"load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        path = args.video or make_clip(Path(tmp), args.seconds)
        info = probe(path)
        print(f"video: {path.name}, {info.width}x{info.height}, {info.fps:.2f} fps, "
              f"{info.frame_count} frames, {info.codec}")
        reference = [digest(f.image) for f in iter_frames(path)]
        order = [int(i) for i in np.random.default_rng(0).integers(0, len(reference), args.seeks)]
        accuracy(path, order, reference)
        sequential(path, info.fps)
        seeks(path, order)
        if not args.no_playback:
            playback(path)


if __name__ == "__main__":
    main()
