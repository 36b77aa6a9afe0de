"""Forms of the knowledge base; every label and message is translatable."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import URL, DataRequired, Length, Optional

from app.core.forms import AppForm, choices
from app.core.i18n import LOCALE_LABELS
from app.knowledge.models import ARTICLE_STATUS_LABELS, AUDIENCE_LABELS, TOPIC_LABELS

REQUIRED = _l("Please fill in this field.")
EVERYWHERE = ""


def optional_int(value: Any) -> int | None:
    return int(value) if value not in (None, "", "None") else None


class ArticleForm(AppForm):
    """The text of one language version and the article's settings."""

    language = SelectField(_l("Language"), choices=choices(LOCALE_LABELS.items()))
    title = StringField(
        _l("Question or title"), validators=[DataRequired(REQUIRED), Length(max=200)]
    )
    body = TextAreaField(_l("Answer"), validators=[DataRequired(REQUIRED), Length(max=20000)])
    tags = StringField(
        _l("Tags"),
        validators=[Length(max=500)],
        description=_l("Separated by commas, e.g. recognition, certificate"),
    )
    synonyms = StringField(
        _l("Other words people use"),
        validators=[Length(max=500)],
        description=_l("Separated by commas; they help the search find this answer."),
    )
    audience = SelectField(_l("Who may read it"), choices=choices(AUDIENCE_LABELS.items()))
    organisation = SelectField(_l("Responsible organisation"), coerce=optional_int)
    region = SelectField(_l("Region"), coerce=optional_int)
    valid_until = DateField(_l("Valid until"), validators=[Optional()])
    topic = SelectField(
        _l("Topic"), choices=choices([("", _l("No topic")), *TOPIC_LABELS.items()]), default=""
    )
    source_name = StringField(
        _l("Source"),
        validators=[Length(max=200)],
        description=_l("The official page the answer is based on, e.g. BAMF – Integration course"),
    )
    source_url = StringField(
        _l("Address of the source"),
        validators=[
            Optional(),
            Length(max=500),
            URL(
                require_tld=True,
                message=_l("Please enter a full web address, e.g. https://www.bamf.de/."),
            ),
        ],
    )


class StatusForm(AppForm):
    status = SelectField(_l("Review status"), choices=choices(ARTICLE_STATUS_LABELS.items()))


class SearchForm(AppForm):
    class Meta:
        csrf = False

    q = StringField(_l("Your question"), validators=[Length(max=200)])
