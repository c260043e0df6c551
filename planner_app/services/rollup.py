"""An objective's progress computed from what hangs under it (the *roll-up*), beside
the status a person gave it, which it never changes.

The rule, as the README says it. The roll-up of an objective at a reference date
counts:

* the initiatives below it, at any depth, by their status (only where the plan tracks
  status; "not applicable" ones are counted but take no part in the verdict);
* the indicators of the objective itself and of everything below it, by their status
  at that date (``progress_rule``);
* the milestones of the objective itself and of everything below it: how many, how
  many done by that date, how many overdue at it.

Its verdict, one word of the status vocabulary:

1. nothing counted: none;
2. "action needed" when an initiative needs action or an indicator missed its target;
3. else "delayed" when an initiative is delayed, an indicator is behind or a milestone
   is overdue;
4. else "done" when every initiative counted is done (at least one), or, with no
   initiative, every milestone is done and every indicator reached or done (at least
   one of them);
5. else "on schedule" when anything has begun: an initiative on schedule or done, a
   milestone done, an indicator on track, reached or done;
6. else "not started".

A roll-up is a sum: an objective's is its own indicators and milestones plus, for each
child, the child itself (as an initiative) and the child's roll-up. No Qt.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner_app.domain import (
    Indicator,
    IndicatorQuarterValue,
    IndicatorValue,
    Milestone,
    Objective,
)
from planner_app.domain.enums import ObjectiveLevel, Status
from planner_app.services.common import get_live, get_plan
from planner_app.services.details import (
    IndicatorInfo,
    MilestoneInfo,
    indicator_values,
    quarter_values,
)
from planner_app.services.progress_rule import IndicatorStatus
from planner_app.storage import PlanFile

I = IndicatorStatus  # noqa: E741 - short in the rule below


class Node(NamedTuple):
    """An objective as the roll-up needs it."""

    id: uuid.UUID
    parent_id: uuid.UUID | None
    level: ObjectiveLevel
    status: Status


class MilestoneState(NamedTuple):
    """A milestone at the reference date."""

    done: bool
    overdue: bool


@dataclass(frozen=True)
class RollUp:
    """What hangs under one objective, counted (this module's docstring)."""

    initiatives: Mapping[Status, int] = field(default_factory=dict)
    indicators: Mapping[IndicatorStatus, int] = field(default_factory=dict)
    milestones_total: int = 0
    milestones_done: int = 0
    milestones_overdue: int = 0
    tracks_status: bool = True

    def __add__(self, other: RollUp) -> RollUp:
        return RollUp(
            dict(Counter(self.initiatives) + Counter(other.initiatives)),
            dict(Counter(self.indicators) + Counter(other.indicators)),
            self.milestones_total + other.milestones_total,
            self.milestones_done + other.milestones_done,
            self.milestones_overdue + other.milestones_overdue,
            self.tracks_status and other.tracks_status,
        )

    @property
    def initiative_total(self) -> int:
        return sum(self.initiatives.values())

    @property
    def indicator_total(self) -> int:
        return sum(self.indicators.values())

    @property
    def counted(self) -> int:
        """Initiatives taking part in the verdict (not "not applicable")."""
        return sum(n for s, n in self.initiatives.items() if s is not _NOT_APPLICABLE)

    @property
    def empty(self) -> bool:
        return not (self.initiative_total or self.indicator_total or self.milestones_total)

    @property
    def attention(self) -> int:
        """How many things under it need attention: initiatives delayed or needing
        action, indicators behind or missed, milestones overdue."""
        return (
            self.initiatives.get(Status.DELAYED, 0)
            + self.initiatives.get(Status.ACTION_NEEDED, 0)
            + self.indicators.get(I.BEHIND, 0)
            + self.indicators.get(I.MISSED, 0)
            + self.milestones_overdue
        )

    @property
    def verdict(self) -> Status | None:
        """The one word for it (the rule in this module's docstring)."""
        ini, ind = self.initiatives, self.indicators
        if self.empty:
            return None
        if ini.get(Status.ACTION_NEEDED) or ind.get(I.MISSED):
            return Status.ACTION_NEEDED
        if ini.get(Status.DELAYED) or ind.get(I.BEHIND) or self.milestones_overdue:
            return Status.DELAYED
        if self.counted and ini.get(Status.DONE, 0) == self.counted:
            return Status.DONE
        measured = self.milestones_total + self.indicator_total
        finished = self.milestones_done + ind.get(I.REACHED, 0) + ind.get(I.DONE, 0)
        if not self.counted and measured and finished == measured:
            return Status.DONE
        begun = ini.get(Status.ON_SCHEDULE, 0) + ini.get(Status.DONE, 0) + finished
        if begun or ind.get(I.ON_TRACK):
            return Status.ON_SCHEDULE
        return Status.NOT_STARTED


_NOT_APPLICABLE = next((s for s in Status if s.value == "not_applicable"), None)


def roll_up(
    nodes: Sequence[Node],
    indicators: Mapping[uuid.UUID, Iterable[IndicatorStatus]],
    milestones: Mapping[uuid.UUID, Iterable[MilestoneState]],
    *,
    tracks_status: bool = True,
) -> dict[uuid.UUID, RollUp]:
    """Every objective's roll-up (nodes whose parent is not among ``nodes`` are tops;
    ``indicators`` and ``milestones`` are per objective, statuses at the date)."""
    children: dict[uuid.UUID | None, list[Node]] = defaultdict(list)
    known = {n.id for n in nodes}
    for node in nodes:
        children[node.parent_id if node.parent_id in known else None].append(node)

    result: dict[uuid.UUID, RollUp] = {}
    # children before parents, without recursion (a deep tree must not overflow); the
    # sums are made in place (a plan of 10,000 objectives adds 10,000 roll-ups)
    order: list[Node] = []
    stack = list(children[None])
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(children[node.id])
    for node in reversed(order):
        states = list(milestones.get(node.id, ()))
        ini: Counter[Status] = Counter()
        ind: Counter[IndicatorStatus] = Counter(indicators.get(node.id, ()))
        total = len(states)
        done = sum(1 for m in states if m.done)
        late = sum(1 for m in states if m.overdue)
        for child in children[node.id]:
            below = result[child.id]
            ini.update(below.initiatives)
            ind.update(below.indicators)
            total += below.milestones_total
            done += below.milestones_done
            late += below.milestones_overdue
            if child.level is ObjectiveLevel.INITIATIVE and tracks_status:
                ini[child.status] += 1
        result[node.id] = RollUp(dict(ini), dict(ind), total, done, late, tracks_status)
    return result


def plan_rollups(store: PlanFile, plan_id: uuid.UUID, at: dt.date) -> dict[uuid.UUID, RollUp]:
    """The roll-up of every live objective of a plan at the end of day ``at``."""
    with store.read() as s:
        return rollups_of(read_measures(s, plan_id), at)


def rollups_of(measures: Measures, at: dt.date) -> dict[uuid.UUID, RollUp]:
    """The roll-ups of what ``read_measures`` read, at the end of day ``at``."""
    statuses = {
        objective_id: [i.assessment(at).status for i in found]
        for objective_id, found in measures.indicators.items()
    }
    states = {
        objective_id: [MilestoneState(m.done_at(at), m.overdue(at)) for m in found]
        for objective_id, found in measures.milestones.items()
    }
    return roll_up(measures.nodes, statuses, states, tracks_status=measures.tracks_status)


@dataclass(frozen=True)
class PlanProgress:
    """What the objective tree shows of progress at one date: every objective's
    roll-up, and per objective the due days of its own milestones overdue then
    (earliest first; objectives with none are left out)."""

    at: dt.date
    rollups: Mapping[uuid.UUID, RollUp]
    overdue: Mapping[uuid.UUID, tuple[dt.date, ...]]


def progress_of(measures: Measures, at: dt.date) -> PlanProgress:
    """The roll-ups and own overdue milestones of what ``read_measures`` (or
    ``progress_read``) read, at the end of day ``at``."""
    overdue = {
        objective_id: tuple(sorted(m.due_by for m in found if m.due_by and m.overdue(at)))
        for objective_id, found in measures.milestones.items()
    }
    return PlanProgress(at, rollups_of(measures, at), {k: v for k, v in overdue.items() if v})


@dataclass(frozen=True)
class Measures:
    """What a plan measures its progress by, read once: the objectives (``Node``), and
    per objective its indicators and milestones (the fields the rule needs)."""

    nodes: tuple[Node, ...]
    indicators: Mapping[uuid.UUID, tuple[IndicatorInfo, ...]]
    milestones: Mapping[uuid.UUID, tuple[MilestoneInfo, ...]]
    tracks_status: bool = True


def objective_rollup(store: PlanFile, objective_id: uuid.UUID, at: dt.date) -> RollUp:
    """The roll-up of one objective at the end of day ``at``, reading only what hangs
    under it (the editor shows one objective at a time, in plans of thousands)."""
    with store.read() as s:
        objective = get_live(s, Objective, objective_id, "objective")
        return rollups_of(read_measures(s, objective.plan_id, under=objective_id), at)[objective_id]


def read_measures(s: Session, plan_id: uuid.UUID, under: uuid.UUID | None = None) -> Measures:
    """The objectives, indicators (with their values) and milestones of a plan (with
    ``under``: of that objective and everything below it), in five queries (no texts but
    the indicators' names and targets in words)."""
    plan = get_plan(s, plan_id)
    tracks = bool(getattr(plan, "track_status", True))  # a plan setting (issue 23)
    nodes = tuple(
        Node(*row)
        for row in s.execute(
            select(Objective.id, Objective.parent_id, Objective.level, Objective.status).where(
                Objective.plan_id == plan_id, Objective.deleted.is_(False)
            )
        )
    )
    if under is not None:
        nodes = _subtree(nodes, under)
    scope = {n.id for n in nodes} if under is not None else None

    def where(model, column):
        if scope is None:
            return (model.plan_id == plan_id,)
        return (column.in_(select(Indicator.id).where(Indicator.objective_id.in_(scope))),)

    values = indicator_values(s, *where(IndicatorValue, IndicatorValue.indicator_id))
    quarters = quarter_values(s, *where(IndicatorQuarterValue, IndicatorQuarterValue.indicator_id))
    indicators: dict[uuid.UUID, list[IndicatorInfo]] = defaultdict(list)
    for row in s.execute(
        select(
            Indicator.id,
            Indicator.objective_id,
            Indicator.position,
            Indicator.name,
            Indicator.unit_of_measure,
            Indicator.target_text,
            Indicator.target_date,
            Indicator.target_done,
        )
        .where(
            Indicator.plan_id == plan_id,
            Indicator.deleted.is_(False),
            *(() if scope is None else (Indicator.objective_id.in_(scope),)),
        )
        .order_by(Indicator.position)
    ):
        indicator_id, objective_id, position, name, unit, text, date, done = row
        indicators[objective_id].append(
            IndicatorInfo(
                indicator_id,
                position,
                dict(name),
                unit,
                values.get(indicator_id, {}),
                dict(text),
                date,
                bool(done),
                quarters.get(indicator_id, {}),
            )
        )
    milestones: dict[uuid.UUID, list[MilestoneInfo]] = defaultdict(list)
    for objective_id, *row in s.execute(
        select(
            Milestone.objective_id,
            Milestone.id,
            Milestone.position,
            Milestone.period,
            Milestone.due_by,
            Milestone.text,
            Milestone.done,
            Milestone.due_precision,
            Milestone.done_on,
        )
        .where(
            Milestone.plan_id == plan_id,
            Milestone.deleted.is_(False),
            *(() if scope is None else (Milestone.objective_id.in_(scope),)),
        )
        .order_by(Milestone.position)
    ):
        milestones[objective_id].append(MilestoneInfo(*row))
    return Measures(
        nodes,
        {k: tuple(v) for k, v in indicators.items()},
        {k: tuple(v) for k, v in milestones.items()},
        tracks,
    )


def _subtree(nodes: Sequence[Node], top: uuid.UUID) -> tuple[Node, ...]:
    """``top`` and everything below it, ``top`` made a root."""
    children: dict[uuid.UUID | None, list[Node]] = defaultdict(list)
    for node in nodes:
        children[node.parent_id].append(node)
    found = [n._replace(parent_id=None) for n in nodes if n.id == top]
    stack = list(children[top])
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(children[node.id])
    return tuple(found)
