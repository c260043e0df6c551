"""The PDF actions: export on a worker thread, printing through Qt's print path (to a PDF
file), and recording a signature."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QRect, QSize, QSizeF
from PySide6.QtGui import QColor
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QDialog, QWidget

from planner_app.domain.enums import PlanState
from planner_app.exporting.pdf_stamp import read_fingerprint
from planner_app.services import plans
from planner_app.services.fingerprint import current_fingerprint
from planner_app.storage import PlanFile
from planner_app.ui.files import pdf_actions
from planner_app.ui.files.pdf_actions import PdfActions
from planner_app.ui.files.printing import fit, open_pdf, paint_pdf


@pytest.fixture
def shown(demo_path: Path, qtbot):
    store = PlanFile.open(demo_path)
    window = QWidget()
    qtbot.addWidget(window)
    state = {"info": plans.find_plan(store, "ibz-2025-2029"), "done": []}

    def current():
        return store, state["info"]

    actions = PdfActions(window, current, state["done"].append)
    yield store, state, actions
    store.close()


def test_export_writes_the_document_off_the_gui_thread(shown, tmp_path):
    store, state, actions = shown
    out = tmp_path / "plan.pdf"
    assert actions.export_document(out) == out
    assert read_fingerprint(out) == current_fingerprint(store, state["info"].id)


def pdf_printer(out: Path) -> QPrinter:
    """Qt's print path to a PDF file, A4 portrait: what a printer receives, readable."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    return printer


def ink_box(pdf: Path, number: int) -> tuple[float, float, float, float]:
    """Page ``number`` of ``pdf`` rendered small: the bounding box of its non-white
    pixels as fractions of the page (left, top, right, bottom)."""
    document = open_pdf(pdf)
    image = document.render(number, QSize(210, 297))
    document.close()
    xs, ys = [], []
    for y in range(image.height()):
        for x in range(image.width()):
            colour = QColor(image.pixel(x, y))
            if image.pixelColor(x, y).alpha() and min(colour.red(), colour.green()) < 200:
                xs.append(x)
                ys.append(y)
    return (
        min(xs) / image.width(),
        min(ys) / image.height(),
        max(xs) / image.width(),
        max(ys) / image.height(),
    )


def test_printing_goes_through_qt_to_a_pdf_printer(shown, tmp_path):
    _store, _state, actions = shown
    printed = tmp_path / "printed.pdf"
    assert actions.print_action.isEnabled()  # QtPdf ships as a wheel: no outside tool
    assert actions.print_document(pdf_printer(printed))
    direct = tmp_path / "direct.pdf"
    actions.export_document(direct)
    source, paper = PdfReader(direct).pages, PdfReader(printed).pages
    assert len(paper) == len(source) > 20
    landscape = [n for n, page in enumerate(source) if page.mediabox.width > page.mediabox.height]
    assert landscape  # the staffing table and the communication plan
    for number in landscape:
        sheet = paper[number].mediabox
        assert sheet.height > sheet.width  # still an A4 portrait sheet
        left, top, right, bottom = ink_box(printed, number)
        # turned a quarter, the page fills the sheet's height (it used to take the top
        # 40 % of it, so its ink spanned less than 0.4)
        assert bottom - top > 0.75 and right - left > 0.5


def test_a_landscape_page_is_turned_to_fill_a_portrait_sheet():
    sheet = QRect(0, 0, 1000, 1414)
    target, turned = fit(QSizeF(842, 595), sheet)
    assert turned and target.height() > 1350 and target.width() > 950
    target, turned = fit(QSizeF(595, 842), sheet)
    assert not turned and target.height() == 1414 and target.width() >= 999
    target, turned = fit(QSizeF(842, 595), QRect(0, 0, 1414, 1000))
    assert not turned  # a landscape sheet takes it upright


def test_printing_stops_when_the_progress_dialog_is_cancelled(shown, tmp_path):
    _store, _state, actions = shown
    source = tmp_path / "plan.pdf"
    actions.export_document(source)
    seen = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 2

    printer = pdf_printer(tmp_path / "printed.pdf")
    assert not paint_pdf(printer, source, max_dpi=50, progress=progress)
    assert seen[-1][0] == 2 and seen[0][1] > 20


def test_the_preview_shows_every_page(shown, monkeypatch):
    _store, _state, actions = shown
    counted = {}

    def exec_(dialog):
        preview = dialog.findChild(QPrintPreviewWidget)
        preview.updatePreview()  # what showing the dialog does
        counted["pages"] = preview.pageCount()
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", exec_)
    assert actions.preview_document()
    assert counted["pages"] > 20
    assert actions.preview_action.isEnabled()


