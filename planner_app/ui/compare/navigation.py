"""Showing a place of the open file: a plan, its tab, and the row there (an objective, a
chapter, a budget line, a unit's staffing, a unit, a signatory). The comparison window
and the completeness list lead the user there. GUI thread only."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from planner_app.services.compare_model import Area

if TYPE_CHECKING:
    from planner_app.ui.main_window import MainWindow

# The tab of each kind of row (objectives, indicators and milestones: the tree).
TABS = {
    Area.PLAN: "plan",
    Area.CHAPTER: "plan",
    Area.UNIT: "plan",
    Area.SIGNATORY: "plan",
    Area.OBJECTIVE: "tree",
    Area.INDICATOR: "tree",
    Area.MILESTONE: "tree",
    Area.BUDGET: "budget",
    Area.STAFFING: "staffing",
}


def show_place(
    window: MainWindow, plan_id: uuid.UUID, area: Area, item_id: uuid.UUID | None
) -> bool:
    """Show ``plan_id`` in ``window`` (switching plans if needed), the tab of ``area``
    and, when given, the row ``item_id`` selected. False when the plan or row is gone."""
    if window.store is None or not window.has_plan(plan_id):
        return False
    if window.plan_id != plan_id:
        window.show_plan(plan_id)
    if area in (Area.OBJECTIVE, Area.INDICATOR, Area.MILESTONE):
        if item_id is None:
            window.show_tab("tree")
            return True
        return window.reveal_objective(item_id)
    window.show_tab(TABS[area])
    if area in (Area.PLAN, Area.CHAPTER, Area.UNIT, Area.SIGNATORY):
        pane = window.plan_pane
        page = {
            Area.PLAN: pane.PROPERTIES,
            Area.CHAPTER: pane.CHAPTERS,
            Area.UNIT: pane.UNITS,
            Area.SIGNATORY: pane.SIGNATORIES,
        }[area]
        pane.show_page(page)
        if item_id is None:
            return True
        if area is Area.CHAPTER:
            pane.chapters.select_section(item_id)
        elif area is Area.UNIT:
            pane.units.select_unit(item_id)
        elif area is Area.SIGNATORY:
            pane.signatories.select_row(pane.signatories.model.row_of(item_id))
        return True
    if area is Area.BUDGET:
        if item_id is not None:
            window.budget_editor.select_line(item_id)
        return True
    editor = window.staffing_editor
    if item_id is not None:
        index = editor.model.index_of(item_id)
        if index.isValid():
            editor.view.setCurrentIndex(index)
            editor.view.scrollTo(index)
    return True
