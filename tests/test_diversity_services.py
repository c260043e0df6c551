"""Reading, editing and validating a diversity plan through the services (issue 8)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from fractions import Fraction

import pytest

from planner_app.domain.enums import MeasureUnit, ValueKind
from planner_app.errors import ValidationError
from planner_app.services import diversity, diversity_edit, plans
from planner_app.services.diversity_read import (
    ValueInfo,
    diversity_years,
    format_value,
    load_diversity,
)
from planner_app.services.diversity_status import IndicatorStatus
from planner_app.storage import PlanFile


@pytest.fixture
def div(store: PlanFile, strategic: uuid.UUID) -> uuid.UUID:
    return diversity_edit.start_diversity_plan(store, strategic, year=2025).id


def _indicator(store, div, unit="percent"):
    return diversity.add_indicator(store, div, name="Buitenlandse origine", unit=unit).ids[1]


def test_no_diversity_plan_reads_none(store, plan_id):
    assert load_diversity(store, plan_id) is None
    assert diversity_years(store, plan_id) == []


def test_start_gives_five_pillars_in_every_language(store, strategic, div):
    info = load_diversity(store, strategic, 2025)
    assert info is not None and info.id == div
    assert len(info.pillars) == 5
    assert info.pillars[3].text == {
        "nl": "Antidiscriminatie",
        "fr": "Lutte contre la discrimination",
    }
    assert diversity_years(store, strategic) == [2025]


def test_whole_plan_reads_back(store, strategic, div):
    diversity.update_diversity_plan(store, div, contact_role="HR-partner", contact_phone="02 1")
    pillars = load_diversity(store, strategic).pillars
    objective = diversity.add_objective(
        store, div, title="Instroom", pillar_ids=[pillars[4].id, pillars[0].id]
    ).ids[1]
    diversity.add_action(store, objective, text="Analyse", owner="HR", due="2026 Q2")
    diversity.add_list_item(store, div, "bottleneck", text="Weinig cijfers")
    diversity.add_list_item(store, div, "priority", text="Culturele diversiteit")
    ind = _indicator(store, div)
    diversity.set_indicator_value(store, ind, year=2025, kind="baseline", value="4.2")
    diversity.set_indicator_value(store, ind, year=2029, kind="target", value="8")
    diversity.set_indicator_value(store, ind, year=2027, kind="actual", numerator=3, denominator=50)
    info = load_diversity(store, strategic)
    assert info.contact_role == {"nl": "HR-partner"} and info.contact_phone == "02 1"
    (obj,) = info.objectives
    assert obj.pillar_ids == (pillars[0].id, pillars[4].id)  # in pillar order
    assert [(a.text, a.owner, a.due) for a in obj.actions] == [({"nl": "Analyse"}, "HR", "2026 Q2")]
    assert [b.text for b in info.bottlenecks] == [{"nl": "Weinig cijfers"}]
    (indicator,) = info.indicators
    assert [(v.year, v.kind) for v in indicator.values] == [
        (2025, ValueKind.BASELINE),
        (2027, ValueKind.ACTUAL),
        (2029, ValueKind.TARGET),
    ]
    # 6.0 % at the end of 2027 against the line from 4.2 (as 2025 begins) to 8 (as 2029
    # ends): three of five years gone (1095 of 1826 days), 6.48 expected, so behind
    found = indicator.assessment(dt.date(2027, 12, 31))
    assert found.status is IndicatorStatus.BEHIND
    assert found.expected == Fraction("4.2") + Fraction("3.8") * Fraction(1095, 1826)
    actual = indicator.of_kind(ValueKind.ACTUAL)[2027]
    assert format_value(MeasureUnit.PERCENT, actual, "fr") == "6,0\u202f%"


@pytest.mark.parametrize(
    ("unit", "value", "nl"),
    [
        (MeasureUnit.PERCENT, ValueInfo(2025, ValueKind.BASELINE, Decimal("4.2")), "4,2%"),
        (MeasureUnit.PERCENT, ValueInfo(2025, ValueKind.BASELINE, Decimal("4.17"), 1, 24), "4,2%"),
        (MeasureUnit.YEARS, ValueInfo(2025, ValueKind.BASELINE, Decimal("46")), "46"),
        (MeasureUnit.YEARS, ValueInfo(2025, ValueKind.BASELINE, Decimal("45.5")), "45,5"),
        (MeasureUnit.COUNT, ValueInfo(2025, ValueKind.BASELINE, Decimal("1200")), "1.200"),
    ],
)
def test_format_value(unit, value, nl):
    assert format_value(unit, value, "nl") == nl


@pytest.mark.parametrize(
    ("unit", "kwargs", "field", "words"),
    [
        ("percent", {"value": "100.5"}, "Value", "between 0 and 100"),
        ("percent", {"value": "-1"}, "Value", "negative"),
        ("count", {"value": "2.5"}, "Value", "decimals"),
        ("count", {"value": "-3"}, "Value", "negative"),
        ("percent", {"numerator": 5, "denominator": 4}, "Numerator", "exceed the denominator"),
        ("percent", {"numerator": -1, "denominator": 4}, "Numerator", "whole, non-negative"),
        ("percent", {"numerator": 1, "denominator": 0}, "Denominator", "zero"),
        ("percent", {"numerator": 1.5, "denominator": 4}, "Numerator", "whole"),
        ("count", {"numerator": 1, "denominator": 4}, "Numerator", "only percentages"),
        ("percent", {"year": 2045, "kind": "target", "value": "5"}, "Year", "outside the plan"),
    ],
)
def test_validation_names_the_field(store, div, unit, kwargs, field, words):
    ind = _indicator(store, div, unit)
    args = {"year": 2026, "kind": "actual", **kwargs}
    with pytest.raises(ValidationError) as err:
        diversity.set_indicator_value(store, ind, **args)
    assert err.value.field == field
    assert words in str(err.value)


def test_unit_change_must_fit_the_values(store, strategic, div):
    ind = _indicator(store, div, "count")
    diversity.set_indicator_value(store, ind, year=2025, kind="baseline", value="150")
    with pytest.raises(ValidationError, match="between 0 and 100"):
        diversity_edit.update_item(store, "indicator", ind, unit="percent")
    diversity_edit.update_item(store, "indicator", ind, unit="years")
    assert load_diversity(store, strategic).indicators[0].unit is MeasureUnit.YEARS


def test_delete_and_restore_objective_with_actions_and_links(store, strategic, div):
    pillar = load_diversity(store, strategic).pillars[0].id
    objective = diversity.add_objective(store, div, title="O", pillar_ids=[pillar]).ids[1]
    diversity.add_action(store, objective, text="A")
    before = load_diversity(store, strategic)
    gone = diversity_edit.delete_item(store, "objective", objective)
    assert load_diversity(store, strategic).objectives == ()
    diversity_edit.restore_item(store, "objective", gone.ids, position=0)
    assert load_diversity(store, strategic) == before


def test_pillar_links_and_texts(store, strategic, div):
    pillars = load_diversity(store, strategic).pillars
    objective = diversity.add_objective(store, div, title="O").ids[1]
    diversity_edit.set_objective_pillars(store, objective, [pillars[1].id, pillars[2].id])
    diversity_edit.set_objective_pillars(store, objective, [pillars[2].id])
    assert load_diversity(store, strategic).objectives[0].pillar_ids == (pillars[2].id,)
    diversity_edit.update_item(store, "pillar", pillars[0].id, text={"fr": "Recrutement"})
    assert load_diversity(store, strategic).pillars[0].text["fr"] == "Recrutement"
    with pytest.raises(ValidationError, match="must not be empty"):
        diversity_edit.update_item(store, "objective", objective, title={"nl": ""})


def test_delete_and_restore_the_plan(store, strategic, div):
    before = load_diversity(store, strategic)
    gone = diversity_edit.delete_diversity_plan(store, div)
    assert len(gone.ids) == 1 + 5
    assert load_diversity(store, strategic) is None
    diversity_edit.restore_diversity_plan(store, gone.ids)
    assert load_diversity(store, strategic) == before


def test_a_target_reaches_ten_years_after_a_yearly_plan(store, plan_id):
    """Issue 26: a one-year diversity plan takes a 2027 target (up to ten years on)."""
    div = diversity_edit.start_diversity_plan(store, plan_id, year=2025).id
    ind = _indicator(store, div)
    diversity.set_indicator_value(store, ind, year=2027, kind="target", value="5")
    diversity.set_indicator_value(store, ind, year=2035, kind="target", value="6")
    with pytest.raises(ValidationError, match="outside the plan's period 2025-2025"):
        diversity.set_indicator_value(store, ind, year=2036, kind="target", value="5")


def test_demo_carries_seed_004s_diversity_plan(demo_path):
    """Baselines of 2025, five pillars, priorities, three objectives, the contact by
    role only, and no invented targets: every status reads "no target"."""
    with PlanFile.open(demo_path, readonly=True) as store:
        info = load_diversity(store, plans.find_plan(store, "dkbuza-2025").id)
    assert info is not None and info.year == 2025
    assert info.contact_role == {"nl": "HR-partner"}
    assert (info.contact_name, info.contact_phone, info.contact_email) == ("", "", "")
    assert len(info.pillars) == 5 and len(info.objectives) == 3
    assert len(info.priorities) == 2 and info.top_priority["nl"].startswith("In 2025")
    assert len(info.bottlenecks) == 5
    assert {i.assessment(dt.date(2025, 12, 31)).status for i in info.indicators} == {
        IndicatorStatus.NO_TARGET
    }
    shown = {i.name["nl"]: format_value(i.unit, i.baseline, "nl") for i in info.indicators}
    assert shown["Medewerkers met een buitenlandse origine"] == "4,2%"
    assert shown["Medewerkers met een arbeidshandicap"] == "2,3%"
    assert shown["Gemiddelde leeftijd van het personeel"] == "46"
    assert shown["Mannen in het team Vlaams Bouwmeester"] == "20,0%"  # 3 of 15
    assert all(i.baseline.year == 2025 for i in info.indicators)
