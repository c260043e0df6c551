"""What a plan's fingerprint covers: the canonical-content rules, one frozen version each.

A final or signed plan's fingerprint must keep verifying for as long as the file
exists, while later releases add columns and tables to the model. So a fingerprint does
not cover "whatever the model holds today": it covers what a numbered *rules version*
declares (the plan's own fields, and per content table the columns with the kind of
value each holds), and each fingerprint is stored with the version it was made under
(``plans.fingerprint_rules``; empty for fingerprints made before versions were recorded,
which are version 1). Checking a plan recomputes its fingerprint under the plan's own
version, never under today's. The rows are read by table and column name (SQLAlchemy
Core, no ORM), so a version keeps its meaning whatever becomes of the model classes.

The rules for every later change to the model:

* **A new field enters the fingerprint only under a new rules version.** Adding a
  column or a table to a content model changes no released version: declare the next
  version as the newest one plus the new fields (``Rules.extended``), append it to
  ``RULES``, and plans made final from then on are fixed under it.
  ``tests/test_fingerprint_rules.py`` fails until every content column of every content
  model is either in the newest version or named in ``NOT_CONTENT`` with a reason.
* A released version never changes: not its fields, their kinds, nor the canonical
  form (JSON with sorted keys and no spaces, rows in id order, tombstones left out,
  ``"format"`` = the version number).
* A migration keeps every table and column that a released version names, in its
  stored form (renaming or retyping one would leave the plans fixed under that version
  unverifiable); ``tests/data/frozen_plans_0003.sql``, two plans fixed by the release
  before versions existed, must verify after every migration.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from sqlalchemy import BigInteger, Boolean, Date, Enum, Integer, LargeBinary, String, Text
from sqlalchemy.types import TypeEngine

from planner_app.domain.types import DecimalText, I18nCells, I18nText, ScaledDecimal, UuidKey

# The kinds of stored value a rules version names, and how each is read (the stored
# form is the dialect's; the canonical JSON value is ``to_json_value`` of what is read).
KINDS: Mapping[str, TypeEngine] = MappingProxyType(
    {
        "uuid": UuidKey(),
        "text": String(),  # also enums, stored by their value
        "int": Integer(),
        "bool": Boolean(),
        "date": Date(),
        "i18n": I18nText(),
        "decimal": DecimalText(),
        "scaled2": ScaledDecimal(2),
        "scaled3": ScaledDecimal(3),
        "blob": LargeBinary(),  # canonical value: {"sha256": …, "size": …} of the bytes
        "cells": I18nCells(),  # a table row: one i18n text per cell
    }
)

Columns = tuple[tuple[str, str], ...]  # (column name, kind), in declaration order


def kind_of(column_type: TypeEngine) -> str:
    """The rules' kind of a model column type (for the guard test and new versions)."""
    if isinstance(column_type, UuidKey):
        return "uuid"
    if isinstance(column_type, I18nText):
        return "i18n"
    if isinstance(column_type, I18nCells):
        return "cells"
    if isinstance(column_type, ScaledDecimal):
        return f"scaled{column_type.scale}"
    if isinstance(column_type, DecimalText):
        return "decimal"
    if isinstance(column_type, Boolean):
        return "bool"
    if isinstance(column_type, Date):
        return "date"
    if isinstance(column_type, Integer | BigInteger):
        return "int"
    if isinstance(column_type, LargeBinary):
        return "blob"
    if isinstance(column_type, Enum | String | Text):
        return "text"
    raise TypeError(f"no fingerprint kind for a {type(column_type).__name__} column")


