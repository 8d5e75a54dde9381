"""Cost of joining track fragments and scoring people, on synthetic tracks of long recordings.

Builds the tracks a recording of ``--minutes`` would give at 7.5 detections per
second: ``--people`` walkers, each broken into fragments every ``--break-s`` seconds
(0.6-s occlusions), with a colour histogram per detection, then times
:func:`join_fragments` and :func:`score_tracks` (median of ``--rounds``) and checks
that every person came back whole. Prints one Markdown row per length.

    python benchmarks/subject_choice.py [--minutes 0.25 2 10] [--people 5] [--break-s 20]
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import gaitscreen.core.pose  # noqa: E402,F401  (tracking must not be imported first)
from gaitscreen.core.track_join import HIST_BINS, join_fragments  # noqa: E402
from gaitscreen.core.tracking import Track, score_tracks  # noqa: E402

RATE = 7.5


def make_tracks(minutes: float, people: int, break_s: float, rng: np.random.Generator) -> tuple[list[Track], int]:
    n = int(minutes * 60 * RATE)
    tracks, next_id = [], 1
    for p in range(people):
        look = rng.random(HIST_BINS[0] * HIST_BINS[1]) ** 4
        look = (look / look.sum()).astype(np.float32)
        x0 = 100 + p * 900 / max(people - 1, 1)
        breaks = [int(k * break_s * RATE) for k in range(1, int(n / (break_s * RATE)) + 1)]
        hidden = {s for b in breaks for s in range(b, b + 5)}  # 0.67 s hidden
        track = None
        for s in range(n):
            if s in hidden:
                track = None
                continue
            if track is None:
                track = Track(next_id)
                next_id += 1
                tracks.append(track)
            t = s / RATE
            cx, h = x0 + 40 * np.sin(t / 5), 700 + 50 * np.sin(t / 7 + p)
            track.samples.append(s)
            track.timestamps.append(t)
            track.boxes.append(np.array([cx - 0.2 * h, 1300 - h, cx + 0.2 * h, 1300], np.float32))
            track.scores.append(0.9)
            track.keypoints.append(np.zeros((17, 2), np.float32))
            track.keypoint_conf.append(np.full(17, 0.8, np.float32))
            track.appearance.append(look)
    return tracks, n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, nargs="+", default=[0.25, 2.0, 10.0])
    ap.add_argument("--people", type=int, default=5)
    ap.add_argument("--break-s", type=float, default=20.0)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    rng = np.random.default_rng(0)
    print(f"{platform.processor() or platform.machine()}, Python {platform.python_version()}")
    print("| recording | fragments | people after joining | join (ms) | score (ms) | per minute of video (ms) |")
    print("|---|---|---|---|---|---|")
    for minutes in args.minutes:
        tracks, frames = make_tracks(minutes, args.people, args.break_s, rng)
        join_t, score_t = [], []
        for _ in range(args.rounds):
            t0 = time.perf_counter()
            people = join_fragments(tracks)
            t1 = time.perf_counter()
            score_tracks(people, frames, 1080, 1920)
            t2 = time.perf_counter()
            join_t.append(t1 - t0)
            score_t.append(t2 - t1)
        assert len(people) == args.people, f"{len(people)} people from {len(tracks)} fragments"
        j, s = 1000 * float(np.median(join_t)), 1000 * float(np.median(score_t))
        print(f"| {minutes:g} min | {len(tracks)} | {len(people)} | {j:.1f} | {s:.1f} | {(j + s) / minutes:.1f} |")


if __name__ == "__main__":
    main()
