"""The year review (the seed's "terugblik") as plain values: one plan's initiatives
grouped by status, counted per status and per strategic objective, each strategic
objective's roll-up (``rollup``), the milestones overdue, and the indicators with their
yearly targets, actuals and status, all judged at one reference date (``at``: a
report's quarter end, today in the window, else the plan's own date, ``reference``).

The Review tab and the review PDF (``exporting/pdf_review``) both read this, so what
the screen shows and what is printed cannot disagree. No Qt, no reportlab; every
figure is an ``int`` count or an exact ``Decimal``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select

from planner_app.domain import OrgUnit
from planner_app.domain.enums import DuePrecision, ObjectiveLevel, Status, ValueKind
from planner_app.services.progress_rule import IndicatorStatus
from planner_app.services.reference import plan_reference_in
from planner_app.services.rollup import RollUp, read_measures, rollups_of
from planner_app.services.tree_read import ObjectiveNode, tree_nodes
from planner_app.storage import PlanFile

STATUS_ORDER: tuple[Status, ...] = (
    Status.DONE,
    Status.ON_SCHEDULE,
    Status.DELAYED,
    Status.ACTION_NEEDED,
    Status.NOT_STARTED,
    Status.NOT_APPLICABLE,
)
"""How the review lists statuses: what is finished first, what has not begun last,
then what does not apply."""

REVIEW_KINDS: tuple[ValueKind, ...] = (ValueKind.TARGET, ValueKind.ACTUAL)
"""The values a review compares (a baseline belongs to the plan, not to its review)."""


@dataclass(frozen=True)
class ObjectiveRef:
    """Enough of an objective to name it ("SD 1 Title") and to find it in the tree."""

    id: uuid.UUID
    level: ObjectiveLevel
    code: str
    title: dict[str, str]


@dataclass(frozen=True)
class ReviewInitiative:
    """One initiative as the review lists it, with the strategic objective above it."""

    objective: ObjectiveRef
    status: Status
    lead_unit_id: uuid.UUID | None
    lead_unit: dict[str, str] | None  # the unit's name per language; None: no lead unit
    strategic: ObjectiveRef

    @property
    def id(self) -> uuid.UUID:
        return self.objective.id


@dataclass(frozen=True)
class StrategicCounts:
    """How many initiatives under one strategic objective have each status."""

    objective: ObjectiveRef
    counts: dict[Status, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class ReviewIndicator:
    """An indicator of any objective with its targets and actuals by year and its
    status at the review's date."""

    id: uuid.UUID
    objective: ObjectiveRef
    name: dict[str, str]
    unit_of_measure: str
    values: dict[tuple[int, ValueKind], Decimal]  # only REVIEW_KINDS
    status: IndicatorStatus = IndicatorStatus.NO_TARGET
    target_text: dict[str, str] = field(default_factory=dict)
    target_date: dt.date | None = None
    target_done: bool = False

    def kinds(self) -> tuple[ValueKind, ...]:
        """The rows this indicator takes: always its targets, its actuals once it has any."""
        has_actual = any(kind is ValueKind.ACTUAL for _year, kind in self.values)
        return REVIEW_KINDS if has_actual else REVIEW_KINDS[:1]


@dataclass(frozen=True)
class OverdueMilestone:
    """A milestone not done by the review's date although it was due before it."""

    id: uuid.UUID
    objective: ObjectiveRef
    text: dict[str, str]
    period: str
    due_by: dt.date
    precision: DuePrecision | None


@dataclass(frozen=True)
class StrategicProgress:
    """A strategic objective's own status beside its roll-up (never changed by it)."""

    objective: ObjectiveRef
    status: Status
    rollup: RollUp


