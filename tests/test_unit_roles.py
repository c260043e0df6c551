"""Units with roles and transversal objectives (issue 24, items 4 and 5): an objective's
lead unit and other units each with a role (co-lead, involved, or one of the plan's own
role codes), the objectives × units matrix; objectives that also serve other strategic
objectives, marked under each and listed. Through the services, the PDF, the workbook
and the exchange."""

from __future__ import annotations

import json

import pytest

from planner_app.domain.enums import ObjectiveLevel, PlanKind, UnitRole
from planner_app.errors import ValidationError
from planner_app.exporting.excel import export_xlsx
from planner_app.exporting.excel_import import import_xlsx
from planner_app.exporting.pdf import export_pdf
from planner_app.services import objectives, plans, transversal, unit_roles, units
from planner_app.services.fingerprint import canonical_content
from planner_app.storage import PlanFile
from tests.test_plan_document import pdf_text


@pytest.fixture
def contract(store):
    """A French administration contract: two axes, objectives led by directorates with
    co-pilots and the plan's own roles, one objective serving both axes."""
    plan = plans.create_plan(
        store,
        code="ca",
        kind=PlanKind.ADMINISTRATION_CONTRACT,
        title={"fr": "Contrat d'administration"},
        first_year=2016,
        last_year=2018,
        languages=["fr"],
    ).id
    ids = {"plan": plan}
    for code, name in (("DGA", "Direction A"), ("DGB", "Direction B"), ("SPF", "Service P")):
        ids[code] = units.add_unit(store, plan, name=name, code=code).id
    add = objectives.add_objective
    ids["os1"] = add(store, plan, level=ObjectiveLevel.STRATEGIC, title="Axe 1").id
    ids["os2"] = add(store, plan, level=ObjectiveLevel.STRATEGIC, title="Axe 2").id
    ids["oo11"] = add(
        store,
        plan,
        level=ObjectiveLevel.OPERATIONAL,
        title="Simplifier",
        parent_id=ids["os1"],
        lead_unit_id=ids["DGA"],
    ).id
    ids["oo21"] = add(
        store,
        plan,
        level=ObjectiveLevel.OPERATIONAL,
        title="Numériser",
        parent_id=ids["os2"],
        lead_unit_id=ids["DGB"],
    ).id
    ids["cop"] = unit_roles.add_plan_role(
        store, plan, code="Co-P", name={"fr": "Co-pilote désigné"}
    ).id
    ids["oot"] = unit_roles.add_plan_role(store, plan, code="OOT", name="Opérateur").id
    unit_roles.set_unit_role(store, ids["oo11"], ids["DGB"], UnitRole.CO_LEAD)
    unit_roles.set_unit_role(store, ids["oo11"], ids["SPF"], UnitRole.OWN, ids["oot"])
    unit_roles.set_unit_role(store, ids["oo21"], ids["SPF"], UnitRole.INVOLVED)
    transversal.set_serves(store, ids["oo11"], [ids["os2"]])
    return ids


def test_roles_are_set_undone_and_refused_where_they_make_no_sense(store, contract):
    c = contract
    changed = unit_roles.set_unit_role(store, c["oo21"], c["SPF"], UnitRole.OWN, c["cop"])
    assert changed.old["role"] == (UnitRole.INVOLVED, None)
    unit_roles.set_unit_role(store, c["oo21"], c["SPF"], *changed.old["role"])  # undo
    assert unit_roles.links_of(store, c["oo21"]) == [
        unit_roles.UnitLink(c["SPF"], UnitRole.INVOLVED)
    ]
    with pytest.raises(ValidationError, match="lead unit"):
        unit_roles.set_unit_role(store, c["oo11"], c["DGA"], UnitRole.INVOLVED)
    with pytest.raises(ValidationError, match="plan's roles"):
        unit_roles.set_unit_role(store, c["oo11"], c["DGB"], UnitRole.OWN)
    with pytest.raises(ValidationError, match="already has a role"):
        unit_roles.add_plan_role(store, c["plan"], code="co-p")
    with pytest.raises(ValidationError, match="still hold it"):
        unit_roles.delete_plan_role(store, c["oot"])
    removed = unit_roles.set_unit_role(store, c["oo21"], c["SPF"], None)
    assert removed.old["role"] == (UnitRole.INVOLVED, None)
    assert unit_roles.links_of(store, c["oo21"]) == []


def test_the_matrix_names_who_does_what(store, contract):
    c = contract
    matrix = unit_roles.unit_matrix(store, c["plan"])
    assert [u[1] for u in matrix.units] == ["DGA", "DGB", "SPF"]
    cells = {r.code: r.cells for r in matrix.rows}
    assert cells["OO 1.1"] == {c["DGA"]: "lead", c["DGB"]: "co_lead", c["SPF"]: "OOT"}
    assert cells["OO 2.1"] == {c["DGB"]: "lead", c["SPF"]: "involved"}
    assert matrix.has_roles


def test_transversal_links_are_checked_and_read_both_ways(store, contract):
    c = contract
    links = transversal.plan_transversal(store, c["plan"])
    assert links.serves == {c["oo11"]: (c["os2"],)} and links.served_by == {c["os2"]: (c["oo11"],)}
    with pytest.raises(ValidationError, match="already sits under"):
        transversal.set_serves(store, c["oo11"], [c["os1"]])
    with pytest.raises(ValidationError, match="does not serve"):
        transversal.set_serves(store, c["os1"], [c["os2"]])
    with pytest.raises(ValidationError, match="strategic objectives"):
        transversal.set_serves(store, c["oo21"], [c["oo11"]])
    changed = transversal.set_serves(store, c["oo11"], [])
    assert changed.old["serves"] == (c["os2"],)
    transversal.set_serves(store, c["oo11"], changed.old["serves"])  # undo
    # deleting the axis a link points to takes the link with it; restoring brings it back
    gone = objectives.delete_objective(store, c["os2"])
    assert transversal.plan_transversal(store, c["plan"]).serves == {}
    objectives.restore_objective(store, gone.ids)
    assert transversal.plan_transversal(store, c["plan"]).serves == {c["oo11"]: (c["os2"],)}


