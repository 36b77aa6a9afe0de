"""Find and filter: live offers only, kind, distance, language, hours; sorted and paginated."""

from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import insert

from app.core.permissions import Role
from app.extensions import db
from app.offers import queries, services
from app.offers.models import Offer

TITLE = re.compile(r"card-title[^>]*><a [^>]*>([^<]*)<")  # the title, before its hidden suffix


def titles(client, query: str = "", **headers: str) -> list[str]:
    response = client.get(f"/offers/{query}", headers=headers)
    assert response.status_code == 200
    return TITLE.findall(response.get_data(as_text=True))


def test_only_live_offers_are_listed(client, world, offers):
    offers.offer(world.employer_person, world.bramsche, title="Live")
    offers.offer(world.employer_person, world.bramsche, title="Draft", status="draft")
    offers.offer(world.employer_person, world.bramsche, title="Filled", status="filled")
    offers.offer(
        world.employer_person,
        world.bramsche,
        title="Past",
        valid_until=date.today() - timedelta(days=1),
    )
    assert titles(client) == ["Live"]


def test_filters_kind_hours_and_language(client, world, offers):
    offers.offer(world.employer_person, world.bramsche, title="Job A2", min_german="A2")
    offers.offer(world.employer_person, world.bramsche, title="Job free", hours_per_week=40.0)
    arabic = offers.person(None, world.bramsche, "Samir", languages=("ar", "de"))
    offers.offer(arabic, world.bramsche, title="Tandem", kind="mentoring", hours_per_week=2.0)
    german = offers.person(None, world.bramsche, "Uwe", languages=("de",))
    offers.offer(german, world.bramsche, title="Repair", kind="volunteering")
    assert sorted(titles(client, "?kind=mentoring")) == ["Tandem"]
    assert sorted(titles(client, "?max_hours=20")) == ["Job A2", "Repair", "Tandem"]
    # Arabic: the mentor speaks it, and a job that needs no German.
    assert sorted(titles(client, "?language=ar")) == ["Job free", "Tandem"]


def test_nearest_first_from_the_persons_place(client, login, world, offers):
    melle, meppen = world.osnabrueck.children[1], world.meppen
    offers.offer(world.employer_person, meppen, title="Meppen")
    offers.offer(world.employer_person, melle, title="Melle")
    offers.offer(world.employer_person, world.bramsche, title="Bramsche")
    offers.offer(world.employer_person, None, title="Nowhere", lat=None, lon=None, town=None)
    login(world.refugee)
    # The refugee's profile has no coordinates yet: newest first, no distances.
    assert "km away" not in client.get("/offers/").get_data(as_text=True)
    from_bramsche = titles(client, "?postcode=49565", **{"Accept-Language": "en"})
    assert from_bramsche == ["Bramsche", "Melle", "Meppen", "Nowhere"]
    # Melle is 32 km from Bramsche, Meppen 58 km.
    assert titles(client, "?postcode=49565&km=31") == ["Bramsche"]
    assert titles(client, "?postcode=49565&km=33") == ["Bramsche", "Melle"]


def test_a_logged_in_person_searches_from_their_own_place(client, build, login, world, offers):
    offers.offer(world.employer_person, world.meppen, title="Meppen")
    offers.offer(world.employer_person, world.bramsche, title="Bramsche")
    volunteer = build.user(Role.VOLUNTEER)
    offers.person(volunteer, world.meppen, "Lena")
    login(volunteer)
    assert titles(client) == ["Meppen", "Bramsche"]
    assert titles(client, "?km=10") == ["Meppen"]
    page = client.get("/offers/?km=10", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "0 km away" in page or "km away" in page


def test_an_unknown_postcode_in_the_filter_is_explained(client):
    response = client.get("/offers/?postcode=00000", headers={"Accept-Language": "en"})
    assert response.status_code == 422
    assert "We do not know this postcode." in response.get_data(as_text=True)
    assert client.get("/offers/?km=0").status_code == 422
    assert client.get("/offers/?max_hours=lots").status_code == 422


def test_pages_of_twenty(app, client, world, offers):
    with app.app_context():
        rows = [
            {
                "kind": "job",
                "status": "published",
                "owner_id": world.employer_person.id,
                "title": f"Offer {i:02d}",
                "capacity": 1,
                "filled": 0,
                "interpreter_available": False,
                "lat": 52.4,
                "lon": 8.0,
            }
            for i in range(45)
        ]
        db.session.execute(insert(Offer), rows)
        db.session.commit()
    first = titles(client)
    assert len(first) == 20
    third = titles(client, "?page=3")
    assert len(third) == 5
    assert set(first).isdisjoint(third)
    assert titles(client, "?page=99") == third  # a page past the end shows the last one
    page = client.get("/offers/?kind=job", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Page 1 of 3" in page and "kind=job" in page and "page=2" in page


def test_expiry_marks_offers_past_their_end_date(app, world, offers):
    past = offers.offer(
        world.employer_person, world.bramsche, valid_until=date.today() - timedelta(days=1)
    )
    current = offers.offer(world.employer_person, world.bramsche, valid_until=date.today())
    with app.app_context():
        assert services.expire_overdue_offers(date.today()) == 1
        db.session.commit()
        assert db.session.get(Offer, past.id).status == "expired"
        assert db.session.get(Offer, current.id).status == "published"
        result = queries.search_offers(queries.SearchFilters(), date.today())
        assert [hit.offer.id for hit in result.hits] == [current.id]


def test_the_expiry_task_commits_its_work(app, world, offers):
    from app.offers.tasks import expire_overdue

    past = offers.offer(
        world.employer_person, world.bramsche, valid_until=date.today() - timedelta(days=2)
    )
    with app.app_context():
        assert expire_overdue.delay().get() == 1
    with app.app_context():
        assert db.session.get(Offer, past.id).status == "expired"
