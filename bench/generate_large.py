"""Write a large plan file through the services, in one transaction (a benchmark input).

    python bench/generate_large.py OUT.plan [--method services|bulk] [--scale 1.0]

The plan: 10 strategic x 10 operational x 100 initiatives = 10,110 objectives, each
initiative with 2 milestones and 1 indicator with 2 values (baseline and target);
10 budget groups x 100 leaf lines = 1,010 lines, and on each leaf 5 years x 3
stage/credit columns = 15,000 amounts; 10 directorates with 19 services each = 200
units, with 3 statutes x 5 years x 2 scenarios = 6,000 staffing figures. Every row goes through
the same service a user's edit does (validation, positions, change log), inside one
``store.transaction()`` that the services join; ``--method bulk`` writes the same rows
as domain objects (``session.add_all``, the change capture still logs each insert)
because a service call per row takes minutes. ``--scale`` shrinks the objective tree
(initiatives per OD) for quick trials.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select

from planner_app.domain import (
    BudgetAmount,
    BudgetLine,
    BudgetStage,
    CreditType,
    Indicator,
    IndicatorValue,
    Milestone,
    Objective,
    OrgUnit,
    StaffingFigure,
)
from planner_app.domain.enums import (
    InitiativeKind,
    ObjectiveLevel,
    PlanKind,
    Scenario,
    Status,
    Statute,
    UnitKind,
    ValueKind,
)
from planner_app.services import (
    budget_amounts,
    budget_dimensions,
    budget_lines,
    details,
    objectives,
    plans,
    staffing,
    units,
)
from planner_app.storage import PlanFile

PLAN_CODE = "large-2025-2029"
YEARS = (2025, 2026, 2027, 2028, 2029)
STRATEGIC, OPERATIONAL, INITIATIVES = 10, 10, 100
BUDGET_GROUPS, BUDGET_LEAVES = 10, 100
COLUMNS = (("INI", "VL"), ("INI", "VE"), ("ADJ", "VL"))  # 3 stage/credit combinations
DIRECTORATES, UNITS_PER_DIRECTORATE = 10, 19  # 10 + 10 x 19 = 200 units
STATUSES = list(Status)
METHODS = ("services", "bulk")


def _two(nl: str, fr: str) -> dict[str, str]:
    return {"nl": nl, "fr": fr}


class _Services:
    """Every row through the service a user's edit calls (validation, positions, log)."""

    def __init__(self, store: PlanFile, plan_id: uuid.UUID) -> None:
        self.store, self.plan_id = store, plan_id

    def unit(self, **kw: Any) -> uuid.UUID:
        return units.add_unit(self.store, self.plan_id, **kw).id

    def objective(self, **kw: Any) -> uuid.UUID:
        return objectives.add_objective(self.store, self.plan_id, **kw).id

    def milestone(self, objective_id: uuid.UUID, **kw: Any) -> None:
        details.add_milestone(self.store, objective_id, **kw)

    def indicator(self, objective_id: uuid.UUID, **kw: Any) -> uuid.UUID:
        return details.add_indicator(self.store, objective_id, **kw).id

    def indicator_value(self, indicator_id: uuid.UUID, **kw: Any) -> None:
        details.set_indicator_value(self.store, indicator_id, **kw)

    def line(self, **kw: Any) -> uuid.UUID:
        return budget_lines.add_line(self.store, self.plan_id, **kw).id

    def amount(self, line_id: uuid.UUID, **kw: Any) -> None:
        budget_amounts.set_amount(self.store, line_id, **kw)

    def staffing(self, unit_id: uuid.UUID, **kw: Any) -> None:
        staffing.set_staffing(self.store, unit_id, **kw)

    def flush(self) -> None:
        pass


