"""Where an objective may go: move up/down, indent, outdent, drop, new children.

Works on the tree model's plain nodes (``TreeNode``) and the domain's level rules; no
Qt. A target is ``(parent_id, position)`` as ``objectives.move_objective`` takes it:
``position`` counts the objective siblings (policy-field headings are not siblings)
without the moved node. ``None`` means the move is not allowed.

A strategic objective stays in its policy field: moving up or down stops at the first
or last objective of the field; only a drop under another field's heading moves it
there (``drop_move``). Moves never renumber: codes are stored.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from planner_app.domain.enums import ObjectiveLevel
from planner_app.domain.rules import parent_allowed

if TYPE_CHECKING:
    from planner_app.domain.codes import LevelScheme
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


def _same_group(node: TreeNode, other: TreeNode) -> bool:
    """Whether two siblings may swap: below the top always, at the top only within
    one policy field."""
    return (
        node.parent is None
        or not is_root(node.parent)
        or (node.policy_field_id == other.policy_field_id)
    )


def move_up_target(node: TreeNode) -> Target | None:
    if node.heading or node.parent is None:
        return None
    index = _index(node)
    if index == 0 or not _same_group(node, objective_children(node.parent)[index - 1]):
        return None
    return _parent_id(node.parent), index - 1


def move_down_target(node: TreeNode) -> Target | None:
    if node.heading or node.parent is None:
        return None
    siblings = objective_children(node.parent)
    index = _index(node)
    if index == len(siblings) - 1 or not _same_group(node, siblings[index + 1]):
        return None
    return _parent_id(node.parent), index + 1


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


def drop_move(node: TreeNode, parent: TreeNode, row: int) -> tuple[Target, uuid.UUID | None] | None:
    """Where a drop of ``node`` under ``parent`` before model row ``row`` moves it, and
    the policy field it then belongs to: at the top, the field whose heading is above
    the drop (a drop there is the explicit choice of that field); below the top, its
    own. ``None``: not allowed, or nothing would change."""
    field = node.policy_field_id
    if is_root(parent) and not node.heading:
        rows = parent.children if row < 0 else parent.children[:row]
        headings = [c for c in rows if c.heading]
        if headings:
            field = headings[-1].id
        elif any(c.heading for c in parent.children):
            field = None  # above the first heading: the objectives of no field
    target = drop_target(node, parent, row)
    if target is None:
        if field == node.policy_field_id or node.heading or not _allowed_under(node.level, parent):
            return None
        target = _parent_id(parent), objective_children(parent).index(node)
    return target, field


def child_level(node: TreeNode, scheme: LevelScheme | None = None) -> ObjectiveLevel | None:
    """The level a new child of ``node`` gets (like its siblings, else the plan's next
    level), or None: no child."""
    if node.heading:
        return None
    if is_root(node):
        return ObjectiveLevel.STRATEGIC
    children = objective_children(node)
    if children and children[-1].level is not None:
        return children[-1].level
    if node.level is None:
        return None
    if scheme is not None:
        return scheme.child_level(node.level)
    return _NEXT_LEVEL.get(node.level)


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
