"""Build the app's Qt translations: ``.ts`` catalogues (kept in git) and ``.qm`` files (shipped).

``python -m gaitscreen.ui.i18n_build`` runs PySide6's ``lupdate`` over the Qt code
(every ``self.tr`` / ``QCoreApplication.translate`` / ``QT_TRANSLATE_NOOP``) into
``resources/i18n/gaitscreen_<lang>.ts`` for every catalogue there, then
``lrelease`` into the ``.qm`` next to it. New strings arrive *unfinished*;
``--unfinished FILE.tsv`` writes them out as a table to translate, ``--fill
FILE.tsv`` puts the translated table back (then run the build again), and
``--check`` fails when a catalogue misses strings or has unfinished entries.
A third language is a new catalogue: ``--new ja_JP`` (see docs/translating.md).
The English catalogue (the source language) only holds the plural forms of the
``%n`` (numerus) entries ("1 job queued" / "2 jobs queued"); its other entries stay
unfinished on purpose, and the source text shows.

The tools are looked up beside the installed PySide6 package, not on a fixed path.
"""

from __future__ import annotations

import argparse
import csv
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Iterable, Optional

from gaitscreen.core.paths import resources_dir

CATALOGUE = "gaitscreen"
PACKAGE_DIR = Path(__file__).resolve().parent.parent
#: Qt code outside gaitscreen/ui with user-visible strings (the rest of the package is Qt-free or data).
EXTRA_SOURCES = ("cli/gui_cmd.py",)
#: The source language: its catalogue needs only the numerus entries (English plural forms).
SOURCE_LANGUAGE = "en"


class ToolMissing(RuntimeError):
    """PySide6's lupdate/lrelease is not installed here."""


def i18n_dir() -> Path:
    return resources_dir() / "i18n"


def find_tool(name: str) -> Path:
    """``lupdate`` or ``lrelease`` from the PySide6 package (or ``pyside6-<name>`` on PATH)."""
    import PySide6

    base = Path(PySide6.__file__).resolve().parent
    suffix = ".exe" if sys.platform == "win32" else ""
    for candidate in (base / f"{name}{suffix}", base / "Qt" / "libexec" / f"{name}{suffix}",
                      base / "Qt" / "bin" / f"{name}{suffix}"):
        if candidate.is_file():
            return candidate
    found = shutil.which(f"pyside6-{name}", path=str(Path(sys.executable).parent)) or shutil.which(f"pyside6-{name}")
    if found:
        return Path(found)
    raise ToolMissing(f"PySide6's {name} was not found beside {base}; install PySide6 (it ships the Qt tools).")


def sources() -> list[Path]:
    """The Python files whose strings go into the catalogue, in a stable order."""
    files = sorted((PACKAGE_DIR / "ui").rglob("*.py"))
    files += [PACKAGE_DIR / rel for rel in EXTRA_SOURCES if (PACKAGE_DIR / rel).is_file()]
    return [f for f in files if f.name != Path(__file__).name]


def catalogues(folder: Optional[Path] = None) -> list[Path]:
    """Every ``gaitscreen_<lang>.ts`` in the folder (one per shipped language)."""
    folder = folder or i18n_dir()
    return sorted(folder.glob(f"{CATALOGUE}_*.ts"))


def language_of(ts: Path) -> str:
    return ts.stem[len(CATALOGUE) + 1:]


def _run(args: list[str]) -> None:
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{Path(args[0]).name} failed: {(done.stderr or done.stdout).strip()}")


#: ``def _t(text…): return QCoreApplication.translate("Context", text…)`` (or ``t = lambda s: …translate("Context", s)``):
#: a module's translating helper.
_HELPER = re.compile(r'^def (_\w+)\(text[^)]*\)[^:]*:\s*\n\s+return QCoreApplication\.translate\("(\w+)", text'
                     r'|^\s*(\w+) = lambda (\w+): QCoreApplication\.translate\("(\w+)", \4\)', re.MULTILINE)
_LITERAL = r'"(?:[^"\\\n]|\\.)*"'
#: ``tr = QCoreApplication.translate``: lupdate reads ``tr("Context", "text")`` as ``tr(source, comment)``.
_ALIAS = re.compile(r"^\s*(\w+) = QCoreApplication\.translate\b", re.MULTILINE)


