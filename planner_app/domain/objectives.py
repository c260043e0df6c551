"""The objective tree (SD -> OD -> initiative), milestones and indicators."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from planner_app.domain.base import Base, PlanOwned
from planner_app.domain.columns import enum_type
from planner_app.domain.enums import (
    DuePrecision,
    InitiativeKind,
    ObjectiveLevel,
    Status,
    UnitRole,
    ValueKind,
)
from planner_app.domain.types import DecimalText, I18nText, UuidKey


class PolicyField(PlanOwned, Base):
    """A heading over strategic objectives (004: "1. Buitenlands beleid")."""

    __tablename__ = "policy_fields"

    position: Mapped[int] = mapped_column(Integer, default=0)  # derived here: domain.order
    sort_key: Mapped[str | None] = mapped_column(String(64))  # exchanged order
    code: Mapped[str] = mapped_column(String(32), default="")
    title: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)


class Objective(PlanOwned, Base):
    """A node of the tree: its level (role), place, stored code and texts.

    ``code`` is stored, never derived from the place (``domain.codes``): the number
    path the level's pattern prints ("3.1" -> "SD 3.1"), or with ``code_literal`` a
    code typed by hand that prints as typed. ``code_override`` is what files before
    revision 0005 numbered from (a typed number, else the position decided); it is
    kept unchanged because fingerprints made under rules version 1 cover it, and no
    longer read.
    """

    __tablename__ = "objectives"

    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        UuidKey, ForeignKey("objectives.id"), index=True
    )
    policy_field_id: Mapped[uuid.UUID | None] = mapped_column(
        UuidKey, ForeignKey("policy_fields.id")
    )
    level: Mapped[ObjectiveLevel] = mapped_column(enum_type(ObjectiveLevel))
    kind: Mapped[InitiativeKind | None] = mapped_column(enum_type(InitiativeKind))
    position: Mapped[int] = mapped_column(Integer, default=0)  # derived here: domain.order
    sort_key: Mapped[str | None] = mapped_column(String(64))  # exchanged order
    code_override: Mapped[str] = mapped_column(String(32), default="")
    code: Mapped[str] = mapped_column(String(64), default="")
    code_literal: Mapped[bool] = mapped_column(Boolean, default=False)
    title: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)
    description: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)
    intended_results: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)
    status: Mapped[Status] = mapped_column(enum_type(Status), default=Status.NOT_STARTED)
    lead_unit_id: Mapped[uuid.UUID | None] = mapped_column(UuidKey, ForeignKey("org_units.id"))
    # In a yearly plan: the strategic plan's objective this one carries out.
    strategic_link_id: Mapped[uuid.UUID | None] = mapped_column(
        UuidKey, ForeignKey("objectives.id")
    )
    # In a copied plan: the objective it was copied or carried over from.
    carried_from_id: Mapped[uuid.UUID | None] = mapped_column(UuidKey, ForeignKey("objectives.id"))
    # In a yearly plan made from its strategic plan: this row stands for the strategic
    # plan's objective ``strategic_link_id`` (an SD or OD the year's objectives hang
    # under). It is read-only here; its code and title follow the strategic plan while
    # this plan is a draft and stay as they were when it was made final
    # (``services.references``).
    is_reference: Mapped[bool] = mapped_column(Boolean, default=False)


class ObjectivePartner(PlanOwned, Base):
    """A unit that works on an objective beside its lead unit, with its role: co-lead
    (co-pilote), involved (betrokkene), or one of the plan's own roles (``role`` =
    ``own`` and ``role_id``); id derives from objective and unit."""

    __tablename__ = "objective_partners"
    natural_key = ("objective_id", "unit_id")

    objective_id: Mapped[uuid.UUID] = mapped_column(UuidKey, ForeignKey("objectives.id"))
    unit_id: Mapped[uuid.UUID] = mapped_column(UuidKey, ForeignKey("org_units.id"))
    role: Mapped[UnitRole] = mapped_column(enum_type(UnitRole), default=UnitRole.INVOLVED)
    role_id: Mapped[uuid.UUID | None] = mapped_column(UuidKey, ForeignKey("plan_roles.id"))


class PlanRole(PlanOwned, Base):
    """A role a plan defines for the units of its objectives ("Co", "Co-P", "OOT"),
    with its name per language."""

    __tablename__ = "plan_roles"

    position: Mapped[int] = mapped_column(Integer, default=0)  # derived here: domain.order
    sort_key: Mapped[str | None] = mapped_column(String(64))  # exchanged order
    code: Mapped[str] = mapped_column(String(16), default="")
    name: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)


class ObjectiveContribution(PlanOwned, Base):
    """A transversal link: the objective also serves the strategic objective
    ``strategic_id`` of the same plan, besides the one it sits under; id derives from
    both."""

    __tablename__ = "objective_contributions"
    natural_key = ("objective_id", "strategic_id")

    objective_id: Mapped[uuid.UUID] = mapped_column(
        UuidKey, ForeignKey("objectives.id"), index=True
    )
    strategic_id: Mapped[uuid.UUID] = mapped_column(UuidKey, ForeignKey("objectives.id"))


class Milestone(PlanOwned, Base):
    """A dated step of an objective. ``due_by`` is the last day it is due by (the end
    of the month, quarter or year when ``due_precision`` says it was given so, see
    ``domain.due``); ``period`` is the text it was given as, kept where it says more
    than the date ("Q3-Q4 2025") or is no date at all ("Q2+Q4 2025"). ``done_on``: when
    it was done, if known (``done`` without it is done at any date).

    ``due_date`` is what files before revision 0007 could hold (a day, from a
    workbook); the migration copied it into ``due_by``. It is kept unchanged because
    fingerprints made under rules version 1 cover it, and no longer read."""

    __tablename__ = "milestones"

    objective_id: Mapped[uuid.UUID] = mapped_column(
        UuidKey, ForeignKey("objectives.id"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)  # derived here: domain.order
    sort_key: Mapped[str | None] = mapped_column(String(64))  # exchanged order
    period: Mapped[str] = mapped_column(String(64), default="")  # "Q2 2025", "2025", ...
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    text: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    due_by: Mapped[dt.date | None] = mapped_column(Date)
    due_precision: Mapped[DuePrecision | None] = mapped_column(enum_type(DuePrecision))
    done_on: Mapped[dt.date | None] = mapped_column(Date)
    # Carried into next year's plan undone, moved a year on: to plan again (its period
    # or due date set anew, or marked planned, clears it).
    replan: Mapped[bool] = mapped_column(Boolean, default=False)


class Indicator(PlanOwned, Base):
    """A performance indicator (prestatie-indicator) of an objective."""

    __tablename__ = "indicators"

    objective_id: Mapped[uuid.UUID] = mapped_column(
        UuidKey, ForeignKey("objectives.id"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)  # derived here: domain.order
    sort_key: Mapped[str | None] = mapped_column(String(64))  # exchanged order
    name: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)
    unit_of_measure: Mapped[str] = mapped_column(String(64), default="")
    # A target in words ("100 % réalisé 6 mois après approbation"), beside or instead of
    # numbers, with an optional date and a person's mark that it is done.
    target_text: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)
    target_date: Mapped[dt.date | None] = mapped_column(Date)
    target_done: Mapped[bool] = mapped_column(Boolean, default=False)


class IndicatorValue(PlanOwned, Base):
    """Baseline, target or actual of an indicator in a year; id = indicator x year x kind."""

    __tablename__ = "indicator_values"
    natural_key = ("indicator_id", "year", "kind")

    indicator_id: Mapped[uuid.UUID] = mapped_column(
        UuidKey, ForeignKey("indicators.id"), index=True
    )
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[ValueKind] = mapped_column(enum_type(ValueKind))
    value: Mapped[Decimal | None] = mapped_column(DecimalText)


class IndicatorQuarterValue(PlanOwned, Base):
    """An actual of one quarter, for a plan that reports quarterly; id = indicator x
    year x quarter."""

    __tablename__ = "indicator_quarter_values"
    natural_key = ("indicator_id", "year", "quarter")

    indicator_id: Mapped[uuid.UUID] = mapped_column(
        UuidKey, ForeignKey("indicators.id"), index=True
    )
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer)  # 1..4
    value: Mapped[Decimal | None] = mapped_column(DecimalText)


class IndicatorUnitValue(PlanOwned, Base):
    """An indicator's baseline, target or actual for one unit (a breakdown the plan
    gives per directorate or post); id = indicator x unit x year x kind."""

    __tablename__ = "indicator_unit_values"
    natural_key = ("indicator_id", "unit_id", "year", "kind")

    indicator_id: Mapped[uuid.UUID] = mapped_column(
        UuidKey, ForeignKey("indicators.id"), index=True
    )
    unit_id: Mapped[uuid.UUID] = mapped_column(UuidKey, ForeignKey("org_units.id"))
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[ValueKind] = mapped_column(enum_type(ValueKind))
    value: Mapped[Decimal | None] = mapped_column(DecimalText)
