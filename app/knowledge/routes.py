"""Pages of the knowledge package: search and read answers; editors write and review them.

An article a user may not see answers 404, so that nobody learns that an internal answer exists;
one the user sees but may not edit or publish (another organisation's) answers 403. Every
decision is the knowledge policy's.
"""

from __future__ import annotations

from typing import Any, NoReturn

from flask import (
    Blueprint,
    abort,
    flash,
    make_response,
    redirect,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.core.db import utcnow
from app.core.errors import render_error
from app.core.forms import choices
from app.core.i18n import current_locale, is_supported
from app.core.permissions import require
from app.core.views import render_form
from app.extensions import db, limiter
from app.knowledge import policy, queries, services, throttle
from app.knowledge.forms import ArticleForm, SearchForm, StatusForm
from app.knowledge.models import (
    ARTICLE_STATUS_LABELS,
    AUDIENCE_LABELS,
    SOURCE_LANGUAGE,
    TOPIC_LABELS,
    Article,
    ArticleStatus,
    Topic,
)
from app.knowledge.policy import EDITOR_ROLES

bp = Blueprint("knowledge", __name__, url_prefix="/knowledge")

LABELS = {"status": ARTICLE_STATUS_LABELS, "audience": AUDIENCE_LABELS}


def visible_article(article_id: int) -> Article:
    article = queries.get_article(article_id)
    if article is None or not policy.may_see(current_user, article):
        abort(404)
    return article


def refuse(message: str) -> NoReturn:
    """403 with the reason in the user's language (the generic page says only "not allowed")."""
    abort(make_response(render_error(403, message)))


def editable_article(article_id: int) -> Article:
    article = visible_article(article_id)
    if not policy.may_edit(current_user, article):
        refuse(_("Only the organisation responsible for this article may change it."))
    return article


def render(template: str, form: Any = None, **context: Any) -> tuple[str, int]:
    return render_form(template, form, labels=LABELS, **context)


def chosen_topic() -> Topic | None:
    """The topic to browse (``?topic=``), or None for all; an unknown one answers 404."""
    value = request.args.get("topic", "")
    if not value:
        return None
    if value not in {topic.value for topic in Topic}:
        abort(make_response(render_error(404, _("There is no such topic."))))
    return Topic(value)


@bp.get("/")
def index() -> tuple[str, int]:
    form = SearchForm(request.args)
    question = (form.q.data or "").strip() if form.validate() else ""
    topic = chosen_topic()
    hits = queries.search(current_user, question) if question else []
    answered = queries.is_answered(hits)
    if question and not answered and throttle.may_log_question():
        services.log_open_question(question, current_locale())
        db.session.commit()
    articles = [] if question else queries.list_visible_articles(current_user, topic)
    return render(
        "knowledge/index.html",
        search=form,
        question=question,
        topic=topic,
        topics=queries.count_topics(current_user),
        topic_labels=TOPIC_LABELS,
        hits=hits,
        answered=answered,
        articles=articles,
        locale=current_locale(),
        is_editor=policy.is_editor(current_user),
    )


@bp.get("/<int:article_id>")
def article(article_id: int) -> tuple[str, int]:
    item = visible_article(article_id)
    wanted = request.args.get("lang", "")
    wanted = wanted if is_supported(wanted) else current_locale()
    pending = policy.sees_pending(current_user, item)
    shown = item.newest(wanted, pending) or item.newest(SOURCE_LANGUAGE, pending)
    if shown is None:
        abort(404)
    return render(
        "knowledge/article.html",
        article=item,
        topic_labels=TOPIC_LABELS,
        shown=shown,
        wanted=wanted,
        outdated=item.is_outdated(shown.language, pending),
        counts=queries.feedback_counts(item.id),
        is_editor=policy.is_editor(current_user),
        may_edit=policy.may_edit(current_user, item),
        may_publish=policy.may_publish(current_user, item),
        status_form=StatusForm(status=item.status),
        expired=item.valid_until is not None and item.valid_until < utcnow().date(),
    )


@bp.post("/<int:article_id>/feedback")
@limiter.limit(throttle.feedback_limit, key_func=throttle.client_key)
def feedback(article_id: int) -> Response:
    item = visible_article(article_id)
    answer = request.form.get("helpful")
    if answer not in ("yes", "no"):
        abort(400, _("Please answer yes or no."))
    services.record_feedback(item, answer == "yes")
    db.session.commit()
    flash(_("Thank you for your feedback."), "success")
    return redirect(url_for("knowledge.article", article_id=item.id))


def fill_choices(form: ArticleForm) -> None:
    owners = [(o.id, o.name) for o in queries.list_editable_organisations(current_user)]
    if policy.may_own(current_user, None):
        owners.insert(0, (None, _("None")))
    form.organisation.choices = choices(owners)
    regions = queries.list_editable_regions(current_user)
    form.region.choices = choices([(None, _("Everywhere")), *((r.id, r.name) for r in regions)])


def saved_message(item: Article, to_review: bool) -> str:
    if to_review:
        return _(
            "A new version was saved. Because its readers or region changed, the answer is "
            "offline until a second person publishes it."
        )
    if item.status == ArticleStatus.PUBLISHED:
        return _(
            "A new version was saved. Readers see the published text until a second person "
            "of your organisation publishes it."
        )
    return _("A new version was saved.")


def settings_of(form: ArticleForm) -> services.ArticleSettings:
    owner = form.organisation.data if "organisation" in form else None
    return services.ArticleSettings(
        audience=form.audience.data,
        organisation_id=owner,
        region_id=form.region.data,
        valid_until=form.valid_until.data,
        topic=form.topic.data or None,
        source_name=form.source_name.data,
        source_url=form.source_url.data,
    )


def text_of(form: ArticleForm) -> services.ArticleText:
    return services.ArticleText(
        language=form.language.data,
        title=form.title.data,
        body=form.body.data,
        tags=form.tags.data or "",
        synonyms=form.synonyms.data or "",
    )


@bp.route("/new", methods=["GET", "POST"])
@require(*EDITOR_ROLES)
def new() -> tuple[str, int] | Response:
    form = ArticleForm(language=SOURCE_LANGUAGE)
    fill_choices(form)
    form.language.choices = choices([(SOURCE_LANGUAGE, _("German"))])
    if form.validate_on_submit():
        item = services.create_article(current_user, settings_of(form), text_of(form))
        db.session.commit()
        flash(_("The article was saved as a draft."), "success")
        return redirect(url_for("knowledge.article", article_id=item.id))
    return render("knowledge/form.html", form=form, article=None)


@bp.route("/<int:article_id>/edit", methods=["GET", "POST"])
@require(*EDITOR_ROLES)
def edit(article_id: int) -> tuple[str, int] | Response:
    item = editable_article(article_id)
    language = request.values.get("language", SOURCE_LANGUAGE)
    base = item.current(language) or item.current(SOURCE_LANGUAGE)
    form = ArticleForm(
        obj=base,
        language=language,
        audience=item.audience,
        organisation=item.organisation_id,
        region=item.region_id,
        valid_until=item.valid_until,
        topic=item.topic or "",
        source_name=item.source_name,
        source_url=item.source_url,
    )
    fill_choices(form)
    del form.organisation  # an edit never moves an article to another organisation
    if form.validate_on_submit():
        to_review = services.apply_settings(item, settings_of(form))
        services.add_version(item, current_user, text_of(form))
        db.session.commit()
        flash(saved_message(item, to_review), "success")
        return redirect(url_for("knowledge.history", article_id=item.id))
    return render("knowledge/form.html", form=form, article=item)


@bp.get("/<int:article_id>/history")
@require(*EDITOR_ROLES)
def history(article_id: int) -> tuple[str, int]:
    item = visible_article(article_id)
    return render("knowledge/history.html", article=item)


@bp.post("/<int:article_id>/status")
@require(*EDITOR_ROLES)
def change_status(article_id: int) -> Response:
    item = editable_article(article_id)
    form = StatusForm()
    if not form.validate():
        abort(400, _("Please choose a valid status."))
    status = ArticleStatus(form.status.data)
    if status == ArticleStatus.PUBLISHED and not policy.may_publish(current_user, item):
        refuse(_("A second person of the organisation has to publish what you wrote."))
    services.set_status(item, status, current_user)
    db.session.commit()
    flash(_("The review status was changed."), "success")
    return redirect(url_for("knowledge.article", article_id=item.id))


@bp.get("/open-questions")
@require(*EDITOR_ROLES)
def open_questions() -> tuple[str, int]:
    return render("knowledge/open_questions.html", questions=queries.list_open_questions())
