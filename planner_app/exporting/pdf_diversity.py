"""The diversity plan as an annex of the plan document: contact, introduction, pillars,
bottlenecks, priorities, objectives with their actions, the indicators' table with a
status per row, and a chart (reportlab graphics) of baseline, targets and actuals.

Only plans that have a diversity plan get the annex (the latest year's). Numbers are
shown as the services format them (Belgian style in the document's language); charts
turn exact values into floats only to draw them.
"""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from planner_app.domain.enums import MeasureUnit, ValueKind
from planner_app.exporting.pdf_blocks import BULLETS, item_style
from planner_app.exporting.pdf_doc import TEXT_WIDTH, keep_space
from planner_app.exporting.pdf_fonts import BASE_FONT
from planner_app.exporting.pdf_objectives import text_target
from planner_app.exporting.pdf_paragraph import DocParagraph
from planner_app.exporting.pdf_progress_chart import CHART_WIDTH, LINE, drawing, progress_chart
from planner_app.exporting.pdf_story import StoryContext
from planner_app.exporting.pdf_styles import (
    CELL_PADDING,
    GridTable,
    fitted_widths,
    grid_style,
    header_room,
    widest_word,
)
from planner_app.exporting.pdf_text import escape
from planner_app.formatting import format_numeric_date
from planner_app.i18n import N_
from planner_app.services.diversity_read import (
    DiversityIndicatorInfo,
    DiversityInfo,
    format_value,
    load_diversity,
)
from planner_app.services.progress_rule import STATUS_LABELS, STATUS_SYMBOLS, IndicatorStatus

STATUS_COLOURS = {
    IndicatorStatus.ON_TRACK: colors.HexColor("#d7f0dc"),
    IndicatorStatus.BEHIND: colors.HexColor("#f8d7d6"),
    IndicatorStatus.REACHED: colors.HexColor("#c3e6cb"),
    IndicatorStatus.MISSED: colors.HexColor("#f1b0b7"),
    IndicatorStatus.DONE: colors.HexColor("#c3e6cb"),
    IndicatorStatus.OPEN: colors.HexColor("#fff3cd"),
    IndicatorStatus.NO_DATA: colors.HexColor("#eeeeee"),
    IndicatorStatus.NO_TARGET: colors.HexColor("#dde8fa"),
}


def status_words(ctx: StoryContext, status: IndicatorStatus) -> str:
    """A status as a document prints it: a shape and a word, never colour alone."""
    return f"{STATUS_SYMBOLS[status]} {ctx.t(STATUS_LABELS[status])}"


def annex(ctx: StoryContext) -> list[Flowable]:
    """The annex, or nothing when the plan has no diversity plan."""
    info = load_diversity(ctx.store, ctx.plan_id)
    if info is None:
        return []
    s, text = ctx.styles, ctx.text
    where = ctx.t(N_("Diversity plan"))
    title = ctx.t(N_("Annex: equal opportunities and diversity plan {year}")).format(year=info.year)
    story: list[Flowable] = [PageBreak(), ctx.heading(escape(title), title, 0)]
    story += _contact(ctx, info, where)
    for field, label in (("introduction", N_("Introduction")), ("mission", N_("Mission"))):
        if any(getattr(info, field).values()):
            story += [
                keep_space(30),
                ctx.label_heading(label, 1),
                *ctx.paragraphs(getattr(info, field), where, field, s.body),
            ]
    for items, label in (
        (info.pillars, N_("Pillars")),
        (info.bottlenecks, N_("Bottlenecks")),
    ):
        if items:
            story += [keep_space(30), ctx.label_heading(label, 1)]
            story += [
                DocParagraph(f"{n}. " + text.markup(item.text, f"{where} {n}", label), s.body)
                for n, item in enumerate(items, 1)
            ]
    story += _priorities(ctx, info, where)
    story += _objectives(ctx, info, where)
    story += _indicators(ctx, info, where)
    return story


