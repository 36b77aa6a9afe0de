"""Links in mail lead to the configured public address, whatever Host the request named."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.config import build_config
from app.core.permissions import Role
from app.extensions import db
from tests.app.two_factor import log_in

# Trusted in development (a local address), but not the public URL the tests configure.
OTHER_TRUSTED_HOST = "127.0.0.1:8000"
PUBLIC = "http://localhost/"


def test_reset_link_ignores_the_host_header(client, build, outbox):
    user = build.user(Role.REFUGEE)
    response = client.post(
        "/password/forgot",
        data={"email": user.email},
        headers={"Host": OTHER_TRUSTED_HOST, "X-Forwarded-Host": "attacker.example"},
    )
    assert response.status_code == 302
    assert outbox.link_in_last_to(user.email).startswith(PUBLIC + "password/reset/")


def test_confirmation_link_ignores_the_host_header(client, outbox):
    password = "a long enough secret"
    client.post(
        "/register",
        data={
            "display_name": "Jana Kowalski",
            "email": "jana@example.org",
            "role": "volunteer",
            "password": password,
            "password_again": password,
            "accept_privacy": "y",
        },
        headers={"Host": OTHER_TRUSTED_HOST},
    )
    assert outbox.link_in_last_to("jana@example.org").startswith(PUBLIC + "confirm/")


def test_invitation_link_ignores_the_host_header(app, client, build, outbox):
    office = build.organisation("Fachdienst Integration", build.district("Landkreis Osnabrück"))
    admin = build.user(Role.ADMIN)
    client.environ_base["HTTP_HOST"] = OTHER_TRUSTED_HOST  # the session cookie belongs to it
    log_in(client, app, admin.email, build.PASSWORD)  # password and second factor
    client.post(
        "/admin/coordinators",
        data={
            "display_name": "Petra Meyer",
            "email": "petra@lkos.example",
            "organisation_id": office.id,
            "locale": "de",
        },
    )
    assert outbox.link_in_last_to("petra@lkos.example").startswith(PUBLIC + "password/reset/")


@pytest.mark.parametrize("path", ["/password/forgot", "/login", "/"])
def test_an_unknown_host_gets_a_plain_400_and_no_mail(client, build, outbox, path):
    user = build.user(Role.REFUGEE)
    response = client.post(path, data={"email": user.email}, headers={"Host": "attacker.example"})
    assert response.status_code == 400
    assert outbox.messages() == []


def test_production_refuses_to_start_without_a_public_url(tmp_path, monkeypatch):
    monkeypatch.delenv("BRUECKE_PUBLIC_URL", raising=False)
    settings = {
        "ENV": "production",
        "SECRET_KEY": "x" * 48,
        "DATABASE_URL": "postgresql+psycopg://u@db.example/bruecke",
    }
    with pytest.raises(RuntimeError, match="BRUECKE_PUBLIC_URL"):
        build_config(str(tmp_path), settings)
    config = build_config(str(tmp_path), {**settings, "PUBLIC_URL": "https://bruecke.example/"})
    assert config["PUBLIC_URL"] == "https://bruecke.example"
    assert config["TRUSTED_HOSTS"] == ["bruecke.example"]  # no localhost in production


def test_no_link_is_built_from_the_request_host():
    app_folder = Path(__file__).resolve().parents[2] / "app"
    offenders = [
        str(path.relative_to(app_folder))
        for path in app_folder.rglob("*.py")
        if re.search(r"_external\s*=\s*True|request\.(host_url|url_root)", path.read_text("utf-8"))
    ]
    assert offenders == [], "build absolute links with app.core.urls.external_url"


def test_a_proposed_match_mail_links_to_the_matches_whatever_host_was_asked(
    app, client, build, outbox
):
    """Issue 15: the mail said "open your matches" without a link."""
    from app.core.clock import local_today
    from app.matches import services
    from app.offers.models import Offer, Request
    from tests.app.matches.builders import build_match_world
    from tests.app.offers.builders import OfferBuilders

    world = build_match_world(build, OfferBuilders(app, build), seekers=2, mentors=1, capacity=2)
    client.environ_base["HTTP_HOST"] = OTHER_TRUSTED_HOST
    log_in(client, app, world.coordinator_os.email, build.PASSWORD)
    manual = {"request_id": world.requests[0].id, "offer_id": world.offers[0].id}
    assert client.post("/matches/manual", data=manual).status_code == 302
    for user in (world.refugees[0], world.mentors[0]):
        assert outbox.link_in_last_to(user.email) == PUBLIC + "matches/mine"
    with app.app_context():  # outside a request (a task, a command): the same link
        services.propose_by_hand(
            db.session.get(Request, world.requests[1].id),
            db.session.get(Offer, world.offers[0].id),
            world.coordinator_os,
            local_today(),
        )
        db.session.commit()
    assert outbox.link_in_last_to(world.refugees[1].email) == PUBLIC + "matches/mine"
