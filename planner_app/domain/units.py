"""Organisation units (directorates, services, foreign posts), a tree per plan."""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from planner_app.domain.base import Base, PlanOwned
from planner_app.domain.columns import enum_type
from planner_app.domain.enums import UnitKind
from planner_app.domain.types import I18nText, UuidKey


class OrgUnit(PlanOwned, Base):
    __tablename__ = "org_units"

    parent_id: Mapped[uuid.UUID | None] = mapped_column(UuidKey, ForeignKey("org_units.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)  # derived here: domain.order
    sort_key: Mapped[str | None] = mapped_column(String(64))  # exchanged order
    code: Mapped[str] = mapped_column(String(64), default="")
    name: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)
    kind: Mapped[UnitKind] = mapped_column(enum_type(UnitKind), default=UnitKind.SERVICE)
