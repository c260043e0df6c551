"""Budget amounts written the way the services wrote them before ``domain.bulk``: the
cells' rows loaded in one query, one ORM object per amount, the flush hook stamping and
logging each. The bulk path is checked against it (tests) and timed against it (bench)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import select

from planner_app.domain import BudgetAmount, BudgetStage, CreditType
from planner_app.services.budget_read import BudgetColumn
from planner_app.storage import PlanFile


def orm_write(
    store: PlanFile,
    plan_id: uuid.UUID,
    cells: Iterable[tuple[uuid.UUID, BudgetColumn, Decimal | None]],
) -> None:
    """Write ``cells`` (line, column, amount; ``None`` clears) in one transaction."""
    cells = list(cells)
    with store.transaction() as s:
        lines = {line_id for line_id, _c, _v in cells}
        existing = {
            row.id: row
            for row in s.scalars(select(BudgetAmount).where(BudgetAmount.line_id.in_(lines)))
        }
        for line_id, column, value in cells:
            stage = BudgetStage.key_id(plan_id, column.stage)
            credit = CreditType.key_id(plan_id, column.credit_type)
            row_id = BudgetAmount.key_id(line_id, column.year, stage, credit)
            row = existing.get(row_id)
            if row is None:
                if value is None:
                    continue
                row = existing[row_id] = BudgetAmount(
                    id=row_id,
                    plan_id=plan_id,
                    line_id=line_id,
                    year=column.year,
                    stage_id=stage,
                    credit_type_id=credit,
                )
                s.add(row)
            row.amount = value
            row.deleted = value is None
