"""The plan itself, its narrative chapters, signatories and signing record."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import ClassVar

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, LargeBinary, String, text
from sqlalchemy.orm import Mapped, mapped_column

from planner_app.domain.base import Base, PlanOwned, Synced
from planner_app.domain.columns import enum_type
from planner_app.domain.enums import PlanKind, PlanState, SectionKind
from planner_app.domain.types import I18nCells, I18nText, UuidKey


class Plan(Synced, Base):
    """One plan in a file; a file may hold several. ``code`` is its short handle."""

    __tablename__ = "plans"
    __table_args__ = (
        Index("uq_plans_code_live", "code", unique=True, sqlite_where=text("deleted = 0")),
    )

    code: Mapped[str] = mapped_column(String(64))
    kind: Mapped[PlanKind] = mapped_column(enum_type(PlanKind))
    organisation: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)
    title: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)
    first_year: Mapped[int] = mapped_column(Integer)
    last_year: Mapped[int] = mapped_column(Integer)
    languages: Mapped[str] = mapped_column(String(32), default="nl")  # "nl,fr": first is main
    state: Mapped[PlanState] = mapped_column(enum_type(PlanState), default=PlanState.DRAFT)
    # Whether objectives carry a status ("op schema", …): business and operational
    # plans report on them; a strategic plan for signature has none to show.
    track_status: Mapped[bool] = mapped_column(Boolean, default=True)
    version_no: Mapped[int] = mapped_column(Integer, default=1)
    # A yearly plan carries out a strategic plan (003 §1.2).
    strategic_plan_id: Mapped[uuid.UUID | None] = mapped_column(UuidKey, ForeignKey("plans.id"))
    # The plan this one was copied from (next year's plan, new draft version).
    previous_plan_id: Mapped[uuid.UUID | None] = mapped_column(UuidKey, ForeignKey("plans.id"))
    # SHA-256 of the canonical content, set when the plan is made final, with the
    # version of the canonical-content rules it was made under (``None`` before rules
    # were recorded: version 1) and when (UTC ISO-8601); see services.fingerprint_rules.
    fingerprint: Mapped[str | None] = mapped_column(String(64))
    fingerprint_rules: Mapped[int | None] = mapped_column(Integer)
    fingerprint_at: Mapped[str | None] = mapped_column(String(32))
    # How the document names itself where the kind's name will not do ("Bestuurs-
    # overeenkomst", "Contrat d'administration"), per language; empty: the kind's name.
    document_type: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)
    # The version as the document prints it ("Version de mai 2016"), beside version_no.
    version_label: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)
    # The place and the date printed above the signatures ("Gedaan te Brussel op …"):
    # content, fixed with the plan; the real dates of signing are the signing record's.
    signing_place: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)
    signing_date: Mapped[dt.date | None] = mapped_column(Date)
    # Indicators' actuals are given per quarter (the plan reports quarterly), not per year.
    reports_quarterly: Mapped[bool] = mapped_column(Boolean, default=False)

    @property
    def plan_id(self) -> uuid.UUID:
        return self.id

    @property
    def language_list(self) -> list[str]:
        return [lang for lang in self.languages.split(",") if lang]


class PlanSection(PlanOwned, Base):
    """A chapter of the document: a node of the plan's chapter tree (``parent_id``,
    ``position`` among its siblings). ``kind`` says what it holds (PESTEL/SWOT keep
    their factors in ``SectionPart``; a made kind places the objectives, budget,
    staffing or signatures); ``also`` names further kinds it holds ("vision" in a
    mission chapter), comma-separated. Its number is derived (``services.chapter_tree``)
    when it and the chapters above it are ``numbered``."""

    __tablename__ = "plan_sections"

    position: Mapped[int] = mapped_column(Integer, default=0)  # derived here: domain.order
    sort_key: Mapped[str | None] = mapped_column(String(64))  # exchanged order
    kind: Mapped[SectionKind] = mapped_column(enum_type(SectionKind))
    title: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)
    body: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)
    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        UuidKey, ForeignKey("plan_sections.id"), index=True
    )
    numbered: Mapped[bool] = mapped_column(Boolean, default=True)
    also: Mapped[str] = mapped_column(String(200), default="")

    @property
    def kinds(self) -> tuple[SectionKind, ...]:
        return (self.kind, *kinds_from(self.also))


def kinds_from(text: str) -> tuple[SectionKind, ...]:
    """The kinds in a comma-separated ``also`` (unknown ones from a newer release
    are left out)."""
    out = []
    for part in text.split(","):
        try:
            out.append(SectionKind(part.strip()))
        except ValueError:
            continue
    return tuple(dict.fromkeys(out))


class ChapterTableRow(PlanOwned, Base):
    """A row of a chapter's simple table: ``cells`` is one text per language for each
    column; ``header`` rows print as the table's head."""

    __tablename__ = "chapter_table_rows"

    section_id: Mapped[uuid.UUID] = mapped_column(
        UuidKey, ForeignKey("plan_sections.id"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)  # derived here: domain.order
    sort_key: Mapped[str | None] = mapped_column(String(64))  # exchanged order
    header: Mapped[bool] = mapped_column(Boolean, default=False)
    cells: Mapped[list[dict[str, str]]] = mapped_column(I18nCells, default=list)


class SectionPart(PlanOwned, Base):
    """One PESTEL factor or SWOT quadrant; its id derives from section and key."""

    __tablename__ = "section_parts"
    natural_key = ("section_id", "key")

    section_id: Mapped[uuid.UUID] = mapped_column(UuidKey, ForeignKey("plan_sections.id"))
    key: Mapped[str] = mapped_column(String(32))
    text: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)


class CommunicationRow(PlanOwned, Base):
    """A row of the communication plan table."""

    __tablename__ = "communication_rows"

    section_id: Mapped[uuid.UUID] = mapped_column(UuidKey, ForeignKey("plan_sections.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)  # derived here: domain.order
    sort_key: Mapped[str | None] = mapped_column(String(64))  # exchanged order
    goal: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)
    audience: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)
    date_text: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)
    message: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)
    channel: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)
    material: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)


class Signatory(PlanOwned, Base):
    """One who signs: a person (``function`` and ``name``) or, with ``body``, a body
    that signs as a whole ("het Directiecomité", in ``function``) without a name."""

    __tablename__ = "signatories"

    position: Mapped[int] = mapped_column(Integer, default=0)  # derived here: domain.order
    sort_key: Mapped[str | None] = mapped_column(String(64))  # exchanged order
    function: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)
    name: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[bool] = mapped_column(Boolean, default=False)


class SigningRecord(PlanOwned, Base):
    """Date, place and scan of the signed copy: not part of the fingerprinted content."""

    __tablename__ = "signing_records"
    signing_metadata: ClassVar[bool] = True  # added to a frozen plan; not fingerprinted

    signed_on: Mapped[dt.date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(200), default="")
    scan: Mapped[bytes | None] = mapped_column(LargeBinary)
    scan_name: Mapped[str] = mapped_column(String(255), default="")
    scan_sha256: Mapped[str] = mapped_column(String(64), default="")
