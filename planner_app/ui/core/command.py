"""The base of every undo command: do/undo through services, errors reported.

A subclass implements ``do()`` and ``undo_change()`` (each returns the services'
``Changed``). ``PlanDocument.run`` calls ``do()`` once before pushing, so Qt's first
``redo()`` is skipped; later redo/undo report what they changed through the document.
Typing in one field merges into one step: give such commands a ``merge_key`` (e.g.
``("objective-field", id, "title")``) and they merge with the previous command of the
same key.
"""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtGui import QUndoCommand

from planner_app.errors import PlannerError
from planner_app.services.common import Changed
from planner_app.ui.core.document import PlanDocument

_MERGE_IDS: dict[str, int] = {}


def merge_id(kind: str) -> int:
    """A stable QUndoCommand id per kind of mergeable command."""
    return _MERGE_IDS.setdefault(kind, 1000 + len(_MERGE_IDS))


class BaseCommand(QUndoCommand):
    """Calls services on the GUI thread; holds ids and plain values only."""

    merge_kind: str | None = None  # set on subclasses whose steps merge

    def __init__(self, document: PlanDocument, text: str) -> None:
        super().__init__(text)
        self.document = document
        self._done_once = False
        self.merge_key: Hashable | None = None

    # --- to implement ---------------------------------------------------------------

    def do(self) -> Changed:
        raise NotImplementedError

    def undo_change(self) -> Changed:
        raise NotImplementedError

    # --- Qt ---------------------------------------------------------------------------

    def mark_done(self) -> None:
        self._done_once = True

    def redo(self) -> None:
        if self._done_once:
            self._done_once = False
            return
        self._report(self.do)

    def undo(self) -> None:
        self._report(self.undo_change)

    def _report(self, action) -> None:
        try:
            changed = action()
        except PlannerError as err:
            self.setObsolete(True)
            self.document.failed.emit(str(err))
            return
        self.document.notify(changed)

    def id(self) -> int:
        return merge_id(self.merge_kind) if self.merge_kind else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, BaseCommand) or other.merge_key is None:
            return False
        if other.merge_key != self.merge_key:
            return False
        self.absorb(other)
        return True

    def absorb(self, other: BaseCommand) -> None:
        """Take ``other``'s new value (subclasses with ``merge_kind`` override)."""
        raise NotImplementedError
