"""Consent is the person's: a coordinator records it on their behalf only for a person kept on
behalf in its regions, for its own organisation or one the person named (with the reason), and
a grant holder never adds or withdraws consents (finding 1 of the penetration test, issue 11).

Each test below is one way the bypass worked on the code before: the coordinator's consent page
accepted any organisation and purpose for any person it could see, and withdrew any grant.
"""

from __future__ import annotations

from sqlalchemy import select

from app.accounts.models import Membership, User
from app.casefile.access.policy import OnBehalf
from app.casefile.models import AccessGrant
from app.extensions import db
from tests.app.casefile.conftest import file_url

OWN, OTHER = 1, 2


def grants(app) -> list[tuple[int, str, bool]]:
    with app.app_context():
        rows = db.session.scalars(select(AccessGrant).order_by(AccessGrant.id))
        return [(g.organisation_id, g.purpose, g.active) for g in rows]


def organisation_of(user: User) -> int:
    return db.session.scalar(
        select(Membership.organisation_id).where(Membership.user_id == user.id)
    )


def on_paper(organisation_id: int, **more: str) -> dict[str, object]:
    return {
        "organisation_id": organisation_id,
        "purpose": "counselling",
        "note": "Formular",
        **more,
    }


def test_no_consent_is_recorded_for_a_person_with_an_account(app, as_user, world):
    coordinator = as_user(world.coordinator)
    for organisation in (world.office, world.welfare):
        response = coordinator.post(file_url(world, "/access"), data=on_paper(organisation.id))
        assert response.status_code == 403
    assert grants(app) == []
    assert coordinator.get(file_url(world)).status_code == 404  # nothing opened


def test_a_grant_holder_adds_no_consent_for_any_organisation(app, as_user, world, grant):
    grant(world, "mentoring")
    coordinator = as_user(world.coordinator)
    for purpose in ("counselling", "job_placement"):
        data = {**on_paper(world.office.id), "purpose": purpose}
        assert coordinator.post(file_url(world, "/access"), data=data).status_code == 403
    data = on_paper(world.welfare.id, named_reason="she asked for it")
    assert coordinator.post(file_url(world, "/access"), data=data).status_code == 403
    assert grants(app) == [(world.office.id, "mentoring", True)]


def test_no_consent_is_recorded_for_a_person_outside_the_regions(
    app, as_user, world, kept, stranger, grant
):
    outsider = as_user(stranger)
    url = f"/people/{kept.id}/file/access"
    assert outsider.post(url, data=on_paper(world.office.id)).status_code == 404  # not revealed
    with app.app_context():
        held = AccessGrant(
            person_id=kept.id,
            organisation_id=organisation_of(stranger),
            purpose="mentoring",
            granted_by_id=world.coordinator.id,
            on_behalf=True,
        )
        db.session.add(held)
        db.session.commit()
        own_organisation = held.organisation_id
    # Holding a grant from the person does not make the stranger their keeper.
    assert outsider.post(url, data=on_paper(own_organisation)).status_code == 403
    assert len(grants(app)) == 1


def test_a_grant_holder_withdraws_no_consent_of_a_person_with_an_account(
    app, as_user, world, grant
):
    others = grant(world, "mentoring", world.welfare)
    own = grant(world, "counselling")
    coordinator = as_user(world.coordinator)
    for grant_id in (others, own):
        response = coordinator.post(file_url(world, f"/access/{grant_id}/withdraw"))
        assert response.status_code == 403
    assert [active for *_, active in grants(app)] == [True, True]
    page = coordinator.get(file_url(world, "/access")).get_data(as_text=True)
    assert "/withdraw" not in page and "Record the consent" not in page


def test_a_coordinator_outside_the_regions_withdraws_nothing(app, as_user, world, kept, stranger):
    with app.app_context():
        row = AccessGrant(
            person_id=kept.id,
            organisation_id=organisation_of(stranger),
            purpose="counselling",
            granted_by_id=world.coordinator.id,
            on_behalf=True,
        )
        db.session.add(row)
        db.session.commit()
        grant_id = row.id
    response = as_user(stranger).post(f"/people/{kept.id}/file/access/{grant_id}/withdraw")
    assert response.status_code == 403
    assert [active for *_, active in grants(app)] == [True]


def test_another_organisation_needs_the_reason_the_person_named_it(app, as_user, world, kept):
    coordinator = as_user(world.coordinator)
    url = f"/people/{kept.id}/file/access"
    english = {"Accept-Language": "en"}
    refused = coordinator.post(url, data=on_paper(world.welfare.id), headers=english)
    assert refused.status_code == 422
    assert "write down why the person named it" in refused.get_data(as_text=True)
    blank = coordinator.post(url, data=on_paper(world.welfare.id, named_reason="  "))
    assert blank.status_code == 422
    assert grants(app) == []
    reason = "Sie möchte von der Caritas beraten werden"
    named = coordinator.post(url, data=on_paper(world.welfare.id, named_reason=reason))
    assert named.status_code == 302
    with app.app_context():
        recorded = db.session.scalar(select(AccessGrant))
        assert (recorded.organisation_id, recorded.named_reason) == (world.welfare.id, reason)
        assert recorded.on_behalf and recorded.granted_by_id == world.coordinator.id
    assert reason in coordinator.get(url).get_data(as_text=True)


def test_the_coordinator_withdraws_any_consent_of_a_person_it_keeps(app, as_user, world, kept):
    """The person has no account: every consent of theirs was recorded on paper, and their
    keeper records its withdrawal too, whichever organisation holds it."""
    with app.app_context():
        row = AccessGrant(
            person_id=kept.id,
            organisation_id=world.welfare.id,
            purpose="mentoring",
            granted_by_id=world.other_coordinator.id,
            on_behalf=True,
            named_reason="Patenschaft",
        )
        db.session.add(row)
        db.session.commit()
        grant_id = row.id
    url = f"/people/{kept.id}/file/access/{grant_id}/withdraw"
    assert as_user(world.coordinator).post(url).status_code == 302
    assert grants(app) == [(world.welfare.id, "mentoring", False)]


def test_the_rule_in_one_place():
    keeper = OnBehalf(keeps_person=True, own_organisation_id=OWN)
    holder = OnBehalf(keeps_person=False, own_organisation_id=OWN)
    assert keeper.may_grant(OWN, None) and not keeper.may_grant(OTHER, None)
    assert keeper.may_grant(OTHER, "named by the person") and not keeper.may_grant(OTHER, " ")
    assert not holder.may_record and not holder.may_grant(OWN, "any reason")
    assert keeper.may_withdraw(recorded_on_behalf=True)
    assert not keeper.may_withdraw(recorded_on_behalf=False)
    assert not holder.may_withdraw(recorded_on_behalf=True)
    assert holder.may_see_consents(holds_grant=True) and not holder.may_see_consents(
        holds_grant=False
    )
    nowhere = OnBehalf(keeps_person=True, own_organisation_id=None)
    assert not nowhere.may_record
