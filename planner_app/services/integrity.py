"""``planner-app check``: is the file sound, at the right schema, does every final or
signed plan still hold the content its fingerprint fixed, and do its rules, tree,
codes and change log agree with its data?"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner_app.domain import (
    Base,
    BudgetAmount,
    BudgetLine,
    ChangeLogEntry,
    Objective,
    Plan,
    Synced,
)
from planner_app.domain.changes import content_columns, to_json_value
from planner_app.domain.rules import parent_allowed
from planner_app.storage import PlanFile, migrate

# Columns a migration filled for the rows that existed then, without logging it (every
# replica computes them alike from the same content): a row whose log never names such
# a column holds the migration's value, which the log cannot check.
MIGRATION_FILLED: dict[str, frozenset[str]] = {
    "milestones": frozenset({"replan"}),  # 0013_milestones_to_replan
    "objectives": frozenset(
        {"code", "code_literal"}  # 0011_levels_and_codes
        | {"is_reference"}  # 0012_strategic_references
    ),
    "plans": frozenset(
        {"track_status"}  # 0011_levels_and_codes
        | {"document_type", "version_label", "signing_place", "signing_date"}  # 0005
    ),
    "signatories": frozenset({"body"}),  # 0005_plan_document
}


def synced_models() -> list[type[Synced]]:
    return sorted(
        (m.class_ for m in Base.registry.mappers if issubclass(m.class_, Synced)),
        key=lambda m: m.__tablename__,
    )


def check_file(store: PlanFile) -> list[str]:
    """Every problem found, as one line each; empty when the file is sound."""
    problems = list(store.integrity_problems())
    if problems:
        return problems  # a damaged file: the rest would only add noise
    if store.schema_revision != migrate.head_revision():
        problems.append(
            f"schema {store.schema_revision} is not the current {migrate.head_revision()}"
        )
    from planner_app.services.fingerprint import fixed_content_problems

    problems += fixed_content_problems(store)  # first: the loudest finding
    with store.read() as s:
        problems += _tree_problems(s)
        problems += code_problems(s)
        problems += _budget_problems(s)
        problems += change_log_problems(s)
    return problems


def _tree_problems(s: Session) -> list[str]:
    problems = []
    objectives = {o.id: o for o in s.scalars(select(Objective).where(Objective.deleted.is_(False)))}
    for obj in objectives.values():
        parent = objectives.get(obj.parent_id) if obj.parent_id else None
        if obj.parent_id is not None and parent is None:
            problems.append(f"objective {obj.id} hangs under a missing or deleted objective")
            continue
        if not parent_allowed(obj.level, parent.level if parent else None):
            problems.append(
                f"objective {obj.id}: a {obj.level.value} under {parent and parent.level.value}"
            )
        if parent is not None and parent.plan_id != obj.plan_id:
            problems.append(f"objective {obj.id} hangs under an objective of another plan")
        seen, node = set(), obj
        while node is not None and node.parent_id is not None:
            if node.id in seen:
                problems.append(f"objective {obj.id} is part of a cycle")
                break
            seen.add(node.id)
            node = objectives.get(node.parent_id)
    return problems


def code_problems(s: Session) -> list[str]:
    """Objectives of one plan that print alike, or that have no code."""
    from planner_app.services import codes

    problems = []
    for plan_id, plan_code in s.execute(select(Plan.id, Plan.code).where(Plan.deleted.is_(False))):
        for dup in codes.duplicates(s, plan_id):
            problems.append(
                f"plan {plan_code}: {len(dup.ids)} objectives are coded {dup.printed!r} "
                f"({', '.join(str(i) for i in dup.ids)})"
            )
        for objective_id in codes.missing_codes(s, plan_id):
            problems.append(f"plan {plan_code}: objective {objective_id} has no code")
    return problems


def _budget_problems(s: Session) -> list[str]:
    parents = set(
        s.scalars(
            select(BudgetLine.parent_id).where(
                BudgetLine.deleted.is_(False), BudgetLine.parent_id.is_not(None)
            )
        )
    )
    with_amounts = set(
        s.scalars(select(BudgetAmount.line_id).where(BudgetAmount.deleted.is_(False)))
    )
    return [f"budget line {line} is a group but has amounts" for line in parents & with_amounts]


def change_log_problems(s: Session) -> list[str]:
    """Replay the change log and compare it with every synced row."""
    replayed: dict[tuple[str, uuid.UUID], dict[str, Any]] = defaultdict(dict)
    for table, row_id, op, field, new in s.execute(
        select(
            ChangeLogEntry.table_name,
            ChangeLogEntry.row_id,
            ChangeLogEntry.op,
            ChangeLogEntry.field,
            ChangeLogEntry.new,
        ).order_by(ChangeLogEntry.seq)
    ):
        state = replayed[(table, row_id)]
        value = json.loads(new) if new is not None else None
        if op == "insert":
            state.clear()
            state.update(value)
            state["deleted"] = False
        else:
            state[field] = value
    problems = []
    for model in synced_models():
        for row in s.scalars(select(model)):
            key = (model.__tablename__, row.id)
            logged = replayed.pop(key, None)
            if logged is None:
                problems.append(f"{model.__tablename__} {row.id} has no change log entry")
                continue
            filled = MIGRATION_FILLED.get(model.__tablename__, frozenset())
            for name in [*content_columns(row), "deleted"]:
                if name in filled and name not in logged:
                    continue
                if logged.get(name) != to_json_value(getattr(row, name)):
                    problems.append(
                        f"{model.__tablename__} {row.id}.{name}: the change log says "
                        f"{logged.get(name)!r}, the data {to_json_value(getattr(row, name))!r}"
                    )
    for table, row_id in replayed:
        problems.append(f"the change log names {table} {row_id}, which is not in the file")
    return problems
