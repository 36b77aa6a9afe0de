"""The skill and occupation taxonomy for the whole app: a person's own words to a taxonomy entry,
and type-ahead proposals.

Profiles, offers, case files, evidence and the demo store a taxonomy id next to the words people
type; none of them needs the matching engine for that, so the bridge to ``matching.taxonomy``
lives here, beside the language helpers, and no domain imports app.matches to reach it.

A skill's taxonomy id is found once, when its row is saved (:func:`keep_taxonomy_id`); a matching
round hands the stored id to the engine instead of the words to search again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import event

from matching.taxonomy import normalise_skill, suggest

# The taxonomy has German and English labels; other interface languages see the German one,
# which is also what employers and offices in Germany use.
TAXONOMY_LANGUAGES = ("de", "en")


def taxonomy_language(locale: str) -> str:
    return locale if locale in TAXONOMY_LANGUAGES else "de"


@dataclass(frozen=True)
class SkillMatch:
    taxonomy_id: str | None
    label: str


def normalise_skill_text(text: str, locale: str = "de") -> SkillMatch:
    """The taxonomy entry for a person's own words, or no id when nothing is close enough."""
    value = normalise_skill(text.strip(), taxonomy_language(locale))
    return SkillMatch(value.id, value.label)


def skill_suggestions(text: str, locale: str = "de", limit: int = 8) -> list[SkillMatch]:
    """Type-ahead proposals for a skill or occupation field."""
    return [SkillMatch(s.id, s.label) for s in suggest(text, taxonomy_language(locale), limit)]


def taxonomy_id_of(text: str) -> str | None:
    """The taxonomy id of a person's own words (the same whatever the interface language)."""
    return normalise_skill(text.strip()).id


def keep_taxonomy_id(model: type[Any], text: str = "original_text") -> None:
    """Make ``model.taxonomy_id`` always the entry its words (``model.<text>``) map to.

    Filled whenever a row is inserted or updated through the ORM, whatever the caller set, so
    that every way a skill is written (forms, the demo, imports) stores the id the engine would
    find; bulk inserts that bypass the ORM fill it with :func:`taxonomy_id_of` themselves.
    """

    def fill(_mapper: Any, _connection: Any, row: Any) -> None:
        row.taxonomy_id = taxonomy_id_of(getattr(row, text) or "")

    event.listen(model, "before_insert", fill)
    event.listen(model, "before_update", fill)
