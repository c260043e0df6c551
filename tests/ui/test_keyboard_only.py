"""One task of each user, with the keyboard alone (issue 32): keys go to the widget that
has focus, and focus moves only by Tab, arrows and shortcuts, as a user without a mouse
moves it. Offscreen; the AT-SPI test (tests/test_atspi.py) checks the names under X11.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QWidget

from planner_app.services import plans
from planner_app.services.details import objective_detail
from planner_app.storage import PlanFile
from planner_app.ui.budget.budget_tree import VALUE_ROLE
from planner_app.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo_path: Path) -> Iterator[MainWindow]:
    win = MainWindow()
    qtbot.addWidget(win)
    store = PlanFile.open(demo_path)
    win.set_plan_file(store, plans.find_plan(store, "dkbuza-2025").id)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def focused(window: MainWindow) -> QWidget:
    widget = window.focusWidget()
    assert widget is not None
    return widget


def press(qtbot, window: MainWindow, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(window), key, modifier)
    qtbot.wait(5)


def tab_to(qtbot, window: MainWindow, wanted: QWidget, most: int = 120) -> None:
    """Tab until ``wanted`` has focus (fails if it is not in the tab order); out of a
    table with Ctrl+Tab, as Tab moves between its cells."""
    seen: list[str] = []
    for _ in range(most):
        widget = focused(window)
        seen.append(widget.objectName() or type(widget).__name__)
        if widget is wanted:
            return
        in_table = isinstance(widget, QAbstractItemView) and widget.tabKeyNavigation()
        modifier = (
            Qt.KeyboardModifier.ControlModifier if in_table else Qt.KeyboardModifier.NoModifier
        )
        press(qtbot, window, Qt.Key.Key_Tab, modifier)
    raise AssertionError(f"{wanted!r} is not reached with Tab; {seen[-12:]}")


def test_planning_officer_adds_an_initiative_with_a_milestone(qtbot, window: MainWindow):
    tree = window.tree
    tree.setFocus()  # where the window starts: the tree
    od = tree.model().index(0, 0, tree.model().index(1, 0))  # OD 1.1 under SD 1
    tree.setCurrentIndex(od)
    press(qtbot, window, Qt.Key.Key_Insert, Qt.KeyboardModifier.AltModifier)  # add a child
    qtbot.keyClicks(focused(window), "Nieuw initiatief")
    press(qtbot, window, Qt.Key.Key_Return)
    new = tree.current_objective_id()
    assert new is not None
    editor = window.detail
    tab_to(qtbot, window, editor.milestone_table.add_button)
    press(qtbot, window, Qt.Key.Key_Space)
    qtbot.keyClicks(focused(window), "Q3: eerste verslag")
    press(qtbot, window, Qt.Key.Key_Return)
    assert window.store is not None
    detail = objective_detail(window.store, new)
    assert detail.title["nl"] == "Nieuw initiatief"
    assert [m.text.get("nl") for m in detail.milestones] == ["Q3: eerste verslag"]


def test_budget_officer_pastes_a_block_of_amounts(qtbot, window: MainWindow):
    assert window.store is not None
    window.show_plan(plans.find_plan(window.store, "ibz-2025-2029").id)
    window.tree.setFocus()
    press(qtbot, window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # Budget tab
    editor = window.budget_editor
    tab_to(qtbot, window, editor.view)
    view, model = editor.view, editor.model
    leaf = model.index(0, 0)
    while model.rowCount(leaf):
        leaf = model.index(0, 0, leaf)
    view.setCurrentIndex(leaf.siblingAtColumn(1))  # the arrows would get here as well
    QGuiApplication.clipboard().setText("1.234,5\t6\n")
    press(qtbot, window, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    first = leaf.siblingAtColumn(1)
    assert first.data(VALUE_ROLE) == Decimal("1234.5")
    assert first.siblingAtColumn(2).data(VALUE_ROLE) == Decimal("6")


def test_hr_partner_sets_a_diversity_target(qtbot, window: MainWindow):
    from planner_app.domain.enums import ValueKind
    from planner_app.services.diversity_read import load_diversity

    window.tree.setFocus()
    press(qtbot, window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)  # Diversity tab
    pane = window.diversity_pane
    pane.tabs.setCurrentIndex(pane.INDICATORS)  # Ctrl+Tab on its tab bar does the same
    tab_to(qtbot, window, pane.values_view)
    values = pane.values
    row = next(r for r in range(values.rowCount()) if values.index(r, 0).data() == "2025")
    pane.values_view.setCurrentIndex(values.index(row, values.TARGET))
    press(qtbot, window, Qt.Key.Key_F2)
    qtbot.keyClicks(focused(window), "6")
    press(qtbot, window, Qt.Key.Key_Return)
    assert window.store is not None and window.plan_id is not None
    first = load_diversity(window.store, window.plan_id).indicators[0]
    assert first.of_kind(ValueKind.TARGET)[2025].value == Decimal("6")
