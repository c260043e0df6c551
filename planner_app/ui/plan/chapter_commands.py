"""Undo commands for the chapter tree, chapters' tables and images, the document
fields, units' roles and transversal links.

Each command calls services only and keeps ids and plain values. A write's service
says what it replaced (``Changed.old``), read in the write's own transaction:
the command keeps that for undo and never reads the file itself (the budget amount's
pattern). Adds remember the row the service made: undo tombstones it, redo restores
exactly that row.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtGui import QUndoCommand

from planner_app.services import (
    chapter_tables,
    images,
    plan_document,
    sections,
    transversal,
    unit_roles,
)
from planner_app.services.common import Changed
from planner_app.ui.core.command import BaseCommand, merge_id
from planner_app.ui.core.document import PlanDocument
from planner_app.ui.core.undo_texts import undo_text

_UNSET: Any = object()


def full_texts(old: Any, new: Any) -> Any:
    """``new`` over ``old`` so languages only ``old`` has are cleared (services merge
    texts per language: undoing must also take back a language the edit added)."""
    if isinstance(new, dict) and isinstance(old, dict):
        return {lang: new.get(lang, "") for lang in {*old, *new}}
    return new


class WriteCommand(BaseCommand):
    """Write ``value`` through ``write``; the value it replaced comes from the write's
    ``Changed`` (``old_of``). Successive commands with one ``merge_key`` (typing in
    one field) are one undo step."""

    def __init__(
        self,
        document: PlanDocument,
        text: str,
        write: Callable[[Any], Changed],
        value: Any,
        old_of: Callable[[Changed], Any],
        *,
        merge_key: Hashable | None = None,
    ) -> None:
        super().__init__(document, text)
        self._write, self._old_of = write, old_of
        self.value, self.old = value, _UNSET
        self.merge_key = merge_key

    def do(self) -> Changed:
        if self.old is _UNSET:
            changed = self._write(self.value)
            self.old = self._old_of(changed)
            return changed
        return self._write(full_texts(self.old, self.value))

    def undo_change(self) -> Changed:
        return self._write(full_texts(self.value, self.old))

    def id(self) -> int:
        return merge_id("i24-write") if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, WriteCommand) or other.merge_key is None:
            return False
        if other.merge_key != self.merge_key:
            return False
        self.value = other.value
        return True


def _old(name: str) -> Callable[[Changed], Any]:
    return lambda changed: changed.old[name]


# --- the chapter tree ---------------------------------------------------------------------


class AddChapterCommand(BaseCommand):
    """Add a chapter of ``kind`` under ``parent_id`` at ``position``."""

    def __init__(
        self,
        document: PlanDocument,
        kind: str,
        title: dict[str, str],
        *,
        parent_id: uuid.UUID | None = None,
        position: int | None = None,
        numbered: bool = True,
    ) -> None:
        super().__init__(document, undo_text("section", "add"))
        self.kind, self.title, self.parent_id = kind, title, parent_id
        self.position, self.numbered = position, numbered
        self.row_id: uuid.UUID | None = None
        self._deleted: tuple[uuid.UUID, ...] = ()

    def do(self) -> Changed:
        if self._deleted:
            return sections.restore_section(self.document.store, self._deleted, self.position)
        changed = sections.add_section(
            self.document.store,
            self.document.plan_id,
            kind=self.kind,
            title=self.title,
            parent_id=self.parent_id,
            position=self.position,
            numbered=self.numbered,
        )
        self.row_id = changed.id
        return changed

    def undo_change(self) -> Changed:
        assert self.row_id is not None
        changed = sections.delete_section(self.document.store, self.row_id)
        self._deleted = changed.ids
        self.position = changed.extra["position"]
        return changed


class DeleteChapterCommand(BaseCommand):
    """Remove a chapter with its sub-chapters; undo brings them all back."""

    def __init__(self, document: PlanDocument, section_id: uuid.UUID) -> None:
        super().__init__(document, undo_text("section", "remove"))
        self.section_id = section_id
        self._deleted: tuple[uuid.UUID, ...] = ()
        self._position: int | None = None

    def do(self) -> Changed:
        changed = sections.delete_section(self.document.store, self.section_id)
        self._deleted, self._position = changed.ids, changed.extra["position"]
        return changed

    def undo_change(self) -> Changed:
        return sections.restore_section(self.document.store, self._deleted, self._position)


class MoveChapterCommand(BaseCommand):
    """Move a chapter (a move, an indent, an outdent): under ``parent_id`` at
    ``position``; undo puts it back where the move found it."""

    def __init__(
        self,
        document: PlanDocument,
        section_id: uuid.UUID,
        parent_id: uuid.UUID | None,
        position: int,
        text: str | None = None,
    ) -> None:
        super().__init__(document, text or undo_text("section", "move"))
        self.section_id, self.target = section_id, (parent_id, position)
        self.origin: tuple[uuid.UUID | None, int] | None = None

    def do(self) -> Changed:
        changed = self._go(self.target)
        if self.origin is None:
            old = changed.old
            self.origin = (old["parent_id"], old["position"])
        return changed

    def undo_change(self) -> Changed:
        assert self.origin is not None
        return self._go(self.origin)

    def _go(self, where: tuple[uuid.UUID | None, int]) -> Changed:
        return sections.move_section(
            self.document.store, self.section_id, where[1], parent_id=where[0]
        )


def chapter_field_command(
    document: PlanDocument,
    section_id: uuid.UUID,
    field: str,
    value: Any,
    merge_key: Hashable | None = None,
) -> WriteCommand:
    """Set a chapter's title or text (per language), numbering or further kinds."""
    return WriteCommand(
        document,
        undo_text("section", field),
        lambda v: sections.update_section(document.store, section_id, **{field: v}),
        value,
        _old(field),
        merge_key=merge_key,
    )


