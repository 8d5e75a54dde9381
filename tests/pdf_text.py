"""The text of a PDF for tests, read with pypdf (a test dependency), so the PDF checks
run on a fresh machine without poppler's pdftotext."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader


def pdf_text(pdf: Path, *, collapse: bool = True) -> str:
    """Every page's text in order; runs of white space folded to one space unless ``collapse`` is off."""
    text = "\n".join(page.extract_text() or "" for page in PdfReader(str(pdf)).pages)
    return re.sub(r"\s+", " ", text) if collapse else text
