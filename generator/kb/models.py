"""The records contributors write, as pydantic models: the contract of the YAML files.

Models check the shape of one record. Rules that need several fields (the original
language, what a published record must have) are in `rules.py`; rules that need other
records are in `linking.py`.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal, Optional
from urllib.parse import urlsplit

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from .codes import UN_LANGUAGES, country_codes, country_hint, language_codes

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_YEAR_MONTH = re.compile(r"(\d{4})(?:-(0[1-9]|1[0-2]))?\Z")


def _check_id(value: str) -> str:
    if len(value) > 80:
        raise PydanticCustomError("id", "is longer than 80 characters")
    if not ID_PATTERN.match(value):
        raise PydanticCustomError(
            "id", "is not a valid id: use lowercase letters a-z, digits and single hyphens, "
            "e.g. 'regional-imam-training'")
    return value


def _check_country(value: str) -> str:
    if value not in country_codes():
        raise PydanticCustomError(
            "country-code", "is not an ISO 3166-1 alpha-3 country code (three capital "
            "letters, e.g. SEN, IDN, COL){hint}", {"hint": country_hint(value)})
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
Ids = Annotated[list[RecordId], AfterValidator(_distinct)]
CountryCode = Annotated[str, AfterValidator(_check_country), _schema(
    type="string", pattern="^[A-Z]{3}$", description="ISO 3166-1 alpha-3 country code")]
Countries = Annotated[list[CountryCode], AfterValidator(_distinct)]
LanguageCode = Annotated[str, AfterValidator(_check_language_code), _schema(
    type="string", pattern="^[a-z]{2}$", description="ISO 639-1 language code")]
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
Pillar = Annotated[int, Field(ge=1, le=4)]
Pillars = Annotated[list[Pillar], Field(max_length=4), AfterValidator(_distinct)]


def line(max_length: int):
    """One line of plain text, at most `max_length` characters."""
    return Annotated[str, StringConstraints(max_length=max_length), AfterValidator(_check_line)]


def localized(text_type):
    """A mapping from UN language code to text of `text_type`."""
    return dict[Language, text_type]


# Fields whose texts are Markdown written by contributors.
MARKDOWN_FIELDS = frozenset({"description", "results", "lessons_learned", "replicability",
                             "human_rights", "bio"})

Title = localized(line(200))
Summary = localized(line(600))
LocalizedMarkdown = localized(Markdown)
Name = localized(line(300))


class Model(BaseModel):
    """Strict: unknown fields are refused and nothing is coerced behind the contributor's back."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def nested_model(annotation) -> type[BaseModel] | None:
    """The model a field's annotation holds (Optional[Contact], list[Source]), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = nested_model(argument)
        if found:
            return found
    return None


def localized_fields(record: Model) -> dict[str, dict]:
    """The record's texts by language (empty ones included), by field name."""
    return {name: value for name in type(record).model_fields
            if isinstance(value := getattr(record, name), dict)
            and set(value) <= set(UN_LANGUAGES)}


class Record(Model):
    """Fields every record has."""

    id: RecordId = F("Unique id: lowercase kebab-case, at most 80 characters, equal to the "
                     "file name without .yaml.")
    status: Status = F("Editorial status: draft, in_review, published or archived.")
    original_language: Language = F("The language the record was first written in; every "
                                    "text must exist in it.")


class Source(Model):
    title: line(300) = F("Title of the public document or page.")
    url: HttpsUrl = F("Its https:// address.")


class Period(Model):
    start: YearMonth = F("When the practice started: a year or year-month (2016, 2016-05).")
    end: Optional[YearMonth] = F("When it ended, if it has; same form as start.", default=None)


