"""Budget: stages, credit types, the tree of lines, amounts in kEUR and their totals.

Amounts are exact (``Decimal``, at most three decimals of kEUR = whole euros) and live
only on leaf lines; every group total is computed from its rows, never stored.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner_app.domain import (
    BudgetAmount,
    BudgetLine,
    BudgetLineObjective,
    BudgetStage,
    CreditType,
    Objective,
)
from planner_app.domain.bulk import RowWrite, write_rows
from planner_app.domain.resources_model import KEUR_SCALE
from planner_app.errors import ValidationError
from planner_app.i18n import _
from planner_app.services import fastread, rows
from planner_app.services.common import (
    MAX_TITLE,
    Changed,
    check_decimal,
    check_i18n,
    check_text,
    check_year,
    get_live,
    merge_required,
    writable_plan,
)
from planner_app.storage import PlanFile

KEUR_LIMIT = Decimal(10) ** 12
_SCOPE = ("plan_id", "parent_id")


@dataclass(frozen=True, order=True)
class BudgetColumn:
    """One amount column: a year, a budget stage and a credit type ("INI 2025 VL")."""

    year: int
    stage: str
    credit_type: str

    def __post_init__(self) -> None:
        # Every amount of a plan is keyed by one of these (15,000 on a large plan, summed
        # up the tree and looked up per painted cell): the hash is worked out once.
        object.__setattr__(self, "_hash", hash((self.year, self.stage, self.credit_type)))

    def __hash__(self) -> int:
        return self._hash  # type: ignore[attr-defined]

    @property
    def label(self) -> str:
        return f"{self.stage} {self.year} {self.credit_type}"


@dataclass(frozen=True)
class BudgetLineInfo:
    id: uuid.UUID
    parent_id: uuid.UUID | None
    position: int
    depth: int
    code: str
    title: dict[str, str]
    allow_negative: bool
    is_group: bool


@dataclass(frozen=True)
class BudgetTotals:
    """Amounts of leaves and sums of groups, per column; all exact."""

    columns: tuple[BudgetColumn, ...]
    lines: tuple[BudgetLineInfo, ...]
    values: dict[uuid.UUID, dict[BudgetColumn, Decimal]]
    grand_total: dict[BudgetColumn, Decimal]

    def of(self, line_id: uuid.UUID, column: BudgetColumn) -> Decimal | None:
        return self.values.get(line_id, {}).get(column)


# --- stages and credit types ---------------------------------------------------------


def _code(field: str, code: str) -> str:
    code = check_text(field, code, required=True, limit=16).strip()
    if " " in code:
        raise ValidationError(field, _("must be one word (for example INI or VL)."))
    return code


def add_stage(
    store: PlanFile, plan_id: uuid.UUID, *, code: str, name: dict[str, str] | str = ""
) -> Changed:
    """A budget stage (INI initial, adjusted, realised, ...); its id derives from code."""
    return _add_dimension(store, plan_id, BudgetStage, _("Budget stage"), code, name)


def add_credit_type(
    store: PlanFile, plan_id: uuid.UUID, *, code: str, name: dict[str, str] | str = ""
) -> Changed:
    """A credit type (VL commitment, VE liquidation, ...); its id derives from code."""
    return _add_dimension(store, plan_id, CreditType, _("Credit type"), code, name)


def _add_dimension(store, plan_id, model, label, code, name) -> Changed:
    code = _code(label, code)
    with store.transaction() as s:
        plan = writable_plan(s, plan_id)
        row_id = model.key_id(plan.id, code)
        row = s.get(model, row_id)
        if row is not None and not row.deleted:
            raise ValidationError(label, _("{code} exists already.").format(code=code))
        if row is None:
            row = model(id=row_id, plan_id=plan.id, code=code)
        row.name = check_i18n(label, name, languages=plan.language_list)
        row.deleted = False
        rows.insert_at(s, row, {"plan_id": plan.id}, None)
        return Changed("budget", (row.id,), "created")


def _dimension(s: Session, model, plan_id: uuid.UUID, code: str, label: str):
    row = s.get(model, model.key_id(plan_id, code))
    if row is None or row.deleted:
        raise ValidationError(label, _("{code} is not defined in this plan.").format(code=code))
    return row


def list_dimensions(store: PlanFile, plan_id: uuid.UUID) -> tuple[list[str], list[str]]:
    """The codes of the plan's budget stages and credit types, in order."""
    with store.read() as s:
        stages = [r.code for r in rows.siblings(s, BudgetStage, {"plan_id": plan_id})]
        types = [r.code for r in rows.siblings(s, CreditType, {"plan_id": plan_id})]
        return stages, types