# --- a chapter's table ------------------------------------------------------------------


class AddTableRowCommand(BaseCommand):
    def __init__(
        self, document: PlanDocument, section_id: uuid.UUID, position: int | None, header: bool
    ) -> None:
        super().__init__(document, undo_text("table row", "add"))
        self.section_id, self.position, self.header = section_id, position, header
        self.row_id: uuid.UUID | None = None
        self._deleted: tuple[uuid.UUID, ...] = ()

    def do(self) -> Changed:
        store = self.document.store
        if self._deleted:
            return chapter_tables.restore_table_row(store, self._deleted, self.position)
        changed = chapter_tables.add_table_row(
            store, self.section_id, header=self.header, position=self.position
        )
        self.row_id = changed.ids[-1]
        return changed

    def undo_change(self) -> Changed:
        assert self.row_id is not None
        changed = chapter_tables.delete_table_row(self.document.store, self.row_id)
        self._deleted, self.position = changed.ids, changed.extra["position"]
        return changed


class DeleteTableRowCommand(BaseCommand):
    def __init__(self, document: PlanDocument, row_id: uuid.UUID) -> None:
        super().__init__(document, undo_text("table row", "remove"))
        self.row_id = row_id
        self._deleted: tuple[uuid.UUID, ...] = ()
        self._position: int | None = None

    def do(self) -> Changed:
        changed = chapter_tables.delete_table_row(self.document.store, self.row_id)
        self._deleted, self._position = changed.ids, changed.extra["position"]
        return changed

    def undo_change(self) -> Changed:
        return chapter_tables.restore_table_row(self.document.store, self._deleted, self._position)


def table_row_command(
    document: PlanDocument, row_id: uuid.UUID, field: str, value: Any
) -> WriteCommand:
    """Set a table row's cells (a list of per-language texts) or header flag."""
    text = undo_text("table row", "edit" if field == "cells" else "header")
    return WriteCommand(
        document,
        text,
        lambda v: chapter_tables.update_table_row(document.store, row_id, **{field: v}),
        value,
        _old(field),
    )


class ColumnCommand(BaseCommand):
    """Insert or remove a column of a chapter's table; undo writes every row back."""

    def __init__(self, document: PlanDocument, section_id: uuid.UUID, index: int, insert: bool):
        super().__init__(document, undo_text("table column", "add" if insert else "remove"))
        self.section_id, self.index, self.insert = section_id, index, insert
        self._old: dict[uuid.UUID, list[dict[str, str]]] = {}

    def do(self) -> Changed:
        change = chapter_tables.insert_column if self.insert else chapter_tables.remove_column
        changed = change(self.document.store, self.section_id, self.index)
        self._old = changed.old["cells"]
        return changed

    def undo_change(self) -> Changed:
        return chapter_tables.set_table_cells(self.document.store, self.section_id, self._old)


# --- images ---------------------------------------------------------------------------------


class SetImageCommand(BaseCommand):
    """Put an image in a slot (the logo: no chapter; or a chapter's image), or empty
    the slot (``data`` None); undo brings back the image that was there."""

    def __init__(
        self,
        document: PlanDocument,
        *,
        section_id: uuid.UUID | None,
        data: bytes | None,
        name: str = "",
    ) -> None:
        action = "remove" if data is None else ("logo" if section_id is None else "chapter")
        text = undo_text("image", action)
        super().__init__(document, text)
        self.section_id, self.data, self.name = section_id, data, name
        self.image_id: uuid.UUID | None = None
        self.previous: uuid.UUID | object | None = _UNSET

    def do(self) -> Changed:
        store, plan = self.document.store, self.document.plan_id
        if self.previous is _UNSET:
            if self.data is None:
                changed = images.swap_image(store, plan, section_id=self.section_id, image_id=None)
            else:
                changed = images.set_image(
                    store, plan, data=self.data, name=self.name, section_id=self.section_id
                )
                self.image_id = changed.id
            self.previous = changed.extra["previous"]
            return changed
        return images.swap_image(store, plan, section_id=self.section_id, image_id=self.image_id)

    def undo_change(self) -> Changed:
        return images.swap_image(
            self.document.store,
            self.document.plan_id,
            section_id=self.section_id,
            image_id=self.previous,  # type: ignore[arg-type]
        )


# --- the document fields, units' roles, transversal links -------------------------------


def document_field_command(
    document: PlanDocument, field: str, value: Any, merge_key: Hashable | None = None
) -> WriteCommand:
    return WriteCommand(
        document,
        undo_text("document", field),
        lambda v: plan_document.update_document(document.store, document.plan_id, **{field: v}),
        value,
        _old(field),
        merge_key=merge_key,
    )


def unit_role_command(
    document: PlanDocument,
    objective_id: uuid.UUID,
    unit_id: uuid.UUID,
    role: tuple[str, uuid.UUID | None] | None,
) -> WriteCommand:
    """Give a unit a role in an objective: ``(role, plan role id)``, or None to take it
    off."""

    def write(value: tuple[str, uuid.UUID | None] | None) -> Changed:
        if value is None:
            return unit_roles.set_unit_role(document.store, objective_id, unit_id, None)
        return unit_roles.set_unit_role(document.store, objective_id, unit_id, *value)

    return WriteCommand(
        document, undo_text("objective", "unit_role"), write, role, lambda c: c.old["role"]
    )


def serves_command(
    document: PlanDocument, objective_id: uuid.UUID, strategic_ids: tuple[uuid.UUID, ...]
) -> WriteCommand:
    return WriteCommand(
        document,
        undo_text("objective", "serves"),
        lambda v: transversal.set_serves(document.store, objective_id, v),
        strategic_ids,
        lambda c: c.old["serves"],
    )
