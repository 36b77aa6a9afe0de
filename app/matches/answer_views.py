"""The coordinator's page to record the answer of a person without an account to a match.

It does not know the blueprint: app.matches.routes adds its URL. Load → check access → act:
a match outside the coordinator's regions answers 404; a person with an account is refused with
a message (409: they answer themselves); one the coordinator does not keep on behalf, 404.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.core.clock import local_today
from app.core.permissions import Role, require
from app.core.views import form_status, refused
from app.extensions import db
from app.matches import answers_on_behalf as answers
from app.matches import forms, policy, queries
from app.matches.errors import MatchError
from app.matches.models import AnswerChannel, AnsweredBy, Proposal
from app.matches.policy import Side


def match_kept_on_behalf(proposal_id: int, side: str) -> tuple[Proposal, Side]:
    if side not in answers.SIDES:
        abort(404)
    proposal = queries.get_proposal(proposal_id)
    if proposal is None or not policy.may_manage_proposal(current_user, proposal):
        abort(404)
    chosen: Side = "seeker" if side == "seeker" else "provider"
    answers.refuse_if_own_account(answers.person_on(proposal, chosen))  # 409, with its message
    if not policy.may_record_answer(current_user, proposal, chosen):
        abort(404)
    return proposal, chosen


@require(Role.COORDINATOR)
def record_answer(proposal_id: int, side: str) -> str | tuple[str, int] | Response:
    proposal, chosen = match_kept_on_behalf(proposal_id, side)
    today = local_today()
    form = forms.AnswerOnBehalfForm(today=today)
    if not form.is_submitted():
        form.answered_on.data = today
    if form.validate_on_submit():
        given = answers.GivenAnswer(
            accepted=form.answer.data == "accept",
            answered_by=AnsweredBy(form.answered_by.data),
            channel=AnswerChannel(form.channel.data),
            answered_on=form.answered_on.data,
        )
        try:
            answers.record_answer(proposal, chosen, given, current_user, today)
        except MatchError as error:
            return refused(
                error, url_for("matches.record_answer", proposal_id=proposal_id, side=side)
            )
        db.session.commit()
        flash(success_message(proposal), "success")
        return redirect(url_for("matches.queue", status=proposal.status))
    page = render_template(
        "matches/answer_on_behalf.html",
        proposal=proposal,
        side=chosen,
        person=answers.person_on(proposal, chosen),
        waiting=answers.waits_for(proposal, chosen),
        recorded=answers.list_recorded_answers([proposal.id]).get(proposal.id, []),
        form=form,
    )
    return page, form_status(form)


def success_message(proposal: Proposal) -> str:
    if proposal.status == "active":
        return _("The answer is recorded. Both sides accepted: the match is active.")
    if proposal.status == "declined":
        return _("The answer is recorded. The match is declined; the place is free again.")
    return _("The answer is recorded. The match now waits for the other side.")
