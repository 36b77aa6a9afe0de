"""Valid replacements for one side of a proposal: the offers or requests a coordinator may put
in its place, those that keep every hard rule with the other side, the most valuable pair first.

The candidates are read by ``queries``; the engine's rules judge them here.
"""

from __future__ import annotations

from datetime import date

from app.matches import adapters, queries
from app.matches.models import Proposal
from app.offers.models import Offer, Request


def candidate_offers(proposal: Proposal, today: date) -> list[tuple[Offer, float]]:
    """Other live offers with open places of the proposal's kind in the same region that keep
    every hard rule with the proposal's request, the most valuable pair first."""
    offers = {o.id: o for o in queries.replacement_offers(proposal, today)}
    data = queries.pair_input(today)
    ranked = adapters.valid_offers(data, proposal.request, list(offers.values()))
    return [(offers[s.id], s.score) for s in ranked]


def candidate_requests(
    proposal: Proposal, region_ids: set[int], today: date
) -> list[tuple[Request, float]]:
    """Other open requests of the same kind by people in the coordinator's regions, not held by
    another proposal, that keep every hard rule with the proposal's offer, best pair first."""
    requests = {r.id: r for r in queries.replacement_requests(proposal, region_ids)}
    data = queries.pair_input(today)
    ranked = adapters.valid_requests(data, list(requests.values()), proposal.offer)
    return [(requests[s.id], s.score) for s in ranked]