# --- lines ---------------------------------------------------------------------------


def _has_amounts(s: Session, line_id: uuid.UUID) -> bool:
    return (
        s.scalar(
            select(func.count()).where(
                BudgetAmount.line_id == line_id, BudgetAmount.deleted.is_(False)
            )
        )
        or 0
    ) > 0


def _has_children(s: Session, line_id: uuid.UUID) -> bool:
    return (
        s.scalar(
            select(func.count()).where(
                BudgetLine.parent_id == line_id, BudgetLine.deleted.is_(False)
            )
        )
        or 0
    ) > 0


def add_line(
    store: PlanFile,
    plan_id: uuid.UUID,
    *,
    title: dict[str, str] | str,
    parent_id: uuid.UUID | None = None,
    code: str = "",
    allow_negative: bool = False,
    position: int | None = None,
) -> Changed:
    with store.transaction() as s:
        plan = writable_plan(s, plan_id)
        if parent_id is not None:
            parent = get_live(s, BudgetLine, parent_id, "budget line")
            if parent.plan_id != plan.id:
                raise ValidationError(_("Parent"), _("belongs to another plan."))
            if _has_amounts(s, parent.id):
                raise ValidationError(
                    _("Parent"),
                    _("the line has amounts of its own; clear them before adding lines under it."),
                )
        row = BudgetLine(
            id=uuid.uuid4(),
            plan_id=plan.id,
            parent_id=parent_id,
            code=check_text(_("Code"), code, limit=32).strip(),
            title=check_i18n(
                _("Title"), title, languages=plan.language_list, required=True, limit=MAX_TITLE
            ),
            allow_negative=bool(allow_negative),
        )
        rows.insert_at(s, row, {"plan_id": plan.id, "parent_id": parent_id}, position)
        return Changed("budget line", (row.id,), "created")


def update_line(
    store: PlanFile,
    line_id: uuid.UUID,
    *,
    title: dict[str, str] | None = None,
    code: str | None = None,
    allow_negative: bool | None = None,
) -> Changed:
    with store.transaction() as s:
        row = get_live(s, BudgetLine, line_id, "budget line")
        plan = writable_plan(s, row.plan_id)
        if title is not None:
            row.title = merge_required(_("Title"), row.title, title, plan.language_list)
        if code is not None:
            row.code = check_text(_("Code"), code, limit=32).strip()
        if allow_negative is not None:
            if not allow_negative:
                negative = s.scalars(
                    select(BudgetAmount.id).where(
                        BudgetAmount.line_id == row.id,
                        BudgetAmount.deleted.is_(False),
                        BudgetAmount.amount < 0,
                    )
                ).first()
                if negative is not None:
                    raise ValidationError(
                        _("Negative amounts"), _("the line still has negative amounts.")
                    )
            row.allow_negative = allow_negative
        return Changed("budget line", (row.id,), "updated")


def move_line(
    store: PlanFile, line_id: uuid.UUID, *, parent_id: uuid.UUID | None, position: int
) -> Changed:
    with store.transaction() as s:
        row = get_live(s, BudgetLine, line_id, "budget line")
        plan = writable_plan(s, row.plan_id)
        ancestor_id = parent_id
        while ancestor_id is not None:
            if ancestor_id == row.id:
                raise ValidationError(_("Parent"), _("a line cannot move under itself."))
            ancestor = get_live(s, BudgetLine, ancestor_id, "budget line")
            if ancestor.plan_id != plan.id:
                raise ValidationError(_("Parent"), _("belongs to another plan."))
            ancestor_id = ancestor.parent_id
        if parent_id is not None and _has_amounts(s, parent_id):
            raise ValidationError(
                _("Parent"),
                _("the line has amounts of its own; clear them before adding lines under it."),
            )
        old_scope = rows.scope_of(row, _SCOPE)
        row.parent_id = parent_id
        rows.insert_at(s, row, {"plan_id": plan.id, "parent_id": parent_id}, position)
        rows.renumber(rows.siblings(s, BudgetLine, old_scope))
        return Changed("budget line", (row.id,), "moved")


