"""The ``planner-app`` command: the GUI, and headless commands over the same services.

A first argument that is not a subcommand is a file for the GUI. Errors a user can
cause print one sentence on stderr and exit non-zero; Qt is imported only when the GUI
starts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import textwrap
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from planner_app import __version__
from planner_app.cli_exchange import add_exchange_parsers
from planner_app.cli_files import open_readonly, plan_and_language
from planner_app.cli_sign import add_sign_parser, add_trust_argument, report_signatures
from planner_app.domain.labels import label
from planner_app.errors import PlannerError
from planner_app.i18n import _, set_language, system_language
from planner_app.runtime import tune_gc

if TYPE_CHECKING:
    pass

GUI_VIEWS = ("tree", "plan", "budget", "staffing", "diversity", "review")
# verify --pdf: the fingerprint matches, but another (earlier) layout made the pages, so
# they could not be compared (README's exit codes)
EXIT_OTHER_LAYOUT = 6


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planner-app",
        description=_("Write, keep and print public-sector plans."),
        epilog=_(
            "Commands: demo, info, check, outline, backups, restore, export, import, verify, "
            "sign, package, changes, inspect, merge, conflicts, compare, completeness, new-plan, "
            "next-year. "
            "Run 'planner-app COMMAND --help' for one."
        ),
    )
    parser.add_argument("file", nargs="?", type=Path, help=_("a plan file to open"))
    parser.add_argument("--demo", action="store_true", help=_("open a new copy of the demo plan"))
    parser.add_argument("--plan", metavar="CODE", help=_("the plan to show"))
    parser.add_argument("--view", choices=GUI_VIEWS, default="tree", help=_("the view to show"))
    parser.add_argument("--read-only", action="store_true", help=_("open the file read-only"))
    parser.add_argument("--version", action="version", version=f"planner-app {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help=_("open the demo plan offscreen, export it to Excel and PDF, check both, exit"),
    )
    return parser


def _command_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="planner-app")
    parser.add_argument("--version", action="version", version=f"planner-app {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help=_("write the demo plan file"))
    demo.add_argument("out", type=Path, metavar="OUT.plan")
    demo.add_argument("--force", action="store_true", help=_("overwrite OUT if it exists"))
    demo.set_defaults(run=cmd_demo)

    info = sub.add_parser("info", help=_("plans, counts, budget and staffing totals"))
    info.add_argument("file", type=Path)
    info.add_argument("--plan", metavar="CODE")
    info.add_argument("--json", action="store_true", help=_("machine-readable output"))
    info.set_defaults(run=cmd_info)

    check = sub.add_parser("check", help=_("integrity and schema; non-zero on a problem"))
    check.add_argument("file", type=Path)
    check.add_argument(
        "--against",
        type=Path,
        metavar="PACKAGE",
        help=_("also: does this copy hold what the package's sender held? (a package it merged)"),
    )
    check.set_defaults(run=cmd_check)

    outline = sub.add_parser(
        "outline",
        help=_("chapters and objectives in document order, one line each"),
        description=_(
            "Print the plan's chapters and objectives in document order, one line each: "
            "two spaces per level, the code as printed, the title. Easy to read against "
            "the paper and to compare with diff."
        ),
    )
    outline.add_argument("file", type=Path)
    outline.add_argument("--plan", metavar="CODE")
    outline.add_argument(
        "--lang", metavar="LANG", help=_("content language (default: the plan's first)")
    )
    outline.set_defaults(run=cmd_outline)

    backups = sub.add_parser("backups", help=_("list the backups of a plan file"))
    backups.add_argument("file", type=Path)
    backups.set_defaults(run=cmd_backups)

    restore = sub.add_parser("restore", help=_("restore a plan file from a backup"))
    restore.add_argument("file", type=Path)
    restore.add_argument("--from", dest="backup", type=Path, metavar="BACKUP")
    restore.set_defaults(run=cmd_restore)

    export = sub.add_parser("export", help=_("write a plan to an Excel workbook or a PDF"))
    export.add_argument("file", type=Path, nargs="?")
    export.add_argument("--plan", metavar="CODE")
    target = export.add_mutually_exclusive_group(required=True)
    target.add_argument("--xlsx", type=Path, metavar="OUT", help=_("write an Excel workbook"))
    target.add_argument("--pdf", type=Path, metavar="OUT", help=_("write the plan document"))
    target.add_argument(
        "--xlsx-template",
        type=Path,
        metavar="OUT",
        help=_("write an empty workbook to type a new plan in (no FILE needed)"),
    )
    export.add_argument(
        "--kind",
        metavar="KIND",
        help=_("the new plan's kind, with --xlsx-template (default: strategic)"),
    )
    export.add_argument(
        "--years",
        metavar="FIRST-LAST",
        help=_("the new plan's years, with --xlsx-template (default: from next year)"),
    )
    export.add_argument(
        "--lang", metavar="LANG", help=_("content language (default: the plan's first)")
    )
    export.add_argument("--review", action="store_true", help=_("the year review (PDF only)"))
    export.add_argument(
        "--progress",
        metavar="QUARTER",
        help=_("judge the review's progress at the end of this quarter, such as 2025-Q3"),
    )
    export.add_argument(
        "--no-total-notes",
        dest="total_notes",
        action="store_false",
        help=_(
            "leave out the footnotes where a total differs from the one the source "
            "printed (PDF only)"
        ),
    )
    export.set_defaults(run=cmd_export)

    imp = sub.add_parser(
        "import",
        help=_("read a plan from an Excel workbook, a Word document, a text or a PDF"),
        description=_(
            "Read a plan into FILE. --xlsx reads a workbook written by export. --docx, "
            "--text and --pdf-text read an existing plan document: its chapters, policy "
            "fields and objective tree are recognised from numbering and the words plans "
            "use, and written into the plan --plan names (a new draft plan when there is "
            "none). --dry-run prints the outline as recognised and what each line was "
            "taken for, and changes nothing."
        ),
    )
    imp.add_argument("file", type=Path, help=_("the plan file (created if missing)"))
    source = imp.add_mutually_exclusive_group(required=True)
    source.add_argument("--xlsx", type=Path, metavar="IN", help=_("a workbook written by export"))
    source.add_argument("--docx", type=Path, metavar="IN", help=_("a Word document (.docx)"))
    source.add_argument("--text", type=Path, metavar="IN", help=_("a plain-text file"))
    source.add_argument(
        "--pdf-text", type=Path, metavar="IN", help=_("the text layer of a PDF document")
    )
    imp.add_argument("--plan", metavar="CODE", help=_("the plan to import into"))
    imp.add_argument(
        "--lang", metavar="LANG", help=_("the content language of the document's text")
    )
    imp.add_argument("--dry-run", action="store_true", help=_("print what would change"))
    imp.set_defaults(run=cmd_import)

    verify = sub.add_parser(
        "verify",
        help=_("print a plan's fingerprint; check a signed PDF; save the signed scan"),
        description=_(
            "Print the plan's fingerprint. With --pdf, check that the PDF is the plan's "
            "document: it prints the same fingerprint, and its pages read exactly as the "
            "document made again from the file, and that each electronic signature in it is "
            "intact and valid against the trust roots (--trust) (exit 1 when not; exit 6 "
            "when the fingerprint matches and the signatures hold but an earlier layout "
            "made its pages, which therefore could not be compared). With --scan-out, save "
            "the scan of the signed paper stored when the signature was recorded, and "
            "print the signing date and place."
        ),
    )
    verify.add_argument("file", type=Path)
    verify.add_argument("--plan", metavar="CODE")
    verify.add_argument("--pdf", type=Path, metavar="PDF", help=_("the PDF to check"))
    verify.add_argument(
        "--fingerprint-only",
        action="store_true",
        help=_("with --pdf, compare the fingerprint only, not the pages (quicker)"),
    )
    verify.add_argument(
        "--scan-out",
        type=Path,
        metavar="PATH",
        help=_("write the stored scan of the signed paper to PATH (refuses to overwrite)"),
    )
    add_trust_argument(verify)
    verify.set_defaults(run=cmd_verify)
    add_sign_parser(sub)
    add_exchange_parsers(sub)
    from planner_app.cli_review import add_parsers as add_review_parsers

    add_review_parsers(sub)
    from planner_app.cli_plans import add_parsers as add_plan_parsers

    add_plan_parsers(sub)
    return parser


COMMANDS = (
    "demo",
    "info",
    "check",
    "outline",
    "backups",
    "restore",
    "export",
    "import",
    "verify",
    "sign",
    "package",
    "changes",
    "inspect",
    "merge",
    "conflicts",
    "compare",
    "completeness",
    "new-plan",
    "next-year",
)


# --- commands ------------------------------------------------------------------------


def cmd_demo(args: argparse.Namespace) -> int:
    from planner_app.services.demo import DEMO_PLANS, build_demo, printed_differences
    from planner_app.storage import PlanFile

    path = build_demo(args.out, overwrite=args.force)
    print(
        _("Wrote the demo plans ({codes}) to {path}.").format(
            codes=", ".join(DEMO_PLANS), path=path
        )
    )
    with PlanFile.open(path, readonly=True) as store:
        for code in DEMO_PLANS:
            differences, compared = printed_differences(store, code)
            if differences:
                print(
                    _(
                        "{code}: {n} of the {total} totals printed in the seed differ from the "
                        "sums of their rows (rows kept as printed):"
                    ).format(code=code, n=len(differences), total=compared)
                )
                for difference in differences:
                    print(f"  {difference}")
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    from planner_app.services.common import resolve_plan
    from planner_app.services.summary import file_summary

    with open_readonly(args.file) as store:
        summary = file_summary(store)
        if args.plan is not None:
            with store.read() as s:
                code = resolve_plan(s, args.plan).code
            summary["plans"] = [p for p in summary["plans"] if p["code"] == code]
    if args.json:
        json.dump(summary, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    _print_summary(summary)
    return 0


def _print_summary(summary: dict) -> None:
    from decimal import Decimal

    from planner_app.domain.labels import PLAN_KIND_TITLES
    from planner_app.formatting import format_fte, format_keur

    print(_("File: {file} (schema {schema})").format(**summary))
    for plan in summary["plans"]:
        lang = plan["languages"][0]
        title = plan["title"].get(lang) or next(iter(plan["title"].values()), "")
        print()
        print(f"{plan['code']}: {title}")
        print(
            "  "
            + _("{kind} {first}-{last}, version {version}, {state}").format(
                kind=_(PLAN_KIND_TITLES[plan["kind"]]),
                first=plan["period"][0],
                last=plan["period"][1],
                version=plan["version"],
                state=label(plan["state"]),
            )
        )
        counts = ", ".join(f"{label(k)}: {v}" for k, v in plan["counts"].items() if v)
        print(f"  {counts}")
        budget = plan["budget"]
        if budget["columns"]:
            print("  " + _("Budget (kEUR)") + ": " + "  ".join(budget["columns"]))
            for line in budget["lines"]:
                name = line["title"].get(lang) or next(iter(line["title"].values()), "")
                cells = "  ".join(
                    format_keur(Decimal(line["totals"][c]), lang) if line["totals"].get(c) else "-"
                    for c in budget["columns"]
                )
                name = textwrap.shorten(name, 60, placeholder=" …")
                print(f"    {'  ' * line['depth']}{name}: {cells}")
            cells = "  ".join(
                format_keur(Decimal(budget["total"][c]), lang) for c in budget["columns"]
            )
            print("    " + _("Total") + f": {cells}")
        for staff in plan["staffing"]:
            fte = format_fte(Decimal(staff["fte"]), lang) if staff["fte"] else "-"
            people = staff["headcount"] or "-"
            print(
                "  "
                + _("Staffing {scenario} {year}: {fte} FTE, {people} people").format(
                    scenario=label(staff["scenario"]), year=staff["year"], fte=fte, people=people
                )
            )


def cmd_check(args: argparse.Namespace) -> int:
    from planner_app.services.integrity import check_file

    with open_readonly(args.file) as store:
        problems = check_file(store)
        if args.against is not None:
            from planner_app.exchange.against import against

            compared = against(store, args.against)
            if not compared.merged:
                print(
                    _("This file has not merged {path} yet; merge it first.").format(
                        path=args.against
                    )
                )
            if compared.ahead:
                print(
                    _(
                        "This file holds changes the sender had not received when it wrote "
                        "{path}; those make a difference until they arrive there."
                    ).format(path=args.against)
                )
            problems += [_divergence_line(compared.divergence)] if compared.divergence else []
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(
            _("{path}: {n} problem(s) found.").format(path=args.file, n=len(problems)),
            file=sys.stderr,
        )
        return 1
    if args.against is not None:
        print(
            _("{path} holds what the sender of {package} held.").format(
                path=args.file, package=args.against
            )
        )
    print(_("{path}: no problems found.").format(path=args.file))
    return 0


def _divergence_line(divergence) -> str:
    from planner_app.exchange.describe import divergence_text

    return divergence_text(divergence)


def cmd_outline(args: argparse.Namespace) -> int:
    from planner_app.services.outline import plan_outline

    with open_readonly(args.file) as store:
        plan_id, lang = plan_and_language(store, args.plan, args.lang)
        lines = plan_outline(store, plan_id, lang)
    for line in lines:
        print(line.text())
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    from planner_app.storage.backups import backup_folder, list_backups

    found = list_backups(args.file)
    if not found:
        print(
            _("No backups of {path} yet (they are kept in {folder}).").format(
                path=args.file, folder=backup_folder(args.file)
            )
        )
        return 0
    for backup in found:
        print(
            f"{backup.created:%Y-%m-%d %H:%M:%S}  {backup.reason:<16} "
            f"{backup.size:>10}  {backup.path}"
        )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from planner_app.storage.backups import restore_backup

    restored = restore_backup(args.file, args.backup)
    print(
        _("Restored {path} from {backup}; the previous file was backed up first.").format(
            path=args.file, backup=restored
        )
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from planner_app.errors import ValidationError

    if args.review and args.pdf is None:
        raise ValidationError("--review", _("is a PDF document; use it with --pdf."))
    at = None
    if args.progress is not None:
        from planner_app.services.reference import parse_quarter

        if not args.review:
            raise ValidationError("--progress", _("is for the year review; use it with --review."))
        at = parse_quarter(args.progress)
    if not args.total_notes and args.pdf is None:
        raise ValidationError("--no-total-notes", _("is a PDF option; use it with --pdf."))
    if args.xlsx_template is not None:
        return _export_template(args)
    for flag, given in (("--kind", args.kind), ("--years", args.years)):
        if given is not None:
            raise ValidationError(flag, _("is for a new plan; use it with --xlsx-template."))
    if args.file is None:
        raise ValidationError("FILE", _("name the plan file to export from."))
    with open_readonly(args.file) as store:
        plan_id, lang = plan_and_language(store, args.plan, args.lang)
        if args.pdf is not None:
            from planner_app.exporting.pdf import export_pdf

            out = args.pdf
            report = export_pdf(
                store,
                plan_id,
                out,
                language=lang,
                review=args.review,
                total_notes=args.total_notes,
                at=at,
            )
        else:
            from planner_app.exporting.excel import export_xlsx

            out = args.xlsx
            report = export_xlsx(store, plan_id, out, language=lang)
    print(_("Wrote {path}.").format(path=out))
    _print_report(report)
    return 0


def _export_template(args: argparse.Namespace) -> int:
    from planner_app.errors import ValidationError
    from planner_app.exporting.excel_template import parse_years, write_template

    if args.file is not None or args.plan is not None:
        raise ValidationError(
            "--xlsx-template", _("is an empty workbook for a new plan; leave out FILE and --plan.")
        )
    years = parse_years(args.years) if args.years is not None else None
    write_template(
        args.xlsx_template,
        language=args.lang or "nl",
        kind=args.kind or "strategic",
        years=years,
    )
    print(_("Wrote {path}.").format(path=args.xlsx_template))
    return 0


FALLBACKS_LISTED = 20  # the rest is counted: a whole untranslated plan is hundreds


def _print_report(report) -> None:
    if report.fallbacks:
        print(
            _("{n} field(s) have no {lang} text and show the plan's first language:").format(
                n=len(report.fallbacks), lang=report.language
            ),
            file=sys.stderr,
        )
        for fallback in report.fallbacks[:FALLBACKS_LISTED]:
            print(f"  {fallback.where}: {fallback.field} ({fallback.used})", file=sys.stderr)
        more = len(report.fallbacks) - FALLBACKS_LISTED
        if more > 0:
            print("  " + _("… and {n} more.").format(n=more), file=sys.stderr)
    for warning in report.warnings:
        print(warning, file=sys.stderr)


def cmd_import(args: argparse.Namespace) -> int:
    if args.xlsx is None:
        return _import_document(args)
    from planner_app.exporting.excel_import import import_xlsx

    if args.lang is not None:
        from planner_app.errors import ValidationError

        raise ValidationError("--lang", _("a workbook says its own languages; leave it out."))
    result = import_xlsx(args.file, args.xlsx, plan_code=args.plan, dry_run=args.dry_run)
    for line in result.lines():
        print(line)
    return 0


def _import_document(args: argparse.Namespace) -> int:
    from planner_app.domain.enums import CONTENT_LANGUAGES
    from planner_app.errors import ValidationError
    from planner_app.importing.document_import import import_document

    if args.lang is not None and args.lang not in CONTENT_LANGUAGES:
        raise ValidationError(
            "--lang",
            _("{lang} is not a supported language ({langs}).").format(
                lang=args.lang, langs=", ".join(CONTENT_LANGUAGES)
            ),
        )
    fmt, source = next(
        (name, path)
        for name, path in (("docx", args.docx), ("text", args.text), ("pdf-text", args.pdf_text))
        if path is not None
    )
    result = import_document(
        args.file, source, fmt, plan_code=args.plan, language=args.lang, dry_run=args.dry_run
    )
    for line in result.lines():
        print(line)
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from planner_app.services.fingerprint import check_fixed, current_fingerprint

    with open_readonly(args.file) as store:
        plan_id, _lang = plan_and_language(store, args.plan, None)
        fixed = check_fixed(store, plan_id)
        print(fixed.now if fixed is not None else current_fingerprint(store, plan_id))
        if args.scan_out is not None:
            _save_scan(store, plan_id, args.scan_out)
        if args.pdf is None:
            if fixed is not None and not fixed.holds:  # loudly (--pdf's verdict says it too)
                print(fixed.problem(), file=sys.stderr)
                return 1
            return 0
        from planner_app.exporting.pdf_verify import verify_pdf

        verdict = verify_pdf(store, plan_id, args.pdf, compare_pages=not args.fingerprint_only)
    print(verdict.message, file=sys.stdout if verdict.matches else sys.stderr)
    signatures_hold = report_signatures(args.pdf, args.trust)
    if verdict.other_layout and signatures_hold:
        return EXIT_OTHER_LAYOUT
    return 0 if verdict.matches and signatures_hold else 1


def _save_scan(store, plan_id, out: Path) -> None:
    """Write the signed scan to ``out`` (never over an existing file) and say what it is."""
    from planner_app.errors import ExportError
    from planner_app.formatting import format_date
    from planner_app.i18n import current_language
    from planner_app.services.plans import signed_scan, signing_info

    name, data = signed_scan(store, plan_id)
    record = signing_info(store, plan_id)
    try:
        with out.open("xb") as handle:
            handle.write(data)
    except FileExistsError:
        raise ExportError(
            _("{path} already exists; choose another name for the scan.").format(path=out)
        ) from None
    except OSError as err:
        raise ExportError(
            _("The scan could not be written to {path}: {error}").format(path=out, error=err)
        ) from None
    if record is not None:
        print(
            _("Signed on {date} in {place}; scan {name} saved to {path}.").format(
                date=format_date(record.signed_on, current_language()),
                place=record.place,
                name=name,
                path=out,
            )
        )


def cmd_gui(args: argparse.Namespace) -> int:
    if args.self_test:
        from planner_app.ui.self_test import run

        return run()
    from planner_app.app import run_gui

    return run_gui(
        file=args.file,
        demo=args.demo,
        plan_code=args.plan,
        view=args.view,
        read_only=args.read_only,
    )


# --- entry point ---------------------------------------------------------------------


def _report_bug(err: BaseException) -> int:
    from planner_app.storage.locations import user_data_dir

    try:
        log = user_data_dir() / "logs" / f"error-{dt.datetime.now():%Y%m%d-%H%M%S}.txt"
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text("".join(traceback.format_exception(err)), encoding="utf-8")
    except OSError:  # a full disk or a read-only home: still one sentence, no traceback
        print(_("Unexpected error: {error}.").format(error=err), file=sys.stderr)
        return 70
    print(
        _("Unexpected error: {error}. Details were written to {log}.").format(error=err, log=log),
        file=sys.stderr,
    )
    return 70


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    set_language(system_language())
    if args_list and args_list[0] in COMMANDS:
        args = _command_parser().parse_args(args_list)
        run: Callable[[argparse.Namespace], int] = args.run
    else:
        args = _gui_parser().parse_args(args_list)
        run = cmd_gui
    tune_gc()
    try:
        return run(args)
    except PlannerError as err:
        print(str(err), file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `planner-app info FILE | head`: the reader left, fine
        sys.stdout = None  # type: ignore[assignment]  # no flush error at exit
        return 0
    except Exception as err:  # a bug: one line for the user, details in a log file
        return _report_bug(err)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
