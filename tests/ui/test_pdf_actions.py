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
from planner_app.exporting.pdf import read_fingerprint
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
