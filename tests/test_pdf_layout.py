"""How the plan document's tables break across pages: a long table's header row is
repeated at the top of each page and nowhere else, its heading never ends a page with
one row under it, and no header word is broken in the middle.

A trial of the demo found each of these wrong: the budget's header row printed in the
middle of a page (the table is laid out in blocks of 40 rows, each with its header),
"Budget (kEUR)" with only the "Basis" row at the foot of a page, and "effectie|ven" in
the staffing header. Pages are read back with pdftotext, one page at a time."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from decimal import Decimal
from pathlib import Path

import pytest

from planner_app.exporting.pdf import export_pdf
from planner_app.exporting.pdf_tables import ROWS_PER_BLOCK
from planner_app.services import (
    budget_amounts,
    budget_dimensions,
    budget_lines,
    plans,
)
from planner_app.services.budget_amounts import AmountCell
from planner_app.services.budget_read import BudgetColumn
from planner_app.storage import PlanFile

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")


def pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return text.split("\f")


@pytest.fixture
def long_budget(store: PlanFile, plan_id: uuid.UUID, tmp_path: Path) -> Path:
    """A budget of ``2.5 × ROWS_PER_BLOCK`` lines, each with an amount."""
    budget_dimensions.add_stage(store, plan_id, code="INI")
    budget_dimensions.add_credit_type(store, plan_id, code="VL")
    column = BudgetColumn(2025, "INI", "VL")
    lines = [
        budget_lines.add_line(store, plan_id, title=f"Begrotingslijn {n:03d}").id
        for n in range(ROWS_PER_BLOCK * 5 // 2)
    ]
    budget_amounts.set_amounts(
        store, [AmountCell(line, column, Decimal(n + 1)) for n, line in enumerate(lines)]
    )
    out = tmp_path / "plan.pdf"
    export_pdf(store, plan_id, out, language="nl")
    return out


def test_the_header_row_is_only_at_the_top_of_a_page(long_budget: Path):
    with_table = [p for p in pages(long_budget) if "Begrotingslijn" in p]
    assert len(with_table) >= 2  # the table breaks across pages
    for page in with_table:
        lines = [line for line in page.splitlines() if line.strip()]
        headers = [i for i, line in enumerate(lines) if "INI 2025 VL" in line]
        first_row = next(i for i, line in enumerate(lines) if "Begrotingslijn" in line)
        assert len(headers) == 1, page  # never a second header in the middle
        assert headers[0] < first_row  # and it stands above the rows


def test_every_line_is_printed_once(long_budget: Path):
    text = "".join(pages(long_budget))
    for n in range(ROWS_PER_BLOCK * 5 // 2):
        assert text.count(f"Begrotingslijn {n:03d}") == 1


def test_the_budget_heading_keeps_rows_under_it(store, plan_id, tmp_path: Path):
    """Text fills the page above the budget until only the heading and a row fit: the
    heading moves to the next page with the table."""
    from planner_app.domain.enums import SectionKind
    from planner_app.services import sections

    budget_dimensions.add_stage(store, plan_id, code="INI")
    budget_dimensions.add_credit_type(store, plan_id, code="VL")
    column = BudgetColumn(2025, "INI", "VL")
    lines = [budget_lines.add_line(store, plan_id, title=f"Lijn {n}").id for n in range(30)]
    budget_amounts.set_amounts(store, [AmountCell(line, column, Decimal(7)) for line in lines])
    section = sections.add_section(store, plan_id, kind=SectionKind.FREE, title="Tekst")
    # Steps of ~6 lines (25 mm, less than the room kept): one of them puts the heading
    # at a page's foot.
    for words in range(20, 400, 20):
        sections.update_section(store, section.id, body={"nl": "woord " * words * 4})
        out = tmp_path / f"plan-{words}.pdf"
        export_pdf(store, plan_id, out, language="nl")
        for page in pages(out):
            lines_on_page = [line for line in page.splitlines() if line.strip()]
            at = [i for i, line in enumerate(lines_on_page) if "Budget (kEUR)" in line]
            if at and "Inhoud" not in page:  # the contents page lists the heading too
                rows = [line for line in lines_on_page[at[0] :] if "Lijn " in line]
                assert len(rows) >= 3, page


@pytest.fixture(scope="module")
def demo_pages(demo_source: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("layout")
    path = folder / "demo.plan"
    shutil.copy2(demo_source, path)
    out = folder / "ibz.pdf"
    with PlanFile.open(path, readonly=True) as store:
        export_pdf(store, plans.find_plan(store, "ibz-2025-2029").id, out, language="nl")
    return pages(out)


def test_staffing_header_words_are_whole(demo_pages: list[str]):
    text = "".join(demo_pages)
    assert "effectieven" in text
    assert "effectie\n" not in text and "effectie " not in text


def test_the_communication_plan_heading_is_on_its_tables_page(demo_pages: list[str]):
    """The table needs a landscape page; its heading used to stay behind, alone at the
    foot of the portrait page before."""
    found = [p for p in demo_pages if "Communicatieplan" in p and "Inhoud" not in p[:200]]
    assert found and all("Doelgroep" in p for p in found)


def test_long_stage_codes_leave_the_line_titles_room(store, strategic, tmp_path: Path):
    """Headers like 'AANPASSING 2025 VL' widen the figure columns; the titles' column
    still keeps its room (it was squeezed to 4 mm, below zero for longer codes), the
    columns going into more tables instead."""
    budget_dimensions.add_stage(store, strategic, code="AANPASSINGSBLAD")
    for credit in ("VL", "VE"):
        budget_dimensions.add_credit_type(store, strategic, code=credit)
    line = budget_lines.add_line(store, strategic, title="Werkingsmiddelen van de diensten").id
    cells = [
        AmountCell(line, BudgetColumn(year, "AANPASSINGSBLAD", credit), Decimal(1234))
        for year in range(2025, 2030)
        for credit in ("VL", "VE")
    ]
    budget_amounts.set_amounts(store, cells)
    out = tmp_path / "plan.pdf"
    export_pdf(store, strategic, out, language="nl")
    text = "".join(pages(out))
    assert "Werkingsmiddelen van de diensten" in text  # one line, not a letter a line
    assert text.count("2029 VE") == 1 and text.count("AANPASSINGSBLAD") == 10


def test_a_block_never_ends_inside_rows_kept_together():
    from planner_app.exporting.pdf_tables import row_blocks

    body = [[f"row {n}"] for n in range(200)]
    keep = [(n, n + 2) for n in range(0, 198, 3)]  # groups of three rows
    blocks = row_blocks([["header"]], body, [100], figures_from=None, keep=keep)
    starts = [0] + [block._start for block in blocks[1:]]
    assert len(blocks) > 1 and all(start % 3 == 0 for start in starts)
    sizes = [b - a for a, b in zip(starts, [*starts[1:], len(body)], strict=True)]
    assert max(sizes) <= ROWS_PER_BLOCK + 2


def test_the_year_review_of_thousands_of_initiatives_is_laid_out_in_blocks(
    store, plan_id, tmp_path: Path, monkeypatch
):
    """One table per status of every initiative (and one of every indicator) was
    re-measured at each page break: a large plan's review took quadratic time."""
    from planner_app.domain.enums import ObjectiveLevel, ValueKind
    from planner_app.exporting import pdf_tables
    from planner_app.services import details, objectives

    monkeypatch.setattr(pdf_tables, "ROWS_PER_BLOCK", 10)
    sd = objectives.add_objective(
        store, plan_id, level=ObjectiveLevel.STRATEGIC, title="Eerste SD"
    ).id
    for n in range(45):
        initiative = objectives.add_objective(
            store, plan_id, level=ObjectiveLevel.INITIATIVE, parent_id=sd, title=f"Werf {n:02d}"
        ).id
        indicator = details.add_indicator(store, initiative, name=f"Meting {n:02d}").id
        for kind in (ValueKind.TARGET, ValueKind.ACTUAL):
            details.set_indicator_value(store, indicator, year=2025, kind=kind, value=n)
    from planner_app.exporting.pdf import plan_story
    from planner_app.exporting.pdf_doc import Ticker

    story = plan_story(store, plan_id, language="nl", review=True, ticker=Ticker(None)).story
    blocks = [f for f in story if isinstance(f, pdf_tables.ContinuedBlock)]
    assert len(blocks) >= 45 // 10 - 1 + 90 // 10 - 1  # initiatives, then indicators
    out = tmp_path / "review.pdf"
    export_pdf(store, plan_id, out, language="nl", review=True)
    text = "".join(pages(out))
    for n in range(45):
        assert text.count(f"Werf {n:02d}") == 1
        assert text.count(f"Meting {n:02d}") == 1
    for page in pages(out):  # one header a page at most, above the rows
        lines = [line for line in page.splitlines() if line.strip()]
        headers = [i for i, line in enumerate(lines) if line.split()[:1] == ["Initiatief"]]
        rows = [i for i, line in enumerate(lines) if "Werf" in line]
        assert len(headers) <= 1, page
        assert not rows or not headers or headers[0] < rows[0], page


