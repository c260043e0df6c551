"""The whole diversity plan of a plan year, read in one go for the pane and the PDF.

Frozen dataclasses of plain values (texts as ``{lang: text}``); each indicator carries
its baseline, targets and actuals by year and, at a reference date, its status and chart
(``progress_rule``, the one rule of every indicator). No Qt.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner_app.domain import (
    DiversityAction,
    DiversityBottleneck,
    DiversityIndicator,
    DiversityIndicatorValue,
    DiversityObjective,
    DiversityObjectivePillar,
    DiversityPillar,
    DiversityPlan,
    DiversityPriority,
)
from planner_app.domain.enums import MeasureUnit, ValueKind
from planner_app.errors import ValidationError
from planner_app.formatting import format_number, format_percent
from planner_app.i18n import _
from planner_app.services import rows
from planner_app.services.common import get_live, get_plan
from planner_app.services.diversity_status import format_share, percent_of, round_tenths
from planner_app.services.progress_rule import Assessment, Series, assess, series
from planner_app.storage import PlanFile


@dataclass(frozen=True)
class ListItem:
    """A pillar (``text`` is its title), bottleneck or priority."""

    id: uuid.UUID
    position: int
    text: dict[str, str]


@dataclass(frozen=True)
class ActionInfo:
    id: uuid.UUID
    position: int
    text: dict[str, str]
    owner: str
    due: str


@dataclass(frozen=True)
class ObjectiveInfo:
    id: uuid.UUID
    position: int
    title: dict[str, str]
    text: dict[str, str]
    pillar_ids: tuple[uuid.UUID, ...]  # in pillar order
    actions: tuple[ActionInfo, ...]


@dataclass(frozen=True)
class ValueInfo:
    """A baseline, target or actual; ``numerator``/``denominator`` when given as counts."""

    year: int
    kind: ValueKind
    value: Decimal | None
    numerator: int | None = None
    denominator: int | None = None

    @property
    def exact(self) -> Fraction | None:
        """The value exactly: from the counts when there are any (the stored value is
        rounded to 0.01)."""
        if self.numerator is not None and self.denominator:
            return percent_of(self.numerator, self.denominator)
        return None if self.value is None else Fraction(self.value)


@dataclass(frozen=True)
class DiversityIndicatorInfo:
    """An indicator of the diversity plan (not an objective's ``details.IndicatorInfo``):
    unit, source, reliability and its values by year and kind."""

    id: uuid.UUID
    position: int
    name: dict[str, str]
    unit: MeasureUnit
    source: dict[str, str]
    reliability: dict[str, str]
    values: tuple[ValueInfo, ...]  # by year, then kind
    target_text: dict[str, str] = field(default_factory=dict)  # a target in words
    target_date: dt.date | None = None
    target_done: bool = False  # a person's mark on the target in words

    @property
    def has_text_target(self) -> bool:
        return any(text.strip() for text in self.target_text.values())

    def of_kind(self, kind: ValueKind) -> dict[int, ValueInfo]:
        return {v.year: v for v in self.values if v.kind is kind}

    @property
    def baseline(self) -> ValueInfo | None:
        """The earliest baseline (one is usual)."""
        found = self.of_kind(ValueKind.BASELINE)
        return found[min(found)] if found else None

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({v.year for v in self.values}))

    def _exact(self) -> tuple[tuple[int, Fraction] | None, dict, dict]:
        base = self.baseline
        exact = {k: {y: v.exact for y, v in self.of_kind(k).items()} for k in ValueKind}
        baseline = (base.year, base.exact) if base is not None and base.exact is not None else None
        targets = {y: x for y, x in exact[ValueKind.TARGET].items() if x is not None}
        actuals = {y: x for y, x in exact[ValueKind.ACTUAL].items() if x is not None}
        return baseline, targets, actuals

    def chart(self, at: dt.date) -> Series:
        """What a chart draws at ``at``: the line and the actuals (``progress_rule``)."""
        baseline, targets, actuals = self._exact()
        return series(baseline, targets, actuals, at=at)

    def assessment(self, at: dt.date) -> Assessment:
        """The status at the end of day ``at`` (``progress_rule.assess``)."""
        baseline, targets, actuals = self._exact()
        return assess(
            baseline,
            targets,
            actuals,
            at=at,
            text_target=self.has_text_target,
            text_done=self.target_done,
        )


@dataclass(frozen=True)
class DiversityInfo:
    id: uuid.UUID
    year: int
    contact_name: str
    contact_role: dict[str, str]
    contact_phone: str
    contact_email: str
    introduction: dict[str, str]
    mission: dict[str, str]
    top_priority: dict[str, str]
    pillars: tuple[ListItem, ...]
    bottlenecks: tuple[ListItem, ...]
    priorities: tuple[ListItem, ...]
    objectives: tuple[ObjectiveInfo, ...]
    indicators: tuple[DiversityIndicatorInfo, ...]


def diversity_years(store: PlanFile, plan_id: uuid.UUID) -> list[int]:
    """The years for which the plan has a diversity plan, in order."""
    with store.read() as s:
        get_plan(s, plan_id)
        return list(
            s.scalars(
                select(DiversityPlan.year)
                .where(DiversityPlan.plan_id == plan_id, DiversityPlan.deleted.is_(False))
                .order_by(DiversityPlan.year)
            )
        )


def load_diversity(
    store: PlanFile, plan_id: uuid.UUID, year: int | None = None
) -> DiversityInfo | None:
    """The diversity plan of ``year`` (default: the latest one), ``None`` if there is none."""
    with store.read() as s:
        get_plan(s, plan_id)
        query = select(DiversityPlan).where(
            DiversityPlan.plan_id == plan_id, DiversityPlan.deleted.is_(False)
        )
        if year is not None:
            query = query.where(DiversityPlan.year == year)
        row = s.scalars(query.order_by(DiversityPlan.year.desc())).first()
        return None if row is None else read_diversity(s, row)


def load_diversity_by_id(store: PlanFile, diversity_id: uuid.UUID) -> DiversityInfo:
    """The diversity plan ``diversity_id`` (an undo command knows the id, not the year)."""
    with store.read() as s:
        return read_diversity(s, get_live(s, DiversityPlan, diversity_id, "diversity plan"))


def read_diversity(s: Session, row: DiversityPlan) -> DiversityInfo:
    """The diversity plan ``row`` as read in the session ``s`` (an export's)."""
    scope = {"diversity_plan_id": row.id}

    def items(model: type) -> tuple[ListItem, ...]:
        return tuple(
            ListItem(r.id, r.position, dict(r.title if model is DiversityPillar else r.text))
            for r in rows.siblings(s, model, scope)
        )

    pillars = items(DiversityPillar)
    order = {p.id: p.position for p in pillars}
    objectives = rows.siblings(s, DiversityObjective, scope)
    ids = [o.id for o in objectives]
    links: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for link in s.scalars(
        select(DiversityObjectivePillar).where(
            DiversityObjectivePillar.objective_id.in_(ids),
            DiversityObjectivePillar.deleted.is_(False),
        )
    ):
        if link.pillar_id in order:
            links[link.objective_id].append(link.pillar_id)
    indicators = rows.siblings(s, DiversityIndicator, scope)
    values: dict[uuid.UUID, list[ValueInfo]] = defaultdict(list)
    kinds = list(ValueKind)
    for v in s.scalars(
        select(DiversityIndicatorValue).where(
            DiversityIndicatorValue.indicator_id.in_([i.id for i in indicators]),
            DiversityIndicatorValue.deleted.is_(False),
        )
    ):
        values[v.indicator_id].append(
            ValueInfo(v.year, v.kind, v.value, v.numerator, v.denominator)
        )
    return DiversityInfo(
        id=row.id,
        year=row.year,
        contact_name=row.contact_name,
        contact_role=dict(row.contact_role),
        contact_phone=row.contact_phone,
        contact_email=row.contact_email,
        introduction=dict(row.introduction),
        mission=dict(row.mission),
        top_priority=dict(row.top_priority),
        pillars=pillars,
        bottlenecks=items(DiversityBottleneck),
        priorities=items(DiversityPriority),
        objectives=tuple(
            ObjectiveInfo(
                o.id,
                o.position,
                dict(o.title),
                dict(o.text),
                tuple(sorted(links[o.id], key=order.__getitem__)),
                tuple(
                    ActionInfo(a.id, a.position, dict(a.text), a.owner, a.due)
                    for a in rows.siblings(s, DiversityAction, {"objective_id": o.id})
                ),
            )
            for o in objectives
        ),
        indicators=tuple(
            DiversityIndicatorInfo(
                i.id,
                i.position,
                dict(i.name),
                i.unit,
                dict(i.source),
                dict(i.reliability),
                tuple(sorted(values[i.id], key=lambda v: (v.year, kinds.index(v.kind)))),
                dict(i.target_text),
                i.target_date,
                bool(i.target_done),
            )
            for i in indicators
        ),
    )


def format_value(unit: MeasureUnit, value: ValueInfo | None, lang: str) -> str:
    """A value as shown to a reader: percentages with one decimal in the language's
    Belgian style (from the counts when given), years with at most one, counts whole."""
    if value is None:
        return ""
    if value.numerator is not None and value.denominator:
        return format_share(value.numerator, value.denominator, lang)
    if value.value is None:
        return ""
    if unit is MeasureUnit.PERCENT:
        return format_percent(value.value, lang, decimals=1)
    if unit is MeasureUnit.YEARS:
        whole = value.value == value.value.to_integral_value()
        return format_number(value.value, lang, decimals=0 if whole else 1)
    return format_number(value.value, lang)


def format_exact(unit: MeasureUnit, value: Fraction, lang: str) -> str:
    """An exact value (the line's, an actual from counts) as ``format_value`` shows a
    stored one, rounded half up to one decimal."""
    return format_value(unit, ValueInfo(0, ValueKind.ACTUAL, round_tenths(value)), lang)


_SPACES = re.compile(r"[\s\u00a0\u202f]+")  # digit groups and the space before "%"
_COUNTS = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


def parse_value_input(text: str, year: int, kind: ValueKind) -> ValueInfo | None:
    """What a user typed in a value cell: ``4,2`` or ``4.2`` (a ``%`` may follow), or
    counts ``3/50`` for a percentage; empty clears. The services check the range."""
    text = _SPACES.sub("", text.strip().rstrip("%"))
    if not text:
        return None
    counts = _COUNTS.match(text)
    if counts:
        return ValueInfo(year, kind, None, int(counts[1]), int(counts[2]))
    if "," in text:
        text = text.replace(".", "").replace(",", ".")  # Belgian: 1.234,5
    try:
        return ValueInfo(year, kind, Decimal(text))
    except InvalidOperation:
        raise ValidationError(
            _("Value"), _("write a number such as 4,2 or counts such as 3/50.")
        ) from None
