"""Word documents of each shape import to the expected outline, round-trip through the
workbook, and hostile ones are refused quickly, changing nothing (issue 30)."""

from __future__ import annotations

import resource
import time
from decimal import Decimal
from pathlib import Path

import pytest

from planner_app.cli import main
from planner_app.exporting.excel import export_xlsx
from planner_app.exporting.excel_import import import_xlsx
from planner_app.importing.docx_limits import DocumentRefusedError
from planner_app.importing.reader import read_outline
from planner_app.importing.render import outline_lines
from planner_app.services import details, plans, units
from planner_app.services.sections import load_sections
from planner_app.services.tree_read import load_tree
from planner_app.storage import PlanFile
from tests import docx_builders as build


def _import(tmp_path: Path, source: Path, *extra: str) -> Path:
    target = tmp_path / "plan.plan"
    assert main(["import", str(target), "--docx", str(source), "--plan", "p", *extra]) == 0
    return target


def _plan_outline(path: Path, code: str) -> list[tuple]:
    """Chapters and the objective tree of a plan, as written."""
    with PlanFile.open(path, readonly=True) as store:
        plan_id = plans.find_plan(store, code).id
        chapters = [
            (s.kind.value, s.title["nl"] if "nl" in s.title else next(iter(s.title.values())))
            for s in load_sections(store, plan_id)
        ]
        tree = [
            (n.level.value, n.code, next(iter(n.title.values()))) for n in load_tree(store, plan_id)
        ]
    return [*chapters, *tree]


def test_numbered_headings(tmp_path: Path):
    source = build.numbered_headings(tmp_path / "headings.docx")
    assert outline_lines(read_outline(source, "docx").tree()) == [
        "1  Inleiding",
        "  1.1  Missie",
        "  1.2  SWOT-analyse",
        "2  Strategische doelstellingen",
        "  SD 1  Een veilige samenleving",
        "    OD 1.1  Betere alarmering",
        "      1.1.1  Nieuw alarmsysteem",
        "      1.1.2  Opleiding van de operatoren",
        "    OD 1.2  Sterkere hulpverlening",
        "  SD 2  Een wendbare organisatie",
        "    OD 2.1  Digitale werkplek",
        "3  Communicatieplan",
    ]
    target = _import(tmp_path, source, "--lang", "nl")
    with PlanFile.open(target, readonly=True) as store:
        plan_id = plans.find_plan(store, "p").id
        sections = {s.title["nl"]: s for s in load_sections(store, plan_id)}
        assert sections["1.1 Missie"].kind.value == "mission"
        swot = sections["1.2 SWOT-analyse"]
        assert swot.kind.value == "swot"
        assert swot.parts == {
            "strengths": {"nl": "Een sterk netwerk."},
            "weaknesses": {"nl": "Verouderde systemen."},
        }
        assert sections["3 Communicatieplan"].kind.value == "communication"
        # chapters are a tree, numbered as printed; chapter 2 places the objective tree
        assert sections["1.1 Missie"].parent_id == sections["1 Inleiding"].id
        assert sections["1 Inleiding"].parent_id is None and not sections["1 Inleiding"].numbered
        assert sections["2 Strategische doelstellingen"].kind.value == "objectives"
        nodes = {n.code: n for n in load_tree(store, plan_id)}
        assert set(nodes) == {"SD 1", "OD 1.1", "1.1.1", "1.1.2", "OD 1.2", "SD 2", "OD 2.1"}
        alarm = details.objective_detail(store, nodes["1.1.1"].id)
        unit_names = {u.id: u.name["nl"] for u in units.load_units(store, plan_id)}
        assert unit_names[alarm.lead_unit_id] == "AD Digitale Innovatie"
        assert unit_names[nodes["OD 1.1"].lead_unit_id] == "Nationaal Crisiscentrum"
        assert [(m.period, m.text["nl"]) for m in alarm.milestones] == [
            ("Q2", "aanbesteding gegund"),
            ("Q4 2025", "systeem in gebruik"),
        ]
        (indicator,) = alarm.indicators
        assert indicator.name == {"nl": "aantal bereikte burgers"}
        assert indicator.unit_of_measure == "%"
        assert indicator.values == {(2026, details.ValueKind.TARGET): Decimal(80)}
        assert alarm.description == {"nl": "Een tekst die geen veld is."}
        assert details.objective_detail(store, nodes["SD 1"].id).description == {
            "nl": "We werken aan veiligheid voor iedereen."
        }


