"""Pages of the knowledge package: search and read answers; editors write and review them.

An article a user may not see answers 404, so that nobody learns that an internal answer exists.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.core.db import utcnow
from app.core.forms import choices
from app.core.i18n import current_locale, is_supported
from app.core.permissions import require
from app.extensions import db, limiter
from app.knowledge import queries, services, throttle
from app.knowledge.forms import ArticleForm, SearchForm, StatusForm
from app.knowledge.models import (
    ARTICLE_STATUS_LABELS,
    AUDIENCE_LABELS,
    SOURCE_LANGUAGE,
    Article,
    ArticleStatus,
)
from app.knowledge.queries import EDITOR_ROLES

bp = Blueprint("knowledge", __name__, url_prefix="/knowledge")

FORM_FAILED = 422
LABELS = {"status": ARTICLE_STATUS_LABELS, "audience": AUDIENCE_LABELS}


def visible_article(article_id: int) -> Article:
    article = queries.get_article(article_id)
    if article is None or not queries.may_see(current_user, article):
        abort(404)
    return article


def render(template: str, form: Any = None, **context: Any) -> tuple[str, int]:
    status = FORM_FAILED if form is not None and form.is_submitted() else 200
    return render_template(template, form=form, labels=LABELS, **context), status


@bp.get("/")
def index() -> tuple[str, int]:
    form = SearchForm(request.args)
    question = (form.q.data or "").strip() if form.validate() else ""
    hits = queries.search(current_user, question) if question else []
    if question and not queries.is_answered(hits) and throttle.may_log_question():
        services.log_open_question(question, current_locale())
        db.session.commit()
    articles = [] if question else queries.list_visible_articles(current_user)
    return render(
        "knowledge/index.html",
        search=form,
        question=question,
        hits=hits,
        articles=articles,
        locale=current_locale(),
        is_editor=queries.is_editor(current_user),
    )


@bp.get("/<int:article_id>")
def article(article_id: int) -> tuple[str, int]:
    item = visible_article(article_id)
    wanted = request.args.get("lang", "")
    wanted = wanted if is_supported(wanted) else current_locale()
    shown = item.current(wanted) or item.current(SOURCE_LANGUAGE)
    if shown is None:
        abort(404)
    return render(
        "knowledge/article.html",
        article=item,
        shown=shown,
        wanted=wanted,
        outdated=item.is_outdated(shown.language),
        counts=queries.feedback_counts(item.id),
        is_editor=queries.is_editor(current_user),
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
    organisations = queries.list_editable_organisations(current_user)
    form.organisation.choices = choices(
        [(None, _("None")), *((o.id, o.name) for o in organisations)]
    )
    regions = queries.list_editable_regions(current_user)
    form.region.choices = choices([(None, _("Everywhere")), *((r.id, r.name) for r in regions)])


def settings_of(form: ArticleForm) -> services.ArticleSettings:
    return services.ArticleSettings(
        audience=form.audience.data,
        organisation_id=form.organisation.data,
        region_id=form.region.data,
        valid_until=form.valid_until.data,
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
    item = visible_article(article_id)
    language = request.values.get("language", SOURCE_LANGUAGE)
    base = item.current(language) or item.current(SOURCE_LANGUAGE)
    form = ArticleForm(
        obj=base,
        language=language,
        audience=item.audience,
        organisation=item.organisation_id,
        region=item.region_id,
        valid_until=item.valid_until,
    )
    fill_choices(form)
    if form.validate_on_submit():
        services.apply_settings(item, settings_of(form))
        services.add_version(item, current_user, text_of(form))
        db.session.commit()
        flash(_("A new version was saved."), "success")
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
    item = visible_article(article_id)
    form = StatusForm()
    if not form.validate():
        abort(400, _("Please choose a valid status."))
    services.set_status(item, ArticleStatus(form.status.data))
    db.session.commit()
    flash(_("The review status was changed."), "success")
    return redirect(url_for("knowledge.article", article_id=item.id))


@bp.get("/open-questions")
@require(*EDITOR_ROLES)
def open_questions() -> tuple[str, int]:
    return render("knowledge/open_questions.html", questions=queries.list_open_questions())
