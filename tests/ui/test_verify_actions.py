"""Plan → Check a PDF against this plan…: the GUI face of ``verify --pdf``, run off the
GUI thread, its verdict told in a message box."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from planner_app.exporting.pdf import export_pdf
from planner_app.services import plans
from planner_app.ui.core import background
from planner_app.ui.plan import verify_actions
from planner_app.ui.plan.verify_actions import VerifyActions


@pytest.fixture
def actions(store, plan_id, tree, qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    shown = {"plan": plans.plan_info(store, plan_id)}
    return VerifyActions(window, lambda: (store, shown["plan"]), lambda _id: None)


@pytest.fixture
def boxes(monkeypatch) -> list[tuple[QMessageBox.Icon, str]]:
    told: list[tuple[QMessageBox.Icon, str]] = []
    monkeypatch.setattr(QMessageBox, "open", lambda box: told.append((box.icon(), box.text())))
    return told


def test_the_plans_own_pdf_matches(actions, store, plan_id, tmp_path: Path, boxes):
    pdf = tmp_path / "plan.pdf"
    export_pdf(store, plan_id, pdf, language="nl")
    assert actions.check_action.isEnabled()
    assert actions.check_pdf(pdf) is True
    assert boxes[-1][0] == QMessageBox.Icon.Information
    assert "read exactly as the plan's document" in boxes[-1][1]


def test_a_pdf_with_a_page_removed_is_a_warning(actions, store, plan_id, tmp_path, boxes):
    from pypdf import PdfReader, PdfWriter

    pdf = tmp_path / "plan.pdf"
    export_pdf(store, plan_id, pdf, language="nl")
    writer = PdfWriter(clone_from=PdfReader(pdf))
    writer.remove_page(0)
    writer.add_metadata(PdfReader(pdf).metadata)
    short = tmp_path / "short.pdf"
    writer.write(short)
    assert actions.check_pdf(short) is False
    assert boxes[-1][0] == QMessageBox.Icon.Warning and "pages" in boxes[-1][1]


def test_a_file_that_is_not_a_pdf_is_one_error(actions, tmp_path, monkeypatch, boxes):
    told: list[str] = []
    monkeypatch.setattr(background, "show_error", lambda _parent, text: told.append(text))
    notes = tmp_path / "notes.pdf"
    notes.write_text("hello")
    assert actions.check_pdf(notes) is None
    assert told == [f"{notes} is not a PDF file."] and not boxes


def test_nothing_is_checked_when_no_file_is_chosen(actions, monkeypatch, boxes):
    monkeypatch.setattr(verify_actions.QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    assert actions.check_pdf() is None and not boxes
