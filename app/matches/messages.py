"""Translatable texts for the engine's message keys: reasons, rule names and unmet causes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from babel.lists import format_list
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.core.i18n import current_locale, format_number, language_name
from app.matches.adapters import MAX_SCORE
from app.matches.models import PROPOSAL_STATUS_LABELS, Proposal, ProposalStatus
from app.profiles.models import Person, level_text

RULES = {
    "kind_not_wanted": _l("the person does not ask for this kind of offer"),
    "too_far": _l("the two are too far apart for their travel radius"),
    "outside_residence_region": _l("the offer lies outside the person's residence obligation"),
    "no_shared_language": _l("no shared language at the level needed"),
    "under_working_age": _l("the person is under 15, and children may not be employed"),
    "no_right_to_work": _l("the person is not allowed to work"),
    "no_good_conduct_certificate": _l("no valid certificate of good conduct for meeting a minor"),
    "mentor_gender_mismatch": _l("the person wished a mentor of another gender"),
    "no_common_time": _l("no common time in the week"),
    "rejected_before": _l("a coordinator rejected this pair before"),
    "no_offer_of_kind": _l("there is no offer of this kind with a free place"),
    "no_candidate": _l("no offer keeps every hard rule"),
    "lost_to_better_pair": _l("the places went to pairs with a higher value"),
    "held_back": _l("a side constraint of this round held the request back"),
    "quota_full": _l("the quota for this region or organisation is full"),
    "hour_budget_spent": _l("the offer's weekly hours are already given to others"),
    "waiting_share": _l("places were kept for the people who have waited longest"),
    "cohort_incomplete": _l("the group this person belongs to could not be placed together"),
    "search_stopped": _l("the search stopped at its time limit before placing this request"),
}


#: Why an undecided proposal of an earlier round was not made again (beside the rule names).
MOVED = {
    "better_total": _l("other pairs together reached a higher total"),
    "capacity_lowered": _l("the offer has fewer free places now"),
    "offer_gone": _l("the offer was withdrawn or has no free place left"),
    "seeker_gone": _l("the request is no longer open"),
}


def moved_label(reason: str) -> str:
    label = MOVED.get(reason) or RULES.get(reason)
    return str(label) if label else reason


def rule_message(rule: str) -> object:
    """A sentence naming the rule a pair breaks (lazy: rendered where it is shown)."""
    return _l("This pair breaks a hard rule: %(rule)s.", rule=RULES.get(rule, rule))


def cause_label(cause: str) -> str:
    label = RULES.get(cause)
    return str(label) if label else cause


def _skills(params: dict[str, Any]) -> str:
    skills = params.get("skills", [])
    return ", ".join(map(str, skills)) if isinstance(skills, list) else str(skills)


def _number(value: Any, decimals: int = 0) -> str:
    """A number from the engine's reasons, written the reader's way ("3,1", "۳٫۱")."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "?"
    return format_number(value, decimals)


REASONS: dict[str, Callable[[dict[str, Any]], str]] = {
    "shared_language": lambda p: _(
        "Both speak %(language)s (level %(level)s)",
        language=language_name(str(p.get("lang", "")), current_locale()),
        level=level_text(str(p.get("level", ""))),
    ),
    "distance_km": lambda p: _("%(km)s km apart", km=_number(p.get("km"), 1)),
    "skill_match": lambda p: _("Matching skills: %(skills)s", skills=_skills(p)),
    "common_time": lambda p: _(
        "%(hours)s hours a week in common (%(needed)s needed)",
        hours=_number(p.get("hours"), 1),
        needed=_number(p.get("needed"), 1),
    ),
    "waiting_days": lambda p: _("Waiting for %(days)s days", days=_number(p.get("days"))),
    "offer_rating": lambda p: _(
        "Rated %(stars)s of 5 stars before", stars=_number(p.get("stars"), 1)
    ),
    "given_score": lambda p: _(
        "Given score %(score)s of %(max)s",
        score=_number(p.get("score"), 1),
        max=_number(MAX_SCORE, 1),
    ),
    "postcode_town_assumed": lambda p: _(
        "Postcode %(postcode)s is shared by several towns; %(town)s was assumed",
        postcode=p.get("postcode", "?"),
        town=p.get("town", "?"),
    ),
}


def reason_text(reason: dict[str, Any]) -> str:
    """One reason of a proposal, in the current language."""
    key = str(reason.get("key"))
    render = REASONS.get(key)
    return render(reason.get("params") or {}) if render else key


COMPONENTS = {
    "skill": _l("Skills"),
    "language": _l("Language"),
    "distance": _l("Distance"),
    "availability": _l("Common time"),
    "waiting": _l("Waiting time"),
    "rating": _l("Past ratings"),
    "base": _l("Base"),
}


def spoken_languages(person: Person) -> str:
    """The person's languages with their levels, joined the reader's way ("A (B1) und B (C2)")."""
    locale = current_locale()
    spoken = [
        f"{language_name(row.code, locale)} ({level_text(row.level)})" for row in person.languages
    ]
    return format_list(spoken, locale=locale) if spoken else ""


def other_side_name(proposal: Proposal, side: str) -> str:
    """Who the other side of a match is, as the person's own match card names them: an employer
    (or any offer made for an organisation) by the organisation's name, everyone else by their
    given name."""
    if side != "seeker":
        return proposal.request.person.given_name
    offer = proposal.offer
    employer = offer.owner.employer_profile
    organisation = offer.organisation or (employer.organisation if employer else None)
    return organisation.name if organisation else offer.owner.given_name


def match_state(proposal: Proposal) -> str:
    """A match's state as a coordinator needs it: of an approved one, who accepted and who is
    still awaited."""
    label = PROPOSAL_STATUS_LABELS[ProposalStatus(proposal.status)]
    if proposal.status != ProposalStatus.APPROVED.value:
        return str(label)
    seeker, provider = proposal.seeker.given_name, proposal.provider.given_name
    if proposal.seeker_answer and not proposal.provider_answer:
        return _(
            "%(accepted)s accepted · waiting for %(waiting)s", accepted=seeker, waiting=provider
        )
    if proposal.provider_answer and not proposal.seeker_answer:
        return _(
            "%(accepted)s accepted · waiting for %(waiting)s", accepted=provider, waiting=seeker
        )
    return str(label)
