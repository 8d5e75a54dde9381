"""``gaitscreen --self-test``: does this installation work? One command for a clinic's IT.

It prints the versions of GaitScreen and the libraries it rests on, the compute
device, the pose model and the stability classifier (with their sha256 and the
card's notice when the model is synthetic or not validated), then screens the
bundled sample video headless through the same main job as ``gaitscreen
analyze`` (:func:`gaitscreen.core.screen.screen_video` and
:func:`~gaitscreen.core.screen.write_outputs`), checks that the PDF and the JSON
were written and agree, and ends with one verdict line::

    SELF-TEST PASSED (23.4 s)          exit status 0
    SELF-TEST FAILED: <one reason>     exit status 1

The report files go into a temporary folder that is removed afterwards: nothing
is written into the installation folder. Pose weights given as ``.pt`` are
converted to ONNX into the user's cache folder on first use, as in any run. No
display is needed (PySide6 is imported to check that the desktop application's Qt
is present, but no window is opened).
"""

from __future__ import annotations

import json
import os
import platform
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from . import __version__
from .core.words import plural

PASSED = "SELF-TEST PASSED"
FAILED = "SELF-TEST FAILED"
SAMPLE_PATIENT = "SELF-TEST"
_LABEL_WIDTH = 13


class SelfTestFailure(Exception):
    """A check that failed; its message is the verdict's reason (one sentence)."""


def installation_kind() -> str:
    """'frozen build', 'source checkout' or 'installed package'."""
    from .core.paths import install_root

    if getattr(sys, "frozen", False):
        return "frozen build"
    if (install_root() / "pyproject.toml").is_file() and (install_root() / "gaitscreen").is_dir():
        return "source checkout"
    return "installed package"


class _Printer:
    def __init__(self, out: TextIO) -> None:
        self.out = out

    def line(self, label: str, value: str) -> None:
        print(f"{label:<{_LABEL_WIDTH}}{value}", file=self.out, flush=True)

    def text(self, value: str) -> None:
        print(value, file=self.out, flush=True)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


# --- Environment --------------------------------------------------------------------------


def _torch_line() -> tuple[str, str]:
    """torch version and the device it sees: (torch line, device line)."""
    try:
        import torch
    except Exception as exc:  # noqa: BLE001 - a broken bundle raises anything from here
        raise SelfTestFailure(f"torch cannot be loaded ({_first_line(exc)}).") from exc
    cuda_build = torch.version.cuda
    built = f"CUDA {cuda_build} build" if cuda_build else "CPU-only build"
    if torch.cuda.is_available():
        name = torch.cuda.get_device_name(0)
        count = torch.cuda.device_count()
        device = f"GPU: {name}" + (f" (+{count - 1} more)" if count > 1 else "")
    else:
        device = "CPU (no usable GPU found)"
    return f"{torch.__version__} ({built}, {torch.get_num_threads()} CPU threads)", device


def _onnxruntime_line() -> str:
    try:
        import onnxruntime as ort
    except Exception as exc:  # noqa: BLE001
        raise SelfTestFailure(f"ONNX Runtime cannot be loaded ({_first_line(exc)}).") from exc
    return f"{ort.__version__} (providers: {', '.join(ort.get_available_providers())})"


