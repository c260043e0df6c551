"""Rules of the objective tree: which level may hang where.

Codes are stored per objective and printed through the plan's level patterns
(``domain.codes``); the numbering an older file derived from positions is in its
migration (revision 0005).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from planner_app.domain.enums import ObjectiveLevel

_PARENTS: dict[ObjectiveLevel, frozenset[ObjectiveLevel | None]] = {
    ObjectiveLevel.STRATEGIC: frozenset({None}),
    ObjectiveLevel.OPERATIONAL: frozenset({ObjectiveLevel.STRATEGIC}),
    # 003's "werven" hang directly under a strategic objective.
    ObjectiveLevel.INITIATIVE: frozenset({ObjectiveLevel.OPERATIONAL, ObjectiveLevel.STRATEGIC}),
    # the optional fourth level: actions of a project (programme > objective > project)
    ObjectiveLevel.ACTION: frozenset({ObjectiveLevel.INITIATIVE}),
}


def parent_allowed(level: ObjectiveLevel, parent_level: ObjectiveLevel | None) -> bool:
    return parent_level in _PARENTS[level]


def descendants(
    children: Mapping[uuid.UUID | None, list[uuid.UUID]], root: uuid.UUID
) -> list[uuid.UUID]:
    """``root`` and everything under it, depth first."""
    out: list[uuid.UUID] = []
    stack = [root]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed(children.get(node, [])))
    return out
