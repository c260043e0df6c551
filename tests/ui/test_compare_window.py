"""Plan → Compare with…: the comparison window shows the issue's three changes side by
side, each a link that shows its place in the main window; the PDF is written off the
GUI thread."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QInputDialog

from planner_app.services.compare_model import Area
from planner_app.services.plans import find_plan, list_plans
from planner_app.ui.compare.compare_actions import default_other
from tests.compare_support import NEW_TITLE, three_changes


def _scenario(demo_window):
    scenario = three_changes(demo_window.store)
    demo_window.reload_plans(scenario.v2)
    return scenario


def test_compare_with_shows_the_three_changes_and_each_link_shows_its_place(
    demo_window, monkeypatch, qtbot
):
    scenario = _scenario(demo_window)
    asked = {}

    def get_item(_parent, _title, _label, items, current, _editable):
        asked["default"] = items[current]
        return next(i for i in items if i.startswith("ibz-2025-2029 ")), True

    monkeypatch.setattr(QInputDialog, "getItem", get_item)
    actions = demo_window.compare_actions
    assert actions.compare_action.isEnabled()
    actions.compare_action.trigger()
    assert asked["default"].startswith("ibz-2025-2029 ")  # the version it was copied from
    window = actions.window
    assert window is not None and window.isVisible()
    qtbot.addWidget(window)
    text = window.browser.toPlainText()
    assert "Differences: 3" in text and NEW_TITLE in text  # user text shown, not parsed
    assert [(p.area, p.item_id) for p in window.places] == [
        (Area.CHAPTER, scenario.chapter),
        (Area.OBJECTIVE, scenario.sd_after),
        (Area.BUDGET, scenario.line),
    ]
    window.follow(1)
    assert demo_window.views.currentWidget() is demo_window.splitter
    assert demo_window.tree.currentIndex().data() == "SD 2"
    window.follow(2)
    editor = demo_window.budget_editor
    assert demo_window.views.currentWidget() is editor
    assert editor.view.currentIndex().data() == "Statutair"
    window.follow(0)
    pane = demo_window.plan_pane
    assert demo_window.views.currentWidget() is pane
    assert pane.chapters.current_section.id == scenario.chapter


def test_a_removed_objective_is_shown_in_the_version_that_has_it(demo_window):
    from planner_app.services import objectives
    from planner_app.services.tree_read import load_tree

    scenario = _scenario(demo_window)
    store = demo_window.store
    sd4 = [n for n in load_tree(store, scenario.v2) if n.level.value == "strategic"][3]
    objectives.delete_objective(store, sd4.id)
    demo_window.reload_plans(scenario.v2)
    actions = demo_window.compare_actions
    actions.compare(scenario.v2, scenario.v1)
    window = actions.window
    removed = next(n for n, place in enumerate(window.places) if place.plan_id == scenario.v1)
    window.follow(removed)
    assert demo_window.plan_id == scenario.v1  # the signed version is shown
    assert demo_window.tree.currentIndex().data() == "SD 4"


def test_compare_again_and_export_the_pdf(demo_window, monkeypatch, tmp_path):
    scenario = _scenario(demo_window)
    actions = demo_window.compare_actions
    actions.compare(scenario.v2, scenario.v1)
    from planner_app.services import sections

    sections.update_section(demo_window.store, scenario.chapter, title={"nl": "Missie"})
    actions.window.again_button.click()
    assert "retitled, changed" in actions.window.browser.toPlainText()
    out = tmp_path / "vergelijking.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    actions.window.pdf_button.click()
    assert out.read_bytes().startswith(b"%PDF")


def test_the_default_other_version(demo_store):
    plans = list_plans(demo_store)
    ibz = find_plan(demo_store, "ibz-2025-2029")
    assert default_other(ibz, plans).code == "dkbuza-2025"  # no version of it yet
