"""A person with data in every table that can hold something about them, and the people around
them: a mentor she is matched with, a newcomer matched with her own tandem offer, a coordinator
whose organisation holds her consent, and an adviser she booked."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from app.accounts.models import Membership, Organisation, Region, User
from app.casefile import models as cf
from app.casefile.access.audit import record
from app.casefile.models.documents import GeneratedDocument
from app.core.db import utcnow
from app.core.outbox import OutboxMail, queue_mail
from app.core.permissions import Role
from app.extensions import db
from app.matches.models import AnswerOnBehalf, ExcludedPair, Notification, Proposal, Rating
from app.offers.models import Offer, OfferSkill, Request
from app.privacy.models import DataExport
from app.profiles import services as profile_services
from app.profiles.models import (
    AdviserProfile,
    AvailabilitySlot,
    Consent,
    EmployerProfile,
    Person,
    PersonGoal,
    PersonLanguage,
    PersonSkill,
    ProfileChange,
    RefugeeProfile,
    VolunteerProfile,
)
from tests.app.builders import Builders, in_app_context
from tests.app.offers.builders import OfferBuilders

GIVEN, FAMILY = "Zoltanka", "Quistgaard"
EMAIL = "zoltanka.quistgaard@privacy.example"
PHONE = "+49 151 98765432"
PDF_BYTES = b"%PDF-1.4 test certificate of Zoltanka Quistgaard"
EARLIER_EXPORT = b"%PDF-1.4 an earlier export of the data of Zoltanka Quistgaard"


@dataclass
class RichWorld:
    district: Region
    organisation: Organisation
    coordinator: User
    user: User
    person: Person
    case_file: cf.CaseFile
    mentor: User
    mentor_offer: Offer
    other: User
    other_person: Person
    adviser: User


class RichBuilder:
    def __init__(self, build: Builders, offers: OfferBuilders) -> None:
        self.app, self.build, self.offers = build.app, build, offers

    def world(self, certificate_folder) -> RichWorld:
        district = self.build.district("Landkreis Osnabrück", ("Bramsche", "Melle"))
        organisation = self.build.organisation("Integration OS", district)
        coordinator = self.build.coordinator(organisation, name="Carla Koordinatorin")
        town = district.children[0]
        roles = (Role.REFUGEE, Role.MENTOR, Role.EMPLOYER, Role.ADVISER)
        user = self.build.user(*roles, email=EMAIL, name=f"{GIVEN} {FAMILY}", second_factor=True)
        person = self.offers.person(user, town, GIVEN, languages=("ar", "de"))
        mentor = self.build.user(Role.MENTOR, name="Mentor Mats", locale="de")
        mentor_person = self.offers.person(mentor, town, "Mats", languages=("de", "ar"))
        mentor_offer = self.offers.offer(
            mentor_person, town, kind="mentoring", title="Tandem Mats", capacity=2
        )
        other = self.build.user(Role.REFUGEE, name="Other Olga")
        other_person = self.offers.person(other, town, "Olga", languages=("uk",))
        adviser = self.build.user(Role.ADVISER, name="Adviser Anton")
        adviser_offer = self.offers.offer(
            self.offers.person(adviser, town, "Anton"), town, kind="advice", title="Gründung"
        )
        booked = self.offers.slot(adviser_offer)
        case_file = self.fill(
            user,
            person,
            organisation,
            coordinator,
            mentor,
            mentor_offer,
            other,
            other_person,
            booked.id,
            certificate_folder,
        )
        return RichWorld(
            district,
            organisation,
            coordinator,
            user,
            person,
            case_file,
            mentor,
            mentor_offer,
            other,
            other_person,
            adviser,
        )

    @in_app_context
    def fill(
        self,
        user,
        person,
        organisation,
        coordinator,
        mentor,
        mentor_offer,
        other,
        other_person,
        booked_slot_id,
        certificate_folder,
    ) -> cf.CaseFile:
        person = db.session.merge(person)
        person.family_name, person.phone, person.date_of_birth = FAMILY, PHONE, date(1988, 3, 9)
        self.profile(person, organisation, user)
        profile_services.store_certificate(
            person, io.BytesIO(PDF_BYTES), f"fuehrungszeugnis-{FAMILY}.pdf", certificate_folder
        )
        self.marketplace(person, user, mentor, mentor_offer, other, other_person, booked_slot_id)
        self.answered_on_behalf(person, coordinator, organisation)
        case_file = self.case_file(person, organisation, coordinator)
        db.session.add(
            DataExport(
                user_id=user.id,
                person_id=person.id,
                requested_by_id=user.id,
                locale="de",
                status="ready",
                pdf=EARLIER_EXPORT,
            )
        )
        # Sent after the commit: kept as .eml in the embedded outbox and as a row of outbox_mail.
        queue_mail(EMAIL, "Willkommen", f"Hallo {GIVEN}!")
        # Still waiting (its broker was down): a mail to somebody else that names her.
        db.session.add(
            OutboxMail(to_address="team@example.org", subject="Neu", body=f"{FAMILY} ist da.")
        )
        db.session.commit()
        return case_file

    def profile(self, person: Person, organisation: Organisation, user: User) -> None:
        person.skills = [PersonSkill(original_text=f"Schneiderin bei {FAMILY}", years=8)]
        person.languages.append(PersonLanguage(code="en", level="B1"))
        person.availability = [AvailabilitySlot(weekday=2, start_minute=1020, end_minute=1140)]
        person.goals = [PersonGoal(goal="job")]
        person.consents = [Consent(purpose="profile", recorded_by_id=user.id, note="online")]
        db.session.add_all(
            [
                RefugeeProfile(
                    person_id=person.id,
                    right_to_work="allowed",
                    origin_country="SY",
                    goals_text=f"Ich, {GIVEN}, möchte nähen.",
                    former_occupation="Schneiderin",
                ),
                VolunteerProfile(person_id=person.id, hours_per_week=3, interests="sewing"),
                EmployerProfile(
                    person_id=person.id, organisation_id=organisation.id, position="CEO"
                ),
                AdviserProfile(person_id=person.id, topics=f"Mode ({GIVEN})"),
                Membership(user_id=user.id, organisation_id=organisation.id),
                # kept on behalf before she had an account: a coordinator changed her phone
                ProfileChange(person_id=person.id, actor_user_id=user.id, fields="phone"),
            ]
        )
        db.session.flush()

    def marketplace(self, person, user, mentor, mentor_offer, other, other_person, slot_id):
        from app.offers.models import AdviceSlot

        own_offer = Offer(
            owner_id=person.id,
            kind="mentoring",
            status="published",
            capacity=1,
            filled=0,
            title=f"Mentoring: {GIVEN}",
            description=f"Call {PHONE}",
            region_id=person.region_id,
        )
        job = Offer(
            owner_id=person.id,
            kind="job",
            status="published",
            title="Näherin",
            description=f"Atelier {FAMILY}, {EMAIL}",
            skills=[OfferSkill(original_text=f"Nähen wie {FAMILY}")],
            region_id=person.region_id,
        )
        db.session.add_all([own_offer, job])
        db.session.flush()
        advice = Offer(
            owner_id=person.id, kind="advice", status="published", title="Mode", capacity=1
        )
        db.session.add(advice)
        db.session.flush()
        db.session.add(
            AdviceSlot(offer_id=advice.id, starts_at=utcnow() + timedelta(days=5), minutes=30)
        )
        slot = db.session.get(AdviceSlot, slot_id)
        slot.booked_by_id, slot.booked_at = person.id, utcnow()
        slot.booking_note, slot.uid = f"{GIVEN} bringt Skizzen, {PHONE}", "uid-1@bruecke.example"
        own_request = Request(
            person_id=person.id, kind="mentoring", topic=f"{GIVEN} sucht Rat", status="matched"
        )
        others_interest = Request(
            person_id=other_person.id, kind="job", offer_id=job.id, status="open"
        )
        others_request = Request(
            person_id=other_person.id, kind="mentoring", topic="Olga", status="matched"
        )
        earlier_request = Request(
            person_id=person.id, kind="mentoring", topic=f"Früher: {GIVEN}", status="matched"
        )
        db.session.add_all([own_request, others_interest, others_request, earlier_request])
        db.session.flush()
        mentor_offer = db.session.merge(mentor_offer)
        mentor_offer.filled = 1
        active = Proposal(
            request_id=own_request.id,
            offer_id=mentor_offer.id,
            status="active",
            seeker_answer="accepted",
            provider_answer="accepted",
        )
        ended = Proposal(
            request_id=others_request.id, offer_id=own_offer.id, status="ended", ended_at=utcnow()
        )
        # an earlier tandem with Mats that ended, rated by both, and a rejected proposal
        earlier = Proposal(
            request_id=earlier_request.id,
            offer_id=mentor_offer.id,
            status="ended",
            ended_at=utcnow(),
            reasons=[{"key": "skill_match", "params": {"skills": [f"Nähen ({FAMILY})"]}}],
        )
        rejected = Proposal(
            request_id=earlier_request.id,
            offer_id=mentor_offer.id,
            status="rejected",
            reject_reason=f"{GIVEN} wohnt zu weit",
        )
        db.session.add_all([active, ended, earlier, rejected])
        db.session.flush()
        db.session.add_all(
            [
                Rating(
                    proposal_id=earlier.id,
                    offer_id=mentor_offer.id,
                    by_user_id=user.id,
                    stars=5,
                    comment=f"Danke Mats! {GIVEN}",
                ),
                Rating(
                    proposal_id=earlier.id,
                    offer_id=mentor_offer.id,
                    by_user_id=mentor.id,
                    stars=3,
                    comment=f"{GIVEN} kam oft zu spät",
                ),
                Notification(
                    user_id=mentor.id,
                    proposal_id=earlier.id,
                    subject="Match",
                    body=f"A match is proposed: {GIVEN}",
                ),
            ]
        )
        db.session.add_all(
            [
                Rating(
                    proposal_id=ended.id,
                    offer_id=own_offer.id,
                    by_user_id=other.id,
                    stars=5,
                    comment=f"{GIVEN} war toll",
                ),
                Rating(
                    proposal_id=ended.id,
                    offer_id=own_offer.id,
                    by_user_id=user.id,
                    stars=4,
                    comment="Olga lernt schnell",
                ),
                ExcludedPair(person_id=person.id, offer_id=mentor_offer.id, reason=f"{FAMILY}: no"),
                Notification(
                    user_id=user.id, proposal_id=active.id, subject="Match", body=f"Hallo {GIVEN}"
                ),
                Notification(
                    user_id=mentor.id,
                    proposal_id=active.id,
                    subject="Match",
                    body=f"A match is proposed: {GIVEN}",
                ),
            ]
        )
        db.session.flush()

    def answered_on_behalf(self, person, coordinator, organisation) -> None:
        """Kept on behalf before she had an account: a coordinator recorded her yes to the
        earlier tandem, which she gave in person at the office."""
        earlier = db.session.scalar(
            select(Proposal)
            .join(Request, Request.id == Proposal.request_id)
            .where(Request.person_id == person.id, Proposal.status == "ended")
        )
        db.session.add(
            AnswerOnBehalf(
                proposal_id=earlier.id,
                side="seeker",
                answer="accepted",
                answered_by="person",
                channel="in_person",
                answered_on=date(2026, 1, 5),
                recorded_by_id=coordinator.id,
                recorded_by_organisation_id=organisation.id,
            )
        )
        db.session.flush()

    def case_file(self, person, organisation, coordinator) -> cf.CaseFile:
        case_file = cf.CaseFile(
            person_id=person.id,
            opened_by_id=coordinator.id,
            responsible_organisation_id=organisation.id,
        )
        db.session.add(case_file)
        db.session.flush()
        by = {
            "case_file_id": case_file.id,
            "recorded_by_id": coordinator.id,
            "recorded_by_organisation_id": organisation.id,
        }
        today = date.today()
        qualification = cf.Qualification(
            kind="vocational", title=f"Schneiderin ({FAMILY})", country="SY", year=2008, **by
        )
        goal = cf.CaseGoal(category="job", title=f"Arbeit für {GIVEN}", agreed_on=today, **by)
        status = cf.StatusEntry(status="recognised", since=today, note=f"{GIVEN} anerkannt", **by)
        db.session.add_all([qualification, goal, status])
        db.session.flush()
        measure = cf.Measure(
            goal_id=goal.id,
            description=f"Bewerbung {FAMILY}",
            responsible_organisation_id=organisation.id,
            due_on=today,
            **by,
        )
        db.session.add(measure)
        db.session.flush()
        db.session.add_all(
            [
                cf.StatusEntry(
                    status="residence_permit",
                    since=today,
                    supersedes_id=status.id,
                    note="corrected",
                    **by,
                ),
                cf.ResidenceObligationEntry(
                    region_id=person.region_id, since=today, note=PHONE, **by
                ),
                cf.WorkPermissionEntry(right_to_work="allowed", since=today, note=EMAIL, **by),
                cf.RecognitionEntry(
                    qualification_id=qualification.id,
                    status="applied",
                    since=today,
                    authority="IHK FOSA",
                    note=GIVEN,
                    **by,
                ),
                cf.CourseEntry(
                    course="integration_basic_1",
                    provider="VHS",
                    started_on=today,
                    status="attending",
                    **by,
                ),
                cf.LanguageTestResult(
                    language="de", test_name="DTZ", level="B1", taken_on=today, **by
                ),
                cf.GoalStatusEntry(
                    goal_id=goal.id, status="in_progress", since=today, note=FAMILY, **by
                ),
                cf.MeasureStatusEntry(measure_id=measure.id, status="open", since=today, **by),
                cf.CaseNote(text=f"{GIVEN} {FAMILY} rief an: {PHONE}", purpose="counselling", **by),
                cf.AccessGrant(
                    person_id=person.id,
                    organisation_id=organisation.id,
                    purpose="counselling",
                    granted_by_id=coordinator.id,
                    on_behalf=True,
                    note=f"Formular {FAMILY}",
                ),
                GeneratedDocument(
                    case_file_id=case_file.id,
                    kind="agreement",
                    languages="de,ar",
                    status="ready",
                    pdf=PDF_BYTES,
                    purpose="counselling",
                    created_by_id=coordinator.id,
                ),
            ]
        )
        db.session.flush()
        for section in ("status", "notes"):
            record(
                coordinator,
                case_file,
                cf.AuditAction.READ,
                section,
                purpose="counselling",
                organisation_id=organisation.id,
                detail="file page",
            )
        return case_file
