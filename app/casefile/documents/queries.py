"""Reads for the printed documents: the current rows of a case file's history, agreed goals with
their measures, the timeline of the path, language tests over time, matches and their ratings.

History tables are append-only; a correction is a new row naming the row it replaces. "Current"
rows are the ones no other row replaces, and an entry recorded against an older version of a goal
(or measure) belongs to the version that replaced it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import or_, select
from sqlalchemy.orm import defer

from app.casefile.models import (
    CaseGoal,
    GeneratedDocument,
    GoalStatus,
    GoalStatusEntry,
    LanguageTestResult,
    Measure,
    MeasureStatus,
    MeasureStatusEntry,
)
from app.extensions import db
from app.matches.models import Proposal, ProposalStatus, Rating
from app.offers.models import Offer, Request

M = TypeVar("M")
SHOWN_MATCHES = (
    ProposalStatus.APPROVED.value,
    ProposalStatus.ACTIVE.value,
    ProposalStatus.DECLINED.value,
    ProposalStatus.ENDED.value,
)


def all_rows(model: type[M], case_file_id: int) -> list[M]:
    query = select(model).where(model.case_file_id == case_file_id).order_by(model.id)  # type: ignore[attr-defined]
    return list(db.session.scalars(query))


def current_of(rows: list[Any]) -> list[Any]:
    """The rows that no other row of ``rows`` replaces."""
    replaced = {row.supersedes_id for row in rows if row.supersedes_id is not None}
    return [row for row in rows if row.id not in replaced]


def current_rows(model: type[M], case_file_id: int) -> list[M]:
    return current_of(all_rows(model, case_file_id))


def lineage(rows: list[Any]) -> dict[int, int]:
    """Every row id → the id of the current row that (through corrections) replaced it."""
    replaced_by = {row.supersedes_id: row.id for row in rows if row.supersedes_id is not None}
    heads: dict[int, int] = {}
    for row in rows:
        head = row.id
        while head in replaced_by:
            head = replaced_by[head]
        heads[row.id] = head
    return heads


@dataclass(frozen=True)
class MeasureLine:
    measure: Measure
    status: str
    status_since: date | None


@dataclass(frozen=True)
class GoalLine:
    goal: CaseGoal
    status: str
    status_since: date | None
    history: list[GoalStatusEntry] = field(default_factory=list)
    measures: list[MeasureLine] = field(default_factory=list)


def _latest(entries: list[Any]) -> Any | None:
    return max(entries, key=lambda entry: (entry.since, entry.id), default=None)


def _entries_by_head(model: type[Any], case_file_id: int, key: str, heads: dict[int, int]):
    grouped: dict[int, list[Any]] = defaultdict(list)
    for entry in current_rows(model, case_file_id):
        grouped[heads.get(getattr(entry, key), getattr(entry, key))].append(entry)
    return grouped


def _measure_lines(case_file_id: int, goal_heads: dict[int, int]) -> dict[int, list[MeasureLine]]:
    measures = all_rows(Measure, case_file_id)
    statuses = _entries_by_head(MeasureStatusEntry, case_file_id, "measure_id", lineage(measures))
    lines: dict[int, list[MeasureLine]] = defaultdict(list)
    for measure in current_of(measures):
        latest = _latest(statuses[measure.id])
        status = latest.status if latest else MeasureStatus.OPEN.value
        line = MeasureLine(measure, status, latest.since if latest else None)
        lines[goal_heads.get(measure.goal_id, measure.goal_id)].append(line)
    for group in lines.values():
        group.sort(key=lambda line: (line.measure.due_on or date.max, line.measure.id))
    return lines


def list_goal_lines(case_file_id: int, agreed_only: bool = False) -> list[GoalLine]:
    """The current goals with their status history and their current measures."""
    goals = all_rows(CaseGoal, case_file_id)
    heads = lineage(goals)
    statuses = _entries_by_head(GoalStatusEntry, case_file_id, "goal_id", heads)
    measures = _measure_lines(case_file_id, heads)
    lines = []
    for goal in current_of(goals):
        if agreed_only and goal.agreed_on is None:
            continue
        history = sorted(statuses[goal.id], key=lambda entry: (entry.since, entry.id))
        latest = history[-1] if history else None
        status = latest.status if latest else GoalStatus.OPEN.value
        since = latest.since if latest else None
        lines.append(GoalLine(goal, status, since, history, measures[goal.id]))
    return lines


def language_results(case_file_id: int, language: str = "de") -> list[LanguageTestResult]:
    results = [r for r in current_rows(LanguageTestResult, case_file_id) if r.language == language]
    return sorted(results, key=lambda result: (result.taken_on, result.id))


@dataclass(frozen=True)
class MatchLine:
    proposal: Proposal
    as_seeker: bool
    ratings: list[Rating]


def list_match_lines(person_id: int) -> list[MatchLine]:
    """The person's approved, active and finished matches (either side) and their ratings."""
    own_requests = select(Request.id).where(Request.person_id == person_id)
    own_offers = select(Offer.id).where(Offer.owner_id == person_id)
    query = (
        select(Proposal)
        .where(Proposal.status.in_(SHOWN_MATCHES))
        .where(or_(Proposal.request_id.in_(own_requests), Proposal.offer_id.in_(own_offers)))
        .order_by(Proposal.created_at, Proposal.id)
    )
    proposals = list(db.session.scalars(query))
    ratings: dict[int, list[Rating]] = defaultdict(list)
    ids = [proposal.id for proposal in proposals]
    for rating in db.session.scalars(select(Rating).where(Rating.proposal_id.in_(ids))):
        ratings[rating.proposal_id].append(rating)
    return [MatchLine(p, p.request.person_id == person_id, ratings[p.id]) for p in proposals]


def list_documents(case_file_id: int) -> list[GeneratedDocument]:
    query = (
        select(GeneratedDocument)
        .options(defer(GeneratedDocument.pdf))  # the list needs no PDF bytes
        .where(GeneratedDocument.case_file_id == case_file_id)
        .order_by(GeneratedDocument.created_at.desc(), GeneratedDocument.id.desc())
    )
    return list(db.session.scalars(query))


def get_document(case_file_id: int, document_id: int) -> GeneratedDocument | None:
    document = db.session.get(GeneratedDocument, document_id)
    return document if document and document.case_file_id == case_file_id else None


def get_document_state(case_file_id: int, document_id: int) -> GeneratedDocument | None:
    """The document's row without its PDF bytes (for the page that waits for it)."""
    query = (
        select(GeneratedDocument)
        .options(defer(GeneratedDocument.pdf))
        .where(GeneratedDocument.id == document_id)
        .where(GeneratedDocument.case_file_id == case_file_id)
    )
    return db.session.scalar(query)
