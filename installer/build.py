"""Build GaitScreen's standalone one-folder bundle and its archive.

    python installer/build.py venv /tmp/build-venv [--variant cpu]   # a build environment (once)
    /tmp/build-venv/bin/python installer/build.py build [--variant cpu] [--dist DIR] [--work DIR]

``build`` runs PyInstaller on ``installer/gaitscreen.spec`` with the interpreter
that runs this script (it needs PyInstaller and GaitScreen's dependencies; never
use the development ``.venv`` for that: build environments are throw-away),
writes ``DIST/GaitScreen/`` and an archive beside it (``.tar.gz`` on Linux and
macOS, ``.zip`` on Windows), and prints and saves (``DIST/build-info.json``) the
wall time, the folder's size and the archive's size. The Windows installer is
then compiled from the folder with Inno Setup (``installer/windows/gaitscreen.iss``).

``venv`` makes a build environment: ``default`` installs the exact versions of
``requirements/constraints.txt`` (PyPI's torch, with CUDA on Linux/Windows);
``cpu`` takes torch and torchvision from PyTorch's CPU-only wheel index and the
plain ``onnxruntime``, which keeps the bundle several GB smaller.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
import venv as venv_module
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import bundle  # noqa: E402

CONSTRAINTS = ROOT / "requirements" / "constraints.txt"
TORCH_CPU_INDEX = "https://download.pytorch.org/whl/cpu"
LINUX_EXTRAS = (HERE / "linux" / "gaitscreen.desktop", HERE / "linux" / "install.sh")
# Only needed for development and tests; never bundled.
DEV_ONLY = {"pytest", "pytest-qt", "imageio-ffmpeg"}


def _version() -> str:
    for line in (ROOT / "gaitscreen" / "__init__.py").read_text(encoding="utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise SystemExit("gaitscreen/__init__.py has no __version__")


def _pins() -> dict[str, str]:
    pins = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            pins[name.strip().lower()] = version.strip()
    return pins


def _run(cmd: list[str], **kwargs) -> None:
    print("$ " + " ".join(cmd), flush=True)
    subprocess.check_call(cmd, **kwargs)


def make_venv(target: Path, variant: str) -> None:
    """A fresh build environment at ``target`` with GaitScreen, its dependencies and PyInstaller."""
    venv_module.EnvBuilder(with_pip=True, clear=True).create(target)
    python = target / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check"]
    pyinstaller = "pyinstaller"
    if variant == "default":
        _run(pip + ["-c", str(CONSTRAINTS), str(ROOT), pyinstaller])
        return
    pins = _pins()
    # CPU-only torch first, from PyTorch's CPU index ("2.14.1+cpu" satisfies "==2.14.1").
    _run(pip + ["--index-url", TORCH_CPU_INDEX, f"torch=={pins['torch']}", f"torchvision=={pins['torchvision']}"])
    # The rest pinned as usual, with plain onnxruntime instead of onnxruntime-gpu.
    rest = [f"{name}=={version}" for name, version in pins.items()
            if name not in DEV_ONLY | {"torch", "torchvision", "onnxruntime-gpu"}]
    _run(pip + rest + [pyinstaller])
    _run(pip + ["--no-deps", str(ROOT)])


def prune_duplicate_libraries(folder: Path) -> list[str]:
    """Remove top-level copies of shared libraries that also sit in a package's own folder (Linux).

    PyInstaller puts every linked library at the top of ``_internal/``; for torch's
    ``torch/lib`` and the ``nvidia/*/lib`` folders its torch hook suppresses the usual
    symbolic link, so those libraries end up there twice (1.3 GiB with CUDA torch).
    The package copies are found through their RUNPATH (``$ORIGIN/...``), so the
    top-level copy of a byte-identical file goes (only twins of those two places:
    nothing else was checked to load without its top-level copy). Returns the removed names.
    """
    internal = folder / "_internal"
    if not internal.is_dir():
        return []
    nested: dict[str, list[Path]] = {}
    for path in [*internal.glob("torch/lib/*.so*"), *internal.glob("nvidia/*/lib/*.so*")]:
        if path.is_file() and not path.is_symlink():
            nested.setdefault(path.name, []).append(path)
    removed = []
    for top in sorted(internal.glob("*.so*")):
        if not top.is_file() or top.is_symlink():
            continue
        twins = [p for p in nested.get(top.name, []) if p.stat().st_size == top.stat().st_size]
        if any(filecmp.cmp(top, twin, shallow=False) for twin in twins):
            top.unlink()
            removed.append(top.name)
    return removed


def folder_size(folder: Path) -> int:
    """Bytes of the regular files under ``folder`` (symbolic links not followed)."""
    total = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(dirpath) / name
            if not path.is_symlink():
                total += path.stat().st_size
    return total


def make_archive(folder: Path, variant: str) -> Path:
    """``GaitScreen-<version>-<os>-<arch>[-cpu].tar.gz`` (or ``.zip`` on Windows) beside ``folder``."""
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    stem = f"{bundle.APP_NAME}-{_version()}-{system}-{platform.machine().lower()}"
    stem += "-cpu" if variant == "cpu" else ""
    if sys.platform == "win32":
        archive = folder.parent / f"{stem}.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    zf.write(path, Path(folder.name) / path.relative_to(folder))
        return archive
    archive = folder.parent / f"{stem}.tar.gz"
    with tarfile.open(archive, "w:gz", compresslevel=6) as tf:  # keeps PyInstaller's symbolic links
        tf.add(folder, arcname=folder.name)
    return archive


def build(variant: str, dist: Path, work: Path, archive: bool, prune: bool = True) -> dict[str, object]:
    try:
        import PyInstaller
    except ImportError:
        raise SystemExit(f"PyInstaller is not installed for {sys.executable}; "
                         "make a build environment with `python installer/build.py venv DIR`.") from None
    started = time.perf_counter()
    env = dict(os.environ, GAITSCREEN_BUILD_VARIANT=variant)
    _run([sys.executable, "-m", "PyInstaller", str(HERE / "gaitscreen.spec"), "--noconfirm", "--clean",
          "--distpath", str(dist), "--workpath", str(work)], cwd=ROOT, env=env)
    folder = dist / bundle.APP_NAME
    pyinstaller_s = time.perf_counter() - started
    pruned: list[str] = []
    if sys.platform.startswith("linux"):
        for extra in LINUX_EXTRAS:
            shutil.copy2(extra, folder / extra.name)
        if prune:
            pruned = prune_duplicate_libraries(folder)
    info: dict[str, object] = {
        "variant": variant, "version": _version(), "platform": f"{sys.platform}-{platform.machine()}",
        "python": platform.python_version(), "pyinstaller": PyInstaller.__version__,
        "folder": str(folder), "folder_bytes": folder_size(folder), "pyinstaller_seconds": round(pyinstaller_s, 1),
        "pruned_duplicates": pruned,
    }
    if archive:
        t = time.perf_counter()
        path = make_archive(folder, variant)
        info.update(archive=str(path), archive_bytes=path.stat().st_size,
                    archive_seconds=round(time.perf_counter() - t, 1))
    info["total_seconds"] = round(time.perf_counter() - started, 1)
    (dist / "build-info.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(info, indent=2))
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build GaitScreen's standalone bundle.")
    sub = parser.add_subparsers(dest="action", required=True)
    p = sub.add_parser("venv", help="create a throw-away build environment")
    p.add_argument("target", type=Path)
    p.add_argument("--variant", choices=bundle.VARIANTS, default="default")
    p = sub.add_parser("build", help="run PyInstaller and pack the archive")
    p.add_argument("--variant", choices=bundle.VARIANTS, default="default")
    p.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    p.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's work folder (default: build/)")
    p.add_argument("--no-archive", action="store_true", help="leave out the .tar.gz/.zip")
    p.add_argument("--keep-duplicates", action="store_true",
                   help="keep PyInstaller's top-level copies of torch's and CUDA's libraries (Linux)")
    args = parser.parse_args(argv)
    if args.action == "venv":
        make_venv(args.target.resolve(), args.variant)
        return 0
    build(args.variant, args.dist.resolve(), args.work.resolve(), archive=not args.no_archive,
          prune=not args.keep_duplicates)
    return 0


if __name__ == "__main__":
    sys.exit(main())
