"""The preview's corrections of a recognised outline (issue 30): each one alone, then
seeded random sequences of them: no word is lost, every line of the document stays in
the outline, and an outline the checks pass is always written whole."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from planner_app.domain.enums import PlanKind
from planner_app.errors import PlannerError
from planner_app.importing import corrections as c
from planner_app.importing.model import Entry, Role
from planner_app.importing.reader import pasted_outline, read_outline
from planner_app.services import plans
from planner_app.services.outline_import import check_tree, write_outline
from planner_app.services.tree_read import load_tree
from planner_app.storage import PlanFile
from tests import docx_builders as build

SEED_003 = next((Path(__file__).parent / "data" / "seeds").glob("003_*.txt"))


def _words(entries: list[Entry]) -> Counter[str]:
    return Counter(w for e in entries for w in e.text.split())


def _lines(entries: list[Entry]) -> set[int]:
    return {n for e in entries for n in e.lines}


def test_text_becomes_an_objective_with_its_number_and_first_sentence():
    outline = pasted_outline("1. Eerste\n\nDit is een lange zin die volgt. En nog een zin.\n")
    entries = outline.entries
    assert entries[1].role is Role.TEXT
    made = c.set_kind(entries, 1, Role.OBJECTIVE, "operational")[1]
    assert (made.role, made.level, made.number) == (Role.OBJECTIVE, "operational", "")
    assert made.title == "Dit is een lange zin die volgt." and made.value == "En nog een zin."
    assert made.why.text() == "set in the preview"
    back = c.set_kind(c.set_kind(entries, 1, Role.OBJECTIVE, "operational"), 1, Role.TEXT)[1]
    assert back.role is Role.TEXT and back.text == entries[1].text


def test_a_numbered_line_becomes_a_chapter_of_its_depth():
    outline = pasted_outline("2.3 Onze stakeholders\n")
    chapter = c.set_kind(outline.entries, 0, Role.CHAPTER)[0]
    assert (chapter.number, chapter.title, chapter.depth) == ("2.3", "Onze stakeholders", 2)
    assert chapter.kind == "stakeholders"


def test_levels_stop_at_the_top_and_the_bottom():
    entries = pasted_outline("1. Eerste\n1.1 Tweede\n").entries
    with pytest.raises(c.CorrectionError, match="highest"):
        c.shift(entries, 0, -1)
    lower = c.shift(entries, 1, 1)
    assert lower[1].level == "initiative"
    with pytest.raises(c.CorrectionError, match="lowest"):
        c.shift(lower, 1, 1)


def test_leaving_out_a_chapter_leaves_out_its_part(tmp_path: Path):
    entries = read_outline(build.numbered_headings(tmp_path / "d.docx"), "docx").entries
    swot = next(i for i, e in enumerate(entries) if e.text.startswith("1.2 SWOT"))
    out = c.set_excluded(entries, [swot], True)
    assert [e.excluded for e in out[swot : swot + 6]] == [True] * 5 + [False]
    assert not any(e.excluded for e in out[:swot])
    assert c.set_excluded(out, [swot], False) == entries
    sd1 = next(i for i, e in enumerate(entries) if e.text.startswith("SD 1"))
    sd2 = next(i for i, e in enumerate(entries) if e.text.startswith("SD 2"))
    out = c.set_excluded(entries, [sd1], True)
    assert all(e.excluded for e in out[sd1:sd2]) and not out[sd2].excluded


def test_merge_and_split_keep_every_word():
    entries = read_outline(SEED_003, "text").entries
    seven = next(i for i, e in enumerate(entries) if e.title == "Waarden en")
    merged = c.merge(entries, seven, seven + 1)
    assert merged[seven].title.startswith("Waarden en Coherentie vormt")
    assert _words(merged) == _words(entries) and _lines(merged) == _lines(entries)
    again = c.split(merged, seven)
    assert again[seven].role is Role.CHAPTER and again[seven + 1].role is Role.TEXT
    assert _words(again) == _words(entries) and _lines(again) == _lines(entries)
    with pytest.raises(c.CorrectionError):
        c.merge(entries, 0, 0)
    with pytest.raises(c.CorrectionError, match="one sentence"):
        c.split(pasted_outline("1. Kort\n").entries, 0)


def _random_step(rng: random.Random, entries: list[Entry]) -> list[Entry]:
    i = rng.randrange(len(entries))
    step = rng.choice(("kind", "kind", "shift", "exclude", "merge", "split"))
    if step == "kind":
        return c.set_kind(entries, i, *rng.choice(c.KINDS))
    if step == "shift":
        return c.shift(entries, i, rng.choice((-1, 1)))
    if step == "exclude":
        return c.set_excluded(entries, [i], not entries[i].excluded)
    if step == "merge":
        return c.merge(entries, max(i - 1, 0), i)
    return c.split(entries, i)


@pytest.mark.parametrize("seed", range(16))
def test_random_corrections_lose_nothing_and_write_whole(tmp_path: Path, seed: int):
    rng = random.Random(seed)
    builder = rng.choice((build.numbered_headings, build.outline_list, build.french_tree))
    outline = read_outline(builder(tmp_path / "d.docx"), "docx")
    entries, words, lines = outline.entries, _words(outline.entries), _lines(outline.entries)
    for _step in range(rng.randrange(3, 25)):
        try:
            entries = _random_step(rng, entries)
        except c.CorrectionError:
            continue
        assert _words(entries) == words, seed
        assert _lines(entries) == lines, seed
        c.rows(entries)  # what the preview shows never fails
    outline.entries = entries
    tree = outline.tree()
    problems = check_tree(tree)
    store = PlanFile.create(tmp_path / f"p{seed}.plan")
    try:
        plan_id = plans.create_plan(
            store, code="p", kind=PlanKind.STRATEGIC, title="P", first_year=2025,
            last_year=2029, languages=["nl"],
        ).id  # fmt: skip
        if problems:
            with pytest.raises(PlannerError):
                write_outline(store, plan_id, outline, language="nl")
            assert load_tree(store, plan_id) == []
            return
        write_outline(store, plan_id, outline, language="nl")
        expected = sum(
            1
            for node, _depth in tree.walk()
            if node.level != "action"  # kept in its initiative's description
        )
        assert len(load_tree(store, plan_id)) == expected, seed
    finally:
        store.close()
