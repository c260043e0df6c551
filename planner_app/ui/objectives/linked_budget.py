"""The budget lines that fund an objective, as one short read-only text for the
objective editor (the amounts themselves are edited on the Budget tab)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from planner_app.errors import PlannerError
from planner_app.formatting import format_keur
from planner_app.i18n import _, current_language
from planner_app.services import (
    budget_read,
)
from planner_app.storage import PlanFile
from planner_app.ui.core.labels import one_line, pick_text


def linked_budget_text(store: PlanFile, objective_id: uuid.UUID, languages: Sequence[str]) -> str:
    """One line per linked budget line: its title and its amounts in kEUR."""
    try:
        linked = budget_read.objective_budget(store, objective_id)
    except PlannerError:
        return ""
    lines = []
    for entry in linked:
        amounts = " · ".join(
            f"{column.label} {format_keur(value, current_language())}"
            for column, value in entry.amounts.items()
        )
        title = one_line(pick_text(entry.line.title, languages))
        amounts = amounts or _("no amounts")
        lines.append(f"{title}: {amounts} (kEUR)")
    return "\n".join(lines)