def test_year_review_words_are_whole(demo_source: Path, tmp_path: Path):
    """The lead unit's column was 20% of the page whatever its names: "Team
    Regeringsonde|rsteuning"."""
    path = tmp_path / "demo.plan"
    shutil.copy2(demo_source, path)
    out = tmp_path / "review.pdf"
    with PlanFile.open(path, readonly=True) as store:
        plan = plans.find_plan(store, "dkbuza-2025")
        export_pdf(store, plan.id, out, language="nl", review=True)
    text = "".join(pages(out))
    assert "Regeringsondersteuning" in text
    assert "Regeringsonde " not in text


@pytest.mark.parametrize(
    ("number", "lead", "strategic"),
    [
        ("1.1.1", "Team Regeringsondersteuning", "SD 1"),
        ("W" * 32, "Regeringsondersteuningsdienst" * 2, "SD " + "W" * 32),
        ("1.1", "", "SD 1"),
    ],
)
def test_the_year_reviews_columns_fill_the_page_and_no_more(number, lead, strategic):
    """Long codes once pushed the review's table past the paper's edge."""
    from types import SimpleNamespace

    from reportlab.pdfbase.pdfmetrics import stringWidth

    from planner_app.exporting.pdf_review import _status_widths
    from planner_app.exporting.pdf_styles import make_styles
    from planner_app.exporting.pdf_tables import MIN_LABEL, PORTRAIT_WIDTH

    styles = make_styles()
    titles = ["Initiatief", "Titel", "Trekker", "Strategische doelstelling"]
    widths = _status_widths(SimpleNamespace(styles=styles), titles, [(number, lead, strategic)])
    assert sum(widths) == pytest.approx(PORTRAIT_WIDTH)
    assert widths[1] >= MIN_LABEL and max(widths[0], widths[3]) <= PORTRAIT_WIDTH * 0.2 + 1e-6
    word = max(lead.split() or [""], key=len)
    if stringWidth(word, styles.cell.fontName, 8) < PORTRAIT_WIDTH * 0.3:
        assert widths[2] >= stringWidth(word, styles.cell.fontName, 8)  # whole words


