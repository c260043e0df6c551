"""The PDF actions: export on a worker thread, printing through Qt's print path (to a PDF
file), and recording a signature."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from planner_app.domain.enums import PlanState
from planner_app.exporting.pdf_stamp import read_fingerprint
from planner_app.services import plans
from planner_app.services.fingerprint import current_fingerprint
from planner_app.storage import PlanFile
from planner_app.ui import pdf_actions
from planner_app.ui.pdf_actions import PdfActions


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


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm is not installed")
def test_printing_goes_through_qt_to_a_pdf_printer(shown, tmp_path):
    _store, _state, actions = shown
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert actions.print_action.isEnabled()
    assert actions.print_document(printer)
    direct = tmp_path / "direct.pdf"
    actions.export_document(direct)
    assert len(PdfReader(printed).pages) == len(PdfReader(direct).pages) > 20


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

    from planner_app.ui.plan_banner import PlanBanner

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
