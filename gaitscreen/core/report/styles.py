"""Fonts, colours and paragraph styles of the screening report.

Text uses the Bitstream Vera fonts bundled with reportlab (embedded as subsets, so
the PDF looks the same everywhere and signs such as ≥, ≈ and ° print). Characters
Vera lacks but Droid Sans Fallback has (Chinese, Japanese, Korean; the font ships in
``resources/fonts``, Apache-2.0) are set in that font, run by run, also embedded as
a subset, so the text stays selectable and searchable; characters neither has are
replaced by ``?`` instead of printing as empty boxes. Which font a character gets
depends on the character only, so a new language needs no code here.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Group, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

from ..callbacks import CancelFn, ProgressFn, no_progress
from ..errors import GaitScreenError
from ..i18n import current_language, language as in_language
from ..paths import resources_dir

FONT = "GaitScreenSans"
FONT_BOLD = "GaitScreenSans-Bold"
FONT_ITALIC = "GaitScreenSans-Italic"
FONT_BOLD_ITALIC = "GaitScreenSans-BoldItalic"
MONO = "Courier"  # hashes and file names: ASCII only
CJK_FONT = "GaitScreenCJK"
CJK_FILE = "DroidSansFallbackFull.ttf"

INK = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#5F6B76")
RULE = colors.HexColor("#C3CAD2")
HEAD_BG = colors.HexColor("#E9EDF1")
ZEBRA = colors.HexColor("#F6F8FA")
UNSTABLE = colors.HexColor("#C0392B")
UNSTABLE_BG = colors.HexColor("#F8DCD6")
STABLE = colors.HexColor("#1F6FB2")
NEUTRAL_BG = colors.HexColor("#ECEFF2")
WARN = colors.HexColor("#8A4B00")
WARN_BG = colors.HexColor("#FFF1D6")
LEFT_SIDE = colors.HexColor("#1F6FB2")  # patient's left
RIGHT_SIDE = colors.HexColor("#D9730D")  # patient's right
CENTRE = colors.HexColor("#6B7580")

#: Risk group → (accent colour, box background).
GROUP_COLOURS = {
    "mostly unstable": (UNSTABLE, UNSTABLE_BG),
    "mostly stable": (STABLE, colors.HexColor("#DCEAF6")),
}

PAGE_MARGIN = 16 * mm


def pdf_target(path: str | os.PathLike[str], missing: Callable[[Path], GaitScreenError]) -> Path:
    """Where a report PDF goes: its folder must exist (else ``missing(folder)`` is raised, before any
    work), and the fonts are registered for writing it."""
    path = Path(path)
    if not path.parent.is_dir():
        raise missing(path.parent)
    register_fonts()
    return path


def render_report(report: dict[str, Any], path: str | os.PathLike[str],
                  build: Callable[[dict[str, Any], Path, ProgressFn, CancelFn | None], Path], *,
                  check: Callable[[Any], None], missing: Callable[[Path], GaitScreenError],
                  progress: ProgressFn | None, should_cancel: CancelFn | None, language: str | None) -> Path:
    """The steps of every report PDF, in ``language`` (None: the current one): ``check`` the dict,
    then the folder (:func:`pdf_target`), then ``build`` the file."""
    with in_language(language):
        check(report)
        return build(report, pdf_target(path, missing), progress or no_progress, should_cancel)


@lru_cache(maxsize=1)
def register_fonts() -> frozenset[int]:
    """Register the report fonts once; return the code points the regular font covers."""
    files = {FONT: "Vera.ttf", FONT_BOLD: "VeraBd.ttf", FONT_ITALIC: "VeraIt.ttf", FONT_BOLD_ITALIC: "VeraBI.ttf"}
    for name, file in files.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, file))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC)
    return frozenset(pdfmetrics.getFont(FONT).face.charToGlyph)


@lru_cache(maxsize=1)
def cjk_coverage() -> frozenset[int]:
    """The code points of the CJK font beyond the regular one (empty when the font is not installed)."""
    path = resources_dir() / "fonts" / CJK_FILE
    if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
        if not path.is_file():
            return frozenset()
        pdfmetrics.registerFont(TTFont(CJK_FONT, str(path)))
    return frozenset(pdfmetrics.getFont(CJK_FONT).face.charToGlyph) - register_fonts()


def font() -> str:
    """The regular font's name (the base font of every style; CJK runs switch per run)."""
    register_fonts()
    return FONT


def font_bold() -> str:
    register_fonts()
    return FONT_BOLD


def printable(text: object) -> str:
    """``text`` as a string the report fonts can print (unknown characters → ``?``)."""
    covered = register_fonts()
    out = []
    for ch in str(text):
        if ch in "\t\r\n":
            out.append(" ")
        elif ord(ch) in covered or ch == " " or ord(ch) in cjk_coverage():
            out.append(ch)
        else:
            out.append("?")
    return "".join(out)


def runs(text: object, base: str = FONT) -> list[tuple[str, str]]:
    """``(font name, piece)`` runs of printable ``text``: ``base`` for what it covers, else the CJK font."""
    cjk = cjk_coverage()
    out: list[tuple[str, str]] = []
    for ch in printable(text):
        name = CJK_FONT if ord(ch) in cjk else base
        if out and out[-1][0] == name:
            out[-1] = (name, out[-1][1] + ch)
        else:
            out.append((name, ch))
    return out