def helper_calls(files: Iterable[Path]) -> str:
    """Python text with one ``translate("Context", "…")`` per call of a module's translating helper.

    lupdate only sees literal ``tr``/``translate`` calls; a module that wraps
    ``translate`` in ``_t("…")`` would otherwise have its strings left out of the
    catalogue (and shown in English). A numerus helper call (``_tr("%n …", n)``) keeps ``n``;
    adjacent literals (``_t("a" "b")``) are joined as Python joins them. Calls through an
    alias of ``translate`` named otherwise (``tr = QCoreApplication.translate``) are written
    out too, under their real context.
    """
    lines = ["from PySide6.QtCore import QCoreApplication", "n = 0"]
    for path in files:
        code = Path(path).read_text(encoding="utf-8")
        for alias in set(_ALIAS.findall(code)) - {"translate"}:
            for call in re.finditer(rf"\b{alias}\(\s*\"(\w+)\",\s*((?:{_LITERAL}\s*)+)", code):
                text = "".join(piece[1:-1] for piece in re.findall(_LITERAL, call.group(2)))
                lines.append(f'QCoreApplication.translate("{call.group(1)}", "{text}")')
        for found in _HELPER.findall(code):
            name, context = (found[0], found[1]) if found[0] else (found[2], found[4])
            for call in re.finditer(rf"\b{name}\(\s*((?:{_LITERAL}\s*)+)(,)?", code):
                text = "".join(piece[1:-1] for piece in re.findall(_LITERAL, call.group(1)))
                tail = ', "", n' if call.group(2) else ""
                lines.append(f'QCoreApplication.translate("{context}", "{text}"{tail})')
    return "\n".join(lines) + "\n"


def update(ts: Path, *, language: Optional[str] = None, files: Optional[Iterable[Path]] = None) -> Path:
    """Run lupdate over the sources into ``ts`` (created or merged; obsolete entries dropped)."""
    ts.parent.mkdir(parents=True, exist_ok=True)
    files = list(files or sources())
    with tempfile.TemporaryDirectory() as tmp:
        helpers = Path(tmp) / "helper_calls.py"
        helpers.write_text(helper_calls(files), encoding="utf-8")
        listing = Path(tmp) / "sources.lst"
        listing.write_text("\n".join(str(f) for f in [*files, helpers]) + "\n", encoding="utf-8")
        _run([str(find_tool("lupdate")), "-silent", "-no-obsolete", "-locations", "none", "-extensions", "py",
              "-source-language", "en", "-target-language", language or language_of(ts),
              f"@{listing}", "-ts", str(ts)])
    return ts


def release(ts: Path, qm: Optional[Path] = None) -> Path:
    """Compile ``ts`` into ``qm`` (default: beside it); unfinished entries are left out (English shows)."""
    qm = qm or ts.with_suffix(".qm")
    _run([str(find_tool("lrelease")), "-silent", "-nounfinished", str(ts), "-qm", str(qm)])
    return qm


# -- reading and filling a catalogue ---------------------------------------------------

def _messages(root: ET.Element):
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            yield name, message


def entries(ts: Path) -> set[tuple[str, str]]:
    """``(context, source text)`` of every live entry."""
    root = ET.parse(ts).getroot()
    return {(ctx, m.findtext("source") or "") for ctx, m in _messages(root)
            if (m.find("translation") is None or m.find("translation").get("type") not in ("obsolete", "vanished"))}


def unfinished(ts: Path, *, numerus_only: bool = False) -> list[tuple[str, str]]:
    """``(context, source)`` of every entry without a finished translation (only ``%n`` ones: ``numerus_only``)."""
    out = []
    for ctx, m in _messages(ET.parse(ts).getroot()):
        if numerus_only and m.get("numerus") != "yes":
            continue
        t = m.find("translation")
        forms = [f.text for f in t.iter("numerusform")] if t is not None and m.get("numerus") == "yes" else None
        text = t.text if t is not None else None
        if t is None or t.get("type") == "unfinished" or not (any(forms) if forms is not None else text):
            out.append((ctx, m.findtext("source") or ""))
    return out


def required_unfinished(ts: Path) -> list[tuple[str, str]]:
    """The unfinished entries a shipped catalogue must not have: all, or for English only the numerus ones."""
    return unfinished(ts, numerus_only=language_of(ts) == SOURCE_LANGUAGE)


