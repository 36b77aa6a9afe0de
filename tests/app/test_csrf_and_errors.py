"""CSRF on every form; bad input is a 4xx with a message, never a 500."""

from __future__ import annotations

import re

import pytest
from flask_babel import lazy_gettext as _l

from app import create_app
from app.matches.errors import MatchError
from app.offers.errors import OfferError
from tests.app.conftest import app_config


@pytest.fixture
def csrf_client(session_dir, database_url):
    protected = create_app(
        app_config(session_dir / "instance", database_url, WTF_CSRF_ENABLED=True)
    )
    return protected.test_client()


def post_routes(app) -> list[str]:
    """Every POST route, its variables filled with a plausible value."""
    return sorted(
        re.sub(r"<int:\w+>", "1", rule.rule).replace("<token>", "sometoken")
        for rule in app.url_map.iter_rules()
        if "POST" in rule.methods
    )


def test_every_post_route_without_token_is_refused(app, csrf_client):
    routes = post_routes(app)
    assert "/login" in routes and "/register" in routes
    for route in routes:
        response = csrf_client.post(
            route, data={"email": "a@example.org"}, headers={"Accept-Language": "en"}
        )
        assert response.status_code == 400, route
        assert "The form has expired" in response.get_data(as_text=True)


def test_unknown_page_is_a_friendly_404_in_the_users_language(client):
    response = client.get("/no/such/page", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert "This page does not exist" in response.get_data(as_text=True)


def test_json_clients_get_json_errors(client):
    response = client.get("/no/such/page", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.get_json()["status"] == 404


def test_wrong_method_is_405_not_500(client):
    assert client.get("/logout").status_code == 405


def test_a_domain_error_no_view_catches_is_a_409_in_the_users_language(app, session_dir):
    # A service's refusal that escapes its view (MatchError and OfferError share one base) is
    # answered by one handler: the message in the reader's language, a 4xx, nothing kept.
    refusing = create_app(
        app_config(session_dir / "instance", app.config["SQLALCHEMY_DATABASE_URI"])
    )

    @refusing.get("/refuse/<kind>")
    def refuse(kind: str) -> str:
        error = OfferError if kind == "offer" else MatchError
        raise error(_l("This offer is not open any more."))

    for kind in ("offer", "match"):
        response = refusing.test_client().get(f"/refuse/{kind}", headers={"Accept-Language": "de"})
        assert response.status_code == 409, kind
        assert "Dieses Angebot ist nicht mehr offen." in response.get_data(as_text=True)
