"""Offers with capacity, requirements and a lifecycle; advice slots; the refugees' requests."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import Organisation, Region
from app.core.db import enum_values_sql, utcnow
from app.core.taxonomy import keep_taxonomy_id
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
EMPLOYMENT_KINDS = (OfferKind.JOB, OfferKind.APPRENTICESHIP, OfferKind.INTERNSHIP)


class OfferStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    FILLED = "filled"
    EXPIRED = "expired"


OFFER_STATUS_LABELS = {
    OfferStatus.DRAFT: _l("Draft"),
    OfferStatus.PUBLISHED: _l("Published"),
    OfferStatus.FILLED: _l("Filled"),
    OfferStatus.EXPIRED: _l("Expired"),
}

# The button that moves an offer to a status says what it does: "Publish", not "Set to: Published".
OFFER_ACTION_LABELS = {
    OfferStatus.DRAFT: _l("Take back as a draft"),
    OfferStatus.PUBLISHED: _l("Publish"),
    OfferStatus.FILLED: _l("Mark as filled"),
    OfferStatus.EXPIRED: _l("End the offer"),
}

# What the owner is told once the status is changed, by the status it has now.
OFFER_STATUS_CHANGED = {
    OfferStatus.DRAFT: _l("The offer is taken back as a draft."),
    OfferStatus.PUBLISHED: _l("The offer is published."),
    OfferStatus.FILLED: _l("The offer is marked as filled."),
    OfferStatus.EXPIRED: _l("The offer is ended."),
}

# The lifecycle: which status may follow which. "Expired" is also set by the system once
# valid_until has passed; an expired offer goes back to draft to be revised and published again.
TRANSITIONS: dict[OfferStatus, frozenset[OfferStatus]] = {
    OfferStatus.DRAFT: frozenset({OfferStatus.PUBLISHED}),
    OfferStatus.PUBLISHED: frozenset({OfferStatus.DRAFT, OfferStatus.FILLED, OfferStatus.EXPIRED}),
    OfferStatus.FILLED: frozenset({OfferStatus.PUBLISHED}),
    OfferStatus.EXPIRED: frozenset({OfferStatus.DRAFT}),
}


class MeetingMode(StrEnum):
    IN_PERSON = "in_person"
    VIDEO = "video"


MEETING_MODE_LABELS = {
    MeetingMode.IN_PERSON: _l("In person"),
    MeetingMode.VIDEO: _l("Video call"),
}


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
    # Advice offers: where the consultation takes place and what it covers.
    meeting_mode: Mapped[str | None] = mapped_column(String(12))
    topics: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    owner: Mapped[Person] = relationship()
    organisation: Mapped[Organisation | None] = relationship()
    region: Mapped[Region | None] = relationship()
    skills: Mapped[list[OfferSkill]] = relationship(cascade="all, delete-orphan")
    slots: Mapped[list[AdviceSlot]] = relationship(
        back_populates="offer", cascade="all, delete-orphan", order_by="AdviceSlot.starts_at"
    )

    __table_args__ = (
        CheckConstraint(f"kind in ({enum_values_sql(OfferKind)})", name="kind"),
        CheckConstraint(f"status in ({enum_values_sql(OfferStatus)})", name="status"),
        # The database itself refuses over-allocation, whatever the application does.
        CheckConstraint("capacity >= 0 and filled >= 0 and filled <= capacity", name="capacity"),
        CheckConstraint(
            "min_german is null or min_german in ('A1', 'A2', 'B1', 'B2', 'C1', 'C2')",
            name="min_german",
        ),
        CheckConstraint(
            f"meeting_mode is null or meeting_mode in ({enum_values_sql(MeetingMode)})",
            name="meeting_mode",
        ),
        # The distance search narrows to a bounding box on these two columns first.
        Index("ix_offer_lat_lon", "lat", "lon"),
    )

    @property
    def open_places(self) -> int:
        return self.capacity - self.filled

    @property
    def topic_list(self) -> list[str]:
        return [t.strip() for t in (self.topics or "").split(",") if t.strip()]

    def is_expired_on(self, day: date) -> bool:
        return self.status == OfferStatus.EXPIRED or (
            self.valid_until is not None and self.valid_until < day
        )


class OfferSkill(db.Model):
    """A skill an offer asks for: the taxonomy entry and the words the offer's author used."""

    __tablename__ = "offer_skill"

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id", ondelete="CASCADE"), index=True)
    taxonomy_id: Mapped[str | None] = mapped_column(String(80))
    original_text: Mapped[str] = mapped_column(String(200))


keep_taxonomy_id(OfferSkill)


