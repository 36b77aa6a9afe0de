"""The case file's breadcrumb links the person's profile only where the coordinator may open it:
a grant from a person outside the coordinator's regions opens the file, not the profile."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.accounts.models import Membership, Organisation
from app.extensions import db
from tests.app.casefile.conftest import file_url

# Every coordinator page that shows the case file's header.
PAGES = ("", "/notes", "/audit", "/access", "/add/note", "/documents", "/report")


def organisation_of(app, coordinator) -> Organisation:
    with app.app_context():
        return db.session.scalar(
            select(Organisation).join(Membership).where(Membership.user_id == coordinator.id)
        )


@pytest.mark.parametrize("rest", PAGES)
def test_outside_the_regions_the_name_is_not_a_dead_link(
    app, as_user, world, grant, stranger, rest
):
    grant(world, "counselling", organisation_of(app, stranger))
    page = as_user(stranger).get(file_url(world, rest), headers={"Accept-Language": "en"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert f'href="/people/{world.person.id}"' not in html
    assert '<li class="breadcrumb-item" dir="auto">Amina Haddad</li>' in html
    assert 'href="/files">Case files shared with us</a>' in html
    assert as_user(stranger).get(f"/people/{world.person.id}").status_code == 404  # why


@pytest.mark.parametrize("rest", PAGES)
def test_in_the_regions_the_name_links_the_profile(as_user, world, grant, rest):
    grant(world, "counselling")
    client = as_user(world.coordinator)
    html = client.get(file_url(world, rest), headers={"Accept-Language": "en"}).get_data(
        as_text=True
    )
    link = f'href="/people/{world.person.id}" dir="auto">Amina Haddad</a>'
    assert link in html and 'href="/people/">People in my region</a>' in html
    assert client.get(f"/people/{world.person.id}").status_code == 200