def _contact(ctx: StoryContext, info: DiversityInfo, where: str) -> list[Flowable]:
    s, text = ctx.styles, ctx.text
    lines = []
    if any(info.contact_role.values()):
        role = text.markup(info.contact_role, where, "contact_role")
        lines.append(f"<b>{escape(ctx.t(N_('Role')))}{text.colon}</b> {role}")
    for field, label in (
        ("contact_name", N_("Contact person")),
        ("contact_phone", N_("Phone")),
        ("contact_email", N_("Email")),
    ):
        value = getattr(info, field)
        if value:
            value_markup = text.literal(value, where, field)
            lines.append(f"<b>{escape(ctx.t(label))}{text.colon}</b> {value_markup}")
    if not lines:
        return []
    return [ctx.label_heading(N_("Contact"), 1), DocParagraph("<br/>".join(lines), s.body)]


def _priorities(ctx: StoryContext, info: DiversityInfo, where: str) -> list[Flowable]:
    s = ctx.styles
    if not info.priorities and not any(info.top_priority.values()):
        return []
    story: list[Flowable] = [keep_space(30), ctx.label_heading(N_("Priorities"), 1)]
    if any(info.top_priority.values()):
        story += [
            DocParagraph(escape(ctx.t(N_("Top priority"))), s.h3),
            *ctx.paragraphs(info.top_priority, where, "top_priority", s.body),
        ]
    for n, item in enumerate(info.priorities, 1):
        story += ctx.paragraphs(item.text, f"{where} {n}", "priority", s.body)
    return story


def _objectives(ctx: StoryContext, info: DiversityInfo, where: str) -> list[Flowable]:
    s, text = ctx.styles, ctx.text
    if not info.objectives:
        return []
    number = {p.id: n for n, p in enumerate(info.pillars, 1)}
    story: list[Flowable] = [keep_space(30), ctx.label_heading(N_("Objectives"), 1)]
    for n, objective in enumerate(info.objectives, 1):
        here = f"{where} {ctx.t(N_('Objective'))} {n}"
        story += [
            keep_space(30),
            DocParagraph(f"{n}. " + text.markup(objective.title, here, "title"), s.h3),
        ]
        if any(objective.text.values()):
            story += ctx.paragraphs(objective.text, here, "text", s.body)
        if objective.pillar_ids:
            numbers = ", ".join(str(number[p]) for p in objective.pillar_ids)
            pillars = f"{ctx.t(N_('Pillars'))}{text.colon} {numbers}"
            story.append(DocParagraph(escape(pillars), s.muted))
        for action in objective.actions:
            extra = " · ".join(escape(part) for part in (action.owner, action.due) if part)
            line = text.markup(action.text, here, "action")
            if extra:
                line += f' <font color="#555555">({extra})</font>'
            story.append(DocParagraph(line, item_style(s.body, 0), bulletText=BULLETS[0]))
    return story


INDICATOR_COLUMNS = (
    N_("Indicator"),
    N_("Baseline"),
    N_("Targets"),
    N_("Actuals"),
    N_("Status"),
    N_("Source and reliability"),
)
INDICATOR_SHARES = [0.21, 0.115, 0.16, 0.13, 0.15, 0.235]


def _by_year(ctx: StoryContext, indicator: DiversityIndicatorInfo, kind: ValueKind) -> str:
    lang = ctx.text.language
    return "\n".join(
        f"{year}{ctx.text.colon}\u00a0{format_value(indicator.unit, value, lang)}"
        for year, value in sorted(indicator.of_kind(kind).items())
    )


