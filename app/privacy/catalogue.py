"""How every foreign key that points at a person's rows is treated by export and erasure.

The walk starts at the person's row and their account's row and follows the foreign keys from a
referenced row to the rows that reference it. Each such foreign key is named here, once, with
what it means — a test enumerates ``db.metadata`` and fails when a table references a person's
rows (directly or through other rows of theirs) by a foreign key not named here. So a new table
cannot be forgotten: whoever adds it decides here whether it is the person's data.

Kinds:
- OWNED: the row is the person's (or hangs off their rows). Exported in full and followed
  further; erased with the person (the foreign key must cascade, the test checks that) — except
  the matches that took place, which app.matches.lifecycle keeps for the other side without the
  person.
- SHARED: somebody else's row that holds a part about the person (a booked appointment).
  Exported in full, not followed; on erasure the person's part (``scrub``) is emptied.
- ACTOR: somebody else's record names the person as the one who acted (who recorded, decided,
  confirmed). Only a reference (table, row id) is exported; on erasure the database sets the
  column to NULL (the test checks ON DELETE SET NULL).
- OTHERS: rows of other people attached to the person's rows (their interest in an offer,
  their inbox). Not exported — they are other people's data; erased with the person's row.
- INTERNAL: a reference between rows already exported (a correction names the row it
  corrects): nothing more to export or erase.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString


class Kind(StrEnum):
    OWNED = "owned"
    SHARED = "shared"
    ACTOR = "actor"
    OTHERS = "others"
    INTERNAL = "internal"


@dataclass(frozen=True)
class Link:
    kind: Kind
    why: LazyString | None = None
    scrub: tuple[str, ...] = ()


# The tables the walk starts from: the account and the person profile.
ROOTS = ("user", "person")

STAFF_RECORD = _l(
    "A record of the organisation that names you as the staff member who acted; you get the "
    "reference, the record itself is not about you."
)
OTHER_PEOPLE = _l("Other people's data attached to your rows; it goes when your rows go.")
CORRECTION = _l("A correction names the entry it corrects; both are in your export.")

OWNED = Link(Kind.OWNED)
ACTOR = Link(Kind.ACTOR, STAFF_RECORD)
OTHERS = Link(Kind.OTHERS, OTHER_PEOPLE)
INTERNAL = Link(Kind.INTERNAL, CORRECTION)

LINKS: dict[str, Link] = {
    # accounts
    "user_role.user_id": OWNED,
    "membership.user_id": OWNED,
    "person.user_id": OWNED,
    "second_factor.user_id": OWNED,
    "second_factor.ended_by_id": ACTOR,
    "recovery_code.second_factor_id": OWNED,
    "person.created_by_id": Link(
        Kind.ACTOR,
        _l("People a coordinator keeps on behalf are their own data, not the coordinator's."),
    ),
    # profiles
    "person_skill.person_id": OWNED,
    "person_language.person_id": OWNED,
    "availability_slot.person_id": OWNED,
    "person_goal.person_id": OWNED,
    "consent.person_id": OWNED,
    "consent.recorded_by_id": ACTOR,
    "refugee_profile.person_id": OWNED,
    "volunteer_profile.person_id": OWNED,
    "mentor_profile.person_id": OWNED,
    "mentor_profile.conduct_certificate_checked_by_id": ACTOR,
    "employer_profile.person_id": OWNED,
    "adviser_profile.person_id": OWNED,
    "profile_change.person_id": OWNED,
    "profile_change.actor_user_id": ACTOR,
    # offers and requests
    "offer.owner_id": OWNED,
    "offer_skill.offer_id": OWNED,
    "advice_slot.offer_id": OWNED,
    "advice_slot.booked_by_id": Link(
        Kind.SHARED,
        _l("Your appointment with an adviser: the adviser keeps the free time slot."),
        scrub=("booked_by_id", "booked_at", "booking_note", "uid"),
    ),
    "request.person_id": OWNED,
    "request.offer_id": Link(
        Kind.OTHERS,
        _l("Other people's interest in your offers is their data; it goes with your offer."),
    ),
    # matches
    "proposal.request_id": OWNED,
    "proposal.offer_id": OWNED,
    "proposal.decided_by_id": ACTOR,
    "proposal.ended_by_id": ACTOR,
    "rating.proposal_id": OWNED,
    "rating.offer_id": OWNED,
    "rating.by_user_id": ACTOR,  # a person's own ratings come through their matches
    "excluded_pair.person_id": OWNED,
    "excluded_pair.offer_id": Link(
        Kind.OTHERS,
        _l("A coordinator's decision about another person and your offer."),
    ),
    "excluded_pair.created_by_id": ACTOR,
    "notification.user_id": OWNED,
    "notification.proposal_id": Link(
        Kind.OTHERS, _l("The other person's inbox messages about a match with you.")
    ),
    "matching_round.started_by_id": ACTOR,
    "answer_on_behalf.proposal_id": OWNED,
    "answer_on_behalf.recorded_by_id": ACTOR,
    # knowledge and evidence: work records of staff
    "knowledge_article.created_by_id": ACTOR,
    "knowledge_article_version.edited_by_id": ACTOR,
    "knowledge_article_version.published_by_id": ACTOR,
    "capacity_figure.recorded_by_id": ACTOR,
    # the case file
    "case_file.person_id": OWNED,
    "case_file.opened_by_id": ACTOR,
    "access_grant.person_id": OWNED,
    "access_grant.granted_by_id": ACTOR,
    "access_grant.withdrawn_by_id": ACTOR,
    "audit_entry.actor_user_id": ACTOR,
    "erasure_record.erased_by_id": ACTOR,
    "case_recognition_entry.qualification_id": OWNED,
    "case_goal_status_entry.goal_id": OWNED,
    "case_measure.goal_id": OWNED,
    "case_measure_status_entry.measure_id": OWNED,
    "case_generated_document.case_file_id": OWNED,
    "case_generated_document.created_by_id": ACTOR,
    # PDFs of the person's data that were asked for
    "data_export.user_id": OWNED,
    "data_export.person_id": OWNED,
    "data_export.requested_by_id": ACTOR,
}

# Every table of case-file entries: part of the file, recorded by staff, corrected by new rows.
CASE_ENTRY_TABLES = (
    "case_status_entry",
    "case_residence_obligation_entry",
    "case_work_permission_entry",
    "case_qualification",
    "case_recognition_entry",
    "case_course_entry",
    "case_language_test_result",
    "case_goal",
    "case_goal_status_entry",
    "case_measure",
    "case_measure_status_entry",
    "case_note",
)
for _table in CASE_ENTRY_TABLES:
    LINKS[f"{_table}.case_file_id"] = OWNED
    LINKS[f"{_table}.recorded_by_id"] = ACTOR
    LINKS[f"{_table}.supersedes_id"] = INTERNAL


@dataclass(frozen=True)
class KeyLink:
    """A link without a foreign key: ``table.column`` holds values of ``source``."""

    source: str
    why: LazyString


# The audit trail names the person only through the case file's subject key. It is exported and,
# on erasure, kept: once the case file is gone, nothing links the key to the person.
KEY_LINKS: dict[str, KeyLink] = {
    "audit_entry.subject_key": KeyLink(
        "case_file.subject_key",
        _l(
            "The audit trail of your case file: who read or changed it, when and why. It is kept "
            "after erasure without anything that identifies you (accountability, GDPR Art. 5(2))."
        ),
    ),
}

# Columns that look like a link to a person but are deliberately not followed.
UNLINKED: dict[str, LazyString] = {
    "erasure_record.subject_key": _l(
        "Written only when a person's data is erased; it names nobody (accountability, "
        "GDPR Art. 5(2))."
    ),
}

SECRET = _l("A secret (password hash, session key): useless to you, risky in a file.")

# Never exported, and why: secrets that are useless to the person and dangerous in a file, and
# earlier PDFs of the export itself (each would hold all earlier ones, growing without end).
OMITTED_COLUMNS: dict[str, LazyString] = {
    "user.password_hash": SECRET,
    "user.session_token": SECRET,
    "second_factor.secret": SECRET,
    "recovery_code.code_hash": SECRET,
    "data_export.pdf": _l("An earlier copy of this export: it only repeats what you get now."),
}

# Tables that name a person in free text, not by a key: the mail outbox (``app.core.outbox``)
# holds the address, and the name in subject and body. Erasure deletes every row to the person or
# naming them (``mailbox.remove_queued_mails``); not exported, the mail itself is (``mailbox``).
NAMED_IN_TEXT = frozenset({"outbox_mail"})

# Rows kept on erasure (pseudonymous once the case file is gone).
KEPT_ON_ERASURE = frozenset({"audit_entry"})

TABLE_LABELS: dict[str, LazyString] = {
    "user": _l("Account"),
    "user_role": _l("Roles"),
    "membership": _l("Memberships in organisations"),
    "second_factor": _l("Second factor at login"),
    "recovery_code": _l("Recovery codes of the second factor"),
    "person": _l("Profile"),
    "person_skill": _l("Skills"),
    "person_language": _l("Languages"),
    "availability_slot": _l("Weekly times"),
    "person_goal": _l("Goals"),
    "consent": _l("Consents"),
    "refugee_profile": _l("Newcomer profile"),
    "volunteer_profile": _l("Volunteer profile"),
    "mentor_profile": _l("Mentor profile and certificate of good conduct"),
    "employer_profile": _l("Employer profile"),
    "adviser_profile": _l("Adviser profile"),
    "profile_change": _l("Profile: changes a coordinator made on your behalf"),
    "offer": _l("Offers"),
    "offer_skill": _l("Skills asked for in offers"),
    "advice_slot": _l("Appointments"),
    "request": _l("Requests and interest in offers"),
    "proposal": _l("Matches and proposals"),
    "rating": _l("Ratings"),
    "excluded_pair": _l("Pairs a coordinator ruled out"),
    "notification": _l("Inbox"),
    "answer_on_behalf": _l("Matches: your answers a coordinator recorded for you"),
    "case_file": _l("Case file"),
    "access_grant": _l("Case file: who may read it"),
    "audit_entry": _l("Case file: who read or changed it"),
    "case_status_entry": _l("Case file: status"),
    "case_residence_obligation_entry": _l("Case file: residence obligation"),
    "case_work_permission_entry": _l("Case file: right to work"),
    "case_qualification": _l("Case file: qualifications"),
    "case_recognition_entry": _l("Case file: recognition of qualifications"),
    "case_course_entry": _l("Case file: courses"),
    "case_language_test_result": _l("Case file: language tests"),
    "case_goal": _l("Case file: goals"),
    "case_goal_status_entry": _l("Case file: progress of goals"),
    "case_measure": _l("Case file: measures"),
    "case_measure_status_entry": _l("Case file: progress of measures"),
    "case_note": _l("Case file: notes"),
    "case_generated_document": _l("Case file: agreements and reports (PDF)"),
    "data_export": _l("Your data as PDF: when it was asked for"),
}


def in_reading_order(counts: dict[str, int]) -> dict[str, int]:
    """Tables in the order of TABLE_LABELS (account, profile, … case file), others last."""
    order = {name: place for place, name in enumerate(TABLE_LABELS)}
    return {name: counts[name] for name in sorted(counts, key=lambda n: order.get(n, len(order)))}
