"""Comparing two versions of a plan (services.compare): what differs, found through the
copy's link, the code or the title, and exact figures per line and in total."""

from __future__ import annotations

import shutil
from decimal import Decimal

import pytest

from planner_app.domain.enums import ObjectiveLevel, PlanKind, SectionKind, Status, ValueKind
from planner_app.errors import ValidationError
from planner_app.services import (
    budget_amounts,
    budget_dimensions,
    budget_lines,
    copying,
    details,
    next_year,
    objectives,
    plans,
    sections,
    staffing,
    units,
)
from planner_app.services.compare import CompareCancelledError, compare_plans
from planner_app.services.compare_model import Area, Change, Measure
from planner_app.services.tree_read import load_tree
from planner_app.storage import PlanFile
from tests.compare_support import NEW_TITLE, three_changes


@pytest.fixture
def demo_store(demo_path):
    store = PlanFile.open(demo_path)
    yield store
    store.close()


def test_the_issue_scenario_lists_exactly_the_three_changes(demo_store):
    scenario = three_changes(demo_store)
    result = compare_plans(demo_store, scenario.v2, scenario.v1)
    assert [(d.area, d.changes) for d in result.differences] == [
        (Area.CHAPTER, {Change.CHANGED}),
        (Area.OBJECTIVE, {Change.RETITLED}),
        (Area.BUDGET, {Change.CHANGED}),
    ]
    chapter, objective, line = result.differences
    assert chapter.after.id == scenario.chapter
    [text] = chapter.texts
    assert (text.field, text.language) == ("body", "nl")
    assert [s for s in text.segments if s[0] != "="] == [("+", "en open ")]
    # the SD is found through the copy's link, whatever its title became
    assert objective.matched_by == "identity"
    assert (objective.before.id, objective.after.id) == (scenario.sd_before, scenario.sd_after)
    assert objective.before.code == objective.after.code == "SD 2"
    assert objective.texts[0].after == NEW_TITLE
    assert line.after.id == scenario.line
    [figure] = line.figures
    assert (figure.before, figure.after, figure.difference) == (
        scenario.old_amount,
        scenario.new_amount,
        Decimal("12.5"),
    )
    totals = {(f.measure, f.facets): f for f in result.totals}
    vl = totals[(Measure.KEUR, ("INI", "VL"))]
    assert (vl.before, vl.after) == (Decimal(2514220), Decimal("2514232.5"))
    assert totals[(Measure.KEUR, ("INI", "VE"))].difference == 0
    assert totals[(Measure.HEADCOUNT, ("as_is",))].after == Decimal(6385)


def test_a_copy_compared_with_its_source_has_no_differences(demo_store):
    ibz = plans.find_plan(demo_store, "ibz-2025-2029")
    plans.make_final(demo_store, ibz.id)
    v2 = copying.new_draft_version(demo_store, ibz.id).id
    result = compare_plans(demo_store, v2, ibz.id)
    assert result.differences == ()
    assert all(f.difference == 0 for f in result.totals)
    assert (result.before.version_no, result.after.version_no) == (1, 2)


def test_a_plan_is_not_compared_with_itself(demo_store):
    ibz = plans.find_plan(demo_store, "ibz-2025-2029")
    with pytest.raises(ValidationError):
        compare_plans(demo_store, ibz.id, ibz.id)


def test_cancelling_stops_the_comparison(demo_store):
    ibz = plans.find_plan(demo_store, "ibz-2025-2029")
    other = plans.find_plan(demo_store, "dkbuza-2025")
    calls = []

    def progress(done, total):
        calls.append((done, total))
        return done < 2

    with pytest.raises(CompareCancelledError):
        compare_plans(demo_store, ibz.id, other.id, progress=progress)
    assert calls == [(1, 5), (2, 5)]


# --- objectives: how they are paired and what is said of them -----------------------


def _plan(store, code, kind=PlanKind.STRATEGIC, first=2025, last=2029):
    return plans.create_plan(
        store, code=code, kind=kind, title="Plan", first_year=first, last_year=last
    ).id


