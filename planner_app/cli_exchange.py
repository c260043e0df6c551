"""The exchange's commands (``package``, ``changes``, ``inspect``, ``merge``,
``conflicts``): headquarters and posts trading signed packages from a shell.

Kept apart from ``cli`` so that the command-line entry stays small; the rules are in
``planner_app.exchange``, these only parse, call and print.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from planner_app.cli_files import open_for_writing, open_readonly
from planner_app.i18n import _


def add_exchange_parsers(sub: argparse._SubParsersAction) -> None:
    package = sub.add_parser(
        "package",
        help=_("prepare a post: a starter file (OUT.plan) or a package of changes for it"),
    )
    package.add_argument("file", type=Path)
    package.add_argument("--plan", metavar="CODE")
    package.add_argument("--for-unit", metavar="UNIT", required=True, help=_("the post's unit"))
    package.add_argument("-o", "--out", type=Path, metavar="OUT", required=True)
    package.add_argument(
        "--include-hr",
        action="store_true",
        help=_("starter file: include the diversity plan (HR data)"),
    )
    package.add_argument(
        "--all-staffing",
        action="store_true",
        help=_("starter file: include every unit's staffing, not only the post's"),
    )
    package.add_argument(
        "--resync",
        action="store_true",
        help=_("a resync: the post's part whole, after the two copies were found to differ"),
    )
    package.set_defaults(run=cmd_package)

    changes = sub.add_parser("changes", help=_("write the changes not yet sent as a package"))
    changes.add_argument("file", type=Path)
    changes.add_argument("--plan", metavar="CODE")
    changes.add_argument(
        "--for-unit", metavar="UNIT", help=_("at headquarters: the post to send them to")
    )
    changes.add_argument("-o", "--out", type=Path, metavar="OUT", required=True)
    changes.set_defaults(run=cmd_changes)

    inspect = sub.add_parser("inspect", help=_("header, sender and key fingerprint of a package"))
    inspect.add_argument("package", type=Path, metavar="PACKAGE")
    inspect.set_defaults(run=cmd_inspect)

    merge = sub.add_parser("merge", help=_("apply a package of changes to a plan file"))
    merge.add_argument("file", type=Path)
    merge.add_argument("package", type=Path, metavar="PACKAGE")
    merge.add_argument("--dry-run", action="store_true", help=_("print what would change"))
    merge.add_argument(
        "--accept-key",
        metavar="FINGERPRINT",
        help=_("trust the sender's key (after checking its fingerprint with the sender)"),
    )
    merge.set_defaults(run=cmd_merge)

    conflicts = sub.add_parser("conflicts", help=_("list the merge conflicts not yet decided"))
    conflicts.add_argument("file", type=Path)
    conflicts.add_argument("--plan", metavar="CODE")
    conflicts.add_argument(
        "--decide",
        nargs=2,
        metavar=("ID", "CHOICE"),
        help=_(
            "settle conflict ID: ours, theirs or combine (numbers: ours + theirs - base); "
            "dismiss a notice"
        ),
    )
    conflicts.set_defaults(run=cmd_conflicts)


def cmd_package(args: argparse.Namespace) -> int:
    from planner_app.storage.plan_file import PLAN_SUFFIX

    if args.out.suffix.lower() == PLAN_SUFFIX:
        from planner_app.exchange.starter import write_starter

        with open_for_writing(args.file) as store:
            starter = write_starter(
                store,
                args.out,
                unit_code=args.for_unit,
                plan_code=args.plan,
                include_hr=args.include_hr,
                all_staffing=args.all_staffing,
            )
        print(
            _(
                "Wrote the starter file {path} for {unit}; its first package will be refused "
                "until you accept its key."
            ).format(path=starter.path, unit=args.for_unit)
        )
        return 0
    if args.resync:
        from planner_app.exchange.resync import write_resync

        with open_readonly(args.file) as store:
            written = write_resync(store, args.out, plan_code=args.plan, unit_code=args.for_unit)
        print(
            _("Wrote a resync of {n} row(s) to {path}.").format(
                n=written.changes, path=written.path
            )
        )
        return 0
    return cmd_changes(args)


def cmd_changes(args: argparse.Namespace) -> int:
    from planner_app.exchange.changes import write_changes

    with open_readonly(args.file) as store:
        written = write_changes(store, args.out, plan_code=args.plan, unit_code=args.for_unit)
    print(_written_message(written))
    return 0


def _written_message(written) -> str:
    if not written.changes:
        return _(
            "Nothing new to send: wrote {path}, which only acknowledges what this file received."
        ).format(path=written.path)
    return _("Wrote {n} change(s) (sequence {first}-{last}) to {path}.").format(
        n=written.changes, first=written.seq_from, last=written.seq_to, path=written.path
    )


def cmd_inspect(args: argparse.Namespace) -> int:
    from planner_app.exchange.package import open_package

    package = open_package(args.package)
    header = package.header
    rows = [
        (_("Package"), str(package.path)),
        (
            _("Format"),
            f"{header.get('format_version')} (app {header.get('app_version')}, "
            f"schema {header.get('schema')})",
        ),
        (_("Plan"), f"{header.get('plan_code')} ({header.get('plan_id')})"),
        (_("From"), f"{header.get('from_site')} ({header.get('from_role')})"),
        (_("To"), str(header.get("to_site"))),
        (
            _("Changes"),
            _("{n}, sequence {first}-{last}; acknowledges up to {ack}").format(
                n=header.get("count"),
                first=header.get("seq_from"),
                last=header.get("seq_to"),
                ack=header.get("ack"),
            ),
        ),
        (_("Written"), str(header.get("created"))),
        (_("Sender key"), package.fingerprint),
    ]
    width = max(len(name) for name, _value in rows)
    for name, value in rows:
        print(f"{name + ':':<{width + 1}} {value}")
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from planner_app.exchange.describe import divergence_text
    from planner_app.exchange.merge import merge_package, open_conflicts, reason_text

    with open_for_writing(args.file) as store:
        report = merge_package(
            store, args.package, dry_run=args.dry_run, accept_key=args.accept_key
        )
        still_open = [c for c in open_conflicts(store, report.plan_code) if c.kind in _DECIDE]
        from planner_app.exchange.changes import role_of

        store_role = role_of(store).name
    if report.enrolled and not report.dry_run:
        print(_("Enrolled the key {fingerprint}.").format(fingerprint=report.fingerprint))
    if report.incarnation:
        print(
            _(
                "The sender's file is a new copy of one this file traded with (restored from a "
                "backup or copied); what it lost is sent to it again."
            )
        )
    print(report.summary())
    for refusal in report.refused:
        print(
            "  " + _("refused") + f": {refusal.table} {refusal.row} {refusal.field}: "
            f"{refusal.reason}"
        )
    _print_conflicts(report.conflicts)
    for notice in report.notices:
        print("  " + _notice_line(notice, reason_text))
    if report.resynced:
        print(_("Took headquarters' resync: this copy holds the plan as headquarters does."))
    if report.divergence:
        print(divergence_text(report.divergence))
        if report.dry_run:
            pass
        elif store_role == "post":
            print(_("Your next package asks headquarters for a resync; nothing of yours is lost."))
        else:
            print(_resync_advice(args.file, report))
    elif report.resync_requested:
        print(_("The post asks for a resync."))
        print(_resync_advice(args.file, report))
    if report.dry_run:
        print(_("Dry run: nothing was changed."))
        return 4 if report.undecided else 0
    if still_open:
        print(
            _("{n} conflict(s) are open: decide them with 'planner-app conflicts'.").format(
                n=len(still_open)
            )
        )
        return 4
    return 0


_DECIDE = ("value", "both-added", "delete-edit")


def _resync_advice(path, report) -> str:
    return _(
        "Send the post a resync: planner-app package {path} --plan {plan} --for-unit UNIT "
        "--resync -o OUT.plnpkg"
    ).format(path=path, plan=report.plan_code)


def _notice_line(c, reason_text) -> str:
    what = {
        "refused": _("refused by headquarters: {reason}"),
        "parent-deleted": _("deleted with the row above it, which was deleted elsewhere"),
        "cycle": _("a move was undone: it would have put the row under itself"),
        "group-amounts": _("a move was undone: the line above holds amounts"),
    }.get(c.kind, c.kind)
    return _("notice {id}: {table} {row} {field}: {what}").format(
        id=c.id,
        table=c.table_name,
        row=c.row_id,
        field=c.field,
        what=what.format(reason=reason_text(c.note)),
    )


def _print_conflicts(conflicts) -> None:
    for c in conflicts:
        print(
            "  "
            + _(
                "conflict {id} ({kind}) {table} {row} {field}: base {base}, ours {local}, "
                "theirs {remote} ({user}, {at})"
            ).format(
                id=c.id,
                kind=c.kind,
                table=c.table_name,
                row=c.row_id,
                field=c.field,
                base=c.base,
                local=c.local,
                remote=c.remote,
                user=c.remote_user,
                at=c.remote_at,
            )
        )


def cmd_conflicts(args: argparse.Namespace) -> int:
    from planner_app.exchange.merge import open_conflicts, reason_text

    if args.decide:
        from planner_app.errors import ValidationError
        from planner_app.exchange.decisions import decide

        conflict_id, choice = args.decide
        if not conflict_id.isdigit():
            raise ValidationError("ID", _("is the number the conflicts list shows."))
        with open_for_writing(args.file) as store:
            decide(store, int(conflict_id), choice)
        print(_("Conflict {id} decided: {choice}.").format(id=conflict_id, choice=choice))
        return 0

    with open_readonly(args.file) as store:
        found = open_conflicts(store, args.plan)
    conflicts = [c for c in found if c.kind in _DECIDE]
    notices = [c for c in found if c.kind not in _DECIDE]
    if not conflicts:
        print(_("No open conflicts in {path}.").format(path=args.file))
    else:
        print(_("{n} open conflict(s) in {path}:").format(n=len(conflicts), path=args.file))
        _print_conflicts(conflicts)
    if notices:
        print(_("{n} notice(s) (dismiss with --decide ID dismiss):").format(n=len(notices)))
        for notice in notices:
            print("  " + _notice_line(notice, reason_text))
    return 0
