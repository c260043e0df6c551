"""Draft -> final -> signed: a final or signed plan is frozen in the service layer and
its fingerprint proves it unchanged; new versions and next year's plan are copies."""

from __future__ import annotations

import datetime as dt

import pytest

from planner_app.domain import Objective
from planner_app.domain.enums import PlanState, Status
from planner_app.errors import PlanFrozenError, ValidationError
from planner_app.services import (
    budget_amounts,
    budget_dimensions,
    budget_lines,
    budget_read,
    copying,
    details,
    diversity,
    fingerprint,
    next_year,
    objectives,
    plan_parts,
    plans,
    sections,
    staffing,
    tree_read,
    units,
)
from tests.conftest import log_size


@pytest.fixture
def full(store, plan_id, tree):
    """A plan with one of everything, and the ids needed to write to it."""
    ids = dict(tree)
    ids["milestone"] = details.add_milestone(store, tree["i1"], text="m", period="Q1 2025").id
    ids["indicator"] = details.add_indicator(store, tree["i1"], name="ind").id
    ids["section"] = sections.add_section(store, plan_id, kind="swot", title="SWOT").id
    ids["comm"] = sections.add_section(store, plan_id, kind="communication", title="Comm").id
    ids["row"] = sections.add_communication_row(store, ids["comm"], goal="Intern").ids[1]
    ids["field"] = plan_parts.add_policy_field(store, plan_id, title="Veld").id
    ids["signatory"] = plan_parts.add_signatory(store, plan_id, function="Minister", name="X").id
    ids["diversity"] = diversity.create_diversity_plan(store, plan_id, year=2025).id
    ids["pillar"] = diversity.add_list_item(store, ids["diversity"], "pillar", text="P").ids[1]
    ids["dind"] = diversity.add_indicator(store, ids["diversity"], name="D", unit="percent").ids[1]
    ids["dobj"] = diversity.add_objective(store, ids["diversity"], title="O").ids[1]
    budget_amounts.set_amount(
        store, tree["line"], year=2025, stage="INI", credit_type="VL", amount="10"
    )
    staffing.set_staffing(store, tree["unit"], statute="S", year=2025, scenario="as_is", fte="1.5")
    return ids


def writes(store, plan_id, ids):
    """One call of every kind of write a user can make to a plan."""
    return [
        lambda: plans.update_plan(store, plan_id, title={"nl": "Nieuw"}),
        lambda: plans.delete_plan(store, plan_id),
        lambda: objectives.add_objective(store, plan_id, level="strategic", title="x"),
        lambda: objectives.update_objective(store, ids["i1"], status="done"),
        lambda: objectives.move_objective(store, ids["i1"], parent_id=ids["od11"], position=1),
        lambda: objectives.delete_objective(store, ids["i2"]),
        lambda: objectives.set_partners(store, ids["i1"], [ids["unit"]]),
        lambda: details.add_milestone(store, ids["i1"], text="n"),
        lambda: details.update_milestone(store, ids["milestone"], done=True),
        lambda: details.delete_milestone(store, ids["milestone"]),
        lambda: details.add_indicator(store, ids["i1"], name="n"),
        lambda: details.update_indicator(store, ids["indicator"], name="n"),
        lambda: details.set_indicator_value(
            store, ids["indicator"], year=2025, kind="target", value="1"
        ),
        lambda: details.delete_indicator(store, ids["indicator"]),
        lambda: sections.add_section(store, plan_id, kind="free", title="t"),
        lambda: sections.update_section(store, ids["section"], body={"nl": "b"}),
        lambda: sections.set_section_part(store, ids["section"], "strengths", "s"),
        lambda: sections.move_section(store, ids["section"], 1),
        lambda: sections.delete_section(store, ids["section"]),
        lambda: sections.add_communication_row(store, ids["comm"], goal="g"),
        lambda: sections.update_communication_row(store, ids["row"], goal="g"),
        lambda: units.add_unit(store, plan_id, name="u"),
        lambda: units.update_unit(store, ids["unit"], name={"nl": "u"}),
        lambda: plan_parts.add_policy_field(store, plan_id, title="p"),
        lambda: plan_parts.update_policy_field(store, ids["field"], title={"nl": "p"}),
        lambda: plan_parts.add_signatory(store, plan_id, function="f", name="n"),
        lambda: plan_parts.update_signatory(store, ids["signatory"], name="n"),
        lambda: plan_parts.delete_signatory(store, ids["signatory"]),
        lambda: budget_dimensions.add_stage(store, plan_id, code="ADJ"),
        lambda: budget_dimensions.add_credit_type(store, plan_id, code="VE"),
        lambda: budget_lines.add_line(store, plan_id, title="l"),
        lambda: budget_lines.update_line(store, ids["line"], title={"nl": "l"}),
        lambda: budget_lines.move_line(store, ids["line"], parent_id=None, position=0),
        lambda: budget_lines.delete_line(store, ids["line"]),
        lambda: budget_amounts.set_amount(
            store, ids["line"], year=2025, stage="INI", credit_type="VL", amount="11"
        ),
        lambda: budget_lines.link_objective(store, ids["line"], ids["i1"]),
        lambda: staffing.set_staffing(
            store, ids["unit"], statute="S", year=2025, scenario="as_is", fte="2"
        ),
        lambda: diversity.update_diversity_plan(store, ids["diversity"], contact_role="HR"),
        lambda: diversity.add_list_item(store, ids["diversity"], "bottleneck", text="b"),
        lambda: diversity.add_objective(store, ids["diversity"], title="o"),
        lambda: diversity.add_action(store, ids["dobj"], text="a"),
        lambda: diversity.add_indicator(store, ids["diversity"], name="i", unit="count"),
        lambda: diversity.set_indicator_value(
            store, ids["dind"], year=2025, kind="baseline", value="4.2"
        ),
    ]


