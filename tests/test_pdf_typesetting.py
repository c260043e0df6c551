"""The pieces that make the document read like the original: user lists as bullet
items, chapter numbers, the cover's type-and-period line and logo, French spacing and
reportlab keeping a narrow no-break space, columns as wide as their header words."""

from __future__ import annotations

import io
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.platypus import Image

from planner_app.domain.enums import PlanKind, PlanState
from planner_app.exporting.pdf_blocks import Block, blocks, text_flowables
from planner_app.exporting.pdf_cover import cover, document_line, logo_image
from planner_app.exporting.pdf_doc import Ticker
from planner_app.exporting.pdf_fonts import register_fonts
from planner_app.exporting.pdf_paragraph import DocParagraph
from planner_app.exporting.pdf_story import ChapterNumbers, StoryContext
from planner_app.exporting.pdf_styles import fitted_widths, make_styles, widest_word
from planner_app.exporting.pdf_text import DocText, french_spacing
from planner_app.exporting.report import ExportReport
from planner_app.i18n import translator
from planner_app.services.plans import PlanInfo


def test_lines_with_a_dash_or_a_bullet_are_list_items():
    text = (
        "Door dit kader hebben we als doel:\n"
        "- het versterken van processen;\n"
        "•\tEnveloppe 1: personeel;\n"
        "  - een geneste lijn\n"
        "– het laatste punt.\n"
        "\n"
        "Dit rechtskader wordt ontwikkeld.\n"
        "Met een tweede regel."
    )
    assert blocks(text) == [
        Block("Door dit kader hebben we als doel:"),
        Block("het versterken van processen;", 0),
        Block("Enveloppe 1: personeel;", 0),
        Block("een geneste lijn", 1),
        Block("het laatste punt.", 0),
        Block("Dit rechtskader wordt ontwikkeld.\nMet een tweede regel."),
    ]


@pytest.mark.parametrize(
    "line", ["-5 kEUR", "--", "* een voetnoot", "2025 - 2029", "-", "—nee", "10 - 2 = 8"]
)
def test_other_lines_are_text(line):
    assert blocks(line) == [Block(line)]


@given(st.text(alphabet=st.sampled_from(list("ab -–•\n\t <&>;")), max_size=60))
def test_no_text_is_lost_or_made_markup(text):
    """Only markers, white space and blank lines go; every other character stays, in
    order, and each block escapes to markup showing it literally."""

    def letters(value: str) -> str:
        return "".join(c for c in value if c not in " \t\n-–•")

    found = blocks(text)
    assert letters("".join(b.text for b in found)) == letters(text)
    styles = make_styles()
    report = ExportReport("nl")
    flowables = text_flowables(DocText(report, ("nl",), str), {"nl": text}, "x", "y", styles.body)
    for flowable in flowables:
        assert "<b>" not in flowable.text and "<a" not in flowable.text


def test_an_item_is_a_paragraph_with_a_real_bullet_and_a_hanging_indent():
    styles = make_styles()
    report = ExportReport("nl")
    made = text_flowables(
        DocText(report, ("nl",), str), {"nl": "- één <b>\n- twee"}, "x", "y", styles.body
    )
    assert [p.bulletText for p in made] == ["•", "•"]
    assert made[0].style.leftIndent > made[0].style.bulletIndent
    assert made[0].style.spaceAfter < made[1].style.spaceAfter  # the last ends the list
    # literal: escaped, never parsed as markup
    assert "".join(frag.text for frag in made[0].frags) == "één <b>"


@pytest.mark.parametrize(
    ("depths", "numbers"),
    [
        ([0, 0, 0], ["1", "2", "3"]),
        ([0, 1, 1, 0, 1, 2, 0], ["1", "1.1", "1.2", "2", "2.1", "2.1.1", "3"]),
        ([1, 0], ["1", "2"]),  # no sub-chapter before its chapter
        ([0, 2, 2], ["1", "1.1", "1.2"]),  # never a level skipped
        ([0, 2, 1, 0], ["1", "1.1", "1.2", "2"]),
    ],
)
def test_chapter_numbers_follow_the_chapters_depths(depths, numbers):
    counter = ChapterNumbers()
    assert [counter.next(depth) for depth in depths] == numbers


def _plan(first: int = 2025, last: int = 2029, **fields) -> PlanInfo:
    values = {
        "id": uuid.uuid4(),
        "code": "p",
        "kind": PlanKind.STRATEGIC,
        "title": {"nl": "Strategisch plan 2025-2029"},
        "organisation": {"nl": "FOD Binnenlandse Zaken"},
        "first_year": first,
        "last_year": last,
        "languages": ("nl",),
        "state": PlanState.FINAL,
        "version_no": 1,
        "fingerprint": None,
        "strategic_plan_id": None,
        "previous_plan_id": None,
    }
    return PlanInfo(**(values | fields))


