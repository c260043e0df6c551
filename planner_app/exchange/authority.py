"""A post's part of a plan: what its packages may change, and what it may not see.

A post may change the objectives it leads (its unit or a unit under it), their
milestones, indicators, indicator values, units with their roles and transversal
links, the budget lines funding those objectives with their amounts, and its own
staffing. Everything else arriving from a post is refused and listed. Going the other
way, headquarters leaves out the HR data (the diversity plan) and other units' staffing.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner_app.domain import (
    BudgetLineObjective,
    Indicator,
    Objective,
    OrgUnit,
    StaffingFigure,
)

HR_TABLES = frozenset(
    {
        "diversity_plans",
        "diversity_pillars",
        "diversity_bottlenecks",
        "diversity_priorities",
        "diversity_objectives",
        "diversity_objective_pillars",
        "diversity_actions",
        "diversity_indicators",
        "diversity_indicator_values",
    }
)
_BY_OBJECTIVE = {"milestones", "indicators", "objective_partners", "objective_contributions"}


def unit_family(s: Session, plan_id: uuid.UUID, unit_id: uuid.UUID) -> set[uuid.UUID]:
    """The unit and every unit under it."""
    children: dict[uuid.UUID | None, list[uuid.UUID]] = {}
    for uid, parent in s.execute(
        select(OrgUnit.id, OrgUnit.parent_id).where(OrgUnit.plan_id == plan_id)
    ):
        children.setdefault(parent, []).append(uid)
    family, todo = set(), [unit_id]
    while todo:
        uid = todo.pop()
        if uid not in family:
            family.add(uid)
            todo.extend(children.get(uid, []))
    return family


@dataclass
class PostPart:
    """The rows one post may change, computed once per package."""

    units: set[uuid.UUID]
    objectives: set[uuid.UUID] = field(default_factory=set)
    created: dict[uuid.UUID, dict[str, Any]] = field(default_factory=dict)  # by the package
    lookup: Any = None  # (table, id) -> the row's values, when the merge holds them
    indicators: set[uuid.UUID] = field(default_factory=set)
    lines: set[uuid.UUID] = field(default_factory=set)

    @classmethod
    def of(
        cls, s: Session, plan_id: uuid.UUID, unit_id: uuid.UUID, incoming: Iterable[dict]
    ) -> PostPart:
        part = cls(unit_family(s, plan_id, unit_id))
        led = select(Objective.id).where(
            Objective.plan_id == plan_id, Objective.lead_unit_id.in_(part.units)
        )
        part.objectives = set(s.scalars(led))
        inserts = [c for c in incoming if c.op == "insert"]
        for change in inserts:
            part.created.setdefault(change.row_id, change.values)
        created: set[uuid.UUID] = set()
        for change in inserts:  # objectives the package itself creates
            values = change.values
            if change.table == "objectives" and _uuid(values.get("lead_unit_id")) in part.units:
                created.add(change.row_id)
        created -= part.objectives
        part.objectives |= created

        def ours(column: Any) -> Any:
            """``column`` refers to one of the post's objectives: those led here by a
            subquery (thousands of ids bound one by one cost a tenth of a big merge)."""
            return column.in_(led) | column.in_(created) if created else column.in_(led)

        part.indicators = set(s.scalars(select(Indicator.id).where(ours(Indicator.objective_id))))
        part.lines = set(
            s.scalars(
                select(BudgetLineObjective.line_id).where(
                    ours(BudgetLineObjective.objective_id),
                    BudgetLineObjective.deleted.is_(False),
                )
            )
        )
        for change in inserts:
            values = change.values
            if change.table == "indicators" and _uuid(values.get("objective_id")) in (
                part.objectives
            ):
                part.indicators.add(change.row_id)
            if change.table == "budget_line_objectives" and _uuid(values.get("objective_id")) in (
                part.objectives
            ):
                part.lines.add(_uuid(values.get("line_id")))  # type: ignore[arg-type]
        return part

    def allows(self, s: Session, change: Any) -> bool:
        """Whether the post may make ``change`` (an ``incoming.Incoming``; judged on
        the row as it is here, and for an insert or a moved reference, on the new
        values too)."""
        table, row_id = change.table, change.row_id
        values = change.values if change.op == "insert" else None
        moved = change.op != "insert" and change.field in _REFERENCES.get(table, ())
        # moving a row to another objective, line or unit: the target must be ours too
        if moved and not self._holds(table, {change.field: change.write.value}):
            return False
        if values is not None:
            return self._holds(table, values) or (table == "budget_lines" and row_id in self.lines)
        return self._row_in_part(s, table, row_id)

    def _holds(self, table: str, values: dict[str, Any]) -> bool:
        checks = {
            "objectives": ("lead_unit_id", self.units),
            "milestones": ("objective_id", self.objectives),
            "indicators": ("objective_id", self.objectives),
            "objective_partners": ("objective_id", self.objectives),
            "objective_contributions": ("objective_id", self.objectives),
            "indicator_values": ("indicator_id", self.indicators),
            "indicator_quarter_values": ("indicator_id", self.indicators),
            "indicator_unit_values": ("indicator_id", self.indicators),
            "budget_line_objectives": ("objective_id", self.objectives),
            "budget_amounts": ("line_id", self.lines),
            "staffing_figures": ("unit_id", self.units),
        }
        if table not in checks:
            return False
        key, allowed = checks[table]
        if key not in values:
            return True  # the reference is not being changed
        return _uuid(values[key]) in allowed

    def _row_in_part(self, s: Session, table: str, row_id: uuid.UUID) -> bool:
        if table == "objectives":
            return row_id in self.objectives
        if table == "budget_lines":
            return row_id in self.lines
        if table in _BY_OBJECTIVE or table in {
            "indicator_values",
            "indicator_quarter_values",
            "indicator_unit_values",
            "budget_line_objectives",
            "budget_amounts",
            "staffing_figures",
        }:
            from planner_app.exchange.values import current, synced_models

            key = _REFERENCES[table][0]
            if self.lookup is not None:  # the rows as the merge has them
                values = self.lookup(table, row_id)
                return values is not None and self._holds(table, {key: values.get(key)})
            row = s.get(synced_models()[table], row_id)
            if row is None:  # a row the package itself adds
                values = self.created.get(row_id)
                return values is not None and self._holds(table, {key: values.get(key)})
            return self._holds(table, {key: current(row, key)})
        return False


_REFERENCES: dict[str, tuple[str, ...]] = {
    "objectives": ("lead_unit_id",),
    "milestones": ("objective_id",),
    "indicators": ("objective_id",),
    "objective_partners": ("objective_id",),
    "objective_contributions": ("objective_id",),
    "indicator_values": ("indicator_id",),
    "indicator_quarter_values": ("indicator_id",),
    "indicator_unit_values": ("indicator_id",),
    "budget_line_objectives": ("objective_id",),
    "budget_amounts": ("line_id",),
    "staffing_figures": ("unit_id",),
}


def _uuid(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value)) if value is not None else None
    except ValueError:
        return None


def hidden_from_post(s: Session, table: str, row_id: uuid.UUID, units: set[uuid.UUID]) -> bool:
    """Whether headquarters keeps a row from a post: HR data, others' staffing."""
    if table in HR_TABLES:
        return True
    if table == "staffing_figures":
        row = s.get(StaffingFigure, row_id)
        return row is None or row.unit_id not in units
    return False


__all__ = ["HR_TABLES", "PostPart", "hidden_from_post", "unit_family"]
