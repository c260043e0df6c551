"""The legal minimum content (services.completeness, `planner-app completeness`): each
element's rule, in English, Dutch and French; the demo's IBZ plan as the seed has it;
making a plan final after the check, and the note it leaves in the file."""

from __future__ import annotations

import json

import pytest

from planner_app.cli import main
from planner_app.domain.enums import PlanKind, PlanState
from planner_app.domain.legal_minimum import OPERATIONAL_PLAN, STRATEGIC_PLAN, table_for
from planner_app.errors import ValidationError
from planner_app.i18n import set_language, translator
from planner_app.services import plans
from planner_app.services.completeness import check_plan, final_note, make_final_checked
from planner_app.services.fingerprint import current_fingerprint
from planner_app.storage import PlanFile
from tests.completeness_support import (
    OPERATIONAL_BREAKS,
    STRATEGIC_BREAKS,
    complete_operational,
    complete_strategic,
)


@pytest.fixture(autouse=True)
def _english():
    """``main`` sets the process's UI language; the service's sentences follow it."""
    set_language("en")
    yield
    set_language("en")


MISSING_WORD = {"en": "MISSING", "nl": "ONTBREEKT", "fr": "MANQUANT"}
PRESENT_WORD = {"en": "present", "nl": "aanwezig", "fr": "présent"}


def test_every_element_of_the_tables_has_a_rule_tested():
    assert set(STRATEGIC_BREAKS) == {e.key for e in STRATEGIC_PLAN}
    assert set(OPERATIONAL_BREAKS) == {e.key for e in OPERATIONAL_PLAN}


@pytest.mark.parametrize(
    ("build", "kind"), [(complete_strategic, "strategic"), (complete_operational, "operational")]
)
def test_a_plan_with_every_element_passes(store, build, kind):
    built = build(store)
    report = check_plan(store, built.plan_id)
    assert report.kind.value == kind
    assert [e.element.key for e in report.missing] == []
    assert report.complete and report.has_rules


def _cases():
    for lang in ("en", "nl", "fr"):
        for key in STRATEGIC_BREAKS:
            yield pytest.param(complete_strategic, STRATEGIC_BREAKS, key, lang, id=f"{key}-{lang}")
        for key in OPERATIONAL_BREAKS:
            yield pytest.param(
                complete_operational, OPERATIONAL_BREAKS, key, lang, id=f"{key}-{lang}"
            )


@pytest.mark.parametrize(("build", "breaks", "key", "lang"), list(_cases()))
def test_each_elements_rule_in_each_language(store, capsys, monkeypatch, build, breaks, key, lang):
    """Taking one element away makes that element, and only it, missing: exit 5, and the
    list says so in the user's language, with where to fill it in."""
    built = build(store)
    breaks[key](store, built)
    report = check_plan(store, built.plan_id)
    assert [e.element.key for e in report.missing] == [key]
    code = plans.plan_info(store, built.plan_id).code
    path = store.path
    store.close()
    monkeypatch.setenv("PLANNER_LANG", lang)
    assert main(["completeness", str(path), "--plan", code]) == 5
    out = capsys.readouterr().out
    t = translator(lang)
    element = next(r.element for r in report.elements if r.element.key == key)
    name, where = t(element.name), t(element.where)
    if lang != "en":  # the catalogue has the element's words in nl and fr
        assert name != element.name and where != element.where
    lines = out.splitlines()
    row = next(n for n, line in enumerate(lines) if line.endswith(f"] {name}"))
    assert lines[row].strip().startswith(f"[{MISSING_WORD[lang]}]")
    assert where in lines[row + 2]
    others = [line for line in lines if line.strip().startswith("[")]
    assert sum(line.strip().startswith(f"[{PRESENT_WORD[lang]}]") for line in others) == (
        len(others) - 1
    )


