"""Where GaitScreen finds its bundled files and keeps user data.

Resources and models are located the same way from a source checkout, an installed
wheel or a frozen (PyInstaller) build; user data and caches never live inside the
installation directory.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent
#: Where an installed wheel puts ``resources/`` and ``models/`` (``[tool.setuptools.data-files]``).
WHEEL_DATA = Path("share") / "gaitscreen"


def install_root() -> Path:
    """Folder that holds ``resources/`` and ``models/``.

    A frozen build unpacks them next to the executable (``sys._MEIPASS``); a source
    checkout (or an editable install) has them beside the ``gaitscreen`` package; an
    installed wheel has them in ``<prefix>/share/gaitscreen``.
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    checkout = _PACKAGE_DIR.parent
    if (checkout / "resources").is_dir():
        return checkout
    for prefix in (sys.prefix, sys.base_prefix):
        wheel = Path(prefix) / WHEEL_DATA
        if (wheel / "resources").is_dir():
            return wheel
    return checkout


def resources_dir() -> Path:
    return Path(os.environ.get("GAITSCREEN_RESOURCES_DIR") or install_root() / "resources")


def models_dir() -> Path:
    return Path(os.environ.get("GAITSCREEN_MODELS_DIR") or install_root() / "models")


def user_guide(language: str | None = None) -> Path:
    """The user guide shown by Help → User guide (``docs/user_guide.md``, shipped like the resources).

    ``language`` (``"zh-TW"``, ``"zh_TW"``, ``"ja_JP"``): its translation ``user_guide.<tag>.md``
    (``zh-TW``; else the bare language, ``ja``) when that file is there, else the English guide,
    so a third language is one more file."""
    from .i18n import SOURCE_LANGUAGE, normalize

    folder = Path(os.environ.get("GAITSCREEN_DOCS_DIR") or install_root() / "docs")
    tag = normalize(language)
    for candidate in dict.fromkeys((tag, tag.split("-")[0])):
        translated = folder / f"user_guide.{candidate}.md"
        if candidate != SOURCE_LANGUAGE and translated.is_file():
            return translated
    return folder / "user_guide.md"


def sample_video() -> Path:
    """The bundled sample walk used by the README's first command and the self-test."""
    return resources_dir() / "samples" / "walk_frontal_bystander.mp4"


def cache_dir() -> Path:
    """Per-user cache (exported ONNX files and the like); safe to delete."""
    override = os.environ.get("GAITSCREEN_CACHE_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "GaitScreen" / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "GaitScreen"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "gaitscreen"
