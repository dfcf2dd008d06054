"""The records contributors write, as pydantic models: the contract of the YAML files.

Models check the shape of one record. Rules that need several fields (the original
language, what a published record must have) are in `rules.py`; rules that need other
records are in `link.py`; the kinds of value its fields hold are in `fields.py`.
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, PrivateAttr

from .codes import UN_LANGUAGES
from .fields import (
    Areas,
    Countries,
    CountryCode,
    Email,
    F,
    Fingerprint,
    HttpsUrl,
    Ids,
    IsoDate,
    Language,
    LanguageCodes,
    Markdown,
    Phone,
    Pillars,
    RecordId,
    Status,
    YearMonth,
    distinct,
    line,
    localized,
    text_or_localized,
)

# Fields whose texts are Markdown written by contributors.
MARKDOWN_FIELDS = frozenset({"description", "results", "lessons_learned", "replicability",
                             "human_rights", "bio", "challenge", "evaluation"})

# Fields that tools write (`sskb translate import`), not contributors: `sskb new` leaves
# them out.
WRITTEN_BY_TOOLS = frozenset({"translations"})

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
            if name != "translations" and isinstance(value := getattr(record, name), dict)
            and set(value) <= set(UN_LANGUAGES)}


class TranslationNote(Model):
    """What one translated text was made from, written by `sskb translate import`."""

    source: Fingerprint = F("Fingerprint of the original text the translation was made "
                            "from: when the original changes, the translation is outdated.")
    reviewed: bool = F("true once a human translator has reviewed the translation.",
                       default=False)


class Record(Model):
    """Fields every record has."""

    id: RecordId = F("Unique id: lowercase kebab-case, at most 80 characters, equal to the "
                     "file name without .yaml.")
    status: Status = F("Editorial status: draft, in_review, published or archived.")
    original_language: Language = F("The language the record was first written in; every "
                                    "text must exist in it.")
    translations: dict[Language, dict[str, TranslationNote]] = F(
        "Per language and field, what each translation was made from and whether it was "
        "reviewed (written by `sskb translate import`).", default_factory=dict)


class Source(Model):
    title: line(300) = F("Title of the public document or page.")
    url: HttpsUrl = F("Its https:// address.")


# Who a practice works with: the collections readers know (UNOSSC, RAN) describe practices
# by their target audience.
TargetGroup = Literal[
    "law-enforcement", "judiciary-prosecutors", "prison-probation", "border-customs",
    "military", "policymakers", "religious-leaders", "teachers-educators", "youth", "women",
    "local-communities", "civil-society", "former-fighters-returnees", "victims",
    "financial-sector", "media", "private-sector", "researchers"]
TARGET_GROUPS = TargetGroup.__args__
NOT_EVALUATED = "not-evaluated"


class Supporter(Model):
    """A funder or a partner from outside the South: what makes cooperation triangular."""

    country: Optional[CountryCode] = F("A government, by its ISO 3166-1 alpha-3 code.",
                                       default=None)
    organization: Optional[RecordId] = F("An organisation, by its id in "
                                         "content/organizations/.", default=None)
    name: Optional[line(200)] = F("Failing both, the supporter's proper name.", default=None)
    role: Literal["funder", "technical-partner", "implementing-partner"] = F(
        "What it does: funder, technical-partner or implementing-partner.")


class Period(Model):
    start: YearMonth = F("When the practice started: a year or year-month (2016, 2016-05).")
    end: Optional[YearMonth] = F("When it ended, if it has; same form as start.", default=None)


class Practice(Record):
    title: Title = F("Short title, plain text, at most 200 characters per language.")
    summary: Summary = F("One-paragraph summary, plain text, at most 600 characters.")
    description: LocalizedMarkdown = F("What the practice is and how it works (Markdown).")
    challenge: Optional[LocalizedMarkdown] = F("The problem the practice addresses "
                                               "(Markdown).", default=None)
    pillars: Pillars = F("Pillars of the UN Global Counter-Terrorism Strategy it serves (1-4).",
                         min_length=1)
    themes: Ids = F("Theme ids from content/taxonomy/themes.yaml.", min_length=1)
    target_groups: distinct(TargetGroup) = F(
        "Who it works with: " + ", ".join(TARGET_GROUPS) + ".", default_factory=list)
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
    supported_by: list[Supporter] = F(
        "Funders and partners from outside the South, with their role.",
        default_factory=list)
    period: Period = F("When the practice ran.")
    status_of_activity: Optional[Literal["ongoing", "completed"]] = F(
        "Whether it is ongoing or completed, as the sources say.", default=None)
    results: Optional[LocalizedMarkdown] = F("What it achieved (Markdown).", default=None)
    evaluation: Optional[text_or_localized(Literal["not-evaluated"], Markdown)] = F(
        "How the results were measured and by whom (Markdown), or not-evaluated when the "
        "sources report no evaluation.", default=None)
    lessons_learned: Optional[LocalizedMarkdown] = F("Lessons learned (Markdown).",
                                                     default=None)
    replicability: Optional[LocalizedMarkdown] = F(
        "What another country needs to adapt it (Markdown).", default=None)
    human_rights: Optional[LocalizedMarkdown] = F(
        "How it respects human rights and international law (Markdown).", default=None)
    sources: list[Source] = F("Public sources that document the practice.",
                              default_factory=list)
    submitted_by: Optional[text_or_localized(line(200))] = F(
        "Who submitted the practice: a name, or a text per language (en: ..., fr: ...) when "
        "it is a description such as an editorial team.", default=None)
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
    name: Optional[line(200)] = F("The person's name as it should appear.", default=None)
    example: bool = F("true for a fictional example profile.", default=False)
    consent: Consent = F("What the person agreed to publish.")
    affiliation: Optional[line(300)] = F("Institution the person works for.", default=None)
    country: Optional[CountryCode] = F("ISO 3166-1 alpha-3 code of the country.", default=None)
    languages: LanguageCodes = F(
        "ISO 639-1 codes of the languages the person speaks.", default_factory=list)
    themes: Ids = F("Theme ids of the person's expertise.", default_factory=list)
    pillars: Pillars = F("Pillars of the Strategy the person works on.", default_factory=list)
    regions: Ids = F("Region ids where the person has worked.", default_factory=list)
    bio: Optional[LocalizedMarkdown] = F("Short professional biography (Markdown).",
                                         default=None)
    contact: Optional[Contact] = F("Contact details.", default=None)
    # The fields that were sealed in the file (opened or not in this run).
    _sealed: frozenset[str] = PrivateAttr(default_factory=frozenset)

    @property
    def sealed(self) -> frozenset[str]:
        return self._sealed


# An expert's fields that describe who the person is and how to reach them: sealed unless
# the person consented to their publication. Their expertise (themes, pillars, regions)
# does not say who they are, and stays readable.
PERSONAL_FIELDS = ("name", "affiliation", "country", "languages", "bio", "contact")
SEALABLE = {Expert: frozenset(PERSONAL_FIELDS)}
# Required, in the clear or sealed (the model lets a sealed one be absent: `rules` checks).
REQUIRED_PERSONAL = ("name",)


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
    supported_by: list[Supporter] = F(
        "Funders and partners from outside the South, with their role.",
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


class Request(Record):
    """A country or body asking for expertise: what it needs, matched with what others
    offer (the practices, centres and experts the site shows)."""

    title: Title = F("What is asked for, in a short line (at most 200 characters).")
    example: bool = F("true for a fictional example request.", default=False)
    requesting_country: Optional[CountryCode] = F(
        "ISO 3166-1 alpha-3 code of the requesting country.", default=None)
    requesting_organization: Optional[RecordId] = F(
        "Or the id of the requesting body in content/organizations/.", default=None)
    need_kind: Literal["expert", "practice", "training", "other"] = F(
        "What is needed: expert (to invite), practice (to adapt), training or other.")
    need: LocalizedMarkdown = F("The need, described (Markdown).")
    themes: Ids = F("Theme ids from content/taxonomy/themes.yaml.", min_length=1)
    pillars: Pillars = F("Pillars of the Strategy the request concerns.",
                         default_factory=list)
    regions: Ids = F("Region ids where the requester is, or where help is sought.",
                     default_factory=list)
    languages: LanguageCodes = F("ISO 639-1 codes of the languages the help is wanted in.",
                                 default_factory=list)
    state: Literal["open", "matched", "closed"] = F(
        "open (nobody answered yet), matched (a partner was found) or closed.")
    opened_on: IsoDate = F("When the request was made (YYYY-MM-DD).")
    closed_on: Optional[IsoDate] = F("When it was matched or closed (YYYY-MM-DD).",
                                     default=None)


class Term(Model):
    id: RecordId = F("Term id used in records.")
    label: localized(line(200)) = F("The term's label in each language.")
    description: Optional[LocalizedMarkdown] = F("What the term covers.", default=None)
    areas: Areas = F(
        "Regions only: the UN M49 areas (e.g. 145, Western Asia) or countries it covers. A "
        "country is in the region naming it, or else its smallest area; the map and the "
        "cooperation flows place countries so.", default_factory=list)


class Vocabulary(Model):
    terms: list[Term] = F("The terms of this vocabulary.", min_length=1)
