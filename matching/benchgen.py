"""Realistic generated instances for the benchmark.

Seekers and offers live in real German towns (Landkreis Osnabrück, its neighbours and the big
cities, weighted by population), speak the languages of Germany's refugee population in roughly
its proportions (Ukrainian, Arabic, Dari, Kurmanji, Pashto, Turkish, Farsi, Tigrinya, Somali …),
write skills with typos, and carry every rule field. Deterministic for a given seed.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from matching.geo import towns

# Native languages of people who sought protection in Germany (rounded shares, 2024).
NATIVE = {"uk": 0.36, "ar": 0.24, "prs": 0.09, "kmr": 0.07, "ps": 0.05, "tr": 0.05,
          "fa": 0.04, "ti": 0.03, "ru": 0.03, "so": 0.02, "ckb": 0.02}  # fmt: skip
GERMAN = (["A1", "A2", "B1", "B2", "C1"], [0.28, 0.27, 0.25, 0.14, 0.06])
SKILLS = ["Schweißer", "Elektriker", "Koch", "Pflegehelfer", "Friseur", "Fahrer", "Lagerist",
          "Verkäufer", "Bäcker", "Tischler", "Maler", "Maurer", "IT", "Buchhaltung", "Schneider",
          "Landwirt", "Kfz-Mechatroniker", "Reparatur", "Reinigungskraft", "Erzieher",
          "Deutsch-Nachhilfe", "Hausaufgabenhilfe", "Behördengänge", "Wohnungssuche",
          "Bewerbungshilfe", "Computerkenntnisse", "Fußball", "Gartenarbeit", "Dolmetscher",
          "Handyreparatur"]  # fmt: skip
SLOTS = ["mon 18:00-20:00", "tue 17:00-19:30", "wed 09:00-12:00", "thu 18:00-21:00",
         "fri 14:00-17:00", "sat 10:00-14:00", "sun 15:00-18:00", "mon 09:00-12:00"]  # fmt: skip
KINDS = ["mentor", "volunteer", "job", "advice"]
KM = 1 / 111.2
WANTS = (0.5, 0.4, 0.4, 0.3)
STATUSES = (["allowed", "permission_required", "not_allowed", "unknown"], [0.6, 0.2, 0.1, 0.1])


def _skills(rng: np.random.Generator, low: int, high: int) -> list[str]:
    words = rng.choice(SKILLS, size=int(rng.integers(low, high)), replace=False)
    return [_typo(rng, str(w)) for w in words]


def _typo(rng: np.random.Generator, word: str) -> str:
    """A realistic slip: a dropped, doubled or swapped letter, or lower case."""
    roll = rng.random()
    if roll > 0.3 or len(word) < 5:
        return word
    k = int(rng.integers(1, len(word) - 1))
    if roll < 0.1:
        return word[:k] + word[k + 1 :]
    if roll < 0.2:
        return word[:k] + word[k] + word[k:]
    return word.lower()


def _places(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray, list[str]]:
    table = towns()
    weight = np.array([t.population_k for t in table]) ** 0.75
    pick = rng.choice(len(table), size=n, p=weight / weight.sum())
    spread = np.array([3 + math.sqrt(t.population_k) / 3 for t in table])[pick]
    lat = np.array([t.lat for t in table])[pick] + rng.normal(0, 1, n) * spread * KM
    lon = np.array([t.lon for t in table])[pick] + rng.normal(0, 1, n) * spread * KM / 0.61
    return lat, lon, [table[k].region for k in pick]


def _availability(rng: np.random.Generator) -> list[str] | None:
    if rng.random() < 0.3:
        return None
    return sorted(rng.choice(SLOTS, size=int(rng.integers(1, 4)), replace=False).tolist())


def _seeker(rng: np.random.Generator, i: int, place: tuple[float, float, str]) -> dict[str, Any]:
    lat, lon, region = place
    native = str(rng.choice(list(NATIVE), p=np.array(list(NATIVE.values())) / sum(NATIVE.values())))
    langs = {native: "native", "de": str(rng.choice(GERMAN[0], p=GERMAN[1]))}
    if rng.random() < 0.4:
        langs["en"] = str(rng.choice(["A2", "B1", "B2"]))
    if native == "uk" and rng.random() < 0.7:
        langs["ru"] = "C1"
    wants = [k for k, p in zip(KINDS, WANTS, strict=True) if rng.random() < p] or ["mentor"]
    data: dict[str, Any] = {
        "id": f"s{i}", "wants": wants, "languages": langs,
        "skills": _skills(rng, 1, 3),
        "location": {"lat": round(lat, 5), "lon": round(lon, 5)},
        "max_km": int(rng.choice([10, 15, 20, 30, 50])), "waiting_days": int(rng.integers(0, 900)),
        "minor": bool(rng.random() < 0.1),
        "work_status": str(rng.choice(STATUSES[0], p=STATUSES[1])),
        "hours": int(rng.choice([1, 2])),
    }  # fmt: skip
    if (times := _availability(rng)) is not None:
        data["availability"] = times
    if rng.random() < 0.1:
        data["mentor_gender"] = str(rng.choice(["female", "male"]))
    if rng.random() < 0.3:
        data["region"] = region
    return data


def _offer(rng: np.random.Generator, j: int, place: tuple[float, float, str]) -> dict[str, Any]:
    lat, lon, region = place
    kind = str(rng.choice(KINDS, p=[0.35, 0.3, 0.2, 0.15]))
    langs = {"de": "native"}
    if rng.random() < 0.5:
        langs["en"] = str(rng.choice(["B1", "B2", "C1"]))
    if rng.random() < 0.25:
        langs[str(rng.choice(list(NATIVE)))] = "native"
    data: dict[str, Any] = {
        "id": f"o{j}", "kind": kind, "languages": langs,
        "skills": _skills(rng, 0, 3),
        "location": {"lat": round(lat, 5), "lon": round(lon, 5)}, "region": region,
        "max_km": int(rng.choice([5, 10, 20, 30, 50])),
        "capacity": int(rng.integers(1, 6 if kind == "job" else 4)),
        "gender": str(rng.choice(["female", "male"])),
    }  # fmt: skip
    if (times := _availability(rng)) is not None:
        data["availability"] = times
    if kind in ("mentor", "volunteer") and rng.random() < 0.7:
        data["good_conduct_until"] = "2099-12-31"
    if kind == "job":
        data["min_language"] = {"de": str(rng.choice(["A2", "B1"]))}
    if rng.random() < 0.5:
        data["rating"] = float(rng.choice([3, 3.5, 4, 4.5, 5]))
    return data


def generate_problem(n: int, seed: int = 7) -> dict[str, Any]:
    """A problem with ``n`` seekers and ``n`` offers as JSON-like data."""
    rng = np.random.default_rng(seed)
    lat_s, lon_s, reg_s = _places(rng, n)
    lat_o, lon_o, reg_o = _places(rng, n)
    seekers = [_seeker(rng, i, (lat_s[i], lon_s[i], reg_s[i])) for i in range(n)]
    offers = [_offer(rng, j, (lat_o[j], lon_o[j], reg_o[j])) for j in range(n)]
    return {"seekers": seekers, "offers": offers, "settings": {"reference_date": "2025-06-01"}}
