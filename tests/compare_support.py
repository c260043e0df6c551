"""The issue's scenario, shared by the service, command-line and window tests: the demo's
IBZ strategic plan made final, a new draft version of it, and in the draft one SD
retitled, one budget line changed and one chapter edited."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from planner_app.domain.enums import ObjectiveLevel
from planner_app.services import budget_amounts, budget_read, copying, objectives, plans, sections
from planner_app.services.tree_read import load_tree
from planner_app.storage import PlanFile

NEW_TITLE = "Inrichten: een duidelijke aanpak <b>vernieuwd</b> & herschreven"


@dataclass(frozen=True)
class Scenario:
    v1: uuid.UUID
    v2: uuid.UUID
    sd_before: uuid.UUID  # SD 2 of the signed version
    sd_after: uuid.UUID  # its copy in the draft
    line: uuid.UUID  # the budget line changed (in the draft)
    chapter: uuid.UUID  # the chapter edited (in the draft)
    old_amount: Decimal
    new_amount: Decimal


def three_changes(store: PlanFile) -> Scenario:
    ibz = plans.find_plan(store, "ibz-2025-2029")
    plans.make_final(store, ibz.id)
    v2 = copying.new_draft_version(store, ibz.id).id
    before = [n for n in load_tree(store, ibz.id) if n.level is ObjectiveLevel.STRATEGIC][1]
    after = [n for n in load_tree(store, v2) if n.level is ObjectiveLevel.STRATEGIC][1]
    objectives.update_objective(store, after.id, title={"nl": NEW_TITLE})
    mission = next(s for s in sections.load_sections(store, v2) if s.kind.value == "mission")
    body = mission.body["nl"].replace("veilige samenleving", "veilige en open samenleving", 1)
    sections.update_section(store, mission.id, body={"nl": body})
    totals = budget_read.budget_totals(store, v2)
    line = next(x for x in totals.lines if not x.is_group and x.title["nl"] == "Statutair")
    column = next(c for c in totals.columns if c.credit_type == "VL")
    old = totals.values[line.id][column]
    new = old + Decimal("12.5")
    budget_amounts.set_amount(
        store,
        line.id,
        year=column.year,
        stage=column.stage,
        credit_type=column.credit_type,
        amount=new,
    )
    return Scenario(ibz.id, v2, before.id, after.id, line.id, mission.id, old, new)
