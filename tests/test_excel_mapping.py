"""A simple budget or staffing sheet into the current plan, with a column mapping."""

from __future__ import annotations

import uuid
from decimal import Decimal
from pathlib import Path

import pytest

from planner_app.domain.enums import Scenario, Statute
from planner_app.exporting.excel_limits import WorkbookError
from planner_app.exporting.excel_mapping import (
    AmountColumn,
    BudgetMapping,
    FigureColumn,
    StaffingMapping,
    import_budget_sheet,
    import_staffing_sheet,
    preview_sheet,
)
from planner_app.services import (
    budget_dimensions,
    budget_lines,
    budget_read,
    staffing,
    units,
)
from planner_app.storage import PlanFile
from tests.conftest import write_sheet


@pytest.fixture
def lines(store: PlanFile, plan_id: uuid.UUID) -> dict[str, uuid.UUID]:
    budget_dimensions.add_stage(store, plan_id, code="INI")
    budget_dimensions.add_credit_type(store, plan_id, code="VL")
    budget_dimensions.add_credit_type(store, plan_id, code="VE")
    return {
        code: budget_lines.add_line(store, plan_id, title=code, code=code).id
        for code in ("P1", "W2")
    }


MAPPING = BudgetMapping(
    code_column="A",
    columns=(AmountColumn("C", 2025, "INI", "VL"), AmountColumn("D", 2025, "INI", "VE")),
)


def test_budget_sheet_sets_the_mapped_amounts(store, plan_id, lines, tmp_path: Path):
    source = write_sheet(
        tmp_path / "b.xlsx",
        [["code", "name", "VL", "VE"], ["P1", "Personeel", 100.5, 90], ["W2", "Werking", 7, None]],
    )
    assert preview_sheet(source)[0] == ["code", "name", "VL", "VE"]
    assert import_budget_sheet(store, plan_id, source, MAPPING) == 3
    totals = budget_read.budget_totals(store, plan_id)
    column = budget_read.BudgetColumn(2025, "INI", "VL")
    assert totals.of(lines["P1"], column) == Decimal("100.5")
    assert totals.grand_total[column] == Decimal("107.5")


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        (["XX", "", 1, 1], r"row 3, column A: no budget line has this code or title"),
        (["W2", "", "seven", 1], r"row 3, column C: expected a number, found text"),
        (["W2", "", "=1+1", 1], r"row 3, column C: a formula is not accepted"),
        (["W2", "", 1.0001, 1], r"row 3, column C: Amount: has more than 3 decimals"),
    ],
)
def test_budget_sheet_is_all_or_nothing(store, plan_id, lines, tmp_path, bad_row, message):
    source = write_sheet(tmp_path / "b.xlsx", [["code"], ["P1", "", 5, 5], bad_row])
    with pytest.raises(WorkbookError, match=message):
        import_budget_sheet(store, plan_id, source, MAPPING)
    assert budget_read.budget_totals(store, plan_id).grand_total == {}


def test_staffing_sheet_sets_fte_and_headcount(store, plan_id, tmp_path: Path):
    unit = units.add_unit(store, plan_id, name="Dienst", code="D1").id
    source = write_sheet(
        tmp_path / "s.xlsx", [["unit", "statute", "fte", "n"], ["D1", "C", 2.5, 3]]
    )
    mapping = StaffingMapping(
        unit_column="A",
        statute_column="B",
        columns=(
            FigureColumn("C", 2025, Scenario.PLANNED, "fte"),
            FigureColumn("D", 2025, Scenario.PLANNED, "headcount"),
        ),
    )
    assert import_staffing_sheet(store, plan_id, source, mapping) == 2
    figure = staffing.staffing_totals(store, plan_id).unit(
        unit, staffing.StaffingKey(Scenario.PLANNED, 2025), Statute.CONTRACTUAL
    )
    assert figure == staffing.Figure(Decimal("2.5"), 3)


def test_every_problem_is_listed_with_row_and_column_and_nothing_changes(
    store, plan_id, lines, tmp_path
):
    """Sheet problems and the services' refusals (a negative amount on a line that does
    not allow one) come out together, each at its cell."""
    source = write_sheet(
        tmp_path / "b.xlsx",
        [["code"], ["P1", "", -5, 5], ["XX", "", 1, 1], ["W2", "", "x", 2]],
    )
    with pytest.raises(WorkbookError) as caught:
        import_budget_sheet(store, plan_id, source, MAPPING)
    text = str(caught.value)
    assert "3 problem(s)" in text
    assert "row 2, column C" in text and "row 3, column A" in text and "row 4, column C" in text
    assert budget_read.budget_totals(store, plan_id).grand_total == {}


def test_sheet_cells_are_checked_but_not_written(store, plan_id, lines, tmp_path):
    from planner_app.exporting.excel_mapping import budget_sheet_cells

    source = write_sheet(tmp_path / "b.xlsx", [["code"], ["P1", "", 5, 6]])
    cells = budget_sheet_cells(store, plan_id, source, MAPPING)
    assert [(c.line_id, c.column.credit_type, c.amount) for c in cells] == [
        (lines["P1"], "VL", Decimal(5)),
        (lines["P1"], "VE", Decimal(6)),
    ]
    assert budget_read.budget_totals(store, plan_id).grand_total == {}
