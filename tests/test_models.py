"""One model at a time: what each record kind accepts and refuses, and the rules across fields."""

import copy
from datetime import date

import pytest
from conftest import FIXTURE_KB
from pydantic import ValidationError

from generator.kb.load import parse
from generator.kb.models import Centre, Expert, Organization, Practice, Vocabulary
from generator.kb.rules import check_record

PRACTICE = parse((FIXTURE_KB / "practices" / "test-border-practice.yaml").read_text())
EXPERT = parse((FIXTURE_KB / "content/experts/example-test-expert.yaml").read_text())
CENTRE = parse((FIXTURE_KB / "content/centres/test-centre.yaml").read_text())
ORGANIZATION = parse((FIXTURE_KB / "content/organizations/test-body.yaml").read_text())


def errors(model, data) -> set:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return {(tuple(e["loc"]), e["type"]) for e in caught.value.errors()}


def changed(data, **fields):
    data = copy.deepcopy(data)
    data.update(fields)
    return data


def findings(model, data) -> set:
    return {(loc, code) for loc, code, _ in check_record(model.model_validate(data), date(2026, 12, 3))}


def test_fixture_records_are_valid():
    practice = Practice.model_validate(PRACTICE)
    assert practice.period.start == "2016" and practice.period.end == "2019-06"
    assert str(practice.last_reviewed) == "2026-11-01"
    assert Expert.model_validate(EXPERT).languages == ["no", "en"]
    assert Centre.model_validate(CENTRE).country == "SEN"
    assert Organization.model_validate(ORGANIZATION).region == "africa"


@pytest.mark.parametrize("fields, expected", [
    ({"pillars": [0]}, (("pillars", 0), "greater_than_equal")),
    ({"pillars": [5]}, (("pillars", 0), "less_than_equal")),
    ({"pillars": ["2"]}, (("pillars", 0), "int_type")),
    ({"pillars": [True]}, (("pillars", 0), "int_type")),
    ({"pillars": [1, 1]}, (("pillars",), "duplicate-item")),
    ({"pillars": []}, (("pillars",), "too_short")),
    ({"lead_countries": []}, (("lead_countries",), "too_short")),
    ({"lead_countries": ["SN"]}, (("lead_countries", 0), "country-code")),
    ({"lead_countries": ["sen"]}, (("lead_countries", 0), "country-code")),
    ({"cooperation": "global"}, (("cooperation",), "literal_error")),
    ({"status": "done"}, (("status",), "literal_error")),
    ({"id": "Bad_Id"}, (("id",), "id")),
    ({"id": "a" * 81}, (("id",), "id")),
    ({"title": {"fr": "x" * 201}}, (("title", "fr"), "string_too_long")),
    ({"title": {"fr": "one\ntwo"}}, (("title", "fr"), "one-line")),
    ({"title": {"fr": "  "}}, (("title", "fr"), "empty")),
    ({"title": {"de": "Titel"}}, (("title", "de", "[key]"), "literal_error")),
    ({"summary": {"fr": "x" * 601}}, (("summary", "fr"), "string_too_long")),
    ({"period": {"start": "2016-13"}}, (("period", "start"), "year-month")),
    ({"period": {"start": 16}}, (("period", "start"), "year-month")),
    ({"last_reviewed": "22/11/2026"}, (("last_reviewed",), "date")),
    ({"last_reviewed": 20261122}, (("last_reviewed",), "date_type")),
    ({"sources": [{"title": "x", "url": "http://example.org"}]}, (("sources", 0, "url"), "url")),
    ({"sources": [{"title": "x", "url": "javascript:alert(1)"}]}, (("sources", 0, "url"), "url")),
    ({"tittle": {"fr": "x"}}, (("tittle",), "extra_forbidden")),
])
def test_practice_refuses(fields, expected):
    assert expected in errors(Practice, changed(PRACTICE, **fields))


def test_practice_missing_required_field():
    data = copy.deepcopy(PRACTICE)
    del data["cooperation"]
    assert errors(Practice, data) == {(("cooperation",), "missing")}


@pytest.mark.parametrize("removed", ["results", "human_rights", "sources"])
def test_published_practice_needs(removed):
    data = copy.deepcopy(PRACTICE)
    del data[removed]
    assert findings(Practice, data) == {((removed,), "required-when-published")}
    assert findings(Practice, changed(data, status="draft")) == set()


def test_every_text_holds_the_original_language():
    data = changed(PRACTICE, summary={"en": "Only English"})
    assert findings(Practice, data) == {(("summary",), "original-language")}


@pytest.mark.parametrize("start, end, wrong", [
    ("2019-06", 2018, True), ("2019-06", "2019-05", True), (2019, "2018-12", True),
    ("2019-06", 2019, False), (2019, "2019-01", False), ("2019-06", "2019-06", False),
])
def test_period_end_before_start(start, end, wrong):
    data = changed(PRACTICE, period={"start": start, "end": end})
    assert findings(Practice, data) == ({(("period", "end"), "period")} if wrong else set())


def test_an_empty_text_mapping_lacks_the_original_language():
    assert findings(Practice, changed(PRACTICE, title={})) == {(("title",), "original-language")}


def test_week_dates_are_not_dates():
    assert (("last_reviewed",), "date") in errors(Practice,
                                                  changed(PRACTICE, last_reviewed="2026-W47-1"))


@pytest.mark.parametrize("fields, expected", [
    ({"consent": {"profile": "yes", "contact": False}}, (("consent", "profile"), "bool_type")),
    ({"languages": ["xx"]}, (("languages", 0), "language-code")),
    ({"country": "NO"}, (("country",), "country-code")),
    ({"contact": {"email": "not-an-email"}}, (("contact", "email"), "email")),
    ({"contact": {"phone": "33 123 45 67"}}, (("contact", "phone"), "phone")),
    ({"contact": {"phone": 221331234567}}, (("contact", "phone"), "string_type")),
])
def test_expert_refuses(fields, expected):
    assert expected in errors(Expert, changed(EXPERT, **fields))


def test_published_expert_needs_profile_consent():
    data = changed(EXPERT, consent={"profile": False, "contact": False})
    # and without it, what says who the person is may not be in the clear
    assert findings(Expert, data) == {(("consent", "profile"), "consent")} | {
        ((name,), "must-be-sealed") for name in ("name", "country", "languages")}


def test_consent_needs_a_date():
    data = changed(EXPERT, consent={"profile": True, "contact": False})
    assert findings(Expert, data) == {(("consent", "given_on"), "consent")}


def test_example_ids_are_marked_fictional():
    assert findings(Expert, changed(EXPERT, example=False)) == {(("example",), "example")}
    assert findings(Expert, changed(EXPERT, id="real-person")) == {(("example",), "example")}


def test_centre_and_organization_refuse():
    assert (("kind",), "literal_error") in errors(Centre, changed(CENTRE, kind="school"))
    assert (("website",), "url") in errors(Organization,
                                          changed(ORGANIZATION, website="www.x.org"))


def test_vocabulary_needs_terms():
    assert errors(Vocabulary, {"terms": []}) == {(("terms",), "too_short")}
