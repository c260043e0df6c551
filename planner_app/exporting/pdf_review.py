"""The year review (the seed's "terugblik"): a plan's initiatives grouped by status, with
counts per status and per strategic objective, each strategic objective's progress from
below (its roll-up beside its own status), the milestones overdue, then the indicators
with their targets, actuals and status. Everything is judged at the review's reference
date (``ctx.at``), printed under its heading. Same pages, footer and fingerprint as the
plan document. The figures come from ``services.review``, which the Review tab shows
too."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from planner_app.exporting.pdf_cover import period, title_top, version_label
from planner_app.exporting.pdf_doc import keep_space
from planner_app.exporting.pdf_objectives import indicator_table, objective_label
from planner_app.exporting.pdf_paragraph import DocParagraph
from planner_app.exporting.pdf_story import StoryContext
from planner_app.exporting.pdf_styles import CELL_PADDING, widest_word
from planner_app.exporting.pdf_tables import (
    MIN_LABEL,
    PORTRAIT_WIDTH,
    Row,
    figure_tables,
    row_blocks,
)
from planner_app.exporting.pdf_text import escape
from planner_app.formatting import format_due, format_number, format_numeric_date
from planner_app.i18n import N_
from planner_app.services import rollup_words
from planner_app.services.details import IndicatorInfo
from planner_app.services.review import REVIEW_KINDS, STATUS_ORDER, YearReview, year_review


def title_page(ctx: StoryContext) -> list[Flowable]:
    s, plan, text = ctx.styles, ctx.plan, ctx.text
    where = ctx.t(N_("Title page"))
    years = period(plan)
    story = title_top(ctx)
    story += [
        DocParagraph(escape(ctx.t(N_("Year review {years}")).format(years=years)), s.title),
        DocParagraph(text.markup(plan.title, where, "title"), s.subtitle),
        Spacer(1, 25 * mm),
        DocParagraph(escape(version_label(ctx)), s.subtitle),
        PageBreak(),
    ]
    return story


def review(ctx: StoryContext) -> list[Flowable]:
    data = year_review(ctx.store, ctx.plan_id, ctx.text.language, at=ctx.at)
    story: list[Flowable] = [ctx.label_heading(N_("Initiatives by status"))]
    if not data.total:
        story.append(
            DocParagraph(escape(ctx.t(N_("The plan has no initiatives."))), ctx.styles.body)
        )
    else:
        story += _counts(ctx, data)
        story += _per_status(ctx, data)
    story += _progress(ctx, data)
    story += _overdue(ctx, data)
    story += _indicators(ctx, data)
    ctx.ticker.tick()
    return story


def _counts(ctx: StoryContext, data: YearReview) -> list[Flowable]:
    lang = ctx.text.language
    headers = [ctx.label(st) for st in STATUS_ORDER] + [ctx.t(N_("Total"))]
    rows = []
    for line in data.per_strategic:
        sd = line.objective
        number = objective_label(ctx, sd)
        label = f"{escape(number)} {ctx.text.markup(sd.title, number, 'title')}"
        cells = [format_number(line.counts[st], lang) for st in STATUS_ORDER]
        rows.append(Row(label, 0, False, [*cells, format_number(line.total, lang)]))
    per_status = data.per_status
    total = [format_number(per_status[st], lang) for st in STATUS_ORDER]
    rows.append(
        Row(
            f"<b>{escape(ctx.t(N_('Total')))}</b>",
            0,
            True,
            [*total, format_number(data.total, lang)],
        )
    )
    return [
        DocParagraph(
            escape(ctx.t(N_("Number of initiatives per strategic objective and status"))),
            ctx.styles.label,
        ),
        *figure_tables(ctx, headers, rows, group=len(headers), landscape=False),
    ]


def _per_status(ctx: StoryContext, data: YearReview) -> list[Flowable]:
    s = ctx.styles
    story: list[Flowable] = []
    for status in STATUS_ORDER:
        group = data.groups[status]
        if not group:
            continue
        label = f"{ctx.label(status)[:1].upper()}{ctx.label(status)[1:]} ({len(group)})"
        story += [keep_space(30), ctx.heading(escape(label), label, 1)]
        titles = [
            ctx.t(h)
            for h in (N_("Initiative"), N_("Title"), N_("Lead unit"), N_("Strategic objective"))
        ]
        header = [DocParagraph(escape(title), s.cell_bold) for title in titles]
        body, texts = [], []
        for initiative in group:
            number = objective_label(ctx, initiative.objective)
            strategic = objective_label(ctx, initiative.strategic)
            unit = initiative.lead_unit
            lead = ctx.text.plain(unit, number, "lead unit") if unit else ""
            texts.append((number, lead, strategic))
            body.append(
                [
                    DocParagraph(escape(number), s.cell),
                    DocParagraph(
                        ctx.text.markup(initiative.objective.title, number, "title"), s.cell
                    ),
                    DocParagraph(
                        ctx.text.markup(initiative.lead_unit, number, "lead unit") if lead else "",
                        s.cell,
                    ),
                    DocParagraph(escape(strategic), s.cell),
                ]
            )
        widths = _status_widths(ctx, titles, texts)
        # Blocks, not one table: a status may hold thousands of initiatives.
        story += row_blocks([header], body, widths, figures_from=None)
    return story


def _status_widths(
    ctx: StoryContext, titles: list[str], texts: list[tuple[str, str, str]]
) -> list[float]:
    """Number, title, lead unit and strategic objective across the page: 11%, 55%, 20%
    and 14%, but each of the three short columns as wide as its widest word ("Team
    Regeringsonde|rsteuning" was cut in two), the codes' columns at most a fifth of the
    page each (a code of 32 letters breaks), the lead unit's at most what leaves the
    title ``MIN_LABEL``. The title takes the rest: the widths always fill the page."""
    bold, plain = ctx.styles.cell_bold.fontName, ctx.styles.cell.fontName
    page = PORTRAIT_WIDTH
    pad = CELL_PADDING + 1

    def room(column: int, at: int, share: float) -> float:
        words = widest_word([t[at] for t in texts], plain, 8)
        return max(page * share, max(words, widest_word([titles[column]], bold, 8)) + pad)

    number = min(room(0, 0, 0.11), page * 0.2)
    strategic = min(room(3, 2, 0.14), page * 0.2)
    lead = min(room(2, 1, 0.20), page - number - strategic - MIN_LABEL)
    return [number, page - number - lead - strategic, lead, strategic]


def _judged(ctx: StoryContext) -> DocParagraph:
    when = format_numeric_date(ctx.at, ctx.text.language)
    return DocParagraph(escape(ctx.t(N_("Status on {date}")).format(date=when)), ctx.styles.small)


def _progress(ctx: StoryContext, data: YearReview) -> list[Flowable]:
    """Each strategic objective: its own status, then its progress from below."""
    shown = [p for p in data.progress if not p.rollup.empty]
    if not shown:
        return []
    lang, s = ctx.text.language, ctx.styles
    story: list[Flowable] = [
        keep_space(40),
        ctx.label_heading(N_("Progress of the strategic objectives")),
        _judged(ctx),
    ]
    for entry in shown:
        number = objective_label(ctx, entry.objective)
        title = f"<b>{escape(number)}</b> {ctx.text.markup(entry.objective.title, number, 'title')}"
        own = ctx.t(N_("Own status: {status}")).format(status=ctx.label(entry.status))
        below = ctx.t(N_("Progress from below: {verdict}")).format(
            verdict=rollup_words.verdict_words(entry.rollup, ctx.t)
        )
        lines = [own, below, *rollup_words.lines(entry.rollup, ctx.t, lang)]
        story.append(DocParagraph(title, s.body))
        story.append(DocParagraph("<br/>".join(escape(line) for line in lines), s.cell))
        story.append(Spacer(1, 2 * mm))
    return story


def _overdue(ctx: StoryContext, data: YearReview) -> list[Flowable]:
    """The milestones due before the review's date and not done by then."""
    if not data.overdue:
        return []
    lang, s = ctx.text.language, ctx.styles
    story: list[Flowable] = [
        keep_space(40),
        ctx.label_heading(N_("Milestones overdue")),
        _judged(ctx),
    ]
    for m in data.overdue:
        number = objective_label(ctx, m.objective)
        when = format_due(m.period, m.due_by, getattr(m.precision, "value", None), lang)
        text = ctx.text.markup(m.text, number, "milestone")
        story.append(DocParagraph(f"{escape(number)} · {escape(when)}: {text}", s.cell))
    return story


def _indicators(ctx: StoryContext, data: YearReview) -> list[Flowable]:
    entries = [
        (
            objective_label(ctx, i.objective),
            IndicatorInfo(
                i.id,
                0,
                i.name,
                i.unit_of_measure,
                i.values,
                i.target_text,
                i.target_date,
                i.target_done,
            ),
        )
        for i in data.indicators
    ]
    if not entries:
        return []
    statuses = {i.id: i.status for i in data.indicators}
    return [
        ctx.label_heading(N_("Indicators")),
        _judged(ctx),
        *indicator_table(ctx, entries, REVIEW_KINDS, statuses=statuses),
    ]
