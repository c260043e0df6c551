"""Staffing figures: FTE (exact, two decimals) and headcount per unit, statute, year
and scenario, with totals per unit (rolled up the unit tree), statute and year."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner_app.domain import OrgUnit, StaffingFigure
from planner_app.domain.enums import Scenario, Statute
from planner_app.domain.resources_model import FTE_SCALE
from planner_app.errors import ValidationError
from planner_app.i18n import _
from planner_app.services.common import (
    Changed,
    check_decimal,
    check_year,
    get_live,
    writable_plan,
)
from planner_app.storage import PlanFile

FTE_LIMIT = Decimal(10) ** 7
HEADCOUNT_LIMIT = 10**7
_UNSET = object()


@dataclass(frozen=True, order=True)
class StaffingKey:
    """A column group: a scenario in a year (as-is 2024, planned 2025)."""

    scenario: Scenario
    year: int


@dataclass(frozen=True)
class Figure:
    """FTE and headcount; ``None`` where no row gave one."""

    fte: Decimal | None = None
    headcount: int | None = None

    def __add__(self, other: Figure) -> Figure:
        def add(a, b):
            if a is None:
                return b
            return a if b is None else a + b

        return Figure(add(self.fte, other.fte), add(self.headcount, other.headcount))


@dataclass(frozen=True)
class StaffingTotals:
    keys: tuple[StaffingKey, ...]
    # unit totals include the unit's sub-units; statute None = all statutes
    per_unit: dict[tuple[uuid.UUID, StaffingKey, Statute | None], Figure]
    per_statute: dict[tuple[StaffingKey, Statute], Figure]
    per_key: dict[StaffingKey, Figure]

    def unit(self, unit_id: uuid.UUID, key: StaffingKey, statute: Statute | None = None) -> Figure:
        return self.per_unit.get((unit_id, key, statute), Figure())


def set_staffing(
    store: PlanFile,
    unit_id: uuid.UUID,
    *,
    statute: Statute | str,
    year: int,
    scenario: Scenario | str,
    fte: Decimal | int | str | object | None = _UNSET,
    headcount: int | str | object | None = _UNSET,
) -> Changed:
    """Set FTE and/or headcount of one cell; leaving both empty removes the cell."""
    try:
        statute = Statute(statute)
        scenario = Scenario(scenario)
    except ValueError as err:
        raise ValidationError(_("Statute/scenario"), str(err)) from None
    with store.transaction() as s:
        unit = get_live(s, OrgUnit, unit_id, "unit")
        plan = writable_plan(s, unit.plan_id)
        check_year(_("Year"), year, plan, slack=5)
        row_id = StaffingFigure.key_id(unit.id, statute, year, scenario)
        row = s.get(StaffingFigure, row_id)
        if row is None:
            row = StaffingFigure(
                id=row_id,
                plan_id=plan.id,
                unit_id=unit.id,
                statute=statute,
                year=year,
                scenario=scenario,
                deleted=True,
            )
        if fte is not _UNSET:
            row.fte = check_decimal(_("FTE"), fte, places=FTE_SCALE, limit=FTE_LIMIT)  # type: ignore[arg-type]
        if headcount is not _UNSET:
            row.headcount = _check_headcount(headcount)
        row.deleted = row.fte is None and row.headcount is None
        if row not in s and not row.deleted:
            s.add(row)
        return Changed("staffing", (unit.id, row.id), "updated")


def _check_headcount(value: object) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValidationError(_("Headcount"), _("must be a whole number."))
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValidationError(
            _("Headcount"), _("{value!r} is not a whole number.").format(value=value)
        ) from None
    if number < 0:
        raise ValidationError(_("Headcount"), _("must not be negative."))
    if number >= HEADCOUNT_LIMIT:
        raise ValidationError(_("Headcount"), _("is too large ({value}).").format(value=value))
    return number


def staffing_totals(store: PlanFile, plan_id: uuid.UUID) -> StaffingTotals:
    with store.read() as s:
        return compute_staffing_totals(s, plan_id)


def compute_staffing_totals(s: Session, plan_id: uuid.UUID) -> StaffingTotals:
    parents = dict(
        s.execute(
            select(OrgUnit.id, OrgUnit.parent_id).where(
                OrgUnit.plan_id == plan_id, OrgUnit.deleted.is_(False)
            )
        ).all()
    )
    per_unit: dict[tuple[uuid.UUID, StaffingKey, Statute | None], Figure] = defaultdict(Figure)
    per_statute: dict[tuple[StaffingKey, Statute], Figure] = defaultdict(Figure)
    per_key: dict[StaffingKey, Figure] = defaultdict(Figure)
    for unit_id, statute, year, scenario, fte, headcount in s.execute(
        select(
            StaffingFigure.unit_id,
            StaffingFigure.statute,
            StaffingFigure.year,
            StaffingFigure.scenario,
            StaffingFigure.fte,
            StaffingFigure.headcount,
        ).where(StaffingFigure.plan_id == plan_id, StaffingFigure.deleted.is_(False))
    ):
        if unit_id not in parents:
            continue
        key = StaffingKey(scenario, year)
        figure = Figure(fte, headcount)
        per_statute[(key, statute)] += figure
        per_key[key] += figure
        node: uuid.UUID | None = unit_id
        while node is not None:
            per_unit[(node, key, statute)] += figure
            per_unit[(node, key, None)] += figure
            node = parents.get(node)
    keys = tuple(sorted(per_key, key=lambda k: (k.year, k.scenario != Scenario.AS_IS)))
    return StaffingTotals(keys, dict(per_unit), dict(per_statute), dict(per_key))
