"""Undo commands for what hangs on an objective: its milestones and indicators.

Each command calls ``planner_app.services.details`` and nothing else. Deletes keep the
ids the service tombstoned (``Changed.ids``) and restore exactly those rows at their old
position. Every ``Changed`` a command reports names the objective too (some services
name only the row), so a view showing that objective knows to refresh. Cell edits merge
with the previous edit of the same cell only when the caller gives a ``merge_key``.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Hashable
from decimal import Decimal
from typing import Any

from planner_app.domain.enums import ValueKind
from planner_app.errors import ValidationError
from planner_app.i18n import _
from planner_app.services import details
from planner_app.services.common import Changed
from planner_app.ui.core.command import BaseCommand
from planner_app.ui.core.document import PlanDocument

_UNSET: Any = object()
MILESTONE_FIELDS = ("period", "text", "done")
INDICATOR_FIELDS = ("name", "unit_of_measure")


def naming(changed: Changed, objective_id: uuid.UUID) -> Changed:
    """``changed`` with the objective among its ids (appended when missing)."""
    if objective_id in changed.ids:
        return changed
    return dataclasses.replace(changed, ids=(*changed.ids, objective_id))


def replacing(old: Any, new: Any) -> Any:
    """A per-language text that replaces ``old`` (services merge languages): languages
    of ``old`` missing from ``new`` are written as empty, which clears them."""
    if isinstance(new, dict) and isinstance(old, dict):
        return {lang: new.get(lang, "") for lang in {*old, *new}}
    return new


class _DetailCommand(BaseCommand):
    """Common ground: the objective the row belongs to, and an optional merge key."""

    def __init__(
        self,
        document: PlanDocument,
        objective_id: uuid.UUID,
        text: str,
        merge_key: Hashable | None = None,
    ) -> None:
        super().__init__(document, text)
        self.objective_id = objective_id
        self.merge_key = merge_key

    def _detail(self) -> details.ObjectiveDetail:
        return details.objective_detail(self.document.store, self.objective_id)


# --- milestones ----------------------------------------------------------------------


class AddMilestoneCommand(_DetailCommand):
    """Add a milestone; undo tombstones it, redo brings the same row back."""

    def __init__(
        self,
        document: PlanDocument,
        objective_id: uuid.UUID,
        *,
        text: dict[str, str] | str,
        period: str = "",
        done: bool = False,
        position: int | None = None,
    ) -> None:
        super().__init__(document, objective_id, _("Add milestone"))
        self._fields = dict(text=text, period=period, done=done)
        self.position = position
        self.milestone_id: uuid.UUID | None = None
        self._deleted: tuple[uuid.UUID, ...] = ()

    def do(self) -> Changed:
        store = self.document.store
        if self._deleted:
            changed = details.restore_milestone(store, self._deleted, position=self.position)
        else:
            changed = details.add_milestone(
                store, self.objective_id, position=self.position, **self._fields
            )
            self.milestone_id = changed.ids[0]
        return naming(changed, self.objective_id)

    def undo_change(self) -> Changed:
        assert self.milestone_id is not None
        changed = details.delete_milestone(self.document.store, self.milestone_id)
        self._deleted = changed.ids
        if self.position is None:
            self.position = changed.extra.get("position")
        return naming(changed, self.objective_id)


class UpdateMilestoneCommand(_DetailCommand):
    """Set one field of a milestone (period, text or done)."""

    merge_kind = "milestone-field"

    def __init__(
        self,
        document: PlanDocument,
        objective_id: uuid.UUID,
        milestone_id: uuid.UUID,
        field: str,
        value: Any,
        merge_key: Hashable | None = None,
    ) -> None:
        assert field in MILESTONE_FIELDS, field
        texts = {"period": _("Edit milestone period"), "text": _("Edit milestone")}
        text = texts.get(field) or (_("Mark milestone done") if value else _("Reopen milestone"))
        super().__init__(document, objective_id, text, merge_key)
        self.milestone_id = milestone_id
        self.field = field
        self.value = value
        self.old: Any = _UNSET

    def _write(self, value: Any) -> Changed:
        value = replacing(self.old, value)
        changed = details.update_milestone(
            self.document.store, self.milestone_id, **{self.field: value}
        )
        return naming(changed, self.objective_id)

    def do(self) -> Changed:
        if self.old is _UNSET:
            row = next(m for m in self._detail().milestones if m.id == self.milestone_id)
            self.old = getattr(row, self.field)
        return self._write(self.value)

    def undo_change(self) -> Changed:
        return self._write(self.old)

    def absorb(self, other: BaseCommand) -> None:
        assert isinstance(other, UpdateMilestoneCommand)
        self.value = other.value


class DeleteMilestoneCommand(_DetailCommand):
    """Tombstone a milestone; undo restores that row at its old position."""

    def __init__(
        self, document: PlanDocument, objective_id: uuid.UUID, milestone_id: uuid.UUID
    ) -> None:
        super().__init__(document, objective_id, _("Remove milestone"))
        self.milestone_id = milestone_id
        self._deleted: tuple[uuid.UUID, ...] = ()
        self._position: int | None = None

    def do(self) -> Changed:
        changed = details.delete_milestone(self.document.store, self.milestone_id)
        self._deleted = changed.ids
        self._position = changed.extra.get("position")
        return naming(changed, self.objective_id)

    def undo_change(self) -> Changed:
        changed = details.restore_milestone(
            self.document.store, self._deleted, position=self._position
        )
        return naming(changed, self.objective_id)


class MoveMilestoneCommand(_DetailCommand):
    """Move a milestone to another position among its objective's milestones."""

    def __init__(
        self,
        document: PlanDocument,
        objective_id: uuid.UUID,
        milestone_id: uuid.UUID,
        position: int,
    ) -> None:
        super().__init__(document, objective_id, _("Move milestone"))
        self.milestone_id = milestone_id
        self.position = position
        self._origin: int | None = None

    def do(self) -> Changed:
        if self._origin is None:
            ids = [m.id for m in self._detail().milestones]
            self._origin = ids.index(self.milestone_id)
        changed = details.move_milestone(self.document.store, self.milestone_id, self.position)
        return naming(changed, self.objective_id)

    def undo_change(self) -> Changed:
        assert self._origin is not None
        changed = details.move_milestone(self.document.store, self.milestone_id, self._origin)
        return naming(changed, self.objective_id)


