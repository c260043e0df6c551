"""``planner-app check``: the stored values against the rules the window and the
workbook import apply (``field_rules``), so a value that reached the file another way
(an older release's import, a file edited with another tool, a merge) is reported
the way the import would have refused it.

One line per value, naming the plan, the row (its code or a short id) and the field;
and a plan whose title is empty in its main language (a French plan whose texts sit
in the Dutch columns), which prints every text marked as another language's.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner_app.domain import Objective, Plan
from planner_app.errors import ValidationError
from planner_app.i18n import N_, _
from planner_app.services import field_rules

# How a row is named in a line of ``check`` (the model's name in the user's language).
_NAMES = {
    "objectives": N_("objective"),
    "milestones": N_("milestone"),
    "indicators": N_("indicator"),
    "indicator_values": N_("indicator value"),
    "policy_fields": N_("policy field"),
    "org_units": N_("unit"),
    "plan_roles": N_("role"),
    "budget_lines": N_("budget line"),
    "budget_stages": N_("budget stage"),
    "credit_types": N_("credit type"),
    "budget_amounts": N_("budget amount"),
    "staffing_figures": N_("staffing figure"),
    "diversity_plans": N_("diversity plan"),
    "diversity_actions": N_("diversity action"),
}


def stored_value_problems(s: Session) -> list[str]:
    """Every stored value of a live plan that the field rules refuse, one line each."""
    plans = {p.id: p for p in s.scalars(select(Plan).where(Plan.deleted.is_(False)))}
    problems: list[str] = []
    for plan in plans.values():
        problems += [_line(plan, None, reason) for reason in _plan_problems(plan)]
    models: dict[type, list[str]] = {}
    for model, name in field_rules.RULES:
        if model is not Plan:
            models.setdefault(model, []).append(name)
    for model, names in models.items():
        query = select(model).where(model.deleted.is_(False), model.plan_id.in_(plans))
        for row in s.scalars(query):
            plan = plans[row.plan_id]
            for name in names:
                for reason in _refusals(model, name, getattr(row, name), plan):
                    problems.append(_line(plan, row, reason))
    return problems


def _plan_problems(plan: Plan) -> Iterator[str]:
    from planner_app.services.plans import _check_languages, _check_period

    for check in (
        lambda: _check_languages(plan.language_list),
        lambda: _check_period(plan.first_year, plan.last_year),
    ):
        try:
            check()
        except ValidationError as err:
            yield str(err)
    for name in field_rules.fields_of(Plan):
        yield from _refusals(Plan, name, getattr(plan, name), plan)
    main = plan.language_list[0] if plan.language_list else None
    title = plan.title or {}
    empty = main is not None and not str(title.get(main, "")).strip()
    if empty and any(t.strip() for t in title.values()):
        yield _(
            "its title is empty in its main language “{language}” (the first of its "
            "languages): its document would print another language's texts, marked."
        ).format(language=main)


def _refusals(model: type, name: str, value, plan: Plan) -> Iterator[str]:
    rule = field_rules.RULES[(model, name)]
    if value is None:
        if not (isinstance(rule, field_rules.Text) and rule.required):
            return
        value = ""
    try:
        # Texts in a language the plan no longer has are kept (a language taken off
        # the plan leaves them): only their length and presence are checked.
        rule(value, None if isinstance(rule, field_rules.Texts) else plan)
    except ValidationError as err:
        yield str(err)


def _line(plan: Plan, row, reason: str) -> str:
    if row is None:
        return _("plan {code}: {problem}").format(code=plan.code, problem=reason)
    what = _(_NAMES.get(row.__tablename__, row.__tablename__))
    name = row.code if isinstance(row, Objective) and row.code else _short(row.id)
    return _("plan {code}, {what} {name}: {problem}").format(
        code=plan.code, what=what, name=name, problem=reason
    )


def _short(row_id: uuid.UUID) -> str:
    return str(row_id)[:8]
