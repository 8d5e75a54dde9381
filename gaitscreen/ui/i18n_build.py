"""Build the app's Qt translations: ``.ts`` catalogues (kept in git) and ``.qm`` files (shipped).

``python -m gaitscreen.ui.i18n_build`` runs PySide6's ``lupdate`` over the Qt code
(every ``self.tr`` / ``QCoreApplication.translate`` / ``QT_TRANSLATE_NOOP``) into
``resources/i18n/gaitscreen_<lang>.ts`` for every catalogue there, then
``lrelease`` into the ``.qm`` next to it. New strings arrive *unfinished*;
``--unfinished FILE.tsv`` writes them out as a table to translate, ``--fill
FILE.tsv`` puts the translated table back (then run the build again), and
``--check`` fails when a catalogue misses strings or has unfinished entries.
A third language is a new catalogue: ``--new ja_JP`` (see docs/translating.md).

The tools are looked up beside the installed PySide6 package, not on a fixed path.
"""

from __future__ import annotations

import argparse
import csv
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


def update(ts: Path, *, language: Optional[str] = None, files: Optional[Iterable[Path]] = None) -> Path:
    """Run lupdate over the sources into ``ts`` (created or merged; obsolete entries dropped)."""
    ts.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "sources.lst"
        listing.write_text("\n".join(str(f) for f in (files or sources())) + "\n", encoding="utf-8")
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


def unfinished(ts: Path) -> list[tuple[str, str]]:
    """``(context, source)`` of every entry without a finished translation."""
    out = []
    for ctx, m in _messages(ET.parse(ts).getroot()):
        t = m.find("translation")
        forms = [f.text for f in t.iter("numerusform")] if t is not None and m.get("numerus") == "yes" else None
        text = t.text if t is not None else None
        if t is None or t.get("type") == "unfinished" or not (any(forms) if forms is not None else text):
            out.append((ctx, m.findtext("source") or ""))
    return out


def write_unfinished(ts: Path, table: Path) -> int:
    """A TSV (context, source, translation: empty) of the unfinished entries; how many."""
    rows = unfinished(ts)
    with open(table, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(["context", "source", "translation"])
        writer.writerows([ctx, src.replace("\n", "\\n"), ""] for ctx, src in rows)
    return len(rows)


def fill(ts: Path, table: Path) -> int:
    """Put the translations of a TSV (context, source, translation) into ``ts``; how many were filled.

    ``\\n`` in the table stands for a line break. Run :func:`update` afterwards (``main`` does).
    """
    wanted: dict[tuple[str, str], str] = {}
    with open(table, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if (row.get("translation") or "").strip():
                wanted[(row["context"], row["source"].replace("\\n", "\n"))] = row["translation"].replace("\\n", "\n")
    tree = ET.parse(ts)
    count = 0
    for ctx, m in _messages(tree.getroot()):
        text = wanted.get((ctx, m.findtext("source") or ""))
        if text is None:
            continue
        t = m.find("translation")
        if t is None:
            t = ET.SubElement(m, "translation")
        t.attrib.pop("type", None)
        if m.get("numerus") == "yes":
            for child in list(t):
                t.remove(child)
            t.text = None
            ET.SubElement(t, "numerusform").text = text  # one form: the plural-free languages Qt knows
        else:
            t.text = text
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
            lacking, open_ = missing(ts), unfinished(ts)
            bad += len(lacking) + len(open_)
            print(f"{ts.name}: {len(lacking)} missing, {len(open_)} unfinished")
        return 1 if bad else 0
    if args.fill:
        for ts in targets:
            print(f"{ts.name}: {fill(ts, args.fill)} translations filled")
    for ts in targets:
        update(ts)
        release(ts)
        print(f"{ts.name}: {len(entries(ts))} entries, {len(unfinished(ts))} unfinished -> {ts.with_suffix('.qm').name}")
    if args.unfinished:
        if len(targets) > 1:
            print("--unfinished needs --lang when there are several catalogues", file=sys.stderr)
            return 2
        print(f"{write_unfinished(targets[0], args.unfinished)} unfinished entries written to {args.unfinished}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
