"""The person opens their progress report in Arabic in Debian's chromium, prints it as PDF and
finds the printout in the list. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from app import create_app
from tests.app.browser import PHONE, screenshot
from tests.app.builders import Builders
from tests.app.casefile.document_world import GOAL_JOB, build_document_world
from tests.app.casefile.pdf_reading import pdf_text
from tests.app.casefile.pending_documents import finish, pending_document
from tests.app.conftest import app_config
from tests.app.live_server import serve
from tests.app.matches.workers import REDIS_URL, Worker, needs_redis
from tests.app.offers.builders import OfferBuilders
from tests.app.two_factor import pass_second_step_in_browser


@pytest.mark.browser
def test_the_person_reads_and_prints_their_report_in_arabic(app, build, browser):
    docs = build_document_world(app, build, OfferBuilders(app, build), locale="ar")
    with serve(app) as site:
        page = browser.new_context(viewport=PHONE, locale="ar").new_page()
        page.set_default_timeout(20_000)
        page.goto(site + "/login")
        page.fill("#email", docs.person_user.email)
        page.fill("#password", Builders.PASSWORD)
        page.click("main form button[type=submit]")
        page.goto(site + "/me/file/report")
        assert page.locator("html").get_attribute("dir") == "rtl"
        expect(page.locator(".level-chart svg circle")).to_have_count(3)
        assert GOAL_JOB in page.inner_text("main")
        screenshot(page, "report-page-ar")

        page.select_option("#kind", "report")
        page.click("form.card button[type=submit]")
        link = page.locator("#documents a[href$='.pdf']")
        expect(link).to_have_count(1)
        screenshot(page, "documents-page-ar")
        pdf = page.request.get(site + link.get_attribute("href")).body()
        assert GOAL_JOB in pdf_text(pdf)
        page.context.close()


PREPARING = "Das Dokument wird erstellt. Es erscheint in der Liste, sobald es fertig ist."
READY = "Das Dokument ist fertig: Es steht als erstes in der Liste."


def notice_of(page):
    """The alerts above the list: (state, text) of each."""
    alerts = page.locator("main .alert").all()
    return [(alert.get_attribute("data-notice"), alert.inner_text()) for alert in alerts]


def open_documents_as_coordinator(browser, site, docs, **context):
    page = browser.new_context(viewport=PHONE, locale="de", **context).new_page()
    page.set_default_timeout(20_000)
    page.goto(site + "/login")
    page.fill("#email", docs.coordinator.email)
    page.fill("#password", Builders.PASSWORD)
    page.click("main form button[type=submit]")
    pass_second_step_in_browser(page, docs.coordinator.email)
    page.goto(f"{site}/people/{docs.person.id}/file/documents")
    return page


@pytest.mark.browser
def test_a_printout_being_prepared_turns_into_its_link_without_a_reload(app, build, browser):
    docs = build_document_world(app, build, OfferBuilders(app, build), locale="ar")
    document_id = pending_document(app, docs.person.id, docs.coordinator)
    with serve(app) as site:
        page = open_documents_as_coordinator(browser, site, docs)
        row = page.locator(f"#documents tr[data-status-url$='/{document_id}/status']")
        assert "wird erstellt" in row.inner_text() and row.locator("text=Aktualisieren").count()
        expect(page.locator("#documents a[href$='.pdf']")).to_have_count(0)
        assert notice_of(page) == [("pending", PREPARING)]
        screenshot(page, "documents-pending-de")
        page.evaluate("window.notReloaded = true")

        finish(app, document_id)  # the worker's part
        link = page.locator(f"#documents a[href$='/documents/{document_id}.pdf']")
        link.wait_for()
        assert page.evaluate("window.notReloaded === true")  # the same page, not a reload
        assert link.inner_text() == "Integrationsvereinbarung (PDF)"
        cell = page.locator("#documents [data-cell=status]")
        assert cell.inner_text() == "fertig"  # the Refresh link is gone
        assert notice_of(page) == [("ready", READY)]  # no longer "appears when it is ready"
        assert "alert-success" in page.locator("main .alert").get_attribute("class")
        screenshot(page, "documents-ready-de")
        pdf = page.request.get(site + link.get_attribute("href"))
        assert pdf.headers["content-type"] == "application/pdf"
        page.context.close()


@pytest.mark.browser
def test_without_javascript_the_refresh_link_shows_the_printout(app, build, browser):
    docs = build_document_world(app, build, OfferBuilders(app, build), locale="ar")
    document_id = pending_document(app, docs.person.id, docs.coordinator)
    with serve(app) as site:
        page = open_documents_as_coordinator(browser, site, docs, java_script_enabled=False)
        finish(app, document_id)
        page.wait_for_timeout(1500)  # time a script would have had to poll
        expect(page.locator("#documents a[href$='.pdf']")).to_have_count(0)
        assert notice_of(page) == [("pending", PREPARING)]
        page.click("#documents >> text=Aktualisieren")
        expect(page.locator(f"#documents a[href$='/documents/{document_id}.pdf']")).to_have_count(1)
        assert notice_of(page) == []  # nothing is being prepared any more
        page.context.close()


@pytest.fixture
def production(app, tmp_path, database_url):
    """The web app with a broker, sending tasks to a queue of this test's own; afterwards the
    test app's eager Celery is the default again."""
    queue = f"test-documents-{uuid.uuid4().hex[:8]}"
    web = create_app(app_config(tmp_path / "web", database_url, CELERY_BROKER_URL=REDIS_URL))
    web.extensions["celery"].conf.task_default_queue = queue
    yield web, queue
    app.extensions["celery"].set_default()
    app.extensions["celery"].set_current()


@pytest.mark.browser
@needs_redis
def test_with_a_worker_the_page_waits_for_the_printout(
    app, build, browser, production, tmp_path, database_url
):
    web, queue = production
    docs = build_document_world(app, build, OfferBuilders(app, build), locale="ar")
    with serve(web) as site:
        page = open_documents_as_coordinator(browser, site, docs)
        page.click("form.card button[type=submit]")  # the agreement, in German and Arabic
        row = page.locator("#documents tr[data-status-url]")
        row.wait_for()  # no worker yet: the printout waits in the queue
        assert "wird erstellt" in row.inner_text()
        assert notice_of(page) == [("pending", PREPARING)]  # the list's notice, not a flash too
        page.evaluate("window.notReloaded = true")
        screenshot(page, "documents-queued-de")
        worker = Worker(tmp_path, database_url, queue, 1)
        try:
            link = page.locator("#documents a[href$='.pdf']")
            link.wait_for(timeout=90_000)
        finally:
            worker.stop()
        assert page.evaluate("window.notReloaded === true")
        expect(page.locator("#documents tr[data-status-url]")).to_have_count(0)
        assert notice_of(page) == [("ready", READY)]
        screenshot(page, "documents-printed-by-worker-de")
        pdf = page.request.get(site + link.get_attribute("href")).body()
        assert GOAL_JOB in pdf_text(pdf)
        page.context.close()
