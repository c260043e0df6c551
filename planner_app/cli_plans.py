"""``planner-app new-plan``: a new plan in a file, and a yearly plan made from its
strategic plan (``--strategic CODE``); ``planner-app next-year``: next year's plan and
what it carried over, from a terminal. Kept apart from ``cli.py``
(which registers it) so that the entry point stays small.

Exit codes (README): 0 made; 1 refused by a rule (a code taken, a year outside the
strategic plan's period, no such strategic plan, no year after a strategic plan's last);
2 the file cannot be used.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from planner_app.domain.enums import PlanKind
from planner_app.i18n import _


def add_parsers(sub: argparse._SubParsersAction) -> None:
    new = sub.add_parser(
        "new-plan",
        help=_("add a new plan to a file, or a yearly plan made from its strategic plan"),
        description=_(
            "Add a new draft plan to FILE (a new file is made when FILE does not exist). "
            "With --strategic CODE, a yearly plan (operational or business) of year Y of "
            "that strategic plan: in its languages, with its levels, policy fields and "
            "units, and its strategic (and operational) objectives as read-only references "
            "with their codes, to add the year's objectives under."
        ),
    )
    new.add_argument("file", type=Path)
    new.add_argument(
        "--kind", required=True, choices=[k.value for k in PlanKind], help=_("the plan's kind")
    )
    new.add_argument(
        "--strategic", metavar="CODE", help=_("the strategic plan of the file it carries out")
    )
    new.add_argument("--year", type=int, required=True, metavar="Y", help=_("its (first) year"))
    new.add_argument("--last-year", type=int, metavar="Y", help=_("its last year (several years)"))
    new.add_argument("--code", required=True, metavar="NEW", help=_("the new plan's code"))
    new.add_argument("--title", metavar="TEXT", help=_("its title in its main language"))
    new.add_argument(
        "--lang",
        metavar="LANGS",
        help=_("its content languages, main first (nl,fr); with --strategic: the strategic plan's"),
    )
    new.add_argument("--organisation", metavar="TEXT", help=_("the organisation that makes it"))
    new.add_argument(
        "--without-ods",
        dest="with_operational",
        action="store_false",
        help=_("refer only to the strategic objectives, not to the operational ones"),
    )
    new.set_defaults(run=cmd_new_plan)

    nxt = sub.add_parser(
        "next-year",
        help=_("next year's plan from a yearly plan, or a strategic plan's next yearly plan"),
        description=_(
            "Make next year's draft from the yearly plan CODE (from a strategic plan: the "
            "yearly plan after its latest one, or its first): the initiatives not done with "
            "their open milestones moved a year on and marked to re-plan, last year's "
            "actuals as the new baselines, the diversity plan; then list what was carried "
            "over and what was left behind."
        ),
    )
    nxt.add_argument("file", type=Path)
    nxt.add_argument("--plan", metavar="CODE", help=_("the plan to continue from"))
    nxt.add_argument("--code", metavar="NEW", help=_("the new plan's code (default: suggested)"))
    nxt.set_defaults(run=cmd_next_year)


def cmd_new_plan(args: argparse.Namespace) -> int:
    from planner_app.cli_files import open_for_writing
    from planner_app.errors import ValidationError
    from planner_app.services import operational_plan, plans
    from planner_app.storage import PlanFile

    kind = PlanKind(args.kind)
    if args.strategic and (args.lang or args.organisation or args.last_year):
        raise ValidationError(
            "--strategic",
            _(
                "the plan takes the strategic plan's languages, organisation and one year; "
                "leave out --lang, --organisation and --last-year."
            ),
        )
    made_file = not args.file.exists() and not args.strategic
    if made_file:
        PlanFile.create(args.file).close()
    try:
        with open_for_writing(args.file) as store:
            if args.strategic:
                strategic = plans.find_plan(store, args.strategic)
                changed = operational_plan.create_from_strategic(
                    store,
                    strategic_plan_id=strategic.id,
                    year=args.year,
                    code=args.code,
                    kind=kind,
                    title=args.title,
                    with_operational=args.with_operational,
                )
                info = plans.plan_info(store, changed.ids[0])
                print(
                    _(
                        "Made plan {code} ({year}) from {strategic}: {count} of its "
                        "objectives as references."
                    ).format(
                        code=info.code,
                        year=info.first_year,
                        strategic=strategic.code,
                        count=changed.extra["references"],
                    )
                )
                return 0
            languages = [x.strip() for x in (args.lang or "nl").split(",") if x.strip()]
            changed = plans.create_plan(
                store,
                code=args.code,
                kind=kind,
                title=args.title or "",
                first_year=args.year,
                last_year=args.last_year,
                organisation=args.organisation or "",
                languages=languages,
            )
            info = plans.plan_info(store, changed.ids[0])
            print(
                _("Made plan {code} ({first}-{last}).").format(
                    code=info.code, first=info.first_year, last=info.last_year
                )
            )
            return 0
    except BaseException:
        if made_file:
            args.file.unlink(missing_ok=True)
        raise


def cmd_next_year(args: argparse.Namespace) -> int:
    from planner_app.cli_files import open_for_writing
    from planner_app.services import next_year
    from planner_app.services.common import resolve_plan

    with open_for_writing(args.file) as store:
        with store.read() as s:
            plan_id = resolve_plan(s, args.plan).id
        changed = next_year.next_year_plan(store, plan_id, code=args.code)
    report: next_year.CarryReport = changed.extra["report"]
    print(carry_text(report))
    return 0


def carry_text(report) -> str:
    """The carry report as the terminal prints it (the window shows the same)."""
    from planner_app.i18n import ngettext
    from planner_app.services.next_year import carry_facts

    lines = [
        _("Next year's plan {target} from {source}").format(
            target=report.target_code, source=report.source_code
        ),
        "",
    ]
    lines += [f"- {fact}" for fact in carry_facts(report)]
    for heading, rows, milestones in (
        (_("Carried over ({n})").format(n=len(report.carried)), report.carried, True),
        (_("Left behind: done ({n})").format(n=len(report.left_behind)), report.left_behind, False),
    ):
        lines += ["", heading]
        if not rows:
            lines.append("  " + _("None"))
        for item in rows:
            line = f"  {item.code}  {item.title}"
            if milestones and item.open_milestones:
                line += " — " + ngettext(
                    "{n} milestone to re-plan", "{n} milestones to re-plan", item.open_milestones
                ).format(n=item.open_milestones)
            lines.append(line)
    return "\n".join(lines)
