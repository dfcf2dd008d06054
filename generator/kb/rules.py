"""Rules within one record that involve several fields: pure functions, no file access."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Iterator

from .models import (
    PERSONAL_FIELDS,
    REQUIRED_PERSONAL,
    Expert,
    Model,
    Practice,
    Request,
    localized_fields,
)
from .people import fold, name_pattern
from .translations import note_findings

Finding = tuple[tuple, str, str]  # (field path, code, message)


def check_record(record: Model, today: date) -> list[Finding]:
    """Every rule that applies to this kind of record, on the day `today`."""
    findings = [*_original_language(record), *_future_dates(record, today),
                *note_findings(record), *_supporters(record)]
    if isinstance(record, Practice):
        findings += _practice(record)
    elif isinstance(record, Expert):
        findings += _expert(record)
    elif isinstance(record, Request):
        findings += _request(record)
    return findings


def _request(request: Request) -> list[Finding]:
    findings = []
    if not (request.requesting_country or request.requesting_organization):
        findings.append((("requesting_country",), "requester",
                         "names no requester: give requesting_country or "
                         "requesting_organization"))
    if request.closed_on and request.closed_on < request.opened_on:
        findings.append((("closed_on",), "period", "is before opened_on"))
    if request.closed_on and request.state == "open":
        findings.append((("closed_on",), "state", "is set, but the request is still open: "
                         "set state to matched or closed, or remove closed_on"))
    return findings + _example(request, "requests")


def _example(record, what: str) -> list[Finding]:
    """Fictional examples are marked twice, by their id and by `example`: the two agree."""
    if record.id.startswith("example-") == record.example:
        return []
    return [(("example",), "example", "must be true exactly when the id starts with "
             f"'example-' (fictional example {what})")]


def _original_language(record: Model) -> Iterator[Finding]:
    language = getattr(record, "original_language", None)
    if language is None:
        return
    for name, texts in localized_fields(record).items():
        if language not in texts:
            yield ((name,), "original-language",
                   f"has no '{language}' text, but original_language is '{language}'; "
                   f"add the '{language}' text or correct original_language")


def _supporters(record: Model) -> Iterator[Finding]:
    for index, supporter in enumerate(getattr(record, "supported_by", ())):
        if not (supporter.country or supporter.organization or supporter.name):
            yield (("supported_by", index), "supporter",
                   "names no supporter: give its country, its organisation id or its name")


def _future_dates(record: Model, today: date) -> Iterator[Finding]:
    """Dates of things done (a review, a consent) cannot be later than today; a day more
    is allowed, for contributors east of the build's time zone."""
    dates = {("last_reviewed",): getattr(record, "last_reviewed", None),
             ("opened_on",): getattr(record, "opened_on", None),
             ("closed_on",): getattr(record, "closed_on", None)}
    if isinstance(record, Expert):
        dates[("consent", "given_on")] = record.consent.given_on
    for loc, value in dates.items():
        if value is not None and value > today + timedelta(days=1):
            yield (loc, "future-date", f"is later than today ({today.isoformat()}): write "
                   "the date it happened")


def _practice(practice: Practice) -> list[Finding]:
    findings = []
    if practice.status == "published":
        for name in ("results", "human_rights"):
            if not getattr(practice, name):
                findings.append(((name,), "required-when-published",
                                 "is required before a practice is published"))
        if not practice.sources:
            findings.append((("sources",), "required-when-published",
                             "a published practice needs at least one public source"))
    period = practice.period
    if period.end is not None and _ends_before(period.start, period.end):
        findings.append((("period", "end"), "period",
                         "is before the start of the period"))
    return findings


def _ends_before(start: str, end: str) -> bool:
    """Compare at the shared precision: a period 2016-05 to 2016 ends within its start year."""
    start_parts, end_parts = start.split("-"), end.split("-")
    shared = min(len(start_parts), len(end_parts))
    return [int(p) for p in end_parts[:shared]] < [int(p) for p in start_parts[:shared]]


def _expert(expert: Expert) -> list[Finding]:
    findings = []
    consent = expert.consent
    if expert.status == "published" and not consent.profile:
        findings.append((("consent", "profile"), "consent",
                         "must be true before the profile is published: publish nobody "
                         "without their recorded consent"))
    if (consent.profile or consent.contact) and consent.given_on is None:
        findings.append((("consent", "given_on"), "consent",
                         "is required when consent is given: record the date it was given"))
    findings += _example(expert, "profiles")
    findings += [((name,), "missing", "is required (seal it if it may not be public)")
                 for name in REQUIRED_PERSONAL
                 if getattr(expert, name) is None and name not in expert.sealed]
    return findings + _in_the_clear(expert)


def _in_the_clear(expert: Expert) -> list[Finding]:
    """Personal fields the person did not consent to publish must be sealed: the
    repository is public, and so is its history."""
    consent = expert.consent
    private = PERSONAL_FIELDS if not consent.profile else () if consent.contact \
        else ("contact",)
    findings = [((name,), "must-be-sealed",
                 "is personal data in the clear, but the person has not consented to "
                 + ("a public profile" if not consent.profile else "publishing contact "
                    "details") + ": run `sskb seal` on this file, or remove the field")
                for name in private
                if getattr(expert, name) not in (None, [], {}) and name not in expert.sealed]
    pattern = name_pattern(expert.name) if expert.name and not consent.profile else None
    if pattern and re.search(pattern, fold(expert.id.replace("-", " "))):
        findings.append((("id",), "id-names-person", "names the person, who has not "
                         "consented to a public profile: choose an id that does not, "
                         "e.g. expert-2026-014, and rename the file"))
    return findings

