"""The common ground of the tables of one list of a plan (signatories, a communication
plan's rows, the diversity plan's lists): a passive table model.

The model is given its rows (``set_rows``) by the pane that owns it and never reads the
file. A pane loads its rows once and, after an edit, gives the model the rows again as
they now are: rows whose ids are those shown are updated in place (``dataChanged`` for
the rows that differ, so a view keeps its current cell); other rows reset the model.
An edit typed into a cell becomes an undo command run through the ``owner`` (the pane:
see ``Editing``), which applies its outcome. Tested without a plan file.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from planner_app.ui.core.command import BaseCommand
from planner_app.ui.core.content_language import ContentLanguage
from planner_app.ui.core.document import Outcome, PlanDocument
from planner_app.ui.core.headers import TranslatedHeaders

AnyIndex = QModelIndex | QPersistentModelIndex


class Editing(Protocol):
    """What a passive model needs from the pane that owns it to make an edit: the
    document to build commands for, running one (the pane applies what it changed),
    and showing why an edit typed into a cell cannot be made."""

    @property
    def document(self) -> PlanDocument | None: ...

    def run(self, command: BaseCommand) -> Outcome: ...

    def refuse(self, reason: str) -> None: ...


class RowsModel(TranslatedHeaders, QAbstractTableModel):
    """Rows (frozen service dataclasses with an ``id``) of one list of the plan.

    Owns a copy of the rows it was given. Subclasses name their columns (``COLUMNS``,
    translated on display) and say what a cell shows and takes. Texts are shown and
    edited in the content language chosen (``set_language``; the plan's first by
    default). GUI thread only.
    """

    IdRole = Qt.ItemDataRole.UserRole + 1
    COLUMNS: tuple[str, ...] = ()

    def __init__(self, owner: Editing | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.owner = owner
        self._rows: list[Any] = []
        self.content = ContentLanguage()
        self._read_only = True

    # --- what is shown ------------------------------------------------------------------

    @property
    def language(self) -> str:
        return self.content.current

    def set_language(self, language: str) -> None:
        """Show and edit texts in ``language`` (one of the plan's)."""
        if self.content.choose(language):
            self._repaint()

    def set_languages(self, languages: Sequence[str]) -> None:
        """The plan's content languages (the first is the main one)."""
        if tuple(languages) != self.content.languages:
            self.content.set_languages(languages)
            self._repaint()

    def set_read_only(self, read_only: bool) -> None:
        if read_only != self._read_only:
            self.layoutAboutToBeChanged.emit()
            self._read_only = read_only
            self.layoutChanged.emit()

    def editable(self) -> bool:
        return self.owner is not None and self.owner.document is not None and not self._read_only

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show ``rows``: in place when they are the rows shown (same ids, same order),
        else from scratch."""
        rows = list(rows)
        if [r.id for r in rows] != [r.id for r in self._rows]:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
            return
        old, self._rows = self._rows, rows
        last = self.columnCount() - 1
        for number, (before, after) in enumerate(zip(old, rows, strict=True)):
            if before != after and last >= 0:
                self.dataChanged.emit(self.index(number, 0), self.index(number, last))

    def rows(self) -> list[Any]:
        return list(self._rows)

    def _repaint(self) -> None:
        if self._rows and self.columnCount() > 0:
            last = self.index(len(self._rows) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def row_id(self, row: int) -> uuid.UUID:
        return self._rows[row].id

    def row_of(self, row_id: uuid.UUID | None) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == row_id), -1)

    def text_of(self, texts: dict[str, str]) -> str:
        """The text in the language edited (empty when not translated yet)."""
        return self.content.edited(texts)

    def run(self, command: BaseCommand) -> bool:
        """Run an edit through the owner; True when it was made."""
        return self.owner is not None and bool(self.owner.run(command))

    def refuse(self, reason: str) -> None:
        if self.owner is not None:
            self.owner.refuse(reason)

    @property
    def document(self) -> PlanDocument | None:
        return self.owner.document if self.owner is not None else None

    # --- Qt -----------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable():
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags
