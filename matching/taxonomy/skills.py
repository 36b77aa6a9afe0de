"""Map free-text skills and occupations onto the shipped taxonomy (RapidFuzz)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from rapidfuzz import fuzz, process

from matching.taxonomy.text import fold

#: Similarity (0–100) a text needs to be mapped; below it the value is "unknown". Chosen so that
#: one or two typos in a word of eight letters pass ("Elektricker" → electrician, 95) while
#: different trades with a similar spelling do not ("Maler" vs "Maurer", 73).
THRESHOLD = 85.0
#: A single word inside a longer text must match more closely, as it has less context.
TOKEN_THRESHOLD = 90.0
#: Texts this short are compared exactly: edit similarity is meaningless for "IT" or "Kfz".
SHORT = 3


@dataclass(frozen=True)
class NormalisedValue:
    """A user's words and what they were mapped to; ``id`` is ``None`` for "unknown"."""

    original: str
    id: str | None
    label: str
    score: float


@dataclass(frozen=True)
class Entry:
    """One taxonomy entry with its German and English labels and known variants."""

    id: str
    de: str
    en: str
    synonyms: tuple[str, ...]

    def label(self, lang: str) -> str:
        """The label in ``lang`` (``de`` or ``en``; anything else falls back to German)."""
        return self.en if lang == "en" else self.de


@dataclass(frozen=True)
class Taxonomy:
    """The loaded taxonomy with the folded variant strings RapidFuzz searches."""

    entries: tuple[Entry, ...]
    by_id: dict[str, Entry]
    variants: tuple[str, ...]
    owners: tuple[int, ...]


def _title_forms(entry: Entry) -> list[str]:
    """The occupation's own names: its labels and their masculine, feminine and neutral forms
    ("Bäcker/in" → Bäcker, Bäckerin; "Koch/Köchin" → Koch, Köchin)."""
    words = [entry.de, entry.en]
    for word in (entry.de, entry.en):
        head, _, tail = word.partition("/")
        if tail == "in":
            words += [head, head + "in"]
        elif tail == "-frau" and head.endswith("mann"):  # Industriekaufmann/-frau
            words += [head, head.removesuffix("mann") + "frau"]
        elif tail:  # Kaufmann/Kauffrau für Spedition: the words after the pair belong to both
            rest = tail.partition(" ")[2]
            words += [f"{head} {rest}".strip(), tail]
    return words


def _folded(words: list[str]) -> list[str]:
    return [folded for folded in dict.fromkeys(fold(w) for w in words) if folded]


@cache
def load_taxonomy() -> Taxonomy:
    """Load ``occupations.csv`` shipped in this package (cached: it never changes at run time).

    Every entry's own title forms are listed before any synonym, so that a title always finds
    its own occupation (Konditor → Konditor/in, although Bäcker/in lists "Konditor" among its
    synonyms) and, among equally close matches, a title outranks a synonym.
    """
    text = resources.files("matching.taxonomy").joinpath("occupations.csv").read_text("utf-8")
    rows = list(csv.DictReader(text.splitlines(), delimiter=";"))
    entries = tuple(
        Entry(r["id"], r["de"], r["en"], tuple(s for s in r["synonyms"].split("|") if s))
        for r in rows
    )
    variants: list[str] = []
    owners: list[int] = []
    seen: set[str] = set()
    titles = [(i, _folded(_title_forms(e))) for i, e in enumerate(entries)]
    synonyms = [(i, _folded(list(e.synonyms))) for i, e in enumerate(entries)]
    for index, forms in titles + synonyms:
        for variant in forms:
            # A variant listed twice belongs to its first owner: a title before any synonym,
            # then the file's order (the more specific occupation first).
            if variant not in seen:
                seen.add(variant)
                variants.append(variant)
                owners.append(index)
    return Taxonomy(entries, {e.id: e for e in entries}, tuple(variants), tuple(owners))


def _best(query: str, tax: Taxonomy, cutoff: float) -> tuple[int, float] | None:
    if len(query) <= SHORT:
        if query in tax.variants:
            return tax.owners[tax.variants.index(query)], 100.0
        return None
    hit = process.extractOne(query, tax.variants, scorer=fuzz.ratio, score_cutoff=cutoff)
    return None if hit is None else (tax.owners[hit[2]], float(hit[1]))


def _best_token(query: str, tax: Taxonomy) -> tuple[int, float] | None:
    """Best match of any word or word pair, for texts like "erfahrener Schweißer"."""
    words = query.split()
    grams = [" ".join(words[i : i + 2]) for i in range(len(words) - 1)]
    best: tuple[int, float] | None = None
    for gram in [*grams, *(w for w in words if len(w) > SHORT)]:
        hit = _best(gram, tax, TOKEN_THRESHOLD)
        if hit is not None and (best is None or hit[1] > best[1]):
            best = hit
    return best