def _sd(store, plan_id, title, **fields):
    return objectives.add_objective(
        store, plan_id, level=ObjectiveLevel.STRATEGIC, title=title, **fields
    ).id


def _od(store, plan_id, parent, title, **fields):
    return objectives.add_objective(
        store, plan_id, level=ObjectiveLevel.OPERATIONAL, title=title, parent_id=parent, **fields
    ).id


def _kinds(result, area=Area.OBJECTIVE):
    return [(d.ref.code, d.changes) for d in result.in_area(area)]


def test_objectives_added_removed_moved_recoded_without_a_copy_link(store):
    before = _plan(store, "a")
    after = _plan(store, "b")
    for plan_id in (before, after):
        sd1 = _sd(store, plan_id, "Veiligheid")
        if plan_id == before:
            _sd(store, plan_id, "Migratie")  # removed in after
            _od(store, plan_id, sd1, "Kiezers registreren")
        sd3 = _sd(store, plan_id, "Een wendbare organisatie")
        if plan_id == after:
            _od(store, plan_id, sd3, "Kiezers registreren")  # moved under another SD
            _sd(store, plan_id, "Digitale dienstverlening")  # added
    result = compare_plans(store, after, before)
    found = {
        (d.before.code if d.before else None, d.after.code if d.after else None): d
        for d in result.in_area(Area.OBJECTIVE)
    }
    assert found[("SD 2", None)].changes == {Change.REMOVED}
    assert found[(None, "SD 3")].changes == {Change.ADDED}
    organisation = found[("SD 3", "SD 2")]
    assert organisation.changes == {Change.RECODED}
    assert organisation.matched_by == "title"
    moved = found[("OD 1.1", "OD 2.1")]
    assert moved.changes == {Change.MOVED, Change.RECODED}
    assert (moved.before.parent, moved.after.parent) == ("SD 1", "SD 2")
    assert len(found) == 4  # SD 1 is the same in both


def test_a_reworded_objective_is_paired_by_similar_title_before_code(store):
    """An SD inserted shifts the codes after it: the reworded SD is found by its title,
    not paired with the new SD that took its number."""
    before = _plan(store, "a")
    after = _plan(store, "b")
    _sd(store, before, "Kaderen: een adaptief rechtskader")
    _sd(store, before, "Inrichten: een eenduidige aanpak van de veiligheid")
    _sd(store, after, "Kaderen: een nieuw rechtskader")
    _sd(store, after, "Weerbaarheid")
    _sd(store, after, "Inrichten: een eenduidige aanpak van veiligheid")
    found = {
        (d.before.code if d.before else None, d.after.code if d.after else None): d
        for d in compare_plans(store, after, before).differences
    }
    assert set(found) == {("SD 1", "SD 1"), (None, "SD 2"), ("SD 2", "SD 3")}
    assert found[("SD 1", "SD 1")].changes == {Change.RETITLED}
    assert found[("SD 1", "SD 1")].matched_by == "similar title"
    assert found[("SD 2", "SD 3")].changes == {Change.RETITLED, Change.RECODED}
    assert found[(None, "SD 2")].changes == {Change.ADDED}


def test_an_objective_that_kept_only_its_number_is_paired_by_code(store):
    before, after = _plan(store, "a"), _plan(store, "b")
    _sd(store, before, "Volledig iets anders")
    _sd(store, after, "Weerbaarheid")
    [diff] = compare_plans(store, after, before).differences
    assert (diff.changes, diff.matched_by) == ({Change.RETITLED}, "code")


