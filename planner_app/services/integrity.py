"""``planner-app check``: is the file sound, at the right schema, does every final or
signed plan still hold the content its fingerprint fixed, and do its rules, tree,
codes and change log agree with its data?"""

from __future__ import annotations

import uuid
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner_app.domain import (
    Base,
    BudgetAmount,
    BudgetLine,
    FieldVersion,
    Objective,
    Plan,
    Synced,
)
from planner_app.domain.changes import ORDER_KEY, exchanged_columns, to_json_value
from planner_app.domain.order import SCOPES, legacy_key
from planner_app.domain.rules import parent_allowed
from planner_app.domain.versions import STAR
from planner_app.storage import PlanFile, migrate


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
        problems += order_problems(s)
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
    """Objectives of one plan that print alike (unless a merge made them so and their
    conflict record is open), or that have no code."""
    from planner_app.exchange.code_conflicts import excused
    from planner_app.services import codes

    problems = []
    for plan_id, plan_code in s.execute(select(Plan.id, Plan.code).where(Plan.deleted.is_(False))):
        told = excused(s, plan_id)  # a merge's duplicate, open as a conflict for a person
        for dup in codes.duplicates(s, plan_id):
            if told & set(dup.ids):
                continue
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
    """Replay the change log causally and compare it with every synced row and with
    the stored versions (``exchange.history``)."""
    from planner_app.exchange.history import load_contexts, replay

    contexts = load_contexts(s)
    histories = replay(s, contexts)
    stored: dict[uuid.UUID, dict[str, set[tuple[str, int]]]] = defaultdict(dict)
    for row_id, name, site, n in s.execute(
        select(FieldVersion.row_id, FieldVersion.field, FieldVersion.site, FieldVersion.n)
    ):
        stored[row_id].setdefault(name, set()).add((site, n))
    problems = []
    for model in synced_models():
        table = model.__tablename__
        names = [*exchanged_columns(model), "deleted"]
        for row in s.scalars(select(model)):
            history = histories.pop((table, row.id), None)
            if history is None:
                problems.append(f"{table} {row.id} has no change log entry")
                continue
            if ORDER_KEY in names and ORDER_KEY not in history.values:
                # ordered before keys existed: the key of its last logged position
                history.values[ORDER_KEY] = legacy_key(max(0, history.values.get("position") or 0))
            for name in names:
                if name not in history.values:
                    continue  # a column added since the row's last logged write: its default
                data = to_json_value(getattr(row, name))
                if history.values.get(name) != data:
                    problems.append(
                        f"{table} {row.id}.{name}: the change log says "
                        f"{history.values.get(name)!r}, the data {data!r}"
                    )
            expected = {k: {v.dot for v in vs} for k, vs in history.versions.items()}
            if history.star is not None:
                expected[STAR] = {history.star.dot}
            found = stored.pop(row.id, {})
            if found != expected:
                problems.append(
                    f"{table} {row.id}: the stored versions {sorted(found.items())} are not "
                    f"the change log's {sorted(expected.items())}"
                )
    for table, row_id in histories:
        problems.append(f"the change log names {table} {row_id}, which is not in the file")
    for row_id in stored:
        problems.append(f"versions are stored for {row_id}, which is not in the file")
    return problems


def order_problems(s: Session) -> list[str]:
    """Every live row's position is its index among its siblings in key order."""
    problems = []
    for model in synced_models():
        scope = SCOPES.get(model.__tablename__)
        if scope is None:
            continue
        columns = [getattr(model, name) for name in scope]
        groups: dict[tuple, list[tuple[str, str, int, uuid.UUID]]] = defaultdict(list)
        for row in s.execute(
            select(model.id, model.sort_key, model.position, *columns).where(
                model.deleted.is_(False)
            )
        ):
            row_id, key, position, *where = row
            groups[tuple(where)].append((key or "", row_id.hex, position, row_id))
        for siblings in groups.values():
            for index, (_key, _hex, position, row_id) in enumerate(sorted(siblings)):
                if position != index:
                    problems.append(
                        f"{model.__tablename__} {row_id} is at position {position}, "
                        f"its order key puts it at {index}"
                    )
    return problems
