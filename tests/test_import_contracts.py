"""The import-linter contracts in pyproject.toml hold, and they would catch a breach.

The first test lints the real package. The second lints a small package of the
same shape whose core imports the ui and PySide6, under the very same
contracts, so a contract that had silently stopped checking would fail here.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT = Path(sys.executable).with_name("lint-imports")


def _lint(cwd: Path, pythonpath: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(pythonpath))
    return subprocess.run(
        [str(LINT), "--no-cache"], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_project_keeps_its_layer_contracts() -> None:
    done = _lint(ROOT, ROOT)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout


def _toml_value(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return '"' + str(value) + '"'


def test_contracts_catch_a_core_module_importing_ui_and_qt(tmp_path: Path) -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    linter = config["tool"]["importlinter"]
    lines = ["[tool.importlinter]"]
    lines += [f"{k} = {_toml_value(v)}" for k, v in linter.items() if k != "contracts"]
    for contract in linter["contracts"]:
        lines.append("[[tool.importlinter.contracts]]")
        lines += [f"{k} = {_toml_value(v)}" for k, v in contract.items()]
    (tmp_path / "pyproject.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    package = tmp_path / "src" / "gaitscreen"
    for layer in ("ui", "cli", "engine", "app", "storage", "synth", "core"):
        (package / layer).mkdir(parents=True)
        (package / layer / "__init__.py").write_text("", encoding="utf-8")
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "ui" / "window.py").write_text("from gaitscreen.core import rule\n")
    (package / "cli" / "gui_cmd.py").write_text("from gaitscreen.ui import window\n")
    (package / "core" / "rule.py").write_text(
        "from gaitscreen.ui import window\nimport PySide6.QtCore\n", encoding="utf-8"
    )
    done = _lint(tmp_path, tmp_path / "src")
    assert done.returncode != 0, done.stdout
    assert "gaitscreen.core.rule -> gaitscreen.ui.window" in done.stdout
    assert "gaitscreen.core.rule -> PySide6" in done.stdout
