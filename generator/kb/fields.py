"""The kinds of value a record field holds, each with the check that pydantic runs on it
(pure: no network, nothing rewritten) and what it tells editors' JSON Schema."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal, Union
from urllib.parse import urlsplit

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from pydantic import (
    AfterValidator,
    BeforeValidator,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from ..geo import area_codes
from .codes import country_codes, country_hint, language_codes

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
# Names the site uses in the folders where records and terms have their pages: a record
# called `index` would replace the list of its kind.
RESERVED_IDS = frozenset({"index", "search", "tags", "404", "assets", "pagefind", "sitemap"})
_YEAR_MONTH = re.compile(r"(\d{4})(?:-(0[1-9]|1[0-2]))?\Z")


def _check_id(value: str) -> str:
    if len(value) > 80:
        raise PydanticCustomError("id", "is longer than 80 characters")
    if not ID_PATTERN.match(value):
        raise PydanticCustomError(
            "id", "is not a valid id: use lowercase letters a-z, digits and single hyphens, "
            "e.g. 'regional-imam-training'")
    if value in RESERVED_IDS:
        raise PydanticCustomError("id", "is the name of one of the site's own pages; choose "
                                  "another id")
    return value


def _check_country(value: str) -> str:
    if value not in country_codes():
        raise PydanticCustomError(
            "country-code", "is not an ISO 3166-1 alpha-3 country code (three capital "
            "letters, e.g. SEN, IDN, COL){hint}", {"hint": country_hint(value)})
    return value


def _check_area(value: str) -> str:
    if value.isascii() and value.isupper():
        return _check_country(value)
    if value not in area_codes():
        raise PydanticCustomError(
            "area", "is not a UN M49 area code that holds countries (three digits, e.g. 145 "
            "for Western Asia, 419 for Latin America and the Caribbean) nor an ISO 3166-1 "
            "alpha-3 country code")
    return value


def _check_language_code(value: str) -> str:
    if value not in language_codes():
        raise PydanticCustomError(
            "language-code", "is not an ISO 639-1 language code (two lowercase letters, "
            "e.g. ar, sw, pt)")
    return value


def _check_line(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("empty", "is empty; write the text or remove the field")
    if "\n" in value.strip():
        raise PydanticCustomError("one-line", "must be a single line of plain text")
    return value


def _check_markdown(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("empty", "is empty; write the text or remove the field")
    return value


def _check_https(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.hostname or re.search(r"\s", value):
        raise PydanticCustomError(
            "url", "is not a web address starting with https:// (e.g. https://www.un.org/)")
    return value


def _check_email(value: str) -> str:
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        raise PydanticCustomError("email", "is not a valid email address") from None
    return value


def _check_phone(value: str) -> str:
    try:
        number = phonenumbers.parse(value, None)
        if not value.startswith("+") or not phonenumbers.is_possible_number(number):
            raise phonenumbers.NumberParseException(0, "impossible")
    except phonenumbers.NumberParseException:
        raise PydanticCustomError(
            "phone", "is not a phone number in international form (e.g. +221 33 123 45 67)"
        ) from None
    return value


def _distinct(values: list) -> list:
    if len(set(values)) != len(values):
        raise PydanticCustomError("duplicate-item", "lists the same value more than once")
    return values


def _year_as_text(value):
    # `start: 2016` reaches the model as the integer 2016; the field asks for a year.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _check_year_month(value: str) -> str:
    match = _YEAR_MONTH.match(value)
    if not match or not 1900 <= int(match.group(1)) <= 2100:
        raise PydanticCustomError("year-month", "is not a year or a year-month "
                                  "(e.g. 2016 or 2016-05)")
    return value


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def _parse_date(value):
    if isinstance(value, str):
        # date.fromisoformat alone also reads week dates such as 2026-W47-1.
        if not _ISO_DATE.match(value):
            _bad_date()
        try:
            return date.fromisoformat(value)
        except ValueError:
            _bad_date()
    return value


def _bad_date():
    raise PydanticCustomError("date", "is not a date written YYYY-MM-DD (e.g. 2026-03-31)")


def F(description: str, **kwargs):
    """A field with its description (shown to contributors in schemas and editors)."""
    return Field(description=description, **kwargs)


def _schema(**schema):
    """Tell editors' JSON Schema what a validator checks (the validator stays the authority)."""
    return WithJsonSchema(schema)


