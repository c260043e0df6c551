"""The equal-opportunity and diversity plan (gelijke kansen- en diversiteitsplan).

HR data: the exchange issue leaves these tables out of starter files for posts unless
headquarters includes them, which is why they hang off their own root row.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from planner_app.domain.base import Base, PlanOwned
from planner_app.domain.columns import enum_type
from planner_app.domain.enums import MeasureUnit, ValueKind
from planner_app.domain.types import DecimalText, I18nText, UuidKey


class DiversityPlan(PlanOwned, Base):
    """One per plan and year; id derives from plan and year."""

    __tablename__ = "diversity_plans"
    natural_key = ("plan_id", "year")

    year: Mapped[int] = mapped_column(Integer)
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    contact_role: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)
    contact_phone: Mapped[str] = mapped_column(String(64), default="")
    contact_email: Mapped[str] = mapped_column(String(200), default="")
    introduction: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)
    mission: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)
    top_priority: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)


class _DiversityChild(PlanOwned):
    diversity_plan_id: Mapped[uuid.UUID] = mapped_column(UuidKey, ForeignKey("diversity_plans.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)  # derived here: domain.order
    sort_key: Mapped[str | None] = mapped_column(String(64))  # exchanged order


class DiversityPillar(_DiversityChild, Base):
    __tablename__ = "diversity_pillars"

    title: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)
    description: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)


class DiversityBottleneck(_DiversityChild, Base):
    __tablename__ = "diversity_bottlenecks"

    text: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)


class DiversityPriority(_DiversityChild, Base):
    __tablename__ = "diversity_priorities"

    text: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)


class DiversityObjective(_DiversityChild, Base):
    __tablename__ = "diversity_objectives"

    title: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)
    text: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)


class DiversityObjectivePillar(PlanOwned, Base):
    """An objective serves a pillar; id = objective x pillar."""

    __tablename__ = "diversity_objective_pillars"
    natural_key = ("objective_id", "pillar_id")

    objective_id: Mapped[uuid.UUID] = mapped_column(UuidKey, ForeignKey("diversity_objectives.id"))
    pillar_id: Mapped[uuid.UUID] = mapped_column(UuidKey, ForeignKey("diversity_pillars.id"))


class DiversityAction(PlanOwned, Base):
    __tablename__ = "diversity_actions"

    objective_id: Mapped[uuid.UUID] = mapped_column(UuidKey, ForeignKey("diversity_objectives.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)  # derived here: domain.order
    sort_key: Mapped[str | None] = mapped_column(String(64))  # exchanged order
    text: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)
    owner: Mapped[str] = mapped_column(String(200), default="")
    due: Mapped[str] = mapped_column(String(64), default="")


class DiversityIndicator(_DiversityChild, Base):
    __tablename__ = "diversity_indicators"

    name: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)
    unit: Mapped[MeasureUnit] = mapped_column(enum_type(MeasureUnit))
    source: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)
    reliability: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)
    # A target in words ("an inclusive vacancy text for every vacancy by 2026"), with an
    # optional date, that a person marks done (issue 26; as an objective's indicator).
    target_text: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)
    target_date: Mapped[dt.date | None] = mapped_column(Date)
    target_done: Mapped[bool] = mapped_column(Boolean, default=False)


class DiversityIndicatorValue(PlanOwned, Base):
    """Baseline/target/actual in a year, as a value or as numerator/denominator."""

    __tablename__ = "diversity_indicator_values"
    natural_key = ("indicator_id", "year", "kind")

    indicator_id: Mapped[uuid.UUID] = mapped_column(
        UuidKey, ForeignKey("diversity_indicators.id"), index=True
    )
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[ValueKind] = mapped_column(enum_type(ValueKind))
    value: Mapped[Decimal | None] = mapped_column(DecimalText)
    numerator: Mapped[int | None] = mapped_column(Integer)
    denominator: Mapped[int | None] = mapped_column(Integer)
