"""The objectives chapter: policy-field headings, objective headings with their codes,
and under each its description, intended results, facts, milestones and indicators.
Strategic and operational objectives go into the table of contents; initiatives
(hundreds in a business plan) and actions only get a heading in the text.

Codes print as the plan numbers its levels, in the document's language ("SD 1" in a
Dutch document, "OS 1" in a French one, "Axe 2" in a plan that says so), and a status
only where the plan tracks status."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from reportlab.platypus import Flowable

from planner_app.domain.enums import ObjectiveLevel, ValueKind
from planner_app.exporting import pdf_units
from planner_app.exporting.pdf_doc import Heading, StoryStream, keep_space
from planner_app.exporting.pdf_indicator_charts import indicator_charts
from planner_app.exporting.pdf_paragraph import DocParagraph
from planner_app.exporting.pdf_story import StoryContext
from planner_app.exporting.pdf_styles import CELL_PADDING, GridTable, grid_style, widest_word
from planner_app.exporting.pdf_tables import row_blocks
from planner_app.exporting.pdf_text import escape
from planner_app.formatting import format_due, format_keur, format_numeric_date
from planner_app.i18n import N_
from planner_app.services.details import IndicatorInfo, ObjectiveDetail, plan_details
from planner_app.services.plan_parts import load_policy_fields
from planner_app.services.progress_rule import STATUS_LABELS, STATUS_SYMBOLS, IndicatorStatus
from planner_app.services.review import ObjectiveRef
from planner_app.services.tree_read import ObjectiveNode, load_tree
from planner_app.services.units import load_units


def objective_label(ctx: StoryContext, node: ObjectiveNode | ObjectiveDetail | ObjectiveRef) -> str:
    """ "SD 1", "OD 1.1" or "1.1.1": the code as read in the document's language."""
    return node.code


def format_value(value: Decimal | None, lang: str) -> str:
    """An exact figure with the decimals it has (Belgian style)."""
    return format_keur(value, lang)


DETAILS_BATCH = 500  # objectives whose details are read at a time while laying out
_CONTENTS = frozenset({ObjectiveLevel.STRATEGIC, ObjectiveLevel.OPERATIONAL})


def objectives(ctx: StoryContext) -> list[Flowable]:
    """The chapter's heading and a stream of its objectives: the headings that go into
    the contents (policy fields, SDs, ODs) are made now, in order; the rest of each
    objective, and its details, are read and made when layout reaches it."""
    tree = load_tree(ctx.store, ctx.plan_id, ctx.text.language)
    if not tree:
        return []
    fields = {f.id: f for f in load_policy_fields(ctx.store, ctx.plan_id)}
    units = {u.id: u for u in load_units(ctx.store, ctx.plan_id)}
    steps: list[tuple[list[Flowable], ObjectiveNode]] = []
    headings: list[Heading] = []
    current_field: uuid.UUID | None = None
    base = 1  # the contents level of SDs: 2 under a policy-field heading
    part = ctx.text.position  # this chapter's place in the document, for the report
    for n, node in enumerate(tree):
        ctx.text.position = (*part, n)
        lead: list[Flowable] = []
        if node.level is ObjectiveLevel.STRATEGIC:
            field_id = node.policy_field_id if node.policy_field_id in fields else None
            if field_id != current_field:
                current_field = field_id
                if field_id is not None:
                    lead += _policy_field(ctx, fields[field_id])
            base = 2 if current_field is not None else 1
        if node.level in _CONTENTS:
            lead += _heading(ctx, node, base)
        headings += [f for f in lead if isinstance(f, Heading)]
        steps.append((lead, node))
        ctx.ticker.tick()
    codes = {node.id: node.code for node in tree}
    labels = {node.id: objective_label(ctx, node) for node in tree}
    titles = {node.id: node.title for node in tree}
    facts = pdf_units.UnitFacts.read(ctx, labels)
    placing = ctx.placing  # the stream is made during layout, after this part returns

    def parts() -> Iterator[list[Flowable]]:
        for start in range(0, len(steps), DETAILS_BATCH):
            batch = steps[start : start + DETAILS_BATCH]
            details = plan_details(ctx.store, ctx.plan_id, [n.id for _l, n in batch], codes)
            for n, (lead, node) in enumerate(batch, start):
                ctx.text.position = (*part, n)
                ctx.placing = placing
                try:
                    if node.level not in _CONTENTS:
                        lead = lead + _heading(ctx, node, 0)
                    body = _body(ctx, details[node.id], units, facts)
                    if node.level is ObjectiveLevel.STRATEGIC:
                        body += pdf_units.served_by(ctx, facts, node.id, titles)
                finally:
                    ctx.placing = None
                yield lead + body

    return [
        ctx.label_chapter(N_("Objectives")),
        StoryStream(parts(), len(steps), headings),
        *pdf_units.transversal_list(ctx, facts, titles),
        *pdf_units.matrix(ctx, labels),
    ]


