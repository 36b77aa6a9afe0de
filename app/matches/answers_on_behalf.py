"""Answers of people without an account, recorded for them by a coordinator.

Most people the office keeps on behalf (a newcomer registered at the counter, a volunteer who
answers by phone) have no account and never see their matches on Brücke. Without someone to
record their answer, a match with them would wait for ever. A coordinator who keeps the person on
behalf (``app.matches.policy.may_record_answer``) records it as the person gave it: accepted or
declined, who gave it (the person, a parent or guardian, someone they asked), when and how (by
phone, in person, by letter, by e-mail, through an interpreter). The record names the
coordinator and their organisation and is never changed (``AnswerOnBehalf``); the answer itself
moves the match exactly as the person's own would (``services.answer``).

A person with an account answers themselves: recording for them is refused (``AnswersThemselves``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.accounts.models import User
from app.accounts.policy import acting_organisation_id
from app.extensions import db
from app.matches import services
from app.matches.errors import AlreadyDecided, MatchError
from app.matches.models import (
    AnswerChannel,
    AnsweredBy,
    AnswerOnBehalf,
    Proposal,
    ProposalStatus,
)
from app.matches.policy import Side
from app.profiles.models import Person

SIDES: tuple[Side, ...] = ("seeker", "provider")


class AnswersThemselves(MatchError):
    """The person has an account: they answer on Brücke themselves."""


@dataclass(frozen=True)
class GivenAnswer:
    """An answer as the person gave it to the office."""

    accepted: bool
    answered_by: AnsweredBy
    channel: AnswerChannel
    answered_on: date


def person_on(proposal: Proposal, side: Side) -> Person:
    """The person on ``side`` of the match."""
    return proposal.seeker if side == "seeker" else proposal.provider


def answer_of(proposal: Proposal, side: Side) -> str | None:
    return proposal.seeker_answer if side == "seeker" else proposal.provider_answer


def waits_for(proposal: Proposal, side: Side) -> bool:
    """The match is approved and this side has not answered yet."""
    return proposal.status == ProposalStatus.APPROVED.value and answer_of(proposal, side) is None


def sides_to_record(proposal: Proposal) -> list[Side]:
    """The sides the office answers for (no account) that the match still waits for."""
    return [s for s in SIDES if person_on(proposal, s).user_id is None and waits_for(proposal, s)]


def refuse_if_own_account(person: Person) -> None:
    if person.user_id is not None:
        raise AnswersThemselves(
            _l(
                "%(name)s has an account and answers on Brücke themselves. Please ask them to "
                "open their matches; an answer cannot be recorded for them.",
                name=person.given_name,
            )
        )


def record_answer(
    proposal: Proposal, side: Side, given: GivenAnswer, acting: User, today: date
) -> AnswerOnBehalf:
    """Record the answer of the person on ``side`` (kept on behalf, no account) and move the
    match as their own answer would: both accepted, it is active; declined, the place is free.

    Raises ``AnswersThemselves`` for a person with an account, ``AlreadyDecided`` when the match
    does not wait for this answer, ``MatchError`` for a date in the future or before the match
    was approved. The caller rolls back on any of them."""
    refuse_if_own_account(person_on(proposal, side))
    if not waits_for(proposal, side):
        raise AlreadyDecided(_l("This match is not waiting for this answer."))
    check_answered_on(proposal, given.answered_on, today)
    record = AnswerOnBehalf(
        proposal_id=proposal.id,
        side=side,
        answer="accepted" if given.accepted else "declined",
        answered_by=given.answered_by.value,
        channel=given.channel.value,
        answered_on=given.answered_on,
        recorded_by_id=acting.id,
        recorded_by_organisation_id=acting_organisation_id(acting),
    )
    db.session.add(record)
    db.session.flush()
    services.answer(proposal, side, given.accepted)
    return record


def check_answered_on(proposal: Proposal, answered_on: date, today: date) -> None:
    if answered_on > today:
        raise MatchError(_l("The answer cannot have been given after today."))
    approved_on = proposal.decided_at.date() if proposal.decided_at else None
    if approved_on is not None and answered_on < approved_on:
        raise MatchError(_l("The answer cannot have been given before the match was approved."))


def list_recorded_answers(proposal_ids: list[int]) -> dict[int, list[AnswerOnBehalf]]:
    """The recorded answers of these matches, by match (one query for a page of them)."""
    found: dict[int, list[AnswerOnBehalf]] = {}
    if not proposal_ids:
        return found
    rows = db.session.scalars(
        select(AnswerOnBehalf)
        .where(AnswerOnBehalf.proposal_id.in_(proposal_ids))
        .order_by(AnswerOnBehalf.id)
    )
    for row in rows:
        found.setdefault(row.proposal_id, []).append(row)
    return found
