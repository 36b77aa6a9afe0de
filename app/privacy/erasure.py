"""Erasure (GDPR Art. 17): every row of the person goes; what must be kept stays pseudonymous.

What goes is what the export shows (``catalogue`` OWNED rows): the account, the profile and its
sections, offers, requests, matches and their ratings, inbox, consents, the case file with every
entry and generated document, the grants, and the uploaded certificate file. The person's part
of somebody else's row (a booked appointment) is emptied and the adviser told; mail kept in the
outbox of an installation without mail server is deleted; where staff records name the person as
the one who acted, the database sets the column to NULL.

Kept (Art. 17(3)(b) and (e), accountability under Art. 5(2) and 30): the case file's audit
trail, which names the person only by the case file's random subject key — with the case file
gone, nothing links the key to anyone — and one ErasureRecord that says when, by whom and why.

Other people: a match with the person ends first, so the other side's place (or request) is
free again, and the other side is told in their inbox without the person's name. The match
itself, its answers and ratings go: a match is a record about both people and, kept, would still
tell the other side and the coordinators who it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import delete, or_, select, tuple_, update

from app.accounts.models import User
from app.casefile import audit
from app.casefile.models import AuditAction, ErasureRecord
from app.casefile.models.access import SELF
from app.casefile.models.base import new_subject_key
from app.casefile.policy import Access
from app.core.db import utcnow
from app.extensions import db
from app.matches.models import HOLDS_PLACE, Notification, Proposal, ProposalStatus
from app.matches.services import free_place
from app.offers.bookings import local_time_text
from app.offers.models import AdviceSlot, Offer, Request, RequestStatus
from app.offers.services import delete_offer
from app.privacy import graph, mailbox
from app.privacy.catalogue import KEPT_ON_ERASURE, ROOTS, Kind
from app.privacy.queries import Subject, get_case_file
from app.profiles.models import MentorProfile, Person

SELF_REASON = "Request of the person (GDPR Art. 17)"
# Proposals whose request waits on them: proposed (in a round) or holding a place.
WAITING = (ProposalStatus.PROPOSED.value, *HOLDS_PLACE)


class ErasureIncomplete(RuntimeError):
    """Rows of the person were still there after erasure; the transaction must roll back."""


@dataclass(frozen=True)
class ErasurePlan:
    """What erasure removes and keeps, table by table (also the account shown afterwards)."""

    deleted: dict[str, int]
    emptied: dict[str, int]
    kept: dict[str, int]
    staff_references: int
    files: int
    mails: int


def plan_for(subject: Subject, outbox: Path | None) -> ErasurePlan:
    """What erasing ``subject`` would remove and keep, without changing anything."""
    return plan_from(graph.collect(subject.user_id, subject.person_id), subject, outbox)


def plan_from(holdings: graph.Holdings, subject: Subject, outbox: Path | None) -> ErasurePlan:
    counts = holdings.counts()
    return ErasurePlan(
        deleted={t: n for t, n in counts.items() if t not in KEPT_ON_ERASURE},
        emptied={t: len(rows) for t, rows in holdings.shared.items() if rows},
        kept={t: n for t, n in counts.items() if t in KEPT_ON_ERASURE},
        staff_references=sum(len(keys) for keys in holdings.references.values()),
        files=len(certificate_files(subject.person)),
        mails=len(mailbox.mails_to(email_of(subject), outbox)),
    )


def email_of(subject: Subject) -> str | None:
    return subject.user.email if subject.user else None


def erase(
    subject: Subject,
    acting: User,
    *,
    access: Access | None,
    reason: str,
    upload_folder: Path,
    outbox: Path | None,
    search_link: str,
) -> ErasurePlan:
    """Erase ``subject``: the person themselves (``access`` None) or a coordinator acting on
    behalf of a person without an account under ``access``, with ``reason``. Flushes; raises
    ``ErasureIncomplete`` if anything of the person is left (the caller rolls back)."""
    subject_key = record_in_audit_trail(subject, acting, access)
    holdings = graph.collect(subject.user_id, subject.person_id)
    plan = plan_from(holdings, subject, outbox)
    files = [upload_folder / name for name in certificate_files(subject.person)]
    address = email_of(subject)
    if subject.person is not None:
        end_matches(subject.person)
        cancel_own_bookings(subject.person)
        delete_own_offers(subject.person, acting, search_link)
    empty_shared_rows(holdings)
    db.session.add(
        ErasureRecord(subject_key=subject_key, erased_by_id=acting.id, reason=reason.strip())
    )
    db.session.flush()
    delete_roots(subject)
    verify_gone(holdings)
    # Files last: if anything above fails, the transaction rolls back and the files are intact.
    for path in files:
        path.unlink(missing_ok=True)
    mailbox.remove_mails_to(address, outbox)
    return plan


def record_in_audit_trail(subject: Subject, acting: User, access: Access | None) -> str:
    """The erasure as the last audit entry of the file; returns the subject key to keep."""
    case_file = get_case_file(subject.person)
    if case_file is None:
        return new_subject_key()  # names nothing: there is no trail to link it with
    audit.record(
        acting,
        case_file,
        AuditAction.ERASE,
        "erasure",
        purpose=access.purpose() if access else SELF,
        organisation_id=access.organisation_id() if access else None,
    )
    return case_file.subject_key


def end_matches(person: Person) -> None:
    """Free what the person's matches hold for the other side and tell the other side."""
    proposals = db.session.scalars(
        select(Proposal)
        .join(Request, Proposal.request_id == Request.id)
        .join(Offer, Proposal.offer_id == Offer.id)
        .where(or_(Request.person_id == person.id, Offer.owner_id == person.id))
        .where(Proposal.status.in_(WAITING))
    ).all()
    for proposal in proposals:
        if proposal.request.person_id == person.id:
            other = proposal.offer.owner
            if proposal.status in HOLDS_PLACE:
                free_place(proposal.offer_id)
        else:
            other = proposal.request.person
            reopen_request(proposal.request_id)
        if proposal.status in HOLDS_PLACE and other.user is not None:
            tell_match_ended(other.user)


