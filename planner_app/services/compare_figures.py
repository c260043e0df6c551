"""Budget and staffing of two versions of a plan, side by side: exact kEUR per line and
column, FTE and headcount per unit, statute, year and scenario, and the totals.

Budget lines are paired by their path of titles (Basis > Personeel), then by code, by
title alone (the line moved), by the most similar title (it was retitled). Only a
line's own amounts are compared (a group's sums follow from its lines); the grand
total of every column is given as well, changed or not. Units come paired by the
caller (``compare._Context``); their own figures are compared, and the totals per
scenario and year. Read inside the caller's snapshot.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from decimal import Decimal

from planner_app.domain.enums import Scenario, Statute
from planner_app.domain.resources_model import FTE_SCALE
from planner_app.services import fastread
from planner_app.services.budget_read import BudgetColumn, BudgetLineInfo, compute_budget_totals
from planner_app.services.compare_model import (
    Area,
    Change,
    Difference,
    FigureChange,
    Measure,
    Ref,
    text_changes,
)
from planner_app.services.compare_parts import assemble, pick, values_changed
from planner_app.services.matching import Pairing, Stage, normalise, pair
from planner_app.services.units import UnitInfo
from planner_app.storage import PlanFile

Column = tuple[int, str, str]  # year, stage code, credit type code


def compare_budget(
    store: PlanFile, before_id: uuid.UUID, after_id: uuid.UUID, shift: int, lang: str
) -> tuple[list[Difference], list[FigureChange]]:
    """The budget lines that differ, and the grand total of every column."""
    with store.read() as s:
        totals_b = compute_budget_totals(s, before_id)
        totals_a = compute_budget_totals(s, after_id)
    lines_b, lines_a = list(totals_b.lines), list(totals_a.lines)
    paths = {**_paths(lines_b, lang), **_paths(lines_a, lang)}
    pairing = pair(
        lines_b,
        lines_a,
        [
            Stage("title path", lambda line: paths.get(line.id)),
            Stage("code", lambda line: line.code.casefold() or None),
            Stage("title", lambda line: normalise(pick(line.title, lang)) or None),
        ],
        similar=lambda line: normalise(pick(line.title, lang)),
    )
    partner = {b.id: a.id for b, a, _how in pairing.pairs}
    titles = {line.id: pick(line.title, lang) for line in (*lines_b, *lines_a)}

    def ref(line: BudgetLineInfo) -> Ref:
        parent = titles.get(line.parent_id, "") if line.parent_id else ""
        kind = "group" if line.is_group else "line"
        return Ref(line.id, kind, line.code, dict(line.title), parent)

    def own(totals, line: BudgetLineInfo) -> dict[Column, Decimal]:
        """A line's own amounts (a group has none: its sums follow from its lines)."""
        if line.is_group:
            return {}
        return {_key(c): v for c, v in totals.values.get(line.id, {}).items()}

    def compare(b: BudgetLineInfo, a: BudgetLineInfo, how: str) -> Difference | None:
        changes: set[Change] = set()
        texts = text_changes("title", b.title, a.title)
        if texts:
            changes.add(Change.RETITLED)
        if (partner.get(b.parent_id) if b.parent_id else None) != a.parent_id:
            changes.add(Change.MOVED)
        figures = _amounts(own(totals_b, b), own(totals_a, a), shift)
        values = values_changed(("code", b.code, a.code))
        if figures or values:
            changes.add(Change.CHANGED)
        if not changes:
            return None
        return Difference(
            Area.BUDGET,
            frozenset(changes),
            ref(b),
            ref(a),
            how,
            tuple(texts),
            tuple(values),
            tuple(figures),
        )

    lines = assemble(
        Area.BUDGET,
        pairing,
        lines_b,
        lines_a,
        ref,
        compare,
        gone=lambda b: {"figures": tuple(_amounts(own(totals_b, b), {}, shift))},
        new=lambda a: {"figures": tuple(_amounts({}, own(totals_a, a), shift))},
    )
    grand_b = {(c.year, c.stage, c.credit_type): v for c, v in totals_b.grand_total.items()}
    grand_a = {(c.year, c.stage, c.credit_type): v for c, v in totals_a.grand_total.items()}
    order = {_key(c): n for n, c in enumerate((*totals_a.columns, *totals_b.columns))}
    grand = _amounts(grand_b, grand_a, shift, every=True, order=order)
    return lines, grand


def _key(column: BudgetColumn) -> Column:
    return (column.year, column.stage, column.credit_type)


def _paths(lines: list[BudgetLineInfo], lang: str) -> dict[uuid.UUID, tuple[str, ...]]:
    """Each line's titles from the top down, as compared (depth-first order given)."""
    by_id = {line.id: line for line in lines}
    paths: dict[uuid.UUID, tuple[str, ...]] = {}
    for line in lines:
        own = normalise(pick(line.title, lang))
        parent = paths.get(line.parent_id, ()) if line.parent_id in by_id else ()
        paths[line.id] = (*parent, own)
    return paths


