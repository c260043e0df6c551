"""File → Export → Excel… and File → Import → Excel…: progress, cancel, results."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from planner_app.services.plans import list_plans
from planner_app.ui.core.background import BackgroundJob
from planner_app.ui.main_window import MainWindow


@pytest.fixture
def window(demo_window: MainWindow) -> MainWindow:
    return demo_window


def test_menu_has_export_and_import(window: MainWindow):
    titles = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "&Export" in titles and "&Import" in titles
    window.excel_actions.update_actions()
    assert window.excel_actions.export_action.isEnabled()
    assert window.excel_actions.import_action.isEnabled()


def test_export_then_import_adds_a_draft_plan(window: MainWindow, tmp_path: Path):
    out = window.excel_actions.export_excel(tmp_path / "plan.xlsx")
    assert out is not None and out.exists()
    shown = window.plan_id
    code = next(p.code for p in list_plans(window.store) if p.id == shown)
    assert window.excel_actions.import_excel(out) is True
    assert len(list_plans(window.store)) == 3
    assert window.plan_id is not None and window.plan_id != shown
    assert f"Imported plan {code}-2" in window.statusBar().currentMessage()


def test_cancelled_export_leaves_no_file(window: MainWindow, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(BackgroundJob, "_progress", lambda self, done, total: False)
    assert window.excel_actions.export_excel(tmp_path / "plan.xlsx") is None
    assert list(tmp_path.glob("*.xlsx*")) == [] and list(tmp_path.glob(".*")) == []


def test_cancelled_import_changes_nothing(window: MainWindow, tmp_path: Path, monkeypatch):
    out = window.excel_actions.export_excel(tmp_path / "plan.xlsx")
    before = [p.code for p in list_plans(window.store)]
    monkeypatch.setattr(BackgroundJob, "_progress", lambda self, done, total: False)
    assert window.excel_actions.import_excel(out) is False
    assert [p.code for p in list_plans(window.store)] == before


def test_a_bad_workbook_is_reported(window: MainWindow, tmp_path: Path, monkeypatch):
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a, **k: shown.append(text))
    assert window.excel_actions.import_excel(bad) is False
    assert shown and "not an Excel workbook" in shown[0]


def test_empty_workbook_for_a_yearly_plan_from_the_menu(
    window: MainWindow, tmp_path: Path, monkeypatch
):
    """File → Export → Empty workbook…: the dialog asks kind, years and language; a
    yearly plan has one year, and the workbook's plan row and year columns follow it."""
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QDialog

    from planner_app.domain.enums import PlanKind
    from planner_app.ui.files.template_dialog import TemplateDialog

    seen: list[TemplateDialog] = []

    def choose(dialog: TemplateDialog) -> int:
        seen.append(dialog)
        dialog.kind_box.setCurrentIndex(dialog.kind_box.findData(PlanKind.BUSINESS.value))
        assert not dialog.last_year.isEnabled()
        dialog.first_year.setValue(2029)
        dialog.language_box.setCurrentIndex(dialog.language_box.findData("fr"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(TemplateDialog, "exec", choose)
    monkeypatch.setattr(
        "planner_app.ui.files.excel_actions.choose_export_path",
        lambda *a, **k: tmp_path / "plan.xlsx",
    )
    monkeypatch.setattr("planner_app.ui.files.excel_actions.confirm_export", lambda *a, **k: None)
    out = window.excel_actions.export_template()
    assert seen and out == tmp_path / "plan.xlsx"
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "Instructions"
    plan = wb["Plan"]
    assert [plan.cell(3, c).value for c in (5, 6)] == [2029, 2029]
    headers = [str(c.value) for c in wb["Personnel"][2] if c.value]
    years = {h.split()[0] for h in headers if h[:2] == "20"}
    assert years == {"2029"}
