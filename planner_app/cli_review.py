"""``planner-app compare`` and ``planner-app completeness``: what a secretary or a
planning officer asks before a plan goes to the minister. Kept apart from ``cli.py``
(which registers them) so that the entry point stays small.

Exit codes (README): 0 done; ``completeness`` 5 when a required element is missing;
1 refused by a rule, 2 the file cannot be used.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from planner_app.i18n import _, current_language

MISSING_EXIT = 5


def add_parsers(sub: argparse._SubParsersAction) -> None:
    compare = sub.add_parser(
        "compare",
        help=_("what differs between two versions of a plan"),
        description=_(
            "List what differs between plan A and plan B of the file (B the version A is "
            "compared with: the signed version 1, last year's plan): objectives added, "
            "removed, moved, retitled or recoded, chapter texts as word diffs, budget and "
            "staffing per line and in total, indicators, targets and milestones."
        ),
    )
    compare.add_argument("file", type=Path)
    compare.add_argument("--plan", metavar="A", help=_("the plan examined"))
    compare.add_argument(
        "--with",
        dest="with_plan",
        metavar="B",
        required=True,
        help=_("the version to compare with"),
    )
    out = compare.add_mutually_exclusive_group()
    out.add_argument("--pdf", type=Path, metavar="OUT", help=_("write the comparison as a PDF"))
    out.add_argument("--json", action="store_true", help=_("machine-readable output"))
    compare.set_defaults(run=cmd_compare)

    complete = sub.add_parser(
        "completeness",
        help=_("the legal minimum content of a plan: each element present or missing"),
        description=_(
            "List each element the law requires in a plan of this kind, present or "
            "missing, with where to fill it in. Exit 5 when a required element is missing."
        ),
    )
    complete.add_argument("file", type=Path)
    complete.add_argument("--plan", metavar="CODE")
    complete.add_argument("--json", action="store_true", help=_("machine-readable output"))
    complete.set_defaults(run=cmd_completeness)


def _open_readonly(path: Path):
    from planner_app.storage import PlanFile

    return PlanFile.open(path, readonly=True)


def _plan_id(store, code: str | None):
    from planner_app.services.common import resolve_plan

    with store.read() as s:
        return resolve_plan(s, code).id


# --- compare -------------------------------------------------------------------------


def cmd_compare(args: argparse.Namespace) -> int:
    from planner_app.exporting.compare_report import comparison_json, comparison_lines
    from planner_app.exporting.compare_words import Words
    from planner_app.i18n import translator
    from planner_app.services.compare import compare_plans

    with _open_readonly(args.file) as store:
        plan_id, with_id = _plan_id(store, args.plan), _plan_id(store, args.with_plan)
        comparison = compare_plans(store, plan_id, with_id)
        if args.pdf is not None:
            from planner_app.exporting.pdf_compare import export_comparison

            export_comparison(comparison, args.pdf)
            print(_("Wrote {path}.").format(path=args.pdf))
            return 0
    if args.json:
        json.dump(comparison_json(comparison), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    lang = current_language()
    words = Words(translator(lang), lang, comparison.language)
    for line in comparison_lines(comparison, words):
        print(line)
    return 0


# --- completeness --------------------------------------------------------------------


def cmd_completeness(args: argparse.Namespace) -> int:
    from planner_app.services.completeness import check_plan, final_note

    with _open_readonly(args.file) as store:
        plan_id = _plan_id(store, args.plan)
        report = check_plan(store, plan_id)
        note = final_note(store, plan_id)
    if args.json:
        json.dump(_report_json(report, note), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for line in completeness_lines(report, note):
            print(line)
    return 0 if report.complete else MISSING_EXIT


def completeness_lines(report, note) -> list[str]:
    from planner_app.domain.labels import label

    if not report.has_rules:
        return [
            _(
                "{code}: the law lists no required content for a {kind} plan; nothing is "
                "required until a table is added for it."
            ).format(code=report.plan_code, kind=label(report.kind))
        ]
    lines = [
        _("{code}: legal minimum content of a {kind} plan").format(
            code=report.plan_code, kind=label(report.kind)
        )
    ]
    for result in report.elements:
        element = result.element
        mark = _("present") if result.present else _("MISSING")
        lines.append(f"  [{mark}] {_(element.name)}")
        lines.append(f"      {result.detail}")
        if not result.present:
            lines.append("      " + _("Where: {where}").format(where=_(element.where)))
        lines.append("      " + _("Source: {source}").format(source=_(element.source)))
    missing = len(report.missing)
    lines.append(
        _("{n} of {total} required elements missing.").format(n=missing, total=len(report.elements))
        if missing
        else _("All {total} required elements are present.").format(total=len(report.elements))
    )
    if note is not None:
        lines.append(_noted(note, report))
    return lines


def _noted(note, report) -> str:
    names = {r.element.key: _(r.element.name) for r in report.elements}
    if note.missing:
        return _("Made final for signature on {at} by {user}, going on without: {names}.").format(
            at=note.at, user=note.user, names="; ".join(names.get(k, k) for k in note.missing)
        )
    return _("Made final for signature on {at} by {user}, with every element present.").format(
        at=note.at, user=note.user
    )


def _report_json(report, note) -> dict:
    return {
        "plan": report.plan_code,
        "kind": report.kind.value,
        "has_rules": report.has_rules,
        "complete": report.complete,
        "elements": [
            {
                "key": r.element.key,
                "name": _(r.element.name),
                "present": r.present,
                "detail": r.detail,
                "where": _(r.element.where),
                "place": r.element.place.value,
                "source": _(r.element.source),
                "objectives": [str(i) for i in r.objective_ids],
            }
            for r in report.elements
        ],
        "made_final": None
        if note is None
        else {
            "at": note.at,
            "user": note.user,
            "fingerprint": note.fingerprint,
            "rules_version": note.rules_version,
            "missing": list(note.missing),
        },
    }
