"""What study safety costs: the quick_check and backup made when a study is opened.

For databases of a few sizes (grown with a ballast table of random bytes; a real
study's database holds rows, not videos, and stays small), measures the median of
R rounds of: ``PRAGMA quick_check``, one online backup (``Study.backup_now``),
``list_backups``, and a whole writable ``Study.open`` + ``close`` (which runs the
quick check, the sweep and one backup). Prints a Markdown table.

    python benchmarks/study_backup.py [--sizes 1,20,100] [--rounds 3]
"""

from __future__ import annotations

import argparse
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gaitscreen.storage import Study, list_backups  # noqa: E402


def _grow(folder: Path, megabytes: int) -> None:
    conn = sqlite3.connect(folder / "study.sqlite")
    conn.execute("CREATE TABLE IF NOT EXISTS ballast (data BLOB)")
    conn.executemany("INSERT INTO ballast VALUES (randomblob(65536))", [()] * (megabytes * 16))
    conn.commit()
    conn.close()


def _median(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1,20,100", help="database sizes in MB (comma-separated)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, {platform.machine()}")
    print("| database | quick_check | backup | list_backups (10) | open + close |")
    print("|---|---|---|---|---|")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch) / "study"
            with Study.open(folder) as study:
                for k in range(200):
                    study.add_patient(f"P-{k:04d}", notes="clinical notes " * 10)
            _grow(folder, size)
            megabytes = (folder / "study.sqlite").stat().st_size / 1e6
            study = Study.open(folder)
            check = _median(lambda: study.conn.execute("PRAGMA quick_check").fetchall(), args.rounds)
            backup = _median(study.backup_now, args.rounds)
            for _ in range(10):
                study.backup_now()
            listing = _median(lambda: list_backups(folder), args.rounds)
            study.close()
            whole = _median(lambda: Study.open(folder).close(), args.rounds)
            print(f"| {megabytes:.0f} MB | {check * 1000:.1f} ms | {backup * 1000:.0f} ms | "
                  f"{listing * 1000:.1f} ms | {whole * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
