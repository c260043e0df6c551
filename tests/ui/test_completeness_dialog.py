"""The legal minimum content in the window: Plan → Check the legal minimum content…,
and the same list before Make final for signature, where the user may go on (and the
answer is noted in the file) or go to where an element is filled in."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from planner_app.domain.enums import PlanState
from planner_app.services.completeness import final_note
from planner_app.services.plans import find_plan
from planner_app.ui.plan.completeness_dialog import CompletenessDialog


def _show_ibz(demo_window):
    ibz = find_plan(demo_window.store, "ibz-2025-2029")
    demo_window.show_plan(ibz.id)
    return ibz


def test_the_check_lists_each_element_and_leads_to_its_place(demo_window, qtbot):
    ibz = _show_ibz(demo_window)
    report = demo_window.plan_actions.check_completeness()
    assert [e.element.key for e in report.missing] == [
        "financial_framework",
        "transversal",
        "responsibility",
    ]
    dialog = demo_window.plan_actions.completeness_dialog
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert "3 of 11 required elements missing." in text
    assert "Found in the chapter “Beheersprincipes”." in text
    responsibility = next(
        n for n, e in enumerate(report.elements) if e.element.key == "responsibility"
    )
    dialog.follow(responsibility)
    assert not dialog.isVisible()
    assert demo_window.plan_id == ibz.id
    assert demo_window.tree.currentIndex().data() == "SD 1"


def test_make_final_shows_the_list_first_and_cancel_changes_nothing(demo_window, monkeypatch):
    ibz = _show_ibz(demo_window)
    seen = {}

    def cancel(dialog):
        seen["button"] = dialog.final_button.text()
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(CompletenessDialog, "exec", cancel)
    assert demo_window.plan_actions.make_final() is None
    assert seen["button"] == "Make final &anyway"
    assert find_plan(demo_window.store, "ibz-2025-2029").state is PlanState.DRAFT
    assert final_note(demo_window.store, ibz.id) is None


def test_going_on_without_the_missing_elements_is_noted(demo_window, monkeypatch):
    ibz = _show_ibz(demo_window)
    monkeypatch.setattr(CompletenessDialog, "exec", lambda _d: QDialog.DialogCode.Accepted)
    assert demo_window.plan_actions.make_final() == ibz.id
    info = find_plan(demo_window.store, "ibz-2025-2029")
    assert info.state is PlanState.FINAL
    note = final_note(demo_window.store, ibz.id)
    assert note.missing == ("financial_framework", "transversal", "responsibility")
    assert note.fingerprint == info.fingerprint
    actions = demo_window.plan_actions
    assert not actions.make_final_action.isEnabled() and actions.back_to_draft_action.isEnabled()
