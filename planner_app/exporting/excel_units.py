"""Units with roles and transversal links in the workbook.

The Objectives sheet shows each objective's other units with their roles and the
strategic objectives it also serves (for people), and keeps the ids of both (for the
importer, ``partners`` read by earlier releases too). The Units of objectives sheet has
one row per unit beside a lead, with its role; Roles lists the plan's own roles; the
Units matrix sheet is the objectives × units view (for people: the importer reads the
Units of objectives sheet, never the matrix).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

from planner_app.domain import (
    Objective,
    ObjectiveContribution,
    ObjectivePartner,
    OrgUnit,
    PlanRole,
)
from planner_app.domain.enums import ObjectiveLevel, UnitRole
from planner_app.exporting.excel_layout import OBJECTIVE_COLS, SHEET_TITLES, Kind
from planner_app.exporting.excel_records import Builder
from planner_app.exporting.excel_sheets import (
    Column,
    Context,
    SheetData,
    build_records,
    document_order,
    pick_text,
)
from planner_app.i18n import N_, _

# A matrix cell: the lead and the app's roles by a letter word of the document's
# language, the plan's own roles by their code.
MARKS = {
    "lead": N_("lead"),
    UnitRole.CO_LEAD.value: N_("co-lead"),
    UnitRole.INVOLVED.value: N_("involved"),
}


class UnitLinks:
    """The objectives' other units and transversal links, read once per export."""

    def __init__(self, ctx: Context) -> None:
        self.roles = {r.id: r for r in ctx.rows_of(PlanRole)}
        self.links: dict[uuid.UUID, list[Any]] = defaultdict(list)
        unit_order = ctx.order.get("units", {})
        for link in ctx.rows_of(ObjectivePartner):
            self.links[link.objective_id].append(link)
        for links in self.links.values():
            links.sort(key=lambda r: (unit_order.get(r.unit_id, len(unit_order)), str(r.unit_id)))
        self.serves: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
        for link in ctx.rows_of(ObjectiveContribution):
            self.serves[link.objective_id].append(link.strategic_id)
        for targets in self.serves.values():
            targets.sort(key=lambda t: ctx.codes.get(t, ""))

    def role_text(self, ctx: Context, link: Any) -> str:
        if link.role == UnitRole.OWN and link.role_id in self.roles:
            return self.roles[link.role_id].code
        return ctx.t(MARKS.get(getattr(link.role, "value", link.role), "involved"))

    def extras(self, ctx: Context, o: Any) -> dict[str, Any]:
        links = self.links.get(o.id, ())
        names = ctx.unit_names
        shown = [f"{names.get(r.unit_id, '?')} ({self.role_text(ctx, r)})" for r in links]
        serves = self.serves.get(o.id, ())
        return {
            "~partners": ", ".join(shown) or None,
            "partners": " ".join(sorted(str(r.unit_id) for r in links)) or None,
            "~serves": ", ".join(ctx.codes.get(t, "?") for t in serves) or None,
            "serves": " ".join(sorted(str(t) for t in serves)) or None,
        }


def unit_link_extras(ctx: Context, links: UnitLinks):
    def extras(r: Any) -> dict[str, Any]:
        role = links.roles.get(r.role_id)
        return {
            "~objective": ctx.codes.get(r.objective_id, ""),
            "~unit": ctx.unit_names.get(r.unit_id, ""),
            "~role": role.code if role is not None and r.role == UnitRole.OWN else None,
        }

    return extras


def matrix_sheet(ctx: Context, links: UnitLinks) -> SheetData:
    """Objectives down, units across; a cell names the unit's role in the objective."""
    objectives = ctx.rows_of(Objective)
    order = ctx.order.get("objectives", {})
    objectives.sort(key=lambda o: order.get(o.id, len(order)))
    units = ctx.rows_of(OrgUnit)
    unit_order = ctx.order.get("units", {})
    units.sort(key=lambda u: unit_order.get(u.id, len(unit_order)))
    cells: dict[uuid.UUID, dict[uuid.UUID, str]] = {}
    for o in objectives:
        row: dict[uuid.UUID, str] = {}
        if o.lead_unit_id is not None:
            row[o.lead_unit_id] = ctx.t(MARKS["lead"])
        for link in links.links.get(o.id, ()):
            if link.unit_id != o.lead_unit_id:
                row[link.unit_id] = links.role_text(ctx, link)
        if row:
            cells[o.id] = row
    used = [u for u in units if any(u.id in row for row in cells.values())]
    columns = [
        Column("~code", ctx.t(N_("Code")), 12, Kind.INFO),
        Column("~title", ctx.t(N_("Title")), 40, Kind.INFO),
        *(Column(f"~unit-{u.id}", u.code or pick_text(ctx, u.name), 12, Kind.INFO) for u in used),
    ]
    sheet = SheetData("unit_matrix", ctx.t(SHEET_TITLES["unit_matrix"]), columns, freeze_col=2)
    for o in objectives:
        if o.id not in cells:
            continue
        row = cells[o.id]
        sheet.rows.append(
            [ctx.codes.get(o.id, ""), pick_text(ctx, o.title), *(row.get(u.id) for u in used)]
        )
        sheet.levels.append({"strategic": 0, "operational": 1}.get(str(o.level.value), 2))
    return sheet


# --- import ------------------------------------------------------------------------------


def check_unit_links(b: Builder) -> None:
    """The rules the services keep: the lead has no other role, a plan role names one of
    the plan's roles, a transversal link goes to another strategic objective."""
    objectives = {o.id: o for o in b.rows if isinstance(o, Objective)}
    roles = {r.id for r in b.rows if isinstance(r, PlanRole)}
    sheet = b.sheets["objective_units"]
    for link, row in zip(_of(b, ObjectivePartner), sheet.rows or [], strict=False):
        obj = objectives.get(link.objective_id)
        where = row.number if row is not None else None
        if obj is not None and obj.lead_unit_id == link.unit_id:
            b.problems.add(sheet, where, "unit_id", _("is the objective's lead unit."))
        if link.role is UnitRole.OWN and link.role_id not in roles:
            b.problems.add(sheet, where, "role_id", _("choose one of the plan's roles."))
        if link.role is not UnitRole.OWN:
            link.role_id = None
    objectives_sheet = b.sheets["objectives"]
    for link in _of(b, ObjectiveContribution):
        obj, target = objectives.get(link.objective_id), objectives.get(link.strategic_id)
        if (
            target is None
            or target.level is not ObjectiveLevel.STRATEGIC
            or (obj is not None and obj.level is ObjectiveLevel.STRATEGIC)
        ):
            b.problems.add(
                objectives_sheet, None, "serves", _("an objective serves strategic objectives.")
            )


def _of(b: Builder, model: type) -> list[Any]:
    return [r for r in b.rows if isinstance(r, model)]


def objectives_sheet(ctx: Context) -> SheetData:
    links = ctx.unit_links = UnitLinks(ctx)

    def extras(o: Objective) -> dict[str, Any]:
        return {
            "code": ctx.codes.get(o.id, ""),
            "~lead": ctx.unit_names.get(o.lead_unit_id, "") if o.lead_unit_id else None,
            **links.extras(ctx, o),
        }

    # No status column where the plan does not track status (a strategic plan).
    cols = [c for c in OBJECTIVE_COLS if ctx.plan.track_status or c.key != "status"]
    sheet = build_records(
        ctx,
        "objectives",
        cols,
        document_order(ctx, ctx.rows_of(Objective)),
        extras,
        where=lambda o: ctx.codes.get(o.id, ""),
        indent_key="title",
    )
    sheet.freeze_col = 2
    return sheet
