"""Seeds 003 and 004 read with ``import --text``: their chapters, objectives and
nothing dropped (issue 30). The seed texts are copied into tests/data/seeds."""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

import pytest

from planner_app.cli import main
from planner_app.importing.model import Outline, Role
from planner_app.importing.reader import read_outline
from planner_app.importing.text_source import read_text_file
from planner_app.services import plans
from planner_app.services.tree_read import load_tree
from planner_app.storage import PlanFile

SEEDS = Path(__file__).parent / "data" / "seeds"
SEED_003 = next(SEEDS.glob("003_*.txt"))
SEED_004 = next(SEEDS.glob("004_*.txt"))
DEMO_004 = Path(__file__).parents[1] / "database" / "demo" / "dkbuza-2025.toml"


@pytest.fixture(scope="module")
def outline_003() -> Outline:
    return read_outline(SEED_003, "text")


@pytest.fixture(scope="module")
def outline_004() -> Outline:
    return read_outline(SEED_004, "text")


def _objectives(outline: Outline):
    return [node for node, _depth in outline.tree().walk()]


def test_seed_003_chapters(outline_003: Outline):
    chapters = [e for e in outline_003.entries if e.role is Role.CHAPTER]
    assert [c.number for c in chapters] == [
        "1.1", "1.2", "1.3", "1.4", "2", "2.1", "2.2", "2.3", "2.4", "2.5", "3", "4",
        "5.1", "5.2", "5.2.1", "5.2.2", "5.3", "6", "7",
    ]  # fmt: skip
    titles = {c.number: c.title for c in chapters}
    assert titles["3"] == "Strategie voor de legislatuur"  # its title ran on a line
    assert titles["6"] == "Handtekening van de partijen"
    kinds = {c.number: c.kind for c in chapters}
    assert kinds["2.1"] == "mission" and kinds["2.5"] == "vision"
    assert kinds["2.3"] == "pestel" and kinds["2.4"] == "swot"
    assert kinds["2.2"] == "stakeholders" and kinds["4"] == "communication"
    # footnotes are text, not chapters
    footnotes = [
        e for e in outline_003.entries if e.text.startswith(("1 De gedetailleerde", "2 EES"))
    ]
    assert footnotes and all(e.role is Role.TEXT for e in footnotes)


def test_seed_003_objectives(outline_003: Outline):
    tree = outline_003.tree()
    assert [(n.entry.code, n.entry.title) for n in tree.objectives] == [
        ("Strategische doelstelling 1", "Kaderen"),
        ("Strategische doelstelling 2", "Inrichten"),
        ("Strategische doelstelling 3", "Versterken"),
        ("Strategische doelstelling 4", "Een wendbare organisatie"),
    ]
    assert [len(n.children) for n in tree.objectives] == [6, 8, 4, 5]
    werven = [c for n in tree.objectives for c in n.children]
    assert {w.level for w in werven} == {"initiative"}
    assert werven[1].entry.title == "Het moderniseren van identiteitsmiddelen"
    # a werf's title runs on into its text: the first sentence is the title
    assert werven[5].entry.title.endswith("nationale en Europese richtlijnen.")
    assert werven[5].text_of("description").startswith("Dit omvat de hervorming")


def _demo_titles() -> dict[str, list[str]]:
    demo = tomllib.loads(DEMO_004.read_text(encoding="utf-8"))
    objectives = demo["objectives"]
    codes = {o["key"]: o.get("code", "") for o in objectives}
    out: dict[str, list[str]] = {}
    for o in objectives:
        if o.get("level") == "initiative":
            out.setdefault(codes[o["parent"]].replace("OD ", ""), []).append(o["title"])
    return out


def _key(text: str) -> str:
    return " ".join(text.casefold().split())[:30]


