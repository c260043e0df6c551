"""Every update service says what it replaced and what it wrote, read in its own write
transaction (``Changed.old`` / ``Changed.new``), and a view that applies them to what it
showed (``patched``, ``patched_detail``, ``replaced_rows``, ``patched_info``) shows
exactly what reading the file again would give: checked over seeded random sequences
of edits, their undos included (the old values written back)."""

from __future__ import annotations

import dataclasses
import random
import uuid
from decimal import Decimal

import pytest

from planner_app.domain.enums import MeasureUnit, Status, ValueKind
from planner_app.services import (
    details,
    diversity,
    diversity_edit,
    objectives,
    plan_parts,
    plans,
    units,
)
from planner_app.services.common import Changed, Entity, replaced_rows
from planner_app.services.detail_patch import patched_detail
from planner_app.services.diversity_patch import patched
from planner_app.services.diversity_read import ValueInfo, load_diversity_by_id

WORDS = ["Instroom", "Doorstroom", "Inclusie", "Welzijn", "Beeld", "", "Één", "Ça"]


def _text(rng: random.Random, languages=("nl", "fr")) -> dict[str, str]:
    return {rng.choice(languages): rng.choice(WORDS[:-3]) + f" {rng.randrange(100)}"}


# --- the diversity plan ------------------------------------------------------------------


@pytest.fixture
def diversity_plan(store, strategic):
    diversity_id = diversity_edit.start_diversity_plan(store, strategic, year=2025).id
    objective = diversity.add_objective(store, diversity_id, title="Instroom").ids[-1]
    diversity.add_action(store, objective, text="Analyse")
    diversity.add_action(store, objective, text="Opvolging")
    diversity.add_list_item(store, diversity_id, "priority", text="Eerste")
    diversity.add_list_item(store, diversity_id, "bottleneck", text="Drempel")
    diversity.add_indicator(store, diversity_id, name="Aandeel", unit=MeasureUnit.PERCENT)
    diversity.add_indicator(store, diversity_id, name="Leeftijd", unit=MeasureUnit.YEARS)
    return diversity_id


def _diversity_edit(rng: random.Random, store, info) -> Changed:
    """One random field or value edit of the diversity plan ``info`` shows."""
    choice = rng.randrange(6)
    if choice == 0:
        field = rng.choice(["contact_name", "contact_role", "mission", "top_priority"])
        value = rng.choice(WORDS) if field == "contact_name" else _text(rng)
        return diversity.update_diversity_plan(store, info.id, **{field: value})
    if choice == 1:
        kind, rows = rng.choice(
            [
                ("pillar", info.pillars),
                ("priority", info.priorities),
                ("bottleneck", info.bottlenecks),
            ]
        )
        return diversity_edit.update_item(store, kind, rng.choice(rows).id, text=_text(rng))
    if choice == 2:
        objective = rng.choice(info.objectives)
        if rng.random() < 0.5:
            pillars = rng.sample([p.id for p in info.pillars], rng.randrange(4))
            return diversity_edit.set_objective_pillars(store, objective.id, pillars)
        return diversity_edit.update_item(store, "objective", objective.id, title=_text(rng))
    if choice == 3:
        action = rng.choice([a for o in info.objectives for a in o.actions])
        field = rng.choice(["text", "owner", "due"])
        value = _text(rng) if field == "text" else rng.choice(WORDS)
        return diversity_edit.update_action(store, action.id, **{field: value})
    indicator = rng.choice(info.indicators)
    if choice == 4:
        field = rng.choice(["name", "source", "reliability"])
        return diversity_edit.update_item(store, "indicator", indicator.id, **{field: _text(rng)})
    kind = rng.choice(list(ValueKind))
    value = None if rng.random() < 0.25 else Decimal(rng.randrange(0, 6000)) / 100
    if indicator.unit is MeasureUnit.PERCENT and rng.random() < 0.3:
        return diversity.set_indicator_value(
            store, indicator.id, year=2025, kind=kind, numerator=rng.randrange(5), denominator=7
        )
    return diversity.set_indicator_value(store, indicator.id, year=2025, kind=kind, value=value)


@pytest.mark.parametrize("seed", range(4))
def test_diversity_edits_apply_in_place_as_the_file_reads(store, diversity_plan, seed):
    rng = random.Random(seed)
    info = load_diversity_by_id(store, diversity_plan)
    for _step in range(40):
        changed = _diversity_edit(rng, store, info)
        shown = patched(info, changed)
        assert shown is not None, changed
        assert shown == load_diversity_by_id(store, diversity_plan), changed
        info = shown


def test_diversity_old_values_undo_an_edit(store, diversity_plan):
    info = load_diversity_by_id(store, diversity_plan)
    indicator = info.indicators[0]
    first = diversity.set_indicator_value(
        store, indicator.id, year=2025, kind="target", numerator=3, denominator=10
    )
    assert first.old == {"value": None}
    assert first.new["value"] == ValueInfo(2025, ValueKind.TARGET, Decimal("30.00"), 3, 10)
    second = diversity.set_indicator_value(
        store, indicator.id, year=2025, kind="target", value=Decimal(40)
    )
    assert second.old == first.new
    pillar = info.pillars[0]
    changed = diversity_edit.update_item(store, "pillar", pillar.id, text={"fr": "Pilier"})
    assert changed.old == {"text": pillar.text}
    assert changed.new == {"text": {**pillar.text, "fr": "Pilier"}}


