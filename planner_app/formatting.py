"""Numbers and dates the Belgian way for each language (DESIGN.md: nl_BE ``2.514.220``
and ``4,2%``; fr_BE ``2 514 220`` and ``4,2 %``), through babel's CLDR data. No Qt."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_EVEN, Decimal
from functools import cache

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal
from babel.numbers import format_percent as format_percent_babel

from planner_app.domain.due import parse_due, quarter_of
from planner_app.i18n import translator

BELGIAN_LOCALES = {"nl": "nl_BE", "fr": "fr_BE", "de": "de_BE", "en": "en_BE"}


def belgian_locale(lang: str) -> str:
    return BELGIAN_LOCALES.get(lang, "nl_BE")


@cache
def _locale(lang: str) -> Locale:
    """Parsed once per language: babel re-reads its locale data for a locale given by
    name on every call (~1 ms, which a table of a thousand cells feels)."""
    return Locale.parse(belgian_locale(lang))


def format_number(value: Decimal | int | None, lang: str = "nl", *, decimals: int = 0) -> str:
    """``2514220`` -> ``2.514.220`` (nl) / ``2 514 220`` (fr); fixed ``decimals``.

    Python's own grouping with the locale's CLDR symbols swapped in: the same text as
    babel's ``format_decimal`` with pattern ``#,##0.00`` (half-even rounding, plain
    three-digit groups; a test compares the two), at a tenth of the cost, which the
    tens of thousands of figures in a large plan's tables feel."""
    if value is None:
        return ""
    group, point, minus = _symbols(lang)
    # Rounded here, half-even as babel does: format() alone would round with whatever
    # decimal context the calling thread has set.
    exact = Decimal(value).quantize(_STEPS[decimals], rounding=ROUND_HALF_EVEN)
    text = format(exact, ",f")
    if text.startswith("-"):
        text = minus + text[1:]  # as babel: also "-0" for a negative that rounds to 0
    return text.replace(",", "\0").replace(".", point).replace("\0", group)


_STEPS = {n: Decimal(1).scaleb(-n) for n in range(10)}  # 1, 0.1, 0.01, …


@cache
def _symbols(lang: str) -> tuple[str, str, str]:
    """(group separator, decimal sign, minus sign) of the language's Belgian locale."""
    symbols = _locale(lang).number_symbols["latn"]
    return symbols["group"], symbols["decimal"], symbols["minusSign"]


def babel_number(value: Decimal | int, lang: str = "nl", *, decimals: int = 0) -> str:
    """``format_number`` through babel itself: the reference the fast path must match."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(
        Decimal(value), format=pattern, locale=_locale(lang), decimal_quantization=True
    )


def format_keur(value: Decimal | None, lang: str = "nl") -> str:
    """kEUR with no decimals unless the amount has them (up to three)."""
    if value is None:
        return ""
    exponent = value.normalize().as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    return format_number(value, lang, decimals=min(decimals, 3))


def format_fte(value: Decimal | None, lang: str = "nl") -> str:
    """FTE with the decimals it is stored with, at least one as the plans print them
    (``265,25`` stays ``265,25``, ``2073`` is ``2.073,0``): rounded to one decimal, the
    printed rows of a table would not add up to its printed total."""
    if value is None:
        return ""
    exponent = Decimal(value).normalize().as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    return format_number(value, lang, decimals=min(FTE_DECIMALS, max(1, decimals)))


FTE_DECIMALS = 2  # the hundredths an FTE is stored with (``domain.resources_model``)


def format_date(value: dt.date, lang: str = "nl") -> str:
    """``14 sep 2025`` (nl) / ``14 sept. 2025`` (fr): a date a reader cannot misread."""
    return _babel_date(value, "medium", locale=_locale(lang))


def format_long_date(value: dt.date, lang: str = "nl") -> str:
    """``17 mei 2022`` (nl) / ``17 mai 2022`` (fr): the date as a document prints it."""
    return _babel_date(value, "long", locale=_locale(lang))


def format_numeric_date(value: dt.date, lang: str = "nl") -> str:
    """``15/05/2025``: the locale's short date with the year in four digits (CLDR's
    short Belgian dates have two: "15/05/23")."""
    pattern = re.sub("y+", "y", _locale(lang).date_formats["short"].pattern)  # y: all digits
    return _babel_date(value, pattern, locale=_locale(lang))


def format_percent(value: Decimal | int | None, lang: str = "nl", *, decimals: int = 1) -> str:
    """``4.2`` (already in percent) -> nl ``4,2%`` / fr ``4,2 %``: CLDR's percent sign
    and spacing for the Belgian locale, ``decimals`` fixed. French sets the sign after a
    narrow no-break space (U+202F, as its digit groups), where CLDR's data has a full
    no-break space."""
    if value is None:
        return ""
    locale = _locale(lang)
    cldr = locale.percent_formats[None].pattern  # "#,##0%" (nl) or "#,##0\xa0%" (fr)
    pattern = cldr.replace("#,##0", "#,##0" + ("." + "0" * decimals if decimals else ""), 1)
    text = format_percent_babel(
        Decimal(value) / 100, format=pattern, locale=locale, decimal_quantization=True
    )
    return text.replace("\xa0", NARROW_NBSP)


NARROW_NBSP = "\u202f"  # French: before : ; ? ! %, and between digit groups


def format_due(period: str, due_by: dt.date | None, precision: str | None, lang: str = "nl") -> str:
    """When a milestone is due, as a reader of ``lang`` reads it: a day ``15/05/2025``, a
    month ``mei 2025`` (fr ``mai 2025``), a quarter ``Q3 2025`` (fr ``T3 2025``) or a
    year ``2025``; the text as it was written where it says more than its date (a range,
    "Q3-Q4 2025") or is no date at all."""
    if due_by is None:
        return period
    found = parse_due(period) if period.strip() else None
    if period.strip() and (
        found is None or found.label or (found.day, found.precision.value) != (due_by, precision)
    ):
        return period
    if precision == "year":
        return str(due_by.year)
    if precision == "quarter":
        pattern = translator(lang)("Q{quarter} {year}")
        return pattern.format(quarter=quarter_of(due_by), year=due_by.year)
    if precision == "month":
        return _babel_date(due_by, "LLLL y", locale=_locale(lang))
    return format_numeric_date(due_by, lang)
