"""Totals as the source document prints them, and where they differ from the rows.

A plan transcribed from a signed document keeps its rows as printed and computes every
total from them; the totals the document itself printed are kept beside them as data
(``domain.PrintedTotal``), so the window and the PDF can say where the two differ
(seed 003 §5.3: "Totaal per jaar 5883,0" over rows that add up to 5.882,0). They are
never used in a sum.

A printed total is addressed by what it totals (``TotalSpot``): a budget line and a
column (stage, year, credit type), or no line for the budget's grand total; a unit, a
scenario and year, a statute or all of them, FTE or headcount, or no unit for the
staffing table's total row.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner_app.domain import BudgetLine, BudgetStage, CreditType, OrgUnit, PrintedTotal
from planner_app.domain.enums import Measure, Scenario, Statute
from planner_app.domain.resources_model import FTE_SCALE, KEUR_SCALE
from planner_app.errors import ValidationError
from planner_app.i18n import _
from planner_app.services.budget_read import BudgetColumn, BudgetTotals, compute_budget_totals
from planner_app.services.common import (
    Changed,
    Entity,
    check_decimal,
    check_year,
    get_live,
    get_plan,
    writable_plan,
)
from planner_app.services.staffing import StaffingKey, StaffingTotals, compute_staffing_totals
from planner_app.storage import PlanFile

LIMIT = Decimal(10) ** 12
_PLACES = {Measure.AMOUNT: KEUR_SCALE, Measure.FTE: FTE_SCALE, Measure.HEADCOUNT: 0}


@dataclass(frozen=True)
class BudgetSpot:
    """A budget cell a source prints a total in: ``line_id`` None is the grand total."""

    line_id: uuid.UUID | None
    column: BudgetColumn


@dataclass(frozen=True)
class StaffingSpot:
    """A staffing cell: ``unit_id`` None is the table's total row, ``statute`` None the
    total over the statutes; ``measure`` FTE or headcount."""

    unit_id: uuid.UUID | None
    key: StaffingKey
    statute: Statute | None
    measure: Measure


TotalSpot = BudgetSpot | StaffingSpot


@dataclass(frozen=True)
class PrintedDifference:
    """A printed total that is not the sum of the rows it totals."""

    spot: TotalSpot
    printed: Decimal
    computed: Decimal

    @property
    def delta(self) -> Decimal:
        return self.printed - self.computed


@dataclass(frozen=True)
class PrintedTotals:
    """A plan's printed totals by the cell they are printed in."""

    values: dict[TotalSpot, Decimal]

    def get(self, spot: TotalSpot) -> Decimal | None:
        return self.values.get(spot)

    def differences(
        self, budget: BudgetTotals | None, staffing: StaffingTotals | None
    ) -> list[PrintedDifference]:
        """Every printed total that differs from the computed one (an empty cell counts
        as 0), in a stable order: budget first, then staffing."""
        found = []
        for spot, printed in self.values.items():
            computed = _computed(spot, budget, staffing)
            if computed is not None and computed != printed:
                found.append(PrintedDifference(spot, printed, computed))
        return sorted(found, key=_order)


def _order(difference: PrintedDifference) -> tuple:
    spot = difference.spot
    if isinstance(spot, BudgetSpot):
        return (0, spot.line_id is None, str(spot.line_id), spot.column)
    key = spot.key
    return (
        1,
        spot.unit_id is None,
        str(spot.unit_id),
        key.year,
        key.scenario.value,
        spot.measure.value,
        spot.statute is None,
        spot.statute.value if spot.statute else "",
    )


def _computed(
    spot: TotalSpot, budget: BudgetTotals | None, staffing: StaffingTotals | None
) -> Decimal | None:
    """The total the rows give (0 for an empty cell), or None when the table is not
    at hand."""
    if isinstance(spot, BudgetSpot):
        if budget is None:
            return None
        if spot.line_id is None:
            value = budget.grand_total.get(spot.column)
        else:
            value = budget.of(spot.line_id, spot.column)
        return value if value is not None else Decimal(0)
    if staffing is None:
        return None
    if spot.unit_id is not None:
        figure = staffing.unit(spot.unit_id, spot.key, spot.statute)
    elif spot.statute is not None:
        figure = staffing.per_statute.get((spot.key, spot.statute))
    else:
        figure = staffing.per_key.get(spot.key)
    if figure is None:
        return Decimal(0)
    value = figure.fte if spot.measure is Measure.FTE else figure.headcount
    return Decimal(value) if value is not None else Decimal(0)


def read_printed_totals(s: Session, plan_id: uuid.UUID) -> PrintedTotals:
    stages = dict(
        s.execute(
            select(BudgetStage.id, BudgetStage.code).where(BudgetStage.plan_id == plan_id)
        ).all()
    )
    types = dict(
        s.execute(select(CreditType.id, CreditType.code).where(CreditType.plan_id == plan_id)).all()
    )
    values: dict[TotalSpot, Decimal] = {}
    for row in s.scalars(
        select(PrintedTotal).where(PrintedTotal.plan_id == plan_id, PrintedTotal.deleted.is_(False))
    ):
        spot = _spot(row, stages, types)
        if spot is not None:
            values[spot] = as_printed(row.value, row.measure)
    return PrintedTotals(values)


