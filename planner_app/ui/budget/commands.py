"""Undo commands of the budget editor; each calls the ``budget_*`` services.

Amount edits remember the old value of every cell they write, so undo writes exactly
those values back (``None``: the cell was empty). A paste is one ``SetAmountsCommand``
(one transaction, one undo step). Deletes keep the ids the service tombstoned and
restore exactly those rows.
"""

from __future__ import annotations

import uuid
from collections.abc import Hashable
from decimal import Decimal
from typing import Any

from planner_app.services import (
    budget_amounts,
    budget_dimensions,
    budget_lines,
)
from planner_app.services.budget_amounts import AmountCell
from planner_app.services.budget_read import BudgetColumn
from planner_app.services.common import Changed
from planner_app.ui.core.command import BaseCommand, FieldCommand
from planner_app.ui.core.document import PlanDocument
from planner_app.ui.core.undo_texts import undo_text


class SetAmountsCommand(BaseCommand):
    """Write one or many kEUR amounts; undo writes the old ones back."""

    def __init__(
        self,
        document: PlanDocument,
        cells: list[tuple[uuid.UUID, BudgetColumn, Decimal | None]],
        text: str | None = None,
    ) -> None:
        default = undo_text("budget amount", "edit" if len(cells) == 1 else "paste")
        super().__init__(document, text or default)
        self.new = [AmountCell(*cell) for cell in cells]
        self.old: list[AmountCell] | None = None

    def do(self) -> Changed:
        changed = budget_amounts.set_amounts(self.document.store, self.new)
        if self.old is None:  # read by the write itself, in its transaction
            self.old = [
                AmountCell(c.line_id, c.column, old)
                for c, old in zip(self.new, changed.extra["old"], strict=True)
            ]
        return changed

    def undo_change(self) -> Changed:
        assert self.old is not None
        return budget_amounts.set_amounts(self.document.store, list(reversed(self.old)))


class AddLineCommand(BaseCommand):
    """Add a line; undo tombstones it, redo brings the same row back."""

    def __init__(
        self,
        document: PlanDocument,
        *,
        title: dict[str, str] | str,
        parent_id: uuid.UUID | None = None,
        position: int | None = None,
    ) -> None:
        super().__init__(document, undo_text("budget line", "add"))
        self.title = title
        self.parent_id = parent_id
        self.position = position
        self.line_id: uuid.UUID | None = None
        self._deleted: tuple[uuid.UUID, ...] = ()

    def do(self) -> Changed:
        store = self.document.store
        if self._deleted:
            return budget_lines.restore_line(store, self._deleted, position=self.position)
        changed = budget_lines.add_line(
            store,
            self.document.plan_id,
            title=self.title,
            parent_id=self.parent_id,
            position=self.position,
        )
        self.line_id = changed.ids[0]
        return changed

    def undo_change(self) -> Changed:
        assert self.line_id is not None
        changed = budget_lines.delete_line(self.document.store, self.line_id)
        self._deleted = changed.ids
        if self.position is None:
            self.position = changed.extra.get("position")
        return changed


class DeleteLineCommand(BaseCommand):
    """Tombstone a line with its sub-lines and amounts; undo restores them in place."""

    def __init__(self, document: PlanDocument, line_id: uuid.UUID) -> None:
        super().__init__(document, undo_text("budget line", "remove"))
        self.line_id = line_id
        self._deleted: tuple[uuid.UUID, ...] = ()
        self._position: int | None = None

    def do(self) -> Changed:
        changed = budget_lines.delete_line(self.document.store, self.line_id)
        self._deleted = changed.ids
        self._position = changed.extra.get("position")
        return changed

    def undo_change(self) -> Changed:
        return budget_lines.restore_line(
            self.document.store, self._deleted, position=self._position
        )


class MoveLineCommand(BaseCommand):
    """Move a line under another parent (indent, outdent) or to another position."""

    def __init__(
        self,
        document: PlanDocument,
        line_id: uuid.UUID,
        *,
        parent_id: uuid.UUID | None,
        position: int,
        origin: tuple[uuid.UUID | None, int],
        text: str | None = None,
    ) -> None:
        super().__init__(document, text or undo_text("budget line", "move"))
        self.line_id = line_id
        self.target = (parent_id, position)
        self.origin = origin

    def do(self) -> Changed:
        parent_id, position = self.target
        return budget_lines.move_line(
            self.document.store, self.line_id, parent_id=parent_id, position=position
        )

    def undo_change(self) -> Changed:
        parent_id, position = self.origin
        return budget_lines.move_line(
            self.document.store, self.line_id, parent_id=parent_id, position=position
        )