def write_unfinished(ts: Path, table: Path) -> int:
    """A TSV (context, source, translation: empty) of the entries still to translate; how many.

    A numerus entry in a language with several plural forms takes one cell per form
    (English: ``%n job queued`` then ``%n jobs queued``), added after the translation cell.
    """
    rows = required_unfinished(ts)
    with open(table, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(["context", "source", "translation"])
        writer.writerows([ctx, src.replace("\n", "\\n"), ""] for ctx, src in rows)
    return len(rows)


def fill(ts: Path, table: Path) -> int:
    """Put the translations of a TSV (context, source, translation) into ``ts``; how many were filled.

    ``\\n`` in the table stands for a line break; cells after the translation are a numerus
    entry's further plural forms. Run :func:`update` afterwards (``main`` does).
    """
    wanted: dict[tuple[str, str], list[str]] = {}
    with open(table, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            forms = [row.get("translation") or ""] + list(row.get(None) or [])
            forms = [f.replace("\\n", "\n") for f in forms if f.strip()]
            if forms:
                wanted[(row["context"], row["source"].replace("\\n", "\n"))] = forms
    tree = ET.parse(ts)
    count = 0
    for ctx, m in _messages(tree.getroot()):
        forms = wanted.get((ctx, m.findtext("source") or ""))
        if forms is None:
            continue
        t = m.find("translation")
        if t is None:
            t = ET.SubElement(m, "translation")
        t.attrib.pop("type", None)
        if m.get("numerus") == "yes":
            for child in list(t):
                t.remove(child)
            t.text = None
            for form in forms:  # one form in the plural-free languages (Chinese); English: singular, plural
                ET.SubElement(t, "numerusform").text = form
        else:
            t.text = forms[0]
        count += 1
    _write_ts(tree, ts)
    return count


def _write_ts(tree: ET.ElementTree, ts: Path) -> None:
    """Write the catalogue back; the next :func:`update` (lupdate) puts it in lupdate's own layout."""
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def missing(ts: Path, *, files: Optional[Iterable[Path]] = None) -> set[tuple[str, str]]:
    """Entries the current code (or ``files``) has that ``ts`` lacks (lupdate into a scratch catalogue)."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = update(Path(tmp) / f"{CATALOGUE}_{language_of(ts)}.ts", language=language_of(ts), files=files)
        return entries(fresh) - entries(ts)


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gaitscreen.ui.i18n_build", description=__doc__.split("\n\n")[0])
    parser.add_argument("--new", metavar="LANG", help="start a catalogue for a new language (e.g. ja_JP)")
    parser.add_argument("--unfinished", type=Path, metavar="TSV", help="write the unfinished entries to a table")
    parser.add_argument("--fill", type=Path, metavar="TSV", help="put a translated table into the catalogue")
    parser.add_argument("--lang", default=None, help="the catalogue for --unfinished/--fill (default: each/the only)")
    parser.add_argument("--check", action="store_true", help="fail when the code has strings a catalogue lacks "
                        "or a catalogue has unfinished entries; changes nothing")
    args = parser.parse_args(argv)
    if args.new:
        update(i18n_dir() / f"{CATALOGUE}_{args.new}.ts", language=args.new)
    targets = [ts for ts in catalogues() if args.lang in (None, language_of(ts))]
    if not targets:
        print(f"No catalogue in {i18n_dir()}" + (f" for {args.lang}" if args.lang else ""), file=sys.stderr)
        return 2
    if args.check:
        bad = 0
        for ts in targets:
            lacking, open_ = missing(ts), required_unfinished(ts)
            bad += len(lacking) + len(open_)
            print(f"{ts.name}: {len(lacking)} missing, {len(open_)} unfinished")
        return 1 if bad else 0
    if args.fill:
        for ts in targets:
            print(f"{ts.name}: {fill(ts, args.fill)} translations filled")
    for ts in targets:
        update(ts)
        release(ts)
        print(f"{ts.name}: {len(entries(ts))} entries, {len(required_unfinished(ts))} to translate "
              f"-> {ts.with_suffix('.qm').name}")
    if args.unfinished:
        if len(targets) > 1:
            print("--unfinished needs --lang when there are several catalogues", file=sys.stderr)
            return 2
        print(f"{write_unfinished(targets[0], args.unfinished)} unfinished entries written to {args.unfinished}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
