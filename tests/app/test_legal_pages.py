"""The pages a public body must publish (issue 14, item 4): accessibility statement, Leichte
Sprache, sign language, privacy notice, Impressum and contact, linked from every page's footer,
in every interface language, with the operator's details from configuration."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from flask import Flask

from app import create_app
from app.config import OPERATOR_DEFAULTS
from app.core.permissions import Role
from app.legal.operator import parse_office_hours
from tests.app.conftest import app_config

LOCALES = ["de", "en", "ar", "fa", "uk"]
PAGES = {
    "/accessibility": "accessibility statement",
    "/easy-language": "easy language",
    "/sign-language": "sign language",
    "/privacy": "privacy notice",
    "/imprint": "imprint",
    "/contact": "contact",
}
# What each page says in each language, so a page that fell back to English (a missing or
# mistyped translation) or kept German in another language fails here.
HEADINGS = {
    "/accessibility": {
        "de": "Erklärung zur Barrierefreiheit",
        "en": "Accessibility statement",
        "ar": "بيان إمكانية الوصول",
        "fa": "بیانیه دسترس‌پذیری",
        "uk": "Заява про доступність",
    },
    "/easy-language": {
        "de": "Informationen in Leichter Sprache",
        "en": "Information in easy language",
        "ar": "معلومات بلغة مبسّطة",
        "fa": "اطلاعات به زبان ساده",
        "uk": "Інформація простою мовою",
    },
    "/sign-language": {
        "de": "Informationen in Deutscher Gebärdensprache (DGS)",
        "en": "Information in German Sign Language (DGS)",
        "ar": "معلومات بلغة الإشارة الألمانية (DGS)",
        "fa": "اطلاعات به زبان اشاره آلمانی (DGS)",
        "uk": "Інформація німецькою жестовою мовою (DGS)",
    },
    "/privacy": {
        "de": "Datenschutzhinweise",
        "en": "Privacy notice",
        "ar": "إشعار الخصوصية",
        "fa": "اطلاعیه حریم خصوصی",
        "uk": "Повідомлення про захист даних",
    },
    "/imprint": {
        "de": "Impressum",
        "en": "Imprint",
        "ar": "بيانات الناشر",
        "fa": "اطلاعات ناشر",
        "uk": "Вихідні дані",
    },
    "/contact": {
        "de": "Kontakt",
        "en": "Contact",
        "ar": "اتصل بنا",
        "fa": "تماس",
        "uk": "Контакти",
    },
}
# English words of the new pages that must not survive into a translated page.
ENGLISH_LEFTOVERS = re.compile(
    r"\b(Legal basis|Recipients|Retention|Opening hours|Represented by|Enforcement procedure|"
    r"Status of compliance|Your rights|Controller|Data protection officer|Demo values)\b"
)
GERMAN_LEFTOVERS = re.compile(
    r"\b(Rechtsgrundlage|Empfänger|Speicherdauer|Öffnungszeiten|Vertreten)\b"
)


class Text(HTMLParser):
    """The page's visible text and its links (href -> text)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.links: dict[str, str] = {}
        self._href: str | None = None
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "a":
            self._href = dict(attrs).get("href")
            self.links.setdefault(self._href or "", "")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        if tag == "a":
            self._href = None

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)
            if self._href is not None:
                self.links[self._href] += data.strip()

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def read(client, path: str, locale: str = "en") -> Text:
    response = client.get(path, headers={"Accept-Language": locale})
    assert response.status_code == 200, (path, locale)
    parser = Text()
    parser.feed(response.get_data(as_text=True))
    return parser


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("path", list(PAGES))
def test_each_page_answers_in_each_language(client, path, locale):
    page = read(client, path, locale)
    assert HEADINGS[path][locale] in page.text
    if locale != "en":
        assert not ENGLISH_LEFTOVERS.search(page.text), ENGLISH_LEFTOVERS.search(page.text)
    if locale != "de":
        assert not GERMAN_LEFTOVERS.search(page.text), GERMAN_LEFTOVERS.search(page.text)


@pytest.mark.parametrize("path", list(PAGES))
def test_each_page_answers_logged_in(client, build, login, path):
    login(build.user(Role.REFUGEE, locale="ar"))
    page = read(client, path)
    assert HEADINGS[path]["ar"] in page.text  # the account's language


FOOTER = ["/contact", "/imprint", "/privacy", "/accessibility", "/easy-language", "/sign-language"]


@pytest.mark.parametrize(
    ("role", "path"),
    [
        (None, "/"),
        (None, "/login"),
        (None, "/register"),
        (None, "/offers/"),
        (None, "/no-such-page"),
        (Role.REFUGEE, "/me"),
        (Role.EMPLOYER, "/offers/mine"),
        (Role.COORDINATOR, "/people/"),
        (Role.ADMIN, "/admin/coordinators"),
    ],
)
def test_footer_links_every_legal_page(client, build, login, role, path):
    if role:
        login(build.user(role))
    response = client.get(path)
    html = response.get_data(as_text=True)
    footer = html[html.index("<footer") :]
    for target in FOOTER:
        assert f'href="{target}"' in footer, (path, target)


