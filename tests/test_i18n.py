"""The core message catalogue: complete, compiled, plural forms, language blocks, locale formats."""

from __future__ import annotations

import threading

import pytest

from gaitscreen.core import screen
from gaitscreen.core.errors import GaitScreenError
from gaitscreen.core.i18n import (_, available_languages, current_language, format_date, format_number,
                                  format_percent, language, ngettext, normalize, set_language)
from gaitscreen.core.i18n.build import extract, po_files, problems
from gaitscreen.core.report.text import STORED_TEXTS
from gaitscreen.core.words import risk_group_words, windows_text


def test_every_shipped_catalogue_is_complete_and_compiled() -> None:
    """Fails when the code marks a text the .po lacks, an entry is fuzzy/untranslated, or a .mo is stale."""
    template = extract()
    assert len([m for m in template if m.id]) > 300  # the extractor sees core/ and cli/
    assert po_files(), "no catalogue shipped"
    for po in po_files():
        assert problems(po, template) == [], po


def test_problems_names_a_missing_msgid_and_a_stale_mo(tmp_path, monkeypatch) -> None:
    """The completeness check can fail: a new marked text and an edited .po are both caught."""
    po = po_files()[0]
    copy = tmp_path / "zh_TW" / "LC_MESSAGES" / po.name
    copy.parent.mkdir(parents=True)
    copy.write_bytes(po.read_bytes())
    copy.with_suffix(".mo").write_bytes(po.with_suffix(".mo").read_bytes())
    template = extract()
    template.add("A text the catalogue has never seen")
    assert "missing: 'A text the catalogue has never seen'" in problems(copy, template)
    text = copy.read_text(encoding="utf-8").replace('msgstr "大致穩定"', 'msgstr "大致穩定了"', 1)
    copy.write_text(text, encoding="utf-8")
    assert any(p.startswith("stale:") for p in problems(copy, extract()))
    copy.write_text(text.replace('msgstr "大致穩定了"', 'msgstr ""', 1), encoding="utf-8")
    assert "untranslated: 'mostly stable'" in problems(copy, extract())


def test_languages_and_blocks() -> None:
    assert {"en", "zh-TW"} <= set(available_languages())
    assert normalize("zh_TW.UTF-8") == "zh-TW" and normalize(None) == "en" and normalize("C") == "en"
    assert current_language() == "en" and risk_group_words("mostly stable") == "mostly stable"
    with language("zh-TW"):
        assert risk_group_words("mostly unstable") == "大致不穩定"
        with language("en"):
            assert _("Mostly stable") == "Mostly stable"
        assert _("Mostly stable") == "大致穩定"
    assert current_language() == "en"
    with pytest.raises(GaitScreenError, match="no translation for the language xx"):
        set_language("xx")


def test_a_worker_thread_keeps_its_own_language() -> None:
    """The language block is per context: another thread's report language does not leak."""
    seen: dict[str, str] = {}

    def worker() -> None:
        with language("zh-TW"):
            seen["worker"] = _("Instability rate R")

    t = threading.Thread(target=worker)
    t.start()
    t.join()
    assert seen["worker"] == "不穩定率 R" and _("Instability rate R") == "Instability rate R"


def test_plural_forms() -> None:
    assert windows_text(1) == "1 window" and windows_text(2) == "2 windows" and windows_text(0) == "0 windows"
    assert ngettext("{n} window", "{n} windows", 1.5).format(n=1.5) == "1.5 windows"
    with language("zh-TW"):  # one form in Chinese
        assert windows_text(1) == "1 個視窗" and windows_text(5) == "5 個視窗"


def test_numbers_and_dates_follow_the_locale() -> None:
    assert format_number(0.625, 2) == "0.62" or format_number(0.625, 2) == "0.63"
    assert format_number(1234.5, 1) == "1234.5"  # no grouping: values stay readable in tables
    assert format_percent(0.6) == "60 %" and format_date("2026-11-21") == "2026-11-21"
    with language("zh-TW"):
        assert format_percent(0.6) == "60%" and format_date("2026-11-21") == "2026年11月21日"
        assert format_date("not a date") == "not a date"


def test_texts_core_stores_are_in_the_catalogue() -> None:
    """The report translates what core/screen.py stores; keep STORED_TEXTS in step with it."""
    for text in (screen.DISCLAIMER, *screen.TEST_NAMES.values()):
        assert text in STORED_TEXTS
        with language("zh-TW"):
            assert _(text) != text


def test_errors_marked_for_translation_are_worded_at_raise_time() -> None:
    with language("zh-TW"), pytest.raises(GaitScreenError, match="沒有語言 xx 的翻譯"):
        set_language("xx")


def test_cli_refuses_an_unknown_language_before_any_work(tmp_path, capsys) -> None:
    from gaitscreen.cli import main

    pdf, out = tmp_path / "r.pdf", tmp_path / "r.json"
    assert main(["analyze", str(tmp_path / "no-such-video.mp4"), "--pdf", str(pdf), "--json", str(out),
                 "--lang", "xx"]) == 2
    assert "no translation for the language xx" in capsys.readouterr().err
    assert not pdf.exists() and not out.exists()