@lru_cache(maxsize=1 << 16)
def normalise_skill(text: str, lang: str = "de") -> NormalisedValue:
    """Map a free-text skill or occupation onto the taxonomy, tolerant of typos and case.

    Returns the taxonomy id, its label in ``lang`` and the similarity (0–100). When nothing is
    similar enough the id is ``None`` and the label is the user's own text: an honest "unknown"
    is better than a wrong guess.
    """
    tax = load_taxonomy()
    query = fold(text)
    hit = _best(query, tax, THRESHOLD) if query else None
    if hit is None and " " in query:
        hit = _best_token(query, tax)
    if hit is None:
        return NormalisedValue(text, None, text.strip(), 0.0)
    entry = tax.entries[hit[0]]
    return NormalisedValue(text, entry.id, entry.label(lang), round(hit[1], 1))


def resolved_skill(taxonomy_id: str | None, text: str, lang: str = "de") -> NormalisedValue:
    """A skill whose taxonomy id was found before, without searching again.

    An application that stores :func:`normalise_skill`'s id next to the user's words when they
    are saved hands both in here when it builds a :class:`~matching.problem.Problem` itself: the
    label comes from the taxonomy, the similarity is taken as exact (100). ``None`` is an
    "unknown" skill, as :func:`normalise_skill` gives it. An id the taxonomy no longer has (it
    was updated since the words were saved) is looked up again from ``text``.
    """
    entry = load_taxonomy().by_id.get(taxonomy_id) if taxonomy_id is not None else None
    if entry is None:
        if taxonomy_id is not None:
            return normalise_skill(text, lang)
        return NormalisedValue(text, None, text.strip(), 0.0)
    return NormalisedValue(text, entry.id, entry.label(lang), 100.0)


@dataclass(frozen=True)
class Suggestion:
    """One type-ahead proposal."""

    id: str
    label: str
    score: float


#: Type-ahead proposals below this similarity are noise.
SUGGEST_CUTOFF = 80.0
#: When some entry really starts with the text, a misspelt match must be this close to stay:
#: "Schwei" is the start of "Schweißer", so "Schrei(ben)" and "Schwim(men)" are not proposed.
SUGGEST_CUTOFF_WITH_PREFIX = 88.0
#: Scores of true matches: label prefix, synonym prefix, a word inside a variant.
LABEL_PREFIX, SYNONYM_PREFIX, WORD_PREFIX = 100.0, 97.0, 92.0
#: A misspelt prefix counts for less than a misspelt whole word of the same similarity.
PREFIX_DISCOUNT = 0.9


def _misspelt_prefix(query: str, variant: str) -> float:
    """Similarity of ``query`` to the variant's start, allowing one letter more or less.

    Only the variant's start of about the query's length is compared, so the lengths are always
    comparable ("Elektik" ~ "elektrik", not ~ "elektroniker fuer geraete").
    """
    n = len(query)
    return max(float(fuzz.ratio(query, variant[:size])) for size in (n - 1, n, n + 1))


def _typeahead_score(query: str, variant: str, tax: Taxonomy, owner: int) -> float:
    entry = tax.entries[owner]
    if variant.startswith(query):
        # A label that starts with the text beats a synonym that does.
        return LABEL_PREFIX if variant in (fold(entry.de), fold(entry.en)) else SYNONYM_PREFIX
    if f" {query}" in variant:
        return WORD_PREFIX
    if len(query) <= SHORT:
        # Edit similarity of two or three letters is noise ("Mal" ~ "mail").
        return 0.0
    prefix = _misspelt_prefix(query, variant) * PREFIX_DISCOUNT
    return max(float(fuzz.ratio(query, variant)), prefix)


def suggest(text: str, lang: str = "de", limit: int = 10) -> list[Suggestion]:
    """Type-ahead: taxonomy entries for a prefix or a misspelt word, best first.

    Entries whose label starts with the text come first, then synonyms that start with it, then
    words inside a variant, then misspelt prefixes and words by similarity; ties alphabetically.
    Misspelt matches must be close (``SUGGEST_CUTOFF``), and closer still when some entry truly
    starts with the text (``SUGGEST_CUTOFF_WITH_PREFIX``), so that a prefix is not padded with
    unrelated entries.
    """
    tax = load_taxonomy()
    query = fold(text)
    if not query or limit <= 0:
        return []
    scores: dict[int, float] = {}
    for variant, owner in zip(tax.variants, tax.owners, strict=True):
        scores[owner] = max(scores.get(owner, 0.0), _typeahead_score(query, variant, tax, owner))
    exact = any(score >= WORD_PREFIX for score in scores.values())
    cutoff = SUGGEST_CUTOFF_WITH_PREFIX if exact else SUGGEST_CUTOFF
    scores = {owner: score for owner, score in scores.items() if score >= cutoff}
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], tax.entries[kv[0]].label(lang)))
    return [
        Suggestion(tax.entries[i].id, tax.entries[i].label(lang), round(s, 1))
        for i, s in ranked[:limit]
    ]
