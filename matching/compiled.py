"""A problem as numpy arrays: the form the vectorised rules and scores work on.

Languages, skills and weekly times become bitsets so that a rule on a pair is a handful of
machine operations; strings (regions, genders) become small integer codes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from matching.availability import WORDS as AVAIL_WORDS
from matching.availability import overlap_hours, to_bits
from matching.geo import cos_threshold, unit_vectors
from matching.levels import Level
from matching.patterns import PairTable, pair_table
from matching.problem import CONTACT_KINDS, GENDERS, KINDS, LanguageSkill, Offer, Problem, Seeker
from matching.taxonomy.languages import comparison_code, highest_levels

LEVELS = len(Level)
U64 = npt.NDArray[np.uint64]
F64 = npt.NDArray[np.float64]
I32 = npt.NDArray[np.int32]
I64 = npt.NDArray[np.int64]
Bool = npt.NDArray[np.bool_]


def _words(bits: int) -> int:
    return max(1, (bits + 63) // 64)


def _set_bit(row: U64, bit: int) -> None:
    row[bit // 64] |= np.uint64(1) << np.uint64(bit % 64)


@dataclass(frozen=True)
class Vocab:
    """Integer codes for the languages, skills and regions that occur in one problem."""

    languages: dict[str, int]
    skills: dict[str, int]
    regions: dict[str, int]

    @property
    def lang_words(self) -> int:
        return _words(len(self.languages) * LEVELS)

    @property
    def skill_words(self) -> int:
        return _words(len(self.skills))

    def thermometer(self, skills: Iterable[LanguageSkill], cap: Level | None = None) -> U64:
        """Bit (k·7 + ℓ − 1) is set for every level ℓ up to the person's level in language k."""
        row = np.zeros(self.lang_words, dtype=np.uint64)
        for skill in skills:
            k = self.languages[comparison_code(skill.code)]
            for level in range(1, min(skill.level, cap or Level.NATIVE) + 1):
                _set_bit(row, k * LEVELS + level - 1)
        return row

    def skill_bits(self, ids: Iterable[str | None]) -> U64:
        row = np.zeros(self.skill_words, dtype=np.uint64)
        for ident in ids:
            if ident is not None:
                _set_bit(row, self.skills[ident])
        return row

    def region(self, name: str | None) -> int:
        return 0 if name is None else self.regions[name]


def build_vocab(problem: Problem) -> Vocab:
    langs: dict[str, int] = {}
    skills: dict[str, int] = {}
    regions: dict[str, int] = {}
    people: list[Seeker | Offer] = [*problem.seekers, *problem.offers]
    for person in people:
        for lang in person.languages:
            langs.setdefault(comparison_code(lang.code), len(langs))
        for skill in person.skills:
            if skill.id is not None:
                skills.setdefault(skill.id, len(skills))
        if person.region is not None:
            regions.setdefault(person.region, len(regions) + 1)
    for offer in problem.offers:
        for lang in (*offer.min_language, *default_offer_languages(offer)):
            langs.setdefault(comparison_code(lang.code), len(langs))
    langs.setdefault("de", len(langs))
    return Vocab(langs, skills, regions)


def default_offer_languages(offer: Offer) -> tuple[LanguageSkill, ...]:
    """An offer that names no language is assumed to be given in German, natively."""
    return offer.languages or (LanguageSkill("de", Level.NATIVE, "(default)"),)


def required_languages(offer: Offer, problem: Problem) -> dict[str, Level]:
    """Languages a seeker may use for this offer, with the level needed (the language rule).

    A job names what the workplace needs (default: German at the job level); the employer's own
    languages are not tested. Any other offer needs a language both sides speak at the level:
    ``min_language`` when given, else every language the offer speaks, at the kind's minimum.
    """
    settings = problem.settings
    if offer.kind == "job":
        return highest_levels(
            offer.min_language or (LanguageSkill("de", settings.min_level["job"], ""),)
        )
    # Aliases named apart ("Farsi": native, "Dari": A2) count at the higher of their levels.
    spoken = highest_levels(default_offer_languages(offer))
    floor = settings.min_level[offer.kind]
    wanted = (
        highest_levels(offer.min_language) if offer.min_language else dict.fromkeys(spoken, floor)
    )
    return {code: lvl for code, lvl in wanted.items() if spoken.get(code, 0) >= lvl}


