"""Every form cleans its text input: one line stays one line, several lines lose stray controls."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict
from wtforms import FieldList, Form, FormField, PasswordField, StringField, TextAreaField

from app.core.forms import AppForm, AppRowForm


class Row(AppRowForm):
    skill = StringField()


class Sample(AppForm):
    class Meta:
        csrf = False

    title = StringField(filters=[lambda value: value.strip() if value else value])
    body = TextAreaField()
    password = PasswordField()
    rows = FieldList(FormField(Row), min_entries=1)


def test_text_fields_lose_control_characters_and_passwords_stay_exact(app):
    typed = MultiDict(
        {
            "title": " Beratung\r\nBcc: x@evil.example\x00\u2028 ",
            "body": "Zeile 1\r\nZeile 2\rZeile 3\u2028Zeile 4\x07\tEnde",
            "password": "pass\tword\x01",
            "rows-0-skill": "=Schweißen\n",
        }
    )
    with app.test_request_context():
        form = Sample(formdata=typed)
    assert form.title.data == "Beratung Bcc: x@evil.example"  # cleaned first, then the own strip
    assert form.body.data == "Zeile 1\nZeile 2\nZeile 3\nZeile 4 Ende"
    assert form.password.data == "pass\tword\x01"
    assert form.rows[0].skill.data == "=Schweißen "


def all_subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    return found.union(*(all_subclasses(sub) for sub in found))


def test_every_form_of_the_app_derives_from_the_clean_bases(app):
    forms = [form for form in all_subclasses(Form) if form.__module__.startswith("app.")]
    assert len(forms) > 30  # the app's blueprints (and so their forms) are imported
    offenders = [
        f"{form.__module__}.{form.__qualname__}"
        for form in forms
        if not issubclass(form, (AppForm, AppRowForm))
    ]
    assert offenders == []


def test_numbers_in_validator_messages_are_written_in_the_readers_locale(app):
    """WTForms fills in its limits as Python writes them; a Persian reader sees ۱۰۰, not 100."""
    from flask_babel import force_locale

    from app.offers.forms import SearchForm
    from app.profiles.forms import AboutMeForm

    typed = MultiDict({"text": "x" * 101, "km": "500"})
    with app.test_request_context(), force_locale("fa"):
        search = SearchForm("fa", formdata=typed)
        search.validate()
        about = AboutMeForm(formdata=MultiDict({"given_name": "x" * 121}))
        about.validate()
    assert search.text.errors == ["حداکثر ۱۰۰ نویسه."]  # the form's own message
    assert search.km.errors == ["بین ۱ تا ۲۰۰ کیلومتر."]
    (given_name,) = about.given_name.errors  # WTForms' own message, translated by WTForms
    assert "۱۲۰" in given_name and "120" not in given_name
    with app.test_request_context(), force_locale("de"):
        search = SearchForm("de", formdata=typed)
        search.validate()
    assert search.text.errors == ["Höchstens 100 Zeichen."]
