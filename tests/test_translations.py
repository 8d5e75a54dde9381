"""The Qt catalogues match the code: no string missing, none unfinished, the shipped .qm up to date.

These run PySide6's lupdate/lrelease (shipped with PySide6) into temporary files;
the repository's catalogues are only read.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gaitscreen.ui import i18n_build
from gaitscreen.ui.language_pref import UnknownLanguage, available_languages, check_language, normalise

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ("zh_TW",)


def test_the_shipped_languages_have_a_catalogue_and_a_compiled_file():
    found = {i18n_build.language_of(ts) for ts in i18n_build.catalogues()}
    assert set(SHIPPED) <= found
    for ts in i18n_build.catalogues():
        assert ts.with_suffix(".qm").is_file(), f"{ts.name} is not compiled; run python -m gaitscreen.ui.i18n_build"
    assert available_languages()[0] == "en" and set(SHIPPED) <= set(available_languages())


def test_tools_are_found_beside_pyside6():
    import PySide6

    for name in ("lupdate", "lrelease"):
        tool = i18n_build.find_tool(name)
        assert tool.is_file() and os.access(tool, os.X_OK)
        assert Path(PySide6.__file__).resolve().parent in tool.resolve().parents or tool.name.startswith("pyside6-")


@pytest.mark.parametrize("ts", i18n_build.catalogues(), ids=lambda p: p.name)
def test_catalogue_has_every_string_of_the_code(ts):
    lacking = i18n_build.missing(ts)
    assert not lacking, (f"{len(lacking)} strings of the code are not in {ts.name} (run python -m "
                         f"gaitscreen.ui.i18n_build and translate them): {sorted(lacking)[:10]}")


@pytest.mark.parametrize("ts", i18n_build.catalogues(), ids=lambda p: p.name)
def test_shipped_catalogue_has_no_unfinished_entry(ts):
    open_ = i18n_build.unfinished(ts)
    assert not open_, f"{len(open_)} unfinished entries in {ts.name}: {open_[:10]}"


@pytest.mark.parametrize("ts", i18n_build.catalogues(), ids=lambda p: p.name)
def test_shipped_qm_is_built_from_the_catalogue(ts, tmp_path):
    rebuilt = i18n_build.release(ts, tmp_path / ts.with_suffix(".qm").name)
    assert rebuilt.read_bytes() == ts.with_suffix(".qm").read_bytes(), (
        f"{ts.with_suffix('.qm').name} is older than {ts.name}; run python -m gaitscreen.ui.i18n_build")


def test_a_new_string_in_the_code_is_reported_missing_and_unfinished(tmp_path):
    """The check can fail: a tr() string the catalogue lacks is found, and after lupdate it is unfinished."""
    shipped = i18n_build.catalogues()[0]
    extra = tmp_path / "extra_widget.py"
    extra.write_text('class ExtraWidget:\n    def label(self):\n        return self.tr("A brand-new label")\n',
                     encoding="utf-8")
    files = i18n_build.sources() + [extra]
    scratch = tmp_path / shipped.name
    scratch.write_bytes(shipped.read_bytes())
    assert i18n_build.missing(scratch, files=files) == {("ExtraWidget", "A brand-new label")}
    i18n_build.update(scratch, files=files)
    assert i18n_build.unfinished(scratch) == [("ExtraWidget", "A brand-new label")]
    assert not i18n_build.missing(scratch, files=files)


def test_unfinished_table_round_trip_fills_the_catalogue(tmp_path):
    """--unfinished writes a table; filling its last column and --fill makes the entries finished."""
    source = tmp_path / "w.py"
    source.write_text('class W:\n    def f(self, n):\n        self.tr("Two\\nlines")\n'
                      '        self.tr("%n clip(s)", "", n)\n', encoding="utf-8")
    ts = i18n_build.update(tmp_path / "gaitscreen_xx_YY.ts", files=[source])
    table = tmp_path / "todo.tsv"
    assert i18n_build.write_unfinished(ts, table) == 2
    rows = table.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "context\tsource\ttranslation" and "W\tTwo\\nlines\t" in rows
    table.write_text("\n".join([rows[0], "W\tTwo\\nlines\tZwei\\nZeilen", "W\t%n clip(s)\t%n Clips"]) + "\n",
                     encoding="utf-8")
    assert i18n_build.fill(ts, table) == 2
    i18n_build.update(ts, files=[source])  # a later lupdate keeps the translations
    assert i18n_build.unfinished(ts) == []
    assert "<translation>Zwei\nZeilen</translation>" in ts.read_text(encoding="utf-8")
    qm = i18n_build.release(ts)
    assert qm.stat().st_size > 0


def test_language_codes_are_normalised_and_unknown_ones_refused():
    assert normalise("zh-TW") == normalise("zh_tw") == "zh_TW"
    assert check_language("zh-TW") == "zh_TW" and check_language("") == "" and check_language("EN") == "en"
    with pytest.raises(UnknownLanguage, match="no translation for 'xx-QQ'.*en, zh-TW"):
        check_language("xx-QQ")


def test_gui_lang_unknown_is_one_line_error(tmp_path):
    env = dict(os.environ, GAITSCREEN_SETTINGS_DIR=str(tmp_path / "settings"), QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.run([sys.executable, "-m", "gaitscreen", "gui", "--lang", "xx", "--study", str(tmp_path / "s"),
                           "--screenshot", str(tmp_path / "x.png")], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "gaitscreen: error: GaitScreen has no translation for 'xx'; choose one of en, zh-TW."]
    assert not (tmp_path / "s").exists() and not (tmp_path / "x.png").exists()
