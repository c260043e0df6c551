"""Undo commands for the objective tree and an objective's own fields."""

from __future__ import annotations

import uuid
from typing import Any

from planner_app.domain.enums import ObjectiveLevel
from planner_app.i18n import _
from planner_app.services import details, objectives, tree_read
from planner_app.services.common import Changed
from planner_app.ui.core.command import BaseCommand
from planner_app.ui.core.document import PlanDocument

_UNSET = object()


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
        super().__init__(document, _("Add objective"))
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
        super().__init__(document, _("Delete objective"))
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
    """Re-parent or reorder; undo moves it back to its old parent and position."""

    def __init__(
        self,
        document: PlanDocument,
        objective_id: uuid.UUID,
        *,
        parent_id: uuid.UUID | None,
        position: int,
    ) -> None:
        super().__init__(document, _("Move objective"))
        self.objective_id = objective_id
        self._target = (parent_id, position)
        self._origin: tuple[uuid.UUID | None, int] | None = None

    def do(self) -> Changed:
        if self._origin is None:
            node = details.objective_detail(self.document.store, self.objective_id)
            siblings = [
                n
                for n in tree_read.load_tree(self.document.store, self.document.plan_id)
                if n.parent_id == node.parent_id
            ]
            index = next(i for i, n in enumerate(siblings) if n.id == self.objective_id)
            self._origin = (node.parent_id, index)
        parent_id, position = self._target
        return objectives.move_objective(
            self.document.store, self.objective_id, parent_id=parent_id, position=position
        )

    def undo_change(self) -> Changed:
        assert self._origin is not None
        parent_id, position = self._origin
        return objectives.move_objective(
            self.document.store, self.objective_id, parent_id=parent_id, position=position
        )


class SetObjectiveFieldCommand(BaseCommand):
    """Set one field of an objective; successive edits of the same field merge."""

    merge_kind = "objective-field"

    def __init__(
        self, document: PlanDocument, objective_id: uuid.UUID, field: str, value: Any
    ) -> None:
        super().__init__(document, _("Edit {field}").format(field=_(field)))
        self.objective_id = objective_id
        self.field = field
        self.value = value
        self.old: Any = _UNSET
        self.merge_key = ("objective-field", objective_id, field)

    def _current(self) -> Any:
        detail = details.objective_detail(self.document.store, self.objective_id)
        if self.field == "partners":
            return list(detail.partner_ids)
        return getattr(detail, self.field)

    def _write(self, value: Any) -> Changed:
        if self.field == "partners":
            return objectives.set_partners(self.document.store, self.objective_id, value)
        if isinstance(value, dict):
            # A per-language text is replaced, not merged: languages absent from the
            # old value are cleared again on undo.
            value = {lang: value.get(lang, "") for lang in {*value, *self._languages()}}
        return objectives.update_objective(
            self.document.store, self.objective_id, **{self.field: value}
        )

    def _languages(self) -> set[str]:
        texts = [v for v in (self.old, self.value) if isinstance(v, dict)]
        return {lang for text in texts for lang in text}

    def do(self) -> Changed:
        if self.old is _UNSET:
            self.old = self._current()
        return self._write(self.value)

    def undo_change(self) -> Changed:
        return self._write(self.old)

    def absorb(self, other: BaseCommand) -> None:
        assert isinstance(other, SetObjectiveFieldCommand)
        self.value = other.value
