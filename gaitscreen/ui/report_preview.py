"""The Report tab's PDF preview: the real PDF rendered with Qt PDF, paged and zoomable.

The page fits the window's width by default (readable without scrolling sideways);
zoom in / out leaves that mode and "Fit width" returns to it. Without the Qt PDF
module the preview says so in words.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ..core.report import build_pdf
from .retranslating import Retranslating

try:
    from PySide6.QtPdf import QPdfDocument
except ImportError:  # pragma: no cover - depends on the installed Qt modules
    QPdfDocument = None  # type: ignore[assignment,misc]

ZOOM_STEP = 1.25
ZOOM_RANGE = (0.25, 4.0)


def render_pdf_page(data: bytes, page: int, width_px: int) -> tuple[QPixmap | None, int]:
    """Page ``page`` of the PDF ``data`` as a pixmap ``width_px`` wide, and the page count."""
    if QPdfDocument is None:
        return None, 0
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QBuffer.OpenModeFlag.ReadOnly)
    doc = QPdfDocument()
    doc.load(buffer)
    count = doc.pageCount()
    if count <= 0:
        return None, 0
    page = min(max(page, 0), count - 1)
    size = doc.pagePointSize(page)
    height = int(round(width_px * size.height() / max(size.width(), 1.0)))
    image = doc.render(page, QSize(width_px, height))
    doc.close()
    buffer.close()
    return (QPixmap.fromImage(image) if not image.isNull() else None), count


def pdf_bytes(report: dict[str, Any], *, language: str | None = None) -> bytes:
    """The PDF of ``report`` as bytes, in ``language`` (None: the current one), built in a
    temporary file that is removed at once."""
    with tempfile.TemporaryDirectory(prefix="gaitscreen-preview-") as folder:
        path = build_pdf(report, Path(folder) / "preview.pdf", language=language)
        return path.read_bytes()


class PdfPreview(Retranslating, QWidget):
    """Pages of one PDF with ◀ ▶, zoom − / + and "Fit width"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pdf: bytes | None = None
        self._message = ""
        self.page = 0
        self.pages = 0
        self.fit_width = True
        self.zoom = 1.0  # page width / viewport width when not fitting
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.label.setWordWrap(True)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(False)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll.setMinimumSize(220, 140)
        self.scroll.setWidget(self.label)
        self.title = QLabel()
        self.prev_page, self.next_page = QPushButton("◀"), QPushButton("▶")
        self.zoom_out, self.zoom_in, self.fit_button = QPushButton("−"), QPushButton("+"), QPushButton()
        self.page_label = QLabel()
        for symbol in (self.prev_page, self.next_page, self.zoom_out, self.zoom_in):  # one glyph: no wide buttons,
            symbol.setMaximumWidth(symbol.fontMetrics().horizontalAdvance("  ▶  ") + 16)  # so the page count fits
        self.prev_page.clicked.connect(lambda: self.turn(-1))
        self.next_page.clicked.connect(lambda: self.turn(1))
        self.zoom_in.clicked.connect(lambda: self.set_zoom(self.current_zoom() * ZOOM_STEP))
        self.zoom_out.clicked.connect(lambda: self.set_zoom(self.current_zoom() / ZOOM_STEP))
        self.fit_button.clicked.connect(self.fit_to_width)
        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addStretch(1)
        for w in (self.zoom_out, self.zoom_in, self.fit_button, self.prev_page, self.page_label, self.next_page):
            bar.addWidget(w)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(bar)
        box.addWidget(self.scroll, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Preview"))
        self.fit_button.setText(self.tr("Fit width"))
        self.zoom_in.setToolTip(self.tr("Zoom in"))
        self.zoom_out.setToolTip(self.tr("Zoom out"))
        self.fit_button.setToolTip(self.tr("Fit the page to the window's width"))
        self.prev_page.setToolTip(self.tr("Previous page"))
        self.next_page.setToolTip(self.tr("Next page"))
        self._update_bar()


    # -- public ----------------------------------------------------------------------

    def show_pdf(self, data: bytes | None, *, first_page: bool = False) -> None:
        self._pdf = data
        if first_page:
            self.page = 0
        self.render()

    def show_text(self, text: str) -> None:
        """A sentence instead of a page (not analysed, no Qt PDF, a build error)."""
        self._pdf, self.pages = None, 0
        self.label.setPixmap(QPixmap())
        self.label.setText(text)
        self._fit_text()
        self._update_bar()

    def _fit_text(self) -> None:
        """Wrap the shown sentence to the visible width (again whenever the preview is resized)."""
        width = max(self.scroll.viewport().width() - 4, 200)
        self.label.resize(width, self.label.heightForWidth(width))  # adjustSize would not wrap a CJK line

    def pixmap(self) -> QPixmap | None:
        pixmap = self.label.pixmap()
        return None if pixmap is None or pixmap.isNull() else pixmap

    def has_pdf(self) -> bool:
        return self._pdf is not None

    def viewport_width(self) -> int:
        bar = self.scroll.verticalScrollBar()
        return max(self.scroll.viewport().width() - (0 if bar.isVisible() else bar.sizeHint().width()) - 4, 200)

    def current_zoom(self) -> float:
        return 1.0 if self.fit_width else self.zoom

    def set_zoom(self, zoom: float) -> None:
        self.fit_width = False
        self.zoom = min(max(float(zoom), ZOOM_RANGE[0]), ZOOM_RANGE[1])
        self.render()

    def fit_to_width(self) -> None:
        self.fit_width, self.zoom = True, 1.0
        self.render()

    def turn(self, step: int) -> None:
        self.page = min(max(self.page + step, 0), max(self.pages - 1, 0))
        self.render()

    def render(self) -> None:
        if self._pdf is None:
            return
        if QPdfDocument is None:
            data = self._pdf
            self.show_text(self.tr("The PDF preview needs the Qt PDF module, which is not installed. Export PDF "
                                   "still writes the report and opens it in your PDF viewer."))
            self._pdf = data
            return
        ratio = self.devicePixelRatioF()
        width = int(self.viewport_width() * self.current_zoom())
        pixmap, self.pages = render_pdf_page(self._pdf, self.page, int(width * ratio))
        if pixmap is None:
            self.label.setPixmap(QPixmap())
            self.label.setText(self.tr("The PDF could not be rendered for the preview."))
        else:
            pixmap.setDevicePixelRatio(ratio)
            self.label.setPixmap(pixmap)
            self.label.resize(pixmap.size() / ratio)
        self._update_bar()

    def _update_bar(self) -> None:
        self.page_label.setText(self.tr("Page {page} of {pages}").format(page=self.page + 1, pages=self.pages)
                                if self.pages else "")
        self.prev_page.setEnabled(self.page > 0)
        self.next_page.setEnabled(self.page + 1 < self.pages)
        for w in (self.zoom_in, self.zoom_out, self.fit_button):
            w.setEnabled(self.pages > 0)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        pixmap = self.pixmap()
        if pixmap is None and self.label.text():
            self._fit_text()
        elif self.fit_width and pixmap is not None and abs(pixmap.width() / pixmap.devicePixelRatio()
                                                         - self.scroll.viewport().width()) > 40:
            self.render()
