"""Random plan contents (unicode, long text, empty fields, extreme but valid numbers)
survive export to .xlsx and import into a new file, exactly."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner_app.domain.enums import ObjectiveLevel, PlanKind, Scenario, Statute, ValueKind
from planner_app.exporting.excel import export_xlsx
from planner_app.exporting.excel_import import import_xlsx
from planner_app.services import (
    budget_amounts,
    budget_dimensions,
    budget_lines,
    budget_read,
    details,
    objectives,
    plans,
    staffing,
    units,
)
from planner_app.services.fingerprint import canonical_content
from planner_app.storage import PlanFile

_XML_OK = re.compile("^[\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*$")
text = st.text(st.characters(exclude_categories=("Cs",)), max_size=300).filter(
    lambda t: bool(_XML_OK.match(t))
)
title = text.filter(lambda t: t.strip() != "")
long_text = st.one_of(text, st.text("ab \n=+-@", min_size=5000, max_size=20000))
texts = st.fixed_dictionaries({"nl": title}, optional={"fr": text})


def exact(places: int, limit: int, negative: bool = True) -> st.SearchStrategy[Decimal]:
    low = -(10 ** (limit + places)) + 1 if negative else 0
    return st.integers(low, 10 ** (limit + places) - 1).map(lambda n: Decimal(n).scaleb(-places))


keur = exact(3, 12)
fte = exact(2, 7, negative=False)
indicator_value = st.integers(-(10**15) + 1, 10**15 - 1).flatmap(
    lambda n: st.integers(0, 6).map(lambda p: Decimal(n).scaleb(-p))
)

plan_contents = st.fixed_dictionaries(
    {
        "title": texts,
        "objectives": st.lists(
            st.tuples(texts, st.fixed_dictionaries({}, optional={"nl": long_text})),
            min_size=1,
            max_size=4,
        ),
        "milestone": st.tuples(text, st.none() | st.dates(dt.date(1990, 1, 1)), st.booleans()),
        "values": st.lists(indicator_value, min_size=3, max_size=3),
        "lines": st.lists(st.tuples(texts, keur), min_size=1, max_size=4),
        "staff": st.tuples(st.none() | fte, st.none() | st.integers(0, 10**7 - 1)),
    }
)


def _build(store: PlanFile, c: dict) -> uuid.UUID:
    plan_id = plans.create_plan(
        store,
        code="random",
        kind=PlanKind.STRATEGIC,
        title=c["title"],
        first_year=2025,
        last_year=2027,
        languages=["nl", "fr"],
    ).id
    first = None
    for title, description in c["objectives"]:
        oid = objectives.add_objective(
            store, plan_id, level=ObjectiveLevel.STRATEGIC, title=title, description=description
        ).id
        first = first or oid
    period, due, done = c["milestone"]
    details.add_milestone(
        store,
        first,
        text={"nl": period if period.strip() else "x"},
        period=period[:60],
        due_date=due,
        done=done,
    )
    indicator = details.add_indicator(store, first, name="indicator")
    for kind, value in zip(ValueKind, c["values"], strict=True):
        details.set_indicator_value(store, indicator.id, year=2025, kind=kind, value=value)
    budget_dimensions.add_stage(store, plan_id, code="INI")
    budget_dimensions.add_credit_type(store, plan_id, code="VL")
    group = budget_lines.add_line(store, plan_id, title="group").id
    for title, amount in c["lines"]:
        line = budget_lines.add_line(
            store, plan_id, title=title, parent_id=group, allow_negative=amount < 0
        ).id
        budget_amounts.set_amount(
            store, line, year=2026, stage="INI", credit_type="VL", amount=amount
        )
    unit = units.add_unit(store, plan_id, name="unit").id
    fte_value, headcount = c["staff"]
    if fte_value is not None or headcount is not None:
        staffing.set_staffing(
            store,
            unit,
            statute=Statute.CONTRACTUAL,
            year=2025,
            scenario=Scenario.PLANNED,
            fte=fte_value,
            headcount=headcount,
        )
    return plan_id


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contents=plan_contents)
def test_random_plans_round_trip(contents, empty_plan_file: Path, tmp_path_factory):
    folder = tmp_path_factory.mktemp("hyp")
    source = folder / "source.plan"
    shutil.copy2(empty_plan_file, source)
    with PlanFile.open(source) as store:
        plan_id = _build(store, contents)
        export_xlsx(store, plan_id, folder / "plan.xlsx", language="fr")
        with store.read() as s:
            before = json.loads(canonical_content(s, plan_id))
    shutil.copy2(empty_plan_file, folder / "target.plan")  # creating one runs migrations
    import_xlsx(folder / "target.plan", folder / "plan.xlsx")
    with PlanFile.open(folder / "target.plan", readonly=True) as store, store.read() as s:
        after = json.loads(canonical_content(s, plan_id))
    assert after == before
    shutil.rmtree(folder)


@pytest.mark.parametrize("value", ["999999999999.999", "-999999999999.999", "0.001"])
def test_extreme_amounts_read_back_exactly(
    value, store: PlanFile, plan_id, tmp_path: Path, empty_plan_file: Path
):
    budget_dimensions.add_stage(store, plan_id, code="INI")
    budget_dimensions.add_credit_type(store, plan_id, code="VL")
    line = budget_lines.add_line(store, plan_id, title="x", allow_negative=True).id
    budget_amounts.set_amount(store, line, year=2025, stage="INI", credit_type="VL", amount=value)
    export_xlsx(store, plan_id, tmp_path / "x.xlsx", language="nl")
    shutil.copy2(empty_plan_file, tmp_path / "new.plan")
    result = import_xlsx(tmp_path / "new.plan", tmp_path / "x.xlsx")
    with PlanFile.open(tmp_path / "new.plan", readonly=True) as again:
        totals = budget_read.budget_totals(again, result.plan_id)
    assert list(totals.grand_total.values()) == [Decimal(value)]
