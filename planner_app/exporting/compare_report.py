"""A comparison as plain text (``planner-app compare``) and as JSON (``--json``).

Text: one block per area, one entry per difference, its texts as word diffs in the
``[-removed-]{+added+}`` notation of wdiff and git (long unchanged runs cut), figures
as before → after (difference), then the totals. JSON: every difference in full, with
numbers as strings of exact decimals, as ``info --json`` writes them.
"""

from __future__ import annotations

from typing import Any

from planner_app.domain.types import exact_str
from planner_app.exporting.compare_words import Words, elide
from planner_app.i18n import N_
from planner_app.services.compare_model import (
    Area,
    Difference,
    FigureChange,
    PlanComparison,
    PlanSide,
    Ref,
    Segment,
    TextChange,
    ValueChange,
)

INDENT = "  "


def word_diff_text(segments: list[Segment]) -> str:
    """``kept [-removed-]{+added+} kept``, on one line."""
    out = []
    for op, text in segments:
        text = " ".join(text.split())
        if not text:
            continue
        out.append(text if op == "=" else (f"[-{text}-]" if op == "-" else f"{{+{text}+}}"))
    return " ".join(out)


def comparison_lines(comparison: PlanComparison, words: Words) -> list[str]:
    t = words.t
    count = len(comparison.differences)
    lines = [words.heading(comparison)]
    if comparison.year_shift:
        lines.append(
            t(N_("Years set side by side: {after} beside {before}.")).format(
                after=comparison.after.first_year, before=comparison.before.first_year
            )
        )
    if count:
        lines.append(t(N_("Differences: {n}")).format(n=count))
    else:
        lines.append(t(N_("No differences.")))
    area: Area | None = None
    for diff in comparison.differences:
        if diff.area is not area:
            area = diff.area
            lines += ["", words.area(area)]
        lines += _difference(diff, words, comparison, 1)
    lines += ["", t(N_("Totals"))]
    for figure in comparison.totals:
        lines.append(INDENT + _figure(figure, words, comparison.year_shift))
    return lines


def _difference(
    diff: Difference, words: Words, comparison: PlanComparison, depth: int
) -> list[str]:
    pad = INDENT * depth
    name = words.ref(diff.area, diff.ref)
    if diff.before and diff.after and _renamed(diff, words):
        name = f"{words.ref(diff.area, diff.before)} → {name}"
    head = f"{pad}{name}: {words.changes(diff)}"
    matched = words.matched(diff)
    if matched and diff.area is not Area.PLAN:
        head += f" ({matched})"
    lines = [head]
    inner = pad + INDENT
    languages = comparison.after.languages
    for text in diff.texts:
        lines.append(f"{inner}{words.text_field(text, languages)}: {_text(text)}")
    for value in diff.values:
        lines.append(f"{inner}{_value(value, words)}")
    for figure in diff.figures:
        lines.append(inner + _figure(figure, words, comparison.year_shift))
    for part in diff.parts:
        lines += _difference(part, words, comparison, depth + 1)
    return lines


def _renamed(diff: Difference, words: Words) -> bool:
    """Whether the row is named differently in the two versions (a recoded objective)."""
    assert diff.before is not None and diff.after is not None
    return diff.before.code != diff.after.code and diff.area is Area.OBJECTIVE


def _text(change: TextChange) -> str:
    return word_diff_text(elide(change.segments))


def _value(change: ValueChange, words: Words) -> str:
    before, after = words.value(change, "before"), words.value(change, "after")
    return f"{words.field(change.field)}: {before} → {after}"


def _figure(figure: FigureChange, words: Words, shift: int) -> str:
    what = words.figure(figure, shift)
    text = f"{what}: {words.number(figure.before)} → {words.number(figure.after)}"
    if figure.difference:
        text += f" ({words.signed(figure.difference)})"
    return text


# --- JSON ----------------------------------------------------------------------------


def _num(value) -> str | None:
    return None if value is None else exact_str(value)


def _side(side: PlanSide) -> dict[str, Any]:
    return {
        "id": str(side.id),
        "code": side.code,
        "kind": side.kind.value,
        "title": side.title,
        "period": [side.first_year, side.last_year],
        "state": side.state.value,
        "version": side.version_no,
    }


def _ref(ref: Ref | None) -> dict[str, Any] | None:
    if ref is None:
        return None
    return {
        "id": str(ref.id),
        "kind": ref.kind,
        "code": ref.code,
        "title": ref.title or {},
        "parent": ref.parent,
    }


def figure_json(figure: FigureChange) -> dict[str, Any]:
    return {
        "measure": figure.measure.value,
        "year": figure.year,
        "before_year": figure.before_year,
        "facets": list(figure.facets),
        "before": _num(figure.before),
        "after": _num(figure.after),
        "difference": _num(figure.difference),
    }


def difference_json(diff: Difference) -> dict[str, Any]:
    return {
        "area": diff.area.value,
        "changes": sorted(c.value for c in diff.changes),
        "matched_by": diff.matched_by or None,
        "before": _ref(diff.before),
        "after": _ref(diff.after),
        "texts": [
            {
                "field": t.field,
                "row": t.row,
                "language": t.language,
                "before": t.before,
                "after": t.after,
                "diff": [list(s) for s in t.segments],
            }
            for t in diff.texts
        ],
        "values": [{"field": v.field, "before": v.before, "after": v.after} for v in diff.values],
        "figures": [figure_json(f) for f in diff.figures],
        "parts": [difference_json(p) for p in diff.parts],
    }


def comparison_json(comparison: PlanComparison) -> dict[str, Any]:
    return {
        "plan": _side(comparison.after),
        "with": _side(comparison.before),
        "year_shift": comparison.year_shift,
        "differences": [difference_json(d) for d in comparison.differences],
        "totals": [figure_json(f) for f in comparison.totals],
    }
