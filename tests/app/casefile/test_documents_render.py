"""The integration agreement and the progress report as PDFs in German + Arabic and German +
Ukrainian, produced by the Celery task (eager here), read back through pdfium and rendered to PNG
in tests/artifacts/ to be looked at."""

from __future__ import annotations

import hashlib
import logging

import pytest
from flask import Flask
from sqlalchemy import select

from app.casefile import queries
from app.casefile.documents import tasks
from app.casefile.documents.services import document_languages, person_language, request_document
from app.casefile.models import AccessGrant, AuditEntry, CaseFile, GeneratedDocument
from app.casefile.models.documents import DocumentKind
from app.core.pdf import VENDORED_FAMILIES
from app.extensions import db
from tests.app.casefile.document_world import (
    GOAL_COURSE,
    GOAL_JOB,
    MEASURE_APPLY,
    DocumentWorld,
    build_document_world,
)
from tests.app.casefile.pdf_reading import (
    ARTIFACTS,
    assert_tagged,
    characters_in_font,
    font_names,
    page_count,
    pdf_text,
    save_page_png,
    structure_types,
)
from tests.app.offers.builders import OfferBuilders

# Text that is German or the person's language whatever the state of the catalogues: goal
# categories, statuses and headings already translated, and Babel's own month names.
GERMAN = ("Ziele", "Deutschkurs", "Eine Arbeitsstelle", "Oktober 2025")
ARABIC = ("دورة لغة", "وظيفة", "أكتوبر")
UKRAINIAN = ("Цілі", "Курс німецької мови", "Робота", "жовтня 2025")
PERSIAN = ("اهداف", "شغل", "زبان")  # single words: pdfium may list an RTL line visually


@pytest.fixture
def offers(app, build) -> OfferBuilders:
    return OfferBuilders(app, build)


def print_pdf(app: Flask, world: DocumentWorld, kind: DocumentKind, languages: list[str]):
    """Ask for the document as the coordinator and run the task, as the print button does."""
    with app.app_context():
        coordinator = db.session.merge(world.coordinator)
        person = queries.get_person(world.person.id)
        access = queries.access_of(coordinator, person)
        case_file = queries.get_case_file(person.id)
        document = request_document(case_file, kind, languages, coordinator, access)
        db.session.commit()
        document_id = document.id
    assert tasks.produce_document.delay(document_id).get() == "ready"
    with app.app_context():
        document = db.session.get(GeneratedDocument, document_id)
        assert document.sha256 == hashlib.sha256(document.pdf).hexdigest()
        return document.pdf, document_id


def assert_only_vendored_fonts(pdf: bytes) -> None:
    fonts = font_names(pdf)
    allowed = {f.replace(" ", "-") + s for f in VENDORED_FAMILIES for s in ("", "-Bold")}
    assert {name for name, _ in fonts} <= allowed, (fonts, characters_in_font(pdf, "DejaVu"))
    assert all(embedded for _, embedded in fonts), fonts


@pytest.mark.parametrize(
    ("locale", "expected", "name"),
    [("ar", ARABIC, "أمينة"), ("uk", UKRAINIAN, "Оксана"), ("fa", PERSIAN, "مریم")],
)
def test_agreement_in_german_and_the_persons_language(app, build, offers, locale, expected, name):
    world = build_document_world(app, build, offers, locale=locale)
    pdf, document_id = print_pdf(app, world, DocumentKind.AGREEMENT, ["de", locale])

    text = pdf_text(pdf)
    (ARTIFACTS / f"agreement-de-{locale}.txt").write_text(text)
    for word in (*GERMAN, *expected, name, GOAL_JOB, GOAL_COURSE, MEASURE_APPLY):
        assert word in text, word
    assert "Eigene Wohnung" not in text  # a goal not (yet) agreed stays out of the agreement
    assert "Fachdienst Integration" in text and "Clara Koordinatorin" in text
    assert page_count(pdf) >= 2  # the translation follows on its own page
    assert_only_vendored_fonts(pdf)
    assert_tagged(pdf, "de", name)
    for page in range(page_count(pdf)):
        save_page_png(pdf, f"agreement-de-{locale}-page{page + 1}.png", page)

    with app.app_context():
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "print"))
        assert entry.section == "agreement" and entry.purpose == "counselling"
        assert entry.actor_user_id == world.coordinator.id
        assert entry.actor_organisation_id == world.organisation.id
        assert str(document_id) in entry.detail


