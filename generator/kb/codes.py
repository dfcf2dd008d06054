"""Code lists from maintained data: ISO 3166-1 countries and ISO 639-1 languages (pycountry)."""

from __future__ import annotations

from functools import lru_cache

import pycountry

UN_LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")
RTL = frozenset({"ar"})  # written right to left


@lru_cache(maxsize=None)
def country_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-3 code."""
    return frozenset(country.alpha_3 for country in pycountry.countries)


@lru_cache(maxsize=None)
def language_codes() -> frozenset[str]:
    """Every ISO 639-1 (two-letter) language code."""
    return frozenset(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))


def country_hint(code: str) -> str:
    """Suggest the alpha-3 code when a contributor wrote an alpha-2 code."""
    country = pycountry.countries.get(alpha_2=code.upper()) if len(code) == 2 else None
    return f" (did you mean {country.alpha_3}, {country.name}?)" if country else ""
