"""User-facing names of stored vocabulary (enum values, field and entity names).

Stored values never change with wording; ``label(value)`` looks up the English label,
marked with ``N_`` for the catalogue, and translates it into the current language.
"""

from __future__ import annotations

from enum import Enum

from planner_app.i18n import N_, _

LABELS: dict[str, str] = {
    # plan kinds and states
    "strategic": N_("strategic"),
    "business": N_("business"),
    "operational": N_("operational"),
    "management_plan": N_("management plan"),
    "administration_contract": N_("administration contract"),
    "gestion_plan": N_("plan de gestion"),
    "diversity_action_plan": N_("diversity action plan"),
    "draft": N_("draft"),
    "final": N_("final"),
    "signed": N_("signed"),
    # objective levels and initiative kinds
    "initiative": N_("initiative"),
    "action": N_("action"),
    "project": N_("project"),
    "process": N_("process"),
    # statuses (op schema, afgewerkt, vertraging, bijsturing)
    "not_started": N_("not started"),
    "on_schedule": N_("on schedule"),
    "done": N_("done"),
    "delayed": N_("delayed / needs attention"),
    "action_needed": N_("action / correction needed"),
    "not_applicable": N_("not applicable"),
    # unit kinds
    "directorate": N_("directorate"),
    "service": N_("service"),
    "post": N_("foreign post"),
    "other": N_("other"),
    # what a printed total counts
    "amount": N_("amount (kEUR)"),
    "fte": N_("FTE"),
    "headcount": N_("headcount"),
    # scenarios and value kinds
    "as_is": N_("as-is"),
    "planned": N_("planned"),
    "baseline": N_("baseline"),
    "target": N_("target"),
    "actual": N_("actual"),
    # PESTEL and SWOT parts
    "political": N_("Political"),
    "economic": N_("Economic"),
    "social": N_("Social/cultural"),
    "technological": N_("Technological"),
    "ecological": N_("Ecological"),
    "legal": N_("Legal"),
    "strengths": N_("Strengths"),
    "weaknesses": N_("Weaknesses"),
    "opportunities": N_("Opportunities"),
    "threats": N_("Threats"),
    # communication plan columns
    "goal": N_("Goal"),
    "audience": N_("Audience"),
    "date_text": N_("Date"),
    "message": N_("Message"),
    "channel": N_("Channel"),
    "material": N_("Material"),
    # diversity plan fields and lists
    "percent": N_("percent"),
    "years": N_("years"),
    "count": N_("count"),
    "contact_name": N_("Contact name"),
    "contact_role": N_("Contact role"),
    "contact_phone": N_("Contact phone"),
    "contact_email": N_("Contact e-mail"),
    "introduction": N_("Introduction"),
    "mission": N_("Mission"),
    "top_priority": N_("Top priority"),
    "pillar": N_("Pillar"),
    "bottleneck": N_("Bottleneck"),
    "priority": N_("Priority"),
    # chapter kinds
    "vision": N_("Vision"),
    "values": N_("Values"),
    "stakeholders": N_("Stakeholders"),
    "pestel": N_("PESTEL analysis"),
    "swot": N_("SWOT analysis"),
    "communication": N_("Communication plan"),
    "free": N_("Free chapter"),
    "objectives": N_("Objectives"),
    "budget": N_("Budget (kEUR)"),
    "staffing": N_("Staffing (FTE and people)"),
    "signatures": N_("Signatures"),
    # entities named in messages ("The {what} no longer exists.")
    "plan": N_("plan"),
    "objective": N_("objective"),
    "milestone": N_("milestone"),
    "indicator": N_("indicator"),
    "chapter": N_("chapter"),
    "row": N_("row"),
    "table row": N_("table row"),
    "plan role": N_("role"),
    "role": N_("role"),
    # units' roles in an objective
    "lead": N_("lead unit"),
    "co_lead": N_("co-lead"),
    "involved": N_("involved"),
    "own": N_("the plan's own role"),
    "image": N_("image"),
    "unit": N_("unit"),
    "policy field": N_("policy field"),
    "signatory": N_("signatory"),
    "budget line": N_("budget line"),
    "printed total": N_("printed total"),
    "diversity plan": N_("diversity plan"),
    "diversity objective": N_("diversity objective"),
    # counts in `planner-app info`
    "strategic_objectives": N_("strategic objectives"),
    "operational_objectives": N_("operational objectives"),
    "initiatives": N_("initiatives"),
    "milestones": N_("milestones"),
    "indicators": N_("indicators"),
    "chapters": N_("chapters"),
    "units": N_("units"),
    "budget_lines": N_("budget lines"),
    "staffing_figures": N_("staffing figures"),
    "signatories": N_("signatories"),
    "diversity_plans": N_("diversity plans"),
}


# The name a plan of each kind carries as a document ("Strategisch plan", "Contrat
# d'administration"), unless it names its own document type.
PLAN_KIND_TITLES: dict[str, str] = {
    "strategic": N_("Strategic plan"),
    "business": N_("Business plan"),
    "operational": N_("Operational plan"),
    "management_plan": N_("Management plan"),
    "administration_contract": N_("Administration contract"),
    "gestion_plan": N_("Plan de gestion"),
    "diversity_action_plan": N_("Diversity action plan"),
    "other": N_("Plan"),
}


def label(value: str | Enum) -> str:
    """The translated label of a stored value; unknown values are shown as they are."""
    key = value.value if isinstance(value, Enum) else value
    return _(LABELS.get(key, key))
