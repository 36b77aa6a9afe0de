"""Every route that takes an object id, for every identity and method: the expected answer.

The world (tests/app/object_world.py) is built once for this module; each cell is one request.
``ROWS`` names, per endpoint and method, the objects asked for (one variant per place or kind);
``EXPECTED`` (tests/app/object_matrix_table.py) the status code each identity gets. A route with
an id that is in neither fails ``test_every_route_with_an_object_id_is_in_the_matrix``.

POSTs carry form data that a permitted user's request fails on validation (422 or 400) wherever
the route has a form, so that a cell changes nothing and the answer shows the access decision
alone. Routes without a form act at once; their cells ask for a fresh object per identity.

CSRF is off in the test app (tests/app/conftest.py): with it on, every POST would answer 400 before
the access check and hide the decision this test is about; tests/app/test_csrf_and_errors.py
checks that the token is required.

To see the observed table after a change, run with ``BRUECKE_MATRIX_RECORD=path``: the test
writes every observed row there.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.extensions import limiter
from tests.app.builders import Builders
from tests.app.conftest import empty_all_tables
from tests.app.object_matrix_table import EXPECTED
from tests.app.object_world import IDENTITIES, ObjectWorld, build_object_world
from tests.app.two_factor import log_in

Fresh = Callable[[ObjectWorld], dict[str, int]]


@dataclass(frozen=True)
class Cell:
    path: str  # formatted with the world's ids, e.g. "/offers/{job@a}"
    data: dict[str, str] = field(default_factory=dict)
    fresh: Fresh | None = None  # builds the objects a cell's request may change, per identity


def places(path: str, keys: tuple[str, ...] = ("a", "ab", "b"), **kw: object) -> dict[str, Cell]:
    """One variant per place: ``path`` with ``@`` standing for the place."""
    return {k: Cell(path.replace("@", f"@{k}"), **kw) for k in keys}  # type: ignore[arg-type]


PEOPLE = ("a", "ab", "b", "own")
ARTICLES = tuple(f"{kind}@{org}" for org in "AB" for kind in ("public", "internal", "draft"))
DISTRICTS_AND_TOWNS = ("north", "south", "a", "ab", "b")
PROPOSALS = ("a", "ab", "b", "cross")
BOOKINGS = ("a", "ab", "b", "cross")


def person_rows(path: str, **kw: object) -> dict[str, Cell]:
    return places(path, PEOPLE, **kw)


def fresh(make: Callable[[ObjectWorld], int]) -> Fresh:
    return lambda world: {"fresh": make(world)}


def each(keys: tuple[str, ...], build: Callable[[str], Cell]) -> dict[str, Cell]:
    return {key: build(key) for key in keys}


ROWS: dict[tuple[str, str], dict[str, Cell]] = {
    # offers, advice and bookings
    ("offers.detail", "GET"): places("/offers/{job@}"),
    ("offers.edit_offer", "GET"): places("/offers/{job@}/edit"),
    ("offers.edit_offer", "POST"): places("/offers/{job@}/edit", data={"title": ""}),
    ("offers.delete_offer", "GET"): places("/offers/{job@}/delete"),
    ("offers.delete_offer", "POST"): each(
        ("a", "ab", "b"),
        lambda p: Cell("/offers/{fresh}/delete", fresh=fresh(lambda w: w.fresh_offer(p))),
    ),
    ("offers.show_interest", "POST"): places("/offers/{mentoring@}/interest"),
    ("offers.change_status", "POST"): places("/offers/{job@}/status", data={"status": "gone"}),
    ("offers.edit_advice", "GET"): places("/advice/{advice@}/edit"),
    ("offers.edit_advice", "POST"): places("/advice/{advice@}/edit", data={"title": ""}),
    ("offers.slots", "GET"): places("/advice/{advice@}/slots"),
    ("offers.slots", "POST"): places("/advice/{advice@}/slots", data={"starts_at": "x"}),
    ("offers.booking_page", "GET"): places("/bookings/{booking@}", BOOKINGS),
    ("offers.booking_ics", "GET"): places("/bookings/{booking@}.ics", BOOKINGS),
    ("offers.cancel_booking", "POST"): each(
        BOOKINGS,
        lambda p: Cell("/bookings/{fresh}/cancel", fresh=fresh(lambda w: w.fresh_slot(p, True))),
    ),
    ("offers.book", "POST"): each(
        ("a", "ab", "b"),
        lambda p: Cell("/slots/{fresh}/book", fresh=fresh(lambda w: w.fresh_slot(p, False))),
    ),
    ("offers.new_request_on_behalf", "GET"): person_rows("/people/{person@}/requests/new"),
    ("offers.new_request_on_behalf", "POST"): person_rows(
        "/people/{person@}/requests/new", data={"kind": ""}
    ),
    ("offers.request_detail", "GET"): places("/requests/{request@}", PEOPLE),
    ("offers.withdraw", "POST"): each(
        PEOPLE,
        lambda p: Cell(
            "/requests/{fresh}/withdraw", fresh=fresh(lambda w: w.fresh_request(f"person@{p}"))
        ),
    ),
    # matches
    ("matches.round_detail", "GET"): places("/matches/rounds/{round@}", ("north", "south")),
    ("matches.round_result", "GET"): places("/matches/rounds/{round@}/result", ("north", "south")),
    ("matches.round_status", "GET"): places("/matches/rounds/{round@}/status", ("north", "south")),
    ("matches.approve", "POST"): each(
        PROPOSALS,
        lambda p: Cell(
            "/matches/proposals/{fresh}/approve", fresh=fresh(lambda w: w.fresh_proposal(p))
        ),
    ),
    ("matches.reject", "GET"): places("/matches/proposals/{proposal@}/reject", PROPOSALS),
    ("matches.reject", "POST"): places(
        "/matches/proposals/{proposal@}/reject", PROPOSALS, data={"reason": ""}
    ),
    ("matches.replace", "GET"): places("/matches/proposals/{proposal@}/replace", PROPOSALS),
    ("matches.replace", "POST"): places("/matches/proposals/{proposal@}/replace", PROPOSALS),
    ("matches.replace_person", "GET"): places(
        "/matches/proposals/{proposal@}/replace-person", PROPOSALS
    ),
    ("matches.replace_person", "POST"): places(
        "/matches/proposals/{proposal@}/replace-person", PROPOSALS
    ),
    ("matches.answer", "POST"): each(
        ("own",),
        lambda p: Cell(
            "/matches/{fresh}/answer",
            data={"answer": "accept"},
            fresh=fresh(lambda w: w.fresh_proposal(p, "approved")),
        ),
    ),
    ("matches.end", "POST"): each(
        ("own", *PROPOSALS),
        lambda p: Cell(
            "/matches/{fresh}/end", fresh=fresh(lambda w: w.fresh_proposal(p, "active"))
        ),
    ),
    ("matches.read", "POST"): {"own": Cell("/inbox/{notification@own}/read")},
    # The seeker of each proposal is kept on behalf; the mentor offering ("mentor") has an account.
    ("matches.record_answer", "GET"): {
        **places("/matches/proposals/{proposal@}/answers/seeker", PROPOSALS),
        "mentor": Cell("/matches/proposals/{proposal@a}/answers/provider"),
    },
    ("matches.record_answer", "POST"): {
        **places("/matches/proposals/{proposal@}/answers/seeker", PROPOSALS),
        "mentor": Cell("/matches/proposals/{proposal@a}/answers/provider"),
    },
    # knowledge
    ("knowledge.article", "GET"): places("/knowledge/{article@}", ARTICLES),
    ("knowledge.history", "GET"): places("/knowledge/{article@}/history", ARTICLES),
    ("knowledge.edit", "GET"): places("/knowledge/{article@}/edit", ARTICLES),
    ("knowledge.edit", "POST"): places("/knowledge/{article@}/edit", ARTICLES, data={"title": ""}),
    ("knowledge.feedback", "POST"): places(
        "/knowledge/{article@}/feedback", ARTICLES, data={"helpful": "maybe"}
    ),
    ("knowledge.change_status", "POST"): places(
        "/knowledge/{article@}/status", ARTICLES, data={"status": "gone"}
    ),
    # evidence
    ("evidence.dashboard", "GET"): places("/evidence/{region@}", DISTRICTS_AND_TOWNS),
    ("evidence.export", "GET"): places("/evidence/{region@}.csv", DISTRICTS_AND_TOWNS),
    # people, profiles and their data
    ("profiles.person_detail", "GET"): person_rows("/people/{person@}"),
    ("profiles.edit_person", "GET"): person_rows("/people/{person@}/edit"),
    ("profiles.edit_person", "POST"): person_rows(
        "/people/{person@}/edit", data={"given_name": ""}
    ),
    ("profiles.certificate_file", "GET"): person_rows("/people/{person@}/certificate"),
    ("profiles.confirm_certificate", "POST"): person_rows("/people/{person@}/certificate"),
    ("privacy.on_behalf", "GET"): person_rows("/people/{person@}/data"),
    ("privacy.export_on_behalf", "GET"): person_rows("/people/{person@}/data/export.json"),
    ("privacy.erase_on_behalf", "GET"): person_rows("/people/{person@}/erase"),
    ("privacy.erase_on_behalf", "POST"): person_rows("/people/{person@}/erase"),
    # An invalid language: whoever may ask gets 400 and no PDF is made.
    ("privacy.ask_pdf_on_behalf", "POST"): person_rows(
        "/people/{person@}/data/pdf", data={"locale": "xx"}
    ),
    ("privacy.pdf_on_behalf", "GET"): person_rows("/people/{person@}/data/pdf/{pdf@}.pdf"),
    ("privacy.pdf_status_on_behalf", "GET"): person_rows(
        "/people/{person@}/data/pdf/{pdf@}/status"
    ),
    ("privacy.pdf_mine", "GET"): places("/me/data/pdf/{pdf@}.pdf", PEOPLE),
    ("privacy.pdf_status_mine", "GET"): places("/me/data/pdf/{pdf@}/status", PEOPLE),
    # the case file
    ("casefile.overview", "GET"): person_rows("/people/{person@}/file"),
    ("casefile.section", "GET"): person_rows("/people/{person@}/file/status"),
    ("casefile.audit_trail", "GET"): person_rows("/people/{person@}/file/audit"),
    ("casefile.report", "GET"): person_rows("/people/{person@}/file/report"),
    ("casefile.add_entry", "GET"): person_rows("/people/{person@}/file/add/goal"),
    ("casefile.add_entry", "POST"): person_rows("/people/{person@}/file/add/goal"),
    ("casefile.correct_entry", "GET"): each(
        PEOPLE,
        lambda p: Cell(f"/people/{{person@{p}}}/file/correct/goal/{{goal@{p}}}"),
    ),
    ("casefile.correct_entry", "POST"): each(
        PEOPLE,
        lambda p: Cell(f"/people/{{person@{p}}}/file/correct/goal/{{goal@{p}}}"),
    ),
    ("casefile.access_on_behalf", "GET"): person_rows("/people/{person@}/file/access"),
    ("casefile.access_on_behalf", "POST"): person_rows("/people/{person@}/file/access"),
    ("casefile.withdraw_on_behalf", "POST"): each(
        PEOPLE,
        lambda p: Cell(
            f"/people/{{person@{p}}}/file/access/{{fresh}}/withdraw",
            fresh=fresh(lambda w: w.fresh_grant(f"person@{p}", "B" if p == "b" else "A")),
        ),
    ),
    ("casefile.file_documents", "GET"): person_rows("/people/{person@}/file/documents"),
    ("casefile.file_documents", "POST"): person_rows(
        "/people/{person@}/file/documents", data={"kind": "nonsense"}
    ),
    ("casefile.document_pdf", "GET"): each(
        PEOPLE,
        lambda p: Cell(f"/people/{{person@{p}}}/file/documents/{{document@{p}}}.pdf"),
    ),
    ("casefile.document_status", "GET"): each(
        PEOPLE,
        lambda p: Cell(f"/people/{{person@{p}}}/file/documents/{{document@{p}}}/status"),
    ),
    ("casefile.my_withdraw", "POST"): each(
        PEOPLE,
        lambda p: Cell(
            "/me/file/access/{fresh}/withdraw",
            fresh=fresh(lambda w: w.fresh_grant(f"person@{p}", "B" if p == "b" else "A")),
        ),
    ),
    ("casefile.my_document_pdf", "GET"): places("/me/file/documents/{document@}.pdf", PEOPLE),
    ("casefile.my_document_status", "GET"): places("/me/file/documents/{document@}/status", PEOPLE),
}


def object_routes(app: Flask) -> set[tuple[str, str]]:
    """(endpoint, method) of every rule whose path takes an integer id."""
    found = set()
    for rule in app.url_map.iter_rules():
        if any(type(c).__name__ == "IntegerConverter" for c in rule._converters.values()):
            for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}:
                found.add((rule.endpoint, method))
    return found


# -- one world for the module ---------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _clean_state() -> Iterator[None]:
    """The world outlives single tests here (it is emptied once, after the module)."""
    yield


@pytest.fixture(scope="module")
def world(app: Flask) -> Iterator[ObjectWorld]:
    started = time.perf_counter()
    built = build_object_world(app)
    print(f"\nobject world built in {time.perf_counter() - started:.1f} s")
    yield built
    with app.app_context():
        empty_all_tables()
        limiter.reset()


@pytest.fixture(scope="module")
def clients(app: Flask, world: ObjectWorld) -> dict[str, FlaskClient]:
    """One client per identity, logged in once through the real login form."""
    made: dict[str, FlaskClient] = {}
    for number, name in enumerate(IDENTITIES):
        client = app.test_client()
        client.environ_base.update(REMOTE_ADDR=f"127.0.1.{number + 1}")
        if name != "anonymous":
            user = world.users[name]
            log_in(client, app, user.email, Builders.PASSWORD)
        made[name] = client
    return made


def observe(
    app: Flask, world: ObjectWorld, clients: dict[str, FlaskClient], key: tuple[str, str]
) -> dict[str, dict[str, int]]:
    """The status code each identity gets for each variant of one route and method."""
    method = key[1]
    observed: dict[str, dict[str, int]] = {}
    for variant, cell in ROWS[key].items():
        observed[variant] = {}
        for name in IDENTITIES:
            ids = {**world.ids, **(cell.fresh(world) if cell.fresh else {})}
            path = cell.path.format(**ids)
            with app.app_context():
                limiter.reset()
            client = clients[name]
            send = client.get if method == "GET" else partial(client.post, data=cell.data)
            response = send(path)
            observed[variant][name] = response.status_code
    return observed


def compact(codes: dict[str, int]) -> dict[int | str, str]:
    """{code: "identity identity …"}, the most frequent code as "*"."""
    by_code: dict[int, list[str]] = {}
    for name, code in codes.items():
        by_code.setdefault(code, []).append(name)
    common = max(by_code, key=lambda c: len(by_code[c]))
    table: dict[int | str, str] = {"*": str(common)}
    for code, names in sorted(by_code.items()):
        if code != common:
            table[code] = " ".join(names)
    return table


def expand(table: dict[int | str, str]) -> dict[str, int]:
    codes = {name: int(table["*"]) for name in IDENTITIES}
    for code, names in table.items():
        if code != "*":
            codes.update(dict.fromkeys(names.split(), int(code)))
    return codes


def record(key: tuple[str, str], observed: dict[str, dict[str, int]]) -> None:
    target = os.environ.get("BRUECKE_MATRIX_RECORD")
    if not target:
        return
    with Path(target).open("a", encoding="utf-8") as out:
        out.write(f"    {key!r}: {{\n")
        for variant, codes in observed.items():
            out.write(f"        {variant!r}: {compact(codes)!r},\n")
        out.write("    },\n")


# -- the tests -------------------------------------------------------------------------------------


def test_every_route_with_an_object_id_is_in_the_matrix(app: Flask) -> None:
    routes = object_routes(app)
    missing = sorted(k for k in routes if k not in ROWS or k not in EXPECTED)
    assert missing == [], f"new route not in the matrix: {missing}"
    gone = sorted(k for k in ROWS if k not in routes)
    assert gone == [], f"rows for routes that no longer exist: {gone}"


@pytest.mark.parametrize("key", sorted(ROWS), ids=lambda k: f"{k[0]}-{k[1]}")
def test_object_access(
    app: Flask, world: ObjectWorld, clients: dict[str, FlaskClient], key: tuple[str, str]
) -> None:
    observed = observe(app, world, clients, key)
    record(key, observed)
    expected = EXPECTED.get(key, {})
    wrong = [
        f"{variant} {name}: expected {want}, got {observed[variant][name]}"
        for variant in ROWS[key]
        for name, want in expand(expected.get(variant, {"*": "0"})).items()
        if observed[variant][name] != want
    ]
    assert wrong == []
