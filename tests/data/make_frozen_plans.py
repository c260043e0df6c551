"""How ``frozen_plans_0003.sql`` was made (kept for the record, not run by the tests).

Run once with the release whose files are at schema 0003 (commit 0c9a873, before
fingerprints recorded their rules): a file with two plans that have a row in every
content table, one made final and one signed, dumped as SQL text without the change
log. ``tests/test_fingerprint_rules.py`` loads it, lets today's app upgrade it, and
asserts that both recorded fingerprints still hold: a plan fixed by an old release
keeps verifying after every later migration.

    PLANNER_APP_DATA_DIR=/tmp/x .venv/bin/python tests/data/make_frozen_plans.py OUT.sql
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
import tempfile
from pathlib import Path

from planner_app.domain.enums import ObjectiveLevel, PlanKind
from planner_app.services import (
    budget,
    details,
    diversity,
    diversity_edit,
    objectives,
    plan_parts,
    plans,
    sections,
    staffing,
    units,
)
from planner_app.storage import PlanFile


def fill(store: PlanFile, code: str) -> object:
    plan_id = plans.create_plan(
        store,
        code=code,
        kind=PlanKind.BUSINESS,
        title={"nl": f"Plan {code}", "fr": f"Plan {code} (fr)"},
        first_year=2025,
        languages=["nl", "fr"],
    ).id
    add = objectives.add_objective
    field = plan_parts.add_policy_field(store, plan_id, title="Buitenlands beleid").id
    sd = add(store, plan_id, level=ObjectiveLevel.STRATEGIC, title="SD", policy_field_id=field).id
    od = add(store, plan_id, level=ObjectiveLevel.OPERATIONAL, title="OD", parent_id=sd).id
    unit = units.add_unit(store, plan_id, name="Post Parijs", code="PAR", kind="post").id
    other = units.add_unit(store, plan_id, name="Dienst", code="D").id
    ini = add(
        store,
        plan_id,
        level=ObjectiveLevel.INITIATIVE,
        title="Initiatief é ü €",
        parent_id=od,
        kind="project",
        description={"nl": "Omschrijving\nmet regels", "fr": "Description"},
    ).id
    objectives.update_objective(store, ini, status="delayed", lead_unit_id=unit)
    objectives.set_partners(store, ini, [other])
    details.add_milestone(
        store, ini, text="Q2: klaar", period="Q2 2025", due_date=dt.date(2025, 6, 30)
    )
    indicator = details.add_indicator(store, ini, name="Aantal", unit_of_measure="%").id
    details.set_indicator_value(store, indicator, year=2025, kind="target", value="4.25")
    swot = sections.add_section(store, plan_id, kind="swot", title="SWOT").id
    sections.set_section_part(store, swot, "strengths", "Sterk")
    comm = sections.add_section(store, plan_id, kind="communication", title="Communicatie").id
    sections.add_communication_row(store, comm, goal="Intern", audience="Personeel")
    plan_parts.add_signatory(store, plan_id, function="Minister", name="N. N.")
    budget.add_stage(store, plan_id, code="INI")
    budget.add_credit_type(store, plan_id, code="VL")
    line = budget.add_line(store, plan_id, title="Werking").id
    budget.set_amount(store, line, year=2025, stage="INI", credit_type="VL", amount="1234.567")
    budget.link_objective(store, line, ini)
    staffing.set_staffing(store, unit, statute="C", year=2025, scenario="as_is", fte="2.5")
    dp = diversity.create_diversity_plan(store, plan_id, year=2025).id
    diversity.update_diversity_plan(store, dp, contact_role="HR", mission="Missie")
    pillar = diversity.add_list_item(store, dp, "pillar", text="Gender").ids[1]
    diversity.add_list_item(store, dp, "bottleneck", text="Knelpunt")
    diversity.add_list_item(store, dp, "priority", text="Prioriteit")
    dobj = diversity.add_objective(store, dp, title="Doel", text="Tekst").ids[1]
    diversity_edit.set_objective_pillars(store, dobj, [pillar])
    diversity.add_action(store, dobj, text="Actie")
    dind = diversity.add_indicator(store, dp, name="Aandeel", unit="percent").ids[1]
    diversity.set_indicator_value(store, dind, year=2025, kind="baseline", value="4.2")
    return plan_id


def main(out: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "frozen.plan"
        with PlanFile.create(path) as store:
            final = fill(store, "final-2025")
            signed = fill(store, "signed-2025")
            plans.make_final(store, final)
            plans.make_final(store, signed)
            plans.record_signing(store, signed, signed_on=dt.date(2025, 9, 14), place="Brussel")
        conn = sqlite3.connect(path)
        conn.execute("DELETE FROM change_log")
        conn.commit()
        out.write_text("\n".join(conn.iterdump()) + "\n", encoding="utf-8")
        conn.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
