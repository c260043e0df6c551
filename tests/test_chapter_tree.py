"""Chapters as the document has them (issue 24, item 1): a tree of numbered chapters and
sub-chapters in the document's order, the objectives (and budget, staffing, signatures)
placed among them, chapters that combine kinds, hold an image or a simple table; the
numbers derived, printed, and kept through moves, undo, the workbook and migrations."""

from __future__ import annotations

import random
import uuid

import pytest

from planner_app.domain.enums import ObjectiveLevel, PlanKind, SectionKind
from planner_app.errors import ValidationError
from planner_app.exporting.pdf import export_pdf
from planner_app.services import (
    chapter_tables,
    images,
    objectives,
    plan_parts,
    plans,
    sections,
)
from planner_app.services.chapter_tree import chapter_outline
from tests.test_plan_document import pdf_text, png


def outline(store, plan_id) -> list[tuple[str, str]]:
    """(number, title or kind) of every printed chapter, in document order."""
    return [
        (e.number, e.title.get("nl") or e.kind.value)
        for e in chapter_outline(store, plan_id)
        if e.printed
    ]


@pytest.fixture
def plan(store):
    """A strategic plan with chapters 1-3, then objectives as chapter 4, then 5."""
    plan_id = plans.create_plan(
        store, code="s", kind=PlanKind.STRATEGIC, title="S", first_year=2025, last_year=2029
    ).id
    add = sections.add_section
    ids = {}
    ids["1"] = add(store, plan_id, kind="free", title="Inleiding").id
    ids["1.1"] = add(store, plan_id, kind="free", title="Draagwijdte", parent_id=ids["1"]).id
    ids["1.2"] = add(store, plan_id, kind="free", title="Uitvoering", parent_id=ids["1"]).id
    ids["2"] = add(
        store, plan_id, kind="mission", also=["vision"], title="Missie en visie", body="Wij."
    ).id
    ids["3"] = add(store, plan_id, kind="swot", title="SWOT").id
    ids["4"] = add(store, plan_id, kind="objectives", title="Strategische doelstellingen").id
    ids["5"] = add(store, plan_id, kind="values", title="Waarden").id
    ids["sd"] = objectives.add_objective(
        store, plan_id, level=ObjectiveLevel.STRATEGIC, title="Kaderen"
    ).id
    ids["plan"] = plan_id
    return ids


def test_numbers_follow_the_tree_and_objectives_are_chapter_4(store, plan):
    assert outline(store, plan["plan"]) == [
        ("1", "Inleiding"),
        ("1.1", "Draagwijdte"),
        ("1.2", "Uitvoering"),
        ("2", "Missie en visie"),
        ("3", "SWOT"),
        ("4", "Strategische doelstellingen"),
        ("5", "Waarden"),
    ]


def test_unnumbered_chapters_and_empty_made_parts_take_no_number(store, plan):
    sections.update_section(store, plan["1"], numbered=False)  # a foreword
    plan_parts.add_signatory(store, plan["plan"], function="De minister", name="X")
    objectives.delete_objective(store, plan["sd"])  # no objectives: chapter 4 is empty
    assert outline(store, plan["plan"]) == [
        ("", "Inleiding"),
        ("", "Draagwijdte"),  # under an unnumbered chapter
        ("", "Uitvoering"),
        ("1", "Missie en visie"),
        ("2", "SWOT"),
        ("3", "Waarden"),
        ("4", "signatures"),  # not placed: after the chapters, as before
    ]


def test_a_plan_without_a_tree_prints_its_parts_after_its_chapters(store, plan_id, tree):
    sections.add_section(store, plan_id, kind="mission", title="Missie")
    plan_parts.add_signatory(store, plan_id, function="De minister", name="X")
    assert outline(store, plan_id) == [
        ("1", "Missie"),
        ("2", "objectives"),
        ("3", "budget"),  # the fixture's budget line
        ("4", "signatures"),
    ]


def test_the_pdf_prints_the_chapters_in_the_trees_order_with_their_numbers(store, plan, tmp_path):
    sections.update_section(store, plan["2"], body={"nl": "Wij zijn er voor iedereen."})
    out = tmp_path / "p.pdf"
    export_pdf(store, plan["plan"], out, language="nl")
    text = pdf_text(out)
    order = [
        "1\u00a0 Inleiding",
        "1.1\u00a0 Draagwijdte",
        "1.2\u00a0 Uitvoering",
        "2\u00a0 Missie en visie",
        "3\u00a0 SWOT",
        "4\u00a0 Strategische doelstellingen",
        "SD 1",
        "5\u00a0 Waarden",
    ]
    body = text[text.index("Wij zijn er") - 40 :]  # past the contents page
    positions = [body.replace("\u00a0", " ").find(o.replace("\u00a0", " ")) for o in order[3:]]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), positions
    for heading in order:
        assert heading.replace("\u00a0", " ") in text.replace("\u00a0", " ")


