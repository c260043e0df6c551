"""Images kept in the plan file: the organisation's logo and chapters' images.

An image row never changes once written: replacing a logo or a chapter's image
tombstones the old row and adds a new one (so undo brings the old one back, and a
package carries an image's bytes exactly once, with its insert). ``purpose`` says
what it is for: ``logo`` (at most one live per plan) or ``chapter`` (under
``section_id``, in ``position`` order).
"""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from planner_app.domain.base import Base, PlanOwned
from planner_app.domain.types import I18nText, UuidKey

LOGO = "logo"
CHAPTER = "chapter"


class PlanImage(PlanOwned, Base):
    __tablename__ = "plan_images"

    purpose: Mapped[str] = mapped_column(String(16), default=CHAPTER)
    section_id: Mapped[uuid.UUID | None] = mapped_column(
        UuidKey, ForeignKey("plan_sections.id"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(255), default="")  # the file it came from
    mime: Mapped[str] = mapped_column(String(32), default="")  # image/png, image/jpeg
    # The bytes as given (checked, never re-encoded); read only when asked for.
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    sha256: Mapped[str] = mapped_column(String(64), default="")
    width: Mapped[int] = mapped_column(Integer, default=0)  # pixels
    height: Mapped[int] = mapped_column(Integer, default=0)
    caption: Mapped[dict[str, str]] = mapped_column(I18nText, default=dict)