def _policy_field(ctx: StoryContext, field) -> list[Flowable]:
    where = ctx.t(N_("Policy field {code}")).format(code=field.code)
    plain = ctx.text.plain(field.title, where, "title")
    prefix = f"{field.code}. " if field.code else ""
    markup = escape(prefix) + ctx.text.markup(field.title, where, "title")
    return [keep_space(60), ctx.heading(markup, prefix + plain, 1, ctx.styles.h1)]


def _heading(ctx: StoryContext, d: ObjectiveNode, base: int) -> list[Flowable]:
    """An objective's heading with the room kept for it; SDs and ODs are in the
    contents at level ``base`` and ``base + 1``, initiatives only in the text."""
    s, text = ctx.styles, ctx.text
    number = objective_label(ctx, d)
    plain = text.plain(d.title, number, "title")
    markup = f"{escape(number)}  {text.markup(d.title, number, 'title')}"
    if d.level is ObjectiveLevel.STRATEGIC:
        return [keep_space(50), ctx.heading(markup, f"{number} {plain}", base)]
    if d.level is ObjectiveLevel.OPERATIONAL:
        return [keep_space(40), ctx.heading(markup, f"{number} {plain}", base + 1, s.h2)]
    return [keep_space(25), ctx.heading(markup, plain, None, s.h3)]


def _body(
    ctx: StoryContext, d: ObjectiveDetail, units: dict, facts: pdf_units.UnitFacts | None = None
) -> list[Flowable]:
    """What an objective's heading is followed by."""
    s = ctx.styles
    number = objective_label(ctx, d)
    story: list[Flowable] = []
    if d.description:
        story += ctx.paragraphs(d.description, number, "description", s.body)
    if d.intended_results:
        story.append(ctx.recurring(escape(ctx.t(N_("Intended results"))), s.label))
        story += ctx.paragraphs(d.intended_results, number, "intended results", s.body)
    line = _facts(ctx, d, units, number, facts)
    if line:
        story.append(DocParagraph(line, s.small))
    if d.milestones:
        story.append(ctx.recurring(escape(ctx.t(N_("Milestones"))), s.label))
        story += [_milestone(ctx, m, number) for m in d.milestones]
    if d.indicators:
        story += _indicators(ctx, d.indicators, number, units)
    return story


def _facts(
    ctx: StoryContext,
    d: ObjectiveDetail,
    units: dict,
    number: str,
    facts: pdf_units.UnitFacts | None = None,
) -> str:
    colon = ctx.text.colon
    parts = []
    if ctx.plan.track_status:
        parts.append(f"{escape(ctx.t(N_('Status')))}{colon} {escape(ctx.label(d.status))}")
    if d.kind is not None:
        parts.insert(0, escape(ctx.label(d.kind)))
    if d.lead_unit_id in units:
        unit = units[d.lead_unit_id]
        parts.append(
            f"{escape(ctx.t(N_('Lead unit')))}{colon} "
            + ctx.text.markup(unit.name, number, "lead unit")
        )
    if facts is not None:  # the units beside the lead, by role
        parts += pdf_units.role_parts(ctx, facts, d.id, units, number)
        return " · ".join(parts)
    partner_names = [
        ctx.text.markup(units[u].name, number, "involved units")
        for u in d.partner_ids
        if u in units
    ]
    if partner_names:
        parts.append(f"{escape(ctx.t(N_('Involved units')))}{colon} {', '.join(partner_names)}")
    return " · ".join(parts)


