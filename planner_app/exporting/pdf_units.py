"""Units with roles and transversal objectives in the plan document: who does what in
an objective (its facts line), the mark under each strategic objective an objective
also serves, the list of the plan's transversal objectives and the objectives × units
matrix after the objectives.

Read once per export (``UnitFacts.read``), on the exporting thread.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from planner_app.domain.enums import ObjectiveLevel, UnitRole
from planner_app.exporting.pdf_doc import LANDSCAPE, LANDSCAPE_TEXT_WIDTH, PORTRAIT, keep_space
from planner_app.exporting.pdf_paragraph import DocParagraph
from planner_app.exporting.pdf_story import StoryContext
from planner_app.exporting.pdf_styles import GridTable, grid_style
from planner_app.exporting.pdf_text import escape
from planner_app.i18n import N_
from planner_app.services.transversal import Transversal, plan_transversal
from planner_app.services.unit_roles import (
    LEAD,
    PlanRoleInfo,
    UnitLink,
    UnitMatrix,
    load_plan_roles,
    plan_links,
    unit_matrix,
)

# How a matrix cell shows a role: the lead and the app's roles by a sign (the legend
# names them in the document's language), the plan's own roles by their code.
SIGNS = {LEAD: "●", UnitRole.CO_LEAD.value: "◐", UnitRole.INVOLVED.value: "○"}
ROLE_TITLES = {
    UnitRole.CO_LEAD: N_("Co-lead units"),
    UnitRole.INVOLVED: N_("Involved units"),
}
UNITS_PER_TABLE = 14  # unit columns beside the objective column on a landscape page


@dataclass
class UnitFacts:
    links: dict[uuid.UUID, list[UnitLink]]
    roles: dict[uuid.UUID, PlanRoleInfo]
    transversal: Transversal
    labels: dict[uuid.UUID, str]  # objective -> "SD 2", "OD 2.3"

    @classmethod
    def read(cls, ctx: StoryContext, labels: dict[uuid.UUID, str]) -> UnitFacts:
        roles = {r.id: r for r in load_plan_roles(ctx.store, ctx.plan_id)}
        return cls(
            plan_links(ctx.store, ctx.plan_id),
            roles,
            plan_transversal(ctx.store, ctx.plan_id),
            labels,
        )


def role_parts(
    ctx: StoryContext, facts: UnitFacts, objective_id: uuid.UUID, units: dict, number: str
) -> list[str]:
    """The facts line's parts for the units beside the lead: one per role, in the
    order co-lead, involved, then the plan's own roles; and what it also serves."""
    colon = ctx.text.colon
    groups: dict[tuple[UnitRole, uuid.UUID | None], list[str]] = {}
    for link in facts.links.get(objective_id, ()):
        if link.unit_id not in units:
            continue
        role_id = link.role_id if link.role is UnitRole.OWN else None
        name = ctx.text.markup(units[link.unit_id].name, number, "units")
        groups.setdefault((link.role, role_id), []).append(name)
    parts = []
    order = [UnitRole.CO_LEAD, UnitRole.INVOLVED]
    for role in order:
        if (role, None) in groups:
            parts.append(
                f"{escape(ctx.t(ROLE_TITLES[role]))}{colon} {', '.join(groups[(role, None)])}"
            )
    for role_id, role in facts.roles.items():
        names = groups.get((UnitRole.OWN, role_id))
        if names:
            title = ctx.text.plain(role.name, number, "role") if role.name else role.code
            label = f"{title} ({role.code})" if role.name and role.code != title else title
            parts.append(f"{escape(label)}{colon} {', '.join(names)}")
    serves = [
        facts.labels[t] for t in facts.transversal.serves.get(objective_id, ()) if t in facts.labels
    ]
    if serves:
        parts.append(f"{escape(ctx.t(N_('Also serves')))}{colon} {escape(', '.join(serves))}")
    return parts


def served_by(
    ctx: StoryContext, facts: UnitFacts, strategic_id: uuid.UUID, titles: dict
) -> list[Flowable]:
    """Under a strategic objective: the objectives of other ones that also serve it,
    each with the transversal mark."""
    others = [o for o in facts.transversal.served_by.get(strategic_id, ()) if o in facts.labels]
    if not others:
        return []
    where = facts.labels.get(strategic_id, "")
    lines = [
        f"↗ {escape(facts.labels[o])}  " + ctx.text.markup(titles.get(o, {}), where, "transversal")
        for o in others
    ]
    head = escape(ctx.t(N_("Transversal objectives that also serve it")))
    return [
        ctx.recurring(head, ctx.styles.label),
        *(DocParagraph(line, ctx.styles.small) for line in lines),
    ]


