"""Undo commands for the diversity pane: starting a diversity plan, its fields, the rows
of its lists (pillars, bottlenecks, priorities, objectives, actions, indicators), the
pillars an objective serves and the indicators' yearly values.

Each command calls services only and holds ids and plain values, on the templates of
``ui.core.command``: a field or value edit keeps what its service read in the write's
own transaction (no read before it), so undo writes back exactly what was there.
"""

from __future__ import annotations

import uuid
from collections.abc import Hashable
from typing import Any

from planner_app.domain.enums import ValueKind
from planner_app.services import diversity, diversity_edit
from planner_app.services.common import Changed
from planner_app.services.diversity_read import ValueInfo
from planner_app.ui.core.command import (
    AddCommand,
    BaseCommand,
    DeleteCommand,
    FieldCommand,
    MoveCommand,
)
from planner_app.ui.core.document import PlanDocument
from planner_app.ui.core.undo_texts import undo_text

# The rows of a diversity plan by kind, as the undo texts name them.
SUBJECTS = {
    "pillar": "pillar",
    "bottleneck": "bottleneck",
    "priority": "priority",
    "objective": "diversity objective",
    "action": "action",
    "indicator": "diversity indicator",
}


class StartDiversityCommand(BaseCommand):
    """Create the diversity plan of ``year`` with the five pillars; undo removes it,
    redo brings that same plan back."""

    def __init__(self, document: PlanDocument, year: int) -> None:
        super().__init__(document, undo_text("diversity", "create"))
        self.year = year
        self.diversity_id: uuid.UUID | None = None
        self._deleted: tuple[uuid.UUID, ...] = ()

    def do(self) -> Changed:
        store = self.document.store
        if self._deleted:
            return diversity_edit.restore_diversity_plan(store, self._deleted)
        changed = diversity_edit.start_diversity_plan(store, self.document.plan_id, year=self.year)
        self.diversity_id = changed.id
        return changed

    def undo_change(self) -> Changed:
        assert self.diversity_id is not None
        changed = diversity_edit.delete_diversity_plan(self.document.store, self.diversity_id)
        self._deleted = changed.ids
        return changed


class DiversityFieldCommand(FieldCommand):
    """Set one field of the diversity plan (contact, introduction, mission, top priority)."""

    def __init__(
        self,
        document: PlanDocument,
        diversity_id: uuid.UUID,
        field: str,
        value: Any,
        *,
        merge_key: Hashable | None,
    ) -> None:
        super().__init__(
            document, undo_text("diversity", "edit"), field, value, merge_key=merge_key
        )
        self.diversity_id = diversity_id

    def write(self, value: Any) -> Changed:
        return diversity.update_diversity_plan(
            self.document.store, self.diversity_id, **{self.field: value}
        )


class ItemFieldCommand(FieldCommand):
    """Set one field of a row: ``text``/``title``/``name``/``unit``/``source``/
    ``reliability`` of a list row, objective or indicator (an indicator's target in
    words too: ``target_text``/``target_date``/``target_done``); ``text``/``owner``/
    ``due`` of an action; ``pillar_ids`` of an objective."""

    def __init__(
        self,
        document: PlanDocument,
        kind: str,
        row_id: uuid.UUID,
        field: str,
        value: Any,
        *,
        merge_key: Hashable | None,
    ) -> None:
        text = undo_text(SUBJECTS[kind], "edit")
        if kind == "indicator" and field in ("target_text", "target_date", "target_done"):
            # an objective's indicator names these steps so: the same words here
            text = undo_text(
                "indicator", field if field != "target_done" or value else "target_open"
            )
        super().__init__(document, text, field, value, merge_key=merge_key)
        self.kind, self.row_id = kind, row_id

    def write(self, value: Any) -> Changed:
        store = self.document.store
        if self.field == "pillar_ids":
            return diversity_edit.set_objective_pillars(store, self.row_id, value)
        if self.kind == "action":
            return diversity_edit.update_action(store, self.row_id, **{self.field: value})
        return diversity_edit.update_item(store, self.kind, self.row_id, **{self.field: value})


class AddItemCommand(AddCommand):
    """Add a row of ``kind`` under ``parent_id`` (the diversity plan, or the objective
    of an action) with the service's keyword arguments ``values``."""

    def __init__(
        self,
        document: PlanDocument,
        kind: str,
        parent_id: uuid.UUID,
        values: dict[str, Any],
        position: int | None = None,
    ) -> None:
        super().__init__(document, undo_text(SUBJECTS[kind], "add"), position)
        self.kind, self.parent_id, self.values = kind, parent_id, values

    def add(self) -> Changed:
        store, values = self.document.store, {**self.values, "position": self.position}
        if self.kind == "objective":
            return diversity.add_objective(store, self.parent_id, **values)
        if self.kind == "action":
            return diversity.add_action(store, self.parent_id, **values)
        if self.kind == "indicator":
            return diversity.add_indicator(store, self.parent_id, **values)
        return diversity.add_list_item(store, self.parent_id, self.kind, **values)

    def delete(self, row_id: uuid.UUID) -> Changed:
        return diversity_edit.delete_item(self.document.store, self.kind, row_id)

    def restore(self, ids: tuple[uuid.UUID, ...], position: int | None) -> Changed:
        return diversity_edit.restore_item(self.document.store, self.kind, ids, position)


def delete_item_command(document: PlanDocument, kind: str, row_id: uuid.UUID) -> DeleteCommand:
    return DeleteCommand(
        document,
        undo_text(SUBJECTS[kind], "remove"),
        row_id,
        lambda store, rid: diversity_edit.delete_item(store, kind, rid),
        lambda store, ids, position: diversity_edit.restore_item(store, kind, ids, position),
    )


def move_item_command(
    document: PlanDocument, kind: str, row_id: uuid.UUID, origin: int, position: int
) -> MoveCommand:
    return MoveCommand(
        document,
        undo_text(SUBJECTS[kind], "move"),
        row_id,
        origin,
        position,
        lambda store, rid, pos: diversity_edit.move_item(store, kind, rid, pos),
    )


class SetValueCommand(FieldCommand):
    """Set (or clear, with ``new=None``) an indicator's baseline, target or actual in
    ``year``; undo writes back what the write replaced."""

    def __init__(
        self,
        document: PlanDocument,
        indicator_id: uuid.UUID,
        year: int,
        kind: ValueKind,
        new: ValueInfo | None,
        *,
        merge_key: Hashable | None,
    ) -> None:
        super().__init__(
            document, undo_text("diversity", "value"), "value", new, merge_key=merge_key
        )
        self.indicator_id, self.year, self.kind = indicator_id, year, kind

    def write(self, value: ValueInfo | None) -> Changed:
        args: dict[str, Any] = {"value": None}
        if value is not None:
            if value.numerator is not None:
                args = {"numerator": value.numerator, "denominator": value.denominator}
            else:
                args = {"value": value.value}
        return diversity.set_indicator_value(
            self.document.store, self.indicator_id, year=self.year, kind=self.kind, **args
        )
