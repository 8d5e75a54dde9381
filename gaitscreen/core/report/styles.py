"""Fonts, colours and paragraph styles of the screening report.

Text uses the Bitstream Vera fonts bundled with reportlab (embedded as subsets, so
the PDF looks the same everywhere and signs such as ≥, ≈ and ° print); characters
the font lacks are replaced by ``?`` instead of printing as empty boxes.
"""

from __future__ import annotations

from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

FONT = "GaitScreenSans"
FONT_BOLD = "GaitScreenSans-Bold"
FONT_ITALIC = "GaitScreenSans-Italic"
FONT_BOLD_ITALIC = "GaitScreenSans-BoldItalic"
MONO = "Courier"  # hashes and file names: ASCII only

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


@lru_cache(maxsize=1)
def register_fonts() -> frozenset[int]:
    """Register the report fonts once; return the code points the regular font covers."""
    files = {FONT: "Vera.ttf", FONT_BOLD: "VeraBd.ttf", FONT_ITALIC: "VeraIt.ttf", FONT_BOLD_ITALIC: "VeraBI.ttf"}
    for name, file in files.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, file))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC)
    return frozenset(pdfmetrics.getFont(FONT).face.charToGlyph)


def printable(text: object) -> str:
    """``text`` as a string the report font can print (unknown characters → ``?``)."""
    covered = register_fonts()
    out = []
    for ch in str(text):
        if ch in "\t\r\n":
            out.append(" ")
        elif ord(ch) in covered or ch == " ":
            out.append(ch)
        else:
            out.append("?")
    return "".join(out)


def markup(text: object) -> str:
    """Plain text escaped for a Paragraph (no markup of its own)."""
    return escape(printable(text))


def _style(name: str, **kw) -> ParagraphStyle:
    base = {"fontName": FONT, "fontSize": 8.5, "leading": 11, "textColor": INK}
    base.update(kw)
    return ParagraphStyle(name, **base)


@lru_cache(maxsize=1)
def styles() -> dict[str, ParagraphStyle]:
    """The report's paragraph styles by short name."""
    register_fonts()
    return {
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


def para(text: str, style: str = "body", *, escaped: bool = False) -> Paragraph:
    """A paragraph of plain ``text`` (escaped here unless ``escaped``) in a named style."""
    return Paragraph(text if escaped else markup(text), styles()[style])