def test_the_pdf_prints_roles_the_transversal_mark_list_and_matrix(store, contract, tmp_path):
    out = tmp_path / "ca.pdf"
    export_pdf(store, contract["plan"], out, language="fr")
    text = " ".join(pdf_text(out).split())
    assert "Unités co-pilotes : Direction B" in text.replace("\u202f", " ")
    assert "Opérateur (OOT)" in text and "Direction B" in text
    assert "Sert aussi" in text  # OO 1.1 also serves OS 2
    assert "↗ OO 1.1" in text  # the mark under OS 2
    assert "Objectifs transversaux" in text
    assert "Unités et leurs rôles" in text and "● unité pilote" in text
    matrix = text[text.rindex("Unités et leurs rôles") :]
    assert "DGA DGB SPF" in matrix and "● ◐ OOT" in matrix


def test_the_workbook_carries_roles_links_and_a_matrix(store, contract, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "ca.xlsx"
    export_xlsx(store, contract["plan"], out, language="fr")
    wb = load_workbook(out, read_only=True)
    names = {r[0]: r[1] for r in wb["_planner"].iter_rows(values_only=True)}
    matrix = list(wb[names["sheet:unit_matrix"]].iter_rows(values_only=True))
    wb.close()
    assert matrix[1][:5] == ("Code", "Titre", "DGA", "DGB", "SPF")
    assert matrix[2] == ("OO 1.1", "Simplifier", "pilote", "co-pilote", "OOT")
    assert matrix[3] == ("OO 2.1", "Numériser", None, "pilote", "impliquée")
    result = import_xlsx(tmp_path / "copy.plan", out)
    with store.read() as s:
        want = json.loads(canonical_content(s, contract["plan"]))
    with PlanFile.open(tmp_path / "copy.plan", readonly=True) as copy, copy.read() as s:
        got = json.loads(canonical_content(s, result.plan_id))
    assert got == want


def test_a_workbook_of_the_release_before_keeps_its_partners_as_involved(store, contract, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "ca.xlsx"
    export_xlsx(store, contract["plan"], out, language="fr")
    wb = load_workbook(out)
    names = {r[0].value: r[1].value for r in wb["_planner"].iter_rows()}
    for key in ("objective_units", "plan_roles", "unit_matrix"):
        del wb[names[f"sheet:{key}"]]
    wb.save(out)
    result = import_xlsx(tmp_path / "old.plan", out)
    with PlanFile.open(tmp_path / "old.plan", readonly=True) as copy:
        links = unit_roles.plan_links(copy, result.plan_id)
    assert {link.role for group in links.values() for link in group} == {UnitRole.INVOLVED}
    assert sum(len(group) for group in links.values()) == 3


# --- the exchange -------------------------------------------------------------------------

from tests import exchange_support  # noqa: E402

enrolled = exchange_support.enrolled
exchange_template = exchange_support.exchange_template


def _content(site, plan_id):
    """The plan's content but other units' staffing (headquarters keeps it back)."""
    with site.store.read() as s:
        content = json.loads(canonical_content(s, plan_id))
    content.pop("staffing_figures")
    return content


def test_roles_links_and_the_chapter_tree_travel_and_a_post_keeps_to_its_part(enrolled):
    from planner_app.services import chapter_tables, sections

    ex, ids = enrolled, enrolled.ids
    plan = ids["plan"]
    role = unit_roles.add_plan_role(ex.hq.store, plan, code="Co-P", name="Copiloot").id
    unit_roles.set_unit_role(ex.hq.store, ids["theirs"], ids["post_unit"], UnitRole.OWN, role)
    sd2 = objectives.add_objective(ex.hq.store, plan, level=ObjectiveLevel.STRATEGIC, title="SD2")
    transversal.set_serves(ex.hq.store, ids["mine"], [sd2.id])
    top = sections.add_section(ex.hq.store, plan, kind="free", title="Inleiding").id
    sub = sections.add_section(ex.hq.store, plan, kind="objectives", parent_id=top).id
    chapter_tables.add_table_row(ex.hq.store, top, cells=["a", {"nl": "b"}], header=True)
    report = ex.to_post()
    assert report.refused == [] and report.conflicts == []
    assert _content(ex.post, plan) == _content(ex.hq, plan)
    assert [s.id for s in sections.load_sections(ex.post.store, plan)] == [top, sub]
    # the post gives a unit a role in its own objective: taken; in another's: refused
    unit_roles.set_unit_role(ex.post.store, ids["mine"], ids["other_unit"], UnitRole.CO_LEAD)
    unit_roles.set_unit_role(ex.post.store, ids["theirs"], ids["post_unit"], UnitRole.CO_LEAD)
    back = ex.to_hq()
    assert len(back.refused) >= 1 and back.conflicts == []
    links = unit_roles.plan_links(ex.hq.store, plan)
    assert unit_roles.UnitLink(ids["other_unit"], UnitRole.CO_LEAD) in links[ids["mine"]]
    assert links[ids["theirs"]] == [unit_roles.UnitLink(ids["post_unit"], UnitRole.OWN, role)]
    assert ex.hq.problems() == [] and ex.post.problems() == []