class RenameLineCommand(FieldCommand):
    """Set the title of a line in one language; undo puts back what the write replaced."""

    def __init__(
        self,
        document: PlanDocument,
        line_id: uuid.UUID,
        lang: str,
        title: str,
        *,
        merge_key: Hashable | None,
    ) -> None:
        super().__init__(
            document,
            undo_text("budget line", "title"),
            "title",
            {lang: title},
            merge_key=merge_key,
        )
        self.line_id = line_id

    def write(self, value: Any) -> Changed:
        return budget_lines.update_line(self.document.store, self.line_id, title=value)


class LinkObjectiveCommand(BaseCommand):
    """Link (or unlink) a budget line and an objective it funds."""

    def __init__(
        self, document: PlanDocument, line_id: uuid.UUID, objective_id: uuid.UUID, linked: bool
    ) -> None:
        text = undo_text("budget line", "link" if linked else "unlink")
        super().__init__(document, text)
        self.args = (line_id, objective_id)
        self.linked = linked

    def do(self) -> Changed:
        return budget_lines.link_objective(self.document.store, *self.args, linked=self.linked)

    def undo_change(self) -> Changed:
        return budget_lines.link_objective(self.document.store, *self.args, linked=not self.linked)


class AddDimensionCommand(BaseCommand):
    """Add a budget stage or a credit type; undo removes it again (it holds nothing)."""

    def __init__(self, document: PlanDocument, kind: str, code: str) -> None:
        assert kind in ("stage", "credit_type"), kind
        text = undo_text(kind, "add")
        super().__init__(document, text)
        self.kind = kind
        self.code = code

    def do(self) -> Changed:
        add = (
            budget_dimensions.add_stage
            if self.kind == "stage"
            else budget_dimensions.add_credit_type
        )
        return add(self.document.store, self.document.plan_id, code=self.code)

    def undo_change(self) -> Changed:
        remove = (
            budget_dimensions.remove_stage
            if self.kind == "stage"
            else budget_dimensions.remove_credit_type
        )
        return remove(self.document.store, self.document.plan_id, self.code)


class RenameDimensionCommand(BaseCommand):
    """Give a budget stage or credit type a new code; undo gives the old one back (the
    amounts move with it both ways)."""

    def __init__(self, document: PlanDocument, kind: str, old: str, new: str) -> None:
        text = undo_text(kind, "rename")
        super().__init__(document, text)
        self.kind, self.old, self.new = kind, old, new

    def do(self) -> Changed:
        return budget_dimensions.rename_dimension(
            self.document.store, self.document.plan_id, self.kind, self.old, self.new
        )

    def undo_change(self) -> Changed:
        return budget_dimensions.rename_dimension(
            self.document.store, self.document.plan_id, self.kind, self.new, self.old
        )


class RemoveDimensionCommand(BaseCommand):
    """Remove a budget stage or credit type that holds no amounts; undo restores it in
    its place."""

    def __init__(self, document: PlanDocument, kind: str, code: str) -> None:
        text = undo_text(kind, "remove")
        super().__init__(document, text)
        self.kind, self.code = kind, code
        stages, types = budget_dimensions.list_dimensions(document.store, document.plan_id)
        codes = stages if kind == "stage" else types
        self.position = codes.index(code) if code in codes else len(codes)

    def do(self) -> Changed:
        return budget_dimensions.remove_dimension(
            self.document.store, self.document.plan_id, self.kind, self.code
        )

    def undo_change(self) -> Changed:
        return budget_dimensions.restore_dimension(
            self.document.store, self.document.plan_id, self.kind, self.code, self.position
        )


class AllowNegativeCommand(BaseCommand):
    """Allow (or forbid) negative amounts on a budget line, e.g. a correction line."""

    def __init__(self, document: PlanDocument, line_id: uuid.UUID, allow: bool) -> None:
        text = undo_text("budget line", "allow_negative" if allow else "forbid_negative")
        super().__init__(document, text)
        self.line_id, self.allow = line_id, allow

    def do(self) -> Changed:
        return budget_lines.update_line(
            self.document.store, self.line_id, allow_negative=self.allow
        )

    def undo_change(self) -> Changed:
        return budget_lines.update_line(
            self.document.store, self.line_id, allow_negative=not self.allow
        )
