"""Labels for the readable export: column names and coded values in the reader's language.

The JSON export keeps the database's own names; the readable document shows these labels, hides
technical columns (row ids, coordinates, checksums) and names organisations and regions instead
of their ids. A column without a label is shown by its name.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from app.casefile.access.policy import SECTION_LABELS
from app.casefile.entries.display import ACTION_LABELS, AUDIT_SECTION_LABELS
from app.casefile.models.access import PURPOSE_LABELS
from app.casefile.models.documents import DOCUMENT_KIND_LABELS, DOCUMENT_STATUS_LABELS
from app.casefile.models.goals import GOAL_STATUS_LABELS, MEASURE_STATUS_LABELS
from app.casefile.models.learning import (
    COURSE_LABELS,
    COURSE_STATUS_LABELS,
    QUALIFICATION_KIND_LABELS,
    RECOGNITION_LABELS,
)
from app.casefile.models.status import LIFECYCLE_LABELS
from app.core.permissions import ROLE_LABELS
from app.matches.models import (
    ANSWER_CHANNEL_LABELS,
    ANSWERED_BY_LABELS,
    LAPSE_CAUSE_LABELS,
    PROPOSAL_STATUS_LABELS,
)
from app.offers.models import (
    MEETING_MODE_LABELS,
    OFFER_KIND_LABELS,
    OFFER_STATUS_LABELS,
    REQUEST_STATUS_LABELS,
)
from app.profiles.models import GENDER_LABELS, GOAL_LABELS, LEVEL_LABELS, RIGHT_TO_WORK_LABELS
from app.profiles.options import RESIDENCE_STATUS_LABELS

# Shown as the name of the organisation or region they point to.
NAMED_TARGETS = ("organisation", "region")
TECHNICAL = frozenset(
    {
        "lat",
        "lon",
        "uid",
        "sha256",
        "components",
        "score",
        "reasons",
        "taxonomy_id",
        "session_token",
        "conduct_certificate_file",
        "subject_key",
        "supersedes_id",
    }
)

COLUMN_LABELS: dict[str, Any] = {
    "action": _l("What was done"),
    "activated_at": _l("Active since"),
    "answered_by": _l("Who answered"),
    "answered_on": _l("Answered on"),
    "channel": _l("How"),
    "active": _l("Active"),
    "agreed_on": _l("Agreed on"),
    "arrival_date": _l("Arrival date"),
    "at": _l("When"),
    "authority": _l("Authority"),
    "body": _l("Message"),
    "booked_at": _l("Booked at"),
    "booking_note": _l("Your note"),
    "capacity": _l("Places"),
    "category": _l("Category"),
    "code": _l("Language"),
    "comment": _l("Comment"),
    "conduct_certificate_checked_on": _l("Checked on"),
    "conduct_certificate_filename": _l("Uploaded file"),
    "conduct_certificate_issued_on": _l("Issued on"),
    "conduct_certificate_valid_until": _l("Valid until"),
    "confirmed_at": _l("Confirmed at"),
    "country": _l("Country"),
    "course": _l("Course"),
    "created_at": _l("Created at"),
    "date_of_birth": _l("Date of birth"),
    "decided_at": _l("Decided at"),
    "description": _l("Description"),
    "detail": _l("Detail"),
    "display_name": _l("Name"),
    "due_on": _l("Due on"),
    "email": _l("E-mail"),
    "end_minute": _l("Until (minutes after midnight)"),
    "ended_at": _l("Ended at"),
    "ended_on": _l("Ended on"),
    "family_name": _l("Family name"),
    "filled": _l("Places taken"),
    "finished_at": _l("Finished at"),
    "former_occupation": _l("Former occupation"),
    "gender": _l("Gender"),
    "given_name": _l("Given name"),
    "goal": _l("Goal"),
    "goals_text": _l("Your goals in your words"),
    "granted_at": _l("Given at"),
    "hours_per_week": _l("Hours per week"),
    "interests": _l("Interests"),
    "interpreter_available": _l("Interpreter available"),
    "kind": _l("Kind"),
    "language": _l("Language"),
    "languages": _l("Languages"),
    "lapse_cause": _l("Why it lapsed"),
    "last_login_at": _l("Last login"),
    "level": _l("Level"),
    "locale": _l("Language of the site"),
    "manual": _l("Made by hand"),
    "max_km": _l("Travel radius (km)"),
    "meeting_mode": _l("Meeting"),
    "min_german": _l("German needed"),
    "minutes": _l("Minutes"),
    "note": _l("Note"),
    "on_behalf": _l("Recorded on your behalf"),
    "opened_at": _l("Opened at"),
    "origin_country": _l("Country of origin"),
    "original_text": _l("In your words"),
    "pdf": _l("Document"),
    "phone": _l("Phone"),
    "position": _l("Position"),
    "postcode": _l("Postcode"),
    "preferred_mentor_gender": _l("Preferred mentor"),
    "provider": _l("Provider"),
    "provider_answer": _l("Answer of the offering side"),
    "purpose": _l("Purpose"),
    "read_at": _l("Read at"),
    "reason": _l("Reason"),
    "recorded_at": _l("Recorded at"),
    "reject_reason": _l("Reason for rejection"),
    "residence_status": _l("Residence status"),
    "right_to_work": _l("Right to work"),
    "role": _l("Role"),
    "section": _l("Part of the file"),
    "seeker_answer": _l("Answer of the seeking side"),
    "since": _l("Since"),
    "stars": _l("Stars"),
    "start_minute": _l("From (minutes after midnight)"),
    "started_on": _l("Started on"),
    "starts_at": _l("Starts at"),
    "status": _l("Status"),
    "subject": _l("Subject"),
    "taken_on": _l("Taken on"),
    "tandem_capacity": _l("Tandem places"),
    "test_name": _l("Test"),
    "text": _l("Text"),
    "title": _l("Title"),
    "topic": _l("Topic"),
    "topics": _l("Topics"),
    "town": _l("Town"),
    "until": _l("Until"),
    "updated_at": _l("Changed at"),
    "valid_until": _l("Valid until"),
    "waiting_since": _l("Waiting since"),
    "weekday": _l("Weekday (0 = Monday)"),
    "wished_languages": _l("Wished languages"),
    "wished_mentor_gender": _l("Wished mentor"),
    "withdrawn_at": _l("Withdrawn at"),
    "year": _l("Year"),
    "years": _l("Years"),
    "organisation_id": _l("Organisation"),
    "region_id": _l("Region"),
    "actor_organisation_id": _l("Organisation"),
    "recorded_by_organisation_id": _l("Recorded by the organisation"),
    "responsible_organisation_id": _l("Responsible organisation"),
    "created_by_organisation_id": _l("Made by the organisation"),
    "residence_obligation_region_id": _l("Must live in"),
}

# Coded values: by column, and by (table, column) where the same name means different things.
VALUE_LABELS: dict[str, dict[Any, Any]] = {
    "role": ROLE_LABELS,
    "gender": GENDER_LABELS,
    "level": LEVEL_LABELS,
    "min_german": LEVEL_LABELS,
    "right_to_work": RIGHT_TO_WORK_LABELS,
    "goal": GOAL_LABELS,
    "category": GOAL_LABELS,
    "residence_status": RESIDENCE_STATUS_LABELS,
    "purpose": PURPOSE_LABELS,
    "course": COURSE_LABELS,
    "meeting_mode": MEETING_MODE_LABELS,
    "section": SECTION_LABELS,
    "audit_entry.action": ACTION_LABELS,
    "audit_entry.section": AUDIT_SECTION_LABELS,
    "offer.status": OFFER_STATUS_LABELS,
    "offer.kind": OFFER_KIND_LABELS,
    "request.status": REQUEST_STATUS_LABELS,
    "request.kind": OFFER_KIND_LABELS,
    "proposal.status": PROPOSAL_STATUS_LABELS,
    "proposal.lapse_cause": LAPSE_CAUSE_LABELS,
    "answer_on_behalf.channel": ANSWER_CHANNEL_LABELS,
    "answer_on_behalf.answered_by": ANSWERED_BY_LABELS,
    "case_status_entry.status": LIFECYCLE_LABELS,
    "case_qualification.kind": QUALIFICATION_KIND_LABELS,
    "case_recognition_entry.status": RECOGNITION_LABELS,
    "case_course_entry.status": COURSE_STATUS_LABELS,
    "case_goal_status_entry.status": GOAL_STATUS_LABELS,
    "case_measure_status_entry.status": MEASURE_STATUS_LABELS,
    "case_generated_document.kind": DOCUMENT_KIND_LABELS,
    "case_generated_document.status": DOCUMENT_STATUS_LABELS,
}


def hidden(column: str) -> bool:
    """Row ids and other technical columns stay out of the readable document (not the JSON)."""
    named = column in COLUMN_LABELS
    return column in TECHNICAL or (not named and (column == "id" or column.endswith("_id")))


def column_label(column: str) -> str:
    label = COLUMN_LABELS.get(column)
    return str(label) if label is not None else column.replace("_", " ")


def value_label(table: str, column: str, value: Any) -> Any:
    labels = VALUE_LABELS.get(f"{table}.{column}") or VALUE_LABELS.get(column)
    if labels and isinstance(value, str) and value in labels:
        return str(labels[value])
    return value
