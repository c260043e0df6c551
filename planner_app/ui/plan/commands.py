"""Undo commands for the plan pane: plan properties, chapters and their parts, the
communication plan's rows, organisation units and signatories.

Each command calls services only and holds ids and plain values, on the templates of
``ui.core.command``: field edits keep the old value their service read in the write's
own transaction; adds remember the id the service made (undo tombstones it, redo
restores exactly that row); deletes keep the ids the service tombstoned and restore them
at their old position. Texts come from ``ui.core.undo_texts``.
"""

from __future__ import annotations

import uuid
from collections.abc import Hashable
from typing import Any

from planner_app.services import plan_document, plan_parts, plans, sections, units
from planner_app.services.common import Changed
from planner_app.ui.core.command import (
    AddCommand,
    BaseCommand,
    DeleteCommand,
    FieldCommand,
    MoveCommand,
)
from planner_app.ui.core.document import PlanDocument
from planner_app.ui.core.undo_texts import undo_text

PLAN_FIELDS = (
    "code",
    "title",
    "organisation",
    "period",
    "languages",
    "track_status",
    "reports_quarterly",
)


# --- plan properties -----------------------------------------------------------------


class UpdatePlanCommand(FieldCommand):
    """Set one plan property: code, title, organisation, period (first, last year) or
    languages (a tuple, the first is the main language)."""

    def __init__(
        self,
        document: PlanDocument,
        field: str,
        value: Any,
        *,
        merge_key: Hashable | None,
    ) -> None:
        assert field in PLAN_FIELDS, field
        super().__init__(document, undo_text("plan", field), field, value, merge_key=merge_key)

    def write(self, value: Any) -> Changed:
        store, plan_id = self.document.store, self.document.plan_id
        if self.field == "period":
            return plans.update_plan(store, plan_id, first_year=value[0], last_year=value[1])
        if self.field == "languages":
            return plans.update_plan(store, plan_id, languages=list(value))
        return plans.update_plan(store, plan_id, **{self.field: value})


class UpdateDocumentCommand(FieldCommand):
    """Set one of the fields the plan prints as a document (``plan_document``): the
    place of signing (texts per language) or the date of signing (``None``: none)."""

    FIELDS = ("signing_place", "signing_date")

    def __init__(
        self,
        document: PlanDocument,
        field: str,
        value: Any,
        *,
        merge_key: Hashable | None,
    ) -> None:
        assert field in self.FIELDS, field
        super().__init__(document, undo_text("plan", field), field, value, merge_key=merge_key)

    def write(self, value: Any) -> Changed:
        store, plan_id = self.document.store, self.document.plan_id
        return plan_document.update_document(store, plan_id, **{self.field: value})


# --- chapters ------------------------------------------------------------------------


class AddSectionCommand(AddCommand):
    """Add a chapter of ``kind`` at ``position`` (``None``: at the end)."""

    def __init__(
        self,
        document: PlanDocument,
        kind: str,
        title: dict[str, str],
        position: int | None = None,
    ) -> None:
        super().__init__(document, undo_text("section", "add"), position)
        self.kind, self.title = kind, title

    def add(self) -> Changed:
        return sections.add_section(
            self.document.store,
            self.document.plan_id,
            kind=self.kind,
            title=self.title,
            position=self.position,
        )

    def delete(self, row_id: uuid.UUID) -> Changed:
        return sections.delete_section(self.document.store, row_id)

    def restore(self, ids: tuple[uuid.UUID, ...], position: int | None) -> Changed:
        return sections.restore_section(self.document.store, ids, position=position)


class UpdateSectionCommand(FieldCommand):
    """Set a chapter's title or body."""

    def __init__(
        self,
        document: PlanDocument,
        section_id: uuid.UUID,
        field: str,
        value: dict[str, str],
        *,
        merge_key: Hashable | None,
    ) -> None:
        assert field in ("title", "body"), field
        super().__init__(document, undo_text("section", field), field, value, merge_key=merge_key)
        self.section_id = section_id

    def write(self, value: Any) -> Changed:
        return sections.update_section(self.document.store, self.section_id, **{self.field: value})