def test_seed_004_objectives(outline_004: Outline):
    tree = outline_004.tree()
    strategic = [n for n in tree.objectives]
    assert [n.entry.code for n in strategic] == ["SD 1", "SD 2", "SD 3.1", "SD 3.2", "SD 4", "SD 5"]
    assert [f.title for f in tree.fields] == [
        "BUITENLANDS BELEID",
        "ONTWIKKELINGSSAMENWERKING",
        "ONDERSTEUNING VLAAMSE REGERING",
        "RAMPENSCHADE",
        "INTERNE WERKING DEPARTEMENT",
    ]
    assert [n.field_index for n in strategic] == [0, 1, 2, 2, 3, 4]
    operational = [c for n in strategic for c in n.children]
    assert len(operational) == 32 and {o.level for o in operational} == {"operational"}
    assert "3.1.3" not in {o.entry.number for o in operational}  # the seed has none
    initiatives = [c for o in operational for c in o.children]
    assert len(initiatives) == 192 and {i.level for i in initiatives} == {"initiative"}
    # the same initiatives, under the same OD, as the demo plan transcribed by hand
    demo = _demo_titles()
    for od in operational:
        mine = [_key(c.entry.title) for c in od.children]
        assert mine == [_key(t) for t in demo[od.entry.number]], od.entry.code
    processes = [c for c in initiatives if c.entry.kind == "process"]
    assert len(processes) == 21  # OD 2.4's PROCESSEN and OD 5.2's listed processes


def test_seed_004_texts_and_milestones(outline_004: Outline):
    tree = outline_004.tree()
    first = tree.objectives[0].children[0].children[0]
    assert first.entry.title == "DE VLAAMSE REGERING BESCHIKT OVER EEN DUIDELIJKE VISIE OP DE EU"
    assert first.text_of("description").startswith("In 2025 neemt de VR een geactualiseerde")
    periods = [d.period for d in first.details if d.role is Role.MILESTONE]
    assert periods == ["Q1", "Q2"]
    assert "Aangenomen op VR 9/5" in first.text_of("intended_results")


@pytest.mark.parametrize("seed", [SEED_003, SEED_004], ids=["003", "004"])
def test_nothing_is_dropped(seed: Path):
    """Every non-blank line of the seed is in exactly one entry, and every word of
    the seed is in the entries' texts (hyphenated breaks joined)."""
    outline = read_outline(seed, "text")
    raw = read_text_file(seed).split("\n")
    seen = Counter(n for e in outline.entries for n in e.lines)
    nonblank = {i for i, line in enumerate(raw, 1) if line.strip()}
    assert set(seen) == nonblank
    assert max(seen.values()) == 1
    words = Counter(w for e in outline.entries for w in e.text.split())
    for i, line in enumerate(raw, 1):
        for word in line.split()[1:-1]:  # words at a line's ends may be joined
            assert words[word] > 0, (i, word)


def test_import_text_writes_the_plan(tmp_path: Path, capsys):
    target = tmp_path / "imported.plan"
    assert main(["import", str(target), "--text", str(SEED_004), "--plan", "dkbuza"]) == 0
    out = capsys.readouterr().out
    assert "230 objectives (6 strategic, 32 operational, 192 initiatives)" in out
    with PlanFile.open(target, readonly=True) as store:
        info = plans.find_plan(store, "dkbuza")
        assert info.kind.value == "business" and info.first_year == 2025
        nodes = load_tree(store, info.id)
        assert Counter(n.level.value for n in nodes) == {
            "strategic": 6, "operational": 32, "initiative": 192
        }  # fmt: skip
        codes = [n.code for n in nodes if n.level.value == "strategic"]
        assert codes == ["SD 1", "SD 2", "SD 3.1", "SD 3.2", "SD 4", "SD 5"]
    assert main(["check", str(target)]) == 0


def test_dry_run_prints_the_outline_and_changes_nothing(tmp_path: Path, capsys):
    target = tmp_path / "none.plan"
    assert main(["import", str(target), "--text", str(SEED_003), "--dry-run"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert not target.exists()
    assert "3  Strategie voor de legislatuur" in out
    assert "  Strategische doelstelling 1  Kaderen" in out
    assert "    Het moderniseren van identiteitsmiddelen" in out
    assert any(line.startswith("  4 strategic") or "4 strategic" in line for line in out)


@pytest.mark.parametrize(
    ("content", "word"),
    [(None, "does not exist"), (b"PK\x03\x04\x00\x00binary", "not a text file")],
    ids=["missing", "binary"],
)
def test_a_text_file_that_cannot_be_used_is_exit_2(tmp_path: Path, capsys, content, word):
    source = tmp_path / "plan.txt"
    if content is not None:
        source.write_bytes(content)
    assert main(["import", str(tmp_path / "p.plan"), "--text", str(source)]) == 2
    err = capsys.readouterr().err
    assert word in err and "plan.txt" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "p.plan").exists()
