"""Interface strings, and names and dates in the reader's language (catalogues and Babel)."""

from __future__ import annotations

import os
from datetime import date
from functools import lru_cache
from pathlib import Path

import pycountry
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from ..kb.codes import UN_LANGUAGES
from ..kb.load import read_package_yaml

LOCALES = Path(__file__).parent / "locales"
REFERENCE = "en"


def language() -> str:
    """The language of this MkDocs build (SSKB_LANG)."""
    lang = os.environ.get("SSKB_LANG", "en")
    if lang not in UN_LANGUAGES:
        raise ValueError(f"SSKB_LANG={lang!r}: use one of {', '.join(UN_LANGUAGES)}")
    return lang


@lru_cache(maxsize=None)
def catalogue(language: str) -> dict[str, str]:
    """The interface strings of one language (the catalogues are the project's own files)."""
    path = LOCALES / f"{language}.yaml"
    return (read_package_yaml(path) or {}) if path.exists() else {}


@lru_cache(maxsize=None)
def _country(alpha_3: str):
    return pycountry.countries.get(alpha_3=alpha_3)


class Translator:
    """Everything a page says in its own language."""

    def __init__(self, language: str):
        self.language = language
        self.locale = Locale.parse(language)
        self.strings = {**catalogue(REFERENCE), **catalogue(language)}

    def __call__(self, key: str, **values) -> str:
        text = self.strings[key]
        return text.format(**values) if values else text

    @property
    def direction(self) -> str:
        return self.locale.text_direction

    # Names, numbers and dates repeat on every page: each is looked up in CLDR once.

    def country(self, alpha_3: str) -> str:
        return _country_name(self.language, alpha_3)

    def language_name(self, code: str) -> str:
        return self.locale.languages.get(code) or code

    def number(self, value: int) -> str:
        return _number(self.language, value)

    def date(self, value: date) -> str:
        return _date(self.language, value)

    def percent(self, value: int) -> str:
        """`value` per cent, as the language writes it (100 %, 100٪…)."""
        return format_percent(value / 100, locale=self.locale)

    def native_name(self, language: str) -> str:
        return _native_name(language)


@lru_cache(maxsize=None)
def _country_name(language: str, alpha_3: str) -> str:
    country = _country(alpha_3)
    return Locale.parse(language).territories.get(country.alpha_2, country.name)


@lru_cache(maxsize=4096)
def _number(language: str, value: int) -> str:
    return format_decimal(value, locale=Locale.parse(language))


@lru_cache(maxsize=4096)
def _date(language: str, value: date) -> str:
    return format_date(value, format="long", locale=Locale.parse(language))


@lru_cache(maxsize=None)
def _native_name(language: str) -> str:
    return Locale.parse(language).get_display_name(language)


def native_names() -> dict[str, str]:
    """Each UN language named in itself, for the language switcher."""
    return {lang: Translator(lang).native_name(lang) for lang in UN_LANGUAGES}


@lru_cache(maxsize=None)
def field_help(language: str) -> dict[str, str]:
    """What each field of each kind of record holds, in `language` (English where the
    language lacks a text): `<kind>.<field>` -> text (`sskb new`, the Data page)."""
    help_texts = {}
    for lang in ("en", language):
        path = LOCALES / "fields" / f"{lang}.yaml"
        if path.exists():
            help_texts.update(read_package_yaml(path) or {})
    return help_texts
