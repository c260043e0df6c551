"""The year review service: initiatives by status, counts per status and per strategic
objective, indicators with exact targets and actuals; checked on the demo plan against
its source data and on an empty plan."""

from __future__ import annotations

import tomllib
import uuid
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from planner_app.domain.enums import ObjectiveLevel, Status, ValueKind
from planner_app.resources import database_path
from planner_app.services import details, objectives, plans, tree_read, units
from planner_app.services.review import STATUS_ORDER, year_review
from planner_app.storage import PlanFile


@pytest.fixture
def demo_store(demo_source: Path) -> Iterator[PlanFile]:
    """The session's demo file, read-only: the review only reads."""
    with PlanFile.open(demo_source, readonly=True) as store:
        yield store


def _demo_source() -> dict:
    with (database_path() / "demo" / "dkbuza-2025.toml").open("rb") as fh:
        return tomllib.load(fh)


def test_demo_business_plan_counts_match_its_source(demo_store: PlanFile):
    plan = plans.find_plan(demo_store, "dkbuza-2025")
    review = year_review(demo_store, plan.id)
    source = _demo_source()["objectives"]
    by_key = {o["key"]: o for o in source}
    expected: Counter[tuple[str, str]] = Counter()
    for item in source:
        if item["level"] != "initiative":
            continue
        root = item
        while root.get("parent"):
            root = by_key[root["parent"]]
        expected[(root["key"], item.get("status", "not_started"))] += 1
    assert review.per_status == {
        Status.DONE: 7,
        Status.ON_SCHEDULE: 44,
        Status.DELAYED: 7,
        Status.ACTION_NEEDED: 1,
        Status.NOT_STARTED: 133,
        Status.NOT_APPLICABLE: 0,
    }
    assert review.total == 192 == sum(expected.values())
    for status in STATUS_ORDER:
        assert review.per_status[status] == sum(
            n for (_sd, st), n in expected.items() if st == status.value
        )
    # per strategic objective, in tree order: SD 1, 2, 3.1, 3.2, 4, 5
    assert [line.objective.code for line in review.per_strategic] == [
        "SD 1",
        "SD 2",
        "SD 3.1",
        "SD 3.2",
        "SD 4",
        "SD 5",
    ]
    sd_keys = ["sd1", "sd2", "sd31", "sd32", "sd4", "sd5"]
    for key, line in zip(sd_keys, review.per_strategic, strict=True):
        assert line.objective.level is ObjectiveLevel.STRATEGIC
        assert line.counts == {st: expected[(key, st.value)] for st in STATUS_ORDER}
    assert review.per_strategic[0].total == 79
    assert review.per_strategic[0].counts[Status.NOT_STARTED] == 62
    assert sum(line.total for line in review.per_strategic) == review.total


def test_demo_groups_list_every_initiative_once_in_tree_order(demo_store: PlanFile):
    plan = plans.find_plan(demo_store, "dkbuza-2025")
    review = year_review(demo_store, plan.id)
    tree = tree_read.load_tree(demo_store, plan.id)
    order = {n.id: i for i, n in enumerate(tree)}
    initiatives = [n for n in tree if n.level is ObjectiveLevel.INITIATIVE]
    assert list(review.groups) == list(STATUS_ORDER)
    assert sorted(i.id for i in review.initiatives) == sorted(n.id for n in initiatives)
    for status, group in review.groups.items():
        assert all(i.status is status for i in group)
        assert [order[i.id] for i in group] == sorted(order[i.id] for i in group)
    (needs_action,) = review.groups[Status.ACTION_NEEDED]
    assert needs_action.strategic.code == "SD 5"
    led = [i for i in review.initiatives if i.lead_unit is not None]
    assert led and all(i.lead_unit_id is not None for i in led)
    assert review.indicators == ()  # the demo invents no indicator figures


def test_the_strategic_plan_has_every_initiative_not_started(demo_store: PlanFile):
    plan = plans.find_plan(demo_store, "ibz-2025-2029")
    review = year_review(demo_store, plan.id)
    assert review.per_status[Status.NOT_STARTED] == review.total == 23
    assert [(line.objective.code, line.total) for line in review.per_strategic] == [
        ("SD 1", 6),
        ("SD 2", 8),
        ("SD 3", 4),
        ("SD 4", 5),
    ]
    french = year_review(demo_store, plan.id, "fr")  # a Dutch plan: its own codes
    assert french.per_strategic[0].objective.code == "SD 1"


def test_an_empty_plan_has_an_empty_review(store: PlanFile, plan_id: uuid.UUID):
    review = year_review(store, plan_id)
    assert review.total == 0
    assert review.per_status == dict.fromkeys(STATUS_ORDER, 0)
    assert review.groups == {status: () for status in STATUS_ORDER}
    assert review.per_strategic == () and review.indicators == () and review.years == ()


def test_indicators_have_exact_targets_and_actuals(store, plan_id, tree):
    units.update_unit(store, tree["unit"], name={"nl": "Dienst", "fr": "Service"})
    objectives.update_objective(store, tree["i1"], status=Status.DONE, lead_unit_id=tree["unit"])
    indicator = details.add_indicator(store, tree["i1"], name="Dossiers", unit_of_measure="%")
    ind_id = indicator.ids[0]
    details.set_indicator_value(
        store, ind_id, year=2024, kind=ValueKind.BASELINE, value=Decimal("10")
    )
    details.set_indicator_value(
        store, ind_id, year=2025, kind=ValueKind.TARGET, value=Decimal("12.35")
    )
    details.set_indicator_value(
        store, ind_id, year=2026, kind=ValueKind.TARGET, value=Decimal("0.1")
    )
    details.set_indicator_value(
        store, ind_id, year=2025, kind=ValueKind.ACTUAL, value=Decimal("12.3")
    )
    review = year_review(store, plan_id)
    (row,) = review.indicators
    assert row.objective.id == tree["i1"] and row.objective.code == "1.1.1"
    assert row.values == {
        (2025, ValueKind.TARGET): Decimal("12.35"),
        (2025, ValueKind.ACTUAL): Decimal("12.3"),
        (2026, ValueKind.TARGET): Decimal("0.1"),
    }
    assert all(isinstance(v, Decimal) for v in row.values.values())
    assert row.kinds() == (ValueKind.TARGET, ValueKind.ACTUAL)
    assert review.years == (2025, 2026)  # the baseline's year is not a review column
    (done,) = review.groups[Status.DONE]
    assert done.lead_unit == {"nl": "Dienst", "fr": "Service"}
    assert done.strategic.id == tree["sd1"]
    assert review.per_status[Status.NOT_STARTED] == 1