def test_identity_follows_chains_of_copies_either_way(store):
    v1 = _plan(store, "v1")
    sd = _sd(store, v1, "Oorspronkelijke titel")
    plans.make_final(store, v1)
    v2 = copying.new_draft_version(store, v1).id
    copy2 = next(n for n in load_tree(store, v2))
    objectives.update_objective(store, copy2.id, title={"nl": "Iets heel anders"})
    plans.make_final(store, v2)
    v3 = copying.new_draft_version(store, v2).id
    copy3 = next(n for n in load_tree(store, v3))
    for after, before, expected in ((v3, v1, (sd, copy3.id)), (v1, v3, (copy3.id, sd))):
        [diff] = compare_plans(store, after, before).differences
        assert diff.matched_by == "identity"
        assert (diff.before.id, diff.after.id) == expected
        assert diff.changes == {Change.RETITLED}


def test_details_indicators_targets_and_milestones(store):
    before, after = _plan(store, "a"), _plan(store, "b")
    unit_b = units.add_unit(store, before, name="Dienst A", code="DA").id
    unit_a = units.add_unit(store, after, name="Dienst A", code="DA").id
    other = units.add_unit(store, after, name="Dienst B", code="DB").id
    for plan_id, lead in ((before, unit_b), (after, other)):
        sd = _sd(store, plan_id, "SD", lead_unit_id=lead, description="Tekst van de SD")
        indicator = details.add_indicator(store, sd, name="Wachttijd", unit_of_measure="dagen").id
        details.set_indicator_value(store, indicator, year=2025, kind=ValueKind.BASELINE, value=10)
        target = "8" if plan_id == before else "7.5"
        details.set_indicator_value(
            store, indicator, year=2026, kind=ValueKind.TARGET, value=target
        )
        details.add_milestone(store, sd, text="Analyse klaar", period="Q1 2025")
        if plan_id == after:
            details.add_milestone(store, sd, text="Pilot gestart", period="Q3 2025")
            objectives.update_objective(store, sd, status=Status.DELAYED)
    assert unit_a  # same unit in both versions: paired by code
    [diff] = compare_plans(store, after, before).in_area(Area.OBJECTIVE)
    assert diff.changes == {Change.CHANGED}
    values = {v.field: (v.before, v.after) for v in diff.values}
    assert values == {
        "status": ("not_started", "delayed"),
        "lead_unit": ("Dienst A", "Dienst B"),
    }
    indicator, milestone = diff.parts
    assert indicator.area is Area.INDICATOR and indicator.changes == {Change.CHANGED}
    [value] = indicator.figures
    assert (value.year, value.facets, value.before, value.after) == (
        2026,
        ("target",),
        Decimal(8),
        Decimal("7.5"),
    )
    assert milestone.area is Area.MILESTONE and milestone.changes == {Change.ADDED}
    assert milestone.after.code == "Q3 2025"
    # units: one added in the after version
    assert _kinds(compare_plans(store, after, before), Area.UNIT) == [("DB", {Change.ADDED})]


def test_next_years_plan_is_compared_year_beside_year(store):
    plan_2025 = _plan(store, "op-2025", PlanKind.OPERATIONAL, 2025, 2025)
    sd = _sd(store, plan_2025, "SD")
    od = _od(store, plan_2025, sd, "OD")
    indicator = details.add_indicator(store, od, name="Dossiers").id
    details.set_indicator_value(store, indicator, year=2025, kind=ValueKind.TARGET, value=100)
    plan_2026 = next_year.next_year_plan(store, plan_2025).id
    od_2026 = next(n for n in load_tree(store, plan_2026) if n.level.value == "operational")
    [indicator_2026] = details.objective_detail(store, od_2026.id).indicators
    details.set_indicator_value(
        store, indicator_2026.id, year=2026, kind=ValueKind.TARGET, value=120
    )
    result = compare_plans(store, plan_2026, plan_2025)
    assert result.year_shift == 1
    plan_diff, od_diff = result.differences
    assert plan_diff.area is Area.PLAN  # the period moved on a year
    assert od_diff.matched_by == "identity"
    [figure] = od_diff.parts[0].figures
    assert (figure.before_year, figure.year, figure.before, figure.after) == (
        2025,
        2026,
        Decimal(100),
        Decimal(120),
    )


# --- budget and staffing ---------------------------------------------------------------


