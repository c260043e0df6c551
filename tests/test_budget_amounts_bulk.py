"""Budget amounts are written in bulk (``domain.bulk``), not object by object: the
rows, their replication columns and the change log must come out exactly as the ORM
flush hook writes them, so the exchange and ``check`` cannot tell the paths apart."""

from __future__ import annotations

import json
import uuid
from decimal import Decimal

import pytest
from sqlalchemy import select

from planner_app.domain import BudgetAmount, ChangeLogEntry
from planner_app.errors import ValidationError
from planner_app.services import (
    budget_amounts,
    budget_dimensions,
    budget_lines,
    budget_read,
)
from planner_app.services.budget_amounts import AmountCell
from planner_app.services.budget_read import BudgetColumn
from planner_app.services.integrity import change_log_problems
from tests.orm_amounts import orm_write

COLUMN = BudgetColumn(2025, "INI", "VL")
# Values one cell takes in turn: new, unchanged, changed, cleared, cleared again, back.
STEPS = [Decimal(7), Decimal(7), Decimal("8.5"), None, None, Decimal("0.001")]


def history(store, line_id):
    """The amount row (value, tombstone, version) and its log, with the line's id
    replaced so two lines' histories compare."""
    with store.read() as s:
        row = s.scalars(select(BudgetAmount).where(BudgetAmount.line_id == line_id)).one()
        log = s.scalars(
            select(ChangeLogEntry)
            .where(ChangeLogEntry.row_id == row.id)
            .order_by(ChangeLogEntry.seq)
        ).all()
        assert [e.hlc for e in log] == sorted(e.hlc for e in log)
        assert all(e.site_id == store.context.site_id and e.plan_id == row.plan_id for e in log)
        entries = [(e.op, e.field, e.old, (e.new or "").replace(str(line_id), "LINE")) for e in log]
        return (row.amount, row.deleted, row.row_version, row.site_id), entries


def test_bulk_writes_rows_and_log_exactly_as_the_flush_hook(store, plan_id, tree):
    other = budget_lines.add_line(store, plan_id, title="Personeel").id
    for value in STEPS:
        orm_write(store, plan_id, [(tree["line"], COLUMN, value)])
        budget_amounts.set_amounts(store, [AmountCell(other, COLUMN, value)])
    assert history(store, other) == history(store, tree["line"])
    _row, entries = history(store, other)
    assert [(op, field) for op, field, _o, _n in entries] == [
        ("insert", "*"),
        ("update", "amount"),
        ("delete", "amount"),
        ("delete", "deleted"),
        ("update", "amount"),
        ("update", "deleted"),
    ]
    assert json.loads(entries[0][3])["amount"] == "7"
    with store.read() as s:
        assert change_log_problems(s) == []


def test_a_block_is_one_transaction_and_returns_what_undo_writes_back(store, plan_id, tree):
    budget_dimensions.add_credit_type(store, plan_id, code="VE")
    lines = [budget_lines.add_line(store, plan_id, title=f"L{n}").id for n in range(4)]
    budget_amounts.set_amount(store, lines[0], year=2025, stage="INI", credit_type="VL", amount=5)
    columns = [BudgetColumn(year, "INI", t) for year in (2025, 2026) for t in ("VL", "VE")]
    cells = [
        AmountCell(line, column, Decimal(n))
        for n, (line, column) in enumerate((li, c) for li in lines for c in columns)
    ]
    changed = budget_amounts.set_amounts(store, cells)
    assert changed.extra["old"] == (Decimal(5),) + (None,) * 15
    totals = budget_read.budget_totals(store, plan_id)
    assert [totals.of(c.line_id, c.column) for c in cells] == [c.amount for c in cells]
    undo = [
        AmountCell(c.line_id, c.column, o) for c, o in zip(cells, changed.extra["old"], strict=True)
    ]
    budget_amounts.set_amounts(store, undo)
    totals = budget_read.budget_totals(store, plan_id)
    assert [totals.of(c.line_id, c.column) for c in cells] == [Decimal(5)] + [None] * 15
    with store.read() as s:
        assert change_log_problems(s) == []


def test_a_bad_cell_anywhere_in_a_block_writes_nothing(store, plan_id, tree):
    lines = [budget_lines.add_line(store, plan_id, title=f"L{n}").id for n in range(3)]
    before = budget_read.budget_totals(store, plan_id).values
    cells = [AmountCell(line, COLUMN, Decimal(1)) for line in lines]
    cells.append(AmountCell(lines[1], BudgetColumn(2025, "INI", "XX"), Decimal(1)))
    with pytest.raises(ValidationError, match="XX"):
        budget_amounts.set_amounts(store, cells)
    assert budget_read.budget_totals(store, plan_id).values == before
    with pytest.raises(ValidationError, match="negative"):
        budget_amounts.set_amounts(store, [AmountCell(lines[0], COLUMN, Decimal(-1))])
    budget_lines.add_line(store, plan_id, title="Sub", parent_id=tree["line"])
    with pytest.raises(ValidationError, match="group"):
        budget_amounts.set_amounts(store, [AmountCell(tree["line"], COLUMN, Decimal(1))])


def test_the_same_cell_twice_keeps_the_last_value(store, plan_id, tree):
    line = tree["line"]
    changed = budget_amounts.set_amounts(
        store, [AmountCell(line, COLUMN, Decimal(1)), AmountCell(line, COLUMN, Decimal(2))]
    )
    assert changed.extra["old"] == (None, None)
    assert budget_read.budget_totals(store, plan_id).of(line, COLUMN) == Decimal(2)
    budget_amounts.set_amounts(
        store, [AmountCell(line, COLUMN, Decimal(3)), AmountCell(line, COLUMN, None)]
    )
    assert budget_read.budget_totals(store, plan_id).of(line, COLUMN) is None
    with store.read() as s:
        assert change_log_problems(s) == []


def test_an_unknown_line_is_named(store, plan_id, tree):
    with pytest.raises(Exception, match="no longer exists"):
        budget_amounts.set_amounts(store, [AmountCell(uuid.uuid4(), COLUMN, Decimal(1))])


def test_rows_loaded_earlier_in_the_transaction_show_the_written_values(store, plan_id, tree):
    line = tree["line"]
    budget_amounts.set_amounts(store, [AmountCell(line, COLUMN, Decimal(1))])
    with store.transaction() as s:
        row = s.scalars(select(BudgetAmount).where(BudgetAmount.line_id == line)).one()
        assert row.amount == Decimal(1)
        budget_amounts.set_amounts(store, [AmountCell(line, COLUMN, Decimal(2))])  # joins it
        assert row.amount == Decimal(2) and row.row_version == 2