Language = Literal["ar", "en", "es", "fr", "ru", "zh"]
Status = Literal["draft", "in_review", "published", "archived"]
RecordId = Annotated[str, AfterValidator(_check_id), _schema(
    type="string", pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", maxLength=80)]
def distinct(item_type):
    """A list of `item_type` that names each value once."""
    return Annotated[list[item_type], AfterValidator(_distinct)]


Ids = distinct(RecordId)
CountryCode = Annotated[str, AfterValidator(_check_country), _schema(
    type="string", pattern="^[A-Z]{3}$", description="ISO 3166-1 alpha-3 country code")]
Countries = Annotated[list[CountryCode], AfterValidator(_distinct)]
Area = Annotated[str, AfterValidator(_check_area), _schema(
    type="string", pattern="^([0-9]{3}|[A-Z]{3})$",
    description="UN M49 area code or ISO 3166-1 alpha-3 country code")]
Areas = Annotated[list[Area], AfterValidator(_distinct)]
LanguageCode = Annotated[str, AfterValidator(_check_language_code), _schema(
    type="string", pattern="^[a-z]{2}$", description="ISO 639-1 language code")]
LanguageCodes = Annotated[list[LanguageCode], AfterValidator(_distinct)]
Markdown = Annotated[str, AfterValidator(_check_markdown)]
HttpsUrl = Annotated[str, AfterValidator(_check_https), _schema(
    type="string", pattern=r"^https://\S+$", format="uri")]
Email = Annotated[str, AfterValidator(_check_email), _schema(type="string", format="email")]
Phone = Annotated[str, AfterValidator(_check_phone), _schema(
    type="string", pattern=r"^\+[0-9 ().-]+$")]
YearMonth = Annotated[str, BeforeValidator(_year_as_text), AfterValidator(_check_year_month),
                      _schema(anyOf=[{"type": "integer", "minimum": 1900, "maximum": 2100},
                                     {"type": "string", "pattern": r"^\d{4}(-(0[1-9]|1[0-2]))?$"}])]
IsoDate = Annotated[date, BeforeValidator(_parse_date), _schema(type="string", format="date")]
# The first 12 hexadecimal digits of a text's SHA-256 (see kb/translations.py).
Fingerprint = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{12}$"), _schema(
    type="string", pattern="^[0-9a-f]{12}$")]
Pillar = Annotated[int, Field(ge=1, le=4)]
Pillars = Annotated[list[Pillar], Field(max_length=4), AfterValidator(_distinct)]


def line(max_length: int):
    """One line of plain text, at most `max_length` characters."""
    return Annotated[str, StringConstraints(max_length=max_length), AfterValidator(_check_line)]


def localized(text_type):
    """A mapping from UN language code to text of `text_type`."""
    return dict[Language, text_type]


# The two forms of `text_or_localized`, as pydantic names them in an error's place; a
# problem's field path leaves them out (messages.py).
ONE_TEXT, PER_LANGUAGE = "one text", "per language"
FORM_TAGS = frozenset({ONE_TEXT, PER_LANGUAGE})


def text_or_localized(text_type, localized_type=None):
    """One text (a name), or a mapping from language to text (a description) of
    `localized_type` (by default the same type). The YAML says which: a problem then names
    only the form written, not both."""
    return Annotated[
        Union[Annotated[text_type, Tag(ONE_TEXT)],
              Annotated[localized(localized_type or text_type), Tag(PER_LANGUAGE)]],
        Discriminator(lambda value: PER_LANGUAGE if isinstance(value, dict) else ONE_TEXT)]