class AdviceSlot(db.Model):
    """One concrete consultation appointment of an advice offer; booked by at most one person.

    Booking is a conditional UPDATE (``booked_by_id IS NULL``), so two people pressing the
    button at the same moment cannot both get the slot.
    """

    __tablename__ = "advice_slot"

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[datetime]
    minutes: Mapped[int]
    booked_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    booked_at: Mapped[datetime | None]
    booking_note: Mapped[str | None] = mapped_column(String(500))
    # The calendar UID; renewed with each booking so a calendar treats a new booking as new.
    uid: Mapped[str | None] = mapped_column(String(80), unique=True)

    offer: Mapped[Offer] = relationship(back_populates="slots")
    booked_by: Mapped[Person | None] = relationship()

    __table_args__ = (
        # One adviser's offer has each start time once ...
        UniqueConstraint("offer_id", "starts_at"),
        # ... and nobody holds two appointments that start at the same moment.
        UniqueConstraint("booked_by_id", "starts_at"),
        CheckConstraint("minutes between 5 and 480", name="minutes"),
    )

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.minutes)

    @property
    def is_booked(self) -> bool:
        return self.booked_by_id is not None


class RequestKind(StrEnum):
    MENTORING = "mentoring"
    VOLUNTEERING = "volunteering"
    JOB = "job"
    APPRENTICESHIP = "apprenticeship"
    INTERNSHIP = "internship"
    ADVICE = "advice"


class RequestStatus(StrEnum):
    OPEN = "open"
    IN_ROUND = "in_round"  # taken into a matching round that has not finished yet
    MATCHED = "matched"
    WITHDRAWN = "withdrawn"


REQUEST_STATUS_LABELS = {
    RequestStatus.OPEN: _l("Open"),
    RequestStatus.IN_ROUND: _l("In the current matching round"),
    RequestStatus.MATCHED: _l("Matched"),
    RequestStatus.WITHDRAWN: _l("Withdrawn"),
}

# The lifecycle of a request, the one table app.offers.lifecycle moves requests by. A round
# takes open requests in and gives back those it found nothing for; a coordinator's approval
# matches one; a rejected or declined match, or the other side's erasure, opens it again; the
# person withdraws a waiting one (a matched one ends with its match), and a withdrawn interest is
# opened again by showing interest anew. A matched request is withdrawn only when it stays,
# without its person, for the other side of a match after an erasure.
REQUEST_TRANSITIONS: dict[RequestStatus, frozenset[RequestStatus]] = {
    RequestStatus.OPEN: frozenset(
        {RequestStatus.IN_ROUND, RequestStatus.MATCHED, RequestStatus.WITHDRAWN}
    ),
    RequestStatus.IN_ROUND: frozenset(
        {RequestStatus.OPEN, RequestStatus.MATCHED, RequestStatus.WITHDRAWN}
    ),
    RequestStatus.MATCHED: frozenset({RequestStatus.OPEN, RequestStatus.WITHDRAWN}),
    RequestStatus.WITHDRAWN: frozenset({RequestStatus.OPEN}),
}
# Requests that wait for a match: a round may take them, a person may withdraw them.
WAITING = (RequestStatus.OPEN, RequestStatus.IN_ROUND)


class Request(db.Model):
    """A refugee asks for a mentor (or other help), or shows interest in one concrete offer."""

    __tablename__ = "request"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    offer_id: Mapped[int | None] = mapped_column(
        ForeignKey("offer.id", ondelete="CASCADE"), index=True
    )
    topic: Mapped[str | None] = mapped_column(String(200))
    wished_languages: Mapped[str | None] = mapped_column(String(120))  # ISO codes, comma-separated
    wished_mentor_gender: Mapped[str | None] = mapped_column(String(12))
    status: Mapped[str] = mapped_column(String(12), default=RequestStatus.OPEN.value, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    person: Mapped[Person] = relationship()
    offer: Mapped[Offer | None] = relationship()

    __table_args__ = (
        # One interest row per person and offer: showing interest again reopens it, so there is
        # never more than one open interest. Requests without an offer (NULL) are not limited.
        UniqueConstraint("person_id", "offer_id"),
        # The coordinators' list is newest first, a page at a time.
        Index("ix_request_created_at_id", "created_at", "id"),
        CheckConstraint(f"kind in ({enum_values_sql(RequestKind)})", name="kind"),
        CheckConstraint(f"status in ({enum_values_sql(RequestStatus)})", name="status"),
        CheckConstraint(
            "wished_mentor_gender is null or wished_mentor_gender in ('female', 'male')",
            name="wished_mentor_gender",
        ),
    )

    @property
    def language_codes(self) -> list[str]:
        return [c for c in (self.wished_languages or "").split(",") if c]
