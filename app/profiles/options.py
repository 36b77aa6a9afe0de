"""The choices profile forms offer: languages, countries, statuses, interests, weekdays."""

from __future__ import annotations

from babel import Locale, UnknownLocaleError
from flask_babel import lazy_gettext as _l

from app.profiles.models import ResidenceStatus

# Languages of people arriving in Germany, and those volunteers bring (ISO 639-1 or -3).
LANGUAGE_CODES = (
    "de",
    "en",
    "ar",
    "prs",
    "fa",
    "ps",
    "kmr",
    "ckb",
    "tr",
    "ti",
    "am",
    "so",
    "uk",
    "ru",
    "fr",
    "es",
    "it",
    "pl",
    "ro",
    "bg",
    "sq",
    "sr",
    "ur",
    "hi",
    "bn",
    "sw",
    "ha",
    "yo",
    "ku",
    "ka",
    "hy",
    "az",
    "vi",
    "zh",
)
# Main countries of origin of people seeking protection in Germany, then common others.
ORIGIN_COUNTRIES = (
    "SY",
    "AF",
    "IQ",
    "TR",
    "UA",
    "ER",
    "SO",
    "IR",
    "RU",
    "GE",
    "NG",
    "PK",
    "YE",
    "LB",
    "PS",
    "SD",
    "SS",
    "ET",
    "GN",
    "CM",
    "VE",
    "CO",
    "BY",
    "MD",
    "AL",
    "RS",
    "XK",
    "MK",
    "LY",
    "EG",
    "DZ",
    "MA",
    "TN",
    "BD",
    "IN",
    "VN",
    "CN",
    "AZ",
    "AM",
)
RESIDENCE_STATUS_LABELS = {
    ResidenceStatus.ASYLUM_SEEKER: _l("asylum procedure running (Aufenthaltsgestattung)"),
    ResidenceStatus.RECOGNISED: _l("recognised refugee or entitled to asylum"),
    ResidenceStatus.SUBSIDIARY_PROTECTION: _l("subsidiary protection"),
    ResidenceStatus.DULDUNG: _l("tolerated stay (Duldung)"),
    ResidenceStatus.RESIDENCE_PERMIT: _l("other residence permit"),
    ResidenceStatus.TEMPORARY_PROTECTION: _l("temporary protection (§ 24, e.g. from Ukraine)"),
}
VOLUNTEER_INTEREST_LABELS = {
    "repair_cafe": _l("Repair café"),
    "bike_workshop": _l("Bicycle workshop"),
    "language_cafe": _l("Language café"),
    "medical_accompaniment": _l("Going along to doctors"),
    "sports": _l("Sports"),
    "sewing_workshop": _l("Sewing workshop"),
    "community_garden": _l("Community garden"),
    "interpreting": _l("Interpreting"),
    "authorities": _l("Going along to public offices"),
    "homework": _l("Homework help"),
}
WEEKDAY_LABELS = (
    _l("Monday"),
    _l("Tuesday"),
    _l("Wednesday"),
    _l("Thursday"),
    _l("Friday"),
    _l("Saturday"),
    _l("Sunday"),
)
CERTIFICATE_EXTENSIONS = frozenset({"pdf", "jpg", "jpeg", "png"})


def country_name(code: str, locale: str) -> str:
    """The name of a country (ISO 3166) in the interface language; Kosovo has no ISO code."""
    try:
        names = Locale.parse(locale).territories
    except (UnknownLocaleError, ValueError):
        return code
    return names.get(code, code)