class Practice(Record):
    title: Title = F("Short title, plain text, at most 200 characters per language.")
    summary: Summary = F("One-paragraph summary, plain text, at most 600 characters.")
    description: LocalizedMarkdown = F("What the practice is and how it works (Markdown).")
    pillars: Pillars = F("Pillars of the UN Global Counter-Terrorism Strategy it serves (1-4).",
                         min_length=1)
    themes: Ids = F("Theme ids from content/taxonomy/themes.yaml.", min_length=1)
    regions: Ids = F("Region ids from content/taxonomy/regions.yaml.", min_length=1)
    lead_countries: Countries = F("ISO 3166-1 alpha-3 codes of the countries that lead it.",
                                  min_length=1)
    partner_countries: Countries = F("ISO 3166-1 alpha-3 codes of partner countries.",
                                     default_factory=list)
    cooperation: Literal["bilateral", "regional", "interregional", "triangular"] = F(
        "Form of cooperation: bilateral, regional, interregional or triangular.")
    organizations: Ids = F("Ids of the organisations involved.", default_factory=list)
    centres: Ids = F("Ids of the centres of excellence involved.", default_factory=list)
    experts: Ids = F("Ids of the experts involved.", default_factory=list)
    period: Period = F("When the practice ran.")
    results: Optional[LocalizedMarkdown] = F("What it achieved (Markdown).", default=None)
    lessons_learned: Optional[LocalizedMarkdown] = F("Lessons learned (Markdown).",
                                                     default=None)
    replicability: Optional[LocalizedMarkdown] = F(
        "What another country needs to adapt it (Markdown).", default=None)
    human_rights: Optional[LocalizedMarkdown] = F(
        "How it respects human rights and international law (Markdown).", default=None)
    sources: list[Source] = F("Public sources that document the practice.",
                              default_factory=list)
    submitted_by: Optional[line(200)] = F("Who submitted the practice.", default=None)
    last_reviewed: Optional[IsoDate] = F("Date of the last editorial review (YYYY-MM-DD).",
                                         default=None)


class Consent(Model):
    profile: bool = F("true if the person agreed to a public profile.")
    contact: bool = F("true if the person agreed to publish contact details.")
    given_on: Optional[IsoDate] = F("Date the consent was recorded (YYYY-MM-DD).",
                                    default=None)


class Contact(Model):
    email: Optional[Email] = F("Email address (published only with contact consent).",
                               default=None)
    phone: Optional[Phone] = F("Phone in international form, e.g. +221 33 123 45 67.",
                               default=None)
    url: Optional[HttpsUrl] = F("Professional web page.", default=None)


class Expert(Record):
    name: line(200) = F("The person's name as it should appear.")
    example: bool = F("true for a fictional example profile.", default=False)
    consent: Consent = F("What the person agreed to publish.")
    affiliation: Optional[line(300)] = F("Institution the person works for.", default=None)
    country: Optional[CountryCode] = F("ISO 3166-1 alpha-3 code of the country.", default=None)
    languages: Annotated[list[LanguageCode], AfterValidator(_distinct)] = F(
        "ISO 639-1 codes of the languages the person speaks.", default_factory=list)
    themes: Ids = F("Theme ids of the person's expertise.", default_factory=list)
    pillars: Pillars = F("Pillars of the Strategy the person works on.", default_factory=list)
    regions: Ids = F("Region ids where the person has worked.", default_factory=list)
    bio: Optional[LocalizedMarkdown] = F("Short professional biography (Markdown).",
                                         default=None)
    contact: Optional[Contact] = F("Contact details.", default=None)


class Centre(Record):
    name: Name = F("Name of the centre in each language.")
    acronym: Optional[line(30)] = F("Acronym, e.g. JCLEC.", default=None)
    country: CountryCode = F("ISO 3166-1 alpha-3 code of the host country.")
    city: Optional[line(100)] = F("City where it is based.", default=None)
    kind: Literal["training", "research", "operational", "network"] = F(
        "What it is: training, research, operational or network.")
    themes: Ids = F("Theme ids of its work.", default_factory=list)
    pillars: Pillars = F("Pillars of the Strategy it serves.", default_factory=list)
    regions: Ids = F("Region ids it serves.", default_factory=list)
    website: Optional[HttpsUrl] = F("Official website.", default=None)
    description: Optional[LocalizedMarkdown] = F("What the centre does (Markdown).",
                                                 default=None)
    organizations: Ids = F("Ids of the organisations it belongs to or works with.",
                           default_factory=list)
    sources: list[Source] = F("Public sources about the centre.", default_factory=list)


class Organization(Record):
    name: Name = F("Name of the organisation in each language.")
    acronym: Optional[line(30)] = F("Acronym, e.g. EAPCCO.", default=None)
    region: RecordId = F("Region id from content/taxonomy/regions.yaml.")
    kind: Literal["regional-body", "un-entity", "international-body", "civil-society",
                  "financial-institution", "government", "academic", "private-sector"] = F(
        "Kind of organisation.")
    website: Optional[HttpsUrl] = F("Official website.", default=None)
    description: Optional[LocalizedMarkdown] = F("What the organisation does (Markdown).",
                                                 default=None)


class Term(Model):
    id: RecordId = F("Term id used in records.")
    label: localized(line(200)) = F("The term's label in each language.")
    description: Optional[LocalizedMarkdown] = F("What the term covers.", default=None)


class Vocabulary(Model):
    terms: list[Term] = F("The terms of this vocabulary.", min_length=1)
