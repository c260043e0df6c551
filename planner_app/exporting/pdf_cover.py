"""The plan document's cover: the organisation's logo (when the plan keeps one), the
organisation, the title once, the document type and period where the title does not
already say them, the version, the document's date and its state.

The title is printed as the plan names it ("Strategisch plan 2025-2029"); the type and
period line below it ("Strategisch plan 2025–2029") only adds what the title lacks, so
the cover never says the same thing twice. The date is the plan's own (the one printed
above the signatures), never the day of the export: the document must read the same
each time it is made (``pdf_verify`` makes it again to compare).

The logo is an image kept in the plan file (PNG or JPEG). It is user data: opened with
Pillow, checked for its kind and size, and printed within a fixed box; an image that
cannot be read is left out and reported, never a failed export.
"""

from __future__ import annotations

import datetime as dt
import io
import re

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, PageBreak, Spacer

from planner_app.domain.enums import PlanKind, PlanState
from planner_app.domain.labels import PLAN_KIND_TITLES
from planner_app.exporting.pdf_paragraph import DocParagraph
from planner_app.exporting.pdf_story import StoryContext
from planner_app.exporting.pdf_text import escape
from planner_app.formatting import format_long_date
from planner_app.i18n import N_, _
from planner_app.services.images import image_data
from planner_app.services.plan_document import document_info
from planner_app.services.plans import PlanInfo

KIND_TITLES = {kind: PLAN_KIND_TITLES[kind.value] for kind in PlanKind}
STATE_TITLES = {
    PlanState.DRAFT: N_("Draft"),
    PlanState.FINAL: N_("Final, for signature"),
    PlanState.SIGNED: N_("Signed"),
}
LOGO_BOX = (60 * mm, 25 * mm)  # the most a logo takes on the cover: width, height
LOGO_FORMATS = ("PNG", "JPEG")
LOGO_MAX_PIXELS = 25_000_000  # a 5,000 x 5,000 image; more is not a logo


def version_label(ctx: StoryContext) -> str:
    return ctx.t(N_("Version {version}")).format(version=ctx.plan.version_no)


def period(plan: PlanInfo) -> str:
    """ "2025" or "2025–2029"."""
    if plan.first_year == plan.last_year:
        return str(plan.first_year)
    return f"{plan.first_year}–{plan.last_year}"


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def document_line(kind_title: str, plan: PlanInfo, title: str) -> str:
    """What the cover says under the title: the document type and the period, each only
    when the title does not say it already ("Strategisch plan 2025-2029" needs nothing,
    "FOD Binnenlandse Zaken 2025-2029" needs "Strategisch plan")."""
    first, last = plan.first_year, plan.last_year
    if first == last:
        years = rf"\b{first}\b"
    else:
        years = rf"\b{first}\s*[-–—/]\s*(?:{last}|{last % 100:02d})\b"
    parts = []
    if _folded(kind_title) not in _folded(title):
        parts.append(kind_title)
    if re.search(years, title) is None:
        parts.append(period(plan))
    return " ".join(parts)


def logo_image(data: bytes | None) -> Image | None:
    """The logo scaled into ``LOGO_BOX``, or None when there is none. Raises
    ``ValueError`` with the reason when ``data`` is not a PNG or JPEG image we print."""
    if not data:
        return None
    from PIL import Image as PillowImage

    try:
        with PillowImage.open(io.BytesIO(data)) as image:
            kind, (width, height) = image.format, image.size
            if kind not in LOGO_FORMATS:
                raise ValueError(_("it is not a PNG or JPEG image"))
            if width * height > LOGO_MAX_PIXELS:
                raise ValueError(_("it has more than 25 million pixels"))
            image.verify()
    except (OSError, SyntaxError, PillowImage.DecompressionBombError) as err:
        raise ValueError(_("it is not a readable image")) from err
    scale = min(LOGO_BOX[0] / width, LOGO_BOX[1] / height)
    return Image(io.BytesIO(data), width=width * scale, height=height * scale)


def cover(
    ctx: StoryContext,
    *,
    logo: bytes | None = None,
    document_type: dict[str, str] | None = None,
    version_text: dict[str, str] | None = None,
    date: dt.date | None = None,
) -> list[Flowable]:
    """The cover's flowables, up to its page break. ``document_type`` (a label per
    language) replaces the kind's name; ``version_text`` is the version as the plan
    prints it ("Version de mai 2016"), shown besides the version number."""
    s, plan, text = ctx.styles, ctx.plan, ctx.text
    where = ctx.t(N_("Title page"))
    lines: list[Flowable] = []
    try:
        image = logo_image(logo)
    except ValueError as reason:
        image = None
        text.warn(
            _("{where}: the logo is not printed: {reason}.").format(where=where, reason=reason)
        )
    if image is not None:
        lines += [Spacer(1, 25 * mm), image, Spacer(1, 10 * mm)]
    else:
        lines.append(Spacer(1, 45 * mm))
    if plan.organisation:
        organisation = text.markup(plan.organisation, where, "organisation")
        lines += [DocParagraph(organisation, s.subtitle), Spacer(1, 12 * mm)]
    title = text.plain(plan.title, where, "title")
    lines.append(DocParagraph(text.markup(plan.title, where, "title"), s.title))
    if document_type and any(document_type.values()):
        kind_title = text.plain(document_type, where, "document type")
    else:
        kind_title = ctx.t(KIND_TITLES[plan.kind])
    line = document_line(kind_title, plan, title)
    if line:
        lines.append(DocParagraph(escape(line), s.subtitle))
    lines.append(Spacer(1, 25 * mm))
    if version_text and any(version_text.values()):
        lines.append(DocParagraph(text.markup(version_text, where, "version label"), s.subtitle))
    lines.append(DocParagraph(escape(version_label(ctx)), s.subtitle))
    if date is not None:
        lines.append(DocParagraph(escape(format_long_date(date, text.language)), s.subtitle))
    lines.append(DocParagraph(escape(ctx.t(STATE_TITLES[plan.state])), s.subtitle))
    if text.report.fallbacks or plan.languages[0] != text.language:
        note = N_(
            "Texts marked with a language code, e.g. [nl], have no text in this "
            "document's language and are shown in that language."
        )
        lines += [Spacer(1, 30 * mm), DocParagraph(escape(ctx.t(note)), s.muted)]
    return lines


def title_page(ctx: StoryContext) -> list[Flowable]:
    """The plan document's cover, with the plan's logo, document type, version label
    and date of signing when it keeps them (``services.plan_document``)."""
    info = document_info(ctx.store, ctx.plan_id)
    logo = image_data(ctx.store, info.logo.id) if info.logo is not None else None
    return [
        *cover(
            ctx,
            logo=logo,
            document_type=info.document_type,
            version_text=info.version_label,
            date=info.signing_date,
        ),
        PageBreak(),
    ]


def title_top(ctx: StoryContext) -> list[Flowable]:
    """The top of another title page (the year review's): space, then the organisation
    (when the plan names one)."""
    lines: list[Flowable] = [Spacer(1, 45 * mm)]
    if ctx.plan.organisation:
        where = ctx.t(N_("Title page"))
        organisation = ctx.text.markup(ctx.plan.organisation, where, "organisation")
        lines += [DocParagraph(organisation, ctx.styles.subtitle), Spacer(1, 12 * mm)]
    return lines
