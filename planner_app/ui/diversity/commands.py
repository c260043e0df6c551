"""Undo commands for the diversity pane: starting a diversity plan, its fields, the rows
of its lists (pillars, bottlenecks, priorities, objectives, actions, indicators), the
pillars an objective serves and the indicators' yearly values.

Each command calls services only and holds ids and plain values; reads go through
``load_diversity`` so undo writes back exactly what was there before.
"""

from __future__ import annotations

import uuid
from collections.abc import Hashable
from typing import Any

from planner_app.domain.enums import ValueKind
from planner_app.i18n import N_, _
from planner_app.services import diversity, diversity_edit
from planner_app.services.common import Changed
from planner_app.services.diversity_read import DiversityInfo, ValueInfo, load_diversity_by_id
from planner_app.ui.core.command import BaseCommand
from planner_app.ui.core.document import PlanDocument
from planner_app.ui.plan.commands import (
    _AddCommand,
    _DeleteCommand,
    _FieldCommand,
    _MoveCommand,
)

KIND_TEXTS = {
    "pillar": (N_("Add pillar"), N_("Edit pillar"), N_("Remove pillar"), N_("Move pillar")),
    "bottleneck": (
        N_("Add bottleneck"),
        N_("Edit bottleneck"),
        N_("Remove bottleneck"),
        N_("Move bottleneck"),
    ),
    "priority": (
        N_("Add priority"),
        N_("Edit priority"),
        N_("Remove priority"),
        N_("Move priority"),
    ),
    "objective": (
        N_("Add diversity objective"),
        N_("Edit diversity objective"),
        N_("Remove diversity objective"),
        N_("Move diversity objective"),
    ),
    "action": (N_("Add action"), N_("Edit action"), N_("Remove action"), N_("Move action")),
    "indicator": (
        N_("Add indicator"),
        N_("Edit indicator"),
        N_("Remove indicator"),
        N_("Move indicator"),
    ),
}


def _plan(document: PlanDocument, diversity_id: uuid.UUID) -> DiversityInfo:
    return load_diversity_by_id(document.store, diversity_id)


def find_row(info: DiversityInfo, kind: str, row_id: uuid.UUID) -> Any:
    """The row ``row_id`` of ``kind`` in ``info`` (actions are looked up in objectives)."""
    if kind == "action":
        pool: tuple[Any, ...] = tuple(a for o in info.objectives for a in o.actions)
    else:
        pool = {
            "pillar": info.pillars,
            "bottleneck": info.bottlenecks,
            "priority": info.priorities,
            "objective": info.objectives,
            "indicator": info.indicators,
        }[kind]
    return next(r for r in pool if r.id == row_id)


class StartDiversityCommand(BaseCommand):
    """Create the diversity plan of ``year`` with the five pillars; undo removes it,
    redo brings that same plan back."""

    def __init__(self, document: PlanDocument, year: int) -> None:
        super().__init__(document, _("Create diversity plan"))
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


class DiversityFieldCommand(_FieldCommand):
    """Set one field of the diversity plan (contact, introduction, mission, top priority)."""

    def __init__(
        self,
        document: PlanDocument,
        diversity_id: uuid.UUID,
        field: str,
        value: Any,
        merge_key: Hashable | None = None,
    ) -> None:
        super().__init__(document, _("Edit diversity plan"), value, merge_key)
        self.diversity_id, self.field = diversity_id, field

    def read(self) -> Any:
        return getattr(_plan(self.document, self.diversity_id), self.field)

    def write(self, value: Any) -> Changed:
        return diversity.update_diversity_plan(
            self.document.store, self.diversity_id, **{self.field: value}
        )


class ItemFieldCommand(_FieldCommand):
    """Set one field of a row: ``text``/``title``/``name``/``unit``/``source``/
    ``reliability`` of a list row, objective or indicator; ``text``/``owner``/``due``
    of an action; ``pillar_ids`` of an objective."""

    def __init__(
        self,
        document: PlanDocument,
        diversity_id: uuid.UUID,
        kind: str,
        row_id: uuid.UUID,
        field: str,
        value: Any,
        merge_key: Hashable | None = None,
    ) -> None:
        super().__init__(document, _(KIND_TEXTS[kind][1]), value, merge_key)
        self.diversity_id, self.kind, self.row_id, self.field = diversity_id, kind, row_id, field

    def read(self) -> Any:
        return getattr(
            find_row(_plan(self.document, self.diversity_id), self.kind, self.row_id), self.field
        )

    def write(self, value: Any) -> Changed:
        store = self.document.store
        if self.field == "pillar_ids":
            return diversity_edit.set_objective_pillars(store, self.row_id, value)
        if self.kind == "action":
            return diversity_edit.update_action(store, self.row_id, **{self.field: value})
        return diversity_edit.update_item(store, self.kind, self.row_id, **{self.field: value})


class AddItemCommand(_AddCommand):
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
        super().__init__(document, _(KIND_TEXTS[kind][0]), position)
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


def delete_item_command(document: PlanDocument, kind: str, row_id: uuid.UUID) -> _DeleteCommand:
    return _DeleteCommand(
        document,
        _(KIND_TEXTS[kind][2]),
        row_id,
        lambda store, rid: diversity_edit.delete_item(store, kind, rid),
        lambda store, ids, position: diversity_edit.restore_item(store, kind, ids, position),
    )


def move_item_command(
    document: PlanDocument, kind: str, row_id: uuid.UUID, origin: int, position: int
) -> _MoveCommand:
    return _MoveCommand(
        document,
        _(KIND_TEXTS[kind][3]),
        row_id,
        origin,
        position,
        lambda store, rid, pos: diversity_edit.move_item(store, kind, rid, pos),
    )


class SetValueCommand(BaseCommand):
    """Set (or clear, with ``value=None`` and no counts) an indicator's baseline,
    target or actual in ``year``; undo writes back what was there."""

    def __init__(
        self,
        document: PlanDocument,
        diversity_id: uuid.UUID,
        indicator_id: uuid.UUID,
        year: int,
        kind: ValueKind,
        new: ValueInfo | None,
    ) -> None:
        super().__init__(document, _("Edit indicator value"))
        self.diversity_id, self.indicator_id = diversity_id, indicator_id
        self.year, self.kind, self.new = year, kind, new
        self.old: ValueInfo | None = None
        self._read = False

    def _write(self, value: ValueInfo | None) -> Changed:
        args: dict[str, Any] = {"value": None}
        if value is not None:
            if value.numerator is not None:
                args = {"numerator": value.numerator, "denominator": value.denominator}
            else:
                args = {"value": value.value}
        return diversity.set_indicator_value(
            self.document.store, self.indicator_id, year=self.year, kind=self.kind, **args
        )

    def do(self) -> Changed:
        if not self._read:
            indicator = find_row(
                _plan(self.document, self.diversity_id), "indicator", self.indicator_id
            )
            self.old = indicator.of_kind(self.kind).get(self.year)
            self._read = True
        return self._write(self.new)

    def undo_change(self) -> Changed:
        return self._write(self.old)
