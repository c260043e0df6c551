"""Undo commands for the objective tree and an objective's own fields (templates of
``ui.core.command``; old values come from the services' writes, never a read first)."""

from __future__ import annotations

import uuid
from collections.abc import Hashable
from typing import Any

from planner_app.domain.enums import ObjectiveLevel
from planner_app.services import objectives
from planner_app.services.common import Changed
from planner_app.ui.core.command import BaseCommand, FieldCommand
from planner_app.ui.core.document import PlanDocument
from planner_app.ui.core.undo_texts import undo_text


class AddObjectiveCommand(BaseCommand):
    """Add an objective; undo tombstones it (and nothing else: it is new)."""

    def __init__(
        self,
        document: PlanDocument,
        *,
        level: ObjectiveLevel,
        title: dict[str, str] | str,
        parent_id: uuid.UUID | None,
        position: int | None = None,
        **fields: Any,
    ) -> None:
        super().__init__(document, undo_text("objective", "add"))
        self.objective_id = uuid.uuid4()
        self._args = dict(level=level, title=title, parent_id=parent_id, position=position)
        self._fields = fields
        self._deleted: tuple[uuid.UUID, ...] = ()

    def do(self) -> Changed:
        if self._deleted:  # redo after undo: bring the same row back
            return objectives.restore_objective(
                self.document.store, self._deleted, position=self._args["position"]
            )
        return objectives.add_objective(
            self.document.store,
            self.document.plan_id,
            objective_id=self.objective_id,
            **self._args,
            **self._fields,
        )

    def undo_change(self) -> Changed:
        changed = objectives.delete_objective(self.document.store, self.objective_id)
        self._deleted = changed.ids
        return changed


class DeleteObjectiveCommand(BaseCommand):
    """Tombstone an objective with its subtree; undo restores exactly those rows."""

    def __init__(self, document: PlanDocument, objective_id: uuid.UUID) -> None:
        super().__init__(document, undo_text("objective", "remove"))
        self.objective_id = objective_id
        self._deleted: tuple[uuid.UUID, ...] = ()
        self._position: int | None = None

    def do(self) -> Changed:
        changed = objectives.delete_objective(self.document.store, self.objective_id)
        self._deleted = changed.ids
        self._position = changed.extra.get("position")
        return changed

    def undo_change(self) -> Changed:
        return objectives.restore_objective(
            self.document.store, self._deleted, position=self._position
        )


class MoveObjectiveCommand(BaseCommand):
    """Re-parent or reorder (and, for a strategic objective dropped under another
    policy field's heading, change its field); every code stays. Undo moves it back to
    the parent, position and field the service said it had."""

    def __init__(
        self,
        document: PlanDocument,
        objective_id: uuid.UUID,
        *,
        parent_id: uuid.UUID | None,
        position: int,
        policy_field_id: Any = objectives.KEEP_FIELD,
    ) -> None:
        super().__init__(document, undo_text("objective", "move"))
        self.objective_id = objective_id
        self._target = (parent_id, position, policy_field_id)
        self._origin: tuple[uuid.UUID | None, int, uuid.UUID | None] | None = None

    def do(self) -> Changed:
        parent_id, position, field = self._target
        changed = objectives.move_objective(
            self.document.store,
            self.objective_id,
            parent_id=parent_id,
            position=position,
            policy_field_id=field,
        )
        if self._origin is None:  # where it was, as the move read it
            old = changed.old
            self._origin = (old["parent_id"], old["position"], old["policy_field_id"])
        return changed

    def undo_change(self) -> Changed:
        assert self._origin is not None
        parent_id, position, field = self._origin
        keep = self._target[2] is objectives.KEEP_FIELD
        return objectives.move_objective(
            self.document.store,
            self.objective_id,
            parent_id=parent_id,
            position=position,
            policy_field_id=objectives.KEEP_FIELD if keep else field,
        )


class SetObjectiveFieldCommand(FieldCommand):
    """Set one field of an objective (``partners``: its involved units); the edits of
    one edit session (``merge_key``) merge into one step."""

    def __init__(
        self,
        document: PlanDocument,
        objective_id: uuid.UUID,
        field: str,
        value: Any,
        *,
        merge_key: Hashable | None,
    ) -> None:
        super().__init__(document, undo_text("objective", field), field, value, merge_key=merge_key)
        self.objective_id = objective_id

    def write(self, value: Any) -> Changed:
        if self.field == "partners":
            return objectives.set_partners(self.document.store, self.objective_id, list(value))
        return objectives.update_objective(
            self.document.store, self.objective_id, **{self.field: value}
        )
