"""Pasting objectives: what was copied or cut (``ObjectiveClip``), where a paste goes
(``paste_target``) and the undo commands that paste a copy (``PasteObjectiveCommand``)
or move a cut objective from another plan of the file (``MoveToPlanCommand``). A paste
of a cut objective within its plan is a ``MoveObjectiveCommand``."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner_app.domain.enums import ObjectiveLevel
from planner_app.domain.rules import parent_allowed
from planner_app.services import objectives
from planner_app.services.common import Changed
from planner_app.services.copying import copy_objective, move_objective_to_plan, swap_objectives
from planner_app.ui.core.command import BaseCommand
from planner_app.ui.core.document import PlanDocument
from planner_app.ui.core.undo_texts import undo_text
from planner_app.ui.objectives.tree_moves import Target, objective_children

if TYPE_CHECKING:
    from planner_app.ui.objectives.tree_node import TreeNode


@dataclass(frozen=True)
class ObjectiveClip:
    """The objective on the app's clipboard: plain ids, the file it lives in, and
    whether it was cut (a paste then moves it instead of copying it)."""

    path: str
    plan_id: uuid.UUID
    objective_id: uuid.UUID
    level: ObjectiveLevel
    name: str
    cut: bool = False


def _takes(node: TreeNode, level: ObjectiveLevel) -> bool:
    if node.heading:
        return False
    return parent_allowed(level, None if node.parent is None else node.level)


def paste_target(node: TreeNode, level: ObjectiveLevel) -> Target | None:
    """Where an objective of ``level`` pasted at ``node`` goes: its last child when the
    level rules allow it, else right after it (or after the first ancestor whose parent
    takes that level). ``None``: nowhere."""
    if node.heading and node.parent is not None:
        node = node.parent  # a policy-field heading: the top level
    if _takes(node, level):
        return (None if node.parent is None else node.id), len(objective_children(node))
    while node.parent is not None:
        parent = node.parent
        if _takes(parent, level):
            index = objective_children(parent).index(node)
            return (None if parent.parent is None else parent.id), index + 1
        node = parent
    return None


class PasteObjectiveCommand(BaseCommand):
    """Copy an objective of this file under ``parent_id`` of the document's plan; undo
    tombstones the copy and everything made with it, redo brings the same rows back."""

    def __init__(
        self,
        document: PlanDocument,
        source_id: uuid.UUID,
        *,
        parent_id: uuid.UUID | None,
        position: int | None,
    ) -> None:
        super().__init__(document, undo_text("objective", "paste"))
        self.source_id = source_id
        self.parent_id = parent_id
        self.position = position
        self.objective_id: uuid.UUID | None = None
        self._deleted: tuple[uuid.UUID, ...] = ()

    def do(self) -> Changed:
        if self._deleted:  # redo after undo: the same rows come back
            return objectives.restore_objective(
                self.document.store, self._deleted, position=self.position
            )
        changed = copy_objective(
            self.document.store,
            self.source_id,
            target_plan_id=self.document.plan_id,
            parent_id=self.parent_id,
            position=self.position,
        )
        self.objective_id = changed.id
        return changed

    def undo_change(self) -> Changed:
        assert self.objective_id is not None
        changed = objectives.delete_objective(self.document.store, self.objective_id)
        self._deleted = changed.ids
        return changed


class MoveToPlanCommand(PasteObjectiveCommand):
    """Move an objective cut in another plan of this file to ``parent_id`` of the
    document's plan (a copy there, the original tombstoned, in one transaction). Undo
    brings the original back where it was and removes the copy; redo the reverse. The
    undo lives on the plan pasted into: undoing it there restores the other plan too."""

    def __init__(
        self,
        document: PlanDocument,
        source_id: uuid.UUID,
        *,
        parent_id: uuid.UUID | None,
        position: int | None,
    ) -> None:
        super().__init__(document, source_id, parent_id=parent_id, position=position)
        self._copied: tuple[uuid.UUID, ...] = ()
        self._removed: tuple[uuid.UUID, ...] = ()
        self._removed_position: int | None = None

    def do(self) -> Changed:
        store = self.document.store
        if self._copied:  # redo: the copy comes back, the original goes again
            return swap_objectives(
                store, restore=self._copied, position=self.position, delete=self.source_id
            )
        changed = move_objective_to_plan(
            store,
            self.source_id,
            target_plan_id=self.document.plan_id,
            parent_id=self.parent_id,
            position=self.position,
        )
        self.objective_id = changed.id
        self._removed = changed.extra["removed"]
        self._removed_position = changed.extra["removed_position"]
        return changed

    def undo_change(self) -> Changed:
        assert self.objective_id is not None
        changed = swap_objectives(
            self.document.store,
            restore=self._removed,
            position=self._removed_position,
            delete=self.objective_id,
        )
        self._copied = changed.extra["removed"]
        return changed
