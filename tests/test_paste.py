"""Pasted and typed numbers: Belgian and English styles, the ``1.234`` rule, refusals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planner_app.errors import ValidationError
from planner_app.services.paste import (
    FTE,
    HEADCOUNT,
    KEUR,
    NumberStyle,
    PasteError,
    block_text,
    parse_block,
    parse_value,
    split_block,
)

D = Decimal
BE = NumberStyle.BELGIAN
EN = NumberStyle.ENGLISH

# text, kind, default style, expected value (None: empty cell)
SINGLE_CELLS = [
    ("1234", KEUR, None, D("1234")),
    ("323381", KEUR, None, D("323381")),
    ("1.234,5", KEUR, None, D("1234.5")),  # Belgian, unambiguous
    ("1,234.5", KEUR, None, D("1234.5")),  # English, unambiguous
    ("1 234,5", KEUR, None, D("1234.5")),  # fr_BE with a plain space
    ("1\u202f234,5", KEUR, None, D("1234.5")),  # fr_BE with babel's narrow no-break space
    ("2\u00a0514\u00a0220", KEUR, None, D("2514220")),
    ("1.234.567", KEUR, None, D("1234567")),  # two dots: only Belgian reads it
    ("1,234,567", KEUR, None, D("1234567")),  # two commas: only English reads it
    ("0,5", KEUR, None, D("0.5")),
    ("12.5", KEUR, None, D("12.5")),
    ("12,125", KEUR, BE, D("12.125")),
    ("0,125", KEUR, None, D("0.125")),  # 0 never starts a thousands grouping
    ("0.125", KEUR, None, D("0.125")),
    ("  42  ", KEUR, None, D("42")),
    ("", KEUR, None, None),
    ("   ", KEUR, None, None),
    ("1.234", KEUR, BE, D("1234")),  # ambiguous: the typed (Belgian) default decides
    ("1.234", KEUR, EN, D("1.234")),
    ("1,234", KEUR, BE, D("1.234")),
    ("1,234", KEUR, EN, D("1234")),
    ("1.234", FTE, None, D("1234")),  # pasted FTE has two decimals at most: only 1234 fits
    ("1,234", FTE, None, D("1234")),
    ("1.234", HEADCOUNT, None, D("1234")),
    ("12,5", FTE, None, D("12.5")),
    ("0,00", FTE, None, D("0")),
]


@pytest.mark.parametrize(("text", "kind", "default", "expected"), SINGLE_CELLS)
def test_single_cells(text, kind, default, expected):
    assert parse_block(text, kind, default_style=default) == [[expected]]


# text, kind, allow_negative, words the refusal must contain
REFUSED = [
    ("abc", KEUR, False, "not a number"),
    ("12 EUR", KEUR, False, "not a number"),
    ("=SUM(A1:A3)", KEUR, False, "not a number"),
    ("1.2.3", KEUR, False, "not a number"),  # thousands groups of one digit
    ("1,23,456", KEUR, False, "not a number"),  # Indian grouping
    ("1.234,5.6", KEUR, False, "not a number"),
    ("1.234", KEUR, False, "ambiguous"),  # no context: refused
    ("1,234", KEUR, False, "ambiguous"),
    ("12,125", KEUR, False, "ambiguous"),
    ("-5", KEUR, False, "negative"),
    ("-5", FTE, False, "negative"),
    ("-5", HEADCOUNT, False, "negative"),
    ("1,2345", KEUR, True, "more than 3 decimals"),
    ("0.125", FTE, False, "more than 2 decimals"),
    ("2,5", HEADCOUNT, False, "whole number"),
    ("1000000000000", KEUR, False, "too large"),
    ("10000000", FTE, False, "too large"),
    ("10000000", HEADCOUNT, False, "too large"),
    ("1,5e3", KEUR, False, "not a number"),
    ("NaN", KEUR, False, "not a number"),
    ("١٢", KEUR, False, "not a number"),  # non-ASCII digits
]


@pytest.mark.parametrize(("text", "kind", "negative", "words"), REFUSED)
def test_refused_cells(text, kind, negative, words):
    with pytest.raises(PasteError) as info:
        parse_block(f"1\t2\n3\t{text}", kind, allow_negative=negative)
    assert (info.value.row, info.value.column) == (1, 1)
    assert str(info.value).startswith("Row 2, column 2: ")
    assert words in str(info.value)


def test_negative_allowed_where_the_line_allows_it():
    assert parse_block("-1.234,5\t\u22127", KEUR, allow_negative=True) == [[D("-1234.5"), D("-7")]]
    per_cell = [[True, False]]
    with pytest.raises(PasteError) as info:
        parse_block("-1\t-1", KEUR, allow_negative=per_cell)
    assert info.value.column == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234\t0,5", [[D("1234"), D("0.5")]]),  # 0,5 proves Belgian: 1.234 = 1234
        ("1.234\t0.5", [[D("1.234"), D("0.5")]]),  # 0.5 proves English: 1.234 = 1.234
        ("1,234\n12.5", [[D("1234")], [D("12.5")]]),
        ("1.234\t\t2.345,5\n", [[D("1234"), None, D("2345.5")]]),
    ],
)
def test_the_block_decides_ambiguous_cells(text, expected):
    assert parse_block(text, KEUR) == expected


def test_a_block_mixing_styles_is_refused_at_the_first_odd_cell():
    with pytest.raises(PasteError) as info:
        parse_block("1.234,5\t7\n12.5\t3", KEUR)
    assert (info.value.row, info.value.column) == (1, 0)
    assert "another number style" in str(info.value)


def test_one_bad_cell_refuses_the_whole_block():
    with pytest.raises(PasteError):
        parse_block("1\t2\t3\n4\tfive\t6", KEUR)


def test_split_block_handles_line_ends_and_empty_cells():
    assert split_block("a\tb\r\nc\t\r\n") == [["a", "b"], ["c", ""]]
    assert split_block("x") == [["x"]]


def test_parse_value_names_the_figure():
    assert parse_value("323.381", KEUR) == D("323381")  # typed in the Belgian editor
    assert parse_value("", FTE) is None
    with pytest.raises(ValidationError, match=r"^FTE: .*more than 2 decimals"):
        parse_value("1,125", FTE)


def test_block_text_round_trips_through_the_parser():
    text = block_text([["1.234,5", ""], ["7", "0,125"]])
    assert text == "1.234,5\t\n7\t0,125\n"
    assert parse_block(text, KEUR, default_style=BE) == [[D("1234.5"), None], [D("7"), D("0.125")]]
    assert block_text([["a\tb", "c\nd"]]) == "a b\tc d\n"
