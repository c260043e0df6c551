"""Local notes kept with a plan file but outside the plan's content (unsynced).

A ``FinalNote`` says that a plan was made final for signature after its legal minimum
content was checked (``services.completeness``): when, by whom, under which rules, and
which required elements were missing and the user chose to go on without. It is not
part of the plan's fingerprinted content (a plan's content does not change by being
checked) and is not exchanged with posts: it records a decision taken at this copy.
"""

from __future__ import annotations

import uuid

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from planner_app.domain.base import Base
from planner_app.domain.types import UuidKey


class FinalNote(Base):
    """One finalisation after the completeness check; ``missing`` is a JSON list of the
    element keys (``domain.legal_minimum``) that were missing and acknowledged."""

    __tablename__ = "final_notes"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    plan_id: Mapped[uuid.UUID] = mapped_column(UuidKey, index=True)
    at: Mapped[str] = mapped_column(String(32))  # UTC ISO-8601
    user: Mapped[str] = mapped_column(String(200))
    fingerprint: Mapped[str] = mapped_column(String(64))
    rules_version: Mapped[int] = mapped_column(Integer)
    missing: Mapped[str] = mapped_column(Text)  # JSON list of element keys