def _pyside_line() -> str:
    """PySide6 and the Qt platform plugins present (for the desktop application); no window."""
    try:
        import PySide6
        from PySide6 import QtCore, QtGui, QtWidgets  # noqa: F401 - the GUI needs all three
    except Exception as exc:  # noqa: BLE001
        raise SelfTestFailure(
            f"PySide6 (Qt, needed by the desktop application) cannot be loaded ({_first_line(exc)})."
        ) from exc
    plugins_dir = Path(QtCore.QLibraryInfo.path(QtCore.QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    names = sorted(
        p.name.split(".")[0].removeprefix("libq").removeprefix("q")
        for p in plugins_dir.glob("*") if p.suffix in (".so", ".dll", ".dylib")
    ) if plugins_dir.is_dir() else []
    if not names:
        raise SelfTestFailure(f"Qt has no platform plugins in {plugins_dir}: the desktop application cannot start.")
    return f"{PySide6.__version__} (Qt {QtCore.qVersion()}; platform plugins: {', '.join(names)})"


def _opencv_line() -> str:
    try:
        import cv2
    except Exception as exc:  # noqa: BLE001
        raise SelfTestFailure(f"OpenCV cannot be loaded ({_first_line(exc)}).") from exc
    backends = []
    registry = getattr(cv2, "videoio_registry", None)
    if registry is not None:
        backends = [registry.getBackendName(b) for b in registry.getStreamBackends()]
    return f"{cv2.__version__} (video readers: {', '.join(backends) or 'unknown'})"


# --- The run --------------------------------------------------------------------------------


def _check_outputs(pdf: Path, json_path: Path, rate: float) -> str:
    """The PDF is a PDF, the JSON parses and carries the same R; returns a short description."""
    if not pdf.is_file():
        raise SelfTestFailure("The PDF report was not written.")
    head = pdf.read_bytes()[:5]
    if head != b"%PDF-" or pdf.stat().st_size < 2000:
        raise SelfTestFailure(f"The PDF report is not a valid PDF ({pdf.stat().st_size} bytes).")
    if not json_path.is_file():
        raise SelfTestFailure("The JSON report was not written.")
    try:
        data = json.loads(json_path.read_text(encoding="utf-8"))
        written = data["screening"]["instability_rate"]
    except (ValueError, KeyError, TypeError) as exc:
        raise SelfTestFailure(f"The JSON report cannot be read back ({_first_line(exc)}).") from exc
    if written is None or abs(float(written) - rate) > 1e-9:
        raise SelfTestFailure(f"The JSON report says R = {written}, the run gave R = {rate}.")
    return f"PDF {pdf.stat().st_size / 1024:.0f} KiB and JSON {json_path.stat().st_size / 1024:.0f} KiB"


def _screen_sample(say: _Printer) -> None:
    from .core.analysis import INSUFFICIENT
    from .core.model.runtime import open_classifier
    from .core.paths import sample_video
    from .core.pose import YoloPose
    from .core.screen import PatientInfo, screen_video, write_outputs

    sample = sample_video()
    if not sample.is_file():
        raise SelfTestFailure(f"The bundled sample video is missing: {sample}.")
    classifier = open_classifier(None, runtime="auto", device="auto")
    card = classifier.card
    say.line("classifier", f"{card.name} {card.version} (sha256 {classifier.sha256}) "
                           f"on {classifier.runtime}/{classifier.device}")
    path = getattr(classifier, "path", None) or getattr(getattr(classifier, "loaded", None), "path", None)
    if path is not None:
        say.line("", str(path))
    pose = YoloPose(device="auto")
    weights = pose.weights
    say.line("pose model", f"{weights.path.name} from the {weights.origin} (sha256 {weights.sha256}) "
                           f"on {pose.runtime}/{pose.device}")
    say.line("", str(weights.path))
    say.line("sample", f"{sample.name}: screening …")

    started = time.perf_counter()
    outcome = screen_video(sample, patient=PatientInfo(id=SAMPLE_PATIENT, operator="self-test"),
                           classifier=classifier, pose_backend=pose)
    screening = outcome.report["screening"]
    notice = screening["model"].get("notice") or ""
    if notice:
        say.line("notice", notice)
    if outcome.result.risk_group == INSUFFICIENT or screening["instability_rate"] is None:
        raise SelfTestFailure(f"The sample gave no screening result: {outcome.result.risk_reason}")
    rate = float(screening["instability_rate"])
    if not 0.0 <= rate <= 1.0:
        raise SelfTestFailure(f"The sample gave an impossible instability rate R = {rate}.")
    coverage = outcome.pose.skeleton.coverage
    say.line("result", f"R = {rate:.2f} ({screening['unstable_windows']}/{screening['counted_windows']} "
                       f"{plural(screening['counted_windows'], 'window')} unstable) → {screening['risk_group']}; "
                       f"patient found in {coverage:.0%} of frames, "
                       f"{outcome.pose.persons_seen} people in view; {time.perf_counter() - started:.1f} s")
    if coverage < 0.5:
        raise SelfTestFailure(f"The patient was found in only {coverage:.0%} of the sample's frames.")

    with tempfile.TemporaryDirectory(prefix="gaitscreen-self-test-") as tmp:
        pdf, json_path = Path(tmp) / "self_test.pdf", Path(tmp) / "self_test.json"
        write_outputs(outcome.report, pdf=pdf, json_path=json_path)
        written = _check_outputs(pdf, json_path, rate)
    say.line("report", f"{written} written to a temporary folder (removed again)")


def _environment(say: _Printer) -> None:
    from .core.paths import install_root, models_dir, resources_dir

    say.line("GaitScreen", f"{__version__} ({installation_kind()}) at {install_root()}")
    say.line("Python", f"{platform.python_version()} ({platform.system()} {platform.machine()}, "
                       f"{platform.platform(terse=True)})")
    torch_line, device_line = _torch_line()
    say.line("torch", torch_line)
    say.line("onnxruntime", _onnxruntime_line())
    say.line("PySide6", _pyside_line())
    say.line("OpenCV", _opencv_line())
    say.line("device", device_line)
    say.line("resources", str(resources_dir()))
    say.line("models", str(models_dir()))


def run_self_test(out: TextIO | None = None, *, clock: Callable[[], float] = time.perf_counter) -> int:
    """Run every check, print the report and the verdict; 0 when all passed, else 1."""
    say = _Printer(out or sys.stdout)
    started = clock()
    say.text("GaitScreen self-test")
    try:
        _environment(say)
        _screen_sample(say)
    except KeyboardInterrupt:
        say.text(f"{FAILED}: interrupted")
        return 1
    except Exception as exc:  # noqa: BLE001 - every failure becomes one verdict line
        from .core.errors import GaitScreenError

        if os.environ.get("GAITSCREEN_DEBUG"):
            traceback.print_exc()
        if isinstance(exc, (SelfTestFailure, GaitScreenError)):
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        else:  # a programming error or a module missing from a build
            reason = _first_line(exc)
        say.text(f"{FAILED}: {reason}")
        return 1
    say.text(f"{PASSED} ({clock() - started:.1f} s)")
    return 0
