"""Images kept in the plan file: the organisation's logo and each chapter's image.

An image is checked before it is stored: PNG or JPEG only (by content, not by name),
at most ``MAX_IMAGE_BYTES`` and ``MAX_PIXELS``, decodable to its last pixel (Pillow), so
the PDF never meets a file it cannot print. Its bytes are kept as given.

Each place holds at most one live image (a "slot": the plan's logo, or one chapter's
image). Setting one adds a new row and tombstones the one it replaces; ``swap_image``
makes any earlier row of the slot the live one again, which is what undo and redo call.
Image rows themselves never change (``domain.images``).
"""

from __future__ import annotations

import hashlib
import io
import uuid
import warnings
from dataclasses import dataclass

from sqlalchemy import select

from planner_app.domain import PlanImage, PlanSection
from planner_app.domain.images import CHAPTER, LOGO
from planner_app.errors import NotFoundError, ValidationError
from planner_app.i18n import _
from planner_app.services.common import (
    Changed,
    Entity,
    check_i18n,
    check_text,
    get_live,
    merge_i18n,
    writable_plan,
)
from planner_app.storage import PlanFile

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # 40 megapixels: an A4 page at 600 dpi is 35
MIME = {"PNG": "image/png", "JPEG": "image/jpeg"}


@dataclass(frozen=True)
class ImageFacts:
    mime: str
    width: int
    height: int
    sha256: str


@dataclass(frozen=True)
class ImageInfo:
    """An image without its bytes (``image_data`` reads them)."""

    id: uuid.UUID
    purpose: str
    section_id: uuid.UUID | None
    name: str
    mime: str
    width: int
    height: int
    size: int
    sha256: str
    caption: dict[str, str]


def check_image(data: bytes, name: str = "") -> ImageFacts:
    """What an image is, or a ``ValidationError`` naming the file and what is wrong."""
    from PIL import Image, UnidentifiedImageError

    what = name or _("Image")
    if not isinstance(data, bytes | bytearray) or not data:
        raise ValidationError(what, _("is empty."))
    if len(data) > MAX_IMAGE_BYTES:
        raise ValidationError(
            what,
            _("is {size} MB; an image may have at most {limit} MB.").format(
                size=f"{len(data) / 1048576:.1f}", limit=MAX_IMAGE_BYTES // 1048576
            ),
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=tuple(MIME)) as image:
                width, height = image.size
                kind = image.format or ""
                if width * height > MAX_PIXELS:
                    raise ValidationError(
                        what,
                        _("has {w} × {h} pixels; at most {limit} million are accepted.").format(
                            w=width, h=height, limit=MAX_PIXELS // 1_000_000
                        ),
                    )
                image.load()  # decodes every pixel: a truncated or damaged file fails here
    except ValidationError:
        raise
    except UnidentifiedImageError:
        raise ValidationError(what, _("is not a PNG or JPEG image.")) from None
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, Warning) as err:
        raise ValidationError(
            what, _("cannot be read as an image ({reason}).").format(reason=err)
        ) from None
    if kind not in MIME or width < 1 or height < 1:
        raise ValidationError(what, _("is not a PNG or JPEG image."))
    return ImageFacts(MIME[kind], width, height, hashlib.sha256(data).hexdigest())


def _info(row: PlanImage, size: int) -> ImageInfo:
    return ImageInfo(
        row.id,
        row.purpose,
        row.section_id,
        row.name,
        row.mime,
        row.width,
        row.height,
        size,
        row.sha256,
        dict(row.caption),
    )


def _slot_rows(s, plan_id: uuid.UUID, section_id: uuid.UUID | None, *, live: bool | None):
    purpose = LOGO if section_id is None else CHAPTER
    query = select(PlanImage).where(
        PlanImage.plan_id == plan_id,
        PlanImage.purpose == purpose,
        PlanImage.section_id.is_(None)
        if section_id is None
        else PlanImage.section_id == section_id,
    )
    if live is not None:
        query = query.where(PlanImage.deleted.is_(not live))
    return list(s.scalars(query.order_by(PlanImage.position)))


