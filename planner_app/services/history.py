"""The history of one objective or one budget line, read from the change log.

The change log (``domain.changes``) records every field change with who made it, when,
the old and the new value; the exchange sends the same rows to other sites. Here it is
read for one thing a user points at: an objective with its milestones, indicators and
their values and involved units, or a budget line with its amounts and the objectives it
funds, newest first, in words (``exchange.describe``: row names, field labels, Belgian
numbers). Multilingual texts are shown in the language asked for (the plan's language
being edited), else the first one filled in. Read-only and Qt-free.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Enum, inspect, select
from sqlalchemy.orm import Session

from planner_app.domain import ChangeLogEntry
from planner_app.domain.labels import label
from planner_app.domain.objectives import (
    Indicator,
    IndicatorValue,
    Milestone,
    Objective,
    ObjectivePartner,
)
from planner_app.domain.resources_model import BudgetAmount, BudgetLine, BudgetLineObjective
from planner_app.domain.types import DecimalText, ScaledDecimal
from planner_app.errors import NotFoundError
from planner_app.exchange.describe import describe_row, field_label, format_value, when
from planner_app.exchange.values import load, synced_models
from planner_app.i18n import _
from planner_app.storage import PlanFile

SYNC_FIELDS = frozenset({"position"})
"""Fields a user never sets by name (the order among siblings follows a move)."""


@dataclass(frozen=True)
class HistoryLine:
    """One change as the History dialog lists it."""

    at: str  # "2026-11-25 16:38 UTC"
    user: str
    what: str  # the row changed: "Objective 1.2 Post work", "Milestone Q2 …"
    field: str  # "Title", "(new row)", "Deleted"
    old: str
    new: str


def _text(value: Any, language: str) -> Any:
    """A multilingual text reduced to ``language`` (else the first filled in)."""
    if isinstance(value, dict) and value:
        if value.get(language):
            return value[language]
        return next((text for text in value.values() if text), None)
    return value


def _format(s: Session, table: str, field: str, value: Any) -> str:
    """A logged value in words; a stored choice (a status, a kind) by its label."""
    model = synced_models().get(table)
    column = inspect(model).columns.get(field) if model is not None else None
    if isinstance(value, str) and column is not None and isinstance(column.type, Enum):
        return label(value)
    if isinstance(value, str) and column is not None and _is_decimal(column.type):
        return format_value(s, "budget_amounts", "amount", value)  # a number, Belgian style
    return format_value(s, table, field, value)


def _is_decimal(kind: Any) -> bool:
    return isinstance(kind, DecimalText | ScaledDecimal)


MAIN_FIELDS = ("amount", "value", "fte", "headcount", "title", "name", "text", "period")
"""Of a row just added, the field its line shows (the figure, else the name)."""


def _summary(s: Session, table: str, row: Any, language: str) -> str:
    if not isinstance(row, dict):
        return ""
    for field in MAIN_FIELDS:
        value = _text(row.get(field), language)
        if value not in (None, "", {}):
            return f"{field_label(field)}: {_format(s, table, field, value)}"
    return ""


def _lines(s: Session, rows: dict[str, set[uuid.UUID]], language: str) -> list[HistoryLine]:
    out: list[HistoryLine] = []
    ids = {row_id for wanted in rows.values() for row_id in wanted}
    if not ids:
        return out
    entries = s.scalars(
        select(ChangeLogEntry)
        .where(ChangeLogEntry.row_id.in_(ids))
        .order_by(ChangeLogEntry.seq.desc())
    )
    names: dict[tuple[str, uuid.UUID], str] = {}
    for entry in entries:
        table = entry.table_name
        if entry.row_id not in rows.get(table, ()) or entry.field in SYNC_FIELDS:
            continue
        key = (table, entry.row_id)
        if key not in names:
            names[key] = describe_row(s, table, entry.row_id)
        inserted = entry.op == "insert" or entry.field == "*"
        old, new = load(entry.old), load(entry.new)
        if entry.field == "deleted":
            field, old_text, new_text = _("Deleted"), "", _("yes") if new else _("no")
        elif inserted:
            field, old_text, new_text = _("(new row)"), "", _summary(s, table, new, language)
        else:
            field = field_label(entry.field)
            old_text = _format(s, table, entry.field, _text(old, language))
            new_text = _format(s, table, entry.field, _text(new, language))
            if old_text == new_text:
                continue  # another language's text changed, not the one shown
        out.append(HistoryLine(when(entry.at), entry.user, names[key], field, old_text, new_text))
    return out


def _ids(s: Session, query) -> set[uuid.UUID]:
    return set(s.scalars(query))


def objective_history(store: PlanFile, objective_id: uuid.UUID, language: str) -> list[HistoryLine]:
    """Every logged change of the objective, its milestones, indicators (and their
    values) and involved units, newest first. Raises NotFoundError for an unknown id."""
    with store.read() as s:
        if s.get(Objective, objective_id) is None:
            raise NotFoundError(_("That objective no longer exists."))
        indicators = _ids(s, select(Indicator.id).where(Indicator.objective_id == objective_id))
        rows: dict[str, set[uuid.UUID]] = {
            "objectives": {objective_id},
            "milestones": _ids(
                s, select(Milestone.id).where(Milestone.objective_id == objective_id)
            ),
            "indicators": indicators,
            "indicator_values": _ids(
                s, select(IndicatorValue.id).where(IndicatorValue.indicator_id.in_(indicators))
            ),
            "objective_partners": _ids(
                s,
                select(ObjectivePartner.id).where(ObjectivePartner.objective_id == objective_id),
            ),
        }
        return _lines(s, rows, language)


def budget_line_history(store: PlanFile, line_id: uuid.UUID, language: str) -> list[HistoryLine]:
    """Every logged change of the budget line, its amounts and the objectives it funds,
    newest first. Raises NotFoundError for an unknown id."""
    with store.read() as s:
        if s.get(BudgetLine, line_id) is None:
            raise NotFoundError(_("That budget line no longer exists."))
        rows = {
            "budget_lines": {line_id},
            "budget_amounts": _ids(
                s, select(BudgetAmount.id).where(BudgetAmount.line_id == line_id)
            ),
            "budget_line_objectives": _ids(
                s,
                select(BudgetLineObjective.id).where(BudgetLineObjective.line_id == line_id),
            ),
        }
        return _lines(s, rows, language)


def history_text(lines: Iterable[HistoryLine]) -> str:
    """The lines as plain text, one change a line (for the clipboard)."""
    return "\n".join(
        "\t".join((line.at, line.user, line.what, line.field, line.old, line.new)) for line in lines
    )
