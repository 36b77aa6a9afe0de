"""Offers with capacity, requirements and a lifecycle; the seekers' side is the person profile."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import Organisation, Region
from app.core.db import utcnow
from app.extensions import db
from app.profiles.models import Person


class OfferKind(StrEnum):
    MENTORING = "mentoring"  # a tandem place with a mentor (Patenschaft)
    VOLUNTEERING = "volunteering"  # help by a volunteer: repair café, language café, escort
    JOB = "job"
    APPRENTICESHIP = "apprenticeship"
    INTERNSHIP = "internship"
    ADVICE = "advice"  # start-up consultation slots


OFFER_KIND_LABELS = {
    OfferKind.MENTORING: _l("Mentoring tandem"),
    OfferKind.VOLUNTEERING: _l("Volunteer help"),
    OfferKind.JOB: _l("Job"),
    OfferKind.APPRENTICESHIP: _l("Apprenticeship"),
    OfferKind.INTERNSHIP: _l("Internship"),
    OfferKind.ADVICE: _l("Start-up advice"),
}


class OfferStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    FILLED = "filled"
    EXPIRED = "expired"


def _in(values: type[StrEnum]) -> str:
    return ", ".join(f"'{member.value}'" for member in values)


class Offer(db.Model):
    __tablename__ = "offer"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    status: Mapped[str] = mapped_column(String(12), default=OfferStatus.DRAFT.value, index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL")
    )
    title: Mapped[str] = mapped_column(String(200))
    taxonomy_id: Mapped[str | None] = mapped_column(String(80))  # normalised occupation
    description: Mapped[str | None] = mapped_column(Text)
    min_german: Mapped[str | None] = mapped_column(String(8))  # CEFR level, None: no requirement
    capacity: Mapped[int] = mapped_column(default=1)  # openings, tandem places, slots
    filled: Mapped[int] = mapped_column(default=0)
    hours_per_week: Mapped[float | None]
    interpreter_available: Mapped[bool] = mapped_column(default=False)
    postcode: Mapped[str | None] = mapped_column(String(10))
    town: Mapped[str | None] = mapped_column(String(120))
    lat: Mapped[float | None]
    lon: Mapped[float | None]
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"), index=True)
    max_km: Mapped[float | None]
    valid_until: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    owner: Mapped[Person] = relationship()
    organisation: Mapped[Organisation | None] = relationship()
    region: Mapped[Region | None] = relationship()
    skills: Mapped[list[OfferSkill]] = relationship(cascade="all, delete-orphan")

    __table_args__ = (
        CheckConstraint(f"kind in ({_in(OfferKind)})", name="kind"),
        CheckConstraint(f"status in ({_in(OfferStatus)})", name="status"),
        # The database itself refuses over-allocation, whatever the application does.
        CheckConstraint("capacity >= 0 and filled >= 0 and filled <= capacity", name="capacity"),
    )

    @property
    def open_places(self) -> int:
        return self.capacity - self.filled


class OfferSkill(db.Model):
    """A skill an offer asks for: the taxonomy entry and the words the offer's author used."""

    __tablename__ = "offer_skill"

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id", ondelete="CASCADE"), index=True)
    taxonomy_id: Mapped[str | None] = mapped_column(String(80))
    original_text: Mapped[str] = mapped_column(String(200))