def _sizes(s, ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    from sqlalchemy import func

    if not ids:
        return {}
    query = select(PlanImage.id, func.length(PlanImage.data)).where(PlanImage.id.in_(ids))
    return {row_id: size for row_id, size in s.execute(query).all()}


def slot_image(
    store: PlanFile, plan_id: uuid.UUID, section_id: uuid.UUID | None = None
) -> ImageInfo | None:
    """The live image of a slot: the plan's logo (no ``section_id``) or a chapter's."""
    with store.read() as s:
        rows = _slot_rows(s, plan_id, section_id, live=True)
        if not rows:
            return None
        row = rows[-1]  # two live after a merge of two replacements: the last one wins
        return _info(row, _sizes(s, [row.id]).get(row.id, 0))


def chapter_images(store: PlanFile, plan_id: uuid.UUID) -> dict[uuid.UUID, ImageInfo]:
    """Every chapter's live image, by chapter id (one read for the whole plan)."""
    with store.read() as s:
        rows = list(
            s.scalars(
                select(PlanImage)
                .where(
                    PlanImage.plan_id == plan_id,
                    PlanImage.purpose == CHAPTER,
                    PlanImage.deleted.is_(False),
                )
                .order_by(PlanImage.position)
            )
        )
        sizes = _sizes(s, [r.id for r in rows])
        return {r.section_id: _info(r, sizes.get(r.id, 0)) for r in rows if r.section_id}


def image_data(store: PlanFile, image_id: uuid.UUID) -> bytes:
    """The stored bytes of an image (live or not: undo may show an earlier one)."""
    with store.read() as s:
        data = s.scalar(select(PlanImage.data).where(PlanImage.id == image_id))
    if data is None:
        raise NotFoundError(_("The image no longer exists."))
    return bytes(data)


def _check_slot(s, plan_id: uuid.UUID, section_id: uuid.UUID | None) -> None:
    if section_id is not None:
        section = get_live(s, PlanSection, section_id, "chapter")
        if section.plan_id != plan_id:
            raise ValidationError(_("Chapter"), _("belongs to another plan."))


def set_image(
    store: PlanFile,
    plan_id: uuid.UUID,
    *,
    data: bytes,
    name: str = "",
    section_id: uuid.UUID | None = None,
    caption: dict[str, str] | str = "",
) -> Changed:
    """Store a new image in a slot (the logo, or chapter ``section_id``'s image), in
    place of the one there. ``Changed.ids`` is (the new image,); ``extra["previous"]``
    the image it replaced (or None), which ``swap_image`` brings back on undo."""
    facts = check_image(bytes(data), name)
    with store.transaction() as s:
        plan = writable_plan(s, plan_id)
        _check_slot(s, plan.id, section_id)
        previous = _slot_rows(s, plan.id, section_id, live=True)
        for row in previous:
            row.deleted = True
        everything = _slot_rows(s, plan.id, section_id, live=None)
        image = PlanImage(
            id=uuid.uuid4(),
            plan_id=plan.id,
            purpose=LOGO if section_id is None else CHAPTER,
            section_id=section_id,
            position=max((r.position for r in everything), default=-1) + 1,
            name=check_text(_("File name"), name.replace("\\", "/").rsplit("/", 1)[-1], limit=255),
            mime=facts.mime,
            data=bytes(data),
            sha256=facts.sha256,
            width=facts.width,
            height=facts.height,
            caption=check_i18n(_("Caption"), caption, languages=plan.language_list),
        )
        s.add(image)
        return Changed(
            Entity.IMAGE,
            (image.id,),
            "created",
            extra={
                "previous": previous[-1].id if previous else None,
                "section_id": section_id,
                "plan_id": plan.id,
            },
        )


def swap_image(
    store: PlanFile,
    plan_id: uuid.UUID,
    *,
    section_id: uuid.UUID | None = None,
    image_id: uuid.UUID | None,
) -> Changed:
    """Make ``image_id`` (an image of this slot, live or tombstoned) the slot's live
    image, or leave the slot empty (``None``); ``extra["previous"]`` is the image that
    was live. Undo and redo of setting or removing an image."""
    with store.transaction() as s:
        plan = writable_plan(s, plan_id)
        _check_slot(s, plan.id, section_id)
        rows = _slot_rows(s, plan.id, section_id, live=None)
        if image_id is not None and image_id not in {r.id for r in rows}:
            raise NotFoundError(_("The image no longer exists."))
        live = [r for r in rows if not r.deleted]
        for row in rows:
            row.deleted = row.id != image_id
        return Changed(
            Entity.IMAGE,
            tuple(r.id for r in rows if r.id == image_id or r in live),
            "updated",
            extra={
                "previous": live[-1].id if live else None,
                "section_id": section_id,
                "plan_id": plan.id,
            },
        )


def update_caption(store: PlanFile, image_id: uuid.UUID, caption: dict[str, str]) -> Changed:
    """An image's caption, per language (the one field of an image that may change)."""
    with store.transaction() as s:
        row = s.get(PlanImage, image_id)
        if row is None or row.deleted:
            raise NotFoundError(_("The image no longer exists."))
        plan = writable_plan(s, row.plan_id)
        old = dict(row.caption)
        row.caption = merge_i18n(
            row.caption, check_i18n(_("Caption"), caption, languages=plan.language_list)
        )
        return Changed(
            Entity.IMAGE,
            (row.id,),
            "updated",
            ("caption",),
            extra={"section_id": row.section_id, "plan_id": plan.id},
            old={"caption": old},
            new={"caption": dict(row.caption)},
        )
