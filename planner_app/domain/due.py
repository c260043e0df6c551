"""When a milestone is due: a day, a month, a quarter or a year, read from what people
write ("Q3 2026", "15/05/2025", "september 2025", "2025") and shown back the same way.

A due is stored as the last day it covers (``Due.day``: the end of the month, quarter
or year) with its precision, so that "overdue at a date" is one comparison: a
milestone due by 30/09/2025 is overdue from 01/10/2025 on. A range ("Q3-Q4 2025",
"2026-2029") is due by the end of its last part and keeps its own words as the label.
Text that names no single end ("Q2+Q4 2025", "ongoing") is no due at all: ``parse_due``
gives ``None`` and the text stays as it was written. No Qt.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from planner_app.domain.enums import DuePrecision

# Month names and their common abbreviations in the content languages (nl, fr, de, en).
_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "januari janvier januar january jan janv",
        "februari février fevrier februar february feb févr fevr",
        "maart mars märz marz march mrt mar",
        "april avril apr avr",
        "mei mai may",
        "juni juin june jun",
        "juli juillet july jul juil",
        "augustus août aout august aug",
        "september septembre sep sept",
        "oktober octobre october okt oct",
        "november novembre nov",
        "december décembre decembre dezember dec déc dez",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number

_YEAR = r"(\d{4})"
_QUARTER = r"(?:q|k|t|kw|trim\.?)\s*([1-4])"  # Q3, K3 (kwartaal), T3 (trimestre)
_DASH = r"\s*[-–—/]\s*"
_FORMS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"^{pattern}$", re.IGNORECASE), kind)
    for pattern, kind in (
        (r"(\d{1,2})[/.-](\d{1,2})[/.-]" + _YEAR, "day"),  # 15/05/2025, 15.05.2025
        (_YEAR + r"-(\d{2})-(\d{2})", "iso"),  # 2025-05-15
        (_QUARTER + r"[\s-]*" + _YEAR, "quarter"),  # Q3 2025, Q3-2025
        (_YEAR + r"[\s-]*" + _QUARTER, "year quarter"),  # 2025-Q3, 2025 Q3
        (r"(\d{1,2})[/.-]" + _YEAR, "month"),  # 05/2025
        (r"([a-zéèûä]+)\.?\s+" + _YEAR, "month name"),  # mei 2025, sept. 2025
        (_YEAR, "year"),  # 2025
        (_QUARTER + _DASH + r"(?:q|k|t|kw|trim\.?)?\s*([1-4])\s+" + _YEAR, "quarters"),
        (_YEAR + _DASH + _YEAR, "years"),  # 2026-2029
    )
)


@dataclass(frozen=True)
class Due:
    """A due as read: the last day it covers, how it was given, and the words kept
    beside the date (a range's own words; empty when the date says it all)."""

    day: dt.date
    precision: DuePrecision
    label: str = ""


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def quarter_end(year: int, quarter: int) -> dt.date:
    """The last day of quarter ``quarter`` (1..4) of ``year``."""
    return month_end(year, 3 * quarter)


def quarter_start(year: int, quarter: int) -> dt.date:
    return dt.date(year, 3 * quarter - 2, 1)


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def parse_due(text: str) -> Due | None:
    """The due ``text`` names, or ``None`` when it names no single end (or is empty).

    Accepts a day (``15/05/2025``, ``2025-05-15``), a month (``05/2025``, ``mei 2025``,
    ``sept. 2025``), a quarter (``Q3 2025``, ``T3 2025``, ``2025-Q3``), a year
    (``2025``), and ranges of quarters (``Q3-Q4 2025``) or years (``2026-2029``), which
    are due by the end of their last part and keep ``text`` as their label."""
    shown = " ".join(text.split())
    for pattern, kind in _FORMS:
        found = pattern.match(shown)
        if found is not None:
            return _due(kind, found.groups(), shown)
    return None


def _due(kind: str, parts: tuple[str, ...], shown: str) -> Due | None:
    try:
        if kind == "day":
            day, month, year = map(int, parts)
            return Due(dt.date(year, month, day), DuePrecision.DAY)
        if kind == "iso":
            year, month, day = map(int, parts)
            return Due(dt.date(year, month, day), DuePrecision.DAY)
        if kind == "quarter":
            return Due(quarter_end(int(parts[1]), int(parts[0])), DuePrecision.QUARTER)
        if kind == "year quarter":
            return Due(quarter_end(int(parts[0]), int(parts[1])), DuePrecision.QUARTER)
        if kind == "month":
            return Due(month_end(int(parts[1]), int(parts[0])), DuePrecision.MONTH)
        if kind == "month name":
            month = _MONTHS.get(parts[0].lower().rstrip("."))
            return (
                None if month is None else Due(month_end(int(parts[1]), month), DuePrecision.MONTH)
            )
        if kind == "year":
            return Due(dt.date(int(parts[0]), 12, 31), DuePrecision.YEAR)
        if kind == "quarters":
            first, last, year = map(int, parts)
            if first >= last:
                return None
            return Due(quarter_end(year, last), DuePrecision.QUARTER, shown)
        if kind == "years":
            first, last = map(int, parts)
            if first >= last:
                return None
            return Due(dt.date(last, 12, 31), DuePrecision.YEAR, shown)
    except ValueError:  # 31/02/2025, month 13
        return None
    return None


def overdue(due_by: dt.date | None, done: bool, done_on: dt.date | None, at: dt.date) -> bool:
    """Whether a milestone is overdue at the end of day ``at``: due before it and not
    done by then (done without a date counts as done at any date)."""
    if due_by is None or due_by >= at:
        return False
    return not done_at(done, done_on, at)


def done_at(done: bool, done_on: dt.date | None, at: dt.date) -> bool:
    """Whether a milestone was done by the end of day ``at``."""
    return done and (done_on is None or done_on <= at)
