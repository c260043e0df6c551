"""Undo commands for the plan pane: plan properties, chapters and their parts, the
communication plan's rows, organisation units and signatories.

Each command calls services only and holds ids and plain values. Adds remember the
id the service made; undo tombstones it and redo restores exactly that row. Deletes
keep the ids the service tombstoned (``Changed.ids``) and restore them at their old
position. Text edits write the union of the old and new languages, so undo also
clears a language the edit added (services merge per language).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Hashable
from typing import Any

from planner_app.i18n import N_, _
from planner_app.services import plan_parts, plans, sections, units
from planner_app.services.common import Changed
from planner_app.ui.core.command import BaseCommand
from planner_app.ui.core.document import PlanDocument

_UNSET: Any = object()

PLAN_FIELDS = ("code", "title", "organisation", "period", "languages")
_PLAN_TEXTS = {
    "code": N_("Edit plan code"),
    "title": N_("Edit plan title"),
    "organisation": N_("Edit organisation"),
    "period": N_("Change plan period"),
    "languages": N_("Change plan languages"),
}


def full_texts(old: Any, new: Any) -> Any:
    """``new`` written over ``old`` so that languages only ``old`` has are cleared."""
    if isinstance(new, dict) and isinstance(old, dict):
        return {lang: new.get(lang, "") for lang in {*old, *new}}
    return new


class _FieldCommand(BaseCommand):
    """Set one field of one row; ``read`` gives the current value, ``write`` stores
    one. Merges with the previous edit of the same ``merge_key``."""

    merge_kind = "plan-part-field"

    def __init__(
        self, document: PlanDocument, text: str, value: Any, merge_key: Hashable | None
    ) -> None:
        super().__init__(document, text)
        self.value = value
        self.old: Any = _UNSET
        self.merge_key = merge_key

    def read(self) -> Any:
        raise NotImplementedError

    def write(self, value: Any) -> Changed:
        raise NotImplementedError

    def do(self) -> Changed:
        if self.old is _UNSET:
            self.old = self.read()
        return self.write(full_texts(self.old, self.value))

    def undo_change(self) -> Changed:
        return self.write(full_texts(self.value, self.old))

    def absorb(self, other: BaseCommand) -> None:
        assert isinstance(other, _FieldCommand)
        self.value = other.value


class _AddCommand(BaseCommand):
    """Add a row through ``add()``; undo deletes it, redo restores that same row."""

    def __init__(self, document: PlanDocument, text: str, position: int | None) -> None:
        super().__init__(document, text)
        self.position = position
        self.row_id: uuid.UUID | None = None
        self._deleted: tuple[uuid.UUID, ...] = ()

    def add(self) -> Changed:
        raise NotImplementedError

    def delete(self, row_id: uuid.UUID) -> Changed:
        raise NotImplementedError

    def restore(self, ids: tuple[uuid.UUID, ...], position: int | None) -> Changed:
        raise NotImplementedError

    def do(self) -> Changed:
        if self._deleted:
            return self.restore(self._deleted, self.position)
        changed = self.add()
        self.row_id = changed.ids[-1]  # a communication row: (section, row)
        return changed

    def undo_change(self) -> Changed:
        assert self.row_id is not None
        changed = self.delete(self.row_id)
        self._deleted = changed.ids
        if self.position is None:
            self.position = changed.extra.get("position")
        return changed


class _DeleteCommand(BaseCommand):
    """Tombstone a row (with what cascades); undo restores exactly those rows."""

    def __init__(
        self,
        document: PlanDocument,
        text: str,
        row_id: uuid.UUID,
        delete: Callable[..., Changed],
        restore: Callable[..., Changed],
    ) -> None:
        super().__init__(document, text)
        self.row_id = row_id
        self._delete, self._restore = delete, restore
        self._deleted: tuple[uuid.UUID, ...] = ()
        self._position: int | None = None

    def do(self) -> Changed:
        changed = self._delete(self.document.store, self.row_id)
        self._deleted = changed.ids
        self._position = changed.extra.get("position")
        return changed

    def undo_change(self) -> Changed:
        return self._restore(self.document.store, self._deleted, position=self._position)


class _MoveCommand(BaseCommand):
    """Move a row among its siblings from ``origin`` to ``position``."""

    def __init__(
        self,
        document: PlanDocument,
        text: str,
        row_id: uuid.UUID,
        origin: int,
        position: int,
        move: Callable[..., Changed],
    ) -> None:
        super().__init__(document, text)
        self.row_id, self.origin, self.position = row_id, origin, position
        self._move = move

    def do(self) -> Changed:
        return self._move(self.document.store, self.row_id, self.position)

    def undo_change(self) -> Changed:
        return self._move(self.document.store, self.row_id, self.origin)


# --- plan properties -----------------------------------------------------------------


class UpdatePlanCommand(_FieldCommand):
    """Set one plan property: code, title, organisation, period (first, last year) or
    languages (a tuple, the first is the main language)."""

    def __init__(
        self, document: PlanDocument, field: str, value: Any, merge_key: Hashable | None = None
    ) -> None:
        assert field in PLAN_FIELDS, field
        super().__init__(document, _(_PLAN_TEXTS[field]), value, merge_key)
        self.field = field

    def read(self) -> Any:
        info = plans.plan_info(self.document.store, self.document.plan_id)
        if self.field == "period":
            return (info.first_year, info.last_year)
        return getattr(info, self.field)

    def write(self, value: Any) -> Changed:
        store, plan_id = self.document.store, self.document.plan_id
        if self.field == "period":
            return plans.update_plan(store, plan_id, first_year=value[0], last_year=value[1])
        if self.field == "languages":
            return plans.update_plan(store, plan_id, languages=list(value))
        return plans.update_plan(store, plan_id, **{self.field: value})


# --- chapters ------------------------------------------------------------------------


def _section(document: PlanDocument, section_id: uuid.UUID) -> sections.SectionInfo:
    return next(
        s for s in sections.load_sections(document.store, document.plan_id) if s.id == section_id
    )


class AddSectionCommand(_AddCommand):
    """Add a chapter of ``kind`` at ``position`` (``None``: at the end)."""

    def __init__(
        self,
        document: PlanDocument,
        kind: str,
        title: dict[str, str],
        position: int | None = None,
    ) -> None:
        super().__init__(document, _("Add chapter"), position)
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


class UpdateSectionCommand(_FieldCommand):
    """Set a chapter's title or body."""

    def __init__(
        self,
        document: PlanDocument,
        section_id: uuid.UUID,
        field: str,
        value: dict[str, str],
        merge_key: Hashable | None = None,
    ) -> None:
        assert field in ("title", "body"), field
        text = _("Rename chapter") if field == "title" else _("Edit chapter text")
        super().__init__(document, text, value, merge_key)
        self.section_id, self.field = section_id, field

    def read(self) -> Any:
        return getattr(_section(self.document, self.section_id), self.field)

    def write(self, value: Any) -> Changed:
        return sections.update_section(self.document.store, self.section_id, **{self.field: value})


