"""Pages of the matches package: rounds and their progress, the approval queue, manual matches,
people's own matches with their answers, ratings, and the inbox.

Each view loads, asks the matches policy, calls one service, then redirects or renders. A
round outside the coordinator's regions, a proposal whose two people are not both inside them,
or a match the user is not part of, answers 404.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.accounts.policy import coordinated_region_ids
from app.core.clock import local_today as today
from app.core.forms import choices
from app.core.i18n import format_number
from app.core.pages import page_count, page_number
from app.core.permissions import Role, require
from app.core.views import FORM_FAILED, form_status, refused
from app.extensions import db
from app.matches import (
    adapters,
    answer_views,
    answers_on_behalf,
    forms,
    messages,
    policy,
    queries,
    recovery,
    replacements,
    services,
)
from app.matches.errors import MatchError, ProposalGone
from app.matches.models import (
    ANSWER_CHANNEL_LABELS,
    ANSWERED_BY_LABELS,
    FAILED_REASON_LABELS,
    LAPSE_CAUSE_LABELS,
    PROPOSAL_STATUS_LABELS,
    STAGE_LABELS,
    MatchingRound,
    Notification,
    Proposal,
    ProposalStatus,
)
from app.matches.ratings import (
    EMPLOYER_KINDS,
    MENTOR_KINDS,
    rating_averages_by_organisation,
    rating_averages_by_person,
)
from app.offers.models import MEETING_MODE_LABELS, OFFER_KIND_LABELS, Offer, Request

bp = Blueprint("matches", __name__)
BROKER_UNAVAILABLE = 503
Page = str | tuple[str, int] | Response


@bp.app_context_processor
def match_helpers() -> dict[str, Any]:
    return {
        "reason_text": messages.reason_text,
        "cause_label": messages.cause_label,
        "moved_label": messages.moved_label,
        "component_labels": messages.COMPONENTS,
        "proposal_status_labels": PROPOSAL_STATUS_LABELS,
        "lapse_cause_labels": LAPSE_CAUSE_LABELS,
        "stage_labels": STAGE_LABELS,
        "failed_reason_labels": FAILED_REASON_LABELS,
        "offer_kind_labels": OFFER_KIND_LABELS,
        "max_score": adapters.MAX_SCORE,
    }


# -- loading with access checks ---------------------------------------------------------------


def coordinated_round(round_id: int) -> MatchingRound:
    found = queries.get_round(round_id)
    if found is None or not policy.may_see_round(current_user, found):
        abort(404)
    return found


def coordinated_proposal(proposal_id: int) -> Proposal:
    found = queries.get_proposal(proposal_id)
    if found is None or not policy.may_manage_proposal(current_user, found):
        abort(404)
    return found


def proposal_gone() -> Response:
    """An approval or rejection of a proposal that no longer exists says why it may be gone."""
    return refused(ProposalGone(), url_for("matches.queue"))


def own_match(proposal_id: int) -> tuple[Proposal, str]:
    found = queries.get_proposal(proposal_id)
    side = policy.answering_side(current_user, found) if found is not None else None
    if found is None or side is None:
        abort(404)
    return found, side


# -- rounds -------------------------------------------------------------------------------------


def start_form() -> forms.StartRoundForm:
    form = forms.StartRoundForm()
    form.region_id.choices = choices(
        (r.id, r.name) for r in queries.coordinated_districts(current_user)
    )
    return form


@bp.route("/matches/rounds", methods=["GET", "POST"])
@require(Role.COORDINATOR)
def rounds() -> Page:
    recovery.recover_stuck_rounds()  # a district whose round got stuck may start again
    form = start_form()
    if form.validate_on_submit():
        try:
            matching_round = services.create_round(
                form.region_id.data, current_user, stable=form.aim.data == forms.AIM_STABLE
            )
        except MatchError as error:
            return refused(error, url_for("matches.rounds"))
        db.session.commit()
        # Sent after the commit, and at once: with the broker down the round is failed here
        # (it blocks nothing) and the coordinator is told, instead of a round that never runs.
        if not recovery.send_round(matching_round.id):
            flash(
                _(
                    "Background work is unavailable right now, so the round could not start. "
                    "Please try again in a few minutes."
                ),
                "danger",
            )
            return rounds_page(form, BROKER_UNAVAILABLE)
        return redirect(url_for("matches.round_detail", round_id=matching_round.id))
    return rounds_page(form, form_status(form))


def rounds_page(form: forms.StartRoundForm, status: int) -> Page:
    listed = queries.list_rounds(coordinated_region_ids(current_user))
    return render_template("matches/rounds.html", form=form, rounds=listed), status


@bp.get("/matches/rounds/<int:round_id>")
@require(Role.COORDINATOR)
def round_detail(round_id: int) -> Page:
    recovery.recover_stuck_rounds()
    matching_round = coordinated_round(round_id)
    return render_template(
        "matches/round.html",
        round=matching_round,
        requests=queries.unmatched_requests(matching_round),
    )


@bp.get("/matches/rounds/<int:round_id>/result")
@require(Role.COORDINATOR)
def round_result(round_id: int) -> Page:
    """The summary (or the failure) alone, for the progress page to put in place when the
    round is over."""
    matching_round = coordinated_round(round_id)
    return render_template(
        "matches/_round_result.html",
        round=matching_round,
        requests=queries.unmatched_requests(matching_round),
    )


@bp.get("/matches/rounds/<int:round_id>/status")
@require(Role.COORDINATOR)
def round_status(round_id: int) -> Response:
    recovery.recover_stuck_rounds()  # the progress page polls this: a stuck round moves on
    matching_round = coordinated_round(round_id)
    return jsonify(
        status=matching_round.status,
        stage=matching_round.stage,
        stage_label=str(STAGE_LABELS.get(matching_round.stage, matching_round.stage)),  # type: ignore[call-overload]
        progress=matching_round.progress,
        matched=matching_round.matched,
    )


# -- the approval queue -------------------------------------------------------------------------


def _min_score() -> float | None:
    try:
        return float(request.args["min_score"]) if request.args.get("min_score") else None
    except ValueError:
        abort(400)


@bp.get("/matches/queue")
@require(Role.COORDINATOR)
def queue() -> Page:
    status = request.args.get("status", ProposalStatus.PROPOSED.value)
    if status and status not in PROPOSAL_STATUS_LABELS and status != queries.OFFICE_ANSWER:
        abort(400)
    kind = request.args.get("kind") or None
    if kind and kind not in OFFER_KIND_LABELS:
        abort(400)
    page = page_number(request.args.get("page"))
    proposals, total = queries.list_queue(
        coordinated_region_ids(current_user), status or None, kind, _min_score(), page
    )
    return render_template(
        "matches/queue.html",
        proposals=proposals,
        page=page,
        pages=page_count(total, queries.QUEUE_PAGE_SIZE),
        status=status,
        kind=kind or "",
        min_score=request.args.get("min_score", ""),
        reject_form=forms.RejectForm(),
        office_answer=queries.OFFICE_ANSWER,
    )


@bp.post("/matches/proposals/<int:proposal_id>/approve")
@require(Role.COORDINATOR)
def approve(proposal_id: int) -> Response:
    if queries.get_proposal(proposal_id) is None:
        return proposal_gone()
    proposal = coordinated_proposal(proposal_id)
    try:
        services.approve(proposal, current_user)
    except MatchError as error:
        return refused(error, url_for("matches.queue"))
    db.session.commit()
    flash(_("Approved. Both sides have been asked to accept."), "success")
    return redirect(url_for("matches.queue"))


@bp.post("/matches/queue/approve")
@require(Role.COORDINATOR)
def approve_many() -> Response:
    ids = [int(i) for i in request.form.getlist("proposal_id") if i.isdigit()]
    chosen = [coordinated_proposal(i) for i in ids]
    done, refused_count = services.approve_many(chosen, current_user)
    db.session.commit()
    flash(
        _(
            "%(done)s approved, %(refused)s not possible.",
            done=format_number(done),
            refused=format_number(refused_count),
        ),
        "success" if not refused_count else "warning",
    )
    return redirect(url_for("matches.queue"))


@bp.route("/matches/proposals/<int:proposal_id>/reject", methods=["GET", "POST"])
@require(Role.COORDINATOR)
def reject(proposal_id: int) -> Page:
    if request.method == "POST" and queries.get_proposal(proposal_id) is None:
        return proposal_gone()
    proposal = coordinated_proposal(proposal_id)
    form = forms.RejectForm()
    if form.validate_on_submit():
        try:
            services.reject(proposal, current_user, form.reason.data)
        except MatchError as error:
            return refused(error, url_for("matches.queue"))
        db.session.commit()
        flash(_("Rejected. This pair will not be proposed again."), "success")
        return redirect(url_for("matches.queue"))
    status = form_status(form)
    return render_template("matches/reject.html", proposal=proposal, form=form), status


def _candidate_label(name: str, score: float) -> str:
    return str(
        _(
            "%(name)s (value %(score)s of %(max)s)",
            name=name,
            score=format_number(score, 1),
            max=format_number(adapters.MAX_SCORE, 1),
        )
    )


@bp.route("/matches/proposals/<int:proposal_id>/replace", methods=["GET", "POST"])
@require(Role.COORDINATOR)
def replace(proposal_id: int) -> Page:
    proposal = coordinated_proposal(proposal_id)
    form = forms.ReplaceForm()
    form.offer_id.choices = choices(
        (o.id, _candidate_label(f"{o.title}, {o.owner.full_name}", score))
        for o, score in replacements.candidate_offers(proposal, today())
    )
    if not form.validate_on_submit():
        status = form_status(form)
        return render_template("matches/replace.html", proposal=proposal, form=form), status
    offer = db.session.get(Offer, form.offer_id.data) or abort(404)
    try:
        services.replace_offer(proposal, offer, current_user, today(), form.reason.data)
    except MatchError as error:
        return refused_on_page("matches/replace.html", error, proposal, form)
    db.session.commit()
    flash(_("The other offer is approved instead."), "success")
    return redirect(url_for("matches.queue"))


@bp.route("/matches/proposals/<int:proposal_id>/replace-person", methods=["GET", "POST"])
@require(Role.COORDINATOR)
def replace_person(proposal_id: int) -> Page:
    proposal = coordinated_proposal(proposal_id)
    form = forms.ReplaceRequestForm()
    regions = coordinated_region_ids(current_user)
    form.request_id.choices = choices(
        (r.id, _candidate_label(r.person.full_name, score))
        for r, score in replacements.candidate_requests(proposal, regions, today())
    )
    if not form.validate_on_submit():
        status = form_status(form)
        return render_template("matches/replace_person.html", proposal=proposal, form=form), status
    chosen = db.session.get(Request, form.request_id.data) or abort(404)
    try:
        services.replace_request(proposal, chosen, current_user, today(), form.reason.data)
    except MatchError as error:
        return refused_on_page("matches/replace_person.html", error, proposal, form)
    db.session.commit()
    flash(_("The other person is approved instead."), "success")
    return redirect(url_for("matches.queue"))


def refused_on_page(template: str, error: MatchError, proposal: Proposal, form: Any) -> Page:
    db.session.rollback()
    flash(str(error.message), "danger")
    return render_template(template, proposal=proposal, form=form), FORM_FAILED


@bp.route("/matches/manual", methods=["GET", "POST"])
@require(Role.COORDINATOR)
def manual() -> Page:
    form = forms.ManualMatchForm()
    if form.validate_on_submit():
        found = db.session.get(Request, form.request_id.data)
        offer = db.session.get(Offer, form.offer_id.data)
        if found is None or offer is None or not policy.may_manage_pair(current_user, found, offer):
            form.request_id.errors = [_("No such request and offer in your regions.")]
        else:
            try:
                services.propose_by_hand(found, offer, current_user, today())
            except MatchError as error:
                db.session.rollback()
                form.offer_id.errors = [str(error.message)]
            else:
                db.session.commit()
                flash(_("The match is approved; both sides have been asked."), "success")
                return redirect(url_for("matches.queue", status="approved"))
    status = form_status(form)
    return render_template("matches/manual.html", form=form), status


@bp.get("/matches/ratings")
@require(Role.COORDINATOR)
def ratings() -> Page:
    regions = coordinated_region_ids(current_user)
    return render_template(
        "matches/ratings.html",
        mentors=rating_averages_by_person(regions, MENTOR_KINDS),
        employers=rating_averages_by_person(regions, EMPLOYER_KINDS),
        organisations=rating_averages_by_organisation(regions),
    )


# -- the two people -----------------------------------------------------------------------------


@bp.get("/matches/mine")
@require()
def mine() -> Page:
    matches = [(p, policy.side_of(current_user, p)) for p in queries.list_own_matches(current_user)]
    return render_template("matches/mine.html", matches=matches, end_form=forms.EndForm())


@bp.post("/matches/<int:proposal_id>/answer")
@require()
def answer(proposal_id: int) -> Response:
    proposal, side = own_match(proposal_id)
    accepted = request.form.get("answer") == "accept"
    try:
        services.answer(proposal, side, accepted)
    except MatchError as error:
        return refused(error, url_for("matches.mine"))
    db.session.commit()
    flash(_("Thank you for your answer.") if accepted else _("You declined."), "success")
    return redirect(url_for("matches.mine"))


@bp.post("/matches/<int:proposal_id>/end")
@require()
def end(proposal_id: int) -> Response:
    proposal = queries.get_proposal(proposal_id)
    if proposal is None or not policy.may_end(current_user, proposal):
        abort(404)
    form = forms.EndForm()
    if not form.validate_on_submit():
        abort(400)
    stars = int(form.stars.data) if form.stars.data else None
    try:
        services.end_match(proposal, current_user, stars, form.comment.data)
    except MatchError as error:
        return refused(error, url_for("matches.mine"))
    db.session.commit()
    flash(_("The match has ended. Thank you for your rating."), "success")
    # Always the own matches, where the end form is: never where the Referer header points.
    return redirect(url_for("matches.mine"))


@bp.get("/inbox")
@require()
def inbox() -> Page:
    return render_template(
        "matches/inbox.html", notifications=queries.list_notifications(current_user)
    )


@bp.post("/inbox/<int:notification_id>/read")
@require()
def read(notification_id: int) -> Response:
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != current_user.id:
        abort(404)
    services.mark_read(notification)
    db.session.commit()
    return redirect(url_for("matches.inbox"))


# -- answers of people without an account, recorded by a coordinator ------------------------------

bp.add_url_rule(
    "/matches/proposals/<int:proposal_id>/answers/<side>",
    view_func=answer_views.record_answer,
    methods=["GET", "POST"],
)


@bp.app_template_global()
def answers_on_behalf_for(proposals: list[Proposal]) -> dict[int, list[Any]]:
    """The recorded answers of a page of matches, for the approval queue (one query)."""
    return answers_on_behalf.list_recorded_answers([p.id for p in proposals])


@bp.app_template_global()
def sides_to_record(proposal: Proposal) -> list[str]:
    return list(answers_on_behalf.sides_to_record(proposal))


@bp.app_context_processor
def answer_labels() -> dict[str, Any]:
    return {
        "answered_by_labels": ANSWERED_BY_LABELS,
        "answer_channel_labels": ANSWER_CHANNEL_LABELS,
    }


@bp.app_context_processor
def match_card_labels() -> dict[str, Any]:
    return {"meeting_mode_labels": MEETING_MODE_LABELS}


bp.add_app_template_global(messages.spoken_languages)
bp.add_app_template_global(messages.match_state)
bp.add_app_template_global(messages.other_side_name)
