"""The year review (the seed's "terugblik"): a plan's initiatives grouped by status, with
counts per status and per strategic objective, then the indicators with their targets
and actuals. Same pages, footer and fingerprint as the plan document."""

from __future__ import annotations

import uuid
from collections import Counter

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table

from planner_app.domain.enums import ObjectiveLevel, Status, ValueKind
from planner_app.exporting.pdf_objectives import indicator_table, objective_label
from planner_app.exporting.pdf_story import StoryContext, period, title_top, version_label
from planner_app.exporting.pdf_styles import grid_style
from planner_app.exporting.pdf_tables import Row, figure_tables
from planner_app.exporting.pdf_text import escape
from planner_app.formatting import format_number
from planner_app.i18n import N_
from planner_app.services.details import plan_details
from planner_app.services.objectives import ObjectiveNode, load_tree
from planner_app.services.units import load_units

STATUS_ORDER = (
    Status.DONE,
    Status.ON_SCHEDULE,
    Status.DELAYED,
    Status.ACTION_NEEDED,
    Status.NOT_STARTED,
)


def title_page(ctx: StoryContext) -> list[Flowable]:
    s, plan, text = ctx.styles, ctx.plan, ctx.text
    where = ctx.t(N_("Title page"))
    years = period(plan)
    story = title_top(ctx)
    story += [
        Paragraph(escape(ctx.t(N_("Year review {years}")).format(years=years)), s.title),
        Paragraph(text.markup(plan.title, where, "title"), s.subtitle),
        Spacer(1, 25 * mm),
        Paragraph(escape(version_label(ctx)), s.subtitle),
        PageBreak(),
    ]
    return story


def review(ctx: StoryContext) -> list[Flowable]:
    tree = load_tree(ctx.store, ctx.plan_id)
    by_id = {node.id: node for node in tree}
    initiatives = [n for n in tree if n.level is ObjectiveLevel.INITIATIVE]
    story: list[Flowable] = [ctx.label_heading(N_("Initiatives by status"))]
    if not initiatives:
        story.append(Paragraph(escape(ctx.t(N_("The plan has no initiatives."))), ctx.styles.body))
    else:
        story += _counts(ctx, initiatives, by_id)
        story += _per_status(ctx, initiatives, by_id)
    story += _indicators(ctx, tree)
    ctx.ticker.tick()
    return story


def _strategic_root(node: ObjectiveNode, by_id: dict[uuid.UUID, ObjectiveNode]) -> ObjectiveNode:
    while node.parent_id is not None and node.parent_id in by_id:
        node = by_id[node.parent_id]
    return node


def _counts(ctx: StoryContext, initiatives, by_id) -> list[Flowable]:
    lang = ctx.text.language
    per_status = Counter(n.status for n in initiatives)
    per_sd: dict[uuid.UUID, Counter] = {}
    for node in initiatives:
        per_sd.setdefault(_strategic_root(node, by_id).id, Counter())[node.status] += 1
    headers = [ctx.label(st) for st in STATUS_ORDER] + [ctx.t(N_("Total"))]
    rows = []
    for sd_id, counts in per_sd.items():
        sd = by_id[sd_id]
        number = objective_label(ctx, sd)
        label = f"{escape(number)} {ctx.text.markup(sd.title, number, 'title')}"
        cells = [format_number(counts[st], lang) for st in STATUS_ORDER]
        rows.append(Row(label, 0, False, [*cells, format_number(sum(counts.values()), lang)]))
    total = [format_number(per_status[st], lang) for st in STATUS_ORDER]
    rows.append(
        Row(
            f"<b>{escape(ctx.t(N_('Total')))}</b>",
            0,
            True,
            [*total, format_number(len(initiatives), lang)],
        )
    )
    return [
        Paragraph(
            escape(ctx.t(N_("Number of initiatives per strategic objective and status"))),
            ctx.styles.label,
        ),
        *figure_tables(ctx, headers, rows, group=len(headers), landscape=False),
    ]


def _per_status(ctx: StoryContext, initiatives, by_id) -> list[Flowable]:
    s = ctx.styles
    units = {u.id: u for u in load_units(ctx.store, ctx.plan_id)}
    story: list[Flowable] = []
    for status in STATUS_ORDER:
        group = [n for n in initiatives if n.status is status]
        if not group:
            continue
        label = f"{ctx.label(status)[:1].upper()}{ctx.label(status)[1:]} ({len(group)})"
        story.append(ctx.heading(escape(label), label, 1))
        header = [
            Paragraph(escape(ctx.t(h)), s.cell_bold)
            for h in (N_("Initiative"), N_("Title"), N_("Lead unit"), N_("Strategic objective"))
        ]
        rows = [header]
        for node in group:
            number = objective_label(ctx, node)
            sd = _strategic_root(node, by_id)
            lead = units.get(node.lead_unit_id) if node.lead_unit_id else None
            rows.append(
                [
                    Paragraph(escape(number), s.cell),
                    Paragraph(ctx.text.markup(node.title, number, "title"), s.cell),
                    Paragraph(
                        ctx.text.markup(lead.name, number, "lead unit") if lead else "", s.cell
                    ),
                    Paragraph(escape(objective_label(ctx, sd)), s.cell),
                ]
            )
        table = Table(rows, repeatRows=1, colWidths=["11%", "55%", "20%", "14%"], hAlign="LEFT")
        table.setStyle(grid_style())
        story.append(table)
    return story


def _indicators(ctx: StoryContext, tree: list[ObjectiveNode]) -> list[Flowable]:
    details = plan_details(ctx.store, ctx.plan_id)
    entries = [
        (objective_label(ctx, node), indicator)
        for node in tree
        for indicator in details[node.id].indicators
    ]
    if not entries:
        return []
    return [
        ctx.label_heading(N_("Indicators")),
        indicator_table(ctx, entries, (ValueKind.TARGET, ValueKind.ACTUAL)),
    ]