@dataclass(frozen=True)
class YearReview:
    """The whole review of one plan; ``groups`` holds every status of STATUS_ORDER (an
    empty tuple for a status no initiative has), ``per_strategic`` only the strategic
    objectives that have initiatives, in tree order."""

    plan_id: uuid.UUID
    groups: dict[Status, tuple[ReviewInitiative, ...]]
    per_strategic: tuple[StrategicCounts, ...]
    indicators: tuple[ReviewIndicator, ...]
    at: dt.date = dt.date(1900, 1, 1)
    progress: tuple[StrategicProgress, ...] = ()
    overdue: tuple[OverdueMilestone, ...] = ()

    @property
    def initiatives(self) -> tuple[ReviewInitiative, ...]:
        return tuple(i for status in STATUS_ORDER for i in self.groups[status])

    @property
    def per_status(self) -> dict[Status, int]:
        return {status: len(self.groups[status]) for status in STATUS_ORDER}

    @property
    def total(self) -> int:
        return sum(len(group) for group in self.groups.values())

    @property
    def years(self) -> tuple[int, ...]:
        """Every year that has a target or an actual, ascending (the table's columns)."""
        return tuple(sorted({year for i in self.indicators for (year, _k) in i.values}))


def year_review(
    store: PlanFile,
    plan_id: uuid.UUID,
    language: str | None = None,
    *,
    at: dt.date | None = None,
) -> YearReview:
    """Read the review of ``plan_id`` in one read transaction; codes as printed in
    ``language`` (default: the plan's main language); progress judged at the end of day
    ``at`` (default: the plan's own date, ``reference.plan_reference``)."""
    with store.read() as s:
        at = at or plan_reference_in(s, plan_id)
        tree = tree_nodes(s, plan_id, language)
        unit_names = {
            unit_id: dict(name)
            for unit_id, name in s.execute(
                select(OrgUnit.id, OrgUnit.name).where(
                    OrgUnit.plan_id == plan_id, OrgUnit.deleted.is_(False)
                )
            )
        }
        measures = read_measures(s, plan_id)
    refs = {node.id: _ref(node) for node in tree}
    groups, per_strategic = _initiatives(tree, refs, unit_names)
    indicators: list[ReviewIndicator] = []
    overdue: list[OverdueMilestone] = []
    for node in tree:  # document order
        for i in measures.indicators.get(node.id, ()):
            values = {key: v for key, v in sorted(i.values.items()) if key[1] in REVIEW_KINDS}
            indicators.append(
                ReviewIndicator(
                    i.id,
                    refs[node.id],
                    i.name,
                    i.unit_of_measure,
                    values,
                    i.assessment(at).status,
                    i.target_text,
                    i.target_date,
                    i.target_done,
                )
            )
        for m in measures.milestones.get(node.id, ()):
            if m.due_by is not None and m.overdue(at):
                late = OverdueMilestone(
                    m.id, refs[node.id], m.text, m.period, m.due_by, m.due_precision
                )
                overdue.append(late)
    rollups = rollups_of(measures, at)
    progress = tuple(
        StrategicProgress(refs[node.id], node.status, rollups[node.id])
        for node in tree
        if node.parent_id is None and node.id in rollups
    )
    return YearReview(
        plan_id, groups, per_strategic, tuple(indicators), at, progress, tuple(overdue)
    )


def _ref(node: ObjectiveNode) -> ObjectiveRef:
    return ObjectiveRef(node.id, node.level, node.code, node.title)


def _initiatives(
    tree: list[ObjectiveNode],
    refs: dict[uuid.UUID, ObjectiveRef],
    unit_names: dict[uuid.UUID, dict[str, str]],
) -> tuple[dict[Status, tuple[ReviewInitiative, ...]], tuple[StrategicCounts, ...]]:
    """Initiatives by status and counts per strategic objective. The tree comes depth
    first, so the strategic objective of a node is the last root seen before it."""
    groups: dict[Status, list[ReviewInitiative]] = {status: [] for status in STATUS_ORDER}
    counts: dict[uuid.UUID, Counter[Status]] = {}
    root: ObjectiveRef | None = None
    for node in tree:
        if node.parent_id is None:
            root = refs[node.id]
        if node.level is not ObjectiveLevel.INITIATIVE or root is None:
            continue
        lead = node.lead_unit_id if node.lead_unit_id in unit_names else None
        groups[node.status].append(
            ReviewInitiative(
                refs[node.id],
                node.status,
                lead,
                unit_names[lead] if lead is not None else None,
                root,
            )
        )
        counts.setdefault(root.id, Counter())[node.status] += 1
    per_strategic = tuple(
        StrategicCounts(refs[root_id], {status: c[status] for status in STATUS_ORDER})
        for root_id, c in counts.items()
    )
    return {status: tuple(group) for status, group in groups.items()}, per_strategic