def delete_line(store: PlanFile, line_id: uuid.UUID) -> Changed:
    """Tombstone a line with its sub-lines, amounts and objective links."""
    with store.transaction() as s:
        root = get_live(s, BudgetLine, line_id, "budget line")
        writable_plan(s, root.plan_id)
        lines = s.scalars(
            select(BudgetLine).where(
                BudgetLine.plan_id == root.plan_id, BudgetLine.deleted.is_(False)
            )
        ).all()
        children: dict[uuid.UUID | None, list[uuid.UUID]] = defaultdict(list)
        for line in sorted(lines, key=lambda x: x.position):
            children[line.parent_id].append(line.id)
        from planner_app.domain.rules import descendants

        ids = descendants(children, root.id)
        gone: list[uuid.UUID] = []
        for model, fk in (
            (BudgetLine, "id"),
            (BudgetAmount, "line_id"),
            (BudgetLineObjective, "line_id"),
        ):
            for row in s.scalars(
                select(model).where(getattr(model, fk).in_(ids), model.deleted.is_(False))
            ):
                row.deleted = True
                gone.append(row.id)
        gone.remove(root.id)
        gone.insert(0, root.id)
        rows.renumber(rows.siblings(s, BudgetLine, rows.scope_of(root, _SCOPE)))
        return Changed("budget line", tuple(gone), "deleted", extra={"position": root.position})


def restore_line(
    store: PlanFile, ids: tuple[uuid.UUID, ...], position: int | None = None
) -> Changed:
    with store.read() as s:
        line = s.get(BudgetLine, ids[0])
        if line is not None and line.parent_id is not None and _has_amounts(s, line.parent_id):
            raise ValidationError(
                _("Parent"),
                _("the line has amounts of its own; clear them before adding lines under it."),
            )
    return rows.restore_rows(
        store,
        BudgetLine,
        ids,
        entity="budget line",
        scope_fields=_SCOPE,
        position=position,
        others=(BudgetLine, BudgetAmount, BudgetLineObjective),
    )


# --- amounts -------------------------------------------------------------------------


def set_amount(
    store: PlanFile,
    line_id: uuid.UUID,
    *,
    year: int,
    stage: str,
    credit_type: str,
    amount: Decimal | int | str | None,
) -> Changed:
    """Set (``None`` clears) one kEUR amount of a leaf line. Exact, at most 3 decimals."""
    with store.transaction() as s:
        written, _old, _new = _write_amounts(s, [(line_id, year, stage, credit_type, amount)])
        return Changed("budget amount", (line_id, *written), "updated")


def _keur(euros: int | None) -> Decimal | None:
    """A stored amount (integer euros) as exact kEUR, as ``ScaledDecimal`` reads it."""
    return None if euros is None else Decimal(euros).scaleb(-KEUR_SCALE)


class _Line(NamedTuple):
    plan_id: uuid.UUID
    deleted: bool
    allow_negative: bool