def _budget(store, plan_id):
    budget_dimensions.add_stage(store, plan_id, code="INI")
    budget_dimensions.add_credit_type(store, plan_id, code="VL")
    group = budget_lines.add_line(store, plan_id, title="Personeel").id
    line = budget_lines.add_line(store, plan_id, title="Statutair", parent_id=group).id
    return group, line


def test_budget_lines_per_line_and_in_total(store):
    before, after = _plan(store, "a"), _plan(store, "b")
    _g, line_b = _budget(store, before)
    group_a, line_a = _budget(store, after)
    budget_amounts.set_amount(store, line_b, year=2025, stage="INI", credit_type="VL", amount=100)
    budget_amounts.set_amount(
        store, line_a, year=2025, stage="INI", credit_type="VL", amount="99.999"
    )
    budget_amounts.set_amount(store, line_a, year=2026, stage="INI", credit_type="VL", amount=5)
    new = budget_lines.add_line(store, after, title="Contractueel", parent_id=group_a).id
    budget_amounts.set_amount(store, new, year=2025, stage="INI", credit_type="VL", amount=1)
    result = compare_plans(store, after, before)
    changed, added = result.in_area(Area.BUDGET)
    assert changed.after.parent == "Personeel" and changed.changes == {Change.CHANGED}
    assert [(f.year, f.before, f.after, f.difference) for f in changed.figures] == [
        (2025, Decimal(100), Decimal("99.999"), Decimal("-0.001")),
        (2026, None, Decimal(5), Decimal(5)),
    ]
    assert added.changes == {Change.ADDED} and added.after.id == new
    totals = {f.year: (f.before, f.after) for f in result.totals if f.measure is Measure.KEUR}
    assert totals == {2025: (Decimal(100), Decimal("100.999")), 2026: (None, Decimal(5))}


def test_staffing_per_unit_and_in_total(store):
    before, after = _plan(store, "a"), _plan(store, "b")
    for plan_id, fte in ((before, "10.5"), (after, "11.25")):
        unit = units.add_unit(store, plan_id, name="DVZ", code="DVZ").id
        staffing.set_staffing(
            store, unit, statute="S", year=2025, scenario="planned", fte=fte, headcount=12
        )
    result = compare_plans(store, after, before)
    [diff] = result.in_area(Area.STAFFING)
    [figure] = diff.figures
    assert (figure.measure, figure.facets, figure.difference) == (
        Measure.FTE,
        ("planned", "S"),
        Decimal("0.75"),
    )
    assert [(f.measure, f.before, f.after) for f in result.totals] == [
        (Measure.FTE, Decimal("10.5"), Decimal("11.25")),
        (Measure.HEADCOUNT, Decimal(12), Decimal(12)),
    ]


# --- chapters ----------------------------------------------------------------------------


def test_chapters_reordered_parts_and_communication_rows(store):
    before, after = _plan(store, "a"), _plan(store, "b")
    ids = {}
    for plan_id in (before, after):
        for kind, title in (
            (SectionKind.MISSION, "Missie"),
            (SectionKind.VISION, "Visie"),
            (SectionKind.PESTEL, "PESTEL"),
            (SectionKind.COMMUNICATION, "Communicatie"),
        ):
            ids[(plan_id, kind)] = sections.add_section(
                store, plan_id, kind=kind, title=title, body="Zelfde tekst"
            ).id
        sections.set_section_part(store, ids[(plan_id, SectionKind.PESTEL)], "political", "Oud")
        sections.add_communication_row(
            store, ids[(plan_id, SectionKind.COMMUNICATION)], goal="Intern", audience="Medewerkers"
        )
    sections.move_section(store, ids[(after, SectionKind.COMMUNICATION)], 0)
    sections.set_section_part(store, ids[(after, SectionKind.PESTEL)], "political", "Nieuw")
    sections.add_communication_row(
        store, ids[(after, SectionKind.COMMUNICATION)], goal="Extern", audience="Pers"
    )
    result = compare_plans(store, after, before)
    by_kind = {d.ref.kind: d for d in result.in_area(Area.CHAPTER)}
    assert set(by_kind) == {"pestel", "communication"}  # one chapter moved, not all four
    assert by_kind["communication"].changes == {Change.MOVED, Change.CHANGED}
    [part] = by_kind["pestel"].texts
    assert (part.field, part.before, part.after) == ("political", "Oud", "Nieuw")
    rows = by_kind["communication"].texts
    assert {(t.field, t.row, t.after) for t in rows} == {
        ("goal", 2, "Extern"),
        ("audience", 2, "Pers"),
    }
    assert all(t.before == "" for t in rows)