class SetSectionPartCommand(FieldCommand):
    """Set a PESTEL factor or a SWOT quadrant of a chapter."""

    def __init__(
        self,
        document: PlanDocument,
        section_id: uuid.UUID,
        key: str,
        value: dict[str, str],
        *,
        merge_key: Hashable | None,
    ) -> None:
        super().__init__(document, undo_text("section", "part"), key, value, merge_key=merge_key)
        self.section_id, self.key = section_id, key

    def write(self, value: Any) -> Changed:
        return sections.set_section_part(self.document.store, self.section_id, self.field, value)


def move_section_command(
    document: PlanDocument, section_id: uuid.UUID, origin: int, position: int
) -> MoveCommand:
    return MoveCommand(
        document, undo_text("section", "move"), section_id, origin, position, sections.move_section
    )


def delete_section_command(document: PlanDocument, section_id: uuid.UUID) -> DeleteCommand:
    return DeleteCommand(
        document,
        undo_text("section", "remove"),
        section_id,
        sections.delete_section,
        sections.restore_section,
    )


# --- communication plan rows -----------------------------------------------------------


class AddCommunicationRowCommand(AddCommand):
    """Add a row to a communication plan chapter."""

    def __init__(
        self,
        document: PlanDocument,
        section_id: uuid.UUID,
        cells: dict[str, dict[str, str]],
        position: int | None = None,
    ) -> None:
        super().__init__(document, undo_text("communication row", "add"), position)
        self.section_id, self.cells = section_id, cells

    def add(self) -> Changed:
        return sections.add_communication_row(
            self.document.store, self.section_id, position=self.position, **self.cells
        )

    def delete(self, row_id: uuid.UUID) -> Changed:
        return sections.delete_communication_row(self.document.store, row_id)

    def restore(self, ids: tuple[uuid.UUID, ...], position: int | None) -> Changed:
        return sections.restore_communication_row(self.document.store, ids, position=position)


class UpdateCommunicationRowCommand(FieldCommand):
    """Set one cell (a ``COMMUNICATION_FIELDS`` name) of a communication plan row."""

    def __init__(
        self,
        document: PlanDocument,
        section_id: uuid.UUID,
        row_id: uuid.UUID,
        field: str,
        value: dict[str, str],
        *,
        merge_key: Hashable | None,
    ) -> None:
        assert field in sections.COMMUNICATION_FIELDS, field
        super().__init__(
            document, undo_text("communication row", "edit"), field, value, merge_key=merge_key
        )
        self.section_id, self.row_id = section_id, row_id

    def write(self, value: Any) -> Changed:
        return sections.update_communication_row(
            self.document.store, self.row_id, **{self.field: value}
        )


def delete_communication_row_command(document: PlanDocument, row_id: uuid.UUID) -> DeleteCommand:
    return DeleteCommand(
        document,
        undo_text("communication row", "remove"),
        row_id,
        sections.delete_communication_row,
        sections.restore_communication_row,
    )


# --- organisation units --------------------------------------------------------------


class AddUnitCommand(AddCommand):
    """Add an organisation unit under ``parent_id`` (``None``: at the top)."""

    def __init__(
        self,
        document: PlanDocument,
        name: dict[str, str],
        *,
        kind: str = "service",
        parent_id: uuid.UUID | None = None,
        position: int | None = None,
    ) -> None:
        super().__init__(document, undo_text("unit", "add"), position)
        self.name, self.kind, self.parent_id = name, kind, parent_id

    def add(self) -> Changed:
        return units.add_unit(
            self.document.store,
            self.document.plan_id,
            name=self.name,
            kind=self.kind,
            parent_id=self.parent_id,
            position=self.position,
        )

    def delete(self, row_id: uuid.UUID) -> Changed:
        return units.delete_unit(self.document.store, row_id)

    def restore(self, ids: tuple[uuid.UUID, ...], position: int | None) -> Changed:
        return units.restore_unit(self.document.store, ids, position=position)