def markup(text: object) -> str:
    """Plain text escaped for a Paragraph (no markup of its own; CJK runs in the CJK font)."""
    return "".join(escape(piece) if name != CJK_FONT else f'<font name="{CJK_FONT}">{escape(piece)}</font>'
                   for name, piece in runs(text))


def text_width(text: object, size: float, base: str = FONT) -> float:
    """The printed width of ``text`` in points (run by run)."""
    return sum(stringWidth(piece, name, size) for name, piece in runs(text, base))


def draw_text(canvas, x: float, y: float, text: object, size: float, *, anchor: str = "start",
              base: str = FONT) -> None:
    """Draw ``text`` on a canvas run by run (``anchor``: start, end)."""
    if anchor == "end":
        x -= text_width(text, size, base)
    for name, piece in runs(text, base):
        canvas.setFont(name, size)
        canvas.drawString(x, y, piece)
        x += stringWidth(piece, name, size)


def text_shape(x: float, y: float, text: object, size: float, *, anchor: str = "start", base: str = FONT,
               colour=None) -> String | Group:
    """A drawing's text, run by run (one String when it needs one font, as before)."""
    pieces = runs(text, base)
    if len(pieces) <= 1:
        name, piece = pieces[0] if pieces else (base, "")
        return String(x, y, piece, fontName=name, fontSize=size, fillColor=colour, textAnchor=anchor)
    width = sum(stringWidth(p, n, size) for n, p in pieces)
    x -= {"middle": width / 2, "end": width}.get(anchor, 0.0)
    group = Group()
    for name, piece in pieces:
        group.add(String(x, y, piece, fontName=name, fontSize=size, fillColor=colour, textAnchor="start"))
        x += stringWidth(piece, name, size)
    return group


def wraps_cjk() -> bool:
    """Do paragraphs break lines between CJK characters (a language written without spaces)?"""
    return current_language().split("-")[0] in ("zh", "ja", "ko")


def _style(name: str, **kw) -> ParagraphStyle:
    base = {"fontName": FONT, "fontSize": 8.5, "leading": 11, "textColor": INK}
    base.update(kw)
    return ParagraphStyle(name, **base)


def styles() -> dict[str, ParagraphStyle]:
    """The report's paragraph styles by short name (CJK line breaking for languages written without spaces)."""
    return _styles(wraps_cjk())


@lru_cache(maxsize=2)
def _styles(cjk_wrap: bool) -> dict[str, ParagraphStyle]:
    register_fonts()
    cjk_coverage()
    made = {
        "title": _style("title", fontName=FONT_BOLD, fontSize=17, leading=21, spaceAfter=1),
        "subtitle": _style("subtitle", fontSize=8, leading=10, textColor=MUTED, spaceAfter=6),
        "h2": _style("h2", fontName=FONT_BOLD, fontSize=11, leading=14, spaceBefore=9, spaceAfter=4),
        "h3": _style("h3", fontName=FONT_BOLD, fontSize=9, leading=12, spaceBefore=5, spaceAfter=2),
        "body": _style("body"),
        "small": _style("small", fontSize=7.5, leading=9.5),
        "muted": _style("muted", fontSize=7.5, leading=9.5, textColor=MUTED),
        "note": _style("note", fontSize=7.5, leading=9.5, textColor=MUTED, leftIndent=8, bulletIndent=0),
        "bullet": _style("bullet", leftIndent=10, bulletIndent=0, spaceAfter=1.5),
        "cell": _style("cell", fontSize=7.8, leading=9.6),
        "cell_r": _style("cell_r", fontSize=7.8, leading=9.6, alignment=TA_RIGHT),
        "cell_c": _style("cell_c", fontSize=7.8, leading=9.6, alignment=TA_CENTER),
        "cell_head": _style("cell_head", fontName=FONT_BOLD, fontSize=7.8, leading=9.6),
        "cell_head_r": _style("cell_head_r", fontName=FONT_BOLD, fontSize=7.8, leading=9.6, alignment=TA_RIGHT),
        "label": _style("label", fontSize=7, leading=9, textColor=MUTED),
        "value": _style("value", fontName=FONT_BOLD, fontSize=9.5, leading=12),
        "big": _style("big", fontName=FONT_BOLD, fontSize=26, leading=30, alignment=TA_CENTER),
        "big_caption": _style("big_caption", fontSize=7.5, leading=9.5, alignment=TA_CENTER),
        "group": _style("group", fontName=FONT_BOLD, fontSize=13, leading=16, spaceAfter=3),
        "warning": _style("warning", fontName=FONT_BOLD, fontSize=8.5, leading=11, textColor=WARN),
        "mono": _style("mono", fontName=MONO, fontSize=7.5, leading=9.5),
        "disclaimer": _style("disclaimer", fontSize=8, leading=10.5, alignment=TA_LEFT),
    }
    if cjk_wrap:
        for style in made.values():
            style.wordWrap = "CJK"
    return made


def para(text: str, style: str = "body", *, escaped: bool = False) -> Paragraph:
    """A paragraph of plain ``text`` (escaped here unless ``escaped``) in a named style."""
    return Paragraph(text if escaped else markup(text), styles()[style])