def test_the_preview_names_no_file_the_user_never_asked_for(shown, monkeypatch, tmp_path):
    """The preview's document is a temporary file of ours: its progress said "Writing
    plan.pdf…"; an export names the file the user chose."""
    _store, _state, actions = shown
    labels: list[str] = []
    real = pdf_actions.run_reading

    def spy(*args, label, **kwargs):
        labels.append(label)
        return real(*args, label=label, **kwargs)

    monkeypatch.setattr(pdf_actions, "run_reading", spy)
    monkeypatch.setattr(QPrintPreviewDialog, "exec", lambda dialog: 0)
    assert actions.preview_document()
    assert labels == ["Preparing the document…"]
    actions.export_document(tmp_path / "mine.pdf")
    assert labels[-1] == "Writing mine.pdf…"


def test_record_signature_signs_a_final_plan(shown, monkeypatch):
    store, state, actions = shown
    assert not actions.sign_action.isEnabled()  # a draft cannot be signed
    plans.make_final(store, state["info"].id)
    state["info"] = plans.find_plan(store, "ibz-2025-2029")
    actions.update_actions()
    assert actions.sign_action.isEnabled()

    def accept(dialog):
        dialog.place_edit.setText("Brussel")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(pdf_actions.SignatureDialog, "exec", accept)
    actions.record_signature()
    assert plans.find_plan(store, "ibz-2025-2029").state is PlanState.SIGNED
    assert state["done"] == [state["info"].id]


def test_a_chosen_scan_is_kept_and_saved_back_byte_for_byte(shown, monkeypatch, tmp_path):
    store, state, actions = shown
    scan = tmp_path / "getekend.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    plans.make_final(store, state["info"].id)
    state["info"] = plans.find_plan(store, "ibz-2025-2029")
    actions.update_actions()
    assert not actions.scan_action.isEnabled()  # nothing signed yet

    def accept(dialog):
        dialog.place_edit.setText("Brussel")
        monkeypatch.setattr(
            pdf_actions.QFileDialog, "getOpenFileName", lambda *a, **k: (str(scan), "")
        )
        dialog.scan_button.click()  # the dialog's own way of choosing the scan
        assert dialog.scan_button.text() == "getekend.png"
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(pdf_actions.SignatureDialog, "exec", accept)
    actions.record_signature()
    state["info"] = plans.find_plan(store, "ibz-2025-2029")
    actions.update_actions()
    assert actions.scan_action.isEnabled()
    chosen = tmp_path / "out" / "copy.png"
    chosen.parent.mkdir()
    offered = {}

    def save_dialog(_parent, _title, name, _filter):
        offered["name"] = name
        return str(chosen), ""

    monkeypatch.setattr(pdf_actions.QFileDialog, "getSaveFileName", save_dialog)
    assert actions.save_scan() == chosen
    assert offered["name"] == "getekend.png"
    assert chosen.read_bytes() == scan.read_bytes()


def test_banner_tells_when_and_where_a_plan_was_signed(qtbot):
    import datetime as dt

    from planner_app.ui.plan.plan_banner import PlanBanner

    banner = PlanBanner()
    qtbot.addWidget(banner)
    signing = plans.SigningInfo(dt.date(2025, 9, 14), "<b>Brussel</b>", "s.pdf", 10, "")
    banner.show_for(PlanState.SIGNED, read_only=False, signing=signing)
    text = banner.message.text()
    assert "<b>Brussel</b>" in text and "2025" in text and "scan" in text
    banner.show_for(
        PlanState.SIGNED,
        read_only=False,
        signing=signing.__class__(dt.date(2025, 9, 14), "Gent", "", 0, ""),
    )
    assert "No scan" in banner.message.text()


def test_the_pdf_is_written_in_the_content_language_shown(store, plan_id, tree, qtbot, tmp_path):
    """A bilingual plan shown in French exports its French document (it always took the
    plan's first language); a language the plan lacks falls back to the first."""
    from planner_app.exporting.pdf_stamp import read_stamp

    window = QWidget()
    qtbot.addWidget(window)
    info = plans.plan_info(store, plan_id)
    shown = {"language": "fr"}
    actions = PdfActions(window, lambda: (store, info), lambda _id: None, lambda: shown["language"])
    assert actions.export_document(tmp_path / "fr.pdf") is not None
    assert read_stamp(tmp_path / "fr.pdf").language == "fr"
    shown["language"] = "de"
    assert actions.export_document(tmp_path / "nl.pdf") is not None
    assert read_stamp(tmp_path / "nl.pdf").language == "nl"


@pytest.mark.parametrize(
    ("content", "reason"),
    [(None, "the file is not there"), (b"not a pdf at all", "it is not a PDF file")],
)
def test_a_pdf_that_cannot_be_read_is_named_with_the_reason_in_words(
    tmp_path: Path, content, reason
):
    from planner_app.errors import PlannerError

    pdf = tmp_path / "scan.pdf"
    if content is not None:
        pdf.write_bytes(content)
    with pytest.raises(PlannerError) as caught:
        open_pdf(pdf)
    assert str(caught.value) == f"The pages of scan.pdf could not be read ({reason})."
