"""How responsive the UI thread stays while the engine runs the pose stage.

A 10 ms heartbeat ``QTimer`` ticks on the main thread while the engine's worker
thread runs :func:`gaitscreen.core.pose.run_pose` on a video (``--repeat`` times in
one job). Printed: the longest gap between two ticks (a stall the user would feel
above ~100 ms), the 99th-percentile gap, and the job's duration. The model is
loaded by a first job (its own stall is printed as "model load") so the measured
job is the steady state the application is in after its first pose run.

On Linux the UI thread's scheduler statistics split each gap: time it was
runnable but waiting for a CPU is the operating system's doing (other processes,
or more busy threads than cores); the rest ("own") is what the application cost
(the worker holding the interpreter lock, slow slots). On a 2-core machine loaded
by other processes the raw stall can exceed 100 ms while the own part stays small.

Then, for each pose stage, a pose job is cancelled as soon as that stage reports
progress, and the time from ``Engine.cancel`` to the ``job_cancelled`` signal is
printed (target: under one second).

    QT_QPA_PLATFORM=offscreen python benchmarks/ui_responsiveness.py [VIDEO] [--repeat N]
        [--device auto|cpu|cuda] [--switch-interval-ms MS]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from gaitscreen.engine import Engine, FunctionJob  # noqa: E402
from gaitscreen.engine.heartbeat import Heartbeat  # noqa: E402

SAMPLE = ROOT / "resources" / "samples" / "walk_frontal_bystander.mp4"


def run_and_watch(engine: Engine, job: FunctionJob, timeout_s: float = 600.0) -> tuple[Heartbeat, float, str]:
    """Submit ``job``, spin the event loop until it ends; heartbeat, seconds, outcome."""
    loop = QEventLoop()
    outcome: dict[int, str] = {}
    beat = Heartbeat(10)

    def ended(kind: str):
        def slot(job_id: int, *rest: object) -> None:
            if job_id == wanted:
                outcome[job_id] = kind if kind != "failed" else f"failed: {rest[0]}"
                loop.quit()
        return slot

    slots = [ended("finished"), ended("failed"), ended("cancelled")]
    engine.job_finished.connect(slots[0])
    engine.job_failed.connect(slots[1])
    engine.job_cancelled.connect(slots[2])
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    beat.start()
    started = time.perf_counter()
    wanted = engine.submit(job)
    loop.exec()
    seconds = time.perf_counter() - started
    beat.stop()
    for signal, slot in zip((engine.job_finished, engine.job_failed, engine.job_cancelled), slots):
        signal.disconnect(slot)
    return beat, seconds, outcome.get(wanted, "timed out")


def cancel_latency(engine: Engine, job: FunctionJob, stage: str, timeout_s: float = 120.0) -> tuple[float, str]:
    """Submit ``job``, cancel it when it first reports ``stage``; seconds from the
    cancel request to the ``job_cancelled`` signal, and the outcome."""
    loop = QEventLoop()
    asked: list[float] = []
    outcome: list[str] = []

    def on_progress(job_id: int, got_stage: str, *rest: object) -> None:
        if job_id == wanted and got_stage == stage and not asked:
            asked.append(time.perf_counter())
            engine.cancel(job_id)

    def ended(kind: str):
        def slot(job_id: int, *rest: object) -> None:
            if job_id == wanted:
                outcome.append(kind)
                loop.quit()
        return slot

    slots = [ended("finished"), ended("failed"), ended("cancelled")]
    signals = (engine.job_finished, engine.job_failed, engine.job_cancelled)
    for signal, slot in zip(signals, slots):
        signal.connect(slot)
    engine.progress.connect(on_progress)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    wanted = engine.submit(job)
    loop.exec()
    ended_at = time.perf_counter()
    engine.progress.disconnect(on_progress)
    for signal, slot in zip(signals, slots):
        signal.disconnect(slot)
    return (ended_at - asked[0]) if asked else float("nan"), (outcome[0] if outcome else "timed out")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("video", nargs="?", type=Path, default=SAMPLE)
    parser.add_argument("--repeat", type=int, default=2, help="pose runs in the measured job (default 2)")
    parser.add_argument("--device", default="auto", choices=("auto", "cpu", "cuda"))
    parser.add_argument("--switch-interval-ms", type=float, default=None,
                        help="override sys.setswitchinterval for the experiment (CPython default 5 ms)")
    args = parser.parse_args(argv)
    if args.switch_interval_ms is not None:
        sys.setswitchinterval(args.switch_interval_ms / 1000.0)

    from gaitscreen.core.pose import YoloPose, run_pose

    app = QApplication.instance() or QApplication([])
    engine = Engine()
    try:
        def load(ctx):
            return ctx.models.get_or_load("pose", lambda: YoloPose(device=args.device)).description

        beat, seconds, outcome = run_and_watch(engine, FunctionJob("Load pose model", load))
        print(f"model load:  {seconds:6.2f} s, longest stall {beat.longest_ms:6.1f} ms ({outcome})")

        def pose(ctx):
            backend = ctx.models["pose"]
            frames = 0
            for _ in range(args.repeat):
                run = run_pose(args.video, backend=backend, progress=ctx.progress, should_cancel=ctx.should_cancel)
                frames += run.skeleton.num_frames
            return frames

        beat, seconds, outcome = run_and_watch(engine, FunctionJob("Pose", pose))
        print(f"device:      {engine.device_description()}")
        print(f"video:       {args.video.name} x{args.repeat}  switch interval {sys.getswitchinterval() * 1000:.1f} ms")
        print(f"pose job:    {seconds:6.2f} s ({outcome}), {beat.ticks} heartbeat ticks of 10 ms")
        print(f"longest stall: {beat.longest_ms:6.1f} ms")
        print(f"p99 gap:       {beat.percentile_ms(99):6.1f} ms")
        print(f"median gap:    {beat.percentile_ms(50):6.1f} ms")
        if beat.knows_cpu_wait:
            print(f"longest stall without CPU wait (own): {beat.longest_own_ms:6.1f} ms; "
                  f"UI thread waited {beat.total_cpu_wait_ms:.0f} ms in all for a CPU")
        if hasattr(os, "getloadavg"):
            print(f"load average:  {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        cancelled_ok = True
        for stage in ("Detecting people", "Estimating pose"):
            seconds_to_stop, how = cancel_latency(engine, FunctionJob("Pose", pose), stage)
            print(f"cancel during {stage!r}: stopped {seconds_to_stop * 1000:6.0f} ms after the request ({how})")
            cancelled_ok &= how == "cancelled"
        return 0 if outcome == "finished" and cancelled_ok else 1
    finally:
        engine.shutdown()
        del app


if __name__ == "__main__":
    sys.exit(main())