@dataclass(frozen=True)
class Rules:
    """One released version of the canonical content: the plan row's fields and, per
    content table (rows of the plan, ``plan_id`` among their columns), its columns.
    Every row's ``id`` is always part of it. Immutable; module-level constants only."""

    version: int
    plan: Columns
    tables: Mapping[str, Columns] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for _name, kind in (*self.plan, *(c for cols in self.tables.values() for c in cols)):
            if kind not in KINDS:
                raise ValueError(f"unknown kind {kind!r}")
        object.__setattr__(self, "tables", MappingProxyType(dict(self.tables)))

    def extended(
        self, version: int, *, plan: Columns = (), tables: Mapping[str, Columns] | None = None
    ) -> Rules:
        """The next version: these rules plus new plan fields, new columns of known
        tables and new tables (``tables`` maps a table to the columns it adds)."""
        if version <= self.version:
            raise ValueError("a new rules version has a higher number")
        merged = {name: cols for name, cols in self.tables.items()}
        for name, cols in (tables or {}).items():
            merged[name] = (*merged.get(name, ()), *cols)
        return Rules(version, (*self.plan, *plan), merged)


_ID = ("plan_id", "uuid")

# Version 1: exactly what the fingerprints of the releases before versions were
# recorded covered (every content column of the models at schema 0003, the plan's state
# and fingerprint left out, signing records left out). Never edit it.
RULES_V1 = Rules(
    version=1,
    plan=(
        ("code", "text"),
        ("kind", "text"),
        ("organisation", "i18n"),
        ("title", "i18n"),
        ("first_year", "int"),
        ("last_year", "int"),
        ("languages", "text"),
        ("version_no", "int"),
        ("strategic_plan_id", "uuid"),
        ("previous_plan_id", "uuid"),
    ),
    tables={
        "budget_amounts": (
            ("line_id", "uuid"),
            ("year", "int"),
            ("stage_id", "uuid"),
            ("credit_type_id", "uuid"),
            ("amount", "scaled3"),
            _ID,
        ),
        "budget_line_objectives": (("line_id", "uuid"), ("objective_id", "uuid"), _ID),
        "budget_lines": (
            ("parent_id", "uuid"),
            ("position", "int"),
            ("code", "text"),
            ("title", "i18n"),
            ("allow_negative", "bool"),
            _ID,
        ),
        "budget_stages": (("position", "int"), ("code", "text"), ("name", "i18n"), _ID),
        "communication_rows": (
            ("section_id", "uuid"),
            ("position", "int"),
            ("goal", "i18n"),
            ("audience", "i18n"),
            ("date_text", "i18n"),
            ("message", "i18n"),
            ("channel", "i18n"),
            ("material", "i18n"),
            _ID,
        ),
        "credit_types": (("position", "int"), ("code", "text"), ("name", "i18n"), _ID),
        "diversity_actions": (
            ("objective_id", "uuid"),
            ("position", "int"),
            ("text", "i18n"),
            ("owner", "text"),
            ("due", "text"),
            _ID,
        ),
        "diversity_bottlenecks": (
            ("text", "i18n"),
            ("diversity_plan_id", "uuid"),
            ("position", "int"),
            _ID,
        ),
        "diversity_indicator_values": (
            ("indicator_id", "uuid"),
            ("year", "int"),
            ("kind", "text"),
            ("value", "decimal"),
            ("numerator", "int"),
            ("denominator", "int"),
            _ID,
        ),
        "diversity_indicators": (
            ("name", "i18n"),
            ("unit", "text"),
            ("source", "i18n"),
            ("reliability", "i18n"),
            ("diversity_plan_id", "uuid"),
            ("position", "int"),
            _ID,
        ),
        "diversity_objective_pillars": (("objective_id", "uuid"), ("pillar_id", "uuid"), _ID),
        "diversity_objectives": (
            ("title", "i18n"),
            ("text", "i18n"),
            ("diversity_plan_id", "uuid"),
            ("position", "int"),
            _ID,
        ),
        "diversity_pillars": (
            ("title", "i18n"),
            ("description", "i18n"),
            ("diversity_plan_id", "uuid"),
            ("position", "int"),
            _ID,
        ),
        "diversity_plans": (
            ("year", "int"),
            ("contact_name", "text"),
            ("contact_role", "i18n"),
            ("contact_phone", "text"),
            ("contact_email", "text"),
            ("introduction", "i18n"),
            ("mission", "i18n"),
            ("top_priority", "i18n"),
            _ID,
        ),
        "diversity_priorities": (
            ("text", "i18n"),
            ("diversity_plan_id", "uuid"),
            ("position", "int"),
            _ID,
        ),
        "indicator_values": (
            ("indicator_id", "uuid"),
            ("year", "int"),
            ("kind", "text"),
            ("value", "decimal"),
            _ID,
        ),
        "indicators": (
            ("objective_id", "uuid"),
            ("position", "int"),
            ("name", "i18n"),
            ("unit_of_measure", "text"),
            _ID,
        ),
        "milestones": (
            ("objective_id", "uuid"),
            ("position", "int"),
            ("period", "text"),
            ("due_date", "date"),
            ("text", "i18n"),
            ("done", "bool"),
            _ID,
        ),
        "objective_partners": (("objective_id", "uuid"), ("unit_id", "uuid"), _ID),
        "objectives": (
            ("parent_id", "uuid"),
            ("policy_field_id", "uuid"),
            ("level", "text"),
            ("kind", "text"),
            ("position", "int"),
            ("code_override", "text"),
            ("title", "i18n"),
            ("description", "i18n"),
            ("intended_results", "i18n"),
            ("status", "text"),
            ("lead_unit_id", "uuid"),
            ("strategic_link_id", "uuid"),
            ("carried_from_id", "uuid"),
            _ID,
        ),
        "org_units": (
            ("parent_id", "uuid"),
            ("position", "int"),
            ("code", "text"),
            ("name", "i18n"),
            ("kind", "text"),
            _ID,
        ),
        "plan_sections": (
            ("position", "int"),
            ("kind", "text"),
            ("title", "i18n"),
            ("body", "i18n"),
            _ID,
        ),
        "policy_fields": (("position", "int"), ("code", "text"), ("title", "i18n"), _ID),
        "section_parts": (("section_id", "uuid"), ("key", "text"), ("text", "i18n"), _ID),
        "signatories": (("position", "int"), ("function", "i18n"), ("name", "text"), _ID),
        "staffing_figures": (
            ("unit_id", "uuid"),
            ("statute", "text"),
            ("year", "int"),
            ("scenario", "text"),
            ("fte", "scaled2"),
            ("headcount", "int"),
            _ID,
        ),
    },
)