def _write_amounts(
    s: Session, cells: list[tuple[uuid.UUID, int, str, str, Decimal | int | str | None]]
) -> tuple[list[uuid.UUID], list[Decimal | None], list[Decimal | None]]:
    """Validate and write ``cells`` (line, year, stage, credit type, amount); the ids of
    the amount rows written, each cell's amount before (``None``: empty), read in the
    same transaction for the undo step, and each cell's amount as written.

    Lines, groups and stored amounts are read with one plain query each and the rows go
    in through ``domain.bulk`` (a few statements for the whole block, change-log rows
    included): a pasted block of 1,500 cells costs tens of milliseconds, not a second."""
    s.flush()  # the plain reads below see what this transaction wrote through the ORM
    line_ids = list(dict.fromkeys(cell[0] for cell in cells))
    lines = {
        fastread.uid(line_hex): _Line(fastread.uid(plan_hex), bool(deleted), bool(negative))  # type: ignore[arg-type]
        for line_hex, plan_hex, deleted, negative in fastread.rows_in(
            s,
            "SELECT id, plan_id, deleted, allow_negative FROM budget_lines WHERE id IN ({ids})",
            line_ids,
        )
    }
    groups = {
        parent
        for (parent,) in fastread.rows_in(
            s,
            "SELECT DISTINCT parent_id FROM budget_lines"
            " WHERE deleted = 0 AND parent_id IN ({ids})",
            line_ids,
        )
    }
    stored = {
        (line_hex, year, stage_hex, type_hex): rest
        for line_hex, year, stage_hex, type_hex, *rest in fastread.rows_in(
            s,
            "SELECT line_id, year, stage_id, credit_type_id, id, amount, deleted, row_version"
            " FROM budget_amounts WHERE line_id IN ({ids})",
            line_ids,
        )
    }
    checked: dict[object, object] = {}
    label = _("Amount")
    written: list[uuid.UUID] = []
    olds: list[Decimal | None] = []
    news: list[Decimal | None] = []
    writes: dict[tuple, RowWrite] = {}
    for line_id, year, stage, credit_type, amount in cells:
        line = lines.get(line_id)
        if line is None or line.deleted:
            get_live(s, BudgetLine, line_id, "budget line")  # raises
            raise AssertionError  # pragma: no cover
        plan = checked.get(line.plan_id)
        if plan is None:
            plan = checked[line.plan_id] = writable_plan(s, line.plan_id)
        value = check_decimal(
            label, amount, places=KEUR_SCALE, limit=KEUR_LIMIT, allow_negative=line.allow_negative
        )
        if (plan.id, year) not in checked:
            checked[(plan.id, year)] = check_year(_("Year"), year, plan, slack=5)
        stage_id = checked.get((BudgetStage, plan.id, stage))
        if stage_id is None:
            stage_id = _dimension(s, BudgetStage, plan.id, stage, _("Budget stage")).id
            checked[(BudgetStage, plan.id, stage)] = stage_id
        type_id = checked.get((CreditType, plan.id, credit_type))
        if type_id is None:
            type_id = _dimension(s, CreditType, plan.id, credit_type, _("Credit type")).id
            checked[(CreditType, plan.id, credit_type)] = type_id
        if line_id.hex in groups:
            raise ValidationError(
                label, _("the line is a group; its amount is the sum of the lines under it.")
            )
        key = (line_id.hex, year, stage_id.hex, type_id.hex)  # type: ignore[attr-defined]
        row = stored.get(key)
        olds.append(None if row is None or row[2] else _keur(row[1]))
        news.append(value)
        earlier = writes.get(key)
        if earlier is not None:  # the same cell twice in one call: the last value wins
            if earlier.old is None and value is None:
                del writes[key]  # a new row cleared again: nothing to write
            else:
                deleted = {} if earlier.old is None else {"deleted": value is None}
                writes[key] = replace(earlier, new={**earlier.new, "amount": value, **deleted})
                written.append(earlier.row_id)
            continue
        if row is None:
            if value is None:
                continue
            row_id = BudgetAmount.key_id(line_id, year, stage_id, type_id)
            writes[key] = RowWrite(
                row_id,
                plan.id,
                new={
                    "line_id": line_id,
                    "year": year,
                    "stage_id": stage_id,
                    "credit_type_id": type_id,
                    "amount": value,
                    "plan_id": plan.id,
                },
            )
        else:
            row_id = fastread.uid(row[0])  # type: ignore[assignment]
            writes[key] = RowWrite(
                row_id,  # type: ignore[arg-type]
                plan.id,
                new={"amount": value, "deleted": value is None},
                old={"amount": _keur(row[1]), "deleted": bool(row[2])},
                row_version=row[3],
            )
        written.append(row_id)  # type: ignore[arg-type]
    write_rows(s, BudgetAmount, list(writes.values()))
    return written, olds, news