class SetSectionPartCommand(_FieldCommand):
    """Set a PESTEL factor or a SWOT quadrant of a chapter."""

    def __init__(
        self,
        document: PlanDocument,
        section_id: uuid.UUID,
        key: str,
        value: dict[str, str],
        merge_key: Hashable | None = None,
    ) -> None:
        super().__init__(document, _("Edit chapter part"), value, merge_key)
        self.section_id, self.key = section_id, key

    def read(self) -> Any:
        return _section(self.document, self.section_id).parts.get(self.key, {})

    def write(self, value: Any) -> Changed:
        return sections.set_section_part(self.document.store, self.section_id, self.key, value)


def move_section_command(
    document: PlanDocument, section_id: uuid.UUID, origin: int, position: int
) -> _MoveCommand:
    return _MoveCommand(
        document, _("Move chapter"), section_id, origin, position, sections.move_section
    )


def delete_section_command(document: PlanDocument, section_id: uuid.UUID) -> _DeleteCommand:
    return _DeleteCommand(
        document,
        _("Remove chapter"),
        section_id,
        sections.delete_section,
        sections.restore_section,
    )


# --- communication plan rows -----------------------------------------------------------


class AddCommunicationRowCommand(_AddCommand):
    """Add a row to a communication plan chapter."""

    def __init__(
        self,
        document: PlanDocument,
        section_id: uuid.UUID,
        cells: dict[str, dict[str, str]],
        position: int | None = None,
    ) -> None:
        super().__init__(document, _("Add communication row"), position)
        self.section_id, self.cells = section_id, cells

    def add(self) -> Changed:
        return sections.add_communication_row(
            self.document.store, self.section_id, position=self.position, **self.cells
        )

    def delete(self, row_id: uuid.UUID) -> Changed:
        return sections.delete_communication_row(self.document.store, row_id)

    def restore(self, ids: tuple[uuid.UUID, ...], position: int | None) -> Changed:
        return sections.restore_communication_row(self.document.store, ids, position=position)