def as_printed(value: Decimal, measure: Measure) -> Decimal:
    """``value`` with the decimals it has (stored to a fixed scale: 6.000 is 6), FTE
    with at least one, as plans print them (6.0)."""
    exponent = value.normalize().as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    if measure is Measure.FTE:
        decimals = max(decimals, 1)
    return value.quantize(Decimal(1).scaleb(-decimals))


def _spot(row: PrintedTotal, stages: dict, types: dict) -> TotalSpot | None:
    if row.measure is Measure.AMOUNT:
        if row.stage_id not in stages or row.credit_type_id not in types:
            return None
        column = BudgetColumn(row.year, stages[row.stage_id], types[row.credit_type_id])
        return BudgetSpot(row.budget_line_id, column)
    if row.scenario is None:
        return None
    return StaffingSpot(row.unit_id, StaffingKey(row.scenario, row.year), row.statute, row.measure)


def printed_totals(store: PlanFile, plan_id: uuid.UUID) -> PrintedTotals:
    with store.read() as s:
        get_plan(s, plan_id)
        return read_printed_totals(s, plan_id)


def printed_differences(store: PlanFile, plan_id: uuid.UUID) -> list[PrintedDifference]:
    """Where the plan's printed totals differ from the sums of their rows."""
    with store.read() as s:
        get_plan(s, plan_id)
        printed = read_printed_totals(s, plan_id)
        if not printed.values:
            return []
        budget = compute_budget_totals(s, plan_id)
        staffing = compute_staffing_totals(s, plan_id)
    return printed.differences(budget, staffing)


def set_printed_total(
    store: PlanFile, plan_id: uuid.UUID, spot: TotalSpot, value: Decimal | int | str | None
) -> Changed:
    """Record the total the source prints in ``spot`` (None forgets it). The
    ``Changed`` carries the value before (``old``, read in this write's transaction: what
    an undo writes back) and after (``new``)."""
    with store.transaction() as s:
        plan = writable_plan(s, plan_id)
        fields = _fields(s, plan.id, spot)
        measure = fields["measure"]
        number = check_decimal(
            _("Printed total"),
            value,
            places=_PLACES[measure],
            limit=LIMIT,
            allow_negative=measure is Measure.AMOUNT,
        )
        row_id = PrintedTotal.key_id(*(fields.get(name) for name in PrintedTotal.natural_key))
        row = s.get(PrintedTotal, row_id)
        old = None if row is None or row.deleted else as_printed(row.value, measure)
        if row is None:
            if number is not None:
                s.add(PrintedTotal(id=row_id, **fields, value=number))
        else:
            row.deleted = number is None
            if number is not None:
                row.value = number
        new = None if number is None else as_printed(number, measure)
        return Changed(
            Entity.PRINTED_TOTAL,
            (row_id,),
            "updated",
            ("value",),
            old={"value": old},
            new={"value": new},
        )


def _fields(s: Session, plan_id: uuid.UUID, spot: TotalSpot) -> dict[str, object]:
    """The row's natural key for ``spot``, its references checked against the plan."""
    if isinstance(spot, BudgetSpot):
        column = spot.column
        check_year(_("Year"), column.year)
        if spot.line_id is not None:
            line = get_live(s, BudgetLine, spot.line_id, "budget line")
            if line.plan_id != plan_id:
                raise ValidationError(_("Budget line"), _("belongs to another plan."))
        stage = _by_code(s, BudgetStage, plan_id, column.stage, _("Budget stage"))
        credit = _by_code(s, CreditType, plan_id, column.credit_type, _("Credit type"))
        return {
            "plan_id": plan_id,
            "measure": Measure.AMOUNT,
            "budget_line_id": spot.line_id,
            "unit_id": None,
            "year": column.year,
            "stage_id": stage,
            "credit_type_id": credit,
            "scenario": None,
            "statute": None,
        }
    if spot.measure is Measure.AMOUNT:
        raise ValidationError(_("Printed total"), _("staffing counts FTE or headcount."))
    check_year(_("Year"), spot.key.year)
    if spot.unit_id is not None:
        unit = get_live(s, OrgUnit, spot.unit_id, "unit")
        if unit.plan_id != plan_id:
            raise ValidationError(_("Unit"), _("belongs to another plan."))
    return {
        "plan_id": plan_id,
        "measure": spot.measure,
        "budget_line_id": None,
        "unit_id": spot.unit_id,
        "year": spot.key.year,
        "stage_id": None,
        "credit_type_id": None,
        "scenario": Scenario(spot.key.scenario),
        "statute": spot.statute,
    }


def _by_code(s: Session, model, plan_id: uuid.UUID, code: str, field: str) -> uuid.UUID:
    found = s.scalar(
        select(model.id).where(
            model.plan_id == plan_id, model.code == code, model.deleted.is_(False)
        )
    )
    if found is None:
        raise ValidationError(field, _("the plan has no {code}.").format(code=code))
    return found


def set_printed_totals(
    store: PlanFile, plan_id: uuid.UUID, totals: Iterable[tuple[TotalSpot, Decimal | None]]
) -> Changed:
    """Several printed totals in one transaction (the demo, an import): all or none."""
    ids: list[uuid.UUID] = []
    with store.transaction():
        for spot, value in totals:
            ids.extend(set_printed_total(store, plan_id, spot, value).ids)
    return Changed(Entity.PRINTED_TOTAL, tuple(ids), "updated")