@pytest.mark.parametrize("role", [None, Role.REFUGEE, Role.COORDINATOR])
def test_start_page_links_to_easy_language_and_sign_language(client, build, login, role):
    """BITV 2.0 § 4: both from the start page itself, not only from the footer."""
    if role:
        login(build.user(role, locale="de"))
    html = client.get("/", headers={"Accept-Language": "de"}).get_data(as_text=True)
    main = html[html.index("<main") : html.index("</main>")]
    assert 'href="/easy-language"' in main
    assert 'href="/sign-language"' in main
    assert "Informationen in Leichter Sprache" in main
    assert "Informationen in Deutscher Gebärdensprache (DGS)" in main


def test_demo_values_are_shown_and_marked(client):
    page = read(client, "/imprint", "de")
    assert OPERATOR_DEFAULTS["OPERATOR_NAME"] in page.text
    assert "Demo-Werte" in page.text
    contact = read(client, "/contact", "de")
    assert "Montag – Donnerstag" in contact.text and "13:30–16:00" in contact.text
    assert "Freitag" in contact.text


def test_accessibility_statement_has_the_model_structure(client):
    page = read(client, "/accessibility", "de")
    for heading in (
        "Stand der Vereinbarkeit mit den Anforderungen",
        "teilweise mit den Anforderungen vereinbar",
        "Nicht barrierefreie Inhalte",
        "Erstellung dieser Erklärung",
        "7. Dezember 2026",
        "axe-core",
        "Nu Html Checker",
        "allein mit der Tastatur",
        "Feedback und Kontakt",
        "Schlichtungsverfahren",
        "Schlichtungsstelle nach § 9d NBGG",
    ):
        assert heading in page.text, heading
    assert OPERATOR_DEFAULTS["ENFORCEMENT_BODY_URL"] in page.links
    assert f"mailto:{OPERATOR_DEFAULTS['OPERATOR_EMAIL']}" in page.links
    # fixed, so no longer listed as gaps
    assert "denselben Text" not in page.text
    assert "noch nicht mit dem Nu Html Checker" not in page.text
    # no videos configured: the statement lists their absence as a gap
    assert "keine Videos in Deutscher Gebärdensprache" in page.text


def test_privacy_notice_names_each_processing_and_the_rights(client):
    page = read(client, "/privacy", "de")
    for processing in ("Konto, Anmeldung und Sicherheitsprotokoll", "Profile", "Vermittlung"):
        assert processing in page.text
    for basis in (
        "Art. 6 Abs. 1 lit. a DSGVO",
        "Art. 6 Abs. 1 lit. e DSGVO",
        "Art. 9 Abs. 2 lit. a",
    ):
        assert basis in page.text
    for right in (
        "Art. 15",
        "Art. 16",
        "Art. 17",
        "Art. 18",
        "Art. 20",
        "Art. 21",
        "Art. 7 Abs. 3",
    ):
        assert right in page.text
    assert "Der Landesbeauftragte für den Datenschutz Niedersachsen" in page.text
    assert OPERATOR_DEFAULTS["DPO_EMAIL"] in page.text
    assert "Das Sicherheitsprotokoll wird 30 Tage aufbewahrt." in page.text
    # the notice's earlier lines are still there
    assert "Jeder Zugriff auf eine Fallakte wird protokolliert." in page.text


def test_registration_checkbox_links_to_the_privacy_notice(client):
    html = client.get("/register", headers={"Accept-Language": "en"}).get_data(as_text=True)
    checkbox = re.search(r"<input[^>]*id=\"accept_privacy\"[^>]*>", html).group(0)
    assert 'aria-describedby="accept_privacy-hint"' in checkbox
    hint = re.search(r'<div class="form-text" id="accept_privacy-hint">(.*?)</div>', html).group(1)
    assert 'href="/privacy"' in hint
    assert "Read the privacy notice (opens in a new tab)" in hint
    # the checkbox's accessible name is still its own label, not the link
    label = re.search(r'<label[^>]*for="accept_privacy"[^>]*>(.*?)</label>', html).group(1)
    assert label.startswith("I have read the privacy notice")
    assert client.get("/privacy").status_code == 200