class _Bulk:
    """The same rows as domain objects, added in chunks (the change capture still logs
    every insert at flush); positions and derived ids set here as the services would."""

    def __init__(self, store: PlanFile, plan_id: uuid.UUID) -> None:
        self.store, self.plan_id = store, plan_id
        self.rows: list[Any] = []
        self.positions: dict[tuple[str, uuid.UUID | None], int] = {}
        self.codes: dict[uuid.UUID, str] = {}
        with store.transaction() as s:
            self.stage_ids = {r.code: r.id for r in s.scalars(select(BudgetStage))}
            self.type_ids = {r.code: r.id for r in s.scalars(select(CreditType))}

    def _add(self, model: type[Any], scope: uuid.UUID | None = None, **kw: Any) -> uuid.UUID:
        if "position" in model.__table__.c:
            key = (model.__tablename__, scope)
            kw["position"] = self.positions.get(key, 0)
            self.positions[key] = kw["position"] + 1
        kw.setdefault("id", uuid.uuid4())
        self.rows.append(model(plan_id=self.plan_id, **kw))
        if len(self.rows) >= 5000:
            self.flush()
        return kw["id"]

    def unit(self, *, kind: UnitKind = UnitKind.SERVICE, **kw: Any) -> uuid.UUID:
        return self._add(OrgUnit, kw.get("parent_id"), kind=kind, **kw)

    def objective(self, *, level: ObjectiveLevel, **kw: Any) -> uuid.UUID:
        initiative = level is ObjectiveLevel.INITIATIVE
        kw.setdefault("kind", InitiativeKind.PROJECT if initiative else None)
        parent = kw.get("parent_id")
        n = self.positions.get((Objective.__tablename__, parent), 0) + 1
        # the code the services give: the next free number under the parent
        kw["code"] = f"{self.codes[parent]}.{n}" if parent is not None else str(n)
        oid = self._add(Objective, parent, level=level, **kw)
        self.codes[oid] = kw["code"]
        return oid

    def milestone(self, objective_id: uuid.UUID, **kw: Any) -> None:
        self._add(Milestone, objective_id, objective_id=objective_id, **kw)

    def indicator(self, objective_id: uuid.UUID, **kw: Any) -> uuid.UUID:
        return self._add(Indicator, objective_id, objective_id=objective_id, **kw)

    def indicator_value(self, indicator_id: uuid.UUID, *, year: int, kind: ValueKind, value):
        self._add(
            IndicatorValue,
            id=IndicatorValue.key_id(indicator_id, year, kind),
            indicator_id=indicator_id,
            year=year,
            kind=kind,
            value=value,
        )

    def line(self, **kw: Any) -> uuid.UUID:
        return self._add(BudgetLine, kw.get("parent_id"), **kw)

    def amount(self, line_id: uuid.UUID, *, year: int, stage: str, credit_type: str, amount):
        stage_id, type_id = self.stage_ids[stage], self.type_ids[credit_type]
        self._add(
            BudgetAmount,
            id=BudgetAmount.key_id(line_id, year, stage_id, type_id),
            line_id=line_id,
            year=year,
            stage_id=stage_id,
            credit_type_id=type_id,
            amount=amount,
        )

    def staffing(self, unit_id: uuid.UUID, *, statute, year, scenario, fte, headcount) -> None:
        self._add(
            StaffingFigure,
            id=StaffingFigure.key_id(unit_id, statute, year, scenario),
            unit_id=unit_id,
            statute=statute,
            year=year,
            scenario=scenario,
            fte=fte,
            headcount=headcount,
        )

    def flush(self) -> None:
        # The models have no relationships, so the unit of work does not order inserts
        # by foreign key: flush parents' tables first (same-table rows keep their order).
        with self.store.transaction() as s:
            for model in _INSERT_ORDER:
                chunk = [row for row in self.rows if type(row) is model]
                if chunk:
                    s.add_all(chunk)
                    s.flush()
        self.rows = []


_INSERT_ORDER = (
    OrgUnit,
    Objective,
    Milestone,
    Indicator,
    IndicatorValue,
    BudgetLine,
    BudgetAmount,
    StaffingFigure,
)


