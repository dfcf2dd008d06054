"""The fields the good-practice collections readers know use (challenge, target groups,
evaluation, status, supported by): validated, shown on the page, in the exports and the
handbook, and South-South told from triangular."""

import html
from datetime import date

from generator.build.handbook import make_edition
from generator.cli import main
from generator.kb.validate import load_knowledge_base
from generator.site.exports import Exporter
from generator.site.insight import per_region_support
from generator.site.render import render_language
from generator.site.settings import Settings, settings
from generator.site.view import make_view

PRACTICE = "practices/test-border-practice.yaml"
FIELDS = """challenge:
  fr: |
    Des frontières poreuses.
target_groups: [border-customs, women]
evaluation: not-evaluated
status_of_activity: completed
supported_by:
  - country: JPN
    role: funder
  - organization: test-body
    role: implementing-partner
"""


def with_fields(kb):
    path = kb / PRACTICE
    path.write_text(path.read_text(encoding="utf-8") + FIELDS, encoding="utf-8")
    loaded, problems = load_knowledge_base(kb)
    assert problems == []
    return make_view(loaded)


def test_page_shows_the_fields_in_the_page_language(kb):
    view = with_fields(kb)
    page = html.unescape(render_language(view, "es", Settings(today=date(2026, 12, 1)))[
        "practices/test-border-practice.md"])
    assert '<span data-pagefind-filter="Destinatario">Funcionarios de fronteras y aduanas' \
        '</span>' in page
    assert '<span data-pagefind-filter="Apoyo">Triangular (con apoyo de fuera del Sur)' in page
    assert "<strong>Con el apoyo de:</strong> Japón (financiador)" in page
    assert "(socio ejecutor)" in page
    assert "<strong>Estado:</strong> Concluida" in page
    assert "## Desafío" in page and "Des frontières poreuses." in page
    assert "## Evaluación" in page
    assert "Las fuentes consultadas no dan cuenta de ninguna evaluación" in page


def test_exports_and_handbook_carry_the_fields(kb):
    view = with_fields(kb)
    (row,) = [r for r in Exporter(view, "en", Settings()).rows("practice")
              if r["id"] == "test-border-practice"]
    assert row["target_groups"] == ["border-customs", "women"]
    assert row["target_groups_labels"] == ["Border and customs officials", "Women"]
    assert (row["evaluation"], row["status_of_activity"], row["support"]) == \
        ("not-evaluated", "completed", "triangular")
    assert row["supported_by"][0] == "Japan (funder)"
    assert (row["challenge"], row["challenge_language"]) == \
        ("Des frontières poreuses.\n", "fr")
    web = make_edition(view, "en", settings({}, "en"), date(2026, 12, 1), 0, None).web
    assert "Japan (funder)" in web and "Border and customs officials" in web
    assert "The sources consulted report no evaluation of this practice." in web


def test_south_south_and_triangular_are_counted_apart(kb):
    before = dict((region, (south, tri)) for region, south, tri in
                  per_region_support(make_view(load_knowledge_base(kb)[0])))
    assert before["africa"] == (1, 0)
    after = dict((region, (south, tri)) for region, south, tri in
                 per_region_support(with_fields(kb)))
    assert after["africa"] == (0, 1)


def test_a_supporter_must_be_named(kb, capsys):
    path = kb / PRACTICE
    path.write_text(path.read_text(encoding="utf-8") +
                    "supported_by:\n  - role: funder\n", encoding="utf-8")
    assert main(["validate", str(kb)]) == 1
    assert "supported_by[0]: names no supporter" in capsys.readouterr().out
