"""The rules on one field's value, in one table that the services and the workbook
import both call.

The window edits through the services; the workbook import builds rows from cells.
Both must refuse the same values (a 72-character milestone period, a 34-character
policy-field code, a target year outside the plan's reach), so the limits live here
once: a service checks a value with ``check(Milestone, "period", value, plan)``, and
the import runs every cell of a row through ``RULES`` for its model, naming the cell.

A rule only looks at the value (and the plan's period and languages); rules that need
the rest of the file (a code unique in the plan, a parent of the right level) stay in
their service and have their own counterpart in the import (``excel_build``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from planner_app.domain import (
    BudgetAmount,
    BudgetLine,
    BudgetStage,
    CreditType,
    DiversityAction,
    DiversityPlan,
    Indicator,
    IndicatorValue,
    Milestone,
    Objective,
    OrgUnit,
    Plan,
    PlanRole,
    PolicyField,
    StaffingFigure,
)
from planner_app.errors import ValidationError
from planner_app.i18n import N_, _
from planner_app.services.common import MAX_TEXT, MAX_TITLE, check_i18n, check_text, check_year


@dataclass(frozen=True)
class Text:
    """A plain text of at most ``limit`` characters, stored stripped."""

    label: str
    limit: int
    required: bool = False
    one_word: bool = False

    def __call__(self, value: Any, plan: Plan | None = None, label: str | None = None) -> str:
        field = label or _(self.label)
        text = check_text(field, value, required=self.required, limit=self.limit).strip()
        if self.one_word and " " in text:
            raise ValidationError(field, _("must be one word (for example INI or VL)."))
        return text


@dataclass(frozen=True)
class Texts:
    """A text per content language: only the plan's languages, each within ``limit``;
    ``required``: at least one language has text."""

    label: str
    limit: int = MAX_TEXT
    required: bool = False

    def __call__(self, value: Any, plan: Plan | None = None) -> dict[str, str]:
        languages = plan.language_list if plan is not None else None
        return check_i18n(
            _(self.label),
            value,
            **({"languages": languages} if languages else {}),
            required=self.required,
            limit=self.limit,
        )


@dataclass(frozen=True)
class Year:
    """A year within the plan's period, give or take ``slack`` years."""

    slack: int = 0

    def __call__(self, value: Any, plan: Plan | None = None) -> int:
        return check_year(_("Year"), value, plan, slack=self.slack)


Rule = Callable[[Any, "Plan | None"], Any]

_CODE16 = Text(N_("Code"), 16, required=True, one_word=True)

RULES: dict[tuple[type, str], Rule] = {
    (Plan, "title"): Texts(N_("Title"), required=True),
    (Plan, "organisation"): Texts(N_("Organisation")),
    (Objective, "title"): Texts(N_("Title"), MAX_TITLE, required=True),
    (Objective, "description"): Texts(N_("Description")),
    (Objective, "intended_results"): Texts(N_("Intended results")),
    (Milestone, "period"): Text(N_("Period"), 64),
    (Milestone, "text"): Texts(N_("Milestone"), required=True),
    (Indicator, "name"): Texts(N_("Indicator"), required=True),
    (Indicator, "unit_of_measure"): Text(N_("Unit of measure"), 64),
    (IndicatorValue, "year"): Year(slack=10),
    (PolicyField, "code"): Text(N_("Code"), 32),
    (PolicyField, "title"): Texts(N_("Title"), MAX_TITLE, required=True),
    (OrgUnit, "code"): Text(N_("Code"), 64),
    (OrgUnit, "name"): Texts(N_("Name"), MAX_TITLE, required=True),
    (PlanRole, "code"): Text(N_("Code"), 16, required=True),
    (PlanRole, "name"): Texts(N_("Name"), 200),
    (BudgetLine, "code"): Text(N_("Code"), 32),
    (BudgetLine, "title"): Texts(N_("Title"), MAX_TITLE, required=True),
    (BudgetStage, "code"): _CODE16,
    (CreditType, "code"): _CODE16,
    (BudgetAmount, "year"): Year(slack=5),
    (StaffingFigure, "year"): Year(slack=5),
    (DiversityPlan, "year"): Year(),
    (DiversityAction, "text"): Texts(N_("Action"), required=True),
    (DiversityAction, "owner"): Text(N_("Owner"), 200),
    (DiversityAction, "due"): Text(N_("Due"), 64),
}


def check(
    model: type, name: str, value: Any, plan: Plan | None = None, *, label: str | None = None
) -> Any:
    """``value`` as stored, or ``ValidationError`` naming the field (``label``, else the
    rule's own) and what is wrong."""
    rule = RULES[(model, name)]
    if label is not None and isinstance(rule, Text):
        return rule(value, plan, label)
    return rule(value, plan)


def text_rule(model: type, name: str) -> Texts | None:
    """The per-language rule of a field, if it has one (the import checks each
    language's cell on its own, to name the cell)."""
    rule = RULES.get((model, name))
    return rule if isinstance(rule, Texts) else None


def fields_of(model: type) -> Iterable[str]:
    return [name for owner, name in RULES if owner is model]
