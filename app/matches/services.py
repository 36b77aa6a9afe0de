"""Match services: running a round, deciding proposals, both sides' answers, ending and rating.

Services flush and never commit; the caller (a view or a task) owns the transaction. A round's
task passes ``checkpoint`` (a commit) so each stage becomes visible to the progress page.

Statuses move only through their owners' tables: a proposal's through app.matches.lifecycle,
a request's and an offer's places through app.offers.lifecycle. Each move is one conditional
``UPDATE`` whose row count says whether it worked, so two coordinators pressing "approve" at
once, or a person accepting twice, change a row once; a place is taken by ``… SET filled =
filled + 1 WHERE filled < capacity``, atomic on SQLite and PostgreSQL, with the CHECK
``filled <= capacity`` behind it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timedelta

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, delete, func, or_, select, update

from app.accounts.models import User
from app.core.db import utcnow
from app.core.outbox import queue_mail
from app.core.urls import external_url
from app.extensions import db
from app.matches import adapters, lifecycle
from app.matches.errors import AlreadyDecided, MatchError, NoPlaceLeft, RoundTakenOver, RuleBroken
from app.matches.messages import rule_message
from app.matches.models import (
    ExcludedPair,
    FailedReason,
    MatchingRound,
    Notification,
    Proposal,
    ProposalStatus,
    Rating,
    RoundStage,
    RoundStatus,
)
from app.matches.queries import load_round_input, pair_input, running_round
from app.offers import lifecycle as offers_lifecycle
from app.offers.models import Offer, Request

Checkpoint = Callable[[], None]


# -- rounds -------------------------------------------------------------------------------------


def create_round(region_id: int, started_by: User | None, *, stable: bool = False) -> MatchingRound:
    """A queued round for a region; refused while another round of the region is unfinished.

    ``stable``: aim for a matching without blocking pairs instead of the best total."""
    if running_round(region_id) is not None:
        raise MatchError(_l("A matching round for this region is already running."))
    matching_round = MatchingRound(
        region_id=region_id, started_by_id=started_by.id if started_by else None, stable=stable
    )
    db.session.add(matching_round)
    db.session.flush()
    return matching_round


def _stage(matching_round: MatchingRound, stage: RoundStage, progress: int) -> None:
    matching_round.stage = stage.value
    matching_round.progress = progress


def heartbeat_cutoff() -> datetime:
    """A running round whose last heartbeat is older than this has lost its worker."""
    return utcnow() - timedelta(seconds=int(current_app.config["ROUND_HEARTBEAT_TIMEOUT"]))


def claim_round(matching_round: MatchingRound) -> bool:
    """Make this attempt the round's owner: a queued round, or a running one whose worker is
    gone, becomes running with one attempt more. One conditional UPDATE, so of two workers given
    the same round (a redelivered and a re-sent message) only one runs it."""
    stale = or_(
        MatchingRound.heartbeat_at.is_(None), MatchingRound.heartbeat_at < heartbeat_cutoff()
    )
    now = utcnow()
    claimed = db.session.execute(
        update(MatchingRound)
        .where(
            MatchingRound.id == matching_round.id,
            or_(
                MatchingRound.status == RoundStatus.QUEUED.value,
                and_(MatchingRound.status == RoundStatus.RUNNING.value, stale),
            ),
        )
        .values(
            status=RoundStatus.RUNNING.value,
            attempts=MatchingRound.attempts + 1,
            heartbeat_at=now,
            started_at=func.coalesce(MatchingRound.started_at, now),
        )
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(matching_round)
    return claimed.rowcount == 1


def keep_alive(matching_round: MatchingRound, attempt: int) -> None:
    """Mark the round alive, or raise RoundTakenOver when another attempt owns it by now."""
    alive = db.session.execute(
        update(MatchingRound)
        .where(
            MatchingRound.id == matching_round.id,
            MatchingRound.status == RoundStatus.RUNNING.value,
            MatchingRound.attempts == attempt,
        )
        .values(heartbeat_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if alive.rowcount != 1:
        raise RoundTakenOver(matching_round.id)


def run_round(
    matching_round: MatchingRound, today: date, checkpoint: Checkpoint, *, claimed: bool = False
) -> None:
    """Load, solve and save one round. Safe to run again: a round another attempt owns (or that
    is over) is left alone, and proposals are upserted on (round, request, offer).

    ``claimed``: the caller already made this attempt the owner (``claim_round``)."""
    if not claimed and not claim_round(matching_round):
        return
    attempt = matching_round.attempts

    def step(stage: RoundStage, progress: int) -> None:
        _stage(matching_round, stage, progress)
        keep_alive(matching_round, attempt)
        checkpoint()

    step(RoundStage.LOADING, 10)
    data = load_round_input(matching_round.region_id, today, matching_round.id)
    offers_lifecycle.take_into_round([r.id for r in data.requests])
    matching_round.seekers, matching_round.offers = len(data.requests), len(data.offers)
    step(RoundStage.SOLVING, 30)
    outcome = adapters.solve_round(data, stable=matching_round.stable)
    step(RoundStage.SAVING, 70)
    save_outcome(matching_round, outcome)
    _stage(matching_round, RoundStage.DONE, 100)
    keep_alive(matching_round, attempt)  # while it is still "running": the last fence
    matching_round.status = RoundStatus.FINISHED.value
    matching_round.finished_at = utcnow()
    checkpoint()


def _drop_stale_proposals(matching_round: MatchingRound, keep: set[tuple[int, int]]) -> None:
    """An earlier attempt's undecided proposals that this attempt does not make again (the
    data changed in between) go, so a request never holds two proposals of one round."""
    stale = [
        proposal_id
        for proposal_id, request_id, offer_id in db.session.execute(
            select(Proposal.id, Proposal.request_id, Proposal.offer_id).where(
                Proposal.round_id == matching_round.id,
                Proposal.status == ProposalStatus.PROPOSED.value,
            )
        )
        if (request_id, offer_id) not in keep
    ]
    if stale:
        db.session.execute(
            delete(Proposal)
            .where(Proposal.id.in_(stale))
            .execution_options(synchronize_session=False)
        )


def _drop_moved_proposals(outcome: adapters.RoundOutcome) -> None:
    """Earlier rounds' undecided proposals the engine moved go: each request holds one proposal.

    Only undecided engine proposals are ever moved; approved and active ones hold a place, and
    their requests never enter a round."""
    moved = {(m.request_id, m.offer_id) for m in outcome.moved}
    if not moved:
        return
    gone = [
        proposal_id
        for proposal_id, request_id, offer_id in db.session.execute(
            select(Proposal.id, Proposal.request_id, Proposal.offer_id).where(
                Proposal.request_id.in_({r for r, _ in moved}),
                Proposal.status == ProposalStatus.PROPOSED.value,
                Proposal.manual.is_(False),
            )
        )
        if (request_id, offer_id) in moved
    ]
    db.session.execute(
        delete(Proposal).where(Proposal.id.in_(gone)).execution_options(synchronize_session=False)
    )


def save_outcome(matching_round: MatchingRound, outcome: adapters.RoundOutcome) -> None:
    """Upsert the proposals (a kept earlier proposal stays as it is, in its own round); moved
    earlier proposals go; unmatched requests go back to open; the summary and the counts."""
    _drop_stale_proposals(matching_round, {(p.request_id, p.offer_id) for p in outcome.proposals})
    _drop_moved_proposals(outcome)
    existing = set(
        db.session.execute(
            select(Proposal.request_id, Proposal.offer_id).where(
                Proposal.round_id == matching_round.id
            )
        )
    ) | set(outcome.current)
    for pair in outcome.proposals:
        if (pair.request_id, pair.offer_id) not in existing:
            db.session.add(
                Proposal(
                    round_id=matching_round.id,
                    request_id=pair.request_id,
                    offer_id=pair.offer_id,
                    score=pair.score,
                    components=pair.components,
                    reasons=pair.reasons,
                )
            )
    offers_lifecycle.give_back([u.request_id for u in outcome.unmatched])
    matching_round.matched = len(outcome.proposals)
    matching_round.objective = outcome.objective
    matching_round.blocking_pairs = outcome.blocking_pairs
    matching_round.moved = len(outcome.moved)
    matching_round.kept = len(outcome.current) - len(outcome.moved)
    matching_round.moved_why = dict(Counter(moved.reason for moved in outcome.moved))
    matching_round.summary = {
        "status": outcome.status,
        "unmatched": [{"request": u.request_id, "cause": u.cause} for u in outcome.unmatched],
        "unmet_by_cause": outcome.unmet_by_cause,
        "problems": outcome.problems,
        "stats": outcome.stats,
    }
    db.session.flush()


def fail_round(
    matching_round: MatchingRound, error: str, reason: FailedReason = FailedReason.ERROR
) -> None:
    """The round is over without a result; the district may start a new one."""
    matching_round.status = RoundStatus.FAILED.value
    matching_round.failed_reason = reason.value
    matching_round.error = error[:2000]
    matching_round.finished_at = utcnow()


# -- coordinators' decisions ----------------------------------------------------------------------


def approve(proposal: Proposal, acting: User, notify: bool = True) -> None:
    """Approve: the proposal, the request and one place of the offer, all or nothing. Once the
    offer is full, its other undecided proposals lapse.

    Raises a ``MatchError`` that names the real cause (request withdrawn, offer no longer
    published, offer full, decided or matched already); the caller then rolls back.
    """
    refusal = lifecycle.why_not_approvable(proposal)
    if refusal is not None:
        raise refusal
    # The offer's place first: every approval locks the offer row before any proposal or
    # request row, so concurrent approvals (and the lapse below) never wait on each other in a
    # circle (PostgreSQL would break such a deadlock by failing one of them).
    if not offers_lifecycle.take_place(proposal.offer_id):
        raise NoPlaceLeft(_l("The offer has no free place left."))
    if not lifecycle.move(
        proposal.id, ProposalStatus.APPROVED, decided_by_id=acting.id, decided_at=utcnow()
    ):
        raise AlreadyDecided(_l("This proposal has been decided already."))
    if not offers_lifecycle.hold(proposal.request_id):
        raise lifecycle.why_request_not_waiting(proposal.request) or AlreadyDecided(
            _l("This request has been matched already.")
        )
    lifecycle.lapse_if_full(proposal.offer_id)
    db.session.refresh(proposal)
    if notify:
        notify_both(proposal)


def approve_many(proposals: list[Proposal], acting: User) -> tuple[int, int]:
    """Approve each in its own savepoint; returns (approved, refused)."""
    done = refused = 0
    for proposal in proposals:
        try:
            with db.session.begin_nested():
                approve(proposal, acting)
            done += 1
        except MatchError:
            refused += 1
    return done, refused


def reject(proposal: Proposal, acting: User, reason: str) -> None:
    """Reject with a reason; the pair is excluded from later rounds. A proposal that lapsed, or
    was decided, is refused with its cause."""
    if not lifecycle.move(
        proposal.id,
        ProposalStatus.REJECTED,
        decided_by_id=acting.id,
        decided_at=utcnow(),
        reject_reason=reason,
    ):
        raise lifecycle.why_not_approvable(proposal) or AlreadyDecided(
            _l("This proposal has been decided already.")
        )
    person_id = proposal.request.person_id
    known = db.session.scalar(
        select(ExcludedPair).where(
            ExcludedPair.person_id == person_id, ExcludedPair.offer_id == proposal.offer_id
        )
    )
    if known is None:
        db.session.add(
            ExcludedPair(
                person_id=person_id,
                offer_id=proposal.offer_id,
                reason=reason,
                created_by_id=acting.id,
            )
        )
    offers_lifecycle.reopen(proposal.request_id)
    db.session.flush()
    db.session.refresh(proposal)


def check_pair(request: Request, offer: Offer, today: date) -> adapters.PairVerdict:
    """The engine's verdict on one pair (first broken hard rule, or score and reasons)."""
    return adapters.pair_check(pair_input(today), request, offer)


