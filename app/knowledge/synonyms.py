"""Words people use for the same thing, across languages: a data table (``data/synonyms.json``).

A search word that matches a term of a group (up to a typo) also looks for every other term of
the group, so "Familienkasse" finds the answer about "Kindergeld", "Fahrerlaubnis" the one about
the "Führerschein", and an Arabic "الاعتراف" the answer tagged "Anerkennung" in every language.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz

from app.knowledge.text import topic_words

DATA = Path(__file__).parent / "data" / "synonyms.json"
# A search word belongs to a group from this similarity (0–100) on: stricter than a word match,
# because a wrong group pulls in a whole family of words.
GROUP_THRESHOLD = 88
# A word reached through a group counts a little less than the word itself, so an answer that
# uses the searched word ranks first.
SYNONYM_WEIGHT = 0.95


@cache
def groups() -> tuple[frozenset[str], ...]:
    """Each group's terms as the search reads them (folded, stemmed words)."""
    data = json.loads(DATA.read_text("utf-8"))
    return tuple(
        frozenset(w for term in group["terms"] for w in topic_words(term))
        for group in data["groups"]
    )


def similarity(word: str, known: str) -> float:
    """0–100: how alike two words are; a known word that starts with a word of five letters or
    more counts as found (a word still being typed, or the first part of a compound)."""
    score = fuzz.ratio(word, known)
    if len(word) >= 5 and known.startswith(word):
        score = max(score, 90.0)
    return score


def alternatives(word: str) -> dict[str, float]:
    """The words to look for instead of ``word``, each with its weight (``word`` itself 1.0)."""
    found = {word: 1.0}
    for group in groups():
        match = max((similarity(word, term) for term in group), default=0.0)
        if match < GROUP_THRESHOLD:
            continue
        weight = SYNONYM_WEIGHT * match / 100
        for term in group:
            found[term] = max(found.get(term, 0.0), weight)
    return found