@dataclass(frozen=True)
class PeopleArrays:
    """Arrays shared by seekers and offers (row i is the i-th person)."""

    xyz: F64
    has_location: Bool
    radius: F64
    cos_radius: F64
    lang: U64
    skills: U64
    avail: U64
    unrestricted: Bool
    region: I32
    gender: npt.NDArray[np.int8]


def _people(people: Sequence[Seeker | Offer], vocab: Vocab) -> PeopleArrays:
    n = len(people)
    lat = np.array([p.location.lat if p.location else 0.0 for p in people], dtype=np.float64)
    lon = np.array([p.location.lon if p.location else 0.0 for p in people], dtype=np.float64)
    has = np.array([p.location is not None for p in people], dtype=bool)
    xyz = unit_vectors(lat, lon) * has[:, None]
    radius = np.array([p.max_km for p in people], dtype=np.float64)
    # People repeat the same few time slots and skills: build each distinct row once.
    avail_rows: dict[object, int] = {}
    skill_rows: dict[tuple[str | None, ...], int] = {}
    avail_of = [avail_rows.setdefault(p.availability, len(avail_rows)) for p in people]
    skill_of = [
        skill_rows.setdefault(tuple(s.id for s in p.skills), len(skill_rows)) for p in people
    ]
    avail_table = np.array([to_bits(a) for a in avail_rows], dtype=np.uint64)  # type: ignore[arg-type]
    skill_table = np.array([vocab.skill_bits(k) for k in skill_rows], dtype=np.uint64)
    avail = avail_table.reshape(-1, AVAIL_WORDS)[np.array(avail_of, dtype=np.int64)]
    skills = skill_table.reshape(-1, vocab.skill_words)[np.array(skill_of, dtype=np.int64)]
    return PeopleArrays(
        xyz=xyz.reshape(n, 3),
        has_location=has,
        radius=radius,
        cos_radius=cos_threshold(radius),
        lang=np.zeros((n, vocab.lang_words), dtype=np.uint64),
        skills=skills,
        avail=avail,
        unrestricted=np.array([p.availability is None for p in people], dtype=bool),
        region=np.array([vocab.region(p.region) for p in people], dtype=np.int32),
        gender=np.array([_gender(p.gender) for p in people], dtype=np.int8),
    )


def _gender(value: str | None) -> int:
    return 0 if value is None else GENDERS.index(value) + 1


@dataclass(frozen=True)
class SeekerArrays:
    people: PeopleArrays
    wants: npt.NDArray[np.uint8]
    minor: Bool
    working_age: Bool
    mentor_gender: npt.NDArray[np.int8]
    work_ok: Bool
    hours: F64
    waiting_days: F64


@dataclass(frozen=True)
class OfferArrays:
    people: PeopleArrays
    kind: npt.NDArray[np.int8]
    accept: U64
    speak: U64
    certificate_ok: Bool
    capacity: I64
    session_hours: F64
    rating: F64


@dataclass(frozen=True)
class Tables:
    """Pair values by pattern: best shared level (0: language rule fails), weekly hours in
    common, share of the offer's skills the seeker has."""

    language: PairTable
    hours: PairTable
    skills: PairTable


@dataclass(frozen=True)
class Compiled:
    """The problem's arrays plus the rejected pairs as sorted int64 keys (seeker·M + offer)."""

    problem: Problem
    vocab: Vocab
    seekers: SeekerArrays
    offers: OfferArrays
    rejected: I64
    tables: Tables

    @property
    def n_offers(self) -> int:
        return len(self.problem.offers)


def _seeker_arrays(problem: Problem, vocab: Vocab) -> SeekerArrays:
    seekers = problem.seekers
    people = _people(seekers, vocab)
    rows: dict[tuple[tuple[str, int], ...], int] = {}
    of = [
        rows.setdefault(tuple((x.code, x.level) for x in s.languages), len(rows)) for s in seekers
    ]
    table = np.array(
        [vocab.thermometer(LanguageSkill(c, Level(v), "") for c, v in k) for k in rows]
    )
    people.lang[:] = table.reshape(-1, vocab.lang_words)[np.array(of, dtype=np.int64)]
    allowed = set(problem.settings.work_statuses)
    return SeekerArrays(
        people=people,
        wants=np.array(
            [sum(1 << KINDS.index(k) for k in s.wants) for s in seekers], dtype=np.uint8
        ),
        minor=np.array([s.is_minor for s in seekers], dtype=bool),
        working_age=np.array([s.of_working_age for s in seekers], dtype=bool),
        mentor_gender=np.array([_gender(s.mentor_gender) for s in seekers], dtype=np.int8),
        work_ok=np.array([s.work_status in allowed for s in seekers], dtype=bool),
        hours=np.array([s.hours for s in seekers], dtype=np.float64),
        waiting_days=np.array([s.waiting_days for s in seekers], dtype=np.float64),
    )


