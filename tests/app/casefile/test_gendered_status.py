"""Ukrainian (and Arabic) say a status with a gendered verb: the person's gender picks the form,
a neutral wording stands where it is not known, never "прибув(-ла)"."""

from __future__ import annotations

import pytest
from flask_babel import force_locale, gettext

from app.casefile.documents.timeline import timeline
from app.extensions import db
from app.profiles.models import Person
from tests.app.casefile.document_world import build_document_world
from tests.app.offers.builders import OfferBuilders


@pytest.fixture
def offers(app, build) -> OfferBuilders:
    return OfferBuilders(app, build)


def statuses(app, world, gender: str, locale: str) -> list[str]:
    with app.test_request_context():
        db.session.get(Person, world.person.id).gender = gender
        db.session.flush()
        with force_locale(locale):
            events = timeline(world.case_file.id, [])
            kind = gettext("Residence status")
            return [str(e.parts[0]) for e in events if str(e.kind) == kind]


@pytest.mark.parametrize(
    ("gender", "arrived", "recognised"),
    [
        ("female", "прибула", "визнана біженкою"),
        ("male", "прибув", "визнаний біженцем"),
        ("unspecified", "прибуття до Німеччини", "визнання статусу біженця"),
        ("diverse", "прибуття до Німеччини", "визнання статусу біженця"),
    ],
)
def test_ukrainian_status_follows_the_persons_gender(
    app, build, offers, gender, arrived, recognised
):
    world = build_document_world(app, build, offers, locale="uk")
    with app.test_request_context(), force_locale("en"):
        assert "Residence status" in [str(e.kind) for e in timeline(world.case_file.id, [])]
    labels = statuses(app, world, gender, "uk")
    assert arrived in labels and recognised in labels
    assert not any("(-" in label or "(ла)" in label for label in labels)
