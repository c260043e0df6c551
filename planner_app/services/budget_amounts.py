"""Budget amounts in kEUR: exact (``Decimal``, at most three decimals of kEUR = whole
euros), only on leaf lines. Every write reads the old values in its own transaction and
returns them, so an undo step writes back exactly what was there (the pattern every edit
follows: see STYLE).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy.orm import Session

from planner_app.domain import (
    BudgetAmount,
    BudgetLine,
    BudgetStage,
    CreditType,
)
from planner_app.domain.bulk import RowWrite, write_rows
from planner_app.domain.resources_model import KEUR_SCALE
from planner_app.errors import ValidationError
from planner_app.i18n import _
from planner_app.services import fastread
from planner_app.services.budget_dimensions import dimension
from planner_app.services.budget_read import BudgetColumn
from planner_app.services.common import (
    Changed,
    Entity,
    check_decimal,
    check_year,
    get_live,
    writable_plan,
)
from planner_app.storage import PlanFile

KEUR_LIMIT = Decimal(10) ** 12


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
        return Changed(Entity.BUDGET_AMOUNT, (line_id, *written), "updated")


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
            stage_id = dimension(s, BudgetStage, plan.id, stage, _("Budget stage")).id
            checked[(BudgetStage, plan.id, stage)] = stage_id
        type_id = checked.get((CreditType, plan.id, credit_type))
        if type_id is None:
            type_id = dimension(s, CreditType, plan.id, credit_type, _("Credit type")).id
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
        Entity.BUDGET_AMOUNT, touched, "updated", extra={"old": tuple(olds), "cells": written}
    )
