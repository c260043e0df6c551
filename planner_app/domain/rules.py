"""Rules of the objective tree: which level may hang where, and derived codes.

Codes are derived from position (SD 1, OD 1.2, initiative 1.2.3) unless a node stores
an override (004 prints SD 3.1/3.2 and OD 3.1.4 without 3.1.3). Children of a node
with an override number on from it, so OD 3.1.1 follows SD 3.1. The stored and shown
code is the number only; the SD/OD prefix is a translated label.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from planner_app.domain.enums import ObjectiveLevel

_PARENTS: dict[ObjectiveLevel, frozenset[ObjectiveLevel | None]] = {
    ObjectiveLevel.STRATEGIC: frozenset({None}),
    ObjectiveLevel.OPERATIONAL: frozenset({ObjectiveLevel.STRATEGIC}),
    # 003's "werven" hang directly under a strategic objective.
    ObjectiveLevel.INITIATIVE: frozenset({ObjectiveLevel.OPERATIONAL, ObjectiveLevel.STRATEGIC}),
}
_PREFIX = re.compile(r"^\s*(SD|OD|OS|OO|SO|SZ|OZ)\s*", re.IGNORECASE)


def parent_allowed(level: ObjectiveLevel, parent_level: ObjectiveLevel | None) -> bool:
    return parent_level in _PARENTS[level]


def normalise_code(code: str) -> str:
    """``"SD 3.1"`` / ``"OD 3.1.4."`` -> ``"3.1"`` / ``"3.1.4"`` (numbers only)."""
    return _PREFIX.sub("", code or "").strip().rstrip(".").strip()


@dataclass(frozen=True)
class CodeInput:
    id: uuid.UUID
    parent_id: uuid.UUID | None
    position: int
    override: str


def derive_codes(nodes: Iterable[CodeInput]) -> dict[uuid.UUID, str]:
    """Number every node from its position among siblings, honouring overrides."""
    children: dict[uuid.UUID | None, list[CodeInput]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
    for siblings in children.values():
        siblings.sort(key=lambda n: n.position)
    codes: dict[uuid.UUID, str] = {}
    stack: list[tuple[uuid.UUID | None, str]] = [(None, "")]
    while stack:
        parent_id, prefix = stack.pop()
        for index, node in enumerate(children.get(parent_id, []), start=1):
            own = normalise_code(node.override) or (f"{prefix}.{index}" if prefix else str(index))
            codes[node.id] = own
            stack.append((node.id, own))
    return codes


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
