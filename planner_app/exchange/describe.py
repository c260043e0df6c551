"""Conflicts and waiting changes in words a person reads: which row, which field, which
values, and who changed it when.

The merge stores conflicts and the change log stores changes by table, row id and
field in change-log JSON; the dialogs show them here as "Objective 1.2 Post work",
"Title", "1.234,5" instead. Qt-free, so the wording is tested without a window.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from planner_app.domain import ChangeLogEntry, MergeConflict, Objective, Plan, Synced
from planner_app.domain.types import ScaledDecimal
from planner_app.exchange.values import load, synced_models
from planner_app.formatting import format_number
from planner_app.i18n import N_, _, current_language
from planner_app.services.tree_read import code_of
from planner_app.storage import PlanFile

TABLES: dict[str, str] = {
    "plans": N_("Plan"),
    "objectives": N_("Objective"),
    "milestones": N_("Milestone"),
    "indicators": N_("Indicator"),
    "indicator_values": N_("Indicator value"),
    "indicator_quarter_values": N_("Quarterly indicator value"),
    "indicator_unit_values": N_("Indicator value per unit"),
    "objective_partners": N_("Involved unit"),
    "budget_lines": N_("Budget line"),
    "budget_amounts": N_("Budget amount"),
    "budget_line_objectives": N_("Budget line funding"),
    "staffing_figures": N_("Staffing"),
    "printed_totals": N_("Printed total"),
    "org_units": N_("Unit"),
}

FIELDS: dict[str, str] = {
    "title": N_("Title"),
    "description": N_("Description"),
    "intended_results": N_("Intended results"),
    "status": N_("Status"),
    "lead_unit_id": N_("Lead unit"),
    "parent_id": N_("Place in the tree"),
    "position": N_("Order"),
    "code": N_("Code"),
    "code_override": N_("Code"),
    "name": N_("Name"),
    "text": N_("Text"),
    "period": N_("Period"),
    "due_date": N_("Due date"),
    "due_by": N_("Due by"),
    "due_precision": N_("Due as"),
    "done_on": N_("Done on"),
    "target_text": N_("Target in words"),
    "target_date": N_("Target date"),
    "target_done": N_("Target done"),
    "reports_quarterly": N_("Reports quarterly"),
    "quarter": N_("Quarter"),
    "unit_id": N_("Unit"),
    "done": N_("Done"),
    "amount": N_("Amount (kEUR)"),
    "fte": N_("FTE"),
    "headcount": N_("Headcount"),
    "value": N_("Value"),
    "deleted": N_("Deleted"),
}

KINDS: dict[str, str] = {
    "value": N_("Both sides changed this field."),
    "both-added": N_("Both sides added the same row with different values."),
    "deleted-here": N_(
        "This row was deleted here; they changed it ({fields}). Keep ours to leave it "
        "deleted, take theirs to bring it back with their changes."
    ),
    "deleted-there": N_(
        "They deleted this row; it was changed here ({fields}). Keep ours to bring it "
        "back with the changes, take theirs to leave it deleted."
    ),
    "refused": N_("Headquarters did not take this change: {reason}"),
    "parent-deleted": N_(
        "Deleted with the row it belongs to, which was deleted elsewhere. Restore it to "
        "bring both back."
    ),
    "cycle": N_(
        "This move was undone: together with a move made elsewhere it would have put the "
        "row under itself."
    ),
    "group-amounts": N_(
        "This move was undone: the line it went under was given amounts elsewhere, and a "
        "line holds amounts or lines, not both."
    ),
    "duplicate-code": N_(
        "It was given the code another objective has here ({code}), so two objectives "
        "print alike. Keep ours to keep the code for the objective that had it here and "
        "give this one the next free code; take theirs to keep it for this one and give "
        "the other the next free code."
    ),
}
NOTICES = frozenset({"refused", "parent-deleted", "cycle", "group-amounts"})


def _languages(s: Session, row: Synced) -> list[str]:
    """The UI language, then the row's plan's languages (first is main): the order in
    which a multilingual name is picked."""
    plan_id = getattr(row, "plan_id", None)
    plan = s.get(Plan, plan_id) if plan_id is not None else None  # from the identity map
    return [current_language(), *(plan.language_list if plan else [])]


def _pick(texts: Any, languages: list[str]) -> str:
    """One language of a multilingual text: the first wanted one filled in, else any."""
    if not isinstance(texts, dict):
        return str(texts or "")
    for language in languages:
        if texts.get(language):
            return str(texts[language])
    return next((str(v) for v in texts.values() if v), "")


def _name(s: Session, row: Synced) -> str:
    if isinstance(row, Objective):
        return f"{code_of(s, row)} {_pick(row.title, _languages(s, row))}".strip()
    for attr in ("title", "name", "text"):
        if hasattr(row, attr):
            text = _pick(getattr(row, attr), _languages(s, row))
            code = getattr(row, "code", "") or ""
            return f"{code} {text}".strip()
    parts: list[str] = []
    for attr in ("line_id", "indicator_id", "objective_id", "unit_id"):
        ref = getattr(row, attr, None)
        if ref is not None:
            parts.append(_ref_name(s, attr, ref))
    for attr in ("year", "quarter", "statute", "scenario", "kind"):
        value = getattr(row, attr, None)
        if value is not None:
            parts.append(str(getattr(value, "value", value)))
    for attr in ("stage_id", "credit_type_id"):
        ref = getattr(row, attr, None)
        if ref is not None:
            parts.append(_ref_name(s, attr, ref))
    return ", ".join(p for p in parts if p)


_REF_TABLES = {
    "line_id": "budget_lines",
    "indicator_id": "indicators",
    "objective_id": "objectives",
    "unit_id": "org_units",
    "lead_unit_id": "org_units",
    "stage_id": "budget_stages",
    "credit_type_id": "credit_types",
}


def _ref_name(s: Session, field: str, ref: Any) -> str:
    """The name of the row a reference points to (for ``parent_id``, the same table)."""
    table = _REF_TABLES.get(field)
    model = synced_models().get(table) if table else None
    if model is None:
        return str(ref)
    try:
        row = s.get(model, uuid.UUID(str(ref)))
    except ValueError:
        return str(ref)
    return _name(s, row) if row is not None else str(ref)


def describe_row(s: Session, table: str, row_id: uuid.UUID) -> str:
    """ "Objective 1.2 Post work": the kind of row and its name."""
    label = _(TABLES[table]) if table in TABLES else table
    model = synced_models().get(table)
    row = s.get(model, row_id) if model is not None else None
    name = _name(s, row) if row is not None else ""
    return f"{label} {name}".strip()


def field_label(field: str) -> str:
    return _(FIELDS[field]) if field in FIELDS else field.replace("_", " ")


def format_value(s: Session, table: str, field: str, value: Any) -> str:
    """A change-log JSON value as a person reads it, numbers in Belgian notation."""
    if value is None:
        return _("(empty)")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dict):
        return "\n".join(f"{lang}: {text}" for lang, text in value.items() if text) or _("(empty)")
    if field.endswith("_id") or (field == "parent_id"):
        if field == "parent_id":
            model = synced_models().get(table)
            row = s.get(model, uuid.UUID(str(value))) if model is not None else None
            return _name(s, row) if row is not None else str(value)
        return _ref_name(s, field, value)
    if is_number(table, field):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return str(value)
        exponent = number.normalize().as_tuple().exponent
        decimals = max(0, -exponent) if isinstance(exponent, int) else 0
        return format_number(number, current_language(), decimals=min(decimals, 3))
    return str(value)


def is_number(table: str, field: str) -> bool:
    """Whether the field holds a number (amounts, FTE, headcounts): combinable, editable."""
    model = synced_models().get(table)
    if model is None or field not in inspect(model).columns:
        return False
    kind = inspect(model).columns[field].type
    if isinstance(kind, ScaledDecimal):
        return True
    return kind.python_type is int if hasattr(kind, "python_type") else False


def is_plain_text(table: str, field: str) -> bool:
    """Whether the field holds one line of plain text (a code, a period)."""
    model = synced_models().get(table)
    if model is None or field not in inspect(model).columns:
        return False
    try:
        return inspect(model).columns[field].type.python_type is str
    except NotImplementedError:
        return False


@dataclass(frozen=True)
class ConflictView:
    """One open conflict as the conflict view shows it."""

    id: int
    what: str
    field: str
    explanation: str
    base: str
    ours: str
    theirs: str
    ours_by: str
    ours_at: str
    theirs_by: str
    theirs_at: str
    number: bool
    combinable: bool
    editable: bool
    combined: str
    notice: bool = False  # only dismissed (``restorable``: or restored)
    restorable: bool = False


def explain(c: MergeConflict) -> str:
    """What happened, in one or two sentences."""
    from planner_app.exchange.merge import reason_text

    kind = c.kind
    if kind == "delete-edit":
        kind = "deleted-here" if c.local == "true" else "deleted-there"
    if kind not in KINDS:
        return kind
    try:
        names = json.loads(c.note) if kind.startswith("deleted-") and c.note else []
    except ValueError:
        names = []
    fields = ", ".join(field_label(n).lower() for n in names) or _("a field")
    code = load(c.remote) if kind == "duplicate-code" else ""
    return _(KINDS[kind]).format(fields=fields, reason=reason_text(c.note), code=code)


def _duplicate_choices(s: Session, c: MergeConflict) -> tuple[str, str]:
    """What *ours* and *theirs* do to a duplicate code, naming the objectives (both
    sides print the same code, so the code alone would read the same twice)."""
    code = str(load(c.remote))
    this = _objective_title(s, c.row_id)
    try:
        others = [uuid.UUID(i) for i in json.loads(c.note or "[]")]
    except (ValueError, TypeError):
        others = []
    other = ", ".join(_objective_title(s, i) for i in others) or _("the other objective")
    ours = _("{code} stays with “{other}”; “{this}” takes the next free code.")
    theirs = _("{code} goes to “{this}”; “{other}” takes the next free code.")
    return (
        ours.format(code=code, other=other, this=this),
        theirs.format(code=code, other=other, this=this),
    )


def _objective_title(s: Session, row_id: uuid.UUID) -> str:
    row = s.get(Objective, row_id)
    return _pick(row.title, _languages(s, row)) if row is not None else str(row_id)


def _last_local_change(s: Session, c: MergeConflict) -> ChangeLogEntry | None:
    return s.scalar(
        select(ChangeLogEntry)
        .where(
            ChangeLogEntry.table_name == c.table_name,
            ChangeLogEntry.row_id == c.row_id,
            ChangeLogEntry.field == c.field,
            (ChangeLogEntry.origin_site.is_(None)) | (ChangeLogEntry.origin_site != c.from_site),
        )
        .order_by(ChangeLogEntry.seq.desc())
        .limit(1)
    )


def _combined(c: MergeConflict) -> Decimal | None:
    try:
        return (
            Decimal(str(load(c.local))) + Decimal(str(load(c.remote))) - Decimal(str(load(c.base)))
        )
    except (InvalidOperation, ValueError, TypeError):
        return None


def conflict_views(store: PlanFile, plan_id: uuid.UUID | None = None) -> list[ConflictView]:
    """The open conflicts (of ``plan_id``, else all), oldest first, in words."""
    views: list[ConflictView] = []
    with store.read() as s:
        query = select(MergeConflict).where(MergeConflict.decision == "")
        if plan_id is not None:
            query = query.where(MergeConflict.plan_id == plan_id)
        for c in s.scalars(query.order_by(MergeConflict.id)):
            mine = _last_local_change(s, c)
            number = c.kind == "value" and is_number(c.table_name, c.field)
            combined = _combined(c) if number else None
            if c.kind == "duplicate-code":
                ours, theirs = _duplicate_choices(s, c)
            else:
                ours = format_value(s, c.table_name, c.field, load(c.local))
                theirs = format_value(s, c.table_name, c.field, load(c.remote))
            views.append(
                ConflictView(
                    id=c.id,
                    what=describe_row(s, c.table_name, c.row_id),
                    field=field_label(c.field),
                    explanation=explain(c),
                    base=format_value(s, c.table_name, c.field, load(c.base)),
                    ours=ours,
                    theirs=theirs,
                    ours_by=mine.user if mine is not None else "",
                    ours_at=mine.at if mine is not None else "",
                    theirs_by=c.remote_user,
                    theirs_at=c.remote_at,
                    number=number,
                    combinable=combined is not None,
                    editable=c.kind == "value" and (number or is_plain_text(c.table_name, c.field)),
                    combined=format_value(s, c.table_name, c.field, combined)
                    if combined is not None
                    else "",
                    notice=c.kind in NOTICES,
                    restorable=c.kind == "parent-deleted",
                )
            )
    return views


@dataclass(frozen=True)
class ChangeLine:
    """One waiting change as the "Not yet sent" view lists it."""

    at: str
    user: str
    what: str
    field: str
    old: str
    new: str


def change_lines(store: PlanFile, records: list[dict[str, Any]]) -> list[ChangeLine]:
    """``changes.not_yet_sent`` records in words, oldest first."""
    lines: list[ChangeLine] = []
    with store.read() as s:
        for r in records:
            table, name = r["table"], r["field"]
            inserted = r.get("op") == "insert"  # its values are the whole row: named by "what"
            lines.append(
                ChangeLine(
                    at=str(r.get("at") or ""),
                    user=str(r.get("user") or ""),
                    what=describe_row(s, table, uuid.UUID(r["row"])),
                    field=_("(new row)") if inserted else field_label(name),
                    old="" if inserted else format_value(s, table, name, load(r["old"])),
                    new="" if inserted else format_value(s, table, name, load(r["new"])),
                )
            )
    return lines


def refusal_lines(store: PlanFile, refused: list[Any]) -> list[tuple[str, str, str]]:
    """(what, field, reason) of each change a merge refused (``merge.Refusal``)."""
    lines: list[tuple[str, str, str]] = []
    with store.read() as s:
        for r in refused:
            try:
                what = describe_row(s, r.table, uuid.UUID(r.row))
            except ValueError:
                what = r.table
            lines.append((what, field_label(r.field) if r.field != "*" else "", r.reason))
    return lines


def divergence_text(divergence: Any) -> str:
    """The tables in which two copies differ, in one sentence."""
    parts = ", ".join(
        _("{table} ({here} rows here, {there} there)").format(
            table=_(TABLES[t]) if t in TABLES else t, here=here, there=there
        )
        for t, here, there in divergence.tables
    )
    return _("This copy and the sender's differ in: {tables}.").format(tables=parts)


def when(at: str) -> str:
    """A change-log time (ISO, UTC) as ``2026-11-25 16:38 UTC``."""
    return f"{at[:16].replace('T', ' ')} UTC" if len(at) >= 16 else at