def link_objective(
    store: PlanFile, line_id: uuid.UUID, objective_id: uuid.UUID, linked: bool = True
) -> Changed:
    """Record (or undo) that a budget line funds an objective."""
    with store.transaction() as s:
        line = get_live(s, BudgetLine, line_id, "budget line")
        plan = writable_plan(s, line.plan_id)
        objective = get_live(s, Objective, objective_id, "objective")
        if objective.plan_id != plan.id:
            raise ValidationError(_("Objective"), _("belongs to another plan."))
        row_id = BudgetLineObjective.key_id(line.id, objective.id)
        row = s.get(BudgetLineObjective, row_id)
        if row is None:
            if not linked:
                return Changed("budget line", (line.id,), "updated")
            row = BudgetLineObjective(
                id=row_id, plan_id=plan.id, line_id=line.id, objective_id=objective.id
            )
            s.add(row)
        row.deleted = not linked
        return Changed("budget line", (line.id, objective.id), "updated", ("objectives",))


# --- reading and totals --------------------------------------------------------------


def budget_totals(store: PlanFile, plan_id: uuid.UUID) -> BudgetTotals:
    with store.read() as s:
        return compute_budget_totals(s, plan_id)


def compute_budget_totals(s: Session, plan_id: uuid.UUID) -> BudgetTotals:
    """Leaf amounts read as integers of euros, rolled up the tree in integers, and
    turned into exact kEUR ``Decimal``s at the end (15,000 amounts: ~0.1 s)."""
    lines = fastread.rows(
        s,
        "SELECT id, parent_id, position, code, title, allow_negative FROM budget_lines"
        " WHERE plan_id = :plan AND deleted = 0 ORDER BY parent_id, position",
        plan=plan_id,
    )
    order = {
        kind: {
            code: position
            for code, position in fastread.rows(
                s,
                f"SELECT code, position FROM {table} WHERE plan_id = :plan AND deleted = 0",
                plan=plan_id,
            )
        }
        for kind, table in (("stage", "budget_stages"), ("type", "credit_types"))
    }
    own: dict[str, dict[BudgetColumn, int]] = defaultdict(dict)
    columns: dict[tuple[int, str, str], BudgetColumn] = {}
    for line_hex, year, stage, credit, euros in fastread.rows(
        s,
        "SELECT a.line_id, a.year, st.code, ct.code, a.amount FROM budget_amounts a"
        " JOIN budget_stages st ON st.id = a.stage_id AND st.deleted = 0"
        " JOIN credit_types ct ON ct.id = a.credit_type_id AND ct.deleted = 0"
        " WHERE a.plan_id = :plan AND a.deleted = 0 AND a.amount IS NOT NULL",
        plan=plan_id,
    ):
        key = (year, stage, credit)
        column = columns.get(key)
        if column is None:
            column = columns[key] = BudgetColumn(year, stage, credit)
        own[line_hex][column] = euros

    children: dict[str | None, list[tuple]] = defaultdict(list)
    for line in lines:
        children[line[1]].append(line)
    scale = Decimal(10) ** KEUR_SCALE
    values: dict[uuid.UUID, dict[BudgetColumn, Decimal]] = {}
    infos: list[BudgetLineInfo] = []

    def visit(line: tuple, depth: int) -> dict[BudgetColumn, int]:
        line_hex, parent_hex, position, code, title, allow_negative = line
        kids = children.get(line_hex, ())
        infos.append(
            BudgetLineInfo(
                fastread.uid(line_hex),  # type: ignore[arg-type]
                fastread.uid(parent_hex),
                position,
                depth,
                code,
                fastread.i18n(title),
                bool(allow_negative),
                bool(kids),
            )
        )
        if not kids:
            total = own.get(line_hex, {})
        else:
            total = {}
            for kid in kids:
                for column, euros in visit(kid, depth + 1).items():
                    total[column] = total.get(column, 0) + euros
        values[fastread.uid(line_hex)] = {c: Decimal(e) / scale for c, e in total.items()}  # type: ignore[index]
        return total

    grand: dict[BudgetColumn, int] = {}
    for root in children.get(None, ()):
        for column, euros in visit(root, 0).items():
            grand[column] = grand.get(column, 0) + euros
    ordered = tuple(
        sorted(
            columns.values(),
            key=lambda c: (order["stage"][c.stage], c.year, order["type"][c.credit_type]),
        )
    )
    return BudgetTotals(
        ordered, tuple(infos), values, {c: Decimal(e) / scale for c, e in grand.items()}
    )


