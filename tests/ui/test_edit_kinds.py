"""Every kind of edit, made in the window as a user makes it, follows the same path:

* two separate edits are two undo steps (a cell edited twice, a field left and edited
  again: the merge key is an edit session, never a default);
* typing in one field, committed several times without leaving it, is one step;
* the view keeps its current cell (or the field its focus, the pane its current rows)
  after the edit, its undo and its redo: views update in place;
* the undo step is named in the user's language (Dutch here: no "title bewerken").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from planner_app import i18n
from planner_app.domain.enums import MeasureUnit
from planner_app.services import details, diversity, diversity_edit, plan_parts, sections
from planner_app.storage import PlanFile
from planner_app.ui.main_window import MainWindow


@pytest.fixture
def tree(tree: dict, store: PlanFile, plan_id) -> dict:
    """The test tree with what every kind needs: a milestone and an indicator on
    Init 1, a signatory, a communication plan with a row, a diversity plan."""
    details.add_milestone(store, tree["i1"], text="Mijlpaal", period="Q1")
    indicator = details.add_indicator(store, tree["i1"], name="Bezoeken").ids[0]
    details.set_indicator_value(store, indicator, year=2025, kind="target", value=5)
    plan_parts.add_signatory(store, plan_id, function="Voorzitter", name="An")
    plan_parts.add_signatory(store, plan_id, function="Secretaris", name="Bo")
    section = sections.add_section(store, plan_id, kind="communication", title="Communicatie")
    sections.add_communication_row(store, section.id, goal="Intern", audience="Allen")
    diversity_id = diversity_edit.start_diversity_plan(store, plan_id, year=2025).id
    diversity.add_indicator(store, diversity_id, name="Aandeel", unit=MeasureUnit.PERCENT)
    return tree


@pytest.fixture
def shown(qtbot, window: MainWindow) -> MainWindow:
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    for tab in range(window.views.count()):  # every pane listens from now on
        window.views.setCurrentIndex(tab)
    return window


def set_current(view, index) -> None:
    view.setFocus()
    view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def cursor(view) -> tuple:
    index = view.currentIndex()
    return index.row(), index.column(), index.siblingAtColumn(0).data(Qt.ItemDataRole.UserRole + 1)


def focused() -> str | None:
    widget = QApplication.focusWidget()
    return widget.objectName() or type(widget).__name__ if widget else None


@dataclass
class Kind:
    """How a user makes one kind of edit: get there, make it (``n`` varies the value),
    and what the cursor is. ``field``: a text field (leaving it ends the session)."""

    name: str
    prepare: Callable[[MainWindow, dict], None]
    edit: Callable[[MainWindow, int], None]
    cursor: Callable[[MainWindow], Any]
    field: Callable[[MainWindow], Any] | None = None


def _objectives(win: MainWindow, tree: dict) -> None:
    win.views.setCurrentWidget(win.splitter)
    win.select_objective(tree["i1"])


def _tree_cell(column: int) -> Callable[[MainWindow, dict], None]:
    def prepare(win: MainWindow, tree: dict) -> None:
        _objectives(win, tree)
        set_current(win.tree, win.tree.currentIndex().siblingAtColumn(column))

    return prepare


def _type(widget: Any, text: str) -> None:
    """Type ``text`` into the focused field and commit it (Enter; leaving a plain-text
    field commits it, but its focus stays here: ``commit_pending`` does the same)."""
    if isinstance(widget, QLineEdit):
        widget.setText(text)
        widget.editingFinished.emit()
    else:
        widget.setPlainText(text)
        widget.window().commit_pending()


def _table(get_view: Callable[[MainWindow], Any], row: int, column: int, go) -> Callable:
    def prepare(win: MainWindow, tree: dict) -> None:
        go(win, tree)
        view = get_view(win)
        set_current(view, view.model().index(row, column))

    return prepare


def _cell_edit(get_view: Callable[[MainWindow], Any], text: str) -> Callable:
    def edit(win: MainWindow, n: int) -> None:
        view = get_view(win)
        assert view.model().setData(view.currentIndex(), text.format(n=n))

    return edit


def _page(key: str, page: int | None = None) -> Callable[[MainWindow, dict], None]:
    def go(win: MainWindow, _tree: dict) -> None:
        widget = getattr(win, key)
        win.views.setCurrentWidget(widget)
        if page is not None:
            widget.show_page(page)

    return go


def _diversity(tab: int) -> Callable[[MainWindow, dict], None]:
    def go(win: MainWindow, _tree: dict) -> None:
        pane = win.diversity_pane
        win.views.setCurrentWidget(pane)
        pane.tabs.setCurrentIndex(tab)
        pane.indicator_editor.select_row(0)
        pane.pillar_editor.select_row(1)

    return go


def _diversity_cursor(win: MainWindow) -> tuple:
    pane = win.diversity_pane
    views = (pane.pillar_editor.view, pane.indicator_editor.view, pane.values_view)
    return focused(), tuple(cursor(v) for v in views)


def _chapters(win: MainWindow, _tree: dict) -> None:
    _page("plan_pane", 1)(win, _tree)
    win.plan_pane.chapters.set_current_row(0)


def _focus(get: Callable[[MainWindow], Any], go) -> Callable[[MainWindow, dict], None]:
    def prepare(win: MainWindow, tree: dict) -> None:
        go(win, tree)
        get(win).setFocus()

    return prepare


def _budget_amount(win: MainWindow, tree: dict) -> None:
    editor = win.budget_editor
    win.views.setCurrentWidget(editor)
    set_current(editor.view, editor.model.index_of(tree["line"], 1))


def _budget_title(win: MainWindow, tree: dict) -> None:
    editor = win.budget_editor
    win.views.setCurrentWidget(editor)
    set_current(editor.view, editor.model.index_of(tree["line"], 0))


def _staffing(win: MainWindow, tree: dict) -> None:
    editor = win.staffing_editor
    win.views.setCurrentWidget(editor)
    model = editor.view.model()
    first = model.index(0, 0)
    column = next(
        c
        for c in range(1, model.columnCount())
        if model.flags(first.siblingAtColumn(c)) & Qt.ItemFlag.ItemIsEditable
    )
    set_current(editor.view, first.siblingAtColumn(column))


detail = lambda win: win.detail  # noqa: E731

KINDS = [
    Kind(
        "objective title in the editor",
        _focus(lambda w: w.detail.title_edit, _objectives),
        lambda w, n: _type(w.detail.title_edit, f"Titel {n}"),
        lambda w: (focused(), cursor(w.tree)),
        field=lambda w: w.detail.title_edit,
    ),
    Kind(
        "objective description in the editor",
        _focus(lambda w: w.detail.description_edit, _objectives),
        lambda w, n: _type(w.detail.description_edit, f"Tekst {n}"),
        lambda w: (focused(), cursor(w.tree)),
        field=lambda w: w.detail.description_edit,
    ),
    Kind(
        "objective title in the tree (F2)",
        _tree_cell(1),
        _cell_edit(lambda w: w.tree, "Werf {n}"),
        lambda w: cursor(w.tree),
    ),
    Kind(
        "objective status in the tree",
        _tree_cell(2),
        lambda w, n: w.tree.model().setData(w.tree.currentIndex(), ("on_schedule", "done")[n % 2]),
        lambda w: cursor(w.tree),
    ),
    Kind(
        "milestone text",
        _table(lambda w: w.detail.milestone_table.view, 0, 1, _objectives),
        _cell_edit(lambda w: w.detail.milestone_table.view, "Mijlpaal {n}"),
        lambda w: (cursor(w.detail.milestone_table.view), cursor(w.tree)),
    ),
    Kind(
        "indicator value",  # the selected indicator's years: 2025's target
        _table(lambda w: w.detail.indicator_detail.years_view, 3, 2, _objectives),
        _cell_edit(lambda w: w.detail.indicator_detail.years_view, "{n}0,5"),
        lambda w: (
            cursor(w.detail.indicator_detail.years_view),
            cursor(w.detail.indicator_table.view),
            cursor(w.tree),
        ),
    ),
    Kind(
        "budget amount",
        _budget_amount,
        _cell_edit(lambda w: w.budget_editor.view, "{n}2,5"),
        lambda w: cursor(w.budget_editor.view),
    ),
    Kind(
        "budget line title",
        _budget_title,
        _cell_edit(lambda w: w.budget_editor.view, "Lijn {n}"),
        lambda w: cursor(w.budget_editor.view),
    ),
    Kind(
        "staffing figure",
        _staffing,
        _cell_edit(lambda w: w.staffing_editor.view, "{n},5"),
        lambda w: cursor(w.staffing_editor.view),
    ),
    Kind(
        "diversity field",
        _focus(lambda w: w.diversity_pane.fields["contact_name"], _diversity(0)),
        lambda w, n: _type(w.diversity_pane.fields["contact_name"], f"Contact {n}"),
        _diversity_cursor,
        field=lambda w: w.diversity_pane.fields["contact_name"],
    ),
    Kind(
        "diversity pillar",
        _table(lambda w: w.diversity_pane.pillar_editor.view, 1, 0, _diversity(1)),
        _cell_edit(lambda w: w.diversity_pane.pillar_editor.view, "Pijler {n}"),
        _diversity_cursor,
    ),
    Kind(
        "diversity target",
        _table(lambda w: w.diversity_pane.values_view, 3, 2, _diversity(3)),
        _cell_edit(lambda w: w.diversity_pane.values_view, "{n}2,5"),
        _diversity_cursor,
    ),
    Kind(
        "plan title",
        _focus(lambda w: w.plan_pane.properties.title_edit, _page("plan_pane", 0)),
        lambda w, n: _type(w.plan_pane.properties.title_edit, f"Plan {n}"),
        lambda w: focused(),
        field=lambda w: w.plan_pane.properties.title_edit,
    ),
    Kind(
        "chapter title",
        _focus(lambda w: w.plan_pane.chapters.title_edit, _chapters),
        lambda w, n: _type(w.plan_pane.chapters.title_edit, f"Hoofdstuk {n}"),
        lambda w: (focused(), w.plan_pane.chapters.current_row()),
        field=lambda w: w.plan_pane.chapters.title_edit,
    ),
    Kind(
        "communication cell",
        _table(lambda w: w.plan_pane.chapters.communication_view, 0, 1, _chapters),
        _cell_edit(lambda w: w.plan_pane.chapters.communication_view, "Publiek {n}"),
        lambda w: cursor(w.plan_pane.chapters.communication_view),
    ),
    Kind(
        "unit name",
        _table(lambda w: w.plan_pane.units.view, 0, 0, _page("plan_pane", 2)),
        _cell_edit(lambda w: w.plan_pane.units.view, "Dienst {n}"),
        lambda w: cursor(w.plan_pane.units.view),
    ),
    Kind(
        "signatory name",
        _table(lambda w: w.plan_pane.signatories.view, 1, 1, _page("plan_pane", 3)),
        _cell_edit(lambda w: w.plan_pane.signatories.view, "Naam {n}"),
        lambda w: cursor(w.plan_pane.signatories.view),
    ),
]
FIELDS = [kind for kind in KINDS if kind.field is not None]


def leave_and_return(win: MainWindow, kind: Kind) -> None:
    """What a user does between two separate edits of a field: work elsewhere, then
    come back to it (a new edit session)."""
    assert kind.field is not None
    field = kind.field(win)
    win.filter_bar.text_box.setFocus()
    QApplication.processEvents()
    field.setFocus()
    QApplication.processEvents()


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_each_edit_is_its_own_step_and_keeps_the_cursor(shown, tree, kind):
    kind.prepare(shown, tree)
    QApplication.processEvents()
    stack = shown.document.undo_stack
    count, where = stack.count(), kind.cursor(shown)
    kind.edit(shown, 1)
    assert stack.count() == count + 1
    assert kind.cursor(shown) == where, "after the edit"
    if kind.field is not None:
        leave_and_return(shown, kind)
        where = kind.cursor(shown)
    kind.edit(shown, 2)  # minutes later, or after leaving the field: another step
    assert stack.count() == count + 2
    assert kind.cursor(shown) == where
    stack.undo()
    assert kind.cursor(shown) == where, "after undo"
    stack.redo()
    assert kind.cursor(shown) == where, "after redo"


@pytest.mark.parametrize("kind", FIELDS, ids=[k.name for k in FIELDS])
def test_typing_in_one_field_is_one_step(shown, tree, kind):
    kind.prepare(shown, tree)
    QApplication.processEvents()
    stack = shown.document.undo_stack
    count = stack.count()
    for n in range(1, 4):  # committed three times without leaving the field
        kind.edit(shown, n)
    assert stack.count() == count + 1


@pytest.fixture
def dutch() -> Iterator[None]:
    i18n.set_language("nl")
    yield
    i18n.set_language("en")


def test_a_rename_in_the_tree_is_named_in_dutch(shown, tree, dutch):
    """The step of a tree rename is named like the editor's ("Titel bewerken")."""
    KINDS[2].prepare(shown, tree)
    KINDS[2].edit(shown, 1)
    stack = shown.document.undo_stack
    assert stack.text(stack.count() - 1) == "Titel bewerken"
    KINDS[0].prepare(shown, tree)
    KINDS[0].edit(shown, 1)
    assert stack.text(stack.count() - 1) == "Titel bewerken"
