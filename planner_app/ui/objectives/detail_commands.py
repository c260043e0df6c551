"""Undo commands for what hangs on an objective: its milestones and indicators.

Each command calls ``planner_app.services.details`` and nothing else, on the templates
of ``ui.core.command``: a field edit keeps the old value its service read in the write's
own transaction; deletes keep the ids the service tombstoned and restore exactly those
rows at their old position. Every ``Changed`` a command reports names the objective too
(some services name only the row), so a view showing that objective knows it concerns
it. Cell edits merge only when the caller gives a ``merge_key``.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Hashable
from decimal import Decimal
from typing import Any

from planner_app.domain.enums import ValueKind
from planner_app.errors import ValidationError
from planner_app.services import details
from planner_app.services.common import Changed
from planner_app.ui.core.command import AddCommand, DeleteCommand, FieldCommand, MoveCommand
from planner_app.ui.core.document import PlanDocument
from planner_app.ui.core.undo_texts import undo_text

MILESTONE_FIELDS = ("due", "period", "text", "done", "done_on", "replan")
INDICATOR_FIELDS = ("name", "unit_of_measure", "target_text", "target_date", "target_done")


def naming(changed: Changed, objective_id: uuid.UUID) -> Changed:
    """``changed`` with the objective among its ids (appended when missing)."""
    if objective_id in changed.ids:
        return changed
    return dataclasses.replace(changed, ids=(*changed.ids, objective_id))


def _named(objective_id: uuid.UUID, action):
    """``action`` (a service call) whose ``Changed`` names the objective."""
    return lambda *args, **kwargs: naming(action(*args, **kwargs), objective_id)


# --- milestones ----------------------------------------------------------------------


class AddMilestoneCommand(AddCommand):
    """Add a milestone; undo tombstones it, redo brings the same row back."""

    def __init__(
        self,
        document: PlanDocument,
        objective_id: uuid.UUID,
        *,
        text: dict[str, str] | str,
        due: str = "",
        done: bool = False,
        position: int | None = None,
    ) -> None:
        super().__init__(document, undo_text("milestone", "add"), position)
        self.objective_id = objective_id
        self._fields = dict(text=text, due=due, done=done)

    @property
    def milestone_id(self) -> uuid.UUID | None:
        return self.row_id

    def do(self) -> Changed:
        changed = super().do()
        if self.row_id is not None and not self._deleted:
            self.row_id = changed.ids[0]  # (milestone, objective)
        return naming(changed, self.objective_id)

    def undo_change(self) -> Changed:
        return naming(super().undo_change(), self.objective_id)

    def add(self) -> Changed:
        return details.add_milestone(
            self.document.store, self.objective_id, position=self.position, **self._fields
        )

    def delete(self, row_id: uuid.UUID) -> Changed:
        return details.delete_milestone(self.document.store, row_id)

    def restore(self, ids: tuple[uuid.UUID, ...], position: int | None) -> Changed:
        return details.restore_milestone(self.document.store, ids, position=position)


class UpdateMilestoneCommand(FieldCommand):
    """Set one field of a milestone: ``due`` (typed text, read by the service; its
    undo writes back the text, day and precision that were there), ``text``, ``done``,
    ``done_on`` or ``replan`` (carried undone from last year's plan: to plan again)."""

    def __init__(
        self,
        document: PlanDocument,
        objective_id: uuid.UUID,
        milestone_id: uuid.UUID,
        field: str,
        value: Any,
        *,
        merge_key: Hashable | None,
    ) -> None:
        assert field in MILESTONE_FIELDS, field
        action = {
            "done": "done" if value else "reopen",
            "replan": "replan" if value else "planned",
        }.get(field, field)
        super().__init__(
            document, undo_text("milestone", action), field, value, merge_key=merge_key
        )
        self.objective_id = objective_id
        self.milestone_id = milestone_id

    def write(self, value: Any) -> Changed:
        changed = details.update_milestone(
            self.document.store, self.milestone_id, **{self.field: value}
        )
        return naming(changed, self.objective_id)


def delete_milestone_command(
    document: PlanDocument, objective_id: uuid.UUID, milestone_id: uuid.UUID
) -> DeleteCommand:
    """Tombstone a milestone; undo restores that row at its old position."""
    return DeleteCommand(
        document,
        undo_text("milestone", "remove"),
        milestone_id,
        _named(objective_id, details.delete_milestone),
        _named(objective_id, details.restore_milestone),
    )


def move_milestone_command(
    document: PlanDocument,
    objective_id: uuid.UUID,
    milestone_id: uuid.UUID,
    origin: int,
    position: int,
) -> MoveCommand:
    """Move a milestone from row ``origin`` to ``position`` among its objective's."""
    return MoveCommand(
        document,
        undo_text("milestone", "move"),
        milestone_id,
        origin,
        position,
        _named(objective_id, details.move_milestone),
    )


# --- indicators ----------------------------------------------------------------------


class AddIndicatorCommand(AddCommand):
    """Add an indicator; undo tombstones it, redo brings the same row back."""

    def __init__(
        self,
        document: PlanDocument,
        objective_id: uuid.UUID,
        *,
        name: dict[str, str] | str,
        unit_of_measure: str = "",
        position: int | None = None,
    ) -> None:
        super().__init__(document, undo_text("indicator", "add"), position)
        self.objective_id = objective_id
        self._fields = dict(name=name, unit_of_measure=unit_of_measure)

    @property
    def indicator_id(self) -> uuid.UUID | None:
        return self.row_id

    def do(self) -> Changed:
        changed = super().do()
        if self.row_id is not None and not self._deleted:
            self.row_id = changed.ids[0]  # (indicator, objective)
        return naming(changed, self.objective_id)

    def undo_change(self) -> Changed:
        return naming(super().undo_change(), self.objective_id)

    def add(self) -> Changed:
        return details.add_indicator(
            self.document.store, self.objective_id, position=self.position, **self._fields
        )

    def delete(self, row_id: uuid.UUID) -> Changed:
        return details.delete_indicator(self.document.store, row_id)

    def restore(self, ids: tuple[uuid.UUID, ...], position: int | None) -> Changed:
        return details.restore_indicator(self.document.store, ids, position=position)


class UpdateIndicatorCommand(FieldCommand):
    """Rename an indicator or set its unit of measure."""

    def __init__(
        self,
        document: PlanDocument,
        objective_id: uuid.UUID,
        indicator_id: uuid.UUID,
        field: str,
        value: Any,
        *,
        merge_key: Hashable | None,
    ) -> None:
        assert field in INDICATOR_FIELDS, field
        action = field
        if field == "target_done":
            action = "target_done" if value else "target_open"
        super().__init__(
            document, undo_text("indicator", action), field, value, merge_key=merge_key
        )
        self.objective_id = objective_id
        self.indicator_id = indicator_id

    def write(self, value: Any) -> Changed:
        changed = details.update_indicator(
            self.document.store, self.indicator_id, **{self.field: value}
        )
        return naming(changed, self.objective_id)


class SetIndicatorValueCommand(FieldCommand):
    """Set (``None``: clear) an indicator's baseline, target or actual of one year, or
    with ``quarter`` the actual of that quarter, or with ``unit_id`` that unit's value.

    ``cell`` names the cell for the user ("Visits, target 2025"); a refused value is
    reported under that name rather than the service's generic "Value".
    """

    def __init__(
        self,
        document: PlanDocument,
        objective_id: uuid.UUID,
        indicator_id: uuid.UUID,
        *,
        year: int,
        kind: ValueKind = ValueKind.ACTUAL,
        value: Decimal | None,
        quarter: int | None = None,
        unit_id: uuid.UUID | None = None,
        cell: str = "",
        merge_key: Hashable | None,
    ) -> None:
        super().__init__(
            document, undo_text("indicator", "value"), "value", value, merge_key=merge_key
        )
        self.objective_id = objective_id
        self.indicator_id = indicator_id
        self.year = year
        self.kind = ValueKind(kind)
        self.quarter = quarter
        self.unit_id = unit_id
        self.cell = cell

    def write(self, value: Decimal | None) -> Changed:
        store, indicator = self.document.store, self.indicator_id
        try:
            if self.quarter is not None:
                changed = details.set_quarter_value(
                    store, indicator, year=self.year, quarter=self.quarter, value=value
                )
            elif self.unit_id is not None:
                changed = details.set_unit_value(
                    store,
                    indicator,
                    unit_id=self.unit_id,
                    year=self.year,
                    kind=self.kind,
                    value=value,
                )
            else:
                changed = details.set_indicator_value(
                    store, indicator, year=self.year, kind=self.kind, value=value
                )
        except ValidationError as err:
            if not self.cell:
                raise
            raise ValidationError(self.cell, err.reason) from None
        return naming(changed, self.objective_id)


def delete_indicator_command(
    document: PlanDocument, objective_id: uuid.UUID, indicator_id: uuid.UUID
) -> DeleteCommand:
    """Tombstone an indicator with its values; undo restores exactly those rows."""
    return DeleteCommand(
        document,
        undo_text("indicator", "remove"),
        indicator_id,
        _named(objective_id, details.delete_indicator),
        _named(objective_id, details.restore_indicator),
    )
