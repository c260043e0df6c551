"""A budget edit updates the model in place: only the edited cell, its groups' cells
and the total's cell change and are announced, they equal a fresh read of the file,
and a paste's undo/redo restores every cell the paste touched, in place as well."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QModelIndex

from planner_app.services import (
    budget_amounts,
    budget_read,
)
from planner_app.services.budget_read import BudgetColumn
from planner_app.services.paste import split_block
from planner_app.ui.budget.budget_tree import BudgetTreeModel
from planner_app.ui.budget.commands import AddDimensionCommand, AddLineCommand
from planner_app.ui.core.document import PlanDocument

D = Decimal
COLUMNS = [BudgetColumn(year, "INI", t) for year in (2025, 2026) for t in ("VL", "VE")]


@pytest.fixture
def budget_tree(document):
    """Top > (Mid > (a, b), c); d beside Top; amounts in four columns on every leaf."""
    for kind, code in (("stage", "INI"), ("credit_type", "VL"), ("credit_type", "VE")):
        assert document.run(AddDimensionCommand(document, kind, code))
    ids = {}
    for key, parent in (
        ("top", None),
        ("mid", "top"),
        ("a", "mid"),
        ("b", "mid"),
        ("c", "top"),
        ("d", None),
    ):
        command = AddLineCommand(document, title=key, parent_id=ids.get(parent))
        assert document.run(command)
        ids[key] = command.line_id
    cells = [
        budget_amounts.AmountCell(ids[key], column, D(n + 1) * 10 + D("0.125"))
        for n, (key, column) in enumerate((k, c) for k in "abcd" for c in COLUMNS)
    ]
    budget_amounts.set_amounts(document.store, cells)
    model = BudgetTreeModel()
    model.set_document(document)
    model.set_shown(years=[2025, 2026])
    return model, ids


def shown(model: BudgetTreeModel, ids) -> dict:
    """Every value the model holds, by (line key or 'total', column)."""
    out = {(key, c): model.line_value(line, c) for key, line in ids.items() for c in COLUMNS}
    out.update({("total", c): model.line_value(None, c) for c in COLUMNS})
    return out


def in_file(document: PlanDocument, ids) -> dict:
    totals = budget_read.budget_totals(document.store, document.plan_id)
    out = {(key, c): totals.of(line, c) for key, line in ids.items() for c in COLUMNS}
    out.update({("total", c): totals.grand_total.get(c) for c in COLUMNS})
    return out


def test_an_edit_changes_only_its_cell_its_groups_and_the_total(budget_tree, document):
    model, ids = budget_tree
    assert shown(model, ids) == in_file(document, ids)
    before = shown(model, ids)
    announced: list[tuple[QModelIndex, QModelIndex]] = []
    model.dataChanged.connect(lambda first, last, _roles: announced.append((first, last)))
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    column = COLUMNS[3]
    assert model.setData(model.index_of(ids["a"], model.column_of(column)), "1.000,5")
    after = shown(model, ids)
    assert after == in_file(document, ids)  # exact, as a fresh read of the file
    changed = {key for key in after if after[key] != before[key]}
    assert changed == {("a", column), ("mid", column), ("top", column), ("total", column)}
    assert not resets
    number = model.column_of(column)
    rows = {(first.internalPointer(), first.column(), last.column()) for first, last in announced}
    assert all(first == last for first, last in announced)  # one cell each
    assert {(node.info.id if node.info else None, a, b) for node, a, b in rows} == {
        (ids["a"], number, number),
        (ids["mid"], number, number),
        (ids["top"], number, number),
        (None, number, number),
    }
    assert model.data(model.index_of(ids["a"], number)) == "1.000,5"


def test_clearing_the_only_amount_under_a_group_empties_its_sum(budget_tree, document):
    model, ids = budget_tree
    column = COLUMNS[0]
    assert model.setData(model.index_of(ids["d"], model.column_of(column)), "")
    assert model.line_value(ids["d"], column) is None
    assert shown(model, ids) == in_file(document, ids)


def test_paste_undo_and_redo_restore_every_cell_exactly(budget_tree, document):
    model, ids = budget_tree
    before = shown(model, ids)
    start = model.index_of(ids["a"], 2)
    block = split_block("1\t2,5\t\n3\t\t0,001\n")  # lands on a and b, columns 2-4
    assert model.paste(block, start, model.all_rows())
    pasted = shown(model, ids)
    assert pasted == in_file(document, ids) and pasted != before
    assert pasted[("a", COLUMNS[1])] == D(1) and pasted[("a", COLUMNS[3])] is None
    assert pasted[("b", COLUMNS[3])] == D("0.001")
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    document.undo_stack.undo()
    assert shown(model, ids) == in_file(document, ids) == before
    document.undo_stack.redo()
    assert shown(model, ids) == in_file(document, ids) == pasted
    assert not resets  # undo and redo updated the cells in place too


def test_a_change_of_lines_still_reads_the_file_again(budget_tree, document):
    model, ids = budget_tree
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    assert document.run(AddLineCommand(document, title="e", parent_id=ids["mid"]))
    assert resets and shown(model, ids) == in_file(document, ids)


def test_qtmodeltester_after_in_place_edits(budget_tree, qtmodeltester):
    model, ids = budget_tree
    model.setData(model.index_of(ids["b"], 1), "5")
    model.paste(split_block("1\t2"), model.index_of(ids["c"], 1), model.all_rows())
    qtmodeltester.check(model)
