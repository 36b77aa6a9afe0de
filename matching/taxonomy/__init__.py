"""Normalisation of free text: skills and occupations, language names, CEFR levels."""

from matching.levels import Level, parse_level
from matching.taxonomy.languages import (
    LanguageValue,
    comparison_code,
    language_label,
    normalise_language,
)
from matching.taxonomy.skills import (
    NormalisedValue,
    Suggestion,
    normalise_skill,
    resolved_skill,
    suggest,
)

__all__ = [
    "LanguageValue",
    "Level",
    "NormalisedValue",
    "Suggestion",
    "comparison_code",
    "language_label",
    "normalise_language",
    "normalise_skill",
    "parse_level",
    "resolved_skill",
    "suggest",
]
