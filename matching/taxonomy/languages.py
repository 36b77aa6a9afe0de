"""Map language names in German, English or the language itself onto ISO 639 codes.

The code table is the maintained ``langcodes`` package (with ``language-data``); this module only
adds the few spellings it lacks and the variants that matter in German refugee work (Dari vs.
Farsi, Kurmanji vs. Sorani).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import langcodes
from rapidfuzz import fuzz, process

from matching.taxonomy.text import fold

#: Similarity (0–100) a misspelt language name needs before it is mapped.
THRESHOLD = 85.0

# Spellings langcodes does not resolve the way a German integration office means them.
# Dari is ISO 639-3 ``prs``; langcodes would answer the region tag fa-AF.
_OVERRIDES: dict[str, str] = {
    "dari": "prs",
    "دری": "prs",
    "afghanisch": "prs",
    "farsi": "fa",
    "persisch": "fa",
    "persian": "fa",
    "iranisch": "fa",
    "kurdî": "ku",
    "kurdi": "ku",
    "kurmanji": "kmr",
    "kurmandschi": "kmr",
    "kurmanci": "kmr",
    "kurmancî": "kmr",
    "sorani": "ckb",
    "soranî": "ckb",
    "کوردی": "ckb",
    "tigrinja": "ti",
    "tigrinisch": "ti",
    "eritreisch": "ti",
    "paschtu": "ps",
    "paschto": "ps",
    "pashtu": "ps",
    "somalisch": "so",
    "arabic": "ar",
    "عربي": "ar",
}

# Codes that count as the same language when deciding whether two people can talk: Dari and
# Farsi are two standard forms of Persian and mutually intelligible.
_SAME_LANGUAGE: dict[str, str] = {"prs": "fa", "fa-af": "fa", "pes": "fa"}
_VARIANT_TARGETS = frozenset(_SAME_LANGUAGE.values())

# Languages offered for fuzzy matching of misspelt names (the ones met in German refugee work,
# plus the big European languages). Exact names of every other language still resolve through
# langcodes.
FUZZY_CODES: tuple[str, ...] = (
    "de", "en", "ar", "fa", "prs", "ku", "kmr", "ckb", "ti", "ps", "so", "uk", "ru", "tr",
    "fr", "es", "it", "pl", "ro", "bg", "sq", "sr", "hr", "bs", "mk", "el", "am", "ur", "hi",
    "bn", "ta", "zh", "vi", "ha", "yo", "ig", "sw", "az", "ka", "hy", "uz", "tg", "ln", "wo",
    "ff", "pt", "nl", "rom", "sd", "pa",
)  # fmt: skip


@dataclass(frozen=True)
class LanguageValue:
    """A user's language name and the ISO 639 code it maps to (``None`` when unknown)."""

    original: str
    code: str | None
    label: str
    score: float


def has_variants(code: str) -> bool:
    """Whether other codes compare equal to ``code`` (fa: Dari and Iranian Persian)."""
    return code in _VARIANT_TARGETS


def comparison_code(code: str) -> str:
    """The code under which two speakers are considered to share a language (Dari → fa)."""
    lowered = code.lower()
    return _SAME_LANGUAGE.get(lowered, lowered)


def language_label(code: str, lang: str = "de") -> str:
    """The name of the language ``code`` in the display language ``lang``."""
    if code == "prs":
        return "Dari" if lang in ("de", "en") else langcodes.Language.get(code).display_name(lang)
    return str(langcodes.Language.get(code).display_name(lang))


@cache
def _fuzzy_table() -> tuple[tuple[str, ...], tuple[str, ...]]:
    names: dict[str, str] = {}
    for code in FUZZY_CODES:
        language = langcodes.Language.get(code)
        for display in ("de", "en", code):
            names.setdefault(fold(language.display_name(display)), code)
    for name, code in _OVERRIDES.items():
        names.setdefault(fold(name), code)
    return tuple(names), tuple(names.values())


def _standard_code(tag: str) -> str | None:
    if not langcodes.tag_is_valid(tag):
        return None
    code = str(langcodes.standardize_tag(tag))
    return "prs" if code.lower() == "fa-af" else code


def _names_match(word: str, code: str) -> bool:
    """langcodes.find also answers prefixes ("Klingonish2000" → tlh): accept only a name that is
    close to one of the language's own names in German, English or itself."""
    language = langcodes.Language.get(code)
    names = [fold(language.display_name(display)) for display in ("de", "en", code)]
    return max(fuzz.ratio(fold(word), name) for name in names) >= THRESHOLD


def _lookup(text: str) -> tuple[str, float] | None:
    word = text.strip()
    folded = word.casefold()
    if folded in _OVERRIDES:
        return _OVERRIDES[folded], 100.0
    if 2 <= len(word) <= 3 and word.isascii() and word.isalpha():
        code = _standard_code(folded)
        if code is not None and langcodes.Language.get(code).is_valid():
            return code, 100.0
    try:
        found = str(langcodes.find(word))
    except LookupError:
        found = None
    if found is not None and _names_match(word, found):
        return ("prs" if found.lower() == "fa-af" else found), 100.0
    names, codes = _fuzzy_table()
    hit = process.extractOne(fold(word), names, scorer=fuzz.ratio, score_cutoff=THRESHOLD)
    return None if hit is None else (codes[hit[2]], float(hit[1]))


@lru_cache(maxsize=1 << 12)
def normalise_language(name: str, lang: str = "de") -> LanguageValue:
    """Map a language name or code to its ISO 639 code, keeping the user's words.

    Accepts codes (``ar``, ``fas``), names in German, English or the language itself
    ("arabisch", "Arabic", "عربي"), and small typos ("Arabsch"). Dari maps to ``prs`` and
    Farsi/Persisch to ``fa``; both count as one language when matching (:func:`comparison_code`).
    """
    hit = _lookup(name) if name.strip() else None
    if hit is None:
        return LanguageValue(name, None, name.strip(), 0.0)
    code, score = hit
    return LanguageValue(name, code, language_label(code, lang), round(score, 1))