def test_outline_numbering_as_a_word_list(tmp_path: Path):
    source = build.outline_list(tmp_path / "list.docx")
    outline = read_outline(source, "docx")
    assert outline_lines(outline.tree()) == [
        "Inleiding",
        "Doelstellingen",
        "  1  Kaderen",
        "    1.1  Wetgeving moderniseren",
        "      1.1.1  Kieswet herzien",
        "      1.1.2  Identiteitskaart digitaal",
        "    1.2  Samenwerken",
        "  2  Inrichten",
        "    2.1  Rollen verduidelijken",
        "Ondertekening",
    ]
    levels = [n.level for n, _d in outline.tree().walk()]
    assert levels == ["strategic", "operational", "initiative", "initiative", "operational",
                      "strategic", "operational"]  # fmt: skip


def test_a_french_three_level_tree(tmp_path: Path):
    source = build.french_tree(tmp_path / "fr.docx")
    outline = read_outline(source, "docx")
    assert outline_lines(outline.tree())[1:4] == [
        "  OS 1  Renforcer la sécurité",
        "    OO 1.1  Moderniser l'alerte",
        "      PRJ 1.1.1  Nouveau système d'alerte",
    ]
    target = _import(tmp_path, source, "--lang", "fr")
    with PlanFile.open(target, readonly=True) as store:
        plan_id = plans.find_plan(store, "p").id
        assert plans.plan_info(store, plan_id).languages == ("fr",)
        nodes = {n.code: n for n in load_tree(store, plan_id)}
        project = details.objective_detail(store, nodes["1.1.1"].id)
        assert project.indicators[0].values == {(2026, details.ValueKind.TARGET): Decimal("80.5")}
        assert [m.period for m in project.milestones] == ["T2"]
        assert project.kind.value == "project"


def test_a_budget_table_is_kept_and_said(tmp_path: Path, capsys):
    source = build.budget_table(tmp_path / "budget.docx")
    outline = read_outline(source, "docx")
    kinds = [e.table.kind for e in outline.entries if e.table is not None]
    assert kinds == ["budget", "other"]
    target = _import(tmp_path, source)
    out = capsys.readouterr().out
    assert "A budget table (4 rows) is kept as text" in out
    with PlanFile.open(target, readonly=True) as store:
        plan_id = plans.find_plan(store, "p").id
        (chapter, _signature) = load_sections(store, plan_id)
        body = next(iter(chapter.body.values()))
        assert "Personeel | 323.381 | 327.421" in body and "Doelgroep | Kanaal" in body


@pytest.mark.parametrize(
    "builder", [build.numbered_headings, build.outline_list, build.french_tree]
)
def test_round_trip_through_the_workbook(tmp_path: Path, builder):
    source = builder(tmp_path / "doc.docx")
    target = _import(tmp_path, source)
    workbook = tmp_path / "plan.xlsx"
    with PlanFile.open(target, readonly=True) as store:
        info = plans.find_plan(store, "p")
        export_xlsx(store, info.id, workbook, language=info.languages[0])
    again = tmp_path / "again.plan"
    import_xlsx(again, workbook)
    assert _plan_outline(again, "p") == _plan_outline(target, "p")


HOSTILE = {
    "zip bomb": (lambda src, p: build.zip_bomb(p), "zip bomb"),
    "entity bomb": (lambda src, p: build.with_entity_bomb(src, p), "DTD"),
    "100,001 paragraphs": (lambda src, p: build.many_paragraphs(p), "100000 paragraphs"),
    "macro-enabled renamed": (lambda src, p: build.macro_enabled(src, p), "macro-enabled"),
    "not a zip": (lambda src, p: (p.write_bytes(b"plain text, not Word"), p)[1], "not a zip"),
    "a zip of malformed Word parts": (
        lambda src, p: build.many_paragraphs(p, 10),
        "cannot be read as a Word document",
    ),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_documents_are_refused(tmp_path: Path, case: str, capsys):
    good = build.numbered_headings(tmp_path / "good.docx")
    make, word = HOSTILE[case]
    bad = make(good, tmp_path / "bad.docx")
    target = tmp_path / "kept.plan"
    assert main(["import", str(target), "--docx", str(good), "--plan", "p"]) == 0
    before = target.read_bytes()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    assert main(["import", str(target), "--docx", str(bad), "--plan", "p"]) == 2
    assert time.monotonic() - started < 10
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss) / 1024
    assert grown_mb < 100
    err = capsys.readouterr().err
    assert word in err and "bad.docx" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert target.read_bytes() == before
    with pytest.raises(DocumentRefusedError):
        read_outline(bad, "docx")