def _indicators(ctx: StoryContext, info: DiversityInfo, where: str) -> list[Flowable]:
    s, text = ctx.styles, ctx.text
    if not info.indicators:
        return []
    lang = text.language
    titles = [ctx.t(c) for c in INDICATOR_COLUMNS]
    header = [DocParagraph(escape(title), s.cell_bold) for title in titles]
    # each column as wide as its widest header word, and the figures' as their widest
    # "2025 : 4,2 %" (never cut between a year and its figure)
    least, pad = header_room(titles), CELL_PADDING + 1
    body, colour_rows = [], []
    for n, indicator in enumerate(info.indicators, 1):
        here = f"{where} {ctx.t(N_('Indicator'))} {n}"
        base = indicator.baseline
        status = indicator.assessment(ctx.at).status
        notes = [text.markup(indicator.source, here, "source")]
        if any(indicator.reliability.values()):
            notes.append("<i>" + text.markup(indicator.reliability, here, "reliability") + "</i>")
        unit = ctx.label(indicator.unit)
        baseline = f"{base.year}{text.colon}\u00a0{format_value(indicator.unit, base, lang)}"
        figures = [
            baseline if base else "",
            _by_year(ctx, indicator, ValueKind.TARGET),
            _by_year(ctx, indicator, ValueKind.ACTUAL),
        ]
        for column, figure in enumerate(figures, 1):
            least[column] = max(least[column], widest_word([figure], s.cell.fontName, 8) + pad)
        cells = [escape(figure) for figure in figures]
        if indicator.has_text_target:  # a target in words, its date and done mark
            words = text_target(ctx, indicator, here)
            cells[1] = f"{cells[1]}<br/>{words}" if cells[1] else words
        body.append(
            [
                DocParagraph(
                    f"{text.markup(indicator.name, here, 'name')} ({escape(unit)})", s.cell
                ),
                *(DocParagraph(cell, s.cell) for cell in cells),
                DocParagraph(escape(status_words(ctx, status)), s.cell),
                DocParagraph("<br/>".join(n for n in notes if n), s.cell),
            ]
        )
        colour_rows.append(("BACKGROUND", (4, n), (4, n), STATUS_COLOURS[status]))
    widths = fitted_widths(INDICATOR_SHARES, least, TEXT_WIDTH)
    table = GridTable([header, *body], repeatRows=1, colWidths=widths)
    style = grid_style()
    for command in colour_rows:
        style.add(*command)
    table.setStyle(style)
    when = ctx.t(N_("Status on {date}")).format(date=format_numeric_date(ctx.at, lang))
    story: list[Flowable] = [
        keep_space(60),
        ctx.label_heading(N_("Indicators"), 1),
        DocParagraph(escape(when), s.small),
        table,
    ]
    charted = [i for i in info.indicators if _has_progress(i)]
    for indicator in charted:
        here = f"{where} {ctx.t(N_('Indicator'))} {indicator.position + 1}"
        title = text.plain(indicator.name, here, "name")
        chart = progress_chart(ctx.t, indicator.chart(ctx.at), title)
        if chart is not None:
            story.append(KeepTogether([Spacer(1, 4 * mm), chart]))
    if not charted:
        chart = baseline_chart(ctx, info, where)
        if chart is not None:
            story += [Spacer(1, 4 * mm), KeepTogether([chart])]
    return story


def _has_progress(indicator: DiversityIndicatorInfo) -> bool:
    return any(v.kind is not ValueKind.BASELINE for v in indicator.values)


def baseline_chart(ctx: StoryContext, info: DiversityInfo, where: str) -> Drawing | None:
    """Without targets or actuals yet: the baselines of the percentage indicators."""
    shown = [
        i
        for i in info.indicators
        if i.unit is MeasureUnit.PERCENT and i.baseline and i.baseline.exact is not None
    ]
    if not shown:
        return None
    height = 30 + 16 * len(shown)
    chart_drawing = drawing(CHART_WIDTH, height + 14)
    title = ctx.t(N_("Baselines {year} (%)")).format(year=info.year)
    chart_drawing.add(String(0, height + 4, title, fontName=BASE_FONT, fontSize=8))
    chart = HorizontalBarChart()
    chart.x, chart.y = 200, 18
    chart.width, chart.height = CHART_WIDTH - 220, height - 24
    # the first category is drawn at the bottom: reversed, the table's order reads down
    ordered = list(reversed(shown))
    chart.data = [[float(i.baseline.exact) for i in ordered]]  # type: ignore[union-attr]
    names = []
    for indicator in ordered:
        here = f"{where} {ctx.t(N_('Indicator'))} {indicator.position + 1}"
        name = ctx.text.plain(indicator.name, here, "name")
        names.append(name if len(name) <= 48 else name[:47] + "…")
    chart.categoryAxis.categoryNames = names
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, 100
    chart.valueAxis.valueStep = 10
    chart.bars[0].fillColor = LINE
    for labels in (chart.categoryAxis.labels, chart.valueAxis.labels):
        labels.fontName, labels.fontSize = BASE_FONT, 7
    lang = ctx.text.language
    chart.barLabelFormat = "values"
    chart.barLabelArray = [[format_value(i.unit, i.baseline, lang) for i in ordered]]
    chart.barLabels.fontName, chart.barLabels.fontSize = BASE_FONT, 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    chart_drawing.add(chart)
    return chart_drawing