# Version 2 (schema 0005_plan_document): how the plan presents itself as a document
# (document type, version label, the place and date printed above the signatures),
# body signatories and the images kept in the plan (logo, chapters' images: their
# bytes by SHA-256 and size).
RULES_V2 = RULES_V1.extended(
    2,
    plan=(
        ("document_type", "i18n"),
        ("version_label", "i18n"),
        ("signing_place", "i18n"),
        ("signing_date", "date"),
    ),
    tables={
        "signatories": (("body", "bool"),),
        "plan_images": (
            ("purpose", "text"),
            ("section_id", "uuid"),
            ("position", "int"),
            ("name", "text"),
            ("mime", "text"),
            ("data", "blob"),
            ("sha256", "text"),
            ("width", "int"),
            ("height", "int"),
            ("caption", "i18n"),
            _ID,
        ),
    },
)

# Version 3 (schema 0008_printed_totals): the totals the source document prints, kept
# beside the rows they total. Never edit it.
RULES_V3 = RULES_V2.extended(
    3,
    tables={
        "printed_totals": (
            ("measure", "text"),
            ("budget_line_id", "uuid"),
            ("unit_id", "uuid"),
            ("year", "int"),
            ("stage_id", "uuid"),
            ("credit_type_id", "uuid"),
            ("scenario", "text"),
            ("statute", "text"),
            ("value", "scaled3"),
            _ID,
        ),
    },
)

# Version 4 (schema 0009_chapter_tree): the chapter tree (a chapter's parent, whether
# it is numbered, the further kinds it holds) and chapters' simple tables.
RULES_V4 = RULES_V3.extended(
    4,
    tables={
        "plan_sections": (("parent_id", "uuid"), ("numbered", "bool"), ("also", "text")),
        "chapter_table_rows": (
            ("section_id", "uuid"),
            ("position", "int"),
            ("header", "bool"),
            ("cells", "cells"),
            _ID,
        ),
    },
)

