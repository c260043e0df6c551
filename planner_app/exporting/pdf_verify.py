"""Is this PDF the plan's document? The check behind ``planner-app verify --pdf``.

A matching fingerprint says the PDF was made from this content, but the fingerprint
travels with the file: a PDF whose figures were edited afterwards still carries it. So
where the PDF's stamp (``pdf_stamp``) says how it was made, and this is the app version
that made it, the document is made again from the plan file (same language, same
document, same state) and the two are compared page by page as text: the first page
whose words differ is named, with both readings. Layout is deterministic for one app
version, so any difference is a change to the PDF or to the plan.

Only compared pages prove a match. A PDF whose stamp is missing or altered is "not
proven" (exit 1), unless the user asks for the fingerprint alone
(``--fingerprint-only``): stripping the metadata must not turn a refusal into a match.

A PDF laid out by another layout (``pdf_stamp.current_layout``: an earlier
``LAYOUT_VERSION``, or another reportlab) is a document signed before this release
changed how pages look. Its pages cannot be made again, so they are not compared; its
fingerprint still is, and the verdict says plainly that the fingerprint matches and the
pages come from an earlier (or another) layout: ``Verdict.other_layout``, exit 6 on the
command line. Not a match (exit 0): a stamp is easily rewritten, and "earlier layout"
must not become a way around the page comparison.

The plan's state counts too: a PDF made from a draft (it says DRAFT on every page) is
not the final document, and a final PDF checked against a plan that was put back to
draft proves nothing about what may be edited next. A final PDF of a plan signed since
is remade as the final document it was.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from planner_app import __version__
from planner_app.domain.enums import PlanState
from planner_app.errors import DocumentError
from planner_app.exporting.pdf_stamp import (
    NOTES_OFF,
    PdfStamp,
    current_layout,
    page_texts,
    read_stamp,
)
from planner_app.exporting.report import Progress
from planner_app.i18n import UI_LANGUAGES, _
from planner_app.services.fingerprint import FixedContent, check_fixed, current_fingerprint
from planner_app.services.plans import plan_info
from planner_app.storage import PlanFile

FROZEN = frozenset({PlanState.FINAL.value, PlanState.SIGNED.value})
STATES = frozenset(state.value for state in PlanState)
DOCUMENTS = frozenset({"plan", "review"})
_CONTEXT_WORDS = 8


@dataclass(frozen=True)
class Verdict:
    """The answer for the user: does the PDF match, and one or two sentences why.
    ``matches`` is True only when the pages were compared and read the same, or when
    the caller asked for the fingerprint alone."""

    matches: bool
    message: str
    pages_compared: bool
    other_layout: bool = False  # the fingerprint matches; another layout made the pages


def layout_number(layout: str | None) -> int | None:
    """The ``LAYOUT_VERSION`` part of a stamp's layout ("3-reportlab-4.5.1" -> 3)."""
    found = _LAYOUT.fullmatch(layout or "")
    return int(found[1]) if found else None


_LAYOUT = re.compile(r"(\d+)-reportlab-(\S+)")


def verify_pdf(
    store: PlanFile,
    plan_id: uuid.UUID,
    pdf: Path,
    *,
    compare_pages: bool = True,
    progress: Progress | None = None,
) -> Verdict:
    """Check ``pdf`` against the plan ``plan_id`` in ``store``.

    Raises ``DocumentError`` when ``pdf`` is unreadable or not one of ours."""
    pdf = Path(pdf)
    stamp = read_stamp(pdf)
    if stamp is None:
        raise DocumentError(
            _("{pdf} carries no plan fingerprint: it was not exported by this app.").format(pdf=pdf)
        )
    fixed = check_fixed(store, plan_id)
    if fixed is not None and not fixed.holds:
        return Verdict(False, f"{fixed.problem()} {_changed_since(pdf, stamp, fixed)}", False)
    fingerprint = fixed.now if fixed is not None else current_fingerprint(store, plan_id)
    if stamp.fingerprint != fingerprint:
        return Verdict(
            False,
            _(
                "{pdf} does not match the plan: it prints fingerprint {printed}, the plan "
                "in the file has {fingerprint}. The plan changed after this PDF was made."
            ).format(pdf=pdf.name, printed=stamp.fingerprint, fingerprint=fingerprint),
            False,
        )
    plan = plan_info(store, plan_id)
    state = plan.state.value
    refusal = _state_refusal(pdf, stamp, state)
    if refusal is not None:
        return Verdict(False, refusal, False)
    draft_note = (
        " " + _("The plan is still a draft: make it final before it is signed.")
        if state not in FROZEN
        else ""
    )
    carries = _("{pdf} carries the plan's fingerprint.").format(pdf=pdf.name)
    if not compare_pages:  # asked for: the weaker check, and said to be so
        why = _("Its pages were not compared (--fingerprint-only).")
        return Verdict(True, f"{carries} {why}{draft_note}", False)
    obstacle = _why_not_comparable(stamp, plan.languages)
    if obstacle is None and stamp.layout != current_layout():
        return Verdict(False, f"{carries} {_other_layout(stamp)}{draft_note}", False, True)
    if obstacle is not None:
        unproven = _(
            "That alone does not prove it unchanged: export the document again, or check "
            "the fingerprint alone with --fingerprint-only."
        )
        return Verdict(False, f"{carries} {obstacle} {unproven}", False)
    difference, pages = _compare_pages(store, plan_id, pdf, stamp, progress)
    if difference is not None:
        return Verdict(False, difference, True)
    return Verdict(
        True,
        _(
            "{pdf} matches the plan: the same fingerprint, and its {pages} pages read "
            "exactly as the plan's document."
        ).format(pdf=pdf.name, pages=pages)
        + draft_note,
        True,
    )


