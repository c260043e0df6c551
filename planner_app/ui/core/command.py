"""The undo command templates every edit is made from (Orange canvas's pattern: a
command only calls services, and holds ids and plain values).

``BaseCommand``: ``do()`` and ``undo_change()`` each return the services' ``Changed``.
``PlanDocument.run`` calls ``do()`` once before pushing, so Qt's first ``redo()`` is
skipped; later redo/undo report what they changed through the document.

The templates a feature subclasses or fills with its services:

* ``FieldCommand`` sets one field of one row. Its service returns the value it
  replaced, read in the write's own transaction (``Changed.old``), and the value as
  stored (``Changed.new``): the command keeps both for undo and redo and never reads
  the file itself. It merges with the previous command only when both carry the same
  ``merge_key``, a required argument: an edit session (typing in one field, one visit)
  gives one; ``None`` (a cell edited in a table, a choice in a list) never merges.
* ``AddCommand`` adds a row; undo tombstones it, redo restores that same row.
* ``DeleteCommand`` tombstones a row with what hangs on it; undo restores exactly those.
* ``MoveCommand`` moves a row among its siblings and back.

Every command's text comes from ``undo_texts`` (one table, translated).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtGui import QUndoCommand

from planner_app.errors import PlannerError
from planner_app.services.common import Changed
from planner_app.ui.core.document import PlanDocument

_MERGE_IDS: dict[str, int] = {}
_UNSET: Any = object()


def merge_id(kind: str) -> int:
    """A stable QUndoCommand id per kind of mergeable command."""
    return _MERGE_IDS.setdefault(kind, 1000 + len(_MERGE_IDS))


def full_texts(old: Any, new: Any) -> Any:
    """``new`` written over ``old`` so that languages only ``old`` has are cleared (the
    services merge texts per language; an undo must also take back a language added)."""
    if isinstance(new, dict) and isinstance(old, dict):
        return {lang: new.get(lang, "") for lang in {*old, *new}}
    return new


class BaseCommand(QUndoCommand):
    """Calls services on the GUI thread; holds ids and plain values only."""

    def __init__(self, document: PlanDocument, text: str) -> None:
        super().__init__(text)
        self.document = document
        self._done_once = False

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

    def _report(self, action: Callable[[], Changed]) -> None:
        try:
            changed = action()
        except PlannerError as err:
            self.setObsolete(True)
            self.document.failed.emit(str(err))
            return
        self.document.notify(changed)


class FieldCommand(BaseCommand):
    """Set ``field`` of one row to ``value`` through ``write``; the old value comes from
    the write itself (``Changed.old[field]``). Successive commands with the same
    ``merge_key`` (not ``None``) are one undo step."""

    def __init__(
        self,
        document: PlanDocument,
        text: str,
        field: str,
        value: Any,
        *,
        merge_key: Hashable | None,
    ) -> None:
        super().__init__(document, text)
        self.field = field
        self.value = value
        self.old: Any = _UNSET
        self.merge_key = merge_key

    def write(self, value: Any) -> Changed:
        """Store ``value`` in the field; the ``Changed`` carries ``old``/``new`` of it."""
        raise NotImplementedError

    def do(self) -> Changed:
        if self.old is _UNSET:  # the first time: the write reads what it replaces
            changed = self.write(self.value)
            self.old = changed.old.get(self.field)
            self.value = changed.new.get(self.field, self.value)
            return changed
        return self.write(full_texts(self.old, self.value))

    def undo_change(self) -> Changed:
        return self.write(full_texts(self.value, self.old))

    def id(self) -> int:
        return merge_id(type(self).__name__) if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, FieldCommand) or other.merge_key is None:
            return False
        if other.merge_key != self.merge_key:
            return False
        self.value = other.value
        return True


class AddCommand(BaseCommand):
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


class DeleteCommand(BaseCommand):
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


class MoveCommand(BaseCommand):
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