def propose_by_hand(
    request: Request, offer: Offer, acting: User, today: date, notify: bool = True
) -> Proposal:
    """A coordinator's own pair, checked against the engine's hard rules, then approved (both
    sides told unless ``notify`` is False, as when the demo is seeded)."""
    verdict = check_pair(request, offer, today)
    if verdict.broken_rule is not None:
        raise RuleBroken(rule_message(verdict.broken_rule), verdict.broken_rule)
    proposal = Proposal(
        request_id=request.id,
        offer_id=offer.id,
        score=verdict.score,
        components=verdict.components,
        reasons=verdict.reasons,
        manual=True,
    )
    db.session.add(proposal)
    db.session.flush()
    approve(proposal, acting, notify=notify)
    return proposal


def replace_offer(
    proposal: Proposal, offer: Offer, acting: User, today: date, reason: str
) -> Proposal:
    """Reject the proposal and approve the same request with another offer instead."""
    return _replace(proposal, proposal.request, offer, acting=acting, today=today, reason=reason)


def replace_request(
    proposal: Proposal, request: Request, acting: User, today: date, reason: str
) -> Proposal:
    """Reject the proposal and approve the same offer with another person's request instead."""
    return _replace(proposal, request, proposal.offer, acting=acting, today=today, reason=reason)


