"""Plans that have every element the law requires (a strategic and an operational one),
and for each element the one edit that takes it away: each element's rule is tested by
taking away its element, and only its element."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from planner_app.domain.enums import ObjectiveLevel, PlanKind, SectionKind, ValueKind
from planner_app.services import (
    budget_amounts,
    budget_dimensions,
    budget_lines,
    details,
    objectives,
    plans,
    sections,
    units,
)
from planner_app.storage import PlanFile


@dataclass
class Built:
    plan_id: uuid.UUID
    ids: dict[str, uuid.UUID] = field(default_factory=dict)


def _chapter(store, built: Built, key: str, kind, title: str, text: str = "Tekst") -> None:
    built.ids[key] = sections.add_section(
        store, built.plan_id, kind=kind, title=title, body=text
    ).id


def _budget(store, built: Built, years: tuple[int, ...]) -> None:
    plan_id = built.plan_id
    budget_dimensions.add_stage(store, plan_id, code="INI")
    budget_dimensions.add_credit_type(store, plan_id, code="VL")
    line = budget_lines.add_line(store, plan_id, title="Werking").id
    built.ids["line"] = line
    for year in years:
        budget_amounts.set_amount(store, line, year=year, stage="INI", credit_type="VL", amount=100)


def complete_strategic(store: PlanFile, code: str = "strat") -> Built:
    built = Built(
        plans.create_plan(
            store, code=code, kind=PlanKind.STRATEGIC, title="Plan", first_year=2025, last_year=2029
        ).id
    )
    for key, kind, title in (
        ("mission", SectionKind.MISSION, "Missie"),
        ("vision", SectionKind.VISION, "Visie"),
        ("values", SectionKind.VALUES, "Waarden"),
        ("stakeholders", SectionKind.STAKEHOLDERS, "Onze stakeholders"),
        ("commitments", SectionKind.FREE, "Beheersprincipes"),
        ("transversal", SectionKind.FREE, "Transversale doelstellingen"),
    ):
        _chapter(store, built, key, kind, title)
    built.ids["pestel"] = sections.add_section(
        store, built.plan_id, kind=SectionKind.PESTEL, title="PESTEL-analyse"
    ).id
    sections.set_section_part(store, built.ids["pestel"], "political", "Polarisatie")
    built.ids["communication"] = sections.add_section(
        store, built.plan_id, kind=SectionKind.COMMUNICATION, title="Communicatieplan"
    ).id
    sections.add_communication_row(store, built.ids["communication"], goal="Intern")
    unit = units.add_unit(store, built.plan_id, name="AD Personeel", code="P&O").id
    built.ids["sd"] = objectives.add_objective(
        store,
        built.plan_id,
        level=ObjectiveLevel.STRATEGIC,
        title="Kaderen",
        description="Een adaptief rechtskader",
        lead_unit_id=unit,
    ).id
    built.ids["od"] = objectives.add_objective(
        store,
        built.plan_id,
        level=ObjectiveLevel.OPERATIONAL,
        title="Wetgeving",
        parent_id=built.ids["sd"],
        lead_unit_id=unit,
    ).id
    _budget(store, built, (2025, 2026))
    return built


def complete_operational(store: PlanFile, code: str = "op-2025") -> Built:
    built = Built(
        plans.create_plan(
            store, code=code, kind=PlanKind.OPERATIONAL, title="Operationeel plan", first_year=2025
        ).id
    )
    _chapter(store, built, "transversal", SectionKind.FREE, "Objectifs transversaux et KPI")
    unit = units.add_unit(store, built.plan_id, name="AD Begroting", code="B&B").id
    sd = objectives.add_objective(
        store, built.plan_id, level=ObjectiveLevel.STRATEGIC, title="SD"
    ).id
    od = objectives.add_objective(
        store,
        built.plan_id,
        level=ObjectiveLevel.OPERATIONAL,
        title="OD",
        parent_id=sd,
        description="Tegen eind 2025 90 % van de dossiers binnen 30 dagen",
    ).id
    built.ids["od"] = od
    built.ids["od_indicator"] = details.add_indicator(store, od, name="Dossiers binnen 30 dagen").id
    details.set_indicator_value(
        store, built.ids["od_indicator"], year=2025, kind=ValueKind.TARGET, value=90
    )
    built.ids["initiative"] = objectives.add_objective(
        store,
        built.plan_id,
        level=ObjectiveLevel.INITIATIVE,
        title="Project",
        parent_id=od,
        description="Digitaal dossier",
        lead_unit_id=unit,
    ).id
    built.ids["initiative_indicator"] = details.add_indicator(
        store, built.ids["initiative"], name="Mijlpalen gehaald"
    ).id
    _budget(store, built, (2025,))
    budget_lines.link_objective(store, built.ids["line"], od)
    return built


def _remove_chapter(key: str) -> Callable[[PlanFile, Built], None]:
    return lambda store, built: sections.delete_section(store, built.ids[key])


def _clear(key: str, **fields) -> Callable[[PlanFile, Built], None]:
    return lambda store, built: objectives.update_objective(store, built.ids[key], **fields)


# element key -> the edit that takes that element (and no other) away
STRATEGIC_BREAKS: dict[str, Callable[[PlanFile, Built], object]] = {
    "mission": _remove_chapter("mission"),
    "vision": _remove_chapter("vision"),
    "values": _remove_chapter("values"),
    "environment": _remove_chapter("pestel"),
    "stakeholders": _remove_chapter("stakeholders"),
    "legislature": _clear("sd", description={"nl": ""}),
    "communication": _remove_chapter("communication"),
    "financial_framework": lambda store, built: budget_amounts.set_amount(
        store, built.ids["line"], year=2026, stage="INI", credit_type="VL", amount=None
    ),
    "commitments": _remove_chapter("commitments"),
    "transversal": _remove_chapter("transversal"),
    "responsibility": _clear("od", lead_unit_id=None),
}
OPERATIONAL_BREAKS: dict[str, Callable[[PlanFile, Built], object]] = {
    "smart": lambda store, built: details.set_indicator_value(
        store, built.ids["od_indicator"], year=2025, kind=ValueKind.TARGET, value=None
    ),
    "means": lambda store, built: budget_lines.link_objective(
        store, built.ids["line"], built.ids["od"], linked=False
    ),
    "actions": _clear("initiative", description={"nl": ""}),
    "action_indicators": lambda store, built: details.delete_indicator(
        store, built.ids["initiative_indicator"]
    ),
    "action_units": _clear("initiative", lead_unit_id=None),
    "transversal_kpis": _remove_chapter("transversal"),
}
