"""The plan document and the year review as PDF (reportlab platypus, A4).

The fingerprint (``services.fingerprint``: SHA-256 of the plan's canonical content) is
printed in every page's footer and stored, with how the document was made, in the PDF's
metadata (``pdf_stamp``), so ``pdf_verify`` can remake the document and compare.

Writing is atomic: the document is built into a temporary file beside ``out`` and
renamed over it at the end, so a failure or a cancel leaves no (partial) file behind.
The whole export reads one snapshot of the file (``PlanFile.snapshot``): the objectives
are read and made while the document is laid out (``pdf_doc.StoryStream``), seconds
after the fingerprint was computed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import os
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from planner_app import __version__
from planner_app.domain.enums import PlanState
from planner_app.errors import ExportError
from planner_app.exporting import (
    pdf_chapters,
    pdf_cover,
    pdf_diversity,
    pdf_review,
    pdf_story,
)
from planner_app.exporting.pdf_doc import (
    PageMarks,
    PlanDocTemplate,
    Ticker,
    layout_units,
    presize_contents,
)
from planner_app.exporting.pdf_fields import FieldBook, add_signature_fields
from planner_app.exporting.pdf_numbers import FormContents
from planner_app.exporting.pdf_stamp import (
    FINGERPRINT_KEYWORD,
    NOTES_OFF,
    PdfStamp,
    current_layout,
    stamp_keywords,
)
from planner_app.exporting.pdf_styles import make_styles
from planner_app.exporting.pdf_text import DocText
from planner_app.exporting.report import (
    ExportReport,
    Progress,
    cannot_write,
    fixed_content_warning,
)
from planner_app.i18n import N_, _, translator
from planner_app.services.fingerprint import current_fingerprint
from planner_app.services.plans import plan_info
from planner_app.services.reference import plan_reference
from planner_app.services.summary import document_parts
from planner_app.storage import PlanFile

_UMASK = os.umask(0o022)
os.umask(_UMASK)  # read once, at import (umask can only be read by setting it)


STORY_SHARE = 0.12  # of the export's time: reading the plan and making the story up to
# the objectives, which are made during layout (measured 2026-12-07: demo strategic plan
# 0.16, demo business plan 0.05, the large generated plan 0.12)


def export_pdf(
    store: PlanFile,
    plan_id: uuid.UUID,
    out: Path,
    *,
    language: str,
    review: bool = False,
    progress: Progress | None = None,
    as_state: PlanState | None = None,
    at: dt.date | None = None,
    total_notes: bool = True,
) -> ExportReport:
    """Write the plan document (or with ``review`` the year review) of ``plan_id`` in
    ``language`` to ``out``. Raises ``ExportCancelledError`` when ``progress`` says stop.
    ``total_notes`` False leaves out the footnotes on totals that differ from the
    source's printed ones (``pdf_total_notes``).

    ``at``: the day a review judges progress at (a report's quarter end; default the
    plan's own date, ``reference.plan_reference``); the plan document always judges at
    the plan's own date, so that it never depends on the day it is printed.
    ``as_state`` prints the plan as it was in that state (title page, watermark): how
    ``pdf_verify`` remakes the final document of a plan that has since been signed."""
    ticker = Ticker(progress)
    with store.snapshot(), _fewer_collections():
        document = plan_story(
            store,
            plan_id,
            language=language,
            review=review,
            ticker=ticker,
            as_state=as_state,
            at=at,
            total_notes=total_notes,
        )
        gc.freeze()  # the story lives until the end: no use scanning it again and again
        # One layout pass: each flowable of the story, and each part of a stream, ticks once.
        ticker.phase(STORY_SHARE, 1.0, layout_units(document.story))
        _write_atomically(Path(out), lambda path: _build(path, document, ticker))
    ticker.finish()
    document.text.in_document_order()
    return document.report


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """Keep the cyclic garbage collector to the export's new objects.

    Every full collection walks every tracked object; an export makes a story of
    hundreds of thousands of objects that stay alive to the end, so full collections
    rescanned them again and again (a 1,000-objective plan: 13 s with, 8 s without).
    Frozen objects are skipped until ``unfreeze``; garbage made meanwhile is still
    collected. ``unfreeze`` also thaws what the process froze at start-up
    (``runtime.tune_gc``): that is frozen again afterwards, once the export's own
    garbage is collected (else a story's reference cycles would stay pinned)."""
    frozen_before = gc.get_freeze_count()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
        if frozen_before:
            gc.collect()
            gc.freeze()


@dataclass
class PlanDocument:
    """A story ready for layout, with what every page shows and the PDF's metadata."""

    story: list[Flowable]
    marks: PageMarks
    meta: dict[str, str]
    report: ExportReport
    text: DocText
    fields: FieldBook


def plan_story(
    store: PlanFile,
    plan_id: uuid.UUID,
    *,
    language: str,
    review: bool,
    ticker: Ticker,
    as_state: PlanState | None = None,
    at: dt.date | None = None,
    total_notes: bool = True,
) -> PlanDocument:
    """Read the plan and make the document's flowables (no layout yet)."""
    report = ExportReport(language)
    plan = plan_info(store, plan_id)
    own_date = plan_reference(store, plan_id)
    at = (at or own_date) if review else own_date
    if as_state is not None:
        plan = dataclasses.replace(plan, state=as_state)
    t = translator(language)
    fixed, warning = fixed_content_warning(store, plan_id, language)
    fingerprint = fixed.now if fixed is not None else current_fingerprint(store, plan_id)
    text = DocText(report, plan.languages, t)
    if fixed is not None and warning:
        text.warn_first(fixed.problem())
    title = text.plain(plan.title, t(N_("Title page")), "title")
    marks = PageMarks(
        title=title,
        page_of=t(N_("Page {page} of {pages}")),
        version_line=t(N_("Version {version} · fingerprint (SHA-256) {fingerprint}")).format(
            version=plan.version_no, fingerprint=fingerprint
        ),
        watermark=t(N_("DRAFT")) if plan.state is PlanState.DRAFT else None,
        warning=warning,
    )
    parts: list[Callable[[pdf_story.StoryContext], list[Flowable]]]
    if review:
        parts = [pdf_review.title_page, pdf_story.contents, pdf_review.review]
    else:
        parts = [
            pdf_cover.title_page,
            pdf_story.contents,
            pdf_chapters.document,
            pdf_diversity.annex,
        ]
    ticker.phase(0.0, STORY_SHARE, document_parts(store, plan_id) + 4)
    ctx = pdf_story.StoryContext(store, plan, text, make_styles(), ticker, at=at)
    ctx.total_notes = total_notes
    # The document for signature carries a signature field in each signatory's block.
    ctx.fields.active = plan.state is PlanState.FINAL and not review
    story: list[Flowable] = []
    for number, part in enumerate(parts):
        text.position = (number,)
        story += part(ctx)
    for index, flowable in enumerate(story):
        if isinstance(flowable, FormContents) and not presize_contents(flowable, story):
            del story[index - 1 : index + 2]  # nothing to list: no contents page at all
            break
    story = _without_empty_pages(story)
    meta = {
        "title": title,
        "author": text.plain(plan.organisation, t(N_("Title page")), "organisation"),
        "subject": f"{FINGERPRINT_KEYWORD}{fingerprint}",
        "keywords": stamp_keywords(
            PdfStamp(
                fingerprint=fingerprint,
                version=__version__,
                layout=current_layout(),
                document="review" if review else "plan",
                language=language,
                state=plan.state.value,
                asof=at.isoformat() if review else None,
                notes=None if total_notes else NOTES_OFF,
            )
        ),
        "lang": language,
    }
    return PlanDocument(story, marks, meta, report, text, ctx.fields)


def _without_empty_pages(story: list[Flowable]) -> list[Flowable]:
    """Drop a page break that only page-template switches separate from the next one:
    reportlab would end an empty page there (the contents, or a landscape budget,
    followed by a landscape table that starts its own page)."""
    out: list[Flowable] = []
    for flowable in story:
        if isinstance(flowable, PageBreak):
            before = len(out) - 1
            while before >= 0 and isinstance(out[before], NextPageTemplate):
                before -= 1
            if before >= 0 and isinstance(out[before], PageBreak):
                del out[before]
        out.append(flowable)
    return out


def _build(path: Path, document: PlanDocument, ticker: Ticker) -> None:
    doc = PlanDocTemplate(str(path), document.marks, ticker, **document.meta)
    doc.build(document.story)
    add_signature_fields(path, document.fields.places)


def _write_atomically(out: Path, write: Callable[[Path], None]) -> None:
    folder = out.parent if str(out.parent) else Path()
    if not folder.is_dir():
        raise ExportError(_("Cannot write {path}: the folder does not exist.").format(path=out))
    try:
        handle, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise cannot_write(out, err) from err
    os.close(handle)
    temp = Path(name)
    try:
        write(temp)
        temp.chmod(0o666 & ~_UMASK)  # mkstemp makes it private; the PDF is a normal file
        temp.replace(out)
    except OSError as err:
        raise cannot_write(out, err) from err
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
