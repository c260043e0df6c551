"""The line above the signature blocks, as seed 003 §6 prints it: "Gedaan te Brussel op
17 mei 2022" (nl), "Fait à Bruxelles, le 17 mai 2022" (fr). The place and the date are
the plan's (``signing_place``, ``signing_date``); either one not set leaves room to
write it by hand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from planner_app.formatting import format_long_date
from planner_app.i18n import N_

SIGNING_LINE = N_("Done at {place}, on {date}")
BLANK_PLACE = "_" * 22  # room to write by hand
BLANK_DATE = "_" * 16


def signing_line(t: Callable[[str], str], place: str, date: dt.date | None, language: str) -> str:
    """The line in the document's language (``t`` translates into it)."""
    return t(SIGNING_LINE).format(
        place=place.strip() or BLANK_PLACE,
        date=format_long_date(date, language) if date is not None else BLANK_DATE,
    )
