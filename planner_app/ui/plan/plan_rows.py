"""The common ground of the plan pane's tables: rows of the open plan re-read from
the file after every change that names their entity, edits run as undo commands."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from planner_app.errors import PlannerError
from planner_app.services import plans
from planner_app.ui.core.command import BaseCommand
from planner_app.ui.core.content_language import ContentLanguage
from planner_app.ui.core.document import Applied, PlanDocument, document_read_only
from planner_app.ui.core.document_bound import DocumentBound
from planner_app.ui.core.headers import TranslatedHeaders

AnyIndex = QModelIndex | QPersistentModelIndex


class PlanRowsModel(DocumentBound, TranslatedHeaders, QAbstractTableModel):
    """Rows (frozen service dataclasses with an ``id``) of one list of the plan.

    Owns a copy of the rows; the file is the truth. Subclasses say which ``Changed``
    entities concern them (``ENTITIES``), fetch their rows and name their columns
    (``COLUMNS``, translated on display). Texts are shown and edited in the content
    language chosen (``set_language``; the plan's first by default). GUI thread only.
    """

    IdRole = Qt.ItemDataRole.UserRole + 1
    COLUMNS: tuple[str, ...] = ()
    ENTITIES: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document: PlanDocument | None = None
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
            self.reload()

    def editable(self) -> bool:
        return self._document is not None and not self._read_only

    def reload(self) -> None:
        document = self._document
        self._read_only = document_read_only(document)
        rows: list[Any] = []
        if document is not None:
            try:
                info = plans.plan_info(document.store, document.plan_id)
                self.content.set_languages(info.languages)
                rows = list(self.fetch(document))
            except PlannerError:
                rows = []
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_id(self, row: int) -> uuid.UUID:
        return self._rows[row].id

    def row_of(self, row_id: uuid.UUID | None) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == row_id), -1)

    def text_of(self, texts: dict[str, str]) -> str:
        """The text in the language edited (empty when not translated yet)."""
        return self.content.edited(texts)

    def run(self, command: BaseCommand) -> bool:
        return self._document is not None and self._document.run(command, initiator=self)

    # --- to implement -------------------------------------------------------------------

    def fetch(self, document: PlanDocument) -> Sequence[Any]:
        raise NotImplementedError

    def concerns(self, applied: Applied) -> bool:
        return applied.changed.entity in (*self.ENTITIES, "plan")

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

    def _on_changed(self, applied: Applied) -> None:
        if self.concerns(applied):
            self.reload()
