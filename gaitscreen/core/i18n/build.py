"""Extract the marked core/CLI texts, update the ``.po`` catalogues, compile the ``.mo`` files.

    python -m gaitscreen.core.i18n.build            # compile every .po to its .mo
    python -m gaitscreen.core.i18n.build --update   # first add new texts of the code to every .po
    python -m gaitscreen.core.i18n.build --check    # exit 1 when a .mo is stale or a .po incomplete

The texts are those marked ``_()``, ``N_()``, ``ngettext()`` and ``say_n()`` in ``gaitscreen/core``,
``cli``, ``storage``, ``app`` and ``synth`` (Babel's Python extractor). The compiled ``.mo`` files are
committed, so the app needs no build step; tests/test_i18n.py fails when one is stale.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from . import DOMAIN, LOCALE_DIR

PACKAGE = LOCALE_DIR.parent
SOURCES = ("core", "cli", "storage", "app", "synth")
#: ``say_n(singular, plural, count, ...)`` (:mod:`gaitscreen.core.analysis.protocol_words`) stores a
#: counted sentence worded at display time: its two forms are one plural entry.
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "say_n": (1, 2)}


def extract() -> Catalog:
    """Every marked text of ``gaitscreen/core`` and ``gaitscreen/cli`` as a template catalogue."""
    template = Catalog(domain=DOMAIN, project="GaitScreen", charset="utf-8")
    for folder in SOURCES:
        for name, line, msg, comments, _context in extract_from_dir(
                PACKAGE / folder, method_map=[("**.py", "python")], keywords=KEYWORDS,
                comment_tags=("TRANSLATORS:",), strip_comment_tags=True):
            template.add(msg, locations=[(f"gaitscreen/{folder}/{name}", line)], auto_comments=comments)
    return template


def po_files() -> list[Path]:
    return sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def read(po: Path) -> Catalog:
    with po.open("rb") as f:
        return read_po(f, locale=po.parent.parent.name, domain=DOMAIN)


def compiled(po: Path) -> bytes:
    """The ``.mo`` bytes of ``po`` (fuzzy entries left out, as gettext expects)."""
    buf = io.BytesIO()
    write_mo(buf, read(po), use_fuzzy=False)
    return buf.getvalue()


def problems(po: Path, template: Catalog | None = None) -> list[str]:
    """What is wrong with one catalogue: missing, untranslated, fuzzy, obsolete entries, a stale .mo."""
    template = template or extract()
    cat = read(po)
    out = []
    for msg in template:
        if not msg.id:
            continue
        have = cat.get(msg.id)
        key = msg.id if isinstance(msg.id, str) else msg.id[0]
        if have is None:
            out.append(f"missing: {key!r}")
        elif have.fuzzy:
            out.append(f"fuzzy: {key!r}")
        elif not (all(have.string) if isinstance(have.string, (list, tuple)) else have.string):
            out.append(f"untranslated: {key!r}")
    mo = po.with_suffix(".mo")
    if not mo.is_file() or mo.read_bytes() != compiled(po):
        out.append(f"stale: {mo.name} does not match {po.name}; run python -m gaitscreen.core.i18n.build")
    return out


def update(po: Path, template: Catalog) -> None:
    """Add the code's new texts to ``po`` (marked fuzzy by Babel when guessed), drop the gone ones."""
    cat = read(po)
    cat.update(template, no_fuzzy_matching=True)
    cat.obsolete.clear()
    with po.open("wb") as f:
        write_po(f, cat, width=110, omit_header=False, sort_output=False, include_previous=False)


def build() -> list[Path]:
    written = []
    for po in po_files():
        mo = po.with_suffix(".mo")
        data = compiled(po)
        if not mo.is_file() or mo.read_bytes() != data:
            mo.write_bytes(data)
            written.append(mo)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m gaitscreen.core.i18n.build", description=__doc__.split("\n")[0])
    ap.add_argument("--update", action="store_true", help="merge the code's texts into every .po first")
    ap.add_argument("--check", action="store_true", help="only report problems (exit 1 when any)")
    args = ap.parse_args(argv)
    template = extract()
    if args.check:
        bad = {po: problems(po, template) for po in po_files()}
        for po, items in bad.items():
            for item in items:
                print(f"{po.relative_to(PACKAGE.parent)}: {item}")
        return 1 if any(bad.values()) else 0
    if args.update:
        for po in po_files():
            update(po, template)
    for mo in build():
        print(f"wrote {mo.relative_to(PACKAGE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
