"""The shared base of the tables under one objective (milestones, indicators).

Passive: the objective editor gives it the objective's rows as the services return
them (frozen dataclasses with ids, ``set_rows``), the plan's languages and period
(``set_plan``) and whether it may edit (``set_read_only``); it never reads the file.
New rows are applied with ``begin…``/``end…`` for the smallest difference, so the view
keeps its current cell. Edits become undo commands run through the ``owner`` (the
editor), which applies what they changed and gives the rows back.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from planner_app.services.details import ObjectiveDetail
from planner_app.services.plans import PlanInfo
from planner_app.ui.core.command import BaseCommand
from planner_app.ui.core.document import PlanDocument
from planner_app.ui.core.rows_model import Editing

AnyIndex = QModelIndex | QPersistentModelIndex


class ObjectiveRowsModel(QAbstractTableModel):
    """Rows of one kind under one objective; edits go through undo commands.

    Owns a copy of the rows (ids and plain values) of the objective shown, as given.
    GUI thread only.
    """

    IdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, owner: Editing | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.owner = owner
        self._objective_id: uuid.UUID | None = None
        self._language = ""
        self._languages: tuple[str, ...] = ()
        self._read_only = True
        self._rows: list[Any] = []

    # --- what is shown ------------------------------------------------------------------

    @property
    def document(self) -> PlanDocument | None:
        return self.owner.document if self.owner is not None else None

    @property
    def objective_id(self) -> uuid.UUID | None:
        return self._objective_id

    @property
    def read_only(self) -> bool:
        return self._read_only

    @property
    def language(self) -> str:
        return self._language or (self._languages[0] if self._languages else "nl")

    def set_plan(self, info: PlanInfo | None) -> None:
        """The plan's languages and period (the indicator table's years follow it)."""
        self._languages = info.languages if info is not None else ()
        self.plan_changed(info)

    def set_read_only(self, read_only: bool) -> None:
        if read_only != self._read_only:
            self.layoutAboutToBeChanged.emit()
            self._read_only = read_only
            self.layoutChanged.emit()

    def set_rows(self, objective_id: uuid.UUID | None, rows: Sequence[Any]) -> None:
        """Show ``rows`` of ``objective_id``: another objective from scratch, the same
        one with the smallest change."""
        if objective_id != self._objective_id:
            self._objective_id = objective_id
            self._reset(list(rows))
        else:
            self._sync(list(rows))

    def show_detail(self, detail: ObjectiveDetail | None) -> None:
        """Show the rows of ``detail`` (``None``: nothing)."""
        if detail is None:
            self.set_rows(None, [])
        else:
            self.set_rows(detail.id, self.rows_of(detail))

    def set_language(self, language: str) -> None:
        """Show and edit texts in ``language`` (one of the plan's languages)."""
        self._language = language
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))

    def row_id(self, row: int) -> uuid.UUID:
        return self._rows[row].id

    def row_of(self, row_id: uuid.UUID) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == row_id), -1)

    def text_of(self, texts: dict[str, str]) -> str:
        """The text in the editing language (no fallback: an edit writes that language)."""
        return texts.get(self.language, "")

    # --- to implement -------------------------------------------------------------------

    def rows_of(self, detail: ObjectiveDetail) -> Sequence[Any]:
        raise NotImplementedError

    def shape_changed(self, rows: Sequence[Any]) -> bool:
        """True when ``rows`` need other columns (the indicator table's years)."""
        return False

    # --- Qt -----------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def editable(self) -> bool:
        return not self._read_only and self._objective_id is not None and self.document is not None

    # --- edits --------------------------------------------------------------------------

    def run(self, command: BaseCommand) -> bool:
        """Run ``command`` through the owner (which shows what it changed)."""
        if self.owner is None or not self.editable():
            return False
        return bool(self.owner.run(command))

    def refuse(self, reason: str) -> None:
        if self.owner is not None:
            self.owner.refuse(reason)

    # --- refresh ------------------------------------------------------------------------

    def remove_with(
        self,
        rows: Sequence[int],
        macro_text: str,
        make_command: Callable[[uuid.UUID], BaseCommand],
    ) -> bool:
        """Remove the rows' ids with ``make_command(id)`` each, as one undo step."""
        document = self.document
        if document is None or self._objective_id is None or not self.editable():
            return False
        ids = [self.row_id(r) for r in sorted(set(rows)) if 0 <= r < len(self._rows)]
        if not ids:
            return False
        stack = document.undo_stack
        if len(ids) > 1:
            stack.beginMacro(macro_text)
        try:
            return all([self.run(make_command(row_id)) for row_id in ids])
        finally:
            if len(ids) > 1:
                stack.endMacro()

    def plan_changed(self, info: PlanInfo | None) -> None:
        """Hook: the plan shown (period, languages)."""

    def _reset(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def _sync(self, new: list[Any]) -> None:
        """Replace the rows by ``new`` with the smallest change Qt can be told about."""
        old = self._rows
        if self.shape_changed(new):
            self._reset(new)
            return
        old_ids = [r.id for r in old]
        new_ids = [r.id for r in new]
        last = self.columnCount() - 1
        if old_ids == new_ids:
            self._rows = new
            for row, (a, b) in enumerate(zip(old, new, strict=True)):
                if a != b:
                    self.dataChanged.emit(self.index(row, 0), self.index(row, last))
            return
        if len(new_ids) == len(old_ids) + 1:
            row = _first_difference(old_ids, new_ids)
            if new_ids[:row] + new_ids[row + 1 :] == old_ids:
                self.beginInsertRows(QModelIndex(), row, row)
                self._rows = [*old[:row], new[row], *old[row:]]
                self.endInsertRows()
                self._sync(new)  # positions of the others may have changed
                return
        if len(new_ids) + 1 == len(old_ids):
            row = _first_difference(old_ids, new_ids)
            if old_ids[:row] + old_ids[row + 1 :] == new_ids:
                self.beginRemoveRows(QModelIndex(), row, row)
                self._rows = old[:row] + old[row + 1 :]
                self.endRemoveRows()
                self._sync(new)
                return
        if sorted(old_ids) == sorted(new_ids):
            self.layoutAboutToBeChanged.emit()
            persistent = self.persistentIndexList()
            moved = [(p, old_ids[p.row()], p.column()) for p in persistent]
            self._rows = new
            for index, row_id, column in moved:
                self.changePersistentIndex(index, self.index(new_ids.index(row_id), column))
            self.layoutChanged.emit()
            return
        self._reset(new)


def _first_difference(a: list[uuid.UUID], b: list[uuid.UUID]) -> int:
    """The first index where ``a`` and ``b`` differ (the shorter length if none)."""
    pairs = enumerate(zip(a, b, strict=False))
    return next((i for i, (x, y) in pairs if x != y), min(len(a), len(b)))