def test_no_empty_page_between_landscape_tables(store, plan_id, tmp_path: Path):
    """The contents, a landscape budget and a landscape staffing table one after the
    other: each used to leave an empty portrait page before the next table."""
    from planner_app.domain.enums import Scenario, Statute
    from planner_app.services import staffing, units

    budget_dimensions.add_stage(store, plan_id, code="INI")
    budget_dimensions.add_credit_type(store, plan_id, code="VL")
    line = budget_lines.add_line(store, plan_id, title="Werking").id
    budget_amounts.set_amounts(
        store,
        [
            AmountCell(line, BudgetColumn(year, "INI", "VL"), Decimal(year))
            for year in range(2025, 2030)
        ],
    )
    unit = units.add_unit(store, plan_id, name="Dienst", code="D").id
    for year in (2025, 2026):
        staffing.set_staffing(
            store, unit, statute=Statute.STATUTORY, year=year, scenario=Scenario.PLANNED, fte=3
        )
    out = tmp_path / "plan.pdf"
    export_pdf(store, plan_id, out, language="nl")
    texts = pages(out)[:-1]
    lines = [[line for line in page.splitlines() if line.strip()] for page in texts]
    assert [n + 1 for n, page in enumerate(lines) if len(page) <= 2] == []  # footer only
    assert any("Werking" in p for p in texts) and any("Dienst" in p for p in texts)