def _amounts(
    before: dict[Column, Decimal],
    after: dict[Column, Decimal],
    shift: int,
    *,
    every: bool = False,
    order: dict[Column, int] | None = None,
) -> list[FigureChange]:
    """Amounts per column that differ (``every``: all of them), year beside year."""
    columns = {(y + shift, st, ct) for y, st, ct in before} | set(after)
    out = []
    rank = order or {}

    def sort_key(c: Column) -> tuple:
        return (rank.get(c, len(rank)), c)

    for year, stage, credit in sorted(columns, key=sort_key):
        old = before.get((year - shift, stage, credit))
        new = after.get((year, stage, credit))
        if every or old != new:
            out.append(FigureChange(Measure.KEUR, year, year - shift, (stage, credit), old, new))
    return out


# --- staffing ------------------------------------------------------------------------

Cell = tuple[str, int, str]  # scenario, year, statute


def _own_figures(store: PlanFile, plan_id: uuid.UUID) -> dict[uuid.UUID, dict[Cell, tuple]]:
    """Each live unit's own (FTE, headcount) per scenario, year and statute."""
    scale = Decimal(10) ** FTE_SCALE
    out: dict[uuid.UUID, dict[Cell, tuple]] = defaultdict(dict)
    with store.read() as s:
        rows = fastread.rows(
            s,
            "SELECT f.unit_id, f.scenario, f.year, f.statute, f.fte, f.headcount"
            " FROM staffing_figures f JOIN org_units u ON u.id = f.unit_id AND u.deleted = 0"
            " WHERE f.plan_id = :plan AND f.deleted = 0",
            plan=plan_id,
        )
    for unit, scenario, year, statute, fte, headcount in rows:
        out[fastread.uid(unit)][(scenario, year, statute)] = (  # type: ignore[index]
            None if fte is None else Decimal(fte) / scale,
            None if headcount is None else Decimal(headcount),
        )
    return out


_STATUTES = [s.value for s in Statute]
_SCENARIOS = [s.value for s in Scenario]


def _figures(before: dict[Cell, tuple], after: dict[Cell, tuple], shift: int) -> list[FigureChange]:
    cells = {(sc, y + shift, st) for sc, y, st in before} | set(after)
    out = []
    for scenario, year, statute in sorted(
        cells, key=lambda c: (c[1], _SCENARIOS.index(c[0]), _STATUTES.index(c[2]))
    ):
        old = before.get((scenario, year - shift, statute), (None, None))
        new = after.get((scenario, year, statute), (None, None))
        for n, measure in enumerate((Measure.FTE, Measure.HEADCOUNT)):
            if old[n] != new[n]:
                out.append(
                    FigureChange(measure, year, year - shift, (scenario, statute), old[n], new[n])
                )
    return out


def compare_staffing(
    store: PlanFile,
    before_id: uuid.UUID,
    after_id: uuid.UUID,
    shift: int,
    units: Pairing[UnitInfo],
) -> tuple[list[Difference], list[FigureChange]]:
    """The units whose own figures differ, and the totals per scenario and year."""
    own_b, own_a = _own_figures(store, before_id), _own_figures(store, after_id)

    def ref(unit: UnitInfo) -> Ref:
        return Ref(unit.id, unit.kind.value, unit.code, dict(unit.name))

    out: list[Difference] = []
    rows = [(b, a, how) for b, a, how in units.pairs]
    rows += [(b, None, "") for b in units.removed] + [(None, a, "") for a in units.added]
    for b, a, how in rows:
        figures = _figures(
            own_b.get(b.id, {}) if b else {}, own_a.get(a.id, {}) if a else {}, shift
        )
        if not figures:
            continue
        change = Change.CHANGED if b and a else (Change.ADDED if a else Change.REMOVED)
        out.append(
            Difference(
                Area.STAFFING,
                frozenset({change}),
                ref(b) if b else None,
                ref(a) if a else None,
                how,
                figures=tuple(figures),
            )
        )
    return out, _staffing_totals(own_b, own_a, shift)


def _staffing_totals(
    own_b: dict[uuid.UUID, dict[Cell, tuple]],
    own_a: dict[uuid.UUID, dict[Cell, tuple]],
    shift: int,
) -> list[FigureChange]:
    def sums(own: dict[uuid.UUID, dict[Cell, tuple]]) -> dict[tuple[str, int], list]:
        acc: dict[tuple[str, int], list] = defaultdict(lambda: [None, None])
        for cells in own.values():
            for (scenario, year, _statute), values in cells.items():
                for n, value in enumerate(values):
                    if value is not None:
                        total = acc[(scenario, year)]
                        total[n] = value if total[n] is None else total[n] + value
        return acc

    sum_b, sum_a = sums(own_b), sums(own_a)
    keys = {(sc, y + shift) for sc, y in sum_b} | set(sum_a)
    out = []
    for scenario, year in sorted(keys, key=lambda k: (k[1], _SCENARIOS.index(k[0]))):
        old = sum_b.get((scenario, year - shift), [None, None])
        new = sum_a.get((scenario, year), [None, None])
        for n, measure in enumerate((Measure.FTE, Measure.HEADCOUNT)):
            if old[n] is not None or new[n] is not None:
                out.append(FigureChange(measure, year, year - shift, (scenario,), old[n], new[n]))
    return out