def _milestone(ctx: StoryContext, m, number: str) -> DocParagraph:
    """ "☑ Q3 2025 (done 12/09/2025): text", "☐ Q2 2025 (overdue): text": done and
    overdue as judged at the document's date."""
    lang = ctx.text.language
    when = format_due(m.period, m.due_by, getattr(m.due_precision, "value", None), lang)
    done = m.done_at(ctx.at)
    notes = []
    if done and m.done_on is not None:
        notes.append(ctx.t(N_("done {date}")).format(date=format_numeric_date(m.done_on, lang)))
    elif m.overdue(ctx.at):
        notes.append(ctx.t(N_("overdue")))
    if notes:
        when = f"{when} ({', '.join(notes)})" if when else f"({', '.join(notes)})"
    mark = "☑" if done else "☐"
    head = f"{mark} {escape(when)}{ctx.text.colon} " if when else f"{mark} "
    return DocParagraph(
        head + ctx.text.markup(m.text, number, "milestone"),
        ctx.styles.small,
        bulletText=None,
    )


INDICATOR_WIDTH = 480  # points: the table's widest, the text column's width
MIN_NAME = 80  # points: the indicator's name never narrower


def indicator_table(
    ctx: StoryContext,
    indicators: list[tuple[str, IndicatorInfo]],
    kinds: tuple[ValueKind, ...],
    *,
    with_objective: bool = True,
    statuses: Mapping[uuid.UUID, IndicatorStatus] | None = None,
    units: Mapping[uuid.UUID, Any] | None = None,
) -> list[Flowable]:
    """Indicators with a row per value kind and a column per year (shared with the review);
    each entry is (the objective's number, indicator). An indicator's name, unit and
    number are on its first row only, and its rows stay on one page. Under its
    objective's heading (``with_objective`` False) the table has no objective column;
    the review's table of every indicator is laid out in blocks (``row_blocks``).

    Under the name: its status at the document's date (``statuses``, as a shape and a
    word) and its target in words with its date and done mark. Quarterly actuals get a
    row per quarter, a breakdown per unit (``units``: the plan's units by id) a row per
    unit and kind.

    Columns are as wide as their widest word, so a header ("Doelstelling") is never cut
    in the middle; the name column takes what is left, up to 150 points."""
    s, lang = ctx.styles, ctx.text.language
    years = sorted(
        {year for _n, i in indicators for (year, _k) in i.values}
        | {year for _n, i in indicators for (year, _q) in i.quarters}
        | {year for _n, i in indicators for (_u, year, _k) in i.unit_values}
    )
    titles = [N_("Objective")] if with_objective else []
    titles += [N_("Indicator"), N_("Unit"), N_("Value")]
    header = [ctx.recurring(escape(ctx.t(t)), s.cell_bold) for t in titles]
    header += [ctx.recurring(str(year), s.cell_right_bold) for year in years]
    body: list[list] = []
    groups: list[tuple[int, int]] = []
    unit_names: list[str] = []
    row_labels: list[str] = []
    for number, indicator in indicators:
        name = ctx.text.markup(indicator.name, number, "indicator")
        status = (statuses or {}).get(indicator.id)
        if status is not None:
            name += f"<br/>{escape(status_words(ctx, status))}"
        if indicator.has_text_target:
            name += "<br/><i>" + text_target(ctx, indicator, number) + "</i>"
        unit = indicator.unit_of_measure
        unit_names.append(unit)
        body_rows = _value_rows(ctx, indicator, kinds, number, units or {})
        first = len(body)
        for n, (row_label, by_year) in enumerate(body_rows):
            row_labels.append(row_label)
            lead: list = ["", "", ctx.recurring(escape(row_label), s.cell)]
            if n == 0:
                lead[0] = DocParagraph(name, s.cell)
                lead[1] = ctx.recurring(ctx.text.literal(unit, number, "unit"), s.cell)
            if with_objective:
                lead.insert(0, number if n == 0 else "")
            body.append(lead + [format_value(by_year.get(y), lang) for y in years])
        groups.append((first, len(body) - 1))
    widths = _indicator_widths(ctx, body, unit_names, row_labels, years, with_objective)
    if with_objective:
        return row_blocks([header], body, widths, figures_from=len(titles), keep=groups)
    table = GridTable([header, *body], repeatRows=1, colWidths=widths, hAlign="LEFT")
    style = grid_style(figures_from=len(titles))
    for first, last in groups:
        if last > first:
            style.add("NOSPLIT", (0, first + 1), (-1, last + 1))
    table.setStyle(style)
    return [table]


