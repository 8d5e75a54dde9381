"""Cost of crash-safe capture: writing one-second segments, and joining them at the end.

Prints, for 1280x720 frames at 30 frames/s (a moving synthetic picture):

* writing 15 s as one mp4 (the recorder before segments) against writing it as
  one-second closed segments (:class:`~gaitscreen.core.capture.partial.SegmentedWriter`,
  each segment released, fsynced and renamed): ms per frame, both far below the 33 ms
  a 30-fps camera allows;
* the join at the end (:func:`~gaitscreen.core.capture.join_segments`, a remux) for
  15 s, 2 min and 10 min, the longer ones made of copies of the 15-s recording's
  segments (the join only copies samples, so their content does not matter), and the
  decode-and-encode join it replaces, for 15 s.

Run: ``PYTHONPATH=. python benchmarks/capture_segments.py``
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np

from gaitscreen.core.capture import join_segments, writer_codec
from gaitscreen.core.capture.mp4join import _reencode
from gaitscreen.core.capture.partial import SegmentedWriter
from gaitscreen.core.video import probe

W, H, FPS, SECONDS = 1280, 720, 30.0, 15


def _frames(n: int) -> list[np.ndarray]:
    rng = np.random.default_rng(0)
    base = cv2.resize(rng.integers(0, 255, (H // 8, W // 8, 3), dtype=np.uint8), (W, H))
    return [np.roll(base, 4 * i, axis=1) for i in range(n)]


def main() -> None:
    frames = _frames(int(SECONDS * FPS))
    codec = writer_codec()
    with tempfile.TemporaryDirectory(prefix="gaitscreen-bench-") as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        single = cv2.VideoWriter(str(folder / "single.mp4"), cv2.CAP_FFMPEG, cv2.VideoWriter_fourcc(*codec),
                                 FPS, (W, H))
        for f in frames:
            single.write(f)
        single.release()
        t_single = time.perf_counter() - t0

        t0 = time.perf_counter()
        writer = SegmentedWriter(folder / "walk.mp4", FPS, W, H, (codec, "mp4v"))
        for f in frames:
            writer.write(f)
        writer._close_segment()
        t_segments = time.perf_counter() - t0
        n = len(frames)
        print(f"{W}x{H} at {FPS:g} frames/s, codec {writer.codec}, {SECONDS} s = {n} frames")
        print(f"write, one file:            {1000 * t_single / n:6.2f} ms/frame")
        print(f"write, 1-s closed segments: {1000 * t_segments / n:6.2f} ms/frame "
              f"({len(writer.segments)} segments)")

        for seconds in (15, 120, 600):
            copies = []
            for k in range(seconds // SECONDS):
                for seg in writer.segments:
                    dst = folder / f"c{k:03d}-{seg.name}"
                    if k == 0:
                        dst = seg
                    else:
                        shutil.copyfile(seg, dst)
                    copies.append(dst)
            out = folder / f"joined-{seconds}.mp4"
            t0 = time.perf_counter()
            count, how = join_segments(copies, out, fps=FPS, codec=writer.codec)
            took = time.perf_counter() - t0
            info = probe(out)
            assert how == "remux" and count == info.frame_count == seconds * FPS
            print(f"join ({how}), {seconds:4d} s: {took:6.3f} s for {count} frames, "
                  f"{out.stat().st_size / 1e6:7.1f} MB ({len(copies)} segments)")
            for c in copies:
                if c.name.startswith("c"):
                    c.unlink()
            out.unlink()
        t0 = time.perf_counter()
        count = _reencode(writer.segments, folder / "reencoded.mp4", FPS, writer.codec)
        print(f"join (decode and encode again), 15 s: {time.perf_counter() - t0:6.3f} s for {count} frames")
        writer.discard()


if __name__ == "__main__":
    main()