# --- indicators ----------------------------------------------------------------------


class AddIndicatorCommand(_DetailCommand):
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
        super().__init__(document, objective_id, _("Add indicator"))
        self._fields = dict(name=name, unit_of_measure=unit_of_measure)
        self.position = position
        self.indicator_id: uuid.UUID | None = None
        self._deleted: tuple[uuid.UUID, ...] = ()

    def do(self) -> Changed:
        store = self.document.store
        if self._deleted:
            changed = details.restore_indicator(store, self._deleted, position=self.position)
        else:
            changed = details.add_indicator(
                store, self.objective_id, position=self.position, **self._fields
            )
            self.indicator_id = changed.ids[0]
        return naming(changed, self.objective_id)

    def undo_change(self) -> Changed:
        assert self.indicator_id is not None
        changed = details.delete_indicator(self.document.store, self.indicator_id)
        self._deleted = changed.ids
        if self.position is None:
            self.position = changed.extra.get("position")
        return naming(changed, self.objective_id)


class UpdateIndicatorCommand(_DetailCommand):
    """Rename an indicator or set its unit of measure."""

    merge_kind = "indicator-field"

    def __init__(
        self,
        document: PlanDocument,
        objective_id: uuid.UUID,
        indicator_id: uuid.UUID,
        field: str,
        value: Any,
        merge_key: Hashable | None = None,
    ) -> None:
        assert field in INDICATOR_FIELDS, field
        text = _("Rename indicator") if field == "name" else _("Edit unit of measure")
        super().__init__(document, objective_id, text, merge_key)
        self.indicator_id = indicator_id
        self.field = field
        self.value = value
        self.old: Any = _UNSET

    def _write(self, value: Any) -> Changed:
        changed = details.update_indicator(
            self.document.store, self.indicator_id, **{self.field: replacing(self.old, value)}
        )
        return naming(changed, self.objective_id)

    def do(self) -> Changed:
        if self.old is _UNSET:
            row = next(i for i in self._detail().indicators if i.id == self.indicator_id)
            self.old = getattr(row, self.field)
        return self._write(self.value)

    def undo_change(self) -> Changed:
        return self._write(self.old)

    def absorb(self, other: BaseCommand) -> None:
        assert isinstance(other, UpdateIndicatorCommand)
        self.value = other.value


class SetIndicatorValueCommand(_DetailCommand):
    """Set (``None``: clear) an indicator's baseline, target or actual of one year.

    ``cell`` names the cell for the user ("Visits, target 2025"); a refused value is
    reported under that name rather than the service's generic "Value".
    """

    merge_kind = "indicator-value"

    def __init__(
        self,
        document: PlanDocument,
        objective_id: uuid.UUID,
        indicator_id: uuid.UUID,
        *,
        year: int,
        kind: ValueKind,
        value: Decimal | None,
        cell: str = "",
        merge_key: Hashable | None = None,
    ) -> None:
        super().__init__(document, objective_id, _("Edit indicator value"), merge_key)
        self.indicator_id = indicator_id
        self.year = year
        self.kind = ValueKind(kind)
        self.value = value
        self.cell = cell
        self.old: Any = _UNSET

    def _write(self, value: Decimal | None) -> Changed:
        try:
            changed = details.set_indicator_value(
                self.document.store, self.indicator_id, year=self.year, kind=self.kind, value=value
            )
        except ValidationError as err:
            if not self.cell:
                raise
            raise ValidationError(self.cell, err.reason) from None
        return naming(changed, self.objective_id)

    def do(self) -> Changed:
        if self.old is _UNSET:
            row = next(i for i in self._detail().indicators if i.id == self.indicator_id)
            self.old = row.values.get((self.year, self.kind))
        return self._write(self.value)

    def undo_change(self) -> Changed:
        return self._write(self.old)

    def absorb(self, other: BaseCommand) -> None:
        assert isinstance(other, SetIndicatorValueCommand)
        self.value = other.value


class DeleteIndicatorCommand(_DetailCommand):
    """Tombstone an indicator with its values; undo restores exactly those rows."""

    def __init__(
        self, document: PlanDocument, objective_id: uuid.UUID, indicator_id: uuid.UUID
    ) -> None:
        super().__init__(document, objective_id, _("Remove indicator"))
        self.indicator_id = indicator_id
        self._deleted: tuple[uuid.UUID, ...] = ()
        self._position: int | None = None

    def do(self) -> Changed:
        changed = details.delete_indicator(self.document.store, self.indicator_id)
        self._deleted = changed.ids
        self._position = changed.extra.get("position")
        return naming(changed, self.objective_id)

    def undo_change(self) -> Changed:
        changed = details.restore_indicator(
            self.document.store, self._deleted, position=self._position
        )
        return naming(changed, self.objective_id)
