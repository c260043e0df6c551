"""The plan's PDF on a printer (or a print preview), page by page, through QtPdf.

Printing prints *the same PDF* the export writes, so paper and file cannot differ. Qt
cannot replay a PDF's vectors on a QPainter, so each page is rendered by QtPdf
(``QPdfDocument.render``, PDFium inside Qt's own ``pyside6-pdf`` wheel, which a bundle
carries like any Qt module) to an image at the resolution the target needs, and painted
scaled to fit. One page image is in memory at a time, and it is rendered only when that
page is painted.

A page whose orientation differs from the sheet's (the landscape staffing table and
communication plan on portrait paper) is rendered turned a quarter counter-clockwise, as
a PDF viewer's auto-rotate and a printer's "landscape" do, so it fills the sheet instead
of shrinking into its top 40 %. Changing the printer's page layout between pages would
keep it upright, but Qt's print preview draws every page with the printer's one layout,
so preview and paper would disagree.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter

from planner_app.errors import PlannerError
from planner_app.exporting.report import Progress  # (pages done, pages) → False: stop
from planner_app.i18n import N_, _

# Pixels per inch rendered at most: the printer's own resolution (600-1200 dpi) would
# make one A4 page image 140-560 MB. 200 dpi keeps 7-pt table text sharp on paper
# (~15 MB a page); the preview shows a page at most about screen size.
PRINT_DPI = 200
PREVIEW_DPI = 110


_LOAD_ERRORS = {
    QPdfDocument.Error.FileNotFound: N_("the file is not there"),
    QPdfDocument.Error.InvalidFileFormat: N_("it is not a PDF file"),
    QPdfDocument.Error.IncorrectPassword: N_("it is protected by a password"),
    QPdfDocument.Error.UnsupportedSecurityScheme: N_("it is protected by a password"),
}


def open_pdf(pdf: Path) -> QPdfDocument:
    """The document, loaded; a PlannerError that names the file and why, in words, when
    it cannot be (not Qt's enum name)."""
    document = QPdfDocument()
    error = document.load(str(pdf))
    if error != QPdfDocument.Error.None_ or document.pageCount() == 0:
        reason = _LOAD_ERRORS.get(error, N_("it has no pages that can be read"))
        raise PlannerError(
            _("The pages of {path} could not be read ({error}).").format(
                path=pdf.name, error=_(reason)
            )
        )
    return document


def fit(page: QSizeF, area: QRect) -> tuple[QRect, bool]:
    """Where ``page`` (points) goes in ``area`` (device pixels), centred and as large as
    the aspect allows, and whether it is turned to match the sheet's orientation."""
    turned = (page.width() > page.height()) != (area.width() > area.height())
    size = page.transposed() if turned else page
    scale = min(area.width() / size.width(), area.height() / size.height())
    width, height = round(size.width() * scale), round(size.height() * scale)
    left = area.x() + (area.width() - width) // 2
    top = area.y() + (area.height() - height) // 2
    return QRect(left, top, width, height), turned


def render_page(document: QPdfDocument, number: int, size: QSize, *, turned: bool) -> QImage:
    """Page ``number`` as an opaque image of ``size`` pixels (already turned when
    ``turned``): QtPdf leaves the paper transparent, and a transparent image would make
    the printer spool carry an alpha mask for every page."""
    options = QPdfDocumentRenderOptions()
    if turned:
        options.setRotation(QPdfDocumentRenderOptions.Rotation.Clockwise270)
    rendered = document.render(number, size, options)
    page = QImage(size, QImage.Format.Format_RGB32)
    page.fill(Qt.GlobalColor.white)
    painter = QPainter(page)
    painter.drawImage(0, 0, rendered)
    painter.end()
    return page


def paint_pdf(
    printer: QPrinter, pdf: Path, *, max_dpi: int, progress: Progress | None = None
) -> bool:
    """Every page of ``pdf`` on its own sheet of ``printer``, rendered at the printer's
    resolution or ``max_dpi`` if lower; False when ``progress`` asked to stop (a printer
    job is then aborted, a preview keeps the pages painted so far)."""
    document = open_pdf(pdf)
    total = document.pageCount()
    painter = QPainter()
    if not painter.begin(printer):
        raise PlannerError(_("The printer could not be started."))
    finished = False
    try:
        area = painter.viewport()
        ratio = min(1.0, max_dpi / max(1, printer.resolution()))
        for number in range(total):
            if progress is not None and not progress(number, total):
                printer.abort()
                return False
            if number:
                printer.newPage()
            target, turned = fit(document.pagePointSize(number), area)
            pixels = QSize(
                max(1, round(target.width() * ratio)), max(1, round(target.height() * ratio))
            )
            painter.drawImage(target, render_page(document, number, pixels, turned=turned))
        finished = True
    finally:
        painter.end()
        document.close()
    if progress is not None and finished:
        progress(total, total)
    return True
