"""Requests for expertise: validated like every record, imported from the exchange request
form, matched with what the knowledge base offers (expected matches written by hand), and
shown on their pages, the index, the coverage matrix, the exports and the handbook."""

import html
import json
from datetime import date

import yaml

from generator.authoring.import_issue import import_issue
from generator.build.handbook import make_edition
from generator.cli import main
from generator.kb.validate import load_knowledge_base
from generator.site.exports import export_files
from generator.site.insight import coverage
from generator.site.matching import matches
from generator.site.render import render_language
from generator.site.settings import Settings, settings
from generator.site.view import make_view

EDITORIAL = """sources:
  - title: A public source
    url: https://example.org/{id}
"""
PRACTICES = {
    "test-asia-border-practice": """id: test-asia-border-practice
status: published
original_language: en
title:
  en: Fictional border practice in Asia
summary:
  en: A second fictional practice.
description:
  en: A description.
pillars: [2]
themes: [border-security]
regions: [asia]
lead_countries: [IDN]
cooperation: bilateral
period:
  start: 2018
results:
  en: Results.
human_rights:
  en: Human rights.
""",
    "test-victims-practice": """id: test-victims-practice
status: published
original_language: en
title:
  en: Fictional practice with victims
summary:
  en: A third fictional practice.
description:
  en: A description.
pillars: [3, 4]
themes: [victims]
regions: [africa]
lead_countries: [KEN]
cooperation: regional
period:
  start: 2019
results:
  en: Results.
human_rights:
  en: Human rights.
""",
}
REQUEST = """id: example-border-request
status: published
original_language: en
example: true
title:
  en: Help with border security and victims
requesting_country: SEN
need_kind: expert
need:
  en: |
    Border officials need an exchange with a country that runs joint border posts.
themes: [border-security, victims]
pillars: [3]
regions: [africa]
languages: [fr, en]
state: open
opened_on: 2026-11-02
"""


def with_requests(kb):
    for record_id, text in PRACTICES.items():
        (kb / "practices" / f"{record_id}.yaml").write_text(
            text + EDITORIAL.format(id=record_id), encoding="utf-8")
    (kb / "content" / "requests").mkdir()
    (kb / "content" / "requests" / "example-border-request.yaml").write_text(
        REQUEST, encoding="utf-8")
    loaded, problems = load_knowledge_base(kb)
    assert problems == []
    return make_view(loaded)


def test_matches_are_the_ones_expected_in_their_order(kb):
    view = with_requests(kb)
    found = matches(view, view.requests["example-border-request"])
    practices = [(m.record.id, m.score, m.shared) for m in found["practice"]]
    assert practices == [
        ("test-border-practice", 7, (("themes", "border-security"), ("pillars", 3),
                                     ("regions", "africa"), ("languages", "fr"))),
        ("test-victims-practice", 7, (("themes", "victims"), ("pillars", 3),
                                      ("regions", "africa"), ("languages", "en"))),
        ("test-asia-border-practice", 4, (("themes", "border-security"),
                                          ("languages", "en")))]
    assert [(m.record.id, m.score) for m in found["centre"]] == [("test-centre", 7)]
    assert [(m.record.id, m.shared) for m in found["expert"]] == [
        ("example-test-expert", (("themes", "victims"), ("languages", "en")))]


def test_request_page_index_matrix_exports_and_handbook(kb):
    view = with_requests(kb)
    pages = render_language(view, "en", Settings(site_name="Test", today=date(2026, 12, 1)))
    page = html.unescape(pages["requests/example-border-request.md"])
    assert "This is a fictional example request" in page
    assert "**What is needed:** An expert to invite" in page
    assert "**Languages wanted:** French, English" in page
    ranked = [page.index(title) for title in ("Fictional border security practice",
                                              "Fictional practice with victims",
                                              "Fictional border practice in Asia")]
    assert ranked == sorted(ranked)
    assert "(shares: Border security, Pillar 3, Africa, French)" in page
    assert "Help with border security and victims" in html.unescape(
        pages["requests/index.md"])
    matrix = coverage(view, "themes")
    assert [q.id for q in matrix.requests[("border-security", "africa")]] == \
        ["example-border-request"]
    assert "1 open requests" in html.unescape(pages["insight.md"])
    rows = json.loads("".join(dict(export_files(view, "en", Settings()))["requests.json"]))
    assert (rows[0]["id"], rows[0]["requesting_country_label"], rows[0]["state"]) == \
        ("example-border-request", "Senegal", "open")
    web = make_edition(view, "en", settings({}, "en"), date(2026, 12, 1), 0, None).web
    assert "Help with border security and victims" in web


def test_closed_request_leaves_the_matrix(kb):
    view = with_requests(kb)
    path = kb / "content" / "requests" / "example-border-request.yaml"
    path.write_text(REQUEST.replace("state: open", "state: closed\nclosed_on: 2026-11-20"),
                    encoding="utf-8")
    view = make_view(load_knowledge_base(kb)[0])
    assert coverage(view, "themes").requests == {}


def test_invalid_requests_name_file_line_and_field(kb, capsys):
    with_requests(kb)
    path = kb / "content" / "requests" / "example-border-request.yaml"
    path.write_text(REQUEST.replace("requesting_country: SEN\n", "")
                    .replace("state: open", "state: pending"), encoding="utf-8")
    assert main(["validate", str(kb)]) == 1
    out = capsys.readouterr().out
    assert "content/requests/example-border-request.yaml:" in out
    assert "state: 'pending' is not one of the allowed values" in out
    path.write_text(REQUEST.replace("requesting_country: SEN\n", ""), encoding="utf-8")
    assert main(["validate", str(kb)]) == 1
    assert "requesting_country: names no requester" in capsys.readouterr().out


FORM = """### Votre demande, en une ligne

Échange sur les postes frontaliers communs

### Pays ou organisme demandeur

Senegal

### Thèmes

border-security — Sécurité des frontières

### Besoin

Une formation

### Description du besoin

Nos agents des frontières souhaitent un échange avec un pays qui gère des postes
frontaliers communs.

### Langues souhaitées

fr, English
"""


def test_the_exchange_request_form_becomes_a_draft_request(kb):
    path = import_issue(kb, FORM, consent_date=date(2026, 11, 30))
    assert path == kb / "content" / "requests" / \
        "echange-sur-les-postes-frontaliers-communs.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert {key: data[key] for key in ("status", "original_language", "requesting_country",
                                       "need_kind", "themes", "languages", "state")} == {
        "status": "draft", "original_language": "fr", "requesting_country": "SEN",
        "need_kind": "training", "themes": ["border-security"], "languages": ["fr", "en"],
        "state": "open"}
    assert data["opened_on"] == "2026-11-30"
    assert data["need"]["fr"].startswith("Nos agents des frontières")