class UpdateCommunicationRowCommand(_FieldCommand):
    """Set one cell (a ``COMMUNICATION_FIELDS`` name) of a communication plan row."""

    def __init__(
        self,
        document: PlanDocument,
        section_id: uuid.UUID,
        row_id: uuid.UUID,
        field: str,
        value: dict[str, str],
        merge_key: Hashable | None = None,
    ) -> None:
        assert field in sections.COMMUNICATION_FIELDS, field
        super().__init__(document, _("Edit communication plan"), value, merge_key)
        self.section_id, self.row_id, self.field = section_id, row_id, field

    def read(self) -> Any:
        rows = _section(self.document, self.section_id).rows
        return next(r for r in rows if r.id == self.row_id).cells[self.field]

    def write(self, value: Any) -> Changed:
        return sections.update_communication_row(
            self.document.store, self.row_id, **{self.field: value}
        )


def delete_communication_row_command(document: PlanDocument, row_id: uuid.UUID) -> _DeleteCommand:
    return _DeleteCommand(
        document,
        _("Remove communication row"),
        row_id,
        sections.delete_communication_row,
        sections.restore_communication_row,
    )


# --- organisation units --------------------------------------------------------------


class AddUnitCommand(_AddCommand):
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
        super().__init__(document, _("Add unit"), position)
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


class UpdateUnitCommand(_FieldCommand):
    """Set a unit's name, code or kind."""

    def __init__(
        self,
        document: PlanDocument,
        unit_id: uuid.UUID,
        field: str,
        value: Any,
        merge_key: Hashable | None = None,
    ) -> None:
        assert field in ("name", "code", "kind"), field
        texts = {"name": _("Rename unit"), "code": _("Edit unit code"), "kind": _("Change kind")}
        super().__init__(document, texts[field], value, merge_key)
        self.unit_id, self.field = unit_id, field

    def read(self) -> Any:
        found = units.load_units(self.document.store, self.document.plan_id)
        return getattr(next(u for u in found if u.id == self.unit_id), self.field)

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
        super().__init__(document, _("Move unit"))
        self.unit_id, self.target = unit_id, (parent_id, position)
        self.origin: tuple[uuid.UUID | None, int] | None = None

    def do(self) -> Changed:
        if self.origin is None:
            found = units.load_units(self.document.store, self.document.plan_id)
            unit = next(u for u in found if u.id == self.unit_id)
            self.origin = (unit.parent_id, unit.position)
        return self._go(self.target)

    def undo_change(self) -> Changed:
        assert self.origin is not None
        return self._go(self.origin)

    def _go(self, where: tuple[uuid.UUID | None, int]) -> Changed:
        return units.move_unit(
            self.document.store, self.unit_id, parent_id=where[0], position=where[1]
        )


def delete_unit_command(document: PlanDocument, unit_id: uuid.UUID) -> _DeleteCommand:
    return _DeleteCommand(
        document, _("Remove unit"), unit_id, units.delete_unit, units.restore_unit
    )


# --- signatories -----------------------------------------------------------------------


class AddSignatoryCommand(_AddCommand):
    """Add a signatory (function, name) at ``position`` (``None``: last)."""

    def __init__(
        self,
        document: PlanDocument,
        function: dict[str, str],
        name: str,
        position: int | None = None,
    ) -> None:
        super().__init__(document, _("Add signatory"), position)
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


class UpdateSignatoryCommand(_FieldCommand):
    """Set a signatory's function (per language) or name."""

    def __init__(
        self,
        document: PlanDocument,
        signatory_id: uuid.UUID,
        field: str,
        value: Any,
        merge_key: Hashable | None = None,
    ) -> None:
        assert field in ("function", "name"), field
        super().__init__(document, _("Edit signatory"), value, merge_key)
        self.signatory_id, self.field = signatory_id, field

    def read(self) -> Any:
        found = plan_parts.load_signatories(self.document.store, self.document.plan_id)
        return getattr(next(s for s in found if s.id == self.signatory_id), self.field)

    def write(self, value: Any) -> Changed:
        return plan_parts.update_signatory(
            self.document.store, self.signatory_id, **{self.field: value}
        )


def move_signatory_command(
    document: PlanDocument, signatory_id: uuid.UUID, origin: int, position: int
) -> _MoveCommand:
    return _MoveCommand(
        document, _("Move signatory"), signatory_id, origin, position, plan_parts.move_signatory
    )


def delete_signatory_command(document: PlanDocument, signatory_id: uuid.UUID) -> _DeleteCommand:
    return _DeleteCommand(
        document,
        _("Remove signatory"),
        signatory_id,
        plan_parts.delete_signatory,
        plan_parts.restore_signatory,
    )