OTHER = {
    "OPERATOR_NAME": "Stadt Musterhausen – Fachdienst Migration",
    "OPERATOR_STREET": "Rathausplatz 3",
    "OPERATOR_CITY": "12345 Musterhausen",
    "OPERATOR_REPRESENTATIVE": "Bürgermeister Hans Beispiel",
    "OPERATOR_EMAIL": "migration@musterhausen.example",
    "OPERATOR_PHONE": "+49 30 23125 777",
    "OPERATOR_SMS": "+49 30 23125 778",
    "OPERATOR_OFFICE_HOURS": "2 09:00-11:00",
    "OPERATOR_DGS_VIDEO_URL": "https://video.musterhausen.example/dgs",
    "OPERATOR_RELAY_SERVICE_URL": "https://relay.example/",
    "OPERATOR_VAT_ID": "DE123456789",
    "DPO_EMAIL": "dsb@musterhausen.example",
    "SUPERVISORY_AUTHORITY_NAME": "Die Bundesbeauftragte für den Datenschutz",
    "ENFORCEMENT_BODY_NAME": "Schlichtungsstelle nach § 16 BGG",
    "ENFORCEMENT_BODY_URL": "https://www.schlichtungsstelle-bgg.de",
    "ACCESSIBILITY_STATEMENT_DATE": "2027-03-01",
    "SECURITY_LOG_RETENTION_DAYS": 1,
}


@pytest.fixture
def other_app(tmp_path: Path, database_url: str) -> Flask:
    """The same database, another operator: built from configuration values only."""
    return create_app(app_config(tmp_path / "instance", database_url, **OTHER))


def test_configuration_overrides_show_on_the_pages(other_app):
    client = other_app.test_client()
    imprint = read(client, "/imprint", "de")
    for value in ("Stadt Musterhausen – Fachdienst Migration", "Rathausplatz 3", "DE123456789"):
        assert value in imprint.text
    assert "Bürgermeister Hans Beispiel" in imprint.text
    assert "Demo-Werte" not in imprint.text
    assert "Landkreis Osnabrück" not in imprint.text
    contact = read(client, "/contact", "de")
    assert "Dienstag" in contact.text and "09:00–11:00" in contact.text
    assert "Montag" not in contact.text
    statement = read(client, "/accessibility", "de")
    assert "Schlichtungsstelle nach § 16 BGG" in statement.text
    assert "https://www.schlichtungsstelle-bgg.de" in statement.links
    assert "1. März 2027" in statement.text
    assert "keine Videos" not in statement.text  # videos configured: no longer a gap
    sign = read(client, "/sign-language", "de")
    assert "https://video.musterhausen.example/dgs" in sign.links
    assert "+49 30 23125 778" in sign.text
    assert "https://relay.example/" in sign.links
    privacy = read(client, "/privacy", "de")
    assert "Die Bundesbeauftragte für den Datenschutz" in privacy.text
    assert "dsb@musterhausen.example" in privacy.text
    assert "Das Sicherheitsprotokoll wird 1 Tag aufbewahrt." in privacy.text


def test_sign_language_page_without_videos_says_how_to_reach_the_office(client):
    page = read(client, "/sign-language", "en")
    assert "There are none yet." in page.text
    assert f"mailto:{OPERATOR_DEFAULTS['OPERATOR_EMAIL']}" in page.links
    assert OPERATOR_DEFAULTS["OPERATOR_FAX"] in page.text
    assert not any("video" in href for href in page.links)  # no made-up video link


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("OPERATOR_OFFICE_HOURS", "Mo 8-12"),
        ("OPERATOR_OFFICE_HOURS", "1-4 08:00"),
        ("ACCESSIBILITY_STATEMENT_DATE", "06.12.2026"),
    ],
)
def test_a_malformed_setting_stops_the_start(tmp_path, database_url, setting, value):
    with pytest.raises(ValueError, match=setting):
        create_app(app_config(tmp_path / "instance", database_url, **{setting: value}))


def test_office_hours_parse_into_rows():
    rows = parse_office_hours("1-4 08:00-12:00 13:30-16:00; 5 08:00-12:00")
    assert [(row.first, row.last, len(row.spans)) for row in rows] == [(0, 3, 2), (4, 4, 1)]


def test_operator_comes_from_the_environment(tmp_path, database_url, monkeypatch):
    """How an operator sets it in production: BRUECKE_* variables, no code."""
    monkeypatch.setenv("BRUECKE_OPERATOR_NAME", "Landkreis Emsland – Integrationsstelle")
    monkeypatch.setenv("BRUECKE_OPERATOR_OFFICE_HOURS", "3 10:00-14:00")
    client = create_app(app_config(tmp_path / "instance", database_url)).test_client()
    contact = read(client, "/contact", "en")
    assert "Landkreis Emsland – Integrationsstelle" in contact.text
    assert "Wednesday" in contact.text and "Demo values" not in contact.text


def test_privacy_notice_names_the_source_and_transfers(client):
    page = read(client, "/privacy", "en")
    assert "(Art. 14 GDPR)" in page.text
    assert "outside the European Union" in page.text
