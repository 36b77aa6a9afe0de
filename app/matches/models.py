"""Matching rounds, the proposals they produce, the people's answers, ratings and exclusions.

A round's state lives in its row (status, stage, progress), so a page can show progress and a
retried task knows where it stands. A proposal is unique per (round, request, offer): a retried
round upserts and never duplicates. A proposal approved by a coordinator *is* the match; it holds
both people's answers and becomes active once both accepted.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, Session, attributes, mapped_column, relationship

from app.accounts.models import Organisation, Region, User
from app.core.db import enum_values_sql, utcnow
from app.extensions import db
from app.offers.models import Offer, Request
from app.profiles.models import Person


class RoundStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    FINISHED = "finished"
    FAILED = "failed"


class FailedReason(StrEnum):
    ERROR = "error"  # the round itself raised
    WORKER_LOST = "worker_lost"  # its worker stopped answering, too often
    NOT_PICKED_UP = "not_picked_up"  # no worker took it, too often
    BROKER_UNAVAILABLE = "broker_down"  # it could not be handed to the workers at all


FAILED_REASON_LABELS = {
    FailedReason.ERROR: _l("An error stopped the computation."),
    FailedReason.WORKER_LOST: _l(
        "The background worker computing this round stopped answering, also when tried again."
    ),
    FailedReason.NOT_PICKED_UP: _l("No background worker took this round in time."),
    FailedReason.BROKER_UNAVAILABLE: _l(
        "The background service was not reachable, so the round could not start."
    ),
}


class RoundStage(StrEnum):
    QUEUED = "queued"
    LOADING = "loading"
    SOLVING = "solving"
    SAVING = "saving"
    DONE = "done"


STAGE_LABELS = {
    RoundStage.QUEUED: _l("Waiting for a worker"),
    RoundStage.LOADING: _l("Loading requests and offers"),
    RoundStage.SOLVING: _l("Computing the best matches"),
    RoundStage.SAVING: _l("Saving the proposals"),
    RoundStage.DONE: _l("Done"),
}


class MatchingRound(db.Model):
    __tablename__ = "matching_round"

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), default=RoundStatus.QUEUED.value)
    stage: Mapped[str] = mapped_column(String(12), default=RoundStage.QUEUED.value)
    progress: Mapped[int] = mapped_column(default=0)  # percent
    started_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(default=0)
    seekers: Mapped[int] = mapped_column(default=0)
    offers: Mapped[int] = mapped_column(default=0)
    matched: Mapped[int] = mapped_column(default=0)
    # {"unmatched": [{"request": id, "cause": key}], "unmet_by_cause": {...}, "stats": {...}}
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    error: Mapped[str | None] = mapped_column(Text)
    # The last sign of life: when the round was queued, and while it runs, each stage and every
    # ROUND_HEARTBEAT_INTERVAL seconds. An old one means its worker is gone (app.matches.recovery).
    heartbeat_at: Mapped[datetime | None] = mapped_column(default=utcnow)
    # How often recovery re-queued it after its worker was gone or its message never arrived.
    recoveries: Mapped[int] = mapped_column(default=0)
    failed_reason: Mapped[str | None] = mapped_column(String(20))  # a FailedReason
    # What the engine reported: the total score, and the blocking pairs (a person and an offer
    # that would both rather have each other than what they got; null before they were counted).
    objective: Mapped[float | None]
    blocking_pairs: Mapped[int | None]
    # Undecided proposals of earlier rounds this round kept, and moved ({reason key: count}).
    kept: Mapped[int] = mapped_column(default=0)
    moved: Mapped[int] = mapped_column(default=0)
    moved_why: Mapped[dict[str, int] | None] = mapped_column(JSON)
    # What the coordinator chose to aim for: a stable answer (no blocking pair, at a price the
    # summary's stats.stability states) rather than the best total.
    stable: Mapped[bool] = mapped_column(default=False)

    region: Mapped[Region] = relationship()
    started_by: Mapped[User | None] = relationship()

    __table_args__ = (
        CheckConstraint(f"status in ({enum_values_sql(RoundStatus)})", name="status"),
        CheckConstraint(f"stage in ({enum_values_sql(RoundStage)})", name="stage"),
        CheckConstraint("progress between 0 and 100", name="progress"),
    )


class ProposalStatus(StrEnum):
    PROPOSED = "proposed"  # from the engine (or by hand), waiting for a coordinator
    REJECTED = "rejected"  # by a coordinator
    APPROVED = "approved"  # by a coordinator; a place is taken; waiting for both people
    ACTIVE = "active"  # both accepted; contact details are shared
    DECLINED = "declined"  # by one of the two; the place is free again
    ENDED = "ended"  # an active match that is over; the place is free again
    LAPSED = "lapsed"  # left the queue undecided: its request was withdrawn or its offer closed


class LapseCause(StrEnum):
    """Why an undecided proposal left the queue; kept on the proposal, named when approving.
    (A person's erasure takes their proposals with them: nothing of them is kept to lapse.)"""

    REQUEST_WITHDRAWN = "request_withdrawn"
    OFFER_UNPUBLISHED = "offer_unpublished"
    OFFER_FULL = "offer_full"


LAPSE_CAUSE_LABELS = {
    LapseCause.REQUEST_WITHDRAWN: _l("The person has withdrawn this request."),
    LapseCause.OFFER_UNPUBLISHED: _l("The offer is no longer published."),
    LapseCause.OFFER_FULL: _l("The offer has no free place left."),
}


# The lifecycle of a proposal, the one table app.matches.lifecycle moves proposals by: which
# status may follow which. Every status is reached from exactly one other, so a conditional
# UPDATE from that one (two coordinators pressing "approve" at once) changes a row once.
TRANSITIONS: dict[ProposalStatus, frozenset[ProposalStatus]] = {
    ProposalStatus.PROPOSED: frozenset(
        {ProposalStatus.APPROVED, ProposalStatus.REJECTED, ProposalStatus.LAPSED}
    ),
    ProposalStatus.APPROVED: frozenset({ProposalStatus.ACTIVE, ProposalStatus.DECLINED}),
    ProposalStatus.ACTIVE: frozenset({ProposalStatus.ENDED}),
    ProposalStatus.REJECTED: frozenset(),
    ProposalStatus.DECLINED: frozenset(),
    ProposalStatus.ENDED: frozenset(),
    ProposalStatus.LAPSED: frozenset(),
}


PROPOSAL_STATUS_LABELS = {
    ProposalStatus.PROPOSED: _l("Proposed"),
    ProposalStatus.REJECTED: _l("Rejected"),
    ProposalStatus.APPROVED: _l("Approved, waiting for both sides"),
    ProposalStatus.ACTIVE: _l("Active"),
    ProposalStatus.DECLINED: _l("Declined"),
    ProposalStatus.ENDED: _l("Ended"),
    ProposalStatus.LAPSED: _l("Lapsed"),
}
# Statuses that hold one of the offer's places.
HOLDS_PLACE = (ProposalStatus.APPROVED.value, ProposalStatus.ACTIVE.value)


class Proposal(db.Model):
    __tablename__ = "proposal"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int | None] = mapped_column(
        ForeignKey("matching_round.id", ondelete="CASCADE"), index=True
    )
    request_id: Mapped[int] = mapped_column(
        ForeignKey("request.id", ondelete="CASCADE"), index=True
    )
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id", ondelete="CASCADE"), index=True)
    score: Mapped[float] = mapped_column(default=0.0)
    components: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)  # [{key, params}]
    status: Mapped[str] = mapped_column(
        String(12), default=ProposalStatus.PROPOSED.value, index=True
    )
    manual: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]
    reject_reason: Mapped[str | None] = mapped_column(String(500))
    seeker_answer: Mapped[str | None] = mapped_column(String(10))  # accepted | declined
    provider_answer: Mapped[str | None] = mapped_column(String(10))
    activated_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    lapse_cause: Mapped[str | None] = mapped_column(String(20))  # a LapseCause, when lapsed

    round: Mapped[MatchingRound | None] = relationship()
    request: Mapped[Request] = relationship()
    offer: Mapped[Offer] = relationship()
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    __table_args__ = (
        # A retried round upserts on this key and never creates a second proposal.
        UniqueConstraint("round_id", "request_id", "offer_id"),
        CheckConstraint(f"status in ({enum_values_sql(ProposalStatus)})", name="status"),
        CheckConstraint(
            f"lapse_cause is null or lapse_cause in ({enum_values_sql(LapseCause)})",
            name="lapse_cause",
        ),
        CheckConstraint(
            "seeker_answer is null or seeker_answer in ('accepted', 'declined')",
            name="seeker_answer",
        ),
        CheckConstraint(
            "provider_answer is null or provider_answer in ('accepted', 'declined')",
            name="provider_answer",
        ),
    )

    @property
    def seeker(self) -> Person:
        return self.request.person

    @property
    def provider(self) -> Person:
        return self.offer.owner


