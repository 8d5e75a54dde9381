"""Resources and models are found from a checkout, an installed wheel and a frozen build."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from gaitscreen.core import paths

ROOT = Path(__file__).resolve().parents[1]


def test_checkout_frozen_and_wheel_locations(tmp_path, monkeypatch):
    assert paths.install_root() == ROOT  # this checkout
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "frozen"), raising=False)
    assert paths.install_root() == tmp_path / "frozen"
    monkeypatch.delattr(sys, "_MEIPASS")

    # A wheel: the package without resources beside it, data under <prefix>/share/gaitscreen.
    monkeypatch.setattr(paths, "_PACKAGE_DIR", tmp_path / "site-packages" / "gaitscreen")
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "venv"))
    wheel = tmp_path / "venv" / "share" / "gaitscreen"
    (wheel / "resources").mkdir(parents=True)
    assert paths.install_root() == wheel
    assert paths.models_dir() == wheel / "models"
    assert paths.sample_video() == wheel / "resources" / "samples" / "walk_frontal_bystander.mp4"


def test_wheel_data_files_cover_every_bundled_folder():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    data = config["tool"]["setuptools"]["data-files"]
    installed = {Path(target).relative_to(paths.WHEEL_DATA): patterns for target, patterns in data.items()}
    for folder in (Path("resources/samples"), Path("resources/icons"), Path("models")):
        assert folder in installed, f"{folder} is not installed with the wheel"
        files = {p for pattern in installed[folder] for p in ROOT.glob(pattern) if p.is_file()}
        assert files == {p for p in (ROOT / folder).iterdir() if p.is_file()}, folder
