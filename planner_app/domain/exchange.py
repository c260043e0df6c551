"""Local exchange bookkeeping: the sites this replica trades packages with, and the
merge conflicts waiting for a person. Neither travels in packages (only decisions do,
as ordinary changes)."""

from __future__ import annotations

import uuid

from sqlalchemy import Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from planner_app.domain.base import Base
from planner_app.domain.types import UuidKey


class ExchangePeer(Base):
    """Another replica of one plan: headquarters (at a post) or a post (at headquarters).

    ``received_seq`` is the last of *its* change-log sequences applied here;
    ``acked_seq`` the last of *ours* it has confirmed (so the next package starts after
    it). Keys are empty until enrolled: a post's first package is refused until a
    person accepts its fingerprint.
    """

    __tablename__ = "exchange_peers"
    __table_args__ = (UniqueConstraint("plan_id", "site_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    plan_id: Mapped[uuid.UUID] = mapped_column(UuidKey)
    site_id: Mapped[str] = mapped_column(String(32))
    role: Mapped[str] = mapped_column(String(8))  # hq | post
    unit_id: Mapped[uuid.UUID | None] = mapped_column(UuidKey)
    sign_key: Mapped[str] = mapped_column(String(64), default="")
    box_key: Mapped[str] = mapped_column(String(64), default="")
    enrolled_at: Mapped[str] = mapped_column(String(32), default="")
    received_seq: Mapped[int] = mapped_column(Integer, default=0)
    acked_seq: Mapped[int] = mapped_column(Integer, default=0)
    # What the peer said it holds in its last package (JSON knowledge): writes it
    # holds are not sent to it again.
    knowledge: Mapped[str] = mapped_column(Text, default="{}")
    # The site of the peer's next incarnation (a restored or copied file), once its
    # first package arrived; packages go to that one.
    successor: Mapped[str] = mapped_column(String(32), default="")


class MergeConflict(Base):
    """One field both sides changed differently; local stays until someone decides."""

    __tablename__ = "merge_conflicts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    plan_id: Mapped[uuid.UUID] = mapped_column(UuidKey, index=True)
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[uuid.UUID] = mapped_column(UuidKey)
    field: Mapped[str] = mapped_column(String(64))
    # value | both-added | delete-edit (conflicts); refused | parent-deleted | cycle (notices)
    kind: Mapped[str] = mapped_column(String(16))
    base: Mapped[str | None] = mapped_column(Text)  # JSON, as in the change log
    local: Mapped[str | None] = mapped_column(Text)
    remote: Mapped[str | None] = mapped_column(Text)
    from_site: Mapped[str] = mapped_column(String(32))
    change_id: Mapped[uuid.UUID] = mapped_column(UuidKey)
    remote_at: Mapped[str] = mapped_column(String(32))
    remote_user: Mapped[str] = mapped_column(String(200))
    decision: Mapped[str] = mapped_column(String(16), default="")  # "" = open
    note: Mapped[str | None] = mapped_column(Text)  # why (a refusal's reason)
    versions: Mapped[str | None] = mapped_column(Text)  # JSON dots of the writes in it
