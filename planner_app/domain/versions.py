"""Per-field causal history kept beside the data (``exchange.causal`` says what it
means): the versions of each written field, the contexts writes were made with, and
what this site holds of every other site's writes. Local bookkeeping: never copied
into packages as rows (writes travel as change-log records)."""

from __future__ import annotations

import uuid

from sqlalchemy import BigInteger, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from planner_app.domain.base import Base
from planner_app.domain.types import UuidKey

STAR = "*"  # the field name of a row's insert: the version of each field not written since


class FieldVersion(Base):
    """One write of a row's field that no other write held here has seen."""

    __tablename__ = "field_versions"

    row_id: Mapped[uuid.UUID] = mapped_column(UuidKey, primary_key=True)
    field: Mapped[str] = mapped_column(String(64), primary_key=True)
    site: Mapped[str] = mapped_column(String(32), primary_key=True)
    n: Mapped[int] = mapped_column(Integer, primary_key=True)
    table_name: Mapped[str] = mapped_column(String(64))
    hlc: Mapped[int] = mapped_column(BigInteger)
    context_id: Mapped[int] = mapped_column(Integer)
    value: Mapped[str | None] = mapped_column(Text)  # JSON; NULL for an insert (the row's)
    old: Mapped[str | None] = mapped_column(Text)
    decides: Mapped[str | None] = mapped_column(Text)
    txn: Mapped[str | None] = mapped_column(String(48))
    note: Mapped[str | None] = mapped_column(String(64))


class WriteContext(Base):
    """A knowledge (JSON {site: n}, sorted) that writes were made with, stored once."""

    __tablename__ = "write_contexts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    vv: Mapped[str] = mapped_column(Text, unique=True)


class Knowledge(Base):
    """The highest write of each other site held here (this site's own: all of them)."""

    __tablename__ = "knowledge"

    site: Mapped[str] = mapped_column(String(32), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)
