"""``format_number`` formats with Python's grouping and the locale's CLDR symbols; it must
print exactly what babel's ``format_decimal`` prints for the same pattern."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from planner_app.formatting import babel_number, format_fte, format_keur, format_number

EDGES = [
    Decimal(0),
    Decimal("-0"),
    Decimal("-0.0004"),
    Decimal("0.5"),
    Decimal("-0.5"),
    Decimal("2.25"),
    Decimal("2.35"),
    Decimal("-2.25"),
    Decimal("999.9995"),
    Decimal("1000"),
    Decimal("-1000"),
    Decimal("1E+3"),
    Decimal("12345678901234567890.123"),
    5,
    -7,
]


@pytest.mark.parametrize("lang", ["nl", "fr", "de", "en", "xx"])
def test_same_text_as_babel(lang):
    rng = random.Random(7)
    values = EDGES + [
        Decimal(rng.randint(-(10**12), 10**12)).scaleb(-rng.randint(0, 5)) for _ in range(2000)
    ]
    for value in values:
        for decimals in (0, 1, 2, 3):
            expected = babel_number(value, lang, decimals=decimals)
            assert format_number(value, lang, decimals=decimals) == expected, (value, decimals)


def test_belgian_examples():
    assert format_number(2514220, "nl") == "2.514.220"
    assert format_number(2514220, "fr") == "2\u202f514\u202f220"
    assert format_keur(Decimal("5882.5"), "nl") == "5.882,5"
    # FTE as stored (hundredths), at least one decimal: printed rows add up to the total
    assert format_fte(Decimal("265.25"), "nl") == "265,25"
    assert format_fte(Decimal("2073.60"), "nl") == "2.073,6"
    assert format_fte(Decimal("2073"), "fr") == "2\u202f073,0"
    assert format_fte(Decimal("0.125"), "nl") == "0,12"  # more than stored: half-even
    assert format_number(None) == ""


def test_a_callers_decimal_context_does_not_change_the_printed_figure():
    from decimal import ROUND_UP, localcontext

    with localcontext() as context:
        context.rounding = ROUND_UP
        assert format_number(Decimal("1234.5"), "nl") == "1.234"  # half-even: 1234
        assert format_number(Decimal("0.125"), "nl", decimals=2) == "0,12"
