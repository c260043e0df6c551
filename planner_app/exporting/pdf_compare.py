"""A comparison of two versions of a plan as a PDF: A4 landscape, the before version
and the after version side by side, one table per area, then the totals.

Labels are in the plan's language (the after version's first), numbers in its Belgian
style. Plan texts are data: every one goes through ``pdf_text.escape`` before the only
markup written here (struck-out red for removed words, underlined green for added
ones). Long texts are cut around their changes (``compare_words.elide``), so no cell
outgrows a page. Written atomically, like the plan document.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from planner_app.exporting.compare_words import Words, elide, marked_sides
from planner_app.exporting.pdf import _write_atomically
from planner_app.exporting.pdf_doc import (
    MARGIN,
    PageMarks,
    PlanDocTemplate,
    Ticker,
    layout_units,
)
from planner_app.exporting.pdf_paragraph import DocParagraph
from planner_app.exporting.pdf_styles import SHADE, GridTable, Styles, grid_style, make_styles
from planner_app.exporting.pdf_text import escape
from planner_app.exporting.report import Progress
from planner_app.i18n import N_, translator
from planner_app.services.compare_model import (
    Area,
    Difference,
    FigureChange,
    PlanComparison,
    Segment,
)

REMOVED = "#b00020"
ADDED = "#0a6b2e"
WIDTHS = (0.26, 0.37, 0.37)  # what | before | after, of the frame's width


def export_comparison(
    comparison: PlanComparison,
    out: Path,
    *,
    language: str | None = None,
    progress: Progress | None = None,
) -> None:
    """Write ``comparison`` to ``out`` in ``language`` (default: the plan's)."""
    lang = language or comparison.language
    t = translator(lang)
    words = Words(t, lang, comparison.language)
    styles = make_styles()
    story = _story(comparison, words, styles)
    ticker = Ticker(progress)
    ticker.phase(0.0, 1.0, layout_units(story))
    heading = words.heading(comparison)
    marks = PageMarks(
        title=t(N_("Comparison of two versions of a plan")),
        page_of=t(N_("Page {page} of {pages}")),
        version_line=heading,
        watermark=None,
    )

    def build(path: Path) -> None:
        doc = PlanDocTemplate(
            str(path), marks, ticker, title=heading, author="planner-app", lang=lang
        )
        doc._firstPageTemplateIndex = 1  # reportlab's switch: start on the landscape page
        doc.build(story)

    _write_atomically(Path(out), build)
    ticker.finish()


def _story(comparison: PlanComparison, words: Words, s: Styles) -> list[Flowable]:
    t = words.t
    story: list[Flowable] = [
        DocParagraph(escape(t(N_("Comparison of two versions of a plan"))), s.h1),
        DocParagraph(escape(words.pick(comparison.after.title)), s.h2),
        DocParagraph(escape(words.heading(comparison)), s.body),
    ]
    if comparison.year_shift:
        story.append(
            DocParagraph(
                escape(
                    t(N_("Years set side by side: {after} beside {before}.")).format(
                        after=comparison.after.first_year, before=comparison.before.first_year
                    )
                ),
                s.body,
            )
        )
    count = len(comparison.differences)
    summary = t(N_("Differences: {n}")).format(n=count) if count else t(N_("No differences."))
    story += [DocParagraph(escape(summary), s.body), Spacer(1, 4 * mm)]
    for area in Area:
        diffs = comparison.in_area(area)
        if diffs:
            story.append(DocParagraph(escape(words.area(area)), s.h2))
            story.append(_area_table(comparison, diffs, words, s))
    story.append(DocParagraph(escape(t(N_("Totals"))), s.h2))
    story.append(_totals(comparison, words, s))
    return story


def _frame_width() -> float:
    from reportlab.lib.pagesizes import A4, landscape

    return landscape(A4)[0] - 2 * MARGIN


def _area_table(
    comparison: PlanComparison, diffs: Sequence[Difference], words: Words, s: Styles
) -> GridTable:
    t = words.t
    before = t(N_("Before: {side}")).format(side=words.side(comparison.before))
    after = t(N_("After: {side}")).format(side=words.side(comparison.after))
    rows: list[list] = [
        [_p(t(N_("What")), s.cell_bold), _p(before, s.cell_bold), _p(after, s.cell_bold)]
    ]
    heads: list[int] = []
    for diff in diffs:
        _rows(diff, comparison, words, s, rows, heads, depth=0)
    width = _frame_width()
    table = GridTable(rows, colWidths=[width * w for w in WIDTHS], repeatRows=1)
    style = grid_style()
    for row in heads:
        style.add("SPAN", (0, row), (-1, row))
        style.add("BACKGROUND", (0, row), (-1, row), SHADE)
    table.setStyle(style)
    return table


def _rows(
    diff: Difference,
    comparison: PlanComparison,
    words: Words,
    s: Styles,
    rows: list[list],
    heads: list[int],
    depth: int,
) -> None:
    name = words.ref(diff.area, diff.ref)
    if diff.before and diff.after and diff.before.code != diff.after.code:
        name = f"{words.ref(diff.area, diff.before)} → {name}"
    head = f"{'    ' * depth}{name} — {words.changes(diff)}"
    matched = words.matched(diff)
    if matched and diff.area is not Area.PLAN:
        head += f" ({matched})"
    heads.append(len(rows))
    rows.append([_p(head, s.cell_bold), "", ""])
    if not (diff.texts or diff.values or diff.figures or diff.parts):
        absent, present = ("–", name) if diff.before is None else (name, "–")
        rows.append([_p("", s.cell), _p(absent, s.cell), _p(present, s.cell)])
    languages = comparison.after.languages
    for text in diff.texts:
        old, new = _sides(elide(text.segments))
        rows.append(
            [
                _p(words.text_field(text, languages), s.cell),
                DocParagraph(old or "–", s.cell),
                DocParagraph(new or "–", s.cell),
            ]
        )
    for value in diff.values:
        rows.append(
            [
                _p(words.field(value.field), s.cell),
                _p(words.value(value, "before"), s.cell),
                _p(words.value(value, "after"), s.cell),
            ]
        )
    for figure in diff.figures:
        rows.append(_figure_row(figure, words, s, comparison.year_shift))
    for part in diff.parts:
        _rows(part, comparison, words, s, rows, heads, depth + 1)


def _figure_row(figure: FigureChange, words: Words, s: Styles, shift: int) -> list:
    after = words.number(figure.after)
    if figure.difference:
        after += f" ({words.signed(figure.difference)})"
    return [
        _p(words.figure(figure, shift), s.cell),
        _p(words.number(figure.before), s.cell_right),
        _p(after, s.cell_right),
    ]


def _totals(comparison: PlanComparison, words: Words, s: Styles) -> GridTable:
    t = words.t
    rows: list[list] = [
        [
            _p(t(N_("What")), s.cell_bold),
            _p(t(N_("Before")), s.cell_right_bold),
            _p(t(N_("After")), s.cell_right_bold),
            _p(t(N_("Difference")), s.cell_right_bold),
        ]
    ]
    for figure in comparison.totals:
        rows.append(
            [
                _p(words.figure(figure, comparison.year_shift), s.cell),
                _p(words.number(figure.before), s.cell_right),
                _p(words.number(figure.after), s.cell_right),
                _p(words.signed(figure.difference) if figure.difference else "", s.cell_right),
            ]
        )
    width = _frame_width()
    table = GridTable(rows, colWidths=[width * w for w in (0.4, 0.2, 0.2, 0.2)], repeatRows=1)
    table.setStyle(grid_style())
    return table


def _p(text: str, style) -> DocParagraph:
    return DocParagraph(escape(text), style)


def _sides(segments: Sequence[Segment]) -> tuple[str, str]:
    """The before text with its removed words marked, the after text with its added
    ones; both escaped, the marks our own markup."""
    return marked_sides(
        segments,
        escape,
        lambda safe: f'<strike><font color="{REMOVED}">{safe}</font></strike>',
        lambda safe: f'<u><font color="{ADDED}">{safe}</font></u>',
    )
