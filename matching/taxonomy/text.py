"""Text folding shared by the skill and language matchers."""

from __future__ import annotations

import re
import unicodedata

# German spellings without umlauts are common on foreign keyboards ("Baecker", "Schweisser"),
# so both forms fold to the same key.
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
# Gender suffixes and job-ad boilerplate carry no meaning for matching.
_BOILERPLATE = re.compile(r"\((?:m|w|d|f)(?:/(?:m|w|d|f))*\)|/-?(?:in|frau|innen)\b|\*in\b|:in\b")
_NON_WORD = re.compile(r"[^\w+#]+")


def fold(text: str) -> str:
    """Fold text for comparison: case, umlauts, ß, gender suffixes and punctuation."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = _BOILERPLATE.sub(" ", text).translate(_UMLAUTS)
    return " ".join(_NON_WORD.sub(" ", text).split())