def _value_rows(
    ctx: StoryContext,
    indicator: IndicatorInfo,
    kinds: tuple[ValueKind, ...],
    number: str,
    units: Mapping[uuid.UUID, Any],
) -> list[tuple[str, dict[int, Decimal]]]:
    """An indicator's rows: (label, value by year) for each kind it has (the first
    always, unless a target in words stands instead), each quarter of its actuals,
    each unit and kind of its breakdown."""
    label = ctx.label
    present = {k for (_y, k) in indicator.values}
    rows = [
        (label(k), indicator.of_kind(k))
        for k in kinds
        if k in present or (k == kinds[0] and not indicator.has_text_target)
    ]
    for quarter in sorted({q for (_y, q) in indicator.quarters}):
        which = ctx.t(N_("Q{quarter}")).format(quarter=quarter)
        name = f"{label(ValueKind.ACTUAL)} {which}"
        rows.append((name, {y: v for (y, q), v in indicator.quarters.items() if q == quarter}))
    for unit_id in indicator.unit_ids():
        found = units.get(unit_id)
        who = ctx.text.plain(found.name, number, "unit") if found is not None else "?"
        for kind in kinds:
            values = {
                y: v for (u, y, k), v in indicator.unit_values.items() if (u, k) == (unit_id, kind)
            }
            if values:
                rows.append((f"{who}: {label(kind)}", values))
    return rows or [("", {})]


def status_words(ctx: StoryContext, status: IndicatorStatus) -> str:
    """A status as a document prints it: a shape and a word, never colour alone."""
    return f"{STATUS_SYMBOLS[status]} {ctx.t(STATUS_LABELS[status])}"


def text_target(ctx: StoryContext, indicator: Any, number: str) -> str:
    """ "Target: 100 % réalisé … (by 30/06/2026) ☑" (markup), of an objective's or the
    diversity plan's indicator (anything with ``target_text``, ``target_date`` and
    ``target_done``)."""
    lang = ctx.text.language
    text = ctx.text.markup(indicator.target_text, number, "target")
    if indicator.target_date is not None:
        by = ctx.t(N_("by {date}")).format(date=format_numeric_date(indicator.target_date, lang))
        text += f" ({escape(by)})"
    mark = "☑" if indicator.target_done else "☐"
    return f"{escape(ctx.t(N_('Target')))}{ctx.text.colon} {text} {mark}"


def _indicator_widths(
    ctx: StoryContext,
    body: list[list],
    units: list[str],
    row_labels: list[str],
    years: list[int],
    with_objective: bool,
) -> list[float]:
    t = ctx.t
    bold, plain = ctx.styles.cell_bold.fontName, ctx.styles.cell.fontName

    def room(texts, font: str = plain) -> float:
        return widest_word(texts, font, 8) + CELL_PADDING + 1

    lead = 4 if with_objective else 3
    figures = [c for row in body for c in row[lead:]]
    widths = [
        150.0,  # the name: it wraps, and gives way first when the table is too wide
        max(50.0, room([t(N_("Unit"))], bold), room(units)),
        max(60.0, room([t(N_("Value"))], bold), min(110.0, room(row_labels))),
    ]
    widths += [max(40.0, room(map(str, years), bold), room(figures))] * len(years)
    if with_objective:
        numbers = [row[0] for row in body]
        widths.insert(0, max(55.0, room([t(N_("Objective"))], bold), room(numbers)))
    name = 1 if with_objective else 0
    over = sum(widths) - INDICATOR_WIDTH
    if over > 0:
        widths[name] = max(MIN_NAME, widths[name] - over)
    scale = min(1.0, INDICATOR_WIDTH / sum(widths))  # many years: every column alike
    return [w * scale for w in widths]


def _indicators(ctx: StoryContext, indicators, number: str, units: dict) -> list[Flowable]:
    """An objective's indicators; their status where they measure something (an
    actual, or a target in words), judged at the document's date."""
    kinds = (ValueKind.BASELINE, ValueKind.TARGET, ValueKind.ACTUAL)
    statuses = {
        i.id: i.assessment(ctx.at).status
        for i in indicators
        if i.has_text_target or i.quarters or ValueKind.ACTUAL in {k for _y, k in i.values}
    }
    table = indicator_table(
        ctx,
        [(number, i) for i in indicators],
        kinds,
        with_objective=False,
        statuses=statuses,
        units=units,
    )
    return table + indicator_charts(ctx, indicators, number)
