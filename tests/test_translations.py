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
ENGLISH_PLURALS = {  # the English catalogue: only the numerus entries, singular and plural
    ("JobStatus", "%n job(s) queued"): ("1 job queued", "2 jobs queued"),
    ("ClipsPage", "%n label(s) differ from the model."): ("1 label differs from the model.",
                                                         "2 labels differ from the model."),
}


def test_the_shipped_languages_have_a_catalogue_and_a_compiled_file():
    found = {i18n_build.language_of(ts) for ts in i18n_build.catalogues()}
    assert set(SHIPPED) | {"en"} <= found
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
    """Every entry is translated; in the English catalogue every numerus (``%n``) entry."""
    open_ = i18n_build.required_unfinished(ts)
    assert not open_, f"{len(open_)} unfinished entries in {ts.name}: {open_[:10]}"


def test_english_catalogue_needs_only_its_numerus_entries_and_has_two_forms(tmp_path):
    """The English check skips the source-text entries but fails on an untranslated plural."""
    english = i18n_build.i18n_dir() / "gaitscreen_en.ts"
    assert i18n_build.unfinished(english), "the English catalogue is expected to leave non-plural entries alone"
    assert i18n_build.required_unfinished(english) == []
    import xml.etree.ElementTree as ET

    numerus = [m for m in ET.parse(english).getroot().iter("message") if m.get("numerus") == "yes"]
    assert numerus
    for m in numerus:
        forms = [f.text or "" for f in m.find("translation").iter("numerusform")]
        assert len(forms) == 2 and forms[0] != forms[1] and all("%n" in f for f in forms), (m.findtext("source"), forms)
    source = tmp_path / "w.py"
    source.write_text('class W:\n    def f(self, n):\n        self.tr("Plain")\n'
                      '        self.tr("%n clip(s)", "", n)\n', encoding="utf-8")
    scratch = i18n_build.update(tmp_path / "gaitscreen_en.ts", files=[source])
    assert i18n_build.required_unfinished(scratch) == [("W", "%n clip(s)")]
    chinese = i18n_build.update(tmp_path / "gaitscreen_zh_TW.ts", files=[source])
    assert sorted(i18n_build.required_unfinished(chinese)) == [("W", "%n clip(s)"), ("W", "Plain")]
    table = tmp_path / "en.tsv"
    table.write_text("context\tsource\ttranslation\nW\t%n clip(s)\t%n clip\t%n clips\n", encoding="utf-8")
    assert i18n_build.fill(scratch, table) == 1
    i18n_build.update(scratch, files=[source])
    assert i18n_build.required_unfinished(scratch) == []
    assert "<numerusform>%n clip</numerusform>" in scratch.read_text(encoding="utf-8")


def test_english_plurals_read_one_and_many(qapp):
    """With English chosen (and when the system's language has no catalogue) "1 job queued" / "2 jobs queued"."""
    from PySide6.QtCore import QCoreApplication, QLocale

    from gaitscreen.ui.language_pref import current_language, install_language
    from gaitscreen.ui.status import JobStatus

    saved = QLocale()
    try:
        for code in ("en", "zh_TW", "en"):  # also after a switch away and back
            assert install_language(qapp, code) == code
        assert current_language(qapp) == "en"
        for (context, source), (one, two) in ENGLISH_PLURALS.items():
            assert QCoreApplication.translate(context, source, "", 1) == one
            assert QCoreApplication.translate(context, source, "", 2) == two
        status = JobStatus()
        status.set_queue(1)
        assert status.queue.text() == "1 job queued"
        status.set_queue(3)
        assert status.queue.text() == "3 jobs queued"
        install_language(qapp, "zh_TW")
        status.set_queue(3)
        assert status.queue.text() == "3 項工作排隊中"
        QLocale.setDefault(QLocale("fr_FR"))
        assert install_language(qapp, "") in ("en", "zh_TW")  # the system's language: English unless it is zh_TW
    finally:
        install_language(qapp, "en")
        QLocale.setDefault(saved)


@pytest.mark.parametrize("ts", i18n_build.catalogues(), ids=lambda p: p.name)
def test_shipped_qm_is_built_from_the_catalogue(ts, tmp_path):
    rebuilt = i18n_build.release(ts, tmp_path / ts.with_suffix(".qm").name)
    assert rebuilt.read_bytes() == ts.with_suffix(".qm").read_bytes(), (
        f"{ts.with_suffix('.qm').name} is older than {ts.name}; run python -m gaitscreen.ui.i18n_build")


def test_a_new_string_in_the_code_is_reported_missing_and_unfinished(tmp_path):
    """The check can fail: a tr() string the catalogue lacks is found, and after lupdate it is unfinished."""
    shipped = i18n_build.i18n_dir() / "gaitscreen_zh_TW.ts"
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
    lines = proc.stderr.strip().splitlines()  # the wording is core's (checked first) or the app's: one line
    assert len(lines) == 1 and lines[0].startswith("gaitscreen: error: ") and "xx" in lines[0], lines
    assert lines[0].endswith("en, zh-TW."), lines
    assert not (tmp_path / "s").exists() and not (tmp_path / "x.png").exists()


def test_strings_passed_through_a_module_helper_are_in_the_catalogue(tmp_path):
    """``def _t(text): return QCoreApplication.translate("Ctx", text)``: lupdate alone misses ``_t("…")``."""
    module = tmp_path / "helper_module.py"
    module.write_text('from PySide6.QtCore import QCoreApplication\n\n\n'
                      'def _t(text: str, n: int = -1) -> str:\n'
                      '    return QCoreApplication.translate("HelperCtx", text, None, n)\n\n\n'
                      'TITLES = [_t("Menu &title"), _t("Two " "parts"), _t("%n file(s) left", 3)]\n\n\n'
                      'def layout():\n    tr = QCoreApplication.translate\n    return tr("AliasCtx", "Refresh")\n\n\n'
                      'def row(key):\n    t = lambda s: QCoreApplication.translate("LambdaCtx", s)\n'
                      '    return {"d": t("Date")}[key]\n',
                      encoding="utf-8")
    ts = i18n_build.update(tmp_path / "gaitscreen_xx_YY.ts", files=[module])
    found = i18n_build.entries(ts)
    assert {("HelperCtx", "Menu &title"), ("HelperCtx", "Two parts"), ("HelperCtx", "%n file(s) left"),
            ("AliasCtx", "Refresh"), ("LambdaCtx", "Date")} <= found
    assert {e for e in found if e[0] == "HelperCtx"} == {("HelperCtx", "Menu &title"), ("HelperCtx", "Two parts"),
                                                        ("HelperCtx", "%n file(s) left")}  # not "Two " alone
    shipped = i18n_build.i18n_dir() / "gaitscreen_zh_TW.ts"
    assert ("WindowActions", "&File") in i18n_build.entries(shipped)  # the main window's menus are translated