def test_kinds_combine_but_made_parts_stand_alone_once(store, plan):
    plan_id = plan["plan"]
    with pytest.raises(ValidationError, match="holds nothing else"):
        sections.add_section(store, plan_id, kind="budget", also=["mission"])
    with pytest.raises(ValidationError, match="already places"):
        sections.add_section(store, plan_id, kind="objectives")
    with pytest.raises(ValidationError, match="cannot be combined"):
        sections.update_section(store, plan["5"], also=["staffing"])
    sections.update_section(store, plan["3"], also=["pestel"])  # SWOT and PESTEL together
    sections.set_section_part(store, plan["3"], "political", "Verkiezingen")
    sections.set_section_part(store, plan["3"], "threats", "Besparingen")
    with pytest.raises(ValidationError, match="not a part"):
        sections.set_section_part(store, plan["5"], "threats", "X")
    (swot,) = [s for s in sections.load_sections(store, plan_id) if s.id == plan["3"]]
    assert swot.kinds == (SectionKind.SWOT, SectionKind.PESTEL)
    assert swot.parts == {"political": {"nl": "Verkiezingen"}, "threats": {"nl": "Besparingen"}}


def test_moves_indent_outdent_and_their_undo(store, plan):
    plan_id = plan["plan"]
    # indent "SWOT" under "Missie en visie" (it becomes 2.1), then put it back
    moved = sections.move_section(store, plan["3"], 0, parent_id=plan["2"])
    assert ("2.1", "SWOT") in outline(store, plan_id)
    old = moved.old
    sections.move_section(store, plan["3"], old["position"], parent_id=old["parent_id"])
    assert outline(store, plan_id)[4] == ("3", "SWOT")
    # outdent 1.2 to after chapter 1
    sections.move_section(store, plan["1.2"], 1, parent_id=None)
    assert outline(store, plan_id)[:3] == [
        ("1", "Inleiding"),
        ("1.1", "Draagwijdte"),
        ("2", "Uitvoering"),
    ]
    with pytest.raises(ValidationError, match="under itself"):
        sections.move_section(store, plan["1"], 0, parent_id=plan["1.1"])


def test_deleting_a_chapter_takes_its_sub_chapters_and_restore_brings_them_back(store, plan):
    plan_id = plan["plan"]
    before = outline(store, plan_id)
    chapter_tables.add_table_row(store, plan["1.1"], cells=["a", "b"])
    images.set_image(store, plan_id, data=png(), section_id=plan["1.2"])
    gone = sections.delete_section(store, plan["1"])
    assert len(gone.ids) == 5  # the chapter, two sub-chapters, a table row, an image
    assert outline(store, plan_id)[0] == ("1", "Missie en visie")
    sections.restore_section(store, gone.ids, position=gone.extra["position"])
    assert outline(store, plan_id) == before
    (sub,) = [s for s in sections.load_sections(store, plan_id) if s.id == plan["1.2"]]
    assert sub.image is not None and sub.image.width == 40


def test_a_chapters_table_edits_and_prints(store, plan, tmp_path):
    chapter = plan["5"]
    head = chapter_tables.add_table_row(store, chapter, cells=["Waarde", "Uitleg"], header=True)
    row = chapter_tables.add_table_row(store, chapter, cells=["Respect", "Wij luisteren"])
    changed = chapter_tables.update_table_row(store, row.ids[1], cells=[{"nl": "Respect"}, "Open"])
    assert changed.old["cells"] == [{"nl": "Respect"}, {"nl": "Wij luisteren"}]
    wider = chapter_tables.insert_column(store, chapter, 1)
    (section,) = [s for s in sections.load_sections(store, plan["plan"]) if s.id == chapter]
    assert [len(r.cells) for r in section.table] == [3, 3]
    chapter_tables.set_table_cells(store, chapter, wider.old["cells"])  # undo
    (section,) = [s for s in sections.load_sections(store, plan["plan"]) if s.id == chapter]
    assert section.table[1].cells == ({"nl": "Respect"}, {"nl": "Open"})
    assert section.table[0].header and head.ids[0] == chapter
    with pytest.raises(ValidationError, match="made by the app"):
        chapter_tables.add_table_row(store, plan["4"], cells=["x"])
    out = tmp_path / "t.pdf"
    export_pdf(store, plan["plan"], out, language="nl")
    text = pdf_text(out)
    assert "Waarde" in text and "Uitleg" in text and "Open" in text


