"""Issue forms for people without Git, and `sskb import-issue` turning a submitted form's
body into a record file."""

import pytest
import yaml
from conftest import REPO

from generator.authoring.issue_forms import (
    EXPERT_CONSENT,
    FOLDER,
    PRACTICE_CONFIRM,
    form_files,
)
from generator.cli import main
from generator.kb.load import read_editors

PRACTICE_FR = """### Langue de cette soumission

fr — français

### Titre

Patrouilles frontalières conjointes

### Résumé

Deux pays organisent des patrouilles communes.

### Description

Les patrouilles ont lieu chaque mois.

- une liste
- de points

### Piliers de la Stratégie antiterroriste mondiale

2 — Mesures visant à prévenir et combattre le terrorisme, 3 — Mesures destinées à étoffer

### Thèmes

border-security — Sécurité des frontières, victims — Victimes du terrorisme

### Régions

africa — Afrique

### Pays chefs de file

sen, MLI

### Pays partenaires

_No response_

### Type de coopération

bilateral — Bilatérale

### Début (année ou année-mois)

2019

### Fin (année ou année-mois), si elle a pris fin

_No response_

### Résultats

Des patrouilles régulières.

### Enseignements tirés

_No response_

### Reproductibilité

_No response_

### Droits de l'homme et droit international

Les patrouilles suivent un code de conduite.

### Sources publiques

Communiqué du ministère | https://example.org/communique
Rapport annuel | https://example.org/rapport

### Soumis par

_No response_

### Confirmation

- [X] {confirm}
"""


def body(**changes) -> str:
    text = PRACTICE_FR.replace("{confirm}", PRACTICE_CONFIRM["fr"])
    for old, new in changes.items():
        text = text.replace(old, new)
    return text


def run(kb, tmp_path, text, *extra):
    issue = tmp_path / "issue.md"
    issue.write_text(text, encoding="utf-8")
    return main(["import-issue", str(issue), "--root", str(kb), *extra])


def test_a_practice_form_becomes_a_valid_draft(kb, tmp_path, capsys):
    assert run(kb, tmp_path, body()) == 0
    path = kb / "practices" / "patrouilles-frontalieres-conjointes.yaml"
    data = yaml.safe_load(path.read_text())
    assert data["status"] == "draft" and data["original_language"] == "fr"
    assert data["pillars"] == [2, 3] and data["themes"] == ["border-security", "victims"]
    assert data["lead_countries"] == ["SEN", "MLI"] and data["cooperation"] == "bilateral"
    assert data["description"]["fr"] == ("Les patrouilles ont lieu chaque mois.\n\n- une liste\n"
                                         "- de points\n")
    assert data["sources"][1] == {"title": "Rapport annuel", "url": "https://example.org/rapport"}
    assert data["period"] == {"start": 2019}
    assert path.read_text().startswith("# yaml-language-server: $schema=../schemas/")
    assert main(["validate", str(kb)]) == 0


def test_missing_answers_are_reported_by_their_label(kb, tmp_path, capsys):
    text = body(**{"Les patrouilles suivent un code de conduite.": "_No response_",
                   "Communiqué du ministère | https://example.org/communique\n"
                   "Rapport annuel | https://example.org/rapport": "_No response_",
                   "- [X] ": "- [ ] "})
    assert run(kb, tmp_path, text) == 1
    out = capsys.readouterr().out
    assert "missing: Droits de l'homme et droit international" in out
    assert "missing: Sources publiques" in out and "missing: Confirmation" in out
    assert not list((kb / "practices").glob("patrouilles*"))


def test_answers_the_validator_refuses_are_reported_and_nothing_is_written(kb, tmp_path,
                                                                           capsys):
    assert run(kb, tmp_path, body(**{"sen, MLI": "XYZ"})) == 1
    out = capsys.readouterr().out
    assert "lead_countries[0]: 'XYZ' is not an ISO 3166-1 alpha-3 country code" in out
    assert not list((kb / "practices").glob("patrouilles*"))


def test_an_expert_form_records_consent_with_its_date(kb, tmp_path, capsys):
    text = f"""### Language of this submission

en — English

### Name

Fatou Example

### Institution

_No response_

### Country (ISO 3166-1 alpha-3 code)

SEN

### Languages you speak (ISO 639-1 codes)

fr, wo

### Themes of expertise

victims — Victims of terrorism

### Regions where you have worked

_No response_

### Short professional biography

Works with victims' associations.

### Consent

- [X] {EXPERT_CONSENT["profile"]["en"]}
- [X] {EXPERT_CONSENT["no_contact"]["en"]}
"""
    assert run(kb, tmp_path, text, "--id", "example-fatou", "--date", "2026-05-04") == 1
    # The id says it is an example but the form does not: the validator explains.
    assert "example: must be true exactly when the id starts with 'example-'" in (
        capsys.readouterr().out)
    assert run(kb, tmp_path, text, "--id", "fatou-example", "--date", "2026-05-04") == 0
    data = yaml.safe_load((kb / "content/experts/fatou-example.yaml").read_text())
    assert data["consent"] == {"profile": True, "contact": False, "given_on": "2026-05-04"}
    assert data["status"] == "draft" and data["languages"] == ["fr", "wo"]


def test_something_else_is_refused(kb, tmp_path, capsys):
    assert run(kb, tmp_path, "Hello, I would like to help.") == 1
    assert "not the body of a practice, expert or exchange request form" in \
        capsys.readouterr().out


@pytest.mark.parametrize("name", sorted(form_files(REPO)))
def test_committed_forms_are_generated_from_their_description(name):
    assert (REPO / FOLDER / name).read_text(encoding="utf-8") == form_files(REPO)[name]


def test_there_are_practice_expert_and_exchange_forms_in_english_and_french():
    names = set(form_files(REPO))
    for form in ("practice", "expert", "exchange-request"):
        assert {f"{form}-en.yml", f"{form}-fr.yml"} <= names


@pytest.mark.parametrize("contact", [
    "fatou.sow@example.org", "fatou.sow＠example.org", "fatou.sow (at) example (dot) org",
    "fatou.sow\u00ad@example.org", "+221 77 444 55 66", "00221 77 444 55 66",
    "77 444 55 66"])
def test_an_expert_issue_with_contact_details_is_refused(kb, tmp_path, capsys, contact):
    """The issue is public: contact details reach the editors privately, never through it.
    Nothing is written, and the refusal does not repeat the value."""
    text = f"""### Language of this submission

en — English

### Name

Fatou Example

### Country (ISO 3166-1 alpha-3 code)

SEN

### Short professional biography

Works with victims' associations. Reach me at {contact}.

### Consent

- [X] {EXPERT_CONSENT["profile"]["en"]}
- [X] {EXPERT_CONSENT["no_contact"]["en"]}
"""
    assert run(kb, tmp_path, text, "--id", "fatou-example") == 1
    out = capsys.readouterr().out
    assert "Short professional biography: holds an email address or a phone number" in out
    assert contact not in out and "444" not in out and "example.org" not in out
    assert not (kb / "content/experts/fatou-example.yaml").exists()


def test_the_expert_form_asks_for_no_contact_and_gives_the_private_route():
    form = yaml.safe_load(form_files(REPO)["expert-en.yml"])
    ids = {element.get("id") for element in form["body"]}
    assert not {i for i in ids if i and ("contact" in i or "email" in i or "phone" in i)}
    notice = form["body"][0]["attributes"]["value"]
    assert "public as soon as it is opened" in notice
    assert read_editors(REPO).email in notice