def reopen_request(request_id: int) -> None:
    db.session.execute(
        update(Request)
        .where(
            Request.id == request_id,
            Request.status.in_((RequestStatus.IN_ROUND.value, RequestStatus.MATCHED.value)),
        )
        .values(status=RequestStatus.OPEN.value)
        .execution_options(synchronize_session=False)
    )


def tell_match_ended(user: User) -> None:
    with force_locale(user.locale or "de"):
        subject = _("A match has ended")
        body = _(
            "One of your matches has ended because the other person deleted their data on "
            "Brücke. If you were waiting for a match, your request is open again."
        )
    db.session.add(Notification(user_id=user.id, subject=subject, body=body))


def cancel_own_bookings(person: Person) -> None:
    """Appointments still to come are cancelled; the adviser is told without the name."""
    slots = db.session.scalars(
        select(AdviceSlot).where(
            AdviceSlot.booked_by_id == person.id, AdviceSlot.starts_at > utcnow()
        )
    ).all()
    for slot in slots:
        adviser = slot.offer.owner.user
        if adviser is None:
            continue
        with force_locale(adviser.locale or "de"):
            subject = _("An appointment was cancelled")
            body = _(
                "The appointment on %(when)s (%(title)s) is free again: the person who booked "
                "it deleted their data on Brücke.",
                when=local_time_text(slot.starts_at, adviser.locale or "de"),
                title=slot.offer.title,
            )
        db.session.add(Notification(user_id=adviser.id, subject=subject, body=body))


def delete_own_offers(person: Person, acting: User, search_link: str) -> None:
    """Offers go the usual way: people with an appointment still to come are told by mail."""
    for offer in db.session.scalars(select(Offer).where(Offer.owner_id == person.id)).all():
        delete_offer(offer, acting, utcnow(), search_link)


def certificate_files(person: Person | None) -> list[str]:
    if person is None:
        return []
    profile = db.session.get(MentorProfile, person.id)
    return (
        [profile.conduct_certificate_file] if profile and profile.conduct_certificate_file else []
    )


def empty_shared_rows(holdings: graph.Holdings) -> None:
    """Empty the person's part of other people's rows (e.g. a booked appointment)."""
    for edge in graph.foreign_key_edges():
        if edge.kind != Kind.SHARED or not edge.link:
            continue
        values = holdings.values(edge.parent, edge.target)
        if values:
            db.session.execute(
                update(edge.child)
                .where(edge.column.in_(sorted(values)))
                .values(dict.fromkeys(edge.link.scrub))
            )


def delete_roots(subject: Subject) -> None:
    """Delete the person and the account; the database deletes what hangs off them (the
    catalogue test proves every OWNED foreign key cascades) and empties staff references."""
    tables = graph.tables()
    for name, key in zip(ROOTS[::-1], (subject.person_id, subject.user_id), strict=True):
        if key is not None:
            db.session.execute(delete(tables[name]).where(tables[name].c.id == key))
    db.session.flush()


def verify_gone(holdings: graph.Holdings) -> None:
    """Nothing collected before (except what is kept) may still be in the database."""
    tables = graph.tables()
    for name, rows in holdings.owned.items():
        if name in KEPT_ON_ERASURE or not rows:
            continue
        columns = list(tables[name].primary_key.columns)
        left = db.session.execute(select(*columns).where(tuple_(*columns).in_(list(rows)))).first()
        if left is not None:
            raise ErasureIncomplete(f"rows of {name} are left, e.g. {tuple(left)}")