# --- batches, dimensions removed, links read -----------------------------------------


@dataclass(frozen=True)
class AmountCell:
    """One amount to write: ``None`` clears the cell."""

    line_id: uuid.UUID
    column: BudgetColumn
    amount: Decimal | None


def set_amounts(store: PlanFile, cells: list[AmountCell]) -> Changed:
    """Write many amounts in one transaction (a paste): all of them or none.

    ``extra["old"]`` holds each cell's amount before (``None``: empty), in the order of
    ``cells``: what an undo step writes back; ``extra["cells"]`` the cells as written
    (line, column, exact amount), so a view can update them and their sums in place."""
    touched = tuple(dict.fromkeys(cell.line_id for cell in cells))
    with store.transaction() as s:
        _written, olds, news = _write_amounts(
            s,
            [
                (c.line_id, c.column.year, c.column.stage, c.column.credit_type, c.amount)
                for c in cells
            ],
        )
    written = tuple((c.line_id, c.column, new) for c, new in zip(cells, news, strict=True))
    return Changed(
        "budget amount", touched, "updated", extra={"old": tuple(olds), "cells": written}
    )


def remove_stage(store: PlanFile, plan_id: uuid.UUID, code: str) -> Changed:
    """Tombstone a budget stage that no amount uses (undo of ``add_stage``)."""
    return _remove_dimension(store, plan_id, BudgetStage, "stage_id", _("Budget stage"), code)


def remove_credit_type(store: PlanFile, plan_id: uuid.UUID, code: str) -> Changed:
    """Tombstone a credit type that no amount uses (undo of ``add_credit_type``)."""
    return _remove_dimension(store, plan_id, CreditType, "credit_type_id", _("Credit type"), code)


def _remove_dimension(store, plan_id, model, fk: str, label: str, code: str) -> Changed:
    with store.transaction() as s:
        plan = writable_plan(s, plan_id)
        row = _dimension(s, model, plan.id, code, label)
        used = s.scalar(
            select(func.count()).where(
                getattr(BudgetAmount, fk) == row.id,
                BudgetAmount.deleted.is_(False),
                BudgetAmount.amount.is_not(None),
            )
        )
        if used:
            raise ValidationError(
                label, _("{code} holds amounts; clear them first.").format(code=code)
            )
        row.deleted = True
        rows.renumber(rows.siblings(s, model, {"plan_id": plan.id}))
        return Changed("budget", (row.id,), "deleted")


def _kind(kind: str) -> tuple[type, str, str]:
    """Model, amount column and label of a dimension kind ("stage" or "credit_type")."""
    if kind == "stage":
        return BudgetStage, "stage_id", _("Budget stage")
    if kind == "credit_type":
        return CreditType, "credit_type_id", _("Credit type")
    raise ValueError(kind)


