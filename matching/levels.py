"""CEFR language levels as an ordered type: A1 < A2 < B1 < B2 < C1 < C2 < native."""

from __future__ import annotations

from enum import IntEnum


class Level(IntEnum):
    """A language level on the CEFR scale; ``NATIVE`` ranks above C2.

    The integer values (1…7) are used directly in the vectorised rule checks, so they must stay
    consecutive and start at 1 (0 means "does not speak the language").
    """

    A1 = 1
    A2 = 2
    B1 = 3
    B2 = 4
    C1 = 5
    C2 = 6
    NATIVE = 7

    @property
    def label(self) -> str:
        """The canonical spelling used in JSON: ``"A1"`` … ``"C2"`` or ``"native"``."""
        return "native" if self is Level.NATIVE else self.name


# Spellings people actually type for a native speaker, in German and English.
_NATIVE_WORDS = frozenset(
    {"native", "muttersprache", "muttersprachlich", "mother tongue", "l1", "c3", "nativ"}
)

LEVEL_LABELS: tuple[str, ...] = tuple(level.label for level in Level)
# Every accepted spelling, casefolded: one dict lookup per level read (parsing 100k people reads
# half a million levels; ``Level.__members__`` builds a new mapping on every access).
_SPELLINGS = {
    **{level.name.casefold(): level for level in Level if level is not Level.NATIVE},
    **dict.fromkeys(_NATIVE_WORDS, Level.NATIVE),
}


def parse_level(text: str) -> Level:
    """Read a level such as ``"b1"``, ``"B1"``, ``"native"`` or ``"Muttersprache"``.

    Raises ``ValueError`` naming the accepted spellings when the text is not a level.
    """
    level = _SPELLINGS.get(text.strip().casefold())
    if level is not None:
        return level
    raise ValueError(f"unknown language level {text!r}; use one of {', '.join(LEVEL_LABELS)}")


def is_level(text: str) -> bool:
    """Whether ``text`` is a language level that :func:`parse_level` accepts."""
    try:
        parse_level(text)
    except ValueError:
        return False
    return True
