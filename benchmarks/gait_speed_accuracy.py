"""Accuracy of gait in metres over camera heights, course lengths and walking speeds.

Synthetic usual-pace walks (``gaitscreen.synth``, step width 10 cm) toward a tripod
phone at a set height, pitched down to the middle of the walk; each walk's detector
is sampled as in the training data (noise, jitter, dropouts, per-walk joint bias).
The floor calibration is the course rectangle (1 m wide) projected through the
walk's own camera (:func:`gaitscreen.synth.floor.course_calibration`: exact clicks),
so the errors are those of the pose keypoints and of the method. Prints, per cell,
the speed error against the stride-averaged ground truth over the same steady part
(median and max of |error|, share within 3 %), the between-lines speed error, the
step-width error (median and max |error|, cm) and the reported far-end position
error (cm, at 5 px keypoint error).

Run: ``PYTHONPATH=. python benchmarks/gait_speed_accuracy.py [--walks N]``
"""

from __future__ import annotations

import argparse
import math
from dataclasses import replace

import numpy as np

from gaitscreen.core.analysis.gait_metric import USUAL_WALK, measure_metric_gait
from gaitscreen.core.calibration import FloorCalibration
from gaitscreen.synth import generate_subject, generate_walk, usual_pace
from gaitscreen.synth.camera import CameraModel, sample_camera
from gaitscreen.synth.floor import course_calibration, true_step_width_m, true_stride_speed

HEIGHTS = (0.8, 1.0, 1.2, 1.5)
COURSES = (4.0, 6.0)
SPEEDS = (0.6, 0.9, 1.2)


def one_walk(seed: int, height: float, course: float, speed: float):
    """Walk twice with one seed: the first to learn where it lies, the second through
    the camera pitched to look at the walk's middle (the walk itself is identical)."""
    def walk(cam: CameraModel):
        rng = np.random.default_rng(seed)
        subject = usual_pace(generate_subject(rng, subject_id=f"b{seed}"), speed)
        return generate_walk(subject, duration_s=(course + 2.0) / speed, rng=rng, step_width_m=0.10,
                             micro_events=0, camera=cam)

    cam = replace(sample_camera(np.random.default_rng(10_000 + seed)), height_m=height, pitch_deg=0.0)
    first = walk(cam)
    mid = 0.5 * (first.skeleton.meta["start_distance_m"] + first.skeleton.meta["end_distance_m"])
    pitch = math.degrees(math.atan2(height, mid)) * 0.8
    return walk(replace(cam, pitch_deg=pitch))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--walks", type=int, default=6, help="walks per cell")
    args = ap.parse_args()
    print(f"{'cam m':>5} {'course':>6} {'v m/s':>5} | {'|dv| med':>8} {'max':>6} {'<=3%':>5} | "
          f"{'lines med':>9} | {'|dw| cm med':>11} {'max':>5} | {'pos err cm':>10} | n")
    all_dv = []
    seed = 0
    for height in HEIGHTS:
        for course in COURSES:
            for speed in SPEEDS:
                dv, dl, dw, pe = [], [], [], []
                for _ in range(args.walks):
                    seed += 1
                    w = one_walk(seed, height, course, speed)
                    d = course_calibration(w, course_m=course)
                    m = measure_metric_gait(w.skeleton, FloorCalibration.from_dict(d), test=USUAL_WALK)
                    if m.speed_m_per_s is None:
                        dv.append(np.nan)
                        continue
                    truth = true_stride_speed(w, m.steady_start_s, m.steady_end_s)
                    dv.append(100 * abs(m.speed_m_per_s / truth - 1))
                    if m.speed_between_lines_m_per_s is not None:
                        dl.append(100 * abs(m.speed_between_lines_m_per_s / truth - 1))
                    dw.append(abs(m.step_width_cm - 100 * true_step_width_m(w, d["start_line_m"], d["end_line_m"])))
                    pe.append(m.position_error_cm)
                a = np.asarray(dv)
                all_dv.extend(a.tolist())
                ok = np.isfinite(a)
                print(f"{height:5.1f} {course:6.0f} {speed:5.1f} | {np.nanmedian(a):7.1f}% {np.nanmax(a):5.1f}% "
                      f"{(a[ok] <= 3).mean():5.0%} | {np.median(dl) if dl else float('nan'):8.1f}% | "
                      f"{np.median(dw):11.1f} {np.max(dw):5.1f} | {np.median(pe):10.1f} | {ok.sum()}/{len(a)}")
    a = np.asarray(all_dv)
    ok = np.isfinite(a)
    print(f"all: {ok.sum()}/{len(a)} walks measured; speed |error| median {np.median(a[ok]):.1f} %, "
          f"95th pct {np.percentile(a[ok], 95):.1f} %, within 3 %: {(a[ok] <= 3).mean():.0%}")


if __name__ == "__main__":
    main()
