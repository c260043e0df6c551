"""The order of the objective tree's top level: strategic objectives grouped by policy
field, in the fields' order (those without a field first), then by position.

One rule for every reader and writer (the tree, the document, the workbook, moves and
renumbering), so that a field's heading is never printed twice and a move keeps an
objective in its field unless it names another.
"""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from planner_app.services import fastread


def field_ranks(s: Session, plan_id: uuid.UUID) -> dict[str, int]:
    """Each live policy field's place among the plan's fields (hex id -> index)."""
    found = fastread.rows(
        s,
        "SELECT id FROM policy_fields WHERE plan_id = :plan AND deleted = 0 ORDER BY position, id",
        plan=plan_id,
    )
    return {row[0]: index for index, row in enumerate(found)}


def field_rank(ranks: dict[str, int], policy_field_id: uuid.UUID | None) -> int:
    """Where objectives of ``policy_field_id`` stand (-1: no field, before the others)."""
    return ranks.get(policy_field_id.hex, -1) if policy_field_id is not None else -1