def _offer_language_rows(offer: Offer, problem: Problem, vocab: Vocab) -> tuple[U64, U64]:
    accept = np.zeros(vocab.lang_words, dtype=np.uint64)
    required = required_languages(offer, problem)
    for code, level in required.items():
        _set_bit(accept, vocab.languages[code] * LEVELS + level - 1)
    if offer.kind == "job":
        # The seeker's own level counts for a job: the employer "speaks" the language natively.
        spoken = [LanguageSkill(code, Level.NATIVE, "") for code in required]
    else:
        spoken = [s for s in default_offer_languages(offer) if comparison_code(s.code) in required]
    return accept, vocab.thermometer(spoken)


def _offer_arrays(problem: Problem, vocab: Vocab) -> OfferArrays:
    offers = problem.offers
    people = _people(offers, vocab)
    accept = np.zeros((len(offers), vocab.lang_words), dtype=np.uint64)
    cache: dict[object, tuple[U64, U64]] = {}
    for i, offer in enumerate(offers):
        key = (offer.kind, offer.languages, offer.min_language)
        if key not in cache:
            cache[key] = _offer_language_rows(offer, problem, vocab)
        accept[i], people.lang[i] = cache[key]
    today = problem.settings.reference_date
    return OfferArrays(
        people=people,
        kind=np.array([KINDS.index(o.kind) for o in offers], dtype=np.int8),
        accept=accept,
        speak=people.lang,
        certificate_ok=np.array(
            [
                o.kind not in CONTACT_KINDS or (o.good_conduct_until or today.min) >= today
                for o in offers
            ],
            dtype=bool,
        ),
        capacity=np.array([o.capacity for o in offers], dtype=np.int64),
        session_hours=np.array([o.session_hours for o in offers], dtype=np.float64),
        rating=np.array([math.nan if o.rating is None else o.rating for o in offers]),
    )


def compile_problem(problem: Problem) -> Compiled:
    """Build the arrays for ``problem`` (linear in its size)."""
    vocab = build_vocab(problem)
    index = {o.id: j for j, o in enumerate(problem.offers)}
    keys = [
        i * len(problem.offers) + index[o]
        for i, s in enumerate(problem.seekers)
        for o in s.rejected
        if o in index
    ]
    rejected = np.unique(np.array(keys, dtype=np.int64))
    seekers, offers = _seeker_arrays(problem, vocab), _offer_arrays(problem, vocab)
    return Compiled(problem, vocab, seekers, offers, rejected, _tables(vocab, seekers, offers))


def best_level_of(shared: U64, n_languages: int) -> npt.NDArray[np.int8]:
    """Highest level ℓ with bit (k·7 + ℓ − 1) set for some language k (0 when none)."""
    best = np.zeros(shared.shape[:-1], dtype=np.int8)
    for level in range(LEVELS, 0, -1):
        mask = np.zeros(shared.shape[-1], dtype=np.uint64)
        for k in range(n_languages):
            _set_bit(mask, k * LEVELS + level - 1)
        hit = np.any(np.bitwise_and(shared, mask) != 0, axis=-1) & (best == 0)
        best[hit] = level
    return best


def _tables(vocab: Vocab, seekers: SeekerArrays, offers: OfferArrays) -> Tables:
    words, n_lang = vocab.lang_words, len(vocab.languages)

    def language(s: U64, o: U64) -> npt.NDArray[np.int8]:
        accept, speak = o[..., :words], o[..., words:]
        ok = np.any(np.bitwise_and(s, accept) != 0, axis=-1)
        return np.where(ok, best_level_of(np.bitwise_and(s, speak), n_lang), 0).astype(np.int8)

    def skills(s: U64, o: U64) -> npt.NDArray[np.float64]:
        shared = np.bitwise_count(np.bitwise_and(s, o)).sum(-1)
        wanted = np.bitwise_count(o).sum(-1)
        return np.asarray(np.where(wanted > 0, shared / np.maximum(wanted, 1), 0.0), np.float64)

    return Tables(
        language=pair_table(
            seekers.people.lang, np.hstack([offers.accept, offers.speak]), language
        ),
        hours=pair_table(seekers.people.avail, offers.people.avail, overlap_hours),
        skills=pair_table(seekers.people.skills, offers.people.skills, skills),
    )
