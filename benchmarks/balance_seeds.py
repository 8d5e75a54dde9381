"""Balance hold times per seed of the synthetic set: found, within 0.2 s, worst error, failing ids.

    python benchmarks/balance_seeds.py [--n 20] [--tolerance 0.2] SEED [SEED ...]

Each seed is ``generate_balance_set(n, seed=SEED)`` (``gaitscreen.synth.balance``),
analysed from its detector-like 2-D skeleton and set against the generator's truth
(a stance is found when one of the same name starts within 1 s of the true start),
as in ``tests/test_balance.py`` and ``performance_tests_accuracy.py``.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gaitscreen.core.analysis.balance import analyse_balance  # noqa: E402
from gaitscreen.synth.balance import STANCES, generate_balance_set  # noqa: E402


def evaluate(seed: int, n: int, tolerance: float, verbose: bool = False) -> dict:
    """Found / within / worst error and the failing cases of one seed's set."""
    total = found = within = 0
    worst, failing = 0.0, []
    for r in generate_balance_set(n, seed=seed):
        truth = r.truth["stances"]
        expected = (truth[0]["stance"],) if len(truth) == 1 else STANCES
        res = analyse_balance(r.skeleton, expected=expected)
        for w in truth:
            total += 1
            got = [s for s in res.stances if s.stance == w["stance"] and abs(s.start_s - w["start_s"]) < 1.0]
            if not got:
                failing.append(f"{r.recording_id} {w['stance']} not found (truth {w['start_s']:.2f}-{w['end_s']:.2f} s)")
                continue
            found += 1
            err = got[0].hold_s - w["hold_s"]
            worst = max(worst, abs(err))
            if abs(err) <= tolerance:
                within += 1
            else:
                failing.append(f"{r.recording_id} {w['stance']} hold {got[0].hold_s:.2f} vs {w['hold_s']:.2f} s"
                               f" (start {got[0].start_s - w['start_s']:+.2f}, end {got[0].end_s - w['end_s']:+.2f})")
            if verbose:
                print(f"  {r.recording_id} {w['stance']:12s} start {got[0].start_s - w['start_s']:+.3f}"
                      f" end {got[0].end_s - w['end_s']:+.3f} hold {err:+.3f}")
    return {"seed": seed, "total": total, "found": found, "within": within, "worst": worst, "failing": failing}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("seeds", type=int, nargs="+")
    p.add_argument("--n", type=int, default=20)
    p.add_argument("--tolerance", type=float, default=0.2)
    p.add_argument("--verbose", action="store_true")
    a = p.parse_args()
    print(f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {platform.platform()}, {os.cpu_count()} CPUs,"
          f" load {os.getloadavg()[0]:.1f}")
    for seed in a.seeds:
        e = evaluate(seed, a.n, a.tolerance, a.verbose)
        print(f"seed {seed}: found {e['found']}/{e['total']}, within {a.tolerance} s {e['within']}/{e['found']},"
              f" worst {e['worst']:.2f} s", flush=True)
        for f in e["failing"]:
            print(f"  {f}")


if __name__ == "__main__":
    main()