def test_the_ibz_plan_as_the_seed_has_it(demo_path, capsys):
    """Checked by hand against seed 003: its chapters hold the mission (§2.1), the
    stakeholders (§2.2), PESTEL (§2.3) and SWOT (§2.4), the vision and the values (§7),
    the strategy for the legislature with four described SDs (§3), the communication
    plan (§4) and the parties' commitments ("Beheersprincipes", §1.4). It lacks a
    multi-year financial framework (§5.2 "Meerjarig middelenschema" gives 2025 only),
    the transversal objectives ("not yet determined; added later by addendum", §3) and
    a holder of a management function per objective (no SD names one)."""
    with PlanFile.open(demo_path, readonly=True) as store:
        ibz = plans.find_plan(store, "ibz-2025-2029")
        report = check_plan(store, ibz.id)
    present = {e.element.key: e.present for e in report.elements}
    assert present == {
        "mission": True,
        "vision": True,
        "values": True,
        "environment": True,
        "stakeholders": True,
        "legislature": True,
        "communication": True,
        "financial_framework": False,
        "commitments": True,
        "transversal": False,
        "responsibility": False,
    }
    details = {e.element.key: e.detail for e in report.elements}
    assert details["financial_framework"] == (
        "Budget amounts for 2025 only; at least 2 years are needed."
    )
    assert "SD 1, SD 2, SD 3, SD 4" in details["responsibility"]
    assert main(["completeness", str(demo_path), "--plan", "ibz-2025-2029"]) == 5
    assert "3 of 11 required elements missing." in capsys.readouterr().out


def test_a_new_empty_operational_plan_fails_with_exit_5(tmp_path, empty_plan_file, capsys):
    import shutil

    path = tmp_path / "op.plan"
    shutil.copy2(empty_plan_file, path)
    with PlanFile.open(path) as store:
        plans.create_plan(
            store, code="op-2026", kind=PlanKind.OPERATIONAL, title="Nieuw", first_year=2026
        )
    assert main(["completeness", str(path)]) == 5
    out = capsys.readouterr().out
    assert "6 of 6 required elements missing." in out
    assert main(["completeness", str(path), "--json"]) == 5
    data = json.loads(capsys.readouterr().out)
    assert data["complete"] is False
    assert [e["present"] for e in data["elements"]] == [False] * 6
    assert data["elements"][0]["place"] == "tree"


def test_a_kind_the_law_does_not_cover_requires_nothing(demo_path, capsys):
    assert table_for(PlanKind.BUSINESS) == ()
    assert main(["completeness", str(demo_path), "--plan", "dkbuza-2025"]) == 0
    assert "nothing is required" in capsys.readouterr().out


def test_the_json_output_names_every_element(demo_path, capsys):
    assert main(["completeness", str(demo_path), "--plan", "ibz-2025-2029", "--json"]) == 5
    data = json.loads(capsys.readouterr().out)
    assert [e["key"] for e in data["elements"]] == [e.key for e in STRATEGIC_PLAN]
    assert data["made_final"] is None
    responsibility = data["elements"][-1]
    assert len(responsibility["objectives"]) == 4 and responsibility["place"] == "tree"


# --- making final after the check ------------------------------------------------------


def test_make_final_after_the_check_notes_what_was_missing(store, capsys):
    built = complete_strategic(store)
    STRATEGIC_BREAKS["transversal"](store, built)
    with pytest.raises(ValidationError, match="The transversal objectives"):
        make_final_checked(store, built.plan_id)  # not acknowledged: nothing changes
    assert plans.plan_info(store, built.plan_id).state is PlanState.DRAFT
    assert final_note(store, built.plan_id) is None
    make_final_checked(store, built.plan_id, acknowledged=["transversal"])
    info = plans.plan_info(store, built.plan_id)
    assert info.state is PlanState.FINAL
    note = final_note(store, built.plan_id)
    assert note.missing == ("transversal",)
    assert note.fingerprint == info.fingerprint == current_fingerprint(store, built.plan_id)
    path = store.path
    store.close()
    assert main(["completeness", str(path)]) == 5
    assert "going on without: The transversal objectives." in capsys.readouterr().out


def test_a_complete_plan_is_made_final_with_a_note_of_nothing_missing(store):
    built = complete_operational(store)
    make_final_checked(store, built.plan_id)
    assert final_note(store, built.plan_id).missing == ()


def test_a_plan_kind_without_rules_is_made_final_without_a_note(store, plan_id):
    make_final_checked(store, plan_id)  # the business plan of conftest
    assert plans.plan_info(store, plan_id).state is PlanState.FINAL
    assert final_note(store, plan_id) is None
