"""A comparison as Qt rich text for the comparison window: per area a table with the
before and the after version side by side, each difference headed by a link to its
place (``Place``). Plan texts are data: every one goes through ``html.escape`` before
the only markup made here (struck-out red removed words, underlined green added ones).
No widgets: the window shows the text and follows the links.
"""

from __future__ import annotations

import html
import uuid
from dataclasses import dataclass

from planner_app.exporting.compare_words import Words, elide, marked_sides
from planner_app.i18n import N_
from planner_app.services.compare_model import (
    Area,
    Difference,
    FigureChange,
    PlanComparison,
    Segment,
)

REMOVED = "#b00020"
ADDED = "#0a6b2e"
LINK_SCHEME = "place"


@dataclass(frozen=True)
class Place:
    """Where a difference is shown: a plan of the file, a tab's kind of row and its id
    (an indicator's or milestone's place is its objective)."""

    plan_id: uuid.UUID
    area: Area
    item_id: uuid.UUID


def _e(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _sides(segments: list[Segment]) -> tuple[str, str]:
    old, new = marked_sides(
        segments,
        _e,
        lambda safe: f'<s><span style="color:{REMOVED}">{safe}</span></s>',
        lambda safe: f'<u><span style="color:{ADDED}">{safe}</span></u>',
    )
    return old or "–", new or "–"


class ComparisonHtml:
    """Builds the page and the places its links lead to (``places[n]`` for link n)."""

    def __init__(self, comparison: PlanComparison, words: Words) -> None:
        self.comparison, self.words = comparison, words
        self.places: list[Place] = []

    def page(self) -> str:
        c, w, t = self.comparison, self.words, self.words.t
        out = [f"<h3>{_e(w.heading(c))}</h3>"]
        if c.year_shift:
            text = t(N_("Years set side by side: {after} beside {before}.")).format(
                after=c.after.first_year, before=c.before.first_year
            )
            out.append(f"<p>{_e(text)}</p>")
        count = len(c.differences)
        summary = t(N_("Differences: {n}")).format(n=count) if count else t(N_("No differences."))
        out.append(f"<p>{_e(summary)}</p>")
        before = t(N_("Before: {side}")).format(side=w.side(c.before))
        after = t(N_("After: {side}")).format(side=w.side(c.after))
        for area in Area:
            diffs = c.in_area(area)
            if not diffs:
                continue
            out.append(f"<h4>{_e(w.area(area))}</h4>")
            out.append('<table width="100%" cellspacing="0" cellpadding="3" border="1">')
            out.append(
                f"<tr><th width='24%' align='left'>{_e(t(N_('What')))}</th>"
                f"<th width='38%' align='left'>{_e(before)}</th>"
                f"<th width='38%' align='left'>{_e(after)}</th></tr>"
            )
            for diff in diffs:
                out += self._rows(diff, None, 0)
            out.append("</table>")
        out.append(f"<h4>{_e(t(N_('Totals')))}</h4>")
        out.append('<table cellspacing="0" cellpadding="3" border="1">')
        out.append(
            f"<tr><th align='left'>{_e(t(N_('What')))}</th>"
            f"<th align='right'>{_e(t(N_('Before')))}</th>"
            f"<th align='right'>{_e(t(N_('After')))}</th>"
            f"<th align='right'>{_e(t(N_('Difference')))}</th></tr>"
        )
        for figure in c.totals:
            out.append(self._figure(figure))
        out.append("</table>")
        return "\n".join(out)

    def _link(self, diff: Difference, owner: Difference | None) -> str:
        """A link to the difference's place: in the after version when it has the row,
        else in the before version; an indicator's or milestone's, its objective's."""
        c = self.comparison
        target = owner or diff
        in_after = target.after is not None
        ref = target.after if in_after else target.before
        assert ref is not None
        plan_id = c.after.id if in_after else c.before.id
        self.places.append(Place(plan_id, target.area, ref.id))
        return f"{LINK_SCHEME}:{len(self.places) - 1}"

    def _rows(self, diff: Difference, owner: Difference | None, depth: int) -> list[str]:
        w = self.words
        name = w.ref(diff.area, diff.ref)
        if diff.before and diff.after and diff.before.code != diff.after.code:
            name = f"{w.ref(diff.area, diff.before)} → {name}"
        what = f"{w.changes(diff)}"
        matched = w.matched(diff)
        if matched and diff.area is not Area.PLAN:
            what += f" ({matched})"
        indent = "&nbsp;" * 4 * depth
        link = self._link(diff, owner)
        rows = [
            f"<tr><td colspan='3' bgcolor='#e8edf3'>{indent}<a href='{link}'><b>{_e(name)}</b></a>"
            f" — {_e(what)}</td></tr>"
        ]
        if not (diff.texts or diff.values or diff.figures or diff.parts):
            old, new = ("–", _e(name)) if diff.before is None else (_e(name), "–")
            rows.append(f"<tr><td></td><td>{old}</td><td>{new}</td></tr>")
        languages = self.comparison.after.languages
        for text in diff.texts:
            old, new = _sides(elide(text.segments))
            rows.append(
                f"<tr><td>{_e(w.text_field(text, languages))}</td><td>{old}</td><td>{new}</td></tr>"
            )
        for value in diff.values:
            rows.append(
                f"<tr><td>{_e(w.field(value.field))}</td><td>{_e(w.value(value, 'before'))}</td>"
                f"<td>{_e(w.value(value, 'after'))}</td></tr>"
            )
        shift = self.comparison.year_shift
        for figure in diff.figures:
            after = w.number(figure.after)
            if figure.difference:
                after += f" ({w.signed(figure.difference)})"
            rows.append(
                f"<tr><td>{_e(w.figure(figure, shift))}</td>"
                f"<td align='right'>{_e(w.number(figure.before))}</td>"
                f"<td align='right'>{_e(after)}</td></tr>"
            )
        for part in diff.parts:
            rows += self._rows(part, owner or diff, depth + 1)
        return rows

    def _figure(self, figure: FigureChange) -> str:
        w = self.words
        difference = w.signed(figure.difference) if figure.difference else ""
        return (
            f"<tr><td>{_e(w.figure(figure, self.comparison.year_shift))}</td>"
            f"<td align='right'>{_e(w.number(figure.before))}</td>"
            f"<td align='right'>{_e(w.number(figure.after))}</td>"
            f"<td align='right'>{_e(difference)}</td></tr>"
        )
