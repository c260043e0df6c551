"""Declarative base and the columns every exchanged row carries.

Plans are written on many laptops and merged later (DESIGN.md), so every synced row
has a UUID key, a row version, a hybrid-logical-clock stamp, the site that wrote it last
and a tombstone flag. These columns are filled by the change capture in
``planner_app.domain.changes``; services never set them by hand.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from planner_app.domain.types import UuidKey

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Namespace for deterministic ids of records that two replicas may create on their own
# (a budget amount is line x year x stage x credit type, whoever types it first).
ID_NAMESPACE = uuid.UUID("6f1c2a52-8d0e-5b7e-9c43-1f6d2b0a9e11")


def derived_id(*parts: object) -> uuid.UUID:
    """A uuid5 that every replica computes alike from the same natural key."""
    return uuid.uuid5(ID_NAMESPACE, "/".join(str(p) for p in parts))


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Synced:
    """Mixin: identity and replication columns of a row that travels between sites."""

    __synced__ = True
    # Columns whose values determine the id (uuid5) of rows that replicas may create
    # independently; empty for rows with random ids.
    natural_key: ClassVar[tuple[str, ...]] = ()

    id: Mapped[uuid.UUID] = mapped_column(UuidKey, primary_key=True, default=uuid.uuid4)
    row_version: Mapped[int] = mapped_column(Integer, default=0)
    hlc: Mapped[int] = mapped_column(BigInteger, default=0)
    site_id: Mapped[str] = mapped_column(String(32), default="")
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)

    @classmethod
    def key_id(cls, *values: object) -> uuid.UUID:
        """The id of the row with natural key ``values`` (see ``natural_key``)."""
        return derived_id(cls.__tablename__, *values)  # type: ignore[attr-defined]


class PlanOwned(Synced):
    """Mixin: a synced row that belongs to one plan (freezing and packaging use it)."""

    # Signing metadata (the signing record, the signed PDF and its signatures) is not
    # part of the plan's content: not fingerprinted, not copied into a new version, and
    # the only rows a frozen plan accepts.
    signing_metadata: ClassVar[bool] = False

    @declared_attr
    def plan_id(cls) -> Mapped[uuid.UUID]:  # noqa: N805 - SQLAlchemy's declared_attr
        return mapped_column(UuidKey, ForeignKey("plans.id"), index=True)