# Version 5 (schema 0010_unit_roles): a partner unit's role, the plan's own roles and
# transversal objectives (the strategic objectives an objective also serves).
RULES_V5 = RULES_V4.extended(
    5,
    tables={
        "objective_partners": (("role", "text"), ("role_id", "uuid")),
        "plan_roles": (("position", "int"), ("code", "text"), ("name", "i18n"), _ID),
        "objective_contributions": (("objective_id", "uuid"), ("strategic_id", "uuid"), _ID),
    },
)

# Version 6 (schema 0011_levels_and_codes): each plan's levels (names and code patterns),
# the objectives' stored codes and whether the plan tracks status. Never edit it.
RULES_V6 = RULES_V5.extended(
    6,
    plan=(("track_status", "bool"),),
    tables={
        "objectives": (("code", "text"), ("code_literal", "bool")),
        "plan_levels": (
            ("level", "text"),
            ("used", "bool"),
            ("name", "i18n"),
            ("pattern", "i18n"),
            _ID,
        ),
    },
)

# Version 7 (schemas 0013_strategic_references and 0014_milestones_to_replan): whether
# an objective of a yearly plan stands for its strategic plan's objective (a read-only
# reference whose code and title are fixed with the plan), and whether a milestone
# carried undone into next year's plan is marked for re-planning. Never edit it.
RULES_V7 = RULES_V6.extended(
    7,
    tables={"objectives": (("is_reference", "bool"),), "milestones": (("replan", "bool"),)},
)

# Version 8 (schema 0015_progress): measurable progress. Milestones' due day (with how
# it was given) and done day; an indicator's target in words with its date and done
# mark (a diversity indicator's too); actuals per quarter; values per unit; whether the
# plan reports quarterly. Never edit it.
RULES_V8 = RULES_V7.extended(
    8,
    plan=(("reports_quarterly", "bool"),),
    tables={
        "milestones": (("due_by", "date"), ("due_precision", "text"), ("done_on", "date")),
        "indicators": (("target_text", "i18n"), ("target_date", "date"), ("target_done", "bool")),
        "diversity_indicators": (
            ("target_text", "i18n"),
            ("target_date", "date"),
            ("target_done", "bool"),
        ),
        "indicator_quarter_values": (
            ("indicator_id", "uuid"),
            ("year", "int"),
            ("quarter", "int"),
            ("value", "decimal"),
            _ID,
        ),
        "indicator_unit_values": (
            ("indicator_id", "uuid"),
            ("unit_id", "uuid"),
            ("year", "int"),
            ("kind", "text"),
            ("value", "decimal"),
            _ID,
        ),
    },
)

# Every released version, oldest first; the last one fixes plans made final today.
RULES: Mapping[int, Rules] = MappingProxyType(
    {
        r.version: r
        for r in (
            RULES_V1,
            RULES_V2,
            RULES_V3,
            RULES_V4,
            RULES_V5,
            RULES_V6,
            RULES_V7,
            RULES_V8,
        )
    }
)
CURRENT: Rules = RULES[max(RULES)]

# Content columns that no rules version covers, and why (the guard test reads this).
NOT_CONTENT: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "plans": MappingProxyType(
            {
                "state": "moves draft -> final -> signed around the fixed content",
                "fingerprint": "the value itself",
                "fingerprint_rules": "which rules the value was made under",
                "fingerprint_at": "when the value was made",
            }
        ),
        "signing_records": MappingProxyType(
            {"*": "added after signing (date, place, scan); signing must not change it"}
        ),
        "signed_pdfs": MappingProxyType(
            {"*": "the electronically signed PDF, added as signatories sign the final plan"}
        ),
        "pdf_signatures": MappingProxyType(
            {"*": "each electronic signature's signer and time, added as they sign"}
        ),
    }
)


def rules_for(version: int | None) -> Rules | None:
    """The rules a fingerprint was made under (``None`` = before versions: 1); ``None``
    when this release does not know the version (the file comes from a newer one)."""
    return RULES.get(1 if version is None else version)
