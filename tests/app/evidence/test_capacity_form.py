"""Coordinators enter capacity figures; bad input answers 422 with a message."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.evidence.models import CapacityFigure
from app.extensions import db


def form(district, **changes):
    return {
        "region": str(district.ids.m),
        "kind": "daycare",
        "places": "12",
        "recorded_on": district.today.isoformat(),
        "note": "Kita Sonnenschein",
        **changes,
    }


def test_a_figure_is_saved_and_counts_on_the_dashboard(app, client, login, district):
    login(district.coordinator)
    response = client.post("/evidence/capacity", data=form(district))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/evidence/{district.ids.district}")
    with app.app_context():
        figure = (
            db.session.query(CapacityFigure)
            .filter_by(kind="daycare", region_id=district.ids.m)
            .one()
        )
        assert figure.places == 12 and figure.recorded_by_id == district.coordinator.id
    rows = client.get(f"/evidence/{district.ids.district}.csv").get_data(as_text=True)
    assert "Landkreis Test,places,daycare,2,13," in rows


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"places": "-1"}, "from 0 to 100,000"),
        ({"places": "many"}, "enter a number"),
        ({"places": ""}, "enter a number"),
        ({"recorded_on": "tomorrow"}, "invalid-feedback"),
        ({"kind": "castles"}, "invalid-feedback"),
        ({"region": "abc"}, "invalid-feedback"),
    ],
)
def test_bad_input_answers_422_with_a_message(client, login, district, changes, message):
    login(district.coordinator)
    response = client.post("/evidence/capacity", data=form(district, **changes))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)


def test_a_date_in_the_future_is_refused(client, login, district):
    login(district.coordinator)
    tomorrow = (district.today + timedelta(days=1)).isoformat()
    response = client.post("/evidence/capacity", data=form(district, recorded_on=tomorrow))
    assert response.status_code == 422
    assert "cannot be in the future" in response.get_data(as_text=True)


def test_a_region_the_coordinator_does_not_coordinate_is_refused(app, client, login, district):
    login(district.other_coordinator)
    response = client.post("/evidence/capacity", data=form(district))
    assert response.status_code == 422
    with app.app_context():
        assert db.session.query(CapacityFigure).filter_by(kind="daycare", places=12).count() == 0


@pytest.mark.parametrize("places", [-1, 100_001])
def test_the_service_refuses_a_figure_out_of_range_with_the_forms_message(app, district, places):
    """The service does not rely on the form: it raises the domain error (4xx with a message
    in the reader's language when a view lets it escape), not a bare ValueError."""
    from flask_babel import force_locale

    from app.accounts.models import Region, User
    from app.core.errors import DomainError
    from app.evidence.models import CapacityKind
    from app.evidence.services import record_capacity

    with app.test_request_context(), force_locale("de"):
        with pytest.raises(DomainError) as refused:
            record_capacity(
                db.session.get(User, district.coordinator.id),
                db.session.get(Region, district.ids.m),
                kind=CapacityKind.DAYCARE,
                places=places,
                recorded_on=district.today,
            )
        assert refused.value.status == 422
        assert str(refused.value.message) == "Bitte geben Sie eine Zahl von 0 bis 100.000 ein."
