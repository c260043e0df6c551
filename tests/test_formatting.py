"""Belgian number formats per language (DESIGN.md)."""

from decimal import Decimal

import pytest

from planner_app.formatting import format_fte, format_keur, format_number


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (Decimal("2514220"), "nl", "2.514.220"),
        (Decimal("2514220"), "fr", "2\u202f514\u202f220"),
        (Decimal("1234.5"), "nl", "1.234,5"),
        (Decimal("0.125"), "nl", "0,125"),
        (Decimal("-3"), "nl", "-3"),
        (None, "nl", ""),
    ],
)
def test_keur(value, lang, expected):
    got = format_keur(value, lang)
    assert got.replace("\u00a0", "\u202f") == expected


def test_fte_and_percent():
    assert format_fte(Decimal("5882.00"), "nl") == "5.882,0"
    assert format_number(Decimal("4.2"), "nl", decimals=1) == "4,2"
    assert format_number(Decimal("4.2"), "fr", decimals=1) == "4,2"