def _replace(
    proposal: Proposal, request: Request, offer: Offer, *, acting: User, today: date, reason: str
) -> Proposal:
    """The old pair is rejected (and excluded from later rounds) and the new one approved, all
    or nothing: ``propose_by_hand`` checks the new pair against the hard rules once, after the
    rejection, so the person may not get the offer just rejected for them through another of
    their requests. On ``MatchError`` the caller rolls back."""
    reject(proposal, acting, reason)
    return propose_by_hand(request, offer, acting, today)


# -- both sides ---------------------------------------------------------------------------------


def _notify(user: User, proposal: Proposal, subject: str, body: str, link: str = "") -> None:
    """In the inbox and by mail; the mail ends with ``link``, the line that leads back here."""
    db.session.add(
        Notification(user_id=user.id, proposal_id=proposal.id, subject=subject, body=body)
    )
    queue_mail(user.email, subject, f"{body}\n\n{link}" if link else body)


def notify_both(proposal: Proposal) -> None:
    """Tell both people, each in their own language, by e-mail and in the inbox."""
    for person, other in ((proposal.seeker, proposal.offer.title), (proposal.provider, None)):
        if person.user is None:
            continue
        with force_locale(person.user.locale or "de"):
            subject = _("A match is proposed to you")
            body = _(
                "A coordinator proposes a match: %(title)s. Please open your matches on "
                "Brücke to accept or decline.",
                title=other or proposal.seeker.given_name,
            )
            # Built from the configured public address, never from a request's Host header.
            link = _("Open your matches: %(link)s", link=external_url("matches.mine"))
        _notify(person.user, proposal, subject, body, link)
    db.session.flush()