def rename_dimension(store: PlanFile, plan_id: uuid.UUID, kind: str, old: str, new: str) -> Changed:
    """Give a budget stage or credit type a new code, keeping its place and amounts.

    Ids derive from codes (replicas that add "INI" agree on its id), so a rename is a
    new row with the new code in the old one's place, every amount moved to the cell
    keyed by it, and the old row tombstoned; renaming back revives the old rows."""
    model, fk, label = _kind(kind)
    new = _code(label, new)
    with store.transaction() as s:
        plan = writable_plan(s, plan_id)
        row = _dimension(s, model, plan.id, old, label)
        if new == row.code:
            return Changed("budget", (row.id,), "updated")
        target = s.get(model, model.key_id(plan.id, new))
        if target is not None and not target.deleted:
            raise ValidationError(label, _("{code} exists already.").format(code=new))
        if target is None:
            target = model(id=model.key_id(plan.id, new), plan_id=plan.id, code=new)
        target.name = dict(row.name or {})
        target.deleted = False
        rows.insert_at(s, target, {"plan_id": plan.id}, row.position)
        moved = [target.id, row.id]
        amounts = s.scalars(
            select(BudgetAmount).where(
                getattr(BudgetAmount, fk) == row.id, BudgetAmount.deleted.is_(False)
            )
        ).all()
        for amount in amounts:
            keys = {
                "stage_id": amount.stage_id,
                "credit_type_id": amount.credit_type_id,
                fk: target.id,
            }
            cell_id = BudgetAmount.key_id(
                amount.line_id, amount.year, keys["stage_id"], keys["credit_type_id"]
            )
            cell = s.get(BudgetAmount, cell_id)
            if cell is None:
                cell = BudgetAmount(
                    id=cell_id, plan_id=plan.id, line_id=amount.line_id, year=amount.year, **keys
                )
                s.add(cell)
            cell.amount, cell.deleted = amount.amount, False
            amount.amount, amount.deleted = None, True
            moved.append(cell.id)
        row.deleted = True
        rows.renumber(rows.siblings(s, model, {"plan_id": plan.id}))
        return Changed("budget", tuple(moved), "updated")


def remove_dimension(store: PlanFile, plan_id: uuid.UUID, kind: str, code: str) -> Changed:
    """Remove a budget stage or credit type; refused while it holds amounts."""
    model, fk, label = _kind(kind)
    return _remove_dimension(store, plan_id, model, fk, label, code)


def restore_dimension(
    store: PlanFile, plan_id: uuid.UUID, kind: str, code: str, position: int
) -> Changed:
    """Bring a removed stage or credit type back at ``position`` with its names (the
    undo of ``remove_dimension``)."""
    model, _fk, label = _kind(kind)
    with store.transaction() as s:
        plan = writable_plan(s, plan_id)
        row = s.get(model, model.key_id(plan.id, code))
        if row is None:
            raise ValidationError(label, _("{code} is not defined in this plan.").format(code=code))
        if not row.deleted:
            raise ValidationError(label, _("{code} exists already.").format(code=code))
        row.deleted = False
        rows.insert_at(s, row, {"plan_id": plan.id}, position)
        return Changed("budget", (row.id,), "restored")


def line_objectives(store: PlanFile, plan_id: uuid.UUID) -> dict[uuid.UUID, set[uuid.UUID]]:
    """For each budget line, the live objectives it funds."""
    with store.read() as s:
        links = s.execute(
            select(BudgetLineObjective.line_id, BudgetLineObjective.objective_id)
            .join(Objective, Objective.id == BudgetLineObjective.objective_id)
            .where(
                BudgetLineObjective.plan_id == plan_id,
                BudgetLineObjective.deleted.is_(False),
                Objective.deleted.is_(False),
            )
        ).all()
    out: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    for line_id, objective_id in links:
        out[line_id].add(objective_id)
    return dict(out)


@dataclass(frozen=True)
class LinkedBudget:
    """A budget line that funds an objective, with its amounts (sums for a group)."""

    line: BudgetLineInfo
    amounts: dict[BudgetColumn, Decimal]


def objective_budget(store: PlanFile, objective_id: uuid.UUID) -> list[LinkedBudget]:
    """The budget lines linked to an objective, in budget order."""
    with store.read() as s:
        objective = get_live(s, Objective, objective_id, "objective")
        linked = set(
            s.scalars(
                select(BudgetLineObjective.line_id).where(
                    BudgetLineObjective.objective_id == objective.id,
                    BudgetLineObjective.deleted.is_(False),
                )
            )
        )
        if not linked:
            return []
        totals = compute_budget_totals(s, objective.plan_id)
    return [  # amounts in the plan's column order (stage, year, credit type)
        LinkedBudget(
            info, {c: v for c in totals.columns if (v := totals.of(info.id, c)) is not None}
        )
        for info in totals.lines
        if info.id in linked
    ]
