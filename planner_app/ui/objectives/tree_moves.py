"""Where an objective may go: move up/down, indent, outdent, drop, new children.

Works on the tree model's plain nodes (``TreeNode``) and the domain's level rules; no
Qt. A target is ``(parent_id, position)`` as ``objectives.move_objective`` takes it:
``position`` counts the objective siblings (policy-field headings are not siblings)
without the moved node. ``None`` means the move is not allowed.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from planner_app.domain.enums import ObjectiveLevel
from planner_app.domain.rules import parent_allowed

if TYPE_CHECKING:
    from planner_app.ui.objectives.objective_tree import TreeNode

Target = tuple[uuid.UUID | None, int]

_NEXT_LEVEL = {
    ObjectiveLevel.STRATEGIC: ObjectiveLevel.OPERATIONAL,
    ObjectiveLevel.OPERATIONAL: ObjectiveLevel.INITIATIVE,
}


def objective_children(node: TreeNode) -> list[TreeNode]:
    return [c for c in node.children if not c.heading]


def is_root(node: TreeNode) -> bool:
    return node.parent is None


def _parent_id(node: TreeNode) -> uuid.UUID | None:
    return None if is_root(node) else node.id


def _index(node: TreeNode) -> int:
    assert node.parent is not None
    return objective_children(node.parent).index(node)


def _allowed_under(level: ObjectiveLevel | None, parent: TreeNode) -> bool:
    if level is None or parent.heading:
        return False
    return parent_allowed(level, None if is_root(parent) else parent.level)


def is_within(node: TreeNode, ancestor: TreeNode) -> bool:
    """Whether ``node`` is ``ancestor`` or lies under it."""
    current: TreeNode | None = node
    while current is not None:
        if current is ancestor:
            return True
        current = current.parent
    return False


def move_up_target(node: TreeNode) -> Target | None:
    if node.heading or node.parent is None:
        return None
    index = _index(node)
    return (_parent_id(node.parent), index - 1) if index > 0 else None


def move_down_target(node: TreeNode) -> Target | None:
    if node.heading or node.parent is None:
        return None
    index = _index(node)
    last = len(objective_children(node.parent)) - 1
    return (_parent_id(node.parent), index + 1) if index < last else None


def indent_target(node: TreeNode) -> Target | None:
    """Last child of the previous objective sibling, where the level rules allow it."""
    if node.heading or node.parent is None:
        return None
    index = _index(node)
    if index == 0:
        return None
    previous = objective_children(node.parent)[index - 1]
    if not _allowed_under(node.level, previous):
        return None
    return previous.id, len(objective_children(previous))


def outdent_target(node: TreeNode) -> Target | None:
    """Right after its parent, one level up, where the level rules allow it."""
    parent = node.parent
    if node.heading or parent is None or is_root(parent) or parent.parent is None:
        return None
    grand = parent.parent
    if not _allowed_under(node.level, grand):
        return None
    return _parent_id(grand), _index(parent) + 1


def drop_target(node: TreeNode, parent: TreeNode, row: int) -> Target | None:
    """Drop ``node`` under ``parent`` before model row ``row`` (-1: as its last child).

    Refuses headings as parents, level-rule breaks and cycles; a drop where the node
    already is gives ``None`` too (nothing to do).
    """
    if node.heading or not _allowed_under(node.level, parent) or is_within(parent, node):
        return None
    siblings = objective_children(parent)
    if row < 0 or row >= len(parent.children):
        position = len(siblings)
    else:
        position = sum(1 for c in parent.children[:row] if not c.heading)
    if node.parent is parent:
        current = siblings.index(node)
        if position > current:
            position -= 1
        if position == current:
            return None
    return _parent_id(parent), position


def child_level(node: TreeNode) -> ObjectiveLevel | None:
    """The level a new child of ``node`` gets (like its siblings), or None: no child."""
    if node.heading:
        return None
    if is_root(node):
        return ObjectiveLevel.STRATEGIC
    children = objective_children(node)
    if children and children[-1].level is not None:
        return children[-1].level
    return _NEXT_LEVEL.get(node.level) if node.level else None


def sibling_target(
    node: TreeNode,
) -> tuple[ObjectiveLevel, Target, uuid.UUID | None] | None:
    """Level, place and policy field of a new objective right after ``node``.

    After a policy-field heading or one of its SDs the new SD joins that field (after
    its last SD for a heading).
    """
    if node.parent is None:
        return None
    if node.heading:
        top = objective_children(node.parent)
        group = [c for c in top if c.policy_field_id == node.id]
        position = top.index(group[-1]) + 1 if group else len(top)
        return ObjectiveLevel.STRATEGIC, (None, position), node.id
    assert node.level is not None
    field = node.policy_field_id if node.level is ObjectiveLevel.STRATEGIC else None
    return node.level, (_parent_id(node.parent), _index(node) + 1), field


def subtree_size(node: TreeNode) -> int:
    """How many objectives lie under ``node`` (itself not counted)."""
    return sum(1 + subtree_size(c) for c in node.children if not c.heading)
