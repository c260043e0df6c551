"""Footnotes where a total differs from the one the source document prints.

The budget and staffing tables print every total as the exact sum of its rows. Where
the plan keeps the total its source printed (``services.printed``) and the two differ,
the cell gets a superscript letter and a note under the table says both figures:
"ᵃ Enveloppe 1, Huidige toestand 2024, VTE M: de bron vermeldt 6,0; de rijen tellen
op tot 5,0." Letters, as table notes have them, and from "a" again in each table: the
plans' own texts carry numbered footnotes ("kernopdrachten¹"). On by default; an export may
leave them out (``export --pdf --no-total-notes``), and the PDF's stamp records that so
``verify`` makes the same document again.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from reportlab.platypus import Flowable

from planner_app.domain.enums import Measure
from planner_app.exporting.pdf_paragraph import DocParagraph
from planner_app.exporting.pdf_text import escape
from planner_app.formatting import format_fte, format_keur, format_number
from planner_app.i18n import N_
from planner_app.services.printed import PrintedDifference, TotalSpot

LETTERS = "ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ"  # superscript a-z (no q in Unicode: skipped)
NOTE = N_("{row}, {column}: the source prints {printed}; its rows add up to {computed}.")


def note_mark(number: int) -> str:
    """The ``number``-th note's mark (1-based): ᵃ … ᶻ, then ᵃᵃ, ᵃᵇ …"""
    mark = ""
    while number > 0:
        number, rest = divmod(number - 1, len(LETTERS))
        mark = LETTERS[rest] + mark
    return mark


class TotalNotes:
    """The differences of one table, lettered as the table's cells are made (row by
    row, left to right). Lives for one export on the exporting thread."""

    def __init__(
        self, differences: list[PrintedDifference], t: Callable[[str], str], lang: str
    ) -> None:
        self._differences = {d.spot: d for d in differences}
        self._t, self._lang = t, lang
        self.notes: list[tuple[int, str]] = []

    def mark(self, text: str, spot: TotalSpot, row: str, column: str) -> str:
        """``text`` (a cell's figure) with the note's number when ``spot`` differs from
        its printed total; the note is kept for ``flowables``."""
        difference = self._differences.pop(spot, None)
        if difference is None:
            return text
        number = len(self.notes) + 1
        measure = getattr(spot, "measure", Measure.AMOUNT)
        note = self._t(NOTE).format(
            row=row,
            column=column,
            printed=self._figure(difference.printed, measure),
            computed=self._figure(difference.computed, measure),
        )
        self.notes.append((number, note))
        return f"{text}{note_mark(number)}"

    def note(self, spot: TotalSpot, row: str, column: str) -> None:
        """A difference in a total the table has no cell for (the seed's headcount per
        statute): noted under the table all the same."""
        self.mark("", spot, row, column)

    def _figure(self, value: Decimal, measure: Measure) -> str:
        if measure is Measure.FTE:
            return format_fte(value, self._lang)
        if measure is Measure.HEADCOUNT:
            return format_number(value, self._lang)
        return format_keur(value, self._lang)

    def flowables(self, style) -> list[Flowable]:
        """The notes, one small paragraph each, in their numbers' order."""
        return [
            DocParagraph(f"{note_mark(number)}\u00a0{escape(note)}", style)
            for number, note in self.notes
        ]