def test_a_change_that_adds_a_row_is_read_again(store, diversity_plan):
    info = load_diversity_by_id(store, diversity_plan)
    added = diversity.add_list_item(store, diversity_plan, "pillar", text="Zesde")
    assert patched(info, added) is None  # the caller reads the plan again
    other = Changed(Entity.DIVERSITY, (uuid.uuid4(), info.pillars[0].id), "updated", ("text",))
    assert patched(info, other) is None  # another diversity plan's row


# --- an objective's detail ---------------------------------------------------------------


def _objective_edit(rng: random.Random, store, detail, unit_ids) -> Changed:
    choice = rng.randrange(6)
    if choice == 0:
        field = rng.choice(["title", "description", "intended_results"])
        return objectives.update_objective(store, detail.id, **{field: _text(rng)})
    if choice == 1:
        return objectives.update_objective(store, detail.id, status=rng.choice(list(Status)))
    if choice == 2:
        lead = rng.choice([None, *unit_ids])
        return objectives.update_objective(store, detail.id, lead_unit_id=lead)
    if choice == 3:
        return objectives.set_partners(store, detail.id, rng.sample(unit_ids, rng.randrange(3)))
    if choice == 4:
        milestone = rng.choice(detail.milestones)
        field = rng.choice(["text", "period", "done"])
        value = {"text": _text(rng), "period": rng.choice(WORDS), "done": rng.random() < 0.5}
        return details.update_milestone(store, milestone.id, **{field: value[field]})
    indicator = rng.choice(detail.indicators)
    if rng.random() < 0.3:
        return details.update_indicator(store, indicator.id, name=_text(rng))
    value = None if rng.random() < 0.25 else Decimal(rng.randrange(-500, 50000)) / 10
    kind = rng.choice(list(ValueKind))
    return details.set_indicator_value(
        store, indicator.id, year=rng.choice([2025, 2026]), kind=kind, value=value
    )


def _unordered(detail):
    """Partners are a set (the editor ticks them); their order as read is no order."""
    return dataclasses.replace(detail, partner_ids=tuple(sorted(detail.partner_ids)))


@pytest.mark.parametrize("seed", range(4))
def test_objective_edits_apply_in_place_as_the_file_reads(store, plan_id, tree, seed):
    rng = random.Random(seed)
    objective = tree["i1"]
    unit_ids = [tree["unit"], units.add_unit(store, plan_id, name="Cel", code="C").id]
    details.add_milestone(store, objective, text="Eerste", period="Q1")
    details.add_milestone(store, objective, text="Tweede", done=True)
    details.add_indicator(store, objective, name="Bezoeken", unit_of_measure="aantal")
    detail = details.objective_detail(store, objective)
    for _step in range(40):
        changed = _objective_edit(rng, store, detail, unit_ids)
        shown = patched_detail(detail, changed)
        assert shown is not None, changed
        read = details.objective_detail(store, objective)
        assert _unordered(shown) == _unordered(read), changed
        detail = shown


def test_objective_old_values_are_what_was_replaced(store, tree):
    before = details.objective_detail(store, tree["i1"])
    changed = objectives.update_objective(store, tree["i1"], title={"fr": "Un"}, status=Status.DONE)
    assert changed.old == {"status": before.status, "title": before.title}
    assert changed.new == {"status": Status.DONE, "title": {**before.title, "fr": "Un"}}
    undone = objectives.update_objective(store, tree["i1"], **{"status": changed.old["status"]})
    assert undone.old["status"] is Status.DONE
    assert details.objective_detail(store, tree["i1"]).status is before.status


def test_a_code_edit_reads_the_detail_again(store, tree):
    detail = details.objective_detail(store, tree["i1"])
    changed = objectives.update_objective(store, tree["i1"], code="9")
    assert changed.old == {"code": "1.1.1"} and changed.new == {"code": "9"}
    assert patched_detail(detail, changed) is None  # printed through the plan's levels


# --- lists of the plan and its properties ------------------------------------------------


def test_signatories_and_units_apply_in_place(store, plan_id, tree):
    plan_parts.add_signatory(store, plan_id, function="Voorzitter", name="An")
    rows = plan_parts.load_signatories(store, plan_id)
    changed = plan_parts.update_signatory(store, rows[0].id, function={"fr": "Président"})
    assert changed.old["function"] == {"nl": "Voorzitter"}
    assert replaced_rows(rows, changed) == plan_parts.load_signatories(store, plan_id)
    found = units.load_units(store, plan_id)
    changed = units.update_unit(store, tree["unit"], name={"nl": "Dienst X"}, code="DX")
    assert changed.old == {"code": "D", "name": {"nl": "Dienst"}}
    assert replaced_rows(found, changed) == units.load_units(store, plan_id)
    added = units.add_unit(store, plan_id, name="Nieuw")
    assert replaced_rows(found, added) is None  # a row added: read them again


def test_plan_properties_apply_in_place(store, plan_id):
    info = plans.plan_info(store, plan_id)
    changed = plans.update_plan(
        store, plan_id, title={"fr": "Plan"}, first_year=2025, last_year=2025, code="x-2025"
    )
    assert changed.old["title"] == info.title and changed.old["period"] == (2025, 2025)
    assert plans.patched_info(info, changed) == plans.plan_info(store, plan_id)
    assert changed.entity is Entity.PLAN and changed.entity == "plan"
