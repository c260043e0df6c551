"""A real spreadsheet agrees: LibreOffice recalculates the exported budget and staffing
sheets, and its totals equal the app's exact totals (runs where ``soffice`` exists)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from planner_app.domain.enums import Scenario
from planner_app.exporting.excel import export_xlsx
from planner_app.services import (
    budget_read,
    staffing,
)
from planner_app.services.plans import find_plan
from planner_app.storage import PlanFile
from tests.libreoffice import CSV_FILTER, convert, needs_soffice

pytestmark = needs_soffice


@pytest.fixture(scope="module")
def recalculated(demo_source: Path, tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("lo")
    out = folder / "ibz.xlsx"
    with PlanFile.open(demo_source, readonly=True) as store:
        plan_id = find_plan(store, "ibz-2025-2029").id
        export_xlsx(store, plan_id, out, language="nl")
        totals = budget_read.budget_totals(store, plan_id)
        people = staffing.staffing_totals(store, plan_id)
    convert(folder, CSV_FILTER, [out], folder / "csv")
    sheets = {}
    for path in (folder / "csv").glob("ibz-*.csv"):
        with path.open(encoding="utf-8") as fh:
            sheets[path.stem.removeprefix("ibz-")] = list(csv.reader(fh))
    names = {row[0].removeprefix("sheet:"): row[1] for row in sheets["_planner"]}
    return sheets[names["budget"]], sheets[names["staffing"]], totals, people


def _rows(sheet: list[list[str]]) -> tuple[list[str], list[dict[str, str]]]:
    keys = sheet[0]
    return keys, [dict(zip(keys, row, strict=False)) for row in sheet[2:]]


def test_budget_sums_in_libreoffice_equal_the_app(recalculated):
    sheet, _people, totals, _ = recalculated
    _keys, rows = _rows(sheet)
    total = next(r for r in rows if r["_kind"] == "total")
    checked = 0
    for column in totals.columns:
        key = f"amt:{column.year}:{column.stage}:{column.credit_type}"
        assert Decimal(total[key]) == totals.grand_total[column], key
        for row in rows:
            if row["_kind"] == "total":
                continue
            line = next(line for line in totals.lines if str(line.id) == row["id"])
            expected = totals.of(line.id, column)
            assert Decimal(row[key] or "0") == (expected or 0), (row["code"], key)
            checked += 1
    assert checked > 50
    first = totals.columns[0]
    assert Decimal(total[f"amt:{first.year}:{first.stage}:{first.credit_type}"]) == 2514220


def test_staffing_totals_in_libreoffice_equal_the_app(recalculated):
    _budget, sheet, _totals, people = recalculated
    _keys, rows = _rows(sheet)
    total = next(r for r in rows if r["_kind"] == "total")
    for key in people.keys:
        figure = people.per_key[key]
        column = f"{key.year}:{key.scenario.value}"
        assert Decimal(total[f"fte:{column}"]) == (figure.fte or 0), column
        assert Decimal(total[f"headcount:{column}"]) == (figure.headcount or 0), column
    # planned − as-is: the Staffing tab's two years (demo: planned 2025 − as-is 2024),
    # the same figure as the app (−60.3 FTE), blank where a side has no figures.
    as_is_year, planned_year = staffing.compared_years(people.keys, 2025)
    assert (as_is_year, planned_year) == (2024, 2025)
    checked = 0
    for what in ("fte", "headcount"):
        column = f"~d{what}:{planned_year}:{as_is_year}"
        planned = people.per_key[staffing.StaffingKey(Scenario.PLANNED, planned_year)]
        as_is = people.per_key[staffing.StaffingKey(Scenario.AS_IS, as_is_year)]
        expected = staffing.difference(getattr(planned, what), getattr(as_is, what))
        assert total[column] == ("" if expected is None else str(expected)), column
        for row in rows:
            if row["_kind"] != "total":
                cells = [row[f"{what}:{planned_year}:planned"], row[f"{what}:{as_is_year}:as_is"]]
                own = staffing.difference(*(Decimal(c) if c else None for c in cells))
                shown = Decimal(row[column]) if row[column] else None
                assert shown == own, (row["~unit"], row["statute"], column)
                checked += own is not None
    assert checked > 20
    assert total[f"~dfte:{planned_year}:{as_is_year}"] == "-60.3"
    assert total[f"~dheadcount:{planned_year}:{as_is_year}"] == ""  # no planned headcount
