"""The trail keeps one entry per section, but the person reads one line per visit: a page that
showed three sections is one line naming the three; someone else's read in between, a second
visit or a minute's pause starts a new line."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select

from app.casefile.models import AuditEntry
from app.core.db import utcnow
from app.extensions import db
from tests.app.casefile.conftest import file_url

LINE = re.compile(
    r'<li class="list-group-item" id="audit-\d+" data-entries="(\d+)">(.*?)</li>', re.S
)
SECTIONS = re.compile(r"<span data-sections>(.*?)</span>")
MENTORING_OVERVIEW = (
    "Language courses and tests, Goals and measures, and Notes"  # three sections, one visit
)


def trail_lines(client, path: str = "/me/file/audit") -> list[tuple[int, str, str]]:
    """(entries, who, sections) per line of the trail page, newest first."""
    page = client.get(path).get_data(as_text=True)
    return [
        (
            int(count),
            re.sub(r"</?bdi>", "", re.search(r"<strong[^>]*>(.*?)</strong>", body, re.S)[1]),
            SECTIONS.search(body)[1],
        )
        for count, body in LINE.findall(page)
    ]


def entry_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(AuditEntry))


def test_one_visit_of_three_sections_reads_as_one_line(app, as_user, world, grant):
    grant(world, "mentoring")
    before = entry_count(app)
    as_user(world.coordinator).get(file_url(world))
    assert entry_count(app) - before == 3  # the trail itself stays one entry per section
    lines = trail_lines(as_user(world.newcomer))
    assert lines[0] == (1, "you", "Who looked at the file")  # this very visit
    assert lines[1] == (3, "Clara Coordinator · Fachdienst Integration", MENTORING_OVERVIEW)
    assert "<bdi>Clara Coordinator</bdi> · <bdi>Fachdienst Integration</bdi>" in (
        as_user(world.newcomer).get("/me/file/audit").get_data(as_text=True)
    )  # each name keeps its own direction inside the page's
    assert len(lines) == 2


def test_a_read_by_another_organisation_in_between_keeps_the_visits_apart(
    app, as_user, world, grant
):
    grant(world, "mentoring")
    grant(world, "mentoring", world.welfare)
    clara, otto = as_user(world.coordinator), as_user(world.other_coordinator)
    clara.get(file_url(world))
    otto.get(file_url(world))
    clara.get(file_url(world))
    clara.get(file_url(world))  # again within the minute: a section repeats, a new visit
    lines = trail_lines(as_user(world.newcomer))[1:]
    office, welfare = "Clara Coordinator · Fachdienst Integration", "Otto Other · Caritas"
    assert lines == [
        (3, office, MENTORING_OVERVIEW),
        (3, office, MENTORING_OVERVIEW),
        (3, welfare, MENTORING_OVERVIEW),
        (3, office, MENTORING_OVERVIEW),
    ]


def test_reads_more_than_a_minute_apart_are_separate_lines(app, as_user, world, grant):
    grant(world, "mentoring")
    with app.app_context():
        then = utcnow() - timedelta(minutes=5)
        for section, seconds in (("goals", 0), ("notes", 90)):
            db.session.add(
                AuditEntry(
                    at=then + timedelta(seconds=seconds),
                    actor_user_id=world.coordinator.id,
                    actor_organisation_id=world.office.id,
                    subject_key=world.case_file.subject_key,
                    action="read",
                    section=section,
                    purpose="mentoring",
                    detail="overview",
                )
            )
        db.session.commit()
    lines = trail_lines(as_user(world.coordinator), file_url(world, "/audit"))
    assert [(count, sections) for count, _, sections in lines] == [
        (1, "Who looked at the file"),
        (1, "Notes"),
        (1, "Goals and measures"),
    ]