class UpdateUnitCommand(FieldCommand):
    """Set a unit's name, code or kind."""

    def __init__(
        self,
        document: PlanDocument,
        unit_id: uuid.UUID,
        field: str,
        value: Any,
        *,
        merge_key: Hashable | None,
    ) -> None:
        assert field in ("name", "code", "kind"), field
        super().__init__(document, undo_text("unit", field), field, value, merge_key=merge_key)
        self.unit_id = unit_id

    def write(self, value: Any) -> Changed:
        return units.update_unit(self.document.store, self.unit_id, **{self.field: value})


class MoveUnitCommand(BaseCommand):
    """Move a unit under another parent (``None``: the top) at ``position``."""

    def __init__(
        self,
        document: PlanDocument,
        unit_id: uuid.UUID,
        parent_id: uuid.UUID | None,
        position: int,
    ) -> None:
        super().__init__(document, undo_text("unit", "move"))
        self.unit_id, self.target = unit_id, (parent_id, position)
        self.origin: tuple[uuid.UUID | None, int] | None = None

    def do(self) -> Changed:
        changed = self._go(self.target)
        if self.origin is None:  # where it was, as the move read it
            self.origin = (changed.old["parent_id"], changed.old["position"])
        return changed

    def undo_change(self) -> Changed:
        assert self.origin is not None
        return self._go(self.origin)

    def _go(self, where: tuple[uuid.UUID | None, int]) -> Changed:
        return units.move_unit(
            self.document.store, self.unit_id, parent_id=where[0], position=where[1]
        )


def delete_unit_command(document: PlanDocument, unit_id: uuid.UUID) -> DeleteCommand:
    return DeleteCommand(
        document, undo_text("unit", "remove"), unit_id, units.delete_unit, units.restore_unit
    )


# --- signatories -----------------------------------------------------------------------


class AddSignatoryCommand(AddCommand):
    """Add a signatory (function, name) at ``position`` (``None``: last)."""

    def __init__(
        self,
        document: PlanDocument,
        function: dict[str, str],
        name: str,
        position: int | None = None,
    ) -> None:
        super().__init__(document, undo_text("signatory", "add"), position)
        self.function, self.name = function, name

    def add(self) -> Changed:
        return plan_parts.add_signatory(
            self.document.store,
            self.document.plan_id,
            function=self.function,
            name=self.name,
            position=self.position,
        )

    def delete(self, row_id: uuid.UUID) -> Changed:
        return plan_parts.delete_signatory(self.document.store, row_id)

    def restore(self, ids: tuple[uuid.UUID, ...], position: int | None) -> Changed:
        return plan_parts.restore_signatory(self.document.store, ids, position=position)


class UpdateSignatoryCommand(FieldCommand):
    """Set a signatory's function (per language) or name."""

    def __init__(
        self,
        document: PlanDocument,
        signatory_id: uuid.UUID,
        field: str,
        value: Any,
        *,
        merge_key: Hashable | None,
    ) -> None:
        assert field in ("function", "name"), field
        super().__init__(
            document, undo_text("signatory", "edit"), field, value, merge_key=merge_key
        )
        self.signatory_id = signatory_id

    def write(self, value: Any) -> Changed:
        return plan_parts.update_signatory(
            self.document.store, self.signatory_id, **{self.field: value}
        )


def move_signatory_command(
    document: PlanDocument, signatory_id: uuid.UUID, origin: int, position: int
) -> MoveCommand:
    return MoveCommand(
        document,
        undo_text("signatory", "move"),
        signatory_id,
        origin,
        position,
        plan_parts.move_signatory,
    )


def delete_signatory_command(document: PlanDocument, signatory_id: uuid.UUID) -> DeleteCommand:
    return DeleteCommand(
        document,
        undo_text("signatory", "remove"),
        signatory_id,
        plan_parts.delete_signatory,
        plan_parts.restore_signatory,
    )
