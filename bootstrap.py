#!/usr/bin/env python3
"""Set up GaitScreen in ./.venv and run it — needs nothing but Python 3.11.

    python3.11 bootstrap.py demo    # install, then screen the bundled sample video (PDF + JSON in out/)
    python3.11 bootstrap.py test    # install, then run the test suite
    python3.11 bootstrap.py setup   # install only

The virtual environment is (re)installed only when pyproject.toml or
requirements/constraints.txt changed since the last install.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".gaitscreen-install"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
SAMPLE = ROOT / "resources" / "samples" / "walk_frontal_bystander.mp4"
OUT = ROOT / "out"


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for name in ("pyproject.toml", "requirements/constraints.txt"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def setup() -> None:
    if not (sys.version_info[:2] >= (3, 11) and sys.version_info[:2] < (3, 13)):
        sys.exit(f"GaitScreen needs Python 3.11 or 3.12; this is {sys.version.split()[0]}.")
    if not PYTHON.exists():
        print(f"Creating virtual environment in {VENV} …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = _fingerprint()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    print("Installing GaitScreen and its dependencies (first run: a few minutes) …", flush=True)
    subprocess.check_call(
        [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q",
         "-c", str(ROOT / "requirements" / "constraints.txt"), "-e", f"{ROOT}[dev]"]
    )
    STAMP.write_text(wanted)


def demo(extra: list[str]) -> int:
    OUT.mkdir(exist_ok=True)
    cmd = [str(PYTHON), "-m", "gaitscreen", "analyze", str(SAMPLE.relative_to(ROOT)), "--patient-id", "DEMO-001",
           "--pdf", "out/sample_report.pdf", "--json", "out/sample_report.json", "--csv", "out/sample_windows.csv",
           *extra]
    print("$ gaitscreen " + " ".join(cmd[3:]), flush=True)
    return subprocess.call(cmd, cwd=ROOT)


def test(extra: list[str]) -> int:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.call([str(PYTHON), "-m", "pytest", *extra], cwd=ROOT, env=env)


def main() -> int:
    action = sys.argv[1] if len(sys.argv) > 1 else "demo"
    extra = sys.argv[2:]
    if action not in ("demo", "test", "setup"):
        print(__doc__)
        return 2
    setup()
    if action == "demo":
        return demo(extra)
    if action == "test":
        return test(extra)
    return 0


if __name__ == "__main__":
    sys.exit(main())