def transversal_list(ctx: StoryContext, facts: UnitFacts, titles: dict) -> list[Flowable]:
    """The plan's transversal objectives: each with the strategic objectives it serves."""
    rows = [
        (o, targets)
        for o, targets in facts.transversal.serves.items()
        if o in facts.labels and any(t in facts.labels for t in targets)
    ]
    if not rows:
        return []
    order = list(facts.labels)
    rows.sort(key=lambda r: order.index(r[0]))
    s = ctx.styles
    header = [
        DocParagraph(escape(ctx.t(N_("Objective"))), s.cell_bold),
        DocParagraph(escape(ctx.t(N_("Title"))), s.cell_bold),
        DocParagraph(escape(ctx.t(N_("Serves"))), s.cell_bold),
    ]
    body = []
    for objective_id, targets in rows:
        where = facts.labels[objective_id]
        home = [facts.labels[t] for t in targets if t in facts.labels]
        body.append(
            [
                DocParagraph(escape(where), s.cell),
                DocParagraph(ctx.text.markup(titles.get(objective_id, {}), where, "title"), s.cell),
                DocParagraph(escape(", ".join(home)), s.cell),
            ]
        )
    table = GridTable([header, *body], repeatRows=1, colWidths=["15%", "60%", "25%"])
    table.setStyle(grid_style())
    heading = ctx.heading(*_label(ctx, N_("Transversal objectives")), 1)
    return [keep_space(40), heading, table]


def _label(ctx: StoryContext, message: str) -> tuple[str, str]:
    text = ctx.t(message)
    return escape(text), text


def matrix(ctx: StoryContext, labels: dict[uuid.UUID, str]) -> list[Flowable]:
    """The objectives × units matrix on landscape pages, when any unit besides a lead
    holds a role; a legend names the signs and the plan's own role codes."""
    data = unit_matrix(ctx.store, ctx.plan_id)
    if not data.has_roles:
        return []
    story: list[Flowable] = [NextPageTemplate(LANDSCAPE), PageBreak()]
    story.append(ctx.heading(*_label(ctx, N_("Units and their roles")), 1))
    story.append(DocParagraph(escape(legend(ctx, data)), ctx.styles.small))
    for start in range(0, len(data.units), UNITS_PER_TABLE):
        story.append(_matrix_table(ctx, data, labels, data.units[start : start + UNITS_PER_TABLE]))
    return [*story, NextPageTemplate(PORTRAIT), PageBreak()]


def legend(ctx: StoryContext, data: UnitMatrix) -> str:
    parts = [
        f"{SIGNS[LEAD]} {ctx.t(N_('lead unit'))}",
        f"{SIGNS[UnitRole.CO_LEAD.value]} {ctx.t(N_('co-lead'))}",
        f"{SIGNS[UnitRole.INVOLVED.value]} {ctx.t(N_('involved'))}",
    ]
    for role in data.roles:
        name = ctx.text.plain(role.name, ctx.t(N_("Units and their roles")), "role")
        parts.append(f"{role.code} {name}" if name else role.code)
    return " · ".join(parts)


def cell_mark(mark: str) -> str:
    return SIGNS.get(mark, mark)


def _matrix_table(ctx: StoryContext, data: UnitMatrix, labels: dict, units) -> GridTable:
    s = ctx.styles
    where = ctx.t(N_("Units and their roles"))
    header = [DocParagraph(escape(ctx.t(N_("Objective"))), s.cell_bold)]
    for _uid, code, name in units:
        header.append(
            DocParagraph(
                escape(code) if code else ctx.text.markup(name, where, "unit"), s.cell_bold
            )
        )
    body = []
    for row in data.rows:
        if not any(uid in row.cells for uid, _c, _n in units):
            continue
        label = labels.get(row.objective_id, row.code)
        title = ctx.text.plain(row.title, label, "title")
        short = title if len(title) <= 60 else title[:57] + "…"
        indent = "\u00a0\u00a0" * row.depth
        body.append(
            [DocParagraph(f"{indent}<b>{escape(label)}</b> {escape(short)}", s.cell)]
            + [cell_mark(row.cells.get(uid, "")) for uid, _c, _n in units]
        )
    first = 0.34 * LANDSCAPE_TEXT_WIDTH
    rest = (LANDSCAPE_TEXT_WIDTH - first) / max(1, len(units))
    table = GridTable([header, *body], repeatRows=1, colWidths=[first] + [rest] * len(units))
    table.setStyle(grid_style(figures_from=1))
    return table


def is_strategic(level: ObjectiveLevel) -> bool:
    return level is ObjectiveLevel.STRATEGIC
