"""Map language names in German, English or the language itself onto ISO 639 codes.

The code table is the maintained ``langcodes`` package (with ``language-data``); this module only
adds the few spellings it lacks and the variants that matter in German refugee work (Dari vs.
Farsi, Kurmanji vs. Sorani).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Protocol

import langcodes
from rapidfuzz import fuzz, process

from matching.levels import Level
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
    "hocharabisch": "ar",
    "standardarabisch": "ar",
    "kurdisch-kurmandschi": "kmr",
    "kurmandschi-kurdisch": "kmr",
    "عربي": "ar",
}

#: Codes that count as one language when deciding whether two people can talk: each code maps to
#: its group's code. This is the one table of aliases; the rules, the audit and the explanations
#: read it. A group holds a macrolanguage and the individual languages people name for it:
#: Persian (Farsi, Iranian Persian, Dari — two standard forms, mutually intelligible); Arabic
#: (Modern Standard Arabic and the spoken varieties met in German refugee work, whose speakers
#: share the standard language); Kurdish: ``ku`` as written by German offices means Kurmanji,
#: the Kurdish of most Kurds in Germany, while Sorani (``ckb``) stays a language of its own
#: (the two are not mutually intelligible); Pashto, Albanian, Uzbek, Swahili, Chinese and
#: Azerbaijani with their individual codes. A group is transitive, so only languages that all
#: members understand are grouped.
SAME_LANGUAGE: dict[str, str] = {
    "prs": "fa", "pes": "fa", "fas": "fa", "per": "fa", "fa-af": "fa",
    "arb": "ar", "ara": "ar", "apc": "ar", "ajp": "ar", "acm": "ar", "arz": "ar", "ary": "ar",
    "aeb": "ar", "arq": "ar", "apd": "ar", "ayl": "ar", "afb": "ar",
    "kmr": "ku", "kur": "ku",
    "pbt": "ps", "pbu": "ps", "pst": "ps", "pus": "ps",
    "als": "sq", "aln": "sq", "sqi": "sq", "alb": "sq",
    "uzn": "uz", "uzb": "uz",
    "swh": "sw", "swa": "sw",
    "cmn": "zh", "zho": "zh", "chi": "zh",
    "azj": "az", "azb": "az", "aze": "az",
}  # fmt: skip
_VARIANT_TARGETS = frozenset(SAME_LANGUAGE.values())

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
    """Whether other codes compare equal to ``code`` (fa: Dari and Iranian Persian, …)."""
    return code in _VARIANT_TARGETS


def comparison_code(code: str) -> str:
    """The code under which two speakers are considered to share a language (Dari → fa)."""
    lowered = code.lower()
    return SAME_LANGUAGE.get(lowered, lowered)


class _Spoken(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def level(self) -> Level: ...


def highest_levels(skills: Iterable[_Spoken]) -> dict[str, Level]:
    """The highest level per alias group (Dari and Farsi named apart count as one language at
    the better of the two levels, whatever the order they were written in)."""
    best: dict[str, Level] = {}
    for skill in skills:
        group = comparison_code(skill.code)
        best[group] = max(best.get(group, skill.level), skill.level)
    return best


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


def _tag_code(word: str) -> str | None:
    """The language of a regional or script tag (``ar-SY`` → ar, ``fa-AF`` → Dari, ``de_AT``).

    The region or script does not change whether two people can talk, except that Persian as
    spoken in Afghanistan is Dari.
    """
    tag = word.replace("_", "-")
    if "-" not in tag or not tag.isascii() or not langcodes.tag_is_valid(tag):
        return None
    code = _standard_code(tag)
    language = None if code is None else langcodes.Language.get(code)
    if language is None or language.language is None or not language.is_valid():
        return None
    return code if code == "prs" else str(language.language)


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
    tagged = _tag_code(word)
    if tagged is not None:
        return tagged, 100.0
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
