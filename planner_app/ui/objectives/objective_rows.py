"""The shared base of the tables under one objective (milestones, indicators).

Holds the document, the objective's id, the language texts are shown and edited in,
and the rows as the services return them (frozen dataclasses with ids). It reloads
itself when the document reports a change that names the objective or one of its rows,
and applies the difference with ``begin…``/``end…`` so the view keeps its selection.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from planner_app.errors import PlannerError
from planner_app.services import plans
from planner_app.services.details import ObjectiveDetail, objective_detail
from planner_app.ui.core.command import BaseCommand
from planner_app.ui.core.document import Applied, PlanDocument, document_read_only

AnyIndex = QModelIndex | QPersistentModelIndex


class ObjectiveRowsModel(QAbstractTableModel):
    """Rows of one kind under one objective; edits go through undo commands.

    Owns a copy of the rows (ids and plain values) of the objective shown; the file is
    the truth, re-read after every change. GUI thread only.
    """

    IdRole = Qt.ItemDataRole.UserRole + 1
    ENTITY = ""  # "milestone" / "indicator": the Changed.entity these rows answer to

    def __init__(self, document: PlanDocument | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._document: PlanDocument | None = None
        self._objective_id: uuid.UUID | None = None
        self._language = ""
        self._languages: tuple[str, ...] = ()
        self._read_only = True
        self._rows: list[Any] = []
        self.set_document(document)

    # --- what is shown ------------------------------------------------------------------

    @property
    def document(self) -> PlanDocument | None:
        return self._document

    @property
    def objective_id(self) -> uuid.UUID | None:
        return self._objective_id

    @property
    def read_only(self) -> bool:
        return self._read_only

    @property
    def language(self) -> str:
        return self._language or (self._languages[0] if self._languages else "nl")

    def set_document(self, document: PlanDocument | None) -> None:
        if self._document is not None:
            self._document.changed.disconnect(self._on_changed)
        self._document = document
        if document is not None:
            document.changed.connect(self._on_changed)
        self._objective_id = None
        self._reset([])

    def set_objective(self, objective_id: uuid.UUID | None) -> None:
        self._objective_id = objective_id
        self._reset(self._fetch())

    def set_language(self, language: str) -> None:
        """Show and edit texts in ``language`` (one of the plan's languages)."""
        self._language = language
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))

    def reload(self) -> None:
        self._sync(self._fetch())

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
        return not self._read_only and self._objective_id is not None

    # --- edits --------------------------------------------------------------------------

    def run(self, command: BaseCommand) -> bool:
        """Run ``command`` through the document (the model is its initiator)."""
        if self._document is None or not self.editable():
            return False
        return self._document.run(command, initiator=self)

    # --- refresh ------------------------------------------------------------------------

    def remove_with(
        self,
        rows: Sequence[int],
        macro_text: str,
        make_command: Callable[[uuid.UUID], BaseCommand],
    ) -> bool:
        """Remove the rows' ids with ``make_command(id)`` each, as one undo step."""
        if self._document is None or self._objective_id is None or not self.editable():
            return False
        ids = [self.row_id(r) for r in sorted(set(rows)) if 0 <= r < len(self._rows)]
        if not ids:
            return False
        stack = self._document.undo_stack
        if len(ids) > 1:
            stack.beginMacro(macro_text)
        try:
            return all([self.run(make_command(row_id)) for row_id in ids])
        finally:
            if len(ids) > 1:
                stack.endMacro()

    def _fetch(self) -> list[Any]:
        document, objective_id = self._document, self._objective_id
        self._read_only = document_read_only(document)
        if document is None or objective_id is None:
            return []
        try:
            info = plans.plan_info(document.store, document.plan_id)
            detail = objective_detail(document.store, objective_id)
        except PlannerError:
            self._objective_id = None
            return []
        self._languages = info.languages
        self.plan_changed(info)
        return list(self.rows_of(detail))

    def plan_changed(self, info: plans.PlanInfo) -> None:
        """Hook: the plan as of the last reload (period, languages)."""

    def _on_changed(self, applied: Applied) -> None:
        if self._objective_id is None:
            return
        changed = applied.changed
        if changed.entity == "plan":
            self.reload()
            return
        ids = set(changed.ids)
        mine = {self._objective_id, *(r.id for r in self._rows)}
        if changed.entity in (self.ENTITY, "objective") and ids & mine:
            self.reload()

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
