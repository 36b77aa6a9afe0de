"""The Persian and Ukrainian catalogues keep the platform's terms apart and write digits one way.

- Integration (the office, the agreement, the Integrationskurs) is not "ادغام" (merger) in Persian.
- An offer (Angebot, posted by a volunteer or employer) and a proposal (Vorschlag of the matching
  engine) are different words; so are a score (the engine's points) and a rating (stars).
- Persian texts write Persian digits (CEFR levels such as B1 stay as they are).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

CATALOGUES = Path(__file__).resolve().parents[2] / "app" / "translations"


def strings(locale: str) -> list[tuple[str, str]]:
    """(English msgid, every translated form joined) for each entry without a context."""
    with (CATALOGUES / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalogue = read_po(handle, locale=locale)
    rows = []
    for entry in catalogue:
        if not entry.id or entry.context:
            continue
        msgid = entry.id if isinstance(entry.id, str) else entry.id[0]
        value = entry.string if isinstance(entry.string, str) else " ".join(entry.string)
        rows.append((msgid, value))
    return rows


def about(pattern: str, rows: list[tuple[str, str]], but_not: str = "^$") -> list[str]:
    found, other = re.compile(pattern, re.I), re.compile(but_not, re.I)
    return [value for msgid, value in rows if found.search(msgid) and not other.search(msgid)]


# Offers as a thing (not the verb "what I offer", "offered"), proposals, scores and ratings.
OFFERS = r"\boffers?\b(?! jobs| consultation)"
NOT_OFFER_NOUN = r"propos|\bI offer|can offer|offered|offering|offer work"
PROPOSALS = r"\bproposals?\b"
SCORES = r"%\(score\)s"
RATINGS = r"\bratings?\b"


def test_persian_does_not_call_integration_a_merger():
    merger = [msgid for msgid, value in strings("fa") if "ادغام" in value]
    assert merger == []
    integration = about(r"\bintegration\b", strings("fa"))
    assert len(integration) >= 20 and all("انتگراسیون" in value for value in integration)


@pytest.mark.parametrize(
    ("locale", "offer_word", "proposal_word"), [("fa", "فرصت", "پیشنهاد"), ("uk", "пропозиц", None)]
)
def test_offers_and_proposals_are_different_words(locale, offer_word, proposal_word):
    rows = strings(locale)
    offers, proposals = about(OFFERS, rows, NOT_OFFER_NOUN), about(PROPOSALS, rows, "offer")
    assert len(offers) > 40 and len(proposals) >= 7
    assert [text for text in offers if offer_word not in text.lower()] == []
    assert [text for text in proposals if offer_word in text.lower()] == []
    if proposal_word:
        assert [text for text in offers if proposal_word in text] == []


@pytest.mark.parametrize(
    ("locale", "score_word", "rating_word"), [("fa", "نمره", "امتیاز"), ("uk", "бал", "оцін")]
)
def test_score_and_rating_are_different_words(locale, score_word, rating_word):
    rows = strings(locale)
    scores, ratings = about(SCORES, rows), about(RATINGS, rows, "score")
    assert len(scores) >= 4 and len(ratings) >= 8
    assert [text for text in scores if score_word not in text.lower()] == []
    assert [text for text in scores if rating_word in text.lower()] == []
    assert [text for text in ratings if score_word in text.lower()] == []


# Names of standards and laws stay as they are written, like the CEFR levels.
STANDARDS = r"PDF/UA-1|EN 301 549|WCAG\) 2\.1|\(EU\) 2016/2102"


def test_persian_writes_persian_digits():
    latin = re.compile(rf"%\(\w+\)[sd]|\b[ABC][12]\b|{STANDARDS}|[0-9]")
    mixed = [
        value
        for _msgid, value in strings("fa")
        if any(m.group(0).isdigit() for m in latin.finditer(value))
    ]
    assert mixed == []


@pytest.mark.parametrize(
    ("locale", "residence"), [("ar", "السكن"), ("fa", "سکونت"), ("uk", "прожив")]
)
def test_a_place_is_not_a_place_of_residence(locale, residence):
    """The label "Place" says where a person lives and also where a job or the help is (the
    offer page, the match card): a job in Bramsche was at a "place of residence" in Arabic,
    Persian and Ukrainian."""
    [place] = [value for msgid, value in strings(locale) if msgid == "Place"]
    assert residence not in place
