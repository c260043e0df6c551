"""The budget and staffing sheets: one column per year x stage x credit type (budget) or
per year x scenario (staffing), with the spreadsheet computing its own totals.

Group lines of the budget hold ``=SUM`` of the lines directly under them, and a total
row sums the top lines, so a person who changes an amount in Excel sees every total
follow. Staffing has a total row and planned − as-is columns as formulas, over the
same two years as the Staffing tab (the first planned year, the last as-is year). The values
of leaves are exact numbers; the formulas' results are checked against the app's
totals by LibreOffice in the tests.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from decimal import Decimal
from typing import Any

from openpyxl.utils import get_column_letter

from planner_app.domain import (
    BudgetAmount,
    BudgetLine,
    BudgetLineObjective,
    BudgetStage,
    CreditType,
    StaffingFigure,
)
from planner_app.domain.enums import Scenario, Statute
from planner_app.domain.resources_model import FTE_SCALE
from planner_app.exporting.excel_layout import (
    BUDGET_LINE_COLS,
    FIRST_ROW,
    SHEET_TITLES,
    TOTAL,
    Col,
    Kind,
)
from planner_app.exporting.excel_safety import Formula
from planner_app.exporting.excel_sheets import (
    Column,
    Context,
    SheetData,
    build_records,
    number_format,
    row_kind_column,
    tree_order,
)
from planner_app.i18n import N_
from planner_app.services.staffing import StaffingKey, compared_years

SUM_ARGS = 255  # arguments a spreadsheet function takes


def sum_formula(letter: str, rows: list[int]) -> Formula:
    """``=SUM(C5:C9,C12)`` over sheet rows (ascending); nested past 255 arguments."""
    parts: list[str] = []
    start = prev = None
    for row in [*rows, None]:
        if row is not None and prev is not None and row == prev + 1:
            prev = row
            continue
        if start is not None:
            parts.append(f"{letter}{start}" if start == prev else f"{letter}{start}:{letter}{prev}")
        start = prev = row
    while len(parts) > SUM_ARGS:
        parts = [
            "SUM(" + ",".join(parts[i : i + SUM_ARGS]) + ")" for i in range(0, len(parts), SUM_ARGS)
        ]
    return Formula("=SUM(" + ",".join(parts) + ")") if parts else Formula("=0")


def _plan_years(ctx: Context, found: set[int]) -> list[int]:
    return sorted(found | set(range(ctx.plan.first_year, ctx.plan.last_year + 1)))


def _add_total_row(sheet: SheetData, label_col: int, label: str, formulas: dict[int, Formula]):
    row: list[Any] = [None] * len(sheet.columns)
    row[label_col] = label
    for index, formula in formulas.items():
        row[index] = formula
    row[-1] = TOTAL
    sheet.bold_rows.add(len(sheet.rows))
    sheet.rows.append(row)
    sheet.levels.append(0)


def budget_sheet(ctx: Context) -> SheetData:
    stages = sorted(ctx.rows_of(BudgetStage), key=lambda r: (r.position, r.code))
    types = sorted(ctx.rows_of(CreditType), key=lambda r: (r.position, r.code))
    stage_code = {r.id: r.code for r in stages}
    type_code = {r.id: r.code for r in types}
    ordered = tree_order(ctx.rows_of(BudgetLine))
    own: dict[uuid.UUID, dict[str, Decimal]] = defaultdict(dict)
    years: set[int] = set()
    fractional = False
    for a in ctx.rows_of(BudgetAmount):
        if a.amount is None or a.stage_id not in stage_code or a.credit_type_id not in type_code:
            continue
        own[a.line_id][f"amt:{a.year}:{stage_code[a.stage_id]}:{type_code[a.credit_type_id]}"] = (
            a.amount
        )
        years.add(a.year)
        fractional = fractional or a.amount != a.amount.to_integral_value()
    places = 3 if fractional else 0
    pivot = [
        Col(f"amt:{y}:{st.code}:{ct.code}", f"{st.code} {y} {ct.code}", Kind.DEC, 13, places=places)
        for st in stages
        for y in _plan_years(ctx, years)
        for ct in types
    ]
    links: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for link in ctx.rows_of(BudgetLineObjective):
        links[link.line_id].append(link.objective_id)
    parents = {line.parent_id for line, _depth in ordered}

    def extras(line: BudgetLine) -> dict[str, Any]:
        amounts = {} if line.id in parents else own.get(line.id, {})
        objectives = sorted(links.get(line.id, ()), key=str)
        return {c.key: amounts.get(c.key) for c in pivot} | {
            "~objectives": ", ".join(ctx.codes.get(o, "?") for o in objectives) or None,
            "objectives": " ".join(str(o) for o in objectives) or None,
        }

    for line, _depth in ordered:
        if line.id in parents and own.get(line.id):
            ctx.report.warnings.append(
                ctx.t(
                    N_(
                        "Budget line {code} is a group but has amounts of its own; the sheet"
                        " shows the sum of its lines."
                    )
                ).format(code=line.code)
            )
    cols = (*BUDGET_LINE_COLS[:2], *pivot, *BUDGET_LINE_COLS[2:])
    sheet = build_records(
        ctx,
        "budget",
        cols,
        ordered,
        extras,
        where=lambda line: line.code or ctx.t(SHEET_TITLES["budget"]),
        indent_key="title",
    )
    sheet.freeze_col = 2
    labels = {c.key: c.label for c in pivot}
    amount_cols = [i for i, c in enumerate(sheet.columns) if c.key in labels]
    for i in amount_cols:
        sheet.columns[i].label = labels[sheet.columns[i].key]
    sheet.columns.append(row_kind_column())
    for row in sheet.rows:
        row.append(None)
    # Formulas: a group sums the lines directly under it; the total row the top lines.
    index_of = {line.id: i for i, (line, _d) in enumerate(ordered)}
    children: dict[uuid.UUID | None, list[int]] = defaultdict(list)
    for i, (line, _depth) in enumerate(ordered):
        children[line.parent_id if line.parent_id in index_of else None].append(FIRST_ROW + i)
    for parent, rows in children.items():
        if parent is None:
            continue
        for col in amount_cols:
            sheet.rows[index_of[parent]][col] = sum_formula(get_column_letter(col + 1), rows)
        sheet.bold_rows.add(index_of[parent])
    title_col = next(i for i, c in enumerate(sheet.columns) if c.key == f"title@{ctx.lang}")
    _add_total_row(
        sheet,
        title_col,
        ctx.t(N_("Total")),
        {c: sum_formula(get_column_letter(c + 1), children.get(None, [])) for c in amount_cols},
    )
    return sheet


_SCENARIOS = (Scenario.AS_IS, Scenario.PLANNED)
_STATUTES = tuple(Statute)


def _difference(planned: str, as_is: str, first: int, last: int, at: int, places: int) -> Formula:
    """``planned − as-is`` on row ``at``, blank unless both columns have a figure in
    rows ``first``..``last`` (the row itself, or the data rows for the total row), as
    ``staffing.difference`` in the app. Rounded to the figures' places, so the
    spreadsheet's binary floating point shows −60.3, not −60.3000000000002."""
    both = f"COUNT({planned}{first}:{planned}{last})*COUNT({as_is}{first}:{as_is}{last})"
    return Formula(f'=IF({both},ROUND({planned}{at}-{as_is}{at},{places}),"")')