@pytest.mark.parametrize("state", ["final", "signed"])
def test_every_write_to_a_frozen_plan_is_refused(store, plan_id, full, state):
    plans.make_final(store, plan_id)
    if state == "signed":
        plans.record_signing(store, plan_id, signed_on=dt.date(2025, 9, 14), place="Brussel")
    before = log_size(store)
    calls = writes(store, plan_id, full)
    assert len(calls) >= 40
    for index, call in enumerate(calls):
        with pytest.raises(PlanFrozenError, match=f"is {state} and cannot be changed"):
            call()
        assert log_size(store) == before, f"write #{index} left a trace"
    ok, recorded, now = fingerprint.verify_plan(store, plan_id)
    assert ok and recorded == now


def test_the_flush_guard_catches_writes_that_skip_the_services(store, plan_id, tree):
    plans.make_final(store, plan_id)
    with pytest.raises(PlanFrozenError), store.transaction() as s:
        s.get(Objective, tree["i1"]).status = Status.DONE


def test_final_back_to_draft_only_while_unsigned(store, plan_id, tree):
    plans.make_final(store, plan_id)
    plans.back_to_draft(store, plan_id)
    objectives.update_objective(store, tree["i1"], status="done")  # writable again
    plans.make_final(store, plan_id)
    plans.record_signing(store, plan_id, signed_on=dt.date(2025, 9, 14), place="Brussel")
    with pytest.raises(PlanFrozenError, match="signed"):
        plans.back_to_draft(store, plan_id)
    assert plans.plan_info(store, plan_id).state is PlanState.SIGNED


def test_signing_needs_a_final_plan_and_keeps_the_fingerprint(store, plan_id, tree):
    with pytest.raises(ValidationError, match="make the plan final"):
        plans.record_signing(store, plan_id, signed_on=dt.date(2025, 1, 1), place="Brussel")
    plans.make_final(store, plan_id)
    recorded = plans.plan_info(store, plan_id).fingerprint
    plans.record_signing(
        store,
        plan_id,
        signed_on=dt.date(2025, 9, 14),
        place="Brussel",
        scan=b"%PDF-1.7 signed",
        scan_name="signed.pdf",
    )
    assert fingerprint.verify_plan(store, plan_id) == (True, recorded, recorded)
    with pytest.raises(ValidationError, match="Place: must not be empty"):
        plans.record_signing(store, plan_id, signed_on=dt.date(2025, 9, 15), place=" ")


def test_fingerprint_follows_content(store, plan_id, tree):
    first = fingerprint.current_fingerprint(store, plan_id)
    assert first == fingerprint.current_fingerprint(store, plan_id)
    objectives.update_objective(store, tree["i1"], description="meer tekst")
    assert fingerprint.current_fingerprint(store, plan_id) != first


def test_new_draft_version_copies_everything(store, plan_id, full):
    plans.make_final(store, plan_id)
    new_id = copying.new_draft_version(store, plan_id).id
    info = plans.plan_info(store, new_id)
    assert (info.code, info.version_no, info.state) == ("test-2025-v2", 2, PlanState.DRAFT)
    assert [n.code for n in tree_read.load_tree(store, new_id)] == [
        n.code for n in tree_read.load_tree(store, plan_id)
    ]
    old_totals = budget_read.budget_totals(store, plan_id).grand_total
    assert budget_read.budget_totals(store, new_id).grand_total == old_totals
    objectives.update_objective(
        store, tree_read.load_tree(store, new_id)[0].id, title={"nl": "Gewijzigd"}
    )
    assert fingerprint.verify_plan(store, plan_id)[0]
    with pytest.raises(ValidationError, match="is a draft"):
        copying.new_draft_version(store, new_id)


