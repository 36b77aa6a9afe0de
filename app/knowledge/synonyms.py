"""Words people use for the same thing, across languages: a data table (``data/synonyms.json``).

Each group of the table is one concept ("child benefit": Kindergeld, Familienkasse, child
benefit, إعانة الأطفال, …). A question and an answer share a concept when each contains a term of
the group, up to a typo: so "Familienkasse" finds the answer about "Kindergeld", "Fahrerlaubnis"
the one about the "Führerschein", and an Arabic "الاعتراف" the answer tagged "Anerkennung". A term
of several words counts only when all its words are there: "benefit" alone is no child benefit.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from app.knowledge.text import topic_words

DATA = Path(__file__).parent / "data" / "synonyms.json"
# A word matches a term's word from this similarity (0–100) on: stricter than a plain word match,
# because a wrong concept pulls in a whole family of answers.
TERM_THRESHOLD = 88
# A word of this length or longer also matches the words it begins (a word still being typed,
# or the first part of a compound: "Wohnung" in "Wohnungssuche").
PREFIX_LENGTH = 5

Term = tuple[str, ...]


@cache
def groups() -> tuple[tuple[Term, ...], ...]:
    """Each group's terms as the search reads them (folded, stemmed words)."""
    data = json.loads(DATA.read_text("utf-8"))
    return tuple(
        tuple(words for term in group["terms"] if (words := tuple(topic_words(term))))
        for group in data["groups"]
    )


@cache
def term_words() -> tuple[str, ...]:
    return tuple(sorted({w for group in groups() for term in group for w in term}))


def matched(needles: list[str], hay: list[str]) -> set[tuple[str, str]]:
    """The pairs (needle, hay word) that match: similar enough, or the hay word begins with a
    needle of PREFIX_LENGTH letters or more."""
    if not needles or not hay:
        return set()
    ratios = process.cdist(needles, hay, scorer=fuzz.ratio, score_cutoff=TERM_THRESHOLD)
    pairs = {(needles[i], hay[j]) for i, j in zip(*ratios.nonzero(), strict=True)}
    for needle in needles:
        if len(needle) >= PREFIX_LENGTH:
            pairs |= {(needle, word) for word in hay if word.startswith(needle)}
    return pairs


def covered_terms(present: set[str]) -> dict[int, int]:
    """For each concept with a term whose words are all ``present``: how many of its terms."""
    found: dict[int, int] = {}
    for index, group in enumerate(groups()):
        count = sum(1 for term in group if all(w in present for w in term))
        if count:
            found[index] = count
    return found


def question_concepts(words: Iterable[str]) -> dict[int, int]:
    """The concepts a question names (a question word may be a term word still being typed)."""
    pairs = matched(sorted(set(words)), list(term_words()))
    return covered_terms({term_word for _, term_word in pairs})


@lru_cache(maxsize=4096)
def answer_concepts(vocabulary: frozenset[str]) -> dict[int, int]:
    """The concepts an answer's titles, tags and synonyms name (a term word may be the first
    part of one of the answer's words). Cached: an answer's words change only with a new text."""
    pairs = matched(list(term_words()), sorted(vocabulary))
    return covered_terms({term_word for term_word, _ in pairs})