def _changed_since(pdf: Path, stamp: PdfStamp, fixed: FixedContent) -> str:
    """What the PDF is, when the plan in the file no longer holds its fixed content."""
    if stamp.fingerprint == fixed.recorded:
        return _(
            "{pdf} prints the fingerprint that was fixed: it may be the genuine document, "
            "but the file's plan is not its content any more; restore the file from a "
            "backup or ask the sender for the plan."
        ).format(pdf=pdf.name)
    return _(
        "{pdf} was made from the changed content, so it proves nothing about the plan "
        "that was fixed."
    ).format(pdf=pdf.name)


def _state_refusal(pdf: Path, stamp: PdfStamp, state: str) -> str | None:
    if stamp.state not in STATES or (stamp.state in FROZEN) == (state in FROZEN):
        return None  # an unknown or missing state: _why_not_comparable says so
    if stamp.state not in FROZEN:
        return _(
            "{pdf} was made from the draft (it is marked DRAFT); the plan is now final. "
            "Export the final document for signature."
        ).format(pdf=pdf.name)
    return _(
        "{pdf} was made from the final plan, but the plan in the file is a draft again: "
        "its content is still the same, but it can be edited, so it proves nothing."
    ).format(pdf=pdf.name)


def _asof(stamp: PdfStamp) -> dt.date | None:
    """The date a review judged progress at, as its stamp records it (None: the plan's
    own date, as a plan document and reviews made before the stamp said it use)."""
    try:
        return dt.date.fromisoformat(stamp.asof) if stamp.asof else None
    except ValueError:
        return None


def _why_not_comparable(stamp: PdfStamp, languages: tuple[str, ...]) -> str | None:
    """Why the document cannot be made again as the PDF was made, or None. Never a
    match by default: a stamp stripped or altered gives "not proven", not "matches"."""
    if not stamp.complete:
        return _(
            "It does not record how it was made (an older export, or its metadata was "
            "removed), so its pages cannot be compared with the plan's document."
        )
    readable = (
        stamp.document in DOCUMENTS
        and stamp.state in STATES
        and stamp.notes in (None, NOTES_OFF)
        and (stamp.language in languages or stamp.language in UI_LANGUAGES)
    )
    if not readable:
        return _(
            "Its record of how it was made is not one this app writes, so its pages "
            "cannot be compared with the plan's document."
        )
    return None


def _other_layout(stamp: PdfStamp) -> str:
    """What a PDF laid out by another layout is proven by, and what not."""
    theirs, ours = layout_number(stamp.layout), layout_number(current_layout())
    values = {
        "made": stamp.version,
        "layout": stamp.layout,
        "this": __version__,
        "ours": current_layout(),
    }
    if theirs is not None and ours is not None and theirs < ours:
        which = _(
            "Its pages were made by an earlier layout of the document (layout {layout}, "
            "planner-app {made}; this is layout {ours}, planner-app {this}), so they cannot "
            "be made again and compared."
        ).format(**values)
    else:
        which = _(
            "Its pages were made by another layout of the document (layout {layout}, "
            "planner-app {made}; this is layout {ours}, planner-app {this}), so they cannot "
            "be made again and compared."
        ).format(**values)
    why = _(
        "The fingerprint shows it was made from this content; a change made to the PDF "
        "itself afterwards would not be seen. To compare its pages, check it with "
        "planner-app {made}."
    ).format(**values)
    return f"{which} {why}"


def _compare_pages(
    store: PlanFile, plan_id: uuid.UUID, pdf: Path, stamp: PdfStamp, progress: Progress | None
) -> tuple[str | None, int]:
    """(None, pages) when the PDF's pages read as the remade document's, else (what
    differs, pages)."""
    from planner_app.exporting.pdf import export_pdf

    assert stamp.language is not None and stamp.state is not None
    with tempfile.TemporaryDirectory(prefix="planner-verify-") as folder:
        remade = Path(folder) / "remade.pdf"
        export_pdf(
            store,
            plan_id,
            remade,
            language=stamp.language,
            review=stamp.document == "review",
            progress=progress,
            as_state=PlanState(stamp.state),
            at=_asof(stamp),
            total_notes=stamp.notes != NOTES_OFF,
        )
        expected = page_texts(remade)
    found = page_texts(pdf)
    if len(found) != len(expected):
        message = _(
            "{pdf} carries the plan's fingerprint but has {found} pages where the plan's "
            "document has {expected}: pages were added or removed after it was exported."
        ).format(pdf=pdf.name, found=len(found), expected=len(expected))
        return message, len(found)
    for number, (ours, theirs) in enumerate(zip(expected, found, strict=True), start=1):
        if ours != theirs:
            in_pdf, in_plan = _first_difference(theirs, ours)
            message = _(
                "{pdf} carries the plan's fingerprint, but page {page} differs from the "
                "plan's document: the PDF reads “{in_pdf}” where the plan gives “{in_plan}”. "
                "The PDF was changed after it was exported."
            ).format(pdf=pdf.name, page=number, in_pdf=in_pdf, in_plan=in_plan)
            return message, len(found)
    return None, len(found)


def _first_difference(found: str, expected: str) -> tuple[str, str]:
    """A few words around the first word where the two texts part, from each."""
    a, b = found.split(), expected.split()
    at = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    start = max(at - 2, 0)

    def excerpt(words: list[str]) -> str:
        shown = words[start : at + _CONTEXT_WORDS]
        more = "…" if at + _CONTEXT_WORDS < len(words) else ""
        return " ".join(shown) + more

    return excerpt(a), excerpt(b)
