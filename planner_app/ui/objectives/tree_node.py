"""One row of the objective tree model: plain values, no Qt."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from planner_app.domain.enums import ObjectiveLevel, Status


class TreeNode:
    """One row of the tree: an objective, or a policy-field heading above SDs.

    Holds plain values only (ids, texts, counts); built and read on the GUI thread.
    Its children may be pending (``set_pending``): made the first time ``children`` is
    read, while ``child_count`` answers without making them.
    """

    __slots__ = (
        "_children",
        "_pending",
        "_pending_count",
        "code",
        "heading",
        "id",
        "lead_unit",
        "lead_unit_id",
        "lead_unit_name",
        "level",
        "milestones_done",
        "milestones_total",
        "parent",
        "policy_field_id",
        "reference",
        "row",
        "search_text",
        "status",
        "title",
    )

    def __init__(
        self,
        *,
        id: uuid.UUID | None,
        parent: TreeNode | None,
        title: str = "",
        heading: bool = False,
        level: ObjectiveLevel | None = None,
        code: str = "",
        status: Status | None = None,
        lead_unit: str = "",
        lead_unit_name: str = "",
        milestones_done: int = 0,
        milestones_total: int = 0,
        lead_unit_id: uuid.UUID | None = None,
        policy_field_id: uuid.UUID | None = None,
        reference: bool = False,
    ) -> None:
        self.id = id
        self.parent = parent
        self._children: list[TreeNode] = []
        self._pending: Callable[[TreeNode], None] | None = None
        self._pending_count = 0
        self.row = 0
        self.heading = heading
        self.level = level
        self.code = code
        self.title = title
        self.status = status
        self.lead_unit = lead_unit
        self.lead_unit_name = lead_unit_name
        self.milestones_done = milestones_done
        self.milestones_total = milestones_total
        self.lead_unit_id = lead_unit_id
        self.policy_field_id = policy_field_id
        self.reference = reference  # the strategic plan's objective: read-only here
        self.search_text: str | None = None  # code and title folded, for the filter

    @property
    def children(self) -> list[TreeNode]:
        """The rows under this one (made now if they were pending)."""
        if self._pending is not None:
            fill, self._pending = self._pending, None
            fill(self)
        return self._children

    def child_count(self) -> int:
        """How many rows are under this one, without making pending ones."""
        return self._pending_count if self._pending is not None else len(self._children)

    @property
    def pending(self) -> bool:
        return self._pending is not None

    def set_pending(self, fill: Callable[[TreeNode], None], count: int) -> None:
        """``fill(self)`` appends the ``count`` children when they are first read."""
        self._pending, self._pending_count = fill, count

    def append(self, child: TreeNode) -> TreeNode:
        child.row = len(self._children)
        self._children.append(child)
        return child
