"""Budget (kEUR per year x stage x credit type) and staffing (FTE, headcount)."""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from planner_app.domain.base import Base, PlanOwned
from planner_app.domain.columns import enum_type
from planner_app.domain.enums import Measure, Scenario, Statute
from planner_app.domain.types import I18nText, ScaledDecimal, UuidKey

KEUR_SCALE = 3  # kEUR with three decimals: whole euros
FTE_SCALE = 2


class BudgetStage(PlanOwned, Base):
    """INI (initial), adjusted, realised ...; id derives from plan and code."""

    __tablename__ = "budget_stages"
    natural_key = ("plan_id", "code")

    position: Mapped[int] = mapped_column(Integer, default=0)  # derived here: domain.order
    sort_key: Mapped[str | None] = mapped_column(String(64))  # exchanged order
    code: Mapped[str] = mapped_column(String(16))
    name: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)


class CreditType(PlanOwned, Base):
    """VL (commitment), VE (liquidation) ...; id derives from plan and code."""

    __tablename__ = "credit_types"
    natural_key = ("plan_id", "code")

    position: Mapped[int] = mapped_column(Integer, default=0)  # derived here: domain.order
    sort_key: Mapped[str | None] = mapped_column(String(64))  # exchanged order
    code: Mapped[str] = mapped_column(String(16))
    name: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)


class BudgetLine(PlanOwned, Base):
    """A node of the budget tree; only leaves carry amounts, groups are sums."""

    __tablename__ = "budget_lines"

    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        UuidKey, ForeignKey("budget_lines.id"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)  # derived here: domain.order
    sort_key: Mapped[str | None] = mapped_column(String(64))  # exchanged order
    code: Mapped[str] = mapped_column(String(32), default="")
    title: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)
    allow_negative: Mapped[bool] = mapped_column(Boolean, default=False)


class BudgetAmount(PlanOwned, Base):
    """One cell: id = line x year x stage x credit type, so replicas agree on it."""

    __tablename__ = "budget_amounts"
    natural_key = ("line_id", "year", "stage_id", "credit_type_id")

    line_id: Mapped[uuid.UUID] = mapped_column(UuidKey, ForeignKey("budget_lines.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    stage_id: Mapped[uuid.UUID] = mapped_column(UuidKey, ForeignKey("budget_stages.id"))
    credit_type_id: Mapped[uuid.UUID] = mapped_column(UuidKey, ForeignKey("credit_types.id"))
    amount: Mapped[Decimal | None] = mapped_column(ScaledDecimal(KEUR_SCALE))


class BudgetLineObjective(PlanOwned, Base):
    """A budget line funds an objective; id = line x objective."""

    __tablename__ = "budget_line_objectives"
    natural_key = ("line_id", "objective_id")

    line_id: Mapped[uuid.UUID] = mapped_column(UuidKey, ForeignKey("budget_lines.id"))
    objective_id: Mapped[uuid.UUID] = mapped_column(UuidKey, ForeignKey("objectives.id"))


class StaffingFigure(PlanOwned, Base):
    """FTE and headcount of a unit; id = unit x statute x year x scenario."""

    __tablename__ = "staffing_figures"
    natural_key = ("unit_id", "statute", "year", "scenario")

    unit_id: Mapped[uuid.UUID] = mapped_column(UuidKey, ForeignKey("org_units.id"), index=True)
    statute: Mapped[Statute] = mapped_column(enum_type(Statute))
    year: Mapped[int] = mapped_column(Integer)
    scenario: Mapped[Scenario] = mapped_column(enum_type(Scenario))
    fte: Mapped[Decimal | None] = mapped_column(ScaledDecimal(FTE_SCALE))
    headcount: Mapped[int | None] = mapped_column(Integer)


class PrintedTotal(PlanOwned, Base):
    """A total as the source document prints it, kept beside the rows it totals.

    Totals are always computed from the rows (DESIGN: the same exact sums on screen, in
    the workbook and on paper), but a plan transcribed from a signed document must not
    lose what that document printed: seed 003 §5.3 prints 5.883,0 FTE where its rows add
    up to 5.882,0. The printed figure is data, never used in a sum; the PDF footnotes a
    difference and the window shows it.

    What it totals: a budget line (a group's row) or, with no line, the budget's grand
    total, in one column (year x stage x credit type); or a unit (a group's row) or,
    with no unit, the staffing table's total, for one scenario and year, one statute or
    (no statute) all statutes, in FTE or headcount. Its id derives from all of that, so
    two replicas that record the same total agree on it."""

    __tablename__ = "printed_totals"
    natural_key = (
        "plan_id",
        "measure",
        "budget_line_id",
        "unit_id",
        "year",
        "stage_id",
        "credit_type_id",
        "scenario",
        "statute",
    )

    measure: Mapped[Measure] = mapped_column(enum_type(Measure))
    budget_line_id: Mapped[uuid.UUID | None] = mapped_column(UuidKey, ForeignKey("budget_lines.id"))
    unit_id: Mapped[uuid.UUID | None] = mapped_column(UuidKey, ForeignKey("org_units.id"))
    year: Mapped[int] = mapped_column(Integer)
    stage_id: Mapped[uuid.UUID | None] = mapped_column(UuidKey, ForeignKey("budget_stages.id"))
    credit_type_id: Mapped[uuid.UUID | None] = mapped_column(UuidKey, ForeignKey("credit_types.id"))
    scenario: Mapped[Scenario | None] = mapped_column(enum_type(Scenario))
    statute: Mapped[Statute | None] = mapped_column(enum_type(Statute))  # None: all
    # kEUR to three decimals, FTE to two, headcount whole: one exact column for all three
    value: Mapped[Decimal] = mapped_column(ScaledDecimal(KEUR_SCALE))