@pytest.mark.parametrize(("locale", "expected"), [("ar", ARABIC), ("uk", UKRAINIAN)])
def test_report_in_german_and_the_persons_language(app, build, offers, locale, expected, caplog):
    world = build_document_world(app, build, offers, locale=locale)
    pdf, _ = print_pdf(app, world, DocumentKind.REPORT, ["de", locale])

    text = pdf_text(pdf)
    (ARTIFACTS / f"report-de-{locale}.txt").write_text(text)
    country = {"ar": "سوريا", "uk": "Сирія"}[locale]  # the qualification's country, named by Babel
    words = (*GERMAN[:2], *expected[:2], "Syrien", country, "Tandem Sprachcafé", "Sehr hilfreich")
    for word in words:
        assert word in text, word
    for level in ("A1", "A2", "B1"):
        assert level in text  # the chart's points and the timeline's tests
    assert_only_vendored_fonts(pdf)
    assert_tagged(pdf, "de", "Entwicklungsbericht")
    assert "Figure" in structure_types(pdf) and "Table" in structure_types(pdf)
    # WeasyPrint logs an error for what PDF/UA needs and the page lacks (a language, an alt text)
    assert not [r for r in caplog.records if r.name == "weasyprint" and r.levelno >= logging.ERROR]
    for page in range(page_count(pdf)):
        save_page_png(pdf, f"report-de-{locale}-page{page + 1}.png", page)


def test_a_person_without_account_gets_german_only_and_an_empty_agreement_prints(app, build):
    district = build.district("Landkreis Osnabrück", ("Melle",))
    office = build.organisation("Fachdienst Integration", district)
    coordinator = build.coordinator(office, locale="de")
    person = build.refugee_person(district.children[0], "Dawit", "Tesfaye")
    with app.app_context():
        db.session.add(CaseFile(person_id=person.id))
        db.session.add(
            AccessGrant(person_id=person.id, organisation_id=office.id, purpose="counselling")
        )
        db.session.commit()
        person = queries.get_person(person.id)
        assert document_languages(person_language(person)) == ["de"]
        access = queries.access_of(db.session.merge(coordinator), person)
        case_file = queries.get_case_file(person.id)
        document = request_document(case_file, DocumentKind.AGREEMENT, ["de"], coordinator, access)
        db.session.commit()
        assert tasks.produce_document.run(document.id) == "ready"
        pdf = db.session.get(GeneratedDocument, document.id).pdf
    assert page_count(pdf) == 1 and "Dawit Tesfaye" in pdf_text(pdf)
    assert_only_vendored_fonts(pdf)
    assert_tagged(pdf, "de", "Dawit Tesfaye")


NEW_LANGUAGES = ("tr", "ku", "fa_AF", "ps", "ru", "ti", "so")


@pytest.mark.parametrize("locale", NEW_LANGUAGES)
def test_agreement_follows_the_german_text_in_each_further_language(app, build, offers, locale):
    # Issue 15: the languages added for the largest further groups of protection seekers are
    # offered as the second language of the agreement, set in the vendored fonts (Ge'ez for
    # Tigrinya), the block tagged with its BCP 47 language.
    from babel.support import Translations

    from app.core.i18n import LOCALES
    from tests.app.test_translations import CATALOGUES

    world = build_document_world(app, build, offers, locale=locale)
    pdf, _document_id = print_pdf(app, world, DocumentKind.AGREEMENT, ["de", locale])
    catalogue = Translations.load(str(CATALOGUES), [locale])
    # pdfium drops the zero-width non-joiner of Persian script (هدف‌ها) and puts the hamza
    # above (U+0654, "نامهٔ") before its letter: compare without both.
    unmarked = str.maketrans("", "", "\u200c\u0654")
    text = pdf_text(pdf).translate(unmarked)
    (ARTIFACTS / f"agreement-de-{locale}.txt").write_text(text)
    for heading in ("Goals", "Integration agreement"):
        translated = catalogue.gettext(heading).translate(unmarked)
        assert translated != heading
        # pdfium may list a right-to-left line visually: look for each word of the heading.
        assert all(word in text for word in translated.split()), (heading, translated)
    assert locale in LOCALES and GOAL_JOB in text
    assert_only_vendored_fonts(pdf)
    if locale == "ti":
        assert "Noto-Sans-Ethiopic" in {name for name, _ in font_names(pdf)}
    save_page_png(pdf, f"agreement-de-{locale}-page2.png", 1)
