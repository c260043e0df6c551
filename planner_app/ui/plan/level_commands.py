"""Undo commands for a plan's levels and for renumbering its objectives.

Each calls one service and keeps what that service's own write transaction said the
values were before, so an undo writes back exactly what was there, and a redo writes
again what the first run wrote. Texts come from ``ui.core.undo_texts``. GUI thread only.
"""

from __future__ import annotations

import uuid
from collections.abc import Hashable, Sequence

from planner_app.domain.levels import LevelSpec
from planner_app.services import codes, levels_edit
from planner_app.services.common import Changed
from planner_app.ui.core.command import BaseCommand, FieldCommand
from planner_app.ui.core.document import PlanDocument
from planner_app.ui.core.undo_texts import undo_text


class SetLevelsCommand(FieldCommand):
    """Give the plan these levels (one edited, or a preset's four): the service says
    all four as they were (``Changed.old["levels"]``) and are (``new``). Typing in one
    field of one level (one ``merge_key``) is one step."""

    def __init__(
        self,
        document: PlanDocument,
        specs: Sequence[LevelSpec],
        *,
        preset: bool = False,
        merge_key: Hashable | None,
    ) -> None:
        text = undo_text("plan", "preset" if preset else "levels")
        super().__init__(document, text, "levels", tuple(specs), merge_key=merge_key)

    def write(self, value: tuple[LevelSpec, ...]) -> Changed:
        return levels_edit.set_levels(self.document.store, self.document.plan_id, value)


class RenumberCommand(BaseCommand):
    """Plan → Renumber…: the objectives below ``under`` (None: all) get the codes of
    their places; undo gives every one its code back, redo the same new codes."""

    def __init__(
        self, document: PlanDocument, *, under: uuid.UUID | None, keep_literal: bool
    ) -> None:
        super().__init__(document, undo_text("objective", "renumber"))
        self.under = under
        self.keep_literal = keep_literal
        self._old: dict[uuid.UUID, tuple[str, bool]] | None = None
        self._new: dict[uuid.UUID, tuple[str, bool]] = {}

    def do(self) -> Changed:
        store, plan_id = self.document.store, self.document.plan_id
        if self._old is not None:  # redo: exactly the codes written the first time
            return codes.set_codes(store, plan_id, self._new)
        changed = codes.renumber(store, plan_id, under=self.under, keep_literal=self.keep_literal)
        self._old, self._new = changed.extra["old"], changed.extra["new"]
        return changed

    def undo_change(self) -> Changed:
        assert self._old is not None
        return codes.set_codes(self.document.store, self.document.plan_id, self._old)
