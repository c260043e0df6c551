"""DocParagraph must lay out exactly as reportlab's Paragraph: same fragments, same lines."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.platypus import Paragraph

from planner_app.exporting.pdf_blocks import item_style
from planner_app.exporting.pdf_paragraph import DocParagraph, plain_frags
from planner_app.exporting.pdf_styles import make_styles
from planner_app.exporting.pdf_text import escape
from tests.test_pdf_export import ARABIC, EMOJI, HOSTILE

STYLES = make_styles()


def _attributes(paragraph: Paragraph) -> list[dict]:
    return [dict(vars(frag)) for frag in paragraph.frags]


def _same_as_parser(markup: str, style, bullet: str | None = None) -> DocParagraph:
    ours, theirs = DocParagraph(markup, style, bullet), Paragraph(markup, style, bullet)
    assert _attributes(ours) == _attributes(theirs)
    assert ours.text == theirs.text and ours.bulletText == theirs.bulletText
    for width in (40, 120, 400):
        assert ours.wrap(width, 1000) == theirs.wrap(width, 1000)
        assert [line[1] for line in _lines(ours)] == [line[1] for line in _lines(theirs)]
    return ours


def _lines(paragraph: Paragraph) -> list:
    lines = paragraph.blPara.lines
    if paragraph.blPara.kind == 0:
        return [(width, words) for width, words in lines]
    return [(line.extraSpace, [getattr(f, "text", "") for f in line.words]) for line in lines]


@pytest.mark.parametrize(
    "text",
    [
        *HOSTILE,
        f"{ARABIC} {EMOJI}",
        "first line\nsecond line\r\n\r\nafter an empty line",
        "  leading and trailing blanks  \n",
        "tabs\tand\u00a0no-break spaces",
        "&amp; typed as an entity; ]]> and <!-- a comment -->",
        "a" * 300,
        "☐ 2025-Q1: milestone · Status: lopend",
        "Statut\u202f: pas commencé, 4,2\u202f% et 2\u202f514\u202f220",
    ],
)
def test_escaped_user_text_makes_the_parsers_fragments(text):
    for style in (STYLES.body, STYLES.cell, STYLES.cell_right_bold, STYLES.h3, STYLES.label):
        _same_as_parser(escape(text), style)
    _same_as_parser(escape(text), item_style(STYLES.body, 0), "•")  # a list item


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab &<>\n\r\t\u00a0éΩж😀;/"))))
def test_any_text_makes_the_parsers_fragments(text):
    _same_as_parser(escape(text), STYLES.cell)


@pytest.mark.parametrize(
    "markup", ["<b>bold</b>", 'x <font color="#9a3412" size="7">[nl]</font>', "AT&T", "&nbsp;"]
)
def test_other_markup_is_left_to_the_parser(markup):
    assert plain_frags(markup, STYLES.body) is None
    _same_as_parser(markup, STYLES.body)


def test_a_paragraph_keeps_its_own_link_lists():
    one, two = DocParagraph("one", STYLES.body), DocParagraph("two", STYLES.body)
    assert one.frags[0].link is not two.frags[0].link
    assert one.frags[0].us_lines is not two.frags[0].us_lines


def test_wrap_at_the_same_width_reuses_the_lines():
    paragraph = DocParagraph(escape("words " * 40), STYLES.body)
    first = paragraph.wrap(100, 500)
    lines = paragraph.blPara
    assert paragraph.wrap(100, 20) == first  # the height available does not matter
    assert paragraph.blPara is lines
    narrower = paragraph.wrap(60, 500)
    assert narrower[1] > first[1] and paragraph.blPara is not lines


def test_a_split_paragraph_is_wrapped_again():
    paragraph = DocParagraph(escape("words " * 200), STYLES.body)
    _width, height = paragraph.wrap(100, 10_000)
    top, rest = paragraph.split(100, height / 2)
    assert isinstance(top, DocParagraph) and isinstance(rest, DocParagraph)
    assert top.wrap(100, 10_000)[1] + rest.wrap(100, 10_000)[1] == pytest.approx(height)
