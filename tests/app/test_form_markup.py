"""The form macro's markup: an attribute without a value is left out (never written as "None",
which screen readers read as an invalid, described field), errors are tied to their field, a
required select starts with an empty choice or is not marked required, and the rows of languages
and skills carry labels a sighted person sees."""

from __future__ import annotations

from html.parser import HTMLParser

from flask import render_template_string

from app.core.permissions import Role
from app.offers.forms import AdviceOfferForm, OfferForm

FIELDS = """{% from "macros/forms.html" import field %}
{% for name in names %}{{ field(form[name], autocomplete=autocomplete) }}{% endfor %}"""


class Elements(HTMLParser):
    """Every start tag with its attributes, and each select's options."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.options: dict[str, list[str | None]] = {}
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "select":
            self._select = attributes.get("id") or ""
            self.options[self._select] = []
        elif tag == "option" and self._select is not None:
            self.options[self._select].append(attributes.get("value"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None


def parse(html: str) -> Elements:
    elements = Elements()
    elements.feed(html)
    return elements


def none_valued(elements: Elements) -> list[str]:
    return [
        f"<{tag} {name}={value!r}>"
        for tag, attributes in elements.tags
        for name, value in attributes.items()
        if value == "None"
    ]


def required_selects_with_a_value_first(elements: Elements) -> list[str]:
    """HTML: a required single select's first option must have an empty value."""
    return [
        attributes.get("id") or "?"
        for tag, attributes in elements.tags
        if tag == "select"
        and "required" in attributes
        and "multiple" not in attributes
        and (elements.options[attributes.get("id") or ""][:1] or [""])[0] != ""
    ]


def render(app, form_class, names, autocomplete=None, data=None):
    with app.test_request_context(method="POST" if data else "GET", data=data):
        form = form_class(meta={"csrf": False})
        if data:
            form.validate()
        return render_template_string(FIELDS, form=form, names=names, autocomplete=autocomplete)


def test_untouched_fields_carry_no_empty_aria_or_autocomplete(app):
    html = render(app, OfferForm, ["kind", "title", "description", "min_german"])
    elements = parse(html)
    assert none_valued(elements) == []
    title = next(a for t, a in elements.tags if a.get("id") == "title")
    assert "aria-invalid" not in title and "autocomplete" not in title
    assert title["aria-describedby"] == "title-hint"  # its hint, which is on the page
    assert 'id="title-hint"' in html
    assert "aria-describedby" not in next(a for t, a in elements.tags if a.get("id") == "kind")


def test_a_field_with_an_error_is_invalid_and_described_by_it(app):
    html = render(app, OfferForm, ["title"], autocomplete="organization-title", data={"title": ""})
    title = next(a for t, a in parse(html).tags if a.get("id") == "title")
    assert title["aria-invalid"] == "true"
    assert title["aria-describedby"] == "title-hint title-error"
    assert title["autocomplete"] == "organization-title"
    assert 'id="title-error"' in html


def test_a_select_whose_default_is_a_real_choice_is_not_marked_required(app):
    elements = parse(
        render(app, AdviceOfferForm, ["meeting_mode"]) + render(app, OfferForm, ["kind"])
    )
    assert required_selects_with_a_value_first(elements) == []
    assert elements.options["kind"][0] == "job"  # still preselected; the server still checks it


def test_the_pages_with_forms_have_no_none_attributes(build, client, login):
    employer = build.user(Role.EMPLOYER)
    pages = {}
    for path in ("/login", "/register", "/password/forgot"):
        pages[path] = client.get(path).get_data(as_text=True)
    login(employer)
    for path in ("/offers/new", "/me/edit", "/account"):
        answer = client.get(path)
        assert answer.status_code == 200, path
        pages[path] = answer.get_data(as_text=True)
    for path, html in pages.items():
        elements = parse(html)
        assert none_valued(elements) == [], path
        assert required_selects_with_a_value_first(elements) == [], path


def test_every_language_and_skill_row_has_a_visible_label(build, client, login):
    login(build.user(Role.VOLUNTEER))
    elements = parse(client.get("/me/edit").get_data(as_text=True))
    labels = {
        attributes["for"]: attributes.get("class") or ""
        for tag, attributes in elements.tags
        if tag == "label" and attributes.get("for")
    }
    rows = [
        name
        for name in labels
        if name.startswith(("languages-", "skills-"))
        and name.endswith(("-code", "-level", "-text", "-years"))
    ]
    assert len(rows) == 2 * 6 + 2 * 5, sorted(labels)
    assert [name for name in rows if "visually-hidden" in labels[name]] == []


def test_the_person_page_has_the_persons_name_as_its_one_h1(build, client, login):
    district = build.district("Landkreis Test", ("Musterstadt",))
    coordinator = build.coordinator(build.organisation("Fachdienst Integration", district))
    person = build.refugee_person(district)
    login(coordinator)
    html = client.get(f"/people/{person.id}").get_data(as_text=True)
    assert html.count("<h1") == 1
    assert 'dir="auto">Amina Haddad</h1>' in html
