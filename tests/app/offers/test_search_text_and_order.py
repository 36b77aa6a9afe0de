"""Offers have a text search and a chosen order: newest, nearest or by title (issue 15)."""

from __future__ import annotations

import re

from app.extensions import db
from app.offers.models import OfferSkill

TITLE = re.compile(r"card-title[^>]*><a [^>]*>([^<]*)<")  # the title, before its hidden suffix


def titles(client, **args: str) -> list[str]:
    response = client.get("/offers/", query_string=args, headers={"Accept-Language": "en"})
    assert response.status_code == 200, response.status_code
    return TITLE.findall(response.get_data(as_text=True))


def test_words_are_found_in_title_description_skills_and_place(app, client, world, offers):
    melle = world.osnabrueck.children[1]
    # Every offer the builder makes asks for "Kochen"; the words below are each offer's own.
    baker = offers.offer(world.employer_person, world.bramsche, title="Bäcker", description="Brot")
    offers.offer(world.employer_person, melle, title="Lager", description="Stapler fahren")
    welder = offers.offer(world.employer_person, world.bramsche, title="Metallbau")
    offers.offer(world.employer_person, world.bramsche, title="100% Rabatt_x")
    with app.app_context():
        db.session.add(OfferSkill(offer_id=welder.id, original_text="Schweißen"))
        db.session.commit()
    assert titles(client, text="BROT") == ["Bäcker"]
    assert titles(client, text="Bäcker") == ["Bäcker"]
    assert titles(client, text="stapler") == ["Lager"]
    assert titles(client, text="Schweißen") == ["Metallbau"]
    assert titles(client, text="Melle") == ["Lager"]
    assert titles(client, text="Bäcker brot") == ["Bäcker"]  # every word must be there
    assert titles(client, text="Brot Lager") == []
    assert len(titles(client, text="kochen")) == 4  # in every offer's skills
    assert titles(client, text="%") == ["100% Rabatt_x"]  # taken literally, not as a pattern
    assert titles(client, text="_") == ["100% Rabatt_x"]
    assert baker.id


def test_the_order_is_newest_nearest_or_by_title(client, login, world, offers):
    melle, meppen = world.osnabrueck.children[1], world.meppen
    offers.offer(world.employer_person, meppen, title="b Meppen")
    offers.offer(world.employer_person, world.bramsche, title="C Bramsche")
    offers.offer(world.employer_person, melle, title="a Melle")
    newest = ["a Melle", "C Bramsche", "b Meppen"]
    assert titles(client) == newest  # no place known: newest first
    assert titles(client, sort="title") == ["a Melle", "b Meppen", "C Bramsche"]
    assert titles(client, postcode="49565") == ["C Bramsche", "a Melle", "b Meppen"]
    assert titles(client, postcode="49565", sort="newest") == newest
    assert titles(client, postcode="49565", sort="title") == ["a Melle", "b Meppen", "C Bramsche"]


def test_nearest_first_without_a_place_says_what_is_missing(client, world, offers):
    offers.offer(world.employer_person, world.bramsche, title="Koch")
    page = client.get("/offers/?sort=closest", headers={"Accept-Language": "en"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and 'id="no-place-to-sort"' in html
    assert "nearest first" not in html.split('role="status"')[1].split("</p>")[0]


def test_bad_search_input_is_explained(client, world):
    page = client.get("/offers/?sort=random", headers={"Accept-Language": "en"})
    assert page.status_code == 422 and "Not a valid choice" in page.get_data(as_text=True)
    page = client.get(
        "/offers/", query_string={"text": "x" * 101}, headers={"Accept-Language": "en"}
    )
    assert page.status_code == 422 and "At most 100 characters." in page.get_data(as_text=True)