def staffing_sheet(ctx: Context) -> SheetData:
    units = ctx.order.get("units", {})
    names = ctx.unit_names
    cells: dict[tuple[uuid.UUID, Statute], dict[str, Any]] = defaultdict(dict)
    found: set[StaffingKey] = set()
    for f in ctx.rows_of(StaffingFigure):
        if f.unit_id not in units:
            continue
        key = f"{f.year}:{f.scenario.value}"
        cells[(f.unit_id, f.statute)] |= {f"fte:{key}": f.fte, f"headcount:{key}": f.headcount}
        found.add(StaffingKey(f.scenario, f.year))
    years = _plan_years(ctx, {k.year for k in found})
    # The same two years as the Staffing tab; no difference where a side has no figures.
    as_is_year, planned_year = compared_years(found, ctx.plan.first_year)
    compared = {k.scenario for k in found} == set(_SCENARIOS)
    t = ctx.t
    fte_format, head_format = number_format(FTE_SCALE), number_format(0)
    columns = [
        Column("~unit", t(N_("Unit")), 30, Kind.INFO),
        Column("statute", t(N_("Statute")), 8, Kind.ENUM),
    ]
    measures = (("fte", t(N_("FTE")), fte_format), ("headcount", t(N_("Headcount")), head_format))
    for year in years:
        for scenario in _SCENARIOS:
            for what, label, fmt in measures:
                columns.append(
                    Column(
                        f"{what}:{year}:{scenario.value}",
                        f"{year} {ctx.label(scenario)} {label}",
                        11,
                        Kind.DEC,
                        number_format=fmt,
                    )
                )
    difference = t(N_("Planned {planned} − as-is {as_is}")).format(
        planned=planned_year, as_is=as_is_year
    )
    difference_key = {what: f"~d{what}:{planned_year}:{as_is_year}" for what, *_ in measures}
    for what, label, fmt in measures:
        columns.append(
            Column(
                difference_key[what],
                f"{difference} {label}",
                13,
                Kind.INFO,
                number_format=fmt,
            )
        )
    columns.append(Column("unit_id", t(N_("Unit")), 10, Kind.REF, hidden=True))
    columns.append(row_kind_column())
    sheet = SheetData("staffing", t(SHEET_TITLES["staffing"]), columns, freeze_col=2)
    index = {c.key: i for i, c in enumerate(columns)}
    letter = {k: get_column_letter(i + 1) for k, i in index.items()}
    sides = {  # none when the plan has no as-is or no planned figures at all
        what: (letter[f"{what}:{planned_year}:planned"], letter[f"{what}:{as_is_year}:as_is"])
        for what, _label, _fmt in measures
        if compared
    }
    places = {"fte": FTE_SCALE, "headcount": 0}
    keys = sorted(cells, key=lambda k: (units[k[0]], _STATUTES.index(k[1])))
    for n, (unit_id, statute) in enumerate(keys):
        row: list[Any] = [None] * len(columns)
        row[0] = names.get(unit_id, "")
        row[1] = statute.value
        for key, value in cells[(unit_id, statute)].items():
            row[index[key]] = value
        at = FIRST_ROW + n
        for what, (planned, as_is) in sides.items():
            row[index[difference_key[what]]] = _difference(planned, as_is, at, at, at, places[what])
        row[index["unit_id"]] = str(unit_id)
        sheet.rows.append(row)
        sheet.levels.append(0)
    data_rows = list(range(FIRST_ROW, FIRST_ROW + len(keys)))
    total_row = FIRST_ROW + len(keys)
    formulas: dict[int, Formula] = {}
    for key, i in index.items():
        if key.startswith(("fte:", "headcount:")):
            formulas[i] = sum_formula(letter[key], data_rows)
    for what, (planned, as_is) in sides.items() if keys else ():
        formulas[index[difference_key[what]]] = _difference(
            planned, as_is, FIRST_ROW, total_row - 1, total_row, places[what]
        )
    _add_total_row(sheet, 0, t(N_("Total")), formulas)
    return sheet