def test_a_chapter_image_prints_within_the_page(store, plan, tmp_path):
    images.set_image(
        store, plan["plan"], data=png(3000, 1000), section_id=plan["1.1"], caption="Organogram"
    )
    out = tmp_path / "i.pdf"
    export_pdf(store, plan["plan"], out, language="nl")
    assert b"/Subtype /Image" in out.read_bytes()
    assert "Organogram" in pdf_text(out)


def test_random_moves_keep_one_tree_and_undo_restores_it(store, plan):
    """Seeded random moves, indents and outdents: every chapter stays in the tree once,
    depths follow parents, numbers stay unique; undoing every step in reverse order
    gives back the tree and its numbers exactly."""
    plan_id = plan["plan"]
    rng = random.Random(24)
    start = [(s.id, s.parent_id, s.position) for s in sections.load_sections(store, plan_id)]
    start_outline = outline(store, plan_id)
    undo: list[tuple[uuid.UUID, dict]] = []
    for _step in range(60):
        tree = sections.load_sections(store, plan_id)
        node = rng.choice(tree)
        parents = [None, *(s.id for s in tree)]
        parent = rng.choice(parents)
        try:
            moved = sections.move_section(store, node.id, rng.randrange(0, 6), parent_id=parent)
        except ValidationError:
            continue  # under itself: refused, nothing changed
        undo.append((node.id, moved.old))
        tree = sections.load_sections(store, plan_id)
        assert sorted(s.id for s in tree) == sorted(i for i, _p, _n in start)
        depth = {s.id: s.depth for s in tree}
        for s in tree:
            assert s.depth == (0 if s.parent_id is None else depth[s.parent_id] + 1)
        numbers = [n for n, _t in outline(store, plan_id) if n]
        assert len(numbers) == len(set(numbers))
    for row_id, old in reversed(undo):
        sections.move_section(store, row_id, old["position"], parent_id=old["parent_id"])
    back = [(s.id, s.parent_id, s.position) for s in sections.load_sections(store, plan_id)]
    assert back == start and outline(store, plan_id) == start_outline


def test_the_workbook_carries_the_tree_kinds_tables_and_images(store, plan, tmp_path):
    import json

    from openpyxl import load_workbook

    from planner_app.exporting.excel import export_xlsx
    from planner_app.exporting.excel_import import import_xlsx
    from planner_app.services.fingerprint import canonical_content
    from planner_app.storage import PlanFile

    plan_id = plan["plan"]
    sections.update_section(store, plan["1"], numbered=False)
    chapter_tables.add_table_row(store, plan["5"], cells=["Waarde", "Uitleg"], header=True)
    chapter_tables.add_table_row(store, plan["5"], cells=["Respect", {"nl": "Open"}])
    images.set_image(store, plan_id, data=png(), section_id=plan["1.1"], caption="Organogram")
    out = tmp_path / "c.xlsx"
    export_xlsx(store, plan_id, out, language="nl")
    wb = load_workbook(out, read_only=True)
    names = {r[0]: r[1] for r in wb["_planner"].iter_rows(values_only=True)}
    chapters = list(wb[names["sheet:chapters"]].iter_rows(values_only=True))
    assert [r[0] for r in chapters[2:]] == [None, None, None, "1", "2", "3", "4"]  # numbers
    wb.close()
    result = import_xlsx(tmp_path / "copy.plan", out)
    with store.read() as s:
        want = json.loads(canonical_content(s, plan_id))
    with PlanFile.open(tmp_path / "copy.plan", readonly=True) as copy:
        with copy.read() as s:
            got = json.loads(canonical_content(s, result.plan_id))
        assert outline(copy, result.plan_id) == outline(store, plan_id)
    assert got == want


def test_an_imported_workbook_cannot_place_a_part_twice(store, plan, tmp_path):
    from openpyxl import load_workbook

    from planner_app.exporting.excel import export_xlsx
    from planner_app.exporting.excel_import import import_xlsx

    out = tmp_path / "c.xlsx"
    export_xlsx(store, plan["plan"], out, language="en")
    wb = load_workbook(out)
    names = {r[0].value: r[1].value for r in wb["_planner"].iter_rows()}
    sheet = wb[names["sheet:chapters"]]
    keys = [c.value for c in sheet[1]]
    kind = keys.index("kind") + 1
    sheet.cell(row=3, column=kind).value = "objectives"  # chapter 1 too
    wb.save(out)
    with pytest.raises(ValidationError, match="already places"):
        import_xlsx(tmp_path / "bad.plan", out)