class Rating(db.Model):
    """One person's rating of a match that ended: 1–5 stars and a comment."""

    __tablename__ = "rating"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposal.id", ondelete="CASCADE"), index=True
    )
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id", ondelete="CASCADE"), index=True)
    by_user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    stars: Mapped[int]
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    proposal: Mapped[Proposal] = relationship()

    __table_args__ = (
        UniqueConstraint("proposal_id", "by_user_id"),
        CheckConstraint("stars between 1 and 5", name="stars"),
    )


class ExcludedPair(db.Model):
    """A person and an offer a coordinator rejected: later rounds do not propose them again."""

    __tablename__ = "excluded_pair"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str | None] = mapped_column(String(500))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("person_id", "offer_id"),)


class Notification(db.Model):
    """An entry in a person's in-app inbox."""

    __tablename__ = "notification"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    proposal_id: Mapped[int | None] = mapped_column(ForeignKey("proposal.id", ondelete="CASCADE"))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]


class AnsweredBy(StrEnum):
    """Who gave the answer a coordinator recorded for a person without an account."""

    PERSON = "person"  # the person themselves
    GUARDIAN = "guardian"  # a parent or legal guardian
    REPRESENTATIVE = "representative"  # someone the person asked to answer for them


class AnswerChannel(StrEnum):
    """How the answer reached the coordinator."""

    PHONE = "phone"
    IN_PERSON = "in_person"
    LETTER = "letter"
    EMAIL = "email"
    INTERPRETER = "interpreter"  # through an interpreter (in person or on the phone)


