"""Accuracy of the chair-stand and balance analyses on synthetic recordings, and their cost.

    python benchmarks/performance_tests_accuracy.py [--chair N] [--balance N] [--support N] [--seed S]

For every synthetic recording (``gaitscreen.synth.chair`` / ``.balance``, fixed
seeds) the analysis runs on the detector-like 2-D skeleton and its times are set
against the ground truth: absolute error of the five-times chair-stand time and
of each stance's hold time (and start), stances whose hold ends with support used
(synthetic reaches to a support) and false support flags, the flags against the
truth, and the analysis time
as a share of the recording's duration (pose excluded: the input is a skeleton).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gaitscreen.core.analysis.balance import analyse_balance  # noqa: E402
from gaitscreen.core.analysis.chair_stand import analyse_chair_stand  # noqa: E402
from gaitscreen.synth.balance import STANCES, generate_balance_set, generate_support_set  # noqa: E402
from gaitscreen.synth.chair import generate_chair_stand_set  # noqa: E402


def _summary(errors: list[float]) -> str:
    e = np.abs(np.asarray(errors))
    if e.size == 0:
        return "no values"
    return (f"n={e.size}  mean {e.mean():.3f} s  median {np.median(e):.3f} s  95th pct {np.percentile(e, 95):.3f} s"
            f"  max {e.max():.3f} s  within 0.2 s: {np.mean(e <= 0.2):.0%}")


def chair(n: int, seed: int) -> None:
    recs = generate_chair_stand_set(n, seed=seed)
    errors, shares, flag_ok, flags = [], [], 0, 0
    for r in recs:
        t0 = time.perf_counter()
        res = analyse_chair_stand(r.skeleton)
        shares.append((time.perf_counter() - t0) / r.skeleton.duration_s)
        t = r.truth
        if t["time_s"] is not None and res.time_s is not None:
            errors.append(res.time_s - t["time_s"])
        truth_flags = {"arms_used": t["arms_used"], "pause": bool(t["pause"]),
                       "incomplete_stand": bool(t["incomplete"]), "fewer_than_five": t["stands"] < 5}
        flags += len(truth_flags)
        flag_ok += sum(res.flags[k] == v for k, v in truth_flags.items())
    print(f"chair stand, {n} recordings (seed {seed}): time error {_summary(errors)}")
    print(f"  flags right: {flag_ok}/{flags}; analysis time / recording: median {np.median(shares):.2%},"
          f" max {np.max(shares):.2%}")


def balance(n: int, seed: int) -> None:
    recs = generate_balance_set(n, seed=seed)
    errors, starts, shares, missed, total, seen_ok, false_support = [], [], [], 0, 0, 0, 0
    for r in recs:
        truth = r.truth["stances"]
        expected = (truth[0]["stance"],) if len(truth) == 1 else STANCES
        t0 = time.perf_counter()
        res = analyse_balance(r.skeleton, expected=expected)
        shares.append((time.perf_counter() - t0) / r.skeleton.duration_s)
        for w in truth:
            total += 1
            got = [s for s in res.stances if s.stance == w["stance"] and abs(s.start_s - w["start_s"]) < 1.0]
            if not got:
                missed += 1
                continue
            errors.append(got[0].hold_s - w["hold_s"])
            starts.append(got[0].start_s - w["start_s"])
            seen_ok += got[0].placement_seen == w["stance"]
        false_support += sum(s.support_used for s in res.stances)
    print(f"balance, {n} recordings (seed {seed}): hold error {_summary(errors)}")
    print(f"  start error {_summary(starts)}")
    print(f"  stances found: {total - missed}/{total}; placement seen as tested: {seen_ok}/{total - missed};"
          f" support flagged without support: {false_support};"
          f" analysis time / recording: median {np.median(shares):.2%}, max {np.max(shares):.2%}")


def support(n: int, seed: int) -> None:
    recs = generate_support_set(n, seed=seed)
    errors, flagged = [], 0
    for r in recs:
        res = analyse_balance(r.skeleton)
        want = next(w for w in r.truth["stances"] if w["support_used"])
        got = [s for s in res.stances if s.stance == want["stance"]]
        if got:
            errors.append(got[0].hold_s - want["hold_s"])
            flagged += got[0].support_used
    print(f"support used, {n} recordings (seed {seed}): hold error {_summary(errors)}; flagged {flagged}/{n}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--chair", type=int, default=40)
    p.add_argument("--balance", type=int, default=30)
    p.add_argument("--support", type=int, default=12)
    p.add_argument("--seed", type=int, default=301)
    a = p.parse_args()
    print(f"{platform.platform()}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    chair(a.chair, a.seed)
    balance(a.balance, a.seed + 1)
    support(a.support, a.seed + 2)


if __name__ == "__main__":
    main()
