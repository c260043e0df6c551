"""File → Export → PDF…, the year review, Print…, Print preview and Plan → Record
signature…: the plan document from the GUI.

Export runs ``exporting.pdf.export_pdf`` on a worker thread (it opens its own read-only
handle on the file) behind a cancellable progress dialog. Printing and the preview show
*the same PDF*, exported to a temporary file and painted page by page through QtPdf
(``ui.printing``) behind a progress dialog that can stop them.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction, QPaintEngine
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QMenu,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from planner_app.domain.enums import PlanState
from planner_app.errors import PlannerError
from planner_app.exporting.report import ExportReport, Progress
from planner_app.i18n import _
from planner_app.services import plans
from planner_app.services.plans import PlanInfo
from planner_app.storage import PlanFile
from planner_app.ui.core.background import run_reading
from planner_app.ui.core.settings import WindowSettings
from planner_app.ui.files.export_target import choose_export_path, confirm_export
from planner_app.ui.files.opening import show_error
from planner_app.ui.files.printing import PREVIEW_DPI, PRINT_DPI, paint_pdf
from planner_app.ui.plan.plan_actions import Shown, ShownPlanActions


def run_export(
    parent: QWidget | None,
    store: PlanFile,
    info: PlanInfo,
    out: Path,
    *,
    review: bool = False,
    language: str | None = None,
    label: str | None = None,
) -> ExportReport | None:
    """Export in ``language`` (the plan's first by default) with a cancellable progress
    dialog saying ``label`` ("Writing NAME…" by default: only for a file the user
    chose); None when cancelled or failed (told). The job opens its own read-only
    handle: sessions belong to one thread."""
    language = language if language in info.languages else info.languages[0]

    from planner_app.exporting.pdf import export_pdf  # reportlab: loaded when first used

    return run_reading(
        parent,
        store,
        lambda own, progress: export_pdf(
            own, info.id, out, language=language, review=review, progress=progress
        ),
        label=label or _("Writing {path}…").format(path=out.name),
        failure=_("The PDF could not be written: {error}"),
        title=_("Export PDF"),
    )


def report_text(report: ExportReport) -> str:
    """Fallbacks first (the fields shown in another language), then other warnings."""
    lines = [
        _("{where}: {field} is shown in {language}.").format(
            where=f.where, field=f.field, language=f.used
        )
        for f in report.fallbacks
    ]
    return "\n".join([*lines, *report.warnings])


def page_progress(parent: QWidget | None, label: str) -> tuple[QProgressDialog, Progress]:
    """A cancellable progress dialog for page-by-page work on the GUI thread (it shows
    only when the work lasts) and the ``progress(done, total)`` that drives it."""
    dialog = QProgressDialog(label, _("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(_("Print"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)

    def progress(done: int, total: int) -> bool:
        dialog.setMaximum(total)
        dialog.setValue(done)
        return not dialog.wasCanceled()

    return dialog, progress


class SignatureDialog(QDialog):
    """Date, place and optionally the scan of the signed paper (PDF or image)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Record signature"))
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.place_edit = QLineEdit()
        self.scan_path: Path | None = None
        self.scan_button = QPushButton(_("Choose scan…"))
        self.scan_button.clicked.connect(self._choose_scan)
        form = QFormLayout(self)
        form.addRow(_("Date"), self.date_edit)
        form.addRow(_("Place"), self.place_edit)
        form.addRow(_("Scan (optional)"), self.scan_button)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _choose_scan(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Scan of the signed copy"), "", _("PDF or image (*.pdf *.png *.jpg *.jpeg)")
        )
        if name:
            self.scan_path = Path(name)
            self.scan_button.setText(self.scan_path.name)

    def signed_on(self) -> dt.date:
        return self.date_edit.date().toPython()


class PdfActions(ShownPlanActions):
    """Owns the PDF, print and signature actions; ``done`` is called with the plan after
    a signing. GUI thread only."""

    def __init__(
        self,
        parent: QWidget,
        shown: Shown,
        done: Callable[[uuid.UUID], None],
        language: Callable[[], str | None] = lambda: None,
    ):
        super().__init__(parent, shown, done)
        self._language = language  # the content language shown: the document's
        self.export_action = self._action(_("&PDF…"), self.export_document)
        self.review_action = self._action(_("Year &review (PDF)…"), self.export_review)
        self.print_action = self._action(_("&Print…"), self.print_document)
        self.preview_action = self._action(_("Print pre&view…"), self.preview_document)
        self.sign_action = self._action(_("Record &signature…"), self.record_signature)
        self.scan_action = self._action(_("Save signed sc&an as…"), self.save_scan)
        self._preview_printer: QPrinter | None = None
        self.update_actions()

    def populate(
        self, file_menu: QMenu, before: QAction, plan_menu: QMenu, export_menu: QMenu
    ) -> None:
        """PDF…/year review in File → Export (``export_menu``, shared with the other
        formats), Print…, Print preview before ``before``; Record signature… at the end
        of the Plan menu."""
        export_menu.addAction(self.export_action)
        export_menu.addAction(self.review_action)
        file_menu.insertAction(before, self.preview_action)
        file_menu.insertAction(before, self.print_action)
        file_menu.insertSeparator(before)
        plan_menu.addSeparator()
        plan_menu.addAction(self.sign_action)
        plan_menu.addAction(self.scan_action)

    def update_actions(self) -> None:
        store, info = self._shown()
        shown = store is not None and info is not None
        for action in (self.export_action, self.review_action):
            action.setEnabled(shown)
        for action in (self.print_action, self.preview_action):
            action.setEnabled(shown)
        self.sign_action.setEnabled(
            shown and not store.readonly and info.state is PlanState.FINAL  # type: ignore[union-attr]
        )
        signing = plans.signing_info(store, info.id) if store and info else None
        self.scan_action.setEnabled(signing is not None and signing.has_scan)

    def _target(self, suffix: str) -> Path | None:
        store, info = self._shown()
        return choose_export_path(
            self._window,
            WindowSettings(),
            store.path if store else None,
            title=_("Export PDF"),
            name=f"{info.code if info else 'plan'}{suffix}.pdf",
            file_filter=_("PDF (*.pdf)"),
            suffix=".pdf",
        )

    def _export(self, out: Path, *, review: bool, label: str | None = None) -> ExportReport | None:
        store, info = self._shown()
        if store is None or info is None:
            return None
        return run_export(
            self._window, store, info, out, review=review, language=self._language(), label=label
        )

    def export_document(self, out: Path | None = None, *, review: bool = False) -> Path | None:
        """File → Export → PDF; ``out`` given (a test, a script) skips the save dialog."""
        asked = out is None
        out = out or self._target("-review" if review else "")
        if out is None:
            return None
        report = self._export(out, review=review)
        if report is None:
            return None
        details = report_text(report)
        if asked or details:  # where it went, with Open; and what needs attention
            note = _("Some fields need attention; the details list them.") if details else ""
            confirm_export(self._window, out, _("Export PDF"), note=note, details=details)
        return out

    def export_review(self) -> Path | None:
        return self.export_document(review=True)

    def paint(self, printer: QPrinter, pdf: Path) -> bool:
        """``pdf`` on ``printer`` behind a page progress dialog; a preview (Qt records it
        with a picture engine) at screen resolution, paper at ``PRINT_DPI``. False when
        stopped or failed (told)."""
        previewing = printer.paintEngine().type() == QPaintEngine.Type.Picture
        dialog, progress = page_progress(
            self._window, _("Preparing the preview…") if previewing else _("Printing…")
        )
        try:
            return paint_pdf(
                printer, pdf, max_dpi=PREVIEW_DPI if previewing else PRINT_DPI, progress=progress
            )
        except PlannerError as err:
            show_error(self._window, str(err))
            return False
        finally:
            dialog.reset()
            dialog.deleteLater()

    def _with_document(self, use: Callable[[Path], bool]) -> bool:
        """Export the shown plan's document to a temporary PDF and call ``use`` with it
        while the file exists."""
        with tempfile.TemporaryDirectory() as name:
            pdf = Path(name) / "plan.pdf"  # ours: the progress names no file
            if self._export(pdf, review=False, label=_("Preparing the document…")) is None:
                return False
            return use(pdf)

    def print_document(self, printer: QPrinter | None = None) -> bool:
        """The system print dialog, then the plan document's pages; ``printer`` given (a
        test, or a PDF printer) skips the dialog."""
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            if QPrintDialog(printer, self._window).exec() != QDialog.DialogCode.Accepted:
                return False
        return self._with_document(lambda pdf: self.paint(printer, pdf))

    def preview_document(self) -> bool:
        """The preview, which can print too (at print resolution: its printer is a
        high-resolution one). The dialog is disconnected and handed to Qt for deletion
        when it closes; its printer, which it only borrows, stays referenced on ``self``
        until the next preview, so the dialog never outlives the printer it points to."""

        def show(pdf: Path) -> bool:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            dialog = QPrintPreviewDialog(printer, self._window)
            self._preview_printer = printer
            dialog.paintRequested.connect(lambda target: self.paint(target, pdf))
            try:
                dialog.exec()
            finally:
                dialog.paintRequested.disconnect()
                dialog.deleteLater()
            return True

        return self._with_document(show)

    def record_signature(self) -> None:
        store, info = self._shown()
        if store is None or info is None:
            return
        dialog = SignatureDialog(self._window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            scan = dialog.scan_path.read_bytes() if dialog.scan_path else None
            plans.record_signing(
                store,
                info.id,
                signed_on=dialog.signed_on(),
                place=dialog.place_edit.text(),
                scan=scan,
                scan_name=dialog.scan_path.name if dialog.scan_path else "",
            )
        except OSError as err:
            show_error(self._window, _("The scan cannot be read: {error}").format(error=err))
            return
        except PlannerError as err:
            show_error(self._window, str(err))
            return
        self._done(info.id)

    def save_scan(self, out: Path | None = None) -> Path | None:
        """Plan → Save signed scan as…: the stored scan of the signed paper, byte for
        byte, under the name it was recorded with; ``out`` given (a test) skips the
        dialog."""
        store, info = self._shown()
        if store is None or info is None:
            return None
        try:
            name, data = plans.signed_scan(store, info.id)
        except PlannerError as err:
            show_error(self._window, str(err))
            return None
        if out is None:
            suffix = Path(name).suffix.lower()
            chosen, _filter = QFileDialog.getSaveFileName(
                self._window,
                _("Save signed scan"),
                name,
                _("Scan ({pattern})").format(pattern=f"*{suffix}" if suffix else "*"),
            )
            if not chosen:
                return None
            out = Path(chosen)
        try:
            out.write_bytes(data)
        except OSError as err:
            show_error(
                self._window,
                _("The scan could not be written to {path}: {error}").format(path=out, error=err),
            )
            return None
        return out