ANSWERED_BY_LABELS = {
    AnsweredBy.PERSON: _l("The person themselves"),
    AnsweredBy.GUARDIAN: _l("A parent or legal guardian"),
    AnsweredBy.REPRESENTATIVE: _l("Someone the person asked to answer for them"),
}
ANSWER_CHANNEL_LABELS = {
    AnswerChannel.PHONE: _l("By phone"),
    AnswerChannel.IN_PERSON: _l("In person"),
    AnswerChannel.LETTER: _l("By letter"),
    AnswerChannel.EMAIL: _l("By e-mail"),
    AnswerChannel.INTERPRETER: _l("Through an interpreter"),
}


class AnswerOnBehalf(db.Model):
    """The answer of a person without an account to a match, as a coordinator recorded it: who
    answered, when and how, which coordinator recorded it, for which organisation, and when.

    Append-only, like the case file's audit trail: the ORM refuses changes and deletes (below),
    and on PostgreSQL a trigger does too (migration 5b1500000001). It goes only with its match
    (``ON DELETE CASCADE``) or with the person's erasure. No free text: nothing here describes the
    person beyond the answer itself.
    """

    __tablename__ = "answer_on_behalf"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposal.id", ondelete="CASCADE"), index=True
    )
    side: Mapped[str] = mapped_column(String(10))  # seeker | provider
    answer: Mapped[str] = mapped_column(String(10))  # accepted | declined
    answered_by: Mapped[str] = mapped_column(String(20))  # an AnsweredBy
    channel: Mapped[str] = mapped_column(String(20))  # an AnswerChannel
    answered_on: Mapped[date]
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    recorded_by_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL")
    )
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    proposal: Mapped[Proposal] = relationship()
    recorded_by: Mapped[User | None] = relationship()
    recorded_by_organisation: Mapped[Organisation | None] = relationship()

    __table_args__ = (
        # One answer per side of a match: a recorded answer is never recorded over.
        UniqueConstraint("proposal_id", "side"),
        CheckConstraint("side in ('seeker', 'provider')", name="side"),
        CheckConstraint("answer in ('accepted', 'declined')", name="answer"),
        CheckConstraint(f"answered_by in ({enum_values_sql(AnsweredBy)})", name="answered_by"),
        CheckConstraint(f"channel in ({enum_values_sql(AnswerChannel)})", name="channel"),
    )


class RecordedAnswerIsFinal(Exception):
    """Raised when code tries to change or delete a recorded answer."""


# The one change allowed, as the database's ON DELETE SET NULL of the coordinator would make it.
_MAY_BECOME_NULL = (
    "recorded_by_id",
    "recorded_by_organisation_id",
    "recorded_by",
    "recorded_by_organisation",
)


def _only_recorder_cleared(row: AnswerOnBehalf) -> bool:
    state = attributes.instance_state(row)
    for attr in state.mapper.attrs:
        history = state.attrs[attr.key].history
        if history.has_changes() and not (
            attr.key in _MAY_BECOME_NULL and list(history.added) == [None]
        ):
            return False
    return True


@event.listens_for(Session, "before_flush")
def _refuse_recorded_answer_changes(session: Session, _context: object, _rows: object) -> None:
    for row in session.deleted:
        if isinstance(row, AnswerOnBehalf):
            raise RecordedAnswerIsFinal("a recorded answer cannot be deleted")
    for row in session.dirty:
        if isinstance(row, AnswerOnBehalf) and not _only_recorder_cleared(row):
            raise RecordedAnswerIsFinal("a recorded answer cannot be changed")
