"""Erasure (GDPR Art. 17): every row of the person goes; what must be kept stays pseudonymous.

What goes is what the export shows (``catalogue`` OWNED rows): the account, the profile and its
sections, offers, requests, matches and their ratings, inbox, consents, the case file with every
entry and generated document, the grants, and the uploaded certificate file. The person's part
of somebody else's row (a booked appointment) is emptied and the adviser told; mail kept in the
outbox of an installation without mail server is deleted, and so are the rows of the outbox mail
table to the person or naming them (sent or still waiting); where staff records name the person as
the one who acted, the database sets the column to NULL.

Kept (Art. 17(3)(b) and (e), accountability under Art. 5(2) and 30): the case file's audit
trail, which names the person only by the case file's random subject key — with the case file
gone, nothing links the key to anyone — and one ErasureRecord that says when, by whom and why.
What the other side of a match keeps, without the person, is decided in app.matches.lifecycle.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, tuple_, update

from app.accounts.models import User
from app.casefile.access import audit
from app.casefile.access.policy import Access
from app.casefile.models import AuditAction, ErasureRecord
from app.casefile.models.access import SELF
from app.casefile.models.base import new_subject_key
from app.core.db import checkpoint_after_commit, utcnow
from app.extensions import db
from app.matches import lifecycle
from app.offers.models import Offer
from app.offers.services import delete_offer
from app.privacy import graph, mailbox, others
from app.privacy.catalogue import KEPT_ON_ERASURE, ROOTS, Kind, in_reading_order
from app.privacy.queries import Subject, get_case_file
from app.profiles.models import MentorProfile, Person

SELF_REASON = "Request of the person (GDPR Art. 17)"


# Why each kind of kept row is kept, shown before and after erasure.
KEPT_WHY = {
    "audit_entry": _l(
        "Kept without anything that identifies you: it is linked only to a random key of your "
        "case file, and the case file is deleted. We must be able to show who read or changed a "
        "file and when (GDPR Art. 5(2) accountability, Art. 17(3)(b) and (e): legal obligations "
        "of the municipal office and legal claims)."
    ),
    "proposal": _l(
        "Matches that took place stay for the other side, without you: no name, no request "
        "text, no reasons that describe you. That they mentored someone stays theirs."
    ),
    "rating": _l(
        "Your ratings of these matches stay as stars only, without comment and without your "
        "name: they are part of the other side's standing in future matching."
    ),
}


# The same for a coordinator who erases on behalf of a person kept without an account.
KEPT_WHY_ON_BEHALF = {
    "audit_entry": _l(
        "Kept without anything that identifies the person: it is linked only to a random key of "
        "their case file, and the case file is deleted. We must be able to show who read or "
        "changed a file and when (GDPR Art. 5(2) accountability, Art. 17(3)(b) and (e): legal "
        "obligations of the municipal office and legal claims)."
    ),
    "proposal": _l(
        "Matches that took place stay for the other side, without the person: no name, no "
        "request text, no reasons that describe the person. That the other side mentored "
        "someone stays theirs."
    ),
    "rating": _l(
        "The person's ratings of these matches stay as stars only, without comment and without "
        "their name: they are part of the other side's standing in future matching."
    ),
}


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
    other_mails: int = 0  # kept mails to other people that name the person


def plan_for(subject: Subject, outbox: Path | None) -> ErasurePlan:
    """What erasing ``subject`` would remove and keep, without changing anything."""
    holdings = graph.collect(subject.user_id, subject.person_id)
    kept = lifecycle.matches_to_keep(subject.person, subject.user)
    return plan_from(holdings, kept, subject, outbox)


def plan_from(
    holdings: graph.Holdings, matches: lifecycle.KeptMatches, subject: Subject, outbox: Path | None
) -> ErasurePlan:
    counts = holdings.counts()
    kept = {t: len(keys) for t, keys in matches.keys().items()}
    deleted = {t: n - kept.get(t, 0) for t, n in counts.items() if t not in KEPT_ON_ERASURE}
    kept_rows = {**{t: n for t, n in counts.items() if t in KEPT_ON_ERASURE}, **kept}
    kept_rows.pop("request", None)  # a kept match's request is part of it, emptied
    return ErasurePlan(
        deleted={t: n for t, n in deleted.items() if n > 0},
        emptied={t: len(rows) for t, rows in holdings.shared.items() if rows},
        kept=in_reading_order({t: n for t, n in kept_rows.items() if n > 0}),
        staff_references=sum(len(keys) for keys in holdings.references.values()),
        files=len(certificate_files(subject.person)),
        mails=len(mailbox.mails_to(subject.email, outbox)),
        other_mails=len(mails_to_others_naming(subject, outbox)),
    )


def identifying_words(subject: Subject) -> list[str]:
    """What names the person in a text: their names, phone number (as written and without
    spaces) and e-mail address."""
    person, user = subject.person, subject.user
    words = [subject.email, user.display_name if user else None]
    if person is not None:
        phone = person.phone or ""
        words += [person.given_name, person.family_name, phone, "".join(phone.split())]
    return list(dict.fromkeys(w.strip() for w in words if w and len(w.strip()) > 1))


def mails_to_others_naming(subject: Subject, outbox: Path | None) -> list[Path]:
    to_them = {path for path, _m in mailbox.mails_to(subject.email, outbox)}
    naming = mailbox.mails_naming(identifying_words(subject), outbox)
    return [path for path, _m in naming if path not in to_them]


def names_the_person(text: str, subject: Subject) -> bool:
    """Whether a coordinator's reason for erasure names the person or their phone number: the
    reason is kept in the ErasureRecord, so it must not identify whom it was about."""
    return any(word.casefold() in text.casefold() for word in identifying_words(subject))


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
    kept = lifecycle.matches_to_keep(subject.person, subject.user)
    plan = plan_from(holdings, kept, subject, outbox)
    files = [upload_folder / name for name in certificate_files(subject.person)]
    words = identifying_words(subject)  # read now: the rows are deleted below
    if subject.person is not None:
        lifecycle.forget_person(subject.person, kept)
        others.cancel_own_bookings(subject.person)
        delete_own_offers(subject.person, acting, search_link)
    empty_shared_rows(holdings)
    db.session.add(
        ErasureRecord(subject_key=subject_key, erased_by_id=acting.id, reason=reason.strip())
    )
    db.session.flush()
    delete_roots(subject)
    verify_gone(holdings, kept.keys())
    # Files last: if anything above fails, the transaction rolls back and the files are intact.
    for path in files:
        path.unlink(missing_ok=True)
    # Mail to the person and mail to others that names them (a mentor told of the match, an
    # adviser of a cancelled appointment), including what the steps above just sent.
    mailbox.remove_mails(mailbox.mails_naming(words, outbox))
    mailbox.remove_queued_mails(words)
    # The rows are deleted, but on SQLite their bytes stay in the write-ahead log until a
    # checkpoint: write it back to the (securely deleting) database file once committed.
    checkpoint_after_commit(db.session())
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


def verify_gone(holdings: graph.Holdings, kept: dict[str, set[graph.Key]]) -> None:
    """Nothing collected before, except what is kept, may still be in the database."""
    tables = graph.tables()
    for name, rows in holdings.owned.items():
        keys = [key for key in rows if key not in kept.get(name, set())]
        if name in KEPT_ON_ERASURE or not keys:
            continue
        columns = list(tables[name].primary_key.columns)
        left = db.session.execute(select(*columns).where(tuple_(*columns).in_(keys))).first()
        if left is not None:
            raise ErasureIncomplete(f"rows of {name} are left, e.g. {tuple(left)}")
