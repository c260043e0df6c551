"""Undo commands for a plan's levels and for renumbering its objectives.

Each calls one service and keeps what that service's own write transaction said the
values were before (``Changed.extra["old"]``), so an undo writes back exactly what was
there, and a redo writes again what the first run wrote. GUI thread only.
"""

from __future__ import annotations

import uuid

from planner_app.domain.levels import LevelSpec
from planner_app.i18n import _
from planner_app.services import codes, levels
from planner_app.services.common import Changed
from planner_app.ui.core.command import BaseCommand
from planner_app.ui.core.document import PlanDocument


class SetLevelsCommand(BaseCommand):
    """Give the plan these levels (one edited, or a preset's four); undo puts back all
    four as they were. Typing in one field of one level merges into one step."""

    merge_kind = "plan-levels"

    def __init__(
        self,
        document: PlanDocument,
        specs: list[LevelSpec] | None = None,
        *,
        preset: str | None = None,
        merge_key: object = None,
    ) -> None:
        text = _("Choose level preset") if preset else _("Edit levels")
        super().__init__(document, text)
        self.specs = specs or []
        self.preset = preset
        self.merge_key = merge_key
        self._old: tuple[LevelSpec, ...] | None = None

    def do(self) -> Changed:
        store, plan_id = self.document.store, self.document.plan_id
        if self.preset is not None and not self.specs:
            changed = levels.apply_preset(store, plan_id, self.preset)
        else:
            changed = levels.set_levels(store, plan_id, self.specs)
        if self._old is None:
            self._old = changed.extra["old"]
        if self.preset is not None and not self.specs:  # redo writes what was written
            after = levels.load_scheme(store, plan_id)
            self.specs = [after.spec(spec.level) for spec in self._old]
        return changed

    def undo_change(self) -> Changed:
        assert self._old is not None
        return levels.set_levels(self.document.store, self.document.plan_id, self._old)

    def absorb(self, other: BaseCommand) -> None:
        assert isinstance(other, SetLevelsCommand)
        self.specs = other.specs


class RenumberCommand(BaseCommand):
    """Plan → Renumber…: the objectives below ``under`` (None: all) get the codes of
    their places, as the dialog showed them; undo gives every one its code back."""

    def __init__(
        self, document: PlanDocument, *, under: uuid.UUID | None, keep_literal: bool
    ) -> None:
        super().__init__(document, _("Renumber objectives"))
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
