"""How the knowledge search reads text: folded, split into words, Arabic-script words stemmed.

Everything the search compares (questions, titles, tags, synonyms, open questions) goes through
``words`` so that both sides are read the same way: case, accents, umlauts and ß do not matter
("Fuhrerschein", "Fuehrerschein" and "FÜHRERSCHEIN" are one word), and an Arabic word loses its
article, a leading preposition and common endings ("بالشهادات" and "شهادتي" both become "شهاد").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

MIN_WORD_LENGTH = 3
# German, English and Arabic-script words that carry no topic (read as ``words`` reads them).
STOP_TEXT = (
    "the and for how what can does with was wie ich mein meine der die das ein eine und mit fur "
    "fuer wo wer bei von zum zur ist bekomme brauche kann muss "
    "كيف ماذا هل اين أين من في على عن الى إلى او"
)
ARABIC = re.compile(r"[\u0600-\u06ff]")
# Letters written in several ways (hamza on alef, Persian and Arabic yeh and kaf, teh marbuta).
ARABIC_LETTERS = str.maketrans("أإآٱىیکة", "ااااييكه")
ARABIC_MARKS = re.compile(r"[\u064b-\u065f\u0670\u0640]")  # vowel signs and tatweel
ARABIC_PREFIXES = ("وبال", "وال", "بال", "كال", "فال", "لل", "ال")
ARABIC_SUFFIXES = ("اتي", "اته", "تي", "ات", "ين", "ون", "ها", "يه", "ه", "ي")
MIN_STEM = 3


def fold(text: str) -> str:
    """Lower case without accents; German umlauts written out so that "ae" finds "ä"."""
    text = text.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    text = text.replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def arabic_stem(word: str) -> str:
    """A light stem: one prefix and one ending off, never below three letters."""
    word = ARABIC_MARKS.sub("", word).translate(ARABIC_LETTERS)
    for prefix in ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= MIN_STEM:
            word = word[len(prefix) :]
            break
    for suffix in ARABIC_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


def normal(word: str) -> str:
    return arabic_stem(word) if ARABIC.search(word) else word


def words(text: str) -> list[str]:
    """The comparable words of ``text``: folded, stemmed, at least three letters long."""
    found = (normal(w) for w in re.findall(r"\w+", fold(text)))
    return [w for w in found if len(w) >= MIN_WORD_LENGTH]


@lru_cache(maxsize=20_000)
def term_words(term: str) -> tuple[str, ...]:
    """``words`` of a title, tag or synonym, remembered: answers are read at every search, and
    their terms change only with a new version."""
    return tuple(words(term))


STOP_WORDS = frozenset(words(STOP_TEXT))


def topic_words(text: str) -> list[str]:
    """``words`` without the stop words, or all of them when nothing else is left."""
    found = words(text)
    return [w for w in found if w not in STOP_WORDS] or found
