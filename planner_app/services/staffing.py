"""Staffing figures: FTE (exact, two decimals) and headcount per unit, statute, year
and scenario, with totals per unit (rolled up the unit tree), statute and year."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from planner_app.domain import OrgUnit, StaffingFigure
from planner_app.domain.enums import Scenario, Statute
from planner_app.domain.resources_model import FTE_SCALE
from planner_app.errors import ValidationError
from planner_app.i18n import _
from planner_app.services import fastread
from planner_app.services.common import (
    Changed,
    Entity,
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
    """Set FTE and/or headcount of one cell; leaving both empty removes the cell. The
    ``Changed`` carries the fields given as they were (``old``, ``None``: empty) and are."""
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
        given = [name for name, v in (("fte", fte), ("headcount", headcount)) if v is not _UNSET]
        old = {name: None if row.deleted else getattr(row, name) for name in given}
        if fte is not _UNSET:
            row.fte = check_decimal(_("FTE"), fte, places=FTE_SCALE, limit=FTE_LIMIT)  # type: ignore[arg-type]
        if headcount is not _UNSET:
            row.headcount = _check_headcount(headcount)
        row.deleted = row.fte is None and row.headcount is None
        if row not in s and not row.deleted:
            s.add(row)
        new = {name: None if row.deleted else getattr(row, name) for name in given}
        return Changed(
            Entity.STAFFING, (unit.id, row.id), "updated", tuple(given), old=old, new=new
        )


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


def compared_years(keys: Iterable[StaffingKey], first_year: int) -> tuple[int, int]:
    """The as-is and planned years that "planned − as-is" compares, the same for the
    Staffing tab and the workbook: the latest year with as-is figures (else the year
    before the plan) and the earliest year with planned figures (else the plan's first
    year). An as-is count is taken before the plan starts and the planned figures are
    the plan's target, so the difference spans two years (demo: planned 2025 − as-is
    2024); within one year it would set a figure against an empty column."""
    as_is = [k.year for k in keys if k.scenario is Scenario.AS_IS]
    planned = [k.year for k in keys if k.scenario is Scenario.PLANNED]
    return (max(as_is) if as_is else first_year - 1, min(planned) if planned else first_year)


def difference(planned: Decimal | int | None, as_is: Decimal | int | None):
    """Planned − as-is, or ``None`` when either side has no figure: a missing count is
    unknown, not zero (the demo has no planned headcount; −6,385 would mislead)."""
    if planned is None or as_is is None:
        return None
    return planned - as_is


def staffing_totals(store: PlanFile, plan_id: uuid.UUID) -> StaffingTotals:
    with store.read() as s:
        return compute_staffing_totals(s, plan_id)


def compute_staffing_totals(s: Session, plan_id: uuid.UUID) -> StaffingTotals:
    """Sums in integers (FTE is stored in hundredths), each unit's own figures rolled up
    its ancestors once; ``Figure``s are made at the end (6,000 figures: ~0.05 s)."""
    parents = {
        unit: parent
        for unit, parent in fastread.rows(
            s,
            "SELECT id, parent_id FROM org_units WHERE plan_id = :plan AND deleted = 0",
            plan=plan_id,
        )
    }
    # (unit, scenario, year, statute) -> [fte, has fte, headcount, has headcount]
    own: dict[tuple[str, str, int, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for unit, statute, year, scenario, fte, headcount in fastread.rows(
        s,
        "SELECT unit_id, statute, year, scenario, fte, headcount FROM staffing_figures"
        " WHERE plan_id = :plan AND deleted = 0",
        plan=plan_id,
    ):
        if unit not in parents:
            continue
        acc = own[(unit, scenario, year, statute)]
        if fte is not None:
            acc[0] += fte
            acc[1] = 1
        if headcount is not None:
            acc[2] += headcount
            acc[3] = 1
    rolled: dict[tuple[str, str, int, str | None], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    per_statute_raw: dict[tuple[str, int, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    per_key_raw: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for (unit, scenario, year, statute), acc in own.items():
        targets = [per_statute_raw[(scenario, year, statute)], per_key_raw[(scenario, year)]]
        node: str | None = unit
        while node is not None:
            targets.append(rolled[(node, scenario, year, statute)])
            targets.append(rolled[(node, scenario, year, None)])
            node = parents.get(node)
        fte, has_fte, headcount, has_headcount = acc
        for target in targets:
            target[0] += fte
            target[1] |= has_fte
            target[2] += headcount
            target[3] |= has_headcount

    scale = Decimal(10) ** FTE_SCALE

    def figure(acc: list[int]) -> Figure:
        return Figure(Decimal(acc[0]) / scale if acc[1] else None, acc[2] if acc[3] else None)

    keys = {
        (scenario, year): StaffingKey(Scenario(scenario), year) for scenario, year in per_key_raw
    }
    statutes = {st.value: st for st in Statute}
    per_unit = {
        (fastread.uid(u), keys[(sc, y)], statutes[st] if st else None): figure(acc)
        for (u, sc, y, st), acc in rolled.items()
    }
    per_statute = {
        (keys[(sc, y)], statutes[st]): figure(acc) for (sc, y, st), acc in per_statute_raw.items()
    }
    per_key = {keys[k]: figure(acc) for k, acc in per_key_raw.items()}
    ordered = tuple(sorted(per_key, key=lambda k: (k.year, k.scenario != Scenario.AS_IS)))
    return StaffingTotals(ordered, per_unit, per_statute, per_key)  # type: ignore[arg-type]


@dataclass(frozen=True)
class StaffingCell:
    """One figure to write: ``field`` is "fte" or "headcount"; ``None`` clears it."""

    unit_id: uuid.UUID
    statute: Statute
    year: int
    scenario: Scenario
    field: str
    value: Decimal | int | None


def set_figures(store: PlanFile, cells: list[StaffingCell]) -> Changed:
    """Write many figures in one transaction (a paste): all of them or none.

    ``extra["old"]`` holds each cell's figure before (``None``: empty), read in this
    transaction, in the order of ``cells``: what an undo step writes back (as
    ``budget_amounts.set_amounts`` does)."""
    touched: list[uuid.UUID] = []
    olds: list[Decimal | int | None] = []
    with store.transaction():
        for cell in cells:
            if cell.field not in ("fte", "headcount"):
                raise ValidationError(_("Field"), _("must be FTE or headcount."))
            changed = set_staffing(
                store,
                cell.unit_id,
                statute=cell.statute,
                year=cell.year,
                scenario=cell.scenario,
                **{cell.field: cell.value},
            )
            olds.append(changed.old[cell.field])
            if cell.unit_id not in touched:
                touched.append(cell.unit_id)
    return Changed(Entity.STAFFING, tuple(touched), "updated", extra={"old": tuple(olds)})
