"""Brücke's matching engine: optimal, explainable matches under German integration rules.

A pure library (no web framework): build a :class:`Problem` with :func:`parse_problem` from
JSON-like dicts, call :func:`solve`, read the :class:`Result`. See ``matching/README.md``.
"""

from matching.checks import check_validity
from matching.levels import Level, is_level, parse_level
from matching.parse import parse_problem
from matching.problem import KINDS, Offer, Pair, Problem, Seeker, Settings, Weights
from matching.result import GroupAdvice, Match, OfferValue, Reason, Result, Unmatched
from matching.solve import SolveParams, SolverRefused, solve
from matching.taxonomy import (
    LanguageValue,
    NormalisedValue,
    Suggestion,
    language_label,
    normalise_language,
    normalise_skill,
    suggest,
)
from matching.validation import Issue, ProblemError

__all__ = [
    "KINDS",
    "GroupAdvice",
    "Issue",
    "LanguageValue",
    "Level",
    "Match",
    "NormalisedValue",
    "Offer",
    "OfferValue",
    "Pair",
    "Problem",
    "ProblemError",
    "Reason",
    "Result",
    "Seeker",
    "Settings",
    "SolveParams",
    "SolverRefused",
    "Suggestion",
    "Unmatched",
    "Weights",
    "check_validity",
    "is_level",
    "language_label",
    "normalise_language",
    "normalise_skill",
    "parse_level",
    "parse_problem",
    "solve",
    "suggest",
]