def test_next_year_plan_carries_unfinished_initiatives(store, plan_id, full):
    objectives.update_objective(store, full["i2"], status="done")
    details.add_milestone(store, full["i1"], text="klaar", done=True)
    new_id = next_year.next_year_plan(store, plan_id).id
    info = plans.plan_info(store, new_id)
    assert (info.code, info.first_year, info.last_year) == ("test-2026", 2026, 2026)
    titles = [n.title["nl"] for n in tree_read.load_tree(store, new_id)]
    assert "Init 1" in titles and "Init 2" not in titles
    carried = next(n for n in tree_read.load_tree(store, new_id) if n.title["nl"] == "Init 1")
    detail = details.objective_detail(store, carried.id)
    assert [m.text["nl"] for m in detail.milestones] == ["m"]
    assert budget_read.budget_totals(store, new_id).grand_total == {}


def test_copies_keep_rows_whose_unit_was_deleted_and_renumber(store, plan_id, full):
    unit = units.add_unit(store, plan_id, name="Tijdelijk").id
    objectives.update_objective(store, full["sd2"], lead_unit_id=unit)
    gone = objectives.delete_objective(store, full["sd2"])
    units.delete_unit(store, unit)
    objectives.restore_objective(store, gone.ids)
    objectives.update_objective(store, full["i1"], status="done")  # left behind next year
    plans.make_final(store, plan_id)
    draft = copying.new_draft_version(store, plan_id).id
    assert [n.title["nl"] for n in tree_read.load_tree(store, draft)] == [
        n.title["nl"] for n in tree_read.load_tree(store, plan_id)
    ]
    sd2 = next(n for n in tree_read.load_tree(store, draft) if n.title["nl"] == "Tweede SD")
    assert sd2.lead_unit_id is None
    plans.make_final(store, draft)
    following = next_year.next_year_plan(store, draft).id
    positions = [(n.parent_id, n.position) for n in tree_read.load_tree(store, following)]
    by_parent: dict = {}
    for parent, position in positions:
        by_parent.setdefault(parent, []).append(position)
    assert all(sorted(p) == list(range(len(p))) for p in by_parent.values())


def test_the_guard_refuses_bulk_writes_reads_that_write_and_odd_state_moves(store, plan_id, tree):
    from sqlalchemy import text, update

    from planner_app.domain import Plan

    with pytest.raises(RuntimeError, match="bulk write"), store.transaction() as s:
        s.execute(update(Objective).values(status=Status.DONE))
    with pytest.raises(Exception, match=r"readonly|read-only"), store.read() as s:
        s.execute(text("UPDATE objectives SET status = 'done'"))
    plans.make_final(store, plan_id)
    plans.record_signing(store, plan_id, signed_on=dt.date(2025, 9, 14), place="Brussel")
    with (
        pytest.raises(PlanFrozenError, match="cannot go from signed to draft"),
        store.transaction() as s,
    ):
        s.get(Plan, plan_id).state = PlanState.DRAFT
    with pytest.raises(ValidationError, match="already recorded"):
        plans.record_signing(store, plan_id, signed_on=dt.date(2025, 9, 15), place="Gent")


def test_back_to_draft_clears_the_fingerprint(store, plan_id, tree):
    plans.make_final(store, plan_id)
    assert plans.plan_info(store, plan_id).fingerprint
    plans.back_to_draft(store, plan_id)
    assert plans.plan_info(store, plan_id).fingerprint is None


def test_a_chapter_part_emptied_again_leaves_no_trace(store, plan_id):
    from planner_app.domain.enums import SectionKind
    from planner_app.services import sections
    from planner_app.services.fingerprint import current_fingerprint

    chapter = sections.add_section(store, plan_id, kind=SectionKind.SWOT, title={"nl": "SWOT"}).id
    before = current_fingerprint(store, plan_id)
    sections.set_section_part(store, chapter, "threats", {"nl": "Besparingen"})
    assert current_fingerprint(store, plan_id) != before
    sections.set_section_part(store, chapter, "threats", {"nl": ""})  # what undo does
    assert current_fingerprint(store, plan_id) == before
    assert sections.load_sections(store, plan_id)[0].parts.get("threats", {}) == {}
    sections.set_section_part(store, chapter, "threats", {"nl": "Terug"})
    assert sections.load_sections(store, plan_id)[0].parts["threats"] == {"nl": "Terug"}
