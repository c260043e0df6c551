"""Local, unsynced bookkeeping: the append-only change log and per-file state."""

from __future__ import annotations

import uuid

from sqlalchemy import BigInteger, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from planner_app.domain.base import Base
from planner_app.domain.types import UuidKey


class ChangeLogEntry(Base):
    """One field change. Written by the flush hook in the same transaction as the edit."""

    __tablename__ = "change_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    change_id: Mapped[uuid.UUID] = mapped_column(UuidKey, unique=True)
    at: Mapped[str] = mapped_column(String(32))  # UTC ISO-8601
    user: Mapped[str] = mapped_column(String(200))
    site_id: Mapped[str] = mapped_column(String(32))
    hlc: Mapped[int] = mapped_column(BigInteger)
    plan_id: Mapped[uuid.UUID | None] = mapped_column(UuidKey, index=True)
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[uuid.UUID] = mapped_column(UuidKey, index=True)
    op: Mapped[str] = mapped_column(String(8))  # insert | update | delete
    field: Mapped[str] = mapped_column(String(64))
    old: Mapped[str | None] = mapped_column(Text)  # JSON
    new: Mapped[str | None] = mapped_column(Text)  # JSON
    # The site a change was received from when it is the local copy of a merged change:
    # it is not sent back there (the echo would look like a conflict).
    origin_site: Mapped[str | None] = mapped_column(String(32))
    # The write's causal identity (``exchange.causal``): its dot, when it is another
    # site's write (a local write's dot is (site_id, seq)); the knowledge its writer
    # had (``write_contexts``; NULL: written before causal history was kept); the
    # versions a decision settled; the transaction of a delete; a merge's reason.
    dot_site: Mapped[str | None] = mapped_column(String(32))
    dot_n: Mapped[int | None] = mapped_column(Integer)
    context_id: Mapped[int | None] = mapped_column(Integer)
    decides: Mapped[str | None] = mapped_column(Text)
    txn: Mapped[str | None] = mapped_column(String(48))
    note: Mapped[str | None] = mapped_column(String(64))


class LocalState(Base):
    """Key/value facts about this replica (site id, clock); never exchanged."""

    __tablename__ = "local_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class AppliedChange(Base):
    """Change ids received from other sites and applied here (keeps imports idempotent)."""

    __tablename__ = "applied_changes"

    change_id: Mapped[uuid.UUID] = mapped_column(UuidKey, primary_key=True)
    applied_at: Mapped[str] = mapped_column(String(32))
