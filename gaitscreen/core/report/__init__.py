"""PDF screening report built from the report dict (reportlab; no Qt).

``build_pdf(report, path)`` renders the same plain dict that is written as the
report JSON, so the JSON carries every number the PDF shows.
"""

from __future__ import annotations

from .pdf import REPORT_FORMAT, REPORT_VERSION, build_pdf
from .text import rate_text

__all__ = ["REPORT_FORMAT", "REPORT_VERSION", "build_pdf", "rate_text"]
