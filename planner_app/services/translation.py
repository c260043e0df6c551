"""Which texts of a plan still lack a translation into its other content languages.

A plan's first content language is its main one; every other language is a
translation of it. A text counts as untranslated into ``lang`` when it has a
non-blank first-language text and a blank (or missing) ``lang`` text. Read-only;
no Qt.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping

from sqlalchemy import select

from planner_app.domain import (
    CommunicationRow,
    DiversityAction,
    DiversityBottleneck,
    DiversityIndicator,
    DiversityObjective,
    DiversityPillar,
    DiversityPlan,
    DiversityPriority,
    Indicator,
    Milestone,
    Objective,
    OrgUnit,
    PlanSection,
    PolicyField,
    SectionPart,
    Signatory,
)
from planner_app.services.common import get_plan
from planner_app.storage import PlanFile

# The plan's translatable texts: each plan-owned table with its I18nText columns.
# The plan row itself (title, organisation) is read separately.
TRANSLATABLE: tuple[tuple[type, tuple[str, ...]], ...] = (
    (PlanSection, ("title", "body")),
    (SectionPart, ("text",)),
    (CommunicationRow, ("goal", "audience", "date_text", "message", "channel", "material")),
    (PolicyField, ("title",)),
    (Objective, ("title", "description", "intended_results")),
    (Milestone, ("text",)),
    (Indicator, ("name",)),
    (OrgUnit, ("name",)),
    (Signatory, ("function",)),
    (DiversityPlan, ("contact_role", "introduction", "mission", "top_priority")),
    (DiversityPillar, ("title", "description")),
    (DiversityBottleneck, ("text",)),
    (DiversityPriority, ("text",)),
    (DiversityObjective, ("title", "text")),
    (DiversityAction, ("text",)),
    (DiversityIndicator, ("name", "source", "reliability")),
)


def is_untranslated(text: Mapping[str, str] | None, first: str, lang: str) -> bool:
    """True when ``text`` has a first-language text but none in ``lang``."""
    if not text:
        return False
    return bool((text.get(first) or "").strip()) and not (text.get(lang) or "").strip()


def count_untranslated(
    texts: Iterable[Mapping[str, str] | None], languages: list[str]
) -> dict[str, int]:
    """Per language after the first, how many of ``texts`` lack it."""
    if not languages:
        return {}
    first, others = languages[0], languages[1:]
    counts = dict.fromkeys(others, 0)
    for text in texts:
        for lang in others:
            if is_untranslated(text, first, lang):
                counts[lang] += 1
    return counts


def untranslated(store: PlanFile, plan_id: uuid.UUID) -> dict[str, int]:
    """Per content language of the plan other than the first, the number of its texts
    that have the first language but not that one (empty for one-language plans)."""
    with store.read() as s:
        plan = get_plan(s, plan_id)
        languages = plan.language_list
        texts: list[Mapping[str, str] | None] = [plan.title, plan.organisation]
        if len(languages) > 1:
            for model, names in TRANSLATABLE:
                columns = [getattr(model, name) for name in names]
                query = select(*columns).where(
                    model.plan_id == plan_id,  # type: ignore[attr-defined]
                    model.deleted.is_(False),  # type: ignore[attr-defined]
                )
                for row in s.execute(query):
                    texts.extend(row)
    return count_untranslated(texts, languages)