def generate(
    path: Path | str,
    *,
    method: str = "services",
    scale: float = 1.0,
    progress: Callable[[str, float], None] | None = None,
) -> dict[str, int]:
    """Create ``path`` (overwriting it) and fill it; return the row counts written.

    ``method="services"`` calls a service per row; ``"bulk"`` adds domain objects
    (same rows, same change log) for when the services are too slow for a benchmark.
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}")
    path = Path(path)
    say = progress or (lambda _what, _seconds: None)
    initiatives = max(1, round(INITIATIVES * scale))
    counts = dict.fromkeys(
        (
            "objectives",
            "milestones",
            "indicators",
            "indicator_values",
            "budget_lines",
            "amounts",
            "units",
            "staffing",
        ),
        0,
    )
    began = time.perf_counter()
    store = PlanFile.create(path, overwrite=True)
    try:
        with store.transaction():
            plan_id = plans.create_plan(
                store,
                code=PLAN_CODE,
                kind=PlanKind.STRATEGIC,
                title=_two("Groot strategisch plan 2025-2029", "Grand plan stratégique 2025-2029"),
                organisation=_two("FOD Voorbeeld", "SPF Exemple"),
                first_year=YEARS[0],
                last_year=YEARS[-1],
                languages=["nl", "fr"],
            ).id
            for stage in ("INI", "ADJ"):
                budget_dimensions.add_stage(store, plan_id, code=stage)
            for credit in ("VL", "VE"):
                budget_dimensions.add_credit_type(store, plan_id, code=credit)
            sink = (_Services if method == "services" else _Bulk)(store, plan_id)

            # Units: 10 directorates, each with 19 services (200 units).
            unit_ids = []
            for d in range(DIRECTORATES):
                top = sink.unit(
                    name=_two(f"Algemene directie {d + 1}", f"Direction générale {d + 1}"),
                    kind=UnitKind.DIRECTORATE,
                    code=f"AD{d + 1}",
                )
                unit_ids.append(top)
                for u in range(UNITS_PER_DIRECTORATE):
                    unit_ids.append(
                        sink.unit(
                            name=_two(f"Dienst {d + 1}.{u + 1}", f"Service {d + 1}.{u + 1}"),
                            code=f"D{d + 1}.{u + 1}",
                            parent_id=top,
                        )
                    )
            counts["units"] = len(unit_ids)
            sink.flush()
            say("units", time.perf_counter() - began)

            # Objectives, milestones, indicators.
            number = 0
            for sd_no in range(STRATEGIC):
                sd = sink.objective(
                    level=ObjectiveLevel.STRATEGIC,
                    title=_two(f"Strategische doelstelling {sd_no + 1}", f"Objectif {sd_no + 1}"),
                    description=_two("Een beschrijving van de doelstelling.", "Une description."),
                )
                counts["objectives"] += 1
                for od_no in range(OPERATIONAL):
                    od = sink.objective(
                        level=ObjectiveLevel.OPERATIONAL,
                        title=_two(
                            f"Operationele doelstelling {sd_no + 1}.{od_no + 1}",
                            f"Objectif opérationnel {sd_no + 1}.{od_no + 1}",
                        ),
                        parent_id=sd,
                    )
                    counts["objectives"] += 1
                    for _i in range(initiatives):
                        number += 1
                        oid = sink.objective(
                            level=ObjectiveLevel.INITIATIVE,
                            kind=InitiativeKind.PROJECT if number % 3 else InitiativeKind.PROCESS,
                            title=_two(f"Initiatief {number}", f"Initiative {number}"),
                            description=_two(
                                f"Omschrijving van initiatief {number}: wat, waarom en hoe.",
                                f"Description de l'initiative {number}.",
                            ),
                            status=STATUSES[number % len(STATUSES)],
                            lead_unit_id=unit_ids[number % len(unit_ids)],
                            parent_id=od,
                        )
                        counts["objectives"] += 1
                        for q in (2, 4):
                            sink.milestone(
                                oid,
                                text=_two(f"Q{q}: resultaat {number}", f"T{q} : résultat {number}"),
                                period=f"Q{q}",
                                done=q == 2 and number % 2 == 0,
                            )
                            counts["milestones"] += 1
                        ind = sink.indicator(
                            oid,
                            name=_two(f"Indicator {number}", f"Indicateur {number}"),
                            unit_of_measure="%",
                        )
                        counts["indicators"] += 1
                        for year, kind, value in (
                            (YEARS[0], ValueKind.BASELINE, number % 100),
                            (YEARS[-1], ValueKind.TARGET, number % 100 + 10),
                        ):
                            sink.indicator_value(ind, year=year, kind=kind, value=Decimal(value))
                            counts["indicator_values"] += 1
                sink.flush()
                say(f"objectives of SD {sd_no + 1}", time.perf_counter() - began)

            # Budget: 10 groups x 100 leaves, 3 columns x 5 years per leaf.
            for g in range(BUDGET_GROUPS):
                group = sink.line(title=_two(f"Enveloppe {g + 1}", f"Enveloppe {g + 1}"))
                counts["budget_lines"] += 1
                sink.flush()  # the group exists before lines hang under it
                for leaf_no in range(BUDGET_LEAVES):
                    leaf = sink.line(
                        title=_two(f"Lijn {g + 1}.{leaf_no + 1}", f"Ligne {g + 1}.{leaf_no + 1}"),
                        code=f"{g + 1:02d}.{leaf_no + 1:03d}",
                        parent_id=group,
                    )
                    counts["budget_lines"] += 1
                    for y, year in enumerate(YEARS):
                        for c, (stage, credit) in enumerate(COLUMNS):
                            amount = Decimal((g * 7919 + leaf_no * 104_729 + y * 13 + c) % 50_000)
                            sink.amount(
                                leaf,
                                year=year,
                                stage=stage,
                                credit_type=credit,
                                amount=amount.scaleb(-1),
                            )
                            counts["amounts"] += 1
            sink.flush()
            say("budget", time.perf_counter() - began)

            # Staffing: every unit, 3 statutes x 5 years x 2 scenarios.
            for n, unit_id in enumerate(unit_ids):
                for statute in Statute:
                    for year in YEARS:
                        for scenario in Scenario:
                            sink.staffing(
                                unit_id,
                                statute=statute,
                                year=year,
                                scenario=scenario,
                                fte=Decimal((n * 31 + year) % 4000).scaleb(-1),
                                headcount=(n * 31 + year) % 400 + 1,
                            )
                            counts["staffing"] += 1
            sink.flush()
            say("staffing; committing", time.perf_counter() - began)
    finally:
        store.close()
    say("committed and closed", time.perf_counter() - began)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--method", choices=METHODS, default="services")
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args(argv)
    os.environ.setdefault("PLANNER_APP_DATA_DIR", tempfile.mkdtemp(prefix="planner-bench-"))
    counts = generate(
        args.out,
        method=args.method,
        scale=args.scale,
        progress=lambda what, s: print(f"{s:8.1f} s  {what}", file=sys.stderr, flush=True),
    )
    print(", ".join(f"{k} {v:,}" for k, v in counts.items()))
    print(f"{args.out}: {args.out.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