def answer(proposal: Proposal, side: str, accepted: bool) -> None:
    """One side accepts or declines. Both accepted: active. One declined: the place is free."""
    if proposal.status != ProposalStatus.APPROVED.value:
        raise AlreadyDecided(_l("This match is not waiting for an answer."))
    value = "accepted" if accepted else "declined"
    if side == "seeker":
        proposal.seeker_answer = value
    else:
        proposal.provider_answer = value
    db.session.flush()
    if not accepted:
        if lifecycle.move(proposal.id, ProposalStatus.DECLINED):
            offers_lifecycle.free_place(proposal.offer_id)
            offers_lifecycle.reopen(proposal.request_id)
    elif proposal.seeker_answer == proposal.provider_answer == "accepted":
        lifecycle.move(proposal.id, ProposalStatus.ACTIVE, activated_at=utcnow())
    db.session.flush()
    db.session.refresh(proposal)


def accept(proposal: Proposal, side: str) -> None:
    """``side`` ("seeker" or "provider") accepts an approved match."""
    answer(proposal, side, accepted=True)


def decline(proposal: Proposal, side: str) -> None:
    """``side`` ("seeker" or "provider") declines an approved match; its place is free again."""
    answer(proposal, side, accepted=False)


def end_match(proposal: Proposal, acting: User, stars: int | None, comment: str | None) -> None:
    """End an active match (either side or a coordinator), with an optional rating."""
    if not lifecycle.move(
        proposal.id, ProposalStatus.ENDED, ended_at=utcnow(), ended_by_id=acting.id
    ):
        raise AlreadyDecided(_l("Only an active match can be ended."))
    offers_lifecycle.free_place(proposal.offer_id)
    if stars is not None:
        rate(proposal, acting, stars, comment)
    db.session.flush()
    db.session.refresh(proposal)


def rate(proposal: Proposal, acting: User, stars: int, comment: str | None) -> Rating:
    if not 1 <= stars <= 5:
        raise MatchError(_l("A rating is between 1 and 5 stars."))
    rating = Rating(
        proposal_id=proposal.id,
        offer_id=proposal.offer_id,
        by_user_id=acting.id,
        stars=stars,
        comment=comment or None,
    )
    db.session.add(rating)
    db.session.flush()
    return rating


def mark_read(notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = utcnow()
        db.session.flush()