@pytest.mark.parametrize(
    ("title", "line"),
    [
        ("Strategisch plan 2025-2029", ""),
        ("STRATEGISCH PLAN 2025 – 2029", ""),
        ("Strategisch plan 2025-29", ""),
        ("Strategisch plan", "2025–2029"),
        ("FOD Binnenlandse Zaken 2025-2029", "Strategisch plan"),
        ("Onze koers", "Strategisch plan 2025–2029"),
    ],
)
def test_the_cover_adds_only_what_the_title_does_not_say(title, line):
    assert document_line("Strategisch plan", _plan(), title) == line


def test_a_yearly_plan_says_its_year():
    plan = _plan(2025, 2025)
    assert document_line("Ondernemingsplan", plan, "Ondernemingsplan 2025") == ""
    assert document_line("Ondernemingsplan", plan, "Ondernemingsplan 12025") == "2025"


def _png(width: int, height: int) -> bytes:
    from PIL import Image as Pillow

    out = io.BytesIO()
    Pillow.new("RGB", (width, height), "navy").save(out, "PNG")
    return out.getvalue()


def test_a_logo_fits_its_box_keeping_its_shape():
    logo = logo_image(_png(400, 100))
    assert isinstance(logo, Image)
    assert logo.drawWidth / logo.drawHeight == pytest.approx(4.0)
    assert logo.drawWidth <= 60 * 72 / 25.4 + 0.01 and logo.drawHeight <= 25 * 72 / 25.4 + 0.01
    assert logo_image(None) is None and logo_image(b"") is None


@pytest.mark.parametrize("data", [b"GIF89a not an image", b"\x89PNG\r\n\x1a\n broken", b"x" * 50])
def test_a_logo_that_is_not_a_png_or_jpeg_is_refused_with_the_reason(data):
    with pytest.raises(ValueError, match="image"):
        logo_image(data)


def _context(plan: PlanInfo, lang: str = "nl") -> StoryContext:
    report = ExportReport(lang)
    text = DocText(report, plan.languages, translator(lang))
    return StoryContext(None, plan, text, make_styles(), Ticker(None))  # type: ignore[arg-type]


def test_the_cover_shows_a_logo_the_plan_keeps_and_reports_one_it_cannot_print():
    with_logo = cover(_context(_plan()), logo=_png(300, 120))
    assert any(isinstance(f, Image) for f in with_logo)
    ctx = _context(_plan())
    without = cover(ctx, logo=b"not an image")
    assert not any(isinstance(f, Image) for f in without)
    assert any("logo" in warning for warning in ctx.text.report.warnings)
    ctx.text.in_document_order()  # the warning has its place in the document


def test_the_cover_prints_a_version_label_and_the_plans_date():
    import datetime as dt

    ctx = _context(_plan(), "fr")
    made = cover(ctx, version_text={"nl": "Versie van mei 2022"}, date=dt.date(2022, 5, 17))
    texts = [getattr(f, "text", "") for f in made]
    assert "17 mai 2022" in texts and "Version 1" in texts
    assert any("Versie van mei 2022" in t for t in texts)


@pytest.mark.parametrize(
    ("label", "spaced"),
    [
        ("Statut: x", "Statut\u202f: x"),
        ("Annexe : plan", "Annexe\u202f: plan"),
        ("Quoi ?", "Quoi\u202f?"),
        ("Vraiment!", "Vraiment\u202f!"),
        ("a; b", "a\u202f; b"),
        ("« citation »", "«\u202fcitation\u202f»"),
        ("10:30, https://x.be", "10:30, https://x.be"),
    ],
)
def test_french_spacing(label, spaced):
    assert french_spacing(label) == spaced


def test_a_narrow_no_break_space_never_breaks_a_line_and_stays_narrow():
    styles = make_styles()
    text = "Statut\u202f: pas commencé " * 8
    paragraph = DocParagraph(text, styles.body)
    paragraph.wrap(80, 1000)
    words = [word for line in paragraph.blPara.lines for word in line[1]]
    assert all(not word.startswith(":") for word in words)
    assert "Statut\u202f:" in words  # one word, the narrow space kept as a glyph


def test_no_break_spaces_join_words_when_columns_are_measured():
    register_fonts()
    assert widest_word(["2\u202f514\u202f220"], "DejaVuSans", 8) > widest_word(
        ["514"], "DejaVuSans", 8
    )


def test_fitted_widths_give_each_column_its_least_and_keep_the_total():
    widths = fitted_widths([0.5, 0.1, 0.4], [10, 80, 10], 400)
    assert widths[1] == 80 and sum(widths) == pytest.approx(400)
    assert widths[0] > widths[2] > 10  # the room comes from both, the wider giving more
    assert fitted_widths([0.5, 0.5], [10, 10], 100) == [50, 50]
