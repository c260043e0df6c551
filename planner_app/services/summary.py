"""What ``planner-app info`` reports: plans, counts, budget and staffing totals.

Numbers are exact ``Decimal``s; ``as_json`` turns them into strings of exact decimals
(DESIGN.md: ``--json`` numbers are strings).
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from planner_app.domain import (
    BudgetLine,
    DiversityPlan,
    Indicator,
    Milestone,
    Objective,
    OrgUnit,
    PlanSection,
    Signatory,
    StaffingFigure,
)
from planner_app.domain.enums import ObjectiveLevel, Statute
from planner_app.domain.types import exact_str
from planner_app.services.budget_read import compute_budget_totals
from planner_app.services.plans import list_plans
from planner_app.services.staffing import Figure, compute_staffing_totals
from planner_app.storage import PlanFile


def _count(s, model, plan_id, *where) -> int:
    query = select(func.count()).where(model.plan_id == plan_id, model.deleted.is_(False), *where)
    return s.scalar(query) or 0


def _num(value: Decimal | int | None) -> str | None:
    if value is None:
        return None
    return exact_str(Decimal(value))


def _figure(figure: Figure) -> dict[str, str | None]:
    return {"fte": _num(figure.fte), "headcount": _num(figure.headcount)}


def file_summary(store: PlanFile) -> dict[str, Any]:
    """A JSON-ready description of the file and each plan in it."""
    out: dict[str, Any] = {
        "file": str(store.path),
        "schema": store.schema_revision,
        "plans": [],
    }
    for info in list_plans(store):
        with store.read() as s:
            counts = {
                "strategic_objectives": _count(
                    s, Objective, info.id, Objective.level == ObjectiveLevel.STRATEGIC
                ),
                "operational_objectives": _count(
                    s, Objective, info.id, Objective.level == ObjectiveLevel.OPERATIONAL
                ),
                "initiatives": _count(
                    s, Objective, info.id, Objective.level == ObjectiveLevel.INITIATIVE
                ),
                "milestones": _count(s, Milestone, info.id),
                "indicators": _count(s, Indicator, info.id),
                "chapters": _count(s, PlanSection, info.id),
                "units": _count(s, OrgUnit, info.id),
                "budget_lines": _count(s, BudgetLine, info.id),
                "staffing_figures": _count(s, StaffingFigure, info.id),
                "signatories": _count(s, Signatory, info.id),
                "diversity_plans": _count(s, DiversityPlan, info.id),
            }
            budget = compute_budget_totals(s, info.id)
            staff = compute_staffing_totals(s, info.id)
        lines = []
        for line in budget.lines:
            if line.depth > 2 or (not line.is_group and line.depth > 0):
                continue
            lines.append(
                {
                    "title": line.title,
                    "depth": line.depth,
                    "group": line.is_group,
                    "totals": {c.label: _num(v) for c, v in budget.values[line.id].items()},
                }
            )
        staffing = []
        for key in staff.keys:
            figure = staff.per_key[key]
            staffing.append(
                {
                    "scenario": key.scenario.value,
                    "year": key.year,
                    "fte": _num(figure.fte),
                    "headcount": _num(figure.headcount),
                    "by_statute": {
                        st.value: _figure(staff.per_statute.get((key, st), Figure()))
                        for st in Statute
                    },
                }
            )
        out["plans"].append(
            {
                "code": info.code,
                "kind": info.kind.value,
                "title": info.title,
                "organisation": info.organisation,
                "period": [info.first_year, info.last_year],
                "languages": list(info.languages),
                "state": info.state.value,
                "version": info.version_no,
                "fingerprint": info.fingerprint,
                "counts": counts,
                "budget": {
                    "columns": [c.label for c in budget.columns],
                    "total": {c.label: _num(v) for c, v in budget.grand_total.items()},
                    "lines": lines,
                },
                "staffing": staffing,
            }
        )
    return out


def document_parts(store: PlanFile, plan_id: uuid.UUID) -> int:
    """How many objectives and chapters a plan has: the units of an export's progress."""
    with store.read() as s:
        return _count(s, Objective, plan_id) + _count(s, PlanSection, plan_id)