def test_removing_a_chapter_keeps_its_text_in_the_comparison(store):
    before, after = _plan(store, "a"), _plan(store, "b")
    sections.add_section(store, before, kind="free", title="Bijlage", body="Alleen hier")
    [diff] = compare_plans(store, after, before).differences
    assert diff.changes == {Change.REMOVED}
    assert diff.texts[0].segments == (("-", "Alleen hier"),)


def test_signatories_and_plan_properties(store):
    import datetime as dt

    from planner_app.services import plan_document, plan_parts

    before, after = _plan(store, "a"), _plan(store, "b")
    plans.update_plan(store, after, title={"nl": "Plan 2.0"})
    plan_document.update_document(
        store, after, signing_place="Brussel", signing_date=dt.date(2025, 9, 14)
    )
    plan_parts.add_signatory(store, before, function="Minister", name="A. Janssens")
    plan_parts.add_signatory(store, after, function="Minister", name="B. Peeters")
    plan_parts.add_signatory(store, after, function="Het Directiecomité", body=True)
    result = compare_plans(store, after, before)
    plan_diff, signatory, committee = result.differences
    assert plan_diff.area is Area.PLAN
    assert [(t.field, t.after) for t in plan_diff.texts] == [
        ("title", "Plan 2.0"),
        ("signing_place", "Brussel"),
    ]
    assert ("signing_date", None, "2025-09-14") in {
        (v.field, v.before, v.after) for v in plan_diff.values
    }
    assert signatory.area is Area.SIGNATORY
    assert [(v.field, v.before, v.after) for v in signatory.values] == [
        ("name", "A. Janssens", "B. Peeters")
    ]
    assert committee.changes == {Change.ADDED}


def test_a_new_draft_version_records_where_each_objective_came_from(tmp_path, demo_path):
    path = tmp_path / "copy.plan"
    shutil.copy2(demo_path, path)
    with PlanFile.open(path) as store:
        ibz = plans.find_plan(store, "ibz-2025-2029")
        plans.make_final(store, ibz.id)
        v2 = copying.new_draft_version(store, ibz.id).id
        with store.read() as s:
            from sqlalchemy import select

            from planner_app.domain import Objective

            rows = s.execute(
                select(Objective.id, Objective.carried_from_id).where(Objective.plan_id == v2)
            ).all()
        sources = {n.id for n in load_tree(store, ibz.id)}
        assert rows and {source for _id, source in rows} == sources


def test_a_new_draft_version_prints_itself_as_its_source_did(store):
    import datetime as dt

    from planner_app.services import plan_document

    v1 = _plan(store, "v1")
    plan_document.update_document(
        store,
        v1,
        document_type="Bestuursplan",
        version_label="Versie 1.0",
        signing_place="Brussel",
        signing_date=dt.date(2025, 5, 17),
    )
    plans.make_final(store, v1)
    v2 = copying.new_draft_version(store, v1).id
    copy = plan_document.document_info(store, v2)
    assert (copy.document_type, copy.version_label, copy.signing_place) == (
        {"nl": "Bestuursplan"},
        {"nl": "Versie 1.0"},
        {"nl": "Brussel"},
    )
    assert copy.signing_date is None  # a new version is signed on another day
    [diff] = compare_plans(store, v2, v1).differences
    assert [(v.field, v.before, v.after) for v in diff.values] == [
        ("signing_date", "2025-05-17", None)
    ]
